"""mkdocs hook: every source a page cites is a link.

Pages, and the pages built from data (error messages, toolkit bands, privilege drops), cite
sources the way the fact sheet does: ``owner/repo#123``, ``jetson-containers#763``, ``toolkit PR
#1631``, ``OE4T/meta-tegra commit dc3a9d5b``, ``tianon/gosu setup-user.go``, ``CVE-2024-0132``, ``NVIDIA bulletin 5321``. This hook
turns each into a link to its page. A repository named by its short name must be in ``ALIASES``;
anything still shaped like a source but not linked afterwards (``PR #12`` with no repository,
``issue 1234``, "NVIDIA docs") is listed by ``unlinked()``, which tests/test_docs.py runs over
every page: such a reference has to be written as a link by hand.
"""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path
from typing import Any, Callable, List, Match

sys.path.insert(0, str(Path(__file__).resolve().parent))
from prose import prose_lines

# short names the pages use, with the repository the fact sheet gives for them
ALIASES = {
    "jetson-containers": "dusty-nv/jetson-containers",
    "moby": "moby/moby",
    "runc": "opencontainers/runc",
    "NemoClaw": "NVIDIA/NemoClaw",
    "OpenShell": "NVIDIA/OpenShell",
    "toolkit": "NVIDIA/nvidia-container-toolkit",
    "nvidia-container-toolkit": "NVIDIA/nvidia-container-toolkit",
    "WendyOS": "wendylabsinc/WendyOS",
    "FlashRT": "flashrt-project/FlashRT",
    "jetson_stats": "rbonghi/jetson_stats",
    "jetpack-nixos": "anduril/jetpack-nixos",
    "meta-tegra": "OE4T/meta-tegra",
    "CDI": "cncf-tags/container-device-interface",
    "podman": "containers/podman",
    "Podman": "containers/podman",
    "openssh-portable": "openssh/openssh-portable",
    "util-linux": "util-linux/util-linux",
    "shadow": "shadow-maint/shadow",
}
_REPO = r"[A-Za-z0-9][\w.-]*/[\w.-]*\w|" + "|".join(sorted(map(re.escape, ALIASES), key=len, reverse=True))
# Link text, link targets, code, HTML tags, attribute lists and claim tokens are left as they are.
_CODE = r"`+[^`]*?`+"
PROTECTED = re.compile(_CODE + r"|!?\[[^\]]*\]\([^)]*\)|\[[^\]]*\]\[[^\]]*\]|<a\b[^>]*>.*?</a>|<[^>]+>"
                       r"|\{\{[^}]*\}\}|\{\s*[.#:][^}]*\}|https?://[^\s)>]+", re.S)
# a commit's hash is often written as code: the commit rule looks into code spans
LINKS_ONLY = re.compile(PROTECTED.pattern.split("|", 1)[1], re.S)
ISSUES = re.compile(r"(?<![\w/-])(?P<repo>" + _REPO + r")(?:(?P<kind>\s+(?:PRs?|pull requests?|issues?))\s+#?|\s?#)"
                    r"(?P<numbers>\d+(?:(?:, | and |, and )#\d+)*)")
COMMIT = re.compile(r"(?<![\w/-])(?P<repo>" + _REPO + r"),? commits? `?(?P<sha>[0-9a-f]{7,40})\b`?")
# a file of a repository, as the data's source columns cite it: "tianon/gosu setup-user.go"
FILE = re.compile(r"(?<![\w/-])(?P<repo>" + _REPO + r") (?P<path>(?:[\w.-]+/)*[\w-]+(?:\.[\w-]+)*"
                  r"\.(?:c|h|go|py|ts|in|sh|rules|json|ya?ml|adoc|csv))\b")
CVE = re.compile(r"\bCVE-\d{4}-\d{4,}\b")
BULLETIN = re.compile(r"\b(?P<label>(?:NVIDIA (?:security )?)?bulletins?) (?P<numbers>\d{4}(?:(?:, | and |, and )\d{4})*)")
# what a source looks like when it is not a link: checked after link_sources() has run
UNLINKED = re.compile(r"#\d+\b|\b(?:PRs?|pull requests?|issues?) #?\d+\b|\bcommits? `?[0-9a-f]{7,40}\b"
                      r"|\bCVE-\d{4}-\d+|\bbulletins? \d{3,}|\bNVIDIA(?:'s)? (?:docs|documentation)\b"
                      r"|\bCIS Docker Benchmark\b|\bDocker run reference\b")


