"""Lab profiles: one JSON file per scenario (format 2, see profile.schema.json), loaded and checked here.

A profile is data with its provenance (``sources``, ``assumptions``). This module checks it
against the schema and the rules the schema cannot state (a node's group must have a GID, a
verbatim file excludes the entries that would build it), then turns it into the concrete account
files, device nodes and process credentials that :mod:`.scratch` and :mod:`.sandbox` write, so
both are built from one interpretation. The account files are produced as text first and every
question about them (a user's UID, login groups) is answered by parsing that text the way glibc
does, so a verbatim file with duplicates or CRLF behaves in the lab as it would on the device.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import stat
from typing import Any, Dict, List, Optional, Tuple

from ..model import Accounts, AclEntry, User
from ..probe.accounts import login_groups, parse_group, parse_passwd
from ..record import frozen_record
from ..toolkit import MadeNode, added_gids, band
from . import schema

HERE = os.path.dirname(os.path.abspath(__file__))
PROFILE_DIR = os.path.join(HERE, "profiles")
FORMAT = 2
MAX_PROFILE_BYTES = 4 << 20
NODE_KEYS = ("path", "type", "major", "minor", "uid", "gid", "group", "mode", "acl")
# Sessions a container runtime starts (the rest log in, and rebuild groups from /etc/group).
PROCESS_KINDS = ("main", "exec")


def is_dev_path(path: str) -> bool:
    """Whether ``path`` names something below /dev and nothing else: the lab creates and deletes
    files there as root, so a '..' part or a doubled '/' must never reach the file system."""
    return path.startswith("/dev/") and posixpath.normpath(path) == path and "/." not in path


class ProfileError(Exception):
    """A profile that cannot be used, with the reason and the remedy (a usage error, exit 2)."""


@frozen_record
class NodeSpec:
    path: str
    kind: str                 # char, dir or file
    major: Optional[int]      # as the device shows it (the lab makes char nodes 1:3)
    minor: Optional[int]
    uid: int
    gid: int
    mode: int
    acl: Tuple[AclEntry, ...]


@frozen_record
class Credentials:
    """A process's identity: what the kernel checks against a node."""

    uid: int
    gid: int
    groups: Tuple[int, ...]


