"""POSIX ACLs from the ``system.posix_acl_access`` extended attribute, without libacl.

Layout (linux/posix_acl_xattr.h): a little-endian u32 version (2), then 8-byte entries of
u16 tag, u16 permission bits, u32 qualifier (a uid or gid for USER/GROUP entries).
"""

from __future__ import annotations

from ..model import AclEntry

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Iterable, Tuple

XATTR = "system.posix_acl_access"
VERSION = 2
_TAGS = {0x01: "user_obj", 0x02: "user", 0x04: "group_obj", 0x08: "group", 0x10: "mask", 0x20: "other"}
_TAG_IDS = {name: tag for tag, name in _TAGS.items()}
_QUALIFIED = ("user", "group")
_UNDEFINED_ID = 0xFFFFFFFF


def decode(blob: bytes) -> Tuple[AclEntry, ...]:
    """Entries of an ACL xattr; raises ValueError on anything that is not a valid version-2 ACL."""
    if len(blob) < 4 or (len(blob) - 4) % 8:
        raise ValueError("ACL xattr has a length of {} bytes".format(len(blob)))
    version = int.from_bytes(blob[:4], "little")  # struct would be one more import for every command
    if version != VERSION:
        raise ValueError("ACL xattr version {} is not {}".format(version, VERSION))
    entries = []
    for offset in range(4, len(blob), 8):
        tag, perms, qualifier = (int.from_bytes(blob[start:end], "little")
                                 for start, end in ((offset, offset + 2), (offset + 2, offset + 4), (offset + 4, offset + 8)))
        if tag not in _TAGS or perms > 7:
            raise ValueError("ACL entry with tag {:#x} and permissions {:#o}".format(tag, perms))
        name = _TAGS[tag]
        entries.append(AclEntry(name, qualifier if name in _QUALIFIED else None, perms))
    return tuple(entries)


def encode(entries: Iterable[AclEntry]) -> bytes:
    """The xattr value for ``entries`` (used by the lab and tests to set ACLs without setfacl)."""
    out = [VERSION.to_bytes(4, "little")]
    for entry in entries:
        qualifier = entry.qualifier if entry.qualifier is not None else _UNDEFINED_ID
        out += [_TAG_IDS[entry.tag].to_bytes(2, "little"), entry.perms.to_bytes(2, "little"), qualifier.to_bytes(4, "little")]
    return b"".join(out)


def is_extended(entries: Tuple[AclEntry, ...]) -> bool:
    """True when the ACL holds more than the three entries the mode bits already express."""
    return any(e.tag in ("user", "group", "mask") for e in entries)


def render(entry: AclEntry) -> str:
    """getfacl's short form, e.g. ``user:1000:rw-``."""
    bits = "".join(ch if entry.perms & bit else "-" for ch, bit in (("r", 4), ("w", 2), ("x", 1)))
    tag = entry.tag.replace("_obj", "")
    qualifier = "" if entry.qualifier is None else str(entry.qualifier)
    return "{}:{}:{}".format(tag, qualifier, bits)
