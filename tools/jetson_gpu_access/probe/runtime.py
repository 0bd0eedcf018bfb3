"""What a container launch leaves visible inside the root: capabilities, CDI specs, the toolkit's
mode, devices no default container has, and the container's main process.

These are the evidence for the injection path and toolkit band (data/toolkit.json): a full
capability bounding set means ``--privileged``; a CDI spec that sets ``fileMode``/``gid`` or lists
``additionalGids`` was written by toolkit 1.18.2 or later; ``/dev/mem`` or a disk in /dev means the
host's devices are there. Nothing is judged here; this tool never advises any of these launches.
"""

from __future__ import annotations

from .. import data
from ..model import CdiNode, CdiSpec, EntrypointDrop, ProcessInfo, Runtime
from ..rootfs import RootFS
from . import session, shell

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Any, Dict, List, Optional, Tuple

CDI_DIRS = ("/etc/cdi", "/var/run/cdi", "/run/cdi")
TOOLKIT_CONFIG = "/etc/nvidia-container-runtime/config.toml"
MAX_SPEC_BYTES = 4 << 20
MAX_SESSIONS = 32
# patterns as text: re compiles them on first use, not when the module loads
_LINE = r"^([ \t]*)(?:(- )[ \t]*)?([A-Za-z][A-Za-z0-9_]*)[ \t]*:[ \t]*(.*[^\s]|)\s*$"  # no two blank runs meet
_ITEM = r"^\s*-\s*(\S+)\s*$"


def _number(text: str) -> Optional[int]:
    """A YAML integer as the toolkit writes it: decimal, 0o660 or 0660 (octal)."""
    text = text.strip().strip("'\"")
    try:
        if text.lower().startswith("0o"):
            return int(text[2:], 8)
        if len(text) > 1 and text.startswith("0") and text.isdigit():
            return int(text, 8)
        return int(text)
    except ValueError:
        return None


def _from_json(doc: Any, path: str) -> CdiSpec:
    nodes: List[CdiNode] = []
    gids: List[int] = []

    def edits(block: Any) -> None:
        if not isinstance(block, dict):
            return
        for node in block.get("deviceNodes") or []:
            if isinstance(node, dict) and isinstance(node.get("path"), str):
                mode, gid = node.get("fileMode"), node.get("gid")
                nodes.append(CdiNode(node["path"], mode if isinstance(mode, int) else None,
                                     gid if isinstance(gid, int) else None))
        gids.extend(g for g in block.get("additionalGids") or [] if isinstance(g, int))

    if isinstance(doc, dict):
        edits(doc.get("containerEdits"))
        for device in doc.get("devices") or []:
            if isinstance(device, dict):
                edits(device.get("containerEdits"))
    return CdiSpec(path, tuple(nodes), tuple(sorted(set(gids))))


def parse_spec(text: str, path: str) -> CdiSpec:
    """The device nodes and additional GIDs of one CDI spec (JSON, or the YAML nvidia-ctk writes).

    The YAML reader knows only the shapes a spec has (block lists, ``key: value``, inline
    ``[1, 2]`` lists); anything else is skipped rather than guessed.
    """
    import re  # here: only a root with CDI specs needs these (make bench)

    if text.lstrip().startswith("{"):
        import json

        try:
            return _from_json(json.loads(text), path)
        except ValueError:
            return CdiSpec(path, (), ())
    nodes: List[Dict[str, Any]] = []
    gids: List[int] = []
    section = ""
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = re.match(_ITEM, line)
        if item and section == "additionalGids":
            number = _number(item.group(1))
            if number is not None:
                gids.append(number)
            continue
        match = re.match(_LINE, line)
        if not match:
            continue
        _, dash, key, value = match.groups()
        if key in ("deviceNodes", "mounts", "hooks", "additionalGids", "devices", "env", "containerEdits",
                   "intelRdt", "netDevices"):
            section = key
            if key == "additionalGids" and value.startswith("["):
                gids.extend(n for n in (_number(v) for v in value.strip("[]").split(",") if v.strip()) if n is not None)
                section = ""
            continue
        if section != "deviceNodes":
            continue
        if dash and key == "path":
            nodes.append({"path": value.strip("'\"")})
        elif nodes and key in ("fileMode", "gid"):
            nodes[-1][key] = _number(value)
    return CdiSpec(path, tuple(CdiNode(n["path"], n.get("fileMode"), n.get("gid")) for n in nodes),
                   tuple(sorted(set(gids))))


def cdi_specs(fs: RootFS) -> Tuple[CdiSpec, ...]:
    specs = []
    for directory in CDI_DIRS:
        for path in sorted(fs.glob(directory + "/*.yaml") + fs.glob(directory + "/*.json")):
            text = fs.read_text(path, limit=MAX_SPEC_BYTES)
            if text is not None:
                specs.append(parse_spec(text, path))
    return tuple(specs)


