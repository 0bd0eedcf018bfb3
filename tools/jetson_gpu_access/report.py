"""Render a diagnosis as a terminal report: readable at a glance, complete on a second look.

The JSON form is the full typed value (see :mod:`serde`); this text form summarises it: a
platform block, one table row per node with a mark and the deciding rule for each view, then the
findings with their evidence, remedy and docs anchor.
"""

from __future__ import annotations

from . import __version__
from .model import Decision, Diagnosis, Finding, Severity, View

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import List, Sequence

    from .plan import Plan
    from .verify import Verification

_MARKS = {"unicode": ("\u2713", "\u2717"), "ascii": ("ok", "NO")}


def _marks(encoding: str) -> Sequence[str]:
    try:
        "\u2713\u2717\u00b7".encode(encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return _MARKS["ascii"]
    return _MARKS["unicode"]


def _table(rows: List[List[str]]) -> List[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]


def _groups(view: View, names: dict) -> str:  # type: ignore[type-arg]
    return " ".join("{}({})".format(g, names.get(g, "?")) for g in view.groups) or "none"


def _platform_lines(diagnosis: Diagnosis) -> List[str]:
    facts = diagnosis.facts
    plat = facts.platform
    if plat.is_jetson:
        parts = [plat.model or "Jetson (model unknown)"]
        if plat.soc:
            parts.append("{} ({}{})".format(plat.soc_name or "SoC", plat.soc, ", module " + plat.module if plat.module else ""))
        parts.append("L4T {} from {}".format(plat.l4t, plat.l4t_source) if plat.l4t else "L4T unknown")
        jetpack = ", ".join("{} ({})".format(c.jetpack, c.source) for c in plat.jetpack)
        parts.append("JetPack " + jetpack if jetpack else "JetPack unknown")
        platform = " | ".join(parts)
    else:
        platform = "not a Jetson" + (" ({})".format(plat.model) if plat.model else "")
    ctr = facts.container
    container = "no"
    if ctr.in_container:
        container = "{} ({})".format(ctr.engine or "yes", "; ".join(ctr.signals))
    lines = [
        ("Platform", platform),
        ("OS", facts.os_release.pretty_name or "unknown"),
        ("Container", container + ("; /dev is {}".format(ctr.dev_filesystem) if ctr.dev_filesystem else "")),
        ("Packages", ", ".join("{} {}".format(p.name, p.version) for p in facts.packages) or "none relevant"),
    ]
    return ["{:<10} {}".format(k, v) for k, v in lines]


def _injection_lines(diagnosis: Diagnosis) -> List[str]:
    """How the GPU reached this root and which toolkit band made the nodes, with the evidence."""
    found = diagnosis.injection
    if found is None:
        return []
    if found.band:
        band = "{} ({}{})".format(found.band, found.certainty, ": predicted from the toolkit's code, not yet seen on "
                                  "hardware" if found.certainty == "INFERRED" else "")
    elif found.candidates:
        band = "one of " + ", ".join(found.candidates)
    else:
        legacy = diagnosis.facts.runtime.toolkit_mode == "legacy"  # the toolkit mounts the host's own nodes
        band = ("no toolkit installed" if found.path.value == "host" and not legacy else
                "not settled (INFERRED): see the evidence" if found.path.value == "privileged" else
                "does not decide the nodes here")
    engine = " | engine: {}".format(found.engine) if found.engine else ""
    lines = ["{:<10} {} | toolkit band: {} | driver: {}{}".format("GPU path", found.path.value, band, found.driver.value,
                                                                  engine)]
    lines += ["  evidence " + item for item in found.evidence]
    if found.host_check:
        lines.append("  " + found.host_check)
    return lines


def _user_lines(diagnosis: Diagnosis) -> List[str]:
    user = diagnosis.facts.user
    if user is None:
        return []
    names = {g.gid: g.name for g in reversed(diagnosis.facts.accounts.groups)}
    lines = ["{:<10} {} (uid {}, gid {}; chosen by {})".format("User", user.name, user.uid, user.gid, diagnosis.facts.user_source)]
    for view in diagnosis.views:
        lines.append("  {:<8} groups {}  <- {}".format(view.kind.value, _groups(view, names), view.origin))
    return lines


def _cell(decision: Decision, marks: Sequence[str]) -> str:
    mark = marks[0] if decision.granted else marks[1]
    access = ("r" if decision.read else "-") + ("w" if decision.write else "-")
    return "{} {} {}".format(mark, decision.rule.value, access)


def _node_lines(diagnosis: Diagnosis, marks: Sequence[str]) -> List[str]:
    if not diagnosis.nodes:
        return ["Device nodes: none of the GPU nodes in the inventory exist under this root."]
    nodes = {n.path: n for n in diagnosis.facts.devices}
    header = ["Device node", "role", "needs", "mode", "owner:group"] + [v.kind.value for v in diagnosis.views]
    rows = [header]
    for assessment in diagnosis.nodes:
        node = nodes[assessment.path]
        owner = "{}:{}".format(node.uid, node.gid) if node.uid is not None else "-"
        if node.group_name:
            owner += " " + node.group_name
        mode = "{:04o}".format(node.mode) if node.mode is not None else node.kind.value
        if node.acl and any(e.tag in ("user", "group") for e in node.acl):
            mode += "+"
        rows.append([assessment.path, assessment.role, "{} {}".format(assessment.requirement.value, assessment.needs),
                     mode, owner] + [_cell(d, marks) for d in assessment.decisions])
    return _table(rows)


def _finding_lines(finding: Finding) -> List[str]:
    label = finding.severity.value.upper()
    lines = ["{:<7} {}  {}".format(label, finding.code, finding.title)]
    if finding.certainty != "observed":
        lines.append("        (inferred: the mechanism is reasoned from sources, not confirmed on a device)")
    for item in finding.evidence:
        lines.append("        - " + item)
    lines.append("        fix:  " + finding.remedy)
    lines.append("        docs: " + finding.docs)
    return lines


def render_text(diagnosis: Diagnosis, encoding: str = "utf-8") -> str:
    marks = _marks(encoding)
    out = ["jetson-gpu-access {} diagnose, root {}".format(__version__, diagnosis.facts.root), ""]
    out += _platform_lines(diagnosis) + _injection_lines(diagnosis) + _user_lines(diagnosis) + [""]
    out += _node_lines(diagnosis, marks) + [""]
    if diagnosis.findings:
        out.append("Findings")
        for finding in diagnosis.findings:
            out += _finding_lines(finding)
        out.append("")
    counts = {s: sum(f.severity is s for f in diagnosis.findings) for s in Severity}
    out.append("Verdict: {} (errors: {}, warnings: {}, notes: {})".format(
        diagnosis.verdict.value.upper(), counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO]))
    return "\n".join(out) + "\n"


