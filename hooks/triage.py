"""mkdocs hook: ship what the triage page needs to run ``explain`` in the reader's browser.

The triage page (docs/triage/index.md) loads Pyodide, CPython built to WebAssembly, only when the
reader asks for a reading, then imports this package from a zip of its source: the core is
standard library only, so nothing else is needed. Both are served by the site itself (no CDN),
so the page works from the offline copy too.

- Pyodide comes from the npm package ``make`` installs into build/pyodide; only the files the
  interpreter needs to start are copied (no optional packages, no consoles, no source maps).
- The package zip holds tools/jetson_gpu_access without the parts that need root or extras (the
  lab, the runbook notebooks), with fixed timestamps so that two builds give the same bytes.
- Without the npm package the site still builds; the page then tells the reader to use the CLI.
"""

from __future__ import annotations

import logging
import shutil
import zipfile
from pathlib import Path
from typing import Any, List

REPO = Path(__file__).resolve().parent.parent
PYODIDE_DIR = REPO / "build" / "pyodide" / "node_modules" / "pyodide"
# what loadPyodide() fetches to start the interpreter with the standard library, and nothing more
PYODIDE_CORE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json", "package.json")
TARGET = "assets/pyodide"
PACKAGE = REPO / "tools" / "jetson_gpu_access"
PACKAGE_ZIP = "jetson_gpu_access.zip"
LEFT_OUT = ("lab", "runbooks", "__pycache__")
log = logging.getLogger("mkdocs.hooks.triage")


def package_files() -> List[Path]:
    """The package's files as the browser imports them: the core, without lab and runbooks."""
    return sorted(p for p in PACKAGE.rglob("*")
                  if p.is_file() and p.suffix != ".pyc" and not set(p.relative_to(PACKAGE).parts) & set(LEFT_OUT))


def write_package_zip(target: Path) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in package_files():
            info = zipfile.ZipInfo(path.relative_to(PACKAGE.parent).as_posix(), date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())


def on_post_build(config: Any) -> None:
    target = Path(config["site_dir"]) / TARGET
    if not (PYODIDE_DIR / "package.json").is_file():
        log.info("Pyodide is not installed (make installs it into build/pyodide): the triage page will point to the CLI")
        return
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_CORE:
        shutil.copyfile(PYODIDE_DIR / name, target / name)
    write_package_zip(target / PACKAGE_ZIP)
