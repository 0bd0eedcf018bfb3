"""The package's Choice classes built twice from their own source, as the real enum and as the light class,
and compared on everything code may rely on (see jetson_gpu_access/choice.py).

Standard library only, so it runs in every Python the package supports: tests/test_choice.py calls
:func:`differences` in its own Python and runs this file as a script in each other one found here,
which prints the differences one a line and exits 1 if there are any.
"""

from __future__ import annotations

import ast
import copy
import enum
import json
import pickle
import sys
import warnings
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Tuple

PACKAGE = Path(__file__).resolve().parent.parent / "tools" / "jetson_gpu_access"
BASES = ("Choice", "IntChoice")
# Classes the package does not have (yet), for what its classes do not show: an alias, a method, a
# docstring, an int class whose first value is 0 (a false member) and one with negative values.
EXTRA_SOURCES = (
    ("extra", '''class Shade(str, Choice):
    """A docstring."""

    LIGHT = "light"
    PALE = "light"
    DARK = "dark-grey"

    def label(self) -> str:
        return self.value.upper()
'''),
    ("extra", '''class Level(IntChoice):
    LOW = -1
    NONE = 0
    HIGH = 10
'''),
)


def choice_sources() -> List[Tuple[str, str]]:
    """(module, class source) of every class of the package that is a Choice or an IntChoice, then the extras."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef) and any(isinstance(b, ast.Name) and b.id in BASES for b in node.bases):
                module = ".".join(("jetson_gpu_access",) + path.relative_to(PACKAGE).with_suffix("").parts)
                found.append((module, str(ast.get_source_segment(text, node))))
    return found + list(EXTRA_SOURCES)


def build(source: str, light: bool) -> type:
    """The class SOURCE defines, on the real enum or on the light classes."""
    from jetson_gpu_access import choice

    bases = (choice._Choice, choice._IntChoice) if light else (enum.Enum, enum.IntEnum)
    namespace: Dict[str, Any] = dict(zip(BASES, bases), __name__="parity")
    exec(source, namespace)  # noqa: S102  # our own source, read from the package
    return next(v for k, v in namespace.items() if isinstance(v, type) and k not in BASES)


def plain(value: Any) -> Any:
    """VALUE with members and classes named rather than themselves, so the two builds compare."""
    if isinstance(value, type):
        return ("class", value.__name__)
    if hasattr(type(value), "_member_map_") and hasattr(value, "_name_"):  # a member of either build
        return ("member", type(value).__name__, value._name_)
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if type(value).__name__ == "mappingproxy" or isinstance(value, dict):
        return (type(value).__name__, [(plain(k), plain(v)) for k, v in value.items()])
    return (type(value).__name__, value if isinstance(value, (str, int, float, bool, type(None))) else repr(value))


def outcome(action: Callable[[], Any], message: bool = True) -> Any:
    """What ACTION returns, or the exception it raises (with its message unless the two builds word it apart)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # 3.8-3.11 warn before ``in`` raises; the light class only raises
            return plain(action())
    except Exception as error:  # the exception is the observation
        return ("raises", type(error).__name__, str(error) if message else "")


