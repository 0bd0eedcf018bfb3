"""The lab's inputs: device names that cannot reach outside the lab, the profile format (version 2)
and its schema, profiles from files, bundles and pasted reports, and the round trip back to a device.

These build scratch roots only (no sandbox), so they run in seconds; they need root for mknod.
"""

from __future__ import annotations

import copy
import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Set

import pytest

import docgen
from conftest import TOOLS, needs_root
from jetson_gpu_access import bundle, serde
from jetson_gpu_access.diagnose import diagnose
from jetson_gpu_access.exitcodes import Exit
from jetson_gpu_access.explain import explain
from jetson_gpu_access.lab import profiles, schema, scratch
from jetson_gpu_access.lab.scratch import LabError
from jetson_gpu_access.model import AnomalyCode, Diagnosis
from jetson_gpu_access.probe import probe
from test_scenarios import EXPECTED

REPO = Path(TOOLS).parent


def cli(*args: str, env_extra: Optional[Dict[str, str]] = None, cwd: str = TOOLS) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    env = dict(os.environ, PYTHONPATH=TOOLS, **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "jetson_gpu_access", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL, check=False, env=env)


# --- device names never leave the lab directory (issue 12) -------------------------------------

@pytest.mark.parametrize("make_name", [
    lambda victim, home: victim,                                   # an absolute path
    lambda victim, home: os.path.relpath(victim, home),            # ../../victim
    lambda victim, home: "../" + os.path.basename(victim),         # ../v next to the lab home
    lambda victim, home: "",                                       # the lab home itself
    lambda victim, home: ".",
])
@pytest.mark.parametrize("action", [["down"], ["exec", "--user", "root"], ["ssh"]])
def test_a_device_name_cannot_touch_anything_outside_the_lab(tmp_path: Path, make_name, action: List[str]) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "lab"
    home.mkdir()
    victim = tmp_path / "v"
    victim.mkdir()
    (victim / "precious").write_text("keep me\n")
    (victim / "state.json").write_text('{"name": "v", "profile": "jp61-host", "directory": "%s", "pid": 1, '
                                       '"start_time": "0", "port": 22, "shares": []}\n' % victim)
    keep = home / "precious"
    keep.write_text("lab home content\n")
    name = make_name(str(victim), str(home))
    args = ["lab", action[0], name] + action[1:] + (["root"] if action[0] == "ssh" else []) + ["--", "id"]
    if action[0] == "down":
        args = ["lab", "down", name]
    result = cli(*args, env_extra={"JGA_LAB_DIR": str(home)})
    assert result.returncode == Exit.USAGE, (name, result.returncode, result.stdout, result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1 and "device name" in result.stderr
    assert (victim / "precious").read_text() == "keep me\n" and keep.exists()


def test_down_of_a_folder_without_state_touches_nothing(tmp_path: Path) -> None:
    home = tmp_path / "lab"
    (home / "not-a-device").mkdir(parents=True)
    (home / "not-a-device" / "data").write_text("x")
    result = cli("lab", "down", "not-a-device", env_extra={"JGA_LAB_DIR": str(home)})
    assert result.returncode == Exit.OK and "was not up" in result.stdout
    assert (home / "not-a-device" / "data").exists()


def test_a_device_folder_that_is_a_link_out_of_the_lab_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "lab"
    home.mkdir()
    victim = tmp_path / "elsewhere"
    victim.mkdir()
    (victim / "state.json").write_text("{}")
    (home / "edge-1").symlink_to(victim)
    result = cli("lab", "down", "edge-1", env_extra={"JGA_LAB_DIR": str(home)})
    assert result.returncode == Exit.USAGE and "outside" in result.stderr
    assert (victim / "state.json").exists()


# --- the schema refuses what the format does not say, naming the key and the remedy --------------

def shipped(name: str = "jp61-container-ubuntu-ssh") -> Dict[str, Any]:
    return copy.deepcopy(profiles.load(name).raw)


def write(tmp_path: Path, document: Dict[str, Any], name: str = "mine.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def drop(key: str):  # type: ignore[no-untyped-def]
    return lambda d: d.pop(key)


@pytest.mark.parametrize(("change", "where", "remedy"), [
    (drop("session"), "session: is missing", "add it"),
    (lambda d: d["platform"].pop("os_release"), "platform.os_release: is missing", "add it"),
    (lambda d: d["devices"].update(set="orin-r99"), "devices.set", "use one of those"),
    (lambda d: d.update(colour="red"), "colour: is not a key", "remove it"),
    (lambda d: d["container"].update(gpus="all"), "container.gpus: is not a key", "remove it"),
    (lambda d: d["accounts"]["users"][0].update(name="al ice"), "accounts.users[0].name", "no spaces"),
    (lambda d: d["devices"].update(nodes=[{"path": "/dev/x", "mode": "0660"}]), "/dev/x", "gid"),
    (lambda d: d["devices"].update(nodes=[{"path": "/dev/x", "mode": "660x", "gid": 1}]), "devices.nodes[0].mode", "octal"),
    (lambda d: d["devices"].update(remove=["/dev/nvidia9"]), "devices.remove", "remove it from the list"),
    (lambda d: d["session"].update(user="mallory"), "mallory", "accounts.users"),
    (lambda d: d["accounts"].update(group="video:x:44:alice\n"), "accounts.group", "cannot be combined"),
    (lambda d: d["container"].update(group_add=["nosuchgroup"]), "nosuchgroup", "give its GID"),
    (lambda d: d.update(format=3), "format: must be 2", "see docs/lab/profile-format.md"),
    (lambda d: d["devices"].update(gids={}), "devices.gids lacks", "add"),
])
def test_a_wrong_profile_is_refused_with_the_key_and_the_remedy(tmp_path: Path, change, where: str, remedy: str) -> None:  # type: ignore[no-untyped-def]
    document = shipped()
    change(document)
    path = write(tmp_path, document)
    result = cli("lab", "check", path)
    assert result.returncode == Exit.USAGE, (result.returncode, result.stderr)
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1 and where in line and remedy in line, line
    with pytest.raises(profiles.ProfileError):
        profiles.load(path)


@pytest.mark.parametrize("content", [b"", b"[1, 2]", b"{", b"\xff\xfe", b'{"format": 2}'])
def test_a_file_that_is_no_profile_is_a_usage_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(content)
    result = cli("lab", "check", str(path))
    assert result.returncode == Exit.USAGE and "internal error" not in result.stderr, result.stderr


def test_a_fifo_or_a_missing_file_does_not_hang_or_crash(tmp_path: Path) -> None:
    fifo = tmp_path / "f.json"
    os.mkfifo(fifo)
    for path in (fifo, tmp_path / "missing.json", tmp_path):
        result = cli("lab", "check", str(path))
        assert result.returncode == Exit.USAGE and "internal error" not in result.stderr, result.stderr


def test_every_shipped_profile_is_format_2_and_a_format_1_document_still_loads() -> None:
    for name in profiles.names():
        raw = json.loads((Path(profiles.PROFILE_DIR) / (name + ".json")).read_text(encoding="utf-8"))
        assert raw["format"] == 2 and raw["name"] == name
    v1 = {"name": "old", "title": "t", "summary": "s", "sources": [], "assumptions": [],
          "platform": {"os_release": "ID=ubuntu\n", "packages": {}},
          "accounts": {"base": "ubuntu", "groups": {"render": 104}, "users": {"alice": 1000}, "members": {"video": ["alice"]}},
          "container": {"engine": "docker", "dev": "created", "group_add": [], "toolkit_adds_device_gids": True},
          "devices": {"set": "orin-r36", "host_gids": {"video": 44, "render": 104, "debug": 998, "root": 0},
                      "change": {"/dev/nvmap": {"mode": "0600"}}, "acl": {"/dev/dri/card0": ["user:1000:rw-"]}},
          "session": {"user": "alice", "via": "exec"}}
    profile = profiles.from_document(v1, "old", "old.json")
    nodes = {n.path: n for n in profile.nodes()}
    assert nodes["/dev/nvmap"].mode == 0o600 and nodes["/dev/dri/card0"].acl
    assert 104 in profile.process_gids("alice")  # the toolkit adds the render node's GID


# --- schema <-> reference page <-> loader -------------------------------------------------------

def test_the_reference_page_is_generated_from_the_schema() -> None:
    page = REPO / schema.REFERENCE_PAGE
    assert page.read_text(encoding="utf-8") == docgen.lab_format_page(), "regenerate: python tests/docgen.py --write"
    for path in schema.key_paths():
        assert "| `{}` |".format(path) in page.read_text(encoding="utf-8")
    for name in list(profiles.bases()) + list(profiles.device_sets()):
        if name != "about":
            assert "`{}`".format(name) in page.read_text(encoding="utf-8")
    schema_enums = schema.load_schema()
    assert set(schema_enums["properties"]["accounts"]["properties"]["base"]["enum"]) == set(profiles.bases()) - {"about"}
    assert set(schema_enums["properties"]["devices"]["properties"]["set"]["enum"]) == set(profiles.device_sets()) - {"about"}


class Recording(dict):  # type: ignore[type-arg]
    """A document that notes every key the loader reads."""

    def __init__(self, value: Dict[str, Any], prefix: str, seen: Set[str]) -> None:
        super().__init__({k: wrap(v, (prefix + "." if prefix else "") + k, seen) for k, v in value.items()})
        self.prefix, self.seen = prefix, seen

    def _note(self, key: str) -> None:
        self.seen.add((self.prefix + "." if self.prefix else "") + key)

    def __getitem__(self, key: str) -> Any:
        self._note(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self._note(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self._note(str(key))
        return super().__contains__(key)

    def items(self):  # type: ignore[no-untyped-def]
        for key in self.keys():
            self._note(key)
        return super().items()


def wrap(value: Any, prefix: str, seen: Set[str]) -> Any:
    if isinstance(value, dict):
        return Recording(value, prefix, seen)
    if isinstance(value, list):
        return [wrap(v, prefix + "[]", seen) for v in value]
    return value


def every_key() -> List[Dict[str, Any]]:
    """Two documents that between them use every key of the format (verbatim files exclude built ones)."""
    built = shipped("jp61-container-group-add")
    built.update(name="every-key")
    built["platform"].update(model="NVIDIA Jetson AGX Orin Developer Kit", compatible=["nvidia,tegra234"])
    built["accounts"] = {"base": "ubuntu:24.04", "groups": [{"name": "render", "gid": 993, "members": ["alice"]}],
                         "users": [{"name": "alice", "uid": 1001, "gid": 1500, "private_group": True, "home": "/home/alice",
                                    "shell": "/bin/sh"}], "members": {"video": ["alice"]}}
    built["container"] = {"engine": "docker", "dev": "created", "user": "alice", "group_add": [993, "video"],
                          "privileged": False, "devices": ["/dev/nvmap"], "runtime": "nvidia",
                          "toolkit": {"version": "1.19.1", "mode": "csv", "adds_device_gids": True}, "cdi_spec": None}
    built["devices"].update(remove=["/dev/nvgpu/igpu0/dbg"], nodes=[
        {"path": "/dev/dri/renderD129", "type": "char", "major": 226, "minor": 129, "uid": 0, "group": "render",
         "mode": "0660", "acl": ["user:1001:rw-", "mask::rw-"]}])
    verbatim = shipped("jp61-host")
    verbatim.update(name="every-key-verbatim")
    verbatim["accounts"] = {"passwd": "root:x:0:0::/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n",
                            "group": "video:x:44:alice\nrender:x:104:alice\n"}
    verbatim["devices"]["nodes"] = [{"path": "/dev/nvmap", "gid": 44}]
    return [built, verbatim]


def test_the_loader_reads_every_key_the_schema_names_and_no_other(tmp_path: Path) -> None:
    documents = every_key()
    named = set(schema.key_paths())
    assert named - {p for d in documents for p in _paths(d)} == set(), "the test documents must use every key"
    seen: Set[str] = set()
    for document in documents:
        profile = profiles.from_document(wrap(document, "", seen), document["name"], "test")
        if os.geteuid() == 0:
            scratch.materialise(profile, str(tmp_path / document["name"]))
    read = {_free(p) for p in seen}
    assert named - read == set(), "keys the schema names but the loader never reads"
    assert read - named == set(), "keys the loader reads but the schema does not name"


FREE_NAMES = ("platform.packages", "devices.gids", "accounts.members")


def _free(path: str) -> str:
    """A key under a free-name object (a package, a group name) stands for the object itself."""
    return next((free for free in FREE_NAMES if path.startswith(free + ".")), path)


def _paths(value: Any, prefix: str = "") -> Set[str]:
    out: Set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            path = _free((prefix + "." if prefix else "") + key)
            out.add(path)
            out |= _paths(item, path)
    elif isinstance(value, list):
        for item in value:
            out |= _paths(item, prefix + "[]")
    return out


# --- what format 2 can say, checked on real scratch nodes ------------------------------------------

def build(tmp_path: Path, document: Dict[str, Any], user: Optional[str] = None, via: Optional[str] = None,
          target: Optional[str] = None) -> Diagnosis:
    profile = profiles.from_document(document, document.get("name", "t"), "test")
    root = tmp_path / "root"
    root.mkdir(exist_ok=True)
    return diagnose(probe(scratch.materialise(profile, str(root), user, via), target))


@needs_root
def test_verbatim_account_files_are_written_byte_for_byte_and_read_as_glibc_does(tmp_path: Path) -> None:
    document = shipped()
    group = ("# comment\r\nroot:x:0:\r\nvideo:x:44:alice\r\n+:::\nrender:x:993:\nrender:x:994:alice\n"
             "alice:x:1000:")
    document["accounts"] = {"passwd": "root:x:0:0::/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n"
                                      "alice:x:2000:2000::/home/other:/bin/bash", "group": group}
    diagnosis = build(tmp_path, document)
    assert (tmp_path / "root/etc/group").read_bytes() == group.encode()
    profile = profiles.from_document(document, "t", "test")
    assert profile.login_gids("alice") == [994, 1000]  # the CR-ended video line lists "alice\r", not alice
    assert diagnosis.facts.user is not None and diagnosis.facts.user.uid == 1000  # the first alice line wins
    assert any(a.code is AnomalyCode.CRLF for a in diagnosis.facts.accounts.anomalies)


@needs_root
def test_structured_entries_allow_duplicates_and_a_primary_gid_apart_from_the_uid(tmp_path: Path) -> None:
    document = shipped()
    document["accounts"] = {"base": "ubuntu:22.04", "users": [{"name": "alice", "uid": 1000, "gid": 1500}],
                            "groups": [{"name": "render", "gid": 109, "members": ["alice"]},
                                       {"name": "render", "gid": 993}, {"name": "team", "gid": 1500}]}
    build(tmp_path, document)
    assert "alice:x:1000:1500:" in (tmp_path / "root/etc/passwd").read_text()
    assert (tmp_path / "root/etc/group").read_text().count("render:x:") == 2
    status = (tmp_path / "root/proc/self/status").read_text()
    assert "Gid:\t1500\t" in status


@needs_root
def test_nodes_can_be_changed_added_removed_and_owned_by_a_user(tmp_path: Path) -> None:
    document = shipped("jp61-host")
    document["devices"].update(remove=["/dev/nvmap"], nodes=[
        {"path": "/dev/dri/renderD128", "mode": "0666"},
        {"path": "/dev/dri/renderD129", "major": 226, "minor": 129, "uid": 1000, "group": "render", "mode": "0600"},
        {"path": "/dev/nvhost-ctrl", "type": "dir", "gid": 0, "mode": "0755"}])
    diagnosis = build(tmp_path, document)
    dev = tmp_path / "root/dev"
    assert not (dev / "nvmap").exists()
    assert stat.S_IMODE((dev / "dri/renderD128").stat().st_mode) == 0o666
    extra = (dev / "dri/renderD129").stat()
    assert stat.S_ISCHR(extra.st_mode) and extra.st_uid == 1000 and extra.st_gid == 104
    assert (dev / "nvhost-ctrl").is_dir()
    assert "/dev/dri/renderD129" in {n.path for n in diagnosis.facts.devices}
    assert "/dev/nvmap" not in {n.path for n in diagnosis.facts.devices}


@needs_root
@pytest.mark.parametrize(("user", "groups"), [("1000:1000", [1000, 993]), ("alice", [44, 993, 1000])])
def test_a_numeric_user_and_group_loses_the_images_memberships(tmp_path: Path, user: str, groups: List[int]) -> None:
    document = shipped("jp61-container-group-add")
    document["container"].update(user=user, privileged=False, devices=["/dev/nvmap"], runtime="nvidia",
                                 toolkit={"version": "1.17.8", "mode": "csv"}, cdi_spec="cdiVersion: 0.5.0\n")
    diagnosis = build(tmp_path, document)
    assert diagnosis.facts.process is not None and sorted(diagnosis.facts.process.groups) == sorted(groups)
    assert (tmp_path / "root/etc/cdi/nvidia.yaml").read_text() == "cdiVersion: 0.5.0\n"
    assert "runtime: nvidia" in (tmp_path / "root/etc/jetson-gpu-access-lab.scenario").read_text()
    assert (tmp_path / "root/etc/jetson-gpu-access-lab").read_text().count("\n") == 1


def test_base_images_differ_where_the_images_do() -> None:
    def accounts(base: str):  # type: ignore[no-untyped-def]
        document = shipped()
        document["accounts"]["base"] = base
        if base == "ubuntu:24.04":
            document["accounts"]["users"][0]["uid"] = 1001  # 1000 is the image's ubuntu
        return profiles.from_document(document, "t", "test").accounts()

    noble = accounts("ubuntu:24.04")
    assert [(u.name, u.uid) for u in noble.users if u.uid == 1000] == [("ubuntu", 1000)]
    assert not any(u.name == "ubuntu" for u in accounts("ubuntu:22.04").users)
    assert next(g.gid for g in accounts("alpine:3").groups if g.name == "video") == 27
    assert next(g.gid for g in accounts("debian:12").groups if g.name == "video") == 44
    assert not any(g.name == "render" for base in ("ubuntu:20.04", "ubuntu:22.04", "ubuntu:24.04", "l4t-base")
                   for g in accounts(base).groups)


@needs_root
def test_a_host_profile_shows_the_hosts_dev(tmp_path: Path) -> None:
    diagnosis = build(tmp_path, shipped("jp61-host"))
    assert diagnosis.facts.container.dev_filesystem in (None, "devtmpfs")


# --- your own profiles -------------------------------------------------------------------------

def test_new_writes_an_editable_copy_that_check_accepts_and_never_overwrites(tmp_path: Path) -> None:
    made = cli("lab", "new", "my-orin", "--from", "jp61-host", cwd=str(tmp_path))
    assert made.returncode == Exit.OK, made.stderr
    copy_path = tmp_path / "my-orin.json"
    assert json.loads(copy_path.read_text())["name"] == "my-orin"
    assert cli("lab", "check", str(copy_path)).returncode == Exit.OK
    same = cli("lab", "new", "my-orin", "--from", "jp61-host", cwd=str(tmp_path))
    assert same.returncode == Exit.OK and "unchanged" in same.stdout
    edited = copy_path.read_text().replace("alice", "carol")
    copy_path.write_text(edited)
    again = cli("lab", "new", "my-orin", "--from", "jp61-host", cwd=str(tmp_path))
    assert again.returncode == Exit.USAGE and "exists already" in again.stderr
    assert copy_path.read_text() == edited
    assert cli("lab", "new", "Bad Name", "--from", "jp61-host", cwd=str(tmp_path)).returncode == Exit.USAGE


# --- a reporter's device --------------------------------------------------------------------------

def decisions(diagnosis: Diagnosis) -> Dict[str, Any]:
    return {a.path: [(d.view, d.granted, d.rule) for d in a.decisions] for a in diagnosis.nodes}


@needs_root
@pytest.mark.parametrize(("name", "target"), sorted(EXPECTED, key=str))
def test_round_trip_bundle_to_profile_to_device_gives_the_same_diagnosis(tmp_path: Path, name: str,
                                                                         target: Optional[str]) -> None:
    """Every shipped profile, and every other user the scenarios diagnose on it."""
    (tmp_path / "a").mkdir()
    via = "ssh" if target == "root" else None
    original = diagnose(probe(scratch.materialise(profiles.load(name), str(tmp_path / "a"), target, via), target))
    bundle.write(original, str(tmp_path / "b.tar.gz"))
    made = cli("lab", "profile", "--from-bundle", str(tmp_path / "b.tar.gz"), "--name", "repro", "-o",
               str(tmp_path / "repro.json"))
    assert made.returncode == Exit.OK, made.stderr
    document = json.loads((tmp_path / "repro.json").read_text())
    assert document["assumptions"], "every assumed value is listed"
    again = build(tmp_path, document, target=target)
    assert again.verdict is original.verdict
    assert [(f.code, f.title) for f in again.findings] == [(f.code, f.title) for f in original.findings]
    assert decisions(again) == decisions(original)



ESCAPES = ["/dev/../etc/shadow", "/dev/../../../../tmp/victim", "/dev/./nvmap", "/dev//nvmap", "/dev/dri/../../etc/x",
           "/dev/.hidden", "/etc/shadow"]


@pytest.mark.parametrize("path", ESCAPES)
def test_a_node_path_cannot_leave_dev(tmp_path: Path, path: str) -> None:
    """The lab creates and deletes node paths as root: a profile (or a bundle turned into one) must
    not name anything outside the device's /dev, whatever check it passes first."""
    document = shipped()
    document["devices"]["nodes"] = [{"path": path, "gid": 0, "mode": "0666"}]
    result = cli("lab", "check", write(tmp_path, document))
    assert result.returncode == Exit.USAGE and len(result.stderr.strip().splitlines()) == 1, result.stderr
    with pytest.raises(profiles.ProfileError):  # the loader refuses it even past the schema
        profiles.from_document(document, "t", "test").nodes()


@needs_root
def test_a_bundle_naming_a_node_outside_dev_makes_no_profile_that_starts(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("keep\n")
    original = diagnose(probe(scratch.materialise(profiles.load("jp61-container-ubuntu-ssh"), str(tmp_path / "a")), None))
    raw = json.loads(json.dumps(serde.to_jsonable(original)).replace(
        '"/dev/dri/renderD128"', json.dumps("/dev/../../../../../../../.." + str(victim))))
    evil = tmp_path / "evil.tar.gz"
    bundle.write(serde.from_jsonable(Diagnosis, raw), str(evil))
    made = cli("lab", "profile", "--from-bundle", str(evil), "--name", "evil", "-o", str(tmp_path / "evil.json"))
    if made.returncode == Exit.OK:  # a profile was written: it must not pass the loader
        checked = cli("lab", "check", str(tmp_path / "evil.json"))
        assert checked.returncode == Exit.USAGE, checked.stderr
    else:
        assert made.returncode == Exit.USAGE, made.stderr
    assert victim.read_text() == "keep\n"


@needs_root
def test_a_link_planted_in_the_tree_does_not_lead_node_creation_out(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "root"
    (root / "dev").mkdir(parents=True)
    os.symlink(str(outside), str(root / "dev" / "dri"))
    with pytest.raises(LabError):
        scratch.make_nodes(profiles.load("jp61-container-ubuntu-ssh"), str(root))
    assert os.listdir(str(outside)) == []

REPORT = """$ cat /etc/nv_tegra_release
# R36 (release), REVISION: 4.0, GCID: 37537400, BOARD: generic, EABI: aarch64, DATE: Fri Sep 13 04:36:44 UTC 2024
$ ls -ln /dev/nvmap /dev/dri/renderD128
crw-rw---- 1 0  44 10, 125 Nov 30 10:00 /dev/nvmap
crw-rw---- 1 0 993 226, 128 Nov 30 10:00 /dev/dri/renderD128
$ id
uid=1000(alice) gid=1000(alice) groups=1000(alice),44(video)
$ getent group video render
video:x:44:alice
"""


@needs_root
def test_a_pasted_report_becomes_a_device_with_the_reporters_diagnosis(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(REPORT)
    made = cli("lab", "profile", "--from-text", str(report), "-o", str(tmp_path / "r.json"))
    assert made.returncode == Exit.OK, made.stderr
    document = json.loads((tmp_path / "r.json").read_text())
    assert any("os-release" in a for a in document["assumptions"])
    reported = explain(REPORT).diagnosis
    assert reported is not None
    again = build(tmp_path, document)
    assert again.verdict is reported.verdict
    assert [f.code for f in again.findings] == [f.code for f in reported.findings]
    assert decisions(again) == decisions(reported)


def test_a_report_without_enough_facts_says_what_is_missing(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("CUDA error 801: operation not supported\n")
    made = cli("lab", "profile", "--from-text", str(report), "-o", str(tmp_path / "r.json"))
    assert made.returncode == Exit.USAGE and "ls -ln" in made.stderr and not (tmp_path / "r.json").exists()


@pytest.mark.parametrize("via", ["su", "sudo", "runuser", "login", "gosu", "su-exec", "setpriv", "supervisord"])
def test_every_privilege_drop_that_rebuilds_groups_gets_the_login_view(via: str) -> None:
    document = shipped("jp61-container-group-add")
    document["session"]["via"] = via
    profile = profiles.from_document(document, "t", "test")
    assert profile.credentials("alice", via).groups == tuple(profile.login_gids("alice"))
    assert 993 not in profile.credentials("alice", via).groups and 993 in profile.process_gids("alice")


@pytest.mark.parametrize("plant", ["link", "other-owner", "open-mode"])
def test_a_planted_private_dev_folder_is_refused(tmp_path: Path, monkeypatch, plant: str) -> None:  # type: ignore[no-untyped-def]
    """/dev/shm is world-writable: someone may plant the lab's folder there first."""
    from jetson_gpu_access.lab import sandbox
    from jetson_gpu_access.lab.scratch import LabError

    parent = tmp_path / "shm" / ".jetson-gpu-access-lab"
    parent.parent.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    if plant == "link":
        parent.symlink_to(elsewhere)
    else:
        parent.mkdir(mode=0o700)
        if plant == "other-owner":
            os.chown(parent, 1000, 1000)
        else:
            parent.chmod(0o777)
    monkeypatch.setitem(sandbox.PRIVATE_DEV, "tmpfs", str(parent))
    monkeypatch.setattr(sandbox, "_fs_type", lambda path: "tmpfs")
    with pytest.raises(LabError, match="not a folder private to root"):
        sandbox._private_parent("tmpfs")
    assert os.listdir(elsewhere) == []


@needs_root
def test_a_minimal_profile_in_a_file_of_any_name_starts_as_a_host(tmp_path: Path) -> None:
    """Only the keys that have no sensible default are required; the file name becomes a device name."""
    document = {"title": "my host", "platform": {"os_release": "ID=ubuntu\nVERSION_ID=\"22.04\"\n"},
                "accounts": {"users": [{"name": "alice", "uid": 1000}], "members": {"video": ["alice"]}},
                "devices": {"set": "orin-r36", "gids": {"video": 44, "render": 104, "debug": 998, "root": 0}},
                "session": {"user": "alice", "via": "ssh"}}
    path = write(tmp_path, document, "Scenario_01 (dup render).json")
    checked = cli("lab", "check", path)
    assert checked.returncode == Exit.OK, checked.stderr
    profile = profiles.load(path)
    assert profile.name == "scenario-01--dup-render" and profile.container is None
    diagnosis = build(tmp_path, document)
    assert not diagnosis.facts.container.in_container
