"""How a container was started, read from pasted text: `docker run` / `podman run` / `nerdctl run`
lines, compose files or fragments, and Kubernetes pod or deployment specs.

These settings decide what the container process holds (its extra GIDs, its nodes), which SSH
logins then do not: explain reports each option that changes GPU access as a fact, and turns
numeric `--group-add` GIDs into the process view's groups. Only options before the image are the
engine's; the words after it are the container's command, kept apart (`docker run ... IMAGE ls
-ln /dev/nvmap` is a launch *and* a listing made inside it).
"""

from __future__ import annotations

import functools
import json
import re
import shlex
from typing import Any, Dict, List, Optional, Sequence, Tuple

from .record import fields_of, frozen_record
from .safeio import decimal

# Where a command starts (not "see 'docker run --help'" in a message): at the line's start, a backtick, "$(", "&&",
# ";", or after a label's colon ("started with: docker run ...").
_STARTS = r"(?:^|`|\$\(|&&\s*|;\s*|(?<=[A-Za-z]):\s+)"
# A word of an option's value: no blank, no command separator, no command substitution ($VAR and ${VAR} are words).
_WORD = r"(?:[^\s;&|`$(]|\$(?!\())+"
# sudo and its options (-u USER, -g GROUP and the like take a word). No option word holds a command separator, so
# `sudo -;sudo -;...` is not rescanned from each separator to the end of the line (quadratic before).
_SUDO = r"(?:sudo\s+(?:-[ugCDhprT]\s+(?!-)" + _WORD + r"\s+|-" + _WORD + r"\s+)*)?"
# The engine's, kubectl's or compose's own options before the verb (docker --context orin, nerdctl -n k8s.io,
# kubectl -n NS, docker compose -f FILE -p NAME, podman --remote): each takes a word but --remote and --debug.
_GLOBAL_OPTIONS = (r"(?:\s+(?:-[nfpHc]|--(?:namespace|context|kubeconfig|cluster|file|project-name|project-directory|"
                   r"env-file|profile|host|log-level|ansi|config|url|connection))(?:=|\s+)" + _WORD
                   + r"|\s+--(?:remote|debug))*")
# A run command, after a `set -x` "+ " too.
RUN_LINE = re.compile(_STARTS + r"(?:\+\s+)?" + _SUDO + r"(docker|podman|nerdctl)" + _GLOBAL_OPTIONS
                      + r"\s+(?:container\s+)?run\b(.*)")
# `docker exec -u 1000 CONTAINER CMD`: the exec user, which does not inherit the launch's groups alike in
# every engine (podman's exec -u drops --group-add GIDs; facts sheet §A.2).
EXEC_LINE = re.compile(_STARTS + _SUDO + r"(docker|podman|nerdctl|kubectl|oc)(?:[\s-]compose)?" + _GLOBAL_OPTIONS
                       + r"\s+(?:container\s+)?exec\b(.*)")
# `docker compose run [options] SERVICE [COMMAND]` (docker-compose, podman-compose, nerdctl compose alike): a one-off
# container of a compose service, whose settings it keeps but for the options given here.
COMPOSE_RUN_LINE = re.compile(_STARTS + _SUDO + r"(docker|podman|nerdctl)[\s-]compose" + _GLOBAL_OPTIONS + r"\s+run\b(.*)")
# Kubernetes' exec takes no user, and its command follows "--" (a container, -c NAME, may sit before it).
_KUBERNETES = ("kubectl", "oc")
# Engine options that take no value; every other option without '=' takes the next word.
FLAGS = {"--rm", "--privileged", "--init", "--read-only", "--interactive", "--tty", "--detach", "--help",
         "--sig-proxy", "--no-healthcheck", "--oom-kill-disable", "--publish-all", "--quiet", "--replace",
         "--systemd", "--userns-remap", "--no-TTY", "--no-deps", "--service-ports", "--use-aliases", "--build",
         "--remove-orphans", "--quiet-pull"}
SHORT_FLAGS = set("itdPqT")  # -T: compose exec without a TTY
# Options that change GPU access, by every spelling, and the field each fills.
OPTIONS = {"v": "volume", "volume": "volume", "mount": "mount", "u": "user", "user": "user", "group-add": "group-add",
           "device": "device", "runtime": "runtime", "gpus": "gpus", "cap-add": "cap-add", "security-opt": "security-opt"}
