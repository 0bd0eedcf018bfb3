"""The fix when the kernel is not root: save the plan, and hand root one command that applies it.

Nobody should run JupyterLab as root on a device. A kernel running as the user can diagnose and
plan but not change /etc/group, so the fix runbook writes the plan to a file and shows the one
command that applies exactly that plan: ``sudo jetson-gpu-access apply --plan FILE --user NAME
--apply``, which re-checks the saved plan against the current state before it changes anything.
Where ``sudo -n`` works without a password the runbook may run that command itself, when asked.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import sys
from typing import TYPE_CHECKING, Tuple

from .record import frozen_record
from .serde import to_jsonable
from .system import Completed, run, which

if TYPE_CHECKING:
    from .plan import Plan

PLAN_FILE = "fix-plan.json"


@frozen_record
class Handover:
    plan_path: str
    command: Tuple[str, ...]   # the argv root runs, without sudo
    sudo_works: bool           # `sudo -n true` succeeded: the runbook may run the command itself

    @property
    def shown(self) -> str:
        """The command as a person types it."""
        return "sudo " + " ".join(shlex.quote(word) for word in self.command)


def _program() -> Tuple[str, ...]:
    """This tool as root can start it: the entry point on PATH by its full path (sudo's secure_path
    rarely holds a virtual environment), else this interpreter with the package."""
    found = shutil.which("jetson-gpu-access")
    if found:
        return (os.path.abspath(found),)
    return (sys.executable, "-m", "jetson_gpu_access")


def _sudo_works() -> bool:
    sudo = which("sudo")
    if sudo is None:
        return False
    try:
        return run([sudo, "-n", "true"], timeout=10).returncode == 0
    except OSError:
        return False


def prepare(plan: Plan, directory: str) -> Handover:
    """Write ``plan`` to ``directory``/fix-plan.json and return the command that applies it."""
    from .safeio import write_under

    path = os.path.join(os.path.abspath(directory), PLAN_FILE)
    write_under(os.path.abspath(directory), PLAN_FILE, json.dumps(to_jsonable(plan), indent=2) + "\n",
                "give the fix runbook a result_path in a folder of your own")
    command = (*_program(), "apply", "--plan", path, "--user", plan.user)
    if plan.root != "/":
        command += ("--root", plan.root)
    return Handover(path, command + ("--apply",), _sudo_works())


def run_with_sudo(handover: Handover) -> Completed:
    """Run the shown command through ``sudo -n`` (never prompts; fails instead)."""
    sudo = which("sudo") or "sudo"
    return run([sudo, "-n", *handover.command], timeout=300)
