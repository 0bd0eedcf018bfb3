"""Judge the facts: who can open which node in which view, why, and what to do about it.

Pure: a function of :class:`~jetson_gpu_access.model.Facts` only, so every scenario is a unit
test. Each node is decided for both views of the target user (login and process), then findings
name causes (group database, node ownership, runtime) and consequences (the CUDA error to expect),
with wording and remedies from data/findings.json.
"""

from __future__ import annotations

from . import data
from .access import WRITE, decide, wanted
from .injection import add_findings as add_injection_findings
from .injection import infer as infer_injection
from .injection import membership_free_process, starting_gid_nodes
from .model import (
    PLACEHOLDER_GID,
    AnomalyCode,
    Decision,
    DeviceNode,
    Diagnosis,
    Facts,
    Finding,
    NodeAssessment,
    NodeKind,
    Requirement,
    Rule,
    Severity,
    Subject,
    Verdict,
    View,
    ViewKind,
)
from .probe.accounts import login_groups
from .probe.acl import render as render_acl
from .probe.dpkg import upstream_version

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Any, Dict, List, Optional, Sequence, Tuple

DOCS_PAGE = "reference/findings.md"
ACCOUNT_FILES = ("/etc/passwd", "/etc/group")
TOOLKIT_FIXED_CVES = (1, 17, 8)
TOOLKIT_ADDS_GIDS = (1, 19, 1)
_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


NO_SUBJECT = Subject((), (), (), (), ())
# the fields of a finding's text that name its subject: node paths, GIDs and group names
_GID_FIELDS = ("gid", "local_gid", "group")
_GROUP_FIELDS = ("name", "expected")


def make_finding(code: str, evidence: List[str], severity: Optional[Severity] = None, subject: Subject = NO_SUBJECT,
                 host: bool = False, **fields: Any) -> Finding:
    """A finding from the catalogue, its title and remedy filled from ``fields``; on a host (not in a
    container) the entry's ``remedy_host`` where it has one, so a host is never told to change an image."""
    entry = data.load("findings")["findings"][code]
    variant = fields.pop("variant", None)  # a case the catalogue words apart (e.g. GRP-001's "opened")
    if variant is not None:
        remedy = entry["remedy_" + variant]
    else:
        remedy = entry["remedy_host"] if host and "remedy_host" in entry else entry["remedy"]
    return Finding(
        code=code,
        severity=severity or Severity(entry["severity"]),
        title=entry["title"].format(**fields),
        evidence=tuple(evidence),
        remedy=remedy.format(**fields),
        docs="{}#{}".format(DOCS_PAGE, code.lower()),
        certainty=entry["certainty"],
        subject=subject,
    )


def requirement_for(role: str, facts: Facts) -> Tuple[Requirement, str]:
    """How much CUDA needs ``role`` on this platform and release, and the access it needs."""
    return requirement(role, facts.platform.is_jetson, facts.platform.l4t_major)


def requirement(role: str, is_jetson: bool, major: Optional[int]) -> Tuple[Requirement, str]:
    """The first rule of ``role`` in data/devices.json that matches the platform and L4T major."""
    platform = "jetson" if is_jetson else "other"
    for entry in data.load("devices")["roles"]:
        if entry["role"] != role:
            continue
        for rule in entry["rules"]:
            if rule["platform"] not in (None, platform):
                continue
            span = rule["l4t"]
            if span is None or (major is not None and span[0] <= major <= span[1]):
                return Requirement(rule["requirement"]), rule["access"]
    return Requirement.OPTIONAL, "rw"


def role_group(role: str) -> Optional[str]:
    """The group name a role's nodes normally belong to on a host (video, render...)."""
    return next((r["group"] for r in data.load("devices")["roles"] if r["role"] == role), None)


def build_views(facts: Facts) -> Tuple[View, ...]:
    user = facts.user
    if user is None:
        return ()
    views = [View(ViewKind.LOGIN, user.uid, user.gid, login_groups(facts.accounts, user),
                  "initgroups({}) from /etc/group".format(user.name))]
    process = facts.process
    if process is not None:
        kind = "an SSH session" if process.ssh else "a running process"
        if process.launcher:
            kind += " started through " + process.launcher
        held = tuple(sorted(set(process.groups) | {process.gid}))
        views.append(View(ViewKind.PROCESS, process.uid, process.gid, held,
                          "process {} ({})".format(process.pid, kind)))
    return tuple(views)


def _group_desc(node: DeviceNode) -> str:
    gid = node.gid or 0  # pragma: no mutate (0 and 1 are both real GIDs, far below the placeholders)
    if node.group_name and gid >= PLACEHOLDER_GID:
        return "{} (GID not shown)".format(node.group_name)
    if node.group_name:
        return "{} (GID {})".format(node.group_name, node.gid)
    return "GID {} (no name here)".format(node.gid)


