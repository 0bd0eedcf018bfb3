"""From a diagnosis to a plan: typed actions with reasons, refusals with alternatives, exact diff.

Pure: a function of the diagnosis (and the bytes of /etc/group it was made from). The in-place
strategy only ever adds: it creates a group with the node's GID, or appends the user to the
group that already has it; it renumbers a same-named group only inside a container, only when
no user has it as primary group and no other node present uses its GID (apply also checks that
no file is owned by the old GID). It never joins a sensitive group (data/policy.json), never
reuses a GID (no ``-o``), never gives one name two GIDs, never edits around a malformed line,
never uses ``groupadd -f``, never replaces a user's groups, and never touches a device node's mode.
"""

from __future__ import annotations

import difflib
import hashlib
from typing import Dict, List, Optional, Set, Tuple

from . import data
from .accountfiles import GroupEntry, file_problems, group_entry, one_group_name
from .choice import Choice
from .diagnose import listed, role_group
from .injection import LOSING_GROUPS, switch_names
from .model import AnomalyCode, DeviceNode, Diagnosis, Facts, Group, NodeKind, NodeOrigin
from .record import frozen_record
from .safeio import LARGE_FILE

UNMAPPED_GID = 65534
# Anomalies (from probe.accounts) that make any automatic edit unsafe: shadow-utils would write
# around them and glibc would read the result differently (checklist G1, G3, U2).
BLOCKING_ANOMALIES = (AnomalyCode.CRLF, AnomalyCode.DUPLICATE_NAME, AnomalyCode.DUPLICATE_ID, AnomalyCode.SEVERAL_ROOTS)
MISSING_NODE_FINDINGS = {"DEV-001": "/dev/dri/renderD*", "DEV-002": "/dev/nvmap"}


def sensitive_groups() -> Dict[str, str]:
    """Group name -> why joining it for the GPU is refused (data/policy.json, shared with the entrypoint)."""
    groups: Dict[str, str] = data.load("policy")["sensitive_groups"]
    return groups


class ActionKind(str, Choice):
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


class AlternativeKind(str, Choice):
    """What sort of change an alternative to a refused edit is. Each kind is carried out in the lab
    by a test (tests/test_advice_lab.py keeps one per kind, and fails for a kind without one)."""

    GROUP_ADD = "group-add"                    # docker run --group-add GID: the container's main process only
    RENUMBER_IMAGE_GROUP = "renumber-image-group"  # free the host's GID in the image, then plan again
    NODE_ACL = "node-acl"                      # setfacl on the container's own node, at each start
    REPAIR_GROUP_FILE = "repair-group-file"    # repair /etc/group's listed lines, then plan again
    REBUILD_IMAGE = "rebuild-image"            # build the image with the group at the node's GID
    HOST_NODE = "host-node"                    # the node made as the vendor's udev rules make it (group, 0660)
    RECREATE_NODE = "recreate-node"            # a character device where a file or directory stands
    NODE_MOUNT = "node-mount"                  # the node on a mount without nodev
    PROVIDE_NODE = "provide-node"              # the node passed into the container at all
    ROOTFUL = "rootful"                        # no user namespace: the host's GIDs are seen as they are
    TOOLKIT_UPGRADE = "toolkit-upgrade"        # the host's toolkit moved to a band that keeps the host's GID
    START_AS_USER = "start-as-user"            # the container started with -u USER: the user owns the nodes


@frozen_record
class Alternative:
    """One thing to do instead of a refused edit: its kind (typed) and the words for the reader."""

    kind: AlternativeKind
    text: str


@frozen_record
class Refusal:
    path: str
    gid: Optional[int]
    reason: str
    instead: Tuple[Alternative, ...]

    @property
    def instead_text(self) -> Tuple[str, ...]:
        return tuple(a.text for a in self.instead)


class AdviceStrategy(str, Choice):
    """Where another way to the same memberships is applied; each is carried out in the lab by a test
    (tests/test_advice_lab.py, like the alternative kinds)."""

    PAM_GROUP = "pam_group"      # /etc/security/group.conf and pam_group in the PAM stacks
    RUNTIME = "runtime"          # docker run --group-add
    IMAGE = "image"              # Dockerfile lines
    ENTRYPOINT = "entrypoint"    # the project's entrypoint at every container start


