"""The headless runner: papermill with the guard rails papermill leaves to its caller.

Before papermill starts, the notebook must be valid nbformat with exactly one ``parameters``
cell, every parameter must be declared there with a value of the declared type
(:mod:`~jetson_gpu_access.parameters`, which the runbooks' first cell uses too), and every output
file must be writable. The kernel is pinned and ends quietly (:mod:`~jetson_gpu_access.kernels`),
start-up and cell time are bounded, nothing reads stdin. Every run leaves the executed notebook,
the result JSON (written by the runbook, or by the runner when the runbook could not), JUnit XML
and a Markdown summary (:mod:`~jetson_gpu_access.results`); a refused parameter, a failing cell, a
dead kernel and a timeout get distinct exit codes. With ``lab`` the kernel runs inside a lab device.
Each output is written through :mod:`~jetson_gpu_access.safeio` (never through a link, never half);
papermill writes the executed notebook into the runner's private folder, copied under ``--out`` at the end.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Set, Tuple

from . import kernels, results
from .exitcodes import Exit, ExitError
from .parameters import PATH_PARAMETERS, Given, Parameter, ParameterError, check_name, declarations, validate
from .record import frozen_record
from .safeio import check_under, remove_under, write_under

RUNBOOK_DIR = Path(__file__).resolve().parent / "runbooks"  # package data, so a wheel install has them
RUNBOOKS = ("diagnose", "fix", "verify", "migrate")
OUTPUTS = ("result.json", "junit.xml", "summary.md")  # per runbook, with the executed notebook
OUT_REMEDY = "pass --out a folder of your own"


class RunnerError(ExitError):
    """Input the runner refuses (bad notebook, parameters or output folder): nothing ran."""

    context = "run"


# Signals that stop a run (coreutils' timeout and service managers send SIGTERM, a closed terminal SIGHUP): the
# runner ends its kernel, keeps what the runbook wrote, and exits 128 + the signal's number.
STOPPING = (signal.SIGTERM, signal.SIGHUP)


class Stopped(SystemExit):
    """A stopping signal arrived while a runbook ran. A SystemExit, so that neither runbook code nor the event loop
    swallows it (asyncio logs and drops any other exception raised in one of its callbacks)."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        self.status = 128 + signum  # what the runner exits with (also SystemExit's code, should it ever escape)
        super().__init__(self.status)
        self.name = signal.Signals(signum).name

    def __reduce__(self) -> Tuple[type, Tuple[int]]:  # copied or pickled from its signal, not from SystemExit's code
        return Stopped, (self.signum,)


def _stop(signum: int, _frame: Any) -> None:
    if kernels.held_while_launching(signum):
        return
    kernels.end_started()
    raise Stopped(signum)


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


def _nbformat() -> Any:
    """nbformat, imported without rfc3987-syntax. jsonschema imports that package for its "iri" format wherever it is
    installed (jupyter-events asks for it), and it builds a Lark grammar as it is imported: some seconds of every
    run on a small board (make bench). No notebook schema uses that format, so a None in sys.modules (which reads as
    not installed) leaves jsonschema without it; papermill, imported later, finds jsonschema loaded."""
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    import nbformat

    return nbformat


def load(path: Path) -> Any:
    """Read and strictly validate a notebook (papermill would only warn about an invalid one)."""
    nbformat = _nbformat()
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
    return declarations(cells[0].source, str(path))


def prepare_output(out_root: str, runbooks: Sequence[str]) -> None:
    """Create every output folder and check every output name, before anything runs; safeio refuses
    the same again when it writes (a link can be planted while a runbook runs)."""
    check_under(out_root, "", ["summary.md"], OUT_REMEDY)
    for name in runbooks:
        check_under(out_root, name, [*OUTPUTS, name + ".ipynb"], OUT_REMEDY)


# --- running ------------------------------------------------------------------------------------

