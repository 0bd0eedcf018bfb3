"""How fast the CLI starts, as ratios against a bare interpreter, measured in one run.

The CLI runs once per call in entrypoints, login scripts and fleet runs on small devices, so each
command is timed as a user meets it (a new process, as the ``jetson-gpu-access`` console script
starts it) and divided by ``python3 -S -c pass`` timed in the same run. Every round runs every
case once, in turn, so a machine that gets busier slows all of them alike; medians over rounds.

Each case runs twice: from a copy of the package compiled to bytecode (as pip leaves a wheel, and
``make`` a checkout), and from a copy without ``__pycache__`` under PYTHONDONTWRITEBYTECODE=1 (a
read-only image nobody precompiled: every module is compiled from source on every call).

Then ``explain`` reads a 20 MB log: CPU seconds and peak memory (ru_maxrss) of that process.
Needs root: the scratch root holds real device nodes (mknod). BENCH_ROUNDS sets the rounds (21);
an argument names another copy of the package to measure (e.g. another checkout's, for a before and after).
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Tuple

from jetson_gpu_access.lab import profiles, scratch

PACKAGE = Path(__file__).resolve().parent.parent / "tools" / "jetson_gpu_access"
PROFILE = "jp61-container-ubuntu-ssh"
USER = "alice"  # the profile's user who cannot open the render node
LAUNCH = "import sys; from jetson_gpu_access.cli import main; sys.exit(main())"  # what the console script runs
TARGETS = {"--version": 1.5, "diagnose": 2.5}
LOG_MB = 20

# A paste as it reaches an issue tracker: a session transcript with listings and the error (about 2 KB).
PASTE = """\
alice@orin:~$ ssh -p 2222 alice@localhost
alice@4f2c9e1d7a3b:~$ python3 -c 'import torch; print(torch.cuda.is_available())'
/usr/local/lib/python3.10/dist-packages/torch/cuda/__init__.py:138: UserWarning: CUDA initialization:
Unexpected error from cudaGetDeviceCount(). Did you run some cuda functions before calling NumCudaDevices()
that might have already set an error? Error 801: operation not supported (Triggered internally at
../c10/cuda/CUDAFunctions.cpp:108.)
  return torch._C._cuda_getDeviceCount() > 0
False
alice@4f2c9e1d7a3b:~$ id
uid=1000(alice) gid=1000(alice) groups=1000(alice),27(sudo),44(video)
alice@4f2c9e1d7a3b:~$ ls -l /dev/dri /dev/nvmap /dev/nvhost-ctrl-gpu
crw-rw---- 1 root video 10, 122 Nov 30 09:12 /dev/nvmap
crw-rw-rw- 1 root root 505,   0 Nov 30 09:12 /dev/nvhost-ctrl-gpu

