"""Named constants that cost nothing to define: ``Choice`` and ``IntChoice`` instead of ``Enum`` and ``IntEnum``.

The CLI runs at every login on a device, so its start-up time matters (``make bench``). Importing
:mod:`enum` (which brings functools, collections and operator) and building the package's enum
classes took about a fifth of a ``diagnose``. These two bases give the part of the enum contract the
package uses, with the same results: members are instances of their class and of ``str`` (``int`` for
an ``IntChoice``), one object per value, so ``is`` compares them; ``name`` and ``value``; ``Cls(value)``
and ``Cls[name]`` with ValueError and KeyError; iteration in definition order, ``len``, ``in``,
``__members__``; equality, hashing and JSON as the plain value; ``repr``, ``str`` and ``format`` as the
real enum gives them on the running Python; pickling and copying keep the member.

A class body may hold only members (public names bound to a ``str``, or an ``int`` in an
``IntChoice``), dunders and methods; anything else enum would read differently is refused when the
class is made. Type checkers see the real ``Enum`` and ``IntEnum``, so their member and
exhaustiveness checks stay, and tests/choiceparity.py builds every class of the package both ways
and compares them, on every Python the package supports.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Any, Dict, Iterator, List, Mapping, Tuple

__all__ = ["Choice", "IntChoice"]

# Python 3.11 made format() of a member what its str() is, and an IntEnum's str() its number (What's New in
# Python 3.11, enum); 3.12 made ``in`` take a value as well as a member (What's New in Python 3.12, enum).
_FORMAT_IS_STR = sys.version_info >= (3, 11)
_IN_TAKES_VALUES = sys.version_info >= (3, 12)
_MAPPING_PROXY = type(type.__dict__)  # types.MappingProxyType, without importing types


class _ChoiceType(type):
    """Turns the class body's public names into the members, and answers ``Cls(value)``, ``Cls[name]``, ``in``."""

    _member_names_: List[str]
    _member_map_: Dict[str, Any]
    _value2member_map_: Dict[Any, Any]

    def __new__(mcs, name: str, bases: Tuple[type, ...], namespace: Dict[str, Any]) -> _ChoiceType:
        cls = super().__new__(mcs, name, bases, namespace)
        for base in bases:
            if isinstance(base, _ChoiceType) and base._member_names_:
                raise TypeError("{}: cannot extend {}, which has members".format(name, base.__name__))
        value_type = next((b for b in cls.__mro__[1:] if not isinstance(b, _ChoiceType)), object)
        if value_type is object and bases:
            raise TypeError("{}: a Choice holds str values: class {}(str, Choice)".format(name, name))
        names: List[str] = []
        by_name: Dict[str, Any] = {}
        by_value: Dict[Any, Any] = {}
        for key, value in namespace.items():
            if key[:2] == key[-2:] == "__" or hasattr(value, "__get__"):
                continue  # dunders and methods stay what they are, as in enum
            if key.startswith("_") or not isinstance(value, value_type) or isinstance(value, bool):
                raise TypeError("{}.{}: a Choice member is a public name bound to a {} (enum would read {!r} "
                                "differently)".format(name, key, value_type.__name__, value))
            member = by_value.get(value)
            if member is None:  # a repeated value makes the name an alias of the first member, as in enum
                member = value_type.__new__(cls, value)  # type: ignore[call-overload]
                member.__dict__.update(_name_=key, _value_=value)
                names.append(key)
                by_value[value] = member
            by_name[key] = member
            type.__setattr__(cls, key, member)
        # The value type's own repr, str, format and pickling come first in the MRO: put the Choice ones
        # on the class unless its body defines them (enum does the same).
        for method in ("__repr__", "__str__", "__format__", "__reduce_ex__"):
            if method not in namespace:
                owner = next(b for b in cls.__mro__[1:] if isinstance(b, _ChoiceType) and method in vars(b))
                type.__setattr__(cls, method, vars(owner)[method])
        type.__setattr__(cls, "_member_names_", names)
        type.__setattr__(cls, "_member_map_", by_name)
        type.__setattr__(cls, "_value2member_map_", by_value)
        return cls

    def __call__(cls, value: Any) -> Any:
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):  # TypeError: an unhashable value
            raise ValueError("{!r} is not a valid {}".format(value, cls.__qualname__)) from None

    def __getitem__(cls, name: str) -> Any:
        return cls._member_map_[name]

    def __iter__(cls) -> Iterator[Any]:
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls) -> Iterator[Any]:
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls) -> int:
        return len(cls._member_names_)

    def __bool__(cls) -> bool:
        return True  # a class is true even without members, as an enum class is

    def __contains__(cls, value: Any) -> bool:
        if isinstance(value, cls):
            return True
        if not _IN_TAKES_VALUES:
            if not isinstance(value, Choice):
                raise TypeError("unsupported operand type(s) for 'in': '{}' and '{}'".format(
                    type(value).__qualname__, type(cls).__qualname__))
            return False
        try:
            return value in cls._value2member_map_
        except TypeError:  # unhashable: 3.12 lets the TypeError through, 3.13 answers no
            if sys.version_info >= (3, 13):
                return False
            raise

    @property
    def __members__(cls) -> Mapping[str, Any]:
        """Every name, aliases included, to its member (read-only)."""
        return _MAPPING_PROXY(cls._member_map_)

    def __setattr__(cls, name: str, value: Any) -> None:
        if name in cls.__dict__.get("_member_map_", ()):
            raise AttributeError("cannot reassign member {!r}".format(name))
        super().__setattr__(name, value)

    def __delattr__(cls, name: str) -> None:
        if name in cls.__dict__.get("_member_map_", ()):
            raise AttributeError("cannot delete member {!r}".format(name))
        super().__delattr__(name)

    def __repr__(cls) -> str:
        return "<enum {!r}>".format(cls.__name__)


class _Choice(metaclass=_ChoiceType):
    """The base of a class of named ``str`` constants: ``class Colour(str, Choice)``."""

    _name_: str
    _value_: Any

    @property
    def name(self) -> str:
        return self._name_

    @property
    def value(self) -> Any:
        return self._value_

    def __repr__(self) -> str:
        return "<{}.{}: {!r}>".format(type(self).__name__, self._name_, self._value_)

    def __str__(self) -> str:
        return "{}.{}".format(type(self).__name__, self._name_)

    def __format__(self, spec: str) -> str:
        return format(str(self) if _FORMAT_IS_STR else self._value_, spec)

    def __reduce_ex__(self, protocol: Any) -> Tuple[Any, Tuple[Any]]:
        return type(self), (self._value_,)  # pickle and copy come back to the same member


class _IntChoice(int, _Choice):
    """The base of a class of named ``int`` constants, as ``IntEnum``: format() is always the number."""

    def __str__(self) -> str:
        return int.__repr__(self) if _FORMAT_IS_STR else _Choice.__str__(self)

    def __format__(self, spec: str) -> str:
        return int.__format__(self._value_, spec)


if TYPE_CHECKING:
    from enum import Enum as Choice
    from enum import IntEnum as IntChoice
else:
    Choice, IntChoice = _Choice, _IntChoice