class _Progress:
    """One line per runbook section (a Markdown heading after the parameters); rewritten in place
    on a terminal. The title section (parameters and their check) prints nothing, so a refused
    parameter ends the run with its one line only."""

    def __init__(self, runbook: str, notebook: Any) -> None:
        self.runbook = runbook
        self.sections: Dict[int, str] = {}
        heading = ""
        seen_parameters = False
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type == "markdown" and seen_parameters:
                match = re.search(r"^#+\s*(.+)$", cell.source, re.M)
                heading = match.group(1).strip() if match else heading
            elif cell.cell_type == "code":
                seen_parameters = seen_parameters or "parameters" in cell.metadata.get("tags", [])
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
        if self.tty and self.last:
            sys.stderr.write("\n")


def _run_one(path: Path, notebook: Any, values: Dict[str, Any], out_root: str, timeout: int, lab: Optional[str],
             session_user: Optional[str]) -> Outcome:
    runbook = path.stem
    parameters = declared(notebook, path)
    out_root = os.path.abspath(out_root)
    out_dir = os.path.join(out_root, runbook)
    result_path = os.path.join(out_dir, "result.json")
    remove_under(out_root, runbook + "/result.json", OUT_REMEDY)  # an earlier run's result must not pass for this one's
    if "result_path" in parameters:
        values = dict(values, result_path=result_path)
    if lab and session_user and "target_user" in parameters and "target_user" not in values:
        values = dict(values, target_user=session_user)
    code: int
    try:
        code, message = _execute(path, notebook, values, out_root, timeout, lab)
    except Stopped as stop:  # the kernel is already ended; what the runbook wrote so far is kept, with why it stopped
        code, message = stop.status, "{}: stopped by {}; state may be partial: re-run (it is idempotent)".format(
            runbook, stop.name)
    result = results.read(out_root, runbook + "/result.json")
    if result is None or not result.finished:
        if code == Exit.OK:
            code, message = Exit.CELL_ERROR, "{} ended without writing its result (sys.exit in a cell?)".format(runbook)
        causes = {int(Exit.KERNEL_DIED): "kernel-died", int(Exit.TIMEOUT): "timeout", int(Exit.USAGE): "parameters"}
        cause = causes.get(code, "stopped" if code > 128 else "error")
        result = results.error_result(runbook, cause, message)
        write_under(out_root, runbook + "/result.json", results.dumps(result), OUT_REMEDY)
    write_under(out_root, runbook + "/junit.xml", results.junit(result), OUT_REMEDY)
    write_under(out_root, runbook + "/summary.md", results.markdown([result]), OUT_REMEDY)
    return Outcome(runbook, int(code), result.verdict, message, out_dir)


# jupyter_client's words for a kernel process that exited before it answered, or that did not answer within the start
# timeout: either way it ran no cell. On a busy machine a port chosen for it can be taken by another process before the
# kernel binds it, and a lab device's kernel (in its sandbox, on a loaded machine) can take longer than a minute.
_NOT_STARTED = ("Kernel died before replying to kernel_info", "Kernel didn't respond in")
# Seconds a kernel has to answer before it counts as not started.
KERNEL_START_TIMEOUT = 120


def _started_once_more(runbook: str, execute: Callable[[], object]) -> None:
    """Run ``execute``; a kernel that died or never answered before it started is started once more (nothing ran, so
    nothing repeats)."""
    try:
        execute()
    except RuntimeError as error:
        if not str(error).startswith(_NOT_STARTED):
            raise
        sys.stderr.write("{}: the kernel did not start; starting it once more\n".format(runbook))
        execute()


