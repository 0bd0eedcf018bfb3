"""Shared fixtures: scratch roots materialised from lab profiles (real device nodes need root)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Dict, Iterator, List, Optional

import pytest

from jetson_gpu_access.diagnose import diagnose
from jetson_gpu_access.lab import profiles, scratch
from jetson_gpu_access.model import Diagnosis
from jetson_gpu_access.probe import probe

if TYPE_CHECKING:
    from jetson_gpu_access.lab.sandbox import Device

IS_ROOT = os.geteuid() == 0
TOOLS = str(Path(__file__).resolve().parent.parent / "tools")
needs_root = pytest.mark.skipif(not IS_ROOT, reason="needs root: mknod of device nodes and setxattr of ACLs")

ScratchFactory = Callable[..., str]


@pytest.fixture
def scratch_root(tmp_path) -> ScratchFactory:  # type: ignore[no-untyped-def]
    """Build a profile's scratch root: ``scratch_root("jp61-host", user="bob", via="ssh")``."""
    if not IS_ROOT:
        pytest.skip("needs root: mknod of device nodes and setxattr of ACLs")
    counter = iter(range(1000))

    def build(name: str, user: Optional[str] = None, via: Optional[str] = None) -> str:
        root = tmp_path / "{}-{}".format(name, next(counter))
        root.mkdir()
        return scratch.materialise(profiles.load(name), str(root), user, via)

    return build


@pytest.fixture
def diagnose_profile(scratch_root: ScratchFactory) -> Callable[..., Diagnosis]:
    """Probe and diagnose a profile's scratch root as its session user (or ``user`` via ``via``)."""

    def run(name: str, user: Optional[str] = None, via: Optional[str] = None, target: Optional[str] = None) -> Diagnosis:
        root = scratch_root(name, user, via)
        return diagnose(probe(root, target))

    return run


