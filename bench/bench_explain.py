"""`explain` on a 20 MB paste, printed as measured ratios (machines are noisy; this is no timed test).

1. CPU seconds for the whole reading (signatures, facts, cause, the three renderings): target under 1 s; and for
   the whole command (`python -m jetson_gpu_access explain FILE`: interpreter start, imports, reading the file).
   The same for the paste with no line repeated (each line searched is a new one).
2. Peak memory the reading allocates (tracemalloc) against the paste's size: target under 3x.
3. CPU seconds for 20 MB pastes of the shapes on which a pattern or a step turns quadratic: one line of
   library-like tokens (`lib-lib-…`), one line of a phrase a pattern starts on (`add group `), one line of
   launch options, one of `sudo -;` (a run line's start, repeated), one of `orin-` (a prompt's name), one of
   `exec setpriv ` (a privilege drop whose options a pattern reads), one of `NotImplementedError not supported : ` (an
   error whose wrapped reason is looked for past a colon), one of `srun ` (a batch job whose GPU options a
   hint reads), words of 4 KB beside Korean ones (where Latin and CJK text meet, a space is put), launch lines that add
   groups by `$(stat -c %g ...)` and `${VAR}` (each resolved from what the paste shows), one line of `downgrading to
   nvidia-` (a package's name before its version), quotes under lines that name their author (each opening is read
   for its author), software names run together by blanks before "versions", a Jetson's and a PC's headings
   alternating (runs of each machine's lines, up to a bound), failing list items under leads (each item is read with
   the lead it finishes, looked for a bounded way back), and release lines of two systems alternating
   (each system is read once), and the report corpus's real pastes one after another
   (many systems, each with its own facts), also with their line breaks lost, eight pastes to a line (a log copied
   from a web page or a JSON field: every pattern sees long lines): target under 1 s each.

The paste is what a huge report looks like: a long kernel and container log with the facts that
matter (a release line, a listing, an `id`, a launch, the error) at its start and its end.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from typing import List

from jetson_gpu_access.explain import explain, render_markdown, render_text, to_jsonable

HEAD = """$ cat /etc/nv_tegra_release
# R36 (release), REVISION: 4.3, GCID: 38968081, BOARD: generic, EABI: aarch64, DATE: Wed Jan  8 01:49:37 UTC 2025
$ docker run --rm -u 1000:1000 --group-add 993 --runtime nvidia dustynv/l4t-pytorch:r36.4.0 ls -ln /dev/dri/renderD128
crw-rw---- 1 0 0 226, 128 Jan  1 00:00 /dev/dri/renderD128
"""
LOG = ("Jan 08 01:49:37 orin kernel: [12345.678901] tegra-xusb 3610000.usb: Firmware timestamp: 2024-09-13 04:36:44 UTC\n"
       "Jan 08 01:49:38 orin dockerd[1021]: time=\"2025-01-08T01:49:38\" level=info msg=\"ignoring event\" module=libcontainerd\n"
       "\x1b[33mWARN\x1b[0m [torch] CUDA caching allocator: 1024 MiB reserved, 512 MiB in use, step 1200 of 5000\r\n")
TAIL = """uid=1000(alice) gid=1000(alice) groups=1000(alice),44(video)
RuntimeError: CUDA error: operation not supported
"""


PATHOLOGICAL = (
    ("one line of lib- tokens", "error: lib-"),
    ("one line of 'add group '", "add group "),
    ("one line of launch options", "docker run --group-add 993 /dev/dri/renderD128 permission denied cuda 801 "),
    ("one line of sudo's options and separators", "sudo -;"),
    ("one line of a prompt's module names", "orin-"),
    ("one line of exec setpriv", "exec setpriv "),
    ("one line of NotImplementedError beside colons", "NotImplementedError not supported : "),
    ("one line of srun", "srun "),
    ("4 KB words beside Korean text", "\ud55c " + "x" * 4096 + "\n"),
    ("launches that add groups by substitution and variable",
     "$ docker run --rm --group-add $(stat -c %g /dev/dri/renderD128) --group-add ${RENDER_GID} img\n"),
    ("one line of a downgrade to package names", "downgrading to nvidia-"),
    ("quotes under lines that name their author", "Someone on the forum wrote:\n> it is the host driver\n"),
    ("software names run together before 'versions'", "we use different cuda" + " " * 60 + "cuda" + " " * 60 + "!\n"),
    ("blanks after 'GPU driver'", "GPU driver" + " " * 2000 + "x\n"),
    ("blanks after a sentence's error word", "I got error" + " " * 900 + "x\n"),
    ("dashed words before a board's default product name", "a-" * 2000 + " system-product-name\n"),
    ("a Jetson's and a PC's headings alternating", "Back on the Jetson:\n$ ./probe\nok\nOn my x86_64 PC:\n$ ./probe\nok\n"),
    ("failing list items under leads", "since the update our gpu containers\n" + "- do not start, it failed\n" * 10),
    ("two systems' release lines alternating",
     "# R36 (release), REVISION: 4.3, GCID: 38968081, BOARD: generic, EABI: aarch64, DATE: Wed Jan  8 01:49:37 UTC 2025\n"
     "# R35 (release), REVISION: 4.1, GCID: 33958178, BOARD: t186ref, EABI: aarch64, DATE: Tue Aug  1 19:57:35 UTC 2023\n"),
)


def paste(size: int) -> str:
    return HEAD + LOG * ((size - len(HEAD) - len(TAIL)) // len(LOG)) + TAIL


def distinct_paste(size: int) -> str:
    """The same paste with no line repeated (a stamp, a process id and a counter a line), as most journals are:
    a search for a word cannot stop at the first copy of a line that holds it."""
    lines, total, number = [HEAD], len(HEAD) + len(TAIL), 0
    while total < size:
        line = LOG.split("\n")[number % 3].replace("12345.678901", "{}.{:06d}".format(number // 1000, number % 997))
        line = line.replace("[1021]", "[{}]".format(1000 + number % 4093)).replace("1200", str(number)) + "\n"
        lines.append(line)
        total += len(line)
        number += 1
    return "".join(lines) + TAIL


def read_all(text: str) -> str:
    result = explain(text)
    return render_text(result) + render_markdown(result) + json.dumps(to_jsonable(result))


def main() -> int:
    text = paste(20 * 1024 * 1024)
    read_all(text[:100000])  # warm the caches (compiled patterns, data files) outside the measurement
    start = time.process_time()
    read_all(text)
    cpu = time.process_time() - start
    tracemalloc.start()
    read_all(text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    megabytes = len(text) / 1e6
    print("explain, {:.1f} MB paste: {:.2f} s CPU ({:.2f}x the 1 s target)".format(megabytes, cpu, cpu / 1.0))
    command = command_cpu(text)
    print("explain, {:.1f} MB paste through the command: {:.2f} s CPU ({:.2f}x the 1 s target)".format(
        megabytes, command, command / 1.0))
    print("explain, {:.1f} MB paste: peak {:.1f} MB allocated, {:.2f}x the paste (target under 3x)".format(
        megabytes, peak / 1e6, peak / len(text)))
    distinct = distinct_paste(len(text))
    start = time.process_time()
    read_all(distinct)
    cpu = time.process_time() - start
    print("explain, {:.1f} MB paste, no line repeated: {:.2f} s CPU ({:.2f}x the 1 s target)".format(
        len(distinct) / 1e6, cpu, cpu / 1.0))
    pastes = corpus()
    flat = "\n".join(" ".join(paste.replace("\n", " ") for paste in pastes[i:i + 8]) for i in range(0, len(pastes), 8)) + "\n"
    for name, unit in PATHOLOGICAL + (("the report corpus's pastes, one after another", "\n".join(pastes) + "\n"),
                                      ("the report corpus's pastes, eight to a line", flat)):
        shaped = unit * (len(text) // len(unit))
        start = time.process_time()
        read_all(shaped)
        cpu = time.process_time() - start
        print("explain, {:.1f} MB of {}: {:.2f} s CPU ({:.2f}x the 1 s target)".format(len(shaped) / 1e6, name, cpu, cpu))
    return 0


def corpus() -> List[str]:
    """Every paste of the report corpus: real pastes of many systems (each release line starts a system read on its
    own), each as one line when its line breaks are lost."""
    import yaml  # the test environment's (make bench runs in the project's virtual environment)

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "report_corpus.yaml")
    with open(path, encoding="utf-8") as handle:
        return [str(entry["text"]) for entry in yaml.safe_load(handle)]


def command_cpu(text: str) -> float:
    """CPU seconds (user and system) of one `explain FILE` command on ``text``, its start-up included."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "paste.log")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-m", "jetson_gpu_access", "explain", path], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, check=False, timeout=120)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


if __name__ == "__main__":
    sys.exit(main())
