"""Installed package versions from dpkg's status file (no dpkg-query process needed)."""

from __future__ import annotations

import re

from ..model import Package
from ..safeio import decimal

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Dict, Optional, Tuple

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
    for stanza in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        fields: Dict[str, str] = {}
        for line in stanza.split("\n"):
            if line[:1] in (" ", "\t") or ":" not in line:
                continue
            key, _, value = line.partition(":")
            fields[key.strip().lower()] = value.strip()
        name = fields.get("package")
        if name in RELEVANT and fields.get("status", "").endswith(" installed") and fields.get("version"):
            found[name] = fields["version"]
    return tuple(Package(name, found[name]) for name in RELEVANT if name in found)


def upstream_version(version: str) -> Optional[Tuple[int, ...]]:
    """Numeric upstream part of a Debian version: ``1:1.17.8-1`` -> (1, 17, 8); None if absent."""
    without_epoch = version.split(":", 1)[-1]
    match = re.match(r"([0-9]+(?:\.[0-9]+)*)", without_epoch)
    if not match:
        return None
    parts = [decimal(part, 1 << 63) for part in match.group(1).split(".")]
    return None if None in parts else tuple(int(p or 0) for p in parts)
