"""The fleet playbook's wall time for 6 and for 12 SIMULATED lab devices with forks=4.

Each device runs diagnose and verify (two kernels); with four forks on this machine's cores the
interesting number is the ratio: 2.0x means the run scales linearly with the fleet's size.
Needs root, the lab's packages and ansible-core (make bench runs it after make test's setup).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile

from jetson_gpu_access.lab import fleet


def main() -> int:
    if os.geteuid() != 0:
        print("bench: the lab needs root", file=sys.stderr)
        return 3
    os.environ["JGA_LAB_DIR"] = tempfile.mkdtemp(prefix="jga-bench-lab-")
    work = tempfile.mkdtemp(prefix="jga-bench-fleet-")
    try:
        seconds = {}
        for count in (6, 12):
            outcome = fleet.run(fleet.fleet_of(count), os.path.join(work, str(count)), forks=4)
            if outcome.returncode != 0:
                print("bench: the playbook failed for {} devices:\n{}".format(count, outcome.output[-2000:]), file=sys.stderr)
                return 1
            seconds[count] = outcome.seconds
            print("fleet playbook, {:>2} lab devices, forks=4, {} cores: {:.1f} s ({:.1f} s a device)".format(
                count, os.cpu_count(), seconds[count], seconds[count] / count))
        print("12 devices vs 6: ratio {:.2f}x (2.00x is linear)".format(seconds[12] / seconds[6]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(os.environ["JGA_LAB_DIR"], ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
