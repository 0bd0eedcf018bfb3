"""``/etc/passwd`` and ``/etc/group`` read the way glibc's nss_files reads them.

The diagnosis must predict what ``initgroups()`` will do, so the parser copies glibc's quirks
instead of tidying them: a CRLF file yields member names ending in CR (which match nobody), an
extra colon becomes part of a member name, a line ends at a NUL byte, trailing fields may be
missing (``video:x:44``; ``alice:x:1000:1000``), lines that do not parse are skipped, and
duplicate names or GIDs are all kept (getgrnam returns the first; initgroups collects all). What
looked wrong is listed in ``anomalies``. tests/test_rules_accounts.py holds each rule against
glibc's own parser and ``getent``.
"""

from __future__ import annotations

from ..model import Accounts, Anomaly, AnomalyCode, Group, User
from ..rootfs import RootFS
from ..safeio import BLANKS, LARGE_FILE, account_id, id_out_of_range

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Dict, List, Optional, Tuple


class _Entry:
    """One line glibc would try to parse, and where it is (for anomalies)."""

    def __init__(self, path: str, number: int, fields: List[str]) -> None:
        self.path = path
        self.number = number
        self.fields = fields

    def anomaly(self, code: AnomalyCode, what: str) -> Anomaly:
        return Anomaly(code, self.path, self.number, self.fields[0],
                       "{} line {}: {}".format(self.path, self.number, what))

    def skipped(self) -> Anomaly:
        """The line glibc skips, with the cause when it is an id out of range."""
        cause = id_out_of_range(self.path[len("/etc/"):], self.fields)
        return self.anomaly(AnomalyCode.MALFORMED, cause + ", so glibc skips the line" if cause else
                            "malformed, skipped by glibc")


def _entries(text: str, path: str, anomalies: List[Anomaly]) -> List[_Entry]:
    """Each line glibc would try to parse; comments and NIS lines set aside."""
    out: List[_Entry] = []
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.lstrip(BLANKS)  # glibc skips leading isspace() characters
        nul = "\0" in line
        line = line.partition("\0")[0]  # the line is a C string to glibc: it ends at the first NUL
        if nul:
            anomalies.append(Anomaly(AnomalyCode.NUL_BYTE, path, number, line.split(":")[0] or None,
                                     "{} line {}: contains a NUL byte; glibc reads the line only up to it".format(path, number)))
        if not line or line.startswith("#"):
            continue
        entry = _Entry(path, number, line.split(":"))
        if line[0] in "+-":
            anomalies.append(entry.anomaly(AnomalyCode.NIS_ENTRY, "NIS compat entry, ignored"))
        else:
            out.append(entry)
    return out


def parse_group(text: str) -> Tuple[Tuple[Group, ...], Tuple[Anomaly, ...]]:
    groups: List[Group] = []
    anomalies: List[Anomaly] = []
    if "\r" in text:
        anomalies.append(Anomaly(AnomalyCode.CRLF, "/etc/group", None, None,
                                 "/etc/group: CRLF line endings; glibc keeps the CR in the last field"))
    for entry in _entries(text, "/etc/group", anomalies):
        fields = entry.fields
        gid = account_id(fields[2]) if len(fields) >= 3 else None
        if gid is None:
            anomalies.append(entry.skipped())
            continue
        if not fields[0]:
            anomalies.append(entry.anomaly(AnomalyCode.EMPTY_NAME, "empty group name"))
        rest = ":".join(fields[3:])
        if len(fields) > 4:
            anomalies.append(entry.anomaly(AnomalyCode.EXTRA_COLON, "extra ':' becomes part of a member name"))
        groups.append(Group(fields[0], gid, _members(rest)))
    anomalies.extend(_duplicates("/etc/group", [(g.name, g.gid) for g in groups], "GID"))
    return tuple(groups), tuple(anomalies)


def _members(field: str) -> Tuple[str, ...]:
    """The member list as glibc's parse_list splits it: at commas, leading blanks of each name
    skipped (trailing ones kept), empty names dropped."""
    names = (name.lstrip(BLANKS) for name in field.split(","))
    return tuple(name for name in names if name)


