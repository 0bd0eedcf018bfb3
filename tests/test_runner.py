"""The headless runner against notebooks that misbehave, and the runbooks against the contract."""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import List
from xml.etree import ElementTree

import nbformat
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from conftest import lab_processes
from jetson_gpu_access import parameters, results
from jetson_gpu_access.exitcodes import Exit

TOOLS = str(Path(__file__).resolve().parent.parent / "tools")
RUNBOOKS = sorted((Path(__file__).resolve().parent.parent / "runbooks").glob("*.ipynb"))


def fixture(tmp_path: Path, body: List[str], params: str = 'result_path: str = "r.json"  # result',
            tag: bool = True) -> str:
    """A notebook: parameters cell, the given cells, then a result and gate like a runbook's."""
    cells = [new_markdown_cell("# Fixture")]
    if params is not None:
        cell = new_code_cell(params)
        if tag:
            cell.metadata["tags"] = ["parameters"]
        cells.append(cell)
    cells += [new_code_cell(src) for src in body]
    cells.append(new_code_cell("from jetson_gpu_access import runbook as rb\nbook = rb.Runbook('fixture', result_path)\n"
                               "book.check('ran', 'pass', 'ran to the end')\nrb.gate(book.finish())"))
    path = tmp_path / "fixture.ipynb"
    nbformat.write(new_notebook(cells=cells), str(path))
    return str(path)


def run(*args: str, cwd: str = TOOLS) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jetson_gpu_access", "run", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300, stdin=subprocess.DEVNULL, check=False)


def one_line(result: subprocess.CompletedProcess[str], code: int, needle: str) -> None:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert needle in result.stdout + result.stderr


def artifacts(out: Path, name: str = "fixture") -> dict:  # type: ignore[type-arg]
    for item in ("result.json", "junit.xml", "summary.md", name + ".ipynb"):
        assert (out / name / item).is_file(), item
    value: dict = json.loads((out / name / "result.json").read_text())  # type: ignore[type-arg]
    return value


def test_a_clean_fixture_passes(tmp_path: Path) -> None:
    result = run(fixture(tmp_path, ["x = 1"]), "--out", str(tmp_path / "out"))
    assert result.returncode == Exit.OK, result.stderr
    assert artifacts(tmp_path / "out")["verdict"] == "pass"
    assert 'tests="1" failures="0"' in (tmp_path / "out/fixture/junit.xml").read_text()


def test_the_executed_notebook_names_where_it_was_written(tmp_path: Path) -> None:
    """papermill records its output path in the notebook; the copy under --out names that place, not the private
    folder papermill wrote into (which is gone, and would show a reader a temporary path)."""
    out = tmp_path / "out"
    assert run(fixture(tmp_path, ["x = 1"]), "--out", str(out)).returncode == Exit.OK
    executed = nbformat.read(str(out / "fixture/fixture.ipynb"), as_version=4)
    assert executed.metadata.papermill.output_path == str(out / "fixture/fixture.ipynb")


def test_raising_cell(tmp_path: Path) -> None:
    out = tmp_path / "out"
    one_line(run(fixture(tmp_path, ["raise ValueError('boom')"]), "--out", str(out)), Exit.CELL_ERROR,
             "raised ValueError: boom")
    result = artifacts(out)
    assert result["checks"][0]["id"] == "runner:error" and result["finished"] is False
    executed = nbformat.read(str(out / "fixture/fixture.ipynb"), as_version=4)
    assert any("papermill-error-cell" in json.dumps(c.get("metadata", {})) or "Execution using papermill encountered"
               in json.dumps(c.get("source", "")) for c in executed.cells)  # papermill's error banner


def test_the_kernel_process_s_own_stderr_stays_off_the_runner_s(tmp_path: Path) -> None:
    """What the kernel process itself writes to its stderr (ipykernel's traceback when its shutdown flushes a closed
    socket) is not the runbook's news: it never reaches the runner's terminal, while the run still passes."""
    result = run(fixture(tmp_path, ["import os\nos.write(2, b'KERNEL-PROCESS-NOISE\\n')"]), "--out", str(tmp_path / "out"))
    assert result.returncode == Exit.OK, result.stderr
    assert "KERNEL-PROCESS-NOISE" not in result.stderr + result.stdout