@frozen_record
class Advice:
    """Another way to reach the same state, for the reader to apply elsewhere (image, runtime)."""

    strategy: AdviceStrategy
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


# Findings about a node that no group change can fix: code -> (why, what to do instead).
UNFIXABLE: Dict[str, Tuple[str, Tuple[Alternative, ...]]] = {
    "DEV-004": ("{path} is not a character device; nothing to do with groups",
                (Alternative(AlternativeKind.RECREATE_NODE, "let udev or the container runtime recreate the node"),)),
    "DEV-003": ("{path} is on a nodev mount: the kernel refuses everyone",
                (Alternative(AlternativeKind.NODE_MOUNT,
                             "provide the node on a mount without nodev (the runtime's /dev, or --device)"),)),
    "DEV-006": ("{path} belongs to group 0 (root): joining the root group is never a fix",
                (Alternative(AlternativeKind.HOST_NODE,
                             "restore the vendor udev rules so the node belongs to video or render"),)),
    # Podman's --group-add keep-groups is left out: crun only, and device GIDs outside /etc/subgid stay
    # inaccessible rootless (fact sheet A.4, podman PR #29208), so it cannot be shown to work here.
    "DEV-007": ("{path} shows GID 65534: the host GID is unmapped in this user namespace",
                (Alternative(AlternativeKind.ROOTFUL, "run the container rootful, so that the host's GIDs are mapped"),)),
    "DEV-005": ("{path} is mode {mode:04o}: its group bits do not grant {needs}",
                (Alternative(AlternativeKind.HOST_NODE, "restore L4T's udev rules (root:video 0660) where the node is "
                             "created; never chmod it to 0666"),)),
}


# GID 0 made by toolkit 1.18.2 (fact sheet A.2, INFERRED): the host's udev rules are not the cause
BAND_1182_INSTEAD = (
    Alternative(AlternativeKind.TOOLKIT_UPGRADE,
                "upgrade the host's toolkit to 1.19.1 or later (it keeps the host's GID) after giving the user video and "
                "the host's render GID in the image; check first with 'jetson-gpu-access plan --toolkit 1.19.1 "
                "--host-gid render=GID'"),
    Alternative(AlternativeKind.START_AS_USER,
                "or start the container as the user (-u USER): the runtime then makes the user the nodes' owner"),
)


ONE_HOST_GID = Alternative(AlternativeKind.HOST_NODE, "give the nodes one GID on the host (udev rules)")


def run_command(engine: Optional[str]) -> str:
    """The engine command a launch line names: the container's own engine, Docker where it is unknown."""
    return "podman run" if engine == "podman" else "docker run"


def group_add_alternative(gid: int, who: str, engine: Optional[str] = None) -> Alternative:
    return Alternative(AlternativeKind.GROUP_ADD, "{} --group-add {} {}".format(run_command(engine), gid, who))


class GroupText:
    """/etc/group as lines, edited the way shadow-utils rewrites it (unchanged lines kept verbatim).

    Every line shadow writes ends in a newline, so a file without a final newline gains one.
    Lookups skip lines whose GID field is not a number, as shadow's and glibc's parsers do.
    """

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        if self.lines and self.lines[-1] == "":
            self.lines.pop()

    def find(self, name: str) -> Optional[int]:
        """The line shadow-utils reads as group ``name`` (the parser apply's checks use too), or None."""
        for i, line in enumerate(self.lines):
            entry = group_entry(line)
            if entry is not None and entry.name == name:
                return i
        return None

    def _entry(self, name: str) -> Tuple[int, GroupEntry]:
        i = self.find(name)
        entry = group_entry(self.lines[i]) if i is not None else None
        if i is None or entry is None:
            raise ValueError("no line of /etc/group is group {!r} to shadow-utils".format(name))
        return i, entry

    def apply(self, action: Action) -> None:
        if action.kind is ActionKind.CREATE_GROUP:
            # shadow keeps NIS compat entries ('+'/'-') at the end: new entries go before them
            at = len(self.lines)
            while at > 0 and self.lines[at - 1][:1] in ("+", "-"):
                at -= 1
            self.lines.insert(at, "{}:x:{}:".format(action.group, action.gid))
        elif action.kind is ActionKind.ADD_MEMBER:
            # the tool writes the whole entry back as putgrent does: '0993' or '+993' become '993'
            i, entry = self._entry(action.group)
            self.lines[i] = GroupEntry(entry.name, entry.password, entry.gid, entry.members + (str(action.user),)).line()
        else:
            i, entry = self._entry(action.group)
            self.lines[i] = GroupEntry(entry.name, entry.password, action.gid, entry.members).line()

    def text(self) -> str:
        return "".join(line + "\n" for line in self.lines)