def parse_passwd(text: str) -> Tuple[Tuple[User, ...], Tuple[Anomaly, ...]]:
    users: List[User] = []
    anomalies: List[Anomaly] = []
    if "\r" in text:
        anomalies.append(Anomaly(AnomalyCode.CRLF, "/etc/passwd", None, None,
                                 "/etc/passwd: CRLF line endings; glibc keeps the CR in the shell field"))
    for entry in _entries(text, "/etc/passwd", anomalies):
        fields = entry.fields
        # name:passwd:uid:gid are needed; GECOS, home and shell may be missing (glibc leaves them empty)
        uid = account_id(fields[2]) if len(fields) >= 4 else None
        gid = account_id(fields[3]) if len(fields) >= 4 else None
        if uid is None or gid is None:
            anomalies.append(entry.skipped())
            continue
        if not fields[0]:
            anomalies.append(entry.anomaly(AnomalyCode.EMPTY_NAME, "empty user name"))
        home = fields[5] if len(fields) > 5 else ""
        users.append(User(fields[0], uid, gid, home, ":".join(fields[6:])))
    anomalies.extend(_duplicates("/etc/passwd", [(u.name, u.uid) for u in users], "UID"))
    zero = [u.name for u in users if u.uid == 0]
    if len(zero) > 1:
        anomalies.append(Anomaly(AnomalyCode.SEVERAL_ROOTS, "/etc/passwd", None, None,
                                 "/etc/passwd: several accounts have UID 0: " + ", ".join(zero)))
    return tuple(users), tuple(anomalies)


# What glibc makes of a name on several lines: lookups by name stop at the first line, while
# initgroups() (SSH, su, id) reads every line of /etc/group (nss_files: internal_getgrnam_r / initgroups_dyn).
FIRST_MATCH = {
    "/etc/group": "glibc takes the first match for the name (getent group {name}, getgrnam: GID {first}), while "
                  "initgroups (SSH, su, id) adds the GID of every line that lists a user",
    "/etc/passwd": "glibc takes the first match for the name (getent passwd {name}, getpwnam: UID {first}), so a "
                   "login as {name} gets that UID",
}


def _duplicates(path: str, pairs: List[Tuple[str, int]], id_name: str) -> List[Anomaly]:
    out: List[Anomaly] = []
    by_name: Dict[str, List[int]] = {}
    by_id: Dict[int, List[str]] = {}
    for name, number in pairs:
        by_name.setdefault(name, []).append(number)
        by_id.setdefault(number, []).append(name)
    for name, numbers in by_name.items():
        if len(numbers) > 1:
            out.append(Anomaly(AnomalyCode.DUPLICATE_NAME, path, None, name, "{}: name {} appears {} times ({} {}); {}".format(
                path, name, len(numbers), id_name, ", ".join(map(str, numbers)), FIRST_MATCH[path].format(
                    name=name, first=numbers[0]))))
    for number, names in by_id.items():
        if len(set(names)) > 1:
            out.append(Anomaly(AnomalyCode.DUPLICATE_ID, path, None, names[0],
                               "{}: {} {} is shared by {}".format(path, id_name, number, ", ".join(names))))
    return out


GROUP_PATH = "/etc/group"


def _account_file(fs: RootFS, path: str) -> str:
    """The file's text; one that exists but cannot be read is noted, never taken as empty silently."""
    text = fs.read_text(path, limit=LARGE_FILE)
    if text is None and fs.exists(path):
        fs.note(path, "unreadable", "it exists but could not be read (permissions?); run as root or fix its mode")
    return text or ""


def read_group_bytes(fs: RootFS) -> bytes:
    """``/etc/group`` as :func:`probe` read it (the same read: RootFS reads each file once)."""
    content = fs.read(GROUP_PATH, limit=LARGE_FILE)
    return b"" if content is None else content.data


def probe(fs: RootFS) -> Accounts:
    users, user_anomalies = parse_passwd(_account_file(fs, "/etc/passwd"))
    groups, group_anomalies = parse_group(_account_file(fs, GROUP_PATH))
    return Accounts(users, groups, user_anomalies + group_anomalies)


def login_groups(accounts: Accounts, user: User) -> Tuple[int, ...]:
    """What ``initgroups(user, primary)`` yields: the primary GID plus every listing group, sorted."""
    gids = {user.gid}
    gids.update(g.gid for g in accounts.groups if user.name in g.members)
    return tuple(sorted(gids))


def group_name(accounts: Accounts, gid: int) -> Optional[str]:
    """The first group with this GID, as getgrgid() returns it."""
    return next((g.name for g in accounts.groups if g.gid == gid), None)


def find_user(accounts: Accounts, name: Optional[str] = None, uid: Optional[int] = None) -> Optional[User]:
    return next((u for u in accounts.users if (name is not None and u.name == name) or
                 (name is None and u.uid == uid)), None)
