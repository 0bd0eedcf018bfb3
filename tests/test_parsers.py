"""Parsers of the probe: examples from public sources, glibc and CPython as oracles, and
hypothesis properties (never crash; round-trip where it applies)."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import platform
import tempfile
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jetson_gpu_access import data, rootfs
from jetson_gpu_access.model import AclEntry, AnomalyCode, Package
from jetson_gpu_access.probe import acl, container, dpkg, osrelease, session
from jetson_gpu_access.probe import platform as jplatform
from jetson_gpu_access.probe.accounts import login_groups, parse_group, parse_passwd
from jetson_gpu_access.rootfs import matches

# --- /etc/nv_tegra_release (first lines quoted in the fact sheet, section 4.1) ---------------

R32 = "# R32 (release), REVISION: 7.1, GCID: 29689809, BOARD: t186ref, EABI: aarch64, DATE: Wed Feb  2 21:33:23 UTC 2022"
R34 = "# R34 (release), REVISION: 1.1, GCID: 30414990, BOARD: t186ref, EABI: aarch64, DATE: Tue May 17 04:20:55 UTC 2022"
R35 = "# R35 (release), REVISION: 3.1, GCID: 32790763, BOARD: t186ref, EABI: aarch64, DATE: Wed Mar 15 07:54:12 UTC 2023"
R36 = ("# R36 (release), REVISION: 3.0, GCID: 36923193, BOARD: generic, EABI: aarch64, DATE: Fri Jul 19 23:24:25 UTC 2024\n"
       "# KERNEL_VARIANT: oot\nTARGET_USERSPACE_LIB_DIR=nvidia\nTARGET_USERSPACE_LIB_DIR_PATH=usr/lib/aarch64-linux-gnu/nvidia\n")


@pytest.mark.parametrize(("text", "l4t", "jetpack"), [
    (R32, "32.7.1", {"jetson-containers": "4.6.1", "jetson_stats": "4.6.1"}),
    (R34, "34.1.1", {"jetson-containers (older revision)": "5.0.1 DP", "jetson_stats (older revision)": "5.0.1 DP"}),
    (R35, "35.3.1", {"jetson-containers": "5.1.1", "jetson_stats": "5.1.1"}),
    (R36, "36.3.0", {"jetson-containers": "6.0 GA", "jetson_stats": "6.0"}),
    (R36.split("\n")[0] + "\n", "36.3.0", {"jetson-containers": "6.0 GA", "jetson_stats": "6.0"}),  # Yocto: first line only
    (R35.replace("3.1", "4.1") + "\r\n", "35.4.1", {"jetson-containers": "5.1.2", "jetson_stats": "5.1.2"}),
    (R35.replace("REVISION: 3.1", "REVISION: 3.1.0"), "35.3.1.0", {}),
    (R35.replace("R35", "R99"), "99.3.1", {}),
])
def test_release_lines(text: str, l4t: str, jetpack: dict) -> None:  # type: ignore[type-arg]
    release = jplatform.parse_release(text)
    assert release is not None
    assert jplatform.l4t_from_release(release) == l4t
    assert {c.source: c.jetpack for c in jplatform.jetpack_for(l4t)} == jetpack


def test_r36_extra_lines_and_fields_are_kept() -> None:
    release = jplatform.parse_release(R36)
    assert release is not None
    assert release.extra_lines == ("# KERNEL_VARIANT: oot", "TARGET_USERSPACE_LIB_DIR=nvidia",
                                   "TARGET_USERSPACE_LIB_DIR_PATH=usr/lib/aarch64-linux-gnu/nvidia")
    assert dict(release.fields)["BOARD"] == "generic" and release.anomalies == ()


def test_the_tables_disagreements_are_kept() -> None:
    assert {c.jetpack for c in jplatform.jetpack_for("36.4.2")} == {"6.1.1", "6.1 (rev1)"}
    assert {c.jetpack for c in jplatform.jetpack_for("36.5.0")} == {"6.2.2"}  # jetson-containers' 6.2.1 is corrected
    assert {c.jetpack for c in jplatform.jetpack_for("36.5.2")} == {"6.2.3"}
    assert jplatform.jetpack_for("36.5.1") == ()  # in no source: honest unknown


@pytest.mark.parametrize(("l4t", "jetpack"), [("28.2.0", "3.2"), ("32.4.4", "4.4.1"), ("32.5.1", "4.5.1"), ("34.1.1", "5.0.1 DP"),
                                               ("36.5.0", "6.2.2"), ("36.5.2", "6.2.3")])
def test_every_published_release_has_its_label_and_source(l4t: str, jetpack: str) -> None:
    claims = jplatform.jetpack_for(l4t)
    sources = data.load("l4t_jetpack")["sources"]
    assert {c.jetpack for c in claims} == {jetpack} and all(c.source in sources for c in claims)


@pytest.mark.parametrize("text", ["", "\n\n", "garbage", "# R36 (release)", "# R36 (release), REVISION: x.y",
                                  "# Rxx (release), REVISION: 4.3", "# R36 (release), REVISION: 4.3, WHAT"])
def test_bad_release_files_give_an_unknown_release_not_a_crash(text: str) -> None:
    release = jplatform.parse_release(text)
    assert release is None or jplatform.l4t_from_release(release) is None or release.anomalies


@given(st.text())
def test_release_parser_never_crashes(text: str) -> None:
    jplatform.parse_release(text)


def test_l4t_from_package_version() -> None:
    assert jplatform.l4t_from_package("36.4.3-20250107174145") == "36.4.3"
    assert jplatform.l4t_from_package("garbage") is None


# --- os-release: CPython's parser is the oracle -----------------------------------------------

def _python_os_release(text: str) -> dict:  # type: ignore[type-arg]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "os-release")
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        saved = platform._os_release_candidates  # type: ignore[attr-defined]
        platform._os_release_candidates = (path,)  # type: ignore[attr-defined]
        platform._os_release_cache = None  # type: ignore[attr-defined]
        try:
            values = dict(platform.freedesktop_os_release())
        finally:
            platform._os_release_candidates = saved  # type: ignore[attr-defined]
            platform._os_release_cache = None  # type: ignore[attr-defined]
    for key in ("NAME", "ID", "PRETTY_NAME"):  # CPython fills defaults for these
        if not any(line.startswith(key + "=") for line in text.split("\n")):
            values.pop(key)
    return values


os_release_lines = st.lists(st.one_of(
    st.builds(lambda k, v: "{}={}".format(k, v), st.sampled_from(["ID", "VERSION_ID", "NAME", "X_1"]),
              st.text(alphabet="ab \"'$\\`#=", max_size=8)),
    st.text(alphabet="ab=#\"' ", max_size=10),
), max_size=8)


@settings(max_examples=300)
@given(os_release_lines)
def test_os_release_matches_cpython(lines) -> None:  # type: ignore[no-untyped-def]
    text = "\n".join(lines) + "\n"
    assert osrelease.parse(text) == _python_os_release(text)


def test_os_release_quoting_and_last_duplicate_wins() -> None:
    assert osrelease.parse('ID=one\nID="two"\nPRETTY_NAME="Ubuntu \\"22.04\\""\n') == {"ID": "two", "PRETTY_NAME": 'Ubuntu "22.04"'}


# --- /etc/group: glibc's fgetgrent is the oracle ------------------------------------------------

class _Group(ctypes.Structure):
    _fields_ = [("gr_name", ctypes.c_char_p), ("gr_passwd", ctypes.c_char_p), ("gr_gid", ctypes.c_uint),
                ("gr_mem", ctypes.POINTER(ctypes.c_char_p))]


_libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
_libc.fopen.restype = ctypes.c_void_p
_libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
_libc.fclose.argtypes = [ctypes.c_void_p]
_libc.fgetgrent.restype = ctypes.POINTER(_Group)
_libc.fgetgrent.argtypes = [ctypes.c_void_p]


def glibc_entries(text: str, read_one: Any, convert: Any) -> list:  # type: ignore[type-arg]
    """Every entry glibc's nss_files line parser (``read_one``: fgetgrent or fgetpwent) makes of
    ``text``, each turned into plain values by ``convert``."""
    with tempfile.NamedTemporaryFile("wb") as handle:
        handle.write(text.encode("utf-8"))
        handle.flush()
        stream = _libc.fopen(handle.name.encode(), b"r")
        out = []
        try:
            while True:
                entry = read_one(stream)
                if not entry:
                    break
                out.append(convert(entry.contents))
        finally:
            _libc.fclose(stream)
    return out


def _group_values(group: Any) -> tuple:  # type: ignore[type-arg]
    members = []
    index = 0
    while group.gr_mem[index]:
        members.append(group.gr_mem[index].decode("utf-8", "replace"))
        index += 1
    return (group.gr_name.decode("utf-8", "replace"), group.gr_gid, tuple(members))


def glibc_groups(text: str) -> list:  # type: ignore[type-arg]
    return glibc_entries(text, _libc.fgetgrent, _group_values)


group_lines = st.lists(st.one_of(
    st.builds(lambda n, g, m: "{}:x:{}:{}".format(n, g, ",".join(m)),
              st.sampled_from(["render", "video", "alice", "messagebus"]),
              st.sampled_from(["44", "104", "993", "0", "4294967295", "4294967296", "9" * 20, "104x", "", "-1"]),
              st.lists(st.sampled_from(["alice", "bob", "alice\r", "x:y"]), max_size=3)),
    st.text(alphabet="ab:,\r0139 #", max_size=12),
), max_size=8)


@settings(max_examples=300)
@given(group_lines)
def test_group_parser_matches_glibc(lines) -> None:  # type: ignore[no-untyped-def]
    text = "\n".join(lines) + "\n"
    ours = [(g.name, g.gid, g.members) for g in parse_group(text)[0]]
    theirs = [g for g in glibc_groups(text) if not g[0].startswith(("+", "-"))]
    assert ours == theirs


def test_group_quirks_are_reported() -> None:
    text = "video:x:44:alice\r\nrender:x:104:\nrender:x:993:alice\nbad line\n+:::\nx:x:5:a:b"
    groups, anomalies = parse_group(text)
    assert [(g.name, g.gid, g.members) for g in groups] == [
        ("video", 44, ("alice\r",)), ("render", 104, ()), ("render", 993, ("alice",)), ("x", 5, ("a:b",))]
    joined = "\n".join(a.text for a in anomalies)
    for needle in ("CRLF", "malformed", "NIS", "extra ':'", "name render appears 2 times"):
        assert needle in joined



def test_an_id_out_of_range_is_named_as_the_cause() -> None:
    """glibc skips these lines; the anomaly says why, with the number cut to a readable length."""
    _, group_anomalies = parse_group("video:x:44:\nbig:x:{}:alice\n".format("9" * 4300))
    _, user_anomalies = parse_passwd("alice:x:1000:4294967296::/home/alice:/bin/sh\n")
    (group,), (user,) = group_anomalies, user_anomalies
    assert group.code is AnomalyCode.MALFORMED and group.name == "big" and len(group.text) < 200
    assert group.text.startswith("/etc/group line 2: GID '99999") and "out of range (0 to 4294967294)" in group.text
    assert user.text.startswith("/etc/passwd line 1: GID '4294967296' is out of range"), user.text
    (negative,) = parse_group("neg:x:-1:\n")[1]
    assert negative.code is AnomalyCode.MALFORMED and "GID '-1' is negative" in negative.text, negative.text
    from jetson_gpu_access.accountfiles import file_problems
    assert any("negative" in p for p in file_problems("group", b"neg:x:-1:\n"))


def test_crlf_member_matches_nobody_as_in_glibc() -> None:
    users, _ = parse_passwd("alice:x:1000:1000::/home/alice:/bin/sh\n")
    groups, anomalies = parse_group("video:x:44:alice\r\n")
    from jetson_gpu_access.model import Accounts
    assert login_groups(Accounts(users, groups, anomalies), users[0]) == (1000,)


def test_no_trailing_newline_and_long_member_lists() -> None:
    members = ["user{}".format(i) for i in range(20000)]
    groups, _ = parse_group("a:x:1:\nbig:x:2:" + ",".join(members))
    assert groups[-1].members == tuple(members)


@given(st.text())
def test_account_parsers_never_crash(text: str) -> None:
    parse_group(text)
    parse_passwd(text)


def test_passwd_duplicate_uid_zero_is_reported() -> None:
    _, anomalies = parse_passwd("root:x:0:0::/root:/bin/sh\ntoor:x:0:0::/root:/bin/sh\n")
    assert any(a.code is AnomalyCode.SEVERAL_ROOTS and "several accounts have UID 0" in a.text for a in anomalies)


# --- dpkg status, ACL xattr, mountinfo, id maps ------------------------------------------------

def test_dpkg_status() -> None:
    text = ("Package: nvidia-container-toolkit\nStatus: install ok installed\nVersion: 1.16.2-1\n\n"
            "Package: nvidia-l4t-core\nStatus: deinstall ok config-files\nVersion: 36.4.3-2025\n\n"
            "Package: unrelated\nStatus: install ok installed\nVersion: 1\n")
    assert [(p.name, p.version) for p in dpkg.parse_status(text)] == [("nvidia-container-toolkit", "1.16.2-1")]
    assert dpkg.upstream_version("1:1.17.8~rc.1-1") == (1, 17, 8)


@given(st.text())
def test_dpkg_mountinfo_and_status_parsers_never_crash(text: str) -> None:
    session.parse_status(text)
    dpkg.parse_status(text)
    container.Mounts(text).containing("/dev/nvmap")
    container.parse_id_map(text)


acl_entries = st.lists(st.builds(
    AclEntry, st.sampled_from(["user_obj", "user", "group_obj", "group", "mask", "other"]),
    st.integers(min_value=0, max_value=2**32 - 2), st.integers(min_value=0, max_value=7)), max_size=8)


@given(acl_entries)
def test_acl_round_trip(entries) -> None:  # type: ignore[no-untyped-def]
    normalised = tuple(AclEntry(e.tag, e.qualifier if e.tag in ("user", "group") else None, e.perms) for e in entries)
    assert acl.decode(acl.encode(normalised)) == normalised


@given(st.binary(max_size=64))
def test_acl_decoder_rejects_garbage_with_value_error(blob: bytes) -> None:
    with contextlib.suppress(ValueError):
        acl.decode(blob)


def test_mountinfo_tells_node_origin() -> None:
    mounts = container.Mounts("22 21 0:5 / /dev rw - tmpfs tmpfs rw\n30 22 0:5 /nvmap /dev/nvmap rw - devtmpfs udev rw\n")
    assert container.node_origin("/dev/nvmap", mounts, True).value == "bind-mounted"
    assert container.node_origin("/dev/dri/renderD128", mounts, True).value == "created"
    assert container.node_origin("/dev/nvmap", mounts, False).value == "host"


# --- The probe reads without regular expressions (re and fnmatch cost more to import and compile than the
# probe's own work; make bench): each hand-written reader is held to the expression it replaced, as an oracle.

def _regex_release_head(line: str) -> Any:
    import re

    match = re.match(r"#\s*R([0-9]{1,9})\s*\(release\)\s*(?:,\s*(.*))?\Z", line)
    return (match.group(1), match.group(2)) if match else None


release_heads = st.builds("".join, st.lists(st.sampled_from(
    ["#", " ", "\t", "\u00a0", "R", "r", "3", "6", "\u0663", "(release)", "(release", ",", ", ", "REVISION: 4.0", "x"]),
    max_size=9))


@settings(max_examples=500)
@given(st.one_of(release_heads, st.text(max_size=40)))
def test_release_head_reads_as_its_regular_expression(line: str) -> None:
    assert jplatform._head(line) == _regex_release_head(line)


@settings(max_examples=500)
@given(st.lists(st.one_of(st.sampled_from(["REVISION: 4.0", "REVISION:4..1", "REVISION: 4.x", "A_B: c", "ab: c", "X:", ":y",
                                           " ", ""]), st.text(st.characters(blacklist_characters="\n\r"), max_size=12)), max_size=5))
def test_release_fields_read_as_their_regular_expressions(parts: Any) -> None:
    import re

    release = jplatform.parse_release("# R36 (release), " + ", ".join(parts))
    assert release is not None
    fields = []
    for part in (p.strip() for p in ", ".join(parts).split(",")):
        match = re.match(r"([A-Z_]+):\s*(.*)\Z", part) if part else None
        if match:
            fields.append((match.group(1), match.group(2).strip()))
    assert release.fields == tuple(fields)
    revision = dict(fields).get("REVISION")
    assert release.revision == (revision if revision is not None and re.match(r"[0-9]+(\.[0-9]+)*\Z", revision) else None)


@settings(max_examples=500)
@given(st.lists(st.one_of(st.sampled_from(["nvidia,p3767-0005", "nvidia,p3767-00051", "nvidia,p\u0663767-0005", "tegra234"]),
                          st.builds("nvidia,p{}".format, st.text("0123456789-\u0663", max_size=10))), max_size=4))
def test_module_part_reads_as_its_regular_expression(compatible: Any) -> None:
    import re

    entries = tuple(compatible)
    expected = next((m.group(1) for m in (re.match(r"nvidia,(p\d{4}-\d{4})\Z", e) for e in entries[1:-1] or entries[:1])
                     if m), None)
    assert jplatform._module_part(entries) == expected


@settings(max_examples=500)
@given(st.lists(st.one_of(st.sampled_from(["ID=ubuntu", 'PRETTY_NAME="Ubuntu \\"22\\" \\$x \\q"', "A-B=c", "=x", "9_a='b\\`'"]),
                          st.text("aZ9_=\"'\\$` \t\u00a0", max_size=16)), max_size=6))
def test_os_release_reads_as_its_regular_expressions(lines: Any) -> None:
    import re

    expected = {}
    for line in lines:
        match = re.match(r"(?s)([A-Za-z0-9_]+)=(.*)\Z", line)
        if match:
            key, value = match.groups()
            if len(value) >= 2 and value[0] in ("'", '"') and value[-1] == value[0]:
                value = value[1:-1]
            expected[key] = re.sub(r"\\([\\$\"'`])", r"\1", value)
    assert osrelease.parse("\n".join(lines)) == expected


@settings(max_examples=500)
@given(st.text("ab \\0178\t", max_size=16))
def test_mountinfo_unescape_reads_as_its_regular_expression(field: str) -> None:
    import re

    assert container._unescape(field) == re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


@settings(max_examples=500)
@given(st.one_of(st.text("0123456789.:-~+a\u0663", max_size=14), st.text(max_size=10)))
def test_upstream_version_reads_as_its_regular_expression(version: str) -> None:
    import re

    match = re.match(r"([0-9]+(?:\.[0-9]+)*)", version.split(":", 1)[-1])
    expected = tuple(int(p) for p in match.group(1).split(".")) if match else None
    assert dpkg.upstream_version(version) == expected


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["Package: podman", "Package: nvidia-l4t-core", "Status: install ok installed",
                                 "Status: deinstall ok config-files", "Version: 36.4.3-1", "Version:", " Depends: x",
                                 "", " ", "\t", "\u00a0", "\x1c", "junk"]), max_size=14),
       st.sampled_from(["\n", "\r\n"]))
def test_dpkg_stanzas_split_as_their_regular_expression(lines: Any, newline: str) -> None:
    import re

    text = newline.join(lines)
    found = {}
    for stanza in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        fields = {}
        for line in stanza.split("\n"):
            if line[:1] not in (" ", "\t") and ":" in line:
                key, _, value = line.partition(":")
                fields[key.strip().lower()] = value.strip()
        name = fields.get("package")
        if name in dpkg.RELEVANT and fields.get("status", "").endswith(" installed") and fields.get("version"):
            found[name] = fields["version"]
    assert dpkg.parse_status(text) == tuple(Package(n, found[n]) for n in dpkg.RELEVANT if n in found)


@settings(max_examples=1000)
@given(st.text("ab01*?[]!-^\\/.", max_size=8), st.text("ab01-/.!^[]\n", max_size=6))
def test_glob_patterns_match_as_fnmatch_does(pattern: str, name: str) -> None:
    import fnmatch

    assert matches(name, pattern) is fnmatch.fnmatchcase(name, pattern)


def test_the_inventorys_patterns_need_no_regular_expression() -> None:
    """Every pattern of data/devices.json is matched without fnmatch (which would compile it)."""
    for role in data.load("devices")["roles"]:
        for pattern in role["patterns"]:
            assert rootfs._pieces(pattern.rsplit("/", 1)[1]) is not None, pattern


def test_every_table_reads_as_json_reads_it() -> None:
    """data.load uses json's own C scanner (json's Python layer would import re); the result is json's."""
    import glob
    import json

    names = [os.path.basename(p)[:-len(".json")] for p in glob.glob(os.path.join(os.path.dirname(data.__file__), "*.json"))]
    assert len(names) >= 9
    for name in names:
        with open(os.path.join(os.path.dirname(data.__file__), name + ".json"), encoding="utf-8") as handle:
            assert data.load(name) == json.load(handle), name


