"""Carry out a plan: the only module that writes, and it writes only through the system's account tools.

Before touching anything it refuses, with a documented exit code, when it cannot finish safely:
not root or without the capabilities to write account files, inside a user namespace, a link
or hard link anywhere apply or the tools would open in ROOT/etc (see :mod:`accountfiles`),
account files read-only or bind-mounted one by one (rename would fail with EBUSY), a lock held
or left behind, no account tools, an action that policy forbids (a sensitive group, a reserved
GID), or a plan made for another root, user or /etc/group.

Then it holds ``ROOT/etc/.pwd.lock`` the way ``lckpwdf(3)`` does from the check through the
writes and any restore, so no other shadow-utils tool, ``passwd`` or second apply can write in
between. The tools run chrooted into ROOT (``-R ROOT``), so that a link planted after the check
cannot lead a write outside it, and with ``-P /.`` so that they rely on that lock instead of
waiting for it. Before any tool runs it also refuses account files that shadow-utils would read
otherwise than glibc, group and gshadow already out of step, and a directory it cannot write.
After every step it re-reads the files and checks /etc/group against the plan. On any failure,
signal (SIGINT, SIGTERM, SIGHUP) or exception it puts back each file that still holds exactly
what this run wrote, and leaves alone (and names) any file someone else changed meanwhile.
"""

from __future__ import annotations

import errno
import os
import re
import shlex
import signal
import threading
from typing import Callable, Dict, Iterable, List, Optional, Set, Tuple

from .accountfiles import (
    ACCOUNT_FILES,
    AccountDir,
    PasswdLock,
    UnsafePath,
    file_problems,
    leftover_names,
    lock_holder,
    one_group_name,
    out_of_step,
    pid_alive,
)
from .exitcodes import Exit, ExitError
from .plan import Action, ActionKind, Plan, decode, digest, replay, sensitive_groups
from .record import frozen_record
from .system import run, which

# CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_FOWNER: what shadow-utils needs to replace /etc files safely
NEEDED_CAPABILITIES = {0: "CAP_CHOWN", 1: "CAP_DAC_OVERRIDE", 3: "CAP_FOWNER"}
CAP_SYS_CHROOT = 18  # the tools chroot into any --root other than / (shadow-utils' -R)
# usermod -a -G, groupadd and groupmod -g (of a group that is nobody's primary group) change only these
WRITTEN_BY_ACTIONS = ("group", "gshadow")
# shadow-utils' backups (group-, gshadow-...), rewritten from the file's old content at each change: a run that is
# undone puts back the older generation too, which its own refusals point to
BACKUPS = tuple(name + "-" for name in ACCOUNT_FILES)
JOURNALED = ACCOUNT_FILES + BACKUPS
# a group name apply will pass to a tool: no leading '-', no ':' ',' or blanks (shadow's own rule is
# stricter for new names, useradd(8) "CAVEATS"; existing groups may use capitals and dots)
RESERVED_GIDS = (0, 65534, 65535, 4294967295)  # root, nobody/unmapped, and (uint16/uint32)-1
INTERRUPTING = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class ApplyError(ExitError):
    """A refusal or a failure, with its exit code; the account files are as they were."""

    context = "apply"


@frozen_record
class Applied:
    """What apply did: the argv it actually ran (BusyBox's differ from the plan's text)."""

    changed: bool
    argv: Tuple[Tuple[str, ...], ...]
    group_sha256_before: str
    group_sha256_after: str
    notes: Tuple[str, ...]

    @property
    def commands(self) -> Tuple[str, ...]:
        return tuple(shlex.join(a) for a in self.argv)


@frozen_record
class Tools:
    """The account tools found: shadow-utils, or BusyBox's addgroup as the fallback."""

    kind: str
    groupadd: str
    groupmod: str
    usermod: str
    grpck: str


def _proc(name: str) -> str:
    try:
        with open("/proc/self/" + name, encoding="utf-8") as handle:
            return handle.read()
    except OSError:
        return ""


