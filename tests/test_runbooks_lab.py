"""Every runbook over every lab profile: the loop that keeps the guidance correct.

The kernel runs inside each lab device (run --lab). Expected verdicts come from the scenario
table and the fix-flow outcomes, so the runbooks, the CLI and the library must agree.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jetson_gpu_access.exitcodes import Exit
from jetson_gpu_access.lab import profiles
from test_fix_flow import OUTCOME
from test_scenarios import EXPECTED

VERDICT = {"problem": "fail", "warning": "warn", "healthy": "pass"}


@pytest.mark.parametrize("name", profiles.names())
def test_runbooks_in_every_profile(lab, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    lab.discard(name)  # the runner brings up its own copy, changes it, and takes it down
    out = tmp_path / name
    result = lab.cli("run", "diagnose", "fix", "verify", "--lab", name, "-p", "apply", "true", "--out", str(out))
    results = {r: json.loads((out / r / "result.json").read_text()) for r in ("diagnose", "fix", "verify")}
    for value in results.values():
        assert value["provenance"] == {**value["provenance"], "kind": "SIMULATED lab profile", "profile": name}
        assert (out / value["runbook"] / "junit.xml").is_file()
    expected_diagnosis = VERDICT[EXPECTED[(name, None)][0].value]
    fixed = OUTCOME[name][1]
    assert results["diagnose"]["verdict"] == expected_diagnosis, results["diagnose"]["checks"]
    assert results["fix"]["verdict"] == fixed, results["fix"]["checks"]
    assert results["verify"]["verdict"] == fixed, results["verify"]["checks"]
    status = {c["id"]: c["status"] for c in results["fix"]["checks"]}
    if OUTCOME[name][0] == "changes":
        assert status["apply"] == "fixed" and status["verify:login"] == "pass" and status["cuda:login"] == "pass"
    worst = Exit.PROBLEM if "fail" in (expected_diagnosis, fixed) else Exit.OK
    assert result.returncode == worst, result.stderr
    assert "SIMULATED lab profile `{}`".format(name) in (out / "summary.md").read_text()
