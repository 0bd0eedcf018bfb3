"""Advice that holds up when followed: every alternative a refusal lists is carried out in a lab
device, and the user then opens the node (the kernel decides).

The scenario: the host's render GID is systemd-journal's in the image (a sensitive group). The plan
refuses to join it and lists --group-add, renumbering systemd-journal, and an ACL on the container's
own node. Alternatives that would fail (an image groupadd -g of a taken GID, the entrypoint, which
refuses sensitive GIDs too, pam_group for a group that must not be joined) must not be listed.

Then every kind of alternative the plan can list (its AlternativeKind and AdviceStrategy enums), each
carried out in a scenario that lists it: the user must then pass verify, or the kind is not listed.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Set, Tuple

import pytest

from conftest import TOOLS, build_image_advice
from jetson_gpu_access import toolkit
from jetson_gpu_access.exitcodes import Exit
from jetson_gpu_access.lab import bands, profiles, scratch
from jetson_gpu_access.plan import AdviceStrategy
from jetson_gpu_access.plan import AlternativeKind as K

NAME = "jp62-container-journal-gid"
RENDER = "/dev/dri/renderD128"
OPEN_RW = ["sh", "-c", 'exec 3<>"$1"', "sh", RENDER]


def _plan(lab) -> dict:  # type: ignore[no-untyped-def,type-arg]
    result = lab.cli("lab", "exec", NAME, "--", "jetson-gpu-access", "plan", "--user", "alice", "--format", "json",
                     check_rc=Exit.PROBLEM)
    plan: dict = json.loads(result.stdout)  # type: ignore[type-arg]
    return plan


def _alice_opens(lab, *view: str) -> bool:  # type: ignore[no-untyped-def]
    return bool(lab.cli("lab", "exec", NAME, "--user", "alice", *view, "--", *OPEN_RW).returncode == 0)


def test_the_refusal_lists_only_alternatives_that_work(lab) -> None:  # type: ignore[no-untyped-def]
    lab.fresh(NAME)
    plan = _plan(lab)
    refusal = next(r for r in plan["refusals"] if r["path"] == RENDER)
    assert [a["kind"] for a in refusal["instead"]] == [K.GROUP_ADD, K.RENUMBER_IMAGE_GROUP, K.NODE_ACL]
    assert [a["text"].split()[0] for a in refusal["instead"]] == ["docker", "renumber", "setfacl"]
    assert {a["strategy"] for a in plan["advice"]} == {"runtime"}   # no groupadd -g 993, no entrypoint, no pam_group
    assert not _alice_opens(lab, "--login")


def test_the_acl_alternative_works_as_printed(lab) -> None:  # type: ignore[no-untyped-def]
    if shutil.which("setfacl") is None:
        pytest.skip("setfacl is not installed: apt-get install acl (the Makefile's SYSTEM_TOOLS lists it)")
    device = lab.fresh(NAME)
    acl = next(a["text"] for a in next(r for r in _plan(lab)["refusals"] if r["path"] == RENDER)["instead"]
               if a["kind"] == K.NODE_ACL)
    command = acl.split(" as root")[0].split()
    lab.cli("lab", "exec", NAME, "--", *command, check_rc=0)
    assert _alice_opens(lab, "--login")   # an SSH login, su or gosu: the ACL names the user, not a group
    verify = lab.cli("lab", "exec", NAME, "--", "jetson-gpu-access", "verify", "--user", "alice", "--no-cuda")
    assert verify.returncode == Exit.OK, verify.stdout
    lab.discard(device.name)


def test_the_renumber_alternative_works_as_printed(lab) -> None:  # type: ignore[no-untyped-def]
    device = lab.fresh(NAME)
    lab.cli("lab", "exec", NAME, "--", "groupmod", "-g", "1999", "systemd-journal", check_rc=0)
    again = lab.cli("lab", "exec", NAME, "--", "jetson-gpu-access", "plan", "--user", "alice", "--format", "json",
                    check_rc=Exit.PROBLEM)
    assert json.loads(again.stdout)["refusals"] == []
    lab.cli("lab", "exec", NAME, "--", "jetson-gpu-access", "apply", "--apply", "--user", "alice", check_rc=Exit.OK)
    assert _alice_opens(lab, "--login")
    lab.discard(device.name)


def test_the_group_add_alternative_works_for_the_main_process_only(lab, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    raw = dict(profiles.load(NAME).raw)
    raw["name"] = "journal-group-add"
    raw["container"] = dict(raw["container"], group_add=[993])
    path = tmp_path / "journal-group-add.json"
    path.write_text(profiles.dump(raw), encoding="utf-8")
    lab.cli("lab", "up", str(path), check_rc=0)
    try:
        opens = lab.cli("lab", "exec", "journal-group-add", "--user", "alice", "--process", "--", *OPEN_RW)
        login = lab.cli("lab", "exec", "journal-group-add", "--user", "alice", "--login", "--", *OPEN_RW)
        assert opens.returncode == 0 and login.returncode != 0   # as the refusal says: logins drop it
    finally:
        lab.cli("lab", "down", "journal-group-add")


# --- every kind of alternative the plan can list, carried out -------------------------------------
#
# The kinds are the plan's own enums (AlternativeKind for what a refusal offers instead, AdviceStrategy
# for the other ways to the same memberships). Each is carried out by a lab test named here; a kind
# the plan gains without a lab test fails test_every_alternative_the_plan_can_list_is_carried_out.

Edit = Callable[[Dict[str, Any]], None]


def _variant(tmp_path: Path, base: str, name: str, edit: Optional[Edit]) -> str:
    """Profile ``base`` changed by ``edit``, as a file the lab brings up under ``name``."""
    raw = copy.deepcopy(profiles.load(base).raw)
    raw["name"] = name
    if edit is not None:
        edit(raw)
    path = tmp_path / (name + ".json")
    path.write_text(profiles.dump(raw), encoding="utf-8")
    return str(path)


@contextmanager
def _device(lab, profile: str, name: str) -> Iterator[str]:  # type: ignore[no-untyped-def]
    lab.cli("lab", "up", profile, check_rc=0)
    try:
        yield name
    finally:
        lab.cli("lab", "down", name)


def _listed(lab, name: str, user: str) -> Set[str]:  # type: ignore[no-untyped-def]
    result = lab.cli("lab", "exec", name, "--", "jetson-gpu-access", "plan", "--user", user, "--format", "json")
    plan = json.loads(result.stdout)
    return {a["kind"] for r in plan["refusals"] for a in r["instead"]} | {a["strategy"] for a in plan["advice"]}


def _fix_and_verify(lab, name: str, user: str) -> None:  # type: ignore[no-untyped-def]
    """What is left after the alternative: the plan (applied when it has changes), then every node
    CUDA needs opened as the user in fresh processes, per view."""
    plan = json.loads(lab.cli("lab", "exec", name, "--", "jetson-gpu-access", "plan", "--user", user, "--format",
                              "json").stdout)
    assert plan["refusals"] == [], plan["refusals"]
    if plan["actions"]:
        lab.cli("lab", "exec", name, "--", "jetson-gpu-access", "apply", "--apply", "--user", user, check_rc=Exit.OK)
    verify = lab.cli("lab", "exec", name, "--", "jetson-gpu-access", "verify", "--user", user, "--no-cuda")
    assert verify.returncode == Exit.OK, verify.stdout + verify.stderr
    login = lab.cli("lab", "exec", name, "--user", user, "--login", "--", "jetson-gpu-access", "verify", "--no-cuda")
    assert login.returncode == Exit.OK, login.stdout + login.stderr


def _mapped(raw: Dict[str, Any]) -> None:
    raw["devices"]["gids"] = {"video": 44, "render": 993, "debug": 998, "root": 0}


def _vendor_nodes(raw: Dict[str, Any]) -> None:
    _mapped(raw)
    raw["devices"].pop("nodes", None)


def _render_is_a_primary_group(gid: int) -> Edit:
    def edit(raw: Dict[str, Any]) -> None:
        raw["accounts"]["groups"] = [{"name": "render", "gid": gid}]
        raw["accounts"]["users"] = [{"name": "alice", "uid": 1000},
                                    {"name": "bob", "uid": 1001, "gid": 1001, "private_group": False}]
    return edit


def _render_node(**entry: Any) -> Edit:
    def edit(raw: Dict[str, Any]) -> None:
        raw["devices"]["nodes"] = [dict({"path": RENDER}, **entry)]
    return edit


def _render_absent(raw: Dict[str, Any]) -> None:
    raw["devices"]["remove"] = [RENDER]


def _two_render_lines(raw: Dict[str, Any]) -> None:
    raw["accounts"]["groups"] = [{"name": "render", "gid": 993}, {"name": "render", "gid": 104, "members": ["alice"]}]


def _toolkit(version: str, ready: bool) -> Edit:
    """The same container after the host's toolkit moved to ``version``; ``ready``: the image lists the
    user in video and in render with the host's GID first, as the alternative says."""
    def edit(raw: Dict[str, Any]) -> None:
        if ready:
            raw["accounts"]["groups"] = [{"name": "render", "gid": raw["devices"]["gids"]["render"],
                                          "members": [raw["session"]["user"]]}]
        band = toolkit.band_for(version)
        assert band is not None
        raw.update(bands.with_band(raw, band))
    return edit


