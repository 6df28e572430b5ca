"""The facts of the report for a skin professional (pure: the words and drawing come later).

A lifetime log stays a few pages: the period's last RECENT_SESSIONS sessions and the whole
current course are shown row by row; the sessions before them are summarised by month (by
year beyond MONTHS_IN_FULL months), their warnings grouped by kind. `full` keeps every row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from homekit.domain import gates, rules
from homekit.domain.alerts import RednessAlert
from homekit.domain.events import AdverseEvent
from homekit.domain.models import Profile, Redness, Session, Status
from homekit.domain.photos import Photo
from homekit.domain.series import ChartSeries
from homekit.domain.treatments import ProductUse

#: Sessions shown row by row, at least (the current course too, when it is longer).
RECENT_SESSIONS = 20
#: Dates of severe redness a question names (the latest; the others are counted).
SERIOUS_DATES = 5
#: Months summarised one by one before the recent sessions; older ones by year.
MONTHS_IN_FULL = 24


#: How a warning ended, as the gates (and so `homekit status`) see it:
#: faded: an observation recorded the redness gone (nothing blocks);
#: open: still red, less than a day after the session (a follow-up is owed, nothing blocks);
#: blocks: the redness gate holds: logging is blocked (status says the same);
#: cleared: the next session was logged on a skin professional's clearance;
#: logged_after: never recorded faded, and a later session was logged all the same;
#: glasses: glasses were worn again at a later session; none: not yet.
LIFTS = ("faded", "open", "blocks", "cleared", "logged_after", "glasses", "none")
LIFTED = ("faded", "cleared", "glasses")


@dataclass(frozen=True)
class WarningFact:
    """A warning that fired at a session, and how it ended (one of LIFTS)."""

    session: Session
    kind: str  # "redness" (rules.session_alerts) or "no_glasses"
    #: redness: the worst of the session's alerts (homekit.words says it); no_glasses: None.
    alert: RednessAlert | None
    serious: bool
    lift: str = "none"
    #: cleared, logged_after, glasses: the later session; faded: None.
    lifted_by: Session | None = None
    #: faded: the observation that recorded the redness gone.
    faded_seen: Redness | None = None

    @property
    def lifted(self) -> bool:
        return self.lift in LIFTED


@dataclass(frozen=True)
class WarningGroup:
    """Warnings of one kind among the summarised sessions (redness: serious or not)."""

    kind: str
    serious: bool
    count: int
    first: dt.date
    last: dt.date
    not_lifted: int


@dataclass(frozen=True)
class Summary:
    """The summarised sessions of one month (or one year, `by_year`)."""

    start: dt.date  # the first day of the month or year
    by_year: bool
    sessions: int
    minutes: int
    worst_redness: int | None  # None: no redness recorded
    levels: tuple[int, ...]  # the device levels used, lowest first
    areas: tuple[str, ...]  # the areas treated, in the vocabulary's order
    warnings: int


@dataclass(frozen=True)
class ReportFacts:
    profile: Profile
    status: Status
    since: dt.date | None
    until: dt.date | None
    sessions: tuple[Session, ...]  # in the period, oldest first, each with its number
    warnings: tuple[WarningFact, ...]
    #: What the charts draw: every session of the period.
    series: ChartSeries
    #: Per area: (first photo, latest photo or None when it has only one).
    photo_pairs: tuple[tuple[Photo, Photo | None], ...] = ()
    photo_count: int = 0
    planned_dates: tuple[dt.date, ...] = field(default=())
    #: The date of the profile's first session (None: none logged).
    first_session_date: dt.date | None = None
    #: Every session row by row (no summaries).
    full: bool = False
    #: The product uses of the period, oldest first; the one treatment shown ("": all).
    products: tuple[ProductUse, ...] = ()
    treatment: str = ""
    #: The adverse events of the period (and every one still open), oldest first.
    events: tuple[AdverseEvent, ...] = ()

    @property
    def total_minutes(self) -> int:
        return sum(s.duration_min or 0 for s in self.sessions)

    @cached_property
    def in_full_from(self) -> int:
        """The index in `sessions` of the first session shown row by row."""
        if self.full:
            return 0
        recent = max(0, len(self.sessions) - RECENT_SESSIONS)
        course = _course_start(self.status.sessions_done, self.profile.target_sessions)
        started = next((i for i, s in enumerate(self.sessions)
                        if s.number >= course), len(self.sessions))
        return min(recent, started)

    @property
    def shown_sessions(self) -> tuple[Session, ...]:
        return self.sessions[self.in_full_from:]

    @property
    def earlier_sessions(self) -> tuple[Session, ...]:
        return self.sessions[:self.in_full_from]

    @cached_property
    def shown_warnings(self) -> tuple[WarningFact, ...]:
        shown = {s.id for s in self.shown_sessions}
        return tuple(w for w in self.warnings if w.session.id in shown)

    @cached_property
    def earlier_warnings(self) -> tuple[WarningGroup, ...]:
        shown = {s.id for s in self.shown_sessions}
        return tuple(group_warnings([w for w in self.warnings if w.session.id not in shown]))

    @cached_property
    def earlier(self) -> tuple[Summary, ...]:
        return tuple(summarise(self.earlier_sessions, self.warnings))


def _course_start(done: int, target: int) -> int:
    """The number of the first session of the current course (courses of `target` sessions)."""
    if done <= 0:
        return 1
    return (done - 1) // max(1, target) * max(1, target) + 1


def photo_key(photo_id: int) -> str:
    """The name under which the report's writer is handed a photo's bytes."""
    return f"photo:{photo_id}"


def in_period(day: dt.date, since: dt.date | None, until: dt.date | None) -> bool:
    return (since is None or day >= since) and (until is None or day <= until)


def _redness_lift(s: Session, following: Session | None,
                  now: dt.datetime) -> tuple[str, Session | None, Redness | None]:
    """How the redness warning of `s` ended, read from the gate that status reads."""
    gate = gates.redness_gate(s, now)
    if gate is None:
        latest = max(s.redness, key=lambda r: (r.observed_at, r.id or 0))
        if gates.still_red(latest):
            return "open", None, None
        return "faded", None, latest
    if following is None:
        return "blocks", None, None
    if following.cleared_by_professional:
        return "cleared", following, None
    return "logged_after", following, None


def warnings_of(sessions: Sequence[Session], now: dt.datetime,
                whole_log: Sequence[Session] | None = None) -> list[WarningFact]:
    """Every redness alert (rules.session_alerts) and missing-glasses session of `sessions`,
    each with how it ended; the sessions after one are looked for in `whole_log` (default:
    `sessions`). One pass from the end remembers the next session and the next one with
    glasses, so a lifetime log costs its length, not its length squared."""
    chosen = {s.id for s in sessions}
    every = sorted(whole_log if whole_log is not None else sessions,
                   key=lambda s: (s.session_date, s.id))
    found: list[WarningFact] = []
    following: Session | None = None
    next_glasses: Session | None = None
    for s in reversed(every):
        if s.id in chosen:
            if s.glasses_worn is False:
                found.append(WarningFact(s, "no_glasses", None, False,
                                         "glasses" if next_glasses else "none", next_glasses))
            alerts = rules.session_alerts(s.redness, now, gates.session_start(s))
            if alerts:
                worst = max(alerts, key=lambda a: a.serious)
                lift, by, seen = _redness_lift(s, following, now)
                found.append(WarningFact(s, "redness", worst, worst.serious, lift, by,
                                         seen))
        if s.glasses_worn:
            next_glasses = s
        following = s
    found.reverse()
    return found


def group_warnings(warnings: Sequence[WarningFact]) -> list[WarningGroup]:
    """Warnings counted by kind (and seriousness), in the order each first fired."""
    groups: dict[tuple[str, bool], list[WarningFact]] = {}
    for w in warnings:
        groups.setdefault((w.kind, w.serious), []).append(w)
    return [WarningGroup(kind, serious, len(ws), ws[0].session.session_date,
                         ws[-1].session.session_date, sum(not w.lifted for w in ws))
            for (kind, serious), ws in groups.items()]


def summarise(sessions: Sequence[Session], warnings: Sequence[WarningFact]) -> list[Summary]:
    """The sessions by month, oldest first; by year before the last MONTHS_IN_FULL months."""
    from homekit.domain.models import AREAS

    if not sessions:
        return []
    last = sessions[-1].session_date
    by_month_from = _months_before(dt.date(last.year, last.month, 1), MONTHS_IN_FULL - 1)
    warned: dict[int, int] = {}
    for w in warnings:
        warned[w.session.id] = warned.get(w.session.id, 0) + 1
    buckets: dict[tuple[dt.date, bool], list[Session]] = {}
    for s in sessions:
        day = s.session_date
        key = ((dt.date(day.year, day.month, 1), False) if day >= by_month_from
               else (dt.date(day.year, 1, 1), True))
        buckets.setdefault(key, []).append(s)
    out = []
    for (start, by_year), group in buckets.items():
        worst = [r.severity for s in group for r in s.redness]
        areas = {a for s in group for a in s.areas}
        out.append(Summary(
            start=start, by_year=by_year, sessions=len(group),
            minutes=sum(s.duration_min or 0 for s in group),
            worst_redness=max(worst) if worst else None,
            levels=tuple(sorted({s.device_level for s in group if s.device_level is not None})),
            areas=tuple(a for a in AREAS if a in areas) + tuple(sorted(areas - set(AREAS))),
            warnings=sum(warned.get(s.id, 0) for s in group),
        ))
    return out


def questions(facts: ReportFacts) -> list[tuple[str, dict[str, object]]]:
    """Which questions to bring, as (code, facts): homekit.words writes them."""
    out: list[tuple[str, dict[str, object]]] = []
    if facts.profile.has_skin_condition:
        out.append(("condition", {}))
    serious = [w for w in facts.warnings if w.kind == "redness" and w.serious]
    lasting = [w for w in facts.warnings if w.kind == "redness" and not w.serious]
    if serious:
        dates = [w.session.session_date for w in serious]
        out.append(("serious_redness", {"dates": dates[-SERIOUS_DATES:],
                                        "earlier": max(0, len(dates) - SERIOUS_DATES)}))
    elif lasting:
        out.append(("lasting_redness", {"count": len(lasting)}))
    stinging = [s for s in facts.sessions if (s.stinging or 0) >= 2]
    if stinging:
        out.append(("stinging", {"count": len(stinging)}))
    levels = [s.device_level for s in facts.sessions if s.device_level is not None]
    if levels:
        out.append(("level", {"level": levels[-1]}))
    out.append(("interval", {"days": facts.profile.min_interval_days}))
    if facts.status.sessions_done >= facts.profile.target_sessions:
        out.append(("after_target", {"done": facts.status.sessions_done}))
    else:
        out.append(("target", {"target": facts.profile.target_sessions}))
    if any(e.resolved_on is None for e in facts.events):
        out.append(("open_events", {"count": sum(e.resolved_on is None for e in facts.events)}))
    elif facts.events:
        out.append(("events", {"count": len(facts.events)}))
    if facts.photo_pairs:
        out.append(("photos", {}))
    return out


def _months_before(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 - count
    return dt.date(index // 12, index % 12 + 1, 1)
