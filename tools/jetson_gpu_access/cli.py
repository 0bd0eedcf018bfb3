"""The ``jetson-gpu-access`` command line (argparse, standard library only).

Every error is one line on stderr naming the cause and the remedy, with an exit code from
:mod:`exitcodes`. Subcommands map one-to-one onto library functions.
"""

from __future__ import annotations

import argparse
import os
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
    cuda = commands.add_parser(
        "cuda-check",
        help="call the CUDA driver as this user: cuInit, device query and a tiny kernel",
        description=_wrap("Load libcuda.so.1 through ctypes and run cuInit, cuDriverGetVersion, cuDeviceGetCount, "
                          "cuDeviceGetName and a one-line kernel from embedded PTX, as the user running this "
                          "command (the driver opens device nodes with the caller's credentials). Without a "
                          "driver the check is reported as skipped, never as passed; exit code 0 for pass or "
                          "skip, 1 for a failure."),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cuda.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")

    lab = commands.add_parser(
        "lab",
        help="simulated Jetsons: real device nodes, real SSH logins, an emulated CUDA driver",
        description=_wrap("Run a lab profile (a scenario from public reports) as a bubblewrap sandbox with real "
                          "character devices, the profile's /etc and a real sshd on a loopback port. Everything "
                          "in a lab device is SIMULATED. Needs root, bubblewrap, openssh-server, "
                          "openssh-client and gcc."),
        epilog=_exit_table(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = lab.add_subparsers(dest="lab_command", metavar="ACTION")
    actions.required = True
    actions.add_parser("list", help="the profiles, and which are up")
    actions.add_parser("status", help="the lab devices that are up")
    for name, text in (("up", "build and start a lab device"), ("down", "stop a lab device and remove its files")):
        action = actions.add_parser(name, help=text)
        action.add_argument("profile", metavar="PROFILE")
    run = actions.add_parser("exec", help="run a command inside a lab device",
                             usage="%(prog)s PROFILE [--user NAME] [--login | --process] -- CMD [ARG ...]",
                             description="Run CMD in a fresh sandbox over the device's files, as --user, with "
                                         "the groups of the chosen view.")
    run.add_argument("profile", metavar="PROFILE")
    run.add_argument("--user", type=user_name, default="root", metavar="NAME", help="run as NAME (default root)")
    view = run.add_mutually_exclusive_group()
    view.add_argument("--login", dest="view", action="store_const", const="login",
                      help="groups as initgroups() builds them from the device's /etc/group (what SSH gives)")
    view.add_argument("--process", dest="view", action="store_const", const="process",
                      help="the container process's groups: login groups plus --group-add GIDs (default)")
    ssh = actions.add_parser("ssh", help="log in to a lab device over SSH (a real sshd) and run a command",
                             usage="%(prog)s PROFILE USER -- CMD [ARG ...]")
    ssh.add_argument("profile", metavar="PROFILE")
    ssh.add_argument("user", type=user_name, metavar="USER")
    return parser


def cmd_cuda(args: argparse.Namespace) -> int:
    from .cuda import check

    result = check()
    if args.format == "json":
        import json

        from .serde import to_jsonable

        print(json.dumps(to_jsonable(result), indent=2))
    else:
        print("CUDA driver check: {} ({})".format(result.status.upper(), result.detail))
        if result.device_name:
            print("device: {}, driver version {}".format(result.device_name, result.driver_version))
        if result.error_name:
            print("error: {} = {}".format(result.code, result.error_name))
    return Exit.PROBLEM if result.status == "fail" else Exit.OK


def cmd_lab(args: argparse.Namespace) -> int:
    import subprocess

    from .lab import profiles, sandbox
    from .lab.profiles import ProfileError
    from .lab.scratch import LabError

    try:
        if args.lab_command == "list":
            running = {d.profile: d for d in sandbox.devices()}
            for name in profiles.names():
                state = " (up, ssh port {})".format(running[name].port) if name in running else ""
                print("{:<32} {}{}".format(name, profiles.load(name).title, state))
        elif args.lab_command == "status":
            for device in sandbox.devices():
                state = "up" if sandbox._alive(device) else "stopped (stale files; run lab down)"
                print("{:<32} {} pid {} ssh 127.0.0.1:{} SIMULATED".format(device.profile, state, device.pid, device.port))
        elif args.lab_command == "up":
            device = sandbox.up(args.profile)
            print("lab device {} is up (SIMULATED): sshd on 127.0.0.1:{}".format(device.profile, device.port))
        elif args.lab_command == "down":
            print("lab device {} {}".format(args.profile, "stopped and removed" if sandbox.down(args.profile) else "was not up"))
        else:
            command = args.argv
            if not command:
                raise UsageError("no command given: put it after --, e.g. -- id")
            if args.lab_command == "exec":
                argv = sandbox.exec_argv(args.profile, args.user, args.view or "process", command)
                env = sandbox.exec_env(args.profile, args.user)
            else:
                argv, env = sandbox.ssh_argv(args.profile, args.user, command), None
            return subprocess.run(argv, env=env, check=False).returncode
    except ProfileError as error:
        raise UsageError(str(error)) from error
    except LabError as error:
        print("{}: lab: {}".format(PROG, error), file=sys.stderr)
        return error.code
    return Exit.OK


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


COMMANDS = {"diagnose": cmd_diagnose, "cuda-check": cmd_cuda, "lab": cmd_lab}


def main(argv: Optional[List[str]] = None) -> int:
    parser = build_parser()
    words = sys.argv[1:] if argv is None else argv
    # Everything after the first "--" is a command to run (lab exec/ssh), never our options.
    split = words.index("--") if "--" in words else len(words)
    args = parser.parse_args(words[:split])
    args.argv = words[split + 1:]
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
    except Exception as error:  # a bug: say so in one line, keep the traceback for those who ask
        if os.environ.get("JGA_TRACEBACK"):
            raise
        print("{}: internal error: {}: {} (a bug; please report it, with JGA_TRACEBACK=1 for the traceback)".format(
            PROG, type(error).__name__, error), file=sys.stderr)
        return int(Exit.INTERNAL)
