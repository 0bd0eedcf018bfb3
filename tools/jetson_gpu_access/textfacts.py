"""Facts from pasted text: what `ls -l`, `stat`, `id`, `groups`, `getent group`,
/etc/nv_tegra_release (and the L4T versions tools print), model strings, `docker run` lines and
compose fragments show, turned into the same typed facts the probe builds, so the same
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
from .launch import Launch, from_compose, from_run_line
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
    TegraRelease,
    User,
)
from .probe.devices import role_of
from .probe.platform import jetpack_for, l4t_from_release, parse_release
from .record import frozen_record
from .safeio import decimal

# Numbers are at most ten ASCII digits (IDs and device numbers are 32-bit; int() refuses over
# 4,300 digits), and every quantifier that can run past a match attempt is bounded, so a paste of
# repeated prefixes ("Jetson a Jetson a ...") stays linear instead of taking minutes.
_LS = re.compile(r"^(?P<type>[cbdl-])(?P<perms>[rwxsStT-]{9})(?P<acl>[+.@]?)\s+\d+\s+(?P<owner>\S+)\s+(?P<group>\S+)\s+"
                 r"(?P<major>[0-9]{1,10}),\s*(?P<minor>[0-9]{1,10})\s+(?:\S+\s+){3}(?P<name>\S+)\s*$")
_STAT = re.compile(r"^(?P<mode>[0-7]{3,4})\s+(?P<uid>[0-9]{1,10}):(?P<gid>[0-9]{1,10})\s+(?P<path>/dev/\S+)\s*$")
_ID = re.compile(r"uid=([0-9]{1,10})\(([^)\n]{0,64})\)\s+gid=([0-9]{1,10})\(([^)\n]{0,64})\)(?:\s+groups=(\S+))?")
_GROUP_LINE = re.compile(r"^([A-Za-z_][\w.-]*):[^:\s]*:([0-9]{1,10}):([\w.,-]*)\s*$")
_RELEASE = re.compile(r"#\s*R\d+\s*\(release\).*")
_DIR_HEADER = re.compile(r"^(/dev(?:/[\w.-]+)*):\s*$")
_LS_COMMAND = re.compile(r"\bls\b[^\n]{0,200}?\s(/dev(?:/[\w.-]+)*)/?\s*$")
_PROMPT = re.compile(r"^(?:[\w.-]+@[\w.-]+:[^$#]*[$#]\s+|[$#>]\s+)")
_ANSI = re.compile(r"\x1b\[[0-9;?]{0,32}[A-Za-z]|\x1b\][^\x07\n]{0,512}\x07")
_MODEL = re.compile(r"(?:NVIDIA\s+)?Jetson[\w\s-]{0,60}?(?:Developer Kit|Orin|Xavier|Nano|Thor|TX1|TX2)[\w -]{0,80}", re.I)
# L4T as tools print it when /etc/nv_tegra_release itself was not pasted: jetson-containers
# (L4T_VERSION=36.4.0), jetson-inference (L4T R35.4.1), jetson_release ([L4T 35.1.0]).
_L4T_MENTION = re.compile(r"\bL4T(?:_VERSION)?[\s=:\[]*R?(\d{2}\.\d+(?:\.\d+)?)\b")
# JetPack as a tool states it (jetson-containers, jetson_release, jetson_stats' environment); kept
# apart from the tables' reading of the L4T release, since the two can disagree.
_JETPACK_STATED = re.compile(r"\b(?:JETPACK_VERSION|JETSON_JETPACK)=(\d+(?:\.\d+)*)|\bJetpack\s+(\d+(?:\.\d+)*(?: GA| DP)?)\s*\[L4T",
                             re.I)
_GROUPS_COMMAND = re.compile(r"^groups(?:\s+[\w.-]+)?$")


@frozen_record
class ListedNode:
    """A device node line as listed: owner and group as printed (names or numbers)."""

    path: str
    owner: str
    group: str
    mode: int
    acl: bool
    major: Optional[int]   # not shown by stat -c
    minor: Optional[int]


@frozen_record
class Observed:
    """What the text itself showed, before any assumption: the evidence explain reasons from."""

    l4t: Optional[str]
    l4t_from: Optional[str]            # the line it was read from
    jetpack: Tuple[str, ...]           # what the L4T/JetPack tables say for that release
    jetpack_stated: Optional[str]      # what a tool in the text said, unchecked
    model: Optional[str]
    nodes: Tuple[ListedNode, ...]
    session_user: Optional[str]
    session_groups: Tuple[str, ...]    # as `id` or `groups` printed them: "44(video)", "video"
    group_lines: Tuple[Group, ...]
    launches: Tuple[Launch, ...]


@frozen_record
class TextFacts:
    """The facts the text showed, the assumptions made to diagnose, and what was recognised."""

    facts: Optional[Facts]
    observed: Observed
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
        number = decimal(name)
        if number is not None:
            return number
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


def _lines(text: str) -> List[str]:
    """Pasted lines without prompts and Markdown quotes; backslash-continued lines joined."""
    joined = re.sub(r"\\\n[ \t]*", " ", normalise(text))
    lines = []
    for raw in joined.split("\n"):
        line = raw.strip()
        while line.startswith(">"):  # Markdown quotes
            line = line[1:].strip()
        lines.append(line if _RELEASE.match(line) else _PROMPT.sub("", line))  # '# R36 (release)' is not a prompt
    return lines


def _model(line: str) -> Optional[str]:
    """A Jetson model string, cut where tools append more (" - Jetpack 5.1 [L4T ...]", " [16GB]")."""
    found = _MODEL.search(line)
    if not found or "jetson" not in found.group(0).lower():
        return None
    return re.split(r"\s+-\s+|\s*\[", found.group(0).strip())[0].strip() or None


def read(text: str) -> TextFacts:
    lines = _lines(text)
    reader = _Reader()
    release = None
    l4t_line: Optional[str] = None
    model = None
    stated: Optional[str] = None
    user: Optional[User] = None
    process_groups: List[int] = []
    session_groups: List[str] = []
    group_lines: List[Group] = []
    listed: List[ListedNode] = []
    launches: List[Launch] = []
    directory = "/dev"
    after_groups_command = False
    for line in lines:
        if not line:
            continue
        if after_groups_command and not session_groups:
            after_groups_command = False
            words = line.split(":", 1)[1].split() if " : " in line else line.split()
            if words and not any(w.startswith(("-", "/")) for w in words):
                session_groups = words
                reader.recognised.append("groups output: " + line)
                continue
        if _GROUPS_COMMAND.match(line):
            after_groups_command = True
            continue
        if _RELEASE.search(line) and release is None:
            release = parse_release(_RELEASE.search(line).group(0))  # type: ignore[union-attr]
            l4t_line = line
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
            listed.append(ListedNode(path, ls.group("owner"), ls.group("group"), _mode(ls.group("perms")),
                                     ls.group("acl") == "+", int(ls.group("major")), int(ls.group("minor"))))
            reader.recognised.append("node listing: " + line)
            continue
        stat = _STAT.match(line)
        if stat:
            listed.append(ListedNode(stat.group("path"), stat.group("uid"), stat.group("gid"), int(stat.group("mode"), 8),
                                     False, None, None))
            reader.recognised.append("stat line: " + line)
            continue
        ident = _ID.search(line)
        if ident and user is None:
            uid, name, gid, gname = int(ident.group(1)), ident.group(2), int(ident.group(3)), ident.group(4)
            user = User(name, uid, gid, "/home/" + name, "")
            reader.learn(gname, gid)
            process_groups = [gid]
            session_groups = []
            for item in (ident.group(5) or "").split(","):
                match = re.match(r"([0-9]{1,10})(?![0-9])(?:\(([^)]*)\))?", item)
                if match:
                    process_groups.append(int(match.group(1)))
                    session_groups.append(match.group(0))
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
        launch = from_run_line(line)
        if launch is not None:
            launches.append(launch)
            reader.recognised.append(launch.source + ": " + line)
        if release is None and l4t_line is None and _L4T_MENTION.search(line):
            l4t_line = line
            reader.recognised.append("L4T version: " + line)
        jetpack = _JETPACK_STATED.search(line)
        if jetpack and stated is None:
            stated = jetpack.group(1) or jetpack.group(2)
            reader.recognised.append("JetPack stated: " + line)
        if model is None:
            model = _model(line)
            if model is not None:
                reader.recognised.append("model: " + model)
    compose = from_compose(lines)
    if compose is not None:
        launches.append(compose)
        reader.recognised += ["compose: " + line for line in compose.text.split("\n")]
    if release is not None:
        l4t = l4t_from_release(release)
    else:
        mention = _L4T_MENTION.search(l4t_line or "")
        l4t = mention.group(1) if mention else None
    tables = tuple(dict.fromkeys(c.jetpack for c in jetpack_for(l4t)))
    observed = Observed(l4t, l4t_line, tables, stated, model, tuple(listed), user.name if user else None,
                        tuple(session_groups), tuple(group_lines), tuple(launches))
    return _facts(reader, observed, release, user, process_groups)


def _facts(reader: _Reader, observed: Observed, release: Optional[TegraRelease], user: Optional[User],
           process_groups: List[int]) -> TextFacts:
    missing = []
    if observed.l4t is None:
        missing.append("cat /etc/nv_tegra_release   # the L4T release (on the host)")
    if not observed.nodes:
        missing.append("ls -ln /dev/nvmap /dev/dri/  # the GPU nodes' owner, group and mode, by number")
    if user is None:
        missing.append("id   # in the session that fails: the groups it really holds")
    if not observed.group_lines:
        missing.append("getent group video render   # the groups by number in the container's /etc/group")
    if user is None or not observed.nodes:
        return TextFacts(None, observed, tuple(reader.assumptions), tuple(reader.recognised), tuple(missing))

    devices = []
    for node in observed.nodes:
        role = role_of(node.path)
        if role is None:
            continue
        gid = reader.gid_of(node.group)
        name = node.group if decimal(node.group) is None else reader.names.get(gid)
        owner = node.owner
        uid = 0 if owner == "root" else decimal(owner)
        uid = reader.gid_of("user " + owner) if uid is None else uid
        if node.acl:
            reader.assumptions.append("{} has a POSIX ACL whose entries were not shown (getfacl {})".format(
                node.path, node.path))
        devices.append(DeviceNode(node.path, role, NodeKind.CHAR, node.major, node.minor, uid, gid, name, node.mode, (), None,
                                  False, NodeOrigin.UNKNOWN))
    groups = list(observed.group_lines)
    if not groups:
        reader.assumptions.append("no /etc/group lines: the login view is taken to be the groups `id` printed")
        for gid in process_groups:
            groups.append(Group(reader.names.get(gid, "gid{}".format(gid)), gid, (user.name,)))
    signals = tuple(s for s, present in (("/etc/nv_tegra_release", release is not None),
                                         ("L4T version in the text", release is None and observed.l4t is not None),
                                         ("/dev/nvmap", any(d.path == "/dev/nvmap" for d in devices)),
                                         ("model " + (observed.model or ""), observed.model is not None)) if present)
    platform = Platform(observed.model, (), None, None, None, release, None, observed.l4t,
                        ("/etc/nv_tegra_release" if release else "pasted text") if observed.l4t else None,
                        jetpack_for(observed.l4t), signals)
    group_add = [g for launch in observed.launches for g in launch.numeric_groups]
    in_container = bool(observed.launches)
    engines = [launch.source.split()[0] for launch in observed.launches if launch.source != "compose"]
    container = Container(in_container, tuple(launch.source + " in the text" for launch in observed.launches),
                          engines[0] if engines else None, False, (), None)
    process = ProcessInfo("pasted", user.uid, user.gid, tuple(sorted(set(process_groups) | set(group_add))), False, None, None)
    facts = Facts(SCHEMA_VERSION, __version__, "(pasted text)", platform, OsRelease(None, None, None, None), container,
                  (), tuple(devices), Accounts((user,), tuple(groups), ()), user, "id output", process, ())
    return TextFacts(facts, observed, tuple(dict.fromkeys(reader.assumptions)), tuple(reader.recognised), tuple(missing))
