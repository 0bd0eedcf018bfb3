"""The ``jetson-gpu-access`` command line (argparse, standard library only).

Every error is one line on stderr naming the cause and the remedy, with an exit code from
:mod:`exitcodes`. Subcommands map one-to-one onto library functions.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from typing import List, NoReturn, Optional

from . import __version__
from .exitcodes import DESCRIPTIONS, Exit

PROG = "jetson-gpu-access"
_USER_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}\$?\Z")


class UsageError(Exception):
    """Bad input: reported as one line, exit code 2, nothing done."""


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors: the cause, and where to look for the remedy."""

    def error(self, message: str) -> NoReturn:
        self.exit(int(Exit.USAGE), "{}: error: {} (see {} --help)\n".format(PROG, message, self.prog))


def user_name(text: str) -> str:
    if not _USER_NAME.match(text):
        raise argparse.ArgumentTypeError(
            "{!r} is not a user name (letters, digits, '_', '.', '-'; not starting with '-')".format(text))
    return text


def positive_pid(text: str) -> int:
    if not text.isdigit() or not text.isascii() or int(text) < 1:
        raise argparse.ArgumentTypeError("{!r} is not a process id (a positive number)".format(text))
    return int(text)


def _wrap(text: str) -> str:
    return textwrap.fill(text, 90)


def _exit_table() -> str:
    return "exit codes:\n" + "\n".join("  {:<3} {}".format(int(code), text) for code, text in DESCRIPTIONS.items())


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog=PROG,
        description=_wrap("Find out why a user cannot open a Jetson's GPU device nodes (JetPack 6: "
                          "render node, group IDs, SSH logins, seat ACLs) and what to do about it."),
        epilog=_exit_table(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version="%(prog)s " + __version__)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    diagnose = commands.add_parser(
        "diagnose",
        help="report who can open which GPU node, in which view, and why",
        description=_wrap("Read the platform, device nodes and account databases (read-only) and decide, "
                          "for the login view (what SSH and su - give) and the process view (what a running "
                          "process holds, e.g. from docker run --group-add), whether the user can open each "
                          "GPU node. Prints findings with remedies."),
        epilog=_exit_table(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    diagnose.add_argument("--root", default="/", metavar="DIR",
                          help="examine the tree at DIR instead of / (a container's rootfs, a scratch tree)")
    diagnose.add_argument("--user", type=user_name, metavar="NAME",
                          help="the account to check (default: the user running this command)")
    diagnose.add_argument("--pid", type=positive_pid, metavar="PID",
                          help="take the process view from this process (default: this command's own process "
                               "when it runs as the user)")
    diagnose.add_argument("--format", choices=("text", "json"), default="text",
                          help="text for people (default), json for the full typed result")
    return parser


def cmd_diagnose(args: argparse.Namespace) -> int:
    from .diagnose import diagnose
    from .model import Verdict
    from .probe import ProbeError, probe
    from .report import render_text
    from .serde import to_jsonable

    try:
        facts = probe(args.root, args.user, args.pid)
    except ProbeError as error:
        raise UsageError(str(error)) from error
    result = diagnose(facts)
    if args.format == "json":
        import json  # only here: start-up time counts on devices (make bench)

        json.dump(to_jsonable(result), sys.stdout, indent=2, sort_keys=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(result, sys.stdout.encoding or "utf-8"))
    return Exit.PROBLEM if result.verdict is Verdict.PROBLEM else Exit.OK


COMMANDS = {"diagnose": cmd_diagnose}


def main(argv: Optional[List[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(COMMANDS[args.command](args))
    except UsageError as error:
        print("{}: error: {}".format(PROG, error), file=sys.stderr)
        return int(Exit.USAGE)
    except KeyboardInterrupt:
        print("{}: interrupted".format(PROG), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return int(Exit.OK)
