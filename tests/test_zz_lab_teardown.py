"""Runs last (file order): after every lab test, lab down leaves no process, port or file behind."""

from __future__ import annotations

import os
import socket

from conftest import lab_processes
from jetson_gpu_access.lab import sandbox


def test_teardown_leaves_no_process_port_or_file(lab) -> None:  # type: ignore[no-untyped-def]
    ports = [d.port for d in lab.up.values() if d is not None]
    ports_by_name = list(lab.up)
    assert ports, "no lab device was up; the other tests did not run"
    listed = lab.cli("lab", "status", check_rc=0).stdout
    assert all(name in listed for name in lab.up)
    for name in list(lab.up):
        lab.cli("lab", "down", name, check_rc=0)
    lab.up.clear()
    sandbox.reap()  # this test process started the sandboxes; lab down ran in another process
    assert os.listdir(lab.home) == []
    assert all(sandbox._dev_folder(name) is None for name in ports_by_name), "a private /dev folder is left"
    assert lab_processes(lab.home) == []
    for port in ports:
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", port)) != 0, "port {} still accepts connections".format(port)
    assert lab.cli("lab", "status", check_rc=0).stdout == ""
