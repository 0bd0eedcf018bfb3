"""The prose of a Markdown page, as the claims and sources checks read it.

Code is quoted program text, not the site's own claims, so fenced blocks (and inline code, for
the link rewriting) are left out. Prose is cut into the units a reader takes as one statement and
where one mark or link belongs: a paragraph, a list item, a table row, a heading.
"""

from __future__ import annotations

import re
from typing import Iterator, List, Tuple

FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+\.)[ \t]+")


def prose_lines(markdown: str) -> Iterator[Tuple[int, str]]:
    """(line number, line) for every line, with the lines of fenced code and front matter given as
    empty lines: paragraphs around a code block stay apart, and numbers stay those of the file."""
    lines = markdown.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":  # front matter (search boost and the like)
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), None)
        if end is not None:
            start = end + 1
    for number in range(1, start + 1):
        yield number, ""
    fence = ""
    for number, line in enumerate(lines[start:], start + 1):
        opening = FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence) \
                    and not line.strip()[len(opening.group(1)):].strip():
                fence = ""
            yield number, ""
        elif opening:
            fence = opening.group(1)
            yield number, ""
        else:
            yield number, line


def blocks(markdown: str) -> Iterator[Tuple[int, str]]:
    """(first line number, text with whitespace collapsed) of each paragraph, list item, table row
    and heading outside code."""
    current: List[str] = []
    first = 0

    def flush() -> Iterator[Tuple[int, str]]:
        if current:
            yield first, " ".join(" ".join(current).split())
        current.clear()

    for number, line in prose_lines(markdown):
        stripped = line.strip()
        if not stripped:
            yield from flush()
            continue
        if stripped.startswith(("|", "#")) or ITEM.match(line):
            yield from flush()
            first = number
            current.append(stripped)
            if stripped.startswith(("|", "#")):
                yield from flush()
            continue
        if not current:
            first = number
        current.append(stripped)
    yield from flush()
