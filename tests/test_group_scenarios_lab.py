"""Scenarios written from outside the project: what the report says must agree with what the
system does, and a finding must never ask for a change that the plan rightly leaves out.

(a) Two ``render`` lines in the container's /etc/group: glibc's name lookups take the first, while
    initgroups() collects every line that lists the user. The report must say so, and its login
    view must be what ``id`` gives after a real SSH login (glibc's getgrouplist in the lab device).
(b) For every lab profile, as its session user and as root: when the plan says "nothing to do", no
    group finding may ask for a change (GRP-001 once told root to create a group nobody needed).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple

import pytest

from jetson_gpu_access.lab import profiles
from jetson_gpu_access.pipeline import assess, plan_for

BASE = "jp61-container-ubuntu-ssh"   # render node GID 993, alice in video only

# name -> the two render lines, in file order, and the GID alice's login gets from them
DUPLICATES: Dict[str, Tuple[Tuple[Tuple[int, List[str]], ...], int]] = {
    # the first line has the node's GID but lists nobody: id shows alice in "render" (104), the node stays shut
    "dup-render-first-has-the-gid": (((993, []), (104, ["alice"])), 104),
    # the first line has another GID: name lookups give 104, yet alice's login holds 993 from the second line
    "dup-render-second-has-the-gid": (((104, []), (993, ["alice"])), 993),
}


def _duplicate_profile(tmp_path: Path, name: str) -> Path:
    raw = copy.deepcopy(profiles.load(BASE).raw)
    raw["name"] = name
    raw["accounts"]["groups"] = [{"name": "render", "gid": gid, "members": members}
                                 for gid, members in DUPLICATES[name][0]]
    path = tmp_path / (name + ".json")
    path.write_text(profiles.dump(raw), encoding="utf-8")
    return path


def _id_groups(text: str) -> Set[str]:
    """``gid(name)`` tokens of ``id``'s groups= field."""
    return set(text.split("groups=", 1)[1].strip().split(","))


@pytest.mark.parametrize("name", sorted(DUPLICATES))
def test_a_duplicate_render_line_is_reported_as_glibc_reads_it(lab, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    lines, login_gid = DUPLICATES[name]
    first = lines[0][0]
    lab.cli("lab", "up", str(_duplicate_profile(tmp_path, name)), check_rc=0)
    try:
        shown_by_id = lab.cli("lab", "ssh", name, "alice", "--", "id", check_rc=0).stdout  # a real login: initgroups
        result = lab.cli("lab", "ssh", name, "alice", "--", "jetson-gpu-access", "diagnose", "--format", "json")
        text = lab.cli("lab", "ssh", name, "alice", "--", "jetson-gpu-access", "diagnose").stdout
        plan = lab.cli("lab", "exec", name, "--", "jetson-gpu-access", "plan", "--user", "alice", "--format", "json")
    finally:
        lab.cli("lab", "down", name)
    diagnosis = json.loads(result.stdout)
    login = next(v for v in diagnosis["views"] if v["kind"] == "login")
    real = _id_groups(shown_by_id)
    assert {int(token.split("(")[0]) for token in real} == set(login["groups"]), (shown_by_id, login)
    assert login_gid in login["groups"]
    reported = next(line for line in text.splitlines() if line.strip().startswith("login "))
    assert set(reported.split("<-")[0].split()[2:]) == real, (reported, shown_by_id)  # same numbers, same names as id

    database = next(f for f in diagnosis["findings"] if f["code"] == "DB-001")
    said = " ".join(database["evidence"])
    assert "glibc takes the first match" in said and "GID {}".format(first) in said, said
    assert "initgroups" in said
    opens = login_gid == 993
    membership = [f for f in diagnosis["findings"] if f["code"] == "GRP-002"]
    if opens:
        assert not membership and result.returncode == 0, diagnosis["findings"]
        assert plan.returncode == 0 and json.loads(plan.stdout)["refusals"] == []  # nothing to change: no refusal
    else:
        # id calls alice a member of "render"; the finding must say why that is not the node's render
        assert len(membership) == 1, diagnosis["findings"]
        evidence = " ".join(membership[0]["evidence"])
        assert "another 'render' line, GID {}".format(login_gid) in evidence and "id shows that GID as render" in evidence
        assert "one line per name" in membership[0]["remedy"] and "usermod -aG render alice)" in membership[0]["remedy"]
        refusal = json.loads(plan.stdout)["refusals"]
        assert plan.returncode == 1 and [r["path"] for r in refusal] == ["/etc/group"], refusal


def _users(name: str) -> List[Tuple[str, Optional[str]]]:
    profile = profiles.load(name)
    return [(profile.session_user, None), ("root", "ssh")]


CASES = [(name, user, via) for name in profiles.names() for user, via in _users(name)]
ASKS_FOR_A_CHANGE = ("GRP-",)


@pytest.mark.parametrize(("name", "user", "via"), CASES, ids=["{}-{}".format(n, u) for n, u, _ in CASES])
def test_no_group_finding_asks_for_what_a_nothing_to_do_plan_leaves_out(scratch_root, name: str, user: str,
                                                                       via: Optional[str]) -> None:  # type: ignore[no-untyped-def]
    assessment = assess(scratch_root(name, user if via else None, via), user, None)
    plan = plan_for(assessment)
    if not plan.nothing_to_do:
        return
    asking = [(f.code, f.severity.value, f.remedy) for f in assessment.diagnosis.findings
              if f.code.startswith(ASKS_FOR_A_CHANGE) and f.severity.value != "info"]
    assert not asking, asking
    for finding in assessment.diagnosis.findings:
        if finding.code.startswith(ASKS_FOR_A_CHANGE):
            assert finding.remedy.startswith("Nothing to do for {}".format(user)), finding
