"""How the GPU reached this root, which toolkit band made the nodes, and the launch anti-patterns.

Pure, like :mod:`diagnose`: a function of the facts. The path comes from the mount table and the
capability set (fact sheet A.2's paths), the band from dpkg on a host or from what the nodes, the
CDI specs and the container's first process show inside one (A.2's bands, data/toolkit.json). A
band read from inside a container is a prediction (INFERRED): where the evidence allows several,
the result says so and names the command that settles it on the host.
"""

from __future__ import annotations

from . import data, toolkit
from .model import (
    LEGACY_MODE,
    DeviceNode,
    DriverStack,
    Facts,
    Injection,
    InjectionPath,
    NodeKind,
    NodeOrigin,
    ProcessInfo,
    ViewKind,
    open_to_all,
)
from .probe.accounts import login_groups

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Any, Dict, List, Optional, Sequence, Set, Tuple

    from .diagnose import _Findings

# roles whose host node is guarded by the video or render group (the nodes a band changes)
GUARDED_ROLES = ("nvmap", "render", "nvgpu", "nvhost-gpu", "host1x-fence")
TOOLKIT_PACKAGES = ("nvidia-container-toolkit", "nvidia-container-toolkit-base")
HOST_CHECK = ("dpkg -l nvidia-container-toolkit; grep -n mode /etc/nvidia-container-runtime/config.toml; "
              "stat -c '%a %u:%g %n' /dev/nvmap /dev/dri/renderD*")


GROUP_RULES = {
    "rebuilds": "rebuilds the groups from /etc/group: runtime-only GIDs (--group-add, the toolkit's) are lost",
    "keeps": "keeps the caller's groups",
    "one-group": "keeps only the one group named (with none named, the primary group)",
}
# The switches whose groups lose the runtime-only GIDs, and every switch.
LOSING_GROUPS = ("rebuilds", "one-group")
ANY_GROUPS = ("rebuilds", "one-group", "keeps")


def drop_path(launcher: Optional[str]) -> Optional[Dict[str, Any]]:
    """The row of data/privilege_drops.json whose process stays in the tree as ``launcher``."""
    if not launcher:
        return None
    row: Optional[Dict[str, Any]] = next((r for r in data.load("privilege_drops")["paths"] if r["launcher"] == launcher), None)
    return row


def switch_names(groups: Sequence[str], pam: Optional[bool] = None) -> List[str]:
    """The switches of data/privilege_drops.json that leave ``groups`` (through PAM or not, or either), as a user names
    them: the tool, or the form where another form of the same tool leaves other groups (setpriv --init-groups)."""
    rows = data.load("privilege_drops")["paths"]
    chosen = [r for r in rows if r["groups"] in groups and pam in (None, r["pam"])]
    split = {r["label"].split()[0] for r in rows if r["groups"] not in groups}
    return list(dict.fromkeys(r["label"].split(" (")[0] if r["label"].split()[0] in split else r["label"].split()[0]
                              for r in chosen))


def guarded_nodes(facts: Facts) -> List[DeviceNode]:
    return [n for n in facts.devices if n.kind is NodeKind.CHAR and n.role in GUARDED_ROLES and n.mode is not None]


def driver_stack(facts: Facts) -> Tuple[DriverStack, str]:
    """nvgpu or OpenRM, from the nodes present, the SoC, or the L4T release (fact sheet A.5)."""
    paths = [n.path for n in facts.devices if n.kind is NodeKind.CHAR]
    plat = facts.platform
    nvgpu = [p for p in paths if p.startswith("/dev/nvgpu/") or p.startswith("/dev/nvhost-ctrl-gpu")]
    if nvgpu:
        return DriverStack.NVGPU, "nvgpu nodes present ({})".format(nvgpu[0])
    if plat.soc == "tegra264":
        return DriverStack.OPENRM, "SoC tegra264 (Thor) uses OpenRM"
    if plat.is_jetson and "/dev/nvidiactl" in paths:
        return DriverStack.OPENRM, "/dev/nvidiactl on a Jetson: the OpenRM driver (Thor)"
    major = plat.l4t_major
    if plat.is_jetson and major is not None and major <= 36:
        return DriverStack.NVGPU, "L4T R{} ships only nvgpu".format(major)
    return DriverStack.UNKNOWN, "no nvgpu or OpenRM node seen"