def _started_as_user(raw: Dict[str, Any]) -> None:
    raw["container"]["user"] = raw["session"]["user"]
    raw["session"]["via"] = "exec"
    raw.update(bands.with_band(raw, toolkit.band("1.18.2")))   # the runtime remakes the nodes for that user


REPAIR = ["sh", "-c", "grep -v '^render:x:104:' /etc/group > /tmp/group && cat /tmp/group > /etc/group"]

# kind -> (scenario that lists it: base profile and edit; the state after carrying it out; commands that carry it
# out inside that device, as root, before the plan)
KIND_CASES: Dict[str, Tuple[str, Optional[Edit], Optional[Edit], List[List[str]]]] = {
    K.ROOTFUL.value: ("jp61-rootless-userns", None, _mapped, []),
    K.HOST_NODE.value: ("yocto-no-udev", None, _vendor_nodes, []),
    K.TOOLKIT_UPGRADE.value: ("tk1182-created", None, _toolkit("1.19.1", ready=True), []),
    K.START_AS_USER.value: ("tk1182-created", None, _started_as_user, []),
    K.REBUILD_IMAGE.value: ("jp61-container-ubuntu-ssh", _render_is_a_primary_group(1001), _render_is_a_primary_group(993),
                            []),
    K.RECREATE_NODE.value: ("jp61-container-ubuntu-ssh", _render_node(type="file"), None, []),
    K.PROVIDE_NODE.value: ("jp61-container-ubuntu-ssh", _render_absent, None, []),
    K.REPAIR_GROUP_FILE.value: ("jp61-container-ubuntu-ssh", _two_render_lines, _two_render_lines, [REPAIR]),
}


