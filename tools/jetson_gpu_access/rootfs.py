"""Every read goes through a root directory, so a scratch tree or a lab device stands in for `/`.

Paths given to a :class:`RootFS` are absolute paths *inside* the root (``/etc/group``). Symbolic
links are resolved inside the root too: an absolute link target is re-rooted, never followed
onto the machine running the probe. Reads go through :mod:`safeio`: the resolved path is opened
without following any further link, regular files only, up to a cap; every read the cap cut
short is kept in :attr:`RootFS.partial_reads` for the facts (finding INP-001).
"""

from __future__ import annotations

import os
import posixpath

from .model import PartialRead
from .safeio import LARGE_FILE, Content, read_under

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Dict, List, Optional, Tuple, Union

    # one character of a pattern: a literal character, "*", "?", or a class (negated, ((low, high), ...))
    _Piece = Union[str, Tuple[bool, Tuple[Tuple[str, str], ...]]]

_MAX_LINKS = 40  # the kernel's own limit on nested symlinks (ELOOP)


def empty_root(root: str) -> str:
    """Why ``root`` names no root at all, or "": an empty one, which every path call would take as the current folder."""
    return "" if root.strip() else "ROOT is empty{}".format(" (only blanks)" if root else "")


class RootFS:
    """Read-only access to a file tree mounted at ``root``."""

    def __init__(self, root: str = "/") -> None:
        empty = empty_root(root)
        if empty:
            raise ValueError(empty + "; give a folder, / for this system")
        self.root = os.path.abspath(root)
        self.partial_reads: List[PartialRead] = []
        # Each file is read once per RootFS: what the probe parsed is what plan diffs and digests
        # (two reads of /etc/group could disagree).
        self._reads: Dict[Tuple[str, int], Optional[Content]] = {}
        self._listings: Dict[str, Optional[List[str]]] = {}  # directory -> its names, listed once as well

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

    def listing(self, directory: str) -> Optional[List[str]]:
        """The names in ``directory`` (listed once per RootFS, like every read), or None when it cannot be listed."""
        if directory not in self._listings:
            try:
                self._listings[directory] = os.listdir(self.host_path(self.resolve(directory)))
            except OSError:
                self._listings[directory] = None
        return self._listings[directory]

    def glob(self, pattern: str) -> List[str]:
        """Expand a pattern whose wildcards are in the last component only, sorted."""
        directory, name = posixpath.split(pattern)
        names = self.listing(directory)
        if not any(ch in name for ch in "*?["):
            if names is not None and name not in names and name not in ("", ".", ".."):
                return []  # most of the inventory's fixed paths are absent: no need to resolve each one
            return [pattern] if self.exists(pattern) else []
        return sorted(posixpath.join(directory, e) for e in names or () if matches(e, name))


def matches(name: str, pattern: str) -> bool:
    """``fnmatch.fnmatchcase(name, pattern)``, without compiling a regular expression for the usual patterns.

    The probe matches every device pattern of the inventory once per call; fnmatch would import re and
    compile each pattern (``make bench``). Patterns of literal characters, ``*``, ``?`` and classes such as
    ``[0-9]`` or ``[!a-z_]`` are matched here; any other class is left to fnmatch itself.
    """
    pieces = _pieces(pattern)
    if pieces is None:
        import fnmatch

        return fnmatch.fnmatchcase(name, pattern)
    # Classic wildcard matching: on a mismatch, let the last '*' take one more character and retry.
    at, step, star, star_at = 0, 0, -1, 0
    while at < len(name):
        piece = pieces[step] if step < len(pieces) else ""
        if piece == "*":
            star, star_at, step = step, at, step + 1
        elif piece != "" and _one(piece, name[at]):
            at, step = at + 1, step + 1
        elif star >= 0:
            star_at += 1
            at, step = star_at, star + 1
        else:
            return False
    return all(piece == "*" for piece in pieces[step:])


def _one(piece: _Piece, char: str) -> bool:
    if isinstance(piece, str):
        return piece == "?" or piece == char
    negated, ranges = piece
    return any(low <= char <= high for low, high in ranges) is not negated


def _pieces(pattern: str) -> Optional[List[_Piece]]:
    """The pattern as one piece per character it matches, or None for a class this does not read as fnmatch does."""
    pieces: List[_Piece] = []
    at = 0
    while at < len(pattern):
        char = pattern[at]
        if char != "[":
            if not (char == "*" and pieces[-1:] == ["*"]):
                pieces.append(char)
            at += 1
            continue
        end = pattern.find("]", at + 1)
        negated = pattern[at + 1:at + 2] == "!"
        members = pattern[at + 1 + negated:end]
        # Left to fnmatch: no closing ']', an empty class, a leading or trailing '-', and characters
        # that its translation to a regular expression treats specially.
        if end < 0 or not members or members[0] == "-" or members[-1] == "-" or any(c in members for c in "[]\\&~|^"):
            return None
        ranges: List[Tuple[str, str]] = []
        index = 0
        while index < len(members):
            if members[index + 1:index + 2] == "-":
                low, high = members[index], members[index + 2]
                if low > high or members[index + 3:index + 4] == "-":
                    return None
                ranges.append((low, high))
                index += 3
            else:
                ranges.append((members[index], members[index]))
                index += 1
        pieces.append((negated, tuple(ranges)))
        at = end + 1
    return pieces
