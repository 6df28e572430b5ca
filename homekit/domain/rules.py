"""The weekly rule and what follows from it. Pure functions: pass `today` in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from homekit.domain.errors import HomekitError, InvalidInput
from homekit.domain.vocabulary import CLINIC_INTERVAL_DAYS as CLINIC_INTERVAL_DAYS
from homekit.domain.vocabulary import MIN_INTERVAL_DAYS as MIN_INTERVAL_DAYS

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from homekit.domain.alerts import RednessAlert as RednessAlert
    from homekit.domain.conflicts import Conflict as Conflict
    from homekit.domain.conflicts import Openings as Openings
    from homekit.domain.models import Redness

#: (MIN_INTERVAL_DAYS: never less than a week between two sessions of one person, the
#: treatment literature; CLINIC_INTERVAL_DAYS: what professionals often space sessions by, in
#: days (2 to 4 weeks), shown as a hint. Both in homekit.domain.vocabulary, for the parsers.)
#: The longest interval the app offers; clinics often use 14 to 28 days.
MAX_INTERVAL_DAYS = 365

#: Redness lasting longer than this is worth a caution (slight redness fades in minutes).
LASTING_REDNESS_MIN = 60
#: Redness still there after a day: pause and see a professional.
DAY_MIN = 24 * 60


def __getattr__(name: str) -> object:
    """`Conflict` and `Openings` (a refused date, where it could go) live in
    `domain.conflicts`, built only by the commands that judge a new date, not by a read;
    `RednessAlert` in `domain.alerts`, built only when redness needs attention."""
    if name in ("Conflict", "Openings"):
        from homekit.domain import conflicts

        return getattr(conflicts, name)
    if name == "RednessAlert":
        from homekit.domain.alerts import RednessAlert

        return RednessAlert
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def conflicting_dates(
    candidate: dt.date, others: Iterable[dt.date], interval_days: int
) -> list[dt.date]:
    """Every other session date closer than `interval_days` to `candidate`, nearest first."""
    close = [d for d in others if abs((candidate - d).days) < interval_days]
    return sorted(close, key=lambda d: (abs((candidate - d).days), d))


def find_conflict(
    candidate: dt.date, others: Iterable[dt.date], interval_days: int
) -> Conflict | None:
    """The nearest session that stands less than the interval from `candidate`, if any."""
    close = conflicting_dates(candidate, others, interval_days)
    if not close:
        return None
    from homekit.domain.conflicts import Conflict

    return Conflict(candidate, close[0], interval_days)


def past_conflicts(candidate: dt.date, near: Iterable[dt.date], interval_days: int,
                   step: int) -> dt.date | None:
    """The next date worth trying after `candidate` when looking for a free date in the
    direction `step` (-1: earlier, +1: later), or None when `candidate` itself is free.

    `near` must hold every session date within the interval of `candidate`. The next try
    lies one interval past the farthest conflicting session in that direction, so that a
    search jumps from gap to gap instead of walking day by day.
    """
    close = conflicting_dates(candidate, near, interval_days)
    if not close:
        return None
    span = dt.timedelta(days=interval_days)
    return min(close) - span if step < 0 else max(close) + span


def neighbour_window(
    before: dt.date | None, after: dt.date | None, interval_days: int, earliest: dt.date,
    today: dt.date,
) -> tuple[dt.date, dt.date] | None:
    """The dates a session may take between the sessions `before` and `after` (either may be
    None), from `earliest` to `today` at most; None when no date fits."""
    span = dt.timedelta(days=interval_days)
    first = earliest if before is None else max(earliest, before + span)
    last = today if after is None else min(today, after - span)
    return (first, last) if first <= last else None


def next_eligible_date(dates: Iterable[dt.date], interval_days: int) -> dt.date | None:
    """Last session date + interval (may lie in the past); None with no sessions."""
    last = max(dates, default=None)
    if last is None:
        return None
    return last + dt.timedelta(days=interval_days)


def days_until_eligible(dates: Iterable[dt.date], interval_days: int, today: dt.date) -> int:
    """Days from `today` to the next eligible date; 0 when a session is allowed today."""
    nxt = next_eligible_date(dates, interval_days)
    if nxt is None:
        return 0
    return max(0, (nxt - today).days)


def projected_completion_date(
    dates: Iterable[dt.date], interval_days: int, target: int, today: dt.date
) -> dt.date | None:
    """Date of the target-th session if every further one is taken on its first eligible day.

    Already at or past the target: the date of the target-th session. No target: None.
    """
    ordered = sorted(dates)
    nth = ordered[target - 1] if 0 < target <= len(ordered) else None
    return completion_from(len(ordered), ordered[-1] if ordered else None, nth,
                           interval_days, target, today)


def completion_from(
    count: int, last: dt.date | None, nth: dt.date | None, interval_days: int, target: int,
    today: dt.date,
) -> dt.date | None:
    """`projected_completion_date` from a summary of the log: how many sessions, the last
    date, and the date of the target-th session (`nth`, when there are that many)."""
    if target <= 0:
        return None
    if count >= target:
        return nth
    nxt = None if last is None else last + dt.timedelta(days=interval_days)
    first = today if nxt is None or nxt < today else nxt
    remaining = target - count
    return first + dt.timedelta(days=interval_days * (remaining - 1))


def planned_dates(
    dates: Iterable[dt.date], interval_days: int, target: int, today: dt.date
) -> list[dt.date]:
    """The dates of every remaining session up to the target, each on its first eligible day."""
    ordered = sorted(dates)
    remaining = target - len(ordered)
    if remaining <= 0:
        return []
    nxt = next_eligible_date(ordered, interval_days)
    first = today if nxt is None or nxt < today else nxt
    return [first + dt.timedelta(days=interval_days * i) for i in range(remaining)]


def date_problem(candidate: dt.date, today: dt.date) -> InvalidInput | None:
    """Why a session date can never be logged, whatever the other sessions are: a refusal
    with its code and facts (homekit.words says it), or None."""
    if candidate > today:
        return InvalidInput(field="date", code="future_date", date=candidate, today=today)
    return None


def starts_in_future(day: dt.date, start_time: str | None, now: dt.datetime) -> bool:
    """A session dated today whose start time (HH:MM) is later than now: it has not begun."""
    return start_time is not None and day == now.date() and start_time > now.strftime("%H:%M")


def clock_problem(dates: Iterable[dt.date], today: dt.date) -> HomekitError | None:
    """A note when sessions are dated after today: the system clock has likely moved back
    (code `clock_behind`, the latest date and today; homekit.words says it).

    Nothing is lost or hidden; the dates simply count as they are until the clock catches up.
    """
    last = max(dates, default=None)
    if last is None or last <= today:
        return None
    return HomekitError(code="clock_behind", latest=last, today=today)


def interval_problem(interval_days: int) -> InvalidInput | None:
    """Why an interval cannot be chosen (never shorter than a week, at most a year): a
    refusal with its code and the limit it breaks, or None."""
    if MIN_INTERVAL_DAYS <= interval_days <= MAX_INTERVAL_DAYS:
        return None
    if interval_days < MIN_INTERVAL_DAYS:
        return InvalidInput(field="interval", code="interval_too_short", days=interval_days,
                            limit=MIN_INTERVAL_DAYS)
    return InvalidInput(field="interval", code="interval_too_long", days=interval_days,
                        limit=MAX_INTERVAL_DAYS)


def redness_alert(
    red: Redness | None, now: dt.datetime, since: dt.datetime | None = None
) -> RednessAlert | None:
    """An alert for redness that needs attention; None when it is the normal, brief kind.

    Informs, never diagnoses: severe or day-long redness means pause and ask a professional.
    `since`: when the session took place (domain.gates.session_start); lasting redness is
    judged from it. Without it, from when the redness was observed.
    """
    if red is None or red.severity == 0:
        return None
    lasted = red.faded_after_min
    if red.severity < 4 and lasted is not None and lasted <= min(LASTING_REDNESS_MIN, DAY_MIN - 1):
        return None  # faded soon, the usual kind: no alert (and its class is not made)
    from homekit.domain import alerts

    if red.severity >= 4:
        return alerts.RednessAlert(alerts.SEVERE, serious=True)
    if lasted is None:
        seen: dt.datetime | None = since
        if seen is None:
            try:
                seen = dt.datetime.fromisoformat(red.observed_at)
            except ValueError:
                seen = None
        if seen is not None and now - seen >= dt.timedelta(days=1):
            return alerts.RednessAlert(alerts.NOT_GONE_AFTER_DAY, serious=True)
        return alerts.RednessAlert(alerts.STILL_PRESENT, serious=False)
    if lasted >= DAY_MIN:
        return alerts.RednessAlert(alerts.LASTED_DAY, serious=True)
    if lasted > LASTING_REDNESS_MIN:
        return alerts.RednessAlert(alerts.LASTED, serious=False, minutes=lasted)
    return None


def session_alerts(
    observations: Sequence[Redness], now: dt.datetime, since: dt.datetime | None = None
) -> list[RednessAlert]:
    """The alerts a session's redness stands for, judged on all that is known of it now.

    Every observation that gives a fade time or severe redness counts, and the latest one; a
    "still red" observation that a later one followed does not (the later one says how it
    went: a mild redness seen still red, then faded after 30 minutes, raised nothing). The
    charts' "lasted or still red" mark and the report's warnings both read this.
    """
    ordered = sorted(observations, key=lambda r: (r.observed_at, r.id or 0))
    kept = [r for i, r in enumerate(ordered)
            if i == len(ordered) - 1 or r.faded_after_min is not None or r.severity >= 4]
    return [a for a in (redness_alert(r, now, since) for r in kept) if a is not None]
