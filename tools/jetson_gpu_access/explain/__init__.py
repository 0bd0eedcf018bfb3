"""Explain pasted text: the known error signatures it contains, what its facts show, the most likely
cause, and the one question that would settle the rest.

Signatures come from data/symptoms.json as families (a CUDA error by name, number and message in
every common wrapper; the other errors by pattern); facts from textfacts, diagnosed exactly as the
probe's facts are. Reasoning is open-world: what the paste does not show is unknown, never absent.
Every statement carries the lines of the paste it rests on, or is marked as an assumption; an
internal placeholder (a GID that was never shown) is never printed.

The stages, each a module, in the order a paste goes through them (each imports only those above it):
records (what is returned), signatures, failure (a failing line no family names), cause, question,
output (text, Markdown, JSON), and reading, where explain() runs them.
"""

from .cause import decide_cause, shown_platform
from .failure import Failure, container_context, find_failure
from .output import launch_summary, meanings_on, read_input, render_markdown, render_text, to_jsonable
from .question import NOT_THIS_PROBLEM, PERMISSION_CAUSES
from .reading import explain
from .records import INPUT_LIMIT, Cause, Explanation, Question, Statement, SymptomMatch, cause_ids
from .signatures import find_signatures

__all__ = [
    "INPUT_LIMIT", "NOT_THIS_PROBLEM", "PERMISSION_CAUSES", "Cause", "Explanation", "Failure", "Question", "Statement",
    "SymptomMatch", "cause_ids", "container_context", "decide_cause", "explain", "find_failure", "find_signatures",
    "launch_summary", "meanings_on", "read_input", "render_markdown", "render_text", "shown_platform", "to_jsonable",
]
