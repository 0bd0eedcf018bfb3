"""mkdocs hook: confidence marks for claims that are not certain.

A page writes ``{{ claim:ID }}`` right after a claim; ``tools/jetson_gpu_access/data/claims.json``
says how sure it is (sourced, second-hand, inferred or simulated), at which level the fact sheet
holds it, and why. The token becomes a small link, labelled with that confidence, to the claim's
row in the fact table (reference/facts.md), whose row lists the sources. An unknown ID, or a claim
shown on a page its entry does not list, stops the build: the table and the pages cannot drift
apart.

Each entry also lists its ``statements``: patterns that find the claim wherever a page states it.
``unmarked()`` lists the paragraphs, list items and table rows that state a claim without its
mark (tests/test_docs.py runs it over every page, the runbook pages included), and
``marks_for()`` gives the marks for a line a generator writes from data (tests/docgen.py).
"""

from __future__ import annotations

import json
import posixpath
import re
import sys
from pathlib import Path
from typing import Any, Dict, List, Tuple

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from prose import blocks

REPO = Path(__file__).resolve().parent.parent
TOKEN = re.compile(r"\{\{ claim:([a-z0-9-]+) \}\}")
FACT_PAGE = "reference/facts.md"


def claims() -> Dict[str, Dict[str, Any]]:
    path = REPO / "tools" / "jetson_gpu_access" / "data" / "claims.json"
    table: Dict[str, Dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["claims"]
    return table


def token(claim_id: str) -> str:
    return "{{ claim:" + claim_id + " }}"


def stated(text: str, table: Dict[str, Dict[str, Any]]) -> List[str]:
    """The claims ``text`` (one paragraph, item or row, whitespace collapsed) states."""
    return [claim_id for claim_id, entry in table.items()
            if any(re.search(pattern, text, re.I) for pattern in entry.get("statements", []))]


def unmarked(markdown: str, table: Dict[str, Dict[str, Any]]) -> List[Tuple[int, str, str]]:
    """(line, claim, text) for each block of prose that states a claim without its mark."""
    return [(line, claim_id, text) for line, text in blocks(markdown)
            if not text.startswith("#")  # a heading names the topic; its section states and marks the claim
            for claim_id in stated(text, table) if token(claim_id) not in text]


def marks_for(text: str, table: Dict[str, Dict[str, Any]]) -> str:
    """The marks a generated line needs: one per claim it states ("" when it states none)."""
    return "".join(" " + token(claim_id) for claim_id in stated(text, table) if token(claim_id) not in text)


def mark(claim_id: str, entry: Dict[str, Any], page_path: str) -> str:
    """The Markdown link that stands for ``{{ claim:ID }}`` on ``page_path``."""
    target = posixpath.relpath(FACT_PAGE, posixpath.dirname(page_path) or ".")
    return "[{0}]({1}#{2}){{ .jga-conf .jga-conf-{0} title=\"{0}: see the fact table\" }}".format(
        entry["confidence"], target, claim_id)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    table = claims()
    src = page.file.src_uri

    def replace(match: re.Match) -> str:  # type: ignore[type-arg]
        claim_id = match.group(1)
        entry = table.get(claim_id)
        if entry is None:
            raise PluginError("{}: unknown claim {!r} (add it to data/claims.json)".format(src, claim_id))
        if src not in entry["pages"]:
            raise PluginError("{}: claim {!r} is shown here but its entry does not list this page".format(src, claim_id))
        return mark(claim_id, entry, src)

    return TOKEN.sub(replace, markdown)
