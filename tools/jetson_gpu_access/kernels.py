"""Kernel start-up and shut-down for the runner: a pinned kernelspec, the lab kernel, a quiet end.

The runner writes its own kernelspec (this interpreter, or one inside a lab device) into a
private JUPYTER_PATH so that a runbook never runs in whatever kernel a machine happens to have.
jupyter_client 8 sends SIGINT to a kernel before every shutdown; a kernel caught inside a
message handler then logs ``KeyboardInterrupt caught in kernel`` on the terminal, between
runbooks, and users read it as a failure. :class:`QuietKernelManager` shuts kernels down without
that interrupt: by then no cell runs (nbclient interrupts a timed-out cell itself), and the
shutdown request, then SIGTERM and SIGKILL, still end the kernel. The kernel process's own stderr is not the runner's
terminal either: ipykernel logs a traceback there when its shutdown flushes a stream whose socket is already closed
(``ZMQError: Socket operation on non-socket``), which is noise; what a cell prints reaches the notebook, and a kernel
that dies is reported by the runner.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import weakref
from typing import Any, BinaryIO, ClassVar, Dict, List, MutableSet

from jupyter_client.manager import AsyncKernelManager

LAB_PYTHON = "/run/jga-lab/python"  # the lab device's copy of this package (readable by its users)
# The kernel's warning that loopback TCP is unencrypted is noise in a runbook's log, not its news.
QUIET = ["--IPKernelApp.log_level=ERROR"]


class QuietKernelManager(AsyncKernelManager):  # type: ignore[misc,unused-ignore]
    """An AsyncKernelManager whose shutdown does not interrupt the kernel first, and that :func:`end_started` can
    end when the runner itself is stopped."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _STARTED.add(self)

    async def _async_launch_kernel(self, kernel_cmd: List[str], **kw: Any) -> None:
        _Launch.running = True  # the provisioner creates the process and records its group without yielding
        kw.setdefault("stderr", subprocess.DEVNULL)  # the kernel process's own log: its shutdown's noise (module doc)
        try:
            await super()._async_launch_kernel(kernel_cmd, **kw)
        finally:
            _Launch.running = False
            release_held()

    async def _async_interrupt_kernel(self) -> None:
        if getattr(self, "shutting_down", False):
            return
        await super()._async_interrupt_kernel()


_STARTED: MutableSet[QuietKernelManager] = weakref.WeakSet()


class _Launch:
    running = False  # while a kernel process is being created
    held: ClassVar[List[int]] = []  # the stopping signals that arrived meanwhile


def release_held() -> None:
    """Raise again the first stopping signal held while a kernel was launched; the rest ask for the same stop and are
    dropped, so that none is left over for a later run in the same process."""
    held = list(_Launch.held)
    _Launch.held.clear()
    if held:
        signal.raise_signal(held[0])


def held_while_launching(signum: int) -> bool:
    """Hold a stopping signal back while a kernel process is being created: until the provisioner has recorded the
    process's group, :func:`end_started` could not find it. The signal is raised again right after."""
    if _Launch.running:
        _Launch.held.append(signum)
    return _Launch.running


def end_started() -> None:
    """Kill every kernel this process started, with its process group: a kernel runs in a session of its own, which
    a signal to the runner (coreutils' timeout, Ansible stopping a host's run) does not reach, and until it notices
    its parent is gone it holds the caller's output pipe open."""
    for manager in list(_STARTED):
        provisioner = getattr(manager, "provisioner", None)
        process, pgid = getattr(provisioner, "process", None), getattr(provisioner, "pgid", None)
        if process is None or process.poll() is not None:
            continue  # a kernel that has ended: its group's number may be another process's by now
        if pgid and pgid != os.getpgrp():  # (never the runner's own group, should a kernel ever share it)
            with contextlib.suppress(OSError):
                os.killpg(pgid, signal.SIGKILL)


def write_kernelspec(home: str, name: str, argv: List[str], env: Dict[str, str]) -> None:
    """HOME/kernels/NAME/kernel.json, in the runner's private folder (JUPYTER_PATH)."""
    from .safeio import write_under

    spec = {"argv": argv, "display_name": "jetson-gpu-access ({})".format(name), "language": "python", "env": env}
    write_under(home, "kernels/{}/kernel.json".format(name), json.dumps(spec), "give the runner a private folder")