def _execute(path: Path, notebook: Any, values: Dict[str, Any], out_root: str, timeout: int,
             lab: Optional[str]) -> Tuple[Exit, str]:
    _nbformat()
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    out_dir = os.path.join(out_root, path.stem)
    home = tempfile.mkdtemp(prefix="jga-kernels-")  # private (0700): the kernelspec and papermill's notebook
    runtime = os.path.join(home, "runtime")
    os.makedirs(runtime, 0o755)  # not writable by others, whatever the umask (safeio refuses such a folder)
    saved = {k: os.environ.get(k) for k in ("JUPYTER_PATH", "JUPYTER_RUNTIME_DIR", "PYDEVD_DISABLE_FILE_VALIDATION")}
    os.environ.update({"JUPYTER_PATH": home, "JUPYTER_RUNTIME_DIR": runtime, "PYDEVD_DISABLE_FILE_VALIDATION": "1"})
    kernel = "jga-lab" if lab else "jga"
    env = {"PYTHONWARNINGS": "ignore"}
    if lab:  # the files a path parameter names are shown read-only inside the device, at the same place
        env.update(kernels.lab_env(), **kernels.shares_env(
            [str(values[name]) for name in PATH_PARAMETERS if isinstance(values.get(name), str) and values[name]]))
    kernels.write_kernelspec(home, kernel, kernels.lab_argv(lab, runtime, out_dir) if lab else kernels.local_argv(),
                             env)
    progress = _Progress(path.stem, notebook)
    output = os.path.join(home, path.name)  # papermill writes (and rewrites) it here; it goes under --out at the end
    try:
        _started_once_more(path.stem, lambda: papermill.execute_notebook(
            str(path), output, parameters=values, kernel_name=kernel, language="python", progress_bar=False,
            log_output=False, start_timeout=KERNEL_START_TIMEOUT, execution_timeout=timeout, cwd=out_dir, on_cell_start=progress,
            stdout_file=io.StringIO(), stderr_file=io.StringIO(), kernel_manager_class=kernels.QuietKernelManager))
    except PapermillExecutionError as error:
        if error.ename == "RunbookFailed":
            return Exit.PROBLEM, "{}: {}".format(path.stem, error.evalue)
        if error.ename == ParameterError.__name__:  # the runbook's own check of its parameters
            return Exit.USAGE, "{}: {}".format(path.stem, error.evalue)
        return Exit.CELL_ERROR, "{}: cell {} raised {}: {}".format(path.stem, error.exec_count, error.ename, error.evalue)
    except DeadKernelError as error:
        return Exit.KERNEL_DIED, "{}: the kernel died ({}); state may be partial: re-run (it is idempotent) or " \
                                 "verify".format(path.stem, str(error).splitlines()[0] if str(error) else "no message")
    except CellTimeoutError:
        return Exit.TIMEOUT, "{}: a cell ran longer than {} s (timeout in section '{}')".format(path.stem, timeout,
                                                                                                progress.last)
    except RuntimeError as error:  # nbclient: the kernel died before it answered, or never started
        return Exit.KERNEL_DIED, "{}: could not start the kernel ({}); check the interpreter and, with --lab, the " \
                                 "device".format(path.stem, str(error).splitlines()[0] if str(error) else "no message")
    finally:
        progress.done()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        try:  # the notebook whatever happened (a failing cell's notebook is the evidence)
            if os.path.exists(output):
                write_under(out_root, "{}/{}".format(path.stem, path.name),
                            _placed(output, os.path.join(out_root, path.stem, path.name)), OUT_REMEDY)
        finally:
            shutil.rmtree(home, ignore_errors=True)
    return Exit.OK, "{}: done".format(path.stem)


def _placed(written: str, final: str) -> str:
    """The executed notebook as it will lie under --out: papermill's record of where it wrote it names that place,
    not the private folder, which is removed."""
    nbformat = _nbformat()
    executed = nbformat.read(written, as_version=4)  # type: ignore[no-untyped-call,unused-ignore]
    if "papermill" in executed.metadata:
        executed.metadata.papermill["output_path"] = final
    return str(nbformat.writes(executed)) + "\n"  # type: ignore[no-untyped-call,unused-ignore]


