"""Each judgement of diagnose.py on facts built in memory: one fixed case per rule and per branch.

The scenarios (test_scenarios.py) diagnose whole lab profiles; these pin one rule at a time, both
the case that raises a finding and the nearest case that must not, so a rule that is inverted,
widened or dropped fails here (see docs/development/mutation.md).
"""

from __future__ import annotations

from typing import Optional, Sequence, Set, Tuple

import pytest

from jetson_gpu_access.diagnose import build_views, diagnose, requirement, role_group
from jetson_gpu_access.model import (
    PLACEHOLDER_GID,
    Accounts,
    AclEntry,
    Anomaly,
    AnomalyCode,
    Container,
    DeviceNode,
    Diagnosis,
    Facts,
    Finding,
    Group,
    NodeKind,
    NodeOrigin,
    OsRelease,
    Package,
    Platform,
    ProcessInfo,
    Requirement,
    Severity,
    TegraRelease,
    User,
    Verdict,
    View,
    ViewKind,
)

NVMAP, RENDER = "/dev/nvmap", "/dev/dri/renderD128"
ALICE = User("alice", 1000, 1000, "/home/alice", "/bin/bash")
ROOT_USER = User("root", 0, 0, "/root", "/bin/bash")
GROUPS = (Group("root", 0, ()), Group("video", 44, ("alice",)), Group("render", 993, ("alice",)), Group("alice", 1000, ()))


def char(path: str, gid: Optional[int], mode: int = 0o660, group: Optional[str] = "", uid: int = 0, kind: NodeKind = NodeKind.CHAR,
         acl: Tuple[AclEntry, ...] = (), nodev: bool = False) -> DeviceNode:
    """A node; ``group`` defaults to the name /etc/group gives its GID in GROUPS."""
    roles = (("renderD", "render"), ("nvgpu", "nvgpu"), ("nvidia", "nvidia"), ("card", "card"))
    role = "nvmap" if path == NVMAP else next(r for part, r in roles if part in path)
    if group == "":
        group = next((g.name for g in GROUPS if g.gid == gid), None)
    return DeviceNode(path, role, kind, 1, 1, uid, gid, group, mode, acl, None, nodev, NodeOrigin.HOST)


HEALTHY_NODES = (char(NVMAP, 44), char(RENDER, 993))


def platform(l4t: Optional[str] = "36.4.0", jetson: bool = True, release: Optional[str] = None,
             signals: Tuple[str, ...] = ("/etc/nv_tegra_release",)) -> Platform:
    parsed = TegraRelease(release, None, None, (), (), ()) if release is not None else None
    return Platform("NVIDIA Jetson AGX Orin" if jetson else None, (), None, None, None, parsed, None, l4t,
                    "test" if l4t else None, (), signals if jetson else ())


def facts(devices: Sequence[DeviceNode] = HEALTHY_NODES, user: Optional[User] = ALICE, groups: Tuple[Group, ...] = GROUPS,
          process: Optional[ProcessInfo] = None, plat: Optional[Platform] = None, packages: Tuple[Package, ...] = (),
          anomalies: Tuple[Anomaly, ...] = (), users: Tuple[User, ...] = (ROOT_USER, ALICE), userns: bool = False,
          in_container: Optional[bool] = None) -> Facts:
    container = Container(userns if in_container is None else in_container, (), None, userns, (), None)
    return Facts(1, "test", "/", plat or platform(), OsRelease(None, None, None, None), container, packages,
                 tuple(devices), Accounts(users, groups, anomalies), user, "--user", process, ())


def anomaly(code: AnomalyCode, text: str) -> Anomaly:
    """An account-file anomaly as the parser records it: its code, the file its text names, and the text."""
    return Anomaly(code, text.split(":")[0].split(" line ")[0], None, None, text)


def process(groups: Tuple[int, ...], gid: int = 1000, ssh: bool = False) -> ProcessInfo:
    return ProcessInfo("42", 1000, gid, groups, ssh, None, None)


