"""Each rule of plan.py on diagnoses built in memory: what it adds, what it refuses and why.

The fix flow and the checklist (test_fix_flow.py, test_apply_checklist.py) run the real CLI on
scratch roots; these pin one rule at a time, in process, so mutation testing can judge them.
"""

from __future__ import annotations

import hashlib
from typing import Optional, Sequence, Tuple

import pytest

from jetson_gpu_access.diagnose import diagnose
from jetson_gpu_access.model import AnomalyCode, DeviceNode, Group, NodeKind, ProcessInfo, User
from jetson_gpu_access.plan import Action, ActionKind, Advice, AdviceStrategy, Alternative, Plan, Refusal, digest, make_plan
from jetson_gpu_access.plan import AlternativeKind as K
from test_rules_diagnose import ALICE, GROUPS, NVMAP, RENDER, ROOT_USER, anomaly, char, facts, platform, process

NOT_MEMBER = (Group("root", 0, ()), Group("video", 44, ("alice",)), Group("render", 993, ()), Group("alice", 1000, ()))


def group_text(groups: Sequence[Group]) -> str:
    return "".join("{}:x:{}:{}\n".format(g.name, g.gid, ",".join(g.members)) for g in groups)


def plan_for(devices: Sequence[DeviceNode] = (char(NVMAP, 44), char(RENDER, 993)), groups: Tuple[Group, ...] = NOT_MEMBER,
             text: Optional[str] = None, in_container: bool = True, raw: Optional[bytes] = None,
             **kwargs) -> Plan:  # type: ignore[no-untyped-def]
    """The plan for these facts, with /etc/group as ``raw`` bytes, else ``text``, else the groups' lines."""
    built = facts(devices=devices, groups=groups, in_container=in_container, **kwargs)
    if raw is None:
        raw = (group_text(groups) if text is None else text).encode()
    return make_plan(diagnose(built), raw)


def test_nothing_to_do_when_the_user_opens_everything() -> None:
    plan = plan_for(groups=GROUPS)
    assert (plan.actions, plan.refusals, plan.advice, plan.diff, plan.nothing_to_do) == ((), (), (), "", True)
    assert plan.group_after == group_text(GROUPS) and plan.group_sha256 == digest(group_text(GROUPS).encode())
    assert (plan.user, plan.uid, plan.in_container, plan.root) == ("alice", 1000, True, "/")


def test_joins_the_group_that_owns_the_node() -> None:
    plan = plan_for()
    assert plan.actions == (Action(ActionKind.ADD_MEMBER, "render", 993, None, "alice",
                                   "/dev/dri/renderD128 belongs to GID 993, which is 'render' here; logins get groups from /etc/group",
                                   "usermod -a -G render alice"),)
    assert plan.refusals == () and not plan.nothing_to_do
    assert plan.group_after == group_text(NOT_MEMBER).replace("render:x:993:\n", "render:x:993:alice\n")
    assert plan.diff == ("--- a/etc/group\n+++ b/etc/group\n@@ -1,4 +1,4 @@\n root:x:0:\n video:x:44:alice\n-render:x:993:\n"
                         "+render:x:993:alice\n alice:x:1000:\n")


def test_appends_to_existing_members() -> None:
    groups = NOT_MEMBER[:2] + (Group("render", 993, ("bob",)),)
    assert plan_for(groups=groups).group_after.splitlines()[2] == "render:x:993:bob,alice"


