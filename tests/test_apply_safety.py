"""apply, plan and the entrypoint tried the way an attacker or an unlucky operator would (issue 12).

Links and hard links out of ``--root``; shadow-utils' real lock format (captured from a running
``groupadd``) and ``lckpwdf``'s ``.pwd.lock``; several appliers and a real ``useradd`` at once;
a foreign change during a failing apply; SIGTERM and SIGINT before and after every tool; an
edited saved plan; plans that cannot work (one name, two GIDs; a malformed line; no final
newline; bytes that are not UTF-8); and the container entrypoint with nodes whose GIDs clash.
Everything runs the real CLI or script as root on scratch roots, in private mount namespaces.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import pytest

from conftest import TOOLS, needs_root
from jetson_gpu_access import data
from jetson_gpu_access.exitcodes import Exit
from test_apply_checklist import apply_cli, changed_as_planned, grpck, leftovers, planned, refused, reported_case, snapshot

pytestmark = needs_root
ENTRYPOINT = os.path.join(TOOLS, "jetson_gpu_access", "entrypoint.sh")
PRECIOUS = b"precious: outside the root\n"


@pytest.fixture
def root(tmp_path: Path) -> str:
    return reported_case(tmp_path)


def contents(root: str) -> Dict[str, Optional[bytes]]:
    return {name: value[0] if value else None for name, value in snapshot(root).items()}


def victim(tmp_path: Path) -> Path:
    """A file outside the root that nothing may write."""
    path = tmp_path / "outside" / "victim"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(PRECIOUS)
    return path


# --- 1. nothing read or written through a path that leads outside the root ------------------------

GUARDED = ["group-", "group+", "gshadow-", "gshadow+", "passwd-", "passwd+", "shadow-", "shadow+",
           "group.lock", "gshadow.lock", "passwd.lock", ".pwd.lock", "login.defs", "group.4242"]


@pytest.mark.parametrize("name", GUARDED)
@pytest.mark.parametrize("link", ["symlink", "hard link"])
def test_links_next_to_the_account_files_are_refused(root: str, tmp_path: Path, name: str, link: str) -> None:
    target = victim(tmp_path)
    path = os.path.join(root, "etc", name)
    if os.path.lexists(path):
        os.unlink(path)
    (os.symlink if link == "symlink" else os.link)(str(target), path)
    before, ok = snapshot(root), grpck(root)
    result = apply_cli(root)
    os.unlink(path)
    refused(result, Exit.UNSUPPORTED, "symlink" if link == "symlink" else "hard links", before, root, ok)
    assert target.read_bytes() == PRECIOUS


@pytest.mark.parametrize(("via_proc", "copy_inside"), [(False, True), (True, True), (True, False)])
def test_etc_linked_out_of_the_root_is_refused(root: str, tmp_path: Path, via_proc: bool, copy_inside: bool) -> None:
    """R/etc -> a host folder: the diagnosis reads a copy inside R (if any), the tools would write the host's."""
    host = tmp_path / "host-etc"
    shutil.copytree(os.path.join(root, "etc"), host)
    target = "/proc/self/root" + str(host) if via_proc else str(host)
    if copy_inside:
        inside = Path(root + target)  # where the probe, resolving links inside R, reads
        inside.parent.mkdir(parents=True, exist_ok=True)
        os.rename(os.path.join(root, "etc"), inside)
    else:
        shutil.rmtree(os.path.join(root, "etc"))
    os.symlink(target, os.path.join(root, "etc"))
    host_before = {p.name: p.read_bytes() for p in host.iterdir()}
    result = apply_cli(root)
    assert result.returncode == Exit.UNSUPPORTED, (result.stdout, result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1 and "symlink" in result.stderr
    assert {p.name: p.read_bytes() for p in host.iterdir()} == host_before


# --- 2. shadow-utils' own locks ------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_a_lock_held_by_the_real_groupadd_is_respected(root: str) -> None:
    """groupadd -P, slowed down by strace before its rename, holds R/etc/group.lock as shadow writes it."""
    holder = subprocess.Popen(["strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=rename",
                               "-e", "inject=rename:delay_enter=4000000", "groupadd", "-P", root, "-g", "4321", "other"])
    lock = Path(root) / "etc/group.lock"
    try:
        deadline = time.monotonic() + 10
        while not lock.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        written = lock.read_bytes()
        assert re.fullmatch(rb"[0-9]+\0", written), written  # "PID\0": digits and a NUL
        result = apply_cli(root)
        assert result.returncode == Exit.CONFLICT, result.stderr
        assert "held by running process {}".format(written[:-1].decode()) in result.stderr
    finally:
        holder.wait(timeout=30)
    assert "other:x:4321:" in (Path(root) / "etc/group").read_text()  # the other tool's change survived


def hold_pwd_lock(root: str, seconds: float) -> subprocess.Popen[bytes]:
    """A process holding R/etc/.pwd.lock exactly as lckpwdf(3) takes it (fcntl write lock, whole file)."""
    code = ("import fcntl, os, sys, time\n"
            "fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT, 0o600)\n"
            "fcntl.lockf(fd, fcntl.LOCK_EX)\nprint('locked', flush=True)\ntime.sleep(float(sys.argv[2]))\n")
    holder = subprocess.Popen([sys.executable, "-c", code, os.path.join(root, "etc/.pwd.lock"), str(seconds)],
                              stdout=subprocess.PIPE)
    assert holder.stdout is not None and holder.stdout.readline() == b"locked\n"
    return holder


def test_apply_waits_for_the_lckpwdf_lock(root: str) -> None:
    plan = planned(root)
    holder = hold_pwd_lock(root, 2)
    start = time.monotonic()
    result = apply_cli(root)
    waited = time.monotonic() - start
    holder.communicate()
    changed_as_planned(root, result, plan)
    assert waited >= 1.5, "apply wrote while another program held .pwd.lock"


def add_users(root: str, *names: str) -> None:
    etc = Path(root) / "etc"
    for number, name in enumerate(names, 1001):
        with open(etc / "passwd", "a") as handle:
            handle.write("{0}:x:{1}:{1}::/home/{0}:/bin/sh\n".format(name, number))
        with open(etc / "shadow", "a") as handle:
            handle.write("{}:*:19000:0:99999:7:::\n".format(name))
        with open(etc / "group", "a") as handle:
            handle.write("{}:x:{}:\n".format(name, number))
        with open(etc / "gshadow", "a") as handle:
            handle.write("{}:!::\n".format(name))


def live_etc(root: str, *command: str) -> List[str]:
    """``command`` as the live system's tool, with R/etc bound on /etc (so it takes R/etc/.pwd.lock)."""
    return ["unshare", "-m", "--propagation", "private", "sh", "-c", 'mount --bind "$1" /etc && shift && exec "$@"',
            "sh", os.path.join(root, "etc"), *command]


def test_several_appliers_and_a_useradd_lose_nothing(root: str) -> None:
    add_users(root, "bob", "carol")
    argv = [[sys.executable, "-m", "jetson_gpu_access", "apply", "--root", root, "--user", user, "--apply"]
            for user in ("alice", "bob", "carol")]
    useradd = live_etc(root, "useradd", "-M", "-N", "-g", "100", "dave")
    runs = [subprocess.Popen(a, cwd=TOOLS, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for a in argv]
    runs.append(subprocess.Popen(useradd, stdout=subprocess.PIPE, stderr=subprocess.PIPE))
    codes = []
    for proc in runs:
        proc.communicate(timeout=120)
        codes.append(proc.returncode)
    assert codes[3] == 0, "useradd failed"
    assert set(codes[:3]) <= {Exit.OK, Exit.CONFLICT}, codes  # CONFLICT: the plan was made before another's change
    for _attempt in range(5):  # those refused plan again, as their message says
        pending = [a for a, code in zip(argv, codes) if code != Exit.OK]
        codes = [subprocess.run(a, cwd=TOOLS, capture_output=True, timeout=120, check=False).returncode for a in pending]
        if not pending or all(c == Exit.OK for c in codes):
            break
    text = (Path(root) / "etc/group").read_text()
    render = [line for line in text.splitlines() if line.startswith("render:")]
    assert len(render) == 1 and set(render[0].split(":")[3].split(",")) == {"alice", "bob", "carol"}
    assert "\ndave:x:" in (Path(root) / "etc/passwd").read_text()
    assert "\ndave:" in (Path(root) / "etc/shadow").read_text()
    assert grpck(root) == 0 and leftovers(root) == []


# --- 3 and 4. restore only what this run wrote, on every exit path --------------------------------

def shimmed(where: Path, scripts: Dict[str, str]) -> List[str]:
    """A private mount namespace in which each named tool is replaced by a script (the real one bound aside)."""
    shim = tempfile.mkdtemp(prefix="jga-shim-", dir=str(where))
    steps = []
    for tool, body in scripts.items():
        real = os.path.join(shim, "real-" + tool)
        Path(real).touch()
        script = os.path.join(shim, tool)
        Path(script).write_text("#!/bin/sh\nREAL={}\n{}".format(real, body))
        os.chmod(script, 0o755)  # noqa: S103
        steps += ["mount --bind /usr/sbin/{} {}".format(tool, real), "mount --bind {} /usr/sbin/{}".format(script, tool)]
    return ["unshare", "-m", "--propagation", "private", "sh", "-c", " && ".join(steps) + ' && exec "$@"', "sh"]


def test_a_failing_apply_never_reverts_someone_elses_change(root: str, tmp_path: Path) -> None:
    """usermod fails after another program (useradd -P, which ignores .pwd.lock) added mallory meanwhile."""
    before = contents(root)
    wrap = shimmed(tmp_path, {"usermod": '/usr/sbin/useradd -P "{}" -M -N -g 100 mallory\nexit 1\n'.format(root)})
    result = apply_cli(root, wrap=wrap)
    assert result.returncode == Exit.PROBLEM, result.stderr
    after = contents(root)
    assert b"\nmallory:x:" in (after["etc/passwd"] or b"") and b"\nmallory:" in (after["etc/shadow"] or b"")
    assert after["etc/group"] == before["etc/group"] and after["etc/gshadow"] == before["etc/gshadow"]  # ours: undone
    assert leftovers(root) == [] and grpck(root) == 0


def test_a_failing_apply_keeps_a_group_another_program_added_during_a_step(root: str, tmp_path: Path) -> None:
    """A writer that ignores every lock (echo >>) adds a group of its own while apply's groupadd runs: the step's
    result then differs from the plan and apply fails, but the other program's line is no part of apply's work and
    must not be undone with it."""
    body = '"$REAL" "$@"; rc=$?\necho "other:x:5000:" >> "{0}/etc/group"\necho "other:!::" >> "{0}/etc/gshadow"\n' \
           'exit $rc\n'.format(root)
    result = apply_cli(root, wrap=shimmed(tmp_path, {"groupadd": body}))
    assert result.returncode == Exit.PROBLEM, result.stderr
    after = contents(root)
    assert b"\nother:x:5000:" in (after["etc/group"] or b"") and b"\nother:!::" in (after["etc/gshadow"] or b"")
    assert "another program" in result.stderr and result.stderr.count("\n") == 1, result.stderr


SIGNALLER = """n=$(cat {counter}); echo $((n + 1)) > {counter}
[ "$n" != {pre} ] || kill -{sig} $PPID
"$REAL" "$@"; rc=$?
[ "$n" != {post} ] || kill -{sig} $PPID
exit $rc
"""


def three_step_root(root: str) -> None:
    """video emptied: apply runs usermod video, groupadd render, usermod render."""
    path = Path(root) / "etc/group"
    path.write_text(path.read_text().replace("video:x:44:alice", "video:x:44:"))
    gshadow = Path(root) / "etc/gshadow"
    gshadow.write_text(gshadow.read_text().replace("video:*::alice", "video:*::"))


@pytest.mark.parametrize("sig", ["TERM", "INT", "HUP"])
@pytest.mark.parametrize("point", ["before-1", "after-1", "before-2", "after-2", "before-3", "after-3"])
def test_a_signal_at_any_step_leaves_all_or_nothing(root: str, tmp_path: Path, point: str, sig: str) -> None:
    three_step_root(root)
    plan = planned(root)
    assert len(plan["actions"]) == 3  # type: ignore[arg-type]
    before, ok = contents(root), grpck(root)
    counter = tmp_path / "counter"
    counter.write_text("1")
    when, step = point.split("-")
    body = SIGNALLER.format(counter=counter, sig=sig, pre=step if when == "before" else 0,
                            post=step if when == "after" else 0)
    result = apply_cli(root, wrap=shimmed(tmp_path, {"groupadd": body, "usermod": body}))
    now = contents(root)
    assert now == before or (result.returncode == Exit.OK and (Path(root) / "etc/group").read_text() == plan["group_after"])
    assert result.returncode == 128 + signal.Signals["SIG" + sig], (result.returncode, result.stderr)
    assert "interrupted by SIG" + sig in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert leftovers(root) == [] and grpck(root) == ok


@pytest.mark.parametrize("delay", [0.1, 0.3, 0.5, 0.7, 0.9, 1.2])
def test_sigterm_at_any_moment_leaves_all_or_nothing(root: str, delay: float) -> None:
    """SIGTERM after ``delay`` seconds, wherever apply is then (start-up, lock, tools, checks)."""
    three_step_root(root)
    plan = planned(root)
    before, ok = contents(root), grpck(root)
    argv = [sys.executable, "-m", "jetson_gpu_access", "apply", "--root", root, "--user", "alice", "--apply"]
    proc = subprocess.Popen(argv, cwd=TOOLS, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    time.sleep(delay)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=120)
    # before apply defers signals, and after it is done, SIGTERM ends the process as usual (-15)
    assert proc.returncode in (Exit.OK, 128 + signal.SIGTERM, -signal.SIGTERM), stderr
    if contents(root) != before:
        assert (Path(root) / "etc/group").read_text() == plan["group_after"], (proc.returncode, stderr)
    assert leftovers(root) == [] and grpck(root) == ok


def test_an_exception_mid_loop_restores(root: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Any exception between two tools (here an ApplyError from the second) puts the first tool's work back."""
    from jetson_gpu_access import apply as apply_module
    from jetson_gpu_access.diagnose import diagnose
    from jetson_gpu_access.plan import make_plan
    from jetson_gpu_access.probe import probe

    three_step_root(root)
    diagnosis = diagnose(probe(root, "alice"))
    plan = make_plan(diagnosis, (Path(root) / "etc/group").read_bytes())
    before = contents(root)
    real_run = apply_module.run
    calls: List[Sequence[str]] = []

    def failing(argv: Sequence[str], **kwargs: object):  # type: ignore[no-untyped-def]
        if os.path.basename(argv[0]) in ("groupadd", "usermod", "groupmod"):
            calls.append(argv)
            if len(calls) == 2:
                raise apply_module.ApplyError(Exit.PROBLEM, "raised between two tools")
        return real_run(argv, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(apply_module, "run", failing)
    with pytest.raises(apply_module.ApplyError) as raised:
        apply_module.apply(plan, root, 1000)
    assert "raised between two tools" in str(raised.value) and "restored" in str(raised.value)
    assert contents(root) == before and leftovers(root) == []


# --- 5. a saved plan is re-derived, never trusted ------------------------------------------------

def test_an_edited_saved_plan_adding_sudo_is_refused(root: str, tmp_path: Path) -> None:
    plan = planned(root)
    sudo = {"kind": "add-member", "group": "sudo", "gid": 27, "old_gid": None, "user": "alice",
            "reason": "render node", "command": "usermod -a -G render alice"}
    plan["actions"] = list(plan["actions"]) + [sudo]  # type: ignore[call-overload]
    plan["group_after"] = str(plan["group_after"]).replace("sudo:x:27:", "sudo:x:27:alice")
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan))
    before, ok = snapshot(root), grpck(root)
    refused(apply_cli(root, "--plan", str(path)), Exit.CONFLICT, "'sudo'", before, root, ok)


def test_an_unedited_saved_plan_is_applied(root: str, tmp_path: Path) -> None:
    plan = planned(root)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan))
    changed_as_planned(root, apply_cli(root, "--plan", str(path)), plan)


