"""Every ``--help`` text and argument error of the CLI, captured for tests/test_cli_help.py.

The parsers are built lazily (only the chosen command's), so a fixture guards what a user sees
against any change in how they are built. argparse words things differently from one Python
version to the next, so there is one fixture per version. After a deliberate change to an option
or a help text, ``python tests/clihelp.py --write`` (from the checkout root, with ``tools`` on
PYTHONPATH) records the running interpreter's fixture and those of the other versions whose
interpreter it finds, to be reviewed as a diff; ``--check`` compares instead.
"""

from __future__ import annotations

import contextlib
import glob
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

from jetson_gpu_access.cli import main

FIXTURES = Path(__file__).resolve().parent / "golden" / "cli-help"
HEADER = re.compile(r"^#### (.*)\n", re.M)
WIDTHS = ("100", "64")  # the width the CLI reference uses, and a narrow terminal that wraps differently
COMMANDS = (
    (), ("diagnose",), ("plan",), ("apply",), ("verify",), ("entrypoint",), ("docker-args",), ("run",), ("explain",),
    ("bundle",), ("cuda-check",), ("fleet",), ("fleet", "report"), ("lab",), ("lab", "list"), ("lab", "status"),
    ("lab", "up"), ("lab", "down"), ("lab", "fleet"), ("lab", "inventory"), ("lab", "exec"), ("lab", "ssh"),
    ("lab", "check"), ("lab", "new"), ("lab", "profile"),
)
# Argument errors go through the same lazily built parsers: their one-line messages must not move either.
ERRORS = (
    (), ("--bogus",), ("nope",), ("diagnose", "--format", "yaml"), ("diagnose", "--user", "bob;id"), ("plan", "extra"),
    ("apply", "--plan"), ("entrypoint",), ("run", "--timeout", "0"), ("explain", "--format", "xml"), ("fleet",),
    ("fleet", "report"), ("lab",), ("lab", "nope"), ("lab", "up"), ("lab", "exec", "dev", "--login", "--process"),
    ("lab", "ssh", "dev", "-x"), ("-h", "--version"), ("--version",), ("--version", "nope"), ("--version", "--bogus"), ("--vers",),
    ("-h",), ("diagnose", "-h"), ("diagnose", "--form", "json", "--help"), ("--", "diagnose"),
)


def fixture(version: Optional[str] = None) -> Path:
    return FIXTURES / "python{}.txt".format(version or "{}.{}".format(*sys.version_info[:2]))


def recorded_versions() -> List[str]:
    return sorted(path.stem[len("python"):] for path in FIXTURES.glob("python*.txt"))


def interpreter(version: str) -> Optional[str]:
    """A working Python of that version (PATH, then pyenv's folders), or None."""
    candidates = [shutil.which("python" + version)] + sorted(glob.glob(os.path.expanduser(
        "~/.pyenv/versions/{}.*/bin/python{}".format(version, version))))
    for candidate in filter(None, candidates):
        probe = subprocess.run([candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                               capture_output=True, text=True, timeout=30, check=False)
        if probe.returncode == 0 and probe.stdout.strip() == version:
            return candidate
    return None


def in_other_python(version: str, *flags: str) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    """Run this script with the given Python version's interpreter (--check, or --write --only-this)."""
    python = interpreter(version)
    if python is None:
        raise LookupError("no Python {} interpreter here".format(version))
    here = Path(__file__).resolve().parent
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(here.parent / "tools"), str(here)]), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([python, str(Path(__file__).resolve()), *flags], capture_output=True, text=True, timeout=300,
                          env=env, check=False)


def mismatches() -> List[str]:
    expected = read_fixture()
    return [key for key, argv, width in invocations() if run(argv, width) != expected.get(key)]


def invocations() -> Iterator[Tuple[str, List[str], str]]:
    """(fixture key, argv, COLUMNS) for every captured call."""
    for width in WIDTHS:
        for command in COMMANDS:
            argv = [*command, "--help"]
            yield "{} (COLUMNS={})".format(" ".join(argv), width), argv, width
    for argv_tuple in ERRORS:
        argv = list(argv_tuple)
        yield "{} (COLUMNS=100)".format(" ".join(argv) or "(no arguments)"), argv, "100"


def run(argv: List[str], columns: str) -> str:
    """The exit code, standard output and standard error of one in-process call, as fixture text."""
    out, err = io.StringIO(), io.StringIO()
    saved = {name: os.environ.get(name) for name in ("COLUMNS", "LINES")}
    os.environ.update(COLUMNS=columns, LINES="50")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as stop:
                code = stop.code if isinstance(stop.code, int) else 1
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    for text in (out.getvalue(), err.getvalue()):
        assert text == "" or text.endswith("\n"), "the fixture format needs output that ends in a newline"
    return "exit {}\n--- stdout\n{}--- stderr\n{}".format(code, out.getvalue(), err.getvalue())


def read_fixture() -> Dict[str, str]:
    parts = HEADER.split(fixture().read_text(encoding="utf-8"))
    return dict(zip(parts[1::2], parts[2::2]))


def write_fixture() -> None:
    fixture().parent.mkdir(parents=True, exist_ok=True)
    fixture().write_text("".join("#### {}\n{}".format(key, run(argv, width)) for key, argv, width in invocations()),
                         encoding="utf-8")


if __name__ == "__main__":
    if "--check" in sys.argv:
        differ = mismatches()
        print("{}: {} of {} differ{}".format(fixture().name, len(differ), len(read_fixture()),
                                             "".join("\n  " + key for key in differ)))
        sys.exit(1 if differ else 0)
    if "--write" in sys.argv:
        write_fixture()
        print("recorded {} invocations in {}".format(len(read_fixture()), fixture()))
        if "--only-this" not in sys.argv:
            for other in recorded_versions():
                if other != "{}.{}".format(*sys.version_info[:2]):
                    try:
                        print(in_other_python(other, "--write", "--only-this").stdout.strip())
                    except LookupError as error:
                        print("{}: left as it was; re-record it where that Python exists".format(error))
