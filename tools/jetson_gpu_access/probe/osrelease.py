"""os-release(5): ``/etc/os-release``, else ``/usr/lib/os-release``.

Rules: KEY=VALUE lines, an optional matching pair of quotes around the value, backslash escapes
for the five special characters, no variable expansion, and the last duplicate key wins. A value
with unbalanced quotes is kept as written, as Python's platform.freedesktop_os_release() does.
"""

from __future__ import annotations

from ..model import OsRelease
from ..rootfs import RootFS
from ..safeio import SMALL_FILE

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Dict

PATHS = ("/etc/os-release", "/usr/lib/os-release")
_KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"
_ESCAPED = "\\$\"'`"  # what a backslash escapes in a quoted value (os-release(5)); other backslashes stay


def parse(text: str) -> Dict[str, str]:
    """The key-value pairs of an os-release file; lines that do not fit are skipped."""
    values: Dict[str, str] = {}
    for line in text.split("\n"):
        key, equals, value = line.partition("=")
        if not equals or not key or key.strip(_KEY):  # KEY=value, KEY of ASCII letters, digits and _
            continue
        if len(value) >= 2 and value[0] in ("'", '"') and value[-1] == value[0]:
            value = value[1:-1]
        values[key] = _unescape(value)
    return values


def _unescape(value: str) -> str:
    if "\\" not in value:
        return value
    out, at = [], 0
    while at < len(value):
        if value[at] == "\\" and value[at + 1:at + 2] and value[at + 1] in _ESCAPED:
            at += 1
        out.append(value[at])
        at += 1
    return "".join(out)


def probe(fs: RootFS) -> OsRelease:
    for path in PATHS:
        text = fs.read_text(path, limit=SMALL_FILE)
        if text is not None:
            values = parse(text)
            return OsRelease(path, values.get("ID"), values.get("VERSION_ID"), values.get("PRETTY_NAME"))
    return OsRelease(None, None, None, None)
