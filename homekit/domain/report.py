"""The facts of the report for a skin professional (pure: the words and drawing come later)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from homekit.domain import rules
from homekit.domain.models import Profile, Session, Status
from homekit.domain.photos import Photo


@dataclass(frozen=True)
class WarningFact:
    """A warning that fired at a session, and the session after which it no longer held."""

    session: Session
    kind: str  # "redness" (rules.redness_alert) or "no_glasses"
    message: str
    serious: bool
    #: The next session whose redness raised no alert (None: not lifted yet).
    lifted_by: Session | None


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


def _calm(session: Session, now: dt.datetime) -> bool:
    return bool(session.redness) and all(rules.redness_alert(r, now) is None for r in session.redness)


def warnings_of(sessions: Sequence[Session], now: dt.datetime) -> list[WarningFact]:
    """Every redness alert and missing-glasses session, each with what lifted it."""
    found: list[WarningFact] = []
    ordered = sorted(sessions, key=lambda s: (s.session_date, s.id))
    for i, s in enumerate(ordered):
        alerts = [a for a in (rules.redness_alert(r, now) for r in s.redness) if a is not None]
        if alerts:
            worst = max(alerts, key=lambda a: a.serious)
            lifted = next((later for later in ordered[i + 1:] if _calm(later, now)), None)
            found.append(WarningFact(s, "redness", worst.message, worst.serious, lifted))
        if s.glasses_worn is False:
            lifted = next((later for later in ordered[i + 1:] if later.glasses_worn), None)
            found.append(WarningFact(s, "no_glasses", "", False, lifted))
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