def observations(cls: Any, other: Any) -> Iterator[Tuple[str, Any]]:
    """Every observable of CLS and its members; OTHER is a class of the same build, for cross-class checks."""
    members = list(cls)
    kind = int if issubclass(cls, int) else str
    missing: Any = -99 if kind is int else "no-such-value"
    yield "names", [m.name for m in members]
    yield "values", plain([m.value for m in members])
    yield "len, bool, repr", (len(cls), bool(cls), repr(cls))
    yield "__members__", outcome(lambda: cls.__members__)
    yield "reversed", outcome(lambda: list(reversed(cls)))
    yield "sorted", outcome(lambda: sorted(cls))
    yield "is a " + kind.__name__, issubclass(cls, kind)
    yield "lookup of a missing value", outcome(lambda: cls(missing))
    yield "lookup of an unhashable value", outcome(lambda: cls([missing]))
    yield "lookup of None", outcome(lambda: cls(None))
    yield "lookup of a missing name", outcome(lambda: cls["NO_SUCH_NAME"])
    # Before 3.12 ``in`` refuses a value with a TypeError that names the metaclass: the type is compared, not the words.
    yield "in: missing value", outcome(lambda: missing in cls, message=False)
    yield "in: unhashable", outcome(lambda: [missing] in cls, message=False)
    yield "in: another class's member", outcome(lambda: next(iter(other)) in cls)
    yield "lookup of another class's member", outcome(lambda: cls(next(iter(other))))
    yield "reassign a member", outcome(lambda: setattr(cls, members[0].name, missing), message=False)
    yield "delete a member", outcome(lambda: delattr(cls, members[0].name), message=False)
    yield "extend", outcome(lambda: exec("class Sub(Base):\n    pass", {"Base": cls}), message=False)  # noqa: S102
    specs = ("", ">20", "<3", "^9", "d", "05d", "x") if kind is int else ("", ">20", "<3", "^9", "d")
    for name, m in cls.__members__.items():
        value = m.value
        yield name + " name, value", (m.name, plain(value))
        yield name + " str, repr", (str(m), repr(m))
        for spec in specs:
            yield name + " format " + spec, outcome(lambda: format(m, spec))  # noqa: B023  # called at once
        yield name + " f-string, str.format", (f"{m}", "{}".format(m), "{!s}|{!r}".format(m, m))
        yield name + " %", (outcome(lambda: "%s|%r" % (m, m)), outcome(lambda: "%d" % m))  # noqa: B023
        yield name + " hash", hash(m)
        yield name + " equality", (m == value, value == m, m != value, m == m, m == missing)
        yield name + " identity", (cls(value) is m, cls(m) is m, cls[m.name] is m, getattr(cls, m.name) is m)
        yield name + " in", (outcome(lambda: m in cls), outcome(lambda: value in cls, message=False), outcome(lambda: m in other))  # noqa: B023
        yield name + " types", (plain(type(m)), isinstance(m, cls), isinstance(m, kind), isinstance(m, type(next(iter(other)))))
        yield name + " bool", bool(m)
        yield name + " json", (json.dumps(m), json.dumps([m], indent=1), json.dumps({m: 1}), json.dumps({m: 1}, indent=1))
        yield name + " copies", (copy.copy(m) is m, copy.deepcopy(m) is m, plain(m.__reduce_ex__(4)))
        yield name + " arithmetic", (outcome(lambda: m + (1 if kind is int else "-x")), outcome(lambda: m * 2))  # noqa: B023
        yield name + " set name", outcome(lambda: setattr(m, "name", "x"), message=False)  # noqa: B023
        yield name + " dict key", ({value: 1}.get(m), {m: 1}.get(value))


def differences() -> List[str]:
    """One line per observable on which the light build of a class differs from its enum build."""
    out = []
    other_source = 'class Other(str, Choice):\n    ONLY = "only"\n'
    for module, source in choice_sources():
        builds = []
        for light in (False, True):
            cls = build(source, light)
            builds.append(dict(observations(cls, build(other_source, light))))
        name = "{}.{}".format(module, source.split("(", 1)[0].split()[-1])
        for key in builds[0].keys() | builds[1].keys():
            if builds[0].get(key) != builds[1].get(key):
                out.append("{} {}: enum {!r}, Choice {!r}".format(name, key, builds[0].get(key), builds[1].get(key)))
    return sorted(out)


def package_classes_are_light() -> List[str]:
    """The package's own classes are the light ones at run time, and pickle back to the same member."""
    import importlib

    from jetson_gpu_access import choice

    out = []
    for module, source in choice_sources():
        if module == "extra":
            continue
        cls = getattr(importlib.import_module(module), source.split("(", 1)[0].split()[-1])
        if not issubclass(cls, choice._Choice) or isinstance(cls, enum.EnumMeta):
            out.append("{}.{} is not a light Choice at run time".format(module, cls.__name__))
        out += ["{}.{}: pickle gives another object".format(module, m) for m in cls
                if pickle.loads(pickle.dumps(m)) is not m]  # noqa: S301  # our own member, pickled just above
    return out


if __name__ == "__main__":
    problems = differences() + package_classes_are_light()
    print("\n".join(problems) or "no differences")
    sys.exit(1 if problems else 0)
