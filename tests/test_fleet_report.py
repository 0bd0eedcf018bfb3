"""The fleet report over hand-made result folders: cohorts, outliers, splits, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jetson_gpu_access import fleet
from jetson_gpu_access.exitcodes import Exit

TOOLS = str(Path(__file__).resolve().parent.parent / "tools")
ORIN = {"model": "NVIDIA Jetson AGX Orin Developer Kit", "l4t": "36.4.0",
        "jetpack": [{"source": "jetson-containers", "jetpack": "6.1 GA"}, {"source": "jetson_stats", "jetpack": "6.1"}]}
HOST_OS = {"pretty_name": "Ubuntu 22.04.5 LTS"}


def write_host(root: Path, name: str, status: str = "ok", verdicts: Optional[Dict[str, Dict[str, str]]] = None,
               platform: Optional[Dict[str, Any]] = None, container: Optional[Dict[str, Any]] = None,
               **record: Any) -> Path:
    """A host folder as fleet/playbook.yml leaves it; verdicts: runbook -> {check id: status}."""
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "host.json").write_text(json.dumps(dict({"host": name, "status": status, "message": "",
                                                       "tool_version": "0.1.0"}, **record)))
    if platform is not None:
        (folder / "facts.json").write_text(json.dumps({"facts": {"platform": platform, "os_release": HOST_OS,
                                                                 "container": container or {"in_container": False}}}))
    for runbook, checks in (verdicts or {}).items():
        (folder / "runbooks" / runbook).mkdir(parents=True)
        verdict = "fail" if "fail" in checks.values() else "pass"
        (folder / "runbooks" / runbook / "result.json").write_text(json.dumps(
            {"verdict": verdict, "checks": [{"id": k, "status": v} for k, v in checks.items()]}))
    return folder


GOOD = {"diagnose": {"access:/dev/nvmap": "pass"}, "verify": {"verify:login": "pass"}}
BAD = {"diagnose": {"access:/dev/nvmap": "fail"}, "verify": {"verify:login": "fail"}}


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jetson_gpu_access", "fleet", "report", *args], cwd=TOOLS,
                          capture_output=True, text=True, timeout=60, check=False)


def test_cohorts_majority_outlier_and_pass_rate(tmp_path: Path) -> None:
    for name in ("a", "b"):
        write_host(tmp_path, name, verdicts=GOOD, platform=ORIN)
    write_host(tmp_path, "c", verdicts=BAD, platform=ORIN)
    write_host(tmp_path, "d", verdicts=GOOD, platform=ORIN, container={"in_container": True, "engine": "docker"},
               image="l4t-base:r36")
    write_host(tmp_path, "gone", status="unreachable", message="ssh: connect to host: Connection refused")
    report = fleet.build(fleet.load(str(tmp_path)), required=95.0)

    assert [(c.board, c.jetpack, c.image, c.hosts) for c in report.cohorts] == [
        ("NVIDIA Jetson AGX Orin Developer Kit", "6.1", "l4t-base:r36", ("d",)),
        ("NVIDIA Jetson AGX Orin Developer Kit", "6.1", "no container, Ubuntu 22.04.5 LTS", ("a", "b", "c"))]
    orin = report.cohorts[1]
    assert orin.healthy == 2
    assert orin.verdicts == {"diagnose": {"fail": 1, "pass": 2}, "verify": {"fail": 1, "pass": 2}}
    assert [(d.host, d.item, d.host_value, d.cohort_value) for d in orin.differences] == [
        ("c", "diagnose verdict", "fail", "pass"), ("c", "diagnose/access:/dev/nvmap", "fail", "pass"),
        ("c", "verify verdict", "fail", "pass"), ("c", "verify/verify:login", "fail", "pass")]
    assert [(h.host, h.status) for h in report.unfinished] == [("gone", "unreachable")]
    assert (report.hosts, report.healthy, report.pass_rate, report.meets_requirement) == (5, 3, 60.0, False)


def test_even_split_blames_nobody(tmp_path: Path) -> None:
    write_host(tmp_path, "a", verdicts=GOOD, platform=ORIN)
    write_host(tmp_path, "b", verdicts=BAD, platform=ORIN)
    (cohort,) = fleet.build(fleet.load(str(tmp_path))).cohorts
    assert cohort.differences == ()
    assert cohort.split == ("diagnose verdict", "diagnose/access:/dev/nvmap", "verify verdict", "verify/verify:login")


def test_tool_version_drift_is_a_difference(tmp_path: Path) -> None:
    for name in ("a", "b"):
        write_host(tmp_path, name, verdicts=GOOD, platform=ORIN)
    write_host(tmp_path, "old", verdicts=GOOD, platform=ORIN, tool_version="0.0.9")
    (cohort,) = fleet.build(fleet.load(str(tmp_path))).cohorts
    assert [(d.host, d.item, d.host_value, d.cohort_value) for d in cohort.differences] == [
        ("old", "tool version", "0.0.9", "0.1.0")]


def test_fixed_in_the_same_run_counts_as_healthy(tmp_path: Path) -> None:
    write_host(tmp_path, "a", verdicts={"diagnose": {"x": "fail"}, "fix": {"y": "fixed"}, "verify": {"z": "pass"}},
               platform=ORIN)
    write_host(tmp_path, "b", verdicts={"diagnose": {"x": "fail"}}, platform=ORIN)
    hosts = {h.host: h for h in fleet.load(str(tmp_path))}
    assert hosts["a"].healthy and not hosts["b"].healthy


def test_damaged_folders_are_reported_not_fatal(tmp_path: Path) -> None:
    broken = write_host(tmp_path, "broken-json", verdicts=GOOD, platform=ORIN)
    (broken / "host.json").write_text("{not json")
    torn = write_host(tmp_path, "torn-result", verdicts=GOOD, platform=ORIN)
    (torn / "runbooks" / "verify" / "result.json").write_text("")
    write_host(tmp_path, "no-facts", verdicts=GOOD)
    (tmp_path / "stray-file").write_text("not a host")
    hosts = {h.host: h for h in fleet.load(str(tmp_path))}
    assert sorted(hosts) == ["broken-json", "no-facts", "torn-result"]
    assert hosts["broken-json"].status == "unreadable" and "host.json" in hosts["broken-json"].message
    assert not hosts["broken-json"].healthy
    assert hosts["torn-result"].verdicts["verify"] == "unreadable" and not hosts["torn-result"].healthy
    assert (hosts["no-facts"].board, hosts["no-facts"].jetpack) == ("unknown", "unknown") and hosts["no-facts"].healthy


def test_jetpack_claims_that_disagree_are_both_kept(tmp_path: Path) -> None:
    write_host(tmp_path, "a", verdicts=GOOD, platform=dict(ORIN, jetpack=[
        {"source": "one", "jetpack": "6.0 DP"}, {"source": "two", "jetpack": "6.0"}, {"source": "three", "jetpack": "6.1"}]))
    write_host(tmp_path, "b", verdicts=GOOD, platform=dict(ORIN, jetpack=[], l4t="36.9.9"))
    write_host(tmp_path, "c", verdicts=GOOD, platform={"soc_name": "Orin"})
    hosts = {h.host: h for h in fleet.load(str(tmp_path))}
    assert hosts["a"].jetpack == "6.0 or 6.1"
    assert hosts["b"].jetpack == "L4T 36.9.9 (not in the tables)"
    assert (hosts["c"].board, hosts["c"].jetpack) == ("Orin", "unknown")


@pytest.mark.parametrize(("text", "value"), [("95%", 95.0), ("95", 95.0), (" 99.5 % ", 99.5), ("0", 0.0), ("100%", 100.0)])
def test_require_accepts_percentages(text: str, value: float) -> None:
    assert fleet.parse_required(text) == value


@pytest.mark.parametrize("text", ["", "95%%", "-5", "101", "0.95x", "ninety"])
def test_require_refuses_anything_else(text: str) -> None:
    with pytest.raises(fleet.FleetError) as caught:
        fleet.parse_required(text)
    assert caught.value.code == Exit.USAGE


def test_cli_gate_formats_and_bad_input(tmp_path: Path) -> None:
    results = tmp_path / "results"
    write_host(results, "a", verdicts=GOOD, platform=ORIN)
    write_host(results, "b", verdicts=BAD, platform=ORIN)
    assert cli(str(results), "--require", "50%").returncode == Exit.OK
    below = cli(str(results), "--require", "95%")
    assert below.returncode == Exit.PROBLEM and "required 95%: NOT met" in below.stdout
    data = json.loads(cli(str(results), "--format", "json").stdout)
    assert (data["hosts"], data["healthy"], data["pass_rate"]) == (2, 1, 50.0)
    page = tmp_path / "page.md"
    assert cli(str(results), "--title", "Robots", "-o", str(page)).returncode == Exit.OK
    assert page.read_text().startswith("# Robots\n")
    (tmp_path / "empty-folder").mkdir()
    for args, cause in (([str(tmp_path / "missing")], "no folder"), ([str(page)], "no folder"),
                        ([str(tmp_path)], "no host results"), ([str(results), "--require", "x"], "--require")):
        refused = cli(*args)
        assert refused.returncode == Exit.USAGE, args
        assert cause in refused.stderr and len(refused.stderr.strip().splitlines()) == 1



def test_output_is_never_written_through_a_link(tmp_path: Path) -> None:
    """--output is written as bundle --out is (safeio.write_output): a link there is refused, a hard link replaced."""
    results = tmp_path / "results"
    write_host(results, "a", verdicts=GOOD, platform=ORIN)
    victim = tmp_path / "victim"
    victim.write_text("keep me\n")
    (tmp_path / "link.md").symlink_to(victim)
    refused = cli(str(results), "-o", str(tmp_path / "link.md"))
    assert refused.returncode == Exit.USAGE and "symbolic link" in refused.stderr, refused.stderr
    os.link(victim, tmp_path / "hard.md")
    assert cli(str(results), "-o", str(tmp_path / "hard.md")).returncode == Exit.OK
    assert victim.read_text() == "keep me\n" and (tmp_path / "hard.md").read_text().startswith("# Fleet report\n")


REPO = Path(TOOLS).parent


def test_playbook_passes_ansible_syntax_check(tmp_path: Path) -> None:
    program = Path(sys.executable).parent / "ansible-playbook"
    if not program.exists():
        pytest.skip("ansible-core is not installed: the fleet extra (make test installs it) needs Python 3.10+ on the controller")
    env = {"PATH": "/usr/bin:/bin", "ANSIBLE_HOME": str(tmp_path), "ANSIBLE_LOCAL_TEMP": str(tmp_path / "tmp"),
           "ANSIBLE_CONFIG": str(REPO / "fleet" / "ansible.cfg")}
    result = subprocess.run([str(program), "--syntax-check", "-i", "localhost,", str(REPO / "fleet" / "playbook.yml")],
                            capture_output=True, text=True, timeout=120, check=False, env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_role_variable_is_documented() -> None:
    import re

    import yaml

    defaults = yaml.safe_load((REPO / "fleet" / "roles" / "jetson_gpu_access" / "defaults" / "main.yml").read_text())
    page = (REPO / "docs" / "how-to" / "fleet.md").read_text()
    documented = set(re.findall(r"^\| `(jga_\w+)`(?:, `(jga_\w+)`)?", page, re.M))
    names = {n for pair in documented for n in pair if n}
    assert names == set(defaults)


def test_a_failed_host_with_partial_results_is_in_both_places(tmp_path: Path) -> None:
    write_host(tmp_path, "a", verdicts=GOOD, platform=ORIN)
    write_host(tmp_path, "slow", status="failed", verdicts={"diagnose": {"access:/dev/nvmap": "pass"}}, platform=ORIN,
               message="Fail the host when the runner could not finish: the runbooks ran longer than jga_timeout")
    report = fleet.build(fleet.load(str(tmp_path)))
    assert report.cohorts[0].hosts == ("a", "slow") and report.cohorts[0].healthy == 1
    assert [(h.host, h.status) for h in report.unfinished] == [("slow", "failed")]
    assert "ran longer than jga_timeout" in fleet.markdown(report)


@settings(max_examples=60, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                    max_leaves=12))
def test_any_json_in_the_files_is_survived(value: Any) -> None:
    """host.json, facts.json and result.json hold whatever JSON a damaged run left: no crash."""
    import tempfile

    with tempfile.TemporaryDirectory() as root:
        folder = write_host(Path(root), "h", verdicts=GOOD, platform=ORIN)
        for name in ("host.json", "facts.json", "runbooks/verify/result.json"):
            original = (folder / name).read_text()
            (folder / name).write_text(json.dumps(value))
            report = fleet.build(fleet.load(root))
            assert report.hosts == 1
            fleet.markdown(report)
            (folder / name).write_text(original)
        for key in ("facts", "platform", "container", "os_release", "jetpack"):
            (folder / "facts.json").write_text(json.dumps({"facts": {"platform": {key: value}, key: value}}))
            fleet.markdown(fleet.build(fleet.load(root)))
