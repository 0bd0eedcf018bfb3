"""Every ``--help`` text and argument error of the CLI, captured for tests/test_cli_help.py.

The parsers are built lazily (only the chosen command's), so a fixture guards what a user sees
against any change in how they are built. argparse words things differently from one Python
version to the next, so there is one fixture per version: ``python tests/clihelp.py --write``
(from the checkout root, with ``tools`` on PYTHONPATH) records the running interpreter's, after a
deliberate change to an option or a help text, to be reviewed as a diff.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

from jetson_gpu_access.cli import main

FIXTURES = Path(__file__).resolve().parent / "golden" / "cli-help"
HEADER = re.compile(r"^#### (.*)\n", re.M)
WIDTHS = ("100", "64")  # the width the CLI reference uses, and a narrow terminal that wraps differently
COMMANDS = (
    (), ("diagnose",), ("plan",), ("apply",), ("verify",), ("entrypoint",), ("docker-args",), ("run",), ("explain",),
    ("bundle",), ("cuda-check",), ("fleet",), ("fleet", "report"), ("lab",), ("lab", "list"), ("lab", "status"),
    ("lab", "up"), ("lab", "down"), ("lab", "fleet"), ("lab", "inventory"), ("lab", "exec"), ("lab", "ssh"),
)
# Argument errors go through the same lazily built parsers: their one-line messages must not move either.
ERRORS = (
    (), ("--bogus",), ("nope",), ("diagnose", "--format", "yaml"), ("diagnose", "--user", "bob;id"), ("plan", "extra"),
    ("apply", "--plan"), ("entrypoint",), ("run", "--timeout", "0"), ("explain", "--format", "xml"), ("fleet",),
    ("fleet", "report"), ("lab",), ("lab", "nope"), ("lab", "up"), ("lab", "exec", "dev", "--login", "--process"),
    ("lab", "ssh", "dev", "-x"), ("-h", "--version"), ("--version",), ("--version", "nope"), ("--version", "--bogus"), ("--vers",),
    ("-h",), ("diagnose", "-h"), ("diagnose", "--form", "json", "--help"), ("--", "diagnose"),
)


def fixture() -> Path:
    return FIXTURES / "python{}.{}.txt".format(*sys.version_info[:2])


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
    if "--write" in sys.argv:
        write_fixture()
    print("{} invocations in {}".format(len(read_fixture()), fixture()))
