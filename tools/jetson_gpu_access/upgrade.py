"""Toolkit-upgrade preview: does non-root GPU access in this container survive a new toolkit?

From the diagnosis (the nodes as they are, the band that made them, the user's views) and the
band table (data/toolkit.json), remake each node CUDA needs as the target band will make it, and
decide access for each kind of session with the same rule the diagnosis uses. Logins and
privilege drops that rebuild groups from /etc/group (data/privilege_drops.json: SSH, su, gosu,
supervisord user= ...) share one view; the container's first
process, when it runs as the user, keeps what the runtime gives it. Every band is INFERRED from
the toolkit's code, and the preview says so.
"""

from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Tuple

from . import data, toolkit
from .access import decide
from .diagnose import role_group
from .injection import switch_names
from .model import DeviceNode, Diagnosis, InjectionPath, NodeOrigin, Requirement, View, ViewKind
from .probe.accounts import login_groups
from .record import frozen_record
from .safeio import ID_MAX, decimal, shown


def _login_sessions() -> str:
    """The sessions that share the login view: every switch that rebuilds the groups (data/privilege_drops.json)."""
    return ", ".join(switch_names(("rebuilds",)))


class PreviewError(ValueError):
    """The preview cannot be made (not a toolkit version, no user): a usage error."""


@frozen_record
class NodeAfter:
    path: str
    uid: int
    gid: Optional[int]       # None: the host's GID is not visible here
    mode: int


@frozen_record
class ViewAfter:
    view: str                  # "login" or "main process"
    sessions: str              # the session kinds this view stands for
    survives: Optional[bool]   # None: depends on a host GID not visible here
    denied: Tuple[str, ...]
    unknown: Tuple[str, ...]


@frozen_record
class Preview:
    version: str
    band: str
    certainty: str
    current: Optional[str]
    path: InjectionPath
    nodes: Tuple[NodeAfter, ...]
    views: Tuple[ViewAfter, ...]
    notes: Tuple[str, ...]

    @property
    def survives(self) -> bool:
        return bool(self.views) and all(v.survives is True for v in self.views)


VERDICT = {True: "SURVIVES", False: "BREAKS", None: "CANNOT TELL"}


def parse_host_gids(items: Iterable[str], option: str = "--host-gid") -> Dict[str, int]:
    """``GROUP=GID`` items (the host's GIDs a world-writable band hides) as a mapping; PreviewError
    naming ``option`` and the item for anything else."""
    found: Dict[str, int] = {}
    for item in items:
        name, sep, text = item.strip().partition("=")
        gid = decimal(text.strip(), ID_MAX)
        if not sep or not name.strip() or gid is None:
            raise PreviewError("{} {} is not GROUP=GID with a GID from 0 to {}; read the GID on the host with "
                               "stat -c %g NODE".format(option, shown(item), ID_MAX))
        found[name.strip()] = gid
    return found


def parse_targets(text: str) -> Tuple[str, ...]:
    """Toolkit versions to preview from a comma-separated list; ``all``: every known upgrade target."""
    if text.strip().lower() == "all":
        return toolkit.upgrade_targets()
    versions = tuple(v.strip() for v in text.split(",") if v.strip())
    for version in versions:
        if toolkit.band_for(version) is None:
            raise PreviewError("{!r} is not a toolkit version; give versions such as {}, or all".format(
                version, ", ".join(toolkit.upgrade_targets())))
    return versions


def host_mode(role: str, l4t_major: Optional[int]) -> int:
    for row in data.load("toolkit")["host_modes"]["rows"]:
        if row["role"] in (None, role) and (row["l4t_from"] is None or (l4t_major or 0) >= row["l4t_from"]):
            return int(row["mode"], 8)
    return 0o660


def _host_gid(node: DeviceNode, current: Optional[toolkit.Band], host_gids: Dict[str, int]) -> Optional[int]:
    """The host's GID of ``node``: shown when the current band keeps it, else given or known."""
    if current is not None and current.host_gid and node.gid is not None:
        return node.gid
    group = role_group(node.role) or ""
    known: Dict[str, int] = data.load("toolkit")["host_modes"]["known_gids"]
    return host_gids.get(group, known.get(group))


