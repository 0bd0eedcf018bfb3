"""What runbook cells call: typed checks, one result schema for every runbook, display, the gate.

Cells stay thin: they call the library and hand its values to :class:`Runbook`, which turns them
into checks (pass, fail, warn, skip, fixed), shows them (an HTML table in Jupyter, plain text in
logs) and writes the result JSON *before* the final gate cell raises on a failing verdict, so the
runner always has the evidence.
"""

from __future__ import annotations

import json
import os
import time
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Tuple

from . import __version__
from .model import Diagnosis, Requirement, Severity
from .record import frozen_record
from .rootfs import RootFS
from .serde import to_jsonable

if TYPE_CHECKING:
    from .migrate import AuditFinding
    from .plan import Plan

STATUSES = ("pass", "fail", "warn", "skip", "fixed")
RESULT_SCHEMA = 1
LAB_MARK = "/etc/jetson-gpu-access-lab"
DOCS = "docs/"  # remedy links point into the documentation (the site mirrors this tree)


@frozen_record
class Check:
    id: str
    status: str
    title: str
    evidence: Tuple[str, ...]
    remedy: Optional[str]
    duration_s: float


@frozen_record
class Provenance:
    """Where the run happened: a real device, or a SIMULATED lab profile."""

    kind: str
    profile: Optional[str]
    l4t: Optional[str]
    model: Optional[str]
    tool_version: str


@frozen_record
class RunbookResult:
    schema: int
    runbook: str
    verdict: str
    provenance: Provenance
    checks: Tuple[Check, ...]
    notes: Tuple[str, ...]
    finished: bool


class RunbookFailed(Exception):
    """Raised by the final gate cell so that papermill (and CI) fail the run."""


def provenance(diagnosis: Optional[Diagnosis], root: str = "/") -> Provenance:
    mark = RootFS(root).read_text(LAB_MARK) or ""
    profile = mark.rsplit("profile", 1)[-1].strip() if "SIMULATED" in mark else None
    plat = diagnosis.facts.platform if diagnosis else None
    return Provenance("SIMULATED lab profile" if profile else "device", profile, plat.l4t if plat else None,
                      plat.model if plat else None, __version__)


def docs_link(anchor: str) -> str:
    return DOCS + anchor


