"""apply against the outside review's findings F1, F5, F7-F10: each as the review reproduced it, and its class.

F1: links planted in ROOT/etc after apply's check, while a tool holds its lock, never lead a write
outside --root (the tools run chrooted with shadow-utils' -R). F5/F7: a GID written '+993', ' 993'
or '0993', or members ending in a comma, are parsed once, the way shadow-utils parses them, and the
plan predicts the line the tool writes back. F8: group and gshadow already out of step are refused.
F9: what shadow-utils and glibc read differently, in any of the four files, is refused before any
tool runs. F10: an immutable file or a full disk is exit 4 with the true cause. All as root, on
scratch roots, with the real CLI and real shadow-utils.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import subprocess
import threading
import time
from pathlib import Path
from typing import Callable, Tuple

import pytest

from conftest import needs_root
from jetson_gpu_access.accountfiles import file_problems, group_entry, out_of_step
from jetson_gpu_access.exitcodes import Exit
from test_apply_checklist import apply_cli, changed_as_planned, grpck, leftovers, planned, refused, reported_case, snapshot
from test_apply_safety import PRECIOUS, contents, shimmed

pytestmark = needs_root


@pytest.fixture
def root(tmp_path: Path) -> str:
    return reported_case(tmp_path)


def victim_state(path: Path) -> Tuple[bytes, int, int, int, int]:
    info = os.lstat(path)
    return path.read_bytes(), info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode), info.st_ino


# --- F1: a link planted after the check, while the tool runs ------------------------------------

def plant_when_locked(etc: Path, names: Tuple[str, ...], target: str, delay: float, stop: threading.Event) -> None:
    """The review's racer: wait for a tool's lock file, then (after ``delay``) put links at ``names``."""
    deadline = time.monotonic() + 30
    while not stop.is_set() and time.monotonic() < deadline:
        if (etc / "group.lock").exists() or (etc / "gshadow.lock").exists():
            time.sleep(delay)
            for name in names:
                for _ in range(100):  # the tool may recreate the name between our unlink and symlink
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(etc / name)
                    with contextlib.suppress(FileExistsError):
                        os.symlink(target, etc / name)
                        break
            return
        time.sleep(0.0005)


def apply_racing(root: str, racer: Callable[..., None], *args: object) -> subprocess.CompletedProcess[str]:
    """apply --apply on ``root`` while ``racer(*args, stop)`` runs beside it; the racer is stopped and joined after."""
    stop = threading.Event()
    thread = threading.Thread(target=racer, args=(*args, stop))
    thread.start()
    try:
        return apply_cli(root)  # type: ignore[no-any-return]
    finally:
        stop.set()
        thread.join()


@pytest.mark.parametrize("delay", [0.0, 0.002, 0.01, 0.05])
@pytest.mark.parametrize("form", ["absolute", "relative", "absolute, also inside the root"])
@pytest.mark.parametrize("names", [("group-", "gshadow-"), ("group+", "gshadow+")])
def test_f1_links_planted_during_apply_never_lead_outside_the_root(root: str, tmp_path: Path, delay: float,
                                                                   form: str, names: Tuple[str, ...]) -> None:
    victim = tmp_path / "outside" / "victim"
    victim.parent.mkdir()
    victim.write_bytes(PRECIOUS)
    before = victim_state(victim)
    target = str(victim) if form.startswith("absolute") else "../" * 12 + str(victim).lstrip("/")
    if form.endswith("inside the root"):  # the same path exists in the root: the tool may write there, never outside
        inside = Path(root + str(victim))
        inside.parent.mkdir(parents=True)
        inside.write_bytes(b"inside\n")
    result = apply_racing(root, plant_when_locked, Path(root) / "etc", names, target, delay)
    assert victim_state(victim) == before, result.stderr
    assert result.returncode in (Exit.OK, Exit.PROBLEM), (result.returncode, result.stderr)
    if result.returncode == Exit.PROBLEM:  # the link was seen: everything put back, nothing blamed on others
        assert "another program" not in result.stderr
        assert (Path(root) / "etc/group").read_text().count("render:") == 0


def test_f1_tools_run_chrooted_with_apply_holding_the_lock(root: str, tmp_path: Path) -> None:
    """The argv apply ran confines each tool (-R ROOT) and keeps it on apply's .pwd.lock (-P /.)."""
    result = apply_cli(root)
    assert result.returncode == Exit.OK, result.stderr
    for line in result.stdout.splitlines()[1:3]:
        assert " -R {} -P /. ".format(root) in line, result.stdout


