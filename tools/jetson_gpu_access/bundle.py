"""The support bundle: one redacted .tar.gz with everything a maintainer needs to answer a report.

Contents: the diagnosis and the facts (JSON), readable excerpts (release files, the passwd line of
the target user and the group lines of the groups involved, a node listing, relevant package
versions), and executed runbooks when a runner left them. Before anything is written, host names,
user names other than the target's, IP and MAC addresses, and tokens and keys are replaced by
placeholders; REDACTIONS.txt lists what kind was replaced how often (never the values).
"""

from __future__ import annotations

import io
import json
import os
import re
import socket
import tarfile
import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from .model import Diagnosis
from .probe.acl import render as render_acl
from .rootfs import RootFS
from .serde import to_jsonable

_PATTERNS: Tuple[Tuple[str, str], ...] = (
    ("private key", r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----"),
    ("token", r"\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|AKIA[0-9A-Z]{16}|xox[abprs]-[A-Za-z0-9-]{10,}|"
              r"glpat-[A-Za-z0-9_-]{20,})\b"),
    ("secret assignment", r"(?i)\b(?:token|secret|passw(?:or)?d|api[_-]?key|auth)\b\s*[=:]\s*[^\s\"',]+"),
    ("MAC address", r"\b(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}\b"),
    ("IPv4 address", r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b"),
    # full form, or compressed with '::' (so that times such as 14:35:51 stay)
    ("IPv6 address", r"(?<![\w:.])(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|"
                     r"(?:[0-9A-Fa-f]{1,4}:){1,6}(?::[0-9A-Fa-f]{1,4}){1,6})(?![\w:.])"),
)


class Redactor:
    """Replaces secrets and identities everywhere they occur; counts what it replaced."""

    def __init__(self, hostnames: List[str], other_users: List[str]) -> None:
        self.counts: Dict[str, int] = {}
        self.literals = [(name, "<host>", "host name") for name in hostnames if len(name) > 1]
        self.literals += [(name, "<user{}>".format(i + 1), "user name") for i, name in enumerate(other_users)]
        self.literals.sort(key=lambda item: -len(item[0]))

    def __call__(self, text: str) -> str:
        for kind, pattern in _PATTERNS:
            text, count = re.subn(pattern, "<{}>".format(kind.split()[0].lower()), text, flags=re.S)
            self._count(kind, count)
        for value, placeholder, kind in self.literals:
            text, count = re.subn(r"(?<![\w.-]){}(?![\w-])".format(re.escape(value)), placeholder, text)
            self._count(kind, count)
        return text

    def _count(self, kind: str, count: int) -> None:
        if count:
            self.counts[kind] = self.counts.get(kind, 0) + count

    def report(self) -> str:
        lines = ["Redacted before writing (kind: occurrences); the values are not kept anywhere."]
        lines += ["{}: {}".format(kind, count) for kind, count in sorted(self.counts.items())] or ["nothing"]
        return "\n".join(lines) + "\n"


def _hostnames(fs: RootFS) -> List[str]:
    names = {socket.gethostname()}
    for path in ("/etc/hostname", "/proc/sys/kernel/hostname"):
        text = fs.read_text(path) or ""
        names.update(word for word in text.split() if word)
    names.discard("localhost")
    return sorted(names)


def excerpts(diagnosis: Diagnosis, fs: RootFS) -> str:
    facts = diagnosis.facts
    user = facts.user
    involved = {n.gid for n in facts.devices} | set(v for view in diagnosis.views for v in view.groups)
    out = ["# /etc/nv_tegra_release", fs.read_text("/etc/nv_tegra_release") or "(missing)", "",
           "# os-release", facts.os_release.pretty_name or "(unknown)", "", "# passwd line of the target user"]
    passwd = (fs.read_text("/etc/passwd") or "").splitlines()
    out += [line for line in passwd if user and line.split(":", 1)[0] == user.name] or ["(not found)"]
    out += ["", "# group lines of the groups involved"]
    for line in (fs.read_text("/etc/group") or "").splitlines():
        fields = line.split(":")
        if len(fields) >= 3 and fields[2].isdigit() and int(fields[2]) in involved:
            out.append(line)
    out += ["", "# device nodes (mode uid:gid name, ACL)"]
    for node in facts.devices:
        acl = " " + ",".join(render_acl(e) for e in node.acl) if node.acl else ""
        out.append("{} {:04o} {}:{} ({}) {}{}".format(node.kind.value, node.mode or 0, node.uid, node.gid,
                                                      node.group_name or "no name", node.path, acl))
    out += ["", "# packages"] + ["{} {}".format(p.name, p.version) for p in facts.packages]
    return "\n".join(out) + "\n"


def write(diagnosis: Diagnosis, out_path: str, runbooks_dir: Optional[str] = None) -> Dict[str, int]:
    """Write the bundle; returns the redaction counts."""
    fs = RootFS(diagnosis.facts.root)
    target = diagnosis.facts.user.name if diagnosis.facts.user else ""
    others = [u.name for u in diagnosis.facts.accounts.users if u.name != target and u.uid >= 1000 and u.uid != 65534]
    redact = Redactor(_hostnames(fs), others)
    files: List[Tuple[str, str]] = [
        ("diagnosis.json", json.dumps(to_jsonable(diagnosis), indent=2)),
        ("excerpts.txt", excerpts(diagnosis, fs)),
    ]
    if runbooks_dir and os.path.isdir(runbooks_dir):
        for path in sorted(Path(runbooks_dir).rglob("*")):
            if path.is_file() and path.suffix in (".json", ".ipynb", ".xml", ".md") and path.stat().st_size < 4 << 20:
                files.append(("runbooks/" + str(path.relative_to(runbooks_dir)), path.read_text(errors="replace")))
    redacted = [(name, redact(text)) for name, text in files]
    redacted.append(("REDACTIONS.txt", redact.report()))
    with tarfile.open(out_path, "w:gz") as archive:
        for name, text in redacted:
            payload = text.encode("utf-8")
            info = tarfile.TarInfo("jetson-gpu-access-bundle/" + name)
            info.size, info.mtime, info.mode = len(payload), int(time.time()), 0o644
            archive.addfile(info, io.BytesIO(payload))
    return dict(redact.counts)


def read_diagnosis(path: str) -> Diagnosis:
    """The diagnosis stored in a bundle (for explain); ValueError when it is not a bundle."""
    from .serde import from_jsonable

    try:
        with tarfile.open(path, "r:gz") as archive:
            member = archive.extractfile("jetson-gpu-access-bundle/diagnosis.json")
            if member is None:
                raise ValueError("no diagnosis.json")
            return from_jsonable(Diagnosis, json.loads(member.read().decode("utf-8")))
    except (OSError, KeyError, tarfile.TarError, ValueError) as error:
        raise ValueError("{} is not a jetson-gpu-access bundle: {}".format(path, error)) from error
