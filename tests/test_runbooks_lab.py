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


# JetPack 7: Thor on 7.0 and 7.1 (OpenRM), Orin on 7.2 (nvgpu, Ubuntu 24.04); each must stay in the set below
JETPACK7 = {"jp7-thor": "R38", "jp70-thor-tk118rc1-created": "R38", "jp71-thor-tk118-created": "R38",
            "jp71-thor-tk1190-created": "R38", "jp72-orin-tk1191-created": "R39"}


def test_the_jetpack7_profiles_are_among_those_the_runbooks_run_on() -> None:
    assert set(JETPACK7) <= set(profiles.names())
    for name, release in JETPACK7.items():
        assert profiles.load(name).raw["platform"]["release"].startswith("# {} ".format(release)), name


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


# --- the migrate runbook's toolkit-upgrade section, inside band profiles, against the kernel ----

# (profile, whether access survives 1.19.1): one container ready for the upgrade, one that is not
UPGRADE_PROFILES = [("tk116-created-prepared", True), ("tk116-created", False)]


@pytest.mark.parametrize(("name", "survives_1191"), UPGRADE_PROFILES)
def test_migrate_previews_every_toolkit_upgrade_as_the_lab_finds_it(lab, tmp_path: Path, open_dir: str, name: str,
                                                                     survives_1191: bool) -> None:  # type: ignore[no-untyped-def]
    """The runbook's verdict per version is what the kernel decides on the upgraded band profile:
    a "survives" the lab does not confirm fails here, and so does a "breaks" it does not."""
    from jetson_gpu_access import toolkit
    from test_injection import opened_after_upgrade

    lab.discard(name)
    out = tmp_path / "out"
    render = profiles.load(name).raw["devices"]["gids"]["render"]
    dockerfile = Path(__file__).resolve().parent.parent / "docs" / "examples" / "Dockerfile.jp5"
    result = lab.cli("run", "migrate", "--lab", name, "-p", "toolkit", "all", "-p", "host_gids",
                     "render={}".format(render), "-p", "dockerfile", str(dockerfile), "--out", str(out))
    checks = {c["id"]: c for c in json.loads((out / "migrate" / "result.json").read_text())["checks"]}
    assert "dockerfile:render-without-gid" in checks, checks   # a host file given as a parameter reaches the lab kernel
    assert (out / "migrate" / "result.json").is_file() and "Toolkit upgrade" in (out / "migrate" / "migrate.ipynb").read_text()
    for version in toolkit.upgrade_targets():
        check = checks["toolkit:" + version]
        opened = opened_after_upgrade(name, version, open_dir)
        denied = {path for view in opened.values() for path, ok in view.items() if not ok}
        assert check["status"] == ("fail" if denied else "pass"), (version, check, opened)
        for view, nodes in opened.items():
            line = next(e for e in check["evidence"] if e.startswith(view + ": "))
            assert ("SURVIVES" in line) == all(nodes.values()), (version, line, nodes)
            assert all(path in line for path, ok in nodes.items() if not ok), (version, line, nodes)
        assert "INFERRED" in check["title"]
    assert (checks["toolkit:1.19.1"]["status"] == "pass") is survives_1191
    assert result.returncode == (Exit.OK if all(c["status"] != "fail" for c in checks.values()) else Exit.PROBLEM)


def test_migrate_refuses_a_toolkit_that_is_not_a_version(lab, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = lab.cli("run", "migrate", "--lab", UPGRADE_PROFILES[0][0], "-p", "toolkit", "1.19.1,latest",
                     "--out", str(tmp_path / "out"))
    assert result.returncode == Exit.USAGE and "'latest' is not a toolkit version" in result.stderr, result.stderr


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