def swap_root_when_locked(root: Path, victim: Path, after: str, stop: threading.Event) -> None:
    """Someone who can write to the root's parent swaps the root for a link to another tree once apply has checked
    it: as soon as .pwd.lock appears, or once the first tool has written /etc/group."""
    deadline = time.monotonic() + 30
    while not stop.is_set() and time.monotonic() < deadline:
        ready = (root / "etc/.pwd.lock").exists() if after == "lock" else "render:" in (root / "etc/group").read_text()
        if ready:
            os.rename(root, str(root) + ".orig")
            os.symlink(victim, root)
            return
        time.sleep(0.0002)


@pytest.mark.parametrize("after", ["lock", "first write"])
def test_h1_a_root_swapped_for_a_link_during_apply_leads_no_tool_elsewhere(root: str, tmp_path: Path, after: str) -> None:
    victim = tmp_path / "victim"
    shutil.copytree(root, victim, symlinks=True)
    (victim / "etc/group").write_text((victim / "etc/group").read_text().replace("render:x:993:", "render:x:992:"))
    before = {p.name: p.read_bytes() for p in (victim / "etc").iterdir() if p.is_file()}
    result = apply_racing(root, swap_root_when_locked, Path(root), victim, after)
    assert {p.name: p.read_bytes() for p in (victim / "etc").iterdir() if p.is_file()} == before, result.stdout
    assert result.returncode in (Exit.OK, Exit.UNSUPPORTED, Exit.PROBLEM), (result.returncode, result.stderr)
    if result.returncode == Exit.OK:  # the swap came after the last tool: the change is in the tree apply checked
        checked = Path(root + ".orig") if Path(root + ".orig").exists() else Path(root)
        assert "render:x:993:" in (checked / "etc/group").read_text()
    else:
        assert "no longer" in result.stderr and result.stderr.count("\n") == 1, result.stderr


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_f1_chrooted_tools_rely_on_the_lock_apply_holds(root: str, tmp_path: Path) -> None:
    """strace of a whole apply: each tool (and grpck) chroots into the root apply holds open (/proc/self/fd/N, the
    sealed ROOT); only apply itself locks .pwd.lock.

    A chrooted tool without -P would call lckpwdf() on the same R/etc/.pwd.lock and wait 15 s for
    apply; with -P it never asks, while apply's lock still keeps out every other shadow-utils tool
    (test_apply_safety's test_apply_waits_for_the_lckpwdf_lock and the concurrent useradd).
    """
    trace = tmp_path / "trace"
    result = apply_cli(root, wrap=["strace", "-f", "-qq", "-o", str(trace), "-e", "trace=chroot,fcntl,openat"])
    assert result.returncode == Exit.OK, result.stderr
    lines = trace.read_text().splitlines()
    apply_pid = lines[0].split()[0]
    chroots = [line for line in lines if "chroot(" in line]  # see test_h1_… and apply._sealed
    assert len(chroots) >= 2 and all(re.search(r'chroot\("/proc/self/fd/\d+"\)\s+= 0', line) for line in chroots), chroots
    locks = [line for line in lines if "F_WRLCK" in line]
    assert locks and all(line.split()[0] == apply_pid for line in locks), locks
    assert not any("F_SETLKW" in line for line in lines)
    assert not any(".pwd.lock" in line for line in lines if line.split()[0] != apply_pid)


def test_f1_the_chrooted_tools_run_no_program_of_the_root(root: str, tmp_path: Path) -> None:
    """A chrooted tool runs /usr/sbin/nscd and sss_cache: inside the chroot those are the root's own.

    Plain ``groupadd -R`` runs them (checked here first); under apply the root is sealed noexec in
    the tool's private mount namespace, so a hostile image's programs never run as host root.
    """
    source = tmp_path / "marker.c"
    source.write_text('#include <fcntl.h>\nint main(void) { return open("/ran-as-root", O_CREAT | O_WRONLY, 0644) < 0; }\n')
    program = tmp_path / "marker"
    if shutil.which("gcc") is None or subprocess.run(["gcc", "-static", "-o", str(program), str(source)],
                                                     capture_output=True, check=False).returncode != 0:
        pytest.skip("no gcc with a static libc to build a program that runs inside the root")
    sbin = Path(root) / "usr/sbin"
    sbin.mkdir(parents=True, exist_ok=True)
    for name in ("nscd", "sss_cache"):
        shutil.copy(str(program), str(sbin / name))
    marker = Path(root) / "ran-as-root"
    probe = tmp_path / "probe-root"
    shutil.copytree(root, str(probe), symlinks=True)
    subprocess.run(["groupadd", "-R", str(probe), "-P", "/.", "-g", "4444", "probe"], capture_output=True, check=False)
    assert (probe / "ran-as-root").exists(), "the hazard did not reproduce: groupadd -R ran no program of the root"
    result = apply_cli(root)
    assert result.returncode == Exit.OK, result.stderr
    assert not marker.exists()