# A shell substitution in a launch line (`$(id -u)`, `` `id -g` ``, `` `stat -c %g NODE` ``): one word, however many
# blanks it holds. (A backtick pair around other words is Markdown's inline code.)
_SUBSTITUTION = re.compile(r"\$\([^()\n]*\)|`(?:id|stat|getent)\s[^`\n]*`")
SHELL_COMPUTED = ("$", "`")  # how a value the shell computes starts (a substitution, a variable): no name or number yet
# A uid or gid by number, or a substitution or variable the shell turns into the caller's number.
_ID = r"(?:\d{1,10}|\$\(\s*id\s+-[ug]r?(?:\s+[\w.$-]+)?\s*\)|`\s*id\s+-[ug]r?(?:\s+[\w.$-]+)?\s*`|\$\{?(?:UID|EUID|GID)\}?)"
NUMERIC_USER = re.compile(r"^['\"]?{0}['\"]?:['\"]?{0}['\"]?$".format(_ID))
COMPOSE_LIST_KEYS = ("group_add", "devices", "volumes", "cap_add", "security_opt")
_KEYS = "|".join(COMPOSE_LIST_KEYS + ("user", "privileged", "runtime", "image"))
COMPOSE_KEY = re.compile(r"^({})\s*:\s*(.*)$".format(_KEYS))
# A unified-diff marker in front of a compose line ("-     - \"110\"", "+    group_add:").
DIFF_MARK = re.compile(r"^[+-](?=\s+(?:- |(?:{})\s*:))".format(_KEYS))


def numeric_user(user: Optional[str]) -> bool:
    """-u uid:gid by numbers, not root's (0:0, who opens every node without groups): the session gets that GID (and any
    --group-add), none of the image's /etc/group memberships (facts sheet §A.2)."""
    return bool(user and NUMERIC_USER.match(user) and not re.match(r"['\"]?0['\"]?:", user))


@frozen_record
class Launch:
    """The launch settings a text showed; what it did not show stays empty."""

    source: str                  # "docker run", "podman run", "nerdctl run", "compose", "docker compose run",
                                 # "devcontainer"
    group_add: Tuple[str, ...]   # as written: GIDs or group names
    devices: Tuple[str, ...]     # --device / devices: entries, as written
    user: Optional[str]
    privileged: bool
    runtime: Optional[str]
    dev_mount: bool              # the host's whole /dev bound in (-v /dev:/dev, --mount source=/dev)
    image: Optional[str]
    text: str                    # the line or fragment it was read from
    gpus: Optional[str]          # --gpus / deploy GPU reservation
    cap_add: Tuple[str, ...]
    security_opt: Tuple[str, ...]
    command: Tuple[str, ...]     # the container's command: the words after the image
    service: Optional[str]       # the compose service it describes
    # `compose run` of a service the text does not show: its groups, devices and runtime are unknown, not absent
    service_unseen: bool = False

    @property
    def numeric_groups(self) -> Tuple[int, ...]:
        numbers = (decimal(g) for g in self.group_add)
        return tuple(n for n in numbers if n is not None)

    @property
    def numeric_user(self) -> bool:
        """Whether the launch's -u is uid:gid by numbers, not root's (numeric_user)."""
        return numeric_user(self.user)

    @property
    def held_gids(self) -> Tuple[int, ...]:
        """The GIDs a numeric launch keeps: its own primary GID and those it adds by number."""
        primary = decimal(self.user.split(":")[1].strip("'\"")) if self.numeric_user and self.user else None
        return ((primary,) if primary is not None else ()) + self.numeric_groups

    @property
    def nvidia_runtime(self) -> bool:
        """Whether the launch names NVIDIA's runtime, by any of its names: Podman takes its path
        (`--runtime /usr/bin/nvidia-container-runtime`), and the toolkit's mode variants name it too."""
        name = (self.runtime or "").rsplit("/", 1)[-1]
        return bool(re.fullmatch(r"nvidia(?:-container-runtime(?:\.cdi|\.legacy)?)?", name))

    @property
    def nvidia_gpu(self) -> bool:
        """Whether this launch asks for the NVIDIA GPU at all (runtime, --gpus, a CDI or GPU node device)."""
        return bool(self.nvidia_runtime or self.gpus or self.privileged or self.dev_mount or any(
            "nvidia.com/" in d or re.search(r"/dev/(?:nv|dri)", d) for d in self.devices))


