"""mkdocs hook: publish the executed runbooks in notebooks/ as plain Markdown pages.

An .ipynb file is JSON: this hook reads it with the standard library and writes one Markdown page
per notebook (notebooks/NAME.md, generated, never on disk): Markdown cells as they are, code cells
as fenced Python, outputs as text blocks, or as the HTML table a runbook displays. So the runbook
pages need no notebook plugin (mkdocs-jupyter ties the site to its release cycle, inlines 570 KB
of JupyterLab CSS into every page, and other engines ignore it); they are light, readable on a
phone and styled like every other page. Notebook pages are left out of search: their text is
output, not prose.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any, Dict, List

from mkdocs.structure.files import File, Files

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# a tag that marks a cell papermill or the runbook author gave a role
_TAG_LABELS = {"parameters": "parameters (defaults)", "injected-parameters": "parameters (this run)"}


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def _fence(body: str, lang: str) -> List[str]:
    """A fenced block that its own content cannot close."""
    ticks = "`" * max(3, max((len(m) for m in re.findall(r"`{3,}", body)), default=0) + 1)
    return [ticks + lang, body.rstrip("\n"), ticks]


def _output(output: Dict[str, Any]) -> List[str]:
    kind = output.get("output_type")
    if kind == "stream":
        text = _ANSI.sub("", _text(output.get("text")))
    elif kind == "error":
        text = _ANSI.sub("", "\n".join(output.get("traceback") or [output.get("ename", ""), output.get("evalue", "")]))
    else:
        data = output.get("data", {})
        if "text/markdown" in data:
            return [_text(data["text/markdown"]).rstrip("\n"), ""]
        if "text/html" in data:  # a table the runbook itself renders from its checks
            return ['<div class="jga-nb-html">', _text(data["text/html"]).strip(), "</div>", ""]
        text = _text(data.get("text/plain"))
    if not text.strip():
        return []
    return _fence(text, "text") + [""]


def markdown_of(notebook: Dict[str, Any]) -> str:
    """The Markdown page of an executed notebook (nbformat 4)."""
    out: List[str] = []
    for cell in notebook.get("cells", []):
        source = _text(cell.get("source"))
        if cell.get("cell_type") == "markdown":
            out += [source.rstrip("\n"), ""]
            continue
        if cell.get("cell_type") != "code" or not source.strip():
            continue
        tags = [t for t in cell.get("metadata", {}).get("tags", []) if t in _TAG_LABELS]
        block = ['<div class="jga-nb-cell" markdown>', ""]
        if tags:
            block += ['<span class="jga-nb-tag">{}</span>'.format(html.escape(_TAG_LABELS[tags[0]])), ""]
        block += _fence(source, "python") + [""]
        outputs = [line for output in cell.get("outputs", []) for line in _output(output)]
        if outputs:
            block += ['<div class="jga-nb-output" markdown>', ""] + outputs + ["</div>", ""]
        out += block + ["</div>", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def on_files(files: Files, config: Any) -> Files:
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        page = markdown_of(json.loads(path.read_text(encoding="utf-8")))
        files.append(File.generated(config, "notebooks/{}.md".format(path.stem), content=page))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    if page.file.src_uri.startswith("notebooks/"):
        page.meta.setdefault("search", {"exclude": True})
    return markdown
