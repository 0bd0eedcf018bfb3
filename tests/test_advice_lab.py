"""Advice that holds up when followed: every alternative a refusal lists is carried out in a lab
device, and the user then opens the node (the kernel decides).

The scenario: the host's render GID is systemd-journal's in the image (a sensitive group). The plan
refuses to join it and lists --group-add, renumbering systemd-journal, and an ACL on the container's
own node. Alternatives that would fail (an image groupadd -g of a taken GID, the entrypoint, which
refuses sensitive GIDs too, pam_group for a group that must not be joined) must not be listed.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from jetson_gpu_access.exitcodes import Exit
from jetson_gpu_access.lab import profiles

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
    assert [a.split()[0] for a in refusal["instead"]] == ["docker", "renumber", "setfacl"]
    assert {a["strategy"] for a in plan["advice"]} == {"runtime"}   # no groupadd -g 993, no entrypoint, no pam_group
    assert not _alice_opens(lab, "--login")


def test_the_acl_alternative_works_as_printed(lab) -> None:  # type: ignore[no-untyped-def]
    if shutil.which("setfacl") is None:
        pytest.skip("setfacl is not installed: apt-get install acl (the Makefile's SYSTEM_TOOLS lists it)")
    device = lab.fresh(NAME)
    acl = next(a for a in next(r for r in _plan(lab)["refusals"] if r["path"] == RENDER)["instead"]
               if a.startswith("setfacl"))
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
