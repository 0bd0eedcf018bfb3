"""The documentation site as readers meet it: built strictly, light, offline, and in a real browser.

The site is built once per session into a temporary folder and served on loopback. Browser tests
drive Debian's chromium through Playwright; screenshots go to build/screenshots (CI artifacts).
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import pytest

REPO = Path(__file__).resolve().parent.parent
SCREENSHOTS = REPO / "build" / "screenshots"
KB = 1024


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    target = tmp_path_factory.mktemp("site")
    mkdocs = os.path.join(os.path.dirname(sys.executable), "mkdocs")
    result = subprocess.run([mkdocs, "build", "--strict", "--quiet", "--site-dir", str(target)], cwd=REPO,
                            capture_output=True, text=True, timeout=300, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 0, result.stderr
    return target


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def served(site: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield "http://127.0.0.1:{}/".format(server.server_address[1])
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def pages(site: Path) -> List[Path]:
    return sorted(p for p in site.rglob("index.html"))


# --- weight and offline, without a browser -------------------------------------------------------

def referenced_assets(site: Path, page: Path) -> List[Path]:
    html = page.read_text(encoding="utf-8")
    refs = re.findall(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"', html)
    return [(page.parent / ref.split("?")[0]).resolve() for ref in refs if not ref.startswith(("http:", "https:"))]


def test_every_page_is_light(site: Path) -> None:
    heavy = {str(p.relative_to(site)): p.stat().st_size // KB for p in pages(site) if p.stat().st_size > 100 * KB}
    assert heavy == {}, "pages over 100 KB of HTML: {}".format(heavy)


def test_runbook_pages_are_plain_markdown_pages(site: Path) -> None:
    """The executed runbooks render without a notebook plugin: no JupyterLab stylesheet, light pages."""
    pages_ = sorted((site / "notebooks").rglob("index.html"))
    assert [p.parent.name for p in pages_] == ["diagnose", "fix", "migrate", "verify"]
    for page in pages_:
        html = page.read_text(encoding="utf-8")
        assert "jp-Cell" not in html and "jupyter" not in " ".join(a.name for a in referenced_assets(site, page)), page
        assert html.count('class="jga-nb-cell"') >= 4, page
        assert page.stat().st_size < 100 * KB, "{}: {} KB".format(page, page.stat().st_size // KB)


def test_nothing_is_fetched_from_another_host(site: Path) -> None:
    remote = re.compile(r'<(?:link|script|img|iframe)[^>]+(?:href|src)="(https?://[^"]+)"|@import url\((https?://[^)]+)\)')
    found = {}
    for path in [*site.rglob("*.html"), *site.rglob("*.css")]:
        hits = [m.group(1) or m.group(2) for m in remote.finditer(path.read_text(encoding="utf-8", errors="replace"))]
        hits = [h for h in hits if "w3.org" not in h]
        if hits:
            found[str(path.relative_to(site))] = hits[:3]
    assert found == {}


def test_notebook_pages_are_left_out_of_search(site: Path) -> None:
    import json

    index = json.loads((site / "search" / "search_index.json").read_text())
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert not any(loc.startswith("notebooks/") for loc in locations)
    assert "reference/errors/" in locations


# --- in a real browser ---------------------------------------------------------------------------



@pytest.fixture
def page(browser, served):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=served)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.rstrip("/"))
    opened = context.new_page()
    opened.events: Dict[str, List[str]] = {"console": [], "remote": []}  # type: ignore[attr-defined]
    opened.on("console", lambda msg: msg.type == "error" and opened.events["console"].append(msg.text))  # type: ignore[attr-defined]
    opened.on("request", lambda req: not req.url.startswith((served, "data:", "blob:")) and
              opened.events["remote"].append(req.url))  # type: ignore[attr-defined]
    yield opened
    context.close()


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / (name + ".png")), full_page=False)


def test_every_page_loads_cleanly_and_stays_on_loopback(page, site: Path) -> None:  # type: ignore[no-untyped-def]
    for path in pages(site):
        url = "/" + path.parent.relative_to(site).as_posix() + "/" if path.parent != site else "/"
        response = page.goto(url, wait_until="networkidle")
        assert response is not None and response.ok, url
    assert page.events["console"] == [] and page.events["remote"] == []


@pytest.mark.parametrize(("query", "expected"), [("801", "reference/errors/"), ("NvRmMemInitNvmap", "reference/errors/")])
def test_search_lands_on_the_right_page(page, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/", wait_until="networkidle")
    field = page.locator("input.md-search__input")
    field.click()
    field.press_sequentially(query, delay=50)  # material searches on key events, not on a filled value
    first = page.locator("li.md-search-result__item a").first
    first.wait_for(timeout=30000)
    shot(page, "search-" + query)
    first.click()
    page.wait_for_load_state("networkidle")
    assert expected in page.url, page.url
    assert query in page.content()


def test_runbook_page_shows_cells_and_outputs(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/notebooks/diagnose/", wait_until="networkidle")
    assert page.locator(".jga-nb-cell").count() > 5
    assert "SIMULATED lab profile jp61-container-ubuntu-ssh" in " ".join(page.locator(".jga-nb-output").all_inner_texts())
    assert page.locator(".jga-nb-html table").count() == 1  # the runbook's own table of checks
    shot(page, "runbook-diagnose")


def test_copy_button_copies_a_command(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/how-to/fix/", wait_until="networkidle")
    page.locator("pre").first.hover()
    page.locator("button[data-md-type='copy'], button.md-clipboard").first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("jetson-gpu-access plan --user alice"), copied


def test_dark_mode_toggles(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/", wait_until="networkidle")
    before = page.get_attribute("body", "data-md-color-scheme")
    page.locator("label.md-header__button[for^='__palette']").first.click()
    after = page.get_attribute("body", "data-md-color-scheme")
    shot(page, "dark-mode")
    assert (before, after) == ("default", "slate")


# --- the triage page: explain, run in the browser by Pyodide, from this site only ----------------

TRIAGE_REPORTS = ("https://github.com/dusty-nv/jetson-containers/issues/1136",   # cuInit 801 in a JetPack 6 container
                  "https://github.com/dusty-nv/jetson-containers/issues/384",    # no /dev/nvmap: started without the GPU nodes
                  "https://github.com/anduril/jetpack-nixos/issues/118")         # /dev/nvmap denied to a desktop session


def corpus_entry(url: str) -> Dict[str, object]:
    import yaml

    corpus = yaml.safe_load((REPO / "tests" / "data" / "report_corpus.yaml").read_text(encoding="utf-8"))
    return next(entry for entry in corpus if entry["url"] == url)


@pytest.fixture
def offline_page(page, served):  # type: ignore[no-untyped-def]
    """The page with every request that is not for the local site aborted: the network is gone."""
    page.context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(served)
                       else route.abort("internetdisconnected"))
    return page


def test_triage_page_reads_real_reports_in_the_browser_offline(offline_page, site: Path) -> None:  # type: ignore[no-untyped-def]
    from jetson_gpu_access.explain import explain, render_text

    if not (site / "assets" / "pyodide" / "pyodide.asm.wasm").is_file():
        pytest.skip("Pyodide is not installed (make docs installs it with npm into build/pyodide)")
    page = offline_page
    fetched: List[str] = []
    page.on("request", lambda req: fetched.append(req.url))
    page.goto("/triage/", wait_until="networkidle")
    assert not [u for u in fetched if "/pyodide/" in u], "Pyodide must load only when the reader asks"
    for number, url in enumerate(TRIAGE_REPORTS):
        entry = corpus_entry(url)
        text = str(entry["text"])
        page.fill("#jga-triage-text", text)
        page.click("#jga-triage-run")
        page.wait_for_function("document.getElementById('jga-triage-status').textContent.startsWith('Read by')",
                               timeout=120000 if number == 0 else 30000)
        expected = explain(text)
        shown_ids = page.get_attribute(".jga-triage-signatures", "data-ids") or ""
        assert shown_ids.split() == [m.id for m in expected.matches], url
        assert shown_ids.split() == list(entry["expect"].get("errors", [])), url  # type: ignore[union-attr]
        cause = getattr(expected, "cause", None)
        if cause is not None:  # explain names a most likely cause: the page shows the same one
            assert page.get_attribute(".jga-triage-cause", "data-cause") == cause.id, url
        assert page.inner_text("pre.jga-triage-text").rstrip("\n") == render_text(expected).rstrip("\n"), url
        shot(page, "triage-{}".format(number + 1))
    assert [u for u in fetched if "/pyodide/" in u], "the reading came from the site's own Pyodide"
    assert page.events["console"] == [] and page.events["remote"] == []


# --- journeys: from a symptom to the commands that fix it ----------------------------------------

# what a block of fix commands contains: the shadow-utils change, the tool's plan/apply, launch options
FIX_COMMAND = re.compile(r"\bgroupadd\b|\busermod\b|jetson-gpu-access (?:plan|apply|docker-args)|--device|--runtime|--group-add")
# The code blocks of the section a link lands on: from the target heading (or the page title) to the
# next heading of the same or a higher level (for the title: the next h2).
SECTION_CODE = """() => {
  const id = decodeURIComponent(location.hash.slice(1));
  const start = id ? document.getElementById(id) : document.querySelector("article h1");
  if (!start) return null;
  const level = Math.max(+start.tagName[1] || 2, 2);
  const blocks = [];
  for (let el = start.nextElementSibling; el; el = el.nextElementSibling) {
    if (/^H[1-6]$/.test(el.tagName) && +el.tagName[1] <= level) break;
    if (el.tagName === "PRE") blocks.push(el.innerText);
    el.querySelectorAll("pre").forEach((p) => blocks.push(p.innerText));
  }
  return blocks;
}"""


def symptom_links(page) -> List[Tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(symptom, link text) for every link in the 'Go to' column of the home page's symptom table."""
    page.goto("/", wait_until="networkidle")
    table = page.locator("table", has=page.locator("th", has_text="You see"))
    out = []
    for row in table.locator("tbody tr").all():
        symptom = row.locator("td").nth(0).inner_text()
        out += [(symptom, link.inner_text()) for link in row.locator("td").nth(2).locator("a").all()]
    return out


