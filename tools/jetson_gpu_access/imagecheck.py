"""Check a team's container images the way their users meet them: inside, as the non-root user.

For each image a list names, the check starts the image the way the team starts it (a
``docker run`` / ``podman run`` line, a compose service, or the flags ``docker-args`` prints
for this host), then runs ``jetson-gpu-access verify --format json`` inside it as the image's
user in each way users arrive (the *views*):

- ``main``: the container's main process (a one-shot container with the same launch and the
  check as its command, so the image's entrypoint runs first, as it does for the team);
- ``exec``: ``ENGINE exec -u USER``, which gets the engine's exec groups (Podman does not add
  ``--group-add`` GIDs for a ``-u`` user; Docker does: fact sheet A.2);
- ``su``: ``su - USER`` inside, when the image has ``su`` and the user a login shell;
- ``ssh``: a real SSH login to the image's own sshd, published on 127.0.0.1 only, with a
  one-time key the check installs for the run.

Every result comes from inside the container; the container is stopped and removed whatever
happens. The engine is run with argv lists only. Results: a typed :class:`CheckRun`, written
as JSON, JUnit (one test case per image and view, so a failure names its view) and Markdown.
"""

from __future__ import annotations

import json
import os
import secrets
import shlex
import shutil
import socket
import stat
import subprocess
import tempfile
import time
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple
from xml.sax.saxutils import escape, quoteattr

from . import __version__
from .exitcodes import Exit, ExitError
from .record import frozen_record
from .safeio import brief, check_under, load_yaml, write_under

VIEWS = ("main", "exec", "su", "ssh")
REPORTS = ("results.json", "junit.xml", "summary.md")  # under --out, with NAME/VIEW.json per image
OUT_REMEDY = "pass --out a folder of your own"
ENGINES = ("docker", "podman")
DEFAULT_CHECK = ("jetson-gpu-access", "verify", "--format", "json")
RUN_TIMEOUT_S = 120.0
SSH_WAIT_S = 15.0
NAME_PREFIX = "jga-image-check-"
# Launch options the check replaces with its own: it names, detaches and removes the container, and
# publishes only the SSH port, on the loopback address.
OWN_OPTIONS = {"--rm", "-d", "--detach", "-i", "--interactive", "-t", "--tty", "-it", "-ti", "--name", "-p", "--publish",
               "-P", "--publish-all"}
# Engine options that take no value (the rest take the next word unless written --opt=value).
VALUELESS = {"--rm", "--privileged", "--init", "--read-only", "--interactive", "--tty", "--detach", "--sig-proxy",
             "--no-healthcheck", "--oom-kill-disable", "--publish-all", "--quiet", "--read-only-tmpfs", "--replace"}
# Compose service keys and the run option each becomes; IGNORED keys do not change what the check sees.
COMPOSE_LISTS = {"group_add": "--group-add", "devices": "--device", "volumes": "--volume", "cap_add": "--cap-add",
                 "cap_drop": "--cap-drop", "security_opt": "--security-opt", "tmpfs": "--tmpfs", "dns": "--dns"}
COMPOSE_SCALARS = {"user": "--user", "runtime": "--runtime", "working_dir": "--workdir", "ipc": "--ipc",
                   "shm_size": "--shm-size", "network_mode": "--network", "hostname": "--hostname"}
COMPOSE_FLAGS = {"privileged": "--privileged", "init": "--init", "read_only": "--read-only"}
COMPOSE_OWN = {"image", "command", "entrypoint", "environment"}
COMPOSE_IGNORED = {"build", "ports", "restart", "container_name", "depends_on", "healthcheck", "labels", "networks",
                   "logging", "stdin_open", "tty", "expose", "profiles"}
# The keys of an image list entry ('expect' is for ci/image_check.py, which compares results with it).
ENTRY_KEYS = {"name", "image", "user", "run", "compose", "docker_args", "views", "run_options", "command", "check",
              "expect"}

# Run inside the container as root: what the engine gave (nodes), and what the image offers (su, sshd).
PROBE = r"""
import glob, json, os, pwd, shutil, stat, sys
paths = sorted(set(glob.glob("/dev/nvmap") + glob.glob("/dev/dri/*") + glob.glob("/dev/nvgpu/igpu0/*")
                   + glob.glob("/dev/nvhost-*") + glob.glob("/dev/host1x-fence") + glob.glob("/dev/nvidia*")))
nodes = []
for path in paths:
    st = os.lstat(path)
    if stat.S_ISCHR(st.st_mode):
        nodes.append([path, stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid])
def listening(port):
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = open(table).read().splitlines()[1:]
        except OSError:
            continue
        if any(r.split()[1].rsplit(":", 1)[1] == "%04X" % port and r.split()[3] == "0A" for r in rows):
            return True
    return False
try:
    entry = pwd.getpwnam(sys.argv[1])
    user = {"uid": entry.pw_uid, "gid": entry.pw_gid, "home": entry.pw_dir, "shell": entry.pw_shell}
except KeyError:
    user = None
json.dump({"nodes": nodes, "user": user, "su": shutil.which("su") is not None, "sshd": listening(22)}, sys.stdout)
"""

