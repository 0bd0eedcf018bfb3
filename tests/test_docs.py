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
