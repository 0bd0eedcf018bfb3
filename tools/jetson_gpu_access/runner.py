"""The headless runner: papermill with the guard rails papermill leaves to its caller.

Before papermill starts, the notebook must be valid nbformat with exactly one ``parameters``
cell, and every parameter must be declared there (papermill inserts names unescaped and only
warns about unknown ones) with a value of the declared type. The kernel is pinned (a kernelspec
this runner writes), start-up and cell time are bounded, nothing reads stdin. Every run leaves the
executed notebook, the result JSON (written by the runbook, or by the runner when the runbook
could not), JUnit XML and a Markdown summary; failing cell, dead kernel and timeout get distinct
exit codes. With ``lab`` the kernel runs inside a lab device.
"""

from __future__ import annotations

import ast
import io
import json
import keyword
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Set, Tuple
from xml.sax.saxutils import escape, quoteattr

from .exitcodes import Exit, ExitError
from .record import frozen_record

RUNBOOK_DIR = Path(__file__).resolve().parent / "runbooks"  # package data, so a wheel install has them
RUNBOOKS = ("diagnose", "fix", "verify", "migrate")
TYPES = {"str": str, "int": int, "float": float, "bool": bool}
LAB_PYTHON = "/run/jga-lab/python"  # the lab device's copy of this package (readable by its users)
# The kernel's warning that loopback TCP is unencrypted is noise in a runbook's log, not its news.
QUIET = ["--IPKernelApp.log_level=ERROR"]


class RunnerError(ExitError):
    """Input the runner refuses (bad notebook or parameters): nothing ran."""

    context = "run"


@frozen_record
class Parameter:
    name: str
    type: str
    default: Any
    help: str


@frozen_record
class Outcome:
    runbook: str
    code: int
    verdict: str
    message: str
    directory: str


def resolve(name: str) -> Path:
    """A runbook by name (diagnose, fix, ...) or by path to an .ipynb file."""
    path = Path(name) if name.endswith(".ipynb") else RUNBOOK_DIR / (name + ".ipynb")
    if not path.is_file():
        raise RunnerError(Exit.USAGE, "no runbook {!r}: use one of {} or a path to an .ipynb file".format(
            name, ", ".join(RUNBOOKS)))
    return path


def load(path: Path) -> Any:
    """Read and strictly validate a notebook (papermill would only warn about an invalid one)."""
    import nbformat

    try:
        notebook = nbformat.read(str(path), as_version=4)  # type: ignore[no-untyped-call,unused-ignore]
        nbformat.validate(notebook)
    except Exception as error:  # nbformat raises several unrelated types for unreadable files
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise RunnerError(Exit.USAGE, "{} is not a valid notebook: {}".format(path, first)) from error
    return notebook


def declared(notebook: Any, path: Path) -> Dict[str, Parameter]:
    """The parameters cell's ``name: type = default  # help`` lines; exactly one such cell."""
    cells = [c for c in notebook.cells if c.cell_type == "code" and "parameters" in c.metadata.get("tags", [])]
    if len(cells) != 1:
        raise RunnerError(Exit.USAGE, "{} has {} cells tagged 'parameters'; a runbook needs exactly one".format(
            path, len(cells)))
    source = cells[0].source
    found: Dict[str, Parameter] = {}
    for node in ast.parse(source).body:
        if not (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
                and isinstance(node.annotation, ast.Name) and node.annotation.id in TYPES and node.value is not None):
            raise RunnerError(Exit.USAGE, "{}: parameters cell line {} is not 'name: str|int|float|bool = value'".format(
                path, getattr(node, "lineno", "?")))
        line = source.splitlines()[node.lineno - 1]
        help_text = line.split("#", 1)[1].strip() if "#" in line else ""
        found[node.target.id] = Parameter(node.target.id, node.annotation.id, ast.literal_eval(node.value), help_text)
    return found


def coerce(parameter: Parameter, value: Any, from_text: bool) -> Any:
    """``value`` as the parameter's type; RunnerError naming the parameter otherwise."""
    kind = parameter.type
    if from_text:
        text = str(value)
        try:
            if kind == "bool":
                if text.lower() not in ("true", "false", "1", "0", "yes", "no"):
                    raise ValueError(text)
                value = text.lower() in ("true", "1", "yes")
            elif kind == "int":
                if not re.fullmatch(r"-?\d+", text):
                    raise ValueError(text)
                value = int(text)
            elif kind == "float":
                value = float(text)
                if value != value or value in (float("inf"), float("-inf")):
                    raise ValueError(text)
            else:
                value = text
        except ValueError:
            raise RunnerError(Exit.USAGE, "parameter {} expects {}, got {!r}".format(parameter.name, kind, text)) from None
    elif not isinstance(value, TYPES[kind]) or (kind != "bool" and isinstance(value, bool)):
        raise RunnerError(Exit.USAGE, "parameter {} expects {}, got {!r}".format(parameter.name, kind, value))
    if kind == "str" and (not value.strip() or any(ord(ch) < 32 for ch in value)):
        raise RunnerError(Exit.USAGE, "parameter {} must not be empty, blank or contain control characters".format(
            parameter.name))
    return value