def _mount_points() -> List[str]:
    points = []
    for line in _proc("mountinfo").splitlines():
        fields = line.split(" - ", 1)[0].split()
        if len(fields) >= 5:
            points.append(re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[4]))
    return points


def _mount_in_etc(etc: str) -> Optional[str]:
    """A mount at or below ROOT/etc, which the sealed view the tools get (see :func:`_sealed`) leaves out."""
    return next((point for point in _mount_points() if (point + "/").startswith(etc + "/")), None)


def find_tools() -> Optional[Tools]:
    shadow = [which(n) for n in ("groupadd", "groupmod", "usermod")]
    grpck = which("grpck") or ""
    if all(shadow):
        return Tools("shadow-utils", str(shadow[0]), str(shadow[1]), str(shadow[2]), grpck)
    busybox = which("addgroup")
    # only BusyBox's applet takes "-g GID NAME" and "USER GROUP"; Debian's addgroup is adduser's script
    if busybox and os.path.basename(os.path.realpath(busybox)).startswith("busybox"):
        return Tools("busybox", busybox, "", busybox, grpck)
    return None


def check_environment(root: str) -> None:
    """The refusals that need no plan (not root, links out of the root, read-only, account files that need
    repair...), before diagnosing: a user on a malformed /etc/passwd line is a file to repair, not an unknown user."""
    try:
        directory = preflight(os.path.realpath(root))[1]
        try:
            _refuse_repairs({name: directory.read(name) for name in ACCOUNT_FILES})
        finally:
            directory.close()
    except UnsafePath as error:
        raise ApplyError(Exit.UNSUPPORTED, "{}; nothing was changed".format(error)) from error


def _open_account_dir(root: str) -> AccountDir:
    try:
        directory = AccountDir(root)
    except UnsafePath as error:
        raise ApplyError(Exit.UNSUPPORTED, str(error)) from error
    except OSError as error:
        raise ApplyError(Exit.USAGE, "cannot open {}/etc: {}; pass the root of a system with --root".format(
            root, error.strerror)) from error
    problem = directory.unsafe()
    if problem:
        directory.close()
        raise ApplyError(Exit.UNSUPPORTED, problem)
    return directory


def preflight(root: str) -> Tuple[Tools, AccountDir]:
    """Every reason to refuse before touching anything; returns the tools and the account directory."""
    if os.geteuid() != 0:
        raise ApplyError(Exit.NOT_ROOT, "must run as root to change account files; rerun with sudo (dry run needs no root)")
    status = dict(line.split(":", 1) for line in _proc("status").splitlines() if ":" in line)
    effective = int(status.get("CapEff", "0").strip() or "0", 16)
    needed = dict(NEEDED_CAPABILITIES)
    if root != "/":
        needed[CAP_SYS_CHROOT] = "CAP_SYS_CHROOT"
    missing = [name for bit, name in needed.items() if not effective & (1 << bit)]
    if missing:
        raise ApplyError(Exit.NOT_ROOT, "root without {} (e.g. --cap-drop ALL): shadow-utils could leave /etc/group and "
                         "/etc/gshadow out of step; apply at build time or with --group-add instead".format(", ".join(missing)))
    uid_map = _proc("uid_map").split()
    if uid_map and uid_map[:3] != ["0", "0", "4294967295"]:
        raise ApplyError(Exit.UNSUPPORTED, "running in a user namespace (rootless or userns-remap): uid 0 here is not "
                         "host root and host GIDs may be unmapped; fix the image at build time or use --group-add")
    directory = _open_account_dir(root)
    try:
        points = set(_mount_points())
        for name in ACCOUNT_FILES:
            if directory.host(name) in points:
                raise ApplyError(Exit.READ_ONLY, "{} is bind-mounted as a single file, so it cannot be replaced (EBUSY); "
                                 "edit it on the host, in the image, or use --group-add".format(directory.host(name)))
        if os.statvfs(directory.fd).f_flag & os.ST_RDONLY or not os.access(directory.path, os.W_OK):
            raise ApplyError(Exit.READ_ONLY, "{} is on a read-only file system (e.g. docker run --read-only); fix the "
                             "image at build time or use --group-add".format(directory.path))
        unwritable = directory.unwritable()
        if unwritable:
            raise ApplyError(Exit.READ_ONLY, unwritable + "; nothing was changed")
        if not directory.exists("group") and directory.exists("gshadow"):  # as far out of step as the pair can be
            raise ApplyError(Exit.CONFLICT, "{} is missing while {} exists; restore /etc/group (from the image, or "
                             "{}- if it is current), then retry; nothing was changed".format(
                                 directory.host("group"), directory.host("gshadow"), directory.host("group")))
        hidden = _mount_in_etc(directory.path) if root != "/" else None
        if hidden:
            raise ApplyError(Exit.UNSUPPORTED, "{} is a mount point: the tools see --root without the mounts inside it "
                             "(so that none leads out), and would not see it; apply inside that system, or unmount "
                             "it".format(hidden))
        tools = find_tools()
        if tools is None:
            raise ApplyError(Exit.UNSUPPORTED, "no account tools (shadow-utils groupadd/usermod or BusyBox addgroup); "
                             "install the passwd package, or use --group-add")
        if tools.kind == "busybox" and root != "/":
            raise ApplyError(Exit.UNSUPPORTED, "BusyBox addgroup cannot work on --root {}; apply inside that root".format(root))
    except BaseException:
        directory.close()
        raise
    return tools, directory


