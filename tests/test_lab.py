"""The lab for real: bubblewrap devices, real sshd logins, the kernel deciding, clean teardown.

Needs root and the lab's Debian packages (make test installs them). Every profile is brought up,
diagnosed through the same path a user takes, and compared with the scenario expectations.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

from conftest import TOOLS
from jetson_gpu_access.exitcodes import Exit
from jetson_gpu_access.lab import profiles
from jetson_gpu_access.model import Diagnosis
from jetson_gpu_access.serde import from_jsonable
from test_scenarios import EXPECTED


def session_run(lab, name: str, command: List[str]) -> subprocess.CompletedProcess:  # type: ignore[no-untyped-def,type-arg]
    """Run ``command`` as the profile's session user, the way that session reaches the device."""
    profile = profiles.load(name)
    lab.device(name)
    if profile.session_kind in profiles.PROCESS_KINDS:
        return lab.cli("lab", "exec", name, "--user", profile.session_user, "--process", "--", *command)
    return lab.cli("lab", "ssh", name, profile.session_user, "--", *command)


@pytest.mark.parametrize("name", profiles.names())
def test_profile_diagnosed_inside_its_device_matches_the_scenario(lab, name: str) -> None:  # type: ignore[no-untyped-def]
    result = session_run(lab, name, ["jetson-gpu-access", "diagnose", "--format", "json"])
    verdict, codes, _ = EXPECTED[(name, None)]
    assert result.returncode == (Exit.PROBLEM if verdict.value == "problem" else Exit.OK), result.stderr
    diagnosis = from_jsonable(Diagnosis, json.loads(result.stdout))
    assert diagnosis.verdict is verdict
    assert {f.code for f in diagnosis.findings} == codes
    assert os.path.exists(os.path.join(lab.device(name).directory, "root", "etc", "jetson-gpu-access-lab"))


def test_ssh_login_shows_the_failure_and_root_shows_access(lab) -> None:  # type: ignore[no-untyped-def]
    lab.device("jp61-container-ubuntu-ssh")
    alice = lab.cli("lab", "ssh", "jp61-container-ubuntu-ssh", "alice", "--", "jetson-gpu-access", "diagnose",
                    check_rc=Exit.PROBLEM)
    assert "an SSH session" in alice.stdout and "ACC-003" in alice.stdout and "GRP-002" in alice.stdout
    root = lab.cli("lab", "ssh", "jp61-container-ubuntu-ssh", "root", "--", "jetson-gpu-access", "diagnose",
                   check_rc=Exit.OK)
    render = next(line for line in root.stdout.splitlines() if line.startswith("/dev/dri/renderD128"))
    assert "\u2713 root rw" in render


def test_the_kernel_decides_and_only_the_group_file_changes(lab) -> None:  # type: ignore[no-untyped-def]
    device = lab.device("jp61-container-ubuntu-ssh")
    group_file = Path(device.directory) / "root" / "etc" / "group"
    original = group_file.read_bytes()
    open_render = ["sh", "-c", 'exec 3<>/dev/dri/renderD128']
    denied = lab.cli("lab", "exec", "jp61-container-ubuntu-ssh", "--user", "alice", "--login", "--", *open_render)
    assert denied.returncode != 0 and "Permission denied" in denied.stderr
    try:
        group_file.write_bytes(original + b"render:x:993:alice\n")
        lab.cli("lab", "exec", "jp61-container-ubuntu-ssh", "--user", "alice", "--login", "--", *open_render, check_rc=0)
        lab.cli("lab", "ssh", "jp61-container-ubuntu-ssh", "alice", "--", *open_render, check_rc=0)
    finally:
        group_file.write_bytes(original)


