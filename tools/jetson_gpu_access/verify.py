"""Prove access instead of trusting a fix: open every node as the user in fresh processes.

One child process per view, started with exactly that view's groups (``setpriv --init-groups``
for the login view, ``--groups`` for the process view), opens each node CUDA needs with the
access the driver needs and reports the errno, then calls the CUDA driver (cuda.py) where one
is installed. Verification passes only when every needed node opened in every view and no CUDA
call failed; a missing driver is "skip", never "pass".
"""

from __future__ import annotations

import errno
import json
import os
import sys
from typing import Any, Dict, List, Optional, Sequence, Tuple

from .cuda import CudaCheck
from .diagnose import requirement_for
from .model import Diagnosis, Requirement, View, ViewKind
from .record import frozen_record
from .serde import from_jsonable
from .system import run, which

PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Required nodes that are missing are still checked, so the report shows ENOENT for them.
REQUIRED_NODES = {"nvmap": "/dev/nvmap", "render": "/dev/dri/renderD*"}

# Runs as the target user with nothing but the standard library and (if readable) this package.
CHILD = r"""
import json, os, sys
opens = []
for spec in sys.argv[2:]:
    path, needs = spec.rsplit("=", 1)
    try:
        os.close(os.open(path, (os.O_RDWR if needs == "rw" else os.O_RDONLY) | os.O_CLOEXEC | os.O_NOCTTY))
        opens.append([path, 0])
    except OSError as error:
        opens.append([path, error.errno])
cuda = None
if sys.argv[1] == "cuda":
    sys.path.insert(0, os.environ["JGA_PACKAGE_PARENT"])
    try:
        from jetson_gpu_access.cuda import check
        from jetson_gpu_access.serde import to_jsonable
        cuda = to_jsonable(check())
    except ImportError as error:
        cuda = {"status": "skip", "step": "import", "code": None, "error_name": None, "driver_version": None,
                "device_count": None, "device_name": None,
                "detail": "this package is not readable by uid %d (%s)" % (os.getuid(), error)}
json.dump({"uid": os.getuid(), "groups": sorted(set(os.getgroups()) | {os.getgid()}), "opens": opens, "cuda": cuda},
          sys.stdout)
"""


@frozen_record
class NodeCheck:
    path: str
    needs: str
    ok: bool
    errno_name: Optional[str]


@frozen_record
class ViewCheck:
    view: ViewKind
    status: str
    groups: Tuple[int, ...]
    nodes: Tuple[NodeCheck, ...]
    cuda: Optional[CudaCheck]
    detail: str


@frozen_record
class Verification:
    user: str
    uid: int
    verdict: str
    views: Tuple[ViewCheck, ...]
    notes: Tuple[str, ...]


def targets(diagnosis: Diagnosis) -> List[Tuple[str, str]]:
    """(path, access) for every node CUDA needs here; required nodes that are missing included."""
    out = [(a.path, a.needs) for a in diagnosis.nodes if a.requirement is not Requirement.OPTIONAL]
    present_roles = {a.role for a in diagnosis.nodes}
    for role, path in REQUIRED_NODES.items():
        needed, needs = requirement_for(role, diagnosis.facts)
        if needed is Requirement.REQUIRED and role not in present_roles and diagnosis.facts.platform.is_jetson:
            out.append((path, needs))
    return out


def _python() -> str:
    """An interpreter any user can run: the system's, else ours."""
    return "/usr/bin/python3" if os.access("/usr/bin/python3", os.X_OK) else sys.executable


def _child(view: View, nodes: Sequence[Tuple[str, str]], with_cuda: bool) -> Dict[str, Any]:
    argv = [_python(), "-S", "-c", CHILD, "cuda" if with_cuda else "-", *("{}={}".format(p, n) for p, n in nodes)]
    if os.geteuid() == 0:  # otherwise we are the user already, and the child inherits exactly our groups
        setpriv = which("setpriv")
        if setpriv is None:
            raise RuntimeError("setpriv (util-linux) is needed to start a process as another user")
        groups = ["--init-groups"] if view.kind is ViewKind.LOGIN else [
            "--groups=" + ",".join(str(g) for g in view.groups) if view.groups else "--clear-groups"]
        argv = [setpriv, "--reuid={}".format(view.uid), "--regid={}".format(view.gid), *groups, "--", *argv]
    result = run(argv, timeout=120, env={"JGA_PACKAGE_PARENT": PACKAGE_PARENT})
    if result.returncode != 0:
        raise RuntimeError("the check process for the {} view failed ({}): {}".format(
            view.kind.value, result.returncode, result.last_error_line))
    value: Dict[str, Any] = json.loads(result.stdout)
    return value


