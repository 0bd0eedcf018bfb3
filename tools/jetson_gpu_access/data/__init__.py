"""Tables kept as data (JSON with their sources), loaded once per process.

A table's parsed value is also kept as marshal data in ``__pycache__`` beside its source, as Python
keeps bytecode, and is used while the source's size and modification time are those it was made from:
marshal is built into the interpreter, where reading JSON needs the ``_json`` extension loaded
(``make bench``). ``compile_all`` writes every table's copy for a read-only install; where none can be
written, the table is read from its JSON each time.
"""

from __future__ import annotations

import marshal
import os
import sys

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Any, Dict, Optional, Tuple

_HERE = os.path.dirname(os.path.abspath(__file__))
_CACHE = os.path.join(_HERE, "__pycache__")
_WHITESPACE = " \t\n\r"  # what JSON allows around a value
# Each table once per process, by name. A dict rather than functools.lru_cache: functools brings collections
# and operator, which nothing else on the way of a diagnose needs (``make bench``).
_LOADED: Dict[str, Dict[str, Any]] = {}


def load(name: str) -> Dict[str, Any]:
    """The parsed JSON file ``name`` (without extension) from this folder, read once per process."""
    if name not in _LOADED:
        source = os.path.join(_HERE, name + ".json")
        stamp = _stamp(source)
        value = _cached(name, stamp)
        if value is None:
            value = _parse(source)
            if not sys.dont_write_bytecode:
                _keep(name, stamp, value)
        _LOADED[name] = value
    return _LOADED[name]


def compile_all() -> None:
    """Write the marshal copy of every table (for an install that will be read-only later)."""
    for entry in sorted(os.listdir(_HERE)):
        if entry.endswith(".json"):
            name = entry[:-5]
            _keep(name, _stamp(os.path.join(_HERE, entry)), _parse(os.path.join(_HERE, entry)))


def _stamp(source: str) -> Tuple[int, int]:
    status = os.stat(source)
    return status.st_size, status.st_mtime_ns


def _parse(source: str) -> Dict[str, Any]:
    with open(source, encoding="utf-8") as handle:
        text = handle.read()
    scanned = _scan(text)
    if scanned is None:
        import json

        scanned = (json.loads(text),)  # json reads it, and says what is wrong where the scanner gave up
    value: Dict[str, Any] = scanned[0]
    return value


def _cached(name: str, stamp: Tuple[int, int]) -> Optional[Dict[str, Any]]:
    """The marshal copy of table ``name`` when it was made from a source of this size and time, else None."""
    try:
        with open(os.path.join(_CACHE, name + ".json.marshal"), "rb") as handle:
            # as trusted as the package's own bytecode beside it, which Python runs
            made_from, value = marshal.loads(handle.read())  # noqa: S302
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return value if made_from == stamp and isinstance(value, dict) else None


def _keep(name: str, stamp: Tuple[int, int], value: Dict[str, Any]) -> None:
    """Write the marshal copy, whole or not at all (safeio.replace_in); a folder it cannot write is no error."""
    from ..safeio import replace_in, write_all

    try:
        os.makedirs(_CACHE, exist_ok=True)
        folder = os.open(_CACHE, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            replace_in(folder, name + ".json.marshal", lambda fd: write_all(fd, marshal.dumps((stamp, value))),
                       mode=0o644)
        finally:
            os.close(folder)
    except OSError:
        pass


class _JsonDefaults:
    """The settings ``json.loads`` gives its scanner when called without options."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = float  # NaN, Infinity and -Infinity, as json reads them


def _scan(text: str) -> Optional[Tuple[Any]]:
    """``(json.loads(text),)`` by the C scanner that json.loads itself runs, or None where there is none or it fails.

    Our own tables need nothing else of json, whose Python layer imports re and compiles its
    patterns as it loads: together more than any other import of a diagnose (``make bench``).
    """
    try:
        from _json import make_scanner  # CPython's accelerator of json (absent on other implementations)

        scan = make_scanner(_JsonDefaults)  # type: ignore[arg-type]  # it reads only these attributes
        value, end = scan(text, len(text) - len(text.lstrip(_WHITESPACE)))
    except (ImportError, StopIteration, ValueError):
        return None
    return (value,) if not text[end:].strip(_WHITESPACE) else None
