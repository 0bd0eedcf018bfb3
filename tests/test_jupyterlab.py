"""The runbooks where people open them: JupyterLab run by an ordinary user, driven in a real browser.

JupyterLab runs as uid 65534 (never root) on a free loopback port with a token, with this
environment's packages through an interpreter that user can run. Each runbook is opened with its
parameters cell edited as a reader would (a scratch root of a broken lab profile), all cells run
from the Run menu, and the page must show what the runbook promises: the tables with remedy links,
the plan's diff, the verdict; no traceback but the final gate's; and the fix, not being root, ends
with the command that applies its saved plan. Screenshots go to build/screenshots.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Dict, Iterator

import nbformat
import pytest

from conftest import IS_ROOT, enterable_by_others
from jetson_gpu_access.lab import profiles, scratch
from jetson_gpu_access.runner import RUNBOOK_DIR
from test_site import SCREENSHOTS

pytestmark = pytest.mark.skipif(not IS_ROOT, reason="needs root: a scratch root with device nodes, and a user to run as")

USER = 65534          # nobody: JupyterLab and its kernels run as an ordinary user
PROFILE = "jp61-container-ubuntu-ssh"
REPO = Path(__file__).resolve().parent.parent
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook on screen
# What a reader sets in each parameters cell (the rest keep their defaults).
EDITS: Dict[str, Dict[str, str]] = {
    "diagnose": {"root": "{scratch}", "target_user": "alice"},
    "fix": {"root": "{scratch}", "target_user": "alice"},
    "verify": {},
    "migrate": {"dockerfile": "{work}/Dockerfile.jp5", "ssh": "True"},
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _edit_parameters(source: Path, target: Path, values: Dict[str, str]) -> None:
    notebook = nbformat.read(str(source), as_version=4)
    cell = next(c for c in notebook.cells if "parameters" in c.metadata.get("tags", []))
    for name, value in values.items():
        literal = value if value in ("True", "False") else repr(value)
        cell.source = re.sub(r"^({}: \w+ = )\S+".format(name), r"\g<1>" + literal.replace("\\", r"\\"), cell.source,
                             flags=re.M)
    nbformat.write(notebook, str(target))


@pytest.fixture
def jupyterlab(public_dir: str, public_python: str) -> Iterator[Dict[str, str]]:
    """JupyterLab as uid 65534 over copies of the runbooks, stopped by its pid afterwards."""
    import sysconfig

    site = sysconfig.get_paths()["purelib"]
    if not enterable_by_others(site):  # e.g. a checkout made with mktemp -d (0700)
        pytest.skip("this environment's packages ({}) sit under a folder other users cannot enter, so JupyterLab "
                    "as a user cannot import them; run from a checkout others can read".format(site))
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("setpriv (util-linux) is missing")
    work = Path(public_dir) / "work"
    home = Path(public_dir) / "home"
    scratch_root = Path(public_dir) / "scratch"
    for folder in (work, home, scratch_root):
        folder.mkdir()
    root = scratch.materialise(profiles.load(PROFILE), str(scratch_root), None, None)
    shutil.copy(REPO / "docs/examples/Dockerfile.jp5", work / "Dockerfile.jp5")
    for name, edits in EDITS.items():
        values = {k: v.format(scratch=root, work=work) for k, v in edits.items()}
        _edit_parameters(RUNBOOK_DIR / (name + ".ipynb"), work / (name + ".ipynb"), values)
    settings = home / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))  # every cell in the DOM
    for base, _dirs, files in os.walk(public_dir):
        for name in [base, *(os.path.join(base, f) for f in files)]:
            if name.startswith((str(work), str(home))):
                os.chown(name, USER, USER)
    port, token = _free_port(), secrets.token_hex(16)
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "JUPYTER_CONFIG_DIR": str(home / "config"),
           "JUPYTER_DATA_DIR": str(home / "data"), "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
           "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"), "IPYTHONDIR": str(home / "ipython"),
           "PYTHONWARNINGS": "ignore"}
    log = open(home / "jupyterlab.log", "w")  # noqa: SIM115 - open for the server's whole life
    server = subprocess.Popen([setpriv, "--reuid={}".format(USER), "--regid={}".format(USER), "--clear-groups", "--",
                               public_python, "-m", "jupyterlab", "--ip=127.0.0.1", "--port={}".format(port),
                               "--no-browser", "--IdentityProvider.token=" + token, "--ServerApp.root_dir=" + str(work),
                               "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
                              env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=str(work))
    url = "http://127.0.0.1:{}".format(port)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen("{}/api/status?token={}".format(url, token), timeout=5) as answer:  # noqa: S310
                    if answer.status == 200:
                        break
            except OSError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, (home / "jupyterlab.log").read_text()[-3000:]
            time.sleep(0.5)
        yield {"url": url, "token": token, "work": str(work), "log": str(home / "jupyterlab.log")}
    finally:
        server.send_signal(signal.SIGTERM)  # by its pid: setpriv exec'd the server in place
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        log.close()




def _kernel_ready(lab: Dict[str, str], name: str) -> None:
    """Wait until the notebook's own kernel is connected and idle (a busy machine starts kernels
    slowly, and a click before that runs into a kernel still starting)."""
    deadline = time.monotonic() + 120
    while True:
        with urllib.request.urlopen("{}/api/sessions?token={}".format(lab["url"], lab["token"]), timeout=10) as answer:  # noqa: S310
            sessions = [s for s in json.load(answer) if s["path"] == name + ".ipynb"]
        kernel = sessions[0]["kernel"] if sessions else {}
        if kernel.get("execution_state") == "idle" and kernel.get("connections", 0) > 0:
            return
        if time.monotonic() > deadline:
            raise AssertionError("no idle kernel for {}: {}\n{}".format(name, sessions, Path(lab["log"]).read_text()[-3000:]))
        time.sleep(0.5)


def _run_all(page, lab: Dict[str, str], name: str) -> Dict[str, object]:  # type: ignore[no-untyped-def]
    """Open a runbook, run every cell from the Run menu, save, and return the saved notebook."""
    page.goto("{0}/lab/workspaces/{1}/tree/{1}.ipynb?token={2}".format(lab["url"], name, lab["token"]))  # a workspace each
    page.locator(PANEL + " .jp-Cell").first.wait_for(timeout=60000)
    _kernel_ready(lab, name)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    prompts = page.locator(PANEL + " .jp-CodeCell .jp-InputPrompt")
    deadline = time.monotonic() + 120
    while True:  # every code cell has run: no prompt still [*] or empty
        texts = [t.strip() for t in prompts.all_inner_texts()]
        if texts and all(re.fullmatch(r"\[\d+\]:", t) for t in texts):
            break
        if time.monotonic() > deadline:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "jupyterlab-{}-stuck.png".format(name)), full_page=False)
            raise AssertionError("cells did not all run: {}\n{}".format(texts, Path(lab["log"]).read_text()[-3000:]))
        time.sleep(0.5)
    page.keyboard.press("Control+s")
    time.sleep(2)
    news = page.get_by_role("button", name="No", exact=True)  # "notified about Jupyter news?" covers the verdict
    if news.count():
        news.first.click()
    page.locator(PANEL + " .jp-CodeCell").last.scroll_into_view_if_needed()  # the verdict on screen
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "jupyterlab-{}.png".format(name)), full_page=False)
    saved: Dict[str, object] = json.loads((Path(lab["work"]) / (name + ".ipynb")).read_text())
    return saved


def _errors(saved: Dict[str, object]) -> Dict[int, str]:
    """Error outputs by code cell position."""
    code = [c for c in saved["cells"] if c["cell_type"] == "code"]  # type: ignore[attr-defined,index]
    return {i: o["ename"] for i, c in enumerate(code) for o in c.get("outputs", []) if o["output_type"] == "error"}


def test_runbooks_in_jupyterlab_as_a_user(jupyterlab: Dict[str, str], browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    remote = []
    page.on("request", lambda req: not req.url.startswith((jupyterlab["url"], "data:", "blob:")) and remote.append(req.url))
    try:
        saved = _run_all(page, jupyterlab, "diagnose")
        outputs = page.locator(PANEL + " .jp-OutputArea")
        assert page.locator(PANEL + " .jp-OutputArea table td", has_text="access:/dev/dri/renderD128").count() == 1
        assert page.locator(PANEL + " .jp-OutputArea table a[href*='docs/']").count() >= 1  # remedy links render
        assert "diagnose verdict: FAIL" in " ".join(outputs.all_inner_texts())
        last = len([c for c in saved["cells"] if c["cell_type"] == "code"]) - 1  # type: ignore[attr-defined,index]
        assert _errors(saved) == {last: "RunbookFailed"}  # the final gate only

        saved = _run_all(page, jupyterlab, "fix")
        text = " ".join(page.locator(PANEL + " .jp-OutputArea").all_inner_texts())
        assert "Change to /etc/group:" in text and re.search(r"^\+render:x:\d+:alice$", text, re.M), text[-3000:]
        command = page.locator(PANEL + " pre.jga-command").inner_text()
        assert command.startswith("sudo ") and " apply --plan " in command and command.endswith("--apply")
        assert "--allow-root" not in command
        assert _errors(saved) == {}  # not root: ends with the command, not an error
        gate = [c for c in saved["cells"] if c["cell_type"] == "code"][-1]  # type: ignore[attr-defined,index]
        printed = "".join(gate["outputs"][-1]["text"]).rstrip()
        assert "fix verdict: WARN" in printed and printed.endswith(command), printed
        assert (Path(jupyterlab["work"]) / "fix-plan.json").is_file()

        saved = _run_all(page, jupyterlab, "verify")
        text = " ".join(page.locator(PANEL + " .jp-OutputArea").all_inner_texts())
        assert "not opened for real: that needs a new login, or root" in text, text[-3000:]
        assert _errors(saved) == {}  # the login view is reported as not checkable, not as a failure

        saved = _run_all(page, jupyterlab, "migrate")
        assert page.locator(PANEL + " .jp-OutputArea table").count() >= 1
        errors = _errors(saved)
        assert set(errors.values()) <= {"RunbookFailed"} and all(i == max(errors) for i in errors)
    finally:
        context.close()
    assert remote == [], remote[:5]
