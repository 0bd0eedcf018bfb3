"""Every read goes through a root directory, so a scratch tree or a lab device stands in for `/`.

Paths given to a :class:`RootFS` are absolute paths *inside* the root (``/etc/group``). Symbolic
links are resolved inside the root too: an absolute link target is re-rooted, never followed
onto the machine running the probe.
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
from typing import List, Optional

_MAX_LINKS = 40  # the kernel's own limit on nested symlinks (ELOOP)


class RootFS:
    """Read-only access to a file tree mounted at ``root``."""

    def __init__(self, root: str = "/") -> None:
        self.root = os.path.abspath(root)

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

    def read_bytes(self, path: str, limit: int = 1 << 20) -> Optional[bytes]:
        """File contents (at most ``limit`` bytes), or None when it cannot be read."""
        try:
            with open(self.host_path(self.resolve(path)), "rb") as handle:
                return handle.read(limit)
        except OSError:
            return None

    def read_text(self, path: str, limit: int = 1 << 20) -> Optional[str]:
        """File contents decoded as UTF-8 (undecodable bytes replaced), or None."""
        data = self.read_bytes(path, limit)
        return None if data is None else data.decode("utf-8", "replace")

    def exists(self, path: str) -> bool:
        return os.path.lexists(self.host_path(self.resolve(path)))

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
