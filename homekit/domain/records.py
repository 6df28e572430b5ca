"""How a stored record says itself as JSON, and compares and shows itself (apart from models:
a command's `--help` that names a record's module defines none of models' classes).

`Record`: on Python 3.11 a dataclass compiles the source of each method it makes, one `exec`
a method; `__eq__`, `__hash__` and `__repr__` are three of a frozen class's six and spell out
every field (about 30% of the 4 to 10 million instructions a class costs to define). A class
declared `@dataclass(frozen=True, eq=False, repr=False)` on `Record` gets these three from
here instead, reading its fields from `dataclasses.fields`: they behave as the generated ones
do (equal when of the same class and the compared fields are equal, the hash of those fields,
`Name(field=value, ...)` without the fields marked `repr=False`, `...` for a record that
contains itself), and are built for each class once, on first use.
"""

from __future__ import annotations

import datetime as dt
from _thread import get_ident
from operator import attrgetter

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Callable
    from dataclasses import Field
    from typing import Any

    _Values = Callable[[object], tuple[object, ...]]


def json_fields(*names: str) -> Callable[[Any], dict[str, object]]:
    """A record's `to_json`: its attributes in the order named (`key=attribute` where the JSON
    key differs), dates as ISO text."""
    pairs = [(name.partition("=")[0], name.partition("=")[2] or name) for name in names]

    def to_json(record: Any) -> dict[str, object]:
        values = ((key, getattr(record, attr)) for key, attr in pairs)
        return {key: v.isoformat() if isinstance(v, dt.date) else v for key, v in values}

    return to_json


#: Per class: the values its `==` compares, its hash takes, and its repr shows (name, value).
_COMPARED: dict[type, _Values] = {}
_HASHED: dict[type, _Values] = {}
_SHOWN: dict[type, tuple[str, ...]] = {}
#: (id of the record, thread) of the reprs under way: a record inside itself says `...`.
_IN_REPR: set[tuple[int, int]] = set()


def _getter(names: list[str]) -> _Values:
    if len(names) > 1:
        return attrgetter(*names)  # type: ignore[return-value]  # a tuple for two or more
    if names:
        one = attrgetter(names[0])
        return lambda record: (one(record),)
    return lambda record: ()


def _names(cls: type, keep: Callable[[Field[object]], bool]) -> list[str]:
    from dataclasses import fields  # (a command's --help that names json_fields needs none)

    return [f.name for f in fields(cls) if keep(f)]  # type: ignore[arg-type]


def _compared(cls: type) -> _Values:
    found = _COMPARED.get(cls)
    if found is None:
        found = _COMPARED[cls] = _getter(_names(cls, lambda f: f.compare))
    return found


class Record:
    """A base for frozen dataclasses declared with `eq=False, repr=False` (see the module)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        values = _compared(self.__class__)
        return values(self) == values(other)

    def __hash__(self) -> int:
        cls = self.__class__
        values = _HASHED.get(cls)
        if values is None:
            values = _HASHED[cls] = _getter(_names(
                cls, lambda f: bool(f.compare if f.hash is None else f.hash)))
        return hash(values(self))

    def __repr__(self) -> str:
        cls = self.__class__
        key = (id(self), get_ident())
        if key in _IN_REPR:
            return "..."
        shown = _SHOWN.get(cls)
        if shown is None:
            shown = _SHOWN[cls] = tuple(_names(cls, lambda f: f.repr))
        _IN_REPR.add(key)
        try:
            inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        finally:
            _IN_REPR.discard(key)
        return f"{cls.__qualname__}({inner})"