def replay(group_text: str, actions: Tuple[Action, ...]) -> List[str]:
    """/etc/group after each action, as shadow-utils will write it (what apply checks step by step)."""
    edited = GroupText(group_text)
    out = []
    for action in actions:
        edited.apply(action)
        out.append(edited.text())
    return out


def decode(group_data: bytes) -> str:
    """The one decoding of account-file bytes: UTF-8, other bytes kept (and written back) as they are."""
    return group_data.decode("utf-8", "surrogateescape")


def unified_diff(before: str, after: str) -> str:
    """A unified diff that marks a last line without newline, as diff(1) does."""
    lines = difflib.unified_diff(before.splitlines(True), after.splitlines(True), "a/etc/group", "b/etc/group")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def make_plan(diagnosis: Diagnosis, group_data: bytes) -> Plan:
    """The in-place plan for the diagnosed user, plus image/runtime/entrypoint advice.

    ``group_data`` is /etc/group's bytes as read for the diagnosis: the digest covers the bytes,
    and the text (bytes that are not UTF-8 kept as they are) is what the diff and apply compare.
    """
    facts = diagnosis.facts
    user = facts.user
    if user is None:
        raise ValueError("a plan needs a target user")
    group_text = decode(group_data)
    nodes = {n.path: n for n in facts.devices}
    groups = facts.accounts.groups
    by_gid: Dict[int, Group] = {}
    for group in groups:
        by_gid.setdefault(group.gid, group)
    actions: List[Action] = []
    refusals: List[Refusal] = []
    notes: List[str] = []
    needed: Dict[int, DeviceNode] = {}
    sensitive = sensitive_groups()

    blocking_codes = {code for f in diagnosis.findings if f.code == "DB-001" for code in f.subject.anomalies
                      if code in BLOCKING_ANOMALIES}
    # checklist G1/G3/U2: shadow-utils would write around these, or read the file otherwise than glibc
    blocking = [a.text for a in facts.accounts.anomalies if a.code in blocking_codes] or file_problems("group", group_data)
    # a file read only up to the cap has no exact diff, and apply could not check its steps against one
    cut = ["/etc/group was not read in full ({}): no exact change can be shown for it".format(p.detail)
           for p in facts.partial_reads if p.path == "/etc/group" and p.reason == "truncated"]
    malformed = {a.name: a for a in facts.accounts.anomalies
                 if a.code is AnomalyCode.MALFORMED and a.path == "/etc/group" and a.name}
    needs = {a.path: a.needs for a in diagnosis.nodes}
    login_gids = next((v.groups for v in diagnosis.views if v.kind.value == "login"), ())
    for finding in diagnosis.findings:
        if finding.code in MISSING_NODE_FINDINGS and finding.severity.value == "error":
            refusals.append(Refusal(MISSING_NODE_FINDINGS[finding.code], None,
                                    "the node is not present here, so no group change can help",
                                    (Alternative(AlternativeKind.PROVIDE_NODE, finding.remedy),)))
        if user.uid == 0:
            continue
        for path in finding.subject.paths:
            node = nodes[path]
            if finding.code in UNFIXABLE:
                why, instead = UNFIXABLE[finding.code]
                if finding.code == "DEV-006" and diagnosis.injection is not None and diagnosis.injection.band == "1.18.2":
                    instead = BAND_1182_INSTEAD  # the host's rules are fine: the toolkit dropped the GID
                refusals.append(Refusal(path, node.gid, why.format(path=path, mode=node.mode or 0, needs=needs[path]),
                                        instead))
            elif finding.code == "GRP-002" and node.gid is not None:
                needed.setdefault(node.gid, node)  # the login view lacks the node's GID
            elif finding.code == "SEC-001" and node.gid not in (None, 0, UNMAPPED_GID) and \
                    node.gid not in login_gids:
                # world-writable: the user works through "other". Membership first, so that restoring the
                # mode afterwards cuts nobody off (the mode itself is never changed here).
                needed.setdefault(node.gid, node)
                notes.append("{0} is world-writable: after this plan is applied and 'jetson-gpu-access verify' shows "
                             "{1} opens it through the group, restore the vendor mode (0660) where the node is made "
                             "(L4T's udev rules, or remove the chmod); this tool never changes a node's mode".format(
                                 path, user.name))
            elif finding.code == "SEC-001":
                notes.append("{} is world-writable and {} already holds its group: restore the vendor mode (0660) where "
                             "the node is made; this tool never changes a node's mode".format(path, user.name))
            elif finding.code == "SEC-002":
                notes.append("{} is world-writable because of the toolkit band (1.12 to 1.18.1): an upgrade takes it "
                             "away; prepare with 'jetson-gpu-access plan --toolkit 1.19.1 --host-gid render=GID'".format(path))
            elif finding.code == "GRP-005":
                notes.append("{} opens for a new login but not for the running process {}: log in again or "
                             "restart the container".format(path, facts.process.pid if facts.process else ""))

    if cut and needed:
        refusals.append(Refusal("/etc/group", None, "; ".join(cut), (Alternative(
            AlternativeKind.REPAIR_GROUP_FILE, "find why /etc/group is larger than the {} MiB a real one never reaches, "
            "shrink it, then plan again".format(LARGE_FILE >> 20)),)))
        needed = {}
    elif blocking and needed:  # an edit is needed, and shadow-utils would write around these lines
        refusals.append(Refusal("/etc/group", None, "the account files need repair first: " + "; ".join(blocking),
                                (Alternative(AlternativeKind.REPAIR_GROUP_FILE,
                                             "repair the listed lines (grpck, pwck or by hand), then plan again"),)))
        needed = {}
    elif blocking:  # nothing to change: the repair is DB-001's business, not a reason to refuse
        notes.append("no change is needed, but any later edit of /etc/group waits for a repair: " + "; ".join(blocking))
    edited = GroupText(group_text)
    named: Dict[str, Tuple[int, str]] = {}  # name -> (GID, node) this plan gives it
    node_gids = {n.gid: n.path for n in facts.devices if n.kind is NodeKind.CHAR and n.gid is not None}

    def take(action: Action) -> None:
        actions.append(action)
        edited.apply(action)

    engine = facts.container.engine
    renumbered: Set[int] = set()  # GIDs whose group name the image already has under another GID
    advised: Dict[int, Tuple[str, str]] = {}  # GID -> (the name the plan uses, "new", "exists" or "sensitive")
    for gid, node in sorted(needed.items()):
        owner = by_gid.get(gid)
        expected = role_group(node.role) or "gpu{}".format(gid)
        name = owner.name if owner is not None else expected
        if name in sensitive:
            alternatives = [group_add_alternative(gid, "for the container's main process (logins, su and gosu drop it)", engine),
                            Alternative(AlternativeKind.RENUMBER_IMAGE_GROUP,
                                        "renumber '{}' in the image (groupmod -g NEW {}) so the host's GID is free, "
                                        "then plan again".format(name, name))]
            if facts.container.in_container and node.origin is NodeOrigin.CREATED:
                alternatives.append(Alternative(AlternativeKind.NODE_ACL,
                                                "setfacl -m u:{}:{} {} as root at each container start: the runtime "
                                                "made this node for this container, so the host's node is untouched"
                                                .format(user.name, needs.get(node.path, "rw"), node.path)))
            refusals.append(Refusal(node.path, gid, "GID {} is the sensitive group '{}' here ({}); joining it would "
                                    "grant far more than the GPU".format(gid, name, sensitive[name]), tuple(alternatives)))
            advised[gid] = (name, "sensitive")
            continue
        if not one_group_name(name):  # apply refuses it too; advice with it would name other groups
            refusals.append(Refusal(node.path, gid, "GID {} is named {!r} here, which the account tools and PAM do not "
                                    "read as one group name (usermod -G and group.conf split it at commas, a shell at "
                                    "blanks)".format(gid, name),
                                    (Alternative(AlternativeKind.REPAIR_GROUP_FILE, "rename that group in /etc/group to a "
                                                 "plain name (letters, digits, _ . -), then plan again"),
                                     group_add_alternative(gid, "for the container's main process (logins, su and gosu "
                                                                "drop it)", engine))))
            continue
        if name in malformed:
            refusals.append(Refusal(node.path, gid, "{} is a malformed '{}' entry that shadow-utils keeps and glibc "
                                    "skips, so no edit of '{}' can be predicted".format(malformed[name].text, name, name),
                                    (Alternative(AlternativeKind.REPAIR_GROUP_FILE,
                                                 "repair or remove that line of /etc/group, then plan again"),)))
            continue
        if any(g.name == name for g in groups) and edited.find(name) is None:
            refusals.append(Refusal(node.path, gid, "glibc reads a group '{}' that shadow-utils does not, so no edit of it "
                                    "can be predicted".format(name),
                                    (Alternative(AlternativeKind.REPAIR_GROUP_FILE,
                                                 "repair that line of /etc/group, then plan again"),)))
            continue
        if name in named and named[name][0] != gid:
            refusals.append(Refusal(node.path, gid, "'{}' would need GID {} for {} and GID {} for {}; one name cannot "
                                    "have two GIDs".format(name, named[name][0], named[name][1], gid, node.path),
                                    (ONE_HOST_GID, group_add_alternative(gid, "for processes that never log in again", engine))))
            continue
        if owner is not None:
            why = "{} belongs to GID {}, which is '{}' here".format(node.path, gid, name)
        else:
            same_name = next((g for g in groups if g.name == expected), None)
            if same_name is None:
                take(Action(ActionKind.CREATE_GROUP, expected, gid, None, None,
                            "{} belongs to GID {}, which has no name here".format(node.path, gid),
                            "groupadd -g {} {}".format(gid, expected)))
            elif not facts.container.in_container:
                refusals.append(Refusal(node.path, gid, "group '{}' is GID {} on this host but {} belongs to GID {}; "
                                        "renumbering a host's system group is refused (files keep the old number)"
                                        .format(expected, same_name.gid, node.path, gid),
                                        (Alternative(AlternativeKind.HOST_NODE,
                                                     "find out why the node's GID differs from the host's '{}' group "
                                                     "(udev rules)".format(expected)),)))
                continue
            elif same_name.gid in node_gids:
                refusals.append(Refusal(node.path, gid, "group '{}' is GID {}, which {} needs; renumbering it to {} "
                                        "would take that node away".format(expected, same_name.gid,
                                                                           node_gids[same_name.gid], gid),
                                        (ONE_HOST_GID,
                                         group_add_alternative(gid, "for processes that never log in again", engine))))
                continue
            elif any(u.gid == same_name.gid for u in facts.accounts.users):
                refusals.append(Refusal(node.path, gid, "group '{}' (GID {}) is some user's primary group; "
                                        "renumbering it would change that user".format(expected, same_name.gid),
                                        (Alternative(AlternativeKind.REBUILD_IMAGE, "rebuild the image with '{}' "
                                                     "created as GID {}".format(expected, gid)),)))
                continue
            else:
                renumbered.add(gid)
                take(Action(ActionKind.RENUMBER_GROUP, expected, gid, same_name.gid, None,
                            "group '{}' is GID {} in this container but {} belongs to GID {}".format(
                                expected, same_name.gid, node.path, gid),
                            "groupmod -g {} {}".format(gid, expected)))
            why = "{} belongs to GID {}".format(node.path, gid)
        named[name] = (gid, node.path)
        advised[gid] = (name, "exists" if owner is not None else "renumber" if gid in renumbered else "new")
        if any(g.name == name and user.name in g.members for g in groups):
            continue  # already listed (a renumbered group keeps its members)
        take(Action(ActionKind.ADD_MEMBER, name, gid, None, user.name,
                    why + "; logins get groups from /etc/group", "usermod -a -G {} {}".format(name, user.name)))

    after = edited.text() if actions else group_text
    return Plan(facts.root, user.name, user.uid, facts.container.in_container, digest(group_data),
                tuple(actions), tuple(refusals), tuple(dict.fromkeys(notes)), after, unified_diff(group_text, after),
                _advice([(gid, name, state) for gid, (name, state) in sorted(advised.items())], user.name,
                        facts.container.engine, facts.os_release.id, _session_rebuilds_groups(facts))
                if facts.container.in_container else ())  # container advice only for containers


