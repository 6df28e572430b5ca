"""Where each treatment stands today for one profile (status --json `treatments`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from homekit.domain.records import Record
from homekit.domain.treatments.floors import (
    BUILTIN,
    CONFLICT_WINDOW_DAYS,
    CUSTOM_MIN_INTERVAL_DAYS,
    MICRODERMABRASION,
    MICRONEEDLING,
    NEEDLING_FLOORS,
    floor_days,
    is_resurfacing,
    shortest_floor,
    window_clash,
)
from homekit.domain.treatments.marks import Mark, Treatment
from homekit.domain.treatments.products import product_holds

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from homekit.domain.treatments.uses import ProductHold, ProductUse


@dataclass(frozen=True, eq=False, repr=False)
class Standing(Record):
    """Where one treatment stands today for one profile (status --json `treatments`)."""

    name: str
    sessions_done: int
    last_session_date: dt.date | None
    next_eligible_date: dt.date | None
    blocked_by: tuple[str, ...]
    target_sessions: int | None = None
    #: What blocks it: the other treatment's session in the window, the product holding it.
    conflict: Mark | None = None
    hold: ProductHold | None = None

    @property
    def eligible_now(self) -> bool:
        return not self.blocked_by

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "sessions_done": self.sessions_done,
            "target_sessions": self.target_sessions,
            "last_session_date": _iso(self.last_session_date),
            "next_eligible_date": _iso(self.next_eligible_date),
            "eligible_now": self.eligible_now,
            "blocked_by": list(self.blocked_by),
        }


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def standing(treatment: Treatment, count: int, last: Mark | None, recent: Iterable[Mark],
             products: Iterable[ProductUse], today: dt.date,
             other_gates: Iterable[str] = ()) -> Standing:
    """Where `treatment` stands on `today`: its interval since `last` (its latest session),
    the resurfacing sessions of other treatments in `recent` (no area known for the next
    session: every area), the products used lately, and the gates that hold every session
    (`other_gates`: condition, redness). Microneedling's next session is judged at the
    depth of its last one."""
    blocked: list[str] = []
    nxt: dt.date | None = None
    if last is not None:
        nxt = last.date + dt.timedelta(days=max(
            treatment.min_interval_days, floor_days(last.treatment, last.depth_mm)))
        if nxt > today:
            blocked.append("interval")
    # The next session taken like the last one (microneedling: at its depth).
    depth = None
    if treatment.name == MICRONEEDLING:
        depth = last.depth_mm if last is not None else NEEDLING_FLOORS[0][0]
    probe = Mark(None, today, treatment.name, depth)
    clash = window_clash(probe, recent)
    conflict = None
    if clash is not None:
        # the latest resurfacing session of another treatment within the window decides
        latest = max((o for o in recent if o.treatment != treatment.name
                      and is_resurfacing(o.treatment, o.depth_mm)
                      and abs((today - o.date).days) < CONFLICT_WINDOW_DAYS),
                     key=lambda o: o.date)
        conflict = latest
        blocked.append("conflict")
        end = latest.date + dt.timedelta(days=CONFLICT_WINDOW_DAYS)
        nxt = end if nxt is None or end > nxt else nxt
    holds = product_holds(probe, products)
    hold = holds[0] if holds else None
    if hold is not None:
        blocked.append("product")
        end = max(h.clears_on for h in holds)
        nxt = end if nxt is None or end > nxt else nxt
    blocked.extend(g for g in other_gates if g not in blocked)
    return Standing(treatment.name, count, last.date if last else None, nxt, tuple(blocked),
                    treatment.target_sessions, conflict, hold)


#: A profile's rows of the treatments table: name -> (custom, interval, target).
Settings = Mapping[str, tuple[bool, "int | None", "int | None"]]


def of_profile(interval: int | None, target: int | None, settings: Settings) -> list[Treatment]:
    """Every built-in treatment, then the profile's custom ones, with the profile's own
    settings (microdermabrasion's `interval` and `target` are the profile's columns)."""
    found = []
    for name in BUILTIN:
        own = (False, interval, target) if name == MICRODERMABRASION else settings.get(
            name, (False, None, None))
        found.append(Treatment(name, shortest_floor(name), interval_days=own[1],
                               target_sessions=own[2]))
    found += [Treatment(name, days or CUSTOM_MIN_INTERVAL_DAYS, builtin=False,
                        interval_days=days, target_sessions=aim)
              for name, (custom, days, aim) in settings.items() if custom]
    return found


def standings(listed: Iterable[Treatment], counts: Mapping[str, tuple[int, Mark]],
              recent: Iterable[Mark], products: Iterable[ProductUse], today: dt.date,
              other_gates: Iterable[str] = ()) -> list[Standing]:
    """Each treatment in use (with sessions) or with a target of its own, where it stands."""
    recent, products, gates = list(recent), list(products), tuple(other_gates)
    out = []
    for treatment in listed:
        count, last = counts.get(treatment.name, (0, None))
        targeted = treatment.target_sessions is not None and treatment.name != MICRODERMABRASION
        if count or targeted:
            out.append(standing(treatment, count, last, recent, products, today, gates))
    return out