def test_every_symptom_row_is_one_click_from_its_fix_commands(page) -> None:  # type: ignore[no-untyped-def]
    links = symptom_links(page)
    assert len(links) >= 6
    for symptom, text in links:
        page.goto("/", wait_until="networkidle")
        row = page.locator("table", has=page.locator("th", has_text="You see")).locator("tbody tr",
                                                                                       has_text=symptom.split("\n")[0])
        row.locator("td").nth(2).get_by_role("link", name=text, exact=True).click()  # the one click
        page.wait_for_load_state("networkidle")
        blocks = page.evaluate(SECTION_CODE)
        assert blocks is not None, (symptom, text, page.url)
        assert any(FIX_COMMAND.search(b) for b in blocks), "{!r} -> {!r} lands on {} without fix commands".format(
            symptom, text, page.url)


def test_every_finding_shows_what_the_cli_prints_and_links_its_causes(page) -> None:  # type: ignore[no-untyped-def]
    from jetson_gpu_access import data

    catalogue = data.load("findings")["findings"]
    page.goto("/reference/findings/", wait_until="networkidle")
    for code, entry in catalogue.items():
        page.evaluate("(id) => { location.hash = id }", code.lower())
        blocks = page.evaluate(SECTION_CODE)
        printed = [b for b in blocks if code in b and "fix:" in b]
        assert printed, code
        remedy_start = entry["remedy"].split("{")[0][:40]
        assert remedy_start in " ".join(printed[0].split()), code
        section_links = page.evaluate("""(id) => {
          const start = document.getElementById(id); const links = [];
          for (let el = start.nextElementSibling; el && el.tagName !== "H2"; el = el.nextElementSibling)
            el.querySelectorAll("a[href^='#']").forEach((a) => links.push(a.getAttribute("href").slice(1)));
          return links; }""", code.lower())
        for cause in entry.get("causes", []):
            assert cause.lower() in section_links, (code, cause)
            assert page.locator("#" + cause.lower()).count() == 1, cause


