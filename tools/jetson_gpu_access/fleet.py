"""The fleet report: every host's runbook results as cohorts, outliers and one pass rate.

``fleet/playbook.yml`` leaves one folder per host: ``host.json`` (what happened: ok, failed,
unreachable), ``facts.json`` (``diagnose --format json``) and ``runbooks/<name>/result.json``.
Hosts are grouped into cohorts by board x JetPack x container image, because those three decide
which nodes, GIDs and groups a host has; within a cohort every host should look alike, so a
host whose check differs from the cohort's majority is the one to look at first.
"""

from __future__ import annotations

import html
import os
import re
import stat
from typing import Any, Dict, List, Optional, Sequence, Tuple

from .exitcodes import Exit, ExitError
from .record import frozen_record
from .safeio import InputError, load_json, read_under

RESULT_FILE_LIMIT = 16 << 20  # facts.json of a big device is under 1 MiB

REPORT_SCHEMA = 1
HEALTHY_VERDICTS = ("pass", "warn")
UNKNOWN = "unknown"


class FleetError(ExitError):
    """Input the report refuses (no such folder, no host results): nothing was written."""

    context = "fleet"


@frozen_record
class HostResult:
    host: str
    status: str                 # ok, failed, unreachable, unreadable (from host.json; see load_host)
    message: str
    board: str
    jetpack: str
    image: str
    lab_profile: Optional[str]  # set for SIMULATED lab devices
    tool_version: Optional[str]
    verdicts: Dict[str, str]    # runbook -> pass, warn, fail
    checks: Dict[str, str]      # "runbook/check id" -> pass, warn, fail, skip, fixed

    @property
    def healthy(self) -> bool:
        """Reached, finished, and the last word on GPU access passed: verify's verdict when it ran,
        else diagnose's (a diagnose failure that a fix in the same run repaired does not count)."""
        last = self.verdicts.get("verify", self.verdicts.get("diagnose"))
        return self.status == "ok" and "unreadable" not in self.verdicts.values() and last in HEALTHY_VERDICTS

    @property
    def cohort(self) -> Tuple[str, str, str]:
        return (self.board, self.jetpack, self.image)


@frozen_record
class Difference:
    """One way a host differs from its cohort: a check's status, or the tool version."""

    host: str
    item: str
    host_value: str
    cohort_value: str


@frozen_record
class Cohort:
    board: str
    jetpack: str
    image: str
    hosts: Tuple[str, ...]
    healthy: int
    verdicts: Dict[str, Dict[str, int]]   # runbook -> verdict -> hosts
    checks: Dict[str, Dict[str, int]]     # check -> status -> hosts
    differences: Tuple[Difference, ...]
    split: Tuple[str, ...]                # items where no status holds a strict majority


@frozen_record
class FleetReport:
    schema: int
    hosts: int
    healthy: int
    pass_rate: float                      # percent of all hosts, unreachable and failed ones included
    required: Optional[float]
    meets_requirement: Optional[bool]
    simulated: int                        # how many hosts are lab devices
    cohorts: Tuple[Cohort, ...]
    unfinished: Tuple[HostResult, ...]    # unreachable, failed (partial results stay in their cohort), unreadable
    results: Tuple[HostResult, ...]


# --- reading one host ---------------------------------------------------------------------------

def _read_json(host_dir: str, relative: str) -> Optional[Any]:
    """A result file as JSON, or None: read without following links below the host's folder,
    regular files only, capped, depth-checked and free of lone surrogates (see safeio)."""
    try:
        content = read_under(host_dir, relative, RESULT_FILE_LIMIT)
        return None if content.truncated else load_json(content.data, relative)
    except (OSError, ValueError, InputError):
        return None


def _is_folder(path: str) -> bool:
    """A real folder, not a link to one: nothing in a results tree is followed."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _mapping(value: Any) -> Dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _release_number(claim: str) -> str:
    """``6.1 GA`` and ``6.1`` are the same release for a cohort; keep the number."""
    match = re.match(r"\d+(?:\.\d+)*", claim.strip())
    return match.group(0) if match else claim.strip()


def _jetpack(platform: Dict[str, Any]) -> str:
    raw = platform.get("jetpack")
    listed: List[Any] = raw if isinstance(raw, list) else []
    claims = sorted({_release_number(str(c.get("jetpack", ""))) for c in listed if isinstance(c, dict)} - {""})
    if claims:
        return " or ".join(claims)  # the tables disagree: keep both claims visible
    l4t = _text(platform.get("l4t"))
    return "L4T {} (not in the tables)".format(l4t) if l4t else UNKNOWN


def _board(platform: Dict[str, Any]) -> str:
    for key in ("model", "soc_name", "module"):
        value = _text(platform.get(key))
        if value:
            return value
    return UNKNOWN


def _image(facts: Dict[str, Any]) -> str:
    """What the host runs the check in: a container (engine, base OS) or the host's own OS."""
    container = _mapping(facts.get("container"))
    os_release = _mapping(facts.get("os_release"))
    system = _text(os_release.get("pretty_name")) or " ".join(
        filter(None, (_text(os_release.get("id")), _text(os_release.get("version_id"))))) or "unknown OS"
    if container.get("in_container"):
        return "{} container, {}".format(_text(container.get("engine")) or "unknown", system)
    return "no container, {}".format(system)


