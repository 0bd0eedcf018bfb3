"""The CLI as a user meets it: real processes, exit codes, one-line errors, JSON that round-trips."""

from __future__ import annotations

import contextlib
import glob
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Set, Tuple

import pytest

from conftest import needs_root
from jetson_gpu_access import data
from jetson_gpu_access.exitcodes import Exit
from jetson_gpu_access.lab import sandbox
from jetson_gpu_access.model import Diagnosis, Verdict, ViewKind
from jetson_gpu_access.serde import from_jsonable

TOOLS = Path(__file__).resolve().parent.parent / "tools"


def cli(*args: str, python: str = sys.executable, flags: List[str] = ()) -> subprocess.CompletedProcess:  # type: ignore[assignment,type-arg]
    return subprocess.run([python, *flags, "-m", "jetson_gpu_access", *args], cwd=str(TOOLS), capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL, check=False)


def assert_one_line_error(result: subprocess.CompletedProcess, needle: str) -> None:  # type: ignore[type-arg]
    assert result.returncode == Exit.USAGE
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("jetson-gpu-access: error:") and needle in lines[0], result.stderr


def test_help_lists_exit_codes() -> None:
    result = cli("diagnose", "--help")
    assert result.returncode == 0
    for code in Exit:
        assert "  {:<3} ".format(int(code)) in result.stdout


@pytest.mark.parametrize(("args", "needle"), [
    (["--root", "/nonexistent/root"], "not a directory with files"),
    (["--user", "bob;id"], "not a user name"),
    (["--user=-G0"], "not a user name"),
    (["--user", "ghost-user-xyz"], "not in /etc/passwd"),
    (["--pid", "0"], "not a process ID"),
    (["--pid", "12x"], "not a process ID"),
    (["--pid", "4194303"], "no process 4194303"),
    (["--format", "yaml"], "invalid choice"),
])
def test_bad_input_gets_one_line_and_exit_2(args: List[str], needle: str) -> None:
    assert_one_line_error(cli("diagnose", *args), needle)



NINES = "9" * 4300  # as many digits as Python's int() takes from a string (3.11+), and more than any id has


@pytest.mark.parametrize(("args", "needle"), [
    (["plan", "--host-gid", "render=" + "9" * 20], "0 to 4294967294"),
    (["plan", "--host-gid", "render=" + NINES], "0 to 4294967294"),
    (["plan", "--host-gid", "render=4294967295"], "0 to 4294967294"),  # (gid_t)-1: "no group"
    (["plan", "--toolkit", "1.19.1", "--host-gid", "render=" + NINES], "0 to 4294967294"),
    (["apply", "--pid", "9" * 20], "1 to 4194303"),
    (["diagnose", "--pid", NINES], "1 to 4194303"),
    (["diagnose", "--pid", "4194304"], "1 to 4194303"),
    (["run", "--timeout", "9" * 20, "diagnose"], "1 to 86400"),
    (["lab", "fleet", "--devices", NINES], "1 to 100"),
    (["lab", "fleet", "--forks", "9" * 20], "1 to 100"),
])
def test_every_numeric_option_is_range_checked_when_read(args: List[str], needle: str) -> None:
    """GIDs, PIDs and counts: out of range is exit 2 in one short line, before anything is read or started."""
    result = cli(*args)
    assert result.returncode == Exit.USAGE and result.stdout == "", (result.returncode, result.stderr[:300])
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and len(lines[0]) < 300, result.stderr[:600]



def test_a_host_gid_without_a_toolkit_version_is_refused_not_ignored() -> None:
    """--host-gid feeds the preview of a toolkit upgrade only: a plain plan would drop it without a word."""
    assert_one_line_error(cli("plan", "--host-gid", "render=993"), "--toolkit")


@pytest.mark.parametrize("command", [["diagnose"], ["plan"], ["apply", "--apply"], ["bundle"], ["docker-args"]])
@pytest.mark.parametrize("root", ["", "  "])
def test_an_empty_root_is_bad_input_not_the_current_folder(command: List[str], root: str) -> None:
    """--root '' would otherwise name the folder the command runs in (for apply --apply, the files it changes)."""
    assert_one_line_error(cli(*command, "--root", root), "ROOT is empty")