def preview(diagnosis: Diagnosis, version: str, host_gids: Optional[Dict[str, int]] = None) -> Preview:
    """What ``version`` of the toolkit will do to this container's GPU access, per session kind."""
    target = toolkit.band_for(version)
    if target is None:
        raise PreviewError("--toolkit {!r} is not a toolkit version; give one such as {}".format(
            version, ", ".join(toolkit.upgrade_targets())))
    facts, found = diagnosis.facts, diagnosis.injection
    user = facts.user
    if user is None or found is None:
        raise PreviewError("the preview needs a target user; pass --user NAME (in a runbook: target_user)")
    gids = dict(host_gids or {})
    needed = {a.path for a in diagnosis.nodes if a.requirement is not Requirement.OPTIONAL}
    nodes = [n for n in facts.devices if n.path in needed and n.mode is not None and n.uid is not None]
    needs = {a.path: a.needs for a in diagnosis.nodes}
    notes = ["{} band {}: {} (INFERRED: read from the toolkit's code, not yet seen on hardware)".format(
        version, target.label, target.carries)]
    login = View(ViewKind.LOGIN, user.uid, user.gid, login_groups(facts.accounts, user), "login")
    if found.path is not InjectionPath.CREATED:
        notes.append("the nodes here are {} ({}): a toolkit upgrade does not remake them".format(
            found.path.value, "the host's own" if found.path is not InjectionPath.UNKNOWN else "of unknown origin"))
        kept = [NodeAfter(n.path, n.uid or 0, n.gid, n.mode or 0) for n in nodes]
        return Preview(version, target.id, target.certainty, found.band, found.path, tuple(kept),
                       (_judge("login", _login_sessions(), login, nodes, kept, needs, facts.container.user_namespace),),
                       tuple(notes))
    current = toolkit.band(found.band) if found.band else None
    if current is None:
        notes.append("the band that made these nodes is not settled here ({}); {}".format(
            " or ".join(found.candidates) or "no guarded node", found.host_check or "run the diagnosis on the host"))
    init = facts.runtime.init
    start_uid, start_gid = (init.uid, init.gid) if init is not None else (0, 0)
    after: List[NodeAfter] = []
    for node in nodes:
        if node.role in ("nvidia",):  # OpenRM control nodes are 0666 on the host: every band keeps them open
            after.append(NodeAfter(node.path, node.uid or 0, node.gid, node.mode or 0))
            continue
        mode = node.mode if current is not None and current.host_mode and node.mode is not None else \
            host_mode(node.role, facts.platform.l4t_major)
        gid = _host_gid(node, current, gids)
        made = toolkit.made_node(target, 0, gid if gid is not None else -1, mode, start_uid, start_gid)
        after.append(NodeAfter(node.path, made.uid, None if made.gid == -1 else made.gid, made.mode))
    views = [_judge("login", _login_sessions(), login, nodes, after, needs, False)]
    if init is not None and init.uid == user.uid:
        added = set(toolkit.added_gids(current, tuple(toolkit.MadeNode(n.uid or 0, n.gid or 0, n.mode or 0)
                                                      for n in nodes))) if current else set()
        held = (set(init.groups) - added) | set(login.groups)
        gain = toolkit.added_gids(target, tuple(toolkit.MadeNode(a.uid, a.gid, a.mode) for a in after if a.gid is not None))
        main = View(ViewKind.PROCESS, init.uid, init.gid, tuple(sorted(held | set(gain))), "process 1")
        views.append(_judge("main process", "the container's first process (started with -u {})".format(user.name),
                            main, nodes, after, needs, False))
        if any(a.uid == user.uid for a in after):
            notes.append("the container starts as {0}, so the runtime makes {0} the nodes' owner: the user opens "
                         "them as owner, whatever the groups (observed with Podman and runc)".format(user.name))
    notes.append("{} and -u UID:GID leave the process only its primary group: they fail wherever the login view "
                 "needs a membership".format(", ".join(switch_names(("one-group",)))))
    if target.additional_gids:
        notes.append("the added GIDs reach only the first process; docker exec under --runtime nvidia does not get "
                     "them (INFERRED, fact sheet A.3)")
    return Preview(version, target.id, target.certainty, found.band, found.path, tuple(after), tuple(views), tuple(notes))


def _judge(name: str, sessions: str, view: View, nodes: List[DeviceNode], after: List[NodeAfter],
           needs: Dict[str, str], user_namespace: bool) -> ViewAfter:
    denied, unknown = [], []
    for node, made in zip(nodes, after):
        remade = DeviceNode(node.path, node.role, node.kind, node.major, node.minor, made.uid,
                            made.gid if made.gid is not None else -1, None, made.mode,
                            node.acl if node.origin is not NodeOrigin.CREATED else (), None, False, node.origin)
        decision = decide(remade, view, needs[node.path], user_namespace)
        if decision.granted:
            continue
        if made.gid is None and (made.mode >> 3) & 7:
            unknown.append(node.path)  # the group bits might grant it, for a GID not visible here
        else:
            denied.append(node.path)
    survives: Optional[bool] = False if denied else (None if unknown else True)
    return ViewAfter(name, sessions, survives, tuple(denied), tuple(unknown))


def render(result: Preview) -> str:
    word = VERDICT
    out = ["Toolkit upgrade preview: {} (band {}, {}); now: band {}, nodes {}".format(
        result.version, result.band, result.certainty, result.current or "not settled", result.path.value), ""]
    out += ["  {:<42} {}".format(n.path, "{:04o} {}:{}".format(n.mode, n.uid, "?" if n.gid is None else n.gid))
            for n in result.nodes]
    out.append("")
    for view in result.views:
        out.append("{:<12} {}  ({})".format(view.view, word[view.survives], view.sessions))
        if view.denied:
            out.append("    denied: " + ", ".join(view.denied))
        if view.unknown:
            out.append("    depends on the host's GID of: {} (pass --host-gid GROUP=GID; read it on the host with "
                       "stat -c %g NODE)".format(", ".join(view.unknown)))
    out += [""] + ["note: " + n for n in result.notes]
    return "\n".join(out) + "\n"
