"""The ``jetson-gpu-access`` command line (argparse, standard library only).

Every error is one line on stderr naming the cause and the remedy, with an exit code from
:mod:`exitcodes`. Subcommands map one-to-one onto library functions.

The CLI starts once per call in entrypoints, login scripts and fleet runs, so loading this module
costs next to nothing (``make bench`` measures it): the top-level parser knows each command only
by the name and one-line help in :data:`COMMANDS`; a command's own parser is built by its builder
below when that command is chosen, and its handler imports what it uses when it runs. A plain
command line of a command whose arguments are all in :data:`OPTIONS` needs no parser at all
(:func:`quick_parse`); help and mistakes always go through argparse.
"""

from __future__ import annotations

import os
import sys

from . import __version__

TYPE_CHECKING = False  # typing's own flag would import typing: about a third of a bare interpreter's start-up
if TYPE_CHECKING:
    import argparse
    from types import SimpleNamespace
    from typing import Any, Callable, Dict, List, Optional, Tuple

    from .cliparse import Builder, Parser
    from .model import Diagnosis
    from .pipeline import Assessment
else:
    SimpleNamespace = type(sys.implementation)  # what types.py itself does; nothing else on a diagnose imports types

PROG = "jetson-gpu-access"
# A user name as useradd accepts it: [A-Za-z0-9_][A-Za-z0-9_.-]{0,31}, then an optional '$' (machine accounts).
_USER_NAME_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
_USER_NAME_REST = _USER_NAME_FIRST | {".", "-"}


class UsageError(Exception):
    """Bad input: reported as one line, exit code 2, nothing done."""


def user_name(text: str) -> str:
    name = text[:-1] if text.endswith("$") else text
    if not (0 < len(name) <= 32 and name[0] in _USER_NAME_FIRST and _USER_NAME_REST.issuperset(name)):
        import argparse

        raise argparse.ArgumentTypeError(
            "{!r} is not a user name (letters, digits, '_', '.', '-'; not starting with '-')".format(text))
    return text


def root_dir(text: str) -> str:
    """A --root DIR, refused when empty (:func:`rootfs.empty_root`) before anything uses it as the current folder."""
    from .rootfs import empty_root

    empty = empty_root(text)
    if empty:
        import argparse

        raise argparse.ArgumentTypeError(empty + "; give a folder, / for this system")
    return text


def number_from(low: int, high: int, what: str) -> Callable[[str], int]:
    """The argparse type of a numeric option: an ASCII decimal from ``low`` to ``high``, else one line naming
    the range. Checked when the command line is read, so no digit string reaches ``int()`` unbounded."""

    def number(text: str) -> int:
        from .safeio import decimal, shown

        value = decimal(text, high)
        if value is None or value < low:
            import argparse

            raise argparse.ArgumentTypeError("{} is not {} from {} to {}".format(shown(text), what, low, high))
        return value

    return number


# A PID is below pid_max, at most PID_MAX_LIMIT (2^22 on 64-bit); seconds per runbook cell; lab devices and forks.
process_id = number_from(1, 4194303, "a process ID")
cell_seconds = number_from(1, 86400, "a number of seconds")
lab_count = number_from(1, 100, "a count")


def host_gid(text: str) -> str:
    """GROUP=GID as --host-gid takes it (GID 0 to 4294967294), checked when read, with or without --toolkit."""
    from .upgrade import PreviewError, parse_host_gids

    try:
        parse_host_gids([text], "value")
    except PreviewError as error:
        import argparse

        raise argparse.ArgumentTypeError(str(error)) from None
    return text


# Parsers: one builder per command, called only when that command is chosen. After changing an option
# or a help text, re-record what users see: python tests/clihelp.py --write (every Python's --help)
# and python tests/docgen.py --write (docs/reference/cli.md).

class Option:
    """One option of a command: its flags and the keywords argparse's ``add_argument`` takes.

    A command's parser is built from its options (:func:`add_options`), and a plain command line
    is read from the same ones without argparse (:func:`quick_parse`), so the two cannot disagree.
    """

    __slots__ = ("flags", "settings")

    def __init__(self, *flags: str, **settings: Any) -> None:
        self.flags = flags
        self.settings = settings

    @property
    def dest(self) -> str:
        """The attribute argparse stores the value in: ``dest``, else the first long flag without dashes."""
        name: str = self.settings.get("dest") or next((f for f in self.flags if f.startswith("--")), self.flags[0])
        return name.lstrip("-").replace("-", "_")


def add_options(parser: argparse.ArgumentParser, options: Tuple[Option, ...]) -> None:
    for option in options:
        parser.add_argument(*option.flags, **option.settings)


# The options every command about one user shares: where to look, who, which process.
ROOT = Option("--root", type=root_dir, default="/", metavar="DIR",
              help="examine the tree at DIR instead of / (a container's rootfs, a scratch tree)")