def test_f1_a_mount_inside_root_etc_is_refused(root: str) -> None:
    """The tools get ROOT without its sub-mounts (none may lead out); a mount on ROOT/etc they would not see."""
    etc = os.path.join(root, "etc")
    before, ok = snapshot(root), grpck(root)
    wrap = ["unshare", "-m", "--propagation", "private", "sh", "-c", 'mount --bind "$1" "$1" && shift && exec "$@"', "sh", etc]
    refused(apply_cli(root, wrap=wrap), Exit.UNSUPPORTED, "is a mount point", before, root, ok)


# --- F5, F7: one parser for a line; the plan predicts what the tool writes back ------------------

@pytest.mark.parametrize("line", ["render:x:+993:", "render:x: 993:", "render:x:0993:", "render:x:993",
                                  "render:x:993:bob,", "render:x:993:bob,,carl"])
def test_f5_f7_odd_but_valid_render_lines_are_planned_as_the_tool_writes_them(root: str, line: str) -> None:
    with open(os.path.join(root, "etc/group"), "a") as handle:
        handle.write(line + "\n")
    with open(os.path.join(root, "etc/gshadow"), "a") as handle:
        handle.write("render:!::\n")
    plan, ok = planned(root), grpck(root)  # plan: exit 70 (StopIteration) before; grpck: bob has no account
    result = apply_cli(root)
    changed_as_planned(root, result, plan, ok)
    assert "another program" not in result.stderr


def test_f7_a_tool_writing_other_than_planned_is_undone_and_not_blamed_on_others(root: str, tmp_path: Path) -> None:
    """usermod (run by apply, under apply's lock) writes a line the plan did not print: restore, say so."""
    before, ok = contents(root), grpck(root)
    group = os.path.join(root, "etc/group")
    body = '"$REAL" "$@"; rc=$?\nsed -i "s/^render:x:993:alice$/render:x:993:alice,bob/" {}\nexit $rc\n'.format(group)
    result = apply_cli(root, wrap=shimmed(tmp_path, {"usermod": body}))
    assert result.returncode == Exit.PROBLEM, result.stderr
    assert "not what the plan printed" in result.stderr and "another program" not in result.stderr
    assert "restored" in result.stderr
    assert contents(root) == before and leftovers(root) == [] and grpck(root) == ok


def test_group_entry_matches_shadow_utils_parser() -> None:
    assert group_entry("render:x:0993:") is not None and group_entry("render:x:0993:").line() == "render:x:993:"  # type: ignore[union-attr]
    assert group_entry("a:x:5:b,").members == ("b",)  # type: ignore[union-attr]
    assert group_entry("a:x:5:b,,c").members == ("b", "", "c")  # type: ignore[union-attr]
    for opaque in ("a:x:5:b:c", "a:x", "+:::", "-o:x:993:", "a:x:-1:", "a:x:9_9:", "a:x:\u0669:", "a:x:993 :"):
        assert group_entry(opaque) is None, opaque


# --- F8: group and gshadow already out of step ---------------------------------------------------

def test_f8_group_and_gshadow_out_of_step_before_apply_are_refused(root: str) -> None:
    etc = Path(root) / "etc"
    with open(etc / "group", "a") as handle:
        handle.write("render:x:993:\n")
    (etc / "gshadow+").write_text("x\n")
    (etc / "gshadow+").chmod(0o600)
    before, ok = snapshot(root), grpck(root)
    assert ok != 0
    result = apply_cli(root)
    assert result.returncode == Exit.CONFLICT, result.stderr
    assert "out of step (render only in /etc/group)" in result.stderr and str(etc / "gshadow+") in result.stderr
    assert snapshot(root) == before and grpck(root) == ok


def test_f8_leftovers_of_an_interrupted_tool_are_reported_after_a_good_apply(root: str) -> None:
    etc = Path(root) / "etc"
    for name in ("gshadow+", "group.4242"):
        (etc / name).write_text("x\n")
    plan = planned(root)
    result = apply_cli(root)
    assert result.returncode == Exit.OK, result.stderr
    assert (etc / "group").read_text() == plan["group_after"] and grpck(root) == 0
    assert "interrupted account tool" in result.stdout and str(etc / "gshadow+") in result.stdout
    assert str(etc / "group.4242") in result.stdout