def toolkit_mode(text: Optional[str]) -> Optional[str]:
    """``mode`` in the ``[nvidia-container-runtime]`` table of the toolkit's config.toml."""
    table = ""
    for line in (text or "").splitlines():
        stripped = line.split("#", 1)[0].strip()
        if stripped.startswith("["):
            table = stripped.strip("[] ")
            continue
        key, sep, value = stripped.partition("=")
        if sep and table == "nvidia-container-runtime" and key.strip() == "mode":
            return value.strip().strip("'\"") or None
    return None


def _capabilities(fs: RootFS) -> Tuple[Optional[int], Optional[int]]:
    status = session.parse_status(fs.read_text("/proc/self/status", limit=65536) or "")
    last = (fs.read_text("/proc/sys/kernel/cap_last_cap", limit=64) or "").strip()
    try:
        bounding: Optional[int] = int(status["CapBnd"], 16)
    except (KeyError, ValueError):
        bounding = None
    return bounding, int(last) if last.isdigit() else None


MAX_SCRIPT_BYTES = 256 << 10
MAX_DROPS = 32        # switches named from the scripts: more say nothing new


def entrypoint_drops(fs: RootFS) -> Tuple[EntrypointDrop, ...]:
    """User switches in the scripts PID 1 runs (its command line's absolute paths that are scripts): each simple
    command, past its wrappers, read as the row of data/privilege_drops.json whose command it is; a switch to root
    drops to no user."""
    raw = fs.read_bytes("/proc/1/cmdline", limit=65536) or b""
    found: List[EntrypointDrop] = []
    switches = None
    for arg in raw.decode("utf-8", "replace").split("\0")[:8]:
        if not arg.startswith("/"):
            continue
        text = fs.read_text(arg, limit=MAX_SCRIPT_BYTES)
        if not text or not text.startswith("#!"):
            continue
        if switches is None:
            import re  # only for a script PID 1 runs: the probe of most roots compiles no pattern

            switches = [(row["id"], re.compile(row["command"]))
                        for row in data.load("privilege_drops")["paths"] if row["command"]]
        for number, line, words in shell.logical_lines(text):
            for command in shell.commands(words):
                tool = _switch(command, switches)
                if tool is not None:
                    found.append(EntrypointDrop(arg, number, tool, line.strip()[:200]))
                    if len(found) == MAX_DROPS:
                        return tuple(found)
    return tuple(found)


def _switch(command: List[str], switches: List[Tuple[str, Any]]) -> Optional[str]:
    """The privilege_drops.json row a simple command is, None for none or for a switch to root; `sudo` to root runs the
    command after its options, which is read the same way (sudo su - app, sudo -i -- gosu app)."""
    for _ in range(shell.MAX_SUDO_NESTING):
        spoken = " ".join(command)
        row = next((row for row, pattern in switches if pattern.match(spoken)), None)
        if command[0] == "sudo":
            user, command = shell.sudo_parts(command)
            if not shell.is_root(user):
                return row  # sudo -u app: sudo's own switch
            if not command:
                return None  # sudo -i, sudo -s: a shell as root
            continue  # as root it runs a command, which may switch: sudo -i -- setpriv ..., sudo -u root gosu app
        return None if row is None or shell.is_root(shell.target(command)) else row
    return None


def probe(fs: RootFS, in_container: bool) -> Runtime:
    bounding, last = _capabilities(fs)
    host_only = tuple(p for p in data.load("toolkit")["host_only_devices"] if fs.exists(p))
    init = session.probe(fs, "1") if in_container else None
    return Runtime(bounding, last, cdi_specs(fs), toolkit_mode(fs.read_text(TOOLKIT_CONFIG, limit=1 << 20)),
                   host_only, init, entrypoint_drops(fs) if in_container else ())


def sessions(fs: RootFS, uid: int, skip: Tuple[str, ...]) -> Tuple[ProcessInfo, ...]:
    """The first process of each of ``uid``'s sessions visible in this root's /proc (an SSH login, an
    exec from outside the PID namespace, a switch from another user), a bounded few; their children
    hold the same groups and are left out."""
    found: List[ProcessInfo] = []
    for path in sorted(fs.glob("/proc/[0-9]*"), key=lambda p: int(p.rsplit("/", 1)[1])):
        pid = path.rsplit("/", 1)[1]
        if pid in skip:
            continue
        info = session.probe(fs, pid)
        if info is not None and info.uid == uid and session.starts_session(fs, pid, uid):
            found.append(info)
            if len(found) >= MAX_SESSIONS:
                break
    return tuple(found)