def codes(result: Diagnosis) -> Set[str]:
    return {f.code for f in result.findings}


def finding(result: Diagnosis, code: str) -> Finding:
    found = [f for f in result.findings if f.code == code]
    assert len(found) == 1, (code, [f.code for f in result.findings])
    return found[0]


def test_healthy_jetson_has_no_finding() -> None:
    result = diagnose(facts())
    assert (result.verdict, result.findings) == (Verdict.HEALTHY, ())
    assert [(n.path, n.requirement, n.needs, [d.granted for d in n.decisions]) for n in result.nodes] == [
        (NVMAP, Requirement.REQUIRED, "rw", [True]), (RENDER, Requirement.REQUIRED, "rw", [True])]


# --- data/devices.json: which rule applies ------------------------------------------------------

@pytest.mark.parametrize(("role", "jetson", "major", "expected"), [
    ("render", True, 36, (Requirement.REQUIRED, "rw")),
    ("render", True, 99, (Requirement.REQUIRED, "rw")),
    ("render", True, 35, (Requirement.OPTIONAL, "rw")),
    ("render", True, 32, (Requirement.OPTIONAL, "rw")),
    ("render", True, None, (Requirement.USED, "rw")),
    ("render", False, 36, (Requirement.OPTIONAL, "rw")),
    ("nvmap", True, 37, (Requirement.REQUIRED, "rw")),
    ("nvmap", True, 38, (Requirement.REQUIRED, "r")),
    ("nvmap", True, 31, (Requirement.REQUIRED, "rw")),
    ("nvidia", True, 38, (Requirement.USED, "rw")),
    ("nvidia", True, 36, (Requirement.OPTIONAL, "rw")),
    ("nvidia", False, None, (Requirement.USED, "rw")),
    ("no-such-role", True, 36, (Requirement.OPTIONAL, "rw")),
])
def test_requirement(role: str, jetson: bool, major: Optional[int], expected: Tuple[Requirement, str]) -> None:
    assert requirement(role, jetson, major) == expected


def test_role_group() -> None:
    assert [role_group(r) for r in ("nvmap", "render", "nvidia", "no-such-role")] == ["video", "render", None, None]


# --- views ----------------------------------------------------------------------------------------

def test_views_login_and_process() -> None:
    assert build_views(facts(user=None)) == ()
    assert build_views(facts()) == (View(ViewKind.LOGIN, 1000, 1000, (44, 993, 1000), "initgroups(alice) from /etc/group"),)
    views = build_views(facts(process=process((993, 4), gid=7, ssh=True)))
    assert views[1] == View(ViewKind.PROCESS, 1000, 7, (4, 7, 993), "process 42 (an SSH session)")
    assert build_views(facts(process=process(())))[1].origin == "process 42 (a running process)"


# --- platform, account, toolkit and missing-node findings -------------------------------------------

def test_not_a_jetson() -> None:
    result = diagnose(facts(devices=(char("/dev/nvidia0", 44),), plat=platform(None, jetson=False)))
    assert (finding(result, "PLT-001").evidence, result.verdict) == (("model: none", "found: /dev/nvidia0"), Verdict.HEALTHY)
    assert finding(diagnose(facts(devices=(), plat=platform(None, jetson=False))), "PLT-001").evidence == (
        "model: none", "found: no GPU device nodes")


def test_unknown_release() -> None:
    known = diagnose(facts())
    assert "PLT-002" not in codes(known)
    bare = finding(diagnose(facts(plat=platform(None))), "PLT-002")
    assert bare.evidence == ("Jetson signals: /etc/nv_tegra_release",)
    plat = platform(None, release="# R?? garbage", signals=("/etc/nv_tegra_release", "/dev/nvmap"))
    unparsed = finding(diagnose(facts(plat=plat)), "PLT-002")
    assert unparsed.evidence == ("Jetson signals: /etc/nv_tegra_release, /dev/nvmap", "unparsed release line: # R?? garbage")
    assert unparsed.severity is Severity.WARNING