class Runbook:
    """Collects the checks of one runbook run and writes its result."""

    def __init__(self, name: str, result_path: str, root: str = "/") -> None:
        self.name = name
        self.result_path = result_path
        self.root = root
        self.checks: List[Check] = []
        self.notes: List[str] = []
        self.diagnosis: Optional[Diagnosis] = None
        self._mark = time.monotonic()

    def check(self, check_id: str, status: str, title: str, evidence: Iterable[str] = (),
              remedy: Optional[str] = None) -> Check:
        if status not in STATUSES:
            raise ValueError("status {!r} is not one of {}".format(status, STATUSES))
        now = time.monotonic()
        item = Check(check_id, status, title, tuple(evidence), remedy, round(now - self._mark, 3))
        self._mark = now
        self.checks.append(item)
        return item

    def note(self, text: str) -> None:
        self.notes.append(text)

    # --- checks from library values ---------------------------------------------------------

    def from_diagnosis(self, diagnosis: Diagnosis) -> List[Check]:
        """One check per node CUDA needs (both views) and one per finding."""
        self.diagnosis = diagnosis
        made = []
        plat = diagnosis.facts.platform
        made.append(self.check("platform", "pass" if plat.is_jetson else "skip",
                               "Jetson platform" if plat.is_jetson else "not a Jetson: nothing Jetson-specific to check",
                               ["L4T {}".format(plat.l4t or "unknown"), "model {}".format(plat.model or "unknown")]))
        findings = {f.code: f for f in diagnosis.findings}
        for node in diagnosis.nodes:
            if node.requirement is Requirement.OPTIONAL:
                continue
            denied = [d for d in node.decisions if not d.granted]
            related = next((f for f in diagnosis.findings if node.path in f.subject.paths), None)
            made.append(self.check(
                "access:" + node.path, "fail" if denied else "pass",
                "{} opens for {} ({} {})".format(node.path, diagnosis.facts.user.name if diagnosis.facts.user else "?",
                                                 node.requirement.value, node.needs),
                ["{} view: {} by {} ({})".format(d.view.value, "granted" if d.granted else "denied", d.rule.value, d.detail)
                 for d in node.decisions],
                docs_link(related.docs) if related else None))
        status_of = {Severity.ERROR: "fail", Severity.WARNING: "warn", Severity.INFO: "pass"}
        for code, finding in findings.items():
            made.append(self.check("finding:" + code, status_of[finding.severity], finding.title,
                                   finding.evidence, docs_link(finding.docs)))
        return made

    # --- steps: each records checks and never raises for a problem it can report --------------

    def diagnose(self, user: Optional[str], pid: Optional[int], record: bool = True) -> Optional[Diagnosis]:
        """Diagnose and show the report; with ``record`` its nodes and findings become checks
        (the fix runbook only shows the starting point: its checks are the plan, apply and verify)."""
        from .diagnose import diagnose
        from .probe import ProbeError, probe
        from .report import render_text

        try:
            result = diagnose(probe(self.root, user, pid))
        except ProbeError as error:
            self.check("probe", "fail", "read the facts", [str(error)])
            return None
        self.show(render_text(result))
        if record:
            self.show_checks(self.from_diagnosis(result))
        else:
            self.diagnosis = result
        return result

    def plan(self, diagnosis: Optional[Diagnosis]) -> Optional[Plan]:
        from .plan import make_plan
        from .report import render_plan

        if diagnosis is None or diagnosis.facts.user is None:
            self.check("plan", "skip", "no diagnosis to plan from")
            return None
        plan = make_plan(diagnosis, RootFS(self.root).read_bytes("/etc/group") or b"")
        self.show(render_plan(plan))
        for refusal in plan.refusals:
            self.check("refused:" + refusal.path, "fail", refusal.reason, refusal.instead)
        return plan

    def apply(self, plan: Optional[Plan], really: bool) -> bool:
        """Apply when ``really``; returns True when account files changed."""
        from .apply import ApplyError, apply
        from .probe.accounts import find_user

        if plan is None:
            return False
        if not plan.actions:
            if not plan.refusals:
                self.check("apply", "pass", "nothing to change: every node CUDA needs opens for the user")
            return False
        commands = [a.command for a in plan.actions]
        if not really:
            self.check("apply", "fail", "changes needed (dry run): run again with apply = True", commands)
            return False
        owner = find_user(self.diagnosis.facts.accounts, name=plan.user) if self.diagnosis else None
        try:
            applied = apply(plan, self.root, owner.uid if owner else None)
        except ApplyError as error:
            self.check("apply", "fail", "apply refused or failed", [str(error)])
            return False
        self.check("apply", "fixed", "applied exactly the plan", applied.commands)
        return applied.changed

    def verify(self, diagnosis: Optional[Diagnosis], cuda: bool = True) -> None:
        from .report import render_verification
        from .verify import verify

        if diagnosis is None:
            self.check("verify", "skip", "no diagnosis to verify")
            return
        try:
            result = verify(diagnosis, with_cuda=cuda)
        except ValueError as error:
            self.check("verify", "skip", "cannot verify here", [str(error)])
            return
        self.show(render_verification(result))
        for view in result.views:
            self.check("verify:" + view.view.value, view.status, "every needed node opens in the {} view".format(
                view.view.value), [view.detail])
            if view.cuda is not None:
                self.check("cuda:" + view.view.value, view.cuda.status, "CUDA driver as the user ({} view)".format(
                    view.view.value), [view.cuda.detail])
        for note in result.notes:
            self.note(note)

    def audit(self, findings: Iterable[AuditFinding]) -> None:
        for finding in findings:
            self.check("{}:{}".format(finding.source, finding.id), finding.status, finding.why, finding.evidence,
                       finding.fix)

    # --- display ----------------------------------------------------------------------------

    def show(self, text: str, rows: Optional[List[List[str]]] = None, header: Optional[List[str]] = None) -> None:
        """Plain text for logs and papermill; an HTML table as well when rows are given (Jupyter)."""
        bundle: Dict[str, Any] = {"text/plain": text}
        if rows is not None:
            bundle["text/html"] = _html_table(header or [], rows)
        try:
            from IPython.display import display
        except ImportError:
            print(text)
            return
        display(bundle, raw=True)  # type: ignore[no-untyped-call,unused-ignore]

    def show_checks(self, checks: Optional[List[Check]] = None) -> None:
        checks = self.checks if checks is None else checks
        rows = [[c.status.upper(), c.id, c.title] for c in checks]
        text = "\n".join("{:<6} {:<32} {}".format(*row) for row in rows)
        self.show(text, rows, ["status", "check", "what"])

    # --- result and gate --------------------------------------------------------------------

    def verdict(self) -> str:
        statuses = {c.status for c in self.checks}
        if "fail" in statuses:
            return "fail"
        return "warn" if "warn" in statuses else "pass"

    def finish(self) -> RunbookResult:
        """Write the result JSON (before the gate), and return it."""
        result = RunbookResult(RESULT_SCHEMA, self.name, self.verdict(), provenance(self.diagnosis, self.root),
                               tuple(self.checks), tuple(self.notes), True)
        directory = os.path.dirname(os.path.abspath(self.result_path))
        os.makedirs(directory, exist_ok=True)
        with open(self.result_path, "w", encoding="utf-8") as handle:
            json.dump(to_jsonable(result), handle, indent=2)
            handle.write("\n")
        return result


def gate(result: RunbookResult) -> None:
    """The last cell: fail the run when the verdict is a failure, after the result was written."""
    banner = "{} verdict: {}{}".format(result.runbook, result.verdict.upper(),
                                        " (SIMULATED lab profile {})".format(result.provenance.profile)
                                        if result.provenance.profile else "")
    print(banner)
    if result.verdict == "fail":
        failed = [c.id for c in result.checks if c.status == "fail"]
        raise RunbookFailed("{}; failing checks: {}".format(banner, ", ".join(failed)))


def _html_table(header: List[str], rows: List[List[str]]) -> str:
    from html import escape

    head = "".join("<th>{}</th>".format(escape(h)) for h in header)
    body = "".join("<tr>{}</tr>".format("".join("<td>{}</td>".format(escape(c)) for c in row)) for row in rows)
    return "<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>".format(head, body)
