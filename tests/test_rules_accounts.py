"""The account parsers rule by rule, with glibc as the judge.

Fixed cases name each nss_files rule the parser copies (files-parse.c STRING_FIELD/INT_FIELD,
files-grp.c, files-pwd.c); a random comparison with glibc's fgetpwent backs them; and the same
corpus goes through a real ``getent`` (glibc's NSS, files backend) over scratch account files
bound into a bubblewrap sandbox.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
from pathlib import Path
from typing import List, Optional, Tuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jetson_gpu_access.model import Accounts, Anomaly, AnomalyCode, Group, User
from jetson_gpu_access.probe import accounts
from jetson_gpu_access.probe.accounts import find_user, group_name, login_groups, probe
from jetson_gpu_access.rootfs import RootFS
from test_parsers import _libc, glibc_entries, glibc_groups

# --- /etc/group ---------------------------------------------------------------------------------

GROUP_CASES = {
    # INT_FIELD accepts a number that ends the line: the members field may be missing
    "video:x:44": ([Group("video", 44, ())], []),
    "video:x:44:": ([Group("video", 44, ())], []),
    "video:x:44:alice,bob": ([Group("video", 44, ("alice", "bob"))], []),
    "video:x:44:alice,,bob,": ([Group("video", 44, ("alice", "bob"))], []),
    # parse_list skips blanks before each member name, not after it
    "video:x:44: alice,\tbob ,\vcarol": ([Group("video", 44, ("alice", "bob ", "carol"))], []),
    # strtoul: leading blanks and '+' taken, anything else after the digits refused, 32 bits at most
    "video:x: 44:": ([Group("video", 44, ())], []),
    "video:x:+44:": ([Group("video", 44, ())], []),
    "video:x:4294967295:": ([Group("video", 4294967295, ())], []),
    "video:x:4294967296:": ([], ["/etc/group line 1: GID '4294967296' is out of range (0 to 4294967294), so glibc "
                                 "skips the line"]),
    "video:x:44 :": ([], ["/etc/group line 1: malformed, skipped by glibc"]),
    "video:x:-44:": ([], ["/etc/group line 1: GID '-44' is negative (0 to 4294967294), so glibc skips the line"]),
    "video:x:\u0664\u0664:": ([], ["/etc/group line 1: malformed, skipped by glibc"]),  # Arabic-Indic digits
    # isspace() is the C locale's six blanks, not Python's idea of white space
    "video:x:\x1c44:": ([], ["/etc/group line 1: malformed, skipped by glibc"]),
    "\x1cvideo:x:44:\x1calice": ([Group("\x1cvideo", 44, ("\x1calice",))], []),
    "video:x:": ([], ["/etc/group line 1: malformed, skipped by glibc"]),
    "video:x": ([], ["/etc/group line 1: malformed, skipped by glibc"]),
    "video": ([], ["/etc/group line 1: malformed, skipped by glibc"]),
    # leading white space is skipped, comments and blank lines are not entries
    " \tvideo:x:44:": ([Group("video", 44, ())], []),
    "# video:x:44:": ([], []),
    "   ": ([], []),
    # glibc keeps what looks wrong; the parser says so
    ":x:5:": ([Group("", 5, ())], ["/etc/group line 1: empty group name"]),
    "x:x:5:a:b": ([Group("x", 5, ("a:b",))], ["/etc/group line 1: extra ':' becomes part of a member name"]),
    "+video:x:44:": ([], ["/etc/group line 1: NIS compat entry, ignored"]),
    "-video": ([], ["/etc/group line 1: NIS compat entry, ignored"]),
    # C strings end at a NUL byte: glibc reads the line up to it and drops the rest
    "video:x:44:a\0b": ([Group("video", 44, ("a",))], ["/etc/group line 1: contains a NUL byte; glibc reads the line only up to it"]),
    "video:x:4\x0045:": ([Group("video", 4, ())], ["/etc/group line 1: contains a NUL byte; glibc reads the line only up to it"]),
    "video:x:44:a\0b\0c": ([Group("video", 44, ("a",))],
                           ["/etc/group line 1: contains a NUL byte; glibc reads the line only up to it"]),
    "video:x\0:44:": ([], ["/etc/group line 1: contains a NUL byte; glibc reads the line only up to it",
                           "/etc/group line 1: malformed, skipped by glibc"]),
}


def parse_group(text: str):  # type: ignore[no-untyped-def]
    """The parser's groups, and its anomalies as the text a report shows (their codes are held elsewhere)."""
    groups, anomalies = accounts.parse_group(text)
    return groups, tuple(a.text for a in anomalies)