def _kept_whole(text: str) -> Tuple[str, Dict[str, str]]:
    """``text`` with each shell substitution's blanks and backticks masked by characters the text does not hold,
    so that neither splitting on blanks nor cutting at an inline-code backtick breaks it (`-u $(id -u):$(id -g)` is
    one value); with the masks, to undo them."""
    if not _SUBSTITUTION.search(text):
        return text, {}
    free = (chr(c) for c in range(0xE000, 0xF900) if chr(c) not in text)
    masks = {" ": next(free, " "), "\t": next(free, "\t"), "`": next(free, "`")}
    masked = _SUBSTITUTION.sub(lambda m: "".join(masks.get(c, c) for c in m.group(0)), text)
    return masked, {mask: c for c, mask in masks.items() if mask != c}


def _words(text: str, masks: Optional[Dict[str, str]] = None) -> List[str]:
    try:
        words = shlex.split(text, comments=False)
    except ValueError:  # an unbalanced quote in a pasted fragment: split on blanks
        words = text.split()
    if not masks:
        return words
    return ["".join(masks.get(c, c) for c in word) for word in words]


def _options(words: Sequence[str]) -> Tuple[Dict[str, List[str]], bool, Optional[str], Tuple[str, ...]]:
    """Engine options up to the image, then the image and the command after it."""
    values: Dict[str, List[str]] = {field: [] for field in set(OPTIONS.values())}
    privileged = False
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        if not word.startswith("-") or word == "-":
            return values, privileged, word, tuple(words[index:])
        if word == "--":
            break
        name, has_value, value = word.lstrip("-").partition("=")
        if word == "--privileged" or word.startswith("--privileged="):
            privileged = value.lower() != "false"
            continue
        if word in FLAGS or (not word.startswith("--") and set(word[1:]) <= SHORT_FLAGS):
            continue
        if not word.startswith("--") and len(name) > 1 and name[0] in "uv" and not has_value:
            name, value, has_value = name[0], name[1:], "="  # -u1000, -v/dev:/dev
        if not has_value:
            if index >= len(words):
                break
            value = words[index]
            index += 1
        if name in OPTIONS:
            values[OPTIONS[name]].append(value)
    return values, privileged, None, ()


def _read_options(rest: str) -> Tuple[Dict[str, List[str]], bool, Optional[str], Tuple[str, ...], bool]:
    """The options after run (or exec), the first word after them, the command, and whether /dev is bound in."""
    masked, masks = _kept_whole(rest)
    words = _words(masked.split("`", 1)[0], masks)  # `docker run ...` quoted inline ends at the backtick
    values, privileged, first, command = _options(words)
    mounts = values["volume"] + [_mount_source(m) for m in values["mount"]]
    return values, privileged, first, command, _dev_mount(mounts)


@functools.lru_cache(maxsize=1024)  # pure, and a log repeats its launch lines
def from_run_line(line: str) -> Optional[Launch]:
    """The engine options of a `docker run` / `podman run` line; None when the line is not one."""
    match = RUN_LINE.search(line)
    if not match:
        return None
    values, privileged, image, command, dev_mount = _read_options(match.group(2))
    if image is not None and not image[0].isascii():
        return None  # no image is named so: a sentence about the command ("docker run に --group-add 993 を付けて")
    if image is not None and image.strip(".\u2026") == "":
        return None  # "docker run ... -u app": its options left out, it shows none of them
    return Launch(match.group(1) + " run", tuple(values["group-add"]), tuple(values["device"]),
                  values["user"][-1] if values["user"] else None, privileged,
                  values["runtime"][-1] if values["runtime"] else None, dev_mount, image, line.strip(),
                  values["gpus"][-1] if values["gpus"] else None, tuple(values["cap-add"]), tuple(values["security-opt"]),
                  command, None)