def test_this_machine_is_diagnosed_plainly() -> None:
    result = cli("diagnose", "--user", "nobody")
    assert result.returncode in (Exit.OK, Exit.PROBLEM), result.stderr
    assert result.stdout.startswith("jetson-gpu-access ") and "Verdict: " in result.stdout


def test_runs_without_any_third_party_package() -> None:
    """-S: no site-packages at all, as in a minimal container with python3 and no pip."""
    result = cli("diagnose", "--user", "nobody", "--format", "json", flags=["-S"])
    assert result.returncode in (Exit.OK, Exit.PROBLEM), result.stderr
    assert json.loads(result.stdout)["facts"]["user"]["name"] == "nobody"


def python38() -> str:
    """A working Python 3.8 interpreter (PATH, then pyenv's folders), or '' when there is none."""
    candidates = [shutil.which("python3.8") or ""] + sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.8*/bin/python3.8")))
    for candidate in filter(None, candidates):
        probe = subprocess.run([candidate, "-c", "import sys; print(sys.version_info[:2])"], capture_output=True,
                               text=True, timeout=30, check=False)
        if probe.returncode == 0 and probe.stdout.strip() == "(3, 8)":
            return candidate
    return ""


@pytest.mark.skipif(not python38(), reason="no working Python 3.8 interpreter on this machine")
def test_runs_on_python_3_8() -> None:
    result = cli("diagnose", "--user", "nobody", python=python38(), flags=["-S"])
    assert result.returncode in (Exit.OK, Exit.PROBLEM), result.stderr
    assert "Verdict: " in result.stdout


def test_json_is_the_full_typed_result_and_exit_code_follows_the_verdict(scratch_root) -> None:  # type: ignore[no-untyped-def]
    problem = cli("diagnose", "--root", scratch_root("jp61-container-ubuntu-ssh"), "--format", "json")
    assert problem.returncode == Exit.PROBLEM
    assert from_jsonable(Diagnosis, json.loads(problem.stdout)).verdict is Verdict.PROBLEM
    healthy = cli("diagnose", "--root", scratch_root("jp51-host"))
    assert healthy.returncode == Exit.OK and "Verdict: HEALTHY" in healthy.stdout


def test_text_report_shows_the_failing_node_and_rule(scratch_root) -> None:  # type: ignore[no-untyped-def]
    result = cli("diagnose", "--root", scratch_root("jp61-container-ubuntu-ssh"))
    row = next(line for line in result.stdout.splitlines() if line.startswith("/dev/dri/renderD128"))
    assert row.split()[-6:] == ["\u2717", "other", "--", "\u2717", "other", "--"]
    assert "ACC-003" in result.stdout and "GRP-002" in result.stdout


@needs_root
def test_process_view_comes_from_a_real_process() -> None:
    """A process holding GID 44 through setpriv (like --group-add): its groups form the process view."""
    sleeper = subprocess.Popen(["setpriv", "--reuid=65534", "--regid=65534", "--groups=44,4242", "sleep", "30"])
    try:
        result = cli("diagnose", "--user", "nobody", "--pid", str(sleeper.pid), "--format", "json")
        views = {v.kind: v for v in from_jsonable(Diagnosis, json.loads(result.stdout)).views}
        assert views[ViewKind.PROCESS].groups == (44, 4242, 65534)
        assert 4242 not in views[ViewKind.LOGIN].groups
        other = cli("diagnose", "--user", "root", "--pid", str(sleeper.pid))
        assert_one_line_error(other, "runs as uid 65534")
    finally:
        sleeper.kill()
        sleeper.wait(timeout=10)