def validate(declared_parameters: Dict[str, Parameter], given: Sequence[Tuple[str, Any, bool]]) -> Dict[str, Any]:
    """Check names (declared, identifiers, not keywords) and types of (name, value, from_text) triples."""
    values: Dict[str, Any] = {}
    for name, value, from_text in given:
        if not name.isidentifier() or keyword.iskeyword(name):
            raise RunnerError(Exit.USAGE, "parameter name {!r} is not a Python identifier; nothing was run".format(name))
        if name not in declared_parameters:
            raise RunnerError(Exit.USAGE, "unknown parameter {!r}; this runbook takes: {}".format(
                name, ", ".join(sorted(declared_parameters))))
        values[name] = coerce(declared_parameters[name], value, from_text)
    return values


def read_parameter_file(path: str) -> List[Tuple[str, Any, bool]]:
    import yaml

    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as error:
        raise RunnerError(Exit.USAGE, "cannot read parameters file {}: {}".format(path, str(error).splitlines()[0])) from error
    if not isinstance(data, dict):
        raise RunnerError(Exit.USAGE, "parameters file {} must hold a mapping of name: value".format(path))
    return [(str(k), v, False) for k, v in data.items()]


# --- kernels ------------------------------------------------------------------------------------

def _kernelspec(home: str, name: str, argv: List[str], env: Dict[str, str]) -> None:
    directory = os.path.join(home, "kernels", name)
    os.makedirs(directory)
    with open(os.path.join(directory, "kernel.json"), "w", encoding="utf-8") as handle:
        json.dump({"argv": argv, "display_name": "jetson-gpu-access ({})".format(name), "language": "python",
                   "env": env}, handle)


def _lab_kernel_argv(profile: str, runtime_dir: str, out_dir: str) -> List[str]:
    """The kernelspec argv for a kernel inside a lab device: this module's lab_kernel() on the host."""
    return [sys.executable, "-m", "jetson_gpu_access.runner", "lab-kernel", profile, runtime_dir, out_dir,
            "{connection_file}"]


def lab_kernel(profile: str, runtime_dir: str, out_dir: str, connection_file: str) -> None:
    """Start ipykernel inside lab device ``profile``; replaces this process.

    The client writes the connection file wherever it likes (often the host's /tmp, which the
    sandbox does not see): copy it into the runtime folder the sandbox shares. JPY_PARENT_PID names
    a pid outside the sandbox's pid namespace, so ipykernel's parent poller would exit at once:
    JPY_PARENT_PID=1 turns the poller off (bwrap's --die-with-parent ends the kernel with us).
    """
    from .lab import sandbox

    inside = os.path.join(runtime_dir, "lab-" + os.path.basename(connection_file))
    shutil.copyfile(connection_file, inside)
    command = ["/usr/bin/env", "JPY_PARENT_PID=1", sys.executable, "-m", "ipykernel_launcher", *QUIET, "-f", inside]
    binds = [(sys.prefix, False), (sys.base_prefix, False), (runtime_dir, True), (out_dir, True)]
    argv = sandbox.exec_argv(profile, "root", "process", command, binds=binds)
    os.execv(argv[0], argv)  # noqa: S606 - an argv list to bwrap, no shell


# --- reports ------------------------------------------------------------------------------------

def _error_result(runbook: str, cause: str, message: str) -> Dict[str, Any]:
    """The result the runner writes when the runbook could not write its own (same schema)."""
    from . import __version__
    from .runbook import RESULT_SCHEMA, Check, Provenance, RunbookResult
    from .serde import to_jsonable

    result = RunbookResult(RESULT_SCHEMA, runbook, "fail", Provenance("unknown", None, None, None, __version__),
                           (Check("runner:" + cause, "fail", message, (), None, 0.0),), (), False)
    value: Dict[str, Any] = to_jsonable(result)
    return value


