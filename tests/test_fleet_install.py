"""fleet/playbook.yml where the environment is not there yet, and where a host is not ready.

fresh-1 has no virtual environment and jga_install on: the playbook builds the wheel on the
controller, creates the environment on the device and installs the runbooks extra from the
package index, then runs the runbooks from it. no-venv-1 has no environment and installing off,
no-user-1 has no target user: both must fail in their own stage with a message naming the fix;
slow-1 gets two seconds for a run that never ends and is stopped on the device; no-python-1 answers SSH
but has no interpreter where the inventory says. None of them may stop fresh-1. Needs the package
index (pypi.org); skipped with the reason without it.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sys
from typing import List, Tuple

import pytest

from conftest import lab_processes
from jetson_gpu_access import __version__
from jetson_gpu_access.lab import fleet, sandbox

INTERPRETER = os.path.join(sys.base_prefix, "bin", "python3")  # has venv and ensurepip; shown in the device


def members(stalling: str) -> Tuple[fleet.Member, ...]:
    """The hosts; slow-1 runs from the environment at ``stalling`` (see :func:`stalling_environment`)."""
    return (
        fleet.Member("fresh-1", "jp61-host", {"jga_install": "true", "jga_venv": "/opt/jetson-gpu-access/venv",
                                              "ansible_python_interpreter": INTERPRETER}, False),
        fleet.Member("no-venv-1", "jp61-host", {"jga_venv": "/opt/nothing-here"}, False),
        fleet.Member("no-user-1", "jp61-host", {"jga_target_user": ""}, False),
        fleet.Member("slow-1", "jp61-host", {"jga_timeout": "2", "jga_venv": stalling}, False),
        fleet.Member("no-python-1", "jp61-host", {"ansible_python_interpreter": "/opt/no/python3"}, False),
    )


def stalling_environment(path: str) -> str:
    """A runner environment whose ``run`` waits ten minutes before it starts: the real runbooks finish in about two
    seconds on a quiet machine, so only a run that cannot end in time tests that jga_timeout stops it. Every other
    command (the facts' diagnose) is the real CLI's."""
    fleet.runner_environment(path)
    with open(os.path.join(path, "bin", "jetson-gpu-access"), "w", encoding="utf-8") as script:
        script.write("#!{}/bin/python\nimport sys\nimport time\n\nif sys.argv[1:2] == ['run']:\n    time.sleep(600)\n"
                     "from jetson_gpu_access.cli import main\nsys.exit(main())\n".format(path))
    return path


def runner_processes(environment: str) -> List[str]:
    """Runners or kernels of this test's runner ``environment`` still alive (every host's run has ended when this is
    called); another test's, running beside this one, are not this test's to judge."""
    return [p for p in lab_processes(environment) if "jetson-gpu-access run" in p or "ipykernel_launcher" in p]


def index_reachable() -> bool:
    try:
        with socket.create_connection(("pypi.org", 443), timeout=5):
            return True
    except OSError:
        return False


def test_install_and_refusals(lab, tmp_path) -> None:  # type: ignore[no-untyped-def]
    if shutil.which("ansible-playbook", path=os.path.dirname(sys.executable)) is None:
        pytest.skip("ansible-core is not installed: the fleet extra (make test installs it) needs Python 3.10+ on the controller")
    if not index_reachable():
        pytest.skip("pypi.org is not reachable: installing the runbooks extra on a device needs a package index")
    results = tmp_path / "results"
    inventory = tmp_path / "inventory.yml"
    environment = fleet.runner_environment(str(tmp_path / "venv"))
    hosts = members(stalling_environment(os.path.join(environment, "stalling")))  # inside the folder the devices see
    try:
        inventory.write_text(fleet.start(hosts, environment))
        outcome = fleet.playbook(str(inventory), str(results), str(tmp_path))
        assert outcome.returncode == 0, outcome.stdout[-4000:]
        assert runner_processes(environment) == [], "the timeout left the runbooks running on slow-1"
        records = {m.name: json.loads((results / m.name / "host.json").read_text()) for m in hosts}

        fresh = records["fresh-1"]
        assert (fresh["status"], fresh["stage"], fresh["tool_version"]) == ("ok", "done", __version__), fresh["message"]
        verify = json.loads((results / "fresh-1" / "runbooks" / "verify" / "result.json").read_text())
        assert verify["verdict"] == "pass"
        assert {c["id"]: c["status"] for c in verify["checks"]}["cuda:login"] == "pass"

        assert (records["no-venv-1"]["status"], records["no-venv-1"]["stage"]) == ("failed", "environment")
        assert "jga_install=true" in records["no-venv-1"]["message"]
        assert (records["no-user-1"]["status"], records["no-user-1"]["stage"]) == ("failed", "prerequisites")
        assert "jga_target_user is not set" in records["no-user-1"]["message"]
        slow = records["slow-1"]
        assert (slow["status"], slow["stage"], slow["runner_rc"]) == ("failed", "run", 124), slow["message"]
        assert "longer than jga_timeout (2 s)" in slow["message"]
        broken = records["no-python-1"]
        assert (broken["status"], broken["stage"]) == ("failed", "connect"), broken
        assert "/opt/no/python3" in broken["message"]
    finally:
        for member in hosts:
            sandbox.down(member.name)
