"""The reliability checklist (../shared/reference/reliability-checklist.md) against apply --apply.

Every case runs the real CLI on a scratch root with real shadow-utils (``-P``), setting up the
hazard for real (mount namespaces, locks, capabilities, strace fault injection). A refusal must
give its exit code and one-line message, leave all four account files byte-identical, leave no
temporary or lock file, and not make grpck unhappier. A change must be exactly the plan's.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import pytest

from conftest import TOOLS, needs_root
from jetson_gpu_access.exitcodes import Exit
from jetson_gpu_access.lab import profiles, scratch

pytestmark = needs_root
ACCOUNT_FILES = ("etc/group", "etc/gshadow", "etc/passwd", "etc/shadow")
Snapshot = Dict[str, Optional[Tuple[bytes, int, int, int, int]]]
MOUNT = 'mount --bind "$1" "$2" && shift 2 && exec "$@"'
MOUNT_RO = 'mount --bind "$1" "$2" && mount -o remount,bind,ro "$2" && shift 2 && exec "$@"'


@pytest.fixture
def root(tmp_path: Path) -> str:
    return reported_case(tmp_path)


def reported_case(tmp_path: Path) -> str:
    """The reported case as a scratch root, with a gshadow so both files are exercised."""
    path = profile_root(tmp_path, "jp61-container-ubuntu-ssh")
    groups = (Path(path) / "etc/group").read_text().splitlines()
    (Path(path) / "etc/gshadow").write_text("".join("{}:*::{}\n".format(g.split(":")[0], g.split(":")[3]) for g in groups))
    os.chown(path + "/etc/gshadow", 0, 42)
    os.chmod(path + "/etc/gshadow", 0o640)
    (Path(path) / "etc/shadow").write_text("root:*:19000:0:99999:7:::\nalice:*:19000:0:99999:7:::\n")
    os.chmod(path + "/etc/shadow", 0o640)
    return path


def profile_root(tmp_path: Path, name: str) -> str:
    """A lab profile materialised as a scratch root (real device nodes) under tmp_path."""
    root = str(tmp_path / name)
    os.mkdir(root)
    return scratch.materialise(profiles.load(name), root)


def snapshot(root: str) -> Snapshot:
    out: Snapshot = {}
    for name in ACCOUNT_FILES:
        path = os.path.join(root, name)
        try:
            info = os.lstat(path)
            data = Path(path).read_bytes() if stat.S_ISREG(info.st_mode) else os.readlink(path).encode()
            out[name] = (data, info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode), info.st_ino)
        except FileNotFoundError:
            out[name] = None
    return out


def leftovers(root: str) -> List[str]:
    """Temporary and lock files; not .pwd.lock, lckpwdf's permanent lock file (every shadow tool leaves it)."""
    return sorted(n for n in os.listdir(os.path.join(root, "etc"))
                  if (n.endswith(("+", ".lock")) and n != ".pwd.lock") or ".cio" in n or n.startswith((".#", ".jga-")))


def grpck(root: str) -> int:
    return subprocess.run(["grpck", "-r", "-R", root], capture_output=True, timeout=60, check=False).returncode


def apply_cli(root: str, *extra: str, wrap: Sequence[str] = (), user: str = "alice",
              python: str = sys.executable, cwd: str = TOOLS) -> subprocess.CompletedProcess[str]:
    argv = [*wrap, python, "-m", "jetson_gpu_access", "apply", "--root", root, "--user", user, "--apply", *extra]
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=120, check=False,
                          stdin=subprocess.DEVNULL)


def refused(result: subprocess.CompletedProcess[str], code: int, needle: str, before: Snapshot, root: str,
            grpck_before: int) -> None:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], result.stderr
    assert snapshot(root) == before, "account files changed on a refusal"
    assert leftovers(root) == []
    assert grpck(root) == grpck_before


def planned(root: str, user: str = "alice") -> Dict[str, object]:
    result = subprocess.run([sys.executable, "-m", "jetson_gpu_access", "plan", "--root", root, "--user", user,
                             "--format", "json"], cwd=TOOLS, capture_output=True, text=True, timeout=60, check=False)
    value: Dict[str, object] = json.loads(result.stdout)
    return value


