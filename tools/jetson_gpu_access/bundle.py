"""The support bundle: one redacted .tar.gz with everything a maintainer needs to answer a report.

Contents: the diagnosis and the facts (JSON), readable excerpts (release files, the passwd line of
the target user and the group lines of the groups involved, a node listing, relevant package
versions), and executed runbooks when a runner left them. Everything is read through
:mod:`safeio` without following links (a runbook folder's ``leak.json -> /etc/shadow`` is
skipped and listed, never copied), and before anything is written every kind of secret and
identity in :mod:`redact` is replaced by a placeholder, in file names too; REDACTIONS.txt lists
every kind looked for and how often it was replaced (never the values). The archive is written
as a new file renamed into place (:func:`safeio.write_output`), never into what is at ``--out``.
"""

from __future__ import annotations

import io
import json
import os
import socket
import stat
import tarfile
import time
import zlib
from typing import BinaryIO, Dict, List, Optional, Tuple

from .model import Diagnosis
from .probe.acl import render as render_acl
from .redact import Redactor
from .rootfs import RootFS
from .safeio import LARGE_FILE, SMALL_FILE, InputError, decimal, load_json, read_file, read_under, walk_under, write_output
from .serde import to_jsonable

PREFIX = "jetson-gpu-access-bundle/"
RUNBOOK_SUFFIXES = (".json", ".ipynb", ".xml", ".md")
RUNBOOK_FILE_LIMIT = 4 << 20
RUNBOOK_FILES = 200               # a full run leaves four runbooks of four files each
RUNBOOK_TOTAL = 32 << 20
BUNDLE_LIMIT = 64 << 20          # a bundle, compressed or not, is never near this
MAX_MEMBERS = 10000
_HOST_FILES = ("/etc/hostname", "/proc/sys/kernel/hostname", "/etc/mailname")


class BundleError(InputError):
    """A file given as a bundle that is not one this tool would read (exit code 2)."""


def _root_text(fs: RootFS, path: str, limit: int = SMALL_FILE) -> Optional[str]:
    """A file of the root for the bundle: no link followed at all, anything odd left out."""
    try:
        return read_under(fs.root, path, limit).text
    except (OSError, InputError):
        return None


def _hostnames(fs: RootFS) -> List[str]:
    names = {socket.gethostname()}
    for path in _HOST_FILES:
        names.update((_root_text(fs, path) or "").split())
    for line in (_root_text(fs, "/etc/hosts") or "").splitlines():
        names.update(line.split("#", 1)[0].split()[1:])
    for name in list(names):
        names.add(name.split(".", 1)[0])  # the short name of a fully qualified one
    return sorted(n for n in names if n and n not in ("localhost", "localhost.localdomain", "ip6-localhost",
                                                        "ip6-loopback", "ip6-allnodes", "ip6-allrouters", "localdomain"))


def _passwd_identities(passwd: str, target: str) -> Tuple[List[str], List[str]]:
    """Every GECOS field (target's included: a real name is personal) and other users' homes."""
    gecos, homes = [], []
    for line in passwd.splitlines():
        fields = line.split(":")
        if len(fields) < 7:
            continue
        names = {fields[0], target}  # a GECOS that only repeats a login name hides nothing
        gecos += [part for part in [fields[4]] + fields[4].split(",") if len(part) > 2 and part not in names]
        if fields[0] != target and fields[5].startswith(("/home/", "/Users/", "/srv/", "/data/")):
            homes.append(fields[5])
    return gecos, homes


