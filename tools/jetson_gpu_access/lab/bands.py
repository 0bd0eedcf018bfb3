"""Lab profiles for each toolkit band and injection path, generated from data/toolkit.json.

A band profile's nodes look as that band makes them (:func:`jetson_gpu_access.toolkit.made_node`
applied to the device set's host nodes), and its assumptions carry the band's source and INFERRED
label, so the lab, the diagnosis and the docs read one table. The shipped files under profiles/
are this module's output; tests/test_injection.py regenerates them and fails when they drift
(``python -m jetson_gpu_access.lab.bands --write`` rewrites them).
"""

from __future__ import annotations

import copy
import os
import sys
from typing import Any, Dict, List, Optional

from .. import toolkit
from ..safeio import write_output
from ..toolkit import Band
from . import profiles

UBUNTU_2404 = ("PRETTY_NAME=\"Ubuntu 24.04.3 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"24.04\"\n"
               "VERSION=\"24.04.3 LTS (Noble Numbat)\"\nID=ubuntu\nID_LIKE=debian\n")
UBUNTU_2204 = ("PRETTY_NAME=\"Ubuntu 22.04.5 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"22.04\"\n"
               "VERSION=\"22.04.5 LTS (Jammy Jellyfish)\"\nID=ubuntu\nID_LIKE=debian\n")
UBUNTU_2004 = "PRETTY_NAME=\"Ubuntu 20.04.6 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"20.04\"\nID=ubuntu\nID_LIKE=debian\n"
HOST_GIDS = {"video": 44, "render": 995, "debug": 998, "root": 0}
FACTS = "../shared/reference/jetson-facts.md section A.2"
THOR_NODES = ("Thor uses the OpenRM driver (/dev/nvidia*) and /dev/nvmap 0440 root:video on the host "
              "(fact sheet A.5; toolkit PR #1631).")
UBUNTU_USER = "The image's ubuntu user (UID 1000, in no group) is the session user."
# a host device no default container has: its presence is the probe's evidence of a host /dev
HOST_DISK = {"path": "/dev/mmcblk0", "mode": "0660", "gid": 6}

# The device and image a band profile runs on. GCIDs and dates in the release lines are illustrative.
PLATFORMS: Dict[str, Dict[str, Any]] = {
    "jp512": {"jetpack": "5.1.2", "set": "orin-r35", "base": "ubuntu:20.04", "os": UBUNTU_2004, "user": "alice",
              "release": "# R35 (release), REVISION: 4.1, GCID: 33958178, BOARD: t186ref, EABI: aarch64, "
                         "DATE: Tue Aug  1 19:57:35 UTC 2023\n", "notes": []},
    "jp62": {"jetpack": "6.2", "set": "orin-r36", "base": "ubuntu:22.04", "os": UBUNTU_2204, "user": "alice",
             "release": "# R36 (release), REVISION: 4.3, GCID: 38968081, BOARD: generic, EABI: aarch64, DATE: Wed Jan  8 "
                        "01:49:37 UTC 2025\n# KERNEL_VARIANT: oot\nTARGET_USERSPACE_LIB_DIR=nvidia\n"
                        "TARGET_USERSPACE_LIB_DIR_PATH=usr/lib/aarch64-linux-gnu/nvidia\n", "notes": []},
    "jp623": {"jetpack": "6.2.3", "set": "orin-r36", "base": "ubuntu:22.04", "os": UBUNTU_2204, "user": "alice",
              "release": "# R36 (release), REVISION: 5.2, GCID: 42000000, BOARD: generic, EABI: aarch64, DATE: Mon Oct 12 "
                         "12:00:00 UTC 2026\n# KERNEL_VARIANT: oot\n",
              "notes": ["JetPack 6.2.3 = L4T R36.5.2 as the issue states; neither table this project reads lists R36.5.2 yet, "
                        "so the diagnosis names no JetPack for it. Nodes as on R36.4 (same udev rules assumed)."]},
    "thor71": {"jetpack": "7.1 (Thor)", "set": "thor-r38", "base": "ubuntu:24.04", "os": UBUNTU_2404, "user": "ubuntu",
               "release": "# R38 (release), REVISION: 4.0, GCID: 43000000, BOARD: generic, EABI: aarch64, DATE: Fri Jan 16 "
                          "12:00:00 UTC 2026\n", "model": "NVIDIA Jetson AGX Thor Developer Kit",
               "compatible": ["nvidia,p3971-0080+p3834-0008", "nvidia,p3834-0008", "nvidia,tegra264"],
               "notes": [THOR_NODES + " JetPack 7.1 ships toolkit 1.18.0 (meta-tegra 13c3b028). " + UBUNTU_USER]},
    "thor70": {"jetpack": "7.0 (Thor)", "set": "thor-r38", "base": "ubuntu:24.04", "os": UBUNTU_2404, "user": "ubuntu",
               "release": "# R38 (release), REVISION: 2.0, GCID: 41844464, BOARD: generic, EABI: aarch64, DATE: Thu Aug 21 "
                          "12:00:00 UTC 2025\n", "model": "NVIDIA Jetson AGX Thor Developer Kit",
               "compatible": ["nvidia,p3971-0080+p3834-0008", "nvidia,p3834-0008", "nvidia,tegra264"],
               "notes": [THOR_NODES + " JetPack 7.0 (R38.2) ships toolkit 1.18.0-rc1 (meta-tegra branch "
                         "master-l4t-r38.2.x). " + UBUNTU_USER]},
    "orin72": {"jetpack": "7.2 (Orin)", "set": "orin-r36", "base": "ubuntu:24.04", "os": UBUNTU_2404, "user": "ubuntu",
               "release": "# R39 (release), REVISION: 2.0, GCID: 44000000, BOARD: generic, EABI: aarch64, DATE: Wed Apr  8 "
                          "12:00:00 UTC 2026\n",
               "notes": ["JetPack 7.2 keeps nvgpu on Orin on Ubuntu 24.04 (fact sheet A.5); its nodes are taken as R36's "
                         "(INFERRED). The image's ubuntu user already has UID and GID 1000, so a Dockerfile's "
                         "useradd -u 1000 fails (ros2_documentation#4590): the session user is ubuntu.",
                         "Toolkit 1.19.1 is meta-tegra's choice for R39.2; NVIDIA's JetPack 7.2 default is not known (Q12)."]},
}