@frozen_record
class Profile:
    name: str
    title: str
    raw: Dict[str, Any]       # the format-2 document, validated

    @property
    def container(self) -> Optional[Dict[str, Any]]:
        value: Optional[Dict[str, Any]] = self.raw.get("container")
        return value

    def provenance(self) -> str:
        """Title, summary, sources and assumptions as lines for people (the device's marker file)."""
        lines = [self.title, self.raw.get("summary", self.title), "sources:"] + ["  " + s for s in self.raw.get("sources", [])]
        return "\n".join(lines + ["assumptions:"] + ["  " + a for a in self.raw.get("assumptions", [])]) + "\n"

    @property
    def session_user(self) -> str:
        return str(self.raw["session"]["user"])

    @property
    def session_kind(self) -> str:
        return str(self.raw["session"]["via"])

    # --- account files -------------------------------------------------------------------------

    def passwd_text(self) -> str:
        acct = self.raw["accounts"]
        if "passwd" in acct:
            return str(acct["passwd"])
        lines = list(_base(acct.get("base", "debian-base-passwd"))["passwd"])
        for user in acct.get("users", []):
            lines.append("{0}:x:{1}:{2}:{0}:{3}:{4}".format(
                user["name"], user["uid"], user.get("gid", user["uid"]), user.get("home", "/home/" + user["name"]),
                user.get("shell", "/bin/bash")))
        return "\n".join(lines) + "\n"

    def group_text(self) -> str:
        acct = self.raw["accounts"]
        if "group" in acct:
            return str(acct["group"])
        rows: List[Tuple[str, int, List[str]]] = []
        for line in _base(acct.get("base", "debian-base-passwd"))["group"]:
            name, _, gid, members = line.split(":", 3)
            rows.append((name, int(gid), [m for m in members.split(",") if m]))
        for group in acct.get("groups", []):
            rows.append((group["name"], int(group["gid"]), list(group.get("members", []))))
        for user in acct.get("users", []):
            if user.get("private_group", True):
                rows.append((user["name"], int(user.get("gid", user["uid"])), []))
        for name, members in acct.get("members", {}).items():
            row = next((r for r in rows if r[0] == name), None)
            if row is None:
                raise ProfileError("{}: accounts.members names group {!r}, which no line has; add it to "
                                   "accounts.groups".format(self.name, name))
            row[2].extend(m for m in members if m not in row[2])
        return "".join("{}:x:{}:{}\n".format(name, gid, ",".join(members)) for name, gid, members in rows)

    def accounts(self) -> Accounts:
        """The account files as glibc reads them (the probe's own parser)."""
        users, user_notes = parse_passwd(self.passwd_text())
        groups, group_notes = parse_group(self.group_text())
        return Accounts(users, groups, user_notes + group_notes)

    def user(self, name: str) -> User:
        """The first passwd entry named ``name``, as getpwnam() returns it."""
        accounts = self.accounts()
        found = next((u for u in accounts.users if u.name == name), None)
        if found is None:
            raise ProfileError("{}: no user {!r} in its /etc/passwd (users: {}); add it to accounts.users".format(
                self.name, name, ", ".join(u.name for u in accounts.users if u.uid >= 1000 and u.uid != 65534) or "none"))
        return found

    def uid_of(self, user: str) -> int:
        return self.user(user).uid

    def login_gids(self, user: str) -> List[int]:
        """What initgroups() gives ``user`` from this profile's /etc/group."""
        return list(login_groups(self.accounts(), self.user(user)))

    def credentials(self, user: str, via: str) -> Credentials:
        """The identity of ``user``'s session ``via``: a login's (initgroups); ``main``, the container's
        first process started as this user (a one-shot container with the same launch); ``exec``, the
        first process when ``container.user`` is this user, else ``ENGINE exec -u USER`` by the engine's
        rule: Docker adds the ``--group-add`` GIDs, Podman does not (fact sheet A.2, observed with
        Podman 4.3.1); neither gets the toolkit's added GIDs, which the runtime puts on the first
        process only (A.3, INFERRED)."""
        entry = self.user(user)
        if via not in PROCESS_KINDS:
            return Credentials(entry.uid, entry.gid, tuple(self.login_gids(user)))
        ctr = self.container or {}
        # `exec` by the user the container started as is that process under Docker, which appends the
        # same --group-add GIDs to an exec; Podman's `exec -u USER` gets none of them, whoever started
        # the container (observed with Podman 4.3.1 by tests/test_image_check.py).
        if via == "main" or (self._main_user() == entry.name and ctr.get("engine") != "podman"):
            return self._first_process(entry)
        explicit = _explicit_group(ctr.get("user"), entry, self.accounts())
        gid = entry.gid if explicit is None else explicit
        gids = {gid} if explicit is not None else set(self.login_gids(user))
        if ctr.get("engine") != "podman":
            gids.update(self.group_add_gids())
        return Credentials(entry.uid, gid, tuple(sorted(gids)))

    def _main_user(self) -> str:
        """The account the container's first process runs as (``-u``), root without one."""
        spec = (self.container or {}).get("user")
        if not spec:
            return "root"
        who = spec.split(":", 1)[0]
        accounts = self.accounts()
        found = next((u for u in accounts.users if who in (u.name, str(u.uid))), None)
        if found is None:
            raise ProfileError("{}: container.user {!r} is not in the profile's /etc/passwd; add the account".format(
                self.name, spec))
        return found.name

    def main_credentials(self) -> Credentials:
        """The container's first process, as the account ``-u`` names (root without one)."""
        return self._first_process(self.user(self._main_user()))

    def _first_process(self, entry: User) -> Credentials:
        """A first process as ``entry``: ``-u`` (an explicit group drops every /etc/group membership),
        plus ``--group-add`` and, with toolkit >= 1.19.1, the nodes' GIDs."""
        ctr = self.container or {}
        explicit = _explicit_group(ctr.get("user"), entry, self.accounts())
        gid = entry.gid if explicit is None else explicit
        gids = {gid} if explicit is not None else set(self.login_gids(entry.name))
        gids.update(self.group_add_gids())
        if (ctr.get("toolkit") or {}).get("adds_device_gids"):
            made = tuple(MadeNode(n.uid, n.gid, n.mode) for n in self.nodes())
            gids.update(added_gids(band("1.19.1+"), made))
        return Credentials(entry.uid, gid, tuple(sorted(gids)))

    def process_gids(self, user: str) -> List[int]:
        """Groups of ``user``'s process started by the engine: the first process, or ``exec -u`` by the engine's rule."""
        return list(self.credentials(user, "exec").groups)

    def group_add_gids(self) -> List[int]:
        accounts = self.accounts()
        out = []
        for value in (self.container or {}).get("group_add", []):
            if isinstance(value, int) or str(value).isdigit():
                out.append(int(value))
                continue
            group = next((g for g in accounts.groups if g.name == value), None)
            if group is None:
                raise ProfileError("{}: container.group_add names group {!r}, which the profile's /etc/group lacks "
                                   "(the engine would refuse to start); give its GID".format(self.name, value))
            out.append(group.gid)
        return out

    # --- device nodes --------------------------------------------------------------------------

    def nodes(self) -> List[NodeSpec]:
        spec = self.raw["devices"]
        gids: Dict[str, int] = spec.get("gids", {})
        removed = set(spec.get("remove", []))
        entries: Dict[str, Dict[str, Any]] = {}
        for entry in device_sets()[spec["set"]]:
            if entry["path"] not in removed:
                entries[entry["path"]] = dict(entry)
        for change in spec.get("nodes", []):
            merged = entries.setdefault(change["path"], {})
            if "gid" in change:
                merged.pop("group", None)
            if "group" in change:
                merged.pop("gid", None)
            merged.update((key, change[key]) for key in NODE_KEYS if key in change)
        out: List[NodeSpec] = []
        for path, entry in entries.items():
            if not is_dev_path(path):
                raise ProfileError("{}: devices.nodes path {!r} is not a plain path under /dev (no '.' or '..' parts, "
                                   "no doubled '/'); name the node as the device shows it, e.g. /dev/dri/renderD128".format(
                                       self.name, path))
            if "mode" not in entry or ("gid" not in entry and "group" not in entry):
                raise ProfileError("{}: devices.nodes entry {} adds a node without {}; give both mode and gid (or "
                                   "group)".format(self.name, path, "mode" if "mode" not in entry else "gid or group"))
            if "gid" in entry:
                gid = int(entry["gid"])
            elif entry["group"] in gids:
                gid = int(gids[entry["group"]])
            else:
                raise ProfileError("{}: devices.gids lacks {!r}, the group of {}; add \"{}\": GID to devices.gids".format(
                    self.name, entry["group"], path, entry["group"]))
            mode = int(entry["mode"], 8)
            extra = [parse_acl_text(t) for t in entry.get("acl", [])]
            out.append(NodeSpec(path, entry.get("type", "char"), entry.get("major"), entry.get("minor"),
                                int(entry.get("uid", 0)), gid, mode, full_acl(mode, extra)))
        return out


