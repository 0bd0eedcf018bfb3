"""For bench_site.py: publish notebooks/ like hooks/notebooks.py, without slimming the pages."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

_spec = importlib.util.spec_from_file_location("site_hook", Path(__file__).resolve().parent.parent / "hooks" / "notebooks.py")
assert _spec and _spec.loader
_hook = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_hook)


@event_priority(100)
def on_files(files: Files, config: Any) -> Files:
    result: Files = _hook.on_files(files, config)
    return result