@pytest.mark.parametrize("kind", sorted(KIND_CASES))
def test_each_alternative_kind_works_as_printed(lab, tmp_path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    base, before, after, commands = KIND_CASES[kind]
    user = profiles.load(base).session_user
    with _device(lab, _variant(tmp_path, base, "alt-before", before), "alt-before") as name:
        assert kind in _listed(lab, name, user)
        assert lab.cli("lab", "exec", name, "--", "jetson-gpu-access", "verify", "--user", user,
                       "--no-cuda").returncode != Exit.OK   # the user cannot use the GPU before
    with _device(lab, _variant(tmp_path, base, "alt-after", after), "alt-after") as name:
        for command in commands:
            lab.cli("lab", "exec", name, "--", *command, check_rc=0)
        _fix_and_verify(lab, name, user)


def test_the_node_mount_alternative_works_as_printed(open_dir: str) -> None:
    """A nodev /dev (the lab cannot mount inside a device): a scratch root on a tmpfs mounted nodev,
    diagnosed and planned by the CLI, then remounted without nodev as the alternative says; the kernel
    then lets alice open the node after a real initgroups() from the root's /etc/group (bubblewrap)."""
    if os.geteuid() != 0 or shutil.which("bwrap") is None:
        pytest.skip("needs root and bubblewrap (mount, mknod)")
    root = scratch.materialise(profiles.load("jp61-container-ubuntu-ssh"), open_dir)
    dri = os.path.join(root, "dev", "dri")
    node = os.path.join(dri, "renderD128")
    shutil.rmtree(dri)
    os.mkdir(dri)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "nodev,mode=755", "tmpfs", dri], check=True, timeout=30)
    try:
        os.mknod(node, 0o660 | stat.S_IFCHR, os.makedev(1, 3))
        os.chown(node, 0, 993)
        os.chmod(node, 0o660)  # mknod's mode passes through the umask
        cli = [sys.executable, "-m", "jetson_gpu_access"]
        plan = json.loads(subprocess.run(cli + ["plan", "--root", root, "--user", "alice", "--format", "json"], cwd=TOOLS,
                                         capture_output=True, text=True, timeout=120, check=False).stdout)
        assert K.NODE_MOUNT.value in {a["kind"] for r in plan["refusals"] for a in r["instead"]}
        assert not _opens_after_login(root, node)
        subprocess.run(["mount", "-o", "remount,dev", dri], check=True, timeout=30)
        subprocess.run(cli + ["apply", "--root", root, "--user", "alice", "--apply"], cwd=TOOLS, check=True, timeout=120,
                       capture_output=True)
        assert _opens_after_login(root, node)
    finally:
        subprocess.run(["umount", dri], check=False, timeout=30)


