"""Decide an open() of a device node the way the Linux kernel does, and name the deciding rule.

Order (fs/namei.c ``acl_permission_check`` and fs/posix_acl.c ``posix_acl_permission``):
root with CAP_DAC_OVERRIDE passes (unless the node's ids are unmapped in its user namespace);
the owner gets the owner bits; with an extended ACL a named-user entry decides, else every
matching group entry (owning group or named group) is tried and the mask applies; without an
ACL the group bits apply when the node's GID is among the process's groups; otherwise "other".
A nodev mount refuses everyone, root included.
"""

from __future__ import annotations

from .model import Decision, DeviceNode, NodeKind, Rule, View
from .probe.acl import is_extended

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Set, Tuple

READ, WRITE = 4, 2
OVERFLOW_ID = 65534  # what an unmapped uid/gid shows as inside a user namespace


def wanted(needs: str) -> int:
    return (READ if "r" in needs else 0) | (WRITE if "w" in needs else 0)


def _bits(mode: int, shift: int) -> int:
    return (mode >> shift) & 7


def permitted(node: DeviceNode, view: View, want: int, user_namespace: bool = False) -> Tuple[int, Rule, str]:
    """The permission bits the kernel grants ``view`` on ``node`` when asked for ``want``.

    Returns the bits, the deciding rule and a detail line. ``want`` matters only for ACLs, where
    the kernel looks for one matching group entry that holds every wanted bit.
    """
    if node.kind is not NodeKind.CHAR or node.mode is None or node.uid is None or node.gid is None:
        if node.kind is NodeKind.BROKEN_LINK:
            return 0, Rule.MISSING, "dangling symlink"
        return 0, Rule.NOT_A_DEVICE, "not a character device ({})".format(node.kind.value)
    if node.nodev:
        return 0, Rule.NODEV, "file system mounted nodev"
    if view.uid == 0:
        if user_namespace and OVERFLOW_ID in (node.uid, node.gid):
            pass  # CAP_DAC_OVERRIDE needs both ids mapped; fall through to the ordinary checks
        else:
            return READ | WRITE, Rule.ROOT, "uid 0 (CAP_DAC_OVERRIDE)"
    mode = node.mode
    if view.uid == node.uid:
        return _bits(mode, 6), Rule.OWNER, "owner uid {}".format(node.uid)
    groups = set(view.groups) | {view.gid}
    if is_extended(node.acl) and mode & 0o070:
        # The kernel consults an ACL only while the group bits (the ACL mask) are non-zero.
        return _acl_permitted(node, mode, view, groups, want)
    if node.gid in groups:
        return _bits(mode, 3), Rule.GROUP, "group gid {}".format(node.gid)
    return _bits(mode, 0), Rule.OTHER, "other (gid {} not held)".format(node.gid)


def _acl_permitted(node: DeviceNode, mode: int, view: View, groups: Set[int], want: int) -> Tuple[int, Rule, str]:
    mask = next((e.perms for e in node.acl if e.tag == "mask"), 7)
    for entry in node.acl:
        if entry.tag == "user" and entry.qualifier == view.uid:
            return entry.perms & mask, Rule.ACL_USER, "ACL user:{} (mask {:o})".format(view.uid, mask)
    matched = []
    for entry in node.acl:
        if entry.tag == "group_obj" and node.gid in groups:
            matched.append((entry.perms, Rule.GROUP, "group gid {} (mask {:o})".format(node.gid, mask)))
        elif entry.tag == "group" and entry.qualifier in groups:
            matched.append((entry.perms, Rule.ACL_GROUP, "ACL group:{} (mask {:o})".format(entry.qualifier, mask)))
    if matched:
        granting = [m for m in matched if m[0] & mask & want == want]
        perms, rule, detail = (granting or matched)[0]
        return perms & mask, rule, detail
    other = next((e.perms for e in node.acl if e.tag == "other"), _bits(mode, 0))
    return other, Rule.OTHER, "other (no ACL entry matches)"


def decide(node: DeviceNode, view: View, needs: str, user_namespace: bool = False) -> Decision:
    """Whether ``view`` can open ``node`` with the access in ``needs`` ("rw" or "r")."""
    want = wanted(needs)
    bits, rule, detail = permitted(node, view, want, user_namespace)

    def grants(bit: int) -> bool:
        return permitted(node, view, bit, user_namespace)[0] & bit == bit

    return Decision(view.kind, bits & want == want, grants(READ), grants(WRITE), rule, detail)
