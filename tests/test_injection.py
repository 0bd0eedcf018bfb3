"""Injection path, toolkit band and launch anti-patterns in the diagnosis; the toolkit-upgrade preview
checked against the lab.

The band table (data/toolkit.json) is the one source: the band profiles are generated from it and
must not drift; each band and path profile's diagnosis names its band and path; and every
"survives" (and "breaks") verdict of ``plan --toolkit`` is checked by remaking the container's nodes
as the target band makes them, with real character devices, and opening each node as the session's
credentials: the kernel is the oracle.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Dict, Tuple

import pytest

from conftest import needs_root
from jetson_gpu_access import data, toolkit
from jetson_gpu_access.diagnose import diagnose
from jetson_gpu_access.lab import bands, profiles, scratch
from jetson_gpu_access.model import DriverStack, InjectionPath, Requirement
from jetson_gpu_access.probe import probe
from jetson_gpu_access.probe.runtime import entrypoint_drops, parse_spec, toolkit_mode
from jetson_gpu_access.report import render_text
from jetson_gpu_access.rootfs import RootFS
from jetson_gpu_access.upgrade import PreviewError, preview

# --- the band table --------------------------------------------------------------------------


@pytest.mark.parametrize(("version", "band"), [
    ("1.11.0", "1.11"), ("1.12.0", "1.12-1.18.1"), ("1.14.5-1", "1.12-1.18.1"), ("1.16.2-1", "1.12-1.18.1"),
    ("1.18.0~rc.1", "1.12-1.18.1"), ("1.18.1", "1.12-1.18.1"), ("1.18.2-1", "1.18.2"), ("1.19.0", "1.19.0"),
    ("1.19.1", "1.19.1+"), ("1.20.0", "1.19.1+"), ("1:1.19.1-1", "1.19.1+"),
])
def test_every_version_falls_in_its_band(version: str, band: str) -> None:
    found = toolkit.band_for(version)
    assert found is not None and found.id == band


def test_every_band_is_labelled_inferred_with_a_source() -> None:
    for band in toolkit.bands():
        assert band.certainty == "INFERRED" and band.source


def test_band_profiles_are_generated_from_the_data() -> None:
    for name in bands.BAND_PROFILES:
        path = os.path.join(profiles.PROFILE_DIR, name + ".json")
        with open(path, encoding="utf-8") as handle:
            assert handle.read() == profiles.dump(bands.band_profile(name)), \
                "{} drifted: python -m jetson_gpu_access.lab.bands --write".format(name)
        arrival = bands.BAND_PROFILES[name][2]
        inferred = arrival == "created" or toolkit.path_row(arrival)["certainty"] == "INFERRED"
        assumptions = " ".join(profiles.load(name).raw["assumptions"])
        assert ("INFERRED" in assumptions) == inferred, name


def test_every_generated_title_reads_without_a_doubled_word() -> None:
    """A band profile's title joins a band's label and a path's label: neither may repeat the word the other ends
    with (a listing's 'root root' is owner and group, so hand-written titles are not held to this), and a label
    put after the title's own colon holds none of its own ("GPU nodes: --privileged: …")."""
    for name in bands.BAND_PROFILES:
        title = bands.band_profile(name)["title"]
        assert not re.search(r"\b(\w+) \1\b", title, re.I), (name, title)
        assert all(clause.count(": ") <= 1 for clause in title.split("; ")), (name, title)


# --- evidence readers ------------------------------------------------------------------------

PATH_ONLY = """cdiVersion: 0.5.0
kind: nvidia.com/gpu
devices:
- name: all
  containerEdits:
    deviceNodes:
    - path: /dev/nvmap
    - path: /dev/dri/renderD128
    hooks:
    - hookName: createContainer
      path: /usr/bin/nvidia-cdi-hook
"""
WITH_GIDS = """cdiVersion: 1.1.0
kind: nvidia.com/gpu
devices:
- name: all
  containerEdits:
    deviceNodes:
    - path: /dev/dri/renderD128
      fileMode: 0660
      gid: 995
    additionalGids:
    - 995
    - 44
"""


def test_a_path_only_spec_has_nodes_without_mode_and_no_hook_is_a_node() -> None:
    spec = parse_spec(PATH_ONLY, "/etc/cdi/nvidia.yaml")
    assert [(n.path, n.mode, n.gid) for n in spec.nodes] == [("/dev/nvmap", None, None), ("/dev/dri/renderD128", None, None)]
    assert spec.additional_gids == ()


def test_a_newer_spec_has_mode_gid_and_additional_gids() -> None:
    spec = parse_spec(WITH_GIDS, "/etc/cdi/nvidia.yaml")
    assert [(n.path, n.mode, n.gid) for n in spec.nodes] == [("/dev/dri/renderD128", 0o660, 995)]
    assert spec.additional_gids == (44, 995)
    inline = parse_spec('{"devices": [{"containerEdits": {"additionalGids": [993]}}]}', "x.json")
    assert inline.additional_gids == (993,)


def test_toolkit_mode_is_read_from_its_table_only() -> None:
    text = '[nvidia-container-cli]\nmode = "nope"\n[nvidia-container-runtime]\n# mode = "cdi"\nmode = "csv"\n'
    assert toolkit_mode(text) == "csv"
    assert toolkit_mode("[other]\nmode = \"cdi\"\n") is None


# --- each band and path, diagnosed -----------------------------------------------------------

# profile -> (path, band (None: not settled here), band candidates, anti-pattern findings expected)
BAND_EXPECTED = {
    "tk111-created": (InjectionPath.CREATED, "1.11", set()),
    "tk116-created": (InjectionPath.CREATED, "1.12-1.18.1", {"SEC-002"}),
    "tk116-created-prepared": (InjectionPath.CREATED, "1.12-1.18.1", {"SEC-002"}),
    "tk116-created-as-user": (InjectionPath.CREATED, "1.12-1.18.1", {"SEC-002", "LNC-002"}),
    "tk1182-created": (InjectionPath.CREATED, "1.18.2", {"TKT-003"}),
    "tk1190-created": (InjectionPath.CREATED, None, set()),
    "tk1190-created-prepared": (InjectionPath.CREATED, None, set()),
    "tk1191-created": (InjectionPath.CREATED, "1.19.1+", set()),
    "tk1191-created-as-user": (InjectionPath.CREATED, "1.19.1+", {"LNC-002"}),
    "tk116-host-dev": (InjectionPath.HOST_DEV, None, {"SEC-004"}),
    "tk116-privileged": (InjectionPath.PRIVILEGED, None, {"SEC-003"}),
    "tk116-bind-mounted": (InjectionPath.BIND_MOUNTED, None, set()),
    "jp623-tk116-created": (InjectionPath.CREATED, "1.12-1.18.1", {"SEC-002"}),
    "jp70-thor-tk118rc1-created": (InjectionPath.CREATED, "1.12-1.18.1", {"SEC-002"}),
    "jp71-thor-tk118-created": (InjectionPath.CREATED, "1.12-1.18.1", {"SEC-002"}),
    "jp71-thor-tk1190-created": (InjectionPath.CREATED, None, set()),
    "jp72-orin-tk1191-created": (InjectionPath.CREATED, "1.19.1+", set()),
}
DRIVERS = {name: DriverStack.OPENRM for name in ("jp70-thor-tk118rc1-created", "jp71-thor-tk118-created",
                                                 "jp71-thor-tk1190-created")}
ANTI = ("SEC-", "LNC-", "TKT-003")


def test_every_band_profile_has_an_expectation() -> None:
    assert set(BAND_EXPECTED) == set(bands.BAND_PROFILES)


@pytest.mark.parametrize("name", sorted(BAND_EXPECTED))
def test_the_diagnosis_names_band_and_path(diagnose_profile, name: str) -> None:  # type: ignore[no-untyped-def]
    diagnosis = diagnose_profile(name)
    path, band, anti = BAND_EXPECTED[name]
    found = diagnosis.injection
    assert found is not None and found.path is path and found.band == band
    assert found.driver is DRIVERS.get(name, DriverStack.NVGPU)
    if band is None and path is InjectionPath.CREATED:
        assert set(found.candidates) == {"1.19.0", "1.19.1+"}
        assert found.host_check.startswith("cannot tell from inside; run on the host: dpkg -l nvidia-container-toolkit")
    if band is not None:
        assert found.certainty == "INFERRED"
    assert {f.code for f in diagnosis.findings if f.code.startswith(ANTI)} == anti


def test_a_host_reads_its_band_from_dpkg(diagnose_profile) -> None:  # type: ignore[no-untyped-def]
    found = diagnose_profile("jp61-host").injection
    assert found.path is InjectionPath.HOST and found.band == "1.12-1.18.1"
    assert "nvidia-container-toolkit 1.16.2-1 (dpkg status)" in found.evidence


def test_group_add_alone_is_not_read_as_added_gids(diagnose_profile) -> None:  # type: ignore[no-untyped-def]
    """--group-add 993 on a root-started container must not pass for toolkit 1.19.1's added GIDs."""
    found = diagnose_profile("jp61-container-group-add").injection
    assert found.band is None and "1.19.0" in found.candidates


# --- the upgrade preview, checked by the lab -------------------------------------------------


def _kernel_opens(path: str, uid: int, gid: int, groups: Tuple[int, ...], needs: str) -> bool:
    redirect = 'exec 3<>"$1"' if needs == "rw" else 'exec 3<"$1"'
    group_arg = ["--groups=" + ",".join(map(str, groups))] if groups else ["--clear-groups"]
    result = subprocess.run(["setpriv", "--reuid={}".format(uid), "--regid={}".format(gid), *group_arg,
                             "/bin/sh", "-c", redirect, "sh", path], capture_output=True, timeout=20, check=False)
    assert result.returncode == 0 or b"Permission denied" in result.stderr, result.stderr
    return result.returncode == 0


CASES = [(name, version) for name in sorted(bands.BAND_PROFILES) for version in toolkit.upgrade_targets()]


def opened_after_upgrade(name: str, version: str, directory: str) -> Dict[str, Dict[str, bool]]:
    """The kernel's answer after upgrading profile ``name`` to toolkit ``version``: for each view the
    preview judges ("login", and "main process" when the container starts as the user), whether the
    session user opens each node CUDA needs, remade as the target band makes it (real nodes)."""
    profile = profiles.load(name)
    now, later = os.path.join(directory, "now-" + version), os.path.join(directory, "later-" + version)
    os.mkdir(now)
    os.mkdir(later)
    diagnosis = diagnose(probe(scratch.materialise(profile, now)))
    target = toolkit.band_for(version)
    assert target is not None
    upgraded = profiles.from_document(bands.with_band(profile.raw, target), name, "upgraded")
    scratch.materialise(upgraded, later)
    user = profile.session_user
    needed = {a.path: a.needs for a in diagnosis.nodes if a.requirement is not Requirement.OPTIONAL}
    views = {"login": upgraded.credentials(user, "ssh")}
    init = diagnosis.facts.runtime.init
    if init is not None and diagnosis.facts.user is not None and init.uid == diagnosis.facts.user.uid:
        views["main process"] = upgraded.main_credentials()
    return {view: {path: _kernel_opens(os.path.join(later, path.lstrip("/")), who.uid, who.gid, who.groups, needs)
                   for path, needs in needed.items() if os.path.exists(os.path.join(later, path.lstrip("/")))}
            for view, who in views.items()}


@needs_root
@pytest.mark.parametrize(("name", "version"), CASES)
def test_every_preview_verdict_holds_in_the_lab(open_dir: str, name: str, version: str) -> None:
    """A "survives" the lab does not confirm is a failing test, and so is a "breaks" it does not."""
    profile = profiles.load(name)
    now = os.path.join(open_dir, "now")
    os.mkdir(now)
    diagnosis = diagnose(probe(scratch.materialise(profile, now)))
    result = preview(diagnosis, version, {"render": profile.raw["devices"]["gids"]["render"]})
    lab = opened_after_upgrade(name, version, open_dir)
    assert sorted(lab) == sorted(v.view for v in result.views), (name, version)
    for view in result.views:
        opened = lab[view.view]
        assert set(opened) == {n.path for n in result.nodes}, (name, version, view.view)
        assert view.survives is not None, (name, version, view)
        if view.survives:
            assert all(opened.values()), (name, version, view.view, opened)
        else:
            assert set(view.denied) == {p for p, ok in opened.items() if not ok}, (name, version, view.view, opened)


def test_the_preview_has_both_verdicts_and_names_the_sessions(diagnose_profile) -> None:  # type: ignore[no-untyped-def]
    plain = diagnose_profile("tk116-created")
    prepared = diagnose_profile("tk116-created-prepared")
    assert preview(plain, "1.19.1", {"render": 995}).views[0].survives is False
    assert preview(prepared, "1.19.1", {"render": 995}).views[0].survives is True
    assert preview(prepared, "1.18.2", {"render": 995}).views[0].survives is False   # GID 0: only root
    unknown = preview(prepared, "1.19.0")   # the host's render GID is not visible in a 0666 container
    assert unknown.views[0].survives is None and "/dev/dri/renderD128" in unknown.views[0].unknown
    assert "gosu USER" in unknown.views[0].sessions and "su-exec USER" in unknown.views[0].sessions


def test_a_container_started_as_the_user_keeps_access_as_owner(diagnose_profile) -> None:  # type: ignore[no-untyped-def]
    result = preview(diagnose_profile("tk116-created-as-user"), "1.18.2", {"render": 995})
    assert [v.survives for v in result.views] == [True, True]
    assert any("owner" in note for note in result.notes)


def test_a_non_version_is_a_usage_error(diagnose_profile) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PreviewError, match="not a toolkit version"):
        preview(diagnose_profile("tk116-created"), "latest")