def test_a_tables_marshal_copy_is_used_only_while_its_source_is_unchanged(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The marshal copy gives the table in json's order; a copy made from another size or time, or one that is
    not marshal data, is passed over for the JSON (and rewritten); a folder that cannot be written is no error."""
    import json
    import marshal

    folder = tmp_path / "data"
    folder.mkdir()
    table = {"b": [1, 2.5, "é", None, True], "a": {"z": 1, "y": 2}}
    (folder / "t.json").write_text(json.dumps(table), encoding="utf-8")
    monkeypatch.setattr(data, "_HERE", str(folder))
    monkeypatch.setattr(data, "_CACHE", str(folder / "__pycache__"))
    monkeypatch.setattr(data, "_LOADED", {})
    monkeypatch.setattr(data.sys, "dont_write_bytecode", False)
    assert json.dumps(data.load("t")) == json.dumps(table)
    copy = folder / "__pycache__" / "t.json.marshal"
    stamp, kept = marshal.loads(copy.read_bytes())  # noqa: S302 (the copy this test just made)
    assert json.dumps(kept) == json.dumps(table) and stamp == data._stamp(str(folder / "t.json"))
    copy.write_bytes(marshal.dumps((stamp, {"stale": True})))  # what the copy says is what load gives, while fresh
    monkeypatch.setattr(data, "_LOADED", {})
    assert data.load("t") == {"stale": True}
    for wrong in (marshal.dumps(((stamp[0] + 1, stamp[1]), {"stale": True})), b"not marshal", b""):
        copy.write_bytes(wrong)
        monkeypatch.setattr(data, "_LOADED", {})
        assert data.load("t") == table
    monkeypatch.setattr(data, "_CACHE", str(folder / "t.json" / "cannot"))  # under a file: nothing can be written
    monkeypatch.setattr(data, "_LOADED", {})
    assert data.load("t") == table


@pytest.mark.parametrize("text", ["", " ", "{", "{} x", "[1,]", "\ufeff{}", "[01]", '{"a": 1} {"b": 2}'])
def test_a_table_the_scanner_cannot_read_is_left_to_json(text: str) -> None:
    assert data._scan(text) is None


@pytest.mark.parametrize("text", [' {"a": [1, 2.5, "x", true, null]}\n', "[NaN, -Infinity]", '"\\u00e9"', "1e400"])
def test_the_scanner_reads_values_as_json_does(text: str) -> None:
    import json

    scanned = data._scan(text)
    assert scanned is not None and repr(scanned[0]) == repr(json.loads(text))