TARGET = (
    ROOT,
    Option("--user", type=user_name, metavar="NAME", help="the account to check (default: the user running this command)"),
    Option("--pid", type=process_id, metavar="PID",
           help="take the process view from this process (default: this command's own process when it runs as the user)"),
    Option("--format", choices=("text", "json"), default="text",
           help="text for people (default), json for the full typed result"),
)
# Every argument of the commands whose arguments are all options (the others build theirs in their builder).
OPTIONS: Dict[str, Tuple[Option, ...]] = {
    "diagnose": TARGET,
    "plan": TARGET + (
        Option("--toolkit", metavar="VERSION",
               help="preview an upgrade of the host's container toolkit to VERSION (e.g. 1.19.1)"),
        Option("--host-gid", type=host_gid, metavar="GROUP=GID", action="append", default=[],
               help="with --toolkit: the host's GID of a node group the container does not show (e.g. render=995; "
                    "GID 0 to 4294967294); repeatable"),
    ),
    "apply": TARGET + (
        Option("--apply", action="store_true", help="really change the account files (default: dry run)"),
        Option("--plan", metavar="FILE", help="refuse unless a fresh plan equals this saved one (JSON)"),
    ),
    "verify": tuple(o for o in TARGET if o is not ROOT) + (
        Option("--no-cuda", action="store_true", help="only open the nodes; do not call the CUDA driver"),
    ),
    "entrypoint": (Option("--print", action="store_true", required=True, help="write the script to stdout"),),
    "bundle": TARGET + (
        Option("--out", default="jetson-gpu-access-bundle.tar.gz", metavar="FILE", help="the bundle to write"),
        Option("--runbooks", default="build/runbooks", metavar="DIR",
               help="include executed runbooks found here (default build/runbooks)"),
    ),
    "cuda-check": (Option("--format", choices=("text", "json"), default="text", help="text (default) or json"),),
}
_QUICK_ACTIONS = (None, "store", "store_true", "append")


def quick_parse(words: List[str]) -> Optional[SimpleNamespace]:
    """The arguments of a plain command line, read as argparse would read them, or None to leave it to argparse.

    Plain means: a command of :data:`OPTIONS`, each option by its full name, a non-empty value that does not
    start with '-', every value valid. Anything else (help, abbreviations, mistakes) goes through argparse,
    which says what is wrong as it always has; this only spares building a parser (``make bench``).
    """
    options = OPTIONS.get(words[0]) if words else None
    if options is None:
        return None
    by_flag = {flag: option for option in options for flag in option.flags if flag.startswith("--")}
    values: Dict[str, Any] = {}
    rest = iter(words[1:])
    for word in rest:
        flag, equals, text = word.partition("=")
        option = by_flag.get(flag)
        if option is None or option.settings.get("action") not in _QUICK_ACTIONS:
            return None
        settings = option.settings
        if settings.get("action") == "store_true":
            if equals:
                return None
            values[option.dest] = True
            continue
        if not equals:
            text = next(rest, "")
        if not text or text.startswith("-"):
            return None
        try:
            value = settings["type"](text) if "type" in settings else text
        except Exception:  # argparse reads it again and reports it
            return None
        if "choices" in settings and value not in settings["choices"]:
            return None
        if settings.get("action") == "append":
            values.setdefault(option.dest, list(settings.get("default") or [])).append(value)
        else:
            values[option.dest] = value
    for option in options:
        if option.dest not in values:
            if option.settings.get("required"):
                return None
            default = option.settings.get("default", False if option.settings.get("action") == "store_true" else None)
            if isinstance(default, str) and "type" in option.settings:  # argparse converts string defaults
                default = option.settings["type"](default)
            values[option.dest] = list(default) if isinstance(default, list) else default
    return SimpleNamespace(command=words[0], **values)


def diagnose_parser(parser: Parser) -> None:
    parser.describe(
        "Read the platform, device nodes and account databases (read-only) and decide, "
        "for the login view (what SSH and su - give) and the process view (what a running "
        "process holds, e.g. from docker run --group-add), whether the user can open each "
        "GPU node. Prints findings with remedies.")
    add_options(parser, OPTIONS["diagnose"])


def plan_parser(parser: Parser) -> None:
    parser.describe(
        "Diagnose, then compute the fix (read-only): groups to create and memberships to "
        "append, each with its reason, the exact diff of /etc/group, what cannot be fixed "
        "with groups and why, and the image, runtime and entrypoint alternatives. Exit code 0 "
        "when there is nothing to do, 1 when changes or refusals are listed. With --toolkit VERSION, "
        "instead: whether non-root GPU access in this container survives an upgrade of the host's "
        "NVIDIA Container Toolkit to VERSION, per kind of session (exit 0 when every one survives, 1 "
        "otherwise).")
    add_options(parser, OPTIONS["plan"])


