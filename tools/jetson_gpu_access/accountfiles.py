"""The account directory ``ROOT/etc`` as apply touches it: never through a link, always under shadow's locks.

Every read and write that apply makes goes through :class:`AccountDir`, which opens ``ROOT/etc`` once
without following links and then works relative to that descriptor with ``O_NOFOLLOW``. Before the
account tools run, :meth:`AccountDir.unsafe` lists every name they would open in that directory
(the four files, their ``-`` backups, ``+`` temporaries, ``.lock`` files and ``FILE.PID`` lock
temporaries, ``.pwd.lock``, ``login.defs``) that is a symlink, not a regular file, or a hard link
to a file elsewhere: shadow-utils opens those with ``fopen(..., "w")`` and would write through them.

Locking follows shadow-utils exactly (verified with strace on shadow 4.13, Debian 12):

- ``lckpwdf(3)``: ``/etc/.pwd.lock`` opened ``O_WRONLY|O_CREAT`` mode 0600, then ``fcntl(F_SETLKW,
  F_WRLCK)`` on the whole file; glibc gives up after 15 seconds. Held by :class:`PasswdLock`.
- per file: the tool writes its PID as ``"%lu\\0"`` (digits and a NUL, ``strlen + 1`` bytes) to
  ``FILE.PID``, hard-links it to ``FILE.lock`` and unlinks ``FILE.PID``; a lock whose PID is dead
  is stale (``lib/commonio.c``, ``do_lock_file``). Read by :func:`lock_holder`, taken by
  :meth:`AccountDir.file_lock`.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import signal
import stat
import struct
import time
from typing import Dict, Iterator, List, Optional, Tuple

from .record import frozen_record
from .safeio import BLANKS, account_id, id_out_of_range, replace_in, write_all

ACCOUNT_FILES = ("group", "gshadow", "passwd", "shadow")
# what shadow-utils opens next to each account file: backup, new copy, lock
COMPANION_SUFFIXES = ("-", "+", ".lock")
PASSWD_LOCK = ".pwd.lock"  # noqa: S105 - a file name, not a password
OTHER_READS = ("login.defs",)  # read by groupadd/usermod -P from the same directory
# a pattern as text: re compiles (and caches) it on first use, not when the module loads
LOCK_TEMPORARY = r"^(?:{})\.[0-9]+$".format("|".join(ACCOUNT_FILES))
LCKPWDF_TIMEOUT_S = 15.0  # glibc's lckpwdf() waits this long too
_TEMP_PREFIX = ".jga-restore-"
# how many ':'-separated fields shadow-utils' parsers take (sgetgrent, sgetsgent, sgetpwent, sgetspent);
# a line with more is no entry to them, while glibc reads the extra text into the last field
FIELDS = {"group": 4, "gshadow": 4, "passwd": 7, "shadow": 9}
_NAME_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_NAME_REST = _NAME_FIRST | frozenset("0123456789.-")


def one_group_name(name: str) -> bool:
    """Whether every reader takes ``name`` as one group name: [A-Za-z_][A-Za-z0-9_.-]{0,31}, as useradd's
    default rule. /etc/group may hold any other name, but usermod -a -G and pam_group's group.conf split a
    list at commas ("render,sudo" is render and sudo), a shell at blanks, and a tool reads "-o" as an option."""
    return 0 < len(name) <= 32 and name[0] in _NAME_FIRST and _NAME_REST.issuperset(name)


# linux/fs.h: FS_IOC_GETFLAGS is _IOR('f', 1, long); the flags that make a file refuse every write
FS_IOC_GETFLAGS = (2 << 30) | (struct.calcsize("l") << 16) | (ord("f") << 8) | 1
FS_IMMUTABLE_FL, FS_APPEND_FL = 0x10, 0x20
WRITE_PROBE_SLACK = 64 << 10  # lock files, PID files and a margin beside the copies the tools write
FILES_NEEDED = 16  # what the tools create at once: per-file locks and their PID files, .pwd.lock, copies, backups


class UnsafePath(Exception):
    """A path in the account directory that could lead a write outside the root."""


@frozen_record
class GroupEntry:
    """A line of /etc/group as shadow-utils parses it (``sgetgrent``) and writes it back (``putgrent``)."""

    name: str
    password: str
    gid: int
    members: Tuple[str, ...]

    def line(self) -> str:
        """The line a tool writes when it changes this entry: the GID in plain decimal, members re-joined."""
        return "{}:{}:{}:{}".format(self.name, self.password, self.gid, ",".join(self.members))


def group_entry(line: str) -> Optional[GroupEntry]:
    """The entry shadow-utils reads in ``line``, or None where it keeps the line as opaque text.

    Three or four fields and a GID ``strtoll`` takes; the members split at commas with a final empty
    name dropped (``list()`` in lib/sgetgrent.c). Checked against usermod -a -G in tests/test_apply_attacks.py.
    """
    if line[:1] in ("+", "-"):
        return None  # NIS compat lines: commonio keeps them as they are
    fields = line.split(":")
    if len(fields) not in (3, 4):
        return None
    gid = account_id(fields[2])  # shadow-utils' get_gid (strtoll): blanks, '+', zeros
    if gid is None:
        return None
    members = fields[3].split(",") if len(fields) == 4 and fields[3] else []
    if members and members[-1] == "":
        members.pop()
    return GroupEntry(fields[0], fields[1], gid, tuple(members))


def _lines(data: bytes) -> List[str]:
    lines = data.decode("utf-8", "surrogateescape").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def file_problems(name: str, data: Optional[bytes]) -> List[str]:
    """Why shadow-utils and glibc would read account file ``name`` differently, or a tool fail on it.

    One check for all four files, before any tool runs: a NUL byte (glibc ends the line there,
    shadow's reader gives up), a CR (kept in the last field), a line starting with a blank (glibc
    skips it, shadow keeps it in the name), a line with more fields than shadow-utils parses
    (glibc reads it, the tools skip it and write around it; in /etc/gshadow any other count),
    in /etc/group a NIS line that carries a GID (the tools' getgrgid sees it, glibc does not), and a
    UID or GID out of range (glibc skips the line, musl wraps the number: :func:`safeio.id_out_of_range`).
    """
    if data is None:
        return []
    shown = "/etc/" + name
    problems = []
    if b"\0" in data:
        problems.append("{}: contains a NUL byte; glibc ends the line there and shadow-utils cannot read the file".format(shown))
    if b"\r" in data:
        problems.append("{}: CR characters (CRLF line endings?); glibc and the tools keep the CR in the last field".format(shown))
    for number, line in enumerate(_lines(data.replace(b"\0", b"")), 1):
        if not line or line.startswith("#"):
            continue
        fields = line.split(":")
        if line[0] in BLANKS:
            problems.append("{} line {}: starts with a blank, which glibc skips and shadow-utils keeps in the "
                            "name".format(shown, number))
        elif len(fields) > FIELDS[name] or (name == "gshadow" and len(fields) != FIELDS[name]):
            problems.append("{} line {}: {} fields where shadow-utils reads {}; the tools would skip '{}' and write "
                            "around it".format(shown, number, len(fields), FIELDS[name], fields[0]))
        elif name == "group" and line[:1] in ("+", "-") and len(fields) > 2 and fields[2].strip():
            problems.append("{} line {}: '{}' is a NIS line with GID {}; the tools count it as a group, glibc "
                            "ignores it".format(shown, number, fields[0], fields[2]))
        elif id_out_of_range(name, fields):
            problems.append("{} line {}: {}; glibc skips the line or reads an id no process can hold, and musl "
                            "wraps the number".format(shown, number, id_out_of_range(name, fields)))
    return problems


def out_of_step(group: Optional[bytes], gshadow: Optional[bytes]) -> List[str]:
    """Group names that /etc/group and /etc/gshadow do not both list (what grpck calls out of step)."""
    if group is None or gshadow is None:
        return []
    names: Dict[str, int] = {}
    for line in _lines(group):
        entry = group_entry(line)
        if entry is not None:
            names[entry.name] = names.get(entry.name, 0) | 1
    for line in _lines(gshadow):
        fields = line.split(":")
        if len(fields) == FIELDS["gshadow"] and line[:1] not in ("+", "-", "#"):
            names[fields[0]] = names.get(fields[0], 0) | 2
    return sorted(("{} only in /etc/group" if where == 1 else "{} only in /etc/gshadow").format(name)
                  for name, where in names.items() if where != 3)


def lock_holder(data: bytes) -> Optional[int]:
    """The PID in a shadow-utils lock file (``b"1234\\0"``), or None when there is none."""
    text = data.split(b"\0", 1)[0].strip()
    return int(text) if text.isdigit() and len(text) <= 10 else None


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return pid > 0


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP held back (blocked, then delivered) while a file that must not outlive the block
    exists: this runs before apply defers signals, and in dry runs, which never do."""
    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


class AccountDir:
    """``ROOT/etc`` opened without following links; names are relative to it (``"group"``)."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.path = os.path.join(root, "etc")
        # the root stays open: the account tools are pointed at this directory, not at the path, which anyone who
        # can write to one of its parents could swap for a link after the checks
        self.root_fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            self.fd = os.open("etc", os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=self.root_fd)
        except OSError as error:
            os.close(self.root_fd)
            if error.errno in (errno.ELOOP, errno.ENOTDIR):
                raise UnsafePath("{} is a symlink or not a directory; apply never follows a link out of the root "
                                 "(it could point anywhere, /proc/self/root included); make it a real directory "
                                 "in the image".format(self.path)) from error
            raise

    def close(self) -> None:
        os.close(self.fd)
        os.close(self.root_fd)

    def host(self, name: str) -> str:
        return os.path.join(self.path, name)

    def guarded_names(self) -> List[str]:
        """Every name in this directory that apply or an account tool opens."""
        names = [f + s for f in ACCOUNT_FILES for s in ("",) + COMPANION_SUFFIXES]
        names += [PASSWD_LOCK, *OTHER_READS]
        names += sorted(n for n in os.listdir(self.fd) if re.match(LOCK_TEMPORARY, n))
        return names

    def unsafe(self) -> Optional[str]:
        """Why one of the guarded names could lead outside the root, or None when none can."""
        for name in self.guarded_names():
            problem = self._problem(name)
            if problem:
                return problem
        return None

    def _problem(self, name: str) -> Optional[str]:
        try:
            info = os.stat(name, dir_fd=self.fd, follow_symlinks=False)
        except FileNotFoundError:
            return None
        path = self.host(name)
        if stat.S_ISLNK(info.st_mode):
            return ("{} is a symlink; apply and the account tools would read or write through it, possibly outside "
                    "{}; replace it with a regular file (or remove it if it is a backup or lock)".format(path, self.root))
        if not stat.S_ISREG(info.st_mode):
            return "{} is not a regular file; remove or repair it, then retry".format(path)
        if info.st_nlink > 1 and not self._live_lock_pair(name, info):
            return ("{} has {} hard links; the account tools would overwrite the other names' contents too; "
                    "replace it with a file of its own".format(path, info.st_nlink))
        return None

    def _live_lock_pair(self, name: str, info: os.stat_result) -> bool:
        """Whether ``name`` is one half of a shadow-utils lock being held: ``FILE.PID`` hard-linked to
        ``FILE.lock`` (two links, one inode), which is what another tool's lock looks like while it
        writes. That is a lock to wait for (the lock step reports it), not a link out of the root."""
        if info.st_nlink != 2:
            return False
        base, _, suffix = name.rpartition(".")
        if suffix == "lock":
            partners = [n for n in os.listdir(self.fd) if n.startswith(base + ".") and n[len(base) + 1:].isdigit()]
        elif suffix.isdigit() and re.match(LOCK_TEMPORARY, name):
            partners = [base + ".lock"]
        else:
            return False
        for partner in partners:
            try:
                other = os.stat(partner, dir_fd=self.fd, follow_symlinks=False)
            except OSError:
                continue
            if stat.S_ISREG(other.st_mode) and (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino):
                return True
        return False

    def unwritable(self) -> Optional[str]:
        """Why the tools could not write here (immutable or append-only flag, a full disk), or None.

        Checked before anything changes, so that the refusal names the cause instead of shadow's
        "cannot open" or "cannot lock ... try again later".
        """
        for name in (".",) + ACCOUNT_FILES:
            flags = self._inode_flags(name)
            if flags & (FS_IMMUTABLE_FL | FS_APPEND_FL):
                return "{} is {} (chattr +{}); remove the flag with chattr -{} if the change is wanted".format(
                    self.path if name == "." else self.host(name),
                    "immutable" if flags & FS_IMMUTABLE_FL else "append-only",
                    "i" if flags & FS_IMMUTABLE_FL else "a", "i" if flags & FS_IMMUTABLE_FL else "a")
        # the tools write a backup and a new copy of group and gshadow before renaming
        sizes = [os.stat(n, dir_fd=self.fd, follow_symlinks=False).st_size for n in ("group", "gshadow") if self.exists(n)]
        needed = 2 * sum(sizes) + WRITE_PROBE_SLACK
        space = os.statvfs(self.fd)
        if space.f_bfree * space.f_frsize < needed:
            return "{} has {} bytes free, and the account tools need about {}; free some space".format(
                self.path, space.f_bfree * space.f_frsize, needed)
        if space.f_files and space.f_favail < FILES_NEEDED:  # (0 files: a file system without an inode table)
            return ("{} has {} free inodes, and the account tools create up to {} files (locks, copies, backups); "
                    "delete some files or give the file system more inodes".format(self.path, space.f_favail, FILES_NEEDED))
        probe = "{}probe-{}-{}".format(_TEMP_PREFIX, os.getpid(), os.urandom(4).hex())
        try:
            with _signals_held():  # a SIGTERM meanwhile ends the process after the probe is gone, never before
                fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600,
                             dir_fd=self.fd)
                try:
                    os.write(fd, bytes(WRITE_PROBE_SLACK))
                    os.fsync(fd)
                finally:
                    os.close(fd)
                    self.unlink(probe)
        except OSError as error:
            return "cannot write a file in {} ({}); free space or lift the restriction".format(self.path, error.strerror)
        return None

    def _inode_flags(self, name: str) -> int:
        try:
            fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=self.fd)
        except FileNotFoundError:
            return 0
        try:
            buffer = bytearray(struct.calcsize("l"))
            fcntl.ioctl(fd, FS_IOC_GETFLAGS, buffer)
            return int(struct.unpack_from("i", buffer)[0])
        except OSError:  # a file system without inode flags (ENOTTY): none set
            return 0
        finally:
            os.close(fd)

    # --- reading and writing, never through a link -----------------------------------------

    def read(self, name: str) -> Optional[bytes]:
        """The bytes of a regular file, None when it is absent; UnsafePath for anything else."""
        try:
            fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=self.fd)
        except FileNotFoundError:
            return None
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise UnsafePath("{} is a symlink".format(self.host(name))) from error
            raise
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise UnsafePath("{} is not a regular file".format(self.host(name)))
            chunks: List[bytes] = []
            while True:
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    return b"".join(chunks)
                chunks.append(chunk)
        finally:
            os.close(fd)

    def owner_and_mode(self, name: str) -> Tuple[int, int, int]:
        info = os.stat(name, dir_fd=self.fd, follow_symlinks=False)
        return info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)

    def replace(self, name: str, data: bytes, owner: Tuple[int, int, int]) -> None:
        """Put ``data`` at ``name`` atomically (temporary file in this directory, fsync, rename), with ``owner``'s
        uid, gid and mode set before the rename."""

        def fill(fd: int) -> None:
            write_all(fd, data)
            os.fchown(fd, owner[0], owner[1])
            os.fchmod(fd, owner[2])

        replace_in(self.fd, name, fill, _TEMP_PREFIX)

    def unlink(self, name: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name, dir_fd=self.fd)

    def exists(self, name: str) -> bool:
        try:
            os.stat(name, dir_fd=self.fd, follow_symlinks=False)
        except FileNotFoundError:
            return False
        return True

    def entries(self) -> List[str]:
        return os.listdir(self.fd)

    # --- shadow-utils' per-file lock -----------------------------------------------------------

    def lock_state(self, file: str) -> Tuple[bool, Optional[int]]:
        """(present, holder PID) for ``FILE.lock``."""
        try:
            data = self.read(file + ".lock")
        except UnsafePath:
            return True, None
        return data is not None, lock_holder(data or b"")

    def file_lock(self, file: str) -> FileLock:
        return FileLock(self, file)


class FileLock:
    """``FILE.lock`` taken the way shadow-utils takes it: ``FILE.PID`` holding ``"PID\\0"``, hard-linked."""

    def __init__(self, directory: AccountDir, file: str) -> None:
        self.directory = directory
        self.file = file
        self.content = b"%d\0" % os.getpid()
        self.held = False

    def __enter__(self) -> FileLock:
        fd_dir = self.directory.fd
        temp = "{}.{}".format(self.file, os.getpid())
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600, dir_fd=fd_dir)
        try:
            os.write(fd, self.content)
        finally:
            os.close(fd)
        try:
            os.link(temp, self.file + ".lock", src_dir_fd=fd_dir, dst_dir_fd=fd_dir, follow_symlinks=False)
            self.held = True
        except FileExistsError:
            pass
        finally:
            os.unlink(temp, dir_fd=fd_dir)
        if not self.held:
            raise UnsafePath("{} is locked by another program".format(self.directory.host(self.file)))
        return self

    def __exit__(self, *exc: object) -> None:
        if self.held and self.directory.read(self.file + ".lock") == self.content:
            self.directory.unlink(self.file + ".lock")
        self.held = False


class PasswdLock:
    """``lckpwdf(3)`` on ``ROOT/etc/.pwd.lock``: the lock every shadow-utils tool takes on the live root."""

    def __init__(self, directory: AccountDir) -> None:
        self.directory = directory
        self.fd: Optional[int] = None

    def acquire(self, timeout: float = LCKPWDF_TIMEOUT_S) -> bool:
        self.fd = os.open(PASSWD_LOCK, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600,
                          dir_fd=self.directory.fd)
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.lockf(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except OSError as error:
                if error.errno not in (errno.EACCES, errno.EAGAIN) or time.monotonic() >= deadline:
                    self.release()
                    return False
            time.sleep(0.05)

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing drops the fcntl lock
            self.fd = None


def leftover_names(entries: Iterator[str]) -> List[str]:
    """Names an interrupted account tool (or restore) can leave behind."""
    return sorted(n for n in entries if n.startswith(_TEMP_PREFIX) or re.match(LOCK_TEMPORARY, n)
                  or any(n == f + s for f in ACCOUNT_FILES for s in ("+", ".lock")))
