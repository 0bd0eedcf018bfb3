"""Lab devices that run: a profile's scratch tree behind bubblewrap, with a real sshd.

``up`` materialises the profile (a copy of this machine's /etc with the profile's account and
release files, real device nodes, the emulated CUDA driver, this package) and starts ``sshd``
inside a bubblewrap sandbox on a free loopback port. ``exec`` runs a command in a fresh sandbox
over the same tree with the login view's or the process view's groups; ``ssh`` logs in for
real, so sshd's initgroups() decides the groups. ``down`` stops every process and removes the
tree. The kernel makes every permission decision; everything here is SIMULATED and says so.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shlex
import shutil
import signal
import socket
import stat
import subprocess
import time
from typing import Dict, List, Optional, Sequence, Tuple

from ..exitcodes import Exit
from ..probe.accounts import parse_passwd
from ..probe.container import Mounts
from ..record import frozen_record
from ..safeio import open_log, write_under
from . import cuda, profiles, schema, scratch
from .scratch import LabError

LAB_HOME_DEFAULT = "/run/jetson-gpu-access/lab"
TOOLS_NEEDED = {"bwrap": "bubblewrap", "sshd": "openssh-server", "ssh": "openssh-client",
                "ssh-keygen": "openssh-client", "gcc": "gcc", "setpriv": "util-linux"}
INNER = "/run/jga-lab"          # where the lab's own files appear inside the sandbox
INNER_PYTHON = "/usr/bin/python3"  # the host's, bound in with /usr: it runs this package inside
PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
START_TIMEOUT_S = 15.0
STOP_TIMEOUT_S = 10.0
SSHD_USER = "sshd:x:105:65534::/run/sshd:/usr/sbin/nologin"


# Sandboxes this process started: kept so they can be reaped (no zombies, no ResourceWarning)
# when a long-lived caller such as a test session brings devices up and down.
_STARTED: Dict[int, subprocess.Popen[bytes]] = {}


def reap() -> None:
    """Collect the exit status of every sandbox this process started that has ended."""
    for pid, process in list(_STARTED.items()):
        if process.poll() is not None:
            del _STARTED[pid]


@frozen_record
class Device:
    """A running lab device, as recorded in its state file."""

    name: str                 # the device's own name (the profile's by default; several may share a profile)
    profile: str
    directory: str
    pid: int
    start_time: str
    port: int
    shares: Tuple[str, ...]   # host paths shown read-only at the same place (e.g. a runner's virtual environment)


def lab_home() -> str:
    return os.environ.get("JGA_LAB_DIR") or LAB_HOME_DEFAULT


def _dir(name: str) -> str:
    """The folder of device ``name``; LabError (usage) unless ``name`` is a device name whose folder
    lies inside the lab directory, so that no name (a path, ``..``, an empty string, a link) can make
    the lab read, run from or delete anything outside it."""
    if not schema.is_name(name or ""):
        raise LabError("device name {!r} is not a host name: use lower-case letters, digits and '-' (see "
                       "'jetson-gpu-access lab status')".format(name), Exit.USAGE)
    home = os.path.realpath(lab_home())
    directory = os.path.join(home, name)
    if os.path.lexists(directory) and os.path.realpath(directory) != directory:
        raise LabError("device name {!r}: its folder {} is a link that points outside the lab directory; "
                       "remove the link by hand".format(name, directory), Exit.USAGE)
    return directory


def preflight() -> Dict[str, str]:
    """Absolute paths of the tools the lab needs; LabError naming what is missing and how to get it."""
    if os.geteuid() != 0:
        raise LabError("the lab needs root (device nodes, mounts, sshd): run it as root", Exit.NOT_ROOT)
    found = {tool: shutil.which(tool) or shutil.which(tool, path="/usr/sbin:/sbin") for tool in TOOLS_NEEDED}
    missing = sorted({TOOLS_NEEDED[t] for t, path in found.items() if not path})
    if missing:
        raise LabError("the lab needs {}: apt-get install {}".format(", ".join(missing), " ".join(missing)))
    return {tool: str(path) for tool, path in found.items()}


# --- processes ----------------------------------------------------------------------------------

def _start_time(pid: int) -> Optional[str]:
    """The process's start time (to tell it from a later process with the same pid); None once it
    has exited, including as a zombie waiting for a parent that is not us."""
    try:
        with open("/proc/{}/stat".format(pid)) as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return None if fields[0] in ("Z", "X") else fields[19]


def _alive(device: Device) -> bool:
    """True when the recorded process still runs and is the same process (not a reused pid)."""
    return _start_time(device.pid) == device.start_time


def _stop(pid: int, start_time: str) -> None:
    """SIGTERM the sandbox's process group, then SIGKILL after STOP_TIMEOUT_S; only our process."""
    if _start_time(pid) != start_time:
        return
    for sig, wait in ((signal.SIGTERM, STOP_TIMEOUT_S), (signal.SIGKILL, STOP_TIMEOUT_S)):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            reap()
            if _start_time(pid) != start_time:
                return
            time.sleep(0.05)
    raise LabError("process {} did not stop; stop it by hand (kill -9 -{})".format(pid, pid))