# name -> (band id, representative version, path, variant, platform); variants: "prepared" (the image lists
# the user in a render group with the host's GID), "as-user" (started with -u USER, who works in its main process)
BAND_PROFILES = {
    "tk111-created": ("1.11", "1.11.0", "created", "", "jp512"),
    "tk116-created": ("1.12-1.18.1", "1.16.2", "created", "", "jp62"),
    "tk116-created-prepared": ("1.12-1.18.1", "1.16.2", "created", "prepared", "jp62"),
    "tk116-created-as-user": ("1.12-1.18.1", "1.16.2", "created", "as-user", "jp62"),
    "tk1182-created": ("1.18.2", "1.18.2", "created", "", "jp62"),
    "tk1190-created": ("1.19.0", "1.19.0", "created", "", "jp62"),
    "tk1190-created-prepared": ("1.19.0", "1.19.0", "created", "prepared", "jp62"),
    "tk1191-created": ("1.19.1+", "1.19.1", "created", "", "jp62"),
    "tk1191-created-as-user": ("1.19.1+", "1.19.1", "created", "as-user", "jp62"),
    "tk116-host-dev": ("1.12-1.18.1", "1.16.2", "host-dev", "", "jp62"),
    "tk116-privileged": ("1.12-1.18.1", "1.16.2", "privileged", "", "jp62"),
    "tk116-bind-mounted": ("1.12-1.18.1", "1.16.2", "bind-mounted", "", "jp62"),
    "jp623-tk116-created": ("1.12-1.18.1", "1.16.2", "created", "", "jp623"),
    "jp70-thor-tk118rc1-created": ("1.12-1.18.1", "1.18.0~rc.1", "created", "", "thor70"),
    "jp71-thor-tk118-created": ("1.12-1.18.1", "1.18.0", "created", "", "thor71"),
    "jp71-thor-tk1190-created": ("1.19.0", "1.19.0", "created", "", "thor71"),
    "jp72-orin-tk1191-created": ("1.19.1+", "1.19.1", "created", "", "orin72"),
}
VARIANTS = {
    "": "{user} ({groups}, no render line in the image) logs in over SSH to a container started as root",
    "prepared": "{user} logs in over SSH to a container started as root whose image lists the user in video and in "
                "render with the host's GID 995",
    "as-user": "the container is started with -u {user} (in video, no render line), who works in its main process",
}


def _nodes(band: Optional[Band], device_set: str, start_uid: int, start_gid: int) -> List[Dict[str, Any]]:
    """``devices.nodes`` entries that turn the set's host nodes into what ``band`` creates."""
    if band is None:
        return []
    out = []
    for entry in profiles.device_set(device_set):
        host_gid = HOST_GIDS[entry["group"]]
        made = toolkit.made_node(band, 0, host_gid, int(entry["mode"], 8), start_uid, start_gid)
        out.append({"path": entry["path"], "uid": made.uid, "gid": made.gid, "mode": "{:04o}".format(made.mode)})
    return out


