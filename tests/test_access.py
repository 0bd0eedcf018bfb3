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
from jetson_gpu_access.access import decide
from jetson_gpu_access.lab.profiles import full_acl
from jetson_gpu_access.model import AclEntry, DeviceNode, NodeKind, NodeOrigin, Rule, View, ViewKind
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
