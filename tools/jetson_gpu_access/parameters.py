"""Runbook parameters: declared in a runbook's ``parameters`` cell, checked the same way everywhere.

The runner checks names and types before papermill starts (papermill pastes names into code
unescaped and only warns about unknown ones). Inside the runbook, the first cell after
``parameters`` checks the values the kernel ended up with (edited in JupyterLab, or injected by
papermill) with the same functions, then what they mean where the kernel runs: the root is a
directory, the user is in its /etc/passwd, the process exists. A mistake therefore reads as the
same one line in JupyterLab as in CI, and the runner turns it into exit code 2.

Standard library only (a kernel on a device imports this); PyYAML only for ``run -f``.
"""

from __future__ import annotations

import ast
import keyword
import os
import re
import stat
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from .exitcodes import Exit, ExitError
from .record import frozen_record
from .safeio import brief

TYPES = {"str": str, "int": int, "float": float, "bool": bool}
MAX_TEXT = 4096            # a value longer than PATH_MAX is a mistake, and papermill would paste it into code
MAX_FILE_BYTES = 64 << 10  # a parameters file is a handful of lines; more is the wrong file
Given = Tuple[str, Any, bool]  # (name, value, from_text): text from the command line is coerced


class ParameterError(ExitError):
    """A parameter refused: one line naming it, the problem and what to do. Nothing was changed."""

    context = "run"

    def __init__(self, message: str) -> None:
        super().__init__(Exit.USAGE, message)

    def _render_traceback_(self) -> List[str]:
        """IPython shows this instead of a traceback: the same one line the runner prints."""
        return ["ParameterError: {}".format(self)]


@frozen_record
class Parameter:
    name: str
    type: str
    default: Any
    help: str


def declarations(source: str, origin: str) -> Dict[str, Parameter]:
    """The ``name: type = default  # help`` lines of a parameters cell."""
    try:
        body = ast.parse(source).body
    except (SyntaxError, ValueError) as error:
        raise ParameterError("{}: the parameters cell is not valid Python ({}); fix that cell".format(
            origin, getattr(error, "msg", error))) from None
    found: Dict[str, Parameter] = {}
    lines = source.splitlines()
    for node in body:
        if not (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
                and isinstance(node.annotation, ast.Name) and node.annotation.id in TYPES and node.value is not None):
            raise ParameterError("{}: parameters cell line {} is not 'name: str|int|float|bool = value'".format(
                origin, getattr(node, "lineno", "?")))
        try:
            default = ast.literal_eval(node.value)
        except ValueError:
            raise ParameterError("{}: parameters cell line {}: the default of {} is not a literal".format(
                origin, node.lineno, node.target.id)) from None
        line = lines[node.lineno - 1]
        help_text = line.split("#", 1)[1].strip() if "#" in line else ""
        found[node.target.id] = Parameter(node.target.id, node.annotation.id, default, help_text)
    return found


def _refuse(name: str, kind: str, value: Any) -> ParameterError:
    return ParameterError("parameter {} expects {}, got {}".format(name, kind, brief(value)))



def coerce(parameter: Parameter, value: Any, from_text: bool) -> Any:
    """``value`` as the parameter's type; ParameterError naming the parameter otherwise."""
    kind = parameter.type
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise ParameterError("parameter {} is {} characters long; values are limited to {}".format(
            parameter.name, len(value), MAX_TEXT))
    if from_text:
        text = str(value)
        try:
            if kind == "bool":
                if text.lower() not in ("true", "false", "1", "0", "yes", "no"):
                    raise ValueError(text)
                value = text.lower() in ("true", "1", "yes")
            elif kind == "int":
                if not re.fullmatch(r"-?\d{1,18}", text):
                    raise ValueError(text)
                value = int(text)
            elif kind == "float":
                value = float(text)
                if value != value or value in (float("inf"), float("-inf")):
                    raise ValueError(text)
            else:
                value = text
        except ValueError:
            raise _refuse(parameter.name, kind, text) from None
    elif not isinstance(value, TYPES[kind]) or (kind != "bool" and isinstance(value, bool)):
        raise _refuse(parameter.name, kind, value)
    if kind == "str":
        empty_means_default = not parameter.default  # "" is a value where it is the default: skip, the kernel's user
        blank = not value.strip() if value else not empty_means_default
        if blank or any(ord(ch) < 32 for ch in value):
            raise ParameterError("parameter {} must not be empty, blank or contain control characters".format(
                parameter.name))
    return value


def check_name(name: str, known: Sequence[str]) -> None:
    """A name papermill may paste into code: an identifier, not a keyword, and declared."""
    if not name.isidentifier() or keyword.iskeyword(name):
        raise ParameterError("parameter name {!r} is not a Python identifier; nothing was run".format(name[:60]))
    if name not in known:
        raise ParameterError("unknown parameter {!r}; this runbook takes: {}".format(name, ", ".join(sorted(known))))


