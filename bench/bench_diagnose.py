"""Benchmark of the diagnose path in process: probe + diagnose of a scratch root with ~60 device
nodes (target: under 20 ms). The CLI's start-up, as a user meets it, is bench_startup.py's.

The entrypoint probe reads the scripts PID 1 runs, which an image's author wrote: CPU seconds for scripts of the
largest size it reads (256 KiB) and of half that, in the shapes where a pattern would backtrack (keywords and paths,
setpriv and separators, nested sudo, one long line): the ratio of the two shows whether the reading stays linear
(target: under 3x for twice the script, and under 1 s).
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
from jetson_gpu_access.probe.runtime import MAX_SCRIPT_BYTES, entrypoint_drops
from jetson_gpu_access.rootfs import RootFS

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


SHAPES = (("an ordinary script", 'set -e\nif [ "$(id -u)" = 0 ]; then chown -R app /data; fi\nmkdir -p /run/app\n'),
          ("keywords before paths", "do/"), ("then and paths", "then/"), ("setpriv after a separator", "(setpriv "),
          ("one line of quotes and escapes", "\"a\\\\b\" 'c' "), ("one line of sudo", "sudo "))


def entrypoint_seconds(script: str) -> float:
    """CPU seconds the probe takes to read ``script`` as the entrypoint of a root of its own."""
    root = tempfile.mkdtemp(prefix="jga-bench-")
    try:
        os.makedirs(os.path.join(root, "proc/1"))
        with open(os.path.join(root, "proc/1/cmdline"), "wb") as handle:
            handle.write(b"/bin/sh\0/entrypoint.sh\0")
        with open(os.path.join(root, "entrypoint.sh"), "w", encoding="utf-8") as handle:
            handle.write(script)
        start = time.process_time()
        entrypoint_drops(RootFS(root))
        return time.process_time() - start
    finally:
        shutil.rmtree(root)


def entrypoint_report() -> None:
    size = MAX_SCRIPT_BYTES - 64
    for name, unit in SHAPES:
        half, full = (entrypoint_seconds("#!/bin/sh\n" + unit * (n // len(unit)) + "exec gosu app\n")
                      for n in (size // 2, size))
        ratio = full / max(half, 1e-6)
        print("entrypoint probe, {} KiB of {}: {:.3f} s CPU, {:.1f}x the time for half of it (target < 3x, < 1 s): {}"
              .format(size >> 10, name, full, ratio, "ok" if ratio < 3 and full < 1 else "OVER"))


def main() -> int:
    entrypoint_report()
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
