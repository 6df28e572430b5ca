"""The name, target sessions and days-apart fields (the first run and the profile screen)."""

from __future__ import annotations

from collections.abc import Iterator

from homekit import words
from homekit.domain import validate
from homekit.tui.widgets.field import Field, checked_input


def profile_fields(name_label: str, name: str, name_hint: str, target: int, target_hint: str,
                   interval: int) -> Iterator[Field]:
    """Inputs #name, #target and #interval, each checked by the domain's validator."""
    yield Field(name_label, checked_input(name, validate.profile_name, id="name"), name_hint)
    yield Field("Target sessions",
                checked_input(str(target), validate.target_sessions, id="target", type="integer"),
                target_hint)
    yield Field("Days apart",
                checked_input(str(interval), validate.interval_days, id="interval",
                              type="integer"),
                words.INTERVAL_HINT)