def lab_env() -> Dict[str, str]:
    """The launcher on the host imports this very package (the kernel inside gets the device's copy)."""
    return {"PYTHONPATH": os.path.dirname(os.path.dirname(os.path.abspath(__file__)))}


SHARES_ENV = "JGA_LAB_SHARES"  # host paths a lab kernel shows read-only at the same place (JSON list)


def shares_env(paths: List[str]) -> Dict[str, str]:
    """The kernelspec environment that makes ``paths`` (a runbook's input files) visible in a lab kernel."""
    return {SHARES_ENV: json.dumps(paths)} if paths else {}


def local_argv() -> List[str]:
    return [sys.executable, "-m", "ipykernel_launcher", *QUIET, "-f", "{connection_file}"]


def lab_argv(profile: str, runtime_dir: str, out_dir: str, user: str = "root") -> List[str]:
    """The kernelspec argv for a kernel inside a lab device: this module's lab_kernel() on the host.
    As another ``user`` than root, the interpreter (sys.prefix) must be one that user can run."""
    return [sys.executable, "-m", "jetson_gpu_access.kernels", "lab-kernel", profile, user, runtime_dir, out_dir,
            "{connection_file}"]


def _interpreter_paths() -> List[str]:
    """What this interpreter needs, outermost folders only: its prefixes and every folder on sys.path
    (a device shows /usr already: binding it again would hide the device's /usr/local)."""
    paths = sorted({os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, *sys.path) if p and os.path.isdir(p)})
    paths = [p for p in paths if p != "/" and p != "/usr" and not p.startswith("/usr/")]
    return [p for p in paths if not any(p != q and p.startswith(q.rstrip("/") + "/") for q in paths)]


def lab_kernel(profile: str, user: str, runtime_dir: str, out_dir: str, connection_file: str) -> None:
    """Start ipykernel inside lab device ``profile`` as ``user`` (a login's groups); replaces this process.

    The client writes the connection file wherever it likes (often the host's /tmp, which the
    sandbox does not see): copy it into the runtime folder the sandbox shares, owned by the user
    (it holds the key to the kernel). JPY_PARENT_PID names a pid outside the sandbox's pid
    namespace, so ipykernel's parent poller would exit at once: JPY_PARENT_PID=1 turns the poller
    off (bwrap's --die-with-parent ends the kernel with us).
    """
    from .lab import profiles, sandbox
    from .safeio import SMALL_FILE, read_file, write_under

    device = sandbox.load(profile)
    uid = profiles.load(device.profile if device else profile).uid_of(user)
    key = read_file(connection_file, SMALL_FILE).data

    def owned(handle: BinaryIO) -> None:
        os.fchown(handle.fileno(), uid, -1)
        handle.write(key)

    name = "lab-" + os.path.basename(connection_file)
    write_under(runtime_dir, name, owned, "give the runner a private folder", mode=0o600)
    inside = os.path.join(runtime_dir, name)
    environment = ["{}={}".format(k, v) for k, v in sorted(sandbox.exec_env(user).items())]
    command = ["/usr/bin/env", "JPY_PARENT_PID=1", "PYTHONPATH=" + LAB_PYTHON, *environment, sys.executable, "-m",
               "ipykernel_launcher", *QUIET, "-f", inside]
    shares = [str(p) for p in json.loads(os.environ.get(SHARES_ENV, "[]")) if os.path.exists(str(p))]
    binds = [(path, False) for path in _interpreter_paths() + shares] + [(runtime_dir, True), (out_dir, True)]
    argv = sandbox.exec_argv(profile, user, "login" if user != "root" else "process", command, binds=binds)
    os.execv(argv[0], argv)  # noqa: S606 - an argv list to bwrap, no shell


if __name__ == "__main__" and sys.argv[1:2] == ["lab-kernel"] and len(sys.argv) == 7:
    lab_kernel(*sys.argv[2:7])