def build_image_advice(lab, name: str, user: str, host_gids: Dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    """Run the Dockerfile lines of the plan's image advice inside lab device ``name`` as a build runs them: each
    ARG NAME_GID set to the host's GID of that group, each RUN through sh, every one required to succeed.
    `apk add` is passed over: the lab's sandbox already has the host's shadow tools that line installs."""
    import json

    from jetson_gpu_access.plan import AdviceStrategy

    plan = json.loads(lab.cli("lab", "exec", name, "--", "jetson-gpu-access", "plan", "--user", user, "--format",
                              "json").stdout)
    image = next(a for a in plan["advice"] if a["strategy"] == AdviceStrategy.IMAGE.value)["text"]
    arguments: Dict[str, str] = {}
    for line in image.splitlines():
        words = line.split("#", 1)[0].split()
        if words[:1] == ["ARG"]:
            arguments[words[1]] = str(host_gids[words[1][:-len("_GID")].lower()])
        elif words[:1] == ["RUN"] and words[1:3] != ["apk", "add"]:
            env = ["{}={}".format(k, v) for k, v in arguments.items()]
            built = lab.cli("lab", "exec", name, "--", "env", *env, "sh", "-c", line.split("#", 1)[0][len("RUN "):])
            assert built.returncode == 0, (line, built.stdout + built.stderr)


@pytest.fixture
def open_dir() -> Iterator[str]:
    """A scratch folder other uids can traverse (pytest's tmp_path is private to root): lab nodes
    that a test opens as a user live here."""
    import tempfile

    path = tempfile.mkdtemp(prefix="jga-open-")
    os.chmod(path, 0o711)  # noqa: S103 - other uids must traverse it to reach the nodes
    yield path
    shutil.rmtree(path)


@pytest.fixture
def public_dir():  # type: ignore[no-untyped-def]
    """A folder every uid can read, holding a copy of the package: non-root tests run it from here
    (the checkout itself may be private to root, as a mktemp -d clone is)."""
    import shutil
    import tempfile

    path = tempfile.mkdtemp(prefix="jga-public-")
    shutil.copytree(os.path.join(TOOLS, "jetson_gpu_access"), os.path.join(path, "jetson_gpu_access"),
                    ignore=shutil.ignore_patterns("__pycache__"))
    for base, _dirs, files in os.walk(path):
        os.chmod(base, 0o755)  # noqa: S103 - other uids must read the copy
        for name in files:
            os.chmod(os.path.join(base, name), 0o644)
    yield path
    shutil.rmtree(path)


def enterable_by_others(folder: str) -> bool:
    """Whether a uid with no group in common could reach ``folder`` (o+x on it and every parent)."""
    import stat

    path = os.path.realpath(folder)
    while True:
        if not os.stat(path).st_mode & stat.S_IXOTH:
            return False
        parent = os.path.dirname(path)
        if parent == path:
            return True
        path = parent


@pytest.fixture
def public_python(public_dir: str) -> str:
    """An interpreter every uid can run, seeing this environment's packages and the public copy of
    this package first: JupyterLab and kernels as a user (this venv's own base may sit in root's
    private home). Debian's python3 of the same version reads the same compiled extensions."""
    import glob
    import sysconfig

    system = "/usr/bin/python3"
    version = "{}.{}".format(*sys.version_info[:2])
    if not os.access(system, os.X_OK) or subprocess.run(
            [system, "-c", "import sys, venv; assert '%d.%d' % sys.version_info[:2] == {!r}".format(version)],
            capture_output=True, check=False).returncode != 0:
        pytest.skip("needs {} with the venv module at version {} (the test environment's)".format(system, version))
    borrowed = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    path = os.path.join(public_dir, "venv")
    subprocess.run([system, "-m", "venv", "--without-pip", path], check=True, timeout=120, stdin=subprocess.DEVNULL)
    site = glob.glob(os.path.join(path, "lib", "python*", "site-packages"))[0]
    with open(os.path.join(site, "jga-public.pth"), "w", encoding="utf-8") as handle:
        handle.write("\n".join([public_dir, *borrowed]) + "\n")
    os.chmod(os.path.join(site, "jga-public.pth"), 0o644)
    return os.path.join(path, "bin", "python")


# --- the lab: bubblewrap devices, shared by the lab tests of one session ------------------------

class LabSession:
    """Brings lab devices up on first use and everything down at the end of the session."""

    def __init__(self, home: str) -> None:
        self.home = home
        self.up: Dict[str, Device] = {}

    def device(self, name: str) -> Device:
        from jetson_gpu_access.lab import sandbox

        device = self.up.get(name)
        if device is None:
            device = self.up[name] = sandbox.load(name) if name in self.up else sandbox.up(name)
        assert device is not None
        return device

    def fresh(self, name: str) -> Device:
        """A device nobody has changed yet (tests that fix things call this, then discard it)."""
        self.discard(name)
        return self.device(name)

    def discard(self, name: str) -> None:
        from jetson_gpu_access.lab import sandbox

        if name in self.up:
            del self.up[name]
            sandbox.down(name)

    def cli(self, *args: str, check_rc: Optional[int] = None) -> subprocess.CompletedProcess[str]:
        result = subprocess.run([sys.executable, "-m", "jetson_gpu_access", *args], cwd=TOOLS, capture_output=True,
                                text=True, timeout=120, stdin=subprocess.DEVNULL, check=False)
        if check_rc is not None:
            assert result.returncode == check_rc, (args, result.returncode, result.stdout[-2000:], result.stderr[-2000:])
        return result

    def teardown(self) -> None:
        """Every device down through the command a user runs, then the check that it left no process, port, private
        /dev folder or file behind (each test worker's session ends with its own lab's check)."""
        from jetson_gpu_access.lab import sandbox

        names = [d.name for d in sandbox.devices()]
        ports = [d.port for d in sandbox.devices()]
        listed = self.cli("lab", "status").stdout
        downs = [self.cli("lab", "down", name) for name in names]
        self.up.clear()
        sandbox.reap()  # this process started the sandboxes; lab down ran in another process
        left = lab_processes(self.home)
        problems = ["{} is up but lab status does not list it".format(n) for n in names if n not in listed]
        problems += ["lab down {}: exit {} {}".format(n, r.returncode, r.stderr[-300:]) for n, r in zip(names, downs)
                     if r.returncode != 0]
        problems += ["files left in the lab folder: {}".format(os.listdir(self.home))] if os.listdir(self.home) else []
        problems += ["a private /dev folder is left for " + n for n in names if sandbox._dev_folder(n) is not None]
        problems += ["processes left: {}".format(left)] if left else []
        problems += ["port {} still accepts connections".format(p) for p in ports if _accepts(p)]
        problems += ["lab status still lists devices"] if self.cli("lab", "status").stdout else []
        for device in sandbox.devices():  # whatever the check found, nothing stays up
            sandbox.down(device.name)
        sandbox.reap()
        assert not problems, problems


def _accepts(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def lab_processes(home: str) -> List[str]:
    """Command lines of processes that contain ``home`` (the lab's folder, a device's, a program name)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open("/proc/{}/cmdline".format(pid), "rb") as handle:
                cmdline = handle.read().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if home in cmdline:
            found.append("{}: {}".format(pid, cmdline))
    return found


@pytest.fixture(scope="session")
def lab(tmp_path_factory):  # type: ignore[no-untyped-def]
    """A lab in a private folder (JGA_LAB_DIR), torn down at the end of the session."""
    from jetson_gpu_access.lab import sandbox
    from jetson_gpu_access.lab.scratch import LabError

    if not IS_ROOT:
        pytest.skip("the lab needs root (device nodes, mounts, sshd)")
    try:
        sandbox.preflight()
    except LabError as error:
        pytest.skip("lab tools missing ({}); make test installs them".format(error))
    home = str(tmp_path_factory.mktemp("lab"))
    os.environ["JGA_LAB_DIR"] = home
    session = LabSession(home)
    yield session
    session.teardown()


# --- a real browser: Debian's chromium driven by Playwright (site and JupyterLab tests) ------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """One headless chromium for the session; skipped with the reason where it cannot start."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
