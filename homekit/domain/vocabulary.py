"""The stored vocabulary and the defaults: constants only, no class, so that a command's
parser (`log --help`, its validators) has them without defining the domain's dataclasses
(`homekit.domain.models` hands them out too)."""

from __future__ import annotations

#: Areas a home kit is used on; the stored vocabulary (kept small so data stays clean).
AREAS: tuple[str, ...] = (
    "forehead",
    "cheeks",
    "nose",
    "chin",
    "upper-lip",
    "jawline",
    "neck",
    "chest",
    "back",
    "hands",
    "arms",
    "legs",
)

#: Redness severity scale, index = stored value.
REDNESS_LEVELS: tuple[str, ...] = ("none", "faint", "mild", "marked", "severe")

#: Stinging scale, index = stored value.
STINGING_LEVELS: tuple[str, ...] = ("none", "slight", "moderate", "strong")

#: Fitzpatrick skin types, stored as 1 to 6 (I to VI); their descriptions are in homekit.words.
SKIN_TYPES: tuple[int, ...] = (1, 2, 3, 4, 5, 6)
SKIN_TYPE_NUMERALS: tuple[str, ...] = ("I", "II", "III", "IV", "V", "VI")

DEFAULT_TARGET_SESSIONS = 6
DEFAULT_PROFILE = "me"

#: The fewest days between two microdermabrasion sessions (the rule; homekit.domain.rules),
#: and the range clinics often use.
MIN_INTERVAL_DAYS = 7
CLINIC_INTERVAL_DAYS = (14, 28)

#: The pre-session checklist's items, in the order it asks them (homekit.domain.checklist).
CHECKLIST_IDS: tuple[str, ...] = ("glasses", "clean", "intact", "no-exfoliant")

#: Microneedling deeper than this is not a home treatment (homekit.domain.treatments).
MAX_DEPTH_MM = 1.0
#: A retinoid or acid used this many days before a resurfacing session (or on its day) holds it.
PRODUCT_HOLD_DAYS = 3
#: A custom treatment's interval is at least this many days.
CUSTOM_MIN_INTERVAL_DAYS = 1

#: Adverse events' kinds, as the CLI, the data file (a CHECK) and the exports spell them.
EVENT_KINDS: tuple[str, ...] = ("burn", "blister", "pigment-change", "infection", "breakout",
                                "other")

#: The charts `homekit chart --kind` draws.
CHART_KINDS: tuple[str, ...] = ("progress", "redness", "all")