def excerpts(diagnosis: Diagnosis, fs: RootFS) -> str:
    facts = diagnosis.facts
    user = facts.user
    involved = {n.gid for n in facts.devices} | set(v for view in diagnosis.views for v in view.groups)
    out = ["# /etc/nv_tegra_release", _root_text(fs, "/etc/nv_tegra_release") or "(missing)", "",
           "# os-release", facts.os_release.pretty_name or "(unknown)", "", "# passwd line of the target user"]
    for line in (_root_text(fs, "/etc/passwd", LARGE_FILE) or "").splitlines():
        fields = line.split(":")
        if user and fields[0] == user.name:
            if len(fields) > 4 and fields[4]:
                fields[4] = "<gecos>"
            out.append(":".join(fields))
    if out[-1].startswith("#"):
        out.append("(not found)")
    out += ["", "# group lines of the groups involved"]
    for line in (_root_text(fs, "/etc/group", LARGE_FILE) or "").splitlines():
        fields = line.split(":")
        if len(fields) >= 3 and decimal(fields[2]) in involved:
            out.append(line)
    out += ["", "# device nodes (mode uid:gid name, ACL)"]
    for node in facts.devices:
        acl = " " + ",".join(render_acl(e) for e in node.acl) if node.acl else ""
        out.append("{} {:04o} {}:{} ({}) {}{}".format(node.kind.value, node.mode or 0, node.uid, node.gid,
                                                      node.group_name or "no name", node.path, acl))
    out += ["", "# packages"] + ["{} {}".format(p.name, p.version) for p in facts.packages]
    return "\n".join(out) + "\n"


def runbook_files(runbooks_dir: Optional[str]) -> Tuple[List[Tuple[str, str]], List[str]]:
    """(name, text) of the executed runbooks' files, and what was left out and why.

    Nothing below ``runbooks_dir`` is followed: links, FIFOs and devices are left out, and so is
    the folder itself when it is a link.
    """
    files: List[Tuple[str, str]] = []
    skipped: List[str] = []
    total = 0
    if not runbooks_dir or not os.path.lexists(runbooks_dir):
        return files, skipped
    if not stat.S_ISDIR(os.lstat(runbooks_dir).st_mode):
        return files, ["runbooks: --runbooks is not a folder (links are not followed)"]
    for relative, why in walk_under(runbooks_dir):
        if len(skipped) >= 100:  # a folder of a million files is not a runbook run: stop looking
            skipped.append("runbooks: more was left out; the listing stops here")
            break
        if why is not None:
            skipped.append("runbooks/{}: {}".format(relative, why))
            continue
        if not relative.endswith(RUNBOOK_SUFFIXES):
            continue
        try:
            content = read_under(runbooks_dir, relative, RUNBOOK_FILE_LIMIT)
        except (OSError, InputError) as error:
            skipped.append("runbooks/{}: not read: {}".format(relative, getattr(error, "cause", None) or error))
            continue
        if content.truncated:
            skipped.append("runbooks/{}: not copied: larger than {} MiB".format(relative, RUNBOOK_FILE_LIMIT >> 20))
            continue
        if len(files) >= RUNBOOK_FILES or total + len(content.data) > RUNBOOK_TOTAL:
            skipped.append("runbooks/{}: not copied: the bundle holds at most {} runbook files, {} MiB in all".format(
                relative, RUNBOOK_FILES, RUNBOOK_TOTAL >> 20))
            continue
        total += len(content.data)
        files.append(("runbooks/" + relative, content.text))
    return sorted(files), skipped


def _redacted_file(redact: Redactor, name: str, text: str) -> str:
    """A runbook file redacted: JSON (results, notebooks) value by value, anything else as text."""
    if name.endswith((".json", ".ipynb")):
        try:
            return json.dumps(redact.json(load_json(text.encode("utf-8", "replace"), name)), indent=1)
        except ValueError:
            pass
    return redact(text)