def _explicit_group(spec: Optional[str], entry: User, accounts: Accounts) -> Optional[int]:
    """The GID of ``-u USER:GROUP`` when it applies to ``entry``; None without an explicit group."""
    if not spec or ":" not in spec:
        return None
    who, group = spec.split(":", 1)
    if who not in (entry.name, str(entry.uid)):
        return None
    if group.isdigit():
        return int(group)
    found = next((g.gid for g in accounts.groups if g.name == group), None)
    if found is None:
        raise ProfileError("container.user names group {!r}, which the profile's /etc/group lacks; give its GID".format(
            group))
    return found


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


def bases() -> Dict[str, Any]:
    return _load_json("bases.json")


def _base(name: str) -> Dict[str, Any]:
    base: Dict[str, Any] = bases()[name]
    return base


def device_sets() -> Dict[str, Any]:
    return _load_json("devicesets.json")


def device_set(name: str) -> List[Dict[str, Any]]:
    """The host nodes of a named set (devicesets.json): path, group name, mode."""
    entries: List[Dict[str, Any]] = device_sets()[name]
    return entries


def names() -> List[str]:
    return sorted(f[:-5] for f in os.listdir(PROFILE_DIR) if f.endswith(".json"))


def device_name(stem: str) -> str:
    """A file name made a device name: ``Scenario_01`` becomes ``scenario-01``."""
    name = re.sub(r"[^a-z0-9-]", "-", stem.lower()).strip("-")[:63].rstrip("-")
    return name or "profile"