def changed_as_planned(root: str, result: subprocess.CompletedProcess[str], plan: Dict[str, object],
                       grpck_before: int = 0) -> None:
    assert result.returncode == Exit.OK, (result.stdout, result.stderr)
    assert (Path(root) / "etc/group").read_text() == plan["group_after"]
    assert leftovers(root) == []
    assert grpck(root) == grpck_before


# --- preflight refusals -----------------------------------------------------------------------

def test_r1_not_root(root: str, public_dir: str) -> None:
    visible = os.path.join(public_dir, "root")  # pytest's tmp_path is private to root; nobody must see this one
    shutil.copytree(root, visible, symlinks=True)
    before, ok = snapshot(visible), grpck(visible)
    result = apply_cli(visible, wrap=["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"],
                       python="/usr/bin/python3", cwd=public_dir)
    refused(result, Exit.NOT_ROOT, "must run as root", before, visible, ok)


def test_r2_root_without_capabilities(root: str) -> None:
    before, ok = snapshot(root), grpck(root)
    wrap = ["setpriv", "--inh-caps=-all", "--bounding-set=-all"]
    refused(apply_cli(root, wrap=wrap), Exit.NOT_ROOT, "without CAP_CHOWN", before, root, ok)


def test_r3_user_namespace(root: str) -> None:
    before, ok = snapshot(root), grpck(root)
    refused(apply_cli(root, wrap=["unshare", "-U", "--map-root-user"]), Exit.UNSUPPORTED, "user namespace", before, root, ok)


@pytest.mark.parametrize("name", ["etc/group", "etc/gshadow", "etc/passwd", "etc/shadow"])
def test_f1_single_file_bind_mount(root: str, tmp_path: Path, name: str) -> None:
    copy = tmp_path / "copy"
    shutil.copy2(os.path.join(root, name), copy)
    before, ok = snapshot(root), grpck(root)
    wrap = ["unshare", "-m", "--propagation", "private", "sh", "-c", MOUNT, "sh", str(copy), os.path.join(root, name)]
    result = apply_cli(root, wrap=wrap)
    refused(result, Exit.READ_ONLY, "bind-mounted as a single file", before, root, ok)


def test_f2_group_file_read_only(root: str) -> None:
    before, ok = snapshot(root), grpck(root)
    target = os.path.join(root, "etc/group")
    wrap = ["unshare", "-m", "--propagation", "private", "sh", "-c", MOUNT_RO, "sh", target, target]
    refused(apply_cli(root, wrap=wrap), Exit.READ_ONLY, "bind-mounted", before, root, ok)


def test_f3_read_only_etc(root: str) -> None:
    before, ok = snapshot(root), grpck(root)
    etc = os.path.join(root, "etc")
    wrap = ["unshare", "-m", "--propagation", "private", "sh", "-c", MOUNT_RO, "sh", etc, etc]
    refused(apply_cli(root, wrap=wrap), Exit.READ_ONLY, "read-only file system", before, root, ok)


def test_g6_group_file_is_a_symlink(root: str) -> None:
    real = os.path.join(root, "etc/group.real")
    os.rename(os.path.join(root, "etc/group"), real)
    os.symlink("group.real", os.path.join(root, "etc/group"))
    before, ok = snapshot(root), grpck(root)
    refused(apply_cli(root), Exit.UNSUPPORTED, "is a symlink", before, root, ok)


@pytest.mark.parametrize(("lock", "content", "needle"), [
    ("group.lock", "", "no PID in it"),
    ("group.lock", "2147483000", "is not running"),
    ("gshadow.lock", "", "stale lock"),
    ("passwd.lock", "2147483000", "stale lock"),
    ("shadow.lock", "", "stale lock"),
])
def test_x2_stale_lock(root: str, lock: str, content: str, needle: str) -> None:
    path = os.path.join(root, "etc", lock)
    Path(path).write_text(content)
    before, ok = snapshot(root), grpck(root)
    result = apply_cli(root)
    os.unlink(path)
    refused(result, Exit.CONFLICT, needle, before, root, ok)


