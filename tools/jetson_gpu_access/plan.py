"""From a diagnosis to a plan: typed actions with reasons, refusals with alternatives, exact diff.

Pure: a function of the diagnosis (and the text of /etc/group it was made from). The in-place
strategy only ever adds: it creates a group with the node's GID, or appends the user to the
group that already has it; it renumbers a same-named group only inside a container and only
when no user has it as primary group (apply also checks that no file is owned by the old GID).
It never joins a sensitive group, never reuses a GID (no ``-o``), never uses ``groupadd -f``,
never replaces a user's groups, and never touches a device node's mode.
"""

from __future__ import annotations

import difflib
import hashlib
from enum import Enum
from typing import Dict, List, Optional, Tuple

from .diagnose import role_group
from .model import DeviceNode, Diagnosis, Group, NodeKind, Requirement, ViewKind
from .record import frozen_record

# Joining any of these for GPU access would hand out far more than the GPU (checklist C4, anti-pattern 7).
SENSITIVE_GROUPS = ("root", "sudo", "wheel", "adm", "shadow", "disk", "kmem", "docker", "input", "systemd-journal",
                    "lxd", "libvirt", "staff", "tty", "utmp")
UNMAPPED_GID = 65534
# Anomalies (from probe.accounts) that make any automatic edit unsafe.
BLOCKING_ANOMALIES = ("CRLF", "appears", "is shared by", "several accounts have UID 0")
MISSING_NODE_FINDINGS = {"DEV-001": "/dev/dri/renderD*", "DEV-002": "/dev/nvmap"}


class ActionKind(str, Enum):
    CREATE_GROUP = "create-group"
    RENUMBER_GROUP = "renumber-group"
    ADD_MEMBER = "add-member"


@frozen_record
class Action:
    kind: ActionKind
    group: str
    gid: int
    old_gid: Optional[int]
    user: Optional[str]
    reason: str
    command: str


@frozen_record
class Refusal:
    path: str
    gid: Optional[int]
    reason: str
    instead: Tuple[str, ...]


@frozen_record
class Advice:
    """Another way to reach the same state, for the reader to apply elsewhere (image, runtime)."""

    strategy: str
    text: str
    caveat: str


@frozen_record
class Plan:
    root: str
    user: str
    uid: int
    in_container: bool
    group_sha256: str
    actions: Tuple[Action, ...]
    refusals: Tuple[Refusal, ...]
    notes: Tuple[str, ...]
    group_after: str
    diff: str
    advice: Tuple[Advice, ...]

    @property
    def nothing_to_do(self) -> bool:
        return not self.actions and not self.refusals


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _unfixable(node: DeviceNode, needs: str) -> Optional[Tuple[str, Tuple[str, ...]]]:
    """Why group membership cannot open ``node``, and what to do instead; None when it can."""
    if node.kind is not NodeKind.CHAR or node.mode is None or node.gid is None:
        return ("{} is not a character device; nothing to do with groups".format(node.path),
                ("let udev or the container runtime recreate the node",))
    if node.nodev:
        return ("{} is on a nodev mount: the kernel refuses everyone".format(node.path),
                ("provide the node on a mount without nodev (the runtime's /dev, or --device)",))
    if node.gid == 0:
        return ("{} belongs to group 0 (root): joining the root group is never a fix".format(node.path),
                ("restore the vendor udev rules so the node belongs to video or render",))
    if node.gid == UNMAPPED_GID:
        return ("{} shows GID 65534: the host GID is unmapped in this user namespace".format(node.path),
                ("use --group-add keep-groups (crun/podman) or run the container rootful",))
    want = (4 if "r" in needs else 0) | (2 if "w" in needs else 0)
    if ((node.mode >> 3) & want) != want:
        return ("{} is mode {:04o}: its group bits do not grant {}".format(node.path, node.mode, needs),
                ("restore L4T's udev rules (root:video 0660) where the node is created; never chmod it to 0666",))
    return None


