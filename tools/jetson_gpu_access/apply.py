"""Carry out a plan: the only module that writes, and it writes only through shadow-utils.

Before touching anything it refuses, with a documented exit code, when it cannot finish safely:
not root or without the capabilities to write account files, inside a user namespace, account
files read-only or bind-mounted one by one (rename would fail with EBUSY), a symlinked group
file, a lock held or left behind, no account tools, or a plan made for another root, user or
/etc/group. It then runs the tools (argv, timeout, LC_ALL=C), re-reads the files and checks that
/etc/group is exactly what the plan printed and that grpck is no less happy than before. On any
failure it puts all four account files back byte for byte. A second apply has nothing to do.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import tempfile
from typing import Dict, List, Optional, Tuple

from .exitcodes import Exit, ExitError
from .plan import Action, ActionKind, Plan, digest
from .record import frozen_record
from .system import Completed, run, which

ACCOUNT_FILES = ("/etc/group", "/etc/gshadow", "/etc/passwd", "/etc/shadow")
LOCK_FILES = tuple(path + ".lock" for path in ACCOUNT_FILES)
# CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_FOWNER: what shadow-utils needs to replace /etc files safely
NEEDED_CAPABILITIES = {0: "CAP_CHOWN", 1: "CAP_DAC_OVERRIDE", 3: "CAP_FOWNER"}


class ApplyError(ExitError):
    """A refusal or a failure, with its exit code; the account files are as they were."""

    context = "apply"


@frozen_record
class Applied:
    changed: bool
    commands: Tuple[str, ...]
    group_sha256_before: str
    group_sha256_after: str
    matches_plan: bool
    notes: Tuple[str, ...]


@frozen_record
class Tools:
    """The account tools found: shadow-utils, or BusyBox's addgroup as the fallback."""

    kind: str
    groupadd: str
    groupmod: str
    usermod: str
    grpck: str


def _host(root: str, path: str) -> str:
    return path if root == "/" else os.path.join(root, path.lstrip("/"))


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


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def find_tools() -> Optional[Tools]:
    shadow = [which(n) for n in ("groupadd", "groupmod", "usermod")]
    grpck = which("grpck") or ""
    if all(shadow):
        return Tools("shadow-utils", str(shadow[0]), str(shadow[1]), str(shadow[2]), grpck)
    busybox = which("addgroup")
    if busybox:
        return Tools("busybox", busybox, "", busybox, grpck)
    return None


def preflight(root: str) -> Tools:
    """Every reason to refuse before touching anything; returns the tools to use."""
    if os.geteuid() != 0:
        raise ApplyError(Exit.NOT_ROOT, "must run as root to change account files; rerun with sudo (dry run needs no root)")
    status = dict(line.split(":", 1) for line in _proc("status").splitlines() if ":" in line)
    effective = int(status.get("CapEff", "0").strip() or "0", 16)
    missing = [name for bit, name in NEEDED_CAPABILITIES.items() if not effective & (1 << bit)]
    if missing:
        raise ApplyError(Exit.NOT_ROOT, "root without {} (e.g. --cap-drop ALL): shadow-utils could leave /etc/group and "
                         "/etc/gshadow out of step; apply at build time or with --group-add instead".format(", ".join(missing)))
    uid_map = _proc("uid_map").split()
    if uid_map and uid_map[:3] != ["0", "0", "4294967295"]:
        raise ApplyError(Exit.UNSUPPORTED, "running in a user namespace (rootless or userns-remap): uid 0 here is not "
                         "host root and host GIDs may be unmapped; fix the image at build time or use --group-add")
    points = set(_mount_points())
    for path in ACCOUNT_FILES:
        real = _host(root, path)
        if os.path.islink(real):
            raise ApplyError(Exit.UNSUPPORTED, "{} is a symlink; refusing to replace it with a regular file".format(real))
        if real in points:
            raise ApplyError(Exit.READ_ONLY, "{} is bind-mounted as a single file, so it cannot be replaced (EBUSY); "
                             "edit it on the host, in the image, or use --group-add".format(real))
    etc = _host(root, "/etc")
    if os.statvfs(etc).f_flag & os.ST_RDONLY or not os.access(etc, os.W_OK):
        raise ApplyError(Exit.READ_ONLY, "{} is on a read-only file system (e.g. docker run --read-only); fix the image "
                         "at build time or use --group-add".format(etc))
    for lock in LOCK_FILES:
        real = _host(root, lock)
        if not os.path.lexists(real):
            continue
        try:
            with open(real, encoding="utf-8", errors="replace") as handle:
                text = handle.read(32).strip()
        except OSError:
            text = ""
        if text.isdigit() and _pid_alive(int(text)):
            raise ApplyError(Exit.CONFLICT, "{} is held by running process {} (an account tool); try again when it "
                             "has finished".format(real, text))
        raise ApplyError(Exit.CONFLICT, "stale lock {} ({}); remove it if no account tool is running, then retry".format(
            real, "PID {} is not running".format(text) if text else "no PID in it"))
    tools = find_tools()
    if tools is None:
        raise ApplyError(Exit.UNSUPPORTED, "no account tools (shadow-utils groupadd/usermod or BusyBox addgroup); "
                         "install the passwd package, or use --group-add")
    if tools.kind == "busybox" and root != "/":
        raise ApplyError(Exit.UNSUPPORTED, "BusyBox addgroup cannot work on --root {}; apply inside that root".format(root))
    return tools


