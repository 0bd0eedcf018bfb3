"""fleet/playbook.yml with ansible-core against seven SIMULATED lab devices, end to end.

Six devices answer on their own loopback sshd (three profiles, three cohorts); one is brought
up and stopped again, so Ansible cannot reach it. The playbook runs twice, as the how-to says:
in check mode (the fix on ssh-box-3 only plans), then for real (it applies). The report must
group the hosts as written by hand below, flag ssh-box-3 as the one that differs from its
cohort, list offline-1 as unreachable, and match docs/lab/fleet-report.json (``UPDATE_DOCS=1``
rewrites it). Every device and SSH connection master is gone at the end.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict

import pytest

from conftest import lab_processes
from jetson_gpu_access import fleet as report_module
from jetson_gpu_access.exitcodes import Exit
from jetson_gpu_access.lab import fleet, sandbox
from jetson_gpu_access.serde import to_jsonable

PAGE = Path(__file__).resolve().parent.parent / "docs" / "lab" / "fleet-report.json"
ORIN = "NVIDIA Jetson AGX Orin Developer Kit"
REACHABLE = [m.name for m in fleet.DEFAULT_FLEET if not m.stopped]


def stable(report: report_module.FleetReport) -> Dict[str, Any]:
    """The report without what differs from run to run (ports in error messages)."""
    data: Dict[str, Any] = to_jsonable(report)
    data["results"] = [dict(h, message="") for h in data["results"]]
    data["unfinished"] = [dict(h, message="") for h in data["unfinished"]]
    return data


def result(results: Path, host: str, runbook: str) -> Dict[str, Any]:
    value: Dict[str, Any] = json.loads((results / host / "runbooks" / runbook / "result.json").read_text())
    return value


@pytest.fixture(scope="module")
def fleet_runs(lab, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The lab fleet up once, the playbook in check mode and then for real; everything down after."""
    if shutil.which("ansible-playbook", path=os.path.dirname(sys.executable)) is None:
        pytest.skip("ansible-core is not installed: the fleet extra (make test installs it) needs Python 3.10+ on the controller")
    work = tmp_path_factory.mktemp("fleet")
    inventory = work / "inventory.yml"
    try:
        inventory.write_text(fleet.start(fleet.DEFAULT_FLEET, fleet.runner_environment(str(work / "venv"))))
        group = (Path(lab.home) / "ssh-box-3" / "root" / "etc" / "group").read_text()
        checked = fleet.playbook(str(inventory), str(work / "check"), str(work), check=True)
        group_after_check = (Path(lab.home) / "ssh-box-3" / "root" / "etc" / "group").read_text()
        applied = fleet.playbook(str(inventory), str(work / "apply"), str(work))
        yield {"work": work, "check": checked, "apply": applied, "group": group, "group_after_check": group_after_check}
    finally:
        for member in fleet.DEFAULT_FLEET:
            sandbox.down(member.name)
        sandbox.reap()


def test_unreachable_and_failing_hosts_do_not_stop_the_run(fleet_runs) -> None:  # type: ignore[no-untyped-def]
    for run in ("check", "apply"):
        outcome = fleet_runs[run]
        assert outcome.returncode == 0, outcome.stdout[-4000:]
        records = {m.name: json.loads((fleet_runs["work"] / run / m.name / "host.json").read_text())
                   for m in fleet.DEFAULT_FLEET}
        assert records["offline-1"]["status"] == "unreachable"
        # Ansible words it "Connection refused", or "Data could not be sent" when ssh has already
        # exited as Ansible writes the module to its stdin (pipelining): a race in Ansible, not here.
        message = records["offline-1"]["message"]
        assert "127.0.0.1" in message and "ssh" in message.lower(), message
        for name in REACHABLE:
            assert (records[name]["status"], records[name]["stage"]) == ("ok", "done"), (run, records[name]["message"])
            assert records[name]["check_mode"] is (run == "check")


def test_results_junit_and_notebooks_come_back(fleet_runs) -> None:  # type: ignore[no-untyped-def]
    results = fleet_runs["work"] / "apply"
    for name in REACHABLE:
        runbooks = ["diagnose", "fix", "verify"] if name == "ssh-box-3" else ["diagnose", "verify"]
        assert sorted(p.name for p in (results / name / "runbooks").iterdir() if p.is_dir()) == runbooks
        for runbook in runbooks:
            folder = results / name / "runbooks" / runbook
            assert {"result.json", "junit.xml", "summary.md", runbook + ".ipynb"} <= {p.name for p in folder.iterdir()}
            assert result(results, name, runbook)["provenance"]["kind"] == "SIMULATED lab profile"
        facts = json.loads((results / name / "facts.json").read_text())["facts"]
        assert facts["tool_version"] and facts["platform"]["l4t"]
    assert not (results / "offline-1" / "runbooks").exists()
    workdir = "/var/tmp/jetson-gpu-access-fleet"  # the role's default jga_workdir
    for command, meaning in ((["test", "-d", workdir], "the working folder stays"),
                             (["test", "!", "-e", workdir + "/results"], "the results are gone from the host")):
        login = subprocess.run(sandbox.ssh_argv("agx-1", "root", command), capture_output=True, timeout=60, check=False)
        assert login.returncode == 0, meaning


