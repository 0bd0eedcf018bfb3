"""Tables kept as data (JSON with their sources), loaded once per process."""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Any, Dict, Optional, Tuple

_HERE = os.path.dirname(os.path.abspath(__file__))
_WHITESPACE = " \t\n\r"  # what JSON allows around a value
# Each table once per process, by name. A dict rather than functools.lru_cache: functools brings collections
# and operator, which nothing else on the way of a diagnose needs (``make bench``).
_LOADED: Dict[str, Dict[str, Any]] = {}


def load(name: str) -> Dict[str, Any]:
    """The parsed JSON file ``name`` (without extension) from this folder, read once per process."""
    if name not in _LOADED:
        with open(os.path.join(_HERE, name + ".json"), encoding="utf-8") as handle:
            text = handle.read()
        scanned = _scan(text)
        if scanned is None:
            import json

            scanned = (json.loads(text),)  # json reads it, and says what is wrong where the scanner gave up
        _LOADED[name] = scanned[0]
    return _LOADED[name]


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
