"""The support bundle, made inside a lab device seeded with things that must not leave it."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

from jetson_gpu_access.exitcodes import Exit

DEVICE = "jp61-container-ubuntu-ssh"
SEEDED = {
    "host name": "robot-warehouse-7",
    "other user": "bobsmith",
    "another user": "caroljones",
    "IPv4 address": "192.168.7.21",
    "IPv6 address": "fe80::1ff:fe23:4567:890a",
    "MAC address": "3c:6d:66:01:02:03",
    "token": "ghp_FAKEfake0123456789abcdefFAKEfake01",
    "password": "hunter2-secret",
}


def test_bundle_leaks_none_of_the_seeded_secrets(lab) -> None:  # type: ignore[no-untyped-def]
    lab.discard(DEVICE)
    device = lab.device(DEVICE)
    try:
        root = Path(device.directory) / "root"
        (root / "etc/hostname").write_text(SEEDED["host name"] + "\n")
        with open(root / "etc/passwd", "a") as handle:
            handle.write("bobsmith:x:1001:1001::/home/bobsmith:/bin/sh\ncarolys:x:1002:1002::/home/carolys:/bin/sh\n"
                         "caroljones:x:1003:1003::/home/carolys:/bin/sh\n")
        group = (root / "etc/group").read_text().replace("video:x:44:alice", "video:x:44:alice,bobsmith,caroljones")
        (root / "etc/group").write_text(group)
        with open(root / "etc/nv_tegra_release", "a") as handle:  # stray text in a file the bundle copies
            handle.write("# uploaded from {} ({}, {}) by {} TOKEN={} password={}\n".format(
                SEEDED["IPv4 address"], SEEDED["IPv6 address"], SEEDED["MAC address"], SEEDED["other user"],
                SEEDED["token"], SEEDED["password"]))
        runbooks = Path(device.directory) / "run" / "jga-lab" / "runbooks" / "diagnose"
        runbooks.mkdir(parents=True)
        (runbooks / "result.json").write_text(json.dumps({"note": "ran on {} as caroljones".format(SEEDED["host name"])}))
        made = lab.cli("lab", "exec", DEVICE, "--", "jetson-gpu-access", "bundle", "--user", "alice",
                       "--out", "/run/jga-lab/bundle.tar.gz", "--runbooks", "/run/jga-lab/runbooks", check_rc=Exit.OK)
        assert "redacted:" in made.stdout
        bundle = Path(device.directory) / "run" / "jga-lab" / "bundle.tar.gz"
        with tarfile.open(bundle, "r:gz") as archive:
            contents = {m.name: archive.extractfile(m).read().decode() for m in archive.getmembers()}  # type: ignore[union-attr]
        everything = "\n".join(contents.values())
        for kind, value in SEEDED.items():
            assert value not in everything, "{} leaked".format(kind)
        assert "alice" in everything and "video:x:44:alice,<user" in everything
        assert "jetson-gpu-access-bundle/runbooks/diagnose/result.json" in contents
        report = contents["jetson-gpu-access-bundle/REDACTIONS.txt"]
        for kind in ("host name", "user name", "IPv4 address", "IPv6 address", "MAC address", "token"):
            assert kind + ":" in report, kind
        explained = lab.cli("explain", str(bundle), check_rc=Exit.OK)
        assert "ACC-003" in explained.stdout
    finally:
        lab.discard(DEVICE)
