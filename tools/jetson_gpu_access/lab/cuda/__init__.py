"""The lab's emulated CUDA driver: built from ``emulated_cuda.c`` and configured per profile.

The configuration lists the nodes the real driver needs on the profile's platform and release
(from data/devices.json, the same table the diagnosis uses) with the error the real driver gives
when each is missing or denied: Tegra's nodes from the fact sheet (section 5), the OpenRM driver's
nodes as measured on a discrete GPU (OPENRM_NODES). Codes the sources do not settle are marked
as assumptions here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import List, Optional

from ...diagnose import requirement
from ...model import Requirement
from ...probe.devices import inventory
from ...probe.platform import l4t_from_release, parse_release
from ..profiles import Profile
from ..scratch import LabError

SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "emulated_cuda.c")
CONFIG_PATH = "/run/jga-lab/emulated-cuda.conf"
NO_DEVICE, NOT_SUPPORTED, UNKNOWN = 100, 801, 999
# What NVIDIA's driver answers at cuInit when one of its /dev/nvidia* nodes is missing or denied to the caller:
# (pattern, code if missing, code if denied). Measured on a discrete GPU with driver 580.159.04 (CUDA 13.0), and
# checked again by tests/test_real_driver.py wherever a real driver is loaded; Thor's OpenRM driver (R38 on) is
# assumed to answer alike (claim thor-openrm-codes).
OPENRM_NODES = (("/dev/nvidiactl", NO_DEVICE, NO_DEVICE), ("/dev/nvidia[0-9]*", NO_DEVICE, NO_DEVICE),
                ("/dev/nvidia-uvm", UNKNOWN, UNKNOWN))
# CUDA versions per L4T (jetson-containers' defaults; R32 10.2 and R35 11.4 are assumptions).
DRIVER_VERSIONS = ((38, 13000), (36, 12060), (35, 11040), (32, 10020))


def build(target: str) -> None:
    """Compile the emulated driver to ``target`` (libcuda.so.1) with gcc."""
    gcc = shutil.which("gcc")
    if gcc is None:
        raise LabError("gcc is missing, needed to build the emulated CUDA driver: apt-get install gcc")
    result = subprocess.run([gcc, "-shared", "-fPIC", "-O2", "-Wall", "-o", target, SOURCE],
                            capture_output=True, text=True, timeout=120, check=False)
    if result.returncode != 0:
        raise LabError("building the emulated CUDA driver failed: " + result.stderr.strip().splitlines()[-1])


def _l4t_major(profile: Profile) -> Optional[int]:
    text = profile.raw["platform"].get("release")
    release = parse_release(text) if text else None
    return release.major if release is not None and l4t_from_release(release) else None


def config(profile: Profile) -> str:
    """The emulated driver's configuration for ``profile`` (see emulated_cuda.c for the format)."""
    plat = profile.raw["platform"]
    jetson = bool(plat.get("release")) or any(n.path == "/dev/nvmap" for n in profile.nodes())
    major = _l4t_major(profile)
    version = next((v for floor, v in DRIVER_VERSIONS if major is not None and major >= floor), 12060)
    lines: List[str] = [
        "# EMULATED CUDA driver configuration for lab profile {}".format(profile.name),
        "name {} (EMULATED)".format(plat.get("model") or ("Jetson" if jetson else "NVIDIA GPU")),
        "version {}".format(version),
    ]
    if not jetson:  # a discrete GPU: the nodes the NVIDIA module makes, answered as measured
        lines += ["node {} rw {} {} nvidia".format(*node) for node in OPENRM_NODES]
        return "\n".join(lines) + "\n"
    for role in ("nvmap", "nvgpu", "nvhost-gpu", "render", "host1x-fence", "nvidia"):
        needed, access = requirement(role, jetson, major)
        if needed is Requirement.OPTIONAL:
            continue
        if role == "nvidia":  # Thor's OpenRM nodes, assumed to answer as the discrete GPU's driver was measured to
            lines += ["node {} {} {} {} nvidia".format(pattern, access, missing if needed is Requirement.REQUIRED else 0, denied)
                      for pattern, missing, denied in OPENRM_NODES]
            continue
        missing = 0 if needed is Requirement.USED else NO_DEVICE
        denied = UNKNOWN
        if role == "nvmap":
            denied = UNKNOWN if major is None or major >= 36 else NO_DEVICE
        elif role == "render":
            missing = NOT_SUPPORTED if needed is Requirement.REQUIRED else 0
            denied = NOT_SUPPORTED
        for pattern in _patterns(role):
            lines.append("node {} {} {} {} {}".format(pattern, access, missing, denied, role))
    return "\n".join(lines) + "\n"


def _patterns(role: str) -> List[str]:
    entry = next(r for r in inventory() if r["role"] == role)
    return [str(p) for p in entry["patterns"]]  # type: ignore[attr-defined]
