"""Every runbook over every lab profile: the loop that keeps the guidance correct.

The kernel runs inside each lab device (run --lab). Expected verdicts come from the scenario
table and the fix-flow outcomes, so the runbooks, the CLI and the library must agree.
"""

from __future__ import annotations

import json
import os
import subprocess
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


# --- the fix runbook in a kernel that is not root: plan saved, root applies it, the next cell checks --

BROKEN = "jp61-container-ubuntu-ssh"


def user_kernel(home: Path, python: str, device: str, runtime: Path, out: Path) -> str:
    """A kernelspec whose kernel runs as the device's session user (a login's groups)."""
    from jetson_gpu_access import kernels

    argv = kernels.lab_argv(device, str(runtime), str(out), user=profiles.load(device).session_user)
    kernels.write_kernelspec(str(home), "jga-user", [python, *argv[1:]], {"PYTHONWARNINGS": "ignore",
                                                                          **kernels.lab_env()})
    return "jga-user"


def test_fix_as_the_user_hands_the_plan_to_root(lab, public_python: str, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import shlex

    import nbformat
    from nbclient import NotebookClient

    from jetson_gpu_access import kernels
    from jetson_gpu_access.lab import sandbox
    from jetson_gpu_access.runner import RUNBOOK_DIR

    lab.fresh(BROKEN)
    user = profiles.load(BROKEN).session_user
    uid = profiles.load(BROKEN).uid_of(user)
    home, runtime, out = tmp_path / "jupyter", tmp_path / "runtime", tmp_path / "out"
    for folder in (home, runtime, out):
        folder.mkdir(mode=0o755)
    os.chown(out, uid, uid)  # the kernel writes the result and the plan as the user
    monkeypatch.setenv("JUPYTER_PATH", str(home))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(runtime))
    notebook = nbformat.read(str(RUNBOOK_DIR / "fix.ipynb"), as_version=4)
    injected = nbformat.v4.new_code_cell("result_path = {!r}".format(str(out / "result.json")))  # as papermill does
    notebook.cells.insert(2, injected)
    client = NotebookClient(notebook, kernel_name=user_kernel(home, public_python, BROKEN, runtime, out),
                            kernel_manager_class=kernels.QuietKernelManager, timeout=300,
                            resources={"metadata": {"path": str(out)}})
    code = [(i, c) for i, c in enumerate(notebook.cells) if c.cell_type == "code"]
    follow_up = next(i for i, c in code if "verify_fix" in c.source)
    with client.setup_kernel():
        for index, cell in code:
            client.execute_cell(cell, index)  # raises on any error output, the gate's included
        first = json.loads((out / "result.json").read_text())
        status = {c["id"]: c for c in first["checks"]}
        assert first["verdict"] == "warn" and status["apply"]["status"] == "warn", first["checks"]
        assert status["verify"]["status"] == "skip"  # not applied yet: says so instead of failing
        shown = status["apply"]["evidence"][0]
        words = shlex.split(shown)
        assert words[0] == "sudo" and words[-1] == "--apply" and "--allow-root" not in words
        plan_file = Path(words[words.index("--plan") + 1])
        assert plan_file.is_file() and json.loads(plan_file.read_text())["user"] == user
        assert shown in "".join(o.get("text", "") for o in notebook.cells[code[-1][0]].outputs)  # the gate ends with it

        applied = subprocess.run(sandbox.exec_argv(BROKEN, "root", "process", words[1:], binds=[(str(out), False)]),
                                 capture_output=True, text=True, timeout=120, check=False)
        assert applied.returncode == 0, (shown, applied.stderr)  # exactly the printed command, by root

        for index, cell in code:
            if index >= follow_up:
                client.execute_cell(cell, index)
    after = {c["id"]: c for c in json.loads((out / "result.json").read_text())["checks"]}
    assert after["apply"]["status"] == "fixed" and "verify" not in after
    assert after["verify:login"]["status"] == "skip" and "every needed node opens" in after["verify:login"]["evidence"][0]
    assert after["verify:process"]["status"] == "warn", after["verify:process"]  # the kernel predates its new group
    assert "log in again" in after["verify:process"]["evidence"][0]
    login = lab.cli("lab", "ssh", BROKEN, user, "--", "jetson-gpu-access", "verify")  # a new login: the real proof
    assert login.returncode == 0, login.stdout + login.stderr
    lab.discard(BROKEN)