def _check_locks(directory: AccountDir) -> None:
    """Refuse a per-file lock someone holds or left behind (shadow writes ``PID\\0``)."""
    for name in ACCOUNT_FILES:
        present, holder = directory.lock_state(name)
        if not present:
            continue
        lock = directory.host(name + ".lock")
        if holder is not None and pid_alive(holder):
            raise ApplyError(Exit.CONFLICT, "{} is held by running process {} (an account tool); try again when it "
                             "has finished".format(lock, holder))
        raise ApplyError(Exit.CONFLICT, "stale lock {} ({}); remove it if no account tool is running, then retry".format(
            lock, "PID {} is not running".format(holder) if holder is not None else "no PID in it"))


def _refuse_repairs(originals: Dict[str, Optional[bytes]]) -> None:
    """Refuse account files the tools would fail on, write around, or read otherwise than glibc (exit 5)."""
    problems = [p for name in ACCOUNT_FILES for p in file_problems(name, originals[name])]
    if problems:
        raise ApplyError(Exit.CONFLICT, "the account files need repair first: {}; nothing was changed".format(
            "; ".join(problems)))


def _check_account_files(journal: _Journal, directory: AccountDir) -> None:
    """Refuse what the tools would fail on or write around, and a group/gshadow pair already out of step."""
    _refuse_repairs(journal.original)
    split = out_of_step(journal.original["group"], journal.original["gshadow"])
    if split:
        stray = [directory.host(n) for n in sorted(journal.leftovers_before) if not n.endswith(".lock")]
        raise ApplyError(Exit.CONFLICT, "/etc/group and /etc/gshadow are already out of step ({}){}; repair them with "
                         "grpck -R {} (or by hand), then retry; nothing was changed".format(
                             ", ".join(split), "; left by an interrupted tool: " + ", ".join(stray) if stray else "",
                             directory.root))