def _opens_after_login(root: str, node: str) -> bool:
    """alice opens ``node`` read-write after setpriv --init-groups (glibc's initgroups) reads the root's
    account files, bound over the system's as the lab's sandbox does."""
    argv = ["bwrap", "--bind", "/", "/", "--bind", os.path.join(root, "etc", "passwd"), "/etc/passwd",
            "--bind", os.path.join(root, "etc", "group"), "/etc/group", "--dev", "/dev",
            "--perms", "0755", "--dir", os.path.dirname(RENDER), "--dev-bind", node, RENDER,
            "--", "setpriv", "--reuid=1000", "--regid=1000", "--init-groups", "sh", "-c", 'exec 3<>"$1"', "sh", RENDER]
    return subprocess.run(argv, capture_output=True, timeout=60, check=False).returncode == 0


def test_the_image_advice_works_as_printed(lab, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The Dockerfile lines of the image advice, run as a build runs them (ARG from the node's GID)."""
    base = "jp72-orin-tk1191-created"   # ubuntu:24.04's ubuntu user: video by name, render by build argument
    user = profiles.load(base).session_user
    with _device(lab, _variant(tmp_path, base, "alt-image", None), "alt-image") as name:
        build_image_advice(lab, name, user, profiles.load(base).raw["devices"]["gids"])
        _fix_and_verify(lab, name, user)


# Where each kind is carried out. A new kind in plan.py without an entry here fails the next test.
EXECUTED_BY: Dict[str, str] = {
    K.GROUP_ADD.value: "test_advice_lab.py::test_the_group_add_alternative_works_for_the_main_process_only",
    K.RENUMBER_IMAGE_GROUP.value: "test_advice_lab.py::test_the_renumber_alternative_works_as_printed",
    K.NODE_ACL.value: "test_advice_lab.py::test_the_acl_alternative_works_as_printed",
    K.NODE_MOUNT.value: "test_advice_lab.py::test_the_node_mount_alternative_works_as_printed",
    **{kind: "test_advice_lab.py::test_each_alternative_kind_works_as_printed[{}]".format(kind) for kind in KIND_CASES},
    AdviceStrategy.PAM_GROUP.value: "test_privilege_drops.py::test_pam_group_grants_the_group_as_the_plan_prints_it",
    AdviceStrategy.RUNTIME.value: "test_advice_lab.py::test_the_group_add_alternative_works_for_the_main_process_only",
    AdviceStrategy.IMAGE.value: "test_advice_lab.py::test_the_image_advice_works_as_printed",
    AdviceStrategy.ENTRYPOINT.value: "test_fix_flow.py::test_entrypoint_makes_the_next_ssh_login_work_and_is_idempotent",
}


def test_every_alternative_the_plan_can_list_is_carried_out_in_the_lab() -> None:
    assert set(EXECUTED_BY) == {k.value for k in K} | {s.value for s in AdviceStrategy}
    here = Path(__file__).resolve().parent
    for where in EXECUTED_BY.values():
        module, _, test = where.partition("::")
        function, _, case = test.partition("[")
        assert re.search(r"^def {}\(".format(function), (here / module).read_text(encoding="utf-8"), re.M), where
        if case:
            assert case.rstrip("]") in KIND_CASES, where