def test_kernel_death(tmp_path: Path) -> None:
    out = tmp_path / "out"
    one_line(run(fixture(tmp_path, ["import os\nos._exit(3)"]), "--out", str(out)), Exit.KERNEL_DIED, "kernel died")
    assert artifacts(out)["checks"][0]["id"] == "runner:kernel-died"


@pytest.mark.parametrize(("deaths", "code"), [(1, Exit.OK), (2, Exit.KERNEL_DIED)])
def test_a_kernel_that_dies_before_it_starts_is_started_once_more(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str], deaths: int,
                                                                  code: int) -> None:
    """A kernel that exits before it answers (a port another process took between the choice and the bind) ran no
    cell: the runner starts it once more, saying so; a second death is the run's."""
    from jetson_gpu_access import kernels, runner
    count = tmp_path / "starts"
    real = kernels.local_argv()
    dying = ("n=$(cat {0} 2>/dev/null || echo 0); echo $((n+1)) > {0}; [ \"$n\" -ge {1} ] || exit 1; "
             "exec \"$@\"".format(count, deaths))
    monkeypatch.setattr(kernels, "local_argv", lambda: ["sh", "-c", dying, "kernel", *real])
    [outcome] = runner.run_suite([fixture(tmp_path, ["x = 1"])], [], str(tmp_path / "out"), 120)
    assert outcome.code == code, outcome.message
    assert count.read_text().strip() == "2"  # started twice, never a third time
    assert "kernel did not start; starting it once more" in capsys.readouterr().err
    if code == Exit.KERNEL_DIED:
        assert "could not start the kernel" in outcome.message


