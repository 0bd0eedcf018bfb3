"""mkdocs hook: publish the executed runbooks from notebooks/ and keep notebook pages light.

- ``on_files`` adds ``notebooks/*.ipynb`` (outside docs/) as site pages, before mkdocs-jupyter
  converts them (hence the high priority).
- ``on_post_page`` moves the stylesheet mkdocs-jupyter inlines into every notebook page (about
  570 KB of JupyterLab CSS) into one shared, cacheable file, and drops script tags that would
  reach the network, so the site works offline.
- Notebook pages are left out of search: their text is output, not prose.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any, Dict

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

REPO = Path(__file__).resolve().parent.parent
SHARED_CSS = "assets/jupyter-notebook.css"
_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
# script tags that load from, or import from, another host (mkdocs-jupyter's mermaid loader)
_REMOTE_SCRIPT = re.compile(r"<script[^>]+src=\"https?://[^\"]*\"[^>]*>\s*</script>|"
                            r"<script[^>]*>(?:(?!</script>).)*?import\(\"https?://(?:(?!</script>).)*</script>", re.S)
_collected: Dict[str, str] = {}


@event_priority(100)
def on_files(files: Files, config: Any) -> Files:
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        files.append(_file(path, config))
    return files


def _file(path: Path, config: Any) -> File:
    """notebooks/NAME.ipynb, read from the repository and published at notebooks/NAME/."""
    return File("notebooks/" + path.name, str(REPO), config["site_dir"], config["use_directory_urls"])


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    if page.file.src_uri.endswith(".ipynb"):
        page.meta.setdefault("search", {"exclude": True})
    return markdown


def on_post_page(output: str, page: Any, config: Any) -> str:
    if not page.file.src_uri.endswith(".ipynb"):
        return output
    big = [m for m in _STYLE.finditer(output) if len(m.group(1)) > 20000]
    for match in reversed(big):
        css = match.group(1)
        _collected[hashlib.sha256(css.encode()).hexdigest()] = css
        output = output[:match.start()] + output[match.end():]
    if big:
        depth = page.url.count("/")
        link = '<link rel="stylesheet" href="{}{}">'.format("../" * depth, SHARED_CSS)
        output = output.replace("</head>", link + "</head>", 1)
    return _REMOTE_SCRIPT.sub("", output)


def on_post_build(config: Any) -> None:
    if _collected:
        target = Path(config["site_dir"]) / SHARED_CSS
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(_collected[k] for k in sorted(_collected)), encoding="utf-8")