def check_action(action: Action, user: str) -> None:
    """Policy, checked again on what is about to run, whoever built the plan."""
    sensitive = sensitive_groups()
    if action.group in sensitive:
        raise ApplyError(Exit.CONFLICT, "refusing to {} '{}': a sensitive group ({}); nothing was changed".format(
            action.kind.value, action.group, sensitive[action.group]))
    if not one_group_name(action.group) or action.gid in RESERVED_GIDS or not 0 < action.gid < 2 ** 31:
        raise ApplyError(Exit.CONFLICT, "refusing {} of group {!r} with GID {}: not a valid name or a reserved GID; "
                         "nothing was changed".format(action.kind.value, action.group, action.gid))
    if action.kind is ActionKind.ADD_MEMBER and action.user != user:
        raise ApplyError(Exit.CONFLICT, "the plan adds {!r}, not its user {}; make a new plan".format(action.user, user))


# linux/sched.h and linux/mount.h
CLONE_NEWNS = 0x00020000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_NOSYMFOLLOW, MS_REMOUNT = 0x2, 0x4, 0x8, 0x100, 0x20
MS_BIND, MS_REC, MS_PRIVATE = 0x1000, 0x4000, 0x40000


def _sealed(root: str, root_fd: int) -> Callable[[], None]:
    """What a tool's child process does before exec so that it acts on the root apply opened, and runs nothing from it.

    A chrooted shadow-utils tool executes ``/usr/sbin/nscd`` and ``/usr/sbin/sss_cache`` to flush caches (strace of
    shadow 4.13), which inside the chroot are the root's own files: a hostile image would run as host root. So the
    child enters a private mount namespace and binds ROOT onto itself, without its sub-mounts, as noexec, nosuid, nodev
    (and nosymfollow where the kernel has it, 5.10+, so no link in the root is followed at all): those programs, and
    any NSS module in the root, cannot be executed or mapped. The child then opens that sealed bind and puts it on
    ``root_fd``'s number, which the tool is given as its root (``-R /proc/self/fd/N``): it must be the very directory
    apply checked and holds open, and sealed, or the child stops. A path that anyone able to write to one of ROOT's
    parents swaps for a link during apply therefore leads the tool nowhere. Not used on the live root.
    """
    import ctypes  # only apply --apply on another root pays for it

    libc = ctypes.CDLL(None, use_errno=True)
    path = os.fsencode(root)
    sealed = MS_REMOUNT | MS_BIND | MS_NOSUID | MS_NODEV | MS_NOEXEC
    pinned = os.fstat(root_fd)

    def check(result: int) -> None:
        if result != 0:
            error = ctypes.get_errno()
            raise OSError(error, "sealing {} for the account tools: {}".format(root, os.strerror(error)))

    def seal() -> None:
        check(libc.unshare(CLONE_NEWNS))
        check(libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None))
        check(libc.mount(path, path, None, MS_BIND, None))
        if libc.mount(None, path, None, sealed | MS_NOSYMFOLLOW, None) != 0:  # EINVAL before Linux 5.10
            check(libc.mount(None, path, None, sealed, None))
        bound = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        found = os.fstat(bound)
        if (found.st_dev, found.st_ino) != (pinned.st_dev, pinned.st_ino) or not os.statvfs(bound).f_flag & os.ST_NOEXEC:
            raise OSError(errno.EXDEV, "{} is no longer the directory apply checked".format(root))
        os.dup2(bound, root_fd)  # inheritable: the tool opens it as /proc/self/fd/N
        os.close(bound)

    return seal


def _swapped(root: str, directory: AccountDir) -> str:
    """Why ``root`` no longer names the directory apply opened (a parent rewritten during apply), or "". The tools
    cannot be led elsewhere (see _sealed); this says so before one is even started."""
    try:
        now = os.stat(root)
    except OSError as error:
        return "{} can no longer be reached ({})".format(root, error.strerror)
    pinned = os.fstat(directory.root_fd)
    if (now.st_dev, now.st_ino) != (pinned.st_dev, pinned.st_ino):
        return "{} is no longer the directory apply checked (one of its parents was changed during apply)".format(root)
    return ""


@frozen_record
class _ToolRoot:
    """Where the account tools run: the root they are given (-R), what seals it in each tool's process, and the
    descriptor that process must keep open for it. The live root needs neither."""

    path: str
    seal: Optional[Callable[[], None]]
    fds: Tuple[int, ...]


