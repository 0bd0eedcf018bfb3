"""No shipped file recommends a dangerous "fix" except in a passage that explains why not.

Scans the package, the runbooks, the docs and the README for the anti-patterns of the
reliability checklist. A hit passes only inside a passage (a paragraph with its section heading)
that says never / not / refuses / instead, or that reports what a system has ("the driver creates
the node with mode 0666", "observed"), or in a data file that records observed modes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator, List, Tuple

REPO = Path(__file__).resolve().parent.parent
SCANNED = ["tools", "runbooks", "docs", "README.md"]
PATTERNS = {
    "world-writable mode": re.compile(r"chmod\s+0?666|MODE=\"0?666\"|\b0666\b"),
    "--privileged": re.compile(r"--privileged"),
    "shell=True": re.compile(r"shell\s*=\s*True"),
    "groupadd -f": re.compile(r"groupadd\s+(?:-\S+\s+)*-f\b"),
    "duplicate GID (-o)": re.compile(r"\b(?:groupadd|groupmod|usermod)\b[^\n]*\s-o\b"),
    "usermod -G without -a": re.compile(r"\busermod\b(?![^\n]*\s-a\b)(?![^\n]*--append)[^\n]*\s-G\b"),
    "|| true after an account tool": re.compile(r"\b(?:groupadd|groupmod|usermod|gpasswd|addgroup)\b[^\n]*\|\|\s*true"),
}
EXPLAINS = re.compile(r"never|\bnot\b|n't|\bneither\b|refus|instead|anti-pattern|danger|forbid|do not help|"
                      r"changes nothing|creates|created with|observed|\bseen\b", re.I)
# Data that records what real systems have (observed modes), never advice.
OBSERVED = {"tools/jetson_gpu_access/lab/devicesets.json", "docs/lab/profile-format.md",
            "tools/jetson_gpu_access/lab/profiles/x86-dgpu-host.json"}


def files() -> Iterator[Path]:
    for name in SCANNED:
        path = REPO / name
        candidates = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for candidate in candidates:
            if "__pycache__" not in candidate.parts and candidate.suffix not in (".pyc", ".so"):
                yield candidate


def passages(text: str, markdown: bool) -> Iterator[Tuple[int, str, str]]:
    """(first line number, paragraph, the page title and heading above it) for blank-line-separated blocks."""
    start, block, heading, title = 1, [], "", ""  # type: int, List[str], str, str
    for number, line in enumerate(text.splitlines() + [""], 1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
            if markdown and line.startswith("# ") and not title:
                title = line  # a page title frames every passage below it ("the fixes that are not")
            if markdown and line.startswith("#"):
                heading = title + "\n" + line
        elif block:
            yield start, "\n".join(block), heading
            block = []


def hits() -> List[str]:
    found = []
    for path in files():
        relative = str(path.relative_to(REPO))
        if relative in OBSERVED:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for start, paragraph, heading in passages(text, path.suffix == ".md"):
            for name, pattern in PATTERNS.items():
                for match in pattern.finditer(paragraph):
                    if not EXPLAINS.search(heading + "\n" + paragraph):
                        line = start + paragraph[:match.start()].count("\n")
                        found.append("{}:{}: {}".format(relative, line, name))
    return found


def test_no_antipattern_outside_an_explanation() -> None:
    assert hits() == []


def test_the_scanner_finds_what_it_should() -> None:
    """Guard against a scanner that cannot fail: each pattern matches its anti-pattern."""
    samples = {"world-writable mode": "chmod 666 /dev/nvmap", "--privileged": "docker run --privileged x",
               "shell=True": "subprocess.run(cmd, shell=True)", "groupadd -f": "groupadd -f render",
               "duplicate GID (-o)": "groupadd -o -g 44 render", "usermod -G without -a": "usermod -G render alice",
               "|| true after an account tool": "usermod -aG render alice || true"}
    for name, sample in samples.items():
        assert PATTERNS[name].search(sample), name
        assert not EXPLAINS.search(sample), name
    assert not PATTERNS["usermod -G without -a"].search("usermod -a -G render alice")