# --- anti-patterns and sessions --------------------------------------------------------------


def test_root_without_pid_names_the_sessions_it_did_not_look_at(scratch_root) -> None:  # type: ignore[no-untyped-def]
    root = scratch_root("jp61-container-group-add", user="root", via="ssh")
    for pid, env in (("4242", b"SSH_CONNECTION=10.0.0.2 5000 10.0.0.1 22\0"), ("4300", b"HOME=/home/alice\0")):
        os.makedirs(os.path.join(root, "proc", pid))
        with open(os.path.join(root, "proc", pid, "status"), "w", encoding="utf-8") as handle:
            handle.write("Name:\tbash\nUid:\t1000\t1000\t1000\t1000\nGid:\t1000\t1000\t1000\t1000\nGroups:\t44 993 1000\n")
        with open(os.path.join(root, "proc", pid, "environ"), "wb") as handle:
            handle.write(env)
    diagnosis = diagnose(probe(root, "alice"))
    assert [p.pid for p in diagnosis.facts.sessions] == ["4242", "4300"]
    finding = next(f for f in diagnosis.findings if f.code == "SES-001")
    assert "4242, 4300" in finding.title and finding.remedy.endswith("diagnose --pid 4242.")
    assert any("SSH session" in line for line in finding.evidence)
    with_pid = diagnose(probe(root, None, 4242))
    assert not any(f.code == "SES-001" for f in with_pid.findings)