def _tool_root(root: str, directory: AccountDir) -> _ToolRoot:
    """The live root as it is; any other, the sealed bind of the directory apply holds open (see _sealed)."""
    if root == "/":
        return _ToolRoot("/", None, ())
    return _ToolRoot("/proc/self/fd/{}".format(directory.root_fd), _sealed(root, directory.root_fd), (directory.root_fd,))


def _confined(root: str) -> List[str]:
    """The options that keep a tool inside ``root`` and on apply's lock.

    ``-R ROOT`` makes the tool chroot before it opens anything, so a link planted in ROOT/etc
    after apply's check (``group-`` -> /anything) resolves inside ROOT, never outside it.
    ``-P /.`` then names the same files (shadow ignores "-P /") and makes the tool skip
    ``lckpwdf()`` and rely on the ``.pwd.lock`` apply holds; it still takes the per-file locks
    (strace of shadow 4.13: chdir, chroot, then only "/.//etc/..." paths, no F_SETLKW).
    """
    return ["-P", "/."] if root == "/" else ["-R", root, "-P", "/."]


def _argv(tools: Tools, action: Action, root: str) -> List[str]:
    if tools.kind == "busybox":
        if action.kind is ActionKind.CREATE_GROUP:
            return [tools.groupadd, "-g", str(action.gid), action.group]
        if action.kind is ActionKind.ADD_MEMBER:
            return [tools.usermod, str(action.user), action.group]
        raise ApplyError(Exit.UNSUPPORTED, "BusyBox has no groupmod; renumber '{}' in the image".format(action.group))
    prefix = _confined(root)
    if action.kind is ActionKind.CREATE_GROUP:
        return [tools.groupadd, *prefix, "-g", str(action.gid), "--", action.group]
    if action.kind is ActionKind.RENUMBER_GROUP:
        return [tools.groupmod, *prefix, "-g", str(action.gid), "--", action.group]
    return [tools.usermod, *prefix, "-a", "-G", action.group, "--", str(action.user)]


class _Interrupted(Exception):
    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class _DeferredSignals:
    """SIGINT, SIGTERM and SIGHUP wait until the current step is done; then apply undoes its work."""

    def __init__(self) -> None:
        self.received: Optional[int] = None
        self.saved: Dict[int, object] = {}

    def __enter__(self) -> _DeferredSignals:
        if threading.current_thread() is threading.main_thread():
            for signum in INTERRUPTING:
                self.saved[signum] = signal.signal(signum, self._note)
        return self

    def _note(self, signum: int, frame: object) -> None:
        if self.received is None:
            self.received = signum

    def check(self) -> None:
        if self.received is not None:
            raise _Interrupted(self.received)

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self.saved.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)  # type: ignore[arg-type]