# Run inside as root: give USER a one-time authorized key read from stdin (the run's own key pair). The image's home
# may hold links (to /etc/shadow, or to a host file the team mounts): ~/.ssh and its authorized_keys are opened without
# following one, and changed through those descriptors only; a link there fails the run (ELOOP).
INSTALL_KEY = r"""
import os, pwd, sys
entry = pwd.getpwnam(sys.argv[1])
folder = os.path.join(entry.pw_dir, ".ssh")
try:
    os.mkdir(folder, 0o700)
except FileExistsError:
    pass
home = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
try:
    fd = os.open("authorized_keys", os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600, dir_fd=home)
    try:
        data = sys.stdin.read().encode()
        while data:
            data = data[os.write(fd, data):]
        os.fchmod(fd, 0o600)
        os.fchown(fd, entry.pw_uid, entry.pw_gid)
    finally:
        os.close(fd)
    os.fchown(home, entry.pw_uid, entry.pw_gid)
finally:
    os.close(home)
"""


class ImageCheckError(ExitError):
    """The check cannot run as asked: a bad image list (usage) or no usable engine."""

    context = "image-check"


@frozen_record
class ImageSpec:
    """One image to check, as the team starts it."""

    name: str                     # a short name for reports (letters, digits, '-', '_', '.')
    image: str
    user: str                     # the non-root account that needs the GPU
    options: Tuple[str, ...]      # the engine's run options, before the image
    command: Tuple[str, ...]      # the container's command after the image (may be empty)
    views: Tuple[str, ...]        # the views to check; () = every view the image offers
    source: str                   # how it is started: "run line", "compose service S of F", "docker-args"
    check: Tuple[str, ...]        # the command that checks, inside


@frozen_record
class NodeSeen:
    """A GPU node inside the container, as the engine made it."""

    path: str
    mode: int
    uid: int
    gid: int


@frozen_record
class ViewResult:
    view: str                     # main, exec, su or ssh
    status: str                   # pass, fail or skip
    detail: str
    how: str                      # the command that reached the user, for people
    uid: Optional[int]
    groups: Tuple[int, ...]       # the groups the checking process held
    result: Optional[Dict[str, Any]]  # verify's own JSON, from inside


@frozen_record
class ImageResult:
    name: str
    image: str
    user: str
    source: str
    launch: str                   # the run command, for people
    status: str                   # pass, fail or error
    detail: str
    nodes: Tuple[NodeSeen, ...]
    views: Tuple[ViewResult, ...]

    @property
    def failing_views(self) -> Tuple[str, ...]:
        return tuple(v.view for v in self.views if v.status == "fail")


@frozen_record
class Host:
    """Where the check ran: the rows the validation matrix shows."""

    board: str
    jetpack: str
    l4t: str
    toolkit: str
    engine: str


@frozen_record
class CheckRun:
    tool_version: str
    host: Host
    images: Tuple[ImageResult, ...]

    @property
    def status(self) -> str:
        return "pass" if self.images and all(i.status == "pass" for i in self.images) else "fail"


# --- the image list ----------------------------------------------------------------------------

def _usage(message: str) -> ImageCheckError:
    return ImageCheckError(Exit.USAGE, message)


def read_list(path: str) -> Dict[str, Any]:
    """The image list (JSON, or YAML where PyYAML is installed) as a mapping."""
    from .lab.profiles import ProfileError, read_bytes

    try:
        text = read_bytes(path, "image list").decode("utf-8")
    except ProfileError as error:
        raise _usage(str(error)) from error
    except UnicodeDecodeError as error:
        raise _usage("image list {} is not UTF-8 text; save it as UTF-8".format(path)) from error
    try:
        value = json.loads(text)
    except ValueError:
        try:
            value = load_yaml(text)
        except ImportError as error:
            raise _usage("image list {} is not JSON, and reading YAML needs PyYAML: pip install pyyaml, or write "
                         "the list as JSON".format(path)) from error
        except ValueError as error:
            raise _usage("image list {} is neither JSON nor readable YAML ({}); fix the file".format(
                path, error)) from error
    if not isinstance(value, dict) or not isinstance(value.get("images"), list) or not value["images"]:
        raise _usage("image list {} must be a mapping with a non-empty 'images' list (see docs/how-to/ci-runner.md)"
                     .format(path))
    return value