def apply_parser(parser: Parser) -> None:
    parser.describe(
        "Without --apply: print the plan and change nothing. With --apply (as root): make "
        "exactly those changes with the system's account tools under their own lock, check the "
        "result against the plan, and put back what it wrote if anything differs, fails or is "
        "interrupted. --plan FILE confirms a plan saved with 'plan --format json': it is carried "
        "out only if a plan made now from the current state is the same, and refused otherwise "
        "(another root, user or /etc/group, or an edited action). See docs/security.md.")
    add_options(parser, OPTIONS["apply"])


def verify_parser(parser: Parser) -> None:
    parser.describe(
        "Start a process as the user for each view (login groups via initgroups, and the "
        "process view's groups when --pid gives one), open every node CUDA needs with the "
        "access the driver needs and report the errno, then run the CUDA driver check where "
        "libcuda.so.1 exists (skipped, never passed, where it does not). Runs on the live "
        "system; root can verify any user.")
    add_options(parser, OPTIONS["verify"])


def entrypoint_parser(parser: Parser) -> None:
    parser.description = (
        "Print a POSIX sh entrypoint for images whose users log in over SSH or that move between hosts: at "
        "container start it aligns the image's groups with the GPU nodes' GIDs (same rules as the plan), adds "
        "JGA_USER, and runs the command as that user.")
    add_options(parser, OPTIONS["entrypoint"])


def docker_args_parser(parser: Parser) -> None:
    from argparse import SUPPRESS

    parser.description = ("Print --device and numeric --group-add flags for the GPU nodes present here, and the "
                          "same as a compose snippet. Run it on the Jetson host.")
    parser.add_argument("--root", type=root_dir, default="/", metavar="DIR", help=SUPPRESS)


def image_check_parser(parser: Parser) -> None:
    parser.describe(
        "Start each image of LIST the way the team starts it (a run line, a compose service, or the "
        "flags docker-args recommends), run 'jetson-gpu-access verify' inside as the image's user in "
        "each way users arrive (main process, exec -u, su -, an SSH login), remove the container, and "
        "write results.json, junit.xml and summary.md. Exit code 1 names the failing image and view.")
    parser.add_argument("list", metavar="LIST", help="the image list (YAML or JSON; see docs/how-to/ci-runner.md)")
    parser.add_argument("--engine", metavar="NAME", help="docker, podman or a path (default: the list's engine, "
                        "else docker when installed, else podman)")
    parser.add_argument("--engine-option", action="append", default=[], metavar="OPT",
                        help="an option before the engine's command (repeatable), e.g. --engine-option=--runtime=runc")
    parser.add_argument("--run-option", action="append", default=[], metavar="OPT",
                        help="an option added to every run (repeatable), e.g. --run-option=--ulimit=nofile=1024:1024")
    parser.add_argument("--only", action="append", default=[], metavar="NAME", help="check only this image (repeatable)")
    parser.add_argument("--device-root", type=root_dir, metavar="DIR",
                        help="take the GPU nodes from DIR/dev instead of /dev (a lab device's stand-in nodes)")
    parser.add_argument("--out", default="build/image-check", metavar="DIR",
                        help="where the results go (default: build/image-check)")


def run_parser(parser: Parser) -> None:
    parser.describe(
        "Execute runbooks with papermill after checking every parameter against the runbook's "
        "parameters cell (name and type). Each run leaves, under --out, the executed notebook, "
        "result.json, junit.xml and summary.md. With --lab the kernel runs inside that lab "
        "device (brought up and down when it was not up).")
    parser.add_argument("runbooks", nargs="*", metavar="RUNBOOK",
                        help="diagnose, fix, verify, migrate or a path to an .ipynb (default: diagnose fix verify)")
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="set a parameter (checked against the runbook's declared name and type)")
    parser.add_argument("-f", "--parameters-file", metavar="FILE", help="parameters from a YAML mapping")
    parser.add_argument("--lab", metavar="DEVICE", help="run the kernel inside this lab device, or in a new one "
                        "from the profile of that name (SIMULATED)")
    parser.add_argument("--out", default="build/runbooks", metavar="DIR",
                        help="where results go (default build/runbooks)")
    parser.add_argument("--timeout", type=cell_seconds, default=600, metavar="S",
                        help="seconds per cell (default 600, at most 86400)")
    parser.add_argument("--expect", action="append", default=[], metavar="RUNBOOK=VERDICT",
                        help="the verdict (pass, warn, fail) a runbook should reach, e.g. diagnose=fail on a profile "
                             "that is broken on purpose; the exit code then says whether every expectation held")


def explain_parser(parser: Parser) -> None:
    parser.description = (
        "Read free text (a file, - for standard input, or the text itself as an argument) as people paste it, "
        "recognise the known error signatures and say what they most likely mean, where to read more and which "
        "commands would settle the rest. Exit code 0 when a signature was recognised, 1 when none was.")
    parser.add_argument("text", nargs="?", default="-", metavar="FILE|-|TEXT",
                        help="a file to read, - for standard input (default), or the text itself")
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                        help="text (default), json, or markdown (a reply to paste into an issue)")