def _session_rebuilds_groups(facts: Facts) -> bool:
    """Whether the user's session seen here (SSH, or a launcher the privilege-drop table says rebuilds groups)
    takes its groups from /etc/group, so that GIDs given at run time never reach it."""
    process, user = facts.process, facts.user
    if process is None or user is None or process.uid != user.uid:
        return False
    rebuilders = {p["launcher"] for p in data.load("privilege_drops")["paths"] if p["groups"] == "rebuilds" and p["launcher"]}
    return process.ssh or process.launcher in rebuilders


def _advice(needed: List[Tuple[int, str, str]], user: str, engine: Optional[str] = None,
            os_id: Optional[str] = None, session_rebuilds: bool = False) -> Tuple[Advice, ...]:
    """The same memberships as pam_group lines, a docker run line, a Dockerfile fragment and an entrypoint.

    ``needed``: (GID, the name the plan gives it, "new" / "exists" / "renumber" (the image has the name under
    another GID) / "sensitive"). An alternative that
    would fail is left out: no groupadd for a GID the image already uses, no pam_group, image line or
    entrypoint for a sensitive group's GID (the entrypoint refuses it too), no run-time GIDs for a session
    that rebuilds its groups (``session_rebuilds``), and none at all for a user
    whose name those files would split or read as something else (the account tools' one-name rule).
    """
    if not needed or not one_group_name(user):  # advice is pasted into group.conf, a Dockerfile and a shell
        return ()
    joinable = [(gid, name, state) for gid, name, state in needed if state != "sensitive"]
    group_add = " ".join("--group-add {}".format(gid) for gid, _, _ in needed)
    out = []
    if joinable:
        pam = data.load("privilege_drops")["pam_group"]
        grants = "\n".join(pam["group_conf"].format(user=user, group=name) for _, name, _ in joinable)
        through_pam = switch_names(LOSING_GROUPS, pam=True)
        out.append(Advice(AdviceStrategy.PAM_GROUP, "# /etc/security/group.conf\n{}\n# /etc/pam.d/sshd, as its first auth line "
                          "(the same line in /etc/pam.d/ of {} for those paths):\n{}".format(
                              grants, listed(through_pam[1:]), pam["pam_line"]),
                          "grants the groups by name at the PAM paths ({}), not through {} or docker exec; each group "
                          "still needs its /etc/group line with the host's GID (the plan's first action)".format(
                              listed(through_pam), listed(switch_names(LOSING_GROUPS, pam=False), ", "))))
    if not session_rebuilds:  # the session seen would drop them: advice that cannot work for it is not listed
        out.append(Advice(AdviceStrategy.RUNTIME, "{} {} ...".format(run_command(engine), group_add),
                          "numeric GIDs reach the container's main process, but {} rebuild the groups from /etc/group "
                          "(or keep one) and drop them (and podman exec -u does not get them)".format(
                              listed(switch_names(LOSING_GROUPS)))))
    lines = []
    for gid, name, state in joinable:
        if state == "exists":
            lines.append("RUN usermod -a -G {} {}   # GID {} is '{}' in this image\n".format(name, user, gid, name))
        else:
            arg = "{}_GID".format(name.upper().replace("-", "_"))
            # groupadd refuses a name the image already has: that group is renumbered instead
            make = "groupmod" if state == "renumber" else "groupadd"
            lines.append("ARG {0}   # docker build --build-arg {0}=$(stat -c %g NODE) (NODE on the target host)\n"
                         "RUN {3} -g \"${0}\" {1} && usermod -a -G {1} {2}\n".format(arg, name, user, make))
    if lines and os_id == "alpine":  # BusyBox has no groupadd, groupmod or usermod; Alpine's shadow package does
        lines.insert(0, "RUN apk add --no-cache shadow   # groupadd, groupmod and usermod\n")
    if lines:
        out.append(Advice(AdviceStrategy.IMAGE, "".join(lines),
                          "binds the image to hosts whose node GIDs are exactly these; another host needs a rebuild"))
    if len(joinable) == len(needed):
        out.append(Advice(AdviceStrategy.ENTRYPOINT, "jetson-gpu-access entrypoint --print > jga-entrypoint   # copy it into the "
                          "image, then:\nENTRYPOINT [\"/usr/local/bin/jga-entrypoint\"]   # with ENV JGA_USER={}".format(user),
                          "aligns the image's groups with the nodes present at every container start; the container "
                          "must start as root"))
    return tuple(out)
