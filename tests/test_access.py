"""The access decision against the kernel: unit cases, then a differential test on real nodes."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from typing import Tuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import needs_root
from jetson_gpu_access.access import decide, permitted, wanted
from jetson_gpu_access.lab.profiles import full_acl
from jetson_gpu_access.model import AclEntry, Decision, DeviceNode, NodeKind, NodeOrigin, Rule, View, ViewKind
from jetson_gpu_access.probe import acl


def node(mode: int, gid: int = 993, uid: int = 0, entries: Tuple[AclEntry, ...] = (), nodev: bool = False,
         kind: NodeKind = NodeKind.CHAR) -> DeviceNode:
    return DeviceNode("/dev/dri/renderD128", "render", kind, 1, 3, uid, gid, None, mode, entries, None, nodev, NodeOrigin.HOST)


def view(uid: int = 1000, gid: int = 1000, groups: Tuple[int, ...] = ()) -> View:
    return View(ViewKind.LOGIN, uid, gid, groups, "test")


def test_root_passes_by_dac_override() -> None:
    decision = decide(node(0o000), view(uid=0, gid=0), "rw")
    assert (decision.granted, decision.rule) == (True, Rule.ROOT)


def test_root_in_user_namespace_with_unmapped_group_gets_no_override() -> None:
    decision = decide(node(0o660, gid=65534, uid=65534), view(uid=0, gid=0), "rw", user_namespace=True)
    assert (decision.granted, decision.rule) == (False, Rule.OTHER)


def test_group_member_and_stranger() -> None:
    assert decide(node(0o660), view(groups=(993,)), "rw").rule is Rule.GROUP
    stranger = decide(node(0o660), view(groups=(44,)), "rw")
    assert (stranger.granted, stranger.rule, stranger.read, stranger.write) == (False, Rule.OTHER, False, False)


def test_primary_group_counts_like_a_supplementary_one() -> None:
    assert decide(node(0o660), view(gid=993), "rw").granted


def test_owner_bits_apply_even_when_group_would_grant() -> None:
    decision = decide(node(0o060, uid=1000), view(groups=(993,)), "rw")
    assert (decision.granted, decision.rule) == (False, Rule.OWNER)


def test_read_only_group_bits() -> None:
    decision = decide(node(0o440, gid=44), view(groups=(44,)), "r")
    assert (decision.granted, decision.read, decision.write) == (True, True, False)
    assert not decide(node(0o440, gid=44), view(groups=(44,)), "rw").granted


def test_seat_acl_grants_only_that_uid() -> None:
    entries = full_acl(0o660, [AclEntry("user", 1000, 6), AclEntry("mask", None, 6)])
    assert decide(node(0o660, gid=104, entries=entries), view(), "rw").rule is Rule.ACL_USER
    other_user = decide(node(0o660, gid=104, entries=entries), view(uid=1001, gid=1001), "rw")
    assert (other_user.granted, other_user.rule) == (False, Rule.OTHER)


def test_acl_mask_limits_named_entries() -> None:
    entries = full_acl(0o640, [AclEntry("user", 1000, 6), AclEntry("mask", None, 4)])
    decision = decide(node(0o640, gid=104, entries=entries), view(), "rw")
    assert (decision.granted, decision.read, decision.write) == (False, True, False)


def test_nodev_and_non_devices_refuse_everyone() -> None:
    assert decide(node(0o666, nodev=True), view(uid=0), "rw").rule is Rule.NODEV
    assert decide(node(0o666, kind=NodeKind.REGULAR), view(), "r").rule is Rule.NOT_A_DEVICE


# --- fixed cases, one per rule and per branch, compared as whole values ------------------------
# Each row names the kernel rule it holds (fs/namei.c acl_permission_check, fs/posix_acl.c
# posix_acl_permission, kernel/capability.c privileged_wrt_inode_uidgid); the random comparison
# with the kernel below finds what these miss, these make sure no rule depends on a lucky draw.

A = AclEntry
LOGIN = ViewKind.LOGIN


def acl_node(mode: int, gid: int, extra: Tuple[AclEntry, ...], uid: int = 0) -> DeviceNode:
    return node(mode, gid=gid, uid=uid, entries=full_acl(mode, list(extra)))


def decision(granted: bool, read: bool, write: bool, rule: Rule, detail: str) -> Decision:
    return Decision(LOGIN, granted, read, write, rule, detail)


ROOT = view(uid=0, gid=0)
ALICE = view(groups=(993,))
STRANGER = view(groups=(44,))
FIXED_CASES = {
    # CAP_DAC_OVERRIDE: root passes whatever the mode, also in a user namespace while both ids are mapped
    "root overrides the mode": (node(0o000), ROOT, "rw", False, decision(True, True, True, Rule.ROOT, "uid 0 (CAP_DAC_OVERRIDE)")),
    "root in a user namespace, ids mapped": (node(0o000, gid=993), ROOT, "rw", True,
                                              decision(True, True, True, Rule.ROOT, "uid 0 (CAP_DAC_OVERRIDE)")),
    "root outside a user namespace, GID 65534": (node(0o000, gid=65534), ROOT, "rw", False,
                                                 decision(True, True, True, Rule.ROOT, "uid 0 (CAP_DAC_OVERRIDE)")),
    "root in a user namespace, GID unmapped": (node(0o664, gid=65534, uid=1), ROOT, "rw", True,
                                               decision(False, True, False, Rule.OTHER, "other (gid 65534 not held)")),
    "root in a user namespace, UID unmapped": (node(0o606, gid=993, uid=65534), ROOT, "rw", True,
                                               decision(True, True, True, Rule.OTHER, "other (gid 993 not held)")),
    # the owner class wins even when the group class would grant more
    "owner bits": (node(0o460, uid=1000), ALICE, "rw", False, decision(False, True, False, Rule.OWNER, "owner uid 1000")),
    "group bits": (node(0o620), ALICE, "rw", False, decision(False, False, True, Rule.GROUP, "group gid 993")),
    "primary GID is a group": (node(0o640), view(gid=993), "r", False, decision(True, True, False, Rule.GROUP, "group gid 993")),
    "other bits": (node(0o604), STRANGER, "r", False, decision(True, True, False, Rule.OTHER, "other (gid 993 not held)")),
    # ACLs: a named user entry decides (under the mask)
    "ACL named user": (acl_node(0o660, 104, (A("user", 1000, 6), A("mask", None, 6))), view(), "rw", False,
                       decision(True, True, True, Rule.ACL_USER, "ACL user:1000 (mask 6)")),
    "ACL named user under a read-only mask": (acl_node(0o640, 104, (A("user", 1000, 6), A("mask", None, 4))), view(), "rw", False,
                                              decision(False, True, False, Rule.ACL_USER, "ACL user:1000 (mask 4)")),
    # every matching group entry is tried; the first holding all wanted bits decides, then the mask
    "ACL named group": (acl_node(0o660, 104, (A("group", 993, 6), A("mask", None, 6))), ALICE, "rw", False,
                        decision(True, True, True, Rule.ACL_GROUP, "ACL group:993 (mask 6)")),
    "ACL named group after a weaker owning group": (
        acl_node(0o640, 993, (A("group", 44, 6), A("mask", None, 6))), view(groups=(44, 993)), "rw", False,
        decision(True, True, True, Rule.ACL_GROUP, "ACL group:44 (mask 6)")),
    "ACL owning group entry": (acl_node(0o660, 993, (A("group", 44, 4), A("mask", None, 6))), ALICE, "rw", False,
                               decision(True, True, True, Rule.GROUP, "group gid 993 (mask 6)")),
    "ACL group matched but none grants: other is not tried": (
        acl_node(0o646, 104, (A("group", 993, 4), A("mask", None, 4))), ALICE, "rw", False,
        decision(False, True, False, Rule.ACL_GROUP, "ACL group:993 (mask 4)")),
    "ACL named group under a read-only mask": (acl_node(0o640, 104, (A("group", 993, 6), A("mask", None, 4))), ALICE, "rw", False,
                                               decision(False, True, False, Rule.ACL_GROUP, "ACL group:993 (mask 4)")),
    "ACL without a matching entry: other": (acl_node(0o664, 104, (A("group", 44, 6), A("mask", None, 6))), ALICE, "rw", False,
                                             decision(False, True, False, Rule.OTHER, "other (no ACL entry matches)")),
    # a zero mask (group bits 0) makes the kernel skip the ACL: the group class and other bits decide
    "ACL with group bits 0 is not consulted": (acl_node(0o605, 104, (A("group", 993, 6), A("mask", None, 0))), ALICE, "r", False,
                                               decision(True, True, False, Rule.OTHER, "other (gid 104 not held)")),
}


@pytest.mark.parametrize("name", sorted(FIXED_CASES))
def test_fixed_case(name: str) -> None:
    target, who, needs, user_namespace, expected = FIXED_CASES[name]
    assert decide(target, who, needs, user_namespace) == expected


def test_user_namespace_is_off_unless_said() -> None:
    assert decide(node(0o000, gid=65534), ROOT, "rw").rule is Rule.ROOT
    assert permitted(node(0o000, gid=65534), ROOT, 6) == (6, Rule.ROOT, "uid 0 (CAP_DAC_OVERRIDE)")


def test_wanted_bits() -> None:
    assert [wanted(n) for n in ("", "r", "w", "rw")] == [0, 4, 2, 6]


@pytest.mark.parametrize(("target", "expected"), [
    (node(0o666, kind=NodeKind.BROKEN_LINK), (0, Rule.MISSING, "dangling symlink")),
    (node(0o666, kind=NodeKind.REGULAR), (0, Rule.NOT_A_DEVICE, "not a character device (regular)")),
    (node(0o666, nodev=True), (0, Rule.NODEV, "file system mounted nodev")),
    (DeviceNode("/dev/x", "render", NodeKind.CHAR, 1, 3, 0, 993, None, None, (), None, False, NodeOrigin.HOST),
     (0, Rule.NOT_A_DEVICE, "not a character device (char)")),
    (DeviceNode("/dev/x", "render", NodeKind.CHAR, 1, 3, None, 993, None, 0o666, (), None, False, NodeOrigin.HOST),
     (0, Rule.NOT_A_DEVICE, "not a character device (char)")),
    (DeviceNode("/dev/x", "render", NodeKind.CHAR, 1, 3, 0, None, None, 0o666, (), None, False, NodeOrigin.HOST),
     (0, Rule.NOT_A_DEVICE, "not a character device (char)")),
])
def test_nothing_to_open_grants_no_bit_even_to_root(target: DeviceNode, expected: Tuple[int, Rule, str]) -> None:
    for who in (ROOT, ALICE):
        assert permitted(target, who, 6) == expected
        assert permitted(target, who, 0) == expected


def test_partial_acl_listing_falls_back_on_the_mode() -> None:
    """An ACL read from a pasted listing may lack the mask and other entries: no mask limits
    nothing (posix_acl_permission goes straight to the entry's bits), and other comes from the mode."""
    entries = (A("user_obj", None, 6), A("user", 1000, 6), A("group_obj", None, 6))
    assert permitted(node(0o664, gid=104, entries=entries), view(), 6) == (6, Rule.ACL_USER, "ACL user:1000 (mask 7)")
    assert permitted(node(0o664, gid=104, entries=entries), view(uid=1001, gid=1001), 4) == (
        4, Rule.OTHER, "other (no ACL entry matches)")
    assert permitted(node(0o660, gid=104, entries=entries), view(uid=1001, gid=1001), 4) == (
        0, Rule.OTHER, "other (no ACL entry matches)")


def test_acl_other_entry_is_what_the_kernel_reads() -> None:
    """posix_acl_permission reads the ACL's own other entry, not the mode (the two agree on a real
    file system; a listing from elsewhere may not)."""
    entries = (A("user_obj", None, 6), A("group", 44, 6), A("group_obj", None, 6), A("mask", None, 6), A("other", None, 4))
    assert permitted(node(0o660, gid=104, entries=entries), view(uid=1001, gid=1001), 4) == (
        4, Rule.OTHER, "other (no ACL entry matches)")


# --- differential: our decision equals the kernel's on a real node --------------------------

perm_bits = st.integers(min_value=0, max_value=7)


@st.composite
def scenarios(draw):  # type: ignore[no-untyped-def]
    mode = draw(st.integers(min_value=0, max_value=0o777))
    owner = draw(st.sampled_from([0, 1000, 1001]))
    gid = draw(st.sampled_from([0, 44, 993]))
    named = []
    if draw(st.booleans()):
        if draw(st.booleans()):
            named.append(AclEntry("user", draw(st.sampled_from([1000, 1001])), draw(perm_bits)))
        if draw(st.booleans()):
            named.append(AclEntry("group", draw(st.sampled_from([44, 993, 2000])), draw(perm_bits)))
        if named:
            named.append(AclEntry("mask", None, draw(perm_bits)))
    uid = draw(st.sampled_from([1000, 1001]))
    groups = tuple(sorted(draw(st.sets(st.sampled_from([44, 993, 2000]), max_size=3))))
    needs = draw(st.sampled_from(["r", "rw"]))
    return mode, owner, gid, named, uid, groups, needs


def kernel_allows(path: str, uid: int, groups: Tuple[int, ...], needs: str) -> bool:
    """Open ``path`` as ``uid`` with exactly ``groups`` in a fresh process; the kernel decides."""
    redirect = 'exec 3<>"$1"' if needs == "rw" else 'exec 3<"$1"'
    group_arg = ["--groups=" + ",".join(map(str, groups))] if groups else ["--clear-groups"]
    result = subprocess.run(["setpriv", "--reuid={}".format(uid), "--regid={}".format(uid), *group_arg,
                             "/bin/sh", "-c", redirect, "sh", path], capture_output=True, timeout=20, check=False)
    assert result.returncode == 0 or b"Permission denied" in result.stderr, result.stderr
    return result.returncode == 0


@pytest.fixture(scope="module")
def open_dir():  # type: ignore[no-untyped-def]
    """A directory every uid may traverse (pytest's tmp_path is private to root)."""
    path = tempfile.mkdtemp(prefix="jga-access-")
    os.chmod(path, 0o711)  # noqa: S103 - other uids must traverse it to reach the node
    yield path
    shutil.rmtree(path)


@needs_root
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=scenarios())
def test_decision_matches_the_kernel(open_dir, case) -> None:  # type: ignore[no-untyped-def]
    mode, owner, gid, named, uid, groups, needs = case
    path = os.path.join(open_dir, "node")
    if os.path.lexists(path):
        os.unlink(path)
    os.mknod(path, 0o600 | 0o020000, os.makedev(1, 3))
    os.chown(path, owner, gid)
    os.chmod(path, mode)
    entries = full_acl(mode, named)
    if entries:
        os.setxattr(path, acl.XATTR, acl.encode(entries))
    observed = os.stat(path)
    probed = DeviceNode(path, "render", NodeKind.CHAR, 1, 3, observed.st_uid, observed.st_gid, None,
                        observed.st_mode & 0o7777, acl.decode(os.getxattr(path, acl.XATTR)) if entries else (),
                        None, False, NodeOrigin.HOST)
    ours = decide(probed, View(ViewKind.PROCESS, uid, uid, groups, "test"), needs).granted
    assert ours == kernel_allows(path, uid, groups, needs), (oct(mode), owner, gid, entries, uid, groups, needs)
