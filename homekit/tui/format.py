"""How the app words dates, countdowns and redness (the CLI's phrases where they exist)."""

from __future__ import annotations

from collections.abc import Sequence

from homekit.domain.models import Redness, Session
from homekit.words import day, in_days, redness_text, redness_words

__all__ = ["day", "in_days", "redness_text", "redness_short", "trend"]

#: One bar per severity 0-4; a dot for a session without a redness observation.
TREND_BARS = "▁▂▄▆█"


def redness_short(r: Redness | None) -> str:
    return "-" if r is None else redness_words(r)


def trend(sessions: Sequence[Session]) -> str:
    """Worst redness of each session, oldest first, as a row of bars."""
    out = []
    for s in sessions:
        worst = s.worst_redness
        out.append("·" if worst is None else TREND_BARS[worst.severity])
    return "".join(out)