def test_fix_only_plans_in_check_mode_and_applies_after(fleet_runs) -> None:  # type: ignore[no-untyped-def]
    planned = result(fleet_runs["work"] / "check", "ssh-box-3", "fix")
    applied = result(fleet_runs["work"] / "apply", "ssh-box-3", "fix")
    assert "fixed" not in {c["status"] for c in planned["checks"]}
    assert fleet_runs["group_after_check"] == fleet_runs["group"], "check mode changed /etc/group"
    assert result(fleet_runs["work"] / "check", "ssh-box-3", "verify")["verdict"] == "fail"
    assert "fixed" in {c["status"] for c in applied["checks"]}
    assert result(fleet_runs["work"] / "apply", "ssh-box-3", "verify")["verdict"] == "pass"
    for twin in ("ssh-box-1", "ssh-box-2"):  # no jga_fix: never fixed
        assert not (fleet_runs["work"] / "apply" / twin / "runbooks" / "fix").exists()
        assert result(fleet_runs["work"] / "apply", twin, "verify")["verdict"] == "fail"


def test_report_groups_flags_outlier_and_unreachable(fleet_runs) -> None:  # type: ignore[no-untyped-def]
    report = report_module.build(report_module.load(str(fleet_runs["work"] / "apply")), required=95.0)
    assert [(c.board, c.jetpack, c.image, c.hosts, c.healthy) for c in report.cohorts] == [
        (ORIN, "5.1.2", "no container, Ubuntu 20.04.6 LTS", ("jp51-agx-1",), 1),
        (ORIN, "6.1", "no container, Ubuntu 22.04.5 LTS", ("agx-1", "agx-2"), 2),
        ("unknown", "6.1", fleet.IMAGE, ("ssh-box-1", "ssh-box-2", "ssh-box-3"), 1)]
    ssh_boxes = report.cohorts[2]
    assert {d.host for d in ssh_boxes.differences} == {"ssh-box-3"}
    assert {(d.item, d.host_value, d.cohort_value) for d in ssh_boxes.differences} >= {
        ("verify verdict", "pass", "fail"), ("verify/verify:login", "pass", "fail")}
    assert [(h.host, h.status) for h in report.unfinished] == [("offline-1", "unreachable")]
    assert (report.hosts, report.healthy, report.pass_rate, report.meets_requirement) == (7, 4, 57.1, False)
    assert report.simulated == 7
    if os.environ.get("UPDATE_DOCS"):
        PAGE.write_text(json.dumps(stable(report), indent=2) + "\n", encoding="utf-8")
    assert json.loads(PAGE.read_text(encoding="utf-8")) == stable(report), \
        "docs/lab/fleet-report.json is stale: rerun with UPDATE_DOCS=1"


def test_report_cli_gate_on_the_fetched_results(fleet_runs) -> None:  # type: ignore[no-untyped-def]
    results = str(fleet_runs["work"] / "apply")
    argv = [sys.executable, "-m", "jetson_gpu_access", "fleet", "report", results]
    tools = str(Path(__file__).resolve().parent.parent / "tools")
    below = subprocess.run(argv + ["--require", "95%"], cwd=tools, capture_output=True, text=True, timeout=60, check=False)
    assert below.returncode == Exit.PROBLEM
    assert "| ssh-box-3 | `verify verdict` | pass | fail |" in below.stdout
    assert "| offline-1 | unreachable |" in below.stdout
    met = subprocess.run(argv + ["--require", "50%"], cwd=tools, capture_output=True, text=True, timeout=60, check=False)
    assert met.returncode == Exit.OK


def test_nothing_outlives_the_fleet(fleet_runs, lab) -> None:  # type: ignore[no-untyped-def]
    for member in fleet.DEFAULT_FLEET:
        sandbox.down(member.name)
    sandbox.reap()
    for member in fleet.DEFAULT_FLEET:  # other tests' devices share the lab folder: look at ours only
        assert not os.path.exists(os.path.join(lab.home, member.name))
        assert lab_processes(os.path.join(lab.home, member.name) + "/") == []
    assert lab_processes(str(fleet_runs["work"])) == [], "an SSH connection master or runner outlived the playbook"
