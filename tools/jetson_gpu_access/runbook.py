"""What runbook cells call: typed checks, one result schema for every runbook, display, the gate.

Cells stay thin: they call the library and hand its values to :class:`Runbook`, which turns them
into checks (pass, fail, warn, skip, fixed), shows them (an HTML table in Jupyter, plain text in
logs) and writes the result JSON *before* the final gate cell raises on a failing verdict, so the
runner always has the evidence.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Tuple

from . import __version__
from .model import Diagnosis, Finding, Requirement, Severity
from .record import frozen_record
from .rootfs import RootFS

if TYPE_CHECKING:
    from .handover import Handover
    from .migrate import AuditFinding
    from .pipeline import Assessment
    from .plan import Plan
    from .upgrade import Preview

STATUSES = ("pass", "fail", "warn", "skip", "fixed")
RESULT_SCHEMA = 1
LAB_MARK = "/etc/jetson-gpu-access-lab"
DOCS = "docs/"  # remedy links point into the documentation (the site mirrors this tree)
HANDOVER_DOCS = "how-to/jupyterlab.md#when-the-kernel-is-not-root"
UPGRADE_DOCS = "how-to/toolkit-upgrade.md"


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


def finding_checks(findings: Iterable[Finding]) -> List[Tuple[str, Finding]]:
    """One check id per finding: ``finding:CODE``, then what it is about (its node paths, else its
    GIDs, else its groups), so two findings with one code are two checks in JUnit and the fleet
    report, and a check keeps its id from run to run and host to host."""
    out: List[Tuple[str, Finding]] = []
    seen: Dict[str, int] = {}
    for finding in findings:
        subject = finding.subject
        about = ",".join(subject.paths) or ",".join(str(g) for g in subject.gids) or ",".join(subject.groups)
        check_id = "finding:" + finding.code + (":" + about if about else "")
        seen[check_id] = seen.get(check_id, 0) + 1
        out.append((check_id if seen[check_id] == 1 else "{}#{}".format(check_id, seen[check_id]), finding))
    return out


class Runbook:
    """Collects the checks of one runbook run and writes its result."""

    def __init__(self, name: str, result_path: str, root: str = "/") -> None:
        self.name = name
        self.result_path = result_path
        self.root = root
        self.checks: List[Check] = []
        self.notes: List[str] = []
        self.diagnosis: Optional[Diagnosis] = None
        self.assessment: Optional[Assessment] = None  # the last diagnosis with the bytes it was read from
        self.handover: Optional[Handover] = None
        self._mark = time.monotonic()

    def check(self, check_id: str, status: str, title: str, evidence: Iterable[str] = (),
              remedy: Optional[str] = None, replace: bool = False) -> Check:
        """Record a check; ``replace`` drops an earlier one with that id (a cell a reader runs again)."""
        if status not in STATUSES:
            raise ValueError("status {!r} is not one of {}".format(status, STATUSES))
        now = time.monotonic()
        item = Check(check_id, status, title, tuple(evidence), remedy, round(now - self._mark, 3))
        self._mark = now
        self.checks = [c for c in self.checks if not (replace and c.id == check_id)] + [item]
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
        for check_id, finding in finding_checks(diagnosis.findings):
            made.append(self.check(check_id, status_of[finding.severity], finding.title,
                                   finding.evidence, docs_link(finding.docs)))
        return made

    # --- steps: each records checks and never raises for a problem it can report --------------

    def diagnose(self, user: Optional[str], pid: Optional[int], record: bool = True) -> Optional[Diagnosis]:
        """Diagnose and show the report; with ``record`` its nodes and findings become checks
        (the fix runbook only shows the starting point: its checks are the plan, apply and verify)."""
        from .pipeline import assess
        from .probe import ProbeError
        from .report import render_text
        from .safeio import InputError

        try:
            self.assessment = assess(self.root, user, pid)
        except (ProbeError, InputError) as error:
            self.check("probe", "fail", "read the facts", [str(error)])
            return None
        result = self.assessment.diagnosis
        self.show(render_text(result))
        if record:
            self.show_checks(self.from_diagnosis(result))
        else:
            self.diagnosis = result
        return result

    def plan(self, diagnosis: Optional[Diagnosis]) -> Optional[Plan]:
        """The plan for the diagnosis this runbook made (from the same read of /etc/group)."""
        from .pipeline import plan_for
        from .report import render_plan

        if diagnosis is None or diagnosis.facts.user is None or self.assessment is None:
            self.check("plan", "skip", "no diagnosis to plan from")
            return None
        plan = plan_for(self.assessment)
        self.show(render_plan(plan))
        for refusal in plan.refusals:
            self.check("refused:" + refusal.path, "fail", refusal.reason, refusal.instead_text)
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
        if os.geteuid() != 0:
            return self._hand_over(plan, really)
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

    def _hand_over(self, plan: Plan, really: bool) -> bool:
        """Not root: save the plan, show the command that applies exactly it, and run that through
        ``sudo -n`` only when asked (``really``) and sudo works here without a password."""
        from . import handover
        from .probe.accounts import find_user

        me = find_user(self.diagnosis.facts.accounts, uid=os.geteuid()) if self.diagnosis else None
        who = "{} (uid {})".format(me.name, me.uid) if me else "uid {}".format(os.geteuid())
        self.handover = done = handover.prepare(plan, os.path.dirname(os.path.abspath(self.result_path)))
        if really and done.sudo_works:
            result = handover.run_with_sudo(done)
            if result.returncode == 0:
                self.check("apply", "fixed", "applied exactly the saved plan through sudo -n", [done.shown], replace=True)
                return True
            self.check("apply", "fail", "sudo -n could not apply the saved plan (exit {})".format(result.returncode),
                       [done.shown, result.last_error_line], docs_link(HANDOVER_DOCS), replace=True)
            return False
        self.check("apply", "warn", "not applied: this kernel runs as {}, not root; run this command as root, then "
                   "the Verify cell again".format(who), [done.shown, "plan saved in " + done.plan_path],
                   docs_link(HANDOVER_DOCS), replace=True)
        offer = ("sudo works here without a password: set apply = True and run this cell again to let the runbook "
                 "run exactly this command through sudo -n." if done.sudo_works else
                 "Run it in a terminal on this machine (it re-checks the saved plan against the current state "
                 "before changing anything), then run the Verify cell below again.")
        self.show_command("The plan is saved in {}. To apply exactly this plan, as root:".format(done.plan_path),
                          done.shown, offer)
        return False

    def verify_fix(self, changed: bool, user: Optional[str]) -> None:
        """After apply. When the plan was handed to root, first check it was applied (a fresh plan
        from the current account files has nothing left to do), then verify on the live system."""
        from .pipeline import plan_for

        diagnosis = None
        if self.handover is not None and not changed:
            diagnosis = self.diagnose(user, None, record=False)
            if diagnosis is None or self.assessment is None:
                return
            pending = plan_for(self.assessment).actions
            if pending:
                self.check("verify", "skip", "not verified: the plan is not applied yet; run the command above as "
                           "root, then this cell again", [self.handover.shown], replace=True)
                return
            self.checks = [c for c in self.checks if c.id != "verify"]  # no longer waiting for root
            self.check("apply", "fixed", "applied as root: the account files hold the plan (a fresh plan has "
                       "nothing left to do)", [self.handover.shown], replace=True)
            changed = True
        if changed and self.root == "/":
            self.verify(diagnosis or self.diagnose(user, None, record=False))

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
                view.view.value), [view.detail], replace=True)
            if view.cuda is not None:  # a process older than its groups fails CUDA for that same reason: a warning
                status = "warn" if view.status == "warn" and view.cuda.status == "fail" else view.cuda.status
                self.check("cuda:" + view.view.value, status, "CUDA driver as the user ({} view)".format(
                    view.view.value), [view.cuda.detail], replace=True)
        for note in result.notes:
            self.note(note)

    def toolkit_preview(self, versions: str, user: Optional[str], host_gids: str) -> List[Preview]:
        """One check per toolkit version in ``versions`` (comma-separated, or ``all``): whether this
        container's non-root GPU access survives that upgrade, per kind of session. A break fails
        (the migration would cut the user off), a verdict that needs a host GID warns."""
        from .pipeline import assess
        from .probe import ProbeError
        from .safeio import InputError
        from .upgrade import VERDICT, PreviewError, parse_host_gids, parse_targets, preview, render

        targets = parse_targets(versions) if versions else ()  # both checked by check_parameters already
        known_gids = parse_host_gids(host_gids.split(",") if host_gids else [], "host_gids")
        if not targets:
            return []
        try:
            self.diagnosis = assess(self.root, user, None).diagnosis
        except (ProbeError, InputError) as error:
            self.check("toolkit", "fail", "read the facts for the upgrade preview", [str(error)])
            return []
        previews: List[Preview] = []
        for version in targets:
            try:
                result = preview(self.diagnosis, version, known_gids)
            except PreviewError as error:
                self.check("toolkit:" + version, "skip", "no upgrade preview for toolkit " + version, [str(error)])
                continue
            previews.append(result)
            self.show(render(result))
            verdicts = [v.survives for v in result.views]
            status = "pass" if result.survives else ("fail" if False in verdicts else "warn")
            self.check("toolkit:" + version, status, "non-root GPU access after an upgrade to toolkit {} (band {}, {})"
                       .format(version, result.band, result.certainty),
                       ["{}: {} ({}){}".format(v.view, VERDICT[v.survives], v.sessions,
                                               "; denied: " + ", ".join(v.denied) if v.denied else "")
                        for v in result.views] + list(result.notes), docs_link(UPGRADE_DOCS))
        rows = [[p.version, p.band, "; ".join("{}: {}".format(v.view, VERDICT[v.survives]) for v in p.views)]
                for p in previews]
        if rows:
            self.show("\n".join("{:<8} {:<10} {}".format(*row) for row in rows), rows,
                      ["toolkit", "band", "verdict per kind of session"])
        return previews

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
        self._display(bundle)

    @staticmethod
    def _display(bundle: Dict[str, Any]) -> None:
        try:
            from IPython.display import display
        except ImportError:
            print(bundle["text/plain"])
            return
        display(bundle, raw=True)  # type: ignore[no-untyped-call,unused-ignore]

    def show_checks(self, checks: Optional[List[Check]] = None) -> None:
        checks = self.checks if checks is None else checks
        rows = [[c.status.upper(), c.id, c.title, c.remedy or ""] for c in checks]
        text = "\n".join("{:<6} {:<32} {}".format(*row[:3]) for row in rows)
        self.show(text, rows, ["status", "check", "what", "remedy"])

    def show_command(self, lead: str, command: str, after: str) -> None:
        """A command for a person to run, set apart so it can be copied."""
        from html import escape

        bundle = {"text/plain": "{}\n\n    {}\n\n{}".format(lead, command, after),
                  "text/html": "<p>{}</p><pre class=\"jga-command\">{}</pre><p>{}</p>".format(
                      escape(lead), escape(command), escape(after))}
        self._display(bundle)

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
        from .results import dumps
        from .safeio import write_under

        folder, name = os.path.split(os.path.abspath(self.result_path))
        write_under(folder, name, dumps(result), "give result_path a file in a folder of your own")
        return result


def gate(result: RunbookResult) -> None:
    """The last cell: fail the run when the verdict is a failure, after the result was written."""
    banner = "{} verdict: {}{}".format(result.runbook, result.verdict.upper(),
                                        " (SIMULATED lab profile {})".format(result.provenance.profile)
                                        if result.provenance.profile else "")
    print(banner)
    for check in result.checks:  # what a warning asks the reader to do is the last thing shown
        if check.status == "warn" and check.evidence:
            print("WARN {}: {}\n    {}".format(check.id, check.title, check.evidence[0]))
    if result.verdict == "fail":
        failed = [c.id for c in result.checks if c.status == "fail"]
        raise RunbookFailed("{}; failing checks: {}".format(banner, ", ".join(failed)))


def _html_table(header: List[str], rows: List[List[str]]) -> str:
    from html import escape

    def cell(column: str, value: str) -> str:
        if column == "remedy" and value:  # a link into the documentation
            return '<td><a href="{0}">{0}</a></td>'.format(escape(value))
        return "<td>{}</td>".format(escape(value))

    head = "".join("<th>{}</th>".format(escape(h)) for h in header)
    body = "".join("<tr>{}</tr>".format("".join(cell(h, c) for h, c in zip(header, row))) for row in rows)
    return "<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>".format(head, body)


def check_parameters(namespace: Mapping[str, Any]) -> Dict[str, Any]:
    """The first cell after ``parameters``: the runner's own checks of the values this kernel holds
    (edited here, or injected by papermill), then what they mean on this machine. A mistake raises
    ParameterError, shown as the one line the runner prints (and exit code 2 under the runner)."""
    from .parameters import from_namespace

    return from_namespace(namespace)
