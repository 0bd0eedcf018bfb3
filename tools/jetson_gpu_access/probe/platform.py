"""Which Jetson (if any) and which L4T/JetPack release this root belongs to.

Sources, in order of trust: ``/etc/nv_tegra_release`` (from the nvidia-l4t-core package; Yocto
installs only its first line), the nvidia-l4t-core package version, and the device tree. JetPack
comes from two maintained tables kept as data; a release neither lists stays unknown.
"""

from __future__ import annotations

from .. import data
from ..model import JetPackClaim, Package, Platform, TegraRelease
from ..rootfs import RootFS
from ..safeio import SMALL_FILE
from .dpkg import upstream_version

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import List, Optional, Tuple

RELEASE_FILE = "/etc/nv_tegra_release"
# /proc/device-tree is a link to this; on machines without a device tree neither exists.
DEVICE_TREE_DIRS = ("/proc/device-tree", "/sys/firmware/devicetree/base")
# Read by hand rather than with regular expressions: re costs more to import and compile than the
# probe's own work (make bench). "Whitespace" is str.strip()'s, the same characters as re's \s.
_DIGITS = "0123456789"
_FIELD_NAME = "ABCDEFGHIJKLMNOPQRSTUVWXYZ_"


def _head(line: str) -> Optional[Tuple[str, Optional[str]]]:
    """``# R<1-9 digits> (release)`` with optional whitespace between, then nothing or ``, FIELDS``:
    the digits and FIELDS (None without a comma); None when the line does not fit."""
    rest = line[1:].lstrip() if line.startswith("#") else ""
    digits = rest[1:len(rest) - len(rest[1:].lstrip(_DIGITS))] if rest.startswith("R") else ""
    if not 1 <= len(digits) <= 9:
        return None
    rest = rest[1 + len(digits):].lstrip()
    if not rest.startswith("(release)"):
        return None
    rest = rest[len("(release)"):].lstrip()
    if not rest:
        return digits, None
    return (digits, rest[1:].lstrip()) if rest.startswith(",") else None


def parse_release(text: str) -> Optional[TegraRelease]:
    """Parse ``# R36 (release), REVISION: 4.3, GCID: ..., BOARD: ..., EABI: ..., DATE: ...``.

    Returns None for an empty file. A first line that does not fit gives a release with
    ``major=None`` and the reason in ``anomalies``, never an exception.
    """
    lines = [line.rstrip("\r") for line in text.split("\n")]
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        return None
    anomalies: List[str] = []
    if "\r" in text:
        anomalies.append("CRLF line endings")
    first = lines[0].strip()
    head = _head(first)
    if head is None:
        anomalies.append("first line is not '# R<major> (release), ...'")
        return TegraRelease(first, None, None, (), tuple(lines[1:]), tuple(anomalies))
    fields: List[Tuple[str, str]] = []
    for part in (head[1] or "").split(","):
        part = part.strip()
        if not part:
            continue
        name, colon, value = part.partition(":")
        if colon and name and not name.strip(_FIELD_NAME):  # NAME: value, NAME of A-Z and _
            fields.append((name, value.strip()))
        else:
            anomalies.append("unrecognised field {!r}".format(part))
    revision = dict(fields).get("REVISION")
    if revision is not None and not all(run and not run.strip(_DIGITS) for run in revision.split(".")):
        anomalies.append("REVISION {!r} is not numeric".format(revision))
        revision = None
    if revision is None and not any(a.startswith("REVISION") for a in anomalies):
        anomalies.append("no REVISION field")
    extra = tuple(line.strip() for line in lines[1:] if line.strip())
    return TegraRelease(first, int(head[0]), revision, tuple(fields), extra, tuple(anomalies))


def l4t_from_release(release: TegraRelease) -> Optional[str]:
    if release.major is None or release.revision is None:
        return None
    return "{}.{}".format(release.major, release.revision)


def l4t_from_package(version: str) -> Optional[str]:
    """``36.4.3-20250107174145`` -> ``36.4.3`` (as jetson_stats does when the file is missing)."""
    parts = upstream_version(version)
    return ".".join(str(p) for p in parts) if parts and len(parts) >= 2 else None


def jetpack_for(l4t: Optional[str]) -> Tuple[JetPackClaim, ...]:
    """Every table's claim for this L4T release; empty when no table lists it."""
    if l4t is None:
        return ()
    claims = data.load("l4t_jetpack")["releases"].get(l4t, {})
    return tuple(JetPackClaim(source, claims[source]) for source in sorted(claims))


def _module_part(compatible: Tuple[str, ...]) -> Optional[str]:
    """The module's part number: ``nvidia,p3767-0005`` in ``p3768-0000+p3767-0005, p3767-0005, tegra234``.

    Only the number is reported; which product it is lives in jetson_stats' EEPROM tables,
    which this probe does not copy.
    """
    for entry in compatible[1:-1] or compatible[:1]:
        part = entry[len("nvidia,"):]  # nvidia,pNNNN-NNNN (digits as re's \d: any decimal digit)
        if entry.startswith("nvidia,p") and len(part) == 10 and part[5] == "-" and (part[1:5] + part[6:]).isdecimal():
            return part
    return None


def _device_tree(fs: RootFS, name: str) -> Optional[bytes]:
    for directory in DEVICE_TREE_DIRS:
        blob = fs.read_bytes(directory + "/" + name, limit=4096)
        if blob is not None:
            return blob
    return None


def probe(fs: RootFS, packages: Tuple[Package, ...], has_nvmap: bool) -> Platform:
    model_blob = _device_tree(fs, "model")
    model = model_blob.split(b"\0")[0].decode("utf-8", "replace").strip() if model_blob else None
    compat_blob = _device_tree(fs, "compatible") or b""
    compatible = tuple(c.decode("utf-8", "replace") for c in compat_blob.split(b"\0") if c)
    soc = compatible[-1].split(",", 1)[-1] if compatible else None
    module = _module_part(compatible)
    soc_name = data.load("l4t_jetpack")["socs"].get(soc) if soc else None

    text = fs.read_text(RELEASE_FILE, limit=SMALL_FILE)
    release = parse_release(text) if text is not None else None
    core = next((p.version for p in packages if p.name == "nvidia-l4t-core"), None)
    l4t: Optional[str] = None
    l4t_source: Optional[str] = None
    if release is not None and l4t_from_release(release):
        l4t, l4t_source = l4t_from_release(release), RELEASE_FILE
    elif core is not None and l4t_from_package(core):
        l4t, l4t_source = l4t_from_package(core), "package nvidia-l4t-core"

    signals: List[str] = []
    if release is not None:
        signals.append(RELEASE_FILE)
    if core is not None:
        signals.append("package nvidia-l4t-core " + core)
    if any(c.startswith("nvidia,tegra") for c in compatible):
        signals.append("device tree compatible " + (soc or ""))
    if has_nvmap:
        signals.append("/dev/nvmap")
    return Platform(model, compatible, module, soc, soc_name, release, core, l4t, l4t_source, jetpack_for(l4t), tuple(signals))
