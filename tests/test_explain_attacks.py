"""Pastes an outside attack wrote against explain's rules (tests/data/explain_attacks.yaml), each with what a right
reading must hold: negated, asked or reported words are no symptom; a Jetson flashed from WSL is a Jetson; a seat
guards only a render-node GPU; a module bound yields to what the paste shows; two boards compared are no image on
another release's driver."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import pytest
import yaml

from jetson_gpu_access.explain import explain

CASES: List[Dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "data" / "explain_attacks.yaml").read_text())


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_an_attack_paste_gets_a_right_reading(case: Dict[str, Any]) -> None:
    cause = explain(case["text"]).cause
    possible = (cause.id,) + cause.also_possible
    assert cause.id == case.get("cause_is", cause.id), cause
    assert cause.id in case.get("cause_in", [cause.id]) and cause.id not in case.get("cause_not", []), cause
    assert case.get("possible", cause.id) in possible and case.get("impossible") not in possible, cause
    assert case.get("why_lacks", "\0") not in cause.why.text and (cause.also_possible or not case.get("also_nonempty")), cause


def test_a_node_a_program_retries_is_one_absent_node_and_a_short_reading() -> None:
    """A pipeline that retries an absent node logs it thousands of times: one absent node, and a reading whose size
    does not grow with the log."""
    from jetson_gpu_access.explain import render_text

    release = "# R35 (release), REVISION: 4.1, GCID: 33958178, BOARD: t186ref, EABI: aarch64, DATE: Tue Aug  1 19:57:35 UTC 2023\n"
    text = release + "".join("[{}.{:06d}] [ERROR] (NvV4l2Element.cpp:63) <enc0> Could not open device '/dev/nvhost-msenc': "
                             "No such file or directory\n".format(i // 1000, i % 1000) for i in range(3000))
    result = explain(text)
    assert [a.value for a in result.observed.absent] == ["/dev/nvhost-msenc"]
    assert len(render_text(result)) < 20000
