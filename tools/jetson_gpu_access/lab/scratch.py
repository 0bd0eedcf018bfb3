"""Materialise a profile as a scratch root: real files and real character devices in a folder.

The probe then reads it with ``--root`` exactly as it reads a device. Device nodes are made with
``/dev/null``'s numbers (1:3), so opening one is harmless while the kernel still applies the
owner, group, mode and ACL we give it. Making device nodes needs root (CAP_MKNOD).
"""

from __future__ import annotations

import os
import stat
from typing import Dict, Optional

from ..exitcodes import Exit, ExitError
from ..probe import acl
from ..safeio import write_under
from .profiles import Credentials, Profile

NULL_MAJOR, NULL_MINOR = 1, 3
SIMULATED_MARK = "/etc/jetson-gpu-access-lab"
SCENARIO_NOTE = "/etc/jetson-gpu-access-lab.scenario"  # for people: sources, assumptions, the container's launch


class LabError(ExitError):
    """The lab cannot do what was asked, with the remedy (missing privilege, tool or state)."""

    context = "lab"

    def __init__(self, message: str, code: int = Exit.UNSUPPORTED) -> None:
        super().__init__(code, message)


TREE_REMEDY = "links in a lab device's tree are not followed; remove the link"


def _write(root: str, path: str, content: str, mode: int = 0o644) -> None:
    """``path`` in the tree with exactly ``mode``; a link at the name (a copied /etc/os-release ->
    ../usr/lib/os-release) is replaced, one in a folder's place (a copied /etc/cdi) refused."""
    write_under(root, path.lstrip("/"), content, TREE_REMEDY, mode, tree=True)


def _dpkg_status(packages: Dict[str, str]) -> str:
    stanzas = ["Package: {}\nStatus: install ok installed\nVersion: {}\n".format(name, version)
               for name, version in sorted(packages.items())]
    return "\n".join(stanzas)


def _mountinfo(profile: Profile) -> str:
    """A mount table that tells the probe how the nodes reached the (simulated) container."""
    lines = ["21 1 0:20 / / rw,relatime - overlay overlay rw"]
    ctr = profile.container
    dev_fs = "devtmpfs" if ctr is None or ctr.get("dev") == "host-dev" else "tmpfs"
    lines.append("22 21 0:5 / /dev rw,nosuid - {0} {0} rw,mode=755".format(dev_fs))
    if ctr is not None and ctr.get("dev") == "bind-mounted":
        for number, node in enumerate(profile.nodes(), 30):
            lines.append("{} 22 0:5 {} {} rw,nosuid - devtmpfs udev rw".format(number, node.path, node.path))
    return "\n".join(lines) + "\n"


def launch_text(profile: Profile) -> str:
    """How the simulated container was started, for people reading the device's marker file."""
    ctr = profile.container
    if ctr is None:
        return "host: no container; /dev is the host's\n"
    toolkit = ctr.get("toolkit") or {}
    lines = ["engine: {}".format(ctr["engine"]), "nodes: {}".format(ctr["dev"]), "user: {}".format(ctr.get("user") or "-"),
             "group-add: {}".format(" ".join(str(g) for g in ctr.get("group_add", [])) or "-"),
             "privileged: {}".format("yes" if ctr.get("privileged") else "no"),
             "devices: {}".format(" ".join(ctr.get("devices", [])) or "-"), "runtime: {}".format(ctr.get("runtime") or "-"),
             "toolkit: {} mode {}{}".format(toolkit.get("version") or "-", toolkit.get("mode") or "-",
                                           ", adds device GIDs" if toolkit.get("adds_device_gids") else "")]
    return "\n".join(lines) + "\n"


def container_marker(profile: Profile) -> str:
    """The file a container engine leaves at its root: podman's /run/.containerenv, else /.dockerenv."""
    ctr = profile.container or {}
    return "/run/.containerenv" if ctr.get("engine") == "podman" else "/.dockerenv"