def test_advice_carries_the_same_memberships() -> None:
    """The PAM, runtime, image and entrypoint ways to the same groups as the actions, exactly when a
    membership is missing; a GID the plan refuses (2000: 'video' is 44, which nvmap needs) is left to
    the refusal's own alternatives."""
    plan = plan_for(devices=(char(NVMAP, 44), char(RENDER, 993), char("/dev/nvgpu/igpu0/ctrl", 2000, group=None)),
                    groups=NOT_MEMBER[:2] + (Group("render", 993, ()),))
    assert [a.command for a in plan.actions] == ["usermod -a -G render alice"]
    assert [r.gid for r in plan.refusals] == [2000]
    assert plan.advice == (
        Advice("pam_group", "# /etc/security/group.conf\n*;*;alice;Al0000-2400;render\n"
               "# /etc/pam.d/sshd, as its first auth line (the same line in /etc/pam.d/ of su, runuser, sudo -i / sudo -u "
               "and login for those paths):\nauth optional pam_group.so",
               "grants the groups by name at the PAM paths (SSH, su, runuser, sudo -i / sudo -u and login), not through "
               "gosu, su-exec, setpriv --init-groups, setpriv --clear-groups, s6-setuidgid, setuidgid, supervisord or "
               "docker exec; each group still needs its /etc/group line with the host's GID (the plan's first action)"),
        Advice("runtime", "docker run --group-add 993 ...",
               "numeric GIDs reach the container's main process, but SSH, su, runuser, sudo -i / sudo -u, login, gosu, "
               "su-exec, setpriv --init-groups, setpriv --clear-groups, s6-setuidgid, setuidgid and supervisord rebuild "
               "the groups from /etc/group (or keep one) and drop them (and podman exec -u does not get them)"),
        Advice("image", "RUN usermod -a -G render alice   # GID 993 is 'render' in this image\n",
               "binds the image to hosts whose node GIDs are exactly these; another host needs a rebuild"),
        Advice("entrypoint", "jetson-gpu-access entrypoint --print > jga-entrypoint   # copy it into the image, then:\n"
               "ENTRYPOINT [\"/usr/local/bin/jga-entrypoint\"]   # with ENV JGA_USER=alice",
               "aligns the image's groups with the nodes present at every container start; the container must start as root"),
    )
    assert plan_for(groups=GROUPS).advice == ()


def test_gpu_group_name_for_a_role_without_one() -> None:
    plan = plan_for(devices=(char(NVMAP, 44), char(RENDER, 993), char("/dev/nvidia0", 2000, group=None)), groups=GROUPS,
                    plat=platform("38.2.0"))
    assert [a.command for a in plan.actions] == ["groupadd -g 2000 gpu2000", "usermod -a -G gpu2000 alice"]
    image = next(a for a in plan.advice if a.strategy == "image")
    assert image.text.splitlines() == [
        "ARG GPU2000_GID   # docker build --build-arg GPU2000_GID=$(stat -c %g NODE) (NODE on the target host)",
        'RUN groupadd -g "$GPU2000_GID" gpu2000 && usermod -a -G gpu2000 alice']


def test_creates_a_group_for_a_nameless_gid() -> None:
    groups = NOT_MEMBER[:2] + (Group("alice", 1000, ()),)
    plan = plan_for(devices=(char(NVMAP, 44), char(RENDER, 993, group=None)), groups=groups)
    assert plan.actions == (
        Action(ActionKind.CREATE_GROUP, "render", 993, None, None, "/dev/dri/renderD128 belongs to GID 993, which has no name here",
               "groupadd -g 993 render"),
        Action(ActionKind.ADD_MEMBER, "render", 993, None, "alice",
               "/dev/dri/renderD128 belongs to GID 993; logins get groups from /etc/group", "usermod -a -G render alice"))
    assert plan.group_after.endswith("alice:x:1000:\nrender:x:993:alice\n")


def test_new_groups_go_before_nis_compat_entries() -> None:
    groups = NOT_MEMBER[:2]
    text = group_text(groups) + "+:::\n-@netgroup\n"
    plan = plan_for(devices=(char(NVMAP, 44), char(RENDER, 993, group=None)), groups=groups, text=text)
    assert plan.group_after == "root:x:0:\nvideo:x:44:alice\nrender:x:993:alice\n+:::\n-@netgroup\n"
    empty = plan_for(devices=(char(NVMAP, 44, group=None), char(RENDER, 993, group=None)), groups=(), text="")
    assert empty.group_after == "video:x:44:alice\nrender:x:993:alice\n"


