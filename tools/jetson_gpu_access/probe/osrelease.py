"""os-release(5): ``/etc/os-release``, else ``/usr/lib/os-release``.

Rules: KEY=VALUE lines, an optional matching pair of quotes around the value, backslash escapes
for the five special characters, no variable expansion, and the last duplicate key wins. A value
with unbalanced quotes is kept as written, as Python's platform.freedesktop_os_release() does.
"""

from __future__ import annotations

import re

from ..model import OsRelease
from ..rootfs import RootFS
from ..safeio import SMALL_FILE

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Dict

PATHS = ("/etc/os-release", "/usr/lib/os-release")
# Patterns as text: re compiles (and caches) them on first use, not when the module loads.
_LINE = r"(?s)([A-Za-z0-9_]+)=(.*)\Z"
_ESCAPE = r"\\([\\$\"'`])"


def parse(text: str) -> Dict[str, str]:
    """The key-value pairs of an os-release file; lines that do not fit are skipped."""
    values: Dict[str, str] = {}
    for line in text.split("\n"):
        match = re.match(_LINE, line)
        if not match:
            continue
        key, value = match.groups()
        if len(value) >= 2 and value[0] in ("'", '"') and value[-1] == value[0]:
            value = value[1:-1]
        values[key] = re.sub(_ESCAPE, r"\1", value)
    return values


def probe(fs: RootFS) -> OsRelease:
    for path in PATHS:
        text = fs.read_text(path, limit=SMALL_FILE)
        if text is not None:
            values = parse(text)
            return OsRelease(path, values.get("ID"), values.get("VERSION_ID"), values.get("PRETTY_NAME"))
    return OsRelease(None, None, None, None)
