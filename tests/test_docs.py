"""Docs are tested like code: findings, exit codes, CLI help and data tables stay in step."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import docgen
from jetson_gpu_access import data

DOCS = Path(__file__).resolve().parent.parent / "docs"


def page(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def test_every_finding_has_a_section_and_no_section_is_stale() -> None:
    anchors = re.findall(r"^## ([A-Z]+-\d{3}) .*\{#([a-z]+-\d{3})\}$", page("reference/findings.md"), re.M)
    assert all(code.lower() == anchor for code, anchor in anchors)
    documented = [code for code, _ in anchors]
    assert sorted(documented) == sorted(data.load("findings")["findings"])


def test_section_severity_matches_the_catalogue() -> None:
    text = page("reference/findings.md")
    for code, entry in data.load("findings")["findings"].items():
        section = text.split("## {} ".format(code), 1)[1].split("\n## ", 1)[0]
        body = section.split("\n", 2)[2]
        assert body.startswith("*" + entry["severity"]), code
        assert ("inferred" in body.split(".")[0]) == (entry["certainty"] == "inferred"), code


@pytest.mark.parametrize(("name", "table"), [
    ("reference/l4t-jetpack.md", docgen.l4t_table),
    ("reference/device-nodes.md", docgen.device_table),
    ("reference/exit-codes.md", docgen.exit_table),
    ("explanation/device-nodes-in-containers.md", docgen.band_table),
    ("explanation/device-nodes-in-containers.md", docgen.path_table),
    ("how-to/toolkit-upgrade.md", docgen.upgrade_table),
    ("how-to/toolkit-upgrade.md", docgen.drop_table),
])
def test_reference_tables_are_rendered_from_data(name: str, table) -> None:  # type: ignore[no-untyped-def]
    assert table() in page(name), "regenerate with: python tests/docgen.py"


def test_generated_pages_are_current() -> None:
    for name, render in docgen.PAGES.items():
        assert page(name) == render(), "{} is stale: run python tests/docgen.py --write".format(name)


def test_every_docs_anchor_the_code_emits_exists() -> None:
    text = page("reference/findings.md")
    for code in data.load("findings")["findings"]:
        assert "{#" + code.lower() + "}" in text


CLAIM_TOKEN = re.compile(r"\{\{ claim:([a-z0-9-]+) \}\}")
FACT_SHEET = Path(__file__).resolve().parents[2] / "shared" / "reference" / "jetson-facts.md"


def test_every_marked_claim_is_on_its_pages_and_in_the_table() -> None:
    """A claim's entry and its pages agree both ways: no mark without an entry, no entry without a mark."""
    table = data.load("claims")["claims"]
    shown = {(m.group(1), str(p.relative_to(DOCS))) for p in DOCS.rglob("*.md") for m in CLAIM_TOKEN.finditer(p.read_text("utf-8"))}
    listed = {(claim_id, page_name) for claim_id, entry in table.items() for page_name in entry["pages"]}
    assert shown == listed
    for claim_id, entry in table.items():
        assert entry["confidence"] in {"sourced", "inferred", "simulated"}, claim_id
        assert entry["sources"] and all(url.startswith("https://") for url in entry["sources"]), claim_id
        assert '<a id="{}"></a>{}'.format(claim_id, entry["claim"]) in page("reference/facts.md")


def test_each_claim_names_a_section_of_the_fact_sheet() -> None:
    if not FACT_SHEET.exists():
        pytest.skip("the fact sheet is not beside this checkout ({})".format(FACT_SHEET))
    sheet = FACT_SHEET.read_text(encoding="utf-8")
    headings = set(re.findall(r"^#{2,3} ((?:[0-9]+|A)(?:\.[0-9]+)?)[. ]", sheet, re.M))
    for claim_id, entry in data.load("claims")["claims"].items():
        cited = re.findall(r"\b((?:[0-9]+|A)(?:\.[0-9]+)?)\b", entry["section"].split("(")[0] + " " + entry["section"])
        sections = [c for c in cited if c in headings]
        assert sections, "{}: section {!r} is not a heading of the fact sheet".format(claim_id, entry["section"])


def test_no_issue_number_starts_a_line() -> None:
    """'#1631' at the start of a wrapped line is a Markdown heading: it splits the section it sits in."""
    for path in DOCS.rglob("*.md"):
        lines = path.read_text(encoding="utf-8").splitlines()
        fenced = False
        for number, line in enumerate(lines, 1):
            fenced ^= line.lstrip().startswith("```")
            assert fenced or not re.match(r"#\d", line), "{}:{}: {}".format(path.relative_to(DOCS), number, line)