def _strings(value: Any, what: str) -> Tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(shlex.split(value))
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise _usage("{} must be a list of words or one string".format(what))
    return tuple(str(v) for v in value)


def split_run_line(line: str) -> Tuple[Tuple[str, ...], Optional[str], Tuple[str, ...]]:
    """A `docker run` / `podman run` line as (options, image, command); options the check sets itself
    (--rm, -d, -it, --name, -p) are left out."""
    try:
        words = shlex.split(line)
    except ValueError as error:
        raise _usage("run line {!r}: {}; quote it as a shell would".format(line, error)) from error
    if words[:1] == ["sudo"]:  # sudo and its options (-E, -n...)
        words = words[1:]
        while words and words[0].startswith("-"):
            words = words[1:]
    if words[:1] and os.path.basename(words[0]) in ENGINES:
        words = words[1:]
    if words[:2] == ["container", "run"]:
        words = words[1:]
    if words[:1] != ["run"]:
        raise _usage("run line {!r} is not a 'docker run' or 'podman run' command".format(line))
    options: List[str] = []
    index = 1
    while index < len(words):
        word = words[index]
        if not word.startswith("-") or word == "-":
            return tuple(options), word, tuple(words[index + 1:])
        name = word.split("=", 1)[0]
        takes_value = "=" not in word and name not in VALUELESS and not (
            not word.startswith("--") and set(word[1:]) <= set("itdP"))
        value = [words[index + 1]] if takes_value and index + 1 < len(words) else []
        if name not in OWN_OPTIONS:
            options += [word] + value
        index += 1 + len(value)
    return tuple(options), None, ()


def compose_options(path: str, service: str) -> Tuple[Tuple[str, ...], Optional[str], Tuple[str, ...]]:
    """A compose service's settings as run options, its image and its command."""
    refuse_writable_list(path)
    document = read_list_like(path)
    services = document.get("services") if isinstance(document, dict) else None
    spec = services.get(service) if isinstance(services, dict) else None
    if not isinstance(spec, dict):
        raise _usage("compose file {} has no service {!r}; name one of its services".format(path, service))
    unknown = sorted(set(spec) - set(COMPOSE_LISTS) - set(COMPOSE_SCALARS) - set(COMPOSE_FLAGS) - COMPOSE_OWN
                     - COMPOSE_IGNORED)
    if unknown:
        raise _usage("compose service {} uses {}, which the image check does not translate; give the service as "
                     "a run line instead".format(service, ", ".join(unknown)))
    options: List[str] = []
    for key, flag in COMPOSE_LISTS.items():
        options += [word for item in spec.get(key) or [] for word in (flag, str(item))]
    for key, flag in COMPOSE_SCALARS.items():
        if spec.get(key) is not None:
            options += [flag, str(spec[key])]
    options += [flag for key, flag in COMPOSE_FLAGS.items() if spec.get(key) is True]
    environment = spec.get("environment") or {}
    pairs = environment.items() if isinstance(environment, dict) else (str(e).split("=", 1) for e in environment)
    options += [word for pair in pairs for word in ("--env", "=".join(str(p) for p in pair))]
    if spec.get("entrypoint") is not None:
        entry = _strings(spec["entrypoint"], "compose entrypoint")
        options += ["--entrypoint", json.dumps(list(entry)) if len(entry) > 1 else entry[0]]
    image = spec.get("image")
    return tuple(options), str(image) if image else None, _strings(spec.get("command"), "compose command")


def read_list_like(path: str) -> Any:
    """A compose file: YAML (PyYAML needed)."""
    from .lab.profiles import ProfileError, read_bytes

    try:
        return load_yaml(read_bytes(path, "compose file").decode("utf-8"))
    except ImportError as error:
        raise _usage("reading compose file {} needs PyYAML: pip install pyyaml".format(path)) from error
    except (ProfileError, UnicodeDecodeError, ValueError) as error:
        raise _usage("cannot read compose file {}: {}".format(path, str(error).splitlines()[0])) from error


def docker_args_options(root: str = "/") -> Tuple[str, ...]:
    """The --device and numeric --group-add flags ``docker-args`` recommends for this host's nodes."""
    from .entrypoint import docker_args
    from .probe import ProbeError, probe

    try:
        text = docker_args(probe(root, "root"))
    except ProbeError as error:
        raise _usage(str(error)) from error
    line = next((ln for ln in text.splitlines() if ln.startswith("docker run --device")), None)
    if line is None:
        raise ImageCheckError(Exit.UNSUPPORTED, "docker-args found no GPU nodes on this host to pass; run the image "
                                                "check on the Jetson itself, or give a run line")
    return split_run_line(line)[0]


