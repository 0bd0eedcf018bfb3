"""The exit codes of the CLI and the runbook runner: one table, documented in
docs/reference/exit-codes.md (a test keeps the two in parity)."""

from __future__ import annotations

from .choice import IntChoice


class Exit(IntChoice):
    OK = 0                 # healthy, or nothing to do
    PROBLEM = 1            # a problem was found, or verification failed
    USAGE = 2              # bad arguments or input: nothing was done
    NOT_ROOT = 3           # refused: the action needs root (with its capabilities)
    READ_ONLY = 4          # refused: a file to change is read-only or bind-mounted
    CONFLICT = 5           # refused: the change would clash with existing state
    UNSUPPORTED = 6        # refused: this environment cannot be handled safely
    KERNEL_DIED = 7        # a runbook's kernel died; state may be partial
    TIMEOUT = 8            # a runbook cell or a command ran out of time
    CELL_ERROR = 9         # a runbook cell raised an unexpected error, or the runbook ended early
    INTERNAL = 70          # a bug: an unexpected exception (EX_SOFTWARE)


DESCRIPTIONS = {
    Exit.OK: "Healthy, or nothing to do.",
    Exit.PROBLEM: "A problem was found, or verification failed.",
    Exit.USAGE: "Bad arguments or input; nothing was done.",
    Exit.NOT_ROOT: "Refused: the action needs root with its capabilities.",
    Exit.READ_ONLY: "Refused: a file that must change is read-only or bind-mounted.",
    Exit.CONFLICT: "Refused: the change would clash with existing state.",
    Exit.UNSUPPORTED: "Refused: this environment cannot be handled safely.",
    Exit.KERNEL_DIED: "A runbook's kernel died; state may be partial.",
    Exit.TIMEOUT: "A runbook cell or a command ran out of time.",
    Exit.CELL_ERROR: "A runbook cell raised an unexpected error, or the runbook ended without its result.",
    Exit.INTERNAL: "Internal error (a bug): please report it with the traceback.",
}


class ExitError(Exception):
    """A refusal or failure that ends a command with a documented exit code and a one-line message.

    ``context`` names the part of the tool speaking (apply, lab, run) in that line.
    """

    context = "error"

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = int(code)