@pytest.mark.parametrize(("name", "user", "via", "code", "stderr"), [
    ("jp61-container-ubuntu-ssh", "alice", "ssh", 801, "cannot open /dev/dri/renderD128: Permission denied"),
    ("jp61-container-ubuntu-ssh", "root", "ssh", None, ""),
    ("jp51-container-l4t", "alice", "ssh", None, ""),
    ("yocto-no-udev", "alice", "ssh", 999, "NvRmMemInitNvmap failed with Permission denied"),
    ("jp7-thor", "alice", "ssh", None, ""),
    ("x86-dgpu-host", "alice", "ssh", None, ""),
    ("jp61-container-group-add", "alice", "exec", None, ""),
    ("jp61-container-group-add", "alice", "ssh", 801, "Permission denied"),
])
def test_emulated_cuda_gives_the_real_drivers_codes(lab, name: str, user: str, via: str, code, stderr: str) -> None:  # type: ignore[no-untyped-def]
    lab.device(name)
    command = ["jetson-gpu-access", "cuda-check", "--format", "json"]
    if via == "ssh":
        result = lab.cli("lab", "ssh", name, user, "--", *command)
    else:
        result = lab.cli("lab", "exec", name, "--user", user, "--process", "--", *command)
    outcome = json.loads(result.stdout)
    assert outcome["code"] == code, (outcome, result.stderr)
    assert outcome["status"] == ("pass" if code is None else "fail")
    assert stderr in result.stderr
    if code is None:
        assert "EMULATED" in outcome["device_name"] and outcome["detail"].endswith("kernel succeeded")


@pytest.mark.parametrize(("node", "code"), [("/dev/nvidiactl", 100), ("/dev/nvidia0", 100), ("/dev/nvidia-uvm", 999)])
def test_emulated_cuda_answers_a_discrete_gpus_denied_node_as_the_real_driver(lab, tmp_path, node: str, code: int) -> None:  # type: ignore[no-untyped-def]
    """The codes NVIDIA's driver gave (tests/test_real_driver.py checks them again where one is loaded)."""
    name = "dgpu-denied-" + node.rsplit("/", 1)[1]
    document = dict(profiles.load("x86-dgpu-host").raw, name=name)
    document["devices"] = dict(document["devices"], nodes=[{"path": node, "mode": "0660"}])  # root's group only
    path = tmp_path / (name + ".json")
    path.write_text(json.dumps(document), encoding="utf-8")
    lab.cli("lab", "up", str(path), check_rc=Exit.OK)
    try:
        result = lab.cli("lab", "ssh", name, "alice", "--", "jetson-gpu-access", "cuda-check", "--format", "json")
        assert (json.loads(result.stdout)["code"], result.returncode) == (code, Exit.PROBLEM), result.stderr
    finally:
        lab.cli("lab", "down", name, check_rc=Exit.OK)


def test_a_second_up_is_refused(lab) -> None:  # type: ignore[no-untyped-def]
    lab.device("jp51-host")
    again = lab.cli("lab", "up", "jp51-host", check_rc=Exit.CONFLICT)
    assert "already up" in again.stderr and len(again.stderr.strip().splitlines()) == 1


def test_missing_privilege_tools_and_profiles_are_named(lab, public_dir: str) -> None:  # type: ignore[no-untyped-def]
    as_nobody = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-S",
                                "-m", "jetson_gpu_access", "lab", "up", "jp51-host"], cwd=public_dir, capture_output=True,
                               text=True, timeout=60, check=False, env={"PATH": "/usr/bin:/bin"})
    assert as_nobody.returncode == Exit.NOT_ROOT and "needs root" in as_nobody.stderr
    no_tools = subprocess.run([sys.executable, "-m", "jetson_gpu_access", "lab", "up", "jp51-host"], cwd=TOOLS,
                              capture_output=True, text=True, timeout=60, check=False,
                              env=dict(os.environ, PATH="/nonexistent"))
    assert no_tools.returncode == Exit.UNSUPPORTED and "apt-get install bubblewrap" in no_tools.stderr
    unknown = lab.cli("lab", "up", "no-such-profile", check_rc=Exit.USAGE)
    assert "known profiles:" in unknown.stderr


def test_a_non_root_user_sees_the_device_tree_model(lab) -> None:  # type: ignore[no-untyped-def]
    lab.device("jp61-host")
    result = lab.cli("lab", "ssh", "jp61-host", "alice", "--", "cat", "/sys/firmware/devicetree/base/model", check_rc=0)
    assert result.stdout.startswith("NVIDIA Jetson AGX Orin Developer Kit")


