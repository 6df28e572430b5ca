"""The treatments, their floors, and the conflict windows between them (see the package)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from homekit.domain import rules
from homekit.domain.errors import InvalidInput
from homekit.domain.vocabulary import CUSTOM_MIN_INTERVAL_DAYS, MAX_DEPTH_MM

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from homekit.domain.treatments.clashes import IntervalClash, WindowClash
    from homekit.domain.treatments.marks import Mark

MICRODERMABRASION = "microdermabrasion"
MICRONEEDLING = "microneedling"
PEEL = "peel"
DERMAPLANING = "dermaplaning"
LED = "led"

#: What a session is when nothing else is said (every session before treatments existed).
DEFAULT_TREATMENT = MICRODERMABRASION
#: The built-in treatments, in the order lists show them.
BUILTIN: tuple[str, ...] = (MICRODERMABRASION, MICRONEEDLING, PEEL, DERMAPLANING, LED)
#: Floors in days between two sessions of one treatment (microneedling: NEEDLING_FLOORS).
FLOORS: Mapping[str, int] = {MICRODERMABRASION: rules.MIN_INTERVAL_DAYS, PEEL: 14,
                             DERMAPLANING: 21, LED: 1}
#: Microneedling by needle depth: (deepest needle in mm, floor in days), shallowest first.
#: The deepest, MAX_DEPTH_MM (deeper is not a home treatment), is in the vocabulary.
NEEDLING_FLOORS: tuple[tuple[float, int], ...] = ((0.3, 3), (0.5, 14), (MAX_DEPTH_MM, 28))
#: Microneedling resurfaces from this depth on.
RESURFACING_DEPTH_MM = 0.5
#: Resurfacing sessions of two treatments on overlapping areas stand at least this far apart.
CONFLICT_WINDOW_DAYS = 7
#: (A custom treatment's interval is at least CUSTOM_MIN_INTERVAL_DAYS: the vocabulary.)
MAX_INTERVAL_DAYS = rules.MAX_INTERVAL_DAYS

#: A custom treatment's name and a needle depth, as typed (compiled by `re` on first use, not
#: on every import: a status reads no name).
_NAME = r"[a-z][a-z0-9-]{0,39}"
_DEPTH = r"[0-9]+(\.[0-9]{1,2})?|\.[0-9]{1,2}"

# -- names, depths, intervals ---------------------------------------------------------


def is_builtin(name: str) -> bool:
    return name in BUILTIN


def treatment_name(text: str, custom: Iterable[str] = ()) -> str:
    """A known treatment's name (case ignored), built-in or one of `custom`."""
    name = text.strip().lower()
    known = (*BUILTIN, *custom)
    if name not in known:
        raise InvalidInput(f"unknown treatment {text!r}", field="treatment",
                           code="unknown_treatment", name=text, known=known)
    return name


def new_treatment_name(text: str, existing: Iterable[str] = ()) -> str:
    """A name for a custom treatment: lower-case letters, digits and '-', a letter first, at
    most 40 characters, not a built-in nor an existing one."""
    name = text.strip().lower()
    if not re.fullmatch(_NAME, name):
        raise InvalidInput(f"treatment name {text!r} is not allowed", field="treatment",
                           code="bad_treatment_name", name=text)
    if name in BUILTIN or name in set(existing):
        raise InvalidInput(f"treatment {name!r} exists", field="treatment",
                           code="treatment_exists", name=name, builtin=name in BUILTIN)
    return name


def parse_depth(text: str) -> float:
    """A needle depth in millimetres, more than 0 and at most MAX_DEPTH_MM (two decimals)."""
    value = text.strip().removesuffix("mm").strip()
    if not re.fullmatch(_DEPTH, value):
        raise InvalidInput(f"depth {text!r} is not a number of millimetres", field="depth",
                           code="bad_depth", depth=text)
    return check_depth(float(value))


def check_depth(depth: float) -> float:
    if not depth > 0:
        raise InvalidInput(f"depth {depth} is not more than 0", field="depth",
                           code="bad_depth", depth=str(depth))
    if depth > MAX_DEPTH_MM:
        raise InvalidInput(f"depth {depth} mm is deeper than {MAX_DEPTH_MM} mm", field="depth",
                           code="depth_too_deep", depth=depth, max_depth=MAX_DEPTH_MM)
    return round(depth, 2)