def bundle_parser(parser: Parser) -> None:
    parser.describe(
        "Diagnose, then write one .tar.gz with the diagnosis and facts, readable excerpts "
        "and executed runbooks (from --runbooks), with host names, other users' names, IP and "
        "MAC addresses, tokens and keys redacted. 'explain BUNDLE' reads it back.")
    add_options(parser, OPTIONS["bundle"])


def cuda_check_parser(parser: Parser) -> None:
    parser.describe(
        "Load libcuda.so.1 through ctypes and run cuInit, cuDriverGetVersion, cuDeviceGetCount, "
        "cuDeviceGetName and a one-line kernel from embedded PTX, as the user running this "
        "command (the driver opens device nodes with the caller's credentials). Without a "
        "driver the check is reported as skipped, never as passed; exit code 0 for pass or "
        "skip, 1 for a failure.", exit_codes=False)
    add_options(parser, OPTIONS["cuda-check"])


def fleet_parser(parser: Parser) -> None:
    parser.describe(
        "Aggregate the per-host results that fleet/playbook.yml (Ansible) fetched: cohorts by "
        "board x JetPack x container image, pass and fail per runbook and check in each "
        "cohort, the hosts that differ from their cohort and in what, and the hosts that "
        "were unreachable or failed. With --require the exit code says whether enough hosts "
        "are healthy (1 when not): a gate for CI.")
    actions = parser.add_subparsers(dest="fleet_command", metavar="ACTION")
    actions.required = True
    report = actions.add_parser("report", help="the fleet report of a results folder",
                                description="Read DIR/HOST/host.json, facts.json and runbooks/*/result.json "
                                            "for every host and print the fleet report.")
    report.add_argument("directory", metavar="DIR", help="the playbook's jga_results folder")
    report.add_argument("--require", metavar="PERCENT",
                        help="the share of hosts that must be healthy, e.g. 95%%; exit code 1 below it")
    report.add_argument("--format", choices=("markdown", "json"), default="markdown",
                        help="markdown (default; also a page for the site) or json")
    report.add_argument("--title", default="Fleet report", help="the Markdown page's title")
    report.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of standard output")


