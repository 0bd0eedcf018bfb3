"""verify on a machine where there is nothing to open: skipped, never passed (checklist D1/V1).

On a system not recognised as a Jetson, with no GPU device node and no CUDA driver, a verification that
opened nothing said PASS and exited 0, which a CI gate or a fleet run would read as a working fix.
"""

from __future__ import annotations

import glob
import os

import pytest

from conftest import needs_root
from jetson_gpu_access.exitcodes import Exit
from test_inputs import run_cli

GPU_NODES = glob.glob("/dev/nvmap") + glob.glob("/dev/dri/renderD*") + glob.glob("/dev/nvidia[0-9]*")


@needs_root
@pytest.mark.skipif(bool(GPU_NODES) or os.path.exists("/etc/nv_tegra_release"),
                    reason="this machine has GPU nodes or a Jetson release file: there is something to open")
def test_verify_that_opens_nothing_is_skipped_and_not_a_pass() -> None:
    result = run_cli("verify", "--user", "daemon", "--no-cuda")
    assert result.returncode == Exit.PROBLEM, (result.returncode, result.stdout, result.stderr)
    assert "PASS" not in result.stdout and "SKIP" in result.stdout.splitlines()[0], result.stdout
    assert "no GPU device node to open here" in result.stdout
