"""Scenarios written outside the project (tests/data/outside/): toolkit band x injection path x engine x
session kind x image base, each brought up as a lab device or a scratch root. Each test pins a defect
those scenarios found: advice worded for the wrong engine or place, and a lab that broke the image's own
account files.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple

import pytest

from conftest import build_image_advice
from jetson_gpu_access.diagnose import diagnose
from jetson_gpu_access.exitcodes import Exit
from jetson_gpu_access.lab import profiles, scratch
from jetson_gpu_access.pipeline import assess, plan_for
from jetson_gpu_access.plan import AdviceStrategy
from jetson_gpu_access.plan import AlternativeKind as K
from jetson_gpu_access.probe import probe
from jetson_gpu_access.serde import to_jsonable

OUTSIDE = Path(__file__).resolve().parent / "data" / "outside"


def _profile(name: str) -> str:
    return str(OUTSIDE / (name + ".json"))


def _root(tmp_path: Path, name: str) -> str:
    """The scenario's scratch root (real device nodes), as its session user sees it."""
    if os.geteuid() != 0:
        pytest.skip("needs root: mknod of device nodes")
    root = tmp_path / name
    root.mkdir()
    return scratch.materialise(profiles.load(_profile(name)), str(root))


def test_runtime_advice_names_the_engine_the_container_runs_on(tmp_path: Path) -> None:
    """A Podman container (podman exec -u alice) must not be told to 'docker run --group-add'."""
    plan = plan_for(assess(_root(tmp_path, "out05-podman-exec-group-add"), "alice", None))
    runtime = [a.text for a in plan.advice if a.strategy is AdviceStrategy.RUNTIME]
    assert runtime and all(text.startswith("podman run --group-add 993") for text in runtime), runtime
    group_add = [a.text for r in plan.refusals for a in r.instead if a.kind is K.GROUP_ADD]
    assert all(text.startswith("podman run") for text in group_add), group_add


def test_a_gid0_node_made_by_the_runtime_is_not_blamed_on_udev(tmp_path: Path) -> None:
    """Toolkit 1.18.2 makes the container's nodes with GID 0 while the host's udev rules are fine: DEV-006
    must not send the user to the udev rules (TKT-003 says why), and a host keeps the udev wording."""
    diagnosis = assess(_root(tmp_path, "out04-tk1182-setpriv-debian"), "alice", None).diagnosis
    codes = {f.code for f in diagnosis.findings}
    assert "TKT-003" in codes
    dev006 = [f for f in diagnosis.findings if f.code == "DEV-006"]
    assert dev006 and all("udev" not in f.remedy.split("host")[0] and "TKT-003" in f.remedy for f in dev006), dev006


def test_an_image_with_its_own_sshd_account_keeps_one_sshd_line(lab) -> None:  # type: ignore[no-untyped-def]
    """alpine:3 has sshd (UID 22); the lab added a second sshd line, so the plan refused to touch a
    duplicate the image never had. After the fix the plan's actions, applied, let alice in at login."""
    name = "out09-alpine-su-exec"
    lab.cli("lab", "up", _profile(name), check_rc=0)
    try:
        passwd = lab.cli("lab", "exec", name, "--", "cat", "/etc/passwd", check_rc=0).stdout
        assert [line.split(":")[2] for line in passwd.splitlines() if line.startswith("sshd:")] == ["22"], passwd
        plan = json.loads(lab.cli("lab", "exec", name, "--", "jetson-gpu-access", "plan", "--user", "alice", "--format",
                                  "json").stdout)
        assert plan["refusals"] == [], plan["refusals"]
        lab.cli("lab", "exec", name, "--", "jetson-gpu-access", "apply", "--apply", "--user", "alice", check_rc=Exit.OK)
        login = lab.cli("lab", "exec", name, "--user", "alice", "--login", "--", "jetson-gpu-access", "verify", "--no-cuda")
        assert login.returncode == Exit.OK, login.stdout + login.stderr
    finally:
        lab.cli("lab", "down", name)