def test_world_writable_host_nodes_are_repaired_membership_first(scratch_root) -> None:  # type: ignore[no-untyped-def]
    from jetson_gpu_access.plan import make_plan

    root = scratch_root("jp62-host-chmod666")
    diagnosis = diagnose(probe(root))
    sec = next(f for f in diagnosis.findings if f.code == "SEC-001")
    assert "works" in sec.title and "unsafe" in sec.title and "/dev/dri/renderD128" in sec.subject.paths
    with open(os.path.join(root, "etc/group"), "rb") as handle:
        plan = make_plan(diagnosis, handle.read())
    assert [a.command for a in plan.actions] == ["usermod -a -G render alice"]
    assert any("restore the vendor mode" in n and "after this plan is applied" in n for n in plan.notes)
    assert plan.advice == ()  # a host gets no docker run, Dockerfile or entrypoint advice
    assert not any("chmod" in a.command for a in plan.actions)


def test_a_numeric_uid_gid_launch_is_named_not_blamed_on_a_late_membership(diagnose_profile) -> None:  # type: ignore[no-untyped-def]
    codes = {f.code for f in diagnose_profile("jp62-podman-uid-gid").findings}
    assert {"LNC-001", "ENG-001"} <= codes and "GRP-005" not in codes


def test_podman_exec_does_not_get_group_add_but_docker_exec_does() -> None:
    podman = profiles.load("jp62-podman-uid-gid")
    docker = profiles.from_document(dict(podman.raw, container=dict(podman.raw["container"], engine="docker",
                                                                     user=None)), "d", "test")
    podman_named = profiles.from_document(dict(podman.raw, container=dict(podman.raw["container"], user=None)),
                                          "p", "test")
    assert 995 in docker.credentials("alice", "exec").groups        # docker exec -u alice: reported to add them
    assert 995 not in podman_named.credentials("alice", "exec").groups  # podman exec -u alice: observed not to
    assert podman.main_credentials().groups == (995, 1000)          # -u 1000:1000: that GID and --group-add only