def test_x2_lock_held_by_a_live_process(root: str) -> None:
    holder = subprocess.Popen(["sleep", "60"])
    path = os.path.join(root, "etc/group.lock")
    try:
        Path(path).write_bytes(b"%d\0" % holder.pid)  # the format shadow-utils writes (see test_apply_safety)
        before, ok = snapshot(root), grpck(root)
        result = apply_cli(root)
        os.unlink(path)
        refused(result, Exit.CONFLICT, "held by running process {}".format(holder.pid), before, root, ok)
    finally:
        holder.kill()
        holder.wait()


def test_x2_a_lock_held_the_way_shadow_holds_it_is_waited_for_not_called_unsafe(root: str) -> None:
    """While a tool holds its lock, FILE.PID and FILE.lock are one inode with two links: another
    apply must see a held lock (conflict), not a hard-linked file (found with several appliers)."""
    holder = subprocess.Popen(["sleep", "60"])
    temporary, lock = os.path.join(root, "etc/group.%d" % holder.pid), os.path.join(root, "etc/group.lock")
    try:
        Path(temporary).write_bytes(b"%d\0" % holder.pid)
        os.link(temporary, lock)
        before, ok = snapshot(root), grpck(root)
        result = apply_cli(root)
        os.unlink(lock)
        os.unlink(temporary)
        refused(result, Exit.CONFLICT, "held by running process {}".format(holder.pid), before, root, ok)
    finally:
        holder.kill()
        holder.wait()


def test_f7_no_account_tools(root: str) -> None:
    before, ok = snapshot(root), grpck(root)
    hide = " && ".join('{{ [ ! -e {0} ] || mount --bind /dev/null {0}; }}'.format(p) for p in
                       ("/usr/sbin/groupadd", "/usr/sbin/groupmod", "/usr/sbin/usermod", "/usr/sbin/addgroup",
                        "/sbin/addgroup", "/bin/addgroup", "/usr/bin/addgroup"))
    wrap = ["unshare", "-m", "--propagation", "private", "sh", "-c", hide + ' && exec "$@"', "sh"]
    refused(apply_cli(root, wrap=wrap), Exit.UNSUPPORTED, "no account tools", before, root, ok)


# --- plans that do not fit ----------------------------------------------------------------------

def save_plan(root: str, tmp_path: Path) -> str:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(planned(root)))
    return str(path)


def test_plan_for_another_root(root: str, tmp_path: Path) -> None:
    plan = save_plan(root, tmp_path)
    other = str(tmp_path / "other")
    shutil.copytree(root, other, symlinks=True)
    before, ok = snapshot(other), grpck(other)
    refused(apply_cli(other, "--plan", plan), Exit.CONFLICT, "made for root", before, other, ok)


def test_plan_for_another_user(root: str, tmp_path: Path) -> None:
    plan_path = save_plan(root, tmp_path)
    plan = json.loads(Path(plan_path).read_text())
    plan["user"], plan["uid"] = "mallory", 1000
    Path(plan_path).write_text(json.dumps(plan))
    before, ok = snapshot(root), grpck(root)
    refused(apply_cli(root, "--plan", plan_path), Exit.CONFLICT, "made for user mallory", before, root, ok)


def test_group_file_changed_since_the_plan(root: str, tmp_path: Path) -> None:
    plan = save_plan(root, tmp_path)
    with open(os.path.join(root, "etc/group"), "a") as handle:
        handle.write("extra:x:4242:\n")
    before, ok = snapshot(root), grpck(root)
    refused(apply_cli(root, "--plan", plan), Exit.CONFLICT, "changed since the plan", before, root, ok)


def test_unreadable_plan_file(root: str, tmp_path: Path) -> None:
    bad = tmp_path / "plan.json"
    bad.write_text("{not json")
    before, ok = snapshot(root), grpck(root)
    refused(apply_cli(root, "--plan", str(bad)), Exit.USAGE, "cannot read plan", before, root, ok)


def test_u1_user_does_not_exist(root: str) -> None:
    before, ok = snapshot(root), grpck(root)
    refused(apply_cli(root, user="nosuchuser"), Exit.USAGE, "not in", before, root, ok)


def test_u2_target_is_root(root: str) -> None:
    before, ok = snapshot(root), grpck(root)
    refused(apply_cli(root, user="root"), Exit.USAGE, "needs no group", before, root, ok)


