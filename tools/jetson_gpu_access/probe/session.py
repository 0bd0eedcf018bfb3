"""A process's credentials and session type, from ``/proc/<pid>/status`` and its environment.

Identity comes from the kernel's view of the process, never from variables such as SUDO_USER
that any caller can set.
"""

from __future__ import annotations

from typing import Dict, Optional

from ..model import ProcessInfo
from ..rootfs import RootFS
from ..safeio import SMALL_FILE, decimal


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
    return ProcessInfo(pid, uid, gid, groups, ssh, env.get("XDG_SEAT"), env.get("XDG_SESSION_TYPE"))
