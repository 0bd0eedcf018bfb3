"""The NVIDIA Container Toolkit's version bands (data/toolkit.json) and what each makes of a node.

One interpretation of the band table, shared by the diagnosis (which band made these nodes),
the upgrade preview (what the next band will make of them) and the lab (band profiles whose
nodes look as that band makes them). Every band row is INFERRED from the toolkit's code.
"""

from __future__ import annotations

from . import data
from .probe.dpkg import upstream_version
from .record import frozen_record

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Any, Dict, Optional, Tuple

    Version = Tuple[int, ...]


@frozen_record
class Band:
    id: str
    label: str
    first: Optional[Version]
    last: Optional[Version]
    host_mode: bool           # the node keeps the host's mode (else runc creates it 0666)
    host_gid: bool            # the node keeps the host's GID (else unset: the starting process's GID)
    additional_gids: bool     # the nodes' GIDs are added to the container's first process
    carries: str
    nodes: str
    non_root_needs: str
    source: str
    certainty: str

    def contains(self, version: Version) -> bool:
        return (self.first is None or _pad(version) >= _pad(self.first)) and \
            (self.last is None or _pad(version) <= _pad(self.last))


@frozen_record
class MadeNode:
    """A node as a band creates it in the container."""

    uid: int
    gid: int
    mode: int


def _pad(version: Version) -> Version:
    return tuple(version) + (0,) * (3 - len(version))


def _version(text: Optional[str]) -> Optional[Version]:
    return upstream_version(text) if text else None


def _band(row: Dict[str, Any]) -> Band:
    return Band(row["id"], row["label"], _version(row["first"]), _version(row["last"]), row["node_mode"] == "host",
                row["node_gid"] == "host", bool(row["additional_gids"]), row["carries"], row["nodes"],
                row["non_root_needs"], row["source"], row["certainty"])


def bands() -> Tuple[Band, ...]:
    return tuple(_band(row) for row in data.load("toolkit")["bands"])


def band(band_id: str) -> Band:
    found = next((b for b in bands() if b.id == band_id), None)
    if found is None:
        raise KeyError(band_id)
    return found


def band_for(version: str) -> Optional[Band]:
    """The band of a toolkit version string (``1.19.1``, ``1.16.2-1``); None when it is not a version."""
    parsed = upstream_version(version)
    if parsed is None:
        return None
    return next((b for b in bands() if b.contains(parsed)), None)


def path_row(path_id: str) -> Dict[str, Any]:
    row: Dict[str, Any] = next(r for r in data.load("toolkit")["paths"] if r["id"] == path_id)
    return row


def upgrade_targets() -> Tuple[str, ...]:
    return tuple(data.load("toolkit")["upgrade_targets"])


def made_node(target: Band, host_uid: int, host_gid: int, host_mode: int, start_uid: int, start_gid: int) -> MadeNode:
    """``target``'s node for a host node, in a container whose first process runs as ``start_uid:start_gid``.

    Before 1.12 the edit carried the host's owner, GID and mode. Since 1.12 it carries no owner, so
    runc gives the node to the starting process (root, or the ``-u`` user: then that user opens it as
    owner); the GID is the host's from 1.19.0 on, before that the starting process's.
    """
    if target.first is None:  # <= 1.11: the whole host node
        return MadeNode(host_uid, host_gid, host_mode)
    mode = host_mode if target.host_mode else 0o666
    gid = host_gid if target.host_gid else start_gid
    return MadeNode(start_uid, gid, mode)


def added_gids(target: Band, nodes: Tuple[MadeNode, ...]) -> Tuple[int, ...]:
    """The GIDs ``target`` adds to the first process: those of nodes that grant the group what other lacks."""
    if not target.additional_gids:
        return ()
    return tuple(sorted({n.gid for n in nodes if n.gid and ((n.mode >> 3) & 6) & ~(n.mode & 6)}))