def _mode(node: DeviceNode) -> str:
    return "{:04o}".format(node.mode or 0)


class _Findings:
    """Collects findings; the same code raised for several nodes becomes one finding.

    Entries whose fields differ only in ``path`` or ``views`` are merged, their paths and views
    joined and their evidence concatenated, so a Yocto image with ten 0600 nodes gets one
    finding listing ten nodes rather than ten findings.
    """

    MERGED = ("path", "views")

    def __init__(self, host: bool = False) -> None:
        self.host = host
        self.pending: Dict[Tuple[Any, ...], Tuple[str, Optional[Severity], Dict[str, List[str]], List[str], Dict[str, Any],
                                                  List[ViewKind], Tuple[AnomalyCode, ...]]] = {}

    def add(self, code: str, evidence: List[str], severity: Optional[Severity] = None, kinds: Sequence[ViewKind] = (),
            anomalies: Sequence[AnomalyCode] = (), **fields: Any) -> None:
        """``kinds``: the views the finding is about (typed); ``fields`` fill the catalogue's text."""
        fixed = {k: v for k, v in fields.items() if k not in self.MERGED}
        key = (code, severity, tuple(sorted((k, str(v)) for k, v in fixed.items())))
        if key not in self.pending:
            self.pending[key] = (code, severity, {k: [] for k in self.MERGED if k in fields}, [], fixed, [],
                                 tuple(dict.fromkeys(anomalies)))
        _, _, merged, lines, _, views, _ = self.pending[key]
        for name, values in merged.items():
            if fields[name] not in values:
                values.append(fields[name])
        views.extend(k for k in kinds if k not in views)
        lines.extend(line for line in evidence if line not in lines)

    def sorted(self) -> Tuple[Finding, ...]:
        findings = [
            make_finding(code, lines, severity, _subject(merged, fixed, views, anomalies), self.host,
                         **dict(fixed, **{k: listed(v) for k, v in merged.items()}))
            for code, severity, merged, lines, fixed, views, anomalies in self.pending.values()
        ]
        return tuple(sorted(findings, key=lambda f: (_SEVERITY_ORDER[f.severity], f.code)))


def _subject(merged: Dict[str, List[str]], fixed: Dict[str, Any], views: List[ViewKind],
             anomalies: Tuple[AnomalyCode, ...]) -> Subject:
    gids = tuple(fixed[k] for k in _GID_FIELDS if isinstance(fixed.get(k), int) and not isinstance(fixed[k], bool))
    groups = tuple(fixed[k] for k in _GROUP_FIELDS if isinstance(fixed.get(k), str))
    return Subject(tuple(merged.get("path", ())), gids, groups, tuple(views), anomalies)


def listed(values: List[str], last: str = " and ") -> str:
    """``values`` as a sentence lists them ("a, b and c"; ``last`` joins the final pair)."""
    return ", ".join(values[:-1]) + last + values[-1] if len(values) > 1 else "".join(values)


def _node_line(node: DeviceNode) -> str:
    acl = " acl " + ",".join(_acl_text(node)) if node.acl else ""
    return "{} {} {}:{} ({}){}".format(node.path, _mode(node), node.uid, node.gid, node.group_name or "no name", acl)


def _acl_text(node: DeviceNode) -> List[str]:
    return [render_acl(e) for e in node.acl if e.tag in ("user", "group", "mask")]


def _decision_line(decision: Decision) -> str:
    verdict = "granted" if decision.granted else "denied"
    return "{} view: {} ({})".format(decision.view.value, verdict, decision.detail)


def _platform_findings(facts: Facts, out: _Findings) -> None:
    plat = facts.platform
    if not plat.is_jetson:
        found = ", ".join(n.path for n in facts.devices) or "no GPU device nodes"
        out.add("PLT-001", ["model: {}".format(plat.model or "none"), "found: {}".format(found)])
        return
    if plat.l4t is None:
        evidence = ["Jetson signals: " + ", ".join(plat.jetson_signals)]
        if plat.release is not None:
            evidence.append("unparsed release line: " + plat.release.first_line)
        out.add("PLT-002", evidence)


def _account_findings(facts: Facts, out: _Findings) -> None:
    if facts.user is not None and facts.user.uid == 0:
        out.add("USR-001", ["target user {} has uid 0 ({})".format(facts.user.name, facts.user_source)])
    if facts.accounts.anomalies:
        out.add("DB-001", [a.text for a in facts.accounts.anomalies],
                anomalies=[a.code for a in facts.accounts.anomalies])


def _input_findings(facts: Facts, out: _Findings) -> None:
    """Inputs cut at the reader's cap or unreadable: an account file among them makes every
    login-view decision uncertain, so that is an error; anything else a warning."""
    partial = facts.partial_reads
    if not partial:
        return
    accounts = any(p.path in ACCOUNT_FILES for p in partial)
    out.add("INP-001", ["{}: {} ({})".format(p.path, p.reason, p.detail) for p in partial],
            Severity.ERROR if accounts else None, paths=", ".join(p.path for p in partial))