def test_target_root_and_account_anomalies() -> None:
    malformed = anomaly(AnomalyCode.MALFORMED, "/etc/group line 3: malformed, skipped by glibc")
    result = diagnose(facts(user=ROOT_USER, anomalies=(malformed,)))
    assert finding(result, "USR-001").evidence == ("target user root has uid 0 (--user)",)
    assert finding(result, "DB-001").evidence == ("/etc/group line 3: malformed, skipped by glibc",)
    assert not {"USR-001", "DB-001"} & codes(diagnose(facts()))


@pytest.mark.parametrize(("packages", "expected"), [
    ((Package("nvidia-container-toolkit", "1.17.7-1"),), {"TKT-001"}),
    ((Package("nvidia-container-toolkit-base", "1.16.2-1"),), {"TKT-001"}),
    ((Package("nvidia-container-toolkit", "1.17.8-1"),), set()),
    ((Package("nvidia-container-toolkit", "1.19.0-1"),), set()),
    ((Package("nvidia-container-toolkit", "1.19.1-1"),), {"TKT-002"}),
    ((Package("nvidia-container-toolkit", "garbage"), Package("nvidia-container-toolkit-base", "1.16.2-1")), {"TKT-001"}),
    ((Package("nvidia-container-toolkit", "1.19.1-1"), Package("nvidia-container-toolkit-base", "1.16.2-1")), {"TKT-002"}),
    ((Package("nvidia-container-runtime", "1.16.2-1"),), set()),
])
def test_toolkit_versions(packages: Tuple[Package, ...], expected: Set[str]) -> None:
    result = diagnose(facts(packages=packages))
    assert codes(result) & {"TKT-001", "TKT-002"} == expected
    deciding = packages[-1] if packages[0].version == "garbage" else packages[0]
    for code in expected:
        assert finding(result, code).evidence == ("{} {} (dpkg status)".format(deciding.name, deciding.version),)
        assert finding(result, code).title.startswith("nvidia-container-toolkit {} ".format(deciding.version))


def test_missing_nodes() -> None:
    gone = diagnose(facts(devices=()))
    assert finding(gone, "DEV-002").evidence == ("no character device at /dev/nvmap",)
    assert (finding(gone, "DEV-001").severity, finding(gone, "DEV-001").evidence) == (
        Severity.ERROR, ("no character device matches /dev/dri/renderD*",))
    unknown = finding(diagnose(facts(devices=(), plat=platform(None))), "DEV-001")
    assert (unknown.severity, unknown.evidence) == (Severity.WARNING, (
        "no character device matches /dev/dri/renderD*",
        "L4T release unknown: this matters if the host runs JetPack 6 (L4T R36) or later"))
    assert "DEV-001" not in codes(diagnose(facts(devices=(char(NVMAP, 44),), plat=platform("35.4.1"))))
    assert not {"DEV-001", "DEV-002"} & codes(diagnose(facts(devices=(), plat=platform(None, jetson=False))))
    replaced = diagnose(facts(devices=(char(NVMAP, 44, kind=NodeKind.REGULAR), char(RENDER, 993))))
    assert {"DEV-002", "DEV-004"} <= codes(replaced)
    dangling = DeviceNode(RENDER, "render", NodeKind.BROKEN_LINK, None, None, None, None, None, None, (), "/x", False, NodeOrigin.HOST)
    assert finding(diagnose(facts(devices=(char(NVMAP, 44), dangling))), "DEV-004").evidence == (
        "/dev/dri/renderD128 0000 None:None (no name)",)


# --- node findings --------------------------------------------------------------------------------

def test_no_target_user_means_no_node_judgement() -> None:
    assert diagnose(facts(devices=(char(NVMAP, 44), char(RENDER, 2000, group=None)), user=None)).findings == ()