def render_plan(plan: Plan) -> str:
    """The plan as a reader checks it before applying: actions, refusals, the exact diff, advice."""
    out = ["Plan for {} (uid {}) under {}".format(plan.user, plan.uid, plan.root), ""]
    if plan.nothing_to_do:
        out.append("Nothing to do: every node CUDA needs is open to {} in the login view.".format(plan.user))
    for number, action in enumerate(plan.actions, 1):
        out.append("{}. {:<28} {}".format(number, action.command, action.reason))
    for refusal in plan.refusals:
        out.append("REFUSED {}: {}".format(refusal.path, refusal.reason))
        out += ["        instead: " + text for text in refusal.instead_text]
    if plan.diff:
        out += ["", "Change to /etc/group:", plan.diff.rstrip("\n")]
    for note in plan.notes:
        out.append("note: " + note)
    if plan.advice:
        out += ["", "Other ways to the same result:"]
        for advice in plan.advice:
            out.append("  [{}] {}".format(advice.strategy.value, advice.caveat))
            out += ["      " + line for line in advice.text.splitlines()]
    return "\n".join(out) + "\n"


def render_verification(result: Verification) -> str:
    out = ["Verification for {} (uid {}): {}".format(result.user, result.uid, result.verdict.upper())]
    for view in result.views:
        out.append("  {:<8} {}  groups {}  {}".format(view.view.value, view.status.upper(),
                                                        " ".join(map(str, view.groups)) or "none", view.detail))
        for node in view.nodes:
            out.append("           {} {} {}".format("ok  " if node.ok else "FAIL", node.path, node.errno_name or ""))
    for note in result.notes:
        out.append("note: " + note)
    return "\n".join(out) + "\n"
