"""Site benchmarks, measured in one run: build time, and page weights against mkdocs-jupyter's default.

The default inlines its JupyterLab stylesheet into every notebook page; the project's hook moves it
into one shared file. Printed: build seconds for both, the largest notebook page, and the bytes a
reader downloads for the four runbook pages with a warm cache.
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
    finally:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