def test_a_kernel_that_does_not_answer_in_time_is_started_once_more(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """A kernel slower to answer than the start timeout (a lab device's, on a loaded machine) ran no cell either: the
    runner starts it once more, saying so."""
    from jetson_gpu_access import kernels, runner
    count = tmp_path / "starts"
    real = kernels.local_argv()
    slow_once = ("n=$(cat {0} 2>/dev/null || echo 0); echo $((n+1)) > {0}; [ \"$n\" -ge 1 ] || sleep 30; "
                 "exec \"$@\"".format(count))
    monkeypatch.setattr(kernels, "local_argv", lambda: ["sh", "-c", slow_once, "kernel", *real])
    monkeypatch.setattr(runner, "KERNEL_START_TIMEOUT", 5)
    [outcome] = runner.run_suite([fixture(tmp_path, ["x = 1"])], [], str(tmp_path / "out"), 120)
    assert outcome.code == Exit.OK, outcome.message
    assert count.read_text().strip() == "2"
    assert "kernel did not start; starting it once more" in capsys.readouterr().err


def test_hanging_cell_times_out(tmp_path: Path) -> None:
    out = tmp_path / "out"
    one_line(run(fixture(tmp_path, ["import time\ntime.sleep(60)"]), "--out", str(out), "--timeout", "3"),
             Exit.TIMEOUT, "ran longer than 3 s")
    assert artifacts(out)["checks"][0]["id"] == "runner:timeout"


def test_sys_exit_zero_is_not_success(tmp_path: Path) -> None:
    out = tmp_path / "out"
    one_line(run(fixture(tmp_path, ["import sys\nsys.exit(0)"]), "--out", str(out)), Exit.CELL_ERROR,
             "ended without writing its result")
    assert artifacts(out)["verdict"] == "fail"


def test_failing_verdict_is_exit_1(tmp_path: Path) -> None:
    notebook = fixture(tmp_path, ["from jetson_gpu_access import runbook as rb\nb = rb.Runbook('fixture', result_path)\n"
                                  "b.check('broken', 'fail', 'something is wrong')\nrb.gate(b.finish())"])
    out = tmp_path / "out"
    one_line(run(notebook, "--out", str(out)), Exit.PROBLEM, "failing checks: broken")
    assert artifacts(out)["checks"][0]["status"] == "fail"


@pytest.mark.parametrize(("params", "tag", "needle"), [
    (None, True, "has 0 cells tagged 'parameters'"),
    ('result_path: str = "r.json"', False, "has 0 cells tagged 'parameters'"),
    ("result_path = 'r.json'", True, "is not 'name: str|int|float|bool = value'"),
])
def test_parameters_cell_contract(tmp_path: Path, params, tag: bool, needle: str) -> None:  # type: ignore[no-untyped-def]
    one_line(run(fixture(tmp_path, ["x = 1"], params=params, tag=tag), "--out", str(tmp_path / "out")), Exit.USAGE, needle)
    assert not (tmp_path / "out" / "fixture").exists()


def test_two_parameters_cells(tmp_path: Path) -> None:
    path = fixture(tmp_path, ["x = 1"])
    notebook = nbformat.read(path, as_version=4)
    extra = new_code_cell("y: int = 1")
    extra.metadata["tags"] = ["parameters"]
    notebook.cells.insert(2, extra)
    nbformat.write(notebook, path)
    one_line(run(path, "--out", str(tmp_path / "out")), Exit.USAGE, "has 2 cells tagged 'parameters'")


@pytest.mark.parametrize(("content", "needle"), [
    ('{"cells": [', "is not a valid notebook"),                                       # truncated JSON
    ("not json at all", "is not a valid notebook"),
    ('{"nbformat": 99, "nbformat_minor": 0, "cells": [], "metadata": {}}', "is not a valid notebook"),
    ('{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "evil", "id": "a", '
     '"metadata": {}, "source": ""}]}', "is not a valid notebook"),
])
def test_invalid_notebooks(tmp_path: Path, content: str, needle: str) -> None:
    path = tmp_path / "bad.ipynb"
    path.write_text(content)
    one_line(run(str(path), "--out", str(tmp_path / "out")), Exit.USAGE, needle)


SENTINEL_CELL = "open(sentinel, 'w').write('ran')"


@pytest.mark.parametrize(("args", "needle"), [
    (["-p", "x=1\nimport os\nos.system('touch {s}')\ny", "1"], "is not a Python identifier"),   # P1
    (["-p", "sentinal", "x"], "unknown parameter 'sentinal'"),                                  # P2
    (["-p", "count", "abc"], "parameter count expects int, got 'abc'"),                         # P3
    (["-p", "count", "1.5"], "parameter count expects int"),
    (["-p", "flag", "maybe"], "parameter flag expects bool"),
    (["-p", "sentinel", "   "], "must not be empty"),                                          # P6
    (["-p", "class", "1"], "is not a Python identifier"),                                      # a keyword
])
def test_bad_parameters_run_nothing(tmp_path: Path, args: List[str], needle: str) -> None:
    sentinel = tmp_path / "ran"
    params = 'sentinel: str = "{}"  # file\ncount: int = 1  # n\nflag: bool = False  # f\nresult_path: str = "r.json"  # r'
    notebook = fixture(tmp_path, [SENTINEL_CELL], params=params.format(sentinel))
    args = [a.replace("{s}", str(sentinel)) for a in args]
    one_line(run(notebook, *args, "--out", str(tmp_path / "out")), Exit.USAGE, needle)
    assert not sentinel.exists(), "a cell ran although the parameters were refused"


def test_parameters_file_types(tmp_path: Path) -> None:
    params = 'count: int = 1  # n\nresult_path: str = "r.json"  # r'
    notebook = fixture(tmp_path, ["assert count == 3"], params=params)
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text("count: 3\n")
    bad.write_text("count: '3'\n")
    assert run(notebook, "-f", str(good), "--out", str(tmp_path / "o1")).returncode == Exit.OK
    one_line(run(notebook, "-f", str(bad), "--out", str(tmp_path / "o2")), Exit.USAGE, "parameter count expects int")


# --- the runbooks themselves ---------------------------------------------------------------------

SHELL_ESCAPES = re.compile(r"^\s*[!%]|subprocess|os\.system|os\.popen|sys\.exit", re.M)
PARAMETER_LINE = re.compile(r"^[a-z_][a-z0-9_]*: (str|int|float|bool) = \S.*  # \S.*$")


@pytest.mark.parametrize("path", RUNBOOKS, ids=lambda p: p.stem)
def test_runbook_contract(path: Path) -> None:
    notebook = nbformat.read(str(path), as_version=4)
    nbformat.validate(notebook)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code), "committed with outputs"
    tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and tagged[0] is code[0], "one parameters cell, the first code cell"
    assert all(PARAMETER_LINE.match(line) for line in tagged[0].source.splitlines()), tagged[0].source
    assert "result_path: str" in tagged[0].source
    assert not any(SHELL_ESCAPES.search(c.source) for c in code), "shell escape or subprocess in a cell"
    assert code[-1].source.strip() == "rb.gate(result)" and code[-2].source.strip() == "result = book.finish()"
    assert notebook.cells[0].cell_type == "markdown" and notebook.cells[0].source.startswith("# ")