# A VS Code dev container (devcontainer.json): `runArgs` are `docker run` options, `image` its image.
_RUN_ARGS = re.compile(r'"runArgs"\s*:\s*(\[[^\]]{0,4000}\])')
_DEVCONTAINER_IMAGE = re.compile(r'"image"\s*:\s*"([^"\n]{1,300})"')


def from_devcontainer(text: str) -> Optional[Launch]:
    """The launch a devcontainer.json describes, read as the `docker run` it makes; None where the text has no
    `runArgs` list of strings (JSON with comments or trailing commas is not read)."""
    found = _RUN_ARGS.search(text)
    try:
        args = json.loads(found.group(1)) if found else None
    except ValueError:
        return None
    if not isinstance(args, list) or not all(isinstance(arg, str) for arg in args):
        return None
    image = _DEVCONTAINER_IMAGE.search(text)
    run = from_run_line("docker run " + " ".join(shlex.quote(arg) for arg in args) + " " +
                        shlex.quote(image.group(1) if image else "image"))
    if run is None or found is None:
        return None
    merged = {name: getattr(run, name) for name in fields_of(run)}
    merged.update(source="devcontainer", text=found.group(0), image=image.group(1) if image else None)
    return Launch(**merged)


@functools.lru_cache(maxsize=1024)  # pure, and a log repeats its launch lines
def from_compose_run_line(line: str) -> Optional[Launch]:
    """The options of a `docker compose run` line, with the service it runs; None when the line is not one.
    The service's own settings (groups, devices, runtime) come from its compose file: see `with_service`."""
    match = COMPOSE_RUN_LINE.search(line)
    if not match:
        return None
    values, _, service, command, dev_mount = _read_options(match.group(2))
    return Launch(match.group(1) + " compose run", (), (), values["user"][-1] if values["user"] else None, False, None,
                  dev_mount, None, line.strip(), None, tuple(values["cap-add"]), (), command, service, True)


def with_service(run: Launch, services: Sequence[Launch]) -> Launch:
    """A `compose run` launch with the settings of the compose service it names, where the text shows that service:
    the run's user, command and mounts replace or join the service's."""
    service = next((s for s in services if s.source == "compose" and s.service == run.service), None)
    if service is None:
        return run
    merged = {name: getattr(service, name) for name in fields_of(service)}
    merged.update(source=run.source, user=run.user or service.user, text=run.text, service_unseen=False,
                  dev_mount=run.dev_mount or service.dev_mount, command=run.command or service.command,
                  cap_add=tuple(dict.fromkeys(service.cap_add + run.cap_add)))
    return Launch(**merged)


@frozen_record
class Exec:
    """A `docker exec` / `podman exec` line: who runs the command in an existing container."""

    engine: str
    user: Optional[str]
    command: Tuple[str, ...]
    text: str
    container: Optional[str] = None  # the container's name or id as the line gives it (a shell there may show it)


@functools.lru_cache(maxsize=1024)  # pure, and a log repeats its launch lines
def from_exec_line(line: str) -> Optional[Exec]:
    match = EXEC_LINE.search(line)
    if not match:
        return None
    masked, masks = _kept_whole(match.group(2))
    words = _words(masked.split("`", 1)[0], masks)
    if match.group(1) in _KUBERNETES:
        command = tuple(words[words.index("--") + 1:]) if "--" in words else _options(words)[3]
        return Exec(match.group(1), None, command, line.strip())
    values, _, container, command = _options(words)
    return Exec(match.group(1), values["user"][-1] if values["user"] else None, command, line.strip(), container)


def _mount_source(spec: str) -> str:
    """`type=bind,source=/dev,target=/dev` as a -v value, for the /dev check."""
    parts = dict(p.partition("=")[::2] for p in spec.split(","))
    return "{}:{}".format(parts.get("source", parts.get("src", "")), parts.get("target", parts.get("dst", "")))


def _dev_mount(volumes: Sequence[str]) -> bool:
    return any(v.split(":", 1)[0].rstrip("/") == "/dev" for v in volumes)


def _scalar(text: str) -> str:
    return text.split(" #", 1)[0].strip().strip("\"'")


