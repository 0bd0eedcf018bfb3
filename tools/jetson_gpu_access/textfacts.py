"""Facts from pasted text: what `ls -l`, `stat`, `id`, `getent group`, /etc/nv_tegra_release and
`docker run` output show, turned into the same typed facts the probe builds, so the same
diagnosis applies.

Only what the text shows becomes a fact. Where the diagnosis needs more (a group's number when
`ls -l` printed only its name, the login groups when only `id` was pasted), the gap is filled
with a marked assumption: every one is listed, and a GID that was never shown is a placeholder
above 4,000,000,000 that matches by name only.
"""

from __future__ import annotations

import posixpath
import re
from typing import Dict, List, Optional, Tuple

from . import __version__
from .model import (
    PLACEHOLDER_GID,
    SCHEMA_VERSION,
    Accounts,
    Container,
    DeviceNode,
    Facts,
    Group,
    NodeKind,
    NodeOrigin,
    OsRelease,
    Platform,
    ProcessInfo,
    User,
)
from .probe.devices import role_of
from .probe.platform import jetpack_for, l4t_from_release, parse_release
from .record import frozen_record

_LS = re.compile(r"^(?P<type>[cbdl-])(?P<perms>[rwxsStT-]{9})(?P<acl>[+.@]?)\s+\d+\s+(?P<owner>\S+)\s+(?P<group>\S+)\s+"
                 r"(?P<major>\d+),\s*(?P<minor>\d+)\s+(?:\S+\s+){3}(?P<name>\S+)\s*$")
_STAT = re.compile(r"^(?P<mode>[0-7]{3,4})\s+(?P<uid>\d+):(?P<gid>\d+)\s+(?P<path>/dev/\S+)\s*$")
_ID = re.compile(r"uid=(\d+)\(([^)]*)\)\s+gid=(\d+)\(([^)]*)\)(?:\s+groups=(\S+))?")
_GROUP_LINE = re.compile(r"^([A-Za-z_][\w.-]*):[^:\s]*:(\d+):([\w.,-]*)\s*$")
_RELEASE = re.compile(r"#\s*R\d+\s*\(release\).*")
_DIR_HEADER = re.compile(r"^(/dev(?:/[\w.-]+)*):\s*$")
_LS_COMMAND = re.compile(r"\bls\b[^\n]*?\s(/dev(?:/[\w.-]+)*)/?\s*$")
_PROMPT = re.compile(r"^(?:[\w.-]+@[\w.-]+:[^$#]*[$#]\s+|[$#>]\s+)")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
_MODEL = re.compile(r"(?:NVIDIA\s+)?Jetson[\w\s-]*?(?:Developer Kit|Orin|Xavier|Nano|Thor|TX2)[\w -]*", re.I)


@frozen_record
class TextFacts:
    """The facts the text showed, the assumptions made to diagnose, and what was recognised."""

    facts: Optional[Facts]
    assumptions: Tuple[str, ...]
    recognised: Tuple[str, ...]
    missing: Tuple[str, ...]


def _mode(perms: str) -> int:
    bits = 0
    for index, char in enumerate(perms):
        if char in "rwxsStT" and char not in "ST":
            bits |= 1 << (8 - index)
    special = {2: 0o4000, 5: 0o2000, 8: 0o1000}
    for index, flag in special.items():
        if perms[index] in "sStT":
            bits |= flag
    return bits


class _Reader:
    def __init__(self) -> None:
        self.assumptions: List[str] = []
        self.recognised: List[str] = []
        self.gids: Dict[str, int] = {}
        self.names: Dict[int, str] = {}
        self.placeholders = 0

    def gid_of(self, name: str) -> int:
        if name.isdigit():
            return int(name)
        if name not in self.gids:
            self.gids[name] = PLACEHOLDER_GID + self.placeholders
            self.placeholders += 1
            self.assumptions.append("the GID of group '{}' was not shown; it is compared by name".format(name))
        return self.gids[name]

    def learn(self, name: str, gid: int) -> None:
        self.gids.setdefault(name, gid)
        self.names.setdefault(gid, name)


def normalise(text: str) -> str:
    """Text as it was printed: no colour codes, no CR, no Markdown fence lines."""
    text = _ANSI.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line for line in text.split("\n") if not line.strip().startswith("```"))