class _GroupText:
    """/etc/group as lines, edited the way shadow-utils rewrites it (unchanged lines kept verbatim)."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        if self.lines and self.lines[-1] == "":
            self.lines.pop()

    def _index(self, name: str) -> int:
        return next(i for i, line in enumerate(self.lines) if line.split(":", 1)[0] == name)

    def create(self, name: str, gid: int) -> None:
        # shadow keeps NIS compat entries ('+'/'-') at the end: new entries go before them
        at = len(self.lines)
        while at > 0 and self.lines[at - 1][:1] in ("+", "-"):
            at -= 1
        self.lines.insert(at, "{}:x:{}:".format(name, gid))

    def add_member(self, name: str, user: str) -> None:
        i = self._index(name)
        self.lines[i] += ("," if not self.lines[i].endswith(":") else "") + user

    def renumber(self, name: str, gid: int) -> None:
        i = self._index(name)
        fields = self.lines[i].split(":", 3)
        fields[2] = str(gid)
        self.lines[i] = ":".join(fields)

    def text(self) -> str:
        return "".join(line + "\n" for line in self.lines)


def make_plan(diagnosis: Diagnosis, group_text: str) -> Plan:
    """The in-place plan for the diagnosed user, plus image/runtime/entrypoint advice."""
    facts = diagnosis.facts
    user = facts.user
    if user is None:
        raise ValueError("a plan needs a target user")
    nodes = {n.path: n for n in facts.devices}
    groups = facts.accounts.groups
    by_gid: Dict[int, Group] = {}
    for group in groups:
        by_gid.setdefault(group.gid, group)
    login = next(v for v in diagnosis.views if v.kind is ViewKind.LOGIN)
    actions: List[Action] = []
    refusals: List[Refusal] = []
    notes: List[str] = []
    needed: Dict[int, DeviceNode] = {}

    blocking = [a for a in facts.accounts.anomalies if any(k in a for k in BLOCKING_ANOMALIES)]
    if blocking:  # checklist G1/G3/U2: shadow-utils would write around these; a person must decide
        refusals.append(Refusal("/etc/group", None, "the account files need repair first: " + "; ".join(blocking),
                                ("repair the listed lines (grpck, pwck or by hand), then plan again",)))
    for finding in diagnosis.findings:
        if finding.code in MISSING_NODE_FINDINGS and finding.severity.value == "error":
            refusals.append(Refusal(MISSING_NODE_FINDINGS[finding.code], None,
                                    "the node is not present here, so no group change can help", (finding.remedy,)))
    for assessment in diagnosis.nodes:
        if assessment.requirement is Requirement.OPTIONAL or user.uid == 0 or blocking:
            continue
        node = nodes[assessment.path]
        decisions = {d.view: d for d in assessment.decisions}
        login_ok = decisions[ViewKind.LOGIN].granted
        process = decisions.get(ViewKind.PROCESS)
        if login_ok:
            if process is not None and not process.granted:
                notes.append("{} opens for a new login but not for the running process {}: log in again or "
                             "restart the container".format(node.path, facts.process.pid if facts.process else ""))
            continue
        problem = _unfixable(node, assessment.needs)
        if problem is not None:
            refusals.append(Refusal(node.path, node.gid, *problem))
        elif node.gid is not None and node.gid not in login.groups:
            needed.setdefault(node.gid, node)

    edited = _GroupText(group_text)
    for gid, node in sorted(needed.items()):
        owner = by_gid.get(gid)
        expected = role_group(node.role) or "gpu{}".format(gid)
        if owner is not None:
            if owner.name in SENSITIVE_GROUPS:
                refusals.append(Refusal(node.path, gid, "GID {} is the sensitive group '{}' here; joining it would grant "
                                        "far more than the GPU".format(gid, owner.name),
                                        ("docker run --group-add {} for processes that never log in again".format(gid),
                                         "renumber '{}' in the image so the host's GID is free".format(owner.name))))
                continue
            name = owner.name
            why = "{} belongs to GID {}, which is '{}' here".format(node.path, gid, name)
        else:
            same_name = next((g for g in groups if g.name == expected), None)
            if same_name is None:
                actions.append(Action(ActionKind.CREATE_GROUP, expected, gid, None, None,
                                      "{} belongs to GID {}, which has no name here".format(node.path, gid),
                                      "groupadd -g {} {}".format(gid, expected)))
                edited.create(expected, gid)
            elif not facts.container.in_container:
                refusals.append(Refusal(node.path, gid, "group '{}' is GID {} on this host but {} belongs to GID {}; "
                                        "renumbering a host's system group is refused (files keep the old number)"
                                        .format(expected, same_name.gid, node.path, gid),
                                        ("find out why the node's GID differs from the host's '{}' group (udev rules)"
                                         .format(expected),)))
                continue
            elif any(u.gid == same_name.gid for u in facts.accounts.users):
                refusals.append(Refusal(node.path, gid, "group '{}' (GID {}) is some user's primary group; "
                                        "renumbering it would change that user".format(expected, same_name.gid),
                                        ("rebuild the image with '{}' created as GID {}".format(expected, gid),)))
                continue
            else:
                actions.append(Action(ActionKind.RENUMBER_GROUP, expected, gid, same_name.gid, None,
                                      "group '{}' is GID {} in this container but {} belongs to GID {}".format(
                                          expected, same_name.gid, node.path, gid),
                                      "groupmod -g {} {}".format(gid, expected)))
                edited.renumber(expected, gid)
            name = expected
            why = "{} belongs to GID {}".format(node.path, gid)
        if any(g.name == name and user.name in g.members for g in groups):
            continue  # already listed (a renumbered group keeps its members)
        actions.append(Action(ActionKind.ADD_MEMBER, name, gid, None, user.name,
                              why + "; logins get groups from /etc/group", "usermod -a -G {} {}".format(name, user.name)))
        edited.add_member(name, user.name)

    after = edited.text() if actions else group_text
    diff = "".join(difflib.unified_diff(group_text.splitlines(True), after.splitlines(True), "a/etc/group", "b/etc/group"))
    return Plan(facts.root, user.name, user.uid, facts.container.in_container, digest(group_text.encode("utf-8", "surrogateescape")),
                tuple(actions), tuple(refusals), tuple(dict.fromkeys(notes)), after, diff,
                _advice([(gid, role_group(node.role) or "gpu{}".format(gid)) for gid, node in sorted(needed.items())],
                        user.name))


def _advice(needed: List[Tuple[int, str]], user: str) -> Tuple[Advice, ...]:
    """The same memberships as a docker run line, a Dockerfile fragment and an entrypoint."""
    if not needed:
        return ()
    group_add = " ".join("--group-add {}".format(gid) for gid, _ in needed)
    args = ["{}_GID".format(name.upper().replace("-", "_")) for _, name in needed]
    build = " ".join("--build-arg {}=$(stat -c %g {})".format(arg, "NODE") for arg in args)
    dockerfile = "".join("ARG {0}\nRUN groupadd -g \"${0}\" {1} && usermod -a -G {1} {2}\n".format(arg, name, user)
                         for arg, (_, name) in zip(args, needed))
    return (
        Advice("runtime", "docker run {} ...".format(group_add),
               "numeric GIDs reach the container's main process (and docker exec, but not podman exec -u), while "
               "SSH, su - and login rebuild groups from /etc/group and drop them"),
        Advice("image", "# docker build {} ...  (NODE: the device node on the target host)\n{}".format(build, dockerfile),
               "binds the image to hosts whose node GIDs are exactly these; another host needs a rebuild, and "
               "groupadd fails if the image already uses the GID"),
        Advice("entrypoint", "jetson-gpu-access entrypoint --print > jga-entrypoint   # copy it into the image, then:\n"
               "ENTRYPOINT [\"/usr/local/bin/jga-entrypoint\"]   # with ENV JGA_USER={}".format(user),
               "aligns the image's groups with the nodes present at every container start; the container must "
               "start as root"),
    )
