"""Each finding the scenarios do not reach, produced by one change to a scenario's scratch root.

Together with test_scenarios.py every code in data/findings.json is raised by some test: each
test below asserts the code it is listed under in MUTATION_CODES, and the last test checks that
the scenarios and this list cover the catalogue, so a new code without a test fails.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Set

import pytest

from jetson_gpu_access import data
from jetson_gpu_access.diagnose import diagnose
from jetson_gpu_access.model import Diagnosis, Severity
from jetson_gpu_access.probe import probe

# code -> the test here that raises it (DEV-003 needs a nodev mount: tests/test_cli.py)
MUTATION_CODES = {
    "GRP-005": "test_membership_added_after_the_process_started",
    "DB-001": "test_crlf_group_file_loses_the_membership_as_glibc_does",
    "DEV-001": "test_missing_nodes", "DEV-002": "test_missing_nodes",
    "DEV-004": "test_render_node_replaced_by_a_link_to_a_regular_file",
    "DEV-006": "test_node_group_root_or_unmapped", "DEV-007": "test_node_group_root_or_unmapped",
    "TKT-002": "test_toolkit_that_adds_device_gids",
    "DEV-003": "tests/test_cli.py::test_nodev_mount_is_reported_not_blamed_on_groups",
    "DEV-008": "tests/test_rules_diagnose.py::test_owner_bits_that_deny",
    "INP-001": "tests/test_inputs.py::test_a_big_group_file_is_read_whole_and_past_the_cap_it_is_a_finding",
    "SES-001": "tests/test_injection.py::test_root_without_pid_names_the_sessions_it_did_not_look_at",
    "DRP-001": "tests/test_privilege_drops.py::test_the_diagnosis_names_the_path_a_session_came_through",
    "DRP-002": "tests/test_injection.py::test_an_entrypoint_that_drops_with_gosu_is_named",
}


def run(root: str, user: str = "alice") -> Diagnosis:
    return diagnose(probe(root, user))


def codes(result: Diagnosis) -> Set[str]:
    return {f.code for f in result.findings}


def edit(root: str, path: str, change: Callable[[str], str]) -> None:
    target = Path(root) / path.lstrip("/")
    target.write_text(change(target.read_text(encoding="utf-8")), encoding="utf-8", newline="")


def test_membership_added_after_the_process_started(scratch_root) -> None:  # type: ignore[no-untyped-def]
    root = scratch_root("jp61-container-ubuntu-ssh")
    edit(root, "/etc/group", lambda text: text + "render:x:993:alice\n")
    result = run(root)
    assert "GRP-005" in codes(result) and "GRP-002" not in codes(result)


def test_crlf_group_file_loses_the_membership_as_glibc_does(scratch_root) -> None:  # type: ignore[no-untyped-def]
    root = scratch_root("jp51-host")
    edit(root, "/etc/group", lambda text: text.replace("\n", "\r\n"))
    result = run(root)
    assert {"DB-001", "ACC-002", "GRP-002"} <= codes(result)


def test_missing_nodes(scratch_root) -> None:  # type: ignore[no-untyped-def]
    root = scratch_root("jp61-host")
    os.unlink(os.path.join(root, "dev/nvmap"))
    os.unlink(os.path.join(root, "dev/dri/renderD128"))
    result = run(root)
    assert {"DEV-001", "DEV-002"} <= codes(result)
    assert all(f.severity is Severity.ERROR for f in result.findings if f.code in ("DEV-001", "DEV-002"))


def test_render_node_replaced_by_a_link_to_a_regular_file(scratch_root) -> None:  # type: ignore[no-untyped-def]
    root = scratch_root("jp61-host")
    node = os.path.join(root, "dev/dri/renderD128")
    os.unlink(node)
    os.symlink("/etc/passwd", node)  # resolved inside the root, never on this machine
    result = run(root)
    assert "DEV-004" in codes(result)
    device = next(d for d in result.facts.devices if d.path == "/dev/dri/renderD128")
    assert device.symlink_target == "/etc/passwd" and device.kind.value == "regular"


@pytest.mark.parametrize(("gid", "code"), [(0, "DEV-006"), (65534, "DEV-007")])
def test_node_group_root_or_unmapped(scratch_root, gid: int, code: str) -> None:  # type: ignore[no-untyped-def]
    root = scratch_root("jp61-container-ubuntu-ssh")
    os.chown(os.path.join(root, "dev/dri/renderD128"), 0, gid)
    result = run(root)
    assert code in codes(result) and "GRP-002" not in codes(result)


def test_toolkit_that_adds_device_gids(scratch_root) -> None:  # type: ignore[no-untyped-def]
    root = scratch_root("jp61-host")
    edit(root, "/var/lib/dpkg/status", lambda text: text.replace("1.16.2-1", "1.19.1-1"))
    result = run(root)
    assert "TKT-002" in codes(result) and "TKT-001" not in codes(result)


def test_every_catalogue_code_is_raised_by_some_test() -> None:
    from test_scenarios import EXPECTED

    scenario_codes = {code for _, expected_codes, _ in EXPECTED.values() for code in expected_codes}
    catalogue = set(data.load("findings")["findings"])
    missing = catalogue - scenario_codes - set(MUTATION_CODES)
    assert not missing, "codes no test raises: {}".format(sorted(missing))
