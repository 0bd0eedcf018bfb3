"""Docs are tested like code: findings, exit codes, CLI help and data tables stay in step."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Dict

import pytest

import docgen
from jetson_gpu_access import data

DOCS = Path(__file__).resolve().parent.parent / "docs"
HOOKS = DOCS.parent / "hooks"


def hook(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location("jga_hook_" + name, HOOKS / (name + ".py"))
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def site_pages() -> Dict[str, str]:
    """Every page's Markdown as the site builds it: the files under docs/ (the generated ones
    included) and the runbook pages hooks/notebooks.py makes from notebooks/."""
    pages = {p.relative_to(DOCS).as_posix(): p.read_text(encoding="utf-8") for p in sorted(DOCS.rglob("*.md"))}
    notebooks = hook("notebooks")
    for path in sorted(notebooks.NOTEBOOKS.glob("*.ipynb")):
        pages["notebooks/{}.md".format(path.stem)] = notebooks.markdown_of(json.loads(path.read_text(encoding="utf-8")))
    return pages


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


@pytest.mark.parametrize(("name", "table"), docgen.EMBEDDED)
def test_reference_tables_are_rendered_from_data(name: str, table) -> None:  # type: ignore[no-untyped-def]
    assert table() in page(name), "regenerate with: python tests/docgen.py --write"


def test_every_generated_table_row_has_the_header_s_cells() -> None:
    """A value holding '|' (a source's own "3.3 | 3.2.1") is escaped, or it would add a cell and break the table."""
    import re
    for _, render in docgen.EMBEDDED:
        rows = render().split("\n")
        cells = [len(re.findall(r"(?<!\\)\|", row)) for row in rows if row.startswith("|")]
        assert len(set(cells)) == 1, render.__name__


def test_the_error_pages_sort_only_families_that_exist() -> None:
    """A family named in docgen's page sets but missing from symptoms.json (a typo, a renamed id) would silently land
    on another page."""
    families = {symptom["id"] for symptom in data.load("symptoms")["symptoms"]}
    assert (docgen.PROGRAM_FAMILIES | docgen.SYSTEM_FAMILIES) - families == set()


def test_generated_pages_are_current() -> None:
    for name, render in docgen.PAGES.items():
        assert page(name) == render(), "{} is stale: run python tests/docgen.py --write".format(name)


def test_every_inferred_finding_carries_a_mark() -> None:
    """A finding the catalogue calls inferred says so with the same mark as every other uncertain
    claim, not only with the word."""
    text = page("reference/findings.md")
    for code, entry in data.load("findings")["findings"].items():
        section = text.split("## {} ".format(code), 1)[1].split("\n## ", 1)[0]
        assert ("{{ claim:" in section) >= (entry["certainty"] == "inferred"), code


def test_every_docs_anchor_the_code_emits_exists() -> None:
    text = page("reference/findings.md")
    for code in data.load("findings")["findings"]:
        assert "{#" + code.lower() + "}" in text


CLAIM_TOKEN = re.compile(r"\{\{ claim:([a-z0-9-]+) \}\}")
FACT_SHEET = Path(__file__).resolve().parents[2] / "shared" / "reference" / "jetson-facts.md"


def test_every_marked_claim_is_on_its_pages_and_in_the_table() -> None:
    """A claim's entry and its pages agree both ways: no mark without an entry, no entry without a mark."""
    table = data.load("claims")["claims"]
    shown = {(m.group(1), name) for name, markdown in site_pages().items() for m in CLAIM_TOKEN.finditer(markdown)}
    listed = {(claim_id, page_name) for claim_id, entry in table.items() for page_name in entry["pages"]}
    assert shown == listed
    for claim_id, entry in table.items():
        assert entry["confidence"] in {"sourced", "second-hand", "inferred", "simulated"}, claim_id
        assert re.search(r"Medium|INFERRED|Low|lab", entry["fact_sheet"]), (claim_id, "a High fact carries no mark")
        assert entry["sources"] and all(url.startswith("https://") for url in entry["sources"]), claim_id
        assert '<a id="{}"></a>{}'.format(claim_id, entry["claim"]) in page("reference/facts.md")


def test_every_statement_of_an_uncertain_claim_carries_its_mark() -> None:
    """Wherever a page states a claim of claims.json (its ``statements``), in prose, a list item or a
    table row, the claim's mark is there too: hand-written pages, the pages and tables built from
    data, and the runbook pages. The fact table itself is the list, not a statement."""
    claims = hook("claims")
    table = claims.claims()
    missing = ["{}:{} [{}] {}".format(name, line, claim_id, text[:120])
               for name, markdown in site_pages().items() if name != "reference/facts.md"
               for line, claim_id, text in claims.unmarked(markdown, table)]
    assert missing == [], "state these with their mark {{ claim:ID }}:\n" + "\n".join(missing)


def test_the_statement_check_finds_each_claim_where_its_mark_is_removed() -> None:
    """The patterns are alive: each claim is found by its own statements on a page that shows it,
    and the check fails there once the marks are taken out."""
    claims = hook("claims")
    table = claims.claims()
    pages = site_pages()
    for claim_id, entry in table.items():
        assert entry["statements"], claim_id
        stripped = {name: pages[name].replace(claims.token(claim_id), "") for name in entry["pages"]}
        found = [name for name, text in stripped.items() if claim_id in {c for _, c, _ in claims.unmarked(text, table)}]
        assert found, "{}: none of its statements matches any of its pages {}".format(claim_id, entry["pages"])


def test_a_generated_row_that_is_not_high_needs_a_claim() -> None:
    with pytest.raises(ValueError, match="states no claim"):
        docgen.confidence("| a new band | nodes appear |", "INFERRED")
    assert docgen.confidence("| a new band | nodes appear |", "High") == "High"
    assert docgen.with_marks("- the node was not injected: started without the runtime").endswith("{{ claim:no-such-file-runtime }}")
    marked = "| x | the node was not injected {{ claim:no-such-file-runtime }} |"
    assert docgen.with_marks("| x | the node was not injected |") == marked


@pytest.mark.parametrize(("text", "code"), [
    ("cudaGetDeviceCount returned 801", "`cudaGetDeviceCount returned 801`"),
    ("version `GLIBC_2.34' not found", "``version `GLIBC_2.34' not found``"),
    ("`id` prints ``x``", "``` `id` prints ``x`` ```"),
])
def test_a_signature_with_backticks_stays_one_code_span(text: str, code: str) -> None:
    """A message may quote with backticks itself; its code span must not end there (the rest of the page would
    shift in and out of code, and the source links after it break)."""
    assert docgen.inline_code(text) == code


def test_every_source_is_a_link() -> None:
    """Issues, PRs, commits, CVEs and bulletins cited on any page become links (hooks/sources.py);
    anything shaped like a source that the hook cannot link must be written as a link."""
    sources = hook("sources")
    unlinked = ["{}: {}".format(name, hit) for name, markdown in site_pages().items() for hit in sources.unlinked(markdown)]
    assert unlinked == []


@pytest.mark.parametrize(("text", "link"), [
    ("see jetson-containers#763", "[jetson-containers#763](https://github.com/dusty-nv/jetson-containers/issues/763)"),
    ("as (toolkit\nPR #1631 shows)", "[toolkit\nPR #1631](https://github.com/NVIDIA/nvidia-container-toolkit/pull/1631)"),
    ("podman issues #9986 and #29170", "[podman issues #9986](https://github.com/containers/podman/issues/9986) and "
                                       "[#29170](https://github.com/containers/podman/issues/29170)"),
    ("OE4T/meta-tegra, commit `dc3a9d5b`", "[OE4T/meta-tegra, commit `dc3a9d5b`](https://github.com/OE4T/meta-tegra/commit/dc3a9d5b)"),
    ("tianon/gosu setup-user.go; x", "[tianon/gosu setup-user.go](https://github.com/tianon/gosu/blob/HEAD/setup-user.go)"),
    ("CVE-2024-0132", "[CVE-2024-0132](https://www.cve.org/CVERecord?id=CVE-2024-0132)"),
    ("NVIDIA bulletin 5321", "NVIDIA bulletin [5321](https://nvidia.custhelp.com/app/answers/detail/a_id/5321)"),
])
def test_source_references_become_links(text: str, link: str) -> None:
    sources = hook("sources")
    assert link in sources.link_sources(text)
    assert sources.unlinked(text) == []


@pytest.mark.parametrize("text", ["fixed in PR #12", "see #1234", "issue 1234 says", "per NVIDIA docs", "(CIS Docker Benchmark 5.4)",
                                  "in commit `4dc3b92a`", "an unknownrepo#5 x"[:-2] + " PR 77"])
def test_a_source_without_a_known_link_is_reported(text: str) -> None:
    sources = hook("sources")
    assert sources.unlinked(text), text
    assert sources.unlinked("```\n{}\n```\n[{}](https://example.org)".format(text, text)) == []  # code and links are fine


def test_each_claim_names_a_section_of_the_fact_sheet() -> None:
    if not FACT_SHEET.exists():
        pytest.skip("the fact sheet is not beside this checkout ({})".format(FACT_SHEET))
    sheet = FACT_SHEET.read_text(encoding="utf-8")
    headings = set(re.findall(r"^#{2,3} ((?:[0-9]+|A)(?:\.[0-9]+)?)[. ]", sheet, re.M))
    for claim_id, entry in data.load("claims")["claims"].items():
        cited = re.findall(r"\b((?:[0-9]+|A)(?:\.[0-9]+)?)\b", entry["section"].split("(")[0] + " " + entry["section"])
        sections = [c for c in cited if c in headings]
        assert sections, "{}: section {!r} is not a heading of the fact sheet".format(claim_id, entry["section"])


def test_the_letter_of_the_fact_sheet() -> None:
    """Statements the fact sheet contradicts stay off every page: 985 is a video GID in its source;
    chmod 666 does work (and is unsafe); a lab profile is consistent with a report, not the report."""
    for name, markdown in site_pages().items():
        for line, text in hook("prose").blocks(markdown):
            where = "{}:{}".format(name, line)
            if re.search(r"\b985\b", text):
                assert "video" in text, where
            assert not re.search(r"chmod 666[^.]{0,80}\b(?:does not|doesn't|do not|cannot) (?:fix|help|work)", text, re.I), where
            assert not re.search(r"\bthe reported (?:case|setup)\b|\bexactly the report\b", text, re.I), where
            # a result of the lab's model is consistent in simulation, never "reproduced" (in any
            # form: "you will reproduce the failure", "the tutorial reproduces it"); the how-to's
            # title, a link, names a page, not a result
            if re.search(r"simulat|\blab\b", text, re.I):
                prose = re.sub(r"\[[^\]]*\]\([^)]*reproduce-a-report[^)]*\)", "", text)
                assert not re.search(r"(?<!not )\breproduc(?:e|es|ed|ing)\b", prose, re.I), where
            # host render GIDs vary between hosts; the sheet lists them, it does not say every host differs
            assert not re.search(r"differs? on every host", text, re.I), where


def test_the_toolkit_each_jetpack_ships_is_the_fact_sheet_s() -> None:
    """data/toolkit.json's jetpack_defaults say, row for row, the version the fact sheet's A.1
    table gives (JetPack 7.0 shipped 1.18.0-rc1, not 1.18.0)."""
    if not FACT_SHEET.exists():
        pytest.skip("the fact sheet is not beside this checkout ({})".format(FACT_SHEET))
    section = FACT_SHEET.read_text(encoding="utf-8").split("### A.1", 1)[1].split("\n### ", 1)[0]
    shipped = {m.group(1): m.group(2) for m in re.finditer(r"^\| [^|]*/ R([0-9.]+)[^|]*\| ([0-9][0-9A-Za-z.-]*)", section, re.M)}
    assert shipped, "no rows read from the fact sheet's A.1 table"
    for row in data.load("toolkit")["jetpack_defaults"]:
        said = {version for l4t, version in shipped.items() if (l4t.rstrip(".") + ".").startswith(row["l4t"] + ".")}
        assert said == {row["toolkit"]}, (row, shipped)


def test_no_issue_number_starts_a_line() -> None:
    """'#1631' at the start of a wrapped line is a Markdown heading: it splits the section it sits in."""
    for path in DOCS.rglob("*.md"):
        lines = path.read_text(encoding="utf-8").splitlines()
        fenced = False
        for number, line in enumerate(lines, 1):
            fenced ^= line.lstrip().startswith("```")
            assert fenced or not re.match(r"#\d", line), "{}:{}: {}".format(path.relative_to(DOCS), number, line)


def test_every_module_bound_names_its_sources() -> None:
    """A bound on a module's release is said only with the sources it rests on (data/l4t_jetpack.json)."""
    table = data.load("l4t_jetpack")["last_release"]
    for family, entry in table["modules"].items():
        assert any(source in entry["why"] for source in table["sources"]), family
        assert 28 <= entry["major"] < 36, family  # a bound of R36 or later would rule nothing out


def test_the_search_worker_s_token_set_keys_are_mended_and_nothing_else() -> None:
    """lunr keys a token-set node by its edges' characters and children's ids with nothing between them, so a digit
    runs into an id (hooks/search_worker.py): each id is ended, once, in lunr's own toString; other code is unchanged."""
    worker = hook("search_worker")
    lunr = ('t.TokenSet.prototype.toString=function(){if(this._str)return this._str;for(var e=this.final?"1":"0",'
            'r=Object.keys(this.edges).sort(),n=r.length,i=0;i<n;i++){var s=r[i],o=this.edges[s];e=e+s+o.id}return e},'
            't.TokenSet.prototype.intersect=function(e){var x=a+b+c.id}return x}')
    mended = worker.mend(lunr)
    assert 'e=e+s+o.id+"\\u0000"}return e}' in mended
    assert mended.replace('+"\\u0000"', "", 1) == lunr
    assert worker.mend("function f(){return 1}") == "function f(){return 1}"