def test_not_a_device_and_nodev() -> None:
    result = diagnose(facts(devices=(char(NVMAP, 44), char(RENDER, 993, kind=NodeKind.REGULAR))))
    assert (finding(result, "DEV-004").title, codes(result)) == (
        "/dev/dri/renderD128 is not a character device (regular)", {"DEV-001", "DEV-004"})
    nodev = diagnose(facts(devices=(char(NVMAP, 44), char(RENDER, 993, nodev=True))))
    assert codes(nodev) == {"DEV-003"}
    assert finding(nodev, "DEV-003").title.startswith("/dev/dri/renderD128 sits on a file system mounted nodev")
    assert finding(nodev, "DEV-003").evidence == ("/dev/dri/renderD128 0660 0:993 (render)",)


def test_render_denied_for_want_of_membership() -> None:
    groups = (Group("video", 44, ("alice",)), Group("render", 993, ()))
    result = diagnose(facts(groups=groups))
    assert codes(result) == {"ACC-003", "GRP-002"} and result.verdict is Verdict.PROBLEM
    acc = finding(result, "ACC-003")
    assert acc.title == ("alice cannot open /dev/dri/renderD128 (login view): expect CUDA error 801 (operation not supported) "
                         "on JetPack 6")
    assert acc.evidence == ("/dev/dri/renderD128 0660 0:993 (render)", "login view: denied (other (gid 993 not held))")
    assert "usermod -aG render alice" in finding(result, "GRP-002").remedy
    assert finding(result, "GRP-002").title == ("alice is not a member of render (GID 993), which owns /dev/dri/renderD128, in "
                                                "/etc/group: logins (SSH, su -) get no access")


@pytest.mark.parametrize(("node", "groups", "hint"), [
    (char(RENDER, 2000, group=None), GROUPS[:2], "groupadd -g 2000 render, then usermod -aG render alice"),
    (char(RENDER, 2000, group=None), GROUPS, "the name render is taken by another GID here; see GRP-003"),
    (char("/dev/nvgpu/igpu0/ctrl", 2000, group="gpuhost"), GROUPS + (Group("gpuhost", 2000, ()),),
     "GID 2000 is 'gpuhost' here, not 'video': see GRP-006 before joining it"),
    (char("/dev/nvidia0", 2000, group=None), GROUPS, "groupadd -g 2000 gpu2000, then usermod -aG gpu2000 alice"),
])
def test_membership_hint(node: DeviceNode, groups: Tuple[Group, ...], hint: str) -> None:
    plat = platform("38.2.0") if "nvidia" in node.path else platform()
    result = diagnose(facts(devices=(char(NVMAP, 44), char(RENDER, 993), node) if node.path != RENDER else (char(NVMAP, 44), node),
                            groups=groups, plat=plat))
    assert hint in finding(result, "GRP-002").remedy


def test_a_gid_nobody_names_and_the_expected_name_elsewhere() -> None:
    result = diagnose(facts(devices=(char(NVMAP, 44), char(RENDER, 2000, group=None))))
    assert codes(result) == {"ACC-003", "GRP-001", "GRP-002", "GRP-003"}
    assert finding(result, "GRP-001").title == "GID 2000 owning /dev/dri/renderD128 has no name in this root's /etc/group"
    assert finding(result, "GRP-001").evidence == ("/dev/dri/renderD128 0660 0:2000 (no name)",)
    assert finding(result, "GRP-003").title == "Group 'render' exists here with GID 993, but /dev/dri/renderD128 belongs to GID 2000"


def test_a_gid_named_otherwise_here() -> None:
    groups = GROUPS[:3] + (Group("messagebus", 104, ()),)
    result = diagnose(facts(devices=(char(NVMAP, 44), char(RENDER, 104, group="messagebus")), groups=groups))
    assert codes(result) == {"ACC-003", "GRP-002", "GRP-003", "GRP-006"}
    assert finding(result, "GRP-006").title == ("GID 104 of /dev/dri/renderD128 is 'messagebus' in this root, not 'render': "
                                                "the host's "
                                                "render GID collides with an unrelated group here")