/dev/dri:
total 0
drwxr-xr-x 2 root root       80 Nov 30 09:12 by-path
crw-rw---- 1 root video 226,   0 Nov 30 09:12 card0
crw-rw---- 1 root   993 226, 128 Nov 30 09:12 renderD128
alice@4f2c9e1d7a3b:~$ cat /etc/nv_tegra_release
# R36 (release), REVISION: 4.0, GCID: 37537400, BOARD: generic, EABI: aarch64, DATE: Fri Sep 13 04:36:44 UTC 2024
alice@4f2c9e1d7a3b:~$ sudo python3 -c 'import torch; print(torch.cuda.is_available())'
True
alice@4f2c9e1d7a3b:~$ docker --version
Docker version 27.3.1, build ce12230
alice@4f2c9e1d7a3b:~$ cat /proc/self/status | grep Groups
Groups: 27 44 1000
alice@4f2c9e1d7a3b:~$ getent group render
alice@4f2c9e1d7a3b:~$ getent group video
video:x:44:alice
The container was started with docker run -d --runtime nvidia --group-add video -p 2222:22 my-image and
it worked on JetPack 5.1.2 with the same image. Root works, alice does not, on the same container, both
over SSH and with docker exec -u alice. What am I missing?
"""
# A long journal: mostly noise, a few lines that matter, as a log attached to a report is.
LOG_LINES = (
    "Nov 30 09:{m:02d}:{s:02d} orin kernel: [{n}.000000] usb 1-2.3: new high-speed USB device number {k} using tegra-xusb\n",
    "Nov 30 09:{m:02d}:{s:02d} orin systemd[1]: Started session-{k}.scope - Session {k} of User alice.\n",
    "Nov 30 09:{m:02d}:{s:02d} orin dockerd[812]: time=\"2026-11-30T09:{m:02d}:{s:02d}Z\" level=info msg=\"ignoring event\"\n",
    "Nov 30 09:{m:02d}:{s:02d} orin python3[{k}]: NvRmMemInitNvmap failed with Permission denied\n",
)


def build_root(parent: str) -> str:
    root = os.path.join(parent, "root")
    os.mkdir(root)
    return scratch.materialise(profiles.load(PROFILE), root)


def package_copies(parent: str, package: Path) -> Dict[str, Dict[str, str]]:
    """Two copies of the package and the environment that runs each: with bytecode, and without."""
    variants = {}
    for variant in ("bytecode", "source"):
        site = os.path.join(parent, variant)
        shutil.copytree(str(package), os.path.join(site, "jetson_gpu_access"),
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        env = dict(os.environ, PYTHONPATH=site)
        if variant == "bytecode":
            compileall.compile_dir(os.path.join(site, "jetson_gpu_access"), quiet=1)
            env.pop("PYTHONDONTWRITEBYTECODE", None)
        else:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        variants[variant] = env
    return variants


def write_log(path: str) -> int:
    size, n = 0, 0
    with open(path, "w", encoding="utf-8") as handle:
        while size < LOG_MB * 1000 * 1000:
            n += 1
            pattern = LOG_LINES[3] if n % 5000 == 0 else LOG_LINES[n % 3]
            line = pattern.format(m=n // 60 % 60, s=n % 60, n=n, k=n % 997)
            handle.write(line)
            size += len(line)
    return size


def run_once(argv: List[str], env: Dict[str, str]) -> Tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak resident KiB of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    error = child.stderr.read().decode() if child.stderr else ""
    if child.returncode not in (0, 1):
        raise SystemExit("bench: {} exited {}: {}".format(" ".join(argv), child.returncode, error.strip()))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


class Case:
    """One command line, run under one environment, with its samples."""

    def __init__(self, label: str, variant: str, argv: List[str], env: Dict[str, str]) -> None:
        self.label, self.variant, self.argv, self.env = label, variant, argv, env
        self.wall: List[float] = []
        self.cpu: List[float] = []

    def run(self) -> None:
        wall, cpu, _ = run_once(self.argv, self.env)
        self.wall.append(wall)
        self.cpu.append(cpu)


def measure(cases: List[Case], rounds: int) -> None:
    """Every case once per round, in turn, starting one case later each round."""
    for case in cases:  # warm the page cache, and stop early if a case does not run
        run_once(case.argv, case.env)
    for turn in range(rounds):
        for case in cases[turn % len(cases):] + cases[:turn % len(cases)]:
            case.run()


def report(cases: List[Case], rounds: int) -> None:
    bare = cases[0]
    wall0, cpu0 = statistics.median(bare.wall), statistics.median(bare.cpu)
    print("CLI start-up: medians of {} interleaved rounds, as ratios against python3 -S -c pass "
          "({:.1f} ms wall, {:.1f} ms CPU)".format(rounds, wall0 * 1000, cpu0 * 1000))
    print("  {:<22} {:^26}   {:^26}   {}".format("", "with bytecode", "without (.py only)", "target (wall, bytecode)"))
    print("  {:<22} {:>9} {:>7} {:>8}   {:>9} {:>7} {:>8}".format("", "wall", "ratio", "CPU", "wall", "ratio", "CPU"))
    rows: Dict[str, Dict[str, Case]] = {}
    for case in cases:
        rows.setdefault(case.label, {})[case.variant] = case
    for label, variants in rows.items():
        cells = []
        for case in variants.values():
            wall, cpu = statistics.median(case.wall), statistics.median(case.cpu)
            cells.append("{:>6.1f} ms {:>6.2f}x {:>7.2f}x".format(wall * 1000, wall / wall0, cpu / cpu0))
        verdict = ""
        if label in TARGETS:
            ratio = statistics.median(variants["bytecode"].wall) / wall0
            verdict = "<= {}x: {}".format(TARGETS[label], "ok" if ratio <= TARGETS[label] else "OVER")
        print("  {:<22} {}   {}".format(label, "   ".join(cells), verdict).rstrip())


def main() -> int:
    if os.geteuid() != 0:
        print("bench: needs root to create device nodes (mknod); run as root", file=sys.stderr)
        return 3
    rounds = int(os.environ.get("BENCH_ROUNDS", "21"))
    work = tempfile.mkdtemp(prefix="jga-bench-startup-")
    try:
        root = build_root(work)
        paste = os.path.join(work, "paste.txt")
        Path(paste).write_text(PASTE, encoding="utf-8")
        log = os.path.join(work, "journal.log")
        log_bytes = write_log(log)
        envs = package_copies(work, Path(sys.argv[1]) if len(sys.argv) > 1 else PACKAGE)
        python = [sys.executable]
        commands = {
            "--version": ["--version"],
            "diagnose": ["diagnose", "--root", root, "--user", USER],
            "explain (2 KB paste)": ["explain", paste],
            "plan": ["plan", "--root", root, "--user", USER],
        }
        cases = [Case("python3 -S -c pass", "-", python + ["-S", "-c", "pass"], envs["bytecode"]),
                 Case("python3 -c pass", "-", python + ["-c", "pass"], envs["bytecode"])]
        cases += [Case(name, variant, python + ["-c", LAUNCH, *args], env)
                  for name, args in commands.items() for variant, env in envs.items()]
        measure(cases, rounds)
        report(cases, rounds)
        print("explain on a {:.0f} MB log, median of 3 runs:".format(log_bytes / 1e6))
        for variant, env in envs.items():
            runs = [run_once(python + ["-c", LAUNCH, "explain", log], env) for _ in range(3)]
            print("  {:<22} {:.2f} s CPU, {:.2f} s wall, peak memory {:.0f} MiB".format(
                "with bytecode" if variant == "bytecode" else "without (.py only)",
                statistics.median(r[1] for r in runs), statistics.median(r[0] for r in runs),
                statistics.median(r[2] for r in runs) / 1024))
        print("  for scale: python3 -S -c pass peaks at {:.0f} MiB".format(
            run_once(python + ["-S", "-c", "pass"], envs["bytecode"])[2] / 1024))
    finally:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