def test_out_of_step_names_both_sides() -> None:
    assert out_of_step(b"a:x:1:\nb:x:2:\n", b"a:!::\nc:!::\n") == ["b only in /etc/group", "c only in /etc/gshadow"]
    assert out_of_step(b"a:x:1:\n", None) == []


# --- F9: what shadow-utils and glibc read differently is a refusal before any tool runs -----------

@pytest.mark.parametrize(("name", "edit", "needle"), [
    ("group", lambda t: t + b"evil\0x:x:5000:\n", "NUL byte"),
    ("passwd", lambda t: t + b"evil\0x:x:5000:5000::/:/bin/sh\n", "NUL byte"),
    ("group", lambda t: t + b"render:x:993:bob:extra\n", "5 fields where shadow-utils reads 4"),
    ("group", lambda t: t + b"-o:x:993:\n", "NIS line with GID 993"),
    ("group", lambda t: t + b" render:x:993:\n", "starts with a blank"),
    ("gshadow", lambda t: t.replace(b"\n", b"\r\n"), "/etc/gshadow: CR"),
    ("shadow", lambda t: t.replace(b"\n", b"\r\n"), "/etc/shadow: CR"),
    ("passwd", lambda t: t + b"bob:x:1001:1001::/home/bob:/bin/sh:extra\n", "8 fields where shadow-utils reads 7"),
    ("shadow", lambda t: t + b"bob:*:1:2:3:4:5:6:7:8\n", "10 fields where shadow-utils reads 9"),
    ("gshadow", lambda t: t + b"render:!:\n", "3 fields where shadow-utils reads 4"),
])
def test_f9_files_the_tools_would_read_otherwise_are_refused_before_any_tool(root: str, name: str, edit, needle: str) -> None:  # type: ignore[no-untyped-def]
    path = Path(root) / "etc" / name
    path.write_bytes(edit(path.read_bytes()))
    before, ok = snapshot(root), grpck(root)
    refused(apply_cli(root), Exit.CONFLICT, needle, before, root, ok)


def test_f9_plan_refuses_the_same_group_file() -> None:
    assert file_problems("group", b"root:x:0:\n# comment\nbroken line\nweird:x:77:a,,b\n+:::\n") == []
    assert any("NUL" in p for p in file_problems("group", b"a\0:x:1:\n"))


# --- F10: a file or disk that refuses writes -----------------------------------------------------

def test_f10_immutable_group_file_is_read_only_exit(root: str) -> None:
    group = os.path.join(root, "etc/group")
    if subprocess.run(["chattr", "+i", group], capture_output=True, check=False).returncode != 0:
        pytest.skip("chattr +i is not supported on this file system")
    try:
        before, ok = snapshot(root), grpck(root)
        refused(apply_cli(root), Exit.READ_ONLY, "immutable (chattr +i)", before, root, ok)
    finally:
        subprocess.run(["chattr", "-i", group], check=True)


def apply_on_a_small_etc(root: str, tmp_path: Path, options: str, fill: str = "") -> subprocess.CompletedProcess[str]:
    """apply with the root's etc on a tmpfs of ``options`` (``$n``: the files in it), ``fill`` run on it first."""
    etc = os.path.join(root, "etc")
    script = ('set -e; cp -a "$1/." "$2"; n=$(find "$2" | wc -l); mount -t tmpfs -o {} tmpfs "$1"; cp -a "$2/." "$1"; '
              '{} shift 2; exec "$@"').format(options, fill)
    save = tmp_path / "save"
    save.mkdir()
    return apply_cli(root, wrap=["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh", etc, str(save)])


def test_f10_full_disk_is_read_only_exit(root: str, tmp_path: Path) -> None:
    result = apply_on_a_small_etc(root, tmp_path, "size=512k", 'dd if=/dev/zero of="$1/fill" bs=4k 2>/dev/null || true;')
    assert result.returncode == Exit.READ_ONLY, result.stderr
    assert "free" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_f10_no_free_inodes_is_read_only_exit_before_anything_changes(root: str, tmp_path: Path) -> None:
    result = apply_on_a_small_etc(root, tmp_path, "size=4m,nr_inodes=$((n + 3))")
    assert result.returncode == Exit.READ_ONLY, result.stderr
    assert "inode" in result.stderr and len(result.stderr.strip().splitlines()) == 1