def junit(result: Dict[str, Any]) -> str:
    checks = result["checks"]
    failures = sum(c["status"] == "fail" for c in checks)
    skipped = sum(c["status"] == "skip" for c in checks)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<testsuite name={} tests="{}" failures="{}" skipped="{}">'.format(
               quoteattr("runbook." + result["runbook"]), len(checks), failures, skipped)]
    for check in checks:
        out.append('  <testcase classname={} name={} time="{}">'.format(
            quoteattr("runbook." + result["runbook"]), quoteattr(check["id"]), check["duration_s"]))
        detail = escape("\n".join([check["title"], *check["evidence"], check["remedy"] or ""]).strip())
        if check["status"] == "fail":
            out.append("    <failure message={}>{}</failure>".format(quoteattr(check["title"]), detail))
        elif check["status"] == "skip":
            out.append("    <skipped message={}/>".format(quoteattr(check["title"])))
        else:
            out.append("    <system-out>{}: {}</system-out>".format(check["status"], detail))
        out.append("  </testcase>")
    out.append("</testsuite>")
    return "\n".join(out) + "\n"


def markdown(results: List[Dict[str, Any]]) -> str:
    out = ["# Runbook results", ""]
    for result in results:
        prov = result["provenance"]
        where = "SIMULATED lab profile `{}`".format(prov["profile"]) if prov.get("profile") else prov["kind"]
        out += ["## {}: {}".format(result["runbook"], result["verdict"].upper()), "",
                "Where: {}; L4T {}; jetson-gpu-access {}".format(where, prov.get("l4t") or "unknown", prov["tool_version"]),
                "", "| Status | Check | What |", "| --- | --- | --- |"]
        out += ["| {} | `{}` | {} |".format(c["status"], c["id"], c["title"].replace("|", "\\|")) for c in result["checks"]]
        out.append("")
    return "\n".join(out)


# --- running ------------------------------------------------------------------------------------

class _Progress:
    """One line per runbook section (a Markdown heading); rewritten in place on a terminal."""

    def __init__(self, runbook: str, notebook: Any) -> None:
        self.runbook = runbook
        self.sections: Dict[int, str] = {}
        heading = "start"
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type == "markdown":
                match = re.search(r"^#+\s*(.+)$", cell.source, re.M)
                heading = match.group(1).strip() if match else heading
            else:
                self.sections[index] = heading
        self.last = ""
        self.tty = sys.stderr.isatty() and not os.environ.get("CI")

    def __call__(self, cell: Any, cell_index: int) -> None:
        section = self.sections.get(cell_index, self.last)
        if section != self.last:
            self.last = section
            line = "{}: {}".format(self.runbook, section)
            sys.stderr.write(("\r\033[K" + line) if self.tty else line + "\n")
            sys.stderr.flush()

    def done(self) -> None:
        if self.tty:
            sys.stderr.write("\n")


def run_one(name: str, given: Sequence[Tuple[str, Any, bool]], out_root: str, timeout: int,
            lab: Optional[str] = None, session_user: Optional[str] = None) -> Outcome:
    path = resolve(name)
    notebook = load(path)
    parameters = declared(notebook, path)
    values = validate(parameters, given)
    runbook = path.stem
    out_dir = os.path.abspath(os.path.join(out_root, runbook))
    os.makedirs(out_dir, exist_ok=True)
    result_path = os.path.join(out_dir, "result.json")
    if os.path.exists(result_path):
        os.unlink(result_path)
    if "result_path" in parameters:
        values["result_path"] = result_path
    if lab and session_user and "target_user" in parameters and "target_user" not in values:
        values["target_user"] = session_user
    code, message = _execute(path, notebook, values, out_dir, timeout, lab)
    result = _read_result(result_path)
    if result is None or not result.get("finished"):
        if code == Exit.OK:
            code, message = Exit.CELL_ERROR, "{} ended without writing its result (sys.exit in a cell?)".format(runbook)
        result = _error_result(runbook, {Exit.KERNEL_DIED: "kernel-died", Exit.TIMEOUT: "timeout"}.get(code, "error"),
                               message)
        with open(result_path, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=2)
    with open(os.path.join(out_dir, "junit.xml"), "w", encoding="utf-8") as handle:
        handle.write(junit(result))
    with open(os.path.join(out_dir, "summary.md"), "w", encoding="utf-8") as handle:
        handle.write(markdown([result]))
    return Outcome(runbook, int(code), str(result["verdict"]), message, out_dir)


def _read_result(path: str) -> Optional[Dict[str, Any]]:
    try:
        with open(path, encoding="utf-8") as handle:
            value: Dict[str, Any] = json.load(handle)
            return value
    except (OSError, ValueError):
        return None