@pytest.mark.parametrize(("mutation", "needle"), [
    (lambda text: text.replace("\n", "\r\n"), "CRLF"),                       # G1
    (lambda text: text + "video:x:4444:\n", "appears 2 times"),               # G3 duplicate name
    (lambda text: text + "render2:x:44:\n", "is shared by"),                  # G3 duplicate GID
])
def test_g1_g3_account_files_needing_repair(root: str, mutation, needle: str) -> None:  # type: ignore[no-untyped-def]
    path = Path(root) / "etc/group"
    path.write_bytes(mutation(path.read_text()).encode())
    before, ok = snapshot(root), grpck(root)
    refused(apply_cli(root), Exit.CONFLICT, needle, before, root, ok)



NINES = "9" * 4300  # as many digits as Python's int() takes from a string (3.11+)


def with_line(name: str, old: str, new: str) -> Callable[[str], str]:
    return lambda text: text.replace(old, new, 1) if old else text + new


@pytest.mark.parametrize(("name", "edit", "where", "what"), [
    ("group", with_line("group", "", "games2:x:{}:alice\n".format(NINES)), "/etc/group line 40", "GID"),
    ("group", with_line("group", "", "games2:x:99999999999999999999:\n"), "/etc/group line 40", "GID"),
    ("group", with_line("group", "", "games2:x:4294967295:\n"), "/etc/group line 40", "GID"),  # (gid_t)-1
    ("passwd", with_line("passwd", "alice:x:1000:", "alice:x:{}:".format(NINES)), "/etc/passwd line 6", "UID"),
    ("passwd", with_line("passwd", "nobody:x:65534:65534:", "nobody:x:65534:4294967296:"), "/etc/passwd line 5", "GID"),
])
def test_g4_an_id_out_of_range_is_a_malformed_account_file(root: str, name: str, edit: Callable[[str], str], where: str,
                                                           what: str) -> None:
    """glibc skips such a line (or reads the invalid id 4294967295), musl wraps the number: refused, as a file
    that needs repair, naming the file, the line and the cause; nothing changes."""
    path = Path(root) / "etc" / name
    path.write_text(edit(path.read_text()))
    before, ok = snapshot(root), grpck(root)
    result = apply_cli(root)
    refused(result, Exit.CONFLICT, where, before, root, ok)
    assert "need repair" in result.stderr and "{} ".format(what) in result.stderr and "out of range" in result.stderr
    assert len(result.stderr) < 600, result.stderr[:600]



def test_g4_a_user_only_on_an_out_of_range_line_is_named_with_that_line(root: str) -> None:
    """Not 'alice is not in /etc/passwd': the line is there, and the message says which and why it does not count."""
    path = Path(root) / "etc/passwd"
    path.write_text(path.read_text().replace("alice:x:1000:", "alice:x:{}:".format(NINES), 1))
    for command in ("plan", "diagnose"):
        result = subprocess.run([sys.executable, "-m", "jetson_gpu_access", command, "--root", root, "--user", "alice"],
                                cwd=TOOLS, capture_output=True, text=True, timeout=60, check=False)
        lines = result.stderr.strip().splitlines()
        assert result.returncode == Exit.USAGE and len(lines) == 1 and len(lines[0]) < 400, result.stderr[:600]
        assert "/etc/passwd line 6" in lines[0] and "UID" in lines[0] and "out of range" in lines[0], lines[0]


def test_u2_several_uid_zero_accounts(root: str) -> None:
    with open(os.path.join(root, "etc/passwd"), "a") as handle:
        handle.write("toor:x:0:0::/root:/bin/sh\n")
    before, ok = snapshot(root), grpck(root)
    refused(apply_cli(root), Exit.CONFLICT, "several accounts have UID 0", before, root, ok)


# --- nodes groups cannot fix: a refusal in the plan, nothing written ------------------------------

def node(root: str, path: str = "dev/dri/renderD128") -> str:
    return os.path.join(root, path)