class _Journal:
    """What each account file held before, and every content this run wrote to it.

    A file is restored only while it still holds exactly what this run wrote, and only if
    nobody else changed it between the steps; anything else is someone's work and stays.
    """

    def __init__(self, directory: AccountDir, touched: Iterable[str] = ()) -> None:
        self.directory = directory
        self.touched = {name.encode("utf-8", "surrogateescape") for name in touched}  # the groups the plan changes
        self.original: Dict[str, Optional[bytes]] = {name: directory.read(name) for name in JOURNALED}
        self.owner = {name: directory.owner_and_mode(name) for name, data in self.original.items() if data is not None}
        self.last = dict(self.original)
        self.ours: Dict[str, Set[bytes]] = {name: set() for name in JOURNALED}
        self.foreign: Set[str] = set()
        self.leftovers_before = set(leftover_names(iter(directory.entries())))

    def before_step(self) -> None:
        for name in JOURNALED:
            if self.directory.read(name) != self.last[name]:
                self.foreign.add(name)

    def after_step(self) -> None:
        """Record what the step wrote. Under apply's .pwd.lock, a change to a file the step's tool
        writes is the tool's work even when it differs from the plan: restored like any other; but a
        line of a group the plan does not touch, added, changed or removed, is another program's,
        which a lock-ignoring writer (echo >>) can make between two steps."""
        for name in JOURNALED:
            now = self.directory.read(name)
            if now == self.last[name]:
                continue
            # (a backup takes the file's whole old content, other groups' lines too: the step's tool wrote it)
            if name.rstrip("-") not in WRITTEN_BY_ACTIONS or (name in ACCOUNT_FILES and self._others_lines(self.last[name], now)):
                self.foreign.add(name)
            elif now is not None:
                self.ours[name].add(now)
            self.last[name] = now

    def _others_lines(self, before: Optional[bytes], after: Optional[bytes]) -> bool:
        changed = set((before or b"").splitlines()) ^ set((after or b"").splitlines())
        return any(line.split(b":", 1)[0] not in self.touched for line in changed if line.strip())

    def restore(self) -> Tuple[List[str], List[str]]:
        """Put back what this run changed; returns (restored, left because someone else changed it)."""
        restored: List[str] = []
        left: List[str] = []
        for name in self.leftovers():
            self.directory.unlink(name)
        # group and gshadow go back together or not at all, so that they stay in step
        keep_pair = bool(self.foreign.intersection(WRITTEN_BY_ACTIONS))
        for name in JOURNALED:  # the files first, then their backups
            now = self.directory.read(name)
            if now == self.original[name]:
                continue
            if name in self.foreign or now not in self.ours[name] or (keep_pair and name.rstrip("-") in WRITTEN_BY_ACTIONS):
                left.append(name)
                continue
            try:
                with self.directory.file_lock(name.rstrip("-")):
                    original = self.original[name]
                    if original is None:
                        self.directory.unlink(name)
                    else:
                        self.directory.replace(name, original, self.owner[name])
            except UnsafePath:
                left.append(name)
                continue
            restored.append(name)
        return restored, left

    def leftovers(self) -> List[str]:
        """Temporary and lock files a failed or killed tool of this run left (never a live holder's)."""
        out = []
        for name in leftover_names(iter(self.directory.entries())):
            if name in self.leftovers_before:
                continue
            lock = name[:-1] + ".lock" if name.endswith("+") else name
            if lock.endswith(".lock") or lock[-1:].isdigit():
                holder = lock_holder(self.directory.read(lock) or b"")
                if holder is not None and pid_alive(holder):
                    continue
            out.append(name)
        return out


def _grpck(tools: Tools, where: _ToolRoot) -> Optional[int]:
    if not tools.grpck:
        return None
    return run([tools.grpck, "-r", *([] if where.path == "/" else ["-R", where.path])], timeout=60,
               before_exec=where.seal, keep_fds=where.fds).returncode


def _old_gid_in_use(root: str, gid: int) -> Optional[str]:
    find = which("find")
    if find is None:
        return "find(1) is missing, so files owned by GID {} cannot be ruled out".format(gid)
    result = run([find, root, "-xdev", "-group", str(gid), "-print", "-quit"], timeout=300)
    if result.stdout.strip():
        return "{} is owned by GID {}".format(result.stdout.strip(), gid)
    return None


