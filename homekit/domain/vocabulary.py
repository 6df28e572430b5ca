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
