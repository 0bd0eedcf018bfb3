"""Small container images built from this machine's own files, for tests with a real engine.

No registry is reachable here, so a base root file system is assembled from host binaries (each
with the libraries ``ldd`` names), Python's standard library, OpenSSH's server and this package,
then ``podman import``-ed. The tar is cached under build/ by a hash of everything that went in,
so a rebuild costs seconds only when the host's files or the package changed.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
import tarfile
from pathlib import Path
from typing import Dict, Iterable, List, Set

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / "build" / "image-cache"
BINARIES = ("sh", "bash", "id", "ls", "cat", "mkdir", "chown", "chmod", "stat", "sleep", "env", "rm", "cp", "ln", "mv",
            "head", "cut", "tr", "grep", "find", "sort", "uniq", "readlink", "getent", "groupadd", "groupmod", "useradd", "usermod",
            "su", "setpriv", "python3", "sshd", "ssh-keygen", "true", "test", "touch", "dirname", "uname", "sed")
PYTHON_SKIP = {"test", "idlelib", "tkinter", "turtledemo", "ensurepip", "lib2to3", "pydoc_data", "distutils",
               "__pycache__", "config-3.11-x86_64-linux-gnu", "venv", "site-packages", "dist-packages"}
LDD_PATH = re.compile(r"(/\S+) \(0x")
USERS_FILE = ("root:x:0:0:root:/root:/bin/bash\nsshd:x:100:65534::/run/sshd:/usr/sbin/nologin\n"
          "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n")
GROUP = "root:x:0:\ntty:x:5:\nvideo:x:44:\nusers:x:100:\nnogroup:x:65534:\n"
PAM_ROOT_ONLY = ("auth sufficient pam_rootok.so\nauth required pam_deny.so\naccount required pam_permit.so\n"
                 "session required pam_permit.so\n")
SSHD_CONFIG = ("Port 22\nHostKey /etc/ssh/ssh_host_ed25519_key\nUsePAM yes\nPasswordAuthentication no\n"
               "KbdInteractiveAuthentication no\nPermitRootLogin no\nPidFile /run/sshd.pid\n"
               "AuthorizedKeysFile .ssh/authorized_keys\nStrictModes yes\nSubsystem sftp internal-sftp\n")


def _which(name: str) -> str:
    for folder in ("/usr/sbin", "/usr/bin", "/sbin", "/bin"):
        path = os.path.join(folder, name)
        if os.access(path, os.X_OK):
            return path
    raise FileNotFoundError(name)


def _libraries(paths: Iterable[str]) -> Set[str]:
    out: Set[str] = set()
    for path in paths:
        listing = subprocess.run(["ldd", path], capture_output=True, text=True, check=False).stdout
        out.update(LDD_PATH.findall(listing))
    out.update(str(p) for p in Path("/lib64").glob("ld-linux*"))
    return out


def _python_files() -> List[str]:
    out = []
    stdlib = "/usr/lib/python3.11"
    for folder, dirs, files in os.walk(stdlib):
        dirs[:] = [d for d in dirs if d not in PYTHON_SKIP]
        out += [os.path.join(folder, f) for f in files if not f.endswith(".pyc")]
    return out


def _package_files() -> List[str]:
    package = REPO / "tools" / "jetson_gpu_access"
    return sorted(str(p) for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def _image_path(path: str) -> str:
    """Where a host file goes in the merged-/usr image: its folder with links resolved, its own name."""
    return os.path.join(os.path.realpath(os.path.dirname(path)), os.path.basename(path))


def _host_files() -> Dict[str, str]:
    """Image path -> host path: binaries, their libraries, Python's stdlib, PAM and NSS modules."""
    binaries = [_which(b) for b in BINARIES]
    pam = [str(p) for p in Path("/lib/x86_64-linux-gnu/security").glob("pam_*.so")]
    nss = [str(p) for p in Path("/lib/x86_64-linux-gnu").glob("libnss_files*")]
    dynload = [str(p) for p in Path("/usr/lib/python3.11/lib-dynload").glob("*.so")]
    wanted = set(binaries) | _libraries(binaries + pam + dynload)
    wanted.update(pam + nss + _python_files())
    out = {_image_path(path): os.path.realpath(path) for path in wanted}
    pkg_root = str(REPO / "tools")
    for path in _package_files():
        out["/usr/lib/python3/dist-packages" + path[len(pkg_root):]] = path
    return out