def test_band_1182_refusal_points_at_the_toolkit_not_udev(scratch_root) -> None:  # type: ignore[no-untyped-def]
    from jetson_gpu_access.plan import make_plan

    root = scratch_root("tk1182-created")
    diagnosis = diagnose(probe(root))
    with open(os.path.join(root, "etc/group"), "rb") as handle:
        plan = make_plan(diagnosis, handle.read())
    assert plan.refusals and all("udev" not in " ".join(r.instead_text) for r in plan.refusals)
    assert any("1.19.1" in " ".join(r.instead_text) for r in plan.refusals)


def test_a_host_shows_its_toolkit_mode_and_cdi_specs(scratch_root) -> None:  # type: ignore[no-untyped-def]
    root = scratch_root("jp61-host")
    os.makedirs(os.path.join(root, "etc/nvidia-container-runtime"))
    with open(os.path.join(root, "etc/nvidia-container-runtime/config.toml"), "w", encoding="utf-8") as handle:
        handle.write('[nvidia-container-runtime]\nmode = "cdi"\n')
    os.makedirs(os.path.join(root, "var/run/cdi"))
    with open(os.path.join(root, "var/run/cdi/nvidia.yaml"), "w", encoding="utf-8") as handle:
        handle.write(WITH_GIDS)
    found = diagnose(probe(root)).injection
    assert found is not None and found.band == "1.12-1.18.1"
    assert "config.toml mode = cdi" in found.evidence
    assert any(e.startswith("CDI spec /var/run/cdi/nvidia.yaml: 1 device node(s), fileMode/gid set") and "44, 995" in e
               for e in found.evidence)