@needs_root
@pytest.mark.skipif(shutil.which("unshare") is None, reason="unshare(1) is not installed")
def test_nodev_mount_is_reported_not_blamed_on_groups(tmp_path: Path) -> None:
    """A private mount namespace with a nodev tmpfs: even root cannot open the node there."""
    script = """
set -e
mount -t tmpfs -o nodev,mode=755 tmpfs "$1"
mkdir -p "$1/dev" "$1/etc"
mknod -m 0660 "$1/dev/nvmap" c 1 3
chown 0:44 "$1/dev/nvmap"
printf 'root:x:0:0::/root:/bin/sh\\nalice:x:1000:1000::/home/alice:/bin/sh\\n' > "$1/etc/passwd"
printf 'video:x:44:alice\\nalice:x:1000:\\n' > "$1/etc/group"
cd "$2" && "$3" -m jetson_gpu_access diagnose --root "$1" --user alice --format json
"""
    root = tmp_path / "root"
    root.mkdir()
    result = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh", str(root),
                             str(TOOLS), sys.executable], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == Exit.PROBLEM, result.stderr
    diagnosis = from_jsonable(Diagnosis, json.loads(result.stdout))
    # nodev is named as the cause; no group finding blames membership (DEV-001/PLT-002: no render node, no L4T)
    assert {f.code for f in diagnosis.findings} == {"DEV-003", "DEV-001", "PLT-002"}
    assert diagnosis.facts.devices[0].nodev
    assert not os.listdir(str(root))  # the tmpfs lived only in the private namespace


# Start-up: the CLI starts once per call (entrypoints, login scripts, fleet runs), so a command imports
# only what it uses and builds only its own parser. make bench measures the time; these hold the structure.

# Each command's own modules: no other command may import them.
COMMAND_MODULES = {
    "apply": {"apply"}, "plan": {"plan"}, "verify": {"verify", "system"}, "explain": {"explain", "textfacts", "launch"},
    "bundle": {"bundle"}, "cuda-check": {"cuda"}, "fleet": {"fleet", "serde"}, "lab": {"lab"}, "run": {"runner", "runbook"},
    "migrate": {"migrate"}, "entrypoint": {"entrypoint"},
}


def modules_after(code: str) -> List[str]:
    """The package's modules (without the package prefix) a fresh interpreter imported while running CODE."""
    script = "import sys\nbefore = set(sys.modules)\n{}\nsys.stderr.write('\\nMODULES ' + ' '.join(sorted(set(" \
             "sys.modules) - before)) + '\\n')\n".format(code)
    result = subprocess.run([sys.executable, "-c", script], cwd=str(TOOLS), capture_output=True, text=True, timeout=60,
                            stdin=subprocess.DEVNULL, check=False)
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith("MODULES "), result.stderr
    return line.split()[1:]


def run_main(*argv: str) -> str:
    return "from jetson_gpu_access.cli import main\ntry:\n    main({!r})\nexcept SystemExit:\n    pass".format(list(argv))


def ours(modules: List[str]) -> Set[str]:
    return {m.split(".")[1] for m in modules if m.startswith("jetson_gpu_access.")}


def test_importing_the_cli_imports_no_command_module() -> None:
    loaded = modules_after("import jetson_gpu_access.cli")
    assert ours(loaded) == {"cli"}, loaded
    assert not {"argparse", "typing", "enum", "json", "re"} & set(loaded), loaded


def test_version_imports_nearly_nothing() -> None:
    loaded = modules_after(run_main("--version"))
    assert set(loaded) <= {"jetson_gpu_access", "jetson_gpu_access.cli", "__future__"}, loaded


@pytest.mark.parametrize("argv", [["--help"], ["diagnose", "--help"], ["lab", "up", "--help"], ["run", "--help"],
                                  ["nope"], ["fleet", "report", "--format", "x", "d"]])
def test_help_and_usage_errors_import_no_command_module(argv: List[str]) -> None:
    assert ours(modules_after(run_main(*argv))) == {"cli", "cliparse", "exitcodes", "choice"}  # choice: the base of Exit


@pytest.mark.parametrize(("argv", "own"), [
    (["explain", "error 801: operation not supported"], "explain"),
    (["entrypoint", "--print"], "entrypoint"),
    (["cuda-check"], "cuda-check"),
    (["fleet", "report", "/nonexistent/results"], "fleet"),
    (["diagnose", "--user", "nobody"], None),
    (["plan", "--user", "nobody"], "plan"),
])
def test_a_command_imports_no_other_commands_modules(argv: List[str], own: Optional[str]) -> None:
    loaded = ours(modules_after(run_main(*argv)))
    for command, modules in COMMAND_MODULES.items():
        if command != own and not (own == "explain" and command == "migrate"):  # explain audits pasted launch lines
            assert not modules & loaded, "{} imported {}'s modules: {}".format(argv[0], command, sorted(modules & loaded))


