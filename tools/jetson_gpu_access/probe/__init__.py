"""Read-only collection of facts about a root (a device, a container, a scratch tree or a lab).

:func:`probe` is the only entry point; each submodule reads one source. Nothing here judges:
that is :mod:`jetson_gpu_access.diagnose`'s job.
"""

from __future__ import annotations

import os

from .. import __version__
from ..model import SCHEMA_VERSION, AnomalyCode, Facts, NodeKind
from ..rootfs import RootFS
from ..safeio import LARGE_FILE
from . import accounts, container, devices, dpkg, osrelease, platform, runtime, session

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Optional


class ProbeError(Exception):
    """The request cannot be answered (no such root, user or process): a usage error."""


def probe(root: str = "/", user: Optional[str] = None, pid: Optional[int] = None, fs: Optional[RootFS] = None) -> Facts:
    """Facts about ``root`` for ``user`` (default: the invoking user).

    ``pid`` names a process whose groups form the *process view* (for example the container's
    main process started with --group-add); without it the invoking process is used when it
    runs as the target user. ``fs`` lets the caller keep the bytes the probe read
    (:func:`jetson_gpu_access.pipeline.assess`).
    """
    try:
        if not os.path.isdir(root) or not os.listdir(root):
            raise ProbeError("root {} is not a directory with files; pass an existing root to --root".format(root))
    except PermissionError as error:
        raise ProbeError("cannot read root {} ({}); run as a user who can, or as root".format(root, error.strerror)) from error
    fs = fs or RootFS(root)
    mounts = container.Mounts(fs.read_text("/proc/self/mountinfo", limit=16 << 20))
    ctr = container.probe(fs, mounts)
    packages = dpkg.parse_status(fs.read_text(dpkg.STATUS_PATH, limit=LARGE_FILE) or "")
    accts = accounts.probe(fs)
    nodes = devices.probe(fs, accts, mounts, ctr.in_container)
    has_nvmap = any(n.path == "/dev/nvmap" and n.kind == NodeKind.CHAR for n in nodes)
    plat = platform.probe(fs, packages, has_nvmap)

    process = session.probe(fs, str(pid) if pid is not None else "self")
    if pid is not None and process is None:
        raise ProbeError("no process {} under {}/proc; pass the PID of a running process".format(pid, fs.root.rstrip("/")))
    if user is not None:
        target = accounts.find_user(accts, name=user)
        source = "--user"
        if target is None:
            skipped = next((a for a in accts.anomalies if a.path == "/etc/passwd" and a.name == user
                            and a.code is AnomalyCode.MALFORMED), None)
            if skipped is not None:  # there, but on a line no one reads as an account: say which and why
                raise ProbeError("user {!r} is only on a line glibc does not read: {}{}; repair that line".format(
                    user, fs.root.rstrip("/"), skipped.text))
            raise ProbeError("user {!r} is not in {}/etc/passwd; check the name or pass --root".format(user, fs.root.rstrip("/")))
    elif process is not None:
        target = accounts.find_user(accts, uid=process.uid)
        source = "uid {} of process {}".format(process.uid, process.pid)
        if target is None:
            raise ProbeError("uid {} of process {} has no entry in {}/etc/passwd; pass --user NAME".format(
                process.uid, process.pid, fs.root.rstrip("/")))
    else:
        raise ProbeError("cannot tell the invoking user: {}/proc/self/status is missing; pass --user NAME".format(fs.root.rstrip("/")))
    if process is not None and process.uid != target.uid:
        if pid is not None:
            raise ProbeError("process {} runs as uid {}, not {} (uid {}); pass a PID of that user's process".format(
                pid, process.uid, target.name, target.uid))
        process = None  # the invoking process belongs to someone else: no process view
    # without a process view (root diagnosing --user), name the user's sessions that were not looked at
    others = runtime.sessions(fs, target.uid, ("self", str(os.getpid()))) if process is None else ()
    return Facts(SCHEMA_VERSION, __version__, fs.root, plat, osrelease.probe(fs), ctr, packages, nodes,
                 accts, target, source, process, tuple(fs.partial_reads), runtime.probe(fs, ctr.in_container), others)