@pytest.mark.parametrize(("setup", "needle"), [
    (lambda r: os.chown(node(r), 0, 0), "group 0 (root)"),                    # C6
    (lambda r: os.chown(node(r), 0, 65534), "65534"),                          # C7
    (lambda r: os.chmod(node(r), 0o600), "group bits do not grant"),           # C9
    (lambda r: os.chmod(node(r), 0o604), "group bits do not grant"),           # C9, other can read
    (lambda r: os.unlink(node(r)), "not present here"),                        # D1
    (lambda r: (os.unlink(node(r)), os.symlink("/etc/shadow", node(r))), "not a character device"),  # D2
])
def test_nodes_group_membership_cannot_fix(root: str, setup, needle: str) -> None:  # type: ignore[no-untyped-def]
    setup(root)
    before, ok = snapshot(root), grpck(root)
    result = apply_cli(root)
    assert result.returncode == Exit.PROBLEM, result.stderr
    assert needle in result.stdout
    assert snapshot(root) == before and leftovers(root) == [] and grpck(root) == ok


def test_c3_host_group_with_another_gid_is_not_renumbered(tmp_path: Path) -> None:
    root = profile_root(tmp_path, "jp61-host")
    os.chown(node(root), 0, 993)  # the node's GID differs from the host's render (104)
    before, ok = snapshot(root), grpck(root)
    result = apply_cli(root)
    assert result.returncode == Exit.PROBLEM and "renumbering a host's system group is refused" in result.stdout
    assert snapshot(root) == before and grpck(root) == ok


def test_c3_container_renumber_refused_when_files_use_the_old_gid(tmp_path: Path) -> None:
    root = profile_root(tmp_path, "jp61-container-render-mismatch")
    owned = Path(root) / "var/cache-owned-by-render"
    owned.write_text("x")
    os.chown(owned, 0, 109)
    before, ok = snapshot(root), grpck(root)
    refused(apply_cli(root), Exit.CONFLICT, "owned by GID 109", before, root, ok)


def test_c3_container_renumber_refused_for_a_primary_group(tmp_path: Path) -> None:
    root = profile_root(tmp_path, "jp61-container-render-mismatch")
    with open(os.path.join(root, "etc/passwd"), "a") as handle:
        handle.write("renderd:x:1500:109::/:/bin/sh\n")
    before, ok = snapshot(root), grpck(root)
    result = apply_cli(root)
    assert result.returncode == Exit.PROBLEM and "primary group" in result.stdout
    assert snapshot(root) == before and grpck(root) == ok


def test_c4_gid_owned_by_a_sensitive_group(root: str) -> None:
    path = Path(root) / "etc/group"
    path.write_text(path.read_text() + "input:x:993:\n")
    before, ok = snapshot(root), grpck(root)
    result = apply_cli(root)
    assert result.returncode == Exit.PROBLEM and "sensitive group 'input'" in result.stdout
    assert snapshot(root) == before and grpck(root) == ok


# --- correct changes ----------------------------------------------------------------------------

def test_c1_creates_the_group_then_a_second_run_changes_nothing(root: str) -> None:
    plan = planned(root)
    changed_as_planned(root, apply_cli(root), plan)
    assert "render:x:993:alice" in (Path(root) / "etc/group").read_text()
    assert "render:!::alice" in (Path(root) / "etc/gshadow").read_text()  # group and gshadow in step
    after = snapshot(root)
    again = apply_cli(root)
    assert again.returncode == Exit.OK and "Nothing to do" in again.stdout
    assert snapshot(root) == after  # same bytes, same inode


def test_c4_gid_owned_by_a_harmless_group_is_joined(tmp_path: Path) -> None:
    root = profile_root(tmp_path, "jp61-container-gid-taken")
    plan = planned(root)
    changed_as_planned(root, apply_cli(root), plan)
    assert "messagebus:x:104:alice" in (Path(root) / "etc/group").read_text()


def test_c3_container_group_renumbered(tmp_path: Path) -> None:
    root = profile_root(tmp_path, "jp61-container-render-mismatch")
    plan = planned(root)
    changed_as_planned(root, apply_cli(root), plan)
    assert "render:x:993:alice" in (Path(root) / "etc/group").read_text()