def parse_passwd(text: str):  # type: ignore[no-untyped-def]
    users, anomalies = accounts.parse_passwd(text)
    return users, tuple(a.text for a in anomalies)


@pytest.mark.parametrize("line", sorted(GROUP_CASES))
def test_group_line(line: str) -> None:
    groups, anomalies = GROUP_CASES[line]
    assert parse_group(line + "\n") == (tuple(groups), tuple(anomalies))


def test_group_file_level_anomalies_name_the_line() -> None:
    text = "# header\n\nvideo:x:44:alice\r\nrender:x:993:\nrender:x:994:\nvideo2:x:44:\nbad\n"
    groups, anomalies = parse_group(text)
    assert groups == (Group("video", 44, ("alice\r",)), Group("render", 993, ()), Group("render", 994, ()),
                      Group("video2", 44, ()))
    assert anomalies == (
        "/etc/group: CRLF line endings; glibc keeps the CR in the last field",
        "/etc/group line 7: malformed, skipped by glibc",
        "/etc/group: name render appears 2 times (GID 993, 994); glibc takes the first match for the name (getent "
        "group render, getgrnam: GID 993), while initgroups (SSH, su, id) adds the GID of every line that lists a user",
        "/etc/group: GID 44 is shared by video, video2",
    )


def test_one_group_listed_twice_with_one_gid_is_not_a_shared_gid() -> None:
    _, anomalies = parse_group("video:x:44:\nvideo:x:44:alice\n")
    assert [a.split(";")[0] for a in anomalies] == ["/etc/group: name video appears 2 times (GID 44, 44)"]


def test_group_cases_agree_with_glibc() -> None:
    for line, (groups, _) in GROUP_CASES.items():
        ours = [(g.name, g.gid, g.members) for g in groups]
        theirs = [g for g in glibc_groups(line + "\n") if not g[0].startswith(("+", "-"))]
        assert ours == theirs, line


# --- /etc/passwd --------------------------------------------------------------------------------

PASSWD_CASES = {
    "root:x:0:0:root:/root:/bin/bash": ([User("root", 0, 0, "/root", "/bin/bash")], []),
    "alice:x:1000:1000:Alice:/home/alice:/bin/bash": ([User("alice", 1000, 1000, "/home/alice", "/bin/bash")], []),
    # STRING_FIELD stops at the end of the line: GECOS, home and shell may be missing (getent prints them empty)
    "alice:x:1000:1000": ([User("alice", 1000, 1000, "", "")], []),
    "alice:x:1000:1000:": ([User("alice", 1000, 1000, "", "")], []),
    "alice:x:1000:1000:Alice:/home/alice": ([User("alice", 1000, 1000, "/home/alice", "")], []),
    "alice:x:1000:1000::/home/alice:/bin/sh:extra": ([User("alice", 1000, 1000, "/home/alice", "/bin/sh:extra")], []),
    "alice:x: 1000:+1000::/h:/bin/sh": ([User("alice", 1000, 1000, "/h", "/bin/sh")], []),
    "alice:x:1000:": ([], ["/etc/passwd line 1: malformed, skipped by glibc"]),
    "alice:x:1000": ([], ["/etc/passwd line 1: malformed, skipped by glibc"]),
    "alice:x::1000::/h:/bin/sh": ([], ["/etc/passwd line 1: malformed, skipped by glibc"]),
    "alice:x:-1:1000::/h:/bin/sh": ([], ["/etc/passwd line 1: UID '-1' is negative (0 to 4294967294), so glibc skips the line"]),
    "alice:x:4294967296:1000::/h:/bin/sh": ([], ["/etc/passwd line 1: UID '4294967296' is out of range (0 to "
                                                 "4294967294), so glibc skips the line"]),
    ":x:1001:1001::/h:/bin/sh": ([User("", 1001, 1001, "/h", "/bin/sh")], ["/etc/passwd line 1: empty user name"]),
    "+alice": ([], ["/etc/passwd line 1: NIS compat entry, ignored"]),
    "# alice:x:1000:1000::/h:/bin/sh": ([], []),
}