def band_profile(name: str) -> Dict[str, Any]:
    """The format-2 document of band profile ``name``."""
    band_id, version, path, variant, where = BAND_PROFILES[name]
    plat = PLATFORMS[where]
    user = plat["user"]
    band = toolkit.band(band_id)
    row = toolkit.path_row(path)
    created = path == "created"
    start = 1000 if variant == "as-user" else 0
    nodes = _nodes(band if created else None, plat["set"], start, start)  # other paths: the host's nodes as they are
    if path in ("host-dev", "privileged"):
        nodes.append(dict(HOST_DISK))
    makes = ("the nodes as toolkit band {} makes them: {} ({})".format(band.label, band.carries, band.source)
             if created else "the host's own nodes: {} ({})".format(row["carries"], row["source"]))
    label = "INFERRED" if created else row["certainty"]
    platform: Dict[str, Any] = {"release": plat["release"], "os_release": plat["os"], "packages": {}}
    if "model" in plat:
        platform.update(model=plat["model"], compatible=plat["compatible"])
    users = [] if user == "ubuntu" else [{"name": user, "uid": 1000}]   # ubuntu:24.04 has ubuntu at 1000
    groups = "in no group" if user == "ubuntu" else "in video"
    members = {} if user == "ubuntu" else {"video": [user]}
    if variant == "prepared":
        members["render"] = [user]
    return {
        "format": 2,
        "name": name,
        "title": "JetPack {} container, toolkit {} in band {}; GPU nodes: {}".format(plat["jetpack"], version, band.label,
                                                                                    row["label"]),
        "summary": "{} with --runtime nvidia; {}. In the container: {}. A non-root user needs: {}.".format(
                       VARIANTS[variant].format(user=user, groups=groups), makes, band.nodes if created else "host permissions",
                       band.non_root_needs if created else "the host's GIDs in the image's /etc/group") + (
                       " This launch is an anti-pattern the diagnosis names, never a fix." if path in ("privileged", "host-dev")
                       else ""),
        "sources": [FACTS, band.source if created else row["source"]],
        "assumptions": [
            "{} ({}): generated from tools/jetson_gpu_access/data/toolkit.json by lab/bands.py.".format(makes, label)
            + (" Predicted from the toolkit's code, not yet seen on hardware." if label == "INFERRED" else ""),
            "Host GIDs video 44 and render 995 are illustrative (render differs per host); GCID and date of the "
            "release line are illustrative.",
        ] + list(plat["notes"]),
        "platform": platform,
        "accounts": {"base": plat["base"], "users": users,
                     "groups": [{"name": "render", "gid": HOST_GIDS["render"]}] if variant == "prepared" else [],
                     "members": members},
        "container": {
            "engine": "docker",
            "dev": {"created": "created", "privileged": "created"}.get(path, path),
            "user": user if variant == "as-user" else None,
            "privileged": path == "privileged",
            "runtime": "nvidia",
            "toolkit": {"version": version, "mode": "legacy" if path == "bind-mounted" else "csv",
                        "adds_device_gids": band.additional_gids},
        },
        "devices": {"set": plat["set"], "gids": dict(HOST_GIDS), "nodes": nodes},
        "session": {"user": user, "via": "exec" if variant == "as-user" else "ssh"},
    }


def with_band(document: Dict[str, Any], band: Band) -> Dict[str, Any]:
    """The same container after the host's toolkit moved to ``band``: created nodes remade, the
    first process's added GIDs switched on or off; host nodes (other paths) stay as they are."""
    out = copy.deepcopy(document)
    ctr = out["container"]
    ctr["toolkit"] = dict(ctr.get("toolkit") or {}, adds_device_gids=band.additional_gids,
                          version=".".join(map(str, band.first or (1, 11, 0))))
    if ctr["dev"] != "created" or ctr.get("privileged"):
        return out
    profile = profiles.from_document(out, out.get("name", "upgraded"), "upgrade preview")
    main = profile.main_credentials()
    devices = out["devices"]
    kept = [n for n in devices.get("nodes", []) if n["path"] not in {e["path"] for e in profiles.device_set(devices["set"])}]
    gids = dict(HOST_GIDS, **devices.get("gids", {}))
    remade = []
    for entry in profiles.device_set(devices["set"]):
        made = toolkit.made_node(band, 0, gids[entry["group"]], int(entry["mode"], 8), main.uid, main.gid)
        remade.append({"path": entry["path"], "uid": made.uid, "gid": made.gid, "mode": "{:04o}".format(made.mode)})
    devices["nodes"] = remade + kept
    return out


def main(argv: List[str]) -> int:
    write = "--write" in argv
    stale = []
    for name in BAND_PROFILES:
        path = os.path.join(profiles.PROFILE_DIR, name + ".json")
        text = profiles.dump(band_profile(name))
        current = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as handle:
                current = handle.read()
        if current != text:
            stale.append(name)
            if write:
                write_output(path, text, "run it in a checkout of your own")
    print("{} band profile(s) {}".format(len(stale), "written" if write else "stale") if stale else "band profiles current")
    return 1 if stale and not write else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
