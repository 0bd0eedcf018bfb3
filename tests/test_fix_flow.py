"""diagnose -> plan -> apply -> verify on every lab profile, then a real SSH login.

Ansible's triple: check mode changes nothing, apply changes exactly what the plan printed
(checked by reading the device's files independently), and a second apply changes nothing (same
bytes, same inode). Profiles that groups cannot fix end in a clear refusal. Also the container
entrypoint, run at "container start" inside the lab.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Tuple

import pytest

from jetson_gpu_access.exitcodes import Exit
from jetson_gpu_access.lab import profiles

# profile -> (what the plan does, verify afterwards); "refused": groups cannot help
OUTCOME = {
    "jp51-host": ("nothing", "pass"),
    "jp51-container-l4t": ("nothing", "pass"),
    "jp61-host": ("nothing", "pass"),
    "jp61-host-desktop": ("nothing", "pass"),           # the seat ACL opens it (ACC-001 stays a warning)
    "jp61-container-ubuntu-ssh": ("changes", "pass"),
    "jp61-container-group-add": ("changes", "pass"),
    "jp61-container-render-mismatch": ("changes", "pass"),
    "jp61-container-gid-taken": ("changes", "pass"),
    "jp62-toolkit-119": ("changes", "pass"),
    "jp7-thor": ("nothing", "pass"),
    "yocto-no-udev": ("refused", "fail"),
    "jp61-rootless-userns": ("refused", "fail"),
    "x86-dgpu-host": ("nothing", "pass"),
    # toolkit bands and injection paths (lab/bands.py)
    "tk111-created": ("nothing", "pass"),
    "tk116-created": ("nothing", "pass"),            # 0666 today: SEC-002 notes how to prepare, nothing to apply
    "tk116-created-prepared": ("nothing", "pass"),
    "tk116-created-as-user": ("nothing", "pass"),    # the user owns the nodes
    "tk1182-created": ("refused", "fail"),           # GID 0: no group can help (TKT-003)
    "tk1190-created": ("changes", "pass"),
    "tk1190-created-prepared": ("nothing", "pass"),
    "tk1191-created": ("changes", "pass"),
    "tk1191-created-as-user": ("nothing", "pass"),
    "tk116-host-dev": ("changes", "pass"),
    "tk116-privileged": ("changes", "pass"),
    "tk116-bind-mounted": ("changes", "pass"),
    # anti-patterns and engines
    "jp62-host-chmod666": ("changes", "pass"),       # membership first; the mode is restored by hand afterwards
    "jp62-podman-uid-gid": ("changes", "pass"),
    "jp62-container-journal-gid": ("refused", "fail"),
    "jp623-tk116-created": ("nothing", "pass"),
    "jp70-thor-tk118rc1-created": ("nothing", "pass"),
    "jp71-thor-tk118-created": ("nothing", "pass"),
    "jp71-thor-tk1190-created": ("changes", "pass"),   # OpenRM: video for the read-only nvmap, render by number
    "jp72-orin-tk1191-created": ("changes", "pass"),   # tests/test_advice_lab.py carries out each alternative
}


def group_state(device) -> Tuple[bytes, int, float]:  # type: ignore[no-untyped-def]
    path = Path(device.directory) / "root" / "etc" / "group"
    info = os.stat(path)
    return path.read_bytes(), info.st_ino, info.st_mtime


def test_every_profile_has_an_outcome() -> None:
    assert set(OUTCOME) == set(profiles.names())


@pytest.mark.parametrize("name", sorted(OUTCOME))
def test_fix_flow(lab, name: str) -> None:  # type: ignore[no-untyped-def]
    device = lab.fresh(name)
    user = profiles.load(name).session_user
    try:
        def root_run(*args: str, rc: int) -> str:
            return str(lab.cli("lab", "exec", name, "--", "jetson-gpu-access", *args, "--user", user, check_rc=rc).stdout)

        expected, verified = OUTCOME[name]
        plan = json.loads(root_run("plan", "--format", "json", rc=Exit.OK if expected == "nothing" else Exit.PROBLEM))
        before = group_state(device)
        root_run("apply", rc=Exit.OK if expected == "nothing" else Exit.PROBLEM)           # check mode
        assert group_state(device) == before, "the dry run changed /etc/group"

        applied = root_run("apply", "--apply", rc=Exit.PROBLEM if expected == "refused" else Exit.OK)
        group_text = (Path(device.directory) / "root" / "etc" / "group").read_text()
        assert group_text == plan["group_after"], "apply did not do exactly what the plan printed"
        if expected == "changes":
            assert group_state(device) != before and "Applied" in applied
            getent = lab.cli("lab", "exec", name, "--", "getent", "group", *{a["group"] for a in plan["actions"]},
                             check_rc=0).stdout
            assert all(user in line.split(":")[3].split(",") for line in getent.splitlines())
        else:
            assert group_state(device) == before
        if expected == "refused":
            assert plan["refusals"] and "REFUSED" in applied

        after = group_state(device)
        again = root_run("apply", "--apply", rc=Exit.PROBLEM if expected == "refused" else Exit.OK)
        assert group_state(device) == after and ("Nothing to do" in again or expected == "refused")

        verification = json.loads(root_run("verify", "--format", "json",
                                           rc=Exit.OK if verified == "pass" else Exit.PROBLEM))
        assert verification["verdict"] == verified
        login = lab.cli("lab", "ssh", name, user, "--", "jetson-gpu-access", "cuda-check", "--format", "json")
        assert json.loads(login.stdout)["status"] == verified, login.stderr
    finally:
        lab.discard(name)


def test_thor_read_only_nvmap_is_reported(lab) -> None:  # type: ignore[no-untyped-def]
    lab.device("jp7-thor")
    result = lab.cli("lab", "ssh", "jp7-thor", "alice", "--", "jetson-gpu-access", "diagnose", check_rc=0)
    assert "ACC-005" in result.stdout and "write access stays denied" in result.stdout


ENTRYPOINT = "/run/jga-lab/python/jetson_gpu_access/entrypoint.sh"


def start_container(lab, name: str, *command: str) -> object:  # type: ignore[no-untyped-def]
    """The entrypoint as a container start runs it: as root, with JGA_USER, then the command."""
    return lab.cli("lab", "exec", name, "--", "env", "JGA_USER=alice", "sh", ENTRYPOINT, *command)


def test_entrypoint_makes_the_next_ssh_login_work_and_is_idempotent(lab) -> None:  # type: ignore[no-untyped-def]
    device = lab.fresh("jp61-container-ubuntu-ssh")
    try:
        first = start_container(lab, "jp61-container-ubuntu-ssh", "id", "-G")
        assert first.returncode == 0, first.stderr
        assert first.stderr.splitlines() == [
            "jga-entrypoint: created group render with GID 993 for /dev/dri/renderD128",
            "jga-entrypoint: added alice to render (GID 993) for /dev/dri/renderD128"]
        assert "993" in first.stdout.split()
        login = lab.cli("lab", "ssh", "jp61-container-ubuntu-ssh", "alice", "--", "jetson-gpu-access", "cuda-check")
        assert login.returncode == 0 and "PASS" in login.stdout
        state = group_state(device)
        second = start_container(lab, "jp61-container-ubuntu-ssh", "true")
        assert second.returncode == 0 and second.stderr == ""
        assert group_state(device) == state
    finally:
        lab.discard("jp61-container-ubuntu-ssh")


@pytest.mark.parametrize(("name", "log"), [
    ("jp61-container-render-mismatch", "renumbered group render from GID 109 to 993"),
    ("jp61-container-gid-taken", "added alice to messagebus (GID 104)"),
])
def test_entrypoint_renumbers_or_joins_like_the_plan(lab, name: str, log: str) -> None:  # type: ignore[no-untyped-def]
    lab.fresh(name)
    try:
        result = start_container(lab, name, "true")
        assert result.returncode == 0 and log in result.stderr, result.stderr
        lab.cli("lab", "ssh", name, "alice", "--", "jetson-gpu-access", "cuda-check", check_rc=0)
    finally:
        lab.discard(name)


def test_entrypoint_fails_closed(lab) -> None:  # type: ignore[no-untyped-def]
    lab.device("yocto-no-udev")
    result = start_container(lab, "yocto-no-udev", "echo", "started")
    assert result.returncode == 1 and "started" not in result.stdout
    assert result.stderr.strip() == ("jga-entrypoint: error: /dev/nvmap belongs to group root; restore the vendor udev "
                                     "rules on the host")
    unnamed = lab.cli("lab", "exec", "yocto-no-udev", "--", "sh", ENTRYPOINT, "true")
    assert unnamed.returncode == 1 and "set JGA_USER" in unnamed.stderr


def test_docker_args_on_a_host(lab) -> None:  # type: ignore[no-untyped-def]
    lab.device("jp61-host")
    result = lab.cli("lab", "exec", "jp61-host", "--", "jetson-gpu-access", "docker-args", check_rc=0)
    assert "docker run --runtime nvidia --group-add 44 --group-add 104 IMAGE" in result.stdout
    assert "--device /dev/dri/renderD128" in result.stdout and 'group_add:\n      - "44"\n      - "104"' in result.stdout
    assert "SSH" in result.stdout