# --- state --------------------------------------------------------------------------------------

def load(name: str) -> Optional[Device]:
    """Device ``name`` from its state file; None without one, or when the file names another folder."""
    directory = _dir(name)
    try:
        with open(os.path.join(directory, "state.json"), encoding="utf-8") as handle:
            raw = json.load(handle)
        device = Device(str(raw["name"]), str(raw["profile"]), str(raw["directory"]), int(raw["pid"]),
                        str(raw["start_time"]), int(raw["port"]), tuple(str(p) for p in raw["shares"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return device if device.directory == directory and device.name == name else None


def profile_of(device: Device) -> profiles.Profile:
    """The profile a device was built from: the copy kept in its folder (the file given to ``up``
    may have changed or gone since), else the shipped profile of that name."""
    copy = os.path.join(device.directory, "profile.json")
    if os.path.isfile(copy):
        return profiles.from_document(profiles.read_document(copy), device.profile, copy)
    return profiles.load(device.profile)


def devices() -> List[Device]:
    home = lab_home()
    names = sorted(n for n in os.listdir(home) if schema.is_name(n)) if os.path.isdir(home) else []
    return [d for d in (load(n) for n in names) if d is not None]


# --- building the tree --------------------------------------------------------------------------

def _copy_etc(target: str) -> None:
    """This machine's /etc, so programs inside find their configuration; never its host keys."""

    def ignore(directory: str, names: List[str]) -> List[str]:
        return [n for n in names if n.startswith("ssh_host_")] if directory.rstrip("/").endswith("/ssh") else []

    shutil.copytree("/etc", target, symlinks=True, ignore=ignore, ignore_dangling_symlinks=True)


def _write(folder: str, inner: str, text: str, mode: int = 0o644) -> None:
    """``inner`` below the device's ``folder`` with exactly ``mode``, never through a link (its /etc is a copy of this
    machine's, links and all)."""
    write_under(folder, inner, text, scratch.TREE_REMEDY, mode, tree=True)


def _accounts(profile: profiles.Profile, root: str) -> None:
    """Lab account files: the profile's, sshd's privilege-separation user put first (so a verbatim
    file keeps its own bytes after it, trailing newline or not), and a key-login shadow."""
    own = profile.passwd_text()
    # an image with its own sshd account (alpine:3, UID 22) keeps it: a second line would be a duplicate
    passwd = own if any(line.startswith("sshd:") for line in own.splitlines()) else SSHD_USER + "\n" + own
    _write(root, "etc/passwd", passwd)
    users, _ = parse_passwd(passwd)
    # '*' (not '!'): the account has no password but is not locked, so key logins work
    _write(root, "etc/shadow", "".join("{}:*:19000:0:99999:7:::\n".format(u.name) for u in users), 0o640)
    groups = dict.fromkeys(g.name for g in profile.accounts().groups)
    _write(root, "etc/gshadow", "".join("{}:*::\n".format(g) for g in groups), 0o640)
    for user in users:
        if user.home.startswith("/home/") and "/" not in user.home[len("/home/"):] and user.home != "/home/":
            home = os.path.join(root, "home", user.home[len("/home/"):])
            os.makedirs(home, exist_ok=True)
            os.chown(home, user.uid, user.gid)
            os.chmod(home, 0o755)  # noqa: S103 - a home directory as useradd makes it


def _inner_files(profile: profiles.Profile, directory: str, tools: Dict[str, str]) -> None:
    run = os.path.join(directory, "run")
    lab = os.path.join(run, "jga-lab")
    os.makedirs(os.path.join(run, "sshd"), mode=0o755)
    if profile.container is not None and scratch.container_marker(profile) == "/run/.containerenv":
        _write(directory, "run/.containerenv", "")
    os.makedirs(os.path.join(lab, "lib"))
    cuda.build(os.path.join(lab, "lib", "libcuda.so.1"))
    _write(directory, "run/jga-lab/emulated-cuda.conf", cuda.config(profile))
    copy_package(os.path.join(lab, "python"))
    for base, _dirs, files in os.walk(os.path.join(lab, "python")):  # readable by the lab's users
        os.chmod(base, 0o755)  # noqa: S103
        for name in files:
            os.chmod(os.path.join(base, name), 0o644)
    _write(directory, "run/jga-lab/bin/jetson-gpu-access",
           "#!/bin/sh\n# jetson-gpu-access inside a SIMULATED lab device\n"
           "PYTHONPATH={}/python exec {} -m jetson_gpu_access \"$@\"\n".format(INNER, INNER_PYTHON), 0o755)
    ssh = os.path.join(lab, "ssh")
    os.makedirs(ssh)
    for key in (os.path.join(ssh, "host_ed25519"), os.path.join(directory, "client_key")):
        subprocess.run([tools["ssh-keygen"], "-q", "-t", "ed25519", "-N", "", "-C", "jga-lab", "-f", key],
                       check=True, timeout=30, stdin=subprocess.DEVNULL)
    with open(os.path.join(directory, "client_key.pub"), encoding="utf-8") as handle:
        _write(directory, "run/jga-lab/ssh/authorized_keys", handle.read())


def copy_package(directory: str) -> None:
    """This package under DIRECTORY, compiled to bytecode by the interpreter that runs it inside.

    The lab's users cannot write next to these files, so without bytecode compiled here every
    command in a device would compile every module it imports again (see make bench).
    """
    package = os.path.join(directory, "jetson_gpu_access")
    shutil.copytree(PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    subprocess.run([INNER_PYTHON, "-I", "-m", "compileall", "-q", package], check=True, timeout=120,
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)


def _sshd_config(port: int) -> str:
    return "\n".join([
        "# sshd of a SIMULATED jetson-gpu-access lab device",
        "ListenAddress 127.0.0.1", "Port {}".format(port),
        "HostKey {}/ssh/host_ed25519".format(INNER), "PidFile {}/ssh/sshd.pid".format(INNER),
        "AuthorizedKeysFile {}/ssh/authorized_keys".format(INNER),
        "UsePAM no", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
        "PermitRootLogin prohibit-password", "StrictModes no", "PrintMotd no", "PrintLastLog no",
        "MaxStartups 64", "LogLevel ERROR",
        "Subsystem sftp internal-sftp",  # file transfers (Ansible, scp), as a stock openssh-server offers them
        "",
    ])


# Docker's default capability set (moby oci/caps/defaults.go): what a container started without
# --privileged or --cap-add holds, so the probe sees a container's bounding set as on a device (the lab
# models --privileged only to reproduce it, never as advice).
CONTAINER_CAPS = ("chown", "dac_override", "fsetid", "fowner", "mknod", "net_raw", "setgid", "setuid", "setfcap",
                  "setpcap", "net_bind_service", "sys_chroot", "kill", "audit_write")


def capability_prefix(profile: profiles.Profile, tools: Dict[str, str]) -> List[str]:
    """What a device's processes start under: a container's bounding set limited to Docker's default
    (a --privileged one, reproduced as observed and not advised, and a host keep every capability)."""
    ctr = profile.container
    if ctr is None or ctr.get("privileged"):
        return []
    return [tools["setpriv"], "--bounding-set", "-all," + ",".join("+" + c for c in CONTAINER_CAPS)]


def bwrap_argv(profile: profiles.Profile, directory: str, tools: Dict[str, str], detach: bool = False,
               hostname: Optional[str] = None, shares: Sequence[str] = ()) -> List[str]:
    """The bubblewrap command line that shows ``directory``'s tree as the whole machine."""
    root = os.path.join(directory, "root")
    argv = [tools["bwrap"], "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--hostname", hostname or profile.name,
            "--cap-add", "ALL", "--ro-bind", "/usr", "/usr"]
    if not detach:
        argv.append("--die-with-parent")
    for top in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        path = "/" + top
        if os.path.islink(path):
            argv += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            argv += ["--ro-bind", path, path]
    argv += ["--bind", os.path.join(root, "etc"), "/etc", "--bind", os.path.join(root, "home"), "/home",
             "--tmpfs", "/var", "--dir", "/var/lib/dpkg",
             "--ro-bind", os.path.join(root, "var/lib/dpkg/status"), "/var/lib/dpkg/status",
             "--perms", "1777", "--tmpfs", "/tmp",  # noqa: S108 - a fresh tmpfs inside the sandbox, sticky as on a device
             "--bind", os.path.join(directory, "run"), "/run", "--proc", "/proc"]
    own_dev = os.path.join(directory, "dev")
    if os.path.islink(own_dev):  # the whole /dev, made on the file system its kind of device has
        argv += ["--dev-bind", os.path.realpath(own_dev), "/dev"]
    else:  # bubblewrap's /dev, each node bind-mounted (a runtime's --device or the legacy CSV mounts)
        argv += ["--dev", "/dev"]
        nodes = profile.nodes()
        # bwrap makes missing parents 0700; /dev/dri and /dev/nvgpu are 0755 on a device
        for parent in sorted({os.path.dirname(n.path) for n in nodes} - {"/dev"}):
            argv += ["--perms", "0755", "--dir", parent]
        for node in nodes:
            argv += ["--dev-bind", os.path.join(root, node.path.lstrip("/")), node.path]
    tree = [name for name in ("model", "compatible") if os.path.exists(os.path.join(root, "sys/firmware/devicetree/base", name))]
    if tree:  # readable parents, as sysfs has them: bwrap would make them 0700 and hide the model from users
        for parent in ("/sys", "/sys/firmware", "/sys/firmware/devicetree", "/sys/firmware/devicetree/base"):
            argv += ["--perms", "0755", "--dir", parent]
    for name in tree:
        argv += ["--ro-bind", os.path.join(root, "sys/firmware/devicetree/base", name), "/sys/firmware/devicetree/base/" + name]
    lab = os.path.join(directory, "run", "jga-lab")
    argv += ["--perms", "0700", "--dir", "/root",
             "--tmpfs", "/usr/local", "--dir", "/usr/local/bin", "--dir", "/usr/local/lib",
             "--ro-bind", os.path.join(lab, "bin", "jetson-gpu-access"), "/usr/local/bin/jetson-gpu-access",
             "--ro-bind", os.path.join(lab, "lib", "libcuda.so.1"), "/usr/local/lib/libcuda.so.1"]
    if profile.container is not None and scratch.container_marker(profile) == "/.dockerenv":
        argv += ["--ro-bind", os.path.join(root, ".dockerenv"), "/.dockerenv"]  # podman's marker is under /run
    for path in shares:
        argv += ["--ro-bind", path, path]
    return argv + ["--chdir", "/"]


# --- the device's /dev ------------------------------------------------------------------------------
# A host's /dev is a devtmpfs and a runtime-made container /dev a tmpfs holding the nodes; the probe
# tells them apart by the file-system type of /dev, so the device's /dev folder is made on a file
# system of that type: a private folder on this machine's own devtmpfs or /dev/shm tmpfs (root only,
# its nodes have /dev/null's numbers). Nodes bind-mounted one by one keep bubblewrap's own /dev.
# /dev/shm is world-writable: the folder is checked to be root's own, not a link, mode 0700 (below)
PRIVATE_DEV = {"devtmpfs": "/dev/.jetson-gpu-access-lab", "tmpfs": "/dev/shm/.jetson-gpu-access-lab"}  # noqa: S108
BASIC_NODES = (("null", 1, 3), ("zero", 1, 5), ("full", 1, 7), ("random", 1, 8), ("urandom", 1, 9), ("tty", 5, 0))
BASIC_LINKS = (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"),
               ("stderr", "/proc/self/fd/2"), ("ptmx", "pts/ptmx"))


def dev_style(profile: profiles.Profile) -> str:
    """devtmpfs (a host, or -v /dev:/dev), tmpfs (nodes the runtime created) or bind-mounted."""
    ctr = profile.container
    if ctr is None or ctr["dev"] == "host-dev":
        return "devtmpfs"
    return "tmpfs" if ctr["dev"] == "created" else "bind-mounted"


def _fs_type(path: str) -> Optional[str]:
    with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as handle:
        return Mounts(handle.read()).containing(path)[1]


def _private_parent(wanted: str) -> Optional[str]:
    """The root-only folder for device /dev folders on a ``wanted`` file system; None where this
    machine has none (then the device's /dev lies in its own folder, whatever that file system is)."""
    parent = PRIVATE_DEV[wanted]
    if _fs_type(os.path.dirname(parent)) != wanted:
        return None
    with contextlib.suppress(FileExistsError):
        os.mkdir(parent, 0o700)
    info = os.lstat(parent)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != 0 or info.st_mode & 0o077:
        raise LabError("{} is not a folder private to root (a link, or someone else's); remove it and try "
                       "again".format(parent))
    return parent


def _dev_key(name: str) -> str:
    """The private folder's name: the device's, prefixed by its lab directory's (labs apart, no clash)."""
    home = os.path.realpath(lab_home()).encode("utf-8", "surrogateescape")
    return "{}-{}".format(hashlib.sha256(home).hexdigest()[:12], name)


def _dev_folder(name: str) -> Optional[str]:
    """Device ``name``'s private /dev folder on this machine, if one is there (for removal)."""
    for parent in PRIVATE_DEV.values():
        folder = os.path.join(parent, _dev_key(name))
        if os.path.isdir(folder) and not os.path.islink(folder) and os.path.realpath(folder) == folder:
            return folder
    return None


def _remove_dev_folder(name: str) -> None:
    folder = _dev_folder(name)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def _build_dev(profile: profiles.Profile, name: str, directory: str) -> None:
    """The device's whole /dev as one folder (see PRIVATE_DEV); ``directory``/dev links to it."""
    style = dev_style(profile)
    if style == "bind-mounted":
        return
    parent = _private_parent(style)
    if parent is None:
        base = os.path.join(directory, "root")
    else:
        _remove_dev_folder(name)
        base = os.path.join(parent, _dev_key(name))
        os.mkdir(base, 0o755)
        scratch.make_nodes(profile, base)
    dev = os.path.join(base, "dev")
    os.makedirs(dev, exist_ok=True)
    for folder, _dirs, _files in os.walk(dev):
        os.chmod(folder, 0o755)  # noqa: S103 - /dev, /dev/dri, /dev/nvgpu as a device has them
    for node, major, minor in BASIC_NODES:
        target = os.path.join(dev, node)
        if not os.path.lexists(target):
            os.mknod(target, 0o666 | stat.S_IFCHR, os.makedev(major, minor))
            os.chmod(target, 0o666)  # noqa: S103 - as the kernel makes them
    for link, target in BASIC_LINKS:
        if not os.path.lexists(os.path.join(dev, link)):
            os.symlink(target, os.path.join(dev, link))
    for folder, mode in (("pts", 0o755), ("shm", 0o1777)):
        os.makedirs(os.path.join(dev, folder), exist_ok=True)
        os.chmod(os.path.join(dev, folder), mode)
    os.symlink(dev, os.path.join(directory, "dev"))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as conn:
            return conn.recv(4).startswith(b"SSH")
    except OSError:
        return False


# Shares must not hide the device's own tree (its /etc, nodes, runtime files, homes).
OWN_TREES = ("/etc", "/dev", "/proc", "/sys", "/run", "/home", "/var")


def _check_shares(shares: Sequence[str]) -> Tuple[str, ...]:
    checked = []
    for path in shares:
        real = os.path.realpath(path)
        if not os.path.isabs(path) or not os.path.exists(real):
            raise LabError("cannot share {!r}: give an absolute path that exists on this machine".format(path), Exit.USAGE)
        if real in ("/", "/usr", "/tmp", "/root") or any(real == t or real.startswith(t + "/") for t in OWN_TREES):  # noqa: S108
            raise LabError("cannot share {}: it would hide the lab device's own files; share a folder below it".format(
                real), Exit.USAGE)
        checked.append(real)
    return tuple(checked)


def up(profile_name: str, name: Optional[str] = None, shares: Sequence[str] = ()) -> Device:
    """Build and start a lab device from ``profile_name`` (a shipped profile's name or a profile
    file's path), called ``name`` (default: the profile's name, so several devices can share a
    profile); refuses when that device is already up.
    ``shares`` are host paths shown read-only at the same place (sshd's logins see them)."""
    tools = preflight()
    profile = profiles.load(profile_name)
    name = name or profile.name
    checked = _check_shares(shares)
    directory = _dir(name)
    running = load(name)
    if running is not None and _alive(running):
        raise LabError("lab device {} is already up (port {}); run 'jetson-gpu-access lab down {}' first".format(
            name, running.port, name), Exit.CONFLICT)
    if os.path.exists(directory):
        shutil.rmtree(directory)  # left by a crash: nothing runs from it any more
    os.makedirs(directory, mode=0o700)
    try:
        _write(directory, "profile.json", profiles.dump(profile.raw), 0o600)
        root = os.path.join(directory, "root")
        _copy_etc(os.path.join(root, "etc"))
        scratch.materialise(profile, root, simulate_process=False)
        _accounts(profile, root)
        _build_dev(profile, name, directory)
        _inner_files(profile, directory, tools)
        base = bwrap_argv(profile, directory, tools)
        subprocess.run(base + ["/usr/sbin/ldconfig"], check=True, timeout=60, stdin=subprocess.DEVNULL)
        return _start_sshd(name, profile, directory, tools, checked)
    except BaseException:
        device = load(name)
        if device is not None:
            _stop(device.pid, device.start_time)
        shutil.rmtree(directory, ignore_errors=True)
        _remove_dev_folder(name)
        raise


def _start_sshd(name: str, profile: profiles.Profile, directory: str, tools: Dict[str, str],
                shares: Tuple[str, ...]) -> Device:
    log_path = os.path.join(directory, "sshd.log")
    for _attempt in range(3):  # a free port can be taken between probing and binding
        port = _free_port()
        _write(directory, "run/jga-lab/ssh/sshd_config", _sshd_config(port))
        argv = bwrap_argv(profile, directory, tools, detach=True, hostname=name, shares=shares) + [
            *capability_prefix(profile, tools), "/usr/sbin/sshd", "-D", "-e", "-f", INNER + "/ssh/sshd_config"]
        log_fd = open_log(log_path)
        try:
            process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log_fd, stderr=log_fd, start_new_session=True)
        finally:
            os.close(log_fd)
        _STARTED[process.pid] = process
        device = Device(name, profile.name, directory, process.pid, _start_time(process.pid) or "", port, shares)
        _write(directory, "state.json", json.dumps(
            {"name": name, "profile": device.profile, "directory": directory, "pid": device.pid,
             "start_time": device.start_time, "port": port, "shares": list(shares)}, indent=1) + "\n")
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline and process.poll() is None:
            if _listening(port):
                return device
            time.sleep(0.05)
        _stop(device.pid, device.start_time)
    with open(log_path, encoding="utf-8", errors="replace") as log:
        tail = log.read().strip().splitlines()[-3:]
    raise LabError("sshd in lab device {} did not start: {}".format(profile.name, " | ".join(tail) or "no output"))


def down(name: str) -> bool:
    """Stop lab device ``name`` and remove its tree; False, touching nothing, when the lab has no
    state file for it (a folder without one is not the lab's to delete)."""
    device = load(name)
    if device is None:
        return False
    _stop(device.pid, device.start_time)
    shutil.rmtree(device.directory, ignore_errors=True)
    _remove_dev_folder(name)
    return True


def _running(name: str) -> Device:
    device = load(name)
    if device is None or not _alive(device):
        raise LabError("lab device {} is not up; start it with 'jetson-gpu-access lab up {}'".format(name, name), Exit.CONFLICT)
    return device


def exec_argv(name: str, user: str, view: str, command: Sequence[str],
              binds: Sequence[Tuple[str, bool]] = ()) -> List[str]:
    """The command line that runs ``command`` inside lab device ``name`` as ``user``.

    ``view`` "login" gives the groups initgroups() computes from the lab's /etc/group (what SSH
    gives); "process" gives the container process's groups (login groups plus --group-add and,
    for toolkit 1.19.1+, the device GIDs), as docker exec would. ``binds`` shows extra host paths
    (path, writable) at the same place inside.
    """
    device = _running(name)
    tools = preflight()
    profile = profile_of(device)
    argv = bwrap_argv(profile, device.directory, tools, hostname=device.name, shares=device.shares)
    own = list(argv)  # the device's own places: what a bind must not cover (binds may nest in each other)
    for path, writable in binds:  # host paths shown at the same place (the runner's interpreter, its outputs)
        covered = _covered(own, path)
        if covered is not None:
            raise LabError("cannot show {} inside lab device {}: it would cover the device's own {}; use a path the "
                           "device does not have".format(path, name, covered), Exit.USAGE)
        argv += _open_parents(path) + ["--bind" if writable else "--ro-bind", path, path]
    # the process view of the profile's own session is that session (its first process, or an exec);
    # anyone else's is an `exec -u` by the engine's rule
    process_kind = profile.session_kind if user == profile.session_user and profile.session_kind in profiles.PROCESS_KINDS \
        else "exec"
    who = profile.credentials(user, process_kind if view == "process" else "login")
    prefix = capability_prefix(profile, tools)
    if who.uid == 0:
        return argv + ["--", *prefix, *command]
    switch = prefix + [tools["setpriv"], "--reuid={}".format(who.uid), "--regid={}".format(who.gid)]
    if view == "login":
        switch.append("--init-groups")
    else:
        switch.append("--groups=" + ",".join(str(g) for g in who.groups))
    return argv + ["--", *switch, "--", *command]


def covered(name: str, path: str) -> Optional[str]:
    """What of running lab device ``name``'s own a host path shown at ``path`` inside it would hide, or None."""
    device = _running(name)
    return _covered(bwrap_argv(profile_of(device), device.directory, preflight(), hostname=device.name,
                               shares=device.shares), path)


# bwrap's options in what bwrap_argv builds: how many words each takes, and which of them put something in place
_BWRAP_WORDS = {"--bind": 2, "--ro-bind": 2, "--dev-bind": 2, "--symlink": 2, "--tmpfs": 1, "--dir": 1, "--proc": 1,
                "--dev": 1, "--perms": 1, "--hostname": 1, "--cap-add": 1, "--chdir": 1, "--unshare-pid": 0,
                "--unshare-ipc": 0, "--unshare-uts": 0, "--die-with-parent": 0}
_BINDS = ("--bind", "--ro-bind", "--dev-bind")


def _covered(argv: Sequence[str], path: str) -> Optional[str]:
    """What of the device's own a host path bound at ``path`` would hide, or None: read from the device's own
    bwrap command line, so the two cannot disagree. A place the device makes (a mount, a folder, a link) at or
    below ``path`` is covered; so is a file of the device's trees (its /etc, /home, /run) or anything under its
    /dev or /proc. Below the host's own trees (/usr, /tmp's empty tmpfs) nothing of the device's is hidden."""
    if not path.startswith("/"):
        return path
    inside = "/" + os.path.normpath(path).lstrip("/")  # bwrap reads //etc as /etc
    places: List[Tuple[str, str, Optional[str]]] = []  # (option, place inside, host source)
    index = 1
    while index < len(argv):
        option = argv[index]
        if option not in _BWRAP_WORDS:
            raise ValueError("bwrap option {!r} is not known to _covered".format(option))
        words = argv[index + 1:index + 1 + _BWRAP_WORDS[option]]
        if option in _BINDS or option == "--symlink":
            places.append((option, words[1], words[0]))
        elif option in ("--tmpfs", "--dir", "--proc", "--dev"):
            places.append((option, words[0], None))
        index += 1 + _BWRAP_WORDS[option]
    above = inside.rstrip("/") + "/"
    for _option, place, _source in places:
        if place == inside or place.startswith(above):
            return place
    holders = [p for p in places if inside.startswith(p[1].rstrip("/") + "/")]
    if not holders:
        return None
    option, place, source = max(holders, key=lambda p: len(p[1]))
    if option in ("--dev", "--proc"):
        return place
    if option in _BINDS and source is not None and source != place and os.path.lexists(source + inside[len(place):]):
        return inside
    return None


def _open_parents(path: str) -> List[str]:
    """bwrap makes a bind's missing parents 0700: make those outside the device's own top-level
    folders 0755, so that a user of the device reaches a shared interpreter (a non-root kernel)."""
    parts = path.strip("/").split("/")[:-1]
    if not parts or "/" + parts[0] in OWN_TREES + ("/usr", "/root", "/bin", "/sbin", "/lib", "/lib32", "/lib64"):
        return []  # the device's own trees, read-only system folders, and root's private home stay as they are
    first = 2 if parts[0] == "tmp" else 1  # the device's /tmp is its own tmpfs
    return [arg for depth in range(first, len(parts) + 1)
            for arg in ("--perms", "0755", "--dir", "/" + "/".join(parts[:depth]))]


def exec_env(user: str) -> Dict[str, str]:
    """The environment of a command run with lab exec: a login-like minimum."""
    home = "/root" if user == "root" else "/home/" + user
    path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" if user == "root" else "/usr/local/bin:/usr/bin:/bin"
    return {"PATH": path, "HOME": home, "USER": user, "LOGNAME": user, "LANG": "C.UTF-8"}


def ssh_argv(name: str, user: str, command: Sequence[str]) -> List[str]:
    """A real SSH login into lab device ``name`` as ``user`` running ``command``."""
    device = _running(name)
    tools = preflight()
    profile_of(device).uid_of(user)  # a clear error for an unknown user
    return [tools["ssh"], "-i", os.path.join(device.directory, "client_key"), "-o", "BatchMode=yes",
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
            "-o", "ConnectTimeout=10", "-p", str(device.port), "{}@127.0.0.1".format(user), "--", shlex.join(command)]


def inventory_yaml(running: Sequence[Device], host_vars: Optional[Dict[str, Dict[str, str]]] = None,
                   group_vars: Optional[Dict[str, str]] = None) -> str:
    """An Ansible inventory (YAML) reaching ``running`` devices as root over their loopback sshd.

    The device's profile goes in ``jga_lab_profile`` and its session user in ``jga_target_user``
    (the account the runbooks check); ``host_vars`` (by device name) and ``group_vars`` add more.
    Host keys are fresh per device, so checking them is switched off for these loopback hosts
    only. Values are written as JSON strings, which YAML reads as strings.
    """
    quote = json.dumps
    lines = ["# Ansible inventory of SIMULATED jetson-gpu-access lab devices (loopback sshd, root, per-device key)",
             "lab:", "  hosts:" if running else "  hosts: {}"]
    for device in running:
        values = {"ansible_host": "127.0.0.1", "ansible_port": device.port, "ansible_user": "root",
                  "ansible_ssh_private_key_file": os.path.join(device.directory, "client_key"),
                  "ansible_ssh_common_args": "-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null",
                  "ansible_python_interpreter": "/usr/bin/python3", "jga_lab_profile": device.profile,
                  "jga_target_user": profile_of(device).session_user}
        values.update((host_vars or {}).get(device.name, {}))
        lines += ["    {}:".format(device.name)] + ["      {}: {}".format(k, quote(v)) for k, v in values.items()]
    if group_vars:
        lines += ["  vars:"] + ["    {}: {}".format(k, quote(v)) for k, v in sorted(group_vars.items())]
    return "\n".join(lines) + "\n"