def test_image_advice_for_an_alpine_image_installs_the_account_tools_first(tmp_path: Path) -> None:
    """BusyBox has no groupadd, groupmod or usermod: Dockerfile lines that call them fail on an Alpine
    image unless the shadow package is installed first."""
    plan = plan_for(assess(_root(tmp_path, "out09-alpine-su-exec"), "alice", None))
    image = next(a.text for a in plan.advice if a.strategy is AdviceStrategy.IMAGE)
    assert image.startswith("RUN apk add --no-cache shadow"), image
    debian = plan_for(assess(_root(tmp_path, "out11-jp5-host-video-986"), "alice", None))
    assert "apk" not in next(a.text for a in debian.advice if a.strategy is AdviceStrategy.IMAGE)


IMAGE_ADVICE = ["out02-tk1191-supervisord", "out03-tk1190-gosu-l4t", "out05-podman-exec-group-add",
                "out07-privileged-devdev-runuser", "out09-alpine-su-exec", "out11-jp5-host-video-986",
                "out12-docker-exec-group-add-tk120"]


@pytest.mark.parametrize("name", IMAGE_ADVICE)
def test_the_image_advice_builds_and_then_the_login_opens_every_node(lab, name: str) -> None:  # type: ignore[no-untyped-def]
    """The Dockerfile lines the plan prints, run in the scenario's own image as a build runs them (each ARG
    set to the host's GID of that group): a group the image already has under another GID (video 44 in an
    image whose host says 986, alpine's video 27) must not be given to groupadd, which refuses a taken name."""
    raw = profiles.load(_profile(name)).raw
    user = raw["session"]["user"]
    host_gids = raw["devices"]["gids"]
    lab.cli("lab", "up", _profile(name), check_rc=0)
    try:
        build_image_advice(lab, name, user, host_gids)
        login = lab.cli("lab", "exec", name, "--user", user, "--login", "--", "jetson-gpu-access", "verify", "--no-cuda")
        assert login.returncode == Exit.OK, login.stdout + login.stderr
    finally:
        lab.cli("lab", "down", name)


def test_the_runtime_advice_names_every_session_kind_that_drops_it(tmp_path: Path) -> None:
    """The app runs under supervisord user=alice: --group-add never reaches it. The runtime advice's caveat
    must name every path that rebuilds groups (the privilege-drop table), not only SSH, su, gosu and login."""
    from jetson_gpu_access import data

    plan = plan_for(assess(_root(tmp_path, "out02-tk1191-supervisord"), "alice", None))
    caveat = next(a.caveat for a in plan.advice if a.strategy is AdviceStrategy.RUNTIME)
    rebuilding = [p for p in data.load("privilege_drops")["paths"] if p["groups"] != "keeps"]
    words = set(re.findall(r"[\w-]+", caveat))
    missing = [p["label"] for p in rebuilding if p["label"].split()[0] not in words]
    assert not missing, (missing, caveat)


# scenario -> commands run as root first, as the plan's refusal says (repair the account files), or None when the
# plan refuses everything and only its alternatives help (out04: toolkit 1.18.2, covered by test_advice_lab.py)
APPLIED: Dict[str, Optional[List[str]]] = {
    "out01-jp62-tk116-sudo-ubuntu2404": [], "out02-tk1191-supervisord": [], "out03-tk1190-gosu-l4t": [],
    "out04-tk1182-setpriv-debian": None, "out05-podman-exec-group-add": [], "out06-host-chmod666-docker-group": [],
    "out07-privileged-devdev-runuser": [], "out08-numeric-uid-gid": [], "out09-alpine-su-exec": [],
    "out10-thor-login-dup-video": ["sh", "-c", "grep -v '^video:x:986:' /etc/group > /tmp/g && cat /tmp/g > /etc/group"],
    "out11-jp5-host-video-986": [], "out12-docker-exec-group-add-tk120": [],
}


def test_every_outside_scenario_is_listed() -> None:
    assert set(APPLIED) == {p.stem for p in OUTSIDE.glob("*.json")}


