"""Lab devices that run: a profile's scratch tree behind bubblewrap, with a real sshd.

``up`` materialises the profile (a copy of this machine's /etc with the profile's account and
release files, real device nodes, the emulated CUDA driver, this package) and starts ``sshd``
inside a bubblewrap sandbox on a free loopback port. ``exec`` runs a command in a fresh sandbox
over the same tree with the login view's or the process view's groups; ``ssh`` logs in for
real, so sshd's initgroups() decides the groups. ``down`` stops every process and removes the
tree. The kernel makes every permission decision; everything here is SIMULATED and says so.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import time
from typing import Dict, List, Optional, Sequence, Tuple

from ..exitcodes import Exit
from ..record import frozen_record
from . import cuda, profiles, scratch
from .scratch import LabError

LAB_HOME_DEFAULT = "/run/jetson-gpu-access/lab"
TOOLS_NEEDED = {"bwrap": "bubblewrap", "sshd": "openssh-server", "ssh": "openssh-client",
                "ssh-keygen": "openssh-client", "gcc": "gcc", "setpriv": "util-linux"}
INNER = "/run/jga-lab"          # where the lab's own files appear inside the sandbox
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
    return os.path.join(lab_home(), name)


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
    path = os.path.join(_dir(name), "state.json")
    try:
        with open(path, encoding="utf-8") as handle:
            raw = json.load(handle)
        return Device(str(raw["name"]), raw["profile"], raw["directory"], int(raw["pid"]), str(raw["start_time"]),
                      int(raw["port"]), tuple(str(p) for p in raw["shares"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def devices() -> List[Device]:
    home = lab_home()
    names = sorted(os.listdir(home)) if os.path.isdir(home) else []
    return [d for d in (load(n) for n in names) if d is not None]


# --- building the tree --------------------------------------------------------------------------

def _copy_etc(target: str) -> None:
    """This machine's /etc, so programs inside find their configuration; never its host keys."""

    def ignore(directory: str, names: List[str]) -> List[str]:
        return [n for n in names if n.startswith("ssh_host_")] if directory.rstrip("/").endswith("/ssh") else []

    shutil.copytree("/etc", target, symlinks=True, ignore=ignore, ignore_dangling_symlinks=True)


def _write(path: str, text: str, mode: int = 0o644) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(path, mode)


def _accounts(profile: profiles.Profile, root: str) -> None:
    """Lab account files: the profile's, plus sshd's privilege-separation user and key-login shadow."""
    passwd = profile.passwd_lines() + [SSHD_USER]
    _write(os.path.join(root, "etc/passwd"), "\n".join(passwd) + "\n")
    names = [line.split(":", 1)[0] for line in passwd]
    # '*' (not '!'): the account has no password but is not locked, so key logins work
    _write(os.path.join(root, "etc/shadow"), "".join("{}:*:19000:0:99999:7:::\n".format(n) for n in names), 0o640)
    groups = [line.split(":", 1)[0] for line in profile.group_lines()]
    _write(os.path.join(root, "etc/gshadow"), "".join("{}:*::\n".format(g) for g in groups), 0o640)
    for name, uid in profile.raw["accounts"]["users"].items():
        home = os.path.join(root, "home", name)
        os.makedirs(home, exist_ok=True)
        os.chown(home, int(uid), int(uid))
        os.chmod(home, 0o755)  # noqa: S103 - a home directory as useradd makes it


def _inner_files(profile: profiles.Profile, directory: str, tools: Dict[str, str]) -> None:
    run = os.path.join(directory, "run")
    lab = os.path.join(run, "jga-lab")
    os.makedirs(os.path.join(run, "sshd"), mode=0o755)
    if profile.container is not None and scratch.container_marker(profile) == "/run/.containerenv":
        _write(os.path.join(run, ".containerenv"), "")
    os.makedirs(os.path.join(lab, "lib"))
    cuda.build(os.path.join(lab, "lib", "libcuda.so.1"))
    _write(os.path.join(lab, "emulated-cuda.conf"), cuda.config(profile))
    shutil.copytree(PACKAGE_DIR, os.path.join(lab, "python", "jetson_gpu_access"),
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for base, _dirs, files in os.walk(os.path.join(lab, "python")):  # readable by the lab's users
        os.chmod(base, 0o755)  # noqa: S103
        for name in files:
            os.chmod(os.path.join(base, name), 0o644)
    _write(os.path.join(lab, "bin", "jetson-gpu-access"),
           "#!/bin/sh\n# jetson-gpu-access inside a SIMULATED lab device\n"
           "PYTHONPATH={}/python exec /usr/bin/python3 -m jetson_gpu_access \"$@\"\n".format(INNER), 0o755)
    ssh = os.path.join(lab, "ssh")
    os.makedirs(ssh)
    for key in (os.path.join(ssh, "host_ed25519"), os.path.join(directory, "client_key")):
        subprocess.run([tools["ssh-keygen"], "-q", "-t", "ed25519", "-N", "", "-C", "jga-lab", "-f", key],
                       check=True, timeout=30, stdin=subprocess.DEVNULL)
    with open(os.path.join(directory, "client_key.pub"), encoding="utf-8") as handle:
        _write(os.path.join(ssh, "authorized_keys"), handle.read())


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
             "--bind", os.path.join(directory, "run"), "/run", "--proc", "/proc", "--dev", "/dev"]
    nodes = profile.nodes()
    # bwrap makes missing parents 0700; /dev/dri and /dev/nvgpu are 0755 on a device
    for parent in sorted({os.path.dirname(n.path) for n in nodes} - {"/dev"}):
        argv += ["--perms", "0755", "--dir", parent]
    for node in nodes:
        argv += ["--dev-bind", os.path.join(root, node.path.lstrip("/")), node.path]
    for name in ("model", "compatible"):
        source = os.path.join(root, "sys/firmware/devicetree/base", name)
        if os.path.exists(source):
            argv += ["--ro-bind", source, "/sys/firmware/devicetree/base/" + name]
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


NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
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
    """Build and start a lab device from ``profile_name``, called ``name`` (default: the profile's
    name, so several devices can share a profile); refuses when that device is already up.
    ``shares`` are host paths shown read-only at the same place (sshd's logins see them)."""
    tools = preflight()
    profile = profiles.load(profile_name)
    name = name or profile.name
    if not NAME_PATTERN.fullmatch(name):
        raise LabError("device name {!r} is not a host name: use lower-case letters, digits and '-'".format(name), Exit.USAGE)
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
        root = os.path.join(directory, "root")
        _copy_etc(os.path.join(root, "etc"))
        scratch.materialise(profile, root, simulate_process=False)
        _accounts(profile, root)
        _inner_files(profile, directory, tools)
        base = bwrap_argv(profile, directory, tools)
        subprocess.run(base + ["/usr/sbin/ldconfig"], check=True, timeout=60, stdin=subprocess.DEVNULL)
        return _start_sshd(name, profile, directory, tools, checked)
    except BaseException:
        device = load(name)
        if device is not None:
            _stop(device.pid, device.start_time)
        shutil.rmtree(directory, ignore_errors=True)
        raise


def _start_sshd(name: str, profile: profiles.Profile, directory: str, tools: Dict[str, str],
                shares: Tuple[str, ...]) -> Device:
    log_path = os.path.join(directory, "sshd.log")
    for _attempt in range(3):  # a free port can be taken between probing and binding
        port = _free_port()
        _write(os.path.join(directory, "run", "jga-lab", "ssh", "sshd_config"), _sshd_config(port))
        argv = bwrap_argv(profile, directory, tools, detach=True, hostname=name, shares=shares) + [
            "/usr/sbin/sshd", "-D", "-e", "-f", INNER + "/ssh/sshd_config"]
        with open(log_path, "ab") as log:
            process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
        _STARTED[process.pid] = process
        device = Device(name, profile.name, directory, process.pid, _start_time(process.pid) or "", port, shares)
        _write(os.path.join(directory, "state.json"), json.dumps(
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
    """Stop lab device ``name`` and remove its tree; False when it was not up."""
    directory = _dir(name)
    device = load(name)
    if device is None and not os.path.exists(directory):
        return False
    if device is not None:
        _stop(device.pid, device.start_time)
    shutil.rmtree(directory, ignore_errors=True)
    return device is not None


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
    tools = preflight()
    device = _running(name)
    profile = profiles.load(device.profile)
    argv = bwrap_argv(profile, device.directory, tools, hostname=device.name, shares=device.shares)
    for path, writable in binds:  # host paths shown at the same place (the runner's interpreter, its outputs)
        argv += _open_parents(path) + ["--bind" if writable else "--ro-bind", path, path]
    uid = profile.uid_of(user)
    if uid == 0:
        return argv + ["--", *command]
    switch = [tools["setpriv"], "--reuid={}".format(uid), "--regid={}".format(uid)]
    if view == "login":
        switch.append("--init-groups")
    else:
        switch.append("--groups=" + ",".join(str(g) for g in profile.process_gids(user)))
    return argv + ["--", *switch, "--", *command]


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
    tools = preflight()
    device = _running(name)
    profiles.load(device.profile).uid_of(user)  # a clear error for an unknown user
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
                  "jga_target_user": profiles.load(device.profile).session_user}
        values.update((host_vars or {}).get(device.name, {}))
        lines += ["    {}:".format(device.name)] + ["      {}: {}".format(k, quote(v)) for k, v in values.items()]
    if group_vars:
        lines += ["  vars:"] + ["    {}: {}".format(k, quote(v)) for k, v in sorted(group_vars.items())]
    return "\n".join(lines) + "\n"
