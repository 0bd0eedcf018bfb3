"""The lab's inputs: device names that cannot reach outside the lab, the profile format (version 2)
and its schema, profiles from files, bundles and pasted reports, and the round trip back to a device.

These build scratch roots only (no sandbox), so they run in seconds; they need root for mknod.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

from conftest import IS_ROOT, TOOLS
from jetson_gpu_access.exitcodes import Exit


def cli(*args: str, env_extra: "dict[str, str] | None" = None) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "jetson_gpu_access", *args], cwd=TOOLS, capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL, check=False, env=env)


# --- device names never leave the lab directory (issue 12) -------------------------------------

@pytest.mark.parametrize("make_name", [
    lambda victim, home: victim,                                   # an absolute path
    lambda victim, home: os.path.relpath(victim, home),            # ../../victim
    lambda victim, home: "../" + os.path.basename(victim),         # ../v next to the lab home
    lambda victim, home: "",                                       # the lab home itself
    lambda victim, home: ".",
])
@pytest.mark.parametrize("action", [["down"], ["exec", "--user", "root"], ["ssh"]])
def test_a_device_name_cannot_touch_anything_outside_the_lab(tmp_path: Path, make_name, action: List[str]) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "lab"
    home.mkdir()
    victim = tmp_path / "v"
    victim.mkdir()
    (victim / "precious").write_text("keep me\n")
    (victim / "state.json").write_text('{"name": "v", "profile": "jp61-host", "directory": "%s", "pid": 1, '
                                       '"start_time": "0", "port": 22, "shares": []}\n' % victim)
    keep = home / "precious"
    keep.write_text("lab home content\n")
    name = make_name(str(victim), str(home))
    args = ["lab", action[0], name] + action[1:] + (["root"] if action[0] == "ssh" else []) + ["--", "id"]
    if action[0] == "down":
        args = ["lab", "down", name]
    result = cli(*args, env_extra={"JGA_LAB_DIR": str(home)})
    assert result.returncode == Exit.USAGE, (name, result.returncode, result.stdout, result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1 and "device name" in result.stderr
    assert (victim / "precious").read_text() == "keep me\n" and keep.exists()


def test_down_of_a_folder_without_state_touches_nothing(tmp_path: Path) -> None:
    home = tmp_path / "lab"
    (home / "not-a-device").mkdir(parents=True)
    (home / "not-a-device" / "data").write_text("x")
    result = cli("lab", "down", "not-a-device", env_extra={"JGA_LAB_DIR": str(home)})
    assert result.returncode == Exit.OK and "was not up" in result.stdout
    assert (home / "not-a-device" / "data").exists()


def test_a_device_folder_that_is_a_link_out_of_the_lab_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "lab"
    home.mkdir()
    victim = tmp_path / "elsewhere"
    victim.mkdir()
    (victim / "state.json").write_text("{}")
    (home / "edge-1").symlink_to(victim)
    result = cli("lab", "down", "edge-1", env_extra={"JGA_LAB_DIR": str(home)})
    assert result.returncode == Exit.USAGE and "outside" in result.stderr
    assert (victim / "state.json").exists()
