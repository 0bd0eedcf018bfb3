"""A runbook's result as the runner leaves it: read back typed, and rendered as JUnit and Markdown.

The runbook writes its :class:`~jetson_gpu_access.runbook.RunbookResult` as JSON before its gate
cell; when it could not (a cell raised, the kernel died, a parameter was refused) the runner writes
one of the same schema with a single ``runner:<cause>`` check. Renderers take the typed value only.
"""

from __future__ import annotations

import json
from typing import Optional, Sequence
from xml.sax.saxutils import escape, quoteattr

from . import __version__
from .runbook import RESULT_SCHEMA, Check, Provenance, RunbookResult
from .serde import from_jsonable, to_jsonable


def error_result(runbook: str, cause: str, message: str) -> RunbookResult:
    """The result the runner writes when the runbook could not write its own."""
    return RunbookResult(RESULT_SCHEMA, runbook, "fail", Provenance("unknown", None, None, None, __version__),
                         (Check("runner:" + cause, "fail", message, (), None, 0.0),), (), False)


def read(root: str, inner: str) -> Optional[RunbookResult]:
    """The result at ``inner`` below ``root`` (no link followed), or None when it is missing or not a result of this schema."""
    from .safeio import InputError, load_json, read_under

    try:  # written by a kernel that ran someone's notebook: read it as any input
        content = read_under(root, inner)
        result = from_jsonable(RunbookResult, load_json(content.data, content.path))
    except (InputError, OSError, ValueError, TypeError, KeyError):
        return None
    return result if result.schema == RESULT_SCHEMA else None


def dumps(result: RunbookResult) -> str:
    """The result file's text, as the runbook writes it (runbook.Runbook.finish)."""
    return json.dumps(to_jsonable(result), indent=2) + "\n"


def junit(result: RunbookResult) -> str:
    """One test suite per runbook, one test case per check (skip is skipped, warn passes with its text)."""
    suite = quoteattr("runbook." + result.runbook)
    failures = sum(c.status == "fail" for c in result.checks)
    skipped = sum(c.status == "skip" for c in result.checks)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<testsuite name={} tests="{}" failures="{}" skipped="{}">'.format(suite, len(result.checks), failures,
                                                                              skipped)]
    for check in result.checks:
        out.append('  <testcase classname={} name={} time="{}">'.format(suite, quoteattr(check.id), check.duration_s))
        detail = escape("\n".join([check.title, *check.evidence, check.remedy or ""]).strip())
        if check.status == "fail":
            out.append("    <failure message={}>{}</failure>".format(quoteattr(check.title), detail))
        elif check.status == "skip":
            out.append("    <skipped message={}/>".format(quoteattr(check.title)))
        else:
            out.append("    <system-out>{}: {}</system-out>".format(check.status, detail))
        out.append("  </testcase>")
    out.append("</testsuite>")
    return "\n".join(out) + "\n"


def markdown(results: Sequence[RunbookResult]) -> str:
    """A CI job summary: per runbook its verdict, where it ran, and a table of its checks."""
    out = ["# Runbook results", ""]
    for result in results:
        prov = result.provenance
        where = "SIMULATED lab profile `{}`".format(prov.profile) if prov.profile else prov.kind
        out += ["## {}: {}".format(result.runbook, result.verdict.upper()), "",
                "Where: {}; L4T {}; jetson-gpu-access {}".format(where, prov.l4t or "unknown", prov.tool_version),
                "", "| Status | Check | What |", "| --- | --- | --- |"]
        out += ["| {} | `{}` | {} |".format(c.status, c.id, c.title.replace("|", "\\|")) for c in result.checks]
        out.append("")
    return "\n".join(out)