def lab_parser(parser: Parser) -> None:
    parser.describe(
        "Run a lab profile (a scenario from public reports) as a bubblewrap sandbox with real "
        "character devices, the profile's /etc and a real sshd on a loopback port. Everything "
        "in a lab device is SIMULATED. Needs root, bubblewrap, openssh-server, "
        "openssh-client and gcc.")
    actions = parser.add_subparsers(dest="lab_command", metavar="ACTION")
    actions.required = True
    actions.add_parser("list", help="the profiles, and which are up")
    actions.add_parser("status", help="the lab devices that are up")
    start = actions.add_parser("up", help="build and start a lab device",
                               description="Build a lab device from PROFILE (a shipped profile's name, or the path of "
                                           "a profile file) and start its sshd on a free loopback port.")
    start.add_argument("profile", metavar="PROFILE")
    start.add_argument("--name", metavar="DEVICE",
                       help="the device's name and host name (default: the profile's); several devices can share a profile")
    start.add_argument("--share", action="append", default=[], metavar="PATH",
                       help="show this host folder read-only at the same path inside (e.g. a virtual environment "
                            "the fleet playbook reuses); repeatable")
    check = actions.add_parser("check", help="validate a profile file without starting anything",
                               description="Check PROFILE (a file, or a shipped profile's name) against the profile "
                                           "format (docs/lab/profile-format.md); exit 2 with the key and the remedy "
                                           "when it is wrong.")
    check.add_argument("profile", metavar="PROFILE")
    new = actions.add_parser("new", help="write an editable copy of a profile",
                             description="Write a copy of PROFILE, named NAME, to --output (default NAME.json) to "
                                         "edit and start with 'lab up NAME.json'.")
    new.add_argument("name", metavar="NAME")
    new.add_argument("--from", dest="source", required=True, metavar="PROFILE", help="the profile to copy (name or file)")
    new.add_argument("--output", "-o", metavar="FILE", help="where to write it (default NAME.json); another file there is never "
                                                     "overwritten")
    made = actions.add_parser("profile", help="write a profile reproducing a reported device",
                              description="Write a profile from a support bundle or a pasted report (what explain "
                                          "reads); every value that had to be assumed is listed in its assumptions. "
                                          "'lab up FILE' then starts the reporter's device.")
    source = made.add_mutually_exclusive_group(required=True)
    source.add_argument("--from-bundle", metavar="BUNDLE", help="a bundle written by 'jetson-gpu-access bundle'")
    source.add_argument("--from-text", metavar="REPORT", help="a text file with the pasted report")
    made.add_argument("--name", default="reproduced", metavar="NAME", help="the profile's name (default reproduced)")
    made.add_argument("--output", "-o", metavar="FILE", help="where to write it (default NAME.json); another file there "
                                                              "is never overwritten")
    stop = actions.add_parser("down", help="stop a lab device and remove its files")
    stop.add_argument("device", metavar="DEVICE")
    flock = actions.add_parser(
        "fleet", help="run fleet/playbook.yml (Ansible) against a SIMULATED fleet of lab devices",
        description="Bring up a fleet of lab devices (by default seven: three cohorts, one device fixed by the "
                    "playbook, one stopped so that it is unreachable), run fleet/playbook.yml against them with "
                    "ansible-playbook, leave the results in --out for 'jetson-gpu-access fleet report', and take "
                    "every device down again. Needs the fleet extra (ansible-core) and a source checkout.")
    flock.add_argument("--out", default="build/fleet", metavar="DIR", help="where the results go (default build/fleet)")
    flock.add_argument("--devices", type=lab_count, metavar="N",
                       help="N devices (at most 100) cycling through the default fleet's profiles, all reachable")
    flock.add_argument("--forks", type=lab_count, default=4, metavar="N", help="Ansible's forks (default 4, at most 100)")
    flock.add_argument("--check", action="store_true", help="run the playbook in check mode (a fix only plans)")
    actions.add_parser("inventory", help="an Ansible inventory (YAML) of the lab devices that are up",
                       description="Print an Ansible inventory in YAML for the running lab devices: loopback address, "
                                   "sshd port, root with the device's key, and the profile as jga_lab_profile.")
    run = actions.add_parser("exec", help="run a command inside a lab device",
                             usage="%(prog)s DEVICE [--user NAME] [--login | --process] -- CMD [ARG ...]",
                             description="Run CMD in a fresh sandbox over the device's files, as --user, with "
                                         "the groups of the chosen view.")
    run.add_argument("device", metavar="DEVICE")
    run.add_argument("--user", type=user_name, default="root", metavar="NAME", help="run as NAME (default root)")
    view = run.add_mutually_exclusive_group()
    view.add_argument("--login", dest="view", action="store_const", const="login",
                      help="groups as initgroups() builds them from the device's /etc/group (what SSH gives)")
    view.add_argument("--process", dest="view", action="store_const", const="process",
                      help="the session's process groups: its first process, or ENGINE exec -u by the engine's rule (default)")
    ssh = actions.add_parser("ssh", help="log in to a lab device over SSH (a real sshd) and run a command",
                             usage="%(prog)s DEVICE USER -- CMD [ARG ...]")
    ssh.add_argument("device", metavar="DEVICE")
    ssh.add_argument("user", type=user_name, metavar="USER")


# Handlers: what each command does, importing what it needs when it runs.

def _assess(args: SimpleNamespace) -> Assessment:
    from .pipeline import assess
    from .probe import ProbeError

    try:
        return assess(getattr(args, "root", "/"), args.user, args.pid)
    except ProbeError as error:
        raise UsageError(str(error)) from error


def _diagnosis(args: SimpleNamespace) -> Diagnosis:
    return _assess(args).diagnosis


