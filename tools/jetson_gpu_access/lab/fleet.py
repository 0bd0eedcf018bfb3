"""A SIMULATED fleet: lab devices, an inventory, and fleet/playbook.yml run against them.

Real devices keep jetson-gpu-access in a virtual environment of their own. Lab devices share
this machine's interpreter instead, through a thin environment that imports this package from
each device's readable copy (the verify runbook's CUDA check imports it as the target user) and
everything else from this environment's site-packages; it is shown read-only inside each device.
Ansible's SSH connection masters are closed at the end, so nothing outlives the run.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from ..exitcodes import Exit
from ..record import frozen_record
from ..safeio import write_output
from . import sandbox
from .scratch import LabError

FLEET_DIR = Path(__file__).resolve().parents[3] / "fleet"  # the playbook lives in the source checkout
INNER_PACKAGE_PARENT = sandbox.INNER + "/python"
WORK_REMEDY = "give the fleet lab a work folder of its own"


@frozen_record
class Member:
    """One device of a SIMULATED fleet, with the inventory variables that make it differ."""

    name: str
    profile: str
    host_vars: Dict[str, str]
    stopped: bool


@frozen_record
class FleetRun:
    returncode: int
    output: str      # empty when the output went to the terminal
    seconds: float   # the playbook's wall time, bringing devices up not included


IMAGE = "ubuntu:22.04 + openssh-server"  # the containers' jga_image: a container cannot see its image's name
# A fleet with three cohorts, an outlier (fixed by the playbook while its twins are not) and a
# device that is stopped before the run so that Ansible cannot reach it.
DEFAULT_FLEET = (
    Member("agx-1", "jp61-host", {}, False),
    Member("agx-2", "jp61-host", {}, False),
    Member("ssh-box-1", "jp61-container-ubuntu-ssh", {"jga_image": IMAGE}, False),
    Member("ssh-box-2", "jp61-container-ubuntu-ssh", {"jga_image": IMAGE}, False),
    Member("ssh-box-3", "jp61-container-ubuntu-ssh", {"jga_image": IMAGE, "jga_fix": "true"}, False),
    Member("jp51-agx-1", "jp51-host", {}, False),
    Member("offline-1", "jp62-toolkit-119", {}, True),
)


def fleet_of(count: int) -> List[Member]:
    """``count`` devices cycling through DEFAULT_FLEET's reachable profiles (for benchmarks)."""
    pool = [m for m in DEFAULT_FLEET if not m.stopped]
    return [Member("dev-{:02d}".format(i + 1), pool[i % len(pool)].profile, dict(pool[i % len(pool)].host_vars), False)
            for i in range(count)]


def runner_environment(path: str) -> str:
    """A virtual environment at ``path`` (on this machine) that lab devices can run the runner from."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", path], check=True, timeout=120,
                   stdin=subprocess.DEVNULL)
    site = glob.glob(os.path.join(path, "lib", "python*", "site-packages"))[0]
    ours = sysconfig.get_paths()["purelib"]
    write_output(os.path.join(site, "jga-lab.pth"), "{}\n{}\n".format(INNER_PACKAGE_PARENT, ours),  # the device's copy first
                 WORK_REMEDY)
    write_output(os.path.join(path, "bin", "jetson-gpu-access"),
                 "#!{}/bin/python\nimport sys\nfrom jetson_gpu_access.cli import main\nsys.exit(main())\n".format(path),
                 WORK_REMEDY, 0o755)  # an executable script
    return path


def _shares(environment: str) -> List[str]:
    """The environment, this interpreter's prefix and the site-packages it borrows, outermost only."""
    paths = sorted({os.path.realpath(p) for p in (environment, sys.prefix, sys.base_prefix)})
    return [p for p in paths if not any(p != q and p.startswith(q + "/") for q in paths)]


def start(members: Sequence[Member], environment: str) -> str:
    """Bring ``members`` up (stopping those marked stopped again) and return their inventory (YAML)."""
    shares = _shares(environment)
    devices = [sandbox.up(m.profile, m.name, shares) for m in members]
    text = sandbox.inventory_yaml(devices, {m.name: m.host_vars for m in members}, {"jga_venv": environment})
    for member in members:
        if member.stopped:
            sandbox.down(member.name)
    return text


def ansible_playbook() -> str:
    """This environment's ansible-playbook, once the playbook is known to be here; LabError if not."""
    program = shutil.which("ansible-playbook", path=os.path.dirname(sys.executable)) or shutil.which("ansible-playbook")
    if program is None:
        raise LabError("ansible-playbook is missing: pip install 'jetson-gpu-access[fleet]' (ansible-core)", Exit.USAGE)
    if not (FLEET_DIR / "playbook.yml").is_file():
        raise LabError("fleet/playbook.yml is not here: the playbook ships in the source checkout", Exit.USAGE)
    return program


def playbook(inventory: str, results: str, work: str, forks: int = 4, check: bool = False,
             timeout: float = 1800, capture: bool = True) -> subprocess.CompletedProcess[str]:
    """ansible-playbook fleet/playbook.yml with this environment's Ansible; output (with errors)
    captured, or passed through so that a person sees each task as it runs."""
    program = ansible_playbook()
    control = os.path.join(work, "cp")
    os.makedirs(control, exist_ok=True)
    env = dict(os.environ, ANSIBLE_CONFIG=str(FLEET_DIR / "ansible.cfg"), ANSIBLE_HOME=os.path.join(work, "ansible"),
               ANSIBLE_LOCAL_TEMP=os.path.join(work, "ansible", "tmp"), ANSIBLE_SSH_CONTROL_PATH_DIR=control,
               ANSIBLE_FORKS=str(forks), ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0")
    argv = [program, "-i", inventory, str(FLEET_DIR / "playbook.yml"), "-e", "jga_results=" + results]
    if check:
        argv.append("--check")
    try:
        return subprocess.run(argv, env=env, text=True, timeout=timeout, stdin=subprocess.DEVNULL, check=False,
                              stdout=subprocess.PIPE if capture else None, stderr=subprocess.STDOUT if capture else None)
    finally:
        close_masters(control)


def close_masters(control: str) -> None:
    """Stop the SSH connection masters Ansible left to persist (ControlPersist)."""
    for socket_path in glob.glob(os.path.join(control, "*")):
        subprocess.run(["ssh", "-o", "ControlPath=" + socket_path, "-O", "exit", "lab"], capture_output=True,
                       timeout=30, stdin=subprocess.DEVNULL, check=False)


def run(members: Sequence[Member], results: str, forks: int = 4, check: bool = False,
        keep: Optional[str] = None, capture: bool = True) -> FleetRun:
    """The whole cycle: devices up, playbook, devices down. Returns the playbook's outcome and its
    wall time (the playbook only, not bringing devices up)."""
    ansible_playbook()  # before any device comes up
    work = keep or tempfile.mkdtemp(prefix="jga-fleet-lab-")
    try:
        inventory = os.path.join(work, "inventory.yml")
        write_output(inventory, start(members, runner_environment(os.path.join(work, "venv"))), WORK_REMEDY)
        began = time.monotonic()
        outcome = playbook(inventory, results, work, forks, check, capture=capture)
        return FleetRun(outcome.returncode, outcome.stdout or "", time.monotonic() - began)
    finally:
        for member in members:
            sandbox.down(member.name)
        sandbox.reap()
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)
