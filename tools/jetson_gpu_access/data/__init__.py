"""Tables kept as data (JSON with their sources), loaded once per process."""

from __future__ import annotations

import functools
import json
import os

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Any, Dict

_HERE = os.path.dirname(os.path.abspath(__file__))


@functools.lru_cache(maxsize=None)
def load(name: str) -> Dict[str, Any]:
    """The parsed JSON file ``name`` (without extension) from this folder."""
    with open(os.path.join(_HERE, name + ".json"), encoding="utf-8") as handle:
        data: Dict[str, Any] = json.load(handle)
    return data