def from_device_root(options: Sequence[str], device_root: str) -> Tuple[str, ...]:
    """``--device /dev/X`` as ``--device ROOT/dev/X:/dev/X``: the nodes of a lab device (stand-ins with a
    profile's owners and modes) given to the container at the paths the launch names."""
    out: List[str] = []
    words = list(options)
    while words:
        word = words.pop(0)
        value = None
        if word == "--device" and words:
            value = words.pop(0)
        elif word.startswith("--device="):
            value = word.split("=", 1)[1]
        if value is None:
            out.append(word)
            continue
        parts = value.split(":")
        if parts[0].startswith("/dev/"):
            target = parts[1] if len(parts) > 1 else parts[0]
            parts = [os.path.join(device_root, parts[0].lstrip("/")), target] + parts[2:]
        out += ["--device", ":".join(parts)]
    return tuple(out)


def image_specs(document: Dict[str, Any], base_dir: str, device_root: Optional[str] = None) -> List[ImageSpec]:
    """Every entry of an image list as a checked ImageSpec; with ``device_root``, the GPU nodes come from
    that folder's dev/ (a lab device) instead of the host's /dev."""
    from .cli import user_name

    specs = []
    for number, entry in enumerate(document["images"], 1):
        where = "images[{}]".format(number)
        if not isinstance(entry, dict):
            raise _usage("{} must be a mapping with image, user and one of run, compose, docker_args".format(where))
        for key in ("name", "run"):
            if key in entry and not isinstance(entry[key], str):
                raise _usage("{}: {} must be text, got {}".format(where, key, brief(entry[key])))
        name = str(entry.get("name") or "image-{}".format(number))
        unknown = sorted(set(entry) - ENTRY_KEYS)
        if unknown:
            raise _usage("{} ({}): unknown key {}; keys are {}".format(where, name, ", ".join(map(str, unknown)),
                                                                      ", ".join(sorted(ENTRY_KEYS))))
        if not all(c.isalnum() or c in "-_." for c in name) or name in (".", ".."):  # its folder under --out
            raise _usage("{}: name {!r} may hold letters, digits, '-', '_' and '.' only, and is not . or ..".format(
                where, name))
        ways = [k for k in ("run", "compose", "docker_args") if entry.get(k)]
        if len(ways) != 1:
            raise _usage("{} ({}) must say how it is started with exactly one of run, compose, docker_args".format(
                where, name))
        command: Tuple[str, ...] = ()
        image = None
        if ways[0] == "run":
            options, image, command = split_run_line(str(entry["run"]))
            source = "run line"
        elif ways[0] == "compose":
            compose = entry["compose"]
            if not isinstance(compose, dict) or "file" not in compose or "service" not in compose:
                raise _usage("{} ({}): compose needs file and service".format(where, name))
            path = os.path.join(base_dir, str(compose["file"]))
            options, image, command = compose_options(path, str(compose["service"]))
            source = "compose service {} of {}".format(compose["service"], compose["file"])
        else:
            options = docker_args_options(device_root or "/")
            source = "docker-args"
        image = str(entry.get("image") or image or "")
        if not image or image == "IMAGE":
            raise _usage("{} ({}): say which image to start (image: NAME:TAG)".format(where, name))
        try:
            user = user_name(str(entry.get("user") or ""))
        except Exception as error:  # argparse.ArgumentTypeError, kept out of this module's imports
            raise _usage("{} ({}): user: {}".format(where, name, error)) from error
        views = _strings(entry.get("views"), where + " views")
        bad = [v for v in views if v not in VIEWS]
        if bad:
            raise _usage("{} ({}): unknown view {}; views are {}".format(where, name, ", ".join(bad), ", ".join(VIEWS)))
        if device_root:
            options = from_device_root(options, device_root)
        specs.append(ImageSpec(name, image, user, options + _strings(entry.get("run_options"), where + " run_options"),
                               _strings(entry.get("command"), where + " command") or command, views, source,
                               _strings(entry.get("check"), where + " check") or DEFAULT_CHECK))
    names = [s.name for s in specs]
    if len(set(names)) != len(names):
        raise _usage("image names must differ; {} appears twice".format(next(n for n in names if names.count(n) > 1)))
    return specs


def refuse_writable_list(path: str) -> None:
    """Under sudo, the list (and a compose file it names) decides what runs as root: it must be root's,
    and not writable by others."""
    if os.geteuid() != 0 or "SUDO_USER" not in os.environ:
        return
    info = os.stat(path)
    if info.st_uid != 0 or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise ImageCheckError(Exit.UNSUPPORTED, "run through sudo, the image list {} must belong to root and be "
                                                "writable by root only (chown root: {}; chmod go-w {})".format(
                                                    path, path, path))