CONTAINER_WORDS = ("container", "the image", "image's", "--group-add", "Dockerfile", "entrypoint", "--runtime")


@pytest.mark.parametrize("name", [n for n in profiles.names() if profiles.load(n).container is None])
def test_a_host_diagnosis_is_not_worded_for_containers(diagnose_profile, name: str) -> None:  # type: ignore[no-untyped-def]
    for finding in diagnose_profile(name).findings:
        if finding.code.startswith(("GRP-", "DEV-", "ACC-", "PLT-002", "SEC-001", "SEC-005")):
            assert not any(word in finding.remedy for word in CONTAINER_WORDS), (finding.code, finding.remedy)


def test_a_host_user_missing_render_is_told_to_join_not_to_rebuild(scratch_root) -> None:  # type: ignore[no-untyped-def]
    diagnosis = diagnose(probe(scratch_root("jp61-host-desktop", user="bob", via="ssh"), "bob"))
    remedy = next(f for f in diagnosis.findings if f.code == "GRP-002").remedy
    assert "usermod -aG render bob" in remedy and "image" not in remedy


def test_an_entrypoint_that_drops_with_gosu_is_named(scratch_root) -> None:  # type: ignore[no-untyped-def]
    """Isaac ROS's entrypoint shape: re-ID the user, then exec gosu (fact sheet A.4)."""
    root = scratch_root("tk1191-created")
    with open(os.path.join(root, "proc/1/cmdline"), "wb") as handle:
        handle.write(b"/bin/sh\0/usr/local/bin/workspace-entrypoint.sh\0bash\0")
    os.makedirs(os.path.join(root, "usr/local/bin"), exist_ok=True)
    with open(os.path.join(root, "usr/local/bin/workspace-entrypoint.sh"), "w", encoding="utf-8") as handle:
        handle.write('#!/bin/bash\nusermod -aG video admin  # gosu is mentioned only in this comment\n'
                     'exec gosu ${USERNAME} "$@"\nexec gosu admin:admin true\n')
    diagnosis = diagnose(probe(root))
    found = [f for f in diagnosis.findings if f.code == "DRP-002"]
    assert [f.evidence[0].split(": ", 1)[0] for f in found] == ["/usr/local/bin/workspace-entrypoint.sh:3",
                                                                "/usr/local/bin/workspace-entrypoint.sh:4"]
    assert "rebuilds the groups" in found[0].title and "only the one group" in found[1].title


