"""Redness that needs attention, as a fact (`homekit.domain.rules` hands it out by name too;
`homekit.words` says it); apart, so that a read such as `status` builds its class only when
the latest redness raises one."""

from __future__ import annotations

from dataclasses import dataclass

from homekit.domain.records import Record

#: Why redness needs attention; `minutes` is set for LASTED.
SEVERE = "severe"  # severe redness, however brief: serious
NOT_GONE_AFTER_DAY = "not_gone_after_day"  # still red, seen a day or more after: serious
STILL_PRESENT = "still_present"  # still red when seen, less than a day after
LASTED_DAY = "lasted_day"  # faded after more than a day: serious
LASTED = "lasted"  # faded after more than LASTING_REDNESS_MIN minutes
ALERT_CODES: tuple[str, ...] = (SEVERE, NOT_GONE_AFTER_DAY, STILL_PRESENT, LASTED_DAY, LASTED)


@dataclass(frozen=True, eq=False, repr=False)
class RednessAlert(Record):
    """Redness that needs attention. `serious`: pause and consult a professional."""

    code: str  # one of ALERT_CODES
    serious: bool
    #: LASTED: the minutes it took to fade.
    minutes: int | None = None