def test_sensitive_groups_are_one_list_shared_with_the_entrypoint() -> None:
    script = Path(ENTRYPOINT).read_text()
    line = next(line for line in script.splitlines() if line.startswith("sensitive="))
    assert line.split('"')[1].split() == list(data.load("policy")["sensitive_groups"])


# --- 7. plans that could not work become refusals --------------------------------------------------

def add_node(root: str, name: str, gid: int) -> None:
    path = os.path.join(root, "dev/dri", name)
    os.mknod(path, 0o20660, os.makedev(1, 3))
    os.chmod(path, 0o660)  # mknod passes the mode through the umask
    os.chown(path, 0, gid)


def test_two_render_nodes_with_two_gids_is_a_refusal_not_two_groupadds(root: str) -> None:
    add_node(root, "renderD129", 994)
    plan = planned(root)
    commands = [a["command"] for a in plan["actions"]]  # type: ignore[union-attr]
    assert commands == ["groupadd -g 993 render", "usermod -a -G render alice"]
    assert any("two GIDs" in r["reason"] for r in plan["refusals"])  # type: ignore[union-attr]
    result = apply_cli(root)
    assert result.returncode == Exit.PROBLEM and "REFUSED /dev/dri/renderD129" in result.stdout, result.stderr
    assert (Path(root) / "etc/group").read_text() == plan["group_after"] and grpck(root) == 0