# --- search: the site's own lunr index, queried in the browser as readers type ------------------

# (what readers type, the page that must come first). lunr's query lexer splits at hyphens whatever
# the index's separator, so "group-add" is answered by ranking: section titles and page boosts.
SEARCH_TOP = [
    ("801", "reference/errors/"),
    ("NvRmMemInitNvmap", "reference/errors/"),
    ("cuInit", "reference/errors/"),
    ("no such file or directory", "reference/errors-container/"),
    ("Unable to find group render", "reference/errors/"),
    ("group-add", "how-to/docker-run/"),
    ("--group-add", "how-to/docker-run/"),  # as pasted from a command line: lunr alone read "-" as "not"
    ("render group", "explanation/what-changed/"),
    ("docker exec ssh", "how-to/ssh/"),
    ("initgroups", "explanation/permission-model/"),
    ("chmod 666", "security/"),
    ("privileged", "security/"),
    ("seat ACL", "reference/findings/"),
    ("Dockerfile", "how-to/dockerfile/"),
    ("entrypoint", "how-to/entrypoint/"),
    ("migrate JetPack 5", "how-to/migrate/"),
    ("L4T", "reference/l4t-jetpack/"),
    ("ansible", "how-to/fleet/"),
    ("CI runner", "how-to/ci-runner/"),
]
FIRST_RESULT = """([query, expected]) => {
  const field = document.querySelector("input.md-search__input");
  const first = document.querySelector("li.md-search-result__item > a");
  return field.value === query && first !== null && new URL(first.href).pathname === "/" + expected;
}"""


