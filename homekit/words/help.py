"""The words of the commands' `--help` that other sentences share: constants only, from the
domain's vocabulary, so that a `--help` loads no other topic (and no date or dataclass)."""

from __future__ import annotations

from homekit.domain.vocabulary import CLINIC_INTERVAL_DAYS, EVENT_KINDS, MIN_INTERVAL_DAYS

INTERVAL_HINT = (
    f"{MIN_INTERVAL_DAYS} days or more; clinics often use "
    f"{CLINIC_INTERVAL_DAYS[0]} to {CLINIC_INTERVAL_DAYS[1]}"
)

PHOTO_GUIDANCE = (
    "For photos you can compare: same light, same distance and angle, no makeup, "
    "taken before the session."
)
#: What --view means, and what a photo without one does.
VIEW_HELP = ("standard view: front, left, right or close-up (default: none, as for the area: "
             "the photo then pairs with the other photos of its area that have no view, as "
             "every photo did before views)")

#: The adverse events' kinds in one line, for help texts.
EVENT_KINDS_HELP = ", ".join(EVENT_KINDS)
EVENT_HOLD_NOTE = ("Until it is marked resolved (homekit event resolve ID), or cleared by a "
                   "skin professional (--by-professional), the next resurfacing session is held.")
