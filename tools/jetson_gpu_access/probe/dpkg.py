"""Installed package versions from dpkg's status file (no dpkg-query process needed)."""

from __future__ import annotations

from ..model import Package
from ..safeio import decimal

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Dict, List, Optional, Tuple

# Only these matter to the diagnosis; keeping the list short keeps facts readable.
RELEVANT = (
    "nvidia-l4t-core",
    "nvidia-container-toolkit",
    "nvidia-container-toolkit-base",
    "libnvidia-container-tools",
    "libnvidia-container1",
    "nvidia-container-runtime",
    "nvidia-docker2",
    "docker-ce",
    "docker.io",
    "containerd",
    "containerd.io",
    "podman",
)
STATUS_PATH = "/var/lib/dpkg/status"


def parse_status(text: str) -> Tuple[Package, ...]:
    """Installed relevant packages, in the order of RELEVANT."""
    found: Dict[str, str] = {}
    fields: Dict[str, str] = {}
    for line in text.replace("\r\n", "\n").split("\n") + [""]:
        if not line.strip():  # a blank (or whitespace-only) line ends a package's stanza
            name = fields.get("package")
            if name in RELEVANT and fields.get("status", "").endswith(" installed") and fields.get("version"):
                found[name] = fields["version"]
            fields = {}
        elif line[:1] not in (" ", "\t") and ":" in line:  # continuation lines carry no field
            key, _, value = line.partition(":")
            fields[key.strip().lower()] = value.strip()
    return tuple(Package(name, found[name]) for name in RELEVANT if name in found)


def upstream_version(version: str) -> Optional[Tuple[int, ...]]:
    """Numeric upstream part of a Debian version: ``1:1.17.8-1`` -> (1, 17, 8); None if absent."""
    runs = version.split(":", 1)[-1].split(".")
    parts: List[Optional[int]] = []
    for run in runs:  # the leading digits of each dot-separated run, up to the first run that is not all digits
        digits = len(run) - len(run.lstrip("0123456789"))
        if digits:
            parts.append(decimal(run[:digits], 1 << 63))
        if digits < len(run) or not digits:
            break
    if not parts:
        return None
    return None if None in parts else tuple(int(p or 0) for p in parts)