# Each entrypoint line and the row of data/privilege_drops.json it must be read as (fact sheet A.3).
ENTRYPOINT_DROPS = [
    ('exec s6-setuidgid app "$@"', "s6-setuidgid"),        # s6 rebuilds from the group database
    ('exec s6-setuidgid 1000:1000 "$@"', "s6-setuidgid-ids"),  # uid:gid clears the list
    ('exec su-exec app "$@"', "su-exec"),
    ('exec su-exec app:app "$@"', "su-exec-group"),        # an explicit group: setgroups(1, &gid)
    ('exec setpriv --reuid=app --regid=app --clear-groups "$@"', "setpriv-clear"),
    ('exec setpriv --reuid=app --regid=app --init-groups "$@"', "setpriv-init"),
    ('exec /usr/sbin/gosu app:app "$@"', "gosu-group"),
    ("sudo -u app ./serve", "sudo"),
    ("sudo apt-get install -y curl", None),                 # sudo to root switches to no user
    ("echo 'run su-exec by hand'", None),                   # inside a quoted word, not a command
    # the shell's own ways to run a command: wrappers, set --, a case arm, a condition, redirections, continued lines
    ('set -- gosu rabbitmq "$@"', "gosu"),
    ("exec tini -- gosu node server.js", "gosu"),
    ('exec dumb-init gosu app "$@"', "gosu"),
    ('exec env HOME=/home/app gosu app "$@"', "gosu"),
    ('HOME=/h exec gosu app "$@"', "gosu"),
    ("exec nice -n 10 gosu app ./worker", "gosu"),
    ('  serve) exec gosu app "$@" ;;', "gosu"),
    ("if gosu app test -w /data; then echo ok; fi", "gosu"),
    ('exec 2>&1 gosu app "$@"', "gosu"),
    ('exec -a app gosu app "$@"', "gosu"),
    ("x=$(gosu app id -u)", "gosu"),
    ('exec setpriv --reuid=app --regid=app \\\n  --init-groups "$@"', "setpriv-init"),
    ("exec setpriv --reuid=app --regid=app --keep-groups ./run --init-groups", "setpriv-keep"),  # the program's argument
    # sudo's options before its user, sudo in front of another switch, a quoted user
    ("exec sudo -H -u app ./run", "sudo"),
    ("sudo -E -u app ./run", "sudo"),
    ("sudo -g video -u app ./run", "sudo"),
    ("exec sudo su - app -c ./run", "su"),
    ("exec sudo gosu app ./run", "gosu"),
    ('exec su "$APP_USER" -c "./run"', "su"),
    ('exec s6-setuidgid "$PUID:$PGID" ./run', "s6-setuidgid-ids"),
    # a # that starts no comment, a comment, a here-document, switches to root
    ('if [ $# -eq 0 ]; then exec gosu app bash; fi', "gosu"),
    ('NAME=${1#--}; exec gosu app "$NAME"', "gosu"),
    ('echo "#"; exec gosu app "$@"', "gosu"),
    ("# exec gosu app", None),
    ("cat > /run.sh <<EOF\nexec gosu app ./run\nEOF", None),
    ("cat > /run.sh <<-'EOF'\n\texec gosu app ./run\n\tEOF", None),
    ("sudo -u root chown app /data", None),
    ("su - -c 'apt-get update'", None),
    ("exec gosu root ./run", None),
    ("sudo -i", None),
    ("exec sudo -i ./run", None),                           # a login shell as root: ./run is its command, no user
    ("exec sudo --login -- ./run", None),
    ("exec sudo -iu app ./run", "sudo"),
    ("exec sudo --user=app ./run", "sudo"),
    ("sudo -E python -u train.py", None),                   # python's -u, not sudo's
    ("echo then gosu app", None),                           # a reserved word starts a command only where one starts
    ('echo ";" gosu app', None),                            # a quoted operator is a word
    ("exec gosu app ''", "gosu"),                           # an empty word
    ("{ gosu app ./run; }", "gosu"),
]


