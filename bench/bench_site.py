"""Site benchmarks, measured in one run: build time and what a reader downloads.

Printed: the build's seconds, the heaviest page, the four runbook pages (rendered to Markdown by
hooks/notebooks.py; mkdocs-jupyter's default inlined about 570 KB of JupyterLab CSS into each),
and the triage page on its own: its page and script (within the page budget), and, separately,
the Pyodide files and package archive it downloads only when the reader asks for a reading.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MKDOCS = os.path.join(os.path.dirname(sys.executable), "mkdocs")
KB = 1024
PAGE_BUDGET_KB = 100  # tests/test_site.py: test_every_page_is_light


def build(target: Path) -> float:
    start = time.perf_counter()
    subprocess.run([MKDOCS, "build", "--quiet", "--site-dir", str(target)], cwd=REPO, check=True,
                   env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True)
    return time.perf_counter() - start


def triage(site: Path) -> None:
    page = site / "triage" / "index.html"
    script = site / "assets" / "triage.js"
    print("triage page {} KB + its script {} KB on first load (page budget: {} KB of HTML)".format(
        page.stat().st_size // KB, script.stat().st_size // KB, PAGE_BUDGET_KB))
    pyodide = sorted((site / "assets" / "pyodide").glob("*"))
    if not pyodide:
        print("triage: Pyodide not installed (make installs it), nothing loaded on demand")
        return
    print("triage, loaded on demand when the reader asks: {} KB in all".format(sum(p.stat().st_size for p in pyodide) // KB))
    for path in pyodide:
        print("    {:<24} {:>6} KB".format(path.name, path.stat().st_size // KB))


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="jga-bench-site-"))
    try:
        site = work / "site"
        seconds = build(site)
        pages = sorted(site.rglob("index.html"))
        heaviest = max(pages, key=lambda p: p.stat().st_size)
        print("build {:.2f} s, {} pages, heaviest {} ({} KB of HTML; budget {} KB)".format(
            seconds, len(pages), heaviest.parent.relative_to(site).as_posix() or "/", heaviest.stat().st_size // KB,
            PAGE_BUDGET_KB))
        runbooks = sorted((site / "notebooks").rglob("index.html"))
        print("four runbook pages: largest {} KB, all four {} KB (no notebook stylesheet)".format(
            max(p.stat().st_size for p in runbooks) // KB, sum(p.stat().st_size for p in runbooks) // KB))
        triage(site)
    finally:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
