"""The claims made about this problem (in the original report and in our docs), checked in the lab.

Each claim has an experiment, the outcome the claim predicts and the outcome the lab's model is
expected to give. The test runs every experiment, fails if the lab does not give its expected
outcome, marks each claim "consistent in simulation", "contradicted in simulation" or "not
testable in a lab" (with the reason), and checks that docs/lab/seed-claims.md shows exactly this
table (``UPDATE_DOCS=1`` rewrites it). The lab is a model: agreement with it is evidence, not a
reproduction on a Jetson.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable, List, Optional, Tuple

PAGE = Path(__file__).resolve().parent.parent / "docs" / "lab" / "seed-claims.md"
HEADER = """# Seed claims, checked in the lab

Every claim of the original report ([jetson-containers#763](https://github.com/dusty-nv/jetson-containers/issues/763)
and its follow-ups) and the claims these pages make, each checked by an experiment on a SIMULATED
lab device: real device nodes, a real sshd, the kernel's own permission checks and the lab's
emulated CUDA driver (which fails the way NVIDIA's driver does when a node cannot be opened).
"Consistent in simulation" means the lab's model agrees with the claim; it is not a reproduction
on a Jetson.

| # | Claim | Experiment | Observed | Result |
| --- | --- | --- | --- | --- |
"""
Row = Tuple[str, str, str, Optional[str], Optional[str], Optional[str]]


def cuda(lab, name: str, user: str, via: str = "ssh", wrap: Optional[List[str]] = None) -> str:  # type: ignore[no-untyped-def]
    """'pass' or the CUresult of cuInit for ``user`` reaching lab device ``name`` ``via`` ssh or exec."""
    lab.device(name)
    command = (wrap or []) + ["jetson-gpu-access", "cuda-check", "--format", "json"]
    if via == "ssh":
        result = lab.cli("lab", "ssh", name, user, "--", *command)
    else:
        result = lab.cli("lab", "exec", name, "--user", user, "--process", "--", *command)
    outcome = json.loads(result.stdout)
    return "pass" if outcome["status"] == "pass" else str(outcome["code"])


def with_group_line(lab, name: str, line: str, action: Callable[[], str]) -> str:  # type: ignore[no-untyped-def]
    """Run ``action`` with ``line`` appended to the device's /etc/group, then restore the file."""
    group_file = Path(lab.device(name).directory) / "root" / "etc" / "group"
    original = group_file.read_bytes()
    try:
        group_file.write_bytes(original + line.encode() + b"\n")
        return action()
    finally:
        group_file.write_bytes(original)


def experiments(lab) -> List[Row]:  # type: ignore[no-untyped-def]
    """(claim, experiment, observed, outcome, what the claim predicts, what the lab must give).

    A row whose lab expectation is None is not testable in a lab; its "observed" says why.
    """
    ssh = "jp61-container-ubuntu-ssh"
    root, alice = cuda(lab, ssh, "root"), cuda(lab, ssh, "alice")
    jp5 = cuda(lab, "jp51-container-l4t", "alice")
    docker = with_group_line(lab, ssh, "docker:x:998:alice", lambda: cuda(lab, ssh, "alice"))
    privileged = cuda(lab, ssh, "alice", via="exec")
    render = with_group_line(lab, ssh, "render:x:993:alice", lambda: cuda(lab, ssh, "alice"))
    plain_groupadd = with_group_line(lab, ssh, "render:x:1001:alice", lambda: cuda(lab, ssh, "alice"))
    add_exec, add_ssh = cuda(lab, "jp61-container-group-add", "alice", "exec"), cuda(lab, "jp61-container-group-add", "alice")
    seat_user, other_user = cuda(lab, "jp61-host-desktop", "alice"), cuda(lab, "jp61-host-desktop", "bob")
    return [
        ("On JetPack 6.1, root can use the GPU while a non-root user logged in over SSH cannot",
         "`jp61-container-ubuntu-ssh`: cuda-check over SSH as root and as alice",
         "root: {}, alice: {}".format(root, alice), "{}/{}".format(root, alice), "pass/801", "pass/801"),
        ("JetPack 5.1 is not affected",
         "`jp51-container-l4t`: cuda-check over SSH as alice (in video only)", "alice: " + jp5, jp5, "pass", "pass"),
        ("The root cause: Ubuntu 22.04 requires the render group {{ claim:report-763-summary }}",
         "not testable in a lab: Ubuntu has had `render` since 20.04 {{ claim:render-since-2004 }} (the JetPack 5 base), "
         "so the Ubuntu release alone does not explain it {{ claim:ubuntu-release-incidental }}; "
         "what changed is that CUDA opens `/dev/dri/renderD*` on JetPack 6 (rows 1, 2; "
         "[what changed](../explanation/what-changed.md))", "—", None, None, None),
        ("The fix: `groupadd render` in the image and add the user to it {{ claim:report-763-summary }}",
         "`jp61-container-ubuntu-ssh` with `render:x:1001:alice` (the GID a plain `groupadd` picked) while the host's "
         "render node is GID 993", "alice: " + plain_groupadd, plain_groupadd, "pass", "801"),
        ("A render group with the host's GID fixes it",
         "`jp61-container-ubuntu-ssh` with `render:x:993:alice` added to /etc/group", "alice: " + render, render, "pass", "pass"),
        ("JetPack 6 brought a stricter, multi-factor access control {{ claim:report-763-summary }}",
         "not testable in a lab: no source read describes such a mechanism; the observed behaviour is explained by "
         "file permissions, groups and seat ACLs (fact sheet, section 1)", "—", None, None, None),
        ("Adding the user to the docker group changes nothing",
         "`jp61-container-ubuntu-ssh` with `docker:x:998:alice` added to /etc/group", "alice: " + docker, docker, "801", "801"),
        ("`--privileged` changes nothing for a non-root user",
         "`jp61-container-ubuntu-ssh`: run as root with every capability, then switch to alice (capabilities are "
         "cleared when a root process becomes a non-root user, as at docker exec); the device cgroup part of "
         "`--privileged` is not modelled", "alice: " + privileged, privileged, "801", "801"),
        ("`docker run --group-add` fixes `docker exec` {{ claim:docker-exec-group-add }} but not SSH",
         "`jp61-container-group-add` (`--group-add 993`): cuda-check via exec and via SSH as alice",
         "exec: {}, ssh: {}".format(add_exec, add_ssh), "{}/{}".format(add_exec, add_ssh), "pass/801", "pass/801"),
        ("Enabling GUI auto-login makes it work {{ claim:report-763-summary }} (a desktop session's seat ACL "
         "{{ claim:seat-acl-desktop }}), for that user only",
         "`jp61-host-desktop`: the lab sets the ACL logind would give alice's seat session (logind itself is not run); "
         "cuda-check over SSH as alice and as bob", "alice: {}, bob: {}".format(seat_user, other_user),
         "{}/{}".format(seat_user, other_user), "pass/801", "pass/801"),
        ("Using `nvcr.io/nvidia/l4t-jetpack:r36.x` as the base image avoids the problem {{ claim:report-763-summary }}",
         "not testable in a lab: whether those images carry a `render` group, and with which GID, is not settled "
         "by public evidence (fact sheet, open question Q7) {{ claim:l4t-jetpack-base-unproven }}", "—", None, None, None),
    ]


def render_page(rows: List[Row]) -> str:
    lines = []
    for number, (claim, experiment, observed, outcome, predicted, _) in enumerate(rows, 1):
        if predicted is None:
            result = "not testable in a lab"
        else:
            result = "consistent in simulation" if outcome == predicted else "**contradicted in simulation**"
        lines.append("| {} | {} | {} | {} | {} |".format(number, claim, experiment, observed, result))
    return HEADER + "\n".join(lines) + "\n"


def test_seed_claims(lab) -> None:  # type: ignore[no-untyped-def]
    rows = experiments(lab)
    for claim, _, observed, outcome, _, lab_gives in rows:
        assert outcome == lab_gives, "{}: observed {}".format(claim, observed)
    page = render_page(rows)
    if os.environ.get("UPDATE_DOCS"):
        PAGE.write_text(page, encoding="utf-8")
    assert PAGE.read_text(encoding="utf-8") == page, "docs/lab/seed-claims.md is stale: rerun with UPDATE_DOCS=1"