def confirm_saved_plan(saved: Plan, fresh: Plan) -> Plan:
    """A saved plan is applied only if a plan made now, from the current state, is the same plan.

    The file may have been edited (an action adding the user to ``sudo``, a command text that
    does not match its action): every action, the diff and the result must be what a fresh plan
    gives. Returns the fresh plan, the only one that is carried out.
    """
    if os.path.realpath(saved.root) != os.path.realpath(fresh.root):
        raise ApplyError(Exit.CONFLICT, "the plan was made for root {}, not {}; make a new plan".format(
            shlex.quote(saved.root), fresh.root))
    if (saved.user, saved.uid) != (fresh.user, fresh.uid):
        raise ApplyError(Exit.CONFLICT, "the plan was made for user {} (uid {}), which is not that user here; make a "
                         "new plan".format(shlex.quote(saved.user), saved.uid))
    if saved.group_sha256 != fresh.group_sha256:
        raise ApplyError(Exit.CONFLICT, "{}/etc/group changed since the plan was made; make a new plan".format(
            fresh.root.rstrip("/")))
    for action in saved.actions:
        if action not in fresh.actions:
            raise ApplyError(Exit.CONFLICT, "the saved plan asks to {} {!r} (GID {}), which a plan made now would not "
                             "do; refusing (was the file edited?); make a new plan".format(
                                 action.kind.value, action.group, action.gid))
    if saved.actions != fresh.actions or saved.group_after != fresh.group_after or saved.diff != fresh.diff:
        raise ApplyError(Exit.CONFLICT, "the saved plan differs from a plan made now from the same /etc/group; "
                         "refusing; make a new plan")
    return fresh


def apply(plan: Plan, root: str, user_uid: Optional[int]) -> Applied:
    """Carry out ``plan`` under ``root``; ApplyError when it refuses or fails (files restored)."""
    root = os.path.realpath(root)
    if os.path.realpath(plan.root) != root:
        raise ApplyError(Exit.CONFLICT, "the plan was made for root {}, not {}; make a new plan".format(plan.root, root))
    if user_uid != plan.uid:
        raise ApplyError(Exit.CONFLICT, "the plan was made for user {} (uid {}), which is not that user here; make a "
                         "new plan".format(plan.user, plan.uid))
    if plan.uid == 0:
        raise ApplyError(Exit.USAGE, "the target user is root, which needs no group (CAP_DAC_OVERRIDE); name the "
                         "non-root account with --user")
    database = [r for r in plan.refusals if r.path == "/etc/group"]
    if database:
        raise ApplyError(Exit.CONFLICT, database[0].reason + "; nothing was changed")
    for action in plan.actions:
        check_action(action, plan.user)
    try:
        return _apply_checked(plan, root)
    except UnsafePath as error:
        raise ApplyError(Exit.UNSUPPORTED, "{}; nothing was changed".format(error)) from error


def _apply_checked(plan: Plan, root: str) -> Applied:
    tools, directory = preflight(root)
    try:
        where = _tool_root(root, directory)
        argv = [_argv(tools, action, where.path) for action in plan.actions]
        with _DeferredSignals() as signals:
            lock = PasswdLock(directory)
            if not lock.acquire():
                raise ApplyError(Exit.CONFLICT, "{} is held by another account tool for more than 15 s; try again "
                                 "when it has finished".format(directory.host(".pwd.lock")))
            try:
                return _apply_locked(plan, root, tools, directory, argv, signals, where)
            finally:
                lock.release()
    finally:
        directory.close()


