"""Every ``--help`` text and every argument error of the CLI, held byte for byte against a fixture.

The parsers are built lazily (only the chosen command's), so the fixture guards what a user sees
against any change in how they are built. A deliberate change to an option or a help text is
recorded with ``python tests/test_cli_help.py --write`` (run from the checkout root, with
``tools`` on PYTHONPATH) and reviewed as a diff of tests/golden/cli-help.txt.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import pytest

from jetson_gpu_access.cli import main

FIXTURE = Path(__file__).resolve().parent / "golden" / "cli-help.txt"
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
    ("lab", "ssh", "dev", "-x"), ("-h", "--version"), ("--version",), ("--version", "nope"), ("--version", "--bogus"), ("--vers",), ("-h",),
    ("diagnose", "-h"), ("diagnose", "--form", "json", "--help"), ("--", "diagnose"),
)


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


def capture() -> Dict[str, str]:
    return {key: run(argv, width) for key, argv, width in invocations()}


def read_fixture() -> Dict[str, str]:
    parts = HEADER.split(FIXTURE.read_text(encoding="utf-8"))
    return dict(zip(parts[1::2], parts[2::2]))


def fixture_python() -> str:
    """The Python version the fixture was recorded with: argparse's wording differs between versions."""
    return FIXTURE.read_text(encoding="utf-8").split("\n", 1)[0].rpartition(" ")[2]


def write_fixture() -> None:
    head = "captured with Python {}.{}\n".format(*sys.version_info[:2])
    FIXTURE.write_text(head + "".join("#### {}\n{}".format(key, text) for key, text in capture().items()),
                       encoding="utf-8")


pytestmark = pytest.mark.skipif("{}.{}".format(*sys.version_info[:2]) != fixture_python(),
                                reason="the fixture was recorded with another Python (argparse words differ)")


@pytest.mark.parametrize(("key", "argv", "width"), list(invocations()), ids=lambda v: v if isinstance(v, str) else "")
def test_output_matches_the_fixture(key: str, argv: List[str], width: str) -> None:
    expected = read_fixture()
    assert key in expected, "not in the fixture: record it with python tests/test_cli_help.py --write"
    assert run(argv, width) == expected[key]


def test_fixture_covers_every_command_and_action() -> None:
    """Each command and action a --help lists has its own --help captured, so a new one is not missed."""
    captured = {tuple(key.split(" (")[0].split()[:-1]) for key in read_fixture() if " --help (" in key}
    for command in sorted(captured):
        help_text = run([*command, "--help"], "100")
        listing = re.search(r"^  (?:COMMAND|ACTION)\n((?:    .*\n)+)", help_text, re.M)
        names = re.findall(r"^    (\S+)", listing.group(1), re.M) if listing else []
        for name in names:
            assert (*command, name) in captured, "{} has no captured --help".format(" ".join((*command, name)))


if __name__ == "__main__":
    if "--write" in sys.argv:
        write_fixture()
    print("{} invocations in {}".format(len(read_fixture()), FIXTURE))