# --- the engine --------------------------------------------------------------------------------

class Engine:
    """One container engine, called with argv lists only."""

    def __init__(self, program: str, global_options: Sequence[str] = (), run_options: Sequence[str] = ()) -> None:
        path = program if os.path.isabs(program) else shutil.which(program)
        if path is None or not os.access(path, os.X_OK):
            raise ImageCheckError(Exit.UNSUPPORTED, "container engine {!r} not found; install docker or podman, or "
                                                    "give --engine PATH".format(program))
        self.path = path
        self.name = "podman" if "podman" in os.path.basename(path) else "docker"
        self.prefix = [path, *global_options]
        self.run_options = list(run_options)

    def call(self, *words: str, timeout: float = RUN_TIMEOUT_S, stdin: Optional[str] = None) -> Tuple[int, str, str]:
        try:
            done = subprocess.run(self.prefix + list(words), input=stdin, capture_output=True, text=True,
                                  timeout=timeout, check=False, stdin=None if stdin is not None else subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return 124, "", "timed out after {:.0f} s".format(timeout)
        return done.returncode, done.stdout, done.stderr

    def remove(self, container: str) -> None:
        """Stop at once and remove (Podman waits --time seconds first; Docker's --force kills)."""
        wait = ["--time", "0"] if self.name == "podman" else []
        self.call("rm", "--force", *wait, container, timeout=60)

    def words(self, *words: str) -> str:
        return " ".join(shlex.quote(w) for w in [self.name, *words])


def _last_line(text: str) -> str:
    lines = [ln for ln in text.strip().splitlines() if ln.strip()]
    return lines[-1] if lines else "no message"


def _view_from_output(view: str, how: str, code: int, out: str, err: str, uid: Optional[int]) -> ViewResult:
    """A view's result from the check's exit code and JSON (verify --format json)."""
    try:
        value = json.loads(out)
        every = value.get("views") or []
        # The session the check ran in is the way this user arrived: judge its own process view. A
        # login view there is verify's prediction for a new login (decided from the account files
        # when the user verifies themselves), which the ssh and su views test for real.
        checks = [c for c in every if c.get("view") == "process"] or every
        groups = tuple(int(g) for g in checks[0].get("groups") or ()) if checks else ()
        opened = [n for c in checks for n in c.get("nodes") or []]
        denied = ["{} ({})".format(n["path"], n["errno_name"]) for n in opened if not n["ok"]]
    except (ValueError, TypeError, AttributeError, KeyError, IndexError):
        return ViewResult(view, "fail", "the check did not run (exit {}): {}".format(code, _last_line(err or out)), how,
                          None, (), None)
    if uid is not None and value.get("uid") != uid:
        return ViewResult(view, "skip", "the check ran as uid {}, not the user's {}: this way of arriving does not "
                          "reach the user".format(value.get("uid"), uid), how, value.get("uid"), groups, value)
    if not opened:
        return ViewResult(view, "fail", "no GPU node was checked: the container has no node CUDA needs (pass the "
                          "nodes or use the NVIDIA runtime)", how, value.get("uid"), groups, value)
    failed = [str(c.get("detail", "")) for c in checks if c.get("status") == "fail"]
    if denied or failed or any(c.get("status") not in ("pass", "warn") for c in checks):
        detail = "cannot open " + ", ".join(denied) if denied else "; ".join(failed) or "verify failed"
        return ViewResult(view, "fail", detail, how, value.get("uid"), groups, value)
    return ViewResult(view, "pass", "every node opened with groups {}".format(" ".join(map(str, groups))), how,
                      value.get("uid"), groups, value)


class _Key:
    """A one-time SSH key pair for this run, in a private temporary folder."""

    def __init__(self) -> None:
        keygen = shutil.which("ssh-keygen")
        if keygen is None or shutil.which("ssh") is None:
            raise FileNotFoundError("ssh and ssh-keygen (openssh-client) are needed on the runner for the ssh view")
        self.folder = tempfile.mkdtemp(prefix="jga-image-check-")
        self.path = os.path.join(self.folder, "key")
        subprocess.run([keygen, "-q", "-t", "ed25519", "-N", "", "-C", "jga-image-check", "-f", self.path],
                       check=True, timeout=30, stdin=subprocess.DEVNULL, capture_output=True)

    @property
    def public(self) -> str:
        with open(self.path + ".pub", encoding="utf-8") as handle:
            return handle.read()

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _ssh_ready(port: int, deadline: float) -> bool:
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
                conn.settimeout(2)
                if conn.recv(4).startswith(b"SSH"):
                    return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


class _Container:
    """The long-running container of one image: started detached, always removed."""

    def __init__(self, engine: Engine, spec: ImageSpec, publish_ssh: bool) -> None:
        self.engine = engine
        self.name = NAME_PREFIX + secrets.token_hex(4)
        publish = ["--publish", "127.0.0.1::22"] if publish_ssh else []
        self.argv = ["run", "--detach", "--name", self.name, *engine.run_options, *spec.options, *publish, spec.image,
                     *spec.command]
        self.id: Optional[str] = None

    def __enter__(self) -> _Container:
        code, out, err = self.engine.call(*self.argv)
        if code != 0:
            self.engine.remove(self.name)
            raise RuntimeError("the image did not start (exit {}): {}".format(code, _last_line(err)))
        self.id = out.strip().splitlines()[-1]
        return self

    def __exit__(self, *_exc: object) -> None:
        self.remove()

    def remove(self) -> None:
        self.engine.remove(self.id or self.name)

    def running(self) -> bool:
        code, out, _ = self.engine.call("inspect", "--format", "{{.State.Running}}", self.id or self.name, timeout=30)
        return code == 0 and out.strip() == "true"

    def port(self, inner: int) -> Optional[int]:
        code, out, _ = self.engine.call("port", self.id or self.name, "{}/tcp".format(inner), timeout=30)
        tail = out.strip().splitlines()[0].rsplit(":", 1)[-1] if code == 0 and out.strip() else ""
        return int(tail) if tail.isdigit() else None


def _publishes_ssh(spec: ImageSpec) -> bool:
    """Publishing needs the engine's own network: not with the host's network or none."""
    options = " ".join(spec.options)
    return not any(marker in options for marker in ("--network host", "--network=host", "--net=host", "--net host",
                                                    "--network none", "--network=none"))


def check_image(engine: Engine, spec: ImageSpec, out_dir: Optional[str] = None) -> ImageResult:
    """Start ``spec`` as the team does, check every view, remove everything it started."""
    launch = engine.words("run", *engine.run_options, *spec.options, spec.image, *spec.command)
    views: List[ViewResult] = []
    nodes: Tuple[NodeSeen, ...] = ()
    try:
        want = spec.views or VIEWS
        with _Container(engine, spec, "ssh" in want and _publishes_ssh(spec)) as box:
            time.sleep(0.3)
            if not box.running():
                code, logs, errs = engine.call("logs", box.id or box.name, timeout=30)
                raise RuntimeError("the container stopped right after starting: {}".format(_last_line(errs or logs)))
            code, out, err = engine.call("exec", "--user", "0", box.id or box.name, "python3", "-c", PROBE, spec.user)
            if code != 0:
                raise RuntimeError("cannot look inside the container (python3 needed, exit {}): {}".format(
                    code, _last_line(err)))
            try:
                probe = json.loads(out)
            except ValueError as error:
                raise RuntimeError("cannot read what the container holds: {}".format(error)) from error
            if probe["user"] is None:
                raise RuntimeError("the image has no user {!r}; set user: to the account that needs the GPU".format(
                    spec.user))
            uid = int(probe["user"]["uid"])
            nodes = tuple(NodeSeen(p, m, u, g) for p, m, u, g in probe["nodes"])
            if "main" in want:
                views.append(_main_view(engine, spec, uid))
            if "exec" in want:
                argv = ["exec", "--user", spec.user, box.id or box.name, *spec.check]
                code, out, err = engine.call(*argv)
                views.append(_view_from_output("exec", engine.words("exec", "-u", spec.user, "CONTAINER", *spec.check),
                                               code, out, err, uid))
            if "su" in want:
                views.append(_su_view(engine, spec, box, probe, uid))
            if "ssh" in want:
                views.append(_ssh_view(engine, spec, box, probe, uid))
    except RuntimeError as error:
        return _finish(spec, launch, "error", str(error), nodes, views, out_dir)
    failing = [v.view for v in views if v.status == "fail"]
    if failing:
        detail = "fails in view {}: {}".format(", ".join(failing), next(v.detail for v in views if v.status == "fail"))
    elif not any(v.status == "pass" for v in views):
        detail = "no view could be checked"
    else:
        detail = "passes in view {}".format(", ".join(v.view for v in views if v.status == "pass"))
    status = "fail" if failing or not any(v.status == "pass" for v in views) else "pass"
    return _finish(spec, launch, status, detail, nodes, views, out_dir)


def _finish(spec: ImageSpec, launch: str, status: str, detail: str, nodes: Tuple[NodeSeen, ...],
            views: List[ViewResult], out_dir: Optional[str]) -> ImageResult:
    result = ImageResult(spec.name, spec.image, spec.user, spec.source, launch, status, detail, nodes, tuple(views))
    if out_dir:
        for view in views:
            if view.result is not None:
                write_under(out_dir, "{}/{}.json".format(spec.name, view.view), json.dumps(view.result, indent=2), OUT_REMEDY)
    return result


def _main_view(engine: Engine, spec: ImageSpec, uid: int) -> ViewResult:
    """A one-shot container, same launch, the check as its command: the image's entrypoint runs first."""
    name = NAME_PREFIX + secrets.token_hex(4)
    argv = ["run", "--rm", "--name", name, *engine.run_options, *spec.options, spec.image, *spec.check]
    try:
        code, out, err = engine.call(*argv)
    finally:
        engine.remove(name)  # --rm removes it, unless the call timed out
    return _view_from_output("main", engine.words("run", *spec.options, spec.image, *spec.check), code, out, err, uid)


def _su_view(engine: Engine, spec: ImageSpec, box: _Container, probe: Dict[str, Any], uid: int) -> ViewResult:
    how = engine.words("exec", "CONTAINER", "su", "-", spec.user, "-c", shlex.join(spec.check))
    shell = os.path.basename(probe["user"]["shell"] or "")
    if not probe["su"] or shell in ("nologin", "false", ""):
        reason = "the image has no su" if not probe["su"] else "{} has no login shell ({})".format(
            spec.user, probe["user"]["shell"])
        return ViewResult("su", "fail" if "su" in spec.views else "skip", reason, how, None, (), None)
    code, out, err = engine.call("exec", "--user", "0", box.id or box.name, "su", "-", spec.user, "-c",
                                 shlex.join(spec.check))
    return _view_from_output("su", how, code, out, err, uid)


def _ssh_view(engine: Engine, spec: ImageSpec, box: _Container, probe: Dict[str, Any], uid: int) -> ViewResult:
    how = "ssh -p PORT {}@127.0.0.1 {}".format(spec.user, shlex.join(spec.check))
    requested = "ssh" in spec.views
    reason = None
    port = box.port(22) if _publishes_ssh(spec) else None
    if not probe["sshd"]:
        reason = "nothing listens on port 22 in the container (no sshd running)"
    elif port is None:
        reason = "port 22 is not published (the launch uses the host's network or none)"
    if reason or port is None:
        return ViewResult("ssh", "fail" if requested else "skip", reason or "no port", how, None, (), None)
    try:
        key = _Key()
    except (FileNotFoundError, subprocess.SubprocessError) as error:
        return ViewResult("ssh", "fail" if requested else "skip", str(error), how, None, (), None)
    try:
        code, _, err = engine.call("exec", "--interactive", "--user", "0", box.id or box.name, "python3", "-c",
                                   INSTALL_KEY, spec.user, stdin=key.public)
        if code != 0:
            return ViewResult("ssh", "fail", "cannot install the run's SSH key: " + _last_line(err), how, None, (), None)
        if not _ssh_ready(port, time.monotonic() + SSH_WAIT_S):
            return ViewResult("ssh", "fail", "sshd did not answer on 127.0.0.1:{}".format(port), how, None, (), None)
        argv = [str(shutil.which("ssh")), "-i", key.path, "-p", str(port), "-o", "BatchMode=yes", "-o",
                "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "-o", "IdentitiesOnly=yes", "{}@127.0.0.1".format(spec.user), shlex.join(spec.check)]
        try:
            done = subprocess.run(argv, capture_output=True, text=True, timeout=RUN_TIMEOUT_S, check=False,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return ViewResult("ssh", "fail", "the SSH login timed out", how, None, (), None)
        if done.returncode == 255:
            return ViewResult("ssh", "fail", "the SSH login failed: " + _last_line(done.stderr), how, None, (), None)
        return _view_from_output("ssh", how, done.returncode, done.stdout, done.stderr, uid)
    finally:
        key.close()


# --- where it ran, and the reports ---------------------------------------------------------------

def host_facts(engine: Engine) -> Host:
    """The runner's board, JetPack, L4T and toolkit (unknown off a Jetson), for the matrix rows."""
    from .probe import ProbeError, probe

    try:
        facts = probe("/", "root")
    except ProbeError:
        return Host("unknown", "unknown", "unknown", "unknown", engine.name)
    plat = facts.platform
    jetpack = sorted({c.jetpack for c in plat.jetpack}) or ["unknown"]
    toolkit = next((p.version for p in facts.packages if p.name in ("nvidia-container-toolkit",
                                                                    "nvidia-container-toolkit-base")), "none")
    return Host(plat.model or "unknown", " or ".join(jetpack), plat.l4t or "unknown", toolkit, engine.name)


def engine_for(document: Dict[str, Any], name: Optional[str], global_options: Sequence[str],
               run_options: Sequence[str]) -> Engine:
    """The engine the command line names, else the list's, else docker when installed, else podman."""
    chosen = name or document.get("engine") or ("docker" if shutil.which("docker") else "podman")
    if not isinstance(chosen, str):
        raise _usage("the list's engine must be docker, podman or a path")
    return Engine(chosen, _strings(document.get("engine_options"), "engine_options") + tuple(global_options),
                  _strings(document.get("run_options"), "run_options") + tuple(run_options))


def check_list(path: str, out_dir: str, engine_name: Optional[str] = None, engine_options: Sequence[str] = (),
               run_options: Sequence[str] = (), only: Sequence[str] = (), device_root: Optional[str] = None) -> CheckRun:
    """Read the image list at ``path``, check its images (or those named in ``only``), write the reports."""
    document = read_list(path)
    refuse_writable_list(path)
    specs = image_specs(document, os.path.dirname(os.path.abspath(path)), device_root)
    unknown = sorted(set(only) - {s.name for s in specs})
    if unknown:
        raise _usage("no image named {} in {}; names: {}".format(", ".join(unknown), path,
                                                                  ", ".join(s.name for s in specs)))
    if device_root is not None and not os.path.isdir(os.path.join(device_root, "dev")):
        raise _usage("--device-root {} has no dev folder; give a lab device's root".format(device_root))
    engine = engine_for(document, engine_name, engine_options, run_options)
    return run_check([s for s in specs if not only or s.name in only], engine, out_dir)


def run_check(specs: Sequence[ImageSpec], engine: Engine, out_dir: str) -> CheckRun:
    """Check every image in turn and write results.json, junit.xml and summary.md under ``out_dir``
    (checked before the first image starts, written through safeio at the end)."""
    check_under(out_dir, "", REPORTS, OUT_REMEDY)
    for spec in specs:
        check_under(out_dir, spec.name, ["{}.json".format(view) for view in VIEWS], OUT_REMEDY)
    run = CheckRun(__version__, host_facts(engine), tuple(check_image(engine, s, out_dir) for s in specs))
    from .serde import to_jsonable

    write_under(out_dir, "results.json", json.dumps(to_jsonable(run), indent=2), OUT_REMEDY)
    write_under(out_dir, "junit.xml", junit(run), OUT_REMEDY)
    write_under(out_dir, "summary.md", markdown(run), OUT_REMEDY)
    return run


def matrix_rows(run: CheckRun) -> Iterator[Tuple[str, str, str, str, str, str, str]]:
    """(board, JetPack, toolkit, engine, image, view, status: detail) per image and view."""
    for image in run.images:
        for view in image.views or (ViewResult("-", image.status, image.detail, "", None, (), None),):
            yield (run.host.board, run.host.jetpack, run.host.toolkit, run.host.engine, image.name, view.view,
                   "{}: {}".format(view.status, view.detail))


def junit(run: CheckRun) -> str:
    cases = [(i, v) for i in run.images for v in (i.views or (None,))]
    failures = sum(1 for i, v in cases if (v.status if v else i.status) in ("fail", "error"))
    skipped = sum(1 for _, v in cases if v is not None and v.status == "skip")
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites name="image-check">',
           '<testsuite name="image-check" tests="{}" failures="{}" skipped="{}">'.format(len(cases), failures, skipped)]
    for image, view in cases:
        name = "{} [{}]".format(image.name, view.view if view else "start")
        out.append('  <testcase classname={} name={}>'.format(quoteattr("image-check." + image.name), quoteattr(name)))
        status, detail = (view.status, view.detail) if view else (image.status, image.detail)
        if status in ("fail", "error"):
            out.append("    <failure message={}>{}</failure>".format(
                quoteattr("view {} fails: {}".format(view.view, detail) if view else detail),
                escape("{}\n{}".format(image.launch, view.how if view else ""))))
        elif status == "skip":
            out.append("    <skipped message={}/>".format(quoteattr(detail)))
        out.append("  </testcase>")
    return "\n".join(out + ["</testsuite>", "</testsuites>"]) + "\n"


def markdown(run: CheckRun) -> str:
    host = run.host
    out = ["# Image check: {}".format(run.status.upper()), "",
           "Runner: {}, JetPack {}, L4T {}, container toolkit {}, engine {}; jetson-gpu-access {}.".format(
               host.board, host.jetpack, host.l4t, host.toolkit, host.engine, run.tool_version), "",
           "| Image | View | Result | Detail |", "| --- | --- | --- | --- |"]
    for image in run.images:
        for view in image.views:
            out.append("| {} | {} | {} | {} |".format(image.name, view.view, view.status, view.detail.replace("|", "\\|")))
        if not image.views:
            out.append("| {} | - | {} | {} |".format(image.name, image.status, image.detail.replace("|", "\\|")))
    return "\n".join(out) + "\n"