def _results(host_dir: str) -> Tuple[Dict[str, str], Dict[str, str]]:
    verdicts: Dict[str, str] = {}
    checks: Dict[str, str] = {}
    runbooks_dir = os.path.join(host_dir, "runbooks")
    names = sorted(os.listdir(runbooks_dir)) if _is_folder(runbooks_dir) else []
    for name in names:
        result = _read_json(host_dir, "runbooks/{}/result.json".format(name))
        if not isinstance(result, dict) or not isinstance(result.get("checks"), list):
            if _is_folder(os.path.join(runbooks_dir, name)):
                verdicts[name] = "unreadable"
            continue
        verdicts[name] = str(result.get("verdict", "unreadable"))
        for check in result["checks"]:
            if isinstance(check, dict) and "id" in check:
                checks["{}/{}".format(name, check["id"])] = str(check.get("status", "unknown"))
    return verdicts, checks


def load_host(host_dir: str) -> HostResult:
    """One host's folder as fetched by the playbook; a missing or broken host.json is 'unreadable'."""
    record = _mapping(_read_json(host_dir, "host.json"))
    facts = _mapping(_mapping(_read_json(host_dir, "facts.json")).get("facts"))
    platform = _mapping(facts.get("platform"))
    status = record.get("status") if record.get("status") in ("ok", "failed", "unreachable") else "unreadable"
    message = _text(record.get("message")) or ("" if record else "no readable host.json: was the playbook interrupted?")
    verdicts, checks = _results(host_dir)
    return HostResult(
        host=_text(record.get("host")) or os.path.basename(host_dir.rstrip("/")),
        status=str(status),
        message=message,
        board=_text(record.get("board")) or (_board(platform) if facts else UNKNOWN),
        jetpack=_jetpack(platform) if facts else UNKNOWN,
        image=_text(record.get("image")) or (_image(facts) if facts else UNKNOWN),
        lab_profile=_text(record.get("lab_profile")) or None,
        tool_version=_text(record.get("tool_version")) or None,
        verdicts=verdicts,
        checks=checks,
    )


def load(directory: str) -> List[HostResult]:
    """Every host folder under ``directory`` (those holding host.json or runbook results)."""
    if not os.path.isdir(directory):
        raise FleetError(Exit.USAGE, "no folder {}: give the jga_results folder of a fleet playbook run".format(directory))
    hosts = []
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if _is_folder(path) and any(os.path.lexists(os.path.join(path, f)) for f in ("host.json", "runbooks")):
            hosts.append(load_host(path))
    if not hosts:
        raise FleetError(Exit.USAGE, "no host results in {}: expected {}/HOST/host.json as fleet/playbook.yml writes "
                                     "them".format(directory, directory))
    return hosts


# --- the report ---------------------------------------------------------------------------------

def _count(values: Sequence[str]) -> Dict[str, int]:
    counts: Dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return dict(sorted(counts.items()))


def _differences(hosts: Sequence[HostResult]) -> Tuple[List[Difference], List[str]]:
    """Per item, the strict-majority value among the hosts that have it, and who differs from it.

    An item only one host has (a runbook only it ran) is not compared; an item without a strict
    majority is reported as split rather than blaming either side.
    """
    items: Dict[str, Dict[str, str]] = {}
    for host in hosts:
        verdicts = [("{} verdict".format(r), v) for r, v in host.verdicts.items()]
        for key, value in verdicts + list(host.checks.items()) + [("tool version", host.tool_version or UNKNOWN)]:
            items.setdefault(key, {})[host.host] = value
    differences, split = [], []
    for item, values in sorted(items.items()):
        if len(values) < 2:
            continue
        counts = _count(list(values.values()))
        majority = [v for v, n in counts.items() if n * 2 > len(values)]
        if not majority:
            split.append(item)
            continue
        differences += [Difference(h, item, v, majority[0]) for h, v in sorted(values.items()) if v != majority[0]]
    return differences, split


def build(hosts: Sequence[HostResult], required: Optional[float] = None) -> FleetReport:
    """Cohorts of the hosts with results, the hosts that did not finish, and the pass rate over all."""
    with_results = [h for h in hosts if h.status != "unreachable" and (h.verdicts or h.checks)]
    unfinished = [h for h in hosts if h.status != "ok" or h not in with_results]
    groups: Dict[Tuple[str, str, str], List[HostResult]] = {}
    for host in with_results:
        groups.setdefault(host.cohort, []).append(host)
    cohorts = []
    for (board, jetpack, image), members in sorted(groups.items()):
        differences, split = _differences(members)
        runbooks = sorted({r for h in members for r in h.verdicts})
        checks = sorted({c for h in members for c in h.checks})
        cohorts.append(Cohort(
            board, jetpack, image, tuple(h.host for h in members), sum(h.healthy for h in members),
            {r: _count([h.verdicts[r] for h in members if r in h.verdicts]) for r in runbooks},
            {c: _count([h.checks[c] for h in members if c in h.checks]) for c in checks},
            tuple(differences), tuple(split)))
    healthy = sum(h.healthy for h in hosts)
    rate = round(100.0 * healthy / len(hosts), 1) if hosts else 0.0
    return FleetReport(REPORT_SCHEMA, len(hosts), healthy, rate, required,
                       None if required is None else rate >= required,
                       sum(h.lab_profile is not None for h in hosts), tuple(cohorts), tuple(unfinished), tuple(hosts))