@pytest.mark.parametrize("line", sorted(PASSWD_CASES))
def test_passwd_line(line: str) -> None:
    users, anomalies = PASSWD_CASES[line]
    assert parse_passwd(line + "\n") == (tuple(users), tuple(anomalies))


def test_passwd_file_level_anomalies() -> None:
    text = "root:x:0:0::/root:/bin/sh\r\ntoor:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/h:/bin/sh\nbob:x:1000:1000::/h:/bin/sh\n"
    users, anomalies = parse_passwd(text)
    assert [u.name for u in users] == ["root", "toor", "alice", "bob"]
    assert users[0].shell == "/bin/sh\r"
    assert anomalies == (
        "/etc/passwd: CRLF line endings; glibc keeps the CR in the shell field",
        "/etc/passwd: UID 0 is shared by root, toor",
        "/etc/passwd: UID 1000 is shared by alice, bob",
        "/etc/passwd: several accounts have UID 0: root, toor",
    )


class _Passwd(ctypes.Structure):
    _fields_ = [("pw_name", ctypes.c_char_p), ("pw_passwd", ctypes.c_char_p), ("pw_uid", ctypes.c_uint),
                ("pw_gid", ctypes.c_uint), ("pw_gecos", ctypes.c_char_p), ("pw_dir", ctypes.c_char_p),
                ("pw_shell", ctypes.c_char_p)]


_libc.fgetpwent.restype = ctypes.POINTER(_Passwd)
_libc.fgetpwent.argtypes = [ctypes.c_void_p]


def _text(field: Optional[bytes]) -> str:
    return (field or b"").decode("utf-8", "replace")  # NIS compat entries leave fields NULL


def glibc_users(text: str) -> List[Tuple[str, int, int, str, str]]:
    """What glibc's fgetpwent (the nss_files line parser) makes of ``text``."""
    return glibc_entries(text, _libc.fgetpwent, lambda p: (_text(p.pw_name), p.pw_uid, p.pw_gid, _text(p.pw_dir),
                                                           _text(p.pw_shell)))


def test_passwd_cases_agree_with_glibc() -> None:
    for line, (users, _) in PASSWD_CASES.items():
        theirs = [u for u in glibc_users(line + "\n") if not u[0].startswith(("+", "-"))]
        assert [(u.name, u.uid, u.gid, u.home, u.shell) for u in users] == theirs, line


passwd_lines = st.lists(st.one_of(
    st.builds(lambda fields: ":".join(fields), st.lists(st.sampled_from(
        ["alice", "", "x", "1000", " 7", "+3", "-1", "4294967296", "12a", "/home/a", "/bin/sh", "\r"]), max_size=9)),
    st.text(alphabet="ab:01 #+\r\0\t", max_size=14),
), max_size=6)


@settings(max_examples=300)
@given(passwd_lines)
def test_passwd_parser_matches_glibc(lines) -> None:  # type: ignore[no-untyped-def]
    text = "\n".join(lines) + "\n"
    ours = [(u.name, u.uid, u.gid, u.home, u.shell) for u in parse_passwd(text)[0]]
    theirs = [u for u in glibc_users(text) if not u[0].startswith(("+", "-"))]
    assert ours == theirs


# --- the real thing: getent over scratch files in a sandbox ---------------------------------------

def _getent(database: str, files: Path) -> List[str]:
    """``getent DATABASE`` with this machine's glibc, seeing ``files`` as /etc/passwd and /etc/group."""
    if shutil.which("bwrap") is None or shutil.which("getent") is None:
        pytest.skip("needs bwrap and getent: a sandbox where the scratch files are /etc/passwd and /etc/group")
    nsswitch = files / "nsswitch.conf"
    nsswitch.write_text("passwd: files\ngroup: files\n", encoding="utf-8")
    result = subprocess.run(["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--ro-bind", str(files / "passwd"), "/etc/passwd",
                             "--ro-bind", str(files / "group"), "/etc/group", "--ro-bind", str(nsswitch), "/etc/nsswitch.conf",
                             "getent", database], capture_output=True, timeout=30, check=False)
    if result.returncode not in (0, 2) and b"bwrap" in result.stderr:
        pytest.skip("bwrap cannot make a sandbox here: {}".format(result.stderr.decode(errors="replace").strip()))
    return [line for line in result.stdout.decode("utf-8", "surrogateescape").split("\n") if line]