def _apply_locked(plan: Plan, root: str, tools: Tools, directory: AccountDir, argv: List[List[str]],
                  signals: _DeferredSignals, where: _ToolRoot) -> Applied:
    """Everything from the check to the last write or restore, under ``.pwd.lock``."""
    _check_locks(directory)
    problem = directory.unsafe()
    if problem:
        raise ApplyError(Exit.UNSUPPORTED, problem)
    journal = _Journal(directory, {action.group for action in plan.actions})
    before = journal.original["group"] or b""
    if digest(before) != plan.group_sha256:
        raise ApplyError(Exit.CONFLICT, "{} changed since the plan was made; make a new plan".format(directory.host("group")))
    if not plan.actions:
        return Applied(False, (), plan.group_sha256, plan.group_sha256, ("nothing to do",))
    _check_account_files(journal, directory)
    expected = replay(decode(before), plan.actions)
    if expected[-1] != plan.group_after:
        raise ApplyError(Exit.CONFLICT, "the plan's /etc/group does not follow from its actions; make a new plan")
    for action in plan.actions:
        if action.kind is ActionKind.RENUMBER_GROUP and action.old_gid is not None:
            in_use = _old_gid_in_use(root, action.old_gid)
            if in_use:
                raise ApplyError(Exit.CONFLICT, "not renumbering '{}': {}; rebuild the image with the right GID "
                                 "instead".format(action.group, in_use))
    swapped = _swapped(root, directory)
    if swapped:
        raise ApplyError(Exit.UNSUPPORTED, swapped + "; nothing was changed")
    grpck_before = _grpck(tools, where)
    done: List[Tuple[str, ...]] = []
    try:
        signals.check()
        for step, (action, command) in enumerate(zip(plan.actions, argv)):
            journal.before_step()
            swapped = _swapped(root, directory)
            if swapped:
                raise _Failed(swapped)
            result = run(command, before_exec=where.seal, keep_fds=where.fds)
            shown = tuple(root if part == where.path else part for part in command)  # as the plan printed it
            journal.after_step()
            planted = directory.unsafe()
            if planted:  # the sealed, chrooted tool stayed inside the root; still, someone is racing it
                raise _Failed("during {} (exit {}): {}".format(action.command, result.returncode, planted))
            if result.returncode != 0:
                raise _Failed("{} exited {} ({})".format(shlex.join(shown), result.returncode, result.last_error_line))
            done.append(shown)
            if journal.last["group"] != expected[step].encode("utf-8", "surrogateescape"):
                raise _Failed("{} after {} is not what the plan printed".format(directory.host("group"), action.command))
            signals.check()
        if grpck_before == 0 and _grpck(tools, where) != 0:
            raise _Failed("grpck -r reports the account files inconsistent (group and gshadow out of step)")
        split = out_of_step(journal.last["group"], journal.last["gshadow"])
        if split:
            raise _Failed("/etc/group and /etc/gshadow out of step afterwards ({})".format(", ".join(split)))
        if journal.foreign.intersection(WRITTEN_BY_ACTIONS):
            raise _Failed("{} changed during apply by another program".format(
                ", ".join(directory.host(n) for n in sorted(journal.foreign))))
        signals.check()
    except _Interrupted as interrupted:
        raise _undo(journal, directory, 128 + interrupted.signum,
                    "interrupted by {}".format(interrupted)) from None
    except _Failed as failure:
        raise _undo(journal, directory, Exit.PROBLEM, str(failure)) from None
    except BaseException as error:
        raise _undo(journal, directory, Exit.PROBLEM, "stopped by {}: {}".format(type(error).__name__, error)) from error
    stray = [directory.host(n) for n in sorted(journal.leftovers_before) if not n.endswith(".lock")]
    return Applied(True, tuple(done), plan.group_sha256, digest(journal.last["group"] or b""),
                   ("existing sessions keep their old groups: log in again (or restart the container) to get them",)
                   + (("left by an earlier, interrupted account tool and not used: {}; remove them".format(
                       ", ".join(stray)),) if stray else ()))


class _Failed(Exception):
    """A step failed or its result differs from the plan."""


def _undo(journal: _Journal, directory: AccountDir, code: int, why: str) -> ApplyError:
    try:
        restored, left = journal.restore()
    except (OSError, UnsafePath) as error:  # a full disk, a link planted meanwhile: say where things are
        return ApplyError(Exit.PROBLEM, "{}; restoring failed too ({}): compare {} with the shadow-utils backups "
                          "(group-, gshadow-) and run grpck -r".format(why, error, directory.path))
    parts = [why]
    if restored:
        parts.append("restored " + ", ".join(directory.host(n) for n in restored))
    if left:
        parts.append("left {} as found: changed by another program meanwhile, check it with grpck -r".format(
            ", ".join(directory.host(n) for n in left)))
    if not restored and not left:
        parts.append("no account file was changed")
    return ApplyError(code, "; ".join(parts))