def test_renumbers_only_inside_a_container() -> None:
    groups = NOT_MEMBER[:2] + (Group("render", 109, ()), Group("alice", 1000, ()))
    devices = (char(NVMAP, 44), char(RENDER, 993, group=None))
    plan = plan_for(devices=devices, groups=groups)
    assert plan.actions == (
        Action(ActionKind.RENUMBER_GROUP, "render", 993, 109, None,
               "group 'render' is GID 109 in this container but /dev/dri/renderD128 belongs to GID 993", "groupmod -g 993 render"),
        Action(ActionKind.ADD_MEMBER, "render", 993, None, "alice",
               "/dev/dri/renderD128 belongs to GID 993; logins get groups from /etc/group", "usermod -a -G render alice"))
    assert plan.group_after.splitlines()[2] == "render:x:993:alice"
    host = plan_for(devices=devices, groups=groups, in_container=False)
    assert host.actions == () and host.refusals == (Refusal(
        RENDER, 993, "group 'render' is GID 109 on this host but /dev/dri/renderD128 belongs to GID 993; renumbering a host's "
        "system group is refused (files keep the old number)",
        (Alternative(K.HOST_NODE, "find out why the node's GID differs from the host's 'render' group (udev rules)"),)),)
    members = plan_for(devices=devices, groups=NOT_MEMBER[:2] + (Group("render", 109, ("alice",)),))
    assert [a.kind for a in members.actions] == [ActionKind.RENUMBER_GROUP]  # a renumbered group keeps its members
    assert members.group_after.splitlines()[2] == "render:x:993:alice"


def test_never_renumbers_a_primary_group() -> None:
    groups = NOT_MEMBER[:2] + (Group("render", 109, ()), Group("alice", 1000, ()))
    users = (ROOT_USER, ALICE, User("svc", 998, 109, "/", "/bin/sh"))
    plan = plan_for(devices=(char(NVMAP, 44), char(RENDER, 993, group=None)), groups=groups, users=users)
    assert plan.actions == () and plan.refusals == (Refusal(
        RENDER, 993, "group 'render' (GID 109) is some user's primary group; renumbering it would change that user",
        (Alternative(K.REBUILD_IMAGE, "rebuild the image with 'render' created as GID 993"),)),)


def test_never_joins_a_sensitive_group() -> None:
    groups = (Group("video", 44, ("alice",)), Group("sudo", 993, ()))
    plan = plan_for(devices=(char(NVMAP, 44), char(RENDER, 993, group="sudo")), groups=groups)
    assert plan.actions == () and plan.refusals == (Refusal(
        RENDER, 993, "GID 993 is the sensitive group 'sudo' here (may run any command as root (Debian, Ubuntu)); "
        "joining it would grant far more than the GPU",
        (Alternative(K.GROUP_ADD, "docker run --group-add 993 for the container's main process (logins, su and gosu drop it)"),
         Alternative(K.RENUMBER_IMAGE_GROUP,
                     "renumber 'sudo' in the image (groupmod -g NEW sudo) so the host's GID is free, then plan again"))),)


@pytest.mark.parametrize("name", ["incus-admin", "microk8s", "ssl-cert"])
def test_never_joins_a_group_that_controls_a_container_manager_or_reads_tls_keys(name: str) -> None:
    groups = (Group("video", 44, ("alice",)), Group(name, 993, ()))
    plan = plan_for(devices=(char(NVMAP, 44), char(RENDER, 993, group=name)), groups=groups)
    assert plan.actions == () and "sensitive group '{}'".format(name) in plan.refusals[0].reason


@pytest.mark.parametrize("name", ["render,sudo", "render sudo", "render+sudo", "r\u00e9nder", "render;sudo", "x" * 33, "1render"])
def test_a_group_name_the_tools_would_not_read_as_one_name_is_refused_with_no_advice(name: str) -> None:
    """usermod -G, pam_group's group.conf and the Dockerfile line all split 'render,sudo' into render and sudo: a
    node's group with a name the account tools do not take as one name is refused, never planned or advised."""
    groups = (Group("video", 44, ("alice",)), Group(name, 993, ()), Group("render", 500, ()), Group("sudo", 27, ()))
    plan = plan_for(devices=(char(NVMAP, 44), char(RENDER, 993, group=name)), groups=groups)
    assert plan.actions == () and plan.advice == () and plan.diff == ""
    (refusal,) = plan.refusals
    assert (refusal.path, refusal.gid) == (RENDER, 993) and repr(name) in refusal.reason
    assert [a.kind for a in refusal.instead] == [K.REPAIR_GROUP_FILE, K.GROUP_ADD]
    assert all("sudo" not in a.text for a in refusal.instead)