def read(text: str) -> TextFacts:
    lines = []
    for raw in normalise(text).split("\n"):
        line = raw.strip()
        while line.startswith(">"):  # Markdown quotes
            line = line[1:].strip()
        lines.append(line if _RELEASE.match(line) else _PROMPT.sub("", line))  # '# R36 (release)' is not a prompt
    reader = _Reader()
    release = None
    model = None
    user: Optional[User] = None
    process_groups: List[int] = []
    group_lines: List[Group] = []
    listed: List[Tuple[str, str, int, str, str, int, int, bool]] = []
    docker: List[str] = []
    directory = "/dev"
    for line in lines:
        if not line:
            continue
        if _RELEASE.search(line) and release is None:
            release = parse_release(_RELEASE.search(line).group(0))  # type: ignore[union-attr]
            reader.recognised.append("release line: " + line)
            continue
        header = _DIR_HEADER.match(line) or _LS_COMMAND.search(line)
        if header:
            directory = header.group(1)
            continue
        ls = _LS.match(line)
        if ls:
            name = ls.group("name")
            path = name if name.startswith("/") else posixpath.join(directory, name)
            listed.append((path, ls.group("perms"), _mode(ls.group("perms")), ls.group("owner"), ls.group("group"),
                           int(ls.group("major")), int(ls.group("minor")), ls.group("acl") == "+"))
            reader.recognised.append("node listing: " + line)
            continue
        stat = _STAT.match(line)
        if stat:
            listed.append((stat.group("path"), "", int(stat.group("mode"), 8), stat.group("uid"), stat.group("gid"), -1, -1,
                           False))
            reader.recognised.append("stat line: " + line)
            continue
        ident = _ID.search(line)
        if ident and user is None:
            uid, name, gid, gname = int(ident.group(1)), ident.group(2), int(ident.group(3)), ident.group(4)
            user = User(name, uid, gid, "/home/" + name, "")
            reader.learn(gname, gid)
            process_groups = [gid]
            for item in (ident.group(5) or "").split(","):
                match = re.match(r"(\d+)(?:\(([^)]*)\))?", item)
                if match:
                    process_groups.append(int(match.group(1)))
                    if match.group(2):
                        reader.learn(match.group(2), int(match.group(1)))
            reader.recognised.append("id output: " + line)
            continue
        group = _GROUP_LINE.match(line)
        if group:
            members = tuple(m for m in group.group(3).split(",") if m)
            group_lines.append(Group(group.group(1), int(group.group(2)), members))
            reader.learn(group.group(1), int(group.group(2)))
            reader.recognised.append("group line: " + line)
            continue
        if re.search(r"\bdocker\s+(?:container\s+)?run\b", line):
            docker.append(line)
            reader.recognised.append("docker: " + line)
        found = _MODEL.search(line)
        if found and model is None and "jetson" in found.group(0).lower():
            model = found.group(0).strip()
            reader.recognised.append("model: " + model)
    return _facts(reader, release, model, user, process_groups, group_lines, listed, docker)


def _facts(reader: _Reader, release, model, user, process_groups, group_lines, listed, docker) -> TextFacts:  # type: ignore[no-untyped-def]
    missing = []
    if release is None:
        missing.append("cat /etc/nv_tegra_release   # the L4T release (on the host)")
    if not listed:
        missing.append("ls -ln /dev/nvmap /dev/dri/  # the GPU nodes' owner, group and mode, by number")
    if user is None:
        missing.append("id   # in the session that fails: the groups it really holds")
    if not group_lines:
        missing.append("getent group video render   # the groups by number in the container's /etc/group")
    if user is None or not listed:
        return TextFacts(None, tuple(reader.assumptions), tuple(reader.recognised), tuple(missing))

    devices = []
    for path, _perms, mode, owner, group, major, minor, acl in listed:
        role = role_of(path)
        if role is None:
            continue
        gid = reader.gid_of(group)
        name = group if not group.isdigit() else reader.names.get(gid)
        uid = 0 if owner == "root" else (int(owner) if owner.isdigit() else reader.gid_of("user " + owner))
        if acl:
            reader.assumptions.append("{} has a POSIX ACL whose entries were not shown (getfacl {})".format(path, path))
        devices.append(DeviceNode(path, role, NodeKind.CHAR, major if major >= 0 else None, minor if minor >= 0 else None,
                                  uid, gid, name, mode, (), None, False, NodeOrigin.UNKNOWN))
    groups = list(group_lines)
    if not group_lines:
        reader.assumptions.append("no /etc/group lines: the login view is taken to be the groups `id` printed")
        for gid in process_groups:
            groups.append(Group(reader.names.get(gid, "gid{}".format(gid)), gid, (user.name,)))
    plat_release = l4t_from_release(release) if release else None
    signals = tuple(s for s, present in (("/etc/nv_tegra_release", release is not None),
                                         ("/dev/nvmap", any(d.path == "/dev/nvmap" for d in devices)),
                                         ("model " + (model or ""), model is not None)) if present)
    platform = Platform(model, (), None, None, None, release, None, plat_release,
                        "/etc/nv_tegra_release" if plat_release else None, jetpack_for(plat_release), signals)
    group_add = [int(g) for line in docker for g in re.findall(r"--group-add[= ](\d+)", line)]
    container = Container(bool(docker), ("docker run in the text",) if docker else (), "docker" if docker else None,
                          False, (), None)
    process = ProcessInfo("pasted", user.uid, user.gid, tuple(sorted(set(process_groups) | set(group_add))), False, None, None)
    facts = Facts(SCHEMA_VERSION, __version__, "(pasted text)", platform, OsRelease(None, None, None, None), container,
                  (), tuple(devices), Accounts((user,), tuple(groups), ()), user, "id output", process)
    return TextFacts(facts, tuple(dict.fromkeys(reader.assumptions)), tuple(reader.recognised), tuple(missing))
