"""Every GPU-relevant device node of the inventory (data/devices.json), as the kernel sees it.

For each node: what it is after following symlinks inside the root, its device numbers, owner,
group (and that GID's name in *this root's* /etc/group), mode, POSIX ACL, whether it sits on a
nodev mount, and how it reached the container.
"""

from __future__ import annotations

import errno
import os
import stat

from .. import data
from ..model import Accounts, AclEntry, DeviceNode, NodeKind
from ..rootfs import RootFS, matches
from . import acl
from .accounts import group_name
from .container import Mounts, node_origin

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Dict, Iterator, List, Optional, Tuple


def inventory() -> List[Dict[str, object]]:
    roles: List[Dict[str, object]] = data.load("devices")["roles"]
    return roles


def candidate_paths(fs: RootFS) -> Iterator[Tuple[str, str]]:
    """(path, role) for every existing path matching the inventory; first role wins."""
    seen = set()
    for role in inventory():
        for pattern in role["patterns"]:  # type: ignore[attr-defined]
            for path in fs.glob(pattern):
                if path not in seen:
                    seen.add(path)
                    yield path, str(role["role"])


def role_of(path: str) -> Optional[str]:
    """The inventory role of ``path`` (first matching role, as in candidate_paths), or None."""
    if path not in _ROLES:
        if len(_ROLES) > 4096:  # (a paste lists the same few nodes again and again; a bound all the same)
            _ROLES.clear()
        _ROLES[path] = next((str(role["role"]) for role in inventory()
                             if any(matches(path, str(p)) for p in role["patterns"])), None)  # type: ignore[attr-defined]
    return _ROLES[path]


_ROLES: Dict[str, Optional[str]] = {}


def _kind(mode: int) -> NodeKind:
    if stat.S_ISCHR(mode):
        return NodeKind.CHAR
    if stat.S_ISBLK(mode):
        return NodeKind.BLOCK
    if stat.S_ISREG(mode):
        return NodeKind.REGULAR
    if stat.S_ISDIR(mode):
        return NodeKind.DIRECTORY
    return NodeKind.OTHER


def _acl(host_path: str) -> Tuple[AclEntry, ...]:
    try:
        return acl.decode(os.getxattr(host_path, acl.XATTR))
    except OSError as error:
        if error.errno in (errno.ENODATA, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EACCES, errno.EPERM):
            return ()
        raise
    except ValueError:
        return ()


def _nodev(host_path: str) -> bool:
    try:
        return bool(os.statvfs(host_path).f_flag & os.ST_NODEV)
    except OSError:
        return False


def probe_node(fs: RootFS, path: str, role: str, accounts: Accounts, mounts: Mounts, in_container: bool) -> DeviceNode:
    target: Optional[str] = None
    host = fs.host_path(path)
    try:
        if stat.S_ISLNK(os.lstat(host).st_mode):
            target = os.readlink(host)
        resolved = fs.resolve(path)
        info = os.stat(fs.host_path(resolved))
    except OSError:
        return DeviceNode(path, role, NodeKind.BROKEN_LINK, None, None, None, None, None, None, (),
                          target, False, node_origin(path, mounts, in_container))
    kind = _kind(info.st_mode)
    device = kind in (NodeKind.CHAR, NodeKind.BLOCK)
    resolved_host = fs.host_path(resolved)
    return DeviceNode(
        path=path,
        role=role,
        kind=kind,
        major=os.major(info.st_rdev) if device else None,
        minor=os.minor(info.st_rdev) if device else None,
        uid=info.st_uid,
        gid=info.st_gid,
        group_name=group_name(accounts, info.st_gid),
        mode=stat.S_IMODE(info.st_mode),
        acl=_acl(resolved_host),
        symlink_target=target,
        nodev=_nodev(resolved_host) if device else False,
        origin=node_origin(resolved, mounts, in_container),
    )


def probe(fs: RootFS, accounts: Accounts, mounts: Mounts, in_container: bool) -> Tuple[DeviceNode, ...]:
    return tuple(probe_node(fs, path, role, accounts, mounts, in_container) for path, role in candidate_paths(fs))
