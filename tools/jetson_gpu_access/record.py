"""Frozen value types that cost nothing to define: ``@frozen_record`` instead of ``@dataclass``.

The CLI runs at every login on a device, so its start-up time matters (``make bench``). A
``@dataclass`` generates and ``exec()``s its methods when the class is created; for this
package's value types that was about 15 ms, more than the rest of the work. ``frozen_record``
gives the same contract (positional or keyword construction, immutability, equality and hashing
by value, a readable repr) with methods shared by every class. Type checkers see a frozen
dataclass, so constructor calls are still checked.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Any, Dict, Tuple, Type, TypeVar

    T = TypeVar("T")


def fields_of(cls_or_value: Any) -> Tuple[str, ...]:
    """The field names of a record class or value, in definition order."""
    fields: Tuple[str, ...] = getattr(cls_or_value, "_record_fields", ())
    return fields


def is_record(value: Any) -> bool:
    return bool(fields_of(value))


def with_fields(value: T, **changes: Any) -> T:
    """A copy of a record value with some fields changed (dataclasses.replace for records)."""
    kept = {name: getattr(value, name) for name in fields_of(value)}
    return type(value)(**{**kept, **changes})


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    names = fields_of(self)
    if len(args) > len(names):
        raise TypeError("{}() takes {} fields, got {}".format(type(self).__name__, len(names), len(args)))
    values: Dict[str, Any] = dict(zip(names, args))
    for name, value in kwargs.items():
        if name not in names or name in values:
            raise TypeError("{}() got an unexpected or repeated field {!r}".format(type(self).__name__, name))
        values[name] = value
    defaults: Dict[str, Any] = getattr(self, "_record_defaults", {})
    for name in names:
        if name not in values and name in defaults:
            values[name] = defaults[name]
    missing = [n for n in names if n not in values]
    if missing:
        raise TypeError("{}() is missing {}".format(type(self).__name__, ", ".join(missing)))
    for name in names:
        object.__setattr__(self, name, values[name])


def _values(self: Any) -> Tuple[Any, ...]:
    return tuple(getattr(self, n) for n in fields_of(self))


def _eq(self: Any, other: Any) -> Any:
    if type(other) is not type(self):
        return NotImplemented
    return _values(self) == _values(other)


def _hash(self: Any) -> int:
    return hash((type(self).__name__,) + _values(self))


def _repr(self: Any) -> str:
    return "{}({})".format(type(self).__name__, ", ".join("{}={!r}".format(n, getattr(self, n)) for n in fields_of(self)))


def _frozen(self: Any, name: str, *value: Any) -> None:
    raise AttributeError("cannot change field {!r} of a frozen {}".format(name, type(self).__name__))


def _record(cls: Type[T]) -> Type[T]:
    annotations = vars(cls).get("__annotations__", {})
    cls._record_fields = tuple(annotations)  # type: ignore[attr-defined]
    # a field given a value in the class body is optional (added later, so older callers still work)
    cls._record_defaults = {n: vars(cls)[n] for n in annotations if n in vars(cls)}  # type: ignore[attr-defined]
    for name, method in (("__init__", _init), ("__eq__", _eq), ("__hash__", _hash), ("__repr__", _repr),
                         ("__setattr__", _frozen), ("__delattr__", _frozen)):
        setattr(cls, name, method)
    return cls


if TYPE_CHECKING:
    from typing_extensions import dataclass_transform

    @dataclass_transform(frozen_default=True)
    def frozen_record(cls: Type[T]) -> Type[T]:
        """Seen by type checkers as a frozen dataclass (PEP 681)."""
        return cls
else:
    frozen_record = _record