def started_owner_nodes(facts: Facts) -> Tuple[str, ...]:
    """Nodes the runtime made and gave to a non-root user: since toolkit 1.12 a device edit carries
    no owner, so runc makes the user the container starts as (``-u``) the owner (fact sheet A.2,
    observed with Podman and runc). No other path gives a created node a non-root owner."""
    if not facts.container.in_container:
        return ()
    return tuple(n.path for n in facts.devices if n.kind is NodeKind.CHAR and n.origin is NodeOrigin.CREATED
                 and n.uid not in (None, 0))


def starting_gid_nodes(facts: Facts) -> Tuple[str, ...]:
    """Of :func:`started_owner_nodes`, those whose GID is the owner's primary GID (bands before 1.19.0
    carry no GID either): that group says nothing about the host's groups."""
    primary = {u.uid: u.gid for u in facts.accounts.users}
    init = facts.runtime.init
    if init is not None:
        primary.setdefault(init.uid, init.gid)
    owned = set(started_owner_nodes(facts))
    return tuple(n.path for n in facts.devices if n.path in owned and n.uid is not None and n.gid == primary.get(n.uid))


def _path(facts: Facts) -> Tuple[InjectionPath, List[str]]:
    ctr, run = facts.container, facts.runtime
    if not ctr.in_container:
        return InjectionPath.HOST, ["no container signals"]
    evidence = []
    if run.all_capabilities:
        evidence.append("the capability bounding set is full (CapBnd {:x}, cap_last_cap {}): --privileged".format(
            run.cap_bounding or 0, run.cap_last))
    if run.host_only_devices:
        evidence.append("host devices no default container has: " + ", ".join(run.host_only_devices))
    if ctr.dev_filesystem == "devtmpfs":
        return InjectionPath.HOST_DEV, evidence + ["/dev is a devtmpfs: the host's /dev is mounted in (-v /dev:/dev)"]
    if run.all_capabilities:
        return InjectionPath.PRIVILEGED, evidence
    bound = [n.path for n in facts.devices if n.origin is NodeOrigin.BIND_MOUNTED]
    if bound:
        return InjectionPath.BIND_MOUNTED, evidence + ["bind-mounted host nodes: " + ", ".join(bound)]
    if ctr.dev_filesystem == "tmpfs":
        return InjectionPath.CREATED, evidence + ["/dev is a tmpfs: the runtime created the nodes"]
    return InjectionPath.UNKNOWN, evidence + ["/dev's file system is {}".format(ctr.dev_filesystem or "not shown")]


def _host_band(facts: Facts) -> Tuple[Optional[str], List[str]]:
    for package in facts.packages:
        if package.name in TOOLKIT_PACKAGES:
            band = toolkit.band_for(package.version)
            return (band.id if band else None), ["{} {} (dpkg status)".format(package.name, package.version)]
    return None, ["no nvidia-container-toolkit in dpkg status"]


def _added_gids_seen(facts: Facts, nodes: Sequence[DeviceNode]) -> List[str]:
    """Evidence that the runtime added node GIDs to the first process (toolkit >= 1.19.1)."""
    evidence = ["{} lists additionalGids {}".format(s.path, ", ".join(map(str, s.additional_gids)))
                for s in facts.runtime.cdi_specs if s.additional_gids]
    init = facts.runtime.init
    node_gids = {n.gid for n in nodes if n.gid}
    if init is not None and node_gids and node_gids <= set(init.groups) | {init.gid}:
        user = next((u for u in facts.accounts.users if u.uid == init.uid), None)
        listed = set(login_groups(facts.accounts, user)) if user is not None else {init.gid}
        if node_gids - listed:
            evidence.append("process 1 holds every node GID ({}), {} of them not from /etc/group: the toolkit adds "
                            "them all (a --group-add would have to list each)".format(
                                ", ".join(map(str, sorted(node_gids))), ", ".join(map(str, sorted(node_gids - listed)))))
    return evidence