def test_a_malformed_line_in_the_way_is_a_refusal(root: str) -> None:
    path = Path(root) / "etc/group"
    path.write_text(path.read_text() + "render:x:abc:\n")
    plan = planned(root)
    assert plan["actions"] == [] and any("malformed" in r["reason"] for r in plan["refusals"])  # type: ignore[union-attr]
    before = contents(root)
    result = apply_cli(root)
    assert result.returncode == Exit.PROBLEM and "malformed" in result.stdout
    assert contents(root) == before


def test_no_final_newline_gives_a_readable_diff(root: str) -> None:
    path = Path(root) / "etc/group"
    path.write_text(path.read_text() + "render:x:993:")
    with open(os.path.join(root, "etc/gshadow"), "a") as handle:
        handle.write("render:!::\n")  # in step: group and gshadow both list render (one list only is refused)
    plan = planned(root)
    diff = str(plan["diff"]).splitlines()
    assert "-render:x:993:" in diff and "+render:x:993:alice" in diff and "\\ No newline at end of file" in diff
    changed_as_planned(root, apply_cli(root), plan)
    assert path.read_text().endswith("\nrender:x:993:alice\n")


def test_bytes_that_are_not_utf8_are_kept_and_do_not_look_like_a_change(root: str) -> None:
    path = Path(root) / "etc/group"
    path.write_bytes(b"# caf\xe9 \xff\n" + path.read_bytes())
    plan = planned(root)
    result = apply_cli(root)
    assert result.returncode == Exit.OK, result.stderr
    written = path.read_bytes()
    assert written.startswith(b"# caf\xe9 \xff\n") and written.endswith(b"render:x:993:alice\n")
    assert written.decode("utf-8", "surrogateescape") == plan["group_after"]