def _view_check(view: View, nodes: Sequence[Tuple[str, str]], with_cuda: bool) -> ViewCheck:
    try:
        raw = _child(view, nodes, with_cuda)
    except (RuntimeError, ValueError) as error:
        return ViewCheck(view.kind, "fail", view.groups, (), None, str(error))
    checks = tuple(NodeCheck(path, needs, code == 0, errno.errorcode.get(code) if code else None)
                   for (path, needs), (_, code) in zip(nodes, raw["opens"]))
    cuda = from_jsonable(CudaCheck, raw["cuda"]) if raw["cuda"] else None
    failed = [c for c in checks if not c.ok]
    if failed:
        detail = "cannot open " + ", ".join("{} ({})".format(c.path, c.errno_name) for c in failed)
    elif cuda is not None and cuda.status == "fail":
        detail = "every node opened, but the CUDA driver failed: " + cuda.detail
    elif not checks:
        detail = "no GPU device node to open here (not recognised as a Jetson, or its nodes are absent)" + (
            "; CUDA {}: {}".format(cuda.status, cuda.detail) if cuda else "")
    else:
        detail = "every node opened" + ("; CUDA {}: {}".format(cuda.status, cuda.detail) if cuda else "")
    # nothing opened and no CUDA that ran is nothing checked: skipped, never passed
    unchecked = not checks and (cuda is None or cuda.status != "pass")
    status = "fail" if failed or (cuda is not None and cuda.status == "fail") else "skip" if unchecked else "pass"
    return ViewCheck(view.kind, status, tuple(raw["groups"]), checks, cuda, detail)


def _login_denials(diagnosis: Diagnosis) -> List[str]:
    """Needed nodes the kernel rule denies to a new login, decided from the account files."""
    return [a.path for a in diagnosis.nodes if a.requirement is not Requirement.OPTIONAL
            for d in a.decisions if d.view is ViewKind.LOGIN and not d.granted]


def _login_as_decided(diagnosis: Diagnosis) -> ViewCheck:
    """The login view for a user verifying themselves: starting a process with login groups takes
    root or a new login, so report the decision (access.py, from /etc/group) and say so."""
    login = next((v for v in diagnosis.views if v.kind is ViewKind.LOGIN), None)
    denied = _login_denials(diagnosis)
    decided = "denied " + ", ".join(denied) if denied else "every needed node opens"
    user = diagnosis.facts.user.name if diagnosis.facts.user else "the user"
    return ViewCheck(ViewKind.LOGIN, "fail" if denied else "skip", login.groups if login else (), (), None,
                     "not opened for real: that needs a new login, or root (sudo jetson-gpu-access verify --user {}); "
                     "decided from the account files: {}".format(user, decided))


def _older_than_login(check: ViewCheck, diagnosis: Diagnosis) -> ViewCheck:
    """A process that started before its user joined a group fails for that reason alone: a new
    login would pass. That is a warning with the way out (log in again), not a failed fix."""
    login = next((v for v in diagnosis.views if v.kind is ViewKind.LOGIN), None)
    missing = sorted(set(login.groups) - set(check.groups)) if login else []
    if check.status != "fail" or not missing or _login_denials(diagnosis):
        return check
    return ViewCheck(check.view, "warn", check.groups, check.nodes, check.cuda,
                     "this process started before GIDs {} were granted to a new login; log in again (and restart "
                     "JupyterLab or the container) to get them: {}".format(", ".join(map(str, missing)), check.detail))


def verify(diagnosis: Diagnosis, with_cuda: bool = True) -> Verification:
    facts = diagnosis.facts
    user = facts.user
    if user is None:
        raise ValueError("verification needs a target user")
    if facts.root != "/":
        raise ValueError("verification opens nodes for real, so it runs on the live system only (no --root)")
    nodes = targets(diagnosis)
    notes: List[str] = []
    views = list(diagnosis.views)
    as_user = os.geteuid() != 0
    if as_user:
        if os.getuid() != user.uid:
            raise ValueError("only root can verify for another user; run as {} or as root".format(user.name))
        views = [v for v in views if v.kind is ViewKind.PROCESS]
    elif not any(v.kind is ViewKind.PROCESS for v in views):
        notes.append("process view not checked: pass --pid of a process of {} (e.g. the container's main process)"
                     .format(user.name))
    checks = tuple(_view_check(v, nodes, with_cuda) for v in views)
    if as_user:
        checks = tuple(_older_than_login(c, diagnosis) for c in checks) + (_login_as_decided(diagnosis),)
    if facts.process is not None and facts.process.uid == user.uid:
        login = next((v for v in diagnosis.views if v.kind is ViewKind.LOGIN), None)
        missing = sorted(set(login.groups) - set(facts.process.groups) - {facts.process.gid}) if login else []
        if missing:
            notes.append("process {} lacks GIDs {} that a new login gets: log in again or restart the container".format(
                facts.process.pid, ", ".join(map(str, missing))))
    statuses = {c.status for c in checks}
    verdict = ("fail" if not checks or "fail" in statuses else "warn" if "warn" in statuses
               else "pass" if "pass" in statuses else "skip")
    return Verification(user.name, user.uid, verdict, checks, tuple(notes))