def _execute(path: Path, notebook: Any, values: Dict[str, Any], out_dir: str, timeout: int,
             lab: Optional[str]) -> Tuple[Exit, str]:
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    home = tempfile.mkdtemp(prefix="jga-kernels-")
    runtime = os.path.join(home, "runtime")
    os.makedirs(runtime)
    saved = {k: os.environ.get(k) for k in ("JUPYTER_PATH", "JUPYTER_RUNTIME_DIR", "PYDEVD_DISABLE_FILE_VALIDATION")}
    os.environ.update({"JUPYTER_PATH": home, "JUPYTER_RUNTIME_DIR": runtime, "PYDEVD_DISABLE_FILE_VALIDATION": "1"})
    kernel = "jga-lab" if lab else "jga"
    env = {"PYTHONWARNINGS": "ignore"}
    if lab:
        env["PYTHONPATH"] = LAB_PYTHON
        argv = _lab_kernel_argv(lab, runtime, out_dir)
    else:
        argv = [sys.executable, "-m", "ipykernel_launcher", *QUIET, "-f", "{connection_file}"]
    _kernelspec(home, kernel, argv, env)
    progress = _Progress(path.stem, notebook)
    output = os.path.join(out_dir, path.name)
    try:
        papermill.execute_notebook(str(path), output, parameters=values, kernel_name=kernel, language="python",
                                   progress_bar=False,
                                   log_output=False, start_timeout=60, execution_timeout=timeout, cwd=out_dir,
                                   on_cell_start=progress, stdout_file=io.StringIO(), stderr_file=io.StringIO())
    except PapermillExecutionError as error:
        if error.ename == "RunbookFailed":
            return Exit.PROBLEM, "{}: {}".format(path.stem, error.evalue)
        return Exit.CELL_ERROR, "{}: cell {} raised {}: {}".format(path.stem, error.exec_count, error.ename, error.evalue)
    except DeadKernelError as error:
        return Exit.KERNEL_DIED, "{}: the kernel died ({}); state may be partial: re-run (it is idempotent) or " \
                                 "verify".format(path.stem, str(error).splitlines()[0] if str(error) else "no message")
    except CellTimeoutError:
        return Exit.TIMEOUT, "{}: a cell ran longer than {} s (timeout in section '{}')".format(path.stem, timeout,
                                                                                                progress.last)
    finally:
        progress.done()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(home, ignore_errors=True)
    return Exit.OK, "{}: done".format(path.stem)


def run_suite(names: Sequence[str], given: Sequence[Tuple[str, Any, bool]], out_root: str, timeout: int,
              lab: Optional[str] = None) -> List[Outcome]:
    """Run runbooks in order; with ``lab``, inside that lab device (brought up when needed)."""
    session_user = None
    started_here = False
    if lab:
        from .lab import sandbox

        device = sandbox.load(lab)
        if device is None or not sandbox._alive(device):
            device = sandbox.up(lab)  # by profile name
            started_here = True
        session_user = sandbox.profile_of(device).session_user
    paths = [resolve(name) for name in names]
    known: Set[str] = set()
    for path in paths:
        known.update(declared(load(path), path))
    for name, _value, _text in given:  # names first: papermill would paste them into code unescaped
        if not name.isidentifier() or keyword.iskeyword(name):
            raise RunnerError(Exit.USAGE, "parameter name {!r} is not a Python identifier; nothing was run".format(name))
        if name not in known:
            raise RunnerError(Exit.USAGE, "unknown parameter {!r}; these runbooks take: {}".format(name, ", ".join(sorted(known))))
    outcomes = []
    started = time.monotonic()
    try:
        for path in paths:
            mine = declared(load(path), path)
            outcomes.append(run_one(str(path), [g for g in given if g[0] in mine], out_root, timeout, lab, session_user))
    finally:
        if started_here:
            from .lab import sandbox

            sandbox.down(str(lab))
            sandbox.reap()
    results = [r for r in (_read_result(os.path.join(o.directory, "result.json")) for o in outcomes) if r]
    with open(os.path.join(out_root, "summary.md"), "w", encoding="utf-8") as handle:
        handle.write(markdown(results) + "\nTotal time: {:.1f} s\n".format(time.monotonic() - started))
    return outcomes


# Which exit code wins when several runbooks ran: refusals of input first, then the worst failure.
_PRIORITY = (Exit.USAGE, Exit.KERNEL_DIED, Exit.TIMEOUT, Exit.CELL_ERROR, Exit.PROBLEM, Exit.OK)


def overall(outcomes: Sequence[Outcome]) -> Exit:
    codes = {o.code for o in outcomes}
    return next((code for code in _PRIORITY if code in codes), Exit.OK)


if __name__ == "__main__" and sys.argv[1:2] == ["lab-kernel"] and len(sys.argv) == 6:
    lab_kernel(*sys.argv[2:6])