def run_suite(names: Sequence[str], given: Sequence[Given], out_root: str, timeout: int,
              lab: Optional[str] = None) -> List[Outcome]:
    """Run runbooks in order; with ``lab``, inside that lab device (brought up when needed).

    Everything the runner can check is checked before anything starts: the notebooks, every
    parameter's name and type, the output folders. A parameter the runbook itself refuses (its
    first cell checks what the values mean where the kernel runs) ends the run with exit 2.
    """
    paths = [resolve(name) for name in names]
    notebooks = [load(path) for path in paths]
    declarations_of = [declared(notebook, path) for notebook, path in zip(notebooks, paths)]
    known: Set[str] = set()
    for found in declarations_of:
        known.update(found)
    for name, _value, _text in given:  # names first: papermill would paste them into code unescaped
        check_name(name, sorted(known))
    values = [validate(found, [g for g in given if g[0] in found]) for found in declarations_of]
    prepare_output(out_root, [path.stem for path in paths])
    session_user = None
    started_here = False
    device_name = ""
    if lab:
        from .lab import sandbox

        device = sandbox.load(lab)
        if device is None or not sandbox._alive(device):
            device = sandbox.up(lab)  # by profile name
            started_here = True
        session_user = sandbox.profile_of(device).session_user
        device_name = device.name
    outcomes: List[Outcome] = []
    started = time.monotonic()
    # (a signal the caller ignores, as nohup ignores SIGHUP, stays ignored)
    saved = {signum: signal.signal(signum, _stop) for signum in STOPPING if signal.getsignal(signum) is not signal.SIG_IGN}
    try:
        if device_name:
            _refuse_covering_paths(device_name, values)
        for path, notebook, mine in zip(paths, notebooks, values):
            outcomes.append(_run_one(path, notebook, mine, out_root, timeout, lab, session_user))
            if outcomes[-1].code == Exit.USAGE or outcomes[-1].code > 128:
                break  # the next runbooks would refuse the same values, or the run was stopped
    except Stopped as stop:  # between runbooks: nothing of a runbook's to keep
        raise RunnerError(stop.status, "stopped by {} before the next runbook started".format(stop.name)) from None
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)
        if started_here:
            from .lab import sandbox

            sandbox.down(str(lab))
            sandbox.reap()
    done = [r for r in (results.read(out_root, o.runbook + "/result.json") for o in outcomes) if r]
    write_under(out_root, "summary.md", results.markdown(done) + "\nTotal time: {:.1f} s\n".format(time.monotonic() - started),
                OUT_REMEDY)
    if outcomes and (outcomes[-1].code == Exit.USAGE or outcomes[-1].code > 128):
        raise RunnerError(outcomes[-1].code, outcomes[-1].message)
    return outcomes


def _refuse_covering_paths(device: str, values: Sequence[Dict[str, Any]]) -> None:
    """A path parameter is shown read-only in the lab device at the same place (see _execute): refuse one where
    the device has files of its own (its /etc/passwd, its /dev), which the host's would silently replace."""
    from .lab import sandbox

    for mine in values:
        for name in PATH_PARAMETERS:
            value = mine.get(name)
            covered = sandbox.covered(device, value) if isinstance(value, str) and value else None
            if covered is not None:
                raise ParameterError("parameter {}: {} would cover lab device {}'s own {}; copy it to a folder the "
                                     "device does not have (e.g. under /srv) and pass that".format(name, value, device,
                                                                                                  covered))


# Which exit code wins when several runbooks ran: refusals of input first, then the worst failure.
_PRIORITY = (Exit.USAGE, Exit.KERNEL_DIED, Exit.TIMEOUT, Exit.CELL_ERROR, Exit.PROBLEM, Exit.OK)


def overall(outcomes: Sequence[Outcome]) -> Exit:
    codes = {o.code for o in outcomes}
    return next((code for code in _PRIORITY if code in codes), Exit.OK)