@pytest.mark.parametrize("name", ["al;ice", "alice render", "al*ice", "al|ice", "-alice"])
def test_a_user_name_the_tools_would_not_read_as_one_name_gets_no_advice(name: str) -> None:
    """The advice is pasted into group.conf, a Dockerfile and a shell: a user name they would split or read as
    something else (';', '*', '|', a blank, a leading '-') is in none of them."""
    user = User(name, 1000, 1000, "/home/x", "/bin/bash")
    groups = (Group("video", 44, (name,)), Group("render", 993, ()))
    plan = plan_for(groups=groups, user=user, users=(ROOT_USER, user))
    assert plan.advice == ()


@pytest.mark.parametrize(("ssh", "launcher"), [(True, "sshd"), (False, "su"), (False, "supervisord")])
def test_no_run_time_advice_for_a_session_that_rebuilds_its_groups(ssh: bool, launcher: str) -> None:
    """--group-add reaches the main process only: a user seen in an SSH, su or supervisord session (a launcher
    the privilege-drop table says rebuilds groups) would not get the GIDs, so that advice is not listed for them."""
    seen = ProcessInfo("42", 1000, 1000, (44, 1000), ssh, None, None, launcher)
    strategies = [a.strategy for a in plan_for(process=seen).advice]
    assert AdviceStrategy.RUNTIME not in strategies and AdviceStrategy.PAM_GROUP in strategies
    main = [a.strategy for a in plan_for(process=process((44, 1000))).advice]  # the container's own first process
    assert AdviceStrategy.RUNTIME in main


def test_group_bits_must_grant_what_the_node_needs() -> None:
    """Membership cannot help when the group bits lack a bit the driver needs: write as well as read."""
    plan = plan_for(devices=(char(NVMAP, 44), char(RENDER, 993, mode=0o640)))
    assert plan.actions == () and plan.refusals == (Refusal(
        RENDER, 993, "/dev/dri/renderD128 is mode 0640: its group bits do not grant rw",
        (Alternative(K.HOST_NODE, "restore L4T's udev rules (root:video 0660) where the node is created; never chmod it "
                     "to 0666"),)),)
    no_read = plan_for(devices=(char(NVMAP, 44), char(RENDER, 993, mode=0o620)))
    assert no_read.refusals[0].reason == "/dev/dri/renderD128 is mode 0620: its group bits do not grant rw"
    # where read is all the driver needs (nvmap on R38), read-only group bits are enough
    thor = plan_for(devices=(char(NVMAP, 44, mode=0o440), char(RENDER, 993)),
                    groups=(Group("video", 44, ()), Group("render", 993, ("alice",))),
                    plat=platform("38.2.0"))
    assert ([a.command for a in thor.actions], thor.refusals) == (["usermod -a -G video alice"], ())
    thor_0600 = plan_for(devices=(char(NVMAP, 44, mode=0o600), char(RENDER, 993)), groups=GROUPS, plat=platform("38.2.0"))
    assert thor_0600.refusals[0].reason == "/dev/nvmap is mode 0600: its group bits do not grant r"


def test_nodes_groups_cannot_fix() -> None:
    cases = [
        (char(RENDER, 993, kind=NodeKind.REGULAR), "/dev/dri/renderD128 is not a character device; nothing to do with groups",
         Alternative(K.RECREATE_NODE, "let udev or the container runtime recreate the node")),
        (char(RENDER, 993, nodev=True), "/dev/dri/renderD128 is on a nodev mount: the kernel refuses everyone",
         Alternative(K.NODE_MOUNT, "provide the node on a mount without nodev (the runtime's /dev, or --device)")),
        (char(RENDER, 0), "/dev/dri/renderD128 belongs to group 0 (root): joining the root group is never a fix",
         Alternative(K.HOST_NODE, "restore the vendor udev rules so the node belongs to video or render")),
        (char(RENDER, 65534, group=None), "/dev/dri/renderD128 shows GID 65534: the host GID is unmapped in this user namespace",
         Alternative(K.ROOTFUL, "run the container rootful, so that the host's GIDs are mapped")),
    ]
    for node, reason, instead in cases:
        plan = plan_for(devices=(char(NVMAP, 44), node))
        assert [r for r in plan.refusals if r.path == RENDER] == [Refusal(RENDER, node.gid, reason, (instead,))]
        assert plan.actions == ()