def is_path(ref: str) -> bool:
    """A profile given as a file (``./my-device.json``, ``/x/y.json``) rather than a shipped name."""
    return os.sep in ref or ref.endswith(".json")


def read_bytes(path: str, what: str = "profile") -> bytes:
    """A small input file's bytes: a regular file (a FIFO must not hang the lab) of at most 4 MiB."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise ProfileError("cannot read {} {}: {}; give the path of a {} file".format(
            what, path, error.strerror or error, what)) from error
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ProfileError("{} {} is not a regular file; give the path of a {} file".format(what, path, what))
        data = os.read(fd, MAX_PROFILE_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_PROFILE_BYTES:
        raise ProfileError("{} {} is larger than {} MiB; give a smaller file".format(what, path, MAX_PROFILE_BYTES >> 20))
    return data


def read_document(path: str) -> Dict[str, Any]:
    """A profile file's JSON; ProfileError (with the remedy) for anything that is not one."""
    data = read_bytes(path)
    try:
        value = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ProfileError("profile {} is not UTF-8 text (byte {}); save it as UTF-8".format(path, error.start)) from error
    except RecursionError as error:
        raise ProfileError("profile {} nests too deeply to be a profile".format(path)) from error
    except ValueError as error:
        raise ProfileError("profile {} is not valid JSON: {}; fix the file (jetson-gpu-access lab check {})".format(
            path, error, path)) from error
    if not isinstance(value, dict):
        raise ProfileError("profile {} must hold a JSON object, not {}".format(path, type(value).__name__))
    return value


def load(ref: str) -> Profile:
    """A shipped profile by name, or a profile file by path; ProfileError says what is wrong and what to do."""
    if is_path(ref):
        stem = os.path.basename(ref)[:-5] if ref.endswith(".json") else os.path.basename(ref)
        return from_document(read_document(ref), stem, ref)
    if ref not in names():
        raise ProfileError("no lab profile {!r}; known profiles: {} (or give the path of a profile file)".format(
            ref, ", ".join(names())))
    return from_document(read_document(os.path.join(PROFILE_DIR, ref + ".json")), ref, ref)


def from_document(raw: Dict[str, Any], default_name: str, origin: str) -> Profile:
    """Check a profile document (format 1 is converted first) and make it a Profile."""
    document = migrate_v1(raw) if "format" not in raw and _looks_v1(raw) else raw
    try:
        schema.validate(document)
    except schema.SchemaViolation as error:
        raise ProfileError("profile {}: {}".format(origin, error)) from error
    name = str(document["name"]) if "name" in document else device_name(default_name)
    if not schema.is_name(name):
        raise ProfileError("profile {}: its name {!r} is not a device name; add \"name\": a name of lower-case letters, "
                           "digits and '-'".format(origin, name))
    profile = Profile(name, str(document["title"]), document)
    _check(profile, origin)
    return profile