def test_a_profile_file_starts_with_its_verbatim_accounts_and_sshd_decides(lab, tmp_path) -> None:  # type: ignore[no-untyped-def]
    document = dict(profiles.load("jp61-container-ubuntu-ssh").raw, name="my-device")
    # a duplicate render line: getgrnam() takes the first, initgroups() every line listing alice
    document["accounts"] = {"passwd": "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n",
                            "group": "root:x:0:\nvideo:x:44:alice\r\nrender:x:109:\nrender:x:993:alice\nalice:x:1000:"}
    path = tmp_path / "my-device.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    lab.cli("lab", "up", str(path), check_rc=Exit.OK)
    try:
        ids = lab.cli("lab", "ssh", "my-device", "alice", "--", "id", "-G", check_rc=0)
        assert sorted(ids.stdout.split()) == ["1000", "993"]  # the CRLF video line lists "alice\r"
        lab.cli("lab", "ssh", "my-device", "alice", "--", "sh", "-c", "exec 3<>/dev/dri/renderD128", check_rc=0)
        group = Path(lab.home) / "my-device" / "root" / "etc" / "group"
        assert group.read_bytes() == document["accounts"]["group"].encode()
    finally:
        lab.cli("lab", "down", "my-device", check_rc=Exit.OK)


def test_a_reproduced_device_runs_diagnose_plan_apply_verify(lab, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A profile written from a bundle, started from its file: the whole fix flow works on it."""
    from jetson_gpu_access import bundle
    from jetson_gpu_access.diagnose import diagnose
    from jetson_gpu_access.lab import reproduce, scratch
    from jetson_gpu_access.probe import probe

    (tmp_path / "scratch").mkdir()
    original = diagnose(probe(scratch.materialise(profiles.load("jp61-container-ubuntu-ssh"), str(tmp_path / "scratch")),
                              None))
    bundle.write(original, str(tmp_path / "b.tar.gz"))
    path = tmp_path / "reported.json"
    path.write_text(json.dumps(reproduce.from_bundle(str(tmp_path / "b.tar.gz"), "reported")), encoding="utf-8")
    lab.cli("lab", "up", str(path), check_rc=Exit.OK)
    try:
        seen = lab.cli("lab", "ssh", "reported", "alice", "--", "jetson-gpu-access", "diagnose", "--format", "json",
                       check_rc=Exit.PROBLEM)
        diagnosis = from_jsonable(Diagnosis, json.loads(seen.stdout))
        assert {f.code for f in diagnosis.findings} == {f.code for f in original.findings}
        lab.cli("lab", "exec", "reported", "--", "jetson-gpu-access", "apply", "--user", "alice", "--apply", check_rc=Exit.OK)
        lab.cli("lab", "ssh", "reported", "alice", "--", "jetson-gpu-access", "verify", check_rc=Exit.OK)
    finally:
        lab.cli("lab", "down", "reported", check_rc=Exit.OK)


@pytest.mark.parametrize(("name", "dev_fs", "origin"), [
    ("jp61-host", "devtmpfs", "host"),                       # a host's own /dev
    ("jp61-container-ubuntu-ssh", "tmpfs", "created"),       # nodes the runtime made in the container's /dev
    ("jp51-container-l4t", "tmpfs", "bind-mounted"),         # the legacy runtime's per-node bind mounts
])
def test_a_running_device_shows_dev_as_its_kind_of_device_has_it(lab, name: str, dev_fs: str, origin: str) -> None:  # type: ignore[no-untyped-def]
    result = session_run(lab, name, ["jetson-gpu-access", "diagnose", "--format", "json"])
    facts = json.loads(result.stdout)["facts"]
    assert facts["container"]["dev_filesystem"] == dev_fs
    assert {n["origin"] for n in facts["devices"]} == {origin}


def test_down_removes_the_private_dev_folder(lab) -> None:  # type: ignore[no-untyped-def]
    from jetson_gpu_access.lab import sandbox

    lab.fresh("jp61-host")
    folder = sandbox._dev_folder("jp61-host")
    assert folder is not None and os.path.exists(os.path.join(folder, "dev", "nvmap"))
    lab.discard("jp61-host")
    assert not os.path.exists(folder)
