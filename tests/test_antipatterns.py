"""No shipped file recommends a dangerous "fix" except in a passage that explains why not.

Scans the package, the runbooks, the docs and the README for the anti-patterns of the
reliability checklist. A hit passes only inside a passage (a paragraph with its section heading)
that says never / not / refuses / instead, or that reports what a system has ("the driver creates
the node with mode 0666", "observed"), or in a data file that records observed modes.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

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


# --- one writer -----------------------------------------------------------------------------------

PACKAGE = REPO / "tools" / "jetson_gpu_access"
WRITE_MODE = set("wax+")
WRITE_FLAGS = {"O_CREAT", "O_WRONLY", "O_RDWR", "O_APPEND", "O_TRUNC"}
COPIES = {"copy", "copy2", "copyfile", "copytree", "move"}
MODULE_OPENS = {"", "io", "codecs", "tarfile", "gzip", "bz2", "lzma"}
PATH_WRITERS = {("papermill", "execute_notebook"), ("nbformat", "write")}  # libraries that write to a path they are given
# Writes that are not safeio's, each where the tool is not writing to a path a user named. Keys are
# "module: enclosing function"; a key no longer found fails the test too, so the list cannot go stale.
ALLOWED = {
    # the account files' own lock protocols, which must match shadow-utils byte for byte; each opens
    # O_EXCL or O_NOFOLLOW relative to the ROOT/etc folder apply entered without following links
    "accountfiles.py: AccountDir.unwritable": "a probe of free space in ROOT/etc, O_EXCL|O_NOFOLLOW, removed at once",
    "accountfiles.py: FileLock.__enter__": "shadow-utils' FILE.lock: a PID\\0 file O_EXCL|O_NOFOLLOW, hard-linked to the lock",
    "accountfiles.py: PasswdLock.acquire": "lckpwdf(3)'s /etc/.pwd.lock, O_NOFOLLOW, opened only to hold an fcntl lock",
    # papermill writes the executed notebook into the runner's private mkdtemp folder (0700); the
    # runner then copies it under --out through safeio
    "runner.py: _execute": "papermill's notebook, in the runner's private folder",
    # a lab device's folder, made a moment before (0700, root's): copytree makes each tree itself
    # and fails if anything is there already
    "lab/sandbox.py: _copy_etc": "this machine's /etc, into a new folder of the device's",
    "lab/sandbox.py: copy_package": "this package, into a new folder of the device's",
    # the image check's build folder is its own mkdtemp (0700); the step summary is the CI system's
    # file, named by it in $GITHUB_STEP_SUMMARY for the job to append to
    "tools/image_check_ci.py: build_examples": "an example's build context, into the check's private mkdtemp folder",
    "tools/image_check_ci.py: main": "the CI system's step summary ($GITHUB_STEP_SUMMARY), appended as it asks",
}


def _called(node: ast.Call) -> Tuple[str, str]:
    """(owner, name) of a call: ('os', 'open') for os.open(...), ('', 'open') for open(...), ('?', 'open') for Path(p).open()."""
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.value.id if isinstance(func.value, ast.Name) else "?", func.attr  # "?": a method of a value
    return "", func.id if isinstance(func, ast.Name) else ""


def _argument(node: ast.Call, index: int, keyword: str) -> Optional[ast.expr]:
    if len(node.args) > index:
        return node.args[index]
    return next((k.value for k in node.keywords if k.arg == keyword), None)


def is_write(node: ast.Call) -> bool:
    """Whether a call opens, creates or copies a file for writing (a write that safeio should make)."""
    owner, name = _called(node)
    if name in ("write_text", "write_bytes", "touch") or (owner, name) in PATH_WRITERS:
        return True
    if owner == "shutil" and name in COPIES:
        return True
    if owner == "os" and name == "open":
        flags = _argument(node, 1, "flags")
        named = {n.attr if isinstance(n, ast.Attribute) else n.id for n in ast.walk(flags)
                 if isinstance(n, (ast.Attribute, ast.Name))} if flags is not None else set()
        return bool(named & WRITE_FLAGS)
    if name == "open" and owner != "os" and not any(k.arg == "fileobj" for k in node.keywords):
        # open(), io.open(), tarfile.open() take the mode second; Path(p).open() and the like first
        mode = _argument(node, 1 if owner in MODULE_OPENS else 0, "mode")
        if mode is None:
            return False
        return not isinstance(mode, ast.Constant) or not isinstance(mode.value, str) or bool(set(mode.value) & WRITE_MODE)
    return False


def writes_in(source: str) -> List[Tuple[int, str]]:
    """(line, enclosing 'Class.function') of every write in ``source``; code in strings (a script run
    inside a container or a lab device, in another process) is not code of this process and not scanned."""
    found: List[Tuple[int, str]] = []

    def visit(node: ast.AST, scope: List[str]) -> None:
        if isinstance(node, ast.Call) and is_write(node):
            found.append((node.lineno, ".".join(scope) or "<module>"))
        inner = scope + [node.name] if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) else scope
        for child in ast.iter_child_nodes(node):
            visit(child, inner)

    visit(ast.parse(source), [])
    return found


def test_only_safeio_opens_files_for_writing() -> None:
    """Every file the tool writes goes through safeio (no link followed, nothing left half written);
    ALLOWED names the few writes that are not to a path anyone but the tool chose, and why."""
    found: Dict[str, List[int]] = {}
    # the package, and the scripts beside it that CI runs (as root, at times)
    for path in sorted(PACKAGE.rglob("*.py")) + sorted(PACKAGE.parent.glob("*.py")):
        relative = str(path.relative_to(PACKAGE)) if PACKAGE in path.parents else "tools/" + path.name
        if relative == "safeio.py":
            continue
        for line, scope in writes_in(path.read_text(encoding="utf-8")):
            found.setdefault("{}: {}".format(relative, scope), []).append(line)
    offenders = ["{} (line {})".format(key, ", ".join(map(str, lines))) for key, lines in sorted(found.items())
                 if key not in ALLOWED]
    assert offenders == [], "write through safeio (write_output, write_under), or allow it with a reason"
    assert sorted(set(ALLOWED) - set(found)) == [], "allowed writes that are no longer there"


def test_the_write_scanner_finds_what_it_should() -> None:
    writes = ['open(p, "w")', "open(p, 'ab')", 'io.open(p, mode="x")', "open(p, m)", "Path(p).open('w+')",
              "p.write_text(t)", "p.write_bytes(b)", "os.open(p, os.O_WRONLY | os.O_CREAT)", "os.open(p, flags=O_RDWR)",
              "shutil.copyfile(a, b)", "shutil.copytree(a, b)", "tarfile.open(p, 'w:gz')",
              "papermill.execute_notebook(a, b)"]
    reads = ["open(p)", "open(p, 'rb')", "os.open(p, os.O_RDONLY | os.O_NOFOLLOW)", "tarfile.open(fileobj=h, mode='w:gz')",
             "'open(p, \"w\")'", "shutil.which('x')", "os.fdopen(fd, 'wb')"]
    for sample in writes:
        assert writes_in(sample) == [(1, "<module>")], sample
    for sample in reads:
        assert writes_in(sample) == [], sample
    assert writes_in("class A:\n    def f(self):\n        open(p, 'w')\n") == [(3, "A.f")]


def bound_twice(source: str) -> List[str]:
    """The names a module binds more than once at its top level: the later binding silently replaces the earlier one
    for every function that reads it, including those written beside the first."""
    seen: Dict[str, int] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names = [node.target.id]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names = [node.name]
        else:
            names = []
        for name in names:
            seen[name] = seen.get(name, 0) + 1
    return sorted(name for name, count in seen.items() if count > 1)


def test_no_module_binds_a_top_level_name_twice() -> None:
    found = {str(path.relative_to(REPO)): twice for path in sorted(PACKAGE.rglob("*.py"))
             for twice in [bound_twice(path.read_text(encoding="utf-8"))] if twice}
    assert found == {}


def test_the_rebinding_scanner_finds_what_it_should() -> None:
    assert bound_twice("A = 1\ndef f():\n    return A\nA = 2\n") == ["A"]
    assert bound_twice("A: int = 1\nclass A:\n    pass\n") == ["A"]
    assert bound_twice("A = 1\ndef f():\n    A = 2\n") == []
