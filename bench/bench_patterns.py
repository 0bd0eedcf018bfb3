"""How the text readers grow on the inputs that once made their patterns backtrack, printed as ratios.

Each reader (explain, the image audit, the bundle's redaction) reads one adversarial line of 16 KB and of 64 KB:
linear work takes about 4x as long for 4x the text; a pattern that backtracks shows 16x (quadratic) or more. The
target is under 8x for every shape, and under 1 s at 64 KB. Both sizes are measured in the same run, so a noisy
machine moves both alike.
"""

from __future__ import annotations

import sys
import time
from typing import Callable, List, Tuple

from jetson_gpu_access.explain import explain
from jetson_gpu_access.migrate import audit_text
from jetson_gpu_access.redact import Redactor

# (reader, read, shape, start, unit): the shapes found by fuzzing each pattern with its own words (runs of blanks
# between optional words, an unbounded word before a fixed end, an option word that swallows the next command word).
SHAPES: List[Tuple[str, Callable[[str], object], str, str, str]] = [
    ("explain", explain, "an error heading of blanks", "error", " "),
    ("explain", explain, "cuInit and blanks", "cuinit", " "),
    ("explain", explain, "a CUDA word, 'with' and blanks", "cublas=$with\t", "  "),
    ("explain", explain, "cuInit, a bracket and blanks", "cuinit\t\t(", "\t"),
    ("explain", explain, "kernel-like numbers", "", "4.1."),
    ("explain", explain, "tegrastats' RAM field", "", "RAM 1/2MB "),
    ("explain", explain, "sudo's options and separators", "", "sudo -;"),
    ("explain", explain, "a prompt's module names", "", "orin-"),
    ("audit", lambda text: audit_text(text, "dockerfile"), "usermod -G", "", "usermod -G "),
    ("audit", lambda text: audit_text(text, "dockerfile"), "chmod and a backtick", "", "chmod\t-`"),
    ("audit", lambda text: audit_text(text, "compose"), "blank lines in group_add", "group_add:", "\n"),
    ("audit", lambda text: audit_text(text, "dockerfile"), "adduser's options", "", "adduser --}39s`"),
    ("redact", Redactor(), "a secret word's parts", "", "psk."),
    ("redact", Redactor(), "echo and blanks", "echo", "  "),
]


def seconds(read: Callable[[str], object], text: str) -> float:
    start = time.process_time()
    read(text)
    return time.process_time() - start


def main() -> int:
    for reader, read, name, start, unit in SHAPES:
        small, large = (start + unit * (size // len(unit)) + "\x01" for size in (16 << 10, 64 << 10))
        seconds(read, small[:1000])  # compiled patterns and loaded tables, outside the measurement
        first, second = seconds(read, small), seconds(read, large)
        print("{}, {} (16 KB -> 64 KB): {:.3f} s -> {:.3f} s, {:.1f}x (target under 8x)".format(
            reader, name, first, second, second / max(first, 1e-4)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