def _container_band(facts: Facts) -> Tuple[Tuple[str, ...], List[str]]:
    """The bands the created nodes allow, with the evidence. Each node is read on its own: a GID other than
    the starting process's was carried from the host (1.19.0 on, 1.11 and older, or a node passed with
    --device, whatever the version); without one, runc's 0666 is a path-only edit (1.12 to 1.18.1) and a
    host mode is 1.18.2's, unless the host's own node grants no group, which every band since 1.18.2 copies."""
    nodes = guarded_nodes(facts)
    if not nodes:
        return (), ["no video- or render-guarded GPU node to read the band from"]
    init = facts.runtime.init
    start_gid = init.gid if init is not None else 0
    own = set(starting_gid_nodes(facts))  # a -u user's node carries that user's own GID: no host's
    carried = [n for n in nodes if n.gid not in (0, start_gid) and n.path not in own]
    path_only = [n for n in nodes if n not in carried and (n.mode or 0) & 0o666 == 0o666]
    host_mode = [n for n in nodes if n not in carried and n not in path_only]
    passed = ["the host's mode and GID on {}: a node passed with --device, which copies the host's node whatever the "
              "toolkit".format(_shown(carried))] if carried else []
    if path_only and not host_mode:
        return ("1.12-1.18.1",), ["the toolkit's nodes are world-writable and carry no host GID in a runtime-made /dev "
                                  "({}): runc's default 0666 for a path-only device edit".format(_shown(path_only))] + passed
    if host_mode and not carried:
        spec_modes = [s.path for s in facts.runtime.cdi_specs if any(n.mode is not None or n.gid is not None for n in s.nodes)]
        filled = ["{} sets fileMode/gid (CDI 1.1.0)".format(p) for p in spec_modes]
        if not any((n.mode or 0) & 0o070 for n in host_mode):
            return ("1.18.2", "1.19.0", "1.19.1+"), [
                "the nodes grant no group ({}): every band from 1.18.2 copies the host's mode, so the host's own "
                "nodes admit only their owner; the host's udev rules decide, not the toolkit".format(_shown(host_mode))] + filled
        return ("1.18.2",), ["the nodes keep a host mode but not a host GID ({})".format(_shown(host_mode))] + filled
    major = facts.platform.l4t_major
    if major is not None and major <= 35:
        return ("1.11",), ["host mode and GID ({}) on L4T R{}".format(_shown(nodes), major)]
    evidence = ["the nodes keep the host's mode and GID ({}); --device gives the same".format(_shown(carried))]
    evidence += ["the host's own nodes are world-writable (a chmod or a udev MODE): the toolkit copies that mode"] if all(
        (n.mode or 0) & 0o666 == 0o666 for n in carried) else []
    # JetPack 5's list has no /dev/dri: host-mode nodes without one may be 1.11 where the release is unknown
    older = ("1.11",) if major is None and not any(n.path.startswith("/dev/dri/") for n in nodes) else ()
    added = _added_gids_seen(facts, nodes)
    if added:
        return ("1.19.1+",), evidence + added
    return older + ("1.19.0", "1.19.1+"), evidence + [
        "no sign that the toolkit added GIDs (no CDI additionalGids; process 1 {})".format(
            "does not hold every node GID" if facts.runtime.init is not None else "not readable")]


def _shown(nodes: Sequence[DeviceNode]) -> str:
    return ", ".join("{} {:04o} {}:{}".format(n.path, n.mode or 0, n.uid, n.gid) for n in nodes[:4])


