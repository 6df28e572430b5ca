"""The facts of the report for a skin professional (pure: the words and drawing come later)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from homekit.domain import gates, rules
from homekit.domain.models import Profile, Redness, Session, Status
from homekit.domain.photos import Photo

#: How a warning ended, as the gates (and so `homekit status`) see it:
#: faded: an observation recorded the redness gone (nothing blocks);
#: open: still red, less than a day after the session (a follow-up is owed, nothing blocks);
#: blocks: the redness gate holds: logging is blocked (status says the same);
#: cleared: the next session was logged on a skin professional's clearance;
#: logged_after: never recorded faded, and a later session was logged all the same;
#: glasses: glasses were worn again at a later session; none: not yet.
LIFTS = ("faded", "open", "blocks", "cleared", "logged_after", "glasses", "none")


@dataclass(frozen=True)
class WarningFact:
    """A warning that fired at a session, and how it ended (one of LIFTS)."""

    session: Session
    kind: str  # "redness" (rules.session_alerts) or "no_glasses"
    message: str
    serious: bool
    lift: str
    #: cleared, logged_after, glasses: the later session; faded: None.
    lifted_by: Session | None = None
    #: faded: the observation that recorded the redness gone.
    faded_seen: Redness | None = None


@dataclass(frozen=True)
class ReportFacts:
    profile: Profile
    status: Status
    since: dt.date | None
    until: dt.date | None
    sessions: tuple[Session, ...]  # in the period, oldest first
    warnings: tuple[WarningFact, ...]
    #: Per area: (first photo, latest photo or None when it has only one).
    photo_pairs: tuple[tuple[Photo, Photo | None], ...] = ()
    photo_count: int = 0
    planned_dates: tuple[dt.date, ...] = field(default=())

    @property
    def total_minutes(self) -> int:
        return sum(s.duration_min or 0 for s in self.sessions)


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
    """Every redness alert and missing-glasses session of `sessions`, each with how it ended;
    the later sessions that end one are looked for in `whole_log` (default: `sessions`)."""
    found: list[WarningFact] = []
    every = sorted(whole_log if whole_log is not None else sessions,
                   key=lambda s: (s.session_date, s.id))
    place = {s.id: i for i, s in enumerate(every)}
    for s in sorted(sessions, key=lambda s: (s.session_date, s.id)):
        later = every[place[s.id] + 1:] if s.id in place else []
        alerts = rules.session_alerts(s.redness, now, gates.session_start(s))
        if alerts:
            worst = max(alerts, key=lambda a: a.serious)
            lift, by, seen = _redness_lift(s, later[0] if later else None, now)
            found.append(WarningFact(s, "redness", worst.message, worst.serious, lift, by, seen))
        if s.glasses_worn is False:
            again = next((x for x in later if x.glasses_worn), None)
            found.append(WarningFact(s, "no_glasses", "", False,
                                     "glasses" if again else "none", again))
    return found


def questions(facts: ReportFacts) -> list[tuple[str, dict[str, object]]]:
    """Which questions to bring, as (code, facts): homekit.words writes them."""
    out: list[tuple[str, dict[str, object]]] = []
    if facts.profile.has_skin_condition:
        out.append(("condition", {}))
    serious = [w for w in facts.warnings if w.kind == "redness" and w.serious]
    lasting = [w for w in facts.warnings if w.kind == "redness" and not w.serious]
    if serious:
        out.append(("serious_redness", {"dates": [w.session.session_date for w in serious]}))
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
    if facts.photo_pairs:
        out.append(("photos", {}))
    return out


@dataclass(frozen=True)
class ReportText:
    """The report in words, ready to lay out (written by homekit.words.report_text)."""

    title: str
    subtitle: str
    sections: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # heading, (label, value) rows
    table_title: str
    table_header: tuple[str, ...]
    table_rows: tuple[tuple[str, ...], ...]
    warnings_title: str
    warnings: tuple[str, ...]
    questions_title: str
    questions: tuple[str, ...]
    photos_title: str
    #: Per area: (title, captions) of its first and latest photo.
    photo_captions: tuple[tuple[str, tuple[str, ...]], ...]
    footer: str  # with {page} and {pages}
    disclaimer: str
