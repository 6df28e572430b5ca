"""Dated medical answers on a profile: warnings, never blocks.

- Isotretinoin finished less than 6 months ago: published consensus finds no firm evidence
  for a hard block, so homekit warns, recommends asking the prescriber, and records the
  acknowledgement.
- Blood thinners: bruising is more likely; warn.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from homekit.domain.errors import InvalidInput
from homekit.domain.models import Profile

#: A course of isotretinoin finished less than this long ago earns the warning.
ISOTRETINOIN_WINDOW_DAYS = 183


@dataclass(frozen=True)
class MedicalWarning:
    """A medical answer that calls for a warning before a session (never a block)."""

    code: str  # "isotretinoin_recent" or "blood_thinners"
    acknowledged: bool = False
    finished: dt.date | None = None


def parse_isotretinoin(text: str, today: dt.date) -> str:
    """`never` or a past date YYYY-MM-DD (when the course finished)."""
    value = text.strip().lower()
    if value == "never":
        return value
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"isotretinoin {text!r}: give 'never' or the date the course "
                           "finished, YYYY-MM-DD", field="isotretinoin") from None
    if day > today:
        raise InvalidInput(f"isotretinoin: {day} is in the future; give the date the course "
                           "finished (or will: answer again then)", field="isotretinoin")
    return day.isoformat()


def isotretinoin_recent(profile: Profile, today: dt.date) -> dt.date | None:
    """The date the course finished when that is within the window, else None."""
    if not profile.isotretinoin or profile.isotretinoin == "never":
        return None
    finished = dt.date.fromisoformat(profile.isotretinoin)
    if (today - finished).days < ISOTRETINOIN_WINDOW_DAYS:
        return finished
    return None


def warnings(profile: Profile, today: dt.date) -> list[MedicalWarning]:
    out = []
    finished = isotretinoin_recent(profile, today)
    if finished is not None:
        out.append(MedicalWarning("isotretinoin_recent",
                                  bool(profile.isotretinoin_acknowledged_at), finished))
    if profile.blood_thinners:
        out.append(MedicalWarning("blood_thinners", True))
    return out