def infer(facts: Facts) -> Injection:
    path, evidence = _path(facts)
    driver, driver_why = driver_stack(facts)
    if facts.runtime.toolkit_mode:
        evidence.append("config.toml mode = {}".format(facts.runtime.toolkit_mode))
    for spec in facts.runtime.cdi_specs:
        filled = any(n.mode is not None or n.gid is not None for n in spec.nodes)
        evidence.append("CDI spec {}: {} device node(s), {}{}".format(
            spec.path, len(spec.nodes), "fileMode/gid set (written by toolkit 1.18.2 or later)" if filled else "paths only",
            "; additionalGids " + ", ".join(map(str, spec.additional_gids)) if spec.additional_gids else ""))
    if path is InjectionPath.HOST and facts.runtime.toolkit_mode == "legacy":
        return Injection(path, None, (), driver, None, tuple(evidence + [LEGACY_MODE, driver_why]), "", "")
    if path is InjectionPath.HOST:
        band, more = _host_band(facts)
        return Injection(path, band, (band,) if band else (), driver, None, tuple(evidence + more + [driver_why]),
                         toolkit.band(band).certainty if band else "", "")
    if path is InjectionPath.CREATED:
        candidates, more = _container_band(facts)
    elif path is InjectionPath.PRIVILEGED:
        row = toolkit.path_row(path.value)
        candidates, more = (), ["{}: {} ({})".format(row["label"], row["carries"], row["certainty"])]
    else:
        candidates, more = (), ["the nodes are the host's own ({}): every toolkit version gives the same".format(
            toolkit.path_row(path.value)["label"] if path is not InjectionPath.UNKNOWN else "path unknown")]
    band = candidates[0] if len(candidates) == 1 else None
    certainty = toolkit.band(band).certainty if band else ""
    check = "" if band or path is not InjectionPath.CREATED else "cannot tell from inside; run on the host: " + HOST_CHECK
    return Injection(path, band, candidates, driver, facts.container.engine, tuple(evidence + more + [driver_why]),
                     certainty, check)


# --- findings --------------------------------------------------------------------------------


def _mode(node: DeviceNode) -> str:
    return "{:04o}".format(node.mode or 0)


def _launch_process(facts: Facts) -> Optional[ProcessInfo]:
    """The container process of the target user that the engine started (not an SSH session)."""
    user = facts.user
    if user is None or not facts.container.in_container:
        return None
    for process in (facts.runtime.init, facts.process):
        if process is not None and process.uid == user.uid and not process.ssh:
            return process
    return None