def _toolkit_findings(facts: Facts, out: _Findings) -> None:
    for package in facts.packages:
        if package.name not in ("nvidia-container-toolkit", "nvidia-container-toolkit-base"):
            continue
        version = upstream_version(package.version)
        if version is None:
            continue
        evidence = ["{} {} (dpkg status)".format(package.name, package.version)]
        if version < TOOLKIT_FIXED_CVES:
            out.add("TKT-001", evidence, version=package.version)
        elif version >= TOOLKIT_ADDS_GIDS:
            out.add("TKT-002", evidence, version=package.version)
        return


def _missing_findings(facts: Facts, out: _Findings) -> None:
    if not facts.platform.is_jetson:
        return
    roles = {n.role for n in facts.devices if n.kind is NodeKind.CHAR}
    if "nvmap" not in roles:
        out.add("DEV-002", ["no character device at /dev/nvmap"])
    requirement, _ = requirement_for("render", facts)
    if "render" not in roles and requirement is not Requirement.OPTIONAL:
        evidence = ["no character device matches /dev/dri/renderD*"]
        if requirement is Requirement.USED:  # release unknown: a warning, not the catalogue's error
            out.add("DEV-001", evidence + ["L4T release unknown: this matters if the host runs JetPack 6 (L4T R36) or later"],
                    Severity.WARNING)
        else:
            out.add("DEV-001", evidence)


def _node_findings(facts: Facts, node: DeviceNode, assessment: NodeAssessment, views: Tuple[View, ...], out: _Findings) -> None:
    user = facts.user
    if user is None:
        return
    if node.kind is not NodeKind.CHAR:
        out.add("DEV-004", [_node_line(node)], path=node.path, kind=node.kind.value)
        return
    if node.nodev:
        out.add("DEV-003", [_node_line(node)], path=node.path)
        return
    evidence = [_node_line(node)] + [_decision_line(d) for d in assessment.decisions]
    denied = [d for d in assessment.decisions if not d.granted]
    by_view = {d.view: d for d in assessment.decisions}
    want = wanted(assessment.needs)

    for decision in assessment.decisions:
        if decision.granted and decision.rule is Rule.ACL_USER:
            out.add("ACC-001", evidence, kinds=[decision.view], path=node.path, uid=_decision_uid(views, decision.view))
        if decision.granted and want & WRITE == 0 and not decision.write:
            out.add("ACC-005", evidence, kinds=[decision.view], path=node.path, user=user.name,
                    views=decision.view.value + " view", mode=_mode(node))

    # A name problem of the node's group asks for a change only when the login view needs the group:
    # a user who opens the node anyway (root, owner, other, a user ACL) gets a note, so that a finding
    # never asks for the change a plan for that user rightly leaves out.
    login = by_view.get(ViewKind.LOGIN)
    opened: Dict[str, Any] = {}
    if login is not None and login.granted:
        opened = {"severity": Severity.INFO, "user": user.name, "rule": login.rule.value, "variant": "opened"}
    if node.path in starting_gid_nodes(facts):
        pass  # the runtime gave the node to the starting user: its GID is that user's, not the host's
    elif node.group_name is None and node.gid not in (0, 65534):
        out.add("GRP-001", [_node_line(node)] + ([_decision_line(login)] if opened and login else []), gid=node.gid,
                path=node.path, **opened)
    expected = role_group(node.role)
    if expected and node.gid not in (0, 65534) and node.group_name != expected and \
            node.path not in starting_gid_nodes(facts):
        local = [g.gid for g in facts.accounts.groups if g.name == expected and g.gid != node.gid]
        if local:
            out.add("GRP-003", evidence, name=expected, local_gid=local[0], path=node.path, gid=node.gid, **opened)
        if node.group_name is not None:  # by the colliding group itself: that membership is the problem
            joined = login is not None and login.rule in (Rule.GROUP, Rule.ACL_GROUP)
            out.add("GRP-006", evidence, gid=node.gid, path=node.path, name=node.group_name, expected=expected,
                    **({} if joined else opened))

    if not denied:
        return
    consequence = {"nvmap": "ACC-002", "render": "ACC-003"}.get(node.role, "ACC-004")
    out.add(consequence, evidence, kinds=[d.view for d in denied], path=node.path, user=user.name,
            group_desc=_group_desc(node), views=" and ".join(d.view.value + " view" for d in denied))

    mode = node.mode or 0  # pragma: no mutate (0 and 1 have the same group bits)
    group_bits = (mode >> 3) & 7
    if node.gid == 65534:
        out.add("DEV-007", evidence, path=node.path)
        return
    if any(d.rule is Rule.OWNER for d in denied):  # the owner class is checked first and alone
        out.add("DEV-008", evidence, path=node.path, user=user.name, uid=node.uid, needs=assessment.needs)
        return
    if group_bits & want != want and not node.acl:
        out.add("DEV-005", evidence, path=node.path, mode=_mode(node), owner=node.uid, group=node.gid, needs=assessment.needs)
        return
    if node.gid == 0:
        out.add("DEV-006", evidence, path=node.path)
        return

    login, process = by_view.get(ViewKind.LOGIN), by_view.get(ViewKind.PROCESS)
    login_view = next(v for v in views if v.kind is ViewKind.LOGIN)
    if login is not None and not login.granted:
        if process is not None and process.granted and process.rule in (Rule.GROUP, Rule.ACL_GROUP):
            out.add("GRP-004", evidence, kinds=[ViewKind.LOGIN], path=node.path, gid=node.gid)
        if node.gid not in login_view.groups:
            out.add("GRP-002", evidence + _same_name_lines(facts, node, user.name), kinds=[ViewKind.LOGIN],
                    user=user.name, group_desc=_group_desc(node), path=node.path, gid=node.gid,
                    how=_membership_hint(facts, node, user.name))
    elif process is not None and not process.granted and node.gid in login_view.groups and facts.process is not None \
            and membership_free_process(facts) is None:  # a uid:gid launch is LNC-001, not a late membership
        out.add("GRP-005", evidence, kinds=[ViewKind.PROCESS], path=node.path, pid=facts.process.pid, gid=node.gid,
                group_desc=_group_desc(node))