@pytest.mark.parametrize("path", RUNBOOKS, ids=lambda p: p.stem)
def test_plain_papermill_lists_the_parameters(path: Path) -> None:
    papermill = os.path.join(os.path.dirname(sys.executable), "papermill")
    result = subprocess.run([papermill, "--help-notebook", str(path)], capture_output=True, text=True, timeout=60,
                            check=True)
    source = nbformat.read(str(path), as_version=4).cells[1].source
    for name in re.findall(r"^(\w+):", source, re.M):
        assert re.search(r"^\s+{}: ".format(name), result.stdout, re.M), name


def test_plain_papermill_runs_a_runbook_on_a_scratch_root(scratch_root, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = scratch_root("jp61-container-ubuntu-ssh")
    papermill = os.path.join(os.path.dirname(sys.executable), "papermill")
    result_path = tmp_path / "result.json"
    done = subprocess.run([papermill, str(RUNBOOKS[0].parent / "diagnose.ipynb"), str(tmp_path / "out.ipynb"),
                           "-p", "root", root, "-p", "result_path", str(result_path)], capture_output=True, text=True,
                          timeout=300, check=False, cwd=TOOLS)
    assert done.returncode == 1 and "RunbookFailed" in done.stderr  # the gate fails the run: render node denied
    result = json.loads(result_path.read_text())
    status = {c["id"]: c["status"] for c in result["checks"]}
    assert status["access:/dev/dri/renderD128"] == "fail" and status["access:/dev/nvmap"] == "pass"


# --- bad input around the notebooks: exit 2 with one line, never 70, never minutes -----------------

def only_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single line the runner prints on stderr for a refusal (progress lines excluded)."""
    lines = [line for line in result.stderr.splitlines() if line.startswith("jetson-gpu-access:")]
    assert result.returncode == Exit.USAGE, (result.returncode, result.stdout[-2000:], result.stderr[-2000:])
    assert len(lines) == 1 and "internal error" not in lines[0] and ";" in lines[0], result.stderr
    return lines[0]


@pytest.mark.parametrize(("content", "needle"), [
    (Path("/usr/bin/ls").read_bytes()[:4096] if Path("/usr/bin/ls").exists() else b"\x7fELF\xff\xfe", "not UTF-8"),
    (b"count: [" + b"[" * 20000, "not valid YAML"),
    (b"count: '" + b"x" * (50 << 20) + b"'\n", "larger than"),
    (b"- 1\n- 2\n", "not a mapping"),
])
def test_unusable_parameters_files(tmp_path: Path, content: bytes, needle: str) -> None:
    params = tmp_path / "params.yaml"
    params.write_bytes(content)
    notebook = fixture(tmp_path, ["x = 1"], params='count: int = 1  # n\nresult_path: str = "r.json"  # r')
    started = time.monotonic()
    result = run(notebook, "-f", str(params), "--out", str(tmp_path / "out"))
    assert time.monotonic() - started < 60
    assert needle in only_error_line(result)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("special", ["/usr/bin/ls", "/dev/zero", "/", "fifo", "missing"])
def test_parameters_file_that_is_not_a_small_text_file(tmp_path: Path, special: str) -> None:
    if special == "fifo":
        special = str(tmp_path / "fifo")
        os.mkfifo(special)  # nobody writes: a blocking open or read would hang
    elif special == "missing":
        special = str(tmp_path / "missing.yaml")
    result = run(fixture(tmp_path, ["x = 1"]), "-f", special, "--out", str(tmp_path / "out"))
    assert "parameters file" in only_error_line(result)


def test_a_long_value_is_refused(tmp_path: Path) -> None:
    params = tmp_path / "params.yaml"
    params.write_text("sentinel: '{}'\n".format("x" * 10000))
    notebook = fixture(tmp_path, [SENTINEL_CELL], params='sentinel: str = "s"  # s\nresult_path: str = "r.json"  # r')
    assert "limited to" in only_error_line(run(notebook, "-f", str(params), "--out", str(tmp_path / "out")))
    assert "limited to" in only_error_line(run(notebook, "-p", "sentinel", "y" * 10000, "--out", str(tmp_path / "o")))


@pytest.mark.parametrize("where", ["a-file", "unwritable", "runbook-folder-is-a-file", "result-is-a-folder"])
def test_unusable_output_folder(tmp_path: Path, where: str) -> None:
    sentinel = tmp_path / "ran"
    notebook = fixture(tmp_path, [SENTINEL_CELL], params='sentinel: str = "{}"  # s\nresult_path: str = "r.json"  # r'
                       .format(sentinel))
    out = tmp_path / "out"
    if where == "a-file":
        out.write_text("not a folder")
    elif where == "unwritable":
        out = Path("/proc/jga-no-such-folder")  # not even root can create it
    elif where == "runbook-folder-is-a-file":
        out.mkdir()
        (out / "fixture").write_text("not a folder")
    else:
        (out / "fixture" / "result.json").mkdir(parents=True)
    assert "--out" in only_error_line(run(notebook, "--out", str(out)))
    assert not sentinel.exists()


def test_a_root_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    line = only_error_line(run("diagnose", "-p", "root", "/nonexistent", "--out", str(tmp_path / "out")))
    assert "parameter root: /nonexistent is not a directory" in line
    assert json.loads((tmp_path / "out/diagnose/result.json").read_text())["checks"][0]["id"] == "runner:parameters"


@pytest.mark.parametrize(("args", "needle"), [
    (["-p", "target_user", "no-such-user"], "parameter target_user: no user 'no-such-user'"),
    (["-p", "pid", "999999999"], "parameter pid: no process 999999999"),
])
def test_a_value_that_means_nothing_here_is_a_usage_error(tmp_path: Path, args: List[str], needle: str) -> None:
    assert needle in only_error_line(run("diagnose", *args, "--out", str(tmp_path / "out")))


def test_kernels_end_without_an_interrupt(tmp_path: Path) -> None:
    """jupyter_client sends SIGINT before every shutdown; a kernel inside a handler then logs
    'KeyboardInterrupt caught in kernel' between runbooks. This kernel keeps a handler that
    records any SIGINT after its cell (ipykernel would restore SIG_IGN): none may come."""
    marker = tmp_path / "interrupted"
    cell = ("import signal\nkernel = get_ipython().kernel\nkernel.pre_handler_hook = kernel.post_handler_hook = lambda: None\n"
            "signal.signal(signal.SIGINT, lambda *_: open({!r}, 'w').write('SIGINT'))".format(str(marker)))
    result = run(fixture(tmp_path, [cell]), "--out", str(tmp_path / "out"))
    assert result.returncode == Exit.OK, result.stderr
    assert not marker.exists(), "the kernel was interrupted at shutdown"
    assert "KeyboardInterrupt" not in result.stderr


# --- the validator itself: any file, any value, one outcome or one refusal, quickly ---------------

DECLARED = {"root": parameters.Parameter("root", "str", "/", ""), "pid": parameters.Parameter("pid", "int", 0, ""),
            "apply": parameters.Parameter("apply", "bool", False, ""),
            "ratio": parameters.Parameter("ratio", "float", 1.0, "")}


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=3000), st.text(max_size=3000).map(lambda t: t.encode("utf-8", "surrogatepass")),
                 st.dictionaries(st.sampled_from([*DECLARED, "x", "1", "class"]),
                                 st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=50)),
                                 max_size=5).map(lambda d: yaml.safe_dump(d).encode())))
def test_any_parameters_file_is_read_or_refused(content: bytes) -> None:
    with tempfile.NamedTemporaryFile(suffix=".yaml") as handle:
        handle.write(content)
        handle.flush()
        try:
            parameters.validate(DECLARED, parameters.read_file(handle.name))
        except parameters.ParameterError as error:
            assert error.code == Exit.USAGE and "\n" not in str(error)


def test_the_runner_reads_notebooks_without_building_an_iri_grammar() -> None:
    """rfc3987-syntax builds a parser as it is imported (seconds a run; make bench compares): the runner's notebook
    libraries leave it out, and still validate a runbook."""
    code = ("import sys; from jetson_gpu_access import runner; runner.load(runner.resolve('diagnose')); "
            "import papermill; print(sys.modules.get('rfc3987_syntax', 'absent'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "None", done.stdout + done.stderr


@pytest.mark.parametrize("content", [b"?", b"? : 1", b"1: x", b"true: 1", b"null: 1"])
def test_a_parameters_file_whose_keys_are_no_strings_is_refused(content: bytes) -> None:
    """YAML keys may be null, numbers or booleans ("?" alone is {None: None}): a name or a refusal, never a crash."""
    with tempfile.NamedTemporaryFile(suffix=".yaml") as handle:
        handle.write(content)
        handle.flush()
        with pytest.raises(parameters.ParameterError) as refused:
            parameters.validate(DECLARED, parameters.read_file(handle.name))
    assert refused.value.code == Exit.USAGE and "\n" not in str(refused.value)


@settings(max_examples=300, deadline=1000)
@given(st.sampled_from(sorted(DECLARED)), st.text(max_size=5000))
def test_any_command_line_value_is_coerced_or_refused(name: str, text: str) -> None:
    try:
        value = parameters.validate(DECLARED, [(name, text, True)])[name]
    except parameters.ParameterError as error:
        assert error.code == Exit.USAGE and name in str(error)
    else:
        assert isinstance(value, type(DECLARED[name].default))



@pytest.mark.parametrize("root", ["", " "])
def test_an_empty_root_parameter_is_refused_as_empty(root: str) -> None:
    """As --root '': never the kernel's current folder, and the message says what is wrong."""
    with pytest.raises(parameters.ParameterError, match="parameter root: ROOT is empty"):
        parameters.check_meaning({"root": root})


def test_reports_render_the_typed_result() -> None:
    result = results.error_result("fixture", "error", 'a | pipe & <tag> "quoted"')
    suite = ElementTree.fromstring(results.junit(result))  # noqa: S314 - our own output
    assert suite.get("failures") == "1" and suite.find("testcase/failure").get("message") == result.checks[0].title
    assert "a \\| pipe" in results.markdown([result])


def test_a_parameter_error_is_one_line_in_jupyter() -> None:
    error = parameters.ParameterError("parameter pid expects int, got 'abc'")
    assert error._render_traceback_() == ["ParameterError: parameter pid expects int, got 'abc'"]


LAB_PROFILE = "jp61-host"
SHOWN_PATHS_CELL = ("import os, json\nview = {p: sorted(os.listdir(p)) if os.path.isdir(p) else open(p).read() for p in "
                    "(dockerfile, image_root) if p}\njson.dump(view, open(os.path.join(os.path.dirname(os.path.abspath("
                    "result_path)), 'shown.json'), 'w'))")
PATH_PARAMS = ('dockerfile: str = ""  # file\nimage_root: str = ""  # folder\nresult_path: str = "r.json"  # r')


def lab_run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    from conftest import IS_ROOT

    if not IS_ROOT or not shutil.which("bwrap"):
        pytest.skip("a lab run needs root and bubblewrap")
    notebook = fixture(tmp_path, [SHOWN_PATHS_CELL], params=PATH_PARAMS)
    env = dict(os.environ, JGA_LAB_DIR=str(tmp_path / "lab"))
    return subprocess.run([sys.executable, "-m", "jetson_gpu_access", "run", notebook, "--lab", LAB_PROFILE, *args,
                           "--out", str(tmp_path / "out")], cwd=TOOLS, capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL, check=False, env=env)


@pytest.mark.parametrize(("name", "value", "covered"), [
    ("dockerfile", "/etc/passwd", "/etc/passwd"),        # a file the device has: the host's would replace it
    ("dockerfile", "//etc/passwd", "/etc/passwd"),       # the same, spelt as bwrap still reads it
    ("image_root", "/dev", "/dev"),                       # the host's real device nodes over the simulated ones
    ("image_root", "/", "/"),                             # everything
    ("image_root", "/usr/local", "/usr/local"),           # the device's own CLI and emulated libcuda
])
def test_lab_path_parameters_never_cover_the_devices_own_files(tmp_path: Path, name: str, value: str,
                                                               covered: str) -> None:
    """A path parameter is shown read-only in the lab device at the same place: where the device has a file or
    folder of its own there, the run is refused (exit 2, one line) instead of silently showing the host's."""
    result = lab_run(tmp_path, "-p", name, value)
    assert result.returncode == Exit.USAGE, (result.stdout, result.stderr)
    line = result.stderr.strip()
    assert "\n" not in line and "parameter {}".format(name) in line and covered in line, line
    assert not (tmp_path / "out/fixture/shown.json").exists(), "the runbook ran with the device's files covered"


def test_lab_path_parameters_outside_the_devices_files_are_shown(tmp_path: Path) -> None:
    shared = tmp_path / "image"
    (shared / "etc").mkdir(parents=True)
    (shared / "Dockerfile").write_text("FROM scratch\n")
    result = lab_run(tmp_path, "-p", "dockerfile", str(shared / "Dockerfile"), "-p", "image_root", str(shared))
    assert result.returncode == Exit.OK, (result.stdout, result.stderr)
    shown = json.loads((tmp_path / "out/fixture/shown.json").read_text())
    assert shown == {str(shared / "Dockerfile"): "FROM scratch\n", str(shared): ["Dockerfile", "etc"]}


# The runner, held where a loaded machine may hold it for a while: the marker file says it is there. A stopping
# signal must end the run and its kernel from either place.
HELD = {
    # between the kernel process's creation and the provisioner's record of its group; this kernel is not told its
    # parent's id, so it cannot notice that its parent is gone (a lab kernel, started by the device's launcher, is not)
    "while its process is recorded": """
from jupyter_client.provisioning import local_provisioner
launch = local_provisioner.launch_kernel
def held(*args, **kwargs):
    process = launch(*args, **dict(kwargs, independent=True))
    arrive()
    return process
local_provisioner.launch_kernel = held
""",
    # inside an event-loop callback (asyncio swallows most exceptions raised there)
    "while an event-loop callback runs": """
import asyncio
run_until_complete = asyncio.BaseEventLoop.run_until_complete
def held(loop, future):
    loop.call_soon(arrive)
    return run_until_complete(loop, future)
asyncio.BaseEventLoop.run_until_complete = held
""",
}
HOLDING = """
import os, runpy, sys, time
marker = sys.argv.pop(1)
def arrive():
    if not os.path.exists(marker):
        open(marker, "w").close()
        time.sleep(5)
{}
runpy.run_module("jetson_gpu_access", run_name="__main__", alter_sys=True)
"""


def _leave_nothing(runner: subprocess.Popen[str], tmp_path: Path) -> None:
    """A failed run leaves neither its kernel (told by the test's folder) nor its runner for later tests to trip over."""
    for line in lab_processes("ipykernel_launcher"):
        if str(tmp_path) in line:
            with contextlib.suppress(OSError):
                os.kill(int(line.split(":")[0]), signal.SIGKILL)
    runner.kill()
    runner.communicate()


@pytest.mark.parametrize("when", ["while a cell runs", "while the kernel starts", *HELD])
def test_sigterm_ends_the_run_and_its_kernel_at_once(tmp_path: Path, when: str) -> None:
    """`timeout` (and Ansible's fleet run under it) sends SIGTERM: the runner ends its kernel, which runs in a
    session of its own, and exits; an orphaned kernel would keep running and hold the caller's output pipe open."""
    marker = tmp_path / "started"
    notebook = fixture(tmp_path, ["import time\nopen({!r}, 'w').close()\ntime.sleep(120)".format(str(marker))])
    held = ["-c", HOLDING.format(HELD[when]), str(marker)] if when in HELD else ["-m", "jetson_gpu_access"]
    # the runner's kernel folder (jga-kernels-*) under tmp_path: its kernel is told from other tests' by that path
    runner = subprocess.Popen([sys.executable, *held, "run", notebook, "--out", str(tmp_path / "out")],
                              cwd=TOOLS, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                              env=dict(os.environ, TMPDIR=str(tmp_path)))

    def kernels() -> List[str]:
        return [p for p in lab_processes("ipykernel_launcher") if str(tmp_path) in p]

    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and runner.poll() is None and not (
                kernels() if when == "while the kernel starts" else marker.exists()):
            time.sleep(0.05)
        assert runner.poll() is None, runner.communicate()
        runner.send_signal(signal.SIGTERM)
        out, err = runner.communicate(timeout=30)  # the pipes close: nothing is left holding them
        assert runner.returncode == 128 + signal.SIGTERM, (runner.returncode, out, err)
        assert "stopped by SIGTERM" in err and not kernels()
    finally:
        _leave_nothing(runner, tmp_path)


def test_a_hangup_the_caller_ignores_stays_ignored(tmp_path: Path) -> None:
    """Under nohup SIGHUP is ignored: the runner leaves it so, and a closed terminal does not stop the run."""
    marker = tmp_path / "started"
    notebook = fixture(tmp_path, ["import time\nopen({!r}, 'w').close()\ntime.sleep(120)".format(str(marker))])
    runner = subprocess.Popen([sys.executable, "-m", "jetson_gpu_access", "run", notebook, "--out", str(tmp_path / "out")],
                              cwd=TOOLS, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                              env=dict(os.environ, TMPDIR=str(tmp_path)),
                              preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))  # as nohup starts it
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and runner.poll() is None and not marker.exists():
            time.sleep(0.05)
        runner.send_signal(signal.SIGHUP)
        time.sleep(2)
        assert runner.poll() is None, runner.communicate()
        runner.send_signal(signal.SIGTERM)
        out, err = runner.communicate(timeout=30)
        assert runner.returncode == 128 + signal.SIGTERM, (runner.returncode, out, err)
    finally:
        _leave_nothing(runner, tmp_path)


