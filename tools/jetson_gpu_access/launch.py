"""How a container was started, read from pasted text: `docker run` / `podman run` lines and
compose fragments (`group_add:`, `devices:`, `user:`, `privileged:`, `runtime:`, `/dev:/dev`).

These settings decide what the container process holds (its extra GIDs, its nodes), which SSH
logins then do not: explain reports them, and turns numeric `--group-add` GIDs into the process
view's groups. Only options before the image are the engine's; the rest is the command.
"""

from __future__ import annotations

import re
import shlex
from typing import Dict, List, Optional, Sequence, Tuple

from .record import frozen_record
from .safeio import decimal

# A run command where a command starts (not "see 'docker run --help'" in a message): at the line's
# start, after sudo, a `set -x` "+ ", a backtick, "$(", "&&" or ";".
RUN_LINE = re.compile(r"(?:^|`|\$\(|&&\s*|;\s*)(?:\+\s+)?(?:sudo\s+(?:-\S+\s+)*)?(docker|podman)\s+(?:container\s+)?run\b(.*)")
# Engine options that take no value; every other option without '=' takes the next word.
FLAGS = {"--rm", "--privileged", "--init", "--read-only", "--interactive", "--tty", "--detach", "--help",
         "--sig-proxy", "--no-healthcheck", "--oom-kill-disable", "--publish-all", "--quiet"}
SHORT_FLAGS = set("itdPq")
COMPOSE_LIST_KEYS = ("group_add", "devices", "volumes")
_KEYS = "|".join(COMPOSE_LIST_KEYS + ("user", "privileged", "runtime"))
COMPOSE_KEY = re.compile(r"^({})\s*:\s*(.*)$".format(_KEYS))
# A unified-diff marker in front of a compose line ("-     - \"110\"", "+    group_add:").
DIFF_MARK = re.compile(r"^[+-](?=\s+(?:- |(?:{})\s*:))".format(_KEYS))


@frozen_record
class Launch:
    """The launch settings a text showed; what it did not show stays empty."""

    source: str                  # "docker run", "podman run" or "compose"
    group_add: Tuple[str, ...]   # as written: GIDs or group names
    devices: Tuple[str, ...]     # --device / devices: entries, as written
    user: Optional[str]
    privileged: bool
    runtime: Optional[str]
    dev_mount: bool              # the host's whole /dev bound in (-v /dev:/dev)
    image: Optional[str]
    text: str                    # the line or fragment it was read from

    @property
    def numeric_groups(self) -> Tuple[int, ...]:
        numbers = (decimal(g) for g in self.group_add)
        return tuple(n for n in numbers if n is not None)


def _words(text: str) -> List[str]:
    try:
        return shlex.split(text)
    except ValueError:  # an unbalanced quote in a pasted fragment: split on blanks
        return text.split()


def from_run_line(line: str) -> Optional[Launch]:
    """The engine options of a `docker run` / `podman run` line; None when the line is not one."""
    match = RUN_LINE.search(line)
    if not match:
        return None
    values: Dict[str, List[str]] = {"group-add": [], "device": [], "volume": [], "user": [], "runtime": []}
    aliases = {"v": "volume", "u": "user", "volume": "volume", "user": "user", "group-add": "group-add",
               "device": "device", "runtime": "runtime"}
    privileged = False
    image = None
    words = _words(match.group(2).split("`", 1)[0])  # `docker run ...` quoted inline ends at the backtick
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        if not word.startswith("-") or word == "-":
            image = word
            break
        name, has_value, value = word.lstrip("-").partition("=")
        if word == "--privileged":
            privileged = True
            continue
        if word in FLAGS or (not word.startswith("--") and set(word[1:]) <= SHORT_FLAGS):
            continue
        if not has_value:
            if index >= len(words):
                break
            value = words[index]
            index += 1
        if name in aliases:
            values[aliases[name]].append(value)
    return Launch(match.group(1) + " run", tuple(values["group-add"]), tuple(values["device"]),
                  values["user"][-1] if values["user"] else None, privileged,
                  values["runtime"][-1] if values["runtime"] else None, _dev_mount(values["volume"]), image, line.strip())


def _dev_mount(volumes: Sequence[str]) -> bool:
    return any(v.split(":", 1)[0].rstrip("/") == "/dev" for v in volumes)


def _scalar(text: str) -> str:
    return text.split(" #", 1)[0].strip().strip("\"'")


def from_compose(lines: Sequence[str]) -> Optional[Launch]:
    """The service settings of a compose fragment.

    A fragment counts when it shows `group_add:`, `devices:`, `privileged:` or `runtime:` (a lone
    `user:` or `volumes:` line is too common in other text to mean compose). In a pasted diff,
    both the removed and the added lines count, as written.
    """
    found: Dict[str, List[str]] = {key: [] for key in COMPOSE_LIST_KEYS}
    scalars: Dict[str, str] = {}
    used: List[str] = []
    current = None
    for raw in lines:
        line = DIFF_MARK.sub("", raw.strip()).strip()
        key = COMPOSE_KEY.match(line)
        if key:
            current = key.group(1) if key.group(1) in COMPOSE_LIST_KEYS else None
            rest = key.group(2).strip()
            if current and rest.startswith("["):
                found[current] += [_scalar(v) for v in rest.strip("[]").split(",") if _scalar(v)]
            elif not current and rest:
                scalars[key.group(1)] = _scalar(rest)
            used.append(line)
        elif current and line.startswith("- "):
            found[current].append(_scalar(line[2:]))
            used.append(line)
        elif line:
            current = None
    if not (found["group_add"] or found["devices"] or "privileged" in scalars or "runtime" in scalars):
        return None
    return Launch("compose", tuple(found["group_add"]), tuple(found["devices"]), scalars.get("user"),
                  scalars.get("privileged", "").lower() == "true", scalars.get("runtime"),
                  _dev_mount(found["volumes"]), None, "\n".join(used))
