"""A profile's treatments rows and product uses, as an import file carries them, checked."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from homekit.domain import treatments, validate
from homekit.domain.errors import InvalidInput
from homekit.transfer.rows import _blank, _text, _timestamp, _treatment


def profile_extras(settings: Mapping[str, Any] | None, text: bool
                   ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A profile's treatments rows and product uses as a file carries them (JSON lists; in a
    CSV, the same lists as JSON text in two cells), checked."""
    found: list[list[dict[str, Any]]] = []
    for key in ("treatments", "products"):
        value = (settings or {}).get(key)
        if text and not _blank(value):
            try:
                value = json.loads(str(value))
            except (json.JSONDecodeError, RecursionError):
                raise InvalidInput(code="extras_not_json", key=key) from None
        if _blank(value):
            value = []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise InvalidInput(code="extras_not_objects", key=key)
        found.append([_treatment_row(v) if key == "treatments" else _product_row(v)
                      for v in value])
    return found[0], found[1]


def _treatment_row(v: Mapping[str, Any]) -> dict[str, Any]:
    name = _treatment(v.get("name"))
    custom = not treatments.is_builtin(name)
    if name == treatments.DEFAULT_TREATMENT or v.get("custom") is not custom:
        raise InvalidInput(code="extras_treatment_row", treatment=name)
    interval = v.get("min_interval_days")
    if interval is not None or custom:
        if isinstance(interval, bool) or not isinstance(interval, int):
            raise InvalidInput(code="extras_interval_not_number", treatment=name)
        if custom and not 1 <= interval <= treatments.MAX_INTERVAL_DAYS:
            raise InvalidInput(code="extras_interval_range", treatment=name, days=interval)
        if not custom:
            treatments.check_interval(name, interval)
    target = v.get("target_sessions")
    if target is not None:
        if isinstance(target, bool) or not isinstance(target, int):
            raise InvalidInput(code="extras_target_not_number", treatment=name)
        validate.target_sessions(target)
    return {"name": name, "custom": custom, "min_interval_days": interval,
            "target_sessions": target, "created_at": _timestamp(v.get("created_at"),
                                                                 "created_at")}


def _product_row(v: Mapping[str, Any]) -> dict[str, Any]:
    return {"used_on": validate.parse_date(_text(v.get("used_on"), "used_on")).isoformat(),
            "kind": treatments.product_kind(_text(v.get("kind"), "kind")),
            "notes": validate.notes(_text(v.get("notes"), "notes")),
            "created_at": _timestamp(v.get("created_at"), "created_at")}
