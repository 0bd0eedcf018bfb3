"""Benchmarks for the runbooks, printed as ratios measured in one run.

1. `jetson-gpu-access run diagnose` in a lab device against papermill running an empty notebook
   (target: at most 1.3x; kernel start-up dominates both).
2. The whole suite (diagnose, fix, verify) over every lab profile, on this machine's cores.
3. The notebook libraries as the runner imports them (without rfc3987-syntax's grammar, runner._nbformat) against a
   plain `import papermill`, alternating in one run (target: at most 0.6x).

Needs root and the lab's packages (make bench runs it after make test's setup).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from jetson_gpu_access.lab import profiles, sandbox

TOOLS = str(Path(__file__).resolve().parent.parent / "tools")
PROFILE = "jp61-container-ubuntu-ssh"


def seconds(argv: list, repeat: int) -> float:  # type: ignore[type-arg]
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, cwd=TOOLS, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, timeout=600)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def import_ratio(rounds: int = 5) -> None:
    """Benchmark 3: each round imports both ways once, so a busier machine slows both alike."""
    plain = [sys.executable, "-c", "import papermill"]
    ours = [sys.executable, "-c", "from jetson_gpu_access.runner import _nbformat; _nbformat(); import papermill"]
    timed: dict = {"plain": [], "ours": []}  # type: ignore[type-arg]
    for _ in range(rounds):
        timed["plain"].append(seconds(plain, 1))
        timed["ours"].append(seconds(ours, 1))
    plain_s, ours_s = statistics.median(timed["plain"]), statistics.median(timed["ours"])
    print("notebook libraries as the runner imports them {:.2f} s vs import papermill {:.2f} s: ratio {:.2f}x "
          "(target <= 0.6x): {}".format(ours_s, plain_s, ours_s / plain_s, "ok" if ours_s / plain_s <= 0.6 else "OVER"))


def main() -> int:
    import_ratio()
    if os.geteuid() != 0:
        print("bench: the lab needs root", file=sys.stderr)
        return 3
    os.environ["JGA_LAB_DIR"] = tempfile.mkdtemp(prefix="jga-bench-lab-")
    work = Path(tempfile.mkdtemp(prefix="jga-bench-"))
    try:
        empty = work / "empty.ipynb"
        nbformat.write(new_notebook(cells=[new_code_cell("pass")], metadata={"kernelspec": {
            "name": "python3", "display_name": "Python 3", "language": "python"}}), str(empty))
        papermill = os.path.join(os.path.dirname(sys.executable), "papermill")
        bare = seconds([papermill, str(empty), str(work / "out.ipynb"), "--no-progress-bar"], 5)
        sandbox.up(PROFILE)
        ours = seconds([sys.executable, "-m", "jetson_gpu_access", "run", "diagnose", "--lab", PROFILE,
                        "--out", str(work / "run")], 5)
        sandbox.down(PROFILE)
        sandbox.reap()
        print("run diagnose in a lab device {:.2f} s vs papermill on an empty notebook {:.2f} s: ratio {:.2f}x "
              "(target <= 1.3x): {}".format(ours, bare, ours / bare, "ok" if ours / bare <= 1.3 else "OVER"))
        start = time.perf_counter()
        for name in profiles.names():
            subprocess.run([sys.executable, "-m", "jetson_gpu_access", "run", "diagnose", "fix", "verify", "--lab", name,
                            "-p", "apply", "true", "--out", str(work / name)], cwd=TOOLS, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=False, timeout=900)
        total = time.perf_counter() - start
        count = len(profiles.names())
        print("whole suite (3 runbooks) over {} profiles on {} cores: {:.1f} s ({:.1f} s a profile)".format(
            count, os.cpu_count(), total, total / count))
    finally:
        shutil.rmtree(work)
        shutil.rmtree(os.environ["JGA_LAB_DIR"], ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