def make_nodes(profile: Profile, root: str) -> None:
    """Create the profile's device nodes under ``root``/dev with owner, group, mode and ACL."""
    if os.geteuid() != 0:
        raise LabError("making device nodes needs root (CAP_MKNOD); run as root, e.g. sudo make test", Exit.NOT_ROOT)
    dev = os.path.join(os.path.realpath(root), "dev")
    for node in profile.nodes():
        target = os.path.join(root, node.path.lstrip("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        # the loader already refused '..'; a link planted in the tree must not lead out of it either
        if os.path.commonpath([dev, os.path.realpath(os.path.dirname(target))]) != dev:
            raise LabError("{}: {} resolves outside the device's /dev; nothing was created".format(profile.name, node.path),
                           Exit.USAGE)
        if os.path.isdir(target) and not os.path.islink(target):
            os.rmdir(target)
        elif os.path.lexists(target):
            os.unlink(target)
        if node.kind == "dir":  # what a runtime leaves when it bind-mounts a node the host lacks
            os.mkdir(target, 0o700)
        elif node.kind == "file":
            write_under(root, node.path.lstrip("/"), b"", TREE_REMEDY, 0o600, replace=False)
        else:
            os.mknod(target, 0o600 | stat.S_IFCHR, os.makedev(NULL_MAJOR, NULL_MINOR))
        os.chown(target, node.uid, node.gid)
        os.chmod(target, node.mode)
        if node.acl:
            os.setxattr(target, acl.XATTR, acl.encode(node.acl))


def materialise(profile: Profile, root: str, user: Optional[str] = None, via: Optional[str] = None,
                simulate_process: bool = True) -> str:
    """Write ``profile`` under ``root`` for a session of ``user`` ``via``.

    With ``simulate_process`` the tree also gets the ``/proc/self`` files a probe of that session
    would read (a scratch root has no processes); a sandbox has a real /proc and leaves it out.
    """
    plat = profile.raw["platform"]
    _write(root, "/etc/passwd", profile.passwd_text())
    _write(root, "/etc/group", profile.group_text())
    _write(root, "/etc/os-release", plat["os_release"])
    _write(root, SIMULATED_MARK, "SIMULATED lab device, profile {}\n".format(profile.name))  # one line: runbooks read it
    _write(root, SCENARIO_NOTE, "SIMULATED\n{}{}".format(profile.provenance(), launch_text(profile)))
    ctr = profile.container
    if ctr is not None and ctr.get("cdi_spec"):
        _write(root, "/etc/cdi/nvidia.yaml", ctr["cdi_spec"])
    if plat.get("release"):
        _write(root, "/etc/nv_tegra_release", plat["release"])
    if plat.get("model"):
        _write(root, "/sys/firmware/devicetree/base/model", plat["model"] + "\0")
        _write(root, "/sys/firmware/devicetree/base/compatible", "\0".join(plat["compatible"]) + "\0")
    _write(root, "/var/lib/dpkg/status", _dpkg_status(plat.get("packages", {})))
    if profile.container is not None:
        _write(root, container_marker(profile), "")
    make_nodes(profile, root)
    if simulate_process:
        _simulate_process(profile, root, user or profile.session_user, via or profile.session_kind)
    return root


# CapBnd as observed in a default Docker container and in a --privileged one (all 41 capabilities of Linux 5.15+)
DEFAULT_CAPS, ALL_CAPS, CAP_LAST = 0xA80425FB, (1 << 41) - 1, 40


def _status(who: Credentials, caps: int) -> str:
    return "Name:\tbash\nUid:\t{0}\t{0}\t{0}\t{0}\nGid:\t{1}\t{1}\t{1}\t{1}\nGroups:\t{2}\nCapBnd:\t{3:016x}\n".format(
        who.uid, who.gid, " ".join(str(g) for g in who.groups), caps)


def _simulate_process(profile: Profile, root: str, user: str, via: str) -> None:
    """The /proc files of one session process: credentials, environment, mounts, cgroup, capabilities,
    and in a container its first process (started as the profile's ``container.user``, else root)."""
    ctr = profile.container
    caps = ALL_CAPS if ctr is None or ctr.get("privileged") else DEFAULT_CAPS
    if ctr is not None:
        _write(root, "/proc/1/cgroup", "0::/system.slice/docker-0123456789ab.scope\n")
        _write(root, "/proc/1/status", _status(profile.main_credentials(), caps))
    _write(root, "/proc/self/uid_map", "         0          0 4294967295\n")
    _write(root, "/proc/self/mountinfo", _mountinfo(profile))
    _write(root, "/proc/sys/kernel/cap_last_cap", "{}\n".format(CAP_LAST))
    _write(root, "/proc/self/status", _status(profile.credentials(user, via), caps))
    env = ["HOME={}".format(profile.user(user).home), "USER={}".format(user)]
    if via == "ssh":
        env.append("SSH_CONNECTION=127.0.0.1 40000 127.0.0.1 22")
    if via == "seat":
        env += ["XDG_SEAT=seat0", "XDG_SESSION_TYPE=wayland"]
    _write(root, "/proc/self/environ", "\0".join(env) + "\0")