def _argv(tools: Tools, action: Action, root: str) -> List[str]:
    if tools.kind == "busybox":
        if action.kind is ActionKind.CREATE_GROUP:
            return [tools.groupadd, "-g", str(action.gid), action.group]
        if action.kind is ActionKind.ADD_MEMBER:
            return [tools.usermod, str(action.user), action.group]
        raise ApplyError(Exit.UNSUPPORTED, "BusyBox has no groupmod; renumber '{}' in the image".format(action.group))
    prefix = [] if root == "/" else ["-P", root]
    if action.kind is ActionKind.CREATE_GROUP:
        return [tools.groupadd, *prefix, "-g", str(action.gid), "--", action.group]
    if action.kind is ActionKind.RENUMBER_GROUP:
        return [tools.groupmod, *prefix, "-g", str(action.gid), "--", action.group]
    return [tools.usermod, *prefix, "-a", "-G", action.group, "--", str(action.user)]


class _Backup:
    """The four account files' bytes, owner and mode, restorable atomically."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.saved: Dict[str, Optional[Tuple[bytes, int, int, int]]] = {}
        self.scratch = [_host(root, path) + suffix for path in ACCOUNT_FILES for suffix in ("+", ".lock")]
        self.scratch_before = {path for path in self.scratch if os.path.lexists(path)}
        for path in ACCOUNT_FILES:
            real = _host(root, path)
            try:
                info = os.stat(real)
                with open(real, "rb") as handle:
                    self.saved[real] = (handle.read(), info.st_uid, info.st_gid, info.st_mode & 0o7777)
            except FileNotFoundError:
                self.saved[real] = None

    def changed(self) -> bool:
        return any(_read(path) != (saved[0] if saved else None) for path, saved in self.saved.items())

    def restore(self) -> None:
        """Put the four files back, and remove the temporary and lock files a failed tool left."""
        for path in self.scratch:
            if path not in self.scratch_before and os.path.lexists(path) and not _live_lock(path):
                os.unlink(path)
        with _account_lock(self.root):
            for path, saved in self.saved.items():
                if saved is None:
                    if os.path.lexists(path):
                        os.unlink(path)
                    continue
                data, uid, gid, mode = saved
                if _read(path) == data:
                    continue
                handle, temp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".jga-restore-")
                try:
                    os.write(handle, data)
                    os.fchown(handle, uid, gid)
                    os.fchmod(handle, mode)
                    os.fsync(handle)
                finally:
                    os.close(handle)
                os.replace(temp, path)


def _live_lock(path: str) -> bool:
    """True for a lock file whose PID still runs (someone else's account tool: leave it)."""
    if not path.endswith(".lock"):
        return False
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read(32).strip()
    except OSError:
        return False
    return text.isdigit() and _pid_alive(int(text))


def _read(path: str) -> Optional[bytes]:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


class _account_lock:
    """lckpwdf(3) around our own restore, as shadow-utils takes it around its writes (live root only)."""

    def __init__(self, root: str) -> None:
        self.libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6") if root == "/" else None
        self.held = False

    def __enter__(self) -> _account_lock:
        if self.libc is not None:
            self.held = self.libc.lckpwdf() == 0
        return self

    def __exit__(self, *exc: object) -> None:
        if self.libc is not None and self.held:
            self.libc.ulckpwdf()


def _grpck(tools: Tools, root: str) -> Optional[int]:
    if not tools.grpck:
        return None
    return run([tools.grpck, "-r", *([] if root == "/" else ["-R", root])], timeout=60).returncode


def _old_gid_in_use(root: str, gid: int) -> Optional[str]:
    find = which("find")
    if find is None:
        return "find(1) is missing, so files owned by GID {} cannot be ruled out".format(gid)
    result = run([find, root, "-xdev", "-group", str(gid), "-print", "-quit"], timeout=300)
    if result.stdout.strip():
        return "{} is owned by GID {}".format(result.stdout.strip(), gid)
    return None


def apply(plan: Plan, root: str, user_uid: Optional[int]) -> Applied:
    """Carry out ``plan`` under ``root``; ApplyError when it refuses or fails (files restored)."""
    root = os.path.abspath(root)
    if os.path.abspath(plan.root) != root:
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
    tools = preflight(root)
    group_path = _host(root, "/etc/group")
    before = _read(group_path) or b""
    if digest(before) != plan.group_sha256:
        raise ApplyError(Exit.CONFLICT, "{} changed since the plan was made; make a new plan".format(group_path))
    if not plan.actions:
        return Applied(False, (), plan.group_sha256, plan.group_sha256, True, ("nothing to do",))
    for action in plan.actions:
        if action.kind is ActionKind.RENUMBER_GROUP and action.old_gid is not None:
            in_use = _old_gid_in_use(root, action.old_gid)
            if in_use:
                raise ApplyError(Exit.CONFLICT, "not renumbering '{}': {}; rebuild the image with the right GID "
                                 "instead".format(action.group, in_use))
    backup = _Backup(root)
    grpck_before = _grpck(tools, root)
    done: List[str] = []
    failure: Optional[str] = None
    for action in plan.actions:
        result: Completed = run(_argv(tools, action, root))
        if result.returncode != 0:
            failure = "{} exited {} ({})".format(action.command, result.returncode, result.last_error_line)
            break
        done.append(action.command)
    after = _read(group_path) or b""
    if failure is None and after.decode("utf-8", "surrogateescape") != plan.group_after:
        failure = "{} is not what the plan printed".format(group_path)
    if failure is None and grpck_before == 0 and _grpck(tools, root) != 0:
        failure = "grpck -r reports the account files inconsistent (group and gshadow out of step)"
    if failure is not None:
        restored = backup.changed()
        backup.restore()
        raise ApplyError(Exit.PROBLEM, "{}; {}".format(failure, "all account files restored" if restored
                                                        else "no account file was changed"))
    return Applied(True, tuple(done), plan.group_sha256, digest(after), True,
                   ("existing sessions keep their old groups: log in again (or restart the container) to get them",))
