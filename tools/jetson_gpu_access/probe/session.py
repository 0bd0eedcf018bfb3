"""A process's credentials and session type, from ``/proc/<pid>/status`` and its environment.

Identity comes from the kernel's view of the process, never from variables such as SUDO_USER
that any caller can set.
"""

from __future__ import annotations

from .. import data
from ..model import ProcessInfo
from ..rootfs import RootFS
from ..safeio import SMALL_FILE, decimal

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Dict, Optional, Tuple


def parse_status(text: str) -> Dict[str, str]:
    fields: Dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields[key] = value.strip()
    return fields


def probe(fs: RootFS, pid: str) -> Optional[ProcessInfo]:
    """The process ``pid`` ("self" for the caller), or None when /proc does not show it."""
    text = fs.read_text("/proc/{}/status".format(pid), limit=SMALL_FILE)
    if text is None:
        return None
    status = parse_status(text)
    uid = decimal((status.get("Uid", "").split() or [""])[0])
    gid = decimal((status.get("Gid", "").split() or [""])[0])
    listed = [decimal(g) for g in status.get("Groups", "").split()]
    if uid is None or gid is None or None in listed:
        return None
    groups = tuple(sorted({g for g in listed if g is not None}))
    env: Dict[str, str] = {}
    for item in (fs.read_bytes("/proc/{}/environ".format(pid), limit=1 << 17) or b"").split(b"\0"):
        key, sep, value = item.partition(b"=")
        if sep:
            env[key.decode("utf-8", "replace")] = value.decode("utf-8", "replace")
    ssh = any(k in env for k in ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"))
    return ProcessInfo(pid, uid, gid, groups, ssh, env.get("XDG_SEAT"), env.get("XDG_SESSION_TYPE"), launcher(fs, pid))


MAX_ANCESTORS = 16
# process names as the kernel shows them (comm, 15 characters) -> the launcher they stand for
_ALIASES = {"sshd-session": "sshd", "sshd-auth": "sshd"}


def _parent(fs: RootFS, pid: str) -> Tuple[Optional[str], Optional[str]]:
    """(comm, parent PID) of ``pid`` from /proc/PID/stat; the name may hold spaces and parentheses."""
    text = fs.read_text("/proc/{}/stat".format(pid), limit=4096) or ""
    head, sep, tail = text.rpartition(")")
    fields = tail.split()
    if not sep or "(" not in head or len(fields) < 2:
        return None, None
    return head.split("(", 1)[1], fields[1]


def _uid(fs: RootFS, pid: str) -> Optional[str]:
    fields = parse_status(fs.read_text("/proc/{}/status".format(pid), limit=65536) or "")
    return fields.get("Uid", "").split("\t")[0].split(" ")[0] or None


def starts_session(fs: RootFS, pid: str, uid: int) -> bool:
    """Whether ``pid`` is the first process of a session of ``uid``: its parent runs as another UID, is
    outside this PID namespace (PPid 0: docker exec), or cannot be read."""
    _, parent = _parent(fs, pid)
    if parent in (None, "0"):
        return True
    return _uid(fs, str(parent)) != str(uid)


def launcher(fs: RootFS, pid: str) -> Optional[str]:
    """The program that switched to this process's user, when it is a known one (su, sudo, runuser,
    login, sshd, supervisord): the nearest ancestor running as another UID. None when that ancestor is
    something else (a runtime, or a tool such as gosu that execs and leaves no trace)."""
    known = {row["launcher"] for row in data.load("privilege_drops")["paths"] if row["launcher"]}
    uid = _uid(fs, pid)
    _, current = _parent(fs, pid)
    for _ in range(MAX_ANCESTORS):
        if uid is None or current in (None, "0"):
            return None
        name, parent = _parent(fs, str(current))
        if name is None:
            return None
        if _uid(fs, str(current)) != uid:
            name = _ALIASES.get(name, name)
            return name if name in known else None
        current = parent
    return None
