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
from ..toolkit import Band
from . import profiles

JP62_RELEASE = ("# R36 (release), REVISION: 4.3, GCID: 38968081, BOARD: generic, EABI: aarch64, DATE: Wed Jan  8 "
                "01:49:37 UTC 2025\n# KERNEL_VARIANT: oot\nTARGET_USERSPACE_LIB_DIR=nvidia\n"
                "TARGET_USERSPACE_LIB_DIR_PATH=usr/lib/aarch64-linux-gnu/nvidia\n")
JP512_RELEASE = "# R35 (release), REVISION: 4.1, GCID: 33958178, BOARD: t186ref, EABI: aarch64, DATE: Tue Aug  1 19:57:35 UTC 2023\n"
UBUNTU_2204 = ("PRETTY_NAME=\"Ubuntu 22.04.5 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"22.04\"\n"
               "VERSION=\"22.04.5 LTS (Jammy Jellyfish)\"\nID=ubuntu\nID_LIKE=debian\n")
UBUNTU_2004 = "PRETTY_NAME=\"Ubuntu 20.04.6 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"20.04\"\nID=ubuntu\nID_LIKE=debian\n"
HOST_GIDS = {"video": 44, "render": 995, "debug": 998, "root": 0}
FACTS = "../shared/reference/jetson-facts.md section A.2"
# a host device no default container has: its presence is the probe's evidence of a host /dev
HOST_DISK = {"path": "/dev/mmcblk0", "mode": "0660", "gid": 6}

# name -> (band id, representative version, path, variant); variants: "jp5" (JetPack 5.1.2), "prepared" (the
# image lists alice in a render group with the host's GID), "as-user" (started with -u alice, used by exec)
BAND_PROFILES = {
    "tk111-created": ("1.11", "1.11.0", "created", "jp5"),
    "tk116-created": ("1.12-1.18.1", "1.16.2", "created", ""),
    "tk116-created-prepared": ("1.12-1.18.1", "1.16.2", "created", "prepared"),
    "tk116-created-as-user": ("1.12-1.18.1", "1.16.2", "created", "as-user"),
    "tk1182-created": ("1.18.2", "1.18.2", "created", ""),
    "tk1190-created": ("1.19.0", "1.19.0", "created", ""),
    "tk1190-created-prepared": ("1.19.0", "1.19.0", "created", "prepared"),
    "tk1191-created": ("1.19.1+", "1.19.1", "created", ""),
    "tk1191-created-as-user": ("1.19.1+", "1.19.1", "created", "as-user"),
    "tk116-host-dev": ("1.12-1.18.1", "1.16.2", "host-dev", ""),
    "tk116-privileged": ("1.12-1.18.1", "1.16.2", "privileged", ""),
    "tk116-bind-mounted": ("1.12-1.18.1", "1.16.2", "bind-mounted", ""),
}
VARIANTS = {
    "": "alice (in video, no render line in the image) logs in over SSH to a container started as root",
    "jp5": "alice (in video) logs in over SSH to a container started as root",
    "prepared": "alice logs in over SSH to a container started as root whose image lists her in video and in "
                "render with the host's GID 995",
    "as-user": "the container is started with -u alice (in video, no render line) and she works in its main process",
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
    band_id, version, path, variant = BAND_PROFILES[name]
    jp5 = variant == "jp5"
    band = toolkit.band(band_id)
    row = toolkit.path_row(path)
    device_set = "orin-r35" if jp5 else "orin-r36"
    created = path == "created"
    start = 1000 if variant == "as-user" else 0
    nodes = _nodes(band if created else None, device_set, start, start)  # other paths: the host's nodes as they are
    if path in ("host-dev", "privileged"):
        nodes.append(dict(HOST_DISK))
    makes = ("the nodes as toolkit band {} makes them: {} ({})".format(band.label, band.carries, band.source)
             if created else "the host's own nodes: {} ({})".format(row["carries"], row["source"]))
    label = "INFERRED" if created else row["certainty"]
    return {
        "format": 2,
        "name": name,
        "title": "JetPack {} container, toolkit {} ({}), nodes {}".format("5.1.2" if jp5 else "6.2", version, band.label,
                                                                          row["label"]),
        "summary": "{} with --runtime nvidia; {}. In the container: {}. A non-root user needs: {}.".format(
                       VARIANTS[variant], makes, band.nodes if created else "host permissions", band.non_root_needs if created
                       else "the host's GIDs in the image's /etc/group") + (
                       " This launch is an anti-pattern the diagnosis names, never a fix." if path in ("privileged", "host-dev")
                       else ""),
        "sources": [FACTS, band.source if created else row["source"]],
        "assumptions": [
            "{} ({}): generated from tools/jetson_gpu_access/data/toolkit.json by lab/bands.py.".format(makes, label)
            + (" Predicted from the toolkit's code, not yet seen on hardware." if label == "INFERRED" else ""),
            "Host GIDs video 44 and render 995 are illustrative (render differs per host).",
        ],
        "platform": {
            "release": JP512_RELEASE if jp5 else JP62_RELEASE,
            "os_release": UBUNTU_2004 if jp5 else UBUNTU_2204,
            "packages": {},
        },
        "accounts": {"base": "ubuntu:20.04" if jp5 else "ubuntu:22.04", "users": [{"name": "alice", "uid": 1000}],
                     "groups": [{"name": "render", "gid": HOST_GIDS["render"]}] if variant == "prepared" else [],
                     "members": dict({"video": ["alice"]}, **({"render": ["alice"]} if variant == "prepared" else {}))},
        "container": {
            "engine": "docker",
            "dev": {"created": "created", "privileged": "created"}.get(path, path),
            "user": "alice" if variant == "as-user" else None,
            "privileged": path == "privileged",
            "runtime": "nvidia",
            "toolkit": {"version": version, "mode": "legacy" if path == "bind-mounted" else "csv",
                        "adds_device_gids": band.additional_gids},
        },
        "devices": {"set": device_set, "gids": dict(HOST_GIDS), "nodes": nodes},
        "session": {"user": "alice", "via": "exec" if variant == "as-user" else "ssh"},
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
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(text)
    print("{} band profile(s) {}".format(len(stale), "written" if write else "stale") if stale else "band profiles current")
    return 1 if stale and not write else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