def _emit(args: SimpleNamespace, value: object, text: str) -> None:
    if args.format == "json":
        import json  # only here: start-up time counts on devices (make bench)

        from .serde import to_jsonable

        json.dump(to_jsonable(value), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(text)


def cmd_plan(args: SimpleNamespace) -> int:
    from .exitcodes import Exit
    from .pipeline import plan_for
    from .report import render_plan

    if args.toolkit:
        return _toolkit_preview(args)
    if args.host_gid:  # it feeds the preview only: a plain plan reads the nodes' GIDs where it runs
        raise UsageError("--host-gid is read only with --toolkit VERSION (the preview of a toolkit upgrade); "
                         "add --toolkit or drop --host-gid")
    result = plan_for(_assess(args))
    _emit(args, result, render_plan(result))
    return Exit.OK if result.nothing_to_do else Exit.PROBLEM


def _toolkit_preview(args: SimpleNamespace) -> int:
    from .exitcodes import Exit
    from .upgrade import PreviewError, parse_host_gids, preview, render

    try:
        host_gids = parse_host_gids(args.host_gid)  # a usage error before anything is read
        result = preview(_diagnosis(args), args.toolkit, host_gids)
    except PreviewError as error:
        raise UsageError(str(error)) from error
    _emit(args, result, render(result))
    return Exit.OK if result.survives else Exit.PROBLEM


def cmd_apply(args: SimpleNamespace) -> int:
    from .apply import apply, check_environment, confirm_saved_plan
    from .exitcodes import Exit
    from .pipeline import plan_for
    from .plan import Plan
    from .report import render_plan

    if args.apply:  # refuse an unsafe root before reading anything through it
        check_environment(args.root)
    assessment = _assess(args)
    diagnosis = assessment.diagnosis
    plan = plan_for(assessment)
    if args.plan:  # a saved plan is a confirmation of the fresh one, never a source of actions
        from .safeio import load_json, read_file
        from .serde import from_jsonable

        try:  # a saved plan is kilobytes; read it as any input (a FIFO or a directory is exit 2)
            saved = from_jsonable(Plan, load_json(read_file(args.plan, 1 << 20).data, args.plan))
        except (OSError, ValueError, TypeError) as error:
            raise UsageError("cannot read plan {}: {}; save one with 'plan --format json'".format(args.plan, error)) from error
        plan = confirm_saved_plan(saved, plan)
    if not args.apply:
        _emit(args, plan, render_plan(plan) + "\nDRY RUN: nothing was changed. Run again with --apply to make "
              "exactly these changes.\n")
        return Exit.OK if plan.nothing_to_do else Exit.PROBLEM
    from .probe.accounts import find_user

    owner = find_user(diagnosis.facts.accounts, name=plan.user)
    applied = apply(plan, args.root, owner.uid if owner else None)
    lines = ["Applied {} change(s):".format(len(applied.commands))] + ["  " + c for c in applied.commands]
    if not applied.changed:
        lines = ["Nothing to do: no account file was touched."]
    lines += ["REFUSED {}: {}".format(r.path, r.reason) for r in plan.refusals]
    lines += ["note: " + n for n in applied.notes if applied.changed]
    _emit(args, applied, "\n".join(lines) + "\n")
    return Exit.PROBLEM if plan.refusals else Exit.OK


def cmd_verify(args: SimpleNamespace) -> int:
    from .exitcodes import Exit
    from .report import render_verification
    from .verify import verify

    try:
        result = verify(_diagnosis(args), with_cuda=not args.no_cuda)
    except ValueError as error:
        raise UsageError(str(error)) from error
    _emit(args, result, render_verification(result))
    return Exit.OK if result.verdict == "pass" else Exit.PROBLEM


def cmd_image_check(args: SimpleNamespace) -> int:
    from .exitcodes import Exit
    from .imagecheck import check_list, markdown

    result = check_list(args.list, args.out, args.engine, args.engine_option, args.run_option, args.only,
                        args.device_root)
    sys.stdout.write(markdown(result))
    return Exit.OK if result.status == "pass" else Exit.PROBLEM


def cmd_entrypoint(args: SimpleNamespace) -> int:
    from .entrypoint import script
    from .exitcodes import Exit

    sys.stdout.write(script())
    return Exit.OK


def cmd_docker_args(args: SimpleNamespace) -> int:
    from .entrypoint import docker_args
    from .exitcodes import Exit
    from .probe import ProbeError, probe

    try:
        facts = probe(args.root, "root")
    except ProbeError as error:
        raise UsageError(str(error)) from error
    sys.stdout.write(docker_args(facts))
    return Exit.OK


def cmd_run(args: SimpleNamespace) -> int:
    from .exitcodes import Exit
    from .lab.profiles import ProfileError
    from .parameters import read_file
    from .runner import overall, run_suite

    given = [(name, value, True) for name, value in args.parameter]
    expected = {}
    for item in args.expect:
        name, _, verdict = item.partition("=")
        if verdict not in ("pass", "warn", "fail"):
            raise UsageError("--expect {!r} is not RUNBOOK=pass|warn|fail".format(item))
        expected[name] = verdict
    try:
        if args.parameters_file:
            given = read_file(args.parameters_file) + given
        outcomes = run_suite(args.runbooks or ["diagnose", "fix", "verify"], given, args.out, args.timeout, args.lab)
    except ProfileError as error:
        raise UsageError(str(error)) from error
    for outcome in outcomes:
        status = "ok" if outcome.code == Exit.OK else "exit {}".format(outcome.code)
        print("{:<10} {:<8} {}  ({})".format(outcome.runbook, status, outcome.message, outcome.directory))
    print("results: {}".format(os.path.join(os.path.abspath(args.out), "summary.md")))
    if not expected:
        return int(overall(outcomes))
    verdicts = {o.runbook: o.verdict for o in outcomes}
    missed = ["{} is {} (expected {})".format(name, verdicts.get(name, "not run"), want)
              for name, want in expected.items() if verdicts.get(name) != want]
    unexpected = [o for o in outcomes if o.runbook not in expected and o.code != Exit.OK]
    for line in missed:
        print("{}: run: expectation not met: {}".format(PROG, line), file=sys.stderr)
    return int(overall(unexpected)) if not missed else int(Exit.PROBLEM)


def cmd_explain(args: SimpleNamespace) -> int:
    from .exitcodes import Exit
    from .explain import explain, read_input, render_markdown, render_text

    if args.text.endswith((".tar.gz", ".tgz")) and os.path.lexists(args.text):
        from .bundle import read_diagnosis
        from .report import render_text as render_diagnosis

        diagnosis = read_diagnosis(args.text)
        _emit(args, diagnosis, render_diagnosis(diagnosis, sys.stdout.encoding or "utf-8"))
        return Exit.OK
    text, cut = read_input(args.text)
    if cut:
        print("{}: explain: {}".format(PROG, cut), file=sys.stderr)
    result = explain(text)
    if args.format == "markdown":
        sys.stdout.write(render_markdown(result))
    elif args.format == "json":  # never-shown GIDs become null (explain.to_jsonable)
        import json

        from .explain import to_jsonable

        json.dump(to_jsonable(result), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        _emit(args, result, render_text(result))
    return Exit.OK if result.matches else Exit.PROBLEM


def cmd_bundle(args: SimpleNamespace) -> int:
    from .bundle import write
    from .exitcodes import Exit

    counts = write(_diagnosis(args), args.out, args.runbooks)
    summary = ", ".join("{} {}".format(n, kind) for kind, n in sorted(counts.items())) or "nothing"
    print("bundle written: {} (redacted: {})".format(os.path.abspath(args.out), summary))
    return Exit.OK


def cmd_cuda(args: SimpleNamespace) -> int:
    from .cuda import check
    from .exitcodes import Exit

    result = check()
    lines = ["CUDA driver check: {} ({})".format(result.status.upper(), result.detail)]
    if result.device_name:
        lines.append("device: {}, driver version {}".format(result.device_name, result.driver_version))
    if result.error_name:
        lines.append("error: {} = {}".format(result.code, result.error_name))
    _emit(args, result, "\n".join(lines) + "\n")
    return Exit.PROBLEM if result.status == "fail" else Exit.OK


def cmd_lab(args: SimpleNamespace) -> int:
    import subprocess

    from .exitcodes import Exit
    from .lab import profiles, sandbox
    from .lab.profiles import ProfileError

    try:
        if args.lab_command == "list":
            running: Dict[str, List[str]] = {}
            for device in sandbox.devices():
                running.setdefault(device.profile, []).append("{} on ssh port {}".format(device.name, device.port))
            for name in profiles.names():
                state = " (up: {})".format(", ".join(running[name])) if name in running else ""
                print("{:<32} {}{}".format(name, profiles.load(name).title, state))
        elif args.lab_command == "status":
            for device in sandbox.devices():
                state = "up" if sandbox._alive(device) else "stopped (stale files; run lab down)"
                print("{:<32} {} profile {} pid {} ssh 127.0.0.1:{} SIMULATED".format(
                    device.name, state, device.profile, device.pid, device.port))
        elif args.lab_command == "fleet":
            from .lab import fleet

            members = fleet.fleet_of(args.devices) if args.devices else list(fleet.DEFAULT_FLEET)
            print("SIMULATED fleet of {} lab devices: {}".format(len(members), ", ".join(
                m.name + (" (stopped)" if m.stopped else "") for m in members)), flush=True)
            outcome = fleet.run(members, os.path.abspath(args.out), args.forks, args.check, capture=False)
            print("playbook finished in {:.0f} s; results in {}: jetson-gpu-access fleet report {}".format(
                outcome.seconds, args.out, args.out))
            return outcome.returncode
        elif args.lab_command == "inventory":
            sys.stdout.write(sandbox.inventory_yaml([d for d in sandbox.devices() if sandbox._alive(d)]))
        elif args.lab_command == "up":
            device = sandbox.up(args.profile, args.name, args.share)
            print("lab device {} ({}) is up (SIMULATED): sshd on 127.0.0.1:{}".format(device.name, device.profile, device.port))
        elif args.lab_command == "check":
            profile = profiles.load(args.profile)
            print("{}: a valid lab profile (format {}): {} device nodes, {} via {}".format(
                args.profile, profiles.FORMAT, len(profile.nodes()), profile.session_user, profile.session_kind))
        elif args.lab_command in ("new", "profile"):
            from .lab import reproduce

            if args.lab_command == "new":
                document = reproduce.renamed(profiles.load(args.source), args.name)
            elif args.from_bundle:
                document = reproduce.from_bundle(args.from_bundle, args.name)
            else:
                document = reproduce.from_text(reproduce.read_report(args.from_text), args.from_text, args.name)
            output = args.output or args.name + ".json"
            written = reproduce.write_new(document, output)
            print("{} {} (profile {}); start it with: jetson-gpu-access lab up {}".format(
                "wrote" if written else "unchanged:", output, args.name, output))
        elif args.lab_command == "down":
            print("lab device {} {}".format(args.device, "stopped and removed" if sandbox.down(args.device) else "was not up"))
        else:
            command = args.argv
            if not command:
                raise UsageError("no command given: put it after --, e.g. -- id")
            if args.lab_command == "exec":
                argv = sandbox.exec_argv(args.device, args.user, args.view or "process", command)
                env = sandbox.exec_env(args.user)
            else:
                argv, env = sandbox.ssh_argv(args.device, args.user, command), None
            return subprocess.run(argv, env=env, check=False).returncode
    except ProfileError as error:
        raise UsageError(str(error)) from error
    return Exit.OK


def cmd_fleet(args: SimpleNamespace) -> int:
    import json

    from . import fleet
    from .exitcodes import Exit
    from .serde import to_jsonable

    required = fleet.parse_required(args.require) if args.require is not None else None
    report = fleet.build(fleet.load(args.directory), required)
    if args.format == "json":
        text = json.dumps(to_jsonable(report), indent=2) + "\n"
    else:
        text = fleet.markdown(report, args.title)
    if args.output:
        from .safeio import write_output

        write_output(args.output, text, "give --output a file of your own")
    else:
        sys.stdout.write(text)
    return Exit.PROBLEM if report.meets_requirement is False else Exit.OK


def cmd_diagnose(args: SimpleNamespace) -> int:
    from .exitcodes import Exit
    from .model import Verdict
    from .report import render_text

    result = _diagnosis(args)
    _emit(args, result, render_text(result, sys.stdout.encoding or "utf-8"))
    return Exit.PROBLEM if result.verdict is Verdict.PROBLEM else Exit.OK


# Every command: its name and one-line help (all the top-level parser knows), the builder of its
# own parser, and its handler. A new command is one row here plus its builder and handler.
COMMANDS: Tuple[Tuple[str, str, Builder, Callable[[SimpleNamespace], int]], ...] = (
    ("diagnose", "report who can open which GPU node, in which view, and why", diagnose_parser, cmd_diagnose),
    ("plan", "the changes that would give the user access, with the exact /etc/group diff", plan_parser, cmd_plan),
    ("apply", "carry out the plan (a dry run unless --apply is given)", apply_parser, cmd_apply),
    ("verify", "open every node as the user in fresh processes, then call the CUDA driver", verify_parser,
     cmd_verify),
    ("entrypoint", "print the container entrypoint that aligns GIDs at start", entrypoint_parser, cmd_entrypoint),
    ("docker-args", "print docker run flags and a compose snippet for this host's GPU nodes", docker_args_parser,
     cmd_docker_args),
    ("image-check", "check container images as their users meet them: verify inside, per way of arriving",
     image_check_parser, cmd_image_check),
    ("run", "run runbooks headlessly (papermill), leaving notebooks, results, JUnit and a summary", run_parser,
     cmd_run),
    ("explain", "explain pasted error output: known signatures, likely causes, what to run next", explain_parser,
     cmd_explain),
    ("bundle", "write a redacted support bundle (.tar.gz) for a bug report", bundle_parser, cmd_bundle),
    ("cuda-check", "call the CUDA driver as this user: cuInit, device query and a tiny kernel", cuda_check_parser,
     cmd_cuda),
    ("fleet", "many devices at once: the report over results fetched by fleet/playbook.yml", fleet_parser,
     cmd_fleet),
    ("lab", "simulated Jetsons: real device nodes, real SSH logins, an emulated CUDA driver", lab_parser, cmd_lab),
)


def build_parser() -> Parser:
    """The top-level parser: every command by name and one-line help; see :class:`cliparse.LazyCommands`."""
    from .cliparse import Parser, lazy_commands

    parser = Parser(prog=PROG)
    parser.describe("Find out why a user cannot open a Jetson's GPU device nodes (JetPack 6: render node, group "
                    "IDs, SSH logins, seat ACLs) and what to do about it.")
    parser.add_argument("--version", action="version", version="%(prog)s " + __version__)
    commands = lazy_commands(parser, dest="command", metavar="COMMAND")
    commands.required = True
    for name, help_text, build, _handler in COMMANDS:
        commands.add_lazy(name, help_text, build)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    if words[:1] == ["--version"]:  # what scripts ask most; argparse would answer the same, after its imports
        sys.stdout.write("{} {}\n".format(PROG, __version__))
        return 0
    from .exitcodes import Exit, ExitError

    # Everything after the first "--" is a command to run (lab exec/ssh), never our options.
    split = words.index("--") if "--" in words else len(words)
    args = quick_parse(words[:split]) or build_parser().parse_args(words[:split], SimpleNamespace())
    args.argv = words[split + 1:]
    handler = next(row[3] for row in COMMANDS if row[0] == args.command)
    try:
        return int(handler(args))
    except UsageError as error:
        print("{}: error: {}".format(PROG, error), file=sys.stderr)
        return int(Exit.USAGE)
    except ExitError as error:  # refusals of apply, lab and run: their own codes, one line
        print("{}: {}: {}".format(PROG, error.context, error), file=sys.stderr)
        return error.code
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