# --- 6. the entrypoint ---------------------------------------------------------------------------

PASSWD = "root:x:0:0:root:/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n"  # noqa: S105 - not a password
BASE_GROUPS = "root:x:0:\nsudo:x:27:\nvideo:x:44:\nalice:x:1000:\n"


def container(tmp_path: Path, groups: str, nodes: Sequence[Tuple[str, int]], hide: Sequence[str] = (),
              run_as: str = "alice") -> Tuple[subprocess.CompletedProcess[str], str, str]:
    """Run the entrypoint as a container start would: /etc a scratch copy, the nodes real char devices.

    Returns the result and /etc/group before and after.
    """
    etc = tmp_path / "etc"
    shutil.copytree("/etc", etc, symlinks=True, ignore=shutil.ignore_patterns("group*", "gshadow*", "passwd*",
                                                                             "shadow*", ".pwd.lock"))
    (etc / "passwd").write_text(PASSWD)
    (etc / "group").write_text(groups)
    (etc / "shadow").write_text("root:*:19000::::::\nalice:*:19000::::::\n")
    os.chmod(etc / "shadow", 0o640)
    dev = tmp_path / "dev"
    dev.mkdir()
    paths = []
    for name, gid in nodes:
        path = dev / name
        os.mknod(path, 0o20660, os.makedev(1, 3))
        os.chmod(path, 0o660)  # mknod passes the mode through the umask
        os.chown(path, 0, gid)
        paths.append(str(path))
    hiding = "".join("mount --bind /dev/null {} && ".format(shutil.which(t)) for t in hide if shutil.which(t))
    script = 'mount --bind "$1" /etc && ' + hiding + 'shift && exec "$@"'
    argv = ["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh", str(etc),
            "env", "JGA_USER=alice", "JGA_RUN_AS=" + run_as, "JGA_NODES=" + " ".join(paths), "sh", ENTRYPOINT, "id", "-G"]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)
    return result, groups, (etc / "group").read_text()


