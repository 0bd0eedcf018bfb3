"""Container signals, user namespaces, and how device nodes reached this root.

How a node got into a container decides what its owner, group, mode and ACL look like there
(fact sheet section 1.4): a bind-mounted host node keeps the host inode and its seat ACL; a node
created by the runtime in the container's own /dev does not.
"""

from __future__ import annotations

import posixpath

from ..model import Container, NodeOrigin
from ..rootfs import RootFS
from ..safeio import decimal

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Dict, List, Optional, Tuple

_ENGINES = (("libpod", "podman"), ("docker", "docker"), ("containerd", "containerd"), ("kubepods", "kubernetes"), ("lxc", "lxc"))
_IDENTITY_MAP = ((0, 0, 4294967295),)


class Mounts:
    """``/proc/self/mountinfo`` reduced to mount point -> file-system type."""

    def __init__(self, text: Optional[str]) -> None:
        self.points: Dict[str, str] = {}
        for line in (text or "").splitlines():
            left, sep, right = line.partition(" - ")
            fields = left.split()
            if not sep or len(fields) < 5 or not right.split():
                continue
            self.points[_unescape(fields[4])] = right.split()[0]
        self.known = bool(self.points)

    def containing(self, path: str) -> Tuple[Optional[str], Optional[str]]:
        """The mount point holding ``path`` and its file-system type."""
        probe = path
        while True:
            if probe in self.points:
                return probe, self.points[probe]
            if probe == "/":
                return None, None
            probe = posixpath.dirname(probe)


def _unescape(field: str) -> str:
    """mountinfo writes space, tab, newline and backslash in a path as ``\\ooo`` (three octal digits)."""
    if "\\" not in field:
        return field
    out, at = [], 0
    while at < len(field):
        octal = field[at + 1:at + 4]
        if field[at] == "\\" and len(octal) == 3 and not octal.strip("01234567"):
            out.append(chr(int(octal, 8)))
            at += 4
        else:
            out.append(field[at])
            at += 1
    return "".join(out)


def parse_id_map(text: Optional[str]) -> Tuple[Tuple[int, int, int], ...]:
    rows: List[Tuple[int, int, int]] = []
    for line in (text or "").splitlines():
        numbers = [decimal(p, 1 << 32) for p in line.split()]
        if len(numbers) == 3 and None not in numbers:
            rows.append((int(numbers[0] or 0), int(numbers[1] or 0), int(numbers[2] or 0)))
    return tuple(rows)


def probe(fs: RootFS, mounts: Mounts) -> Container:
    signals: List[str] = []
    engine: Optional[str] = None
    if fs.exists("/.dockerenv"):
        signals.append("/.dockerenv")
        engine = "docker"
    if fs.exists("/run/.containerenv"):
        signals.append("/run/.containerenv")
        engine = "podman"
    cgroup = fs.read_text("/proc/1/cgroup", limit=65536) or ""
    for needle, name in _ENGINES:
        if needle in cgroup:
            signals.append("cgroup mentions " + needle)
            engine = engine or name
            break
    environ = fs.read_bytes("/proc/1/environ", limit=65536) or b""
    for item in environ.split(b"\0"):
        if item.startswith(b"container="):
            value = item.split(b"=", 1)[1].decode("utf-8", "replace")
            signals.append("init has container=" + value)
            engine = engine or value
    uid_map = parse_id_map(fs.read_text("/proc/self/uid_map"))
    user_namespace = bool(uid_map) and uid_map != _IDENTITY_MAP
    if user_namespace:
        signals.append("user namespace (uid_map is not the identity)")
    _, dev_fs = mounts.containing("/dev")
    return Container(bool(signals), tuple(signals), engine, user_namespace, uid_map, dev_fs)


def node_origin(path: str, mounts: Mounts, in_container: bool) -> NodeOrigin:
    """Where a node's inode comes from, as far as the mount table tells."""
    if not in_container:
        return NodeOrigin.HOST
    if not mounts.known:
        return NodeOrigin.UNKNOWN
    point, fstype = mounts.containing(path)
    if point == path:
        return NodeOrigin.BIND_MOUNTED
    if fstype == "devtmpfs":
        return NodeOrigin.HOST_DEV
    if fstype == "tmpfs":
        return NodeOrigin.CREATED
    return NodeOrigin.UNKNOWN
