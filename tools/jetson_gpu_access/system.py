"""The one way this package runs a program: argv only, absolute path, timeout, LC_ALL=C.

Decisions are made from exit codes and from re-reading state, never from a tool's message text
(which changes with the locale and the version). There is no shell anywhere.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import Callable, Optional, Sequence

from .record import frozen_record

SAFE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
DEFAULT_TIMEOUT_S = 60.0


@frozen_record
class Completed:
    argv: tuple  # type: ignore[type-arg]
    returncode: int
    stdout: str
    stderr: str

    @property
    def last_error_line(self) -> str:
        lines = [line for line in self.stderr.strip().splitlines() if line.strip()]
        return lines[-1] if lines else "no message"


def which(name: str) -> Optional[str]:
    """The absolute path of ``name`` on a fixed, root-safe PATH (never the caller's PATH)."""
    return shutil.which(name, path=SAFE_PATH)


def run(argv: Sequence[str], timeout: float = DEFAULT_TIMEOUT_S, env: Optional[dict] = None,  # type: ignore[type-arg]
        before_exec: Optional[Callable[[], None]] = None, keep_fds: Sequence[int] = ()) -> Completed:
    """Run ``argv`` (argv[0] absolute) without a shell; a timeout counts as exit code 124.

    ``before_exec`` runs in the child between fork and exec (apply confines its tools there); ``keep_fds`` stay open
    in the program (apply's tools reach the root through one).
    """
    if not os.path.isabs(argv[0]):
        raise ValueError("run() needs an absolute program path, got {!r}".format(argv[0]))
    environment = {"LC_ALL": "C", "PATH": SAFE_PATH}
    environment.update(env or {})
    try:
        # errors="replace": tools echo file contents (grpck prints the offending line), which need not be UTF-8
        result = subprocess.run(list(argv), capture_output=True, text=True, errors="replace", timeout=timeout,
                                env=environment, stdin=subprocess.DEVNULL, check=False, preexec_fn=before_exec,
                                pass_fds=tuple(keep_fds))
    except subprocess.TimeoutExpired as expired:
        return Completed(tuple(argv), 124, "", "timed out after {:.0f} s: {}".format(timeout, expired))
    except subprocess.SubprocessError as error:  # before_exec refused in the child: the program never ran
        return Completed(tuple(argv), 126, "", "not started: the child's preparation failed ({})".format(error))
    return Completed(tuple(argv), result.returncode, result.stdout, result.stderr)
