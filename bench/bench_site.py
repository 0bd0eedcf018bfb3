"""Site benchmarks, measured in one run: build time, and page weights against mkdocs-jupyter's default.

The default inlines its JupyterLab stylesheet into every notebook page; the project's hook moves it
into one shared file. Printed: build seconds for both, the largest notebook page, and the bytes a
reader downloads for the four runbook pages with a warm cache. The triage page is reported on its
own: its page and script (within the page budget), and, separately, the Pyodide files and package
archive it downloads only when the reader asks for a reading.
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


def build(config: Path, target: Path) -> float:
    start = time.perf_counter()
    subprocess.run([MKDOCS, "build", "--quiet", "-f", str(config), "--site-dir", str(target)], cwd=REPO, check=True,
                   env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True)
    return time.perf_counter() - start


def notebook_pages(site: Path) -> list:  # type: ignore[type-arg]
    return sorted((site / "notebooks").rglob("index.html"))


def triage(site: Path) -> None:
    page = site / "triage" / "index.html"
    script = site / "assets" / "triage.js"
    print("triage page {} KB + its script {} KB on first load (page budget: 100 KB of HTML)".format(
        page.stat().st_size // KB, script.stat().st_size // KB))
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
        ours = build(REPO / "mkdocs.yml", work / "ours")
        plain = REPO / "mkdocs-bench-default.yml"  # the same site without the hook's page slimming
        plain.write_text((REPO / "mkdocs.yml").read_text().replace("  - hooks/notebooks.py\n", "  - bench/hook_files_only.py\n"))
        try:
            default = build(plain, work / "default")
        finally:
            plain.unlink()
        for name, site, seconds in (("ours", work / "ours", ours), ("mkdocs-jupyter default", work / "default", default)):
            pages = notebook_pages(site)
            biggest = max(p.stat().st_size for p in pages)
            warm = sum(p.stat().st_size for p in pages)
            print("{:<24} build {:.2f} s, largest notebook page {} KB, four runbook pages with a warm cache {} KB".format(
                name, seconds, biggest // KB, warm // KB))
        ratio = sum(p.stat().st_size for p in notebook_pages(work / "default")) / sum(
            p.stat().st_size for p in notebook_pages(work / "ours"))
        print("notebook pages are {:.1f}x lighter than the default (warm cache)".format(ratio))
        triage(work / "ours")
    finally:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
