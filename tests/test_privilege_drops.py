"""Every way a session switches to the user, run with the real Debian binary inside a lab device.

The claims are data (tools/jetson_gpu_access/data/privilege_drops.json, fact sheet A.3): each path
rebuilds the groups from the container's /etc/group, keeps the caller's, or keeps one group. Here a
root caller that holds the container's --group-add GID (993, which no /etc/group line carries)
switches to alice by each path, and ``id -G`` must show what the row says. A binary Debian does not
package is skipped with that reason; login runs on a terminal (script(1), on a devpts instance of the
device's own). Then: the diagnosis names the path a session came through, and pam_group (the plan's
alternative for PAM logins) grants the group as the plan prints it, through su and through a real sshd
with UsePAM yes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from typing import Dict, Iterator, List, Set, Tuple

import pytest

from conftest import TOOLS
from jetson_gpu_access import data
from jetson_gpu_access.lab import profiles

PROFILE = "jp61-container-group-add"     # alice in video (44), --group-add 993, no render line
CALLER = ["setpriv", "--groups=0,993", "--"]   # root holding the runtime-only GID, as a container's process 1
SUPERVISOR_CONF = ("[supervisord]\nnodaemon=true\nlogfile=/tmp/sv.log\npidfile=/tmp/sv.pid\n[program:x]\ncommand=id -G\n"
                   "user={user}\nstartsecs=0\nautorestart=false\nstdout_logfile=/tmp/x.out\n")
ROWS = [row for row in data.load("privilege_drops")["paths"] if row["lab"]]


def _expected(row: Dict[str, object], user: str) -> Set[int]:
    profile = profiles.load(PROFILE)
    uid = profile.uid_of(user)
    return {"rebuilds": set(profile.login_gids(user)) | {uid}, "keeps": {uid, 0, 993}, "one-group": {uid}}[str(row["groups"])]


def _argv(row: Dict[str, object], user: str, uid: int) -> List[str]:
    if row["id"] == "login":  # login reads its commands from a terminal: script(1) gives it one
        commands = "printf 'echo GROUPS=$(id -G)\\nexit\\n'"
        return CALLER + ["sh", "-c", "{} | script -qec '{}' /dev/null".format(
            commands, " ".join(str(a).replace("USER", user) for a in row["lab"]))]  # type: ignore[attr-defined]
    if row["id"] == "supervisord":
        script = "printf '{}' > /tmp/sv.conf && timeout 5 supervisord -c /tmp/sv.conf >/dev/null 2>&1; cat /tmp/x.out".format(
            SUPERVISOR_CONF.format(user=user).replace("\n", "\\n"))
        return CALLER + ["sh", "-c", script]
    return CALLER + [str(a).replace("USER", user).replace("UID", str(uid)) for a in row["lab"]]  # type: ignore[attr-defined]


@pytest.mark.parametrize("row", ROWS, ids=[str(r["id"]) for r in ROWS])
def test_each_path_does_to_the_groups_what_the_data_says(lab, row: Dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    binary = "supervisord" if row["id"] == "supervisord" else str(row["lab"][0])  # type: ignore[index]
    if shutil.which(binary) is None:
        reason = ("Debian 12 has no {} package".format(binary) if row["package"] is None
                  else "{} is not installed: apt-get install {} (the Makefile's SYSTEM_TOOLS lists it)".format(
                      binary, row["package"]))
        pytest.skip(reason)
    lab.device(PROFILE)
    user = profiles.load(PROFILE).session_user
    argv = _argv(row, user, profiles.load(PROFILE).uid_of(user))
    if row["id"] == "login":
        result = _with_terminal(PROFILE, argv)
        found = re.search(r"GROUPS=(\d[\d ]*)", result.stdout)
        shown = {int(g) for g in found.group(1).split()} if found else set()
    else:
        result = lab.cli("lab", "exec", PROFILE, "--", *argv, check_rc=0)
        shown = {int(g) for g in result.stdout.split()[-8:] if g.isdigit()}
    assert shown == _expected(row, user), (row["id"], result.stdout, result.stderr)


def _with_terminal(device: str, command: List[str]) -> subprocess.CompletedProcess[str]:
    """``command`` as root in lab device ``device``, where ptys work: the device's /dev has no devpts of its
    own (bubblewrap mounts one only with --dev, which the lab's /dev replaces), so a private instance is
    mounted before the device's capabilities are limited; never the host's, whose ptys are other sessions'."""
    from jetson_gpu_access.lab import sandbox

    argv = sandbox.exec_argv(device, "root", "process", command)
    at = argv.index("--")
    argv[at:at + 1] = ["--dir", "/dev/pts", "--", "sh", "-c",
                       'mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts /dev/pts && exec "$@"', "sh"]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    return result


def test_a_terminal_in_the_device_is_its_own_and_shows_none_of_the_hosts(lab) -> None:  # type: ignore[no-untyped-def]
    """login needs a terminal, and root in the device holds every capability: the host's ptys (other sessions'
    terminals) must not be reachable from inside, only a pty the device allocates for itself."""
    lab.device(PROFILE)
    leader, follower = os.openpty()  # a terminal of this host, as another session's would be
    try:
        assert os.path.exists(os.ttyname(follower))
        result = _with_terminal(PROFILE, ["sh", "-c", "ls /dev/pts; echo TTY=$(script -qec tty /dev/null)"])
    finally:
        os.close(leader)
        os.close(follower)
    listed, _, tty = result.stdout.partition("TTY=")
    assert listed.split() == ["ptmx"], result.stdout
    assert tty.strip().startswith("/dev/pts/"), result.stdout


def test_the_diagnosis_names_the_path_a_session_came_through(lab) -> None:  # type: ignore[no-untyped-def]
    lab.device(PROFILE)
    result = lab.cli("lab", "exec", PROFILE, "--", *CALLER, "su", "alice", "-c",
                     "/usr/local/bin/jetson-gpu-access diagnose --format json", check_rc=1)
    diagnosis = json.loads(result.stdout)
    assert diagnosis["facts"]["process"]["launcher"] == "su"
    drop = next(f for f in diagnosis["findings"] if f["code"] == "DRP-001")
    assert "su / su -" in drop["title"] and "rebuilds the groups" in drop["title"]
    assert 993 not in diagnosis["views"][1]["groups"]   # su dropped the --group-add GID, as the row says


def test_pam_group_grants_the_group_as_the_plan_prints_it(lab) -> None:  # type: ignore[no-untyped-def]
    """The plan's pam_group advice, applied to su's PAM stack in the lab (the lab's own sshd runs without
    PAM): with the group line it grants the GID at login; without it, pam_group cannot."""
    device = lab.fresh(PROFILE)
    plan = json.loads(lab.cli("lab", "exec", PROFILE, "--", "jetson-gpu-access", "plan", "--user", "alice",
                              "--format", "json", check_rc=1).stdout)
    advice = next(a for a in plan["advice"] if a["strategy"] == "pam_group")
    conf_line = next(line for line in advice["text"].splitlines() if line.startswith("*;"))
    pam_line = next(line.split("#", 1)[0].strip() for line in advice["text"].splitlines() if "pam_group.so" in line)
    setup = ("printf '%s\\n' '{}' >> /etc/security/group.conf && {{ printf '%s\\n' '{}'; cat /etc/pam.d/su; }} > /tmp/su "
             "&& cat /tmp/su > /etc/pam.d/su").format(conf_line, pam_line)
    lab.cli("lab", "exec", PROFILE, "--", "sh", "-c", setup, check_rc=0)
    before = lab.cli("lab", "exec", PROFILE, "--", "su", "-", "alice", "-c", "id -G", check_rc=0).stdout.split()
    assert "993" not in before   # no group line with GID 993 yet: pam_group grants names only
    lab.cli("lab", "exec", PROFILE, "--", "jetson-gpu-access", "apply", "--apply", "--user", "alice", check_rc=0)
    lab.cli("lab", "exec", PROFILE, "--", "gpasswd", "-d", "alice", "render", check_rc=0)  # keep only pam_group's grant
    after = lab.cli("lab", "exec", PROFILE, "--", "su", "-", "alice", "-c", "id -G", check_rc=0).stdout.split()
    assert "993" in after, after
    lab.discard(device.name)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _pam_sshd(lab, device: str) -> Iterator[int]:  # type: ignore[no-untyped-def]
    """A second sshd in the device, as the lab's but with UsePAM yes (the device's Debian PAM stack for
    sshd, with whatever the test put in it), on its own port; stopped by the process group started here."""
    port = _free_port()
    config = ("sed -e 's/^UsePAM no$/UsePAM yes/' -e 's/^Port .*/Port {}/' -e 's#^PidFile .*#PidFile /run/jga-lab/ssh/"
              "pam-sshd.pid#' /run/jga-lab/ssh/sshd_config > /etc/ssh/pam_sshd_config").format(port)
    lab.cli("lab", "exec", device, "--", "sh", "-c", config, check_rc=0)
    process = subprocess.Popen([sys.executable, "-m", "jetson_gpu_access", "lab", "exec", device, "--", "/usr/sbin/sshd",
                                "-D", "-e", "-f", "/etc/ssh/pam_sshd_config"], cwd=TOOLS, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and process.poll() is None:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        assert process.poll() is None, "the PAM sshd did not start: {}".format(process.communicate()[1])
        yield port
    finally:
        os.killpg(process.pid, signal.SIGTERM)   # the group this test started: lab exec, bwrap, sshd
        process.communicate(timeout=20)


def _ssh_groups(device: str, port: int, user: str) -> Tuple[Set[int], bool]:
    """``id -G`` of a real SSH login on ``port``, and whether it opened the render node read-write."""
    from jetson_gpu_access.lab import sandbox

    argv = sandbox.ssh_argv(device, user, ["sh", "-c", 'id -G; exec 3<>/dev/dri/renderD128 && echo opened'])
    argv[argv.index("-p") + 1] = str(port)
    result = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False, stdin=subprocess.DEVNULL)
    lines = result.stdout.split("\n")
    return {int(g) for g in lines[0].split()}, "opened" in result.stdout


def test_pam_group_grants_the_group_to_a_real_sshd_login(lab) -> None:  # type: ignore[no-untyped-def]
    """The plan's pam_group advice as printed, in the device's stock Debian /etc/pam.d/sshd of a real
    sshd with UsePAM yes: after initgroups() wiped the runtime's GID, sshd's pam_setcred() runs
    pam_group, which grants render by name from /etc/security/group.conf, once the group line with
    the host's GID exists; the render node then opens. The lab's own sshd (UsePAM no) gets nothing."""
    if not os.path.exists("/usr/lib/x86_64-linux-gnu/security/pam_group.so") and not any(
            os.path.exists(os.path.join(d, "security", "pam_group.so")) for d in ("/lib", "/usr/lib", "/lib64")):
        pytest.skip("pam_group.so is not installed: apt-get install libpam-modules")
    device = lab.fresh(PROFILE)
    plan = json.loads(lab.cli("lab", "exec", PROFILE, "--", "jetson-gpu-access", "plan", "--user", "alice",
                              "--format", "json", check_rc=1).stdout)
    advice = next(a for a in plan["advice"] if a["strategy"] == "pam_group")
    conf_lines = [line for line in advice["text"].splitlines() if line.startswith("*;")]
    pam_line = next(line.split("#", 1)[0].strip() for line in advice["text"].splitlines() if "pam_group.so" in line)
    setup = ("printf '%s\\n' {} >> /etc/security/group.conf && {{ printf '%s\\n' '{}'; cat /etc/pam.d/sshd; }} "
             "> /tmp/sshd && cat /tmp/sshd > /etc/pam.d/sshd").format(" ".join("'{}'".format(c) for c in conf_lines),
                                                                        pam_line)
    lab.cli("lab", "exec", PROFILE, "--", "sh", "-c", setup, check_rc=0)
    with _pam_sshd(lab, PROFILE) as port:
        before, opened = _ssh_groups(PROFILE, port, "alice")
        assert 993 not in before and not opened   # no group line with GID 993 yet: pam_group grants names only
        lab.cli("lab", "exec", PROFILE, "--", "jetson-gpu-access", "apply", "--apply", "--user", "alice", check_rc=0)
        lab.cli("lab", "exec", PROFILE, "--", "gpasswd", "-d", "alice", "render", check_rc=0)  # only pam_group's grant
        after, opened = _ssh_groups(PROFILE, port, "alice")
        assert 993 in after and opened, after
    without_pam, _ = _ssh_groups(PROFILE, device.port, "alice")
    assert 993 not in without_pam   # the same login through the lab's sshd, UsePAM no
    lab.discard(device.name)
