"""Turn the frozen records of :mod:`model` into JSON-ready values and back.

One generic converter instead of a ``to_dict`` per class: the type hints are the schema, so a
new field needs no serialisation code and a round-trip test covers every type at once.
"""

from __future__ import annotations

import sys
import typing
from typing import Any, Dict, Type, TypeVar

from .choice import Choice
from .record import fields_of, is_record

T = TypeVar("T")

_HINTS: Dict[type, Dict[str, Any]] = {}


def to_jsonable(value: Any) -> Any:
    """Dataclasses become dicts, enums their values, tuples lists; the rest passes through."""
    if is_record(value) and not isinstance(value, type):
        return {name: to_jsonable(getattr(value, name)) for name in fields_of(value)}
    if isinstance(value, Choice):
        return value.value
    if isinstance(value, (tuple, list)):
        return [to_jsonable(item) for item in value]
    return value


def from_jsonable(cls: Type[T], data: Any) -> T:
    """Rebuild a value of type ``cls`` from :func:`to_jsonable` output; raises ValueError."""
    return typing.cast(T, _convert(cls, data))


def _hints(cls: type) -> Dict[str, Any]:
    if cls not in _HINTS:
        # The model imports typing's names only for type checkers (start-up time), so its annotations
        # are read with typing's names added under the module's own.
        names = dict(vars(typing), **vars(sys.modules[cls.__module__]))
        _HINTS[cls] = typing.get_type_hints(cls, names)
    return _HINTS[cls]


def _convert(tp: Any, data: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin is typing.Union:
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return None if data is None else _convert(options[0], data)
    if origin is tuple:
        items = typing.get_args(tp)
        if not isinstance(data, list):
            raise ValueError("expected a list for {}, got {!r}".format(tp, data))
        if len(items) == 2 and items[1] is Ellipsis:
            return tuple(_convert(items[0], item) for item in data)
        if len(items) != len(data):
            raise ValueError("expected {} items for {}, got {}".format(len(items), tp, len(data)))
        return tuple(_convert(a, item) for a, item in zip(items, data))
    if isinstance(tp, type) and is_record(tp):
        if not isinstance(data, dict):
            raise ValueError("expected an object for {}, got {!r}".format(tp.__name__, data))
        hints = _hints(tp)
        names = fields_of(tp)
        optional = getattr(tp, "_record_defaults", {})
        missing = [n for n in names if n not in data and n not in optional]
        if missing:
            raise ValueError("{} lacks {}".format(tp.__name__, ", ".join(missing)))
        return tp(**{n: _convert(hints[n], data[n]) for n in names if n in data})
    if isinstance(tp, type) and issubclass(tp, Choice):
        return tp(data)
    if tp is int and (isinstance(data, bool) or not isinstance(data, int)):
        raise ValueError("expected an integer, got {!r}".format(data))
    if tp in (str, bool) and not isinstance(data, tp):
        raise ValueError("expected {}, got {!r}".format(tp.__name__, data))
    return data