def _check(profile: Profile, origin: str) -> None:
    """The rules the schema cannot state, each with its remedy."""
    acct = profile.raw["accounts"]
    clash = [(verbatim, built) for verbatim, built in (("passwd", "users"), ("group", "groups"), ("group", "members"))
             if verbatim in acct and built in acct]
    if clash:
        raise ProfileError("profile {}: accounts.{} (verbatim) cannot be combined with accounts.{}; put those lines in "
                           "accounts.{}".format(origin, clash[0][0], clash[0][1], clash[0][0]))
    devices = profile.raw["devices"]
    known = {e["path"] for e in device_sets()[devices["set"]]}
    for path in devices.get("remove", []):
        if path not in known:
            raise ProfileError("profile {}: devices.remove names {}, which set {} does not have; remove it from the "
                               "list".format(origin, path, devices["set"]))
    for entry in devices.get("nodes", []):
        if "gid" in entry and "group" in entry:
            raise ProfileError("profile {}: devices.nodes entry {} gives both gid and group; keep one".format(
                origin, entry["path"]))
    try:
        profile.nodes()
        profile.user(profile.session_user)
        profile.group_add_gids()
        profile.credentials(profile.session_user, "exec")
    except ProfileError as error:
        raise ProfileError("profile {}: {}".format(origin, str(error).split(": ", 1)[-1])) from error


# --- format 1 -------------------------------------------------------------------------------------

def _looks_v1(raw: Dict[str, Any]) -> bool:
    acct = raw.get("accounts")
    return isinstance(acct, dict) and isinstance(acct.get("users"), dict)


def migrate_v1(raw: Dict[str, Any]) -> Dict[str, Any]:
    """A format-1 document in format 2, meaning the same: the one base became ``debian-base-passwd``,
    ``groups``/``users`` maps became lists, ``host_gids``/``change``/``acl`` became ``gids``/``nodes``,
    ``toolkit_adds_device_gids`` moved under ``toolkit``. Unknown keys are kept, for the schema to refuse."""
    out: Dict[str, Any] = {"format": FORMAT}
    for key, value in raw.items():
        if key in ("accounts", "devices", "container"):
            continue
        out[key] = value
    acct = dict(raw["accounts"])
    if acct.get("base") == "ubuntu":
        acct["base"] = "debian-base-passwd"
    if isinstance(acct.get("groups"), dict):
        acct["groups"] = [{"name": n, "gid": g} for n, g in acct["groups"].items()]
    if isinstance(acct.get("users"), dict):
        acct["users"] = [{"name": n, "uid": u} for n, u in acct["users"].items()]
    out["accounts"] = acct
    if "devices" in raw and isinstance(raw["devices"], dict):
        old = dict(raw["devices"])
        dev: Dict[str, Any] = {"set": old.pop("set", None), "gids": old.pop("host_gids", {})}
        nodes: Dict[str, Dict[str, Any]] = {}
        for path, change in (old.pop("change", {}) or {}).items():
            nodes.setdefault(path, {"path": path}).update(change)
        for path, entries in (old.pop("acl", {}) or {}).items():
            nodes.setdefault(path, {"path": path})["acl"] = entries
        if nodes:
            dev["nodes"] = list(nodes.values())
        dev.update(old)
        out["devices"] = dev
    ctr = raw.get("container")
    if isinstance(ctr, dict):
        ctr = dict(ctr)
        if "toolkit_adds_device_gids" in ctr:
            ctr["toolkit"] = {"adds_device_gids": bool(ctr.pop("toolkit_adds_device_gids"))}
        session = raw.get("session") or {}
        if session.get("via") == "exec" and not ctr.get("user") and isinstance(session.get("user"), str):
            ctr["user"] = session["user"]  # format 1's exec session was the container's first process

    out["container"] = ctr
    return out


def dump(document: Dict[str, Any]) -> str:
    """A profile document as the shipped files are written (stable, reviewable diffs)."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