@pytest.mark.parametrize("line,row", ENTRYPOINT_DROPS)
def test_every_switch_an_entrypoint_makes_is_read_as_its_row(tmp_path, line: str, row) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "proc/1").mkdir(parents=True)
    (tmp_path / "proc/1/cmdline").write_bytes(b"/bin/sh\0/entrypoint.sh\0")
    (tmp_path / "entrypoint.sh").write_text("#!/bin/sh\nset -e\n" + line + "\n")
    found = entrypoint_drops(RootFS(str(tmp_path)))
    assert [d.tool for d in found] == ([row] if row else []), line
    assert all(d.line == 3 for d in found)  # the line the switch starts on
    ids = {r["id"] for r in data.load("privilege_drops")["paths"]}
    assert row is None or row in ids


def test_only_the_first_process_of_each_session_is_listed(scratch_root) -> None:  # type: ignore[no-untyped-def]
    root = scratch_root("jp61-container-group-add", user="root", via="ssh")
    for pid, ppid, uid in (("50", "0", 1000), ("51", "50", 1000), ("60", "7", 1000), ("7", "0", 0)):
        os.makedirs(os.path.join(root, "proc", pid), exist_ok=True)
        with open(os.path.join(root, "proc", pid, "status"), "w", encoding="utf-8") as handle:
            handle.write("Name:\tbash\nUid:\t{0}\t{0}\t{0}\t{0}\nGid:\t{0}\t{0}\t{0}\t{0}\nGroups:\t{0}\n".format(uid))
        with open(os.path.join(root, "proc", pid, "stat"), "w", encoding="utf-8") as handle:
            handle.write("{} (bash) S {} {} 0 0\n".format(pid, ppid, pid))
    listed = [p.pid for p in diagnose(probe(root, "alice")).facts.sessions]
    assert listed == ["50", "60"]   # 50: an exec from outside (PPid 0); 60: switched from root; 51: 50's child


# --- each node read on its own: modes and GIDs the band table alone does not produce -------------


def _patched_band(tmp_path, name: str, node=None, release: str = "keep"):  # type: ignore[no-untyped-def]
    """The injection diagnosed on profile ``name`` with each node's fields replaced by ``node(path)`` (a dict, or
    None to keep it) and, unless "keep", the release file's text (None: no release file)."""
    raw = json.loads(json.dumps(profiles.load(name).raw))
    for entry in raw["devices"]["nodes"]:
        entry.update((node and node(entry["path"])) or {})
    if release != "keep":
        raw["platform"]["release"] = release
    root = tmp_path / "root"
    root.mkdir()
    return diagnose(probe(scratch.materialise(profiles.from_document(raw, name, "test"), str(root), None, None)))


@needs_root
def test_world_writable_nodes_that_carry_host_gids_are_no_path_only_edit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A host chmod 666 (fix G) copied in by 1.19.x keeps the host's GIDs: not the 1.12-1.18.1 band, no SEC-002."""
    diagnosis = _patched_band(tmp_path, "tk1191-created", lambda path: {"mode": "0666"})
    found = diagnosis.injection
    assert found.band != "1.12-1.18.1" and "1.12-1.18.1" not in found.candidates, found
    assert "SEC-002" not in {f.code for f in diagnosis.findings}
    assert any("world-writable" in e and "copies that mode" in e for e in found.evidence)


