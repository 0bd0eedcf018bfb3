"""The CUDA check against a real NVIDIA driver; skipped, with the reason, where none is loaded.

The lab's emulated driver answers a missing or denied node with the codes of ``OPENRM_NODES``. Here the real
driver is asked the same: ``cuda-check`` runs as an unprivileged user in a private mount namespace whose /dev is
a fresh tmpfs holding copies of the host's nodes, one of them left out or owned by root with mode 0600. The
host's own nodes are never touched.
"""

from __future__ import annotations

import ctypes
import fnmatch
import glob
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from typing import Any, Dict, Iterator, Optional

import pytest

from jetson_gpu_access.cuda import LIBRARY
from jetson_gpu_access.lab.cuda import OPENRM_NODES

TOOLS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools")
NOBODY = "65534"
# Inside the namespace: a tmpfs on an empty directory (the first argument) gets the basic nodes and the NVIDIA
# ones as given (path, mode, major and minor for each, then "--" and the command), and moves onto /dev.
MAKE_DEV = r"""
set -e
new=$1; shift
mount -t tmpfs -o mode=755,dev tmpfs "$new"
for n in null zero full random urandom; do cp -a /dev/$n "$new/"; done
mkdir "$new/shm" "$new/pts"
while [ "$1" != "--" ]; do
  mknod -m "$2" "$new/${1#/dev/}" c "$3" "$4"; shift 4
done
shift
mount --move "$new" /dev
mount -t tmpfs -o mode=1777 tmpfs /dev/shm
exec "$@"
"""


def _skip_reason() -> Optional[str]:
    if os.geteuid() != 0:
        return "needs root: a mount namespace and mknod"
    try:
        ctypes.CDLL(LIBRARY)
    except OSError as error:
        return "no real CUDA driver here ({})".format(error)
    if not os.path.exists("/dev/nvidiactl"):
        return "no /dev/nvidiactl: not an OpenRM driver (a Jetson before R38)"
    lacking = [t for t in ("unshare", "setpriv", "mknod", "mount") if shutil.which(t) is None]
    return "missing tools: " + ", ".join(lacking) if lacking else None


SKIP_REASON = _skip_reason()
pytestmark = pytest.mark.skipif(SKIP_REASON is not None, reason=SKIP_REASON or "")


@pytest.fixture(scope="module")
def package() -> Iterator[str]:
    """A copy of the package that the unprivileged user can read (a checkout under /root is not)."""
    directory = tempfile.mkdtemp(prefix="jga-real-driver-")
    try:
        shutil.copytree(os.path.join(TOOLS, "jetson_gpu_access"), os.path.join(directory, "jetson_gpu_access"))
        os.chmod(directory, 0o755)  # noqa: S103 -- the copy is for the unprivileged user to read
        yield directory
    finally:
        shutil.rmtree(directory)


def _nodes() -> Dict[str, os.stat_result]:
    return {p: os.stat(p) for p in sorted(glob.glob("/dev/nvidia*")) if stat.S_ISCHR(os.stat(p).st_mode)}


def _cuda_check(package: str, changed: str = "", how: str = "") -> Dict[str, Any]:
    """cuda-check as nobody, with the nodes matching ``changed`` left out (how='missing') or denied."""
    args = []
    for path, info in _nodes().items():
        hit = bool(changed) and fnmatch.fnmatchcase(path, changed)
        if hit and how == "missing":
            continue
        mode = "600" if hit else "{:o}".format(stat.S_IMODE(info.st_mode))
        args += [path, mode, str(os.major(info.st_rdev)), str(os.minor(info.st_rdev))]
    check = ["setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "env", "PYTHONPATH=" + package,
             sys.executable, "-S", "-m", "jetson_gpu_access", "cuda-check", "--format", "json"]
    with tempfile.TemporaryDirectory(prefix="jga-dev-") as mountpoint:
        command = ["unshare", "-m", "--propagation", "private", "sh", "-c", MAKE_DEV, "make-dev", mountpoint, *args, "--", *check]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.stdout.strip(), result.stderr
    return dict(json.loads(result.stdout), stderr=result.stderr.strip())


def test_the_real_driver_passes_with_every_node_open(package: str) -> None:
    outcome = _cuda_check(package)
    assert outcome["status"] == "pass", outcome
    assert outcome["device_count"] >= 1 and outcome["detail"].endswith("kernel succeeded")


@pytest.mark.parametrize("how", ["denied", "missing"])
@pytest.mark.parametrize(("pattern", "missing", "denied"), OPENRM_NODES)
def test_the_real_driver_answers_a_node_as_the_lab_emulates(package: str, pattern: str, missing: int, denied: int,
                                                            how: str) -> None:
    if not any(fnmatch.fnmatchcase(p, pattern) for p in _nodes()):
        pytest.skip("no {} on this host".format(pattern))
    before = _nodes()
    outcome = _cuda_check(package, pattern, how)
    assert (outcome["status"], outcome["step"], outcome["code"]) == ("fail", "cuInit", denied if how == "denied" else missing), outcome
    assert _nodes() == before  # the host's nodes are as they were
