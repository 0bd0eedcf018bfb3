"""Every ``--help`` text and argument error of the CLI, held byte for byte against a fixture
recorded before the parsers were made lazy (see clihelp.py, which also says how to re-record)."""

from __future__ import annotations

import re
import sys
from typing import List

import pytest

import clihelp

RUNNING = "{}.{}".format(*sys.version_info[:2])
needs_fixture = pytest.mark.skipif(not clihelp.fixture().exists(),
                                   reason="no fixture for this Python version (argparse words differ between versions)")


@needs_fixture
@pytest.mark.parametrize(("key", "argv", "width"), list(clihelp.invocations()),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_output_matches_the_fixture(key: str, argv: List[str], width: str) -> None:
    expected = clihelp.read_fixture()
    assert key in expected, "not in the fixture: record it with python tests/clihelp.py --write"
    assert clihelp.run(argv, width) == expected[key]


@pytest.mark.parametrize("version", [v for v in clihelp.recorded_versions() if v != RUNNING])
def test_other_pythons_match_their_fixtures(version: str) -> None:
    """The lazy parsers use argparse's subparser internals: checked on every Python with a fixture."""
    try:
        result = clihelp.in_other_python(version, "--check")
    except LookupError as error:
        pytest.skip(str(error))
    assert result.returncode == 0, result.stdout + result.stderr


@needs_fixture
def test_fixture_covers_every_command_and_action() -> None:
    """Each command and action a --help lists has its own --help captured, so a new one is not missed."""
    captured = {tuple(key.split(" (")[0].split()[:-1]) for key in clihelp.read_fixture() if " --help (" in key}
    for command in sorted(captured):
        listing = re.search(r"^  (?:COMMAND|ACTION)\n((?:    .*\n)+)", clihelp.run([*command, "--help"], "100"), re.M)
        for name in re.findall(r"^    (\S+)", listing.group(1), re.M) if listing else []:
            assert (*command, name) in captured, "{} has no captured --help".format(" ".join((*command, name)))