def test_unmapped_gid_is_not_a_group() -> None:
    """65534 is what an unmapped host GID shows as inside a user namespace: no group to name or join."""
    for group in (None, "nogroup"):
        result = diagnose(facts(devices=(char(NVMAP, 44), char(RENDER, 65534, group=group)), userns=True,
                                groups=GROUPS + (Group("nogroup", 65534, ()),)))
        assert codes(result) == {"ACC-003", "DEV-007"}, group
        assert finding(result, "DEV-007").title == ("/dev/dri/renderD128 shows group 65534: the host GID is not mapped into this "
                                                    "user namespace")


def test_owner_bits_that_deny() -> None:
    """The kernel checks the owner class first: a node owned by the user with owner bits that deny
    stays shut to them whatever their groups (the group bits would grant here)."""
    result = diagnose(facts(devices=(char(NVMAP, 44), char(RENDER, 993, uid=1000, mode=0o060))))
    assert codes(result) == {"ACC-003", "DEV-008"}
    assert finding(result, "DEV-008").title == ("/dev/dri/renderD128 is owned by alice (UID 1000), whose owner bits deny rw: the "
                                                "kernel applies the owner bits to the owner and never the group bits")
    assert codes(diagnose(facts(devices=(char(NVMAP, 44), char(RENDER, 993, uid=1000, mode=0o660))))) == set()


def test_root_group_node() -> None:
    for group in (None, "root"):
        result = diagnose(facts(devices=(char(NVMAP, 44), char(RENDER, 0, group=group))))
        assert codes(result) == {"ACC-003", "DEV-006"}, group
        assert finding(result, "DEV-006").title == "/dev/dri/renderD128 belongs to group 0 (root): joining the root group is not a fix"


def test_group_bits_that_cannot_grant() -> None:
    result = diagnose(facts(devices=(char(NVMAP, 44), char(RENDER, 993, mode=0o640))))
    assert codes(result) == {"ACC-003", "DEV-005"}
    assert finding(result, "DEV-005").title == ("/dev/dri/renderD128: mode 0640, owner 0:993; the group bits do not grant rw, "
                                                "so no group membership can help")
    read_only_need = diagnose(facts(devices=(char(NVMAP, 44, mode=0o600), char(RENDER, 993)), plat=platform("38.2.0")))
    assert finding(read_only_need, "DEV-005").title.endswith("the group bits do not grant r, so no group membership can help")
    # with an ACL the group bits are the mask, and a named entry may still grant: not DEV-005
    acl = (AclEntry("user_obj", None, 6), AclEntry("group_obj", None, 4), AclEntry("group", 44, 4),
           AclEntry("mask", None, 4), AclEntry("other", None, 0))
    with_acl = diagnose(facts(devices=(char(NVMAP, 44), char(RENDER, 993, mode=0o640, acl=acl))))
    assert "DEV-005" not in codes(with_acl)
    assert finding(with_acl, "ACC-003").evidence[0] == "/dev/dri/renderD128 0640 0:993 (render) acl group:44:r--,mask::r--"


def test_a_node_nobody_may_write_is_taken_to_be_opened_for_reading() -> None:
    """Thor's /dev/nvmap is 0440 (toolkit PR #1631): where the release is not known, the node's own mode says the
    driver's users read it, so a user outside its group is told to join it, not that no group can help (fact sheet Q3:
    do not assume write access)."""
    outside_video = (Group("root", 0, ()), Group("video", 44, ()), Group("render", 993, ("alice",)), Group("alice", 1000, ()))
    result = diagnose(facts(devices=(char(NVMAP, 44, mode=0o440), char(RENDER, 993)), groups=outside_video,
                            plat=platform(None)))
    assert "DEV-005" not in codes(result) and "GRP-002" in codes(result), codes(result)
    assert "DEV-005" in codes(diagnose(facts(devices=(char(NVMAP, 44, mode=0o640), char(RENDER, 993)), plat=platform(None))))


