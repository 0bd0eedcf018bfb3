"""Lab profiles: one JSON file per scenario in ``profiles/``, loaded and checked here.

A profile is data with its provenance (``sources``, ``assumptions``). This module turns it into
the concrete account lines, device nodes and process credentials that :mod:`.scratch` writes,
so both the scratch roots and the bubblewrap sandboxes are built from one interpretation.
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Optional, Tuple

from ..model import AclEntry
from ..record import frozen_record

HERE = os.path.dirname(os.path.abspath(__file__))
PROFILE_DIR = os.path.join(HERE, "profiles")
SESSION_KINDS = ("ssh", "exec", "seat", "local")


class ProfileError(Exception):
    """A profile file that cannot be used, with the reason."""


@frozen_record
class NodeSpec:
    path: str
    uid: int
    gid: int
    mode: int
    acl: Tuple[AclEntry, ...]


@frozen_record
class Profile:
    name: str
    title: str
    raw: Dict[str, Any]

    @property
    def container(self) -> Optional[Dict[str, Any]]:
        value: Optional[Dict[str, Any]] = self.raw["container"]
        return value

    @property
    def session_user(self) -> str:
        return str(self.raw["session"]["user"])

    @property
    def session_kind(self) -> str:
        return str(self.raw["session"]["via"])

    def groups(self) -> List[Tuple[str, int, List[str]]]:
        """(name, gid, members) for the root's /etc/group, base image first."""
        acct = self.raw["accounts"]
        rows: List[Tuple[str, int, List[str]]] = []
        for line in _base(acct["base"])["group"]:
            name, _, gid, _ = line.split(":", 3)
            rows.append((name, int(gid), []))
        for name, gid in acct["groups"].items():
            rows.append((name, int(gid), []))
        for name, uid in acct["users"].items():
            rows.append((name, int(uid), []))
        for name, members in acct.get("members", {}).items():
            row = next((r for r in rows if r[0] == name), None)
            if row is None:
                raise ProfileError("{}: members for unknown group {}".format(self.name, name))
            row[2].extend(members)
        return rows

    def group_lines(self) -> List[str]:
        return ["{}:x:{}:{}".format(name, gid, ",".join(members)) for name, gid, members in self.groups()]

    def passwd_lines(self) -> List[str]:
        lines = list(_base(self.raw["accounts"]["base"])["passwd"])
        for name, uid in self.raw["accounts"]["users"].items():
            lines.append("{0}:x:{1}:{1}:{0}:/home/{0}:/bin/bash".format(name, uid))
        return lines

    def uid_of(self, user: str) -> int:
        if user == "root":
            return 0
        users: Dict[str, int] = self.raw["accounts"]["users"]
        if user not in users:
            raise ProfileError("{}: no user {!r} (users: {})".format(self.name, user, ", ".join(users)))
        return int(users[user])

    def login_gids(self, user: str) -> List[int]:
        """What initgroups() gives ``user`` from this profile's /etc/group."""
        uid = self.uid_of(user)
        primary = 0 if user == "root" else uid
        return sorted({primary} | {gid for name, gid, members in self.groups() if user in members})

    def process_gids(self, user: str) -> List[int]:
        """Groups of a process started by the container runtime (docker exec -u / the main process)."""
        gids = set(self.login_gids(user))
        ctr = self.container or {}
        gids.update(int(g) for g in ctr.get("group_add", []))
        if ctr.get("toolkit_adds_device_gids"):
            # toolkit >= 1.19.1 adds GIDs of nodes whose group bits grant what "other" lacks
            gids.update(n.gid for n in self.nodes() if n.gid and (n.mode >> 3) & 6 and not n.mode & 6)
        return sorted(gids)

    def nodes(self) -> List[NodeSpec]:
        spec = self.raw["devices"]
        host_gids: Dict[str, int] = spec["host_gids"]
        out: List[NodeSpec] = []
        for entry in _device_sets()[spec["set"]]:
            change = spec.get("change", {}).get(entry["path"], {})
            group = change.get("group", entry["group"])
            if group not in host_gids:
                raise ProfileError("{}: host_gids lacks {!r} for {}".format(self.name, group, entry["path"]))
            mode = int(change.get("mode", entry["mode"]), 8)
            extra = [parse_acl_text(t) for t in spec.get("acl", {}).get(entry["path"], [])]
            out.append(NodeSpec(entry["path"], 0, int(host_gids[group]), mode, full_acl(mode, extra)))
        return out


def parse_acl_text(text: str) -> AclEntry:
    """``user:1000:rw-`` / ``mask::rw-`` (getfacl's short form) to an entry."""
    parts = text.split(":")
    if len(parts) != 3 or len(parts[2]) != 3:
        raise ProfileError("ACL entry {!r} is not TAG:QUALIFIER:rwx".format(text))
    tag, qualifier, bits = parts
    perms = sum(bit for ch, bit in zip(bits, (4, 2, 1)) if ch != "-")
    if tag in ("user", "group") and qualifier:
        return AclEntry(tag, int(qualifier), perms)
    return AclEntry({"user": "user_obj", "group": "group_obj"}.get(tag, tag), None, perms)


def full_acl(mode: int, extra: List[AclEntry]) -> Tuple[AclEntry, ...]:
    """A complete, kernel-ordered access ACL: the mode's entries plus ``extra`` and a mask.

    The kernel rejects an ACL with named entries but no mask, or entries out of order (EINVAL).
    Returns () when there are no named entries: the mode bits say it all.
    """
    named = sorted((e for e in extra if e.tag in ("user", "group")), key=lambda e: (e.tag != "user", e.qualifier or 0))
    if not named:
        return ()
    mask = next((e.perms for e in extra if e.tag == "mask"), 7)
    users = [e for e in named if e.tag == "user"]
    groups = [e for e in named if e.tag == "group"]
    return tuple([AclEntry("user_obj", None, (mode >> 6) & 7)] + users + [AclEntry("group_obj", None, (mode >> 3) & 7)]
                 + groups + [AclEntry("mask", None, mask), AclEntry("other", None, mode & 7)])


def _load_json(name: str) -> Dict[str, Any]:
    with open(os.path.join(HERE, name), encoding="utf-8") as handle:
        value: Dict[str, Any] = json.load(handle)
    return value


def _base(name: str) -> Dict[str, Any]:
    bases = _load_json("bases.json")
    if name not in bases:
        raise ProfileError("unknown account base {!r}".format(name))
    base: Dict[str, Any] = bases[name]
    return base


def _device_sets() -> Dict[str, Any]:
    return _load_json("devicesets.json")


def names() -> List[str]:
    return sorted(f[:-5] for f in os.listdir(PROFILE_DIR) if f.endswith(".json"))


def load(name: str) -> Profile:
    if name not in names():
        raise ProfileError("no lab profile {!r}; known profiles: {}".format(name, ", ".join(names())))
    raw = _load_json(os.path.join("profiles", name + ".json"))
    for key in ("title", "summary", "sources", "platform", "accounts", "devices", "session"):
        if key not in raw:
            raise ProfileError("profile {} lacks {!r}".format(name, key))
    if raw["session"].get("via") not in SESSION_KINDS:
        raise ProfileError("profile {}: session.via must be one of {}".format(name, ", ".join(SESSION_KINDS)))
    return Profile(name, raw["title"], raw)