def test_a_stop_survives_a_copy_and_a_second_held_signal_is_not_kept() -> None:
    """Stopped is rebuilt from its signal (pickle, copy); of two signals held while a kernel launched, one stops the
    run and none is left for a later run in the same process."""
    from jetson_gpu_access import kernels
    from jetson_gpu_access.runner import Stopped

    assert pickle.loads(pickle.dumps(Stopped(signal.SIGTERM))).status == 128 + signal.SIGTERM  # noqa: S301 (its own bytes)
    raised: List[int] = []
    saved = signal.signal(signal.SIGUSR1, lambda signum, _frame: raised.append(signum))
    try:
        kernels._Launch.held.extend([signal.SIGUSR1, signal.SIGUSR1])
        kernels.release_held()
        assert raised == [signal.SIGUSR1] and kernels._Launch.held == []
    finally:
        signal.signal(signal.SIGUSR1, saved)
        kernels._Launch.held.clear()


def test_the_stop_kills_no_group_of_a_kernel_that_has_ended(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A kernel that has ended may have left its group's number to another process: only a live kernel's group is
    killed."""
    from jetson_gpu_access import kernels

    killed: List[int] = []
    monkeypatch.setattr(kernels.os, "killpg", lambda pgid, _signum: killed.append(pgid))

    class Manager:  # (a KernelManager's part that end_started reads)
        def __init__(self, process: subprocess.Popen[bytes]) -> None:
            self.provisioner = type("Provisioner", (), {"process": process, "pgid": process.pid})()

    ended = subprocess.Popen(["true"], start_new_session=True)
    ended.wait()
    live = subprocess.Popen(["sleep", "30"], start_new_session=True)
    managers = [Manager(ended), Manager(live)]
    try:
        for manager in managers:
            kernels._STARTED.add(manager)  # type: ignore[arg-type]
        kernels.end_started()
        assert killed == [live.pid]
    finally:
        for manager in managers:
            kernels._STARTED.discard(manager)  # type: ignore[arg-type]
        live.kill()
        live.wait()
