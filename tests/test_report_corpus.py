"""explain over texts quoted from public issues (tests/data/report_corpus.yaml), against readings
written by hand: error classes, L4T and JetPack (or an honest unknown), node listings, group
lists, /etc/group lines, container launches. Every field is compared, so a reading explain
invents where the text shows nothing fails as surely as one it misses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from jetson_gpu_access.explain import explain

CORPUS: List[Dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "data" / "report_corpus.yaml").read_text())
LAUNCH_DEFAULTS = {"group_add": [], "devices": [], "user": None, "privileged": False, "runtime": None,
                   "dev_mount": False, "image": None}


def reading(text: str) -> Dict[str, Any]:
    """What explain read from ``text``, in the corpus's notation."""
    result = explain(text)
    seen = result.observed
    return {
        "errors": [m.id for m in result.matches],
        "l4t": seen.l4t,
        "jetpack": list(seen.jetpack),
        "jetpack_stated": seen.jetpack_stated,
        "model": seen.model,
        "nodes": [[n.path, n.owner, n.group, "{:04o}".format(n.mode), n.acl, n.major, n.minor] for n in seen.nodes],
        "session_user": seen.session_user,
        "session_groups": list(seen.session_groups),
        "group_lines": [[g.name, g.gid, list(g.members)] for g in seen.group_lines],
        "launches": [{"source": x.source, "group_add": list(x.group_add), "devices": list(x.devices), "user": x.user,
                      "privileged": x.privileged, "runtime": x.runtime, "dev_mount": x.dev_mount, "image": x.image}
                     for x in seen.launches],
    }


def expected(entry: Dict[str, Any]) -> Dict[str, Any]:
    want = dict({"errors": [], "l4t": None, "jetpack": [], "jetpack_stated": None, "model": None, "nodes": [], "session_user": None,
                 "session_groups": [], "group_lines": [], "launches": []}, **entry["expect"])
    for key in ("l4t", "jetpack_stated"):
        want[key] = None if want[key] is None else str(want[key])
    want["launches"] = [dict(LAUNCH_DEFAULTS, **launch) for launch in want["launches"]]
    return want


def test_the_corpus_is_big_and_sourced() -> None:
    assert len(CORPUS) >= 40
    assert len({e["url"] for e in CORPUS}) == len(CORPUS)
    assert all(e["url"].startswith("https://github.com/") and e["text"].strip() for e in CORPUS)
    releases = {str(e["expect"].get("l4t", "")).split(".")[0] for e in CORPUS}
    assert {"28", "32", "35", "36", "38"} <= releases  # JetPack 3 (out of the tables) to 7


@pytest.mark.parametrize("entry", CORPUS, ids=lambda e: e["url"].split("github.com/")[1])
def test_reading_matches_the_hand_written_one(entry: Dict[str, Any]) -> None:
    assert reading(entry["text"]) == expected(entry), entry["about"]


CORPUS_LINES = sorted({line for e in CORPUS for line in e["text"].splitlines()})


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(CORPUS_LINES) | st.text(max_size=60), max_size=10))
def test_mixed_pastes_never_invent_observations(lines: List[str]) -> None:
    """Lines of different reports shuffled together with noise: every observation is in the text."""
    text = "\n".join(lines)
    seen = explain(text).observed
    flat = " ".join(text.split())
    assert seen.l4t is None or (seen.l4t.split(".")[1] in text and seen.l4t.split(".")[0] in text)
    assert seen.jetpack_stated is None or seen.jetpack_stated in text
    assert all(n.path.rsplit("/", 1)[-1] in text and n.owner in text and n.group in text for n in seen.nodes)
    assert seen.session_user is None or "({})".format(seen.session_user) in text
    assert all(g in flat for g in seen.session_groups)
    assert all("{}:".format(g.name) in text and str(g.gid) in text for g in seen.group_lines)
    for launch in seen.launches:
        assert launch.source.split()[0] in text or "group_add" in text or "devices:" in text or "runtime:" in text
        assert all(value in text for value in launch.group_add + launch.devices)
        assert launch.image is None or launch.image in text
