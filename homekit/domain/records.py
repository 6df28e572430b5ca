"""How a stored record says itself as JSON (apart from models: a command's `--help` that
names a record's module defines none of models' classes)."""

from __future__ import annotations

import datetime as dt

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


def json_fields(*names: str) -> Callable[[Any], dict[str, object]]:
    """A record's `to_json`: its attributes in the order named (`key=attribute` where the JSON
    key differs), dates as ISO text."""
    pairs = [(name.partition("=")[0], name.partition("=")[2] or name) for name in names]

    def to_json(record: Any) -> dict[str, object]:
        values = ((key, getattr(record, attr)) for key, attr in pairs)
        return {key: v.isoformat() if isinstance(v, dt.date) else v for key, v in values}

    return to_json
