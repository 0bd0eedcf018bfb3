"""Every read goes through a root directory, so a scratch tree or a lab device stands in for `/`.

Paths given to a :class:`RootFS` are absolute paths *inside* the root (``/etc/group``). Symbolic
links are resolved inside the root too: an absolute link target is re-rooted, never followed
onto the machine running the probe. Reads go through :mod:`safeio`: the resolved path is opened
without following any further link, regular files only, up to a cap; every read the cap cut
short is kept in :attr:`RootFS.partial_reads` for the facts (finding INP-001).
"""

from __future__ import annotations

import fnmatch
import os
import posixpath

from .model import PartialRead
from .safeio import LARGE_FILE, Content, read_under

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Dict, List, Optional, Tuple

_MAX_LINKS = 40  # the kernel's own limit on nested symlinks (ELOOP)


class RootFS:
    """Read-only access to a file tree mounted at ``root``."""

    def __init__(self, root: str = "/") -> None:
        self.root = os.path.abspath(root)
        self.partial_reads: List[PartialRead] = []
        # Each file is read once per RootFS: what the probe parsed is what plan diffs and digests
        # (two reads of /etc/group could disagree).
        self._reads: Dict[Tuple[str, int], Optional[Content]] = {}

    def host_path(self, path: str) -> str:
        """The path on this machine for ``path`` inside the root (no symlink resolution)."""
        inner = posixpath.normpath("/" + path.lstrip("/"))
        if self.root == "/":
            return inner
        return self.root + inner

    def resolve(self, path: str) -> str:
        """Resolve symlinks in ``path`` without leaving the root; returns the inner path."""
        parts = [p for p in posixpath.normpath("/" + path.lstrip("/")).split("/") if p]
        resolved = "/"
        hops = 0
        while parts:
            name = parts.pop(0)
            if name == "..":
                resolved = posixpath.dirname(resolved) or "/"
                continue
            candidate = posixpath.join(resolved, name)
            try:
                target = os.readlink(self.host_path(candidate))
            except OSError:
                resolved = candidate
                continue
            hops += 1
            if hops > _MAX_LINKS:
                raise OSError(40, "Too many levels of symbolic links", path)
            base = "/" if target.startswith("/") else resolved
            parts = [p for p in target.split("/") if p and p != "."] + parts
            resolved = base
        return resolved

    def read(self, path: str, limit: int = LARGE_FILE) -> Optional[Content]:
        """The file at ``path`` inside the root, or None when it is missing or cannot be read.

        Raises :class:`~jetson_gpu_access.safeio.InputError` when it is not a regular file; a
        read cut at ``limit`` is recorded in :attr:`partial_reads`.
        """
        if (path, limit) in self._reads:
            return self._reads[path, limit]
        try:
            content: Optional[Content] = read_under(self.root, self.resolve(path), limit)
        except OSError:
            content = None
        if content is not None and content.truncated:
            self.note(path, "truncated", content.describe())
        self._reads[path, limit] = content
        return content

    def note(self, path: str, reason: str, detail: str) -> None:
        """Record that ``path`` was not read in full (once per path and reason)."""
        entry = PartialRead(path, reason, detail)
        if entry not in self.partial_reads:
            self.partial_reads.append(entry)

    def read_bytes(self, path: str, limit: int = LARGE_FILE) -> Optional[bytes]:
        """File contents (at most ``limit`` bytes), or None when it cannot be read."""
        content = self.read(path, limit)
        return None if content is None else content.data

    def read_text(self, path: str, limit: int = LARGE_FILE) -> Optional[str]:
        """File contents decoded the one way (:func:`safeio.decode`), or None."""
        content = self.read(path, limit)
        return None if content is None else content.text

    def exists(self, path: str) -> bool:
        try:
            return os.path.lexists(self.host_path(self.resolve(path)))
        except OSError:  # a link loop: something is there, it just leads nowhere
            return os.path.lexists(self.host_path(path))

    def glob(self, pattern: str) -> List[str]:
        """Expand a pattern whose wildcards are in the last component only, sorted."""
        directory, name = posixpath.split(pattern)
        if not any(ch in name for ch in "*?["):
            return [pattern] if self.exists(pattern) else []
        try:
            entries = os.listdir(self.host_path(self.resolve(directory)))
        except OSError:
            return []
        return sorted(posixpath.join(directory, e) for e in entries if fnmatch.fnmatchcase(e, name))
