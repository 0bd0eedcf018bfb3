"""mkdocs hook: every finding on reference/findings.md shows what the report prints for it.

Each ``## CODE — … {#code}`` section gets, at its end, the lines ``jetson-gpu-access diagnose``
prints for that finding, made by the same code from the same catalogue (data/findings.json): the
title and the ``fix:`` line, filled in for one example (user alice, the render node with the host's
GID 993). A consequence finding (ACC-…) that leaves the fix to its causes links each of them (the
catalogue's ``causes``), so no section ends in "see elsewhere" without saying where.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any, Dict, List

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))  # this checkout's package, not an installed one

from jetson_gpu_access import data
from jetson_gpu_access.diagnose import make_finding
from jetson_gpu_access.report import _finding_lines

PAGE = "reference/findings.md"
SECTION = re.compile(r"^## ([A-Z]+-\d{3}) ", re.M)
# The example every filled-in line on the page describes; stated above each block.
EXAMPLE: Dict[str, Any] = {
    "user": "alice", "uid": 1000, "gid": 993, "group": "render", "name": "render", "expected": "render",
    "local_gid": 109, "group_desc": "render (GID 993)", "path": "/dev/dri/renderD128", "mode": "0600",
    "owner": "root", "needs": "rw", "kind": "a regular file", "pid": 1, "version": "1.16.1", "views": "login",
    "how": "groupadd -g 993 render, then usermod -aG render alice", "paths": "/etc/group",
    "gids": "993", "pids": "4242 (sshd session), 4300 (exec)", "first": 4242, "label": "su -",
    "groups": "rebuilds the groups from /etc/group", "fix": "an /etc/group line with the host's GID that lists the user",
}
# where the example needs another value to read true
OVERRIDES: Dict[str, Dict[str, Any]] = {
    "GRP-006": {"name": "messagebus"},
    "ACC-002": {"path": "/dev/nvmap", "group_desc": "video (GID 44)"},
    "ACC-004": {"path": "/dev/nvgpu/igpu0/ctrl", "group_desc": "video (GID 44)"},
    "DEV-005": {"path": "/dev/nvmap", "group": "root"},
    "ACC-005": {"path": "/dev/nvmap", "mode": "0440"},
    "GRP-005": {"group_desc": "render"},
    "TKT-002": {"version": "1.19.1"},
}


def printed(code: str) -> List[str]:
    """The lines the text report prints for ``code`` in the example, evidence left out."""
    finding = make_finding(code, [], **dict(EXAMPLE, **OVERRIDES.get(code, {})))
    return [line for line in _finding_lines(finding) if not line.lstrip().startswith("docs:")]


def addendum(code: str, entry: Dict[str, Any]) -> str:
    block = ["", "`diagnose` prints:", "", "``` {.text .jga-printed}"] + printed(code) + ["```"]
    causes = entry.get("causes", [])
    if causes:
        block += ["", "Its causes, each with its fix: " + ", ".join("[{}](#{})".format(c, c.lower()) for c in causes) +
                  ". For the most common one (GRP-002 in a container) the three commands are on the "
                  "[start page](../index.md#the-common-fix); `jetson-gpu-access plan --user alice` prints them "
                  "for your device ([fix a running container](../how-to/fix.md))."]
    return "\n".join(block) + "\n"


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if page.file.src_uri != PAGE:
        return markdown
    catalogue = data.load("findings")["findings"]
    starts = [m.start() for m in SECTION.finditer(markdown)] + [len(markdown)]
    out = [markdown[:starts[0]]]
    for start, end in zip(starts, starts[1:]):
        section = markdown[start:end]
        code = SECTION.match(section).group(1)  # type: ignore[union-attr]
        out.append(section.rstrip("\n") + "\n" + addendum(code, catalogue[code]) + "\n")
    return "".join(out)