def test_c8_several_nodes_several_groups(root: str) -> None:
    path = Path(root) / "etc/group"
    path.write_text(path.read_text().replace("video:x:44:alice", "video:x:44:"))
    plan = planned(root)
    assert [a["command"] for a in plan["actions"]] == [  # type: ignore[union-attr,index]
        "usermod -a -G video alice", "groupadd -g 993 render", "usermod -a -G render alice"]
    changed_as_planned(root, apply_cli(root), plan)


def test_c2_u3_already_correct_means_no_write(tmp_path: Path) -> None:
    root = profile_root(tmp_path, "jp61-host")
    before = snapshot(root)
    result = apply_cli(root)
    assert result.returncode == Exit.OK and "Nothing to do" in result.stdout
    assert snapshot(root) == before


def test_u4_other_groups_survive(root: str) -> None:
    path = Path(root) / "etc/group"
    path.write_text(path.read_text().replace("sudo:x:27:", "sudo:x:27:alice").replace("adm:x:4:", "adm:x:4:alice"))
    plan = planned(root)
    changed_as_planned(root, apply_cli(root), plan)
    text = path.read_text()
    assert "sudo:x:27:alice" in text and "adm:x:4:alice" in text and "video:x:44:alice" in text


def test_g2_no_trailing_newline(root: str) -> None:
    path = Path(root) / "etc/group"
    path.write_text(path.read_text().rstrip("\n"))
    plan = planned(root)
    changed_as_planned(root, apply_cli(root), plan)
    assert path.read_text().endswith("alice:x:1000:\nrender:x:993:alice\n")


def test_g4_odd_lines_kept_byte_for_byte_and_nis_stays_last(root: str) -> None:
    path = Path(root) / "etc/group"
    odd = "# a comment\nbroken line without colons\nweird:x:77:a,,b\n"
    path.write_text(odd + path.read_text() + "+:::\n")
    with open(os.path.join(root, "etc/gshadow"), "a") as handle:
        handle.write("weird:!::a,,b\n")  # group and gshadow in step (apply refuses them out of step)
    plan, ok = planned(root), grpck(root)  # grpck already objects to the broken line
    changed_as_planned(root, apply_cli(root), plan, ok)
    text = path.read_text()
    assert text.startswith(odd) and text.endswith("render:x:993:alice\n+:::\n")


def test_g5_without_gshadow(root: str) -> None:
    os.unlink(os.path.join(root, "etc/gshadow"))
    plan = planned(root)
    changed_as_planned(root, apply_cli(root), plan)
    assert not os.path.exists(os.path.join(root, "etc/gshadow"))


def test_g7_twenty_thousand_members(root: str) -> None:
    path = Path(root) / "etc/group"
    members = ",".join("u{}".format(i) for i in range(20000))
    path.write_text(path.read_text().replace("video:x:44:alice", "video:x:44:" + members))
    plan, ok = planned(root), grpck(root)  # the 20000 members have no accounts: grpck objects before and after
    changed_as_planned(root, apply_cli(root), plan, ok)
    assert "video:x:44:{},alice\n".format(members) in path.read_text()


def test_f6_owner_and_mode_survive(root: str) -> None:
    plan = planned(root)
    changed_as_planned(root, apply_cli(root), plan)
    group, gshadow = os.stat(os.path.join(root, "etc/group")), os.stat(os.path.join(root, "etc/gshadow"))
    assert (group.st_uid, group.st_gid, stat.S_IMODE(group.st_mode)) == (0, 0, 0o644)
    assert (gshadow.st_uid, gshadow.st_gid, stat.S_IMODE(gshadow.st_mode)) == (0, 42, 0o640)


def test_v2_locale_does_not_matter(root: str) -> None:
    plan = planned(root)
    result = subprocess.run([sys.executable, "-m", "jetson_gpu_access", "apply", "--root", root, "--user", "alice",
                             "--apply"], cwd=TOOLS, capture_output=True, text=True, timeout=120, check=False,
                            env=dict(os.environ, LANG="de_DE.UTF-8", LC_ALL="de_DE.UTF-8"))
    changed_as_planned(root, result, plan)