# What a plain diagnose must not import: argparse (with gettext and locale), typing, json's Python layer,
# and re with fnmatch (each measured by make bench; together they were more than half of its start-up); then
# enum with functools, collections, operator and types (the package's enums are Choices: a fifth of what was left).
NOT_ON_THE_DIAGNOSE_PATH = {"argparse", "gettext", "locale", "typing", "json", "_json", "re", "fnmatch", "struct",
                            "contextlib", "enum", "functools", "collections", "operator", "types",
                            "jetson_gpu_access.cliparse"}


def test_a_plain_diagnose_builds_no_parser_and_imports_no_typing_patterns_or_enum(scratch_root) -> None:  # type: ignore[no-untyped-def]
    root = scratch_root("jp61-container-ubuntu-ssh")
    data.compile_all()  # the tables' marshal copies, as the first run or `make bytecode` leaves them
    for argv in (["diagnose", "--root", root, "--user", "alice"], ["diagnose", "--root=" + root, "--pid", "1"]):
        loaded = set(modules_after(run_main(*argv)))
        assert not NOT_ON_THE_DIAGNOSE_PATH & loaded, (argv, sorted(NOT_ON_THE_DIAGNOSE_PATH & loaded))
    for argv in (["diagnose", "--root", root, "--format", "json"], ["plan", "--root", root, "--user", "alice"]):
        assert "argparse" not in modules_after(run_main(*argv))  # these need typing (serde, plan), never a parser
    loaded = modules_after("""
import io, json, re, sys
from jetson_gpu_access.cli import main
patterns = []
compile_pattern = re._compile
re._compile = lambda pattern, flags: patterns.append(pattern) or compile_pattern(pattern, flags)
sys.stdout = io.StringIO()
main(["diagnose", "--root", {!r}, "--user", "alice"])
assert not patterns, patterns  # (json and re are imported here only to watch)
""".format(root))
    assert "jetson_gpu_access.probe" in loaded  # it ran


def _quick_and_argparse(words: List[str]) -> Tuple[Optional[Dict[str, Any]], Optional[Dict[str, Any]]]:
    from types import SimpleNamespace

    from jetson_gpu_access.cli import build_parser, quick_parse

    quick = quick_parse(words)
    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            full: Optional[Dict[str, Any]] = vars(build_parser().parse_args(words, SimpleNamespace()))
    except SystemExit:
        full = None
    return (vars(quick) if quick is not None else None), full


QUICK_WORDS = ["--root", "--root=/r", "/r", "--user", "--user=alice", "alice", "bob;id", "--pid", "7", "0", "--format",
               "--format=json", "json", "yaml", "--apply", "--apply=1", "--plan", "p.json", "--toolkit", "1.19.1",
               "--host-gid", "render=993", "--no-cuda", "--print", "--out", "--runbooks", "--us", "-h", "-x", "", "extra"]


@pytest.mark.parametrize("command", ["diagnose", "plan", "apply", "verify", "entrypoint", "bundle", "cuda-check"])
def test_a_plain_command_line_is_read_as_argparse_reads_it(command: str) -> None:
    """quick_parse either gives exactly argparse's result or declines (then argparse reads the line)."""
    import random

    draw = random.Random(command)  # noqa: S311 (test data, not a secret)
    lines = [[command, *draw.sample(QUICK_WORDS, draw.randint(0, 4))] for _ in range(300)]
    lines += [[command], [command, "--format", "json", "--format", "text"], [command, "--host-gid", "a=1", "--host-gid", "b=2"]]
    read = 0
    for words in lines:
        quick, full = _quick_and_argparse(words)
        assert quick is None or quick == full, words
        read += quick is not None
    assert read >= 3  # plain lines do take the quick way