def add_findings(facts: Facts, injection: Injection, out: _Findings) -> None:
    """World-writable nodes, --privileged, /dev:/dev, the docker group, numeric uid:gid, unseen sessions."""
    user = facts.user
    world = [n for n in guarded_nodes(facts) if open_to_all(n.mode)]
    for node in world:
        line = "{} {} {}:{}".format(node.path, _mode(node), node.uid, node.gid)
        if injection.path is InjectionPath.CREATED and injection.band == "1.12-1.18.1":
            out.add("SEC-002", [line, "toolkit band 1.12-1.18.1 (INFERRED): " + toolkit.band(injection.band).carries],
                    path=node.path, mode=_mode(node))
        elif node.origin is not NodeOrigin.CREATED or injection.path is not InjectionPath.CREATED:
            out.add("SEC-001", [line, "the node is the host's ({})".format(node.origin.value)], path=node.path,
                    mode=_mode(node))
        else:
            out.add("SEC-001", [line], path=node.path, mode=_mode(node))
    if injection.band == "1.18.2":
        zero = [n.path for n in guarded_nodes(facts) if n.gid == 0 and n.path not in started_owner_nodes(facts)]
        if zero:
            out.add("TKT-003", [e for e in injection.evidence if "host GID" in e], paths=", ".join(zero[:3]) +
                    (" and {} more".format(len(zero) - 3) if len(zero) > 3 else ""))
    owned = started_owner_nodes(facts)
    nodes = {n.path: n for n in facts.devices}
    for uid in sorted({nodes[p].uid or 0 for p in owned}):
        paths = [p for p in owned if nodes[p].uid == uid]
        out.add("LNC-002", ["{} is owned by UID {} in a runtime-made /dev".format(p, uid) for p in paths], uid=uid,
                paths=", ".join(paths[:3]) + (" and {} more".format(len(paths) - 3) if len(paths) > 3 else ""))
    if facts.runtime.all_capabilities and facts.container.in_container:
        out.add("SEC-003", [e for e in injection.evidence if "CapBnd" in e or "host devices" in e])
    if injection.path is InjectionPath.HOST_DEV:
        out.add("SEC-004", [e for e in injection.evidence if "devtmpfs" in e or "host devices" in e])
    if user is not None:
        docker = [g for g in facts.accounts.groups if g.name == "docker" and (user.name in g.members or g.gid == user.gid)]
        if docker:
            out.add("SEC-005", ["/etc/group: docker:{}:{}".format(docker[0].gid, ",".join(docker[0].members))],
                    user=user.name, gid=docker[0].gid)
        _launch_findings(facts, out)
    drop = drop_path(facts.process.launcher) if facts.process is not None else None
    if facts.process is not None and drop is not None and not (drop["id"] == "sshd" and facts.process.ssh):
        # an SSH session is already named as one in the process view; other switches are named here
        out.add("DRP-001", ["process {} descends from {}".format(facts.process.pid, facts.process.launcher)],
                kinds=[ViewKind.PROCESS], pid=facts.process.pid, label=drop["label"], groups=GROUP_RULES[drop["groups"]],
                fix=drop["remedy"])
    for switch in facts.runtime.entrypoint:
        row = next((r for r in data.load("privilege_drops")["paths"] if r["id"] == switch.tool), None)
        if row is not None:
            out.add("DRP-002", ["{}:{}: {}".format(switch.path, switch.line, switch.text)], path=switch.path,
                    label=row["label"], groups=GROUP_RULES[row["groups"]], fix=row["remedy"])
    if facts.process is None and facts.sessions:
        listed = ["process {} ({}): groups {}".format(p.pid, "SSH session" if p.ssh else "exec or service",
                                                       " ".join(map(str, p.groups)) or "none") for p in facts.sessions]
        out.add("SES-001", listed, user=user.name if user else "?", pids=", ".join(p.pid for p in facts.sessions[:8]),
                first=facts.sessions[0].pid)


def membership_free_process(facts: Facts) -> Optional[ProcessInfo]:
    """The user's engine-started process when it holds none of the user's /etc/group memberships:
    the mark of ``-u UID:GID`` (or a ``user:group`` privilege drop), which sets exactly one group."""
    user = facts.user
    process = _launch_process(facts)
    if user is None or process is None:
        return None
    memberships: Set[int] = set(login_groups(facts.accounts, user)) - {user.gid}
    held = set(process.groups) | {process.gid}
    return process if memberships and not memberships & held else None


def _launch_findings(facts: Facts, out: _Findings) -> None:
    user = facts.user
    process = _launch_process(facts)
    if user is None or process is None:
        return
    stripped = membership_free_process(facts)
    if stripped is not None:
        memberships = sorted(set(login_groups(facts.accounts, user)) - {user.gid})
        out.add("LNC-001", ["process {} runs as {}:{} with groups {}".format(
            stripped.pid, stripped.uid, stripped.gid, " ".join(map(str, stripped.groups)) or "none"),
            "/etc/group gives {} the GIDs {}".format(user.name, " ".join(map(str, memberships)))],
            kinds=[ViewKind.PROCESS], user=user.name, uid=stripped.uid, gid=stripped.gid)
    extra = sorted((set(process.groups) | {process.gid}) - set(login_groups(facts.accounts, user)))
    if facts.container.engine == "podman" and extra:
        out.add("ENG-001", ["process {} holds GIDs {} that /etc/group does not give {}".format(
            process.pid, " ".join(map(str, extra)), user.name)], user=user.name, gids=" ".join(map(str, extra)))