def _github(repo: str) -> str:
    return "https://github.com/" + ALIASES.get(repo, repo)


def _issues(match: Match[str]) -> str:
    base = _github(match.group("repo"))
    kind = match.group("kind") or ""
    path = "/pull/" if kind.strip().lower().startswith(("pr", "pull")) else "/issues/"
    numbers = match.group("numbers")
    first = re.match(r"\d+", numbers).group(0)  # type: ignore[union-attr]
    head = match.group(0)[:match.start("numbers") - match.start()]
    linked = "[{}{}]({}{}{})".format(head, first, base, path, first)
    return linked + "".join(part if not part.startswith("#") else "[{}]({}{}{})".format(part, base, path, part[1:])
                            for part in re.split(r"(#\d+)", numbers[len(first):]))


def _commit(match: Match[str]) -> str:
    return "[{}]({}/commit/{})".format(match.group(0), _github(match.group("repo")), match.group("sha"))


def _file(match: Match[str]) -> str:
    return "[{}]({}/blob/HEAD/{})".format(match.group(0), _github(match.group("repo")), match.group("path"))


def _cve(match: Match[str]) -> str:
    return "[{0}](https://www.cve.org/CVERecord?id={0})".format(match.group(0))


def _bulletin(match: Match[str]) -> str:
    parts = re.split(r"(\d{4})", match.group("numbers"))
    linked = "".join("[{0}](https://nvidia.custhelp.com/app/answers/detail/a_id/{0})".format(p) if re.fullmatch(r"\d{4}", p)
                     else p for p in parts)
    return match.group("label") + " " + linked


RULES: List[Any] = [(COMMIT, _commit, LINKS_ONLY), (FILE, _file, PROTECTED), (ISSUES, _issues, PROTECTED), (CVE, _cve, PROTECTED),
                    (BULLETIN, _bulletin, PROTECTED)]


def _gaps(text: str, change: Callable[[str], str], protected: re.Pattern[str] = PROTECTED) -> str:
    """``change`` applied to the parts of ``text`` that ``protected`` does not cover."""
    out, last = [], 0
    for match in protected.finditer(text):
        out += [change(text[last:match.start()]), match.group(0)]
        last = match.end()
    return "".join(out + [change(text[last:])])


def _runs(markdown: str) -> List[List[str]]:
    """The page as alternating runs of prose lines and code lines (code: fenced blocks, front matter)."""
    lines = markdown.splitlines(keepends=True)
    runs: List[List[str]] = []
    kinds: List[bool] = []
    for (_, prose), line in zip(prose_lines(markdown), lines):
        is_prose = bool(prose) or not line.strip()
        if not kinds or kinds[-1] != is_prose:
            runs.append([])
            kinds.append(is_prose)
        runs[-1].append(line if is_prose else "\0" + line)
    return runs


def _each_prose_run(markdown: str, change: Callable[[str], str]) -> str:
    return "".join("".join(line[1:] for line in run) if run[0].startswith("\0") else change("".join(run))
                   for run in _runs(markdown))


def link_sources(markdown: str) -> str:
    """The page with every recognised source reference made a link."""
    def change(text: str) -> str:
        for pattern, replace, protected in RULES:  # each rule on what earlier rules left unlinked
            text = _gaps(text, functools.partial(pattern.sub, replace), protected)
        return text
    return _each_prose_run(markdown, change)


def unlinked(markdown: str) -> List[str]:
    """Source references left without a link once link_sources() has run, each with its context."""
    found: List[str] = []

    def collect(text: str) -> str:
        for match in UNLINKED.finditer(text):
            found.append(" ".join(text[max(0, match.start() - 40):match.end() + 20].split()))
        return text
    _each_prose_run(link_sources(markdown), lambda run: _gaps(run, collect, LINKS_ONLY))
    return found


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return link_sources(markdown)