def test_every_quick_commands_parser_holds_exactly_its_options() -> None:
    """A builder that added an argument of its own would make quick_parse miss it."""
    from jetson_gpu_access.cli import COMMANDS, OPTIONS
    from jetson_gpu_access.cliparse import Parser

    for name, _help, build, _handler in COMMANDS:
        if name in OPTIONS:
            parser = Parser(prog=name)
            build(parser)
            flags = [tuple(a.option_strings) for a in parser._actions if a.dest != "help"]
            assert flags == [option.flags for option in OPTIONS[name]], name
            assert [a.dest for a in parser._actions if a.dest != "help"] == [o.dest for o in OPTIONS[name]], name


@pytest.mark.parametrize("argv", [["plan"], ["lab", "list"], ["-h"], ["--vers"]])
def test_only_the_chosen_commands_parser_is_built(argv: List[str]) -> None:
    from jetson_gpu_access.cli import COMMANDS, build_parser
    from jetson_gpu_access.cliparse import LazyCommands

    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, LazyCommands))
    assert list(commands.choices) == [row[0] for row in COMMANDS]  # every name is known from the start
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        parser.parse_args(argv)
    assert sorted(commands._name_parser_map) == sorted(argv[:1] if not argv[0].startswith("-") else [])


def test_no_module_parses_data_or_compiles_a_pattern_when_it_is_imported() -> None:
    """JSON tables are read when a function needs them (data.load), and patterns are compiled on first
    use, never as a module loads: a command pays only for what it uses. Explain (each of its stages) and its own
    text modules compile theirs as they load; no other command imports them (test above)."""
    code = """
import json, pkgutil, importlib, re, sys, jetson_gpu_access
calls, compiled = [], set()
for name in ("load", "loads"):
    original = getattr(json, name)
    setattr(json, name, lambda *a, _original=original, **k: calls.append(1) or _original(*a, **k))
compile_pattern = re._compile
def recording(*args, **kwargs):
    frame = sys._getframe(1)
    while frame.f_globals.get("__name__", "").startswith("re"):
        frame = frame.f_back
    compiled.add(frame.f_globals.get("__name__", ""))
    return compile_pattern(*args, **kwargs)
re._compile = recording
for module in pkgutil.walk_packages(jetson_gpu_access.__path__, "jetson_gpu_access."):
    if module.name != "jetson_gpu_access.__main__":  # that one runs the CLI
        importlib.import_module(module.name)
from jetson_gpu_access import data
assert not calls and not data._LOADED, (len(calls), sorted(data._LOADED))
ours = {m for m in compiled if m.startswith("jetson_gpu_access.")}
allowed = {"jetson_gpu_access." + m for m in ("textfacts", "launch", "migrate")}
assert all(m in allowed or m.split(".")[1] == "explain" for m in ours), ours
"""
    assert len([m for m in modules_after(code) if m.startswith("jetson_gpu_access.")]) > 30  # all of them ran


@pytest.mark.skipif(not os.access(sandbox.INNER_PYTHON, os.X_OK), reason="no {} to run lab devices".format(sandbox.INNER_PYTHON))
def test_the_labs_copy_of_the_package_is_precompiled_for_its_interpreter(tmp_path: Path) -> None:
    """Lab users cannot write __pycache__: every module needs current bytecode for the python3 inside."""
    sandbox.copy_package(str(tmp_path))
    check = """
import importlib.util, os, sys
stale = []
for base, _, files in os.walk(sys.argv[1]):
    for name in (n for n in files if n.endswith(".py")):
        source = os.path.join(base, name)
        try:
            with open(importlib.util.cache_from_source(source), "rb") as handle:
                header = handle.read(16)
        except OSError:
            header = b""
        stat = os.stat(source)
        expected = importlib.util.MAGIC_NUMBER + bytes(4) + (int(stat.st_mtime) & 0xFFFFFFFF).to_bytes(4, "little") + (
            stat.st_size & 0xFFFFFFFF).to_bytes(4, "little")
        if header != expected:
            stale.append(source)
print(len(stale), stale[:3])
"""
    result = subprocess.run([sandbox.INNER_PYTHON, "-c", check, str(tmp_path)], capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.startswith("0 "), result.stdout
    assert len(list(tmp_path.rglob("*.py"))) > 30