def test_seat_acl_and_read_only_need() -> None:
    acl = (AclEntry("user_obj", None, 6), AclEntry("user", 1000, 6), AclEntry("group_obj", None, 6), AclEntry("mask", None, 6),
           AclEntry("other", None, 0))
    groups = (Group("video", 44, ("alice",)), Group("render", 993, ()))
    result = diagnose(facts(devices=(char(NVMAP, 44), char(RENDER, 993, acl=acl)), groups=groups))
    assert codes(result) == {"ACC-001"}
    assert finding(result, "ACC-001").evidence == ("/dev/dri/renderD128 0660 0:993 (render) acl user:1000:rw-,mask::rw-",
                                                   "login view: granted (ACL user:1000 (mask 6))")
    thor = diagnose(facts(devices=(char(NVMAP, 44, mode=0o440), char(RENDER, 993)), plat=platform("38.2.0")))
    assert codes(thor) == {"ACC-005"} and thor.verdict is Verdict.HEALTHY
    assert finding(thor, "ACC-005").title == ("/dev/nvmap is read-only for alice (login view); the driver is assumed to need only "
                                              "read access here, and write access stays denied")
    assert codes(diagnose(facts(devices=(char(NVMAP, 44), char(RENDER, 993)), plat=platform("38.2.0")))) == set()


def test_process_view_findings() -> None:
    groups = (Group("video", 44, ("alice",)), Group("render", 993, ()))
    added = diagnose(facts(groups=groups, process=process((44, 993))))
    assert codes(added) == {"ACC-003", "GRP-002", "GRP-004"}
    assert finding(added, "GRP-004").title.startswith("Access to /dev/dri/renderD128 comes only from GID 993 held by the running "
                                                      "process")
    # the running process started before the membership was added: GRP-005, not GRP-002
    stale = diagnose(facts(process=process((44,))))
    assert codes(stale) == {"ACC-003", "GRP-005"}
    assert finding(stale, "ACC-003").title.endswith("(process view): expect CUDA error 801 (operation not supported) on JetPack 6")
    assert finding(stale, "GRP-005").title == ("Process 42 lacks GID 993 (render (GID 993)) that a new login would get: it started "
                                               "before the membership was added")
    both = diagnose(facts(groups=groups, process=process((44,))))
    assert "(login view and process view)" in finding(both, "ACC-003").title
    assert codes(both) == {"ACC-003", "GRP-002"}


def test_no_false_grp005() -> None:
    """GRP-005 needs a login that would get the GID and a process that lacks it; either alone is not it."""
    assert codes(diagnose(facts(process=process((44, 993))))) == set()
    # the login opens the node through the other bits, not through the group: no membership to miss
    open_to_all = diagnose(facts(devices=(char(NVMAP, 44), char(RENDER, 2000, mode=0o666, group="gpu")),
                                 groups=GROUPS + (Group("gpu", 2000, ()),), process=process((44,))))
    assert "GRP-005" not in codes(open_to_all)
    # the login opens it through a named ACL group the process lacks: the node's own GID is not the one missing
    named = (AclEntry("user_obj", None, 6), AclEntry("group_obj", None, 0), AclEntry("group", 2001, 6), AclEntry("mask", None, 6),
             AclEntry("other", None, 0))
    through_acl = diagnose(facts(devices=(char(NVMAP, 44), char(RENDER, 2000, acl=named, group="gpu")), process=process((44,)),
                                 groups=GROUPS + (Group("gpu", 2000, ()), Group("seat", 2001, ("alice",)))))
    assert codes(through_acl) == {"ACC-003", "GRP-003", "GRP-006"}
    acl = (AclEntry("user_obj", None, 6), AclEntry("user", 1000, 6), AclEntry("group_obj", None, 6), AclEntry("mask", None, 6),
           AclEntry("other", None, 0))
    seat = diagnose(facts(devices=(char(NVMAP, 44), char(RENDER, 2000, acl=acl, group="gpu")),
                          groups=GROUPS + (Group("gpu", 2000, ()),),
                          process=process((44,))))
    assert "GRP-005" not in codes(seat)


