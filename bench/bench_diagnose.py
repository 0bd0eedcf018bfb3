"""Benchmark of the diagnose path in process: probe + diagnose of a scratch root with ~60 device
nodes (target: under 20 ms). The CLI's start-up, as a user meets it, is bench_startup.py's.

Needs root: the scratch root holds real device nodes (mknod).
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from typing import Callable, List

from jetson_gpu_access.diagnose import diagnose
from jetson_gpu_access.lab import profiles, scratch
from jetson_gpu_access.probe import probe

EXTRA_NODES = ["/dev/nvhost-{}".format(n) for n in (
    "ctrl", "ctrl-gpu", "gpu", "as-gpu", "tsg-gpu", "dbg-gpu", "prof-gpu", "ctxsw-gpu", "prof-ctx-gpu", "prof-dev-gpu",
    "sched-gpu", "msenc", "nvenc1", "nvjpg", "nvjpg1", "vic", "nvdla0", "nvdla1", "ctrl-nvdla0", "ctrl-nvdla1", "pva0",
    "pva1", "ofa", "nvdec", "nvdec1")] + ["/dev/dri/renderD129", "/dev/dri/card1", "/dev/nvidiactl", "/dev/nvidia0",
    "/dev/nvidia-modeset", "/dev/v4l2-nvdec", "/dev/v4l2-nvenc", "/dev/nvsciipc", "/dev/host1x", "/dev/dma_heap/system"] + [
    "/dev/nvgpu/igpu0/{}".format(n) for n in ("ctxsw", "prof", "prof-ctx", "prof-dev", "sched")] + [
    "/dev/nvhost-nvdec{}".format(i) for i in range(2, 12)]


def median_ms(action: Callable[[], object], repeat: int) -> float:
    samples: List[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def build_root() -> str:
    root = tempfile.mkdtemp(prefix="jga-bench-")
    scratch.materialise(profiles.load("jp61-container-ubuntu-ssh"), root)
    for path in EXTRA_NODES:
        target = os.path.join(root, path.lstrip("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.mknod(target, 0o660 | 0o020000, os.makedev(1, 3))
        os.chown(target, 0, 44)
    return root


def main() -> int:
    if os.geteuid() != 0:
        print("bench: needs root to create device nodes (mknod); run as root", file=sys.stderr)
        return 3
    root = build_root()
    try:
        nodes = len(probe(root).devices)
        in_process = median_ms(lambda: diagnose(probe(root)), 50)
        print("probe+diagnose, {} device nodes: {:.2f} ms median (target < 20 ms): {}".format(
            nodes, in_process, "ok" if in_process < 20 else "OVER"))
    finally:
        shutil.rmtree(root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