def _add_bytes(tar: tarfile.TarFile, path: str, data: bytes, mode: int = 0o644) -> None:
    info = tarfile.TarInfo(path.lstrip("/"))
    info.size, info.mode = len(data), mode
    tar.addfile(info, io.BytesIO(data))


def _add_dir(tar: tarfile.TarFile, path: str, mode: int = 0o755) -> None:
    info = tarfile.TarInfo(path.lstrip("/"))
    info.type, info.mode = tarfile.DIRTYPE, mode
    tar.addfile(info)


def base_tar() -> Path:
    """The base root file system as a tar, built once per content hash."""
    files = _host_files()
    digest = hashlib.sha256()
    for image_path, host_path in sorted(files.items()):
        stat = os.stat(host_path)
        digest.update("{}\0{}\0{}\0{}\n".format(image_path, host_path, stat.st_size, stat.st_mtime_ns).encode())
    digest.update(Path(__file__).read_bytes())
    target = CACHE / "base-{}.tar".format(digest.hexdigest()[:16])
    if target.exists():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    for old in CACHE.glob("base-*.tar"):
        old.unlink()
    partial = target.with_suffix(".partial")
    with tarfile.open(partial, "w") as tar:
        for link in ("bin", "sbin", "lib", "lib64"):
            info = tarfile.TarInfo(link)
            info.type, info.linkname = tarfile.SYMTYPE, "usr/" + link
            tar.addfile(info)
        for folder in ("/usr", "/usr/lib", "/usr/lib64", "/usr/bin", "/usr/sbin", "/etc/ssh", "/etc/pam.d", "/run/sshd",
                       "/home", "/root", "/var/empty", "/proc", "/sys", "/dev", "/usr/local/bin", "/var/log"):
            _add_dir(tar, folder, 0o700 if folder == "/root" else 0o755)
        _add_dir(tar, "/tmp", 0o1777)
        for image_path, host_path in sorted(files.items()):
            tar.add(host_path, image_path.lstrip("/"), recursive=False)
        _add_bytes(tar, "/etc/passwd", USERS_FILE.encode())
        _add_bytes(tar, "/etc/group", GROUP.encode())
        _add_bytes(tar, "/etc/shadow", b"root:*:19000:0:99999:7:::\nsshd:*:19000:0:99999:7:::\n", 0o640)
        _add_bytes(tar, "/etc/gshadow", b"root:*::\nvideo:!::\nusers:!::\nnogroup:!::\ntty:!::\n", 0o640)
        _add_bytes(tar, "/etc/login.defs", b"UID_MIN 1000\nUID_MAX 60000\nGID_MIN 1000\nGID_MAX 60000\n"
                   b"SYS_GID_MIN 100\nSYS_GID_MAX 999\nCREATE_HOME yes\nUSERGROUPS_ENAB yes\nENCRYPT_METHOD SHA512\n")
        _add_bytes(tar, "/etc/nsswitch.conf", b"passwd: files\ngroup: files\nshadow: files\n")
        _add_bytes(tar, "/etc/shells", b"/bin/sh\n/bin/bash\n/usr/bin/bash\n")
        _add_bytes(tar, "/etc/os-release", b'PRETTY_NAME="jetson-gpu-access test image (host files)"\nID=debian\n')
        for service in ("su", "su-l", "runuser", "sshd", "other"):
            _add_bytes(tar, "/etc/pam.d/" + service, PAM_ROOT_ONLY.encode())
        _add_bytes(tar, "/etc/ssh/sshd_config", SSHD_CONFIG.encode())
        _add_bytes(tar, "/usr/local/bin/jetson-gpu-access", b"#!/bin/sh\nexec python3 -m jetson_gpu_access \"$@\"\n", 0o755)
    partial.rename(target)
    return target