def test_missing_nodes_are_refused_with_the_findings_remedy() -> None:
    plan = plan_for(devices=(char(NVMAP, 44),))
    assert plan.refusals == (Refusal("/dev/dri/renderD*", None, "the node is not present here, so no group change can help",
                                     (Alternative(K.PROVIDE_NODE, diagnose(facts(
                                         devices=(char(NVMAP, 44),), groups=NOT_MEMBER, in_container=True)).findings[0].remedy),)),)
    unknown = plan_for(devices=(char(NVMAP, 44),), plat=platform(None))  # a warning only: nothing to refuse
    assert unknown.refusals == ()


def test_account_files_needing_repair_block_every_change() -> None:
    for code, text in ((AnomalyCode.CRLF, "/etc/group: CRLF line endings; glibc keeps the CR in the last field"),
                       (AnomalyCode.DUPLICATE_NAME, "/etc/group: name render appears 2 times (GID 993, 994)"),
                       (AnomalyCode.DUPLICATE_ID, "/etc/group: GID 44 is shared by video, video2"),
                       (AnomalyCode.SEVERAL_ROOTS, "/etc/passwd: several accounts have UID 0: root, toor")):
        plan = plan_for(anomalies=(anomaly(code, text),))
        assert plan.actions == () and plan.refusals == (Refusal(
            "/etc/group", None, "the account files need repair first: " + text,
            (Alternative(K.REPAIR_GROUP_FILE, "repair the listed lines (grpck, pwck or by hand), then plan again"),)),)
    two = plan_for(anomalies=(anomaly(AnomalyCode.DUPLICATE_ID, "/etc/group: GID 44 is shared by video, video2"),
                              anomaly(AnomalyCode.DUPLICATE_ID, "/etc/passwd: UID 0 is shared by root, toor")))
    assert two.refusals[0].reason == ("the account files need repair first: /etc/group: GID 44 is shared by video, video2; "
                                      "/etc/passwd: UID 0 is shared by root, toor")
    harmless = plan_for(anomalies=(anomaly(AnomalyCode.MALFORMED, "/etc/group line 3: malformed, skipped by glibc"),))
    assert [a.command for a in harmless.actions] == ["usermod -a -G render alice"]


def test_account_files_needing_repair_do_not_refuse_a_plan_with_nothing_to_change() -> None:
    """The repair is DB-001's business: where the user already opens every node, the plan says
    "nothing to do" (with a note for later edits) rather than refusing a change nobody needs."""
    text = "/etc/group: name render appears 2 times (GID 993, 994)"
    plan = plan_for(groups=GROUPS, anomalies=(anomaly(AnomalyCode.DUPLICATE_NAME, text),))
    assert plan.nothing_to_do and plan.actions == () and plan.refusals == ()
    assert plan.notes == ("no change is needed, but any later edit of /etc/group waits for a repair: " + text,)


def test_root_and_optional_nodes_need_nothing() -> None:
    assert plan_for(user=ROOT_USER).actions == ()
    # even a node root cannot open (nodev) is no group matter for root
    assert plan_for(devices=(char(NVMAP, 44), char(RENDER, 993, nodev=True)), user=ROOT_USER).nothing_to_do
    card = char("/dev/dri/card0", 2000, group=None, mode=0o600)
    optional = plan_for(devices=(char(NVMAP, 44), char(RENDER, 993), card), groups=GROUPS)
    assert optional.nothing_to_do
    optional_first = plan_for(devices=(card, char(NVMAP, 44), char(RENDER, 993)))
    assert [a.command for a in optional_first.actions] == ["usermod -a -G render alice"]


def test_a_login_that_works_needs_only_a_new_session() -> None:
    plan = plan_for(groups=GROUPS, process=process((44,)))
    assert (plan.actions, plan.refusals) == ((), ())
    assert plan.notes == ("/dev/dri/renderD128 opens for a new login but not for the running process 42: log in again or "
                          "restart the container",)
    assert plan_for(groups=GROUPS, process=process((44, 993))).notes == ()