def test_search_puts_the_right_page_first(page) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # lunr's token set came out broken for some sets of words (a TypeError in the search worker, which the theme logs
    # as a warning; every query with the prefix it breaks then finds nothing) until hooks/search_worker.py mended it
    broken: List[str] = []
    page.on("console", lambda msg: msg.type == "warning" and "Error" in msg.text and broken.append(msg.text[:300]))
    page.goto("/", wait_until="networkidle")
    field = page.locator("input.md-search__input")
    wrong = {}
    for query, expected in SEARCH_TOP:
        field.click()
        field.fill("")
        field.press_sequentially(query, delay=20)
        try:
            # a wait for the right result, not a speed limit: a busy machine (two test processes) may take seconds
            page.wait_for_function(FIRST_RESULT, arg=[query, expected], timeout=30000)
        except PlaywrightTimeout:
            first = page.locator("li.md-search-result__item > a").first
            wrong[query] = first.get_attribute("href") if first.count() else None
    assert not broken, "the search worker fails on the site's index: {}".format(broken[:2])
    assert len(SEARCH_TOP) >= 15 and wrong == {}


# --- confidence marks and source links, as built -----------------------------------------------

MARK = re.compile(r'<a class="jga-conf jga-conf-([a-z-]+)" href="([^"#]*)#([a-z0-9-]+)"[^>]*>([^<]*)</a>')


def test_every_mark_on_the_site_points_at_its_row_of_the_fact_table(site: Path) -> None:
    """What the hooks made of the pages (runbook pages and generated tables included): no token is
    left unrendered, and each mark is labelled with its claim's confidence and lands on its row."""
    from jetson_gpu_access import data

    table = data.load("claims")["claims"]
    facts_page = (site / "reference" / "facts" / "index.html").resolve()
    facts = facts_page.read_text(encoding="utf-8")
    seen = set()
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        assert "{{ claim:" not in html, page
        for kind, href, claim_id, label in MARK.findall(html):
            assert (page.parent / href / "index.html").resolve() == facts_page, (page, href)
            assert kind == label == table[claim_id]["confidence"], (page, claim_id)
            assert 'id="{}"'.format(claim_id) in facts, claim_id
            seen.add(claim_id)
    assert seen == set(table)