def _same_name_lines(facts: Facts, node: DeviceNode, user: str) -> List[str]:
    """Evidence for a node whose group name is on several lines: the user may be listed on another
    line of that name, which ``id`` then shows by the same name, without the node's GID."""
    others = [g for g in facts.accounts.groups if g.name == node.group_name and g.gid != node.gid]
    return ["{} is listed on another '{}' line, GID {}: id shows that GID as {} too, but the node's GID {} is the "
            "first '{}' line, which does not list {}".format(user, g.name, g.gid, g.name, node.gid, g.name, user)
            for g in others if user in g.members]


def _membership_hint(facts: Facts, node: DeviceNode, user: str) -> str:
    """The shadow-utils commands that would add the membership, for the remedy text."""
    expected = role_group(node.role)
    same_name = [g.gid for g in facts.accounts.groups if g.name == node.group_name]
    if len(same_name) > 1:  # usermod would edit the first such line, and the file needs repair first
        return "the name {} is on {} lines (GIDs {}) and glibc takes the first; repair /etc/group to one line per " \
               "name (DB-001), then usermod -aG {} {}".format(node.group_name, len(same_name),
                                                             ", ".join(map(str, same_name)), node.group_name, user)
    if node.group_name is not None:
        if expected and node.group_name != expected:
            return "GID {} is '{}' here, not '{}': see GRP-006 before joining it".format(node.gid, node.group_name, expected)
        return "usermod -aG {} {}".format(node.group_name, user)
    name = expected or "gpu{}".format(node.gid)
    if any(g.name == name for g in facts.accounts.groups):
        return "the name {} is taken by another GID here; see GRP-003".format(name)
    return "groupadd -g {0} {1}, then usermod -aG {1} {2}".format(node.gid, name, user)


def _decision_uid(views: Tuple[View, ...], kind: ViewKind) -> int:
    return next(v.uid for v in views if v.kind is kind)


def diagnose(facts: Facts) -> Diagnosis:
    views = build_views(facts)
    out = _Findings(host=not facts.container.in_container)
    _platform_findings(facts, out)
    _account_findings(facts, out)
    _input_findings(facts, out)
    _toolkit_findings(facts, out)
    _missing_findings(facts, out)
    injection = infer_injection(facts)
    add_injection_findings(facts, injection, out)
    assessments = []
    for node in facts.devices:
        requirement, needs = requirement_for(node.role, facts)
        if node.mode is not None and not node.mode & 0o222:  # nobody may write it (Thor's 0440 nvmap): it is read
            needs = "r"
        decisions = tuple(decide(node, view, needs, facts.container.user_namespace) for view in views)
        assessment = NodeAssessment(node.path, node.role, requirement, needs, decisions)
        assessments.append(assessment)
        if requirement is not Requirement.OPTIONAL:
            _node_findings(facts, node, assessment, views, out)
    findings = out.sorted()
    if any(f.severity is Severity.ERROR for f in findings):
        verdict = Verdict.PROBLEM
    elif any(f.severity is Severity.WARNING for f in findings):
        verdict = Verdict.WARNING
    else:
        verdict = Verdict.HEALTHY
    return Diagnosis(facts, views, tuple(assessments), findings, verdict, injection)