@needs_root
def test_nodes_that_grant_no_group_are_the_hosts_udev_not_band_1182(tmp_path) -> None:  # type: ignore[no-untyped-def]
    diagnosis = _patched_band(tmp_path, "tk1191-created", lambda path: {"mode": "0600", "gid": 0})
    found = diagnosis.injection
    assert found.band is None and {"1.18.2", "1.19.1+"} <= set(found.candidates), found
    assert "TKT-003" not in {f.code for f in diagnosis.findings}  # "upgrade to 1.19.1" for a host that has it
    assert any("udev" in e for e in found.evidence)


@needs_root
def test_a_device_passed_beside_path_only_nodes_keeps_the_band(tmp_path) -> None:  # type: ignore[no-untyped-def]
    diagnosis = _patched_band(tmp_path, "tk116-created", lambda path: {"mode": "0660", "gid": 995}
                              if path == "/dev/dri/renderD128" else None)
    found = diagnosis.injection
    assert found.band == "1.12-1.18.1", found
    assert any("/dev/dri/renderD128" in e and "--device" in e for e in found.evidence)


@needs_root
def test_host_mode_nodes_without_a_release_may_be_jetpack_5(tmp_path) -> None:  # type: ignore[no-untyped-def]
    found = _patched_band(tmp_path, "tk111-created", release=None).injection
    assert "1.11" in found.candidates, found


@needs_root
def test_privileged_leaves_the_band_open(diagnose_profile) -> None:  # type: ignore[no-untyped-def]
    """Fact sheet A.4 reasons that --privileged --runtime nvidia still depends on the band: nothing says High."""
    found = diagnose_profile("tk116-privileged").injection
    assert not any("every toolkit version gives the same" in e for e in found.evidence)
    assert toolkit.path_row("privileged")["certainty"] == "INFERRED"


def test_a_host_in_legacy_mode_names_no_band(scratch_root) -> None:  # type: ignore[no-untyped-def]
    root = scratch_root("jp61-host")
    os.makedirs(os.path.join(root, "etc/nvidia-container-runtime"))
    with open(os.path.join(root, "etc/nvidia-container-runtime/config.toml"), "w") as handle:
        handle.write('[nvidia-container-runtime]\nmode = "legacy"\n')
    diagnosis = diagnose(probe(root))
    found = diagnosis.injection
    assert found.band is None and not found.candidates and any("legacy mode" in e for e in found.evidence)
    # the report reads the mode itself, not the wording of its evidence: legacy mode is a toolkit, whose band decides nothing
    assert "toolkit band: does not decide the nodes here" in render_text(diagnosis)
    plain = diagnose(probe(scratch_root("jp61-host")))  # the same host without the mode: its toolkit's band
    assert plain.injection.band and "toolkit band: {} (".format(plain.injection.band) in render_text(plain)


def test_the_cve_upgrade_advice_previews_the_band_change() -> None:
    remedy = json.loads((Path(toolkit.__file__).parent / "data" / "findings.json").read_text())["findings"]["TKT-001"]
    assert "plan --toolkit" in remedy["remedy"] and "1.18.2" in remedy["remedy"]


@pytest.mark.parametrize(("line", "row"), [
    ("exec sudo -i -- setpriv --reuid=app --regid=app --init-groups ./run", "setpriv-init"),  # root runs the switch
    ("exec sudo -u root gosu app ./run", "gosu"),
    ("exec sudo -Eu root gosu app ./run", "gosu"),
    ("exec sudo -D/home/ubuntu gosu app ./run", "gosu"),                  # -D takes its value in the same word
    ("exec sudo --command-timeout 60 gosu app ./run", "gosu"),
    ("exec sudo -u '#0' ./run", None),                                     # uid 0 by number
    ("exec sudo -Eu app ./run", "sudo"),
])
def test_sudo_s_own_options_and_user_are_read_as_sudo_reads_them(tmp_path, line: str, row) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "proc/1").mkdir(parents=True)
    (tmp_path / "proc/1/cmdline").write_bytes(b"/bin/sh\0/entrypoint.sh\0")
    (tmp_path / "entrypoint.sh").write_text("#!/bin/sh\n" + line + "\n")
    assert [d.tool for d in entrypoint_drops(RootFS(str(tmp_path)))] == ([row] if row else []), line