def test_getent_reads_the_cases_as_the_parsers_do(tmp_path: Path) -> None:
    # getent prints with putgrent/putpwent, which refuse a field holding ':' (EINVAL) and stop the
    # listing; fgetgrent/fgetpwent above judge those lines. NIS compat lines would need NIS.
    printable = [line for line in list(GROUP_CASES) + list(PASSWD_CASES) if line[0] not in "+-" and
                 not line.startswith("x:x:5:a:b") and not line.endswith(":extra")]
    group_text = "".join(line + "\n" for line in printable if line in GROUP_CASES)
    passwd_text = "".join(line + "\n" for line in printable if line in PASSWD_CASES)
    (tmp_path / "group").write_text(group_text, encoding="utf-8")
    (tmp_path / "passwd").write_text(passwd_text, encoding="utf-8")
    groups = [line.split(":", 3) for line in _getent("group", tmp_path)]
    assert [(g[0], int(g[2]), tuple(m for m in g[3].split(",") if m)) for g in groups] == [
        (g.name, g.gid, g.members) for g in parse_group(group_text)[0]]
    users = [line.split(":", 6) for line in _getent("passwd", tmp_path)]
    assert [(u[0], int(u[2]), int(u[3]), u[5], u[6]) for u in users] == [
        (u.name, u.uid, u.gid, u.home, u.shell) for u in parse_passwd(passwd_text)[0]]


# --- what the diagnosis asks of the databases -------------------------------------------------------

ALICE = User("alice", 1000, 1000, "/home/alice", "/bin/sh")
ACCOUNTS = Accounts(
    (User("root", 0, 0, "/root", "/bin/sh"), ALICE, User("bob", 1001, 1001, "/home/bob", "/bin/sh")),
    (Group("video", 44, ("alice",)), Group("render", 993, ("bob",)), Group("video2", 44, ()),
     Group("gpu", 2000, ("alice",)), Group("alice", 1000, ())),
    (),
)


def test_login_groups_are_primary_plus_listing_groups_sorted_once() -> None:
    assert login_groups(ACCOUNTS, ALICE) == (44, 1000, 2000)
    assert login_groups(ACCOUNTS, User("carol", 1002, 993, "/", "/bin/sh")) == (993,)


def test_group_name_is_the_first_with_that_gid() -> None:
    assert (group_name(ACCOUNTS, 44), group_name(ACCOUNTS, 993), group_name(ACCOUNTS, 4)) == ("video", "render", None)


def test_find_user_by_name_or_else_by_uid() -> None:
    assert find_user(ACCOUNTS, name="alice") == ALICE
    assert find_user(ACCOUNTS, uid=1000) == ALICE
    assert find_user(ACCOUNTS, name="carol", uid=1000) is None  # a name that is not there is not a UID lookup
    assert find_user(ACCOUNTS, name="bob", uid=1000) == ACCOUNTS.users[2]
    assert find_user(ACCOUNTS) is None


def test_probe_reads_both_files_through_the_root(tmp_path: Path) -> None:
    os.makedirs(tmp_path / "etc")
    (tmp_path / "etc" / "passwd").write_text("alice:x:1000:1000::/home/alice:/bin/sh\n", encoding="utf-8")
    (tmp_path / "etc" / "group").write_text("video:x:44:alice\r\n", encoding="utf-8")
    assert probe(RootFS(str(tmp_path))) == Accounts(
        (ALICE,), (Group("video", 44, ("alice\r",)),),
        (Anomaly(AnomalyCode.CRLF, "/etc/group", None, None, "/etc/group: CRLF line endings; glibc keeps the CR in the last field"),))
    assert probe(RootFS(str(tmp_path / "missing"))) == Accounts((), (), ())