@pytest.mark.parametrize("name", sorted(n for n, c in APPLIED.items() if c is not None))
def test_the_plan_applied_as_printed_lets_the_user_in_at_login(lab, name: str) -> None:  # type: ignore[no-untyped-def]
    user = profiles.load(_profile(name)).session_user
    repair = APPLIED[name]
    lab.cli("lab", "up", _profile(name), check_rc=0)
    try:
        if repair:
            lab.cli("lab", "exec", name, "--", *repair, check_rc=0)
        plan = json.loads(lab.cli("lab", "exec", name, "--", "jetson-gpu-access", "plan", "--user", user, "--format",
                                  "json").stdout)
        assert plan["refusals"] == [], plan["refusals"]
        lab.cli("lab", "exec", name, "--", "jetson-gpu-access", "apply", "--apply", "--user", user, check_rc=Exit.OK)
        verify = lab.cli("lab", "exec", name, "--", "jetson-gpu-access", "verify", "--user", user, "--no-cuda")
        assert verify.returncode == Exit.OK, verify.stdout
        login = lab.cli("lab", "exec", name, "--user", user, "--login", "--", "jetson-gpu-access", "verify", "--no-cuda")
        assert login.returncode == Exit.OK, login.stdout + login.stderr
    finally:
        lab.cli("lab", "down", name)


# scenario -> the finding codes decided from the fact sheet before the tool was run (the cause, the
# anti-patterns it must name, the consequences), and the verdict
CAUSES: Dict[str, Tuple[str, Set[str]]] = {
    "out01-jp62-tk116-sudo-ubuntu2404": ("warning", {"SEC-002"}),                      # runc band: works, upgrade breaks it
    "out02-tk1191-supervisord": ("problem", {"ACC-003", "GRP-001", "GRP-002"}),        # supervisord rebuilds: no 993
    "out03-tk1190-gosu-l4t": ("problem", {"ACC-003", "GRP-001", "GRP-002"}),           # gosu: no render line
    "out04-tk1182-setpriv-debian": ("problem", {"ACC-002", "ACC-003", "ACC-004", "DEV-006", "TKT-003"}),
    "out05-podman-exec-group-add": ("problem", {"ACC-003", "GRP-001", "GRP-002"}),     # podman exec -u drops 993
    "out06-host-chmod666-docker-group": ("warning", {"SEC-001", "SEC-005"}),          # works, unsafe, docker group
    "out07-privileged-devdev-runuser": ("problem", {"ACC-003", "GRP-001", "GRP-002", "GRP-003", "SEC-003", "SEC-004"}),
    "out08-numeric-uid-gid": ("warning", {"LNC-001", "LNC-002"}),  # uid:gid drops /etc/group; the -u user owns the nodes
    "out09-alpine-su-exec": ("problem", {"ACC-002", "ACC-003", "ACC-004", "GRP-001", "GRP-002", "GRP-003"}),
    "out10-thor-login-dup-video": ("problem", {"ACC-002", "ACC-004", "DB-001", "GRP-002"}),
    "out11-jp5-host-video-986": ("problem", {"ACC-002", "ACC-004", "GRP-001", "GRP-002", "GRP-003"}),
    "out12-docker-exec-group-add-tk120": ("problem", {"ACC-003", "GRP-001", "GRP-002", "GRP-004"}),  # logins lose 993
}
GOLDEN = Path(__file__).resolve().parent / "golden" / "outside"


@pytest.mark.parametrize("name", sorted(CAUSES))
def test_the_diagnosis_names_the_cause_decided_beforehand(tmp_path: Path, name: str) -> None:
    diagnosis = diagnose(probe(_root(tmp_path, name)))
    verdict, codes = CAUSES[name]
    assert (diagnosis.verdict.value, {f.code for f in diagnosis.findings}) == (verdict, codes)
    actual = json.loads(json.dumps(to_jsonable(diagnosis)).replace(diagnosis.facts.root, "<root>"))
    actual["facts"]["tool_version"] = "<version>"
    golden = GOLDEN / (name + ".json")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(json.dumps(actual, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert actual == json.loads(golden.read_text(encoding="utf-8"))
