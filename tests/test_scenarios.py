"""Scenario tests: every lab profile, materialised with real nodes, probed and diagnosed.

Two layers of expectation: a hand-written table of what each public report implies (verdict,
finding codes, who opens the render node and nvmap in which view, by which rule), and a golden
copy of the whole typed diagnosis (``tests/golden/``), reviewed when it changes. Regenerate the
golden files with ``UPDATE_GOLDEN=1 make test`` and read the diff before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Dict, Optional, Tuple

import pytest

from jetson_gpu_access.lab import profiles
from jetson_gpu_access.model import Diagnosis, Rule, Verdict, ViewKind
from jetson_gpu_access.serde import from_jsonable, to_jsonable

GOLDEN = Path(__file__).parent / "golden"
E, W, H = Verdict.PROBLEM, Verdict.WARNING, Verdict.HEALTHY
RENDER, NVMAP = "/dev/dri/renderD128", "/dev/nvmap"
G, OT, A = Rule.GROUP, Rule.OTHER, Rule.ACL_USER

# profile, target user -> verdict, finding codes, {node: (login (granted, rule), process (granted, rule))}
Access = Tuple[Tuple[bool, Rule], Optional[Tuple[bool, Rule]]]
EXPECTED: Dict[Tuple[str, Optional[str]], Tuple[Verdict, set, Dict[str, Access]]] = {
    ("jp51-host", None): (H, set(), {NVMAP: ((True, G), (True, G))}),
    ("jp51-container-l4t", None): (H, set(), {NVMAP: ((True, G), (True, G))}),
    ("jp61-host", None): (W, {"TKT-001"}, {NVMAP: ((True, G), (True, G)), RENDER: ((True, G), (True, G))}),
    ("jp61-host-desktop", None): (W, {"ACC-001"}, {RENDER: ((True, A), (True, A))}),
    ("jp61-host-desktop", "bob"): (E, {"ACC-003", "GRP-002"}, {RENDER: ((False, OT), None)}),
    ("jp61-container-ubuntu-ssh", None): (E, {"ACC-003", "GRP-002", "GRP-001"},
                                          {NVMAP: ((True, G), (True, G)), RENDER: ((False, OT), (False, OT))}),
    ("jp61-container-ubuntu-ssh", "root"): (W, {"USR-001", "GRP-001"}, {RENDER: ((True, Rule.ROOT), None)}),
    ("jp61-container-group-add", None): (E, {"ACC-003", "GRP-001", "GRP-002", "GRP-004", "PLT-002"},
                                         {RENDER: ((False, OT), (True, G))}),
    ("jp61-container-render-mismatch", None): (E, {"ACC-003", "GRP-001", "GRP-002", "GRP-003"},
                                               {RENDER: ((False, OT), (False, OT))}),
    ("jp61-container-gid-taken", None): (E, {"ACC-003", "GRP-002", "GRP-006"}, {RENDER: ((False, OT), (False, OT))}),
    ("jp62-toolkit-119", None): (E, {"ACC-003", "GRP-001", "GRP-002", "GRP-004"},
                                 {NVMAP: ((True, G), (True, G)), RENDER: ((False, OT), (True, G))}),
    ("jp7-thor", None): (H, {"ACC-005"}, {NVMAP: ((True, G), (True, G)), RENDER: ((True, G), (True, G))}),
    ("yocto-no-udev", None): (E, {"ACC-002", "ACC-003", "ACC-004", "DEV-005"}, {NVMAP: ((False, OT), (False, OT))}),
    ("jp61-rootless-userns", None): (E, {"ACC-002", "ACC-003", "ACC-004", "DEV-007"},
                                     {NVMAP: ((False, OT), (False, OT)), RENDER: ((False, OT), (False, OT))}),
    ("x86-dgpu-host", None): (H, {"PLT-001"}, {"/dev/nvidia0": ((True, OT), (True, OT)), RENDER: ((False, OT), (False, OT))}),
}


def test_every_profile_has_expectations() -> None:
    assert {name for name, _ in EXPECTED} == set(profiles.names())


def _masked(diagnosis: Diagnosis) -> Dict[str, Any]:
    """The whole diagnosis as JSON, with the scratch path and tool version made stable."""
    value = json.loads(json.dumps(to_jsonable(diagnosis)).replace(diagnosis.facts.root, "<root>"))
    value["facts"]["tool_version"] = "<version>"
    return value


@pytest.mark.parametrize(("name", "target"), sorted(EXPECTED, key=str))
def test_scenario(diagnose_profile, name: str, target: Optional[str]) -> None:  # type: ignore[no-untyped-def]
    via = "ssh" if target == "root" else None
    diagnosis = diagnose_profile(name, user=target, via=via, target=target)
    verdict, codes, access = EXPECTED[(name, target)]
    assert diagnosis.verdict is verdict
    assert {f.code for f in diagnosis.findings} == codes
    decisions = {a.path: {d.view: (d.granted, d.rule) for d in a.decisions} for a in diagnosis.nodes}
    for path, (login, process) in access.items():
        assert decisions[path][ViewKind.LOGIN] == login, path
        if process is not None:
            assert decisions[path][ViewKind.PROCESS] == process, path

    golden = GOLDEN / "{}{}.json".format(name, "-" + target if target else "")
    actual = _masked(diagnosis)
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(json.dumps(actual, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert actual == json.loads(golden.read_text(encoding="utf-8"))
    assert from_jsonable(Diagnosis, to_jsonable(diagnosis)) == diagnosis


def test_ssh_drops_group_add_but_exec_keeps_it(diagnose_profile) -> None:  # type: ignore[no-untyped-def]
    """The same container, two sessions: docker exec holds 993, an SSH login does not."""
    over_exec = diagnose_profile("jp61-container-group-add", via="exec")
    over_ssh = diagnose_profile("jp61-container-group-add", via="ssh")
    assert 993 in over_exec.views[1].groups and 993 not in over_ssh.views[1].groups
    render = {d.view: d.granted for a in over_ssh.nodes if a.path == RENDER for d in a.decisions}
    assert render == {ViewKind.LOGIN: False, ViewKind.PROCESS: False}