def test_entrypoint_never_renumbers_the_group_of_another_node(tmp_path: Path) -> None:
    result, before, after = container(tmp_path, BASE_GROUPS, [("nvmap", 44), ("nvhost-ctrl-gpu", 2000)])
    assert result.returncode != 0 and "video" in result.stderr, result.stderr
    assert after == before  # decided before changing anything: not even the nvmap membership


def test_entrypoint_two_render_nodes_with_two_gids(tmp_path: Path) -> None:
    result, before, after = container(tmp_path, BASE_GROUPS + "render:x:993:\n",
                                      [("renderD128", 993), ("renderD129", 994)])
    assert result.returncode != 0 and "render" in result.stderr, result.stderr
    assert after == before


def test_entrypoint_never_joins_a_group_sharing_a_sensitive_gid(tmp_path: Path) -> None:
    """gpu listed first, so getent group 27 answers gpu: joining it would hand out sudo's GID."""
    result, before, after = container(tmp_path, "gpu:x:27:\n" + BASE_GROUPS, [("renderD128", 27)])
    assert result.returncode != 0 and "GID 27" in result.stderr, result.stderr
    assert after == before


@pytest.mark.parametrize("name", ["render,sudo", "render+sudo", "1render"])
def test_entrypoint_never_joins_a_group_whose_name_usermod_would_split(tmp_path: Path, name: str) -> None:
    """usermod -a -G 'render,sudo' joins render and sudo: a node's group with a name that is not one plain
    name is refused, as the plan and apply refuse it."""
    result, before, after = container(tmp_path, BASE_GROUPS + "render:x:500:\n{}:x:993:\n".format(name),
                                      [("renderD128", 993)])
    assert result.returncode != 0 and name in result.stderr, result.stderr
    assert after == before