def test_x1_two_fixers_at_once(root: str) -> None:
    argv = [sys.executable, "-m", "jetson_gpu_access", "apply", "--root", root, "--user", "alice", "--apply"]
    runs = [subprocess.Popen(argv, cwd=TOOLS, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    codes = []
    for run in runs:
        run.communicate(timeout=120)
        codes.append(run.returncode)
    assert Exit.OK in codes and set(codes) <= {Exit.OK, Exit.CONFLICT, Exit.PROBLEM}, codes
    text = (Path(root) / "etc/group").read_text()
    assert text.count("render:") == 1 and "render:x:993:alice\n" in text
    assert grpck(root) == 0 and leftovers(root) == []


# --- faults in the middle of the write (strace's fault injection) --------------------------------

@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
@pytest.mark.parametrize(("inject", "note"), [
    ("rename:error=EIO:when=2", "X4: the second file's rename fails"),
    ("rename:error=EIO:when=1", "the first rename fails"),
    ("write:error=ENOSPC:when=3", "F4: disk full while writing"),
])
def test_fault_in_a_tool_restores_everything(root: str, inject: str, note: str) -> None:
    before, ok = snapshot(root), grpck(root)
    result = _faulty_tools(root, inject)
    assert result.returncode == Exit.PROBLEM, (note, result.stdout, result.stderr)
    assert "exited" in result.stderr or "not what the plan printed" in result.stderr
    contents = {k: v[0] if v else None for k, v in snapshot(root).items()}
    assert contents == {k: v[0] if v else None for k, v in before.items()}, note
    assert leftovers(root) == [] and grpck(root) == ok


def _faulty_tools(root: str, inject: str) -> subprocess.CompletedProcess[str]:
    """Run apply with groupadd, usermod and groupmod under strace, so that only the tools see the fault.

    In a private mount namespace each tool is replaced by a shim that runs the real one (bound
    aside first) under strace's fault injection; python and the restore code run unharmed.
    """
    shim = tempfile.mkdtemp(prefix="jga-shim-")
    syscall, fault = inject.split(":", 1)
    names = "rename,renameat,renameat2" if syscall == "rename" else syscall
    steps = []
    for tool in ("groupadd", "usermod", "groupmod"):
        real = os.path.join(shim, "real-" + tool)
        Path(real).touch()
        script = os.path.join(shim, tool)
        Path(script).write_text('#!/bin/sh\nexec strace -f -qq -o /dev/null -e trace={0} -e inject={0}:{1} {2} "$@"\n'
                                .format(names, fault, real))
        os.chmod(script, 0o755)  # noqa: S103
        steps += ["mount --bind /usr/sbin/{} {}".format(tool, real), "mount --bind {} /usr/sbin/{}".format(script, tool)]
    wrap = ["unshare", "-m", "--propagation", "private", "sh", "-c", " && ".join(steps) + ' && exec "$@"', "sh"]
    try:
        return apply_cli(root, wrap=wrap)
    finally:
        shutil.rmtree(shim)


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_x3_tool_killed_mid_write_then_a_rerun_converges(root: str) -> None:
    before = snapshot(root)
    result = _faulty_tools(root, "rename:signal=KILL:when=1")
    assert result.returncode == Exit.PROBLEM, result.stderr
    for name, saved in snapshot(root).items():  # each file wholly old (restored), never truncated
        assert (saved[0] if saved else None) == (before[name][0] if before[name] else None)
    plan = planned(root)
    changed_as_planned(root, apply_cli(root), plan)


def test_d3_node_on_a_nodev_mount(root: str) -> None:
    """A private mount namespace puts /dev/dri on a nodev tmpfs: the plan refuses, nothing is written."""
    dri = os.path.join(root, "dev/dri")
    before, ok = snapshot(root), grpck(root)
    setup = ('mount -t tmpfs -o nodev,mode=755 tmpfs "$1" && mknod -m 0660 "$1/renderD128" c 1 3 && '
             'chown 0:993 "$1/renderD128" && shift && exec "$@"')
    result = apply_cli(root, wrap=["unshare", "-m", "--propagation", "private", "sh", "-c", setup, "sh", dri])
    assert result.returncode == Exit.PROBLEM and "nodev mount" in result.stdout, result.stderr
    assert snapshot(root) == before and leftovers(root) == [] and grpck(root) == ok
