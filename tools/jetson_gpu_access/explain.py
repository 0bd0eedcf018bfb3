"""Explain pasted text: the known error signatures it contains, the diagnosis its facts allow,
and what to run next to settle the rest.

Signatures come from data/symptoms.json (the same data the site's error reference is generated
from); facts (release line, node listings, id and groups output, group lines, docker run lines and
compose fragments) from textfacts,
diagnosed exactly as the probe's facts are. Free text is taken as people paste it: ANSI colours,
CRLF, Markdown fences and quotes, shell prompts. Nothing the text does not show is stated as a
fact: gaps are listed as assumptions, and the commands that would close them are suggested.
"""

from __future__ import annotations

import os
import sys
from typing import List, Optional, Tuple

from . import data
from .diagnose import diagnose
from .launch import Launch
from .migrate import AuditFinding, audit_text
from .model import Diagnosis
from .record import frozen_record
from .safeio import InputError, decode, read_file
from .textfacts import Observed, normalise, read

INPUT_LIMIT = 16 << 20  # a pasted report is kilobytes; a whole journal is not what explain reads


@frozen_record
class SymptomMatch:
    id: str
    signature: str
    line: str
    causes: Tuple[str, ...]
    docs: str
    runbook: str
    sources: Tuple[str, ...]


@frozen_record
class Explanation:
    matches: Tuple[SymptomMatch, ...]
    next_steps: Tuple[str, ...]
    observed: Observed
    recognised: Tuple[str, ...]
    assumptions: Tuple[str, ...]
    diagnosis: Optional[Diagnosis]
    audit: Tuple[AuditFinding, ...]


def explain(text: str) -> Explanation:
    """Every known signature in ``text``, in the order of the symptom index, each once."""
    clean = normalise(text)
    lowered = clean.lower()
    matches: List[SymptomMatch] = []
    for symptom in data.load("symptoms")["symptoms"]:
        for signature in symptom["signatures"]:
            at = lowered.find(signature.lower())
            if at < 0:
                continue
            start = clean.rfind("\n", 0, at) + 1
            end = clean.find("\n", at)
            line = clean[start:end if end >= 0 else len(clean)].strip()
            matches.append(SymptomMatch(symptom["id"], signature, line[:300], tuple(symptom["causes"]), symptom["docs"],
                                        symptom["runbook"] or "", tuple(symptom["sources"])))
            break
    parsed = read(text)
    diagnosis = diagnose(parsed.facts) if parsed.facts is not None else None
    steps = parsed.missing + (("jetson-gpu-access diagnose --user USER   # decided as the kernel does, on the device",)
                              if parsed.missing else ())
    audit = tuple(f for launch in parsed.observed.launches
                  for f in audit_text(launch.text, "compose" if launch.source == "compose" else "docker-run")
                  if f.status != "pass")
    return Explanation(tuple(matches), steps, parsed.observed, parsed.recognised, parsed.assumptions, diagnosis, audit)


def launch_summary(launch: Launch) -> str:
    """One line of what a container launch grants; group-adds are what an SSH login loses."""
    parts = ["{}: {}".format(name, ", ".join(values)) for name, values in (
        ("group-add", launch.group_add), ("devices", launch.devices)) if values]
    parts += [text for text, present in (("user " + str(launch.user), launch.user), ("runtime " + str(launch.runtime),
              launch.runtime), ("privileged", launch.privileged), ("the host's /dev bound in", launch.dev_mount)) if present]
    summary = "{} ({})".format(launch.source, "; ".join(parts) if parts else "no GPU-related options")
    if launch.group_add:
        summary += ": the group-adds reach the container's processes, not SSH logins into it"
    return summary


def render_text(result: Explanation) -> str:
    out = []
    if result.recognised:
        out += ["Recognised in the text:"] + ["    " + item for item in result.recognised] + [""]
    if result.observed.launches:
        out += ["Container launch:"] + ["    " + launch_summary(x) for x in result.observed.launches] + [""]
    if result.diagnosis is not None:
        out.append("Diagnosis from the text (verdict: {}):".format(result.diagnosis.verdict.value))
        for finding in result.diagnosis.findings:
            out.append("    {} {}  {}".format(finding.severity.value.upper(), finding.code, finding.title))
        out += ["    assumed: " + a for a in result.assumptions] + [""]
    if result.audit:
        out.append("In the container's launch settings:")
        out += ["    {} {}: {}\n        fix: {}".format(f.status.upper(), f.id, f.why, f.fix) for f in result.audit]
        out.append("")
    if not result.matches:
        out.append("No known error signature found in the text.")
    else:
        for match in result.matches:
            out.append("{}  ({})".format(match.signature, match.id))
            out.append("    seen: " + match.line)
            out += ["    likely: " + cause for cause in match.causes]
            out.append("    read: docs/{}{}".format(match.docs, "; runbook: " + match.runbook if match.runbook else ""))
    if result.next_steps:
        out += ["", "To settle what the text does not show, run:"] + ["    " + step for step in result.next_steps]
    return "\n".join(out) + "\n"


def render_markdown(result: Explanation) -> str:
    """A reply a maintainer can paste into the issue."""
    out = ["Thanks for the report. What the output shows:", ""]
    if not result.matches:
        out.append("- no known error signature; the commands below will tell more.")
    for match in result.matches:
        out.append("- `{}`: most likely {} (see `docs/{}`).".format(match.signature, match.causes[0], match.docs))
    if result.diagnosis is not None:
        for finding in result.diagnosis.findings:
            out.append("- {} `{}`: {} (see `docs/{}`).".format(finding.severity.value, finding.code, finding.title, finding.docs))
        out += ["- assumed: " + a for a in result.assumptions]
    out += ["- launch: " + launch_summary(x) for x in result.observed.launches]
    out += ["- `{}`: {} (fix: {})".format(f.source, f.why, f.fix) for f in result.audit]
    if result.next_steps:
        out += ["", "Could you run these and paste the output?", "", "```bash"] + list(result.next_steps) + ["```"]
    return "\n".join(out) + "\n"


def read_input(argument: str) -> Tuple[str, Optional[str]]:
    """The text to explain (a file, - for standard input, or the argument itself) and a note
    when it was longer than :data:`INPUT_LIMIT` and only its start was read.

    A file goes through the safe reader (regular files only: a FIFO or a directory is an
    InputError, exit code 2); standard input is read up to the same limit.
    """
    if argument == "-":
        stream = getattr(sys.stdin, "buffer", None)
        raw = stream.read(INPUT_LIMIT + 1) if stream is not None else sys.stdin.read(INPUT_LIMIT + 1)
        cut = len(raw) > INPUT_LIMIT
        text = decode(raw[:INPUT_LIMIT]) if isinstance(raw, bytes) else raw[:INPUT_LIMIT]
        return text, "standard input is longer than {} MiB: only its start was read".format(INPUT_LIMIT >> 20) if cut else None
    if "\n" in argument or not os.path.lexists(argument):
        return argument, None
    try:
        content = read_file(argument, INPUT_LIMIT, "pass a saved file, or - to read standard input")
    except OSError as error:
        raise InputError(argument, "cannot be read ({})".format(error.strerror or error), "check the path") from None
    note = "{}: {}; the rest was not read".format(argument, content.describe()) if content.truncated else None
    return content.text, note