def test_consequences_per_role() -> None:
    result = diagnose(facts(devices=(char(NVMAP, 44, mode=0o600), char(RENDER, 993), char("/dev/nvgpu/igpu0/ctrl", 44, mode=0o600))))
    assert {"ACC-002", "ACC-004"} <= codes(result)
    assert finding(result, "ACC-002").title.startswith("alice cannot open /dev/nvmap (login view)")
    assert finding(result, "ACC-004").title == "alice cannot open /dev/nvgpu/igpu0/ctrl (login view), which CUDA uses on this platform"


def test_optional_nodes_raise_nothing() -> None:
    result = diagnose(facts(devices=HEALTHY_NODES + (char("/dev/dri/card0", 2000, mode=0o600, group=None),)))
    assert result.findings == ()
    assert result.nodes[-1].requirement is Requirement.OPTIONAL and not result.nodes[-1].decisions[0].granted


def test_root_in_a_user_namespace_is_judged_as_the_kernel_would() -> None:
    result = diagnose(facts(devices=(char(NVMAP, 44), char(RENDER, 65534, uid=65534, group=None)), user=ROOT_USER, userns=True))
    assert [d.rule.value for n in result.nodes for d in n.decisions] == ["root", "other"]
    assert {"USR-001", "ACC-003", "DEV-007"} <= codes(result)


def test_placeholder_gid_is_described_by_name() -> None:
    groups = (Group("video", 44, ("alice",)), Group("render", PLACEHOLDER_GID, ()))
    result = diagnose(facts(devices=(char(NVMAP, 44), char(RENDER, PLACEHOLDER_GID, group="render")), groups=groups))
    assert finding(result, "ACC-003").remedy.endswith("the node belongs to render (GID not shown).")


# --- merging and ordering ---------------------------------------------------------------------------

def test_one_finding_per_code_listing_every_node() -> None:
    nodes = (char(NVMAP, 44), char(RENDER, 2000, group=None), char("/dev/dri/renderD129", 2000, group=None),
             char("/dev/dri/renderD130", 2000, group=None))
    result = diagnose(facts(devices=nodes))
    grp001 = finding(result, "GRP-001")
    assert grp001.title == ("GID 2000 owning /dev/dri/renderD128, /dev/dri/renderD129 and /dev/dri/renderD130 has no name in this "
                            "root's /etc/group")
    assert grp001.evidence == tuple("{} 0660 0:2000 (no name)".format(n.path) for n in nodes[1:])
    assert [f.code for f in result.findings] == ["ACC-003", "GRP-002", "GRP-003", "GRP-001"]  # errors first, then by code
    # a field that differs other than path or views keeps findings apart
    two = diagnose(facts(devices=(char(NVMAP, 44), char(RENDER, 2000, group=None), char("/dev/dri/renderD129", 2001, group=None))))
    assert sorted(f.title for f in two.findings if f.code == "GRP-001") == [
        "GID 2000 owning /dev/dri/renderD128 has no name in this root's /etc/group",
        "GID 2001 owning /dev/dri/renderD129 has no name in this root's /etc/group"]


def test_verdicts() -> None:
    assert diagnose(facts(plat=platform(None))).verdict is Verdict.WARNING
    assert diagnose(facts(devices=())).verdict is Verdict.PROBLEM
    info_only = diagnose(facts(devices=(char(NVMAP, 44, mode=0o440), char(RENDER, 993)), plat=platform("38.2.0")))
    assert info_only.verdict is Verdict.HEALTHY


def test_findings_say_where_they_are_documented() -> None:
    result = diagnose(facts(devices=()))
    assert {(f.code, f.docs, f.certainty) for f in result.findings} >= {("DEV-002", "reference/findings.md#dev-002", "observed")}