def write(diagnosis: Diagnosis, out_path: str, runbooks_dir: Optional[str] = None) -> Dict[str, int]:
    """Write the bundle; returns the redaction counts."""
    fs = RootFS(diagnosis.facts.root)
    target = diagnosis.facts.user.name if diagnosis.facts.user else ""
    accounts = diagnosis.facts.accounts
    known = {u.name for u in accounts.users}
    others = [u.name for u in accounts.users if u.name != target and u.uid >= 1000 and u.uid != 65534]
    # a group's member that no passwd line names is a directory (LDAP, sssd) user's: a person's name too
    others += sorted({m for g in accounts.groups for m in g.members if m and m != target and m not in known})
    gecos, homes = _passwd_identities(_root_text(fs, "/etc/passwd", LARGE_FILE) or "", target)
    redact = Redactor(_hostnames(fs), others, gecos, homes, keep_user=target)
    extra, skipped = runbook_files(runbooks_dir)
    redacted = [("diagnosis.json", json.dumps(redact.json(to_jsonable(diagnosis)), indent=2)),
                ("excerpts.txt", redact(excerpts(diagnosis, fs)))]
    redacted += [(redact(name), _redacted_file(redact, name, text)) for name, text in extra]
    redacted.append(("REDACTIONS.txt", redact.report(redact(item) for item in skipped)))

    def archive_into(handle: BinaryIO) -> None:
        with tarfile.open(fileobj=handle, mode="w:gz") as archive:
            for name, text in redacted:
                payload = text.encode("utf-8", "replace")
                info = tarfile.TarInfo(PREFIX + name)
                info.size, info.mtime, info.mode = len(payload), int(time.time()), 0o644
                archive.addfile(info, io.BytesIO(payload))

    write_output(out_path, archive_into, "give --out a new file in a folder of your own")
    return dict(redact.counts)


def _gunzip(data: bytes, path: str) -> bytes:
    """Decompress with a cap on the output, so a small file cannot expand without bound."""
    out: List[bytes] = []
    total = 0
    while data:
        engine = zlib.decompressobj(wbits=31)
        try:
            chunk = engine.decompress(data, BUNDLE_LIMIT + 1 - total)
        except zlib.error as error:
            raise BundleError(path, "is not a gzip file ({})".format(error), "give a bundle written by 'bundle'") from None
        total += len(chunk)
        out.append(chunk)
        if total > BUNDLE_LIMIT or engine.unconsumed_tail:
            raise BundleError(path, "expands to more than {} MiB".format(BUNDLE_LIMIT >> 20),
                              "a bundle is far smaller; give one written by 'bundle'")
        data = engine.unused_data
    return b"".join(out)


def read_diagnosis(path: str) -> Diagnosis:
    """The diagnosis stored in a bundle (for explain); :class:`BundleError` when it is not one.

    The archive is decompressed with a cap, and each member's type and size are checked from its
    header before anything of it is read: a sparse, linked or oversized member is refused.
    """
    from .serde import from_jsonable

    try:
        content = read_file(path, BUNDLE_LIMIT)
    except OSError as error:
        raise BundleError(path, "cannot be read ({})".format(error.strerror or error), "check the path") from None
    if content.truncated:
        raise BundleError(path, "is larger than {} MiB".format(BUNDLE_LIMIT >> 20), "give a bundle written by 'bundle'")
    try:
        with tarfile.open(fileobj=io.BytesIO(_gunzip(content.data, path)), mode="r:") as archive:
            for count, member in enumerate(archive):
                if count >= MAX_MEMBERS:
                    raise ValueError("more than {} members".format(MAX_MEMBERS))
                if member.name != PREFIX + "diagnosis.json":
                    continue
                if not member.isfile() or member.issparse() or member.size > BUNDLE_LIMIT:
                    raise ValueError("its diagnosis.json is not a plain file of a sane size")
                handle = archive.extractfile(member)
                if handle is None:
                    raise ValueError("its diagnosis.json cannot be read")
                return from_jsonable(Diagnosis, load_json(handle.read(BUNDLE_LIMIT), PREFIX + "diagnosis.json"))
    except (OSError, KeyError, tarfile.TarError, ValueError, TypeError) as error:
        raise BundleError(path, "is not a jetson-gpu-access bundle: {}".format(error),
                          "give a bundle written by 'jetson-gpu-access bundle'") from None
    raise BundleError(path, "is not a jetson-gpu-access bundle: no diagnosis.json",
                      "give a bundle written by 'jetson-gpu-access bundle'")
