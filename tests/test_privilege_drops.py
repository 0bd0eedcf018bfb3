"""Every way a session switches to the user, run with the real Debian binary inside a lab device.

The claims are data (tools/jetson_gpu_access/data/privilege_drops.json, fact sheet A.3): each path
rebuilds the groups from the container's /etc/group, keeps the caller's, or keeps one group. Here a
root caller that holds the container's --group-add GID (993, which no /etc/group line carries)
switches to alice by each path, and ``id -G`` must show what the row says. A binary Debian does not
package is skipped with that reason. Then: the diagnosis names the path a session came through, and
pam_group (the plan's alternative for PAM logins) grants the group in the lab as the plan prints it.
"""

from __future__ import annotations

import json
import shutil
from typing import Dict, List, Set

import pytest

from jetson_gpu_access import data
from jetson_gpu_access.lab import profiles

PROFILE = "jp61-container-group-add"     # alice in video (44), --group-add 993, no render line
CALLER = ["setpriv", "--groups=0,993", "--"]   # root holding the runtime-only GID, as a container's process 1
SUPERVISOR_CONF = ("[supervisord]\nnodaemon=true\nlogfile=/tmp/sv.log\npidfile=/tmp/sv.pid\n[program:x]\ncommand=id -G\n"
                   "user={user}\nstartsecs=0\nautorestart=false\nstdout_logfile=/tmp/x.out\n")
ROWS = [row for row in data.load("privilege_drops")["paths"] if row["lab"]]


def _expected(row: Dict[str, object], user: str) -> Set[int]:
    profile = profiles.load(PROFILE)
    uid = profile.uid_of(user)
    return {"rebuilds": set(profile.login_gids(user)) | {uid}, "keeps": {uid, 0, 993}, "one-group": {uid}}[str(row["groups"])]


def _argv(row: Dict[str, object], user: str, uid: int) -> List[str]:
    if row["id"] == "supervisord":
        script = "printf '{}' > /tmp/sv.conf && timeout 5 supervisord -c /tmp/sv.conf >/dev/null 2>&1; cat /tmp/x.out".format(
            SUPERVISOR_CONF.format(user=user).replace("\n", "\\n"))
        return CALLER + ["sh", "-c", script]
    return CALLER + [str(a).replace("USER", user).replace("UID", str(uid)) for a in row["lab"]]  # type: ignore[attr-defined]


@pytest.mark.parametrize("row", ROWS, ids=[str(r["id"]) for r in ROWS])
def test_each_path_does_to_the_groups_what_the_data_says(lab, row: Dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    binary = "supervisord" if row["id"] == "supervisord" else str(row["lab"][0])  # type: ignore[index]
    if shutil.which(binary) is None:
        reason = ("Debian 12 has no {} package".format(binary) if row["package"] is None
                  else "{} is not installed: apt-get install {} (the Makefile's SYSTEM_TOOLS lists it)".format(
                      binary, row["package"]))
        pytest.skip(reason)
    lab.device(PROFILE)
    user = profiles.load(PROFILE).session_user
    result = lab.cli("lab", "exec", PROFILE, "--", *_argv(row, user, profiles.load(PROFILE).uid_of(user)), check_rc=0)
    shown = {int(g) for g in result.stdout.split()[-8:] if g.isdigit()}
    assert shown == _expected(row, user), (row["id"], result.stdout, result.stderr)


def test_the_diagnosis_names_the_path_a_session_came_through(lab) -> None:  # type: ignore[no-untyped-def]
    lab.device(PROFILE)
    result = lab.cli("lab", "exec", PROFILE, "--", *CALLER, "su", "alice", "-c",
                     "/usr/local/bin/jetson-gpu-access diagnose --format json", check_rc=1)
    diagnosis = json.loads(result.stdout)
    assert diagnosis["facts"]["process"]["launcher"] == "su"
    drop = next(f for f in diagnosis["findings"] if f["code"] == "DRP-001")
    assert "su / su -" in drop["title"] and "rebuilds the groups" in drop["title"]
    assert 993 not in diagnosis["views"][1]["groups"]   # su dropped the --group-add GID, as the row says


def test_pam_group_grants_the_group_as_the_plan_prints_it(lab) -> None:  # type: ignore[no-untyped-def]
    """The plan's pam_group advice, applied to su's PAM stack in the lab (the lab's sshd runs without
    PAM): with the group line it grants the GID at login; without it, pam_group cannot."""
    device = lab.fresh(PROFILE)
    plan = json.loads(lab.cli("lab", "exec", PROFILE, "--", "jetson-gpu-access", "plan", "--user", "alice",
                              "--format", "json", check_rc=1).stdout)
    advice = next(a for a in plan["advice"] if a["strategy"] == "pam_group")
    conf_line = next(line for line in advice["text"].splitlines() if line.startswith("*;"))
    pam_line = next(line.split("#", 1)[0].strip() for line in advice["text"].splitlines() if "pam_group.so" in line)
    setup = ("printf '%s\\n' '{}' >> /etc/security/group.conf && {{ printf '%s\\n' '{}'; cat /etc/pam.d/su; }} > /tmp/su "
             "&& cat /tmp/su > /etc/pam.d/su").format(conf_line, pam_line)
    lab.cli("lab", "exec", PROFILE, "--", "sh", "-c", setup, check_rc=0)
    before = lab.cli("lab", "exec", PROFILE, "--", "su", "-", "alice", "-c", "id -G", check_rc=0).stdout.split()
    assert "993" not in before   # no group line with GID 993 yet: pam_group grants names only
    lab.cli("lab", "exec", PROFILE, "--", "jetson-gpu-access", "apply", "--apply", "--user", "alice", check_rc=0)
    lab.cli("lab", "exec", PROFILE, "--", "gpasswd", "-d", "alice", "render", check_rc=0)  # keep only pam_group's grant
    after = lab.cli("lab", "exec", PROFILE, "--", "su", "-", "alice", "-c", "id -G", check_rc=0).stdout.split()
    assert "993" in after, after
    lab.discard(device.name)