def session_depth(treatment: str, depth: float | None) -> float | None:
    """The depth a session of `treatment` stores: microneedling needs one, others take none."""
    if treatment == MICRONEEDLING:
        if depth is None:
            raise InvalidInput("microneedling needs a depth", field="depth",
                               code="depth_missing", treatment=treatment)
        return check_depth(depth)
    if depth is not None:
        raise InvalidInput(f"{treatment} takes no depth", field="depth",
                           code="depth_not_needed", treatment=treatment)
    return None


def floor_days(treatment: str, depth: float | None = None,
               custom: Mapping[str, int] | None = None) -> int:
    """The floor of one session of `treatment` (a custom one: its interval in `custom`)."""
    if treatment == MICRONEEDLING:
        if depth is None:
            return NEEDLING_FLOORS[0][1]
        return next((days for deepest, days in NEEDLING_FLOORS if depth <= deepest),
                    NEEDLING_FLOORS[-1][1])
    if treatment in FLOORS:
        return FLOORS[treatment]
    return max(CUSTOM_MIN_INTERVAL_DAYS, (custom or {}).get(treatment, CUSTOM_MIN_INTERVAL_DAYS))


def deepest_floor(treatment: str) -> int:
    """The largest floor a session of the treatment may have (microneedling: its deepest)."""
    return NEEDLING_FLOORS[-1][1] if treatment == MICRONEEDLING else FLOORS.get(
        treatment, CUSTOM_MIN_INTERVAL_DAYS)


def shortest_floor(treatment: str) -> int:
    """The floor a treatment's interval may not go below (microneedling: its shallowest)."""
    return NEEDLING_FLOORS[0][1] if treatment == MICRONEEDLING else FLOORS.get(
        treatment, CUSTOM_MIN_INTERVAL_DAYS)


def check_interval(treatment: str, days: int) -> int:
    """A profile's interval for `treatment`: never below its floor, at most a year."""
    floor = shortest_floor(treatment)
    if days < floor:
        raise InvalidInput(f"an interval of {days} days is below the floor of {treatment}",
                           field="interval", code="interval_below_floor", treatment=treatment,
                           days=days, floor=floor)
    if days > MAX_INTERVAL_DAYS:
        raise InvalidInput(f"an interval of {days} days is longer than {MAX_INTERVAL_DAYS}",
                           field="interval", code="interval_too_long", treatment=treatment,
                           days=days, limit=MAX_INTERVAL_DAYS)
    return days


def pair_interval(a: Mark, b: Mark, profile_interval: int | None = None) -> int:
    """The days two sessions of one treatment must stand apart: the larger of their floors and
    the profile's interval."""
    return max(floor_days(a.treatment, a.depth_mm), floor_days(b.treatment, b.depth_mm),
               profile_interval or 0)


def is_resurfacing(treatment: str, depth: float | None = None) -> bool:
    if treatment == MICRONEEDLING:
        return depth is not None and depth >= RESURFACING_DEPTH_MM
    return treatment in (MICRODERMABRASION, PEEL, DERMAPLANING)


def shared_areas(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    """The areas two sessions share (empty when either names none: it covers every area)."""
    if not a or not b:
        return ()
    return tuple(x for x in a if x in b)


def areas_overlap(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """No area given means every area."""
    return not a or not b or any(x in b for x in a)


# -- the rules ------------------------------------------------------------------------


def interval_clash(candidate: Mark, near: Iterable[Mark],
                   profile_interval: int | None = None) -> IntervalClash | None:
    """The nearest session of the same treatment closer than the pair's interval, if any."""
    from homekit.domain.treatments.clashes import IntervalClash  # (not built by a read)

    close = [IntervalClash(candidate, o, pair_interval(candidate, o, profile_interval))
             for o in near if o.treatment == candidate.treatment
             and (candidate.id is None or o.id != candidate.id)]
    close = [c for c in close if c.gap_days < c.interval_days]
    return min(close, key=lambda c: (c.gap_days, c.other.date), default=None)


def window_clash(candidate: Mark, near: Iterable[Mark]) -> WindowClash | None:
    """The nearest resurfacing session of another treatment on an overlapping area within the
    conflict window, before or after `candidate`, if `candidate` resurfaces."""
    if not is_resurfacing(candidate.treatment, candidate.depth_mm):
        return None
    near = [o for o in near
            if o.treatment != candidate.treatment and is_resurfacing(o.treatment, o.depth_mm)
            and areas_overlap(candidate.areas, o.areas)
            and abs((candidate.date - o.date).days) < CONFLICT_WINDOW_DAYS]
    if not near:
        return None
    from homekit.domain.treatments.clashes import WindowClash  # (built only when one is found)

    close = [WindowClash(candidate, o) for o in near]
    return min(close, key=lambda c: (c.gap_days, c.other.date), default=None)