def parse_required(text: str) -> float:
    """``95%`` or ``95`` -> 95.0; anything else is a usage error."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*%?", text.strip())
    if not match or float(match.group(1)) > 100:
        raise FleetError(Exit.USAGE, "--require expects a percentage from 0 to 100 such as 95%, got {!r}".format(text))
    return float(match.group(1))


# --- output -------------------------------------------------------------------------------------

def _counts_text(counts: Dict[str, int]) -> str:
    return ", ".join("{} {}".format(n, md(status)) for status, n in counts.items())


def cohort_rows(report: FleetReport) -> List[str]:
    """The cohort table (Markdown), shared by the report and the site's validation matrix."""
    runbooks = sorted({r for c in report.cohorts for r in c.verdicts})
    rows = ["| Board | JetPack | Image | Hosts | Healthy | {} |".format(" | ".join(md(r) for r in runbooks)),
            "| --- | --- | --- | --- | --- |{}".format(" --- |" * len(runbooks))]
    for c in report.cohorts:
        cells = [_counts_text(c.verdicts[r]) if r in c.verdicts else "not run" for r in runbooks]
        rows.append("| {} | {} | {} | {} | {}/{} | {} |".format(
            md(c.board), md(c.jetpack), md(c.image), len(c.hosts), c.healthy, len(c.hosts), " | ".join(cells)))
    return rows


def md(text: str) -> str:
    """Text from a host's files (a stranger may have written it) as inert Markdown: one line, HTML
    escaped (``<script>`` shows as text on the site), and the characters that end a table cell,
    start a link or a code span, or escape, backslash-escaped."""
    flat = " ".join(str(text).split())
    return re.sub(r"([\\`|\[\]])", r"\\\1", html.escape(flat, quote=False))


def _code(text: str) -> str:
    """A check id in a code span when that is safe to write (no backtick, pipe, markup), else as md()."""
    return "`{}`".format(text) if re.fullmatch(r"[\w./:@ =+,-]+", text) else md(text)


def markdown(report: FleetReport, title: str = "Fleet report") -> str:
    out = ["# " + title, ""]
    summary = "{} hosts, {} healthy: pass rate {:.1f}%".format(report.hosts, report.healthy, report.pass_rate)
    if report.required is not None:
        summary += " (required {:g}%: {})".format(report.required, "met" if report.meets_requirement else "NOT met")
    out += [summary + ". A host is healthy when it was reached, its runbooks finished and verify passed (diagnose "
            "when verify did not run); unreachable and failed hosts count against the rate.", ""]
    if report.simulated:
        out += ["**SIMULATED:** {} of these hosts are lab devices, not Jetsons.".format(report.simulated), ""]
    out += ["## Cohorts (board × JetPack × image)", ""] + cohort_rows(report) + [""]
    differences = [d for c in report.cohorts for d in c.differences]
    out += ["## Hosts that differ from their cohort", ""]
    if differences:
        out += ["| Host | What | Host has | Cohort has |", "| --- | --- | --- | --- |"]
        out += ["| {} | {} | {} | {} |".format(md(d.host), _code(d.item), md(d.host_value), md(d.cohort_value))
                for d in differences]
    else:
        out.append("None: within each cohort every host reached the same result for every check.")
    split = ["{} ({}, {}, {}): {}".format(", ".join(md(h) for h in c.hosts), md(c.board), md(c.jetpack), md(c.image),
                                          ", ".join(_code(s) for s in c.split)) for c in report.cohorts if c.split]
    if split:
        out += ["", "Cohorts split evenly (no majority to compare with):", ""] + ["- " + s for s in split]
    out += ["", "## Hosts that did not finish", ""]
    if report.unfinished:
        out += ["| Host | Status | Why |", "| --- | --- | --- |"]
        out += ["| {} | {} | {} |".format(md(h.host), md(h.status), md(h.message) or "no runbook results")
                for h in report.unfinished]
    else:
        out.append("None.")
    out += ["", "## Checks per cohort", ""]
    for c in report.cohorts:
        out += ["### {} · {} · {}".format(md(c.board), md(c.jetpack), md(c.image)), "",
                "Hosts: " + ", ".join(md(h) for h in c.hosts), "",
                "| Check | Hosts |", "| --- | --- |"]
        out += ["| {} | {} |".format(_code(check), _counts_text(counts)) for check, counts in c.checks.items()]
        out.append("")
    return "\n".join(out)