# Parameters that name a file or folder: relative to where the caller ran the runner, not to the
# kernel's working folder (the runbook's output folder), so they are made absolute before the run.
PATH_PARAMETERS = ("dockerfile", "compose", "image_root")


def validate(declared: Mapping[str, Parameter], given: Sequence[Given]) -> Dict[str, Any]:
    """Check names (declared, identifiers, not keywords) and types of (name, value, from_text) triples;
    relative paths are taken from the caller's working folder."""
    values: Dict[str, Any] = {}
    for name, value, from_text in given:
        check_name(name, list(declared))
        values[name] = coerce(declared[name], value, from_text)
        if name in PATH_PARAMETERS and isinstance(values[name], str) and values[name]:
            values[name] = os.path.abspath(values[name])
    return values


def read_file(path: str) -> List[Given]:
    """A YAML mapping of name: value from ``path``: a small regular UTF-8 file, or ParameterError."""
    from .safeio import load_yaml  # (PyYAML only where a file is read)

    def refuse(problem: str) -> ParameterError:
        return ParameterError("parameters file {}: {}; pass a YAML file of 'name: value' lines".format(path, problem))

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise refuse(error.strerror or str(error)) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise refuse("not a regular file")
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise refuse("larger than {} KiB".format(MAX_FILE_BYTES >> 10))
    try:
        loaded = load_yaml(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise refuse("not UTF-8 text") from None
    except ValueError as error:
        raise refuse(str(error)) from None
    if not isinstance(loaded, dict):
        raise refuse("not a mapping")
    return [(str(k), v, False) for k, v in loaded.items()]


# --- what the values mean where the kernel runs -----------------------------------------------------

def _root(value: str, values: Mapping[str, Any]) -> Optional[str]:
    from .rootfs import empty_root

    empty = empty_root(value)
    if empty:
        return empty + "; set it to / or to a container's root file system"
    try:
        if os.path.isdir(value) and os.listdir(value):
            return None
    except OSError as error:
        return "cannot read {} ({}); run as a user who can".format(value, error.strerror)
    return "{} is not a directory with files; set it to / or to a container's root file system".format(value)


def _user(value: str, values: Mapping[str, Any]) -> Optional[str]:
    from .probe.accounts import find_user
    from .probe.accounts import probe as accounts
    from .rootfs import RootFS

    if not value:
        return None
    root = str(values.get("root", "/"))
    if find_user(accounts(RootFS(root)), name=value) is None:
        return "no user {!r} in {}/etc/passwd; check the spelling (empty: the user running the kernel)".format(
            value, root.rstrip("/"))
    return None


def _process(value: int, values: Mapping[str, Any]) -> Optional[str]:
    if value == 0:
        return None
    if value < 0 or not os.path.isdir("/proc/{}".format(value)):
        return "no process {} is running here; pass the PID of a running process, or 0".format(value)
    return None


def _path(kind: str) -> Callable[[str, Mapping[str, Any]], Optional[str]]:
    test = os.path.isdir if kind == "directory" else os.path.isfile

    def check(value: str, values: Mapping[str, Any]) -> Optional[str]:
        if not value or test(value):
            return None
        return "{} is not a {}; give an existing path, or leave it empty to skip".format(value, kind)

    return check


def _toolkit(value: str, values: Mapping[str, Any]) -> Optional[str]:
    from .upgrade import PreviewError, parse_targets

    try:
        parse_targets(value)
    except PreviewError as error:
        return str(error)
    return None


def _host_gids(value: str, values: Mapping[str, Any]) -> Optional[str]:
    from .upgrade import PreviewError, parse_host_gids

    try:
        parse_host_gids(value.split(",") if value else [], "item")
    except PreviewError as error:
        return str(error)
    return None


# What a value must be, by parameter name: the runbooks share these names (see docs/reference/runbook-parameters.md).
MEANINGS: Dict[str, Callable[[Any, Mapping[str, Any]], Optional[str]]] = {
    "root": _root, "target_user": _user, "pid": _process, "dockerfile": _path("file"), "compose": _path("file"),
    "image_root": _path("directory"), "toolkit": _toolkit, "host_gids": _host_gids,
}


def check_meaning(values: Mapping[str, Any]) -> None:
    """The values make sense here (in the kernel's file system); ParameterError for the first that does not."""
    for name, check in MEANINGS.items():
        if name in values:
            problem = check(values[name], values)
            if problem:
                raise ParameterError("parameter {}: {}".format(name, problem))


def from_namespace(namespace: Mapping[str, Any]) -> Dict[str, Any]:
    """Check a kernel's parameters as the runner does: the types the parameters cell annotated
    (``__annotations__``, which papermill's injected cell leaves alone), then their meaning."""
    annotations = namespace.get("__annotations__", {})
    declared = {name: Parameter(name, kind.__name__, None, "") for name, kind in annotations.items()
                if isinstance(kind, type) and kind.__name__ in TYPES}
    values = validate(declared, [(name, namespace.get(name), False) for name in declared])
    check_meaning(values)
    return values