def test_a_refused_gid_does_not_stop_the_next_one() -> None:
    nvgpu = char("/dev/nvgpu/igpu0/ctrl", 27, group="sudo")
    sensitive = plan_for(devices=(char(NVMAP, 44), nvgpu, char(RENDER, 993)), groups=NOT_MEMBER + (Group("sudo", 27, ()),))
    assert ([r.gid for r in sensitive.refusals], [a.command for a in sensitive.actions]) == ([27], ["usermod -a -G render alice"])
    renumber = (char(NVMAP, 44), char("/dev/nvgpu/igpu0/ctrl", 40, group=None), char(RENDER, 993))
    host = plan_for(devices=renumber, in_container=False)
    assert ([r.gid for r in host.refusals], [a.command for a in host.actions]) == ([40], ["usermod -a -G render alice"])
    users = (ROOT_USER, ALICE, User("svc", 998, 44, "/", "/bin/sh"))
    primary = plan_for(devices=renumber, users=users)
    assert ([r.gid for r in primary.refusals], [a.command for a in primary.actions]) == ([40], ["usermod -a -G render alice"])
    listed = plan_for(devices=(char(NVMAP, 40, group=None), char("/dev/nvgpu/igpu0/ctrl", 40, group=None),
                               char(RENDER, 2000, group=None)),
                      groups=(Group("video", 30, ("alice",)), Group("alice", 1000, ())))
    assert [a.command for a in listed.actions] == ["groupmod -g 40 video", "groupadd -g 2000 render", "usermod -a -G render alice"]


def test_the_group_text_is_kept_as_it_is_read() -> None:
    """Comments and a missing final newline survive; nothing to do leaves the text byte for byte."""
    text = "# local groups\nroot:x:0:\nvideo:x:44:alice\nrender:x:993:alice"
    kept = plan_for(groups=GROUPS, text=text)
    assert (kept.group_after, kept.diff) == (text, "")
    changed = plan_for(text="# local groups\nroot:x:0:\nvideo:x:44:alice\nrender:x:993:")
    assert changed.group_after.splitlines() == ["# local groups", "root:x:0:", "video:x:44:alice", "render:x:993:alice"]
    nis_only = plan_for(devices=(char(NVMAP, 44, group=None), char(RENDER, 993, group=None)), groups=(), text="+:::\n")
    assert nis_only.group_after == "video:x:44:alice\nrender:x:993:alice\n+:::\n"


def test_digest_is_over_the_bytes_read() -> None:
    text = "root:x:0:\nvideo:x:44:alice\nrender:x:993:alice\n# caf\udce9\n"
    raw = text.encode("utf-8", "surrogateescape")
    assert plan_for(groups=GROUPS, raw=raw).group_sha256 == hashlib.sha256(raw).hexdigest()


def test_a_plan_needs_a_user() -> None:
    with pytest.raises(ValueError, match=r"^a plan needs a target user$"):
        make_plan(diagnose(facts(user=None)), b"")


def test_one_gid_needed_by_several_nodes_is_joined_once() -> None:
    plan = plan_for(devices=(char(NVMAP, 44), char(RENDER, 993), char("/dev/dri/renderD129", 993)))
    assert [a.command for a in plan.actions] == ["usermod -a -G render alice"]


def test_a_group_file_read_only_up_to_the_cap_is_refused_not_diffed() -> None:
    """A /etc/group longer than the reader's cap has no exact diff (the cut text's would be wrong), and apply could not
    check its steps: the plan refuses it, naming the cap, instead of planning from part of the file."""
    from jetson_gpu_access.model import Facts, PartialRead
    from jetson_gpu_access.record import fields_of

    built = facts(devices=(char(NVMAP, 44), char(RENDER, 993)), groups=NOT_MEMBER, in_container=True)
    cut = Facts(**dict({name: getattr(built, name) for name in fields_of(built)},
                       partial_reads=(PartialRead("/etc/group", "truncated", "read the first 64 MiB of 69 MiB"),)))
    plan = make_plan(diagnose(cut), group_text(NOT_MEMBER).encode())
    assert plan.actions == () and [r.path for r in plan.refusals] == ["/etc/group"], plan
    assert "read the first 64 MiB of 69 MiB" in plan.refusals[0].reason and "64 MiB" in plan.refusals[0].instead_text[0]