# ---- compose files: a small YAML reader (mappings, lists, flow lists, anchors, aliases, merge keys) ----

_Node = Any  # str | list | dict, as read


class _Yaml:
    """Enough YAML for compose files as people paste them; anything else reads as absent."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.rows: List[Tuple[int, str]] = []
        for raw in lines:
            text = raw.split(" #", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
            if text.strip() and text.strip() != "---":
                self.rows.append((len(text) - len(text.lstrip()), text.strip()))
        self.anchors: Dict[str, _Node] = {}
        self.at = 0

    def block(self, indent: int) -> _Node:
        if self.at >= len(self.rows):
            return None
        depth, text = self.rows[self.at]
        if depth < indent:
            return None
        if text.startswith("- ") or text == "-":
            return self._list(depth)
        return self._mapping(depth)

    def _list(self, depth: int) -> List[_Node]:
        items: List[_Node] = []
        while self.at < len(self.rows) and self.rows[self.at][0] == depth and self.rows[self.at][1][:1] == "-":
            text = self.rows[self.at][1][1:].strip()
            self.at += 1
            if not text:
                items.append(self.block(depth + 1))
            elif re.match(r"^[\w.-]+\s*:(\s|$)", text) and not text.startswith(("'", '"')):
                self.rows.insert(self.at, (depth + 2, text))  # "- key: value" starts a mapping
                items.append(self._mapping(depth + 2))
            else:
                items.append(self.value(text, depth))
        return items

    def _mapping(self, depth: int) -> Dict[str, _Node]:
        found: Dict[str, _Node] = {}
        while self.at < len(self.rows) and self.rows[self.at][0] == depth:
            text = self.rows[self.at][1]
            key, colon, rest = text.partition(":")
            if not colon or text.startswith("-"):
                break
            self.at += 1
            key = key.strip().strip("\"'")
            value = self.value(rest.strip(), depth)
            if key == "<<":
                for merged in value if isinstance(value, list) else [value]:
                    if isinstance(merged, dict):
                        for name, item in merged.items():
                            found.setdefault(name, item)
                continue
            found[key] = value
        return found

    def value(self, text: str, depth: int) -> _Node:
        anchor = None
        if text.startswith("&"):
            anchor, _, text = text.partition(" ")
            anchor, text = anchor[1:], text.strip()
        if text.startswith("*"):
            node: _Node = self.anchors.get(text[1:].strip())
        elif text.startswith("["):
            node = [self.value(item.strip(), depth) for item in text.strip("[]").split(",") if item.strip()]
        elif text in ("", "|", ">"):
            node = self.block(depth + 1) if text == "" else ""
            if node is None:
                node = ""
        else:
            node = _scalar(text)
        if anchor:
            self.anchors[anchor] = node
        return node


def _as_list(value: _Node) -> List[str]:
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, (str, int))]
    if isinstance(value, dict):  # `devices: {a: b}` is not compose; keys are the nearest reading
        return [str(k) for k in value]
    return [value] if isinstance(value, str) and value else []


def _service_launch(name: str, spec: Dict[str, _Node], text: str) -> Launch:
    def scalar(key: str) -> Optional[str]:
        value = spec.get(key)
        return value if isinstance(value, str) and value else None

    deploy = spec.get("deploy")
    gpus = None
    if isinstance(deploy, dict) and "nvidia" in repr(deploy).lower():
        gpus = "deploy.resources.reservations.devices (nvidia)"
    return Launch("compose", tuple(_as_list(spec.get("group_add"))), tuple(_as_list(spec.get("devices"))), scalar("user"),
                  (scalar("privileged") or "").lower() == "true", scalar("runtime"), _dev_mount(_as_list(spec.get("volumes"))),
                  scalar("image"), text, gpus, tuple(_as_list(spec.get("cap_add"))),
                  tuple(_as_list(spec.get("security_opt"))), tuple(_as_list(spec.get("command"))), name)


def from_compose_file(lines: Sequence[str]) -> List[Launch]:
    """One launch per service of a compose file that shows `services:`; [] when there is none."""
    start = next((i for i, line in enumerate(lines) if re.match(r"^\s*services\s*:\s*$", line)), None)
    if start is None:
        return []
    reader = _Yaml(lines)
    root = reader.block(0)
    while reader.at < len(reader.rows):  # text around the file: read on after what did not parse
        reader.at += 1
        more = reader.block(0)
        if isinstance(more, dict) and isinstance(root, dict):
            root.update(more)
    services = root.get("services") if isinstance(root, dict) else None
    if not isinstance(services, dict):
        return []
    text = "\n".join(line.rstrip() for line in lines if line.strip())
    return [_service_launch(name, spec, text) for name, spec in services.items() if isinstance(spec, dict)]


_CDI_KEY = re.compile(r"^\s*(?:- )?(?:cdiVersion|containerEdits|deviceNodes)\s*:")


def from_compose(lines: Sequence[str]) -> Optional[Launch]:
    """The service settings of a compose fragment without `services:`.

    A fragment counts when it shows `group_add:`, `devices:`, `privileged:` or `runtime:` (a lone
    `user:` or `volumes:` line is too common in other text to mean compose). In a pasted diff,
    both the removed and the added lines count, as written. A CDI spec (`cdiVersion:`, `containerEdits:`)
    has `devices:` too, but launches nothing.
    """
    if any(_CDI_KEY.match(raw) for raw in lines):
        return None
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
                  _dev_mount(found["volumes"]), scalars.get("image"), "\n".join(used), None, tuple(found["cap_add"]),
                  tuple(found["security_opt"]), (), None)


# ---- Kubernetes pod specs: the same options under other names ----

def from_pod_spec(lines: Sequence[str]) -> List[Launch]:
    """One launch per container of a pasted pod (or deployment) spec: `supplementalGroups` are its group-adds,
    `runAsUser` its user, `privileged`, `runtimeClassName` and `nvidia.com/gpu` limits its GPU options."""
    start = next((i for i, line in enumerate(lines) if re.match(r"^(?:apiVersion|kind)\s*:", line)), None)
    if start is None or not any("containers:" in line for line in lines):
        return []
    end = start
    while end < len(lines) and (re.match(r"^(?:\s+\S|[\w.-]+\s*:|---\s*$|\s*$)", lines[end]) or lines[end].startswith("- ")):
        end += 1
    block = list(lines[start:end])
    reader = _Yaml(block)
    root: _Node = {}
    while reader.at < len(reader.rows):  # text around the spec: read on after what did not parse
        before = reader.at
        node = reader.block(0)
        if isinstance(node, dict) and isinstance(root, dict):
            root.update(node)
        if reader.at == before:  # a row no reading takes (a shell line inside the spec): step over it
            reader.at += 1
    spec = _pod_spec(root)
    if spec is None:
        return []
    pod = _mapping(spec.get("securityContext"))
    text = "\n".join(line.rstrip() for line in block if line.strip())
    launches = []
    for container in spec.get("containers") or []:
        if not isinstance(container, dict):
            continue
        context = dict(pod, **_mapping(container.get("securityContext")))
        limits = _mapping(_mapping(container.get("resources")).get("limits"))
        launches.append(Launch("kubernetes", tuple(_as_list(context.get("supplementalGroups"))),
                               tuple(k for k in limits if "gpu" in str(k)), _text(context.get("runAsUser")),
                               str(context.get("privileged")).lower() == "true", _text(spec.get("runtimeClassName")),
                               False, _text(container.get("image")), text, None,
                               tuple(_as_list(_mapping(context.get("capabilities")).get("add"))), (), (),
                               _text(container.get("name"))))
    return launches


def _mapping(value: _Node) -> Dict[str, _Node]:
    return value if isinstance(value, dict) else {}


def _text(value: _Node) -> Optional[str]:
    return value if isinstance(value, str) and value else None


def _pod_spec(root: _Node) -> Optional[Dict[str, _Node]]:
    """The pod spec: `spec`, or a deployment's `spec.template.spec`."""
    spec = root.get("spec") if isinstance(root, dict) else None
    if isinstance(spec, dict) and isinstance(spec.get("template"), dict):
        inner = spec["template"].get("spec")
        spec = inner if isinstance(inner, dict) else spec
    return spec if isinstance(spec, dict) and isinstance(spec.get("containers"), list) else None