def test_entrypoint_refuses_duplicate_gids(tmp_path: Path) -> None:
    result, before, after = container(tmp_path, BASE_GROUPS + "gpu:x:993:\nrender:x:993:\n", [("renderD128", 993)])
    assert result.returncode != 0 and "993" in result.stderr, result.stderr
    assert after == before


@pytest.mark.parametrize(("hide", "run_as", "needle"), [
    (("groupadd", "addgroup"), "alice", "groupadd"),
    (("setpriv", "su-exec", "gosu"), "alice", "setpriv"),
    (("getent",), "alice", "getent"),
])
def test_entrypoint_checks_its_tools_before_changing_anything(tmp_path: Path, hide: Sequence[str], run_as: str,
                                                              needle: str) -> None:
    result, before, after = container(tmp_path, BASE_GROUPS, [("nvmap", 44), ("renderD128", 993)], hide, run_as)
    assert result.returncode != 0 and needle in result.stderr, result.stderr
    assert after == before


def test_entrypoint_still_aligns_a_plain_case(tmp_path: Path) -> None:
    result, _, after = container(tmp_path, BASE_GROUPS, [("nvmap", 44), ("renderD128", 993)])
    assert result.returncode == 0, result.stderr
    assert "video:x:44:alice\n" in after and "render:x:993:alice\n" in after
    assert {"44", "993"} <= set(result.stdout.split())