def test_a_mark_is_visible_and_one_click_from_its_sources(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/explanation/what-changed/", wait_until="networkidle")
    mark = page.locator("a.jga-conf", has_text="inferred").first
    box = mark.bounding_box()
    assert box is not None and box["width"] > 10 and box["height"] > 5
    shot(page, "confidence-mark")
    claim_id = (mark.get_attribute("href") or "").split("#")[1]
    mark.click()
    page.wait_for_load_state("networkidle")
    row = page.locator("tr", has=page.locator("#" + claim_id))
    assert "inferred" in row.inner_text()
    assert row.locator("a[href^='https://']").count() >= 1  # its sources, as links


# --- each explanation said once -----------------------------------------------------------------

def test_not_fixes_and_the_login_view_are_explained_once_and_linked() -> None:
    """The reasons against the "fixes" live on security.md, the initgroups() mechanism on the
    permission model; other pages name them and link there."""
    import docgen

    docs = {p.relative_to(REPO / "docs").as_posix(): p.read_text(encoding="utf-8")
            for p in (REPO / "docs").rglob("*.md")}
    docs = {name: text for name, text in docs.items() if name not in docgen.PAGES}  # generated: quoted, not written
    home_of = {"moby#45491": "security.md", "CIS Docker Benchmark": "security.md", "root-equivalent (": "security.md",
               "CVE-2021-34401": "security.md", "do_setusercontext": "explanation/permission-model.md"}
    for marker, home in home_of.items():
        assert [name for name, text in docs.items() if marker in text] == [home], marker
    for name, text in docs.items():
        if name not in ("security.md", "lab/seed-claims.md") and re.search(r"`--privileged`.*`docker` group", text, re.S):
            assert "security.md" in text, name
        if name != "explanation/permission-model.md" and "rebuild" in text and "/etc/group" in text:
            assert "permission-model.md#two-views" in text, name


# --- reading comfort on a phone (390 px wide) ----------------------------------------------------

PHONE = {"width": 390, "height": 844}
# Per page: the document's width, code in tables broken inside a token (a line break between two
# characters that are not spaces), and elements that stick out of the screen outside a box that
# scrolls (tables' scroll wrappers, code blocks).
LAYOUT = """() => {
  const broken = [];
  for (const code of document.querySelectorAll("article table code")) {
    const text = code.firstChild;
    if (!text || text.nodeType !== Node.TEXT_NODE) continue;
    const range = document.createRange();
    let lastTop = null;
    for (let i = 0; i < text.length; i++) {
      range.setStart(text, i); range.setEnd(text, i + 1);
      const rect = range.getBoundingClientRect();
      if (!rect.width) continue;
      if (lastTop !== null && rect.top > lastTop + 2 && !/\\s/.test(text.data[i - 1]) && !/\\s/.test(text.data[i]))
        broken.push(text.data);
      lastTop = rect.top;
    }
  }
  const scrolls = (el) => el.closest(".md-typeset__scrollwrap, pre, .jga-nb-html");
  const sticking = [...document.querySelectorAll("article *")]
    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !scrolls(el))
    .map((el) => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""));
  const wrappers = [...document.querySelectorAll("article .md-typeset__scrollwrap, article pre")]
    .filter((el) => el.scrollWidth > el.clientWidth + 1)
    .filter((el) => !["auto", "scroll"].includes(getComputedStyle(el.matches("pre") ? el.querySelector("code") || el : el).overflowX)
                    && !["auto", "scroll"].includes(getComputedStyle(el).overflowX));
  return {width: document.documentElement.scrollWidth, broken: [...new Set(broken)].slice(0, 5),
          sticking: sticking.slice(0, 5), unscrollable: wrappers.length};
}"""


def test_every_page_reads_on_a_phone(browser, served, site: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=served, viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    problems = {}
    try:
        for path in pages(site):
            url = "/" + path.parent.relative_to(site).as_posix() + "/" if path.parent != site else "/"
            page.goto(url, wait_until="networkidle")
            layout = page.evaluate(LAYOUT)
            if layout["width"] > PHONE["width"] or layout["broken"] or layout["sticking"] or layout["unscrollable"]:
                problems[url] = layout
        for name, url in (("home", "/"), ("device-nodes", "/reference/device-nodes/"), ("runbook-fix", "/notebooks/fix/"),
                          ("findings", "/reference/findings/#grp-002")):
            page.goto(url, wait_until="networkidle")
            shot(page, "phone-" + name)
        page.goto("/notebooks/fix/", wait_until="networkidle")
        code_size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.jga-nb-cell pre code')).fontSize)")
        assert code_size >= 11, "runbook code at {} px".format(code_size)
    finally:
        context.close()
    assert problems == {}


# --- a look of its own ---------------------------------------------------------------------------

def test_every_page_carries_the_logo_favicon_and_social_card(site: Path) -> None:
    import struct

    card = REPO / "docs" / "assets" / "social-card.png"
    width, height = struct.unpack(">II", card.read_bytes()[16:24])  # the PNG's IHDR, committed, made offline
    assert (width, height) == (1200, 630)
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        icon = re.search(r'<link rel="icon" href="([^"]+)"', html)
        image = re.search(r'<meta property="og:image" content="([^"]+)"', html)
        logo = re.search(r'<img src="([^"]+logo\.svg)"', html)
        assert icon and image and logo, page
        for ref in (icon.group(1), image.group(1), logo.group(1)):
            assert (page.parent / ref).resolve().is_file(), (page, ref)


def test_the_palette_is_the_sites_own(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/", wait_until="networkidle")
    header = "getComputedStyle(document.querySelector('.md-header')).backgroundColor"
    assert page.evaluate(header) == "rgb(31, 90, 76)"  # --md-primary-fg-color in assets/jga.css, not indigo


# --- a second engine ------------------------------------------------------------------------------

def test_a_second_engine_builds_the_same_pages(site: Path, tmp_path: Path) -> None:
    """ProperDocs (a maintained fork of MkDocs 1.6) builds the same mkdocs.yml, hooks included,
    into the same set of pages: the site does not depend on one engine's future."""
    engine = os.path.join(os.path.dirname(sys.executable), "properdocs")
    if not os.path.exists(engine):
        pytest.skip("ProperDocs is not installed (the dev extra installs it on Python 3.9 and later)")
    target = tmp_path / "properdocs"
    result = subprocess.run([engine, "build", "--strict", "--quiet", "-f", "mkdocs.yml", "--site-dir", str(target)], cwd=REPO,
                            capture_output=True, text=True, timeout=300, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 0, result.stderr
    assert [p.relative_to(target) for p in pages(target)] == [p.relative_to(site) for p in pages(site)]
    for generated in ("notebooks/fix/index.html", "reference/findings/index.html"):  # the hooks ran there too
        assert (target / generated).read_text(encoding="utf-8").count("jga-") > 3, generated


# --- the hooks, as functions ----------------------------------------------------------------------

def hook(name: str):  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location("hook_" + name, REPO / "hooks" / (name + ".py"))
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_a_notebook_becomes_markdown_that_its_outputs_cannot_break() -> None:
    notebook = {"cells": [
        {"cell_type": "markdown", "source": ["# Title\n", "Prose."]},
        {"cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": "x = 1", "outputs": []},
        {"cell_type": "code", "metadata": {}, "source": ["print('```')"], "outputs": [
            {"output_type": "stream", "name": "stdout", "text": ["```\n", "\x1b[31mred\x1b[0m\n"]},
            {"output_type": "display_data", "data": {"text/html": "<table><tr><td>PASS</td></tr></table>", "text/plain": "t"}},
            {"output_type": "error", "ename": "E", "evalue": "v", "traceback": ["\x1b[1mTraceback\x1b[0m", "E: v"]}]},
        {"cell_type": "code", "metadata": {}, "source": "", "outputs": []},
        {"cell_type": "raw", "source": "ignored"}]}
    page = hook("notebooks").markdown_of(notebook)
    assert page.startswith("# Title\nProse.\n")
    assert "parameters (defaults)" in page and "ignored" not in page and "\x1b" not in page
    assert "````text\n```\nred\n````" in page  # a longer fence than the output's own backticks
    assert '<div class="jga-nb-html">\n<table><tr><td>PASS</td></tr></table>\n</div>' in page
    assert "Traceback\nE: v" in page
    assert page.count('<div class="jga-nb-cell" markdown>') == 2


def test_the_package_zip_for_the_browser_is_the_core_and_reproducible(tmp_path: Path) -> None:
    import zipfile

    triage = hook("triage")
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    triage.write_package_zip(first)
    triage.write_package_zip(second)
    assert first.read_bytes() == second.read_bytes()
    names = zipfile.ZipFile(first).namelist()
    assert "jetson_gpu_access/explain/reading.py" in names and "jetson_gpu_access/data/symptoms.json" in names
    assert not [n for n in names if "/lab/" in n or "/runbooks/" in n or n.endswith(".pyc")]