def test_a_failing_apply_puts_back_the_backups_the_tools_rewrote(root: str, tmp_path: Path) -> None:
    """shadow-utils rewrites group- and gshadow- at each change: a failed, undone apply leaves the older backups too
    (the undo's own message points to them)."""
    etc = Path(root) / "etc"
    for name in ("group", "gshadow"):
        (etc / (name + "-")).write_bytes((etc / name).read_bytes() + b"older:x:4242:\n" if name == "group" else
                                         (etc / name).read_bytes() + b"older:!::\n")
    before = contents(root)
    backups = {name: (etc / (name + "-")).read_bytes() for name in ("group", "gshadow")}
    result = apply_cli(root, wrap=shimmed(tmp_path, {"usermod": "exit 1\n"}))
    assert result.returncode == Exit.PROBLEM and "restored" in result.stderr, result.stderr
    assert contents(root) == before
    assert {name: (etc / (name + "-")).read_bytes() for name in ("group", "gshadow")} == backups


def test_a_missing_group_file_beside_a_gshadow_is_refused_before_any_tool_runs(root: str) -> None:
    etc = Path(root) / "etc"
    (etc / "group").unlink()
    names = sorted(os.listdir(etc))
    result = apply_cli(root)
    assert result.returncode == Exit.CONFLICT and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "/etc/group" in result.stderr and "missing" in result.stderr
    assert sorted(os.listdir(etc)) == names  # refused before any lock or tool: nothing new


@pytest.mark.parametrize("at", ["write", "fsync"])
def test_a_signal_during_the_write_probe_leaves_no_file(root: str, at: str) -> None:
    """The probe file exists only for an instant, before apply defers signals (and in every dry run): a SIGTERM
    that lands then ends the process as usual, after the file is gone."""
    code = ("import os, signal, sys\nfrom jetson_gpu_access.accountfiles import AccountDir\n"
            "real = os.{0}\nos.{0} = lambda fd, *rest: (os.kill(os.getpid(), signal.SIGTERM), real(fd, *rest))[1]\n"
            "print(AccountDir(sys.argv[1]).unwritable())\n").format(at)
    result = subprocess.run([sys.executable, "-c", code, root], cwd=TOOLS, capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.returncode == -signal.SIGTERM, (result.returncode, result.stdout, result.stderr)
    assert leftovers(root) == []
