"""Sessions: log, read, edit and delete, each write guarded by the weekly rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from homekit.domain import gates, rules, treatments
from homekit.domain.errors import InvalidInput, RuleViolation
from homekit.domain.models import Profile, Session
from homekit.domain.treatments import Mark
from homekit.services.context import Context
from homekit.services.safety import Safety
from homekit.storage import redness as stored_redness
from homekit.storage import treatments as stored_treatments

# What only writes need (validators, drafts, the adverse events' hold, the undo journal, the
# log's result) is imported by the writes: the dashboard's first frame reads `history` only.
if TYPE_CHECKING:
    from homekit.domain.drafts import SessionChanges, SessionDraft, SessionFilter
    from homekit.services.results import LogResult
    from homekit.services.treatments import Treatments


class Sessions:
    """Sessions; the gates (condition, interval, redness, checklist) come from `safety`, the
    treatments' rules (interval per treatment, windows, products) from `treatments`."""

    def __init__(self, ctx: Context, safety: Safety, treatments: Treatments) -> None:
        self.ctx = ctx
        self.safety = safety
        self.treatments = treatments

    def check_start(self, day: dt.date, start_time: str | None) -> None:
        """Raise if the session would start later than now (today, at a later time)."""
        now = self.ctx.now()
        if rules.starts_in_future(day, start_time, now):
            raise InvalidInput(f"{start_time} is later than now", field="time",
                               code="future_time", time=start_time,
                               now=now.strftime("%H:%M"), date=day)

    def check_date(self, profile: Profile, day: dt.date, exclude_id: int | None = None,
                   mark: Mark | None = None) -> None:
        """Raise if `day` cannot hold a session of `profile` (future, too close to one of its
        treatment, or in a conflict window); `mark`: the session's treatment, depth and areas
        (default: microdermabrasion, no area)."""
        from homekit.domain import validate

        validate.not_too_early(day)
        problem = rules.date_problem(day, self.ctx.today())
        if problem:
            raise problem
        candidate = replace(mark or Mark(None, day), id=exclude_id, date=day)
        name = candidate.treatment
        own = self.treatments.profile_interval(profile, name)
        # Only the sessions within the longest interval of `day` can conflict: an index
        # range, not every date of the log.
        reach = dt.timedelta(days=max(0, max(own or 0, treatments.deepest_floor(name)) - 1))
        try:
            first, last = day - reach, day + reach
        except OverflowError:
            first, last = dt.date.min, dt.date.max
        near = stored_treatments.marks_between(self.ctx.store, profile.id, first, last, exclude_id, name)
        clash = treatments.interval_clash(candidate, near, own)
        if clash is not None:
            conflict = rules.Conflict(day, clash.other.date, clash.interval_days)
            _, latest, _ = self.ctx.store.session_summary(profile.id, exclude_id, treatment=name)
            raise self._violation(conflict, [latest] if latest else [], name,
                                  self._openings(profile, day, exclude_id, name,
                                                 clash.interval_days))
        self.treatments.check_window(profile.id, candidate, exclude_id)

    def _free_date(self, profile: Profile, day: dt.date, step: int, exclude_id: int | None,
                   treatment: str, interval: int) -> dt.date | None:
        """The nearest date before (step -1) or after (+1) `day` that keeps the rule; each try
        reads only the sessions within an interval of it (an index range), and jumps past them."""
        from homekit.domain import validate

        reach = dt.timedelta(days=interval - 1)
        candidate: dt.date | None = day + dt.timedelta(days=step)
        while candidate is not None and candidate >= validate.EARLIEST_DATE:
            try:
                near = self.ctx.store.session_dates_between(profile.id, candidate - reach,
                                                         candidate + reach, exclude_id, treatment)
            except OverflowError:
                return None
            following = rules.past_conflicts(candidate, near, interval, step)
            if following is None:
                return candidate
            candidate = following
        return None

    def _openings(self, profile: Profile, day: dt.date, exclude_id: int | None,
                  treatment: str, interval: int) -> rules.Openings:
        """Where the refused `day` could go instead: the nearest free dates on either side, and
        for an edit (`exclude_id`) the window between the session's own neighbours."""
        from homekit.domain import validate

        today = self.ctx.today()
        earlier = self._free_date(profile, day, -1, exclude_id, treatment, interval)
        later = self._free_date(profile, day, +1, exclude_id, treatment, interval)
        if exclude_id is None:
            return rules.Openings(earlier, later)
        own = self.ctx.store.get_session(exclude_id).session_date
        before, after = self.ctx.store.neighbour_dates(profile.id, own, exclude_id, treatment)
        window = rules.neighbour_window(before, after, interval, validate.EARLIEST_DATE, today)
        return rules.Openings(earlier, later, window, (before, after))

    def _violation(
        self, conflict: rules.Conflict, dates: list[dt.date], treatment: str,
        openings: rules.Openings | None = None,
    ) -> RuleViolation:
        today = self.ctx.today()
        interval = conflict.interval_days
        nxt = rules.next_eligible_date(dates, interval) or today
        return RuleViolation(
            f"refused: {conflict.attempted} is {conflict.gap_days} days from the session on "
            f"{conflict.conflicting}",
            code="too_close",
            attempted=conflict.attempted,
            conflicting=conflict.conflicting,
            next_eligible=nxt,
            days_left=rules.days_until_eligible(dates, interval, today),
            interval_days=interval,
            relation=conflict.relation,
            gap_days=conflict.gap_days,
            openings=openings,
            today=today,
            treatment=treatment,
        )

    def log_session(
        self,
        draft: SessionDraft,
        *,
        redness_severity: int | None = None,
        faded_after_min: int | None = None,
    ) -> LogResult:
        """Store a session (and optionally its first redness observation) if every gate allows.

        The draft carries the checklist answers (None: not asked), whether a professional
        cleared a redness block (`cleared_by_professional`), its treatment and depth, and the
        product kinds whose hold the user chose to log it despite.
        """
        from homekit.services import events
        from homekit.services.results import LogResult

        if faded_after_min is not None and redness_severity is None:
            raise InvalidInput("a fade time needs a redness severity", field="redness",
                               code="fade_needs_severity")
        self.safety.check_condition()  # before self.ctx.profile(): a refusal creates no profile either
        self.check_start(draft.session_date, draft.start_time)
        known = self.ctx.existing_profile()
        name, depth = self.treatments.session_fields(known, draft.treatment, draft.depth_mm)
        despite = treatments.despite_kinds(draft.despite)
        profile = self.ctx.profile()
        with self.ctx.store.write():
            mark = Mark(None, draft.session_date, name, depth, draft.areas)
            self.check_date(profile, draft.session_date, mark=mark)
            held = self.treatments.check_products(profile.id, mark, despite)
            self.safety.check_redness(profile, draft.session_date, draft.cleared_by_professional)
            cleared = events.check_hold(self.ctx, profile, draft.session_date,
                                        draft.cleared_by_professional, name, depth)
            self.safety.check_checklist(draft.checklist)
            stored = replace(draft, treatment=name, depth_mm=depth, despite=held)
            session_id = self.ctx.store.insert_session(profile.id, stored, self.ctx.stamp())
            events.clear(self.ctx, cleared, draft.session_date)
            alert = None
            session = self.ctx.store.get_session(session_id)
            if redness_severity is not None:
                red = stored_redness.insert_redness(self.ctx.store,
                    session_id, self._observed_at(draft), redness_severity, faded_after_min, ""
                )
                alert = rules.redness_alert(red, self.ctx.now(), gates.session_start(session))
                session = self.ctx.store.get_session(session_id)
            _, latest, _ = self.ctx.store.session_summary(profile.id, treatment=name)
            dates = [latest] if latest else []  # the rules below need only the last date
            interval = treatments.pair_interval(mark, mark, self.treatments.profile_interval(
                profile, name))
        nxt = rules.next_eligible_date(dates, interval) or draft.session_date
        today = self.ctx.today()
        return LogResult(
            session,
            nxt,
            rules.days_until_eligible(dates, interval, today),
            alert,
            rules.clock_problem(dates, today),
            tuple(self.safety.medical_warnings(profile)),
        )

    def _observed_at(self, draft: SessionDraft) -> str:
        if draft.session_date == self.ctx.today():
            return self.ctx.now().isoformat(timespec="minutes")
        time = draft.start_time or "12:00"
        return f"{draft.session_date.isoformat()}T{time}"

    def session(self, session_id: int) -> Session:
        return self.ctx.store.get_session(session_id)

    def history(
        self,
        *,
        newest_first: bool = True,
        limit: int | None = None,
        after: Session | None = None,
        where: SessionFilter | None = None,
    ) -> list[Session]:
        """Sessions of the current profile, those `where` lets through (all by default);
        `after`: only those that come after that session in this order (the next page)."""
        return self.ctx.store.sessions(
            self.ctx.profile().id, newest_first=newest_first, limit=limit, where=where,
            after=None if after is None else (after.session_date, after.id),
        )

    def session_count(self) -> int:
        return self.ctx.store.session_count(self.ctx.profile().id)

    def edit_session(self, session_id: int, changes: SessionChanges) -> Session:
        """Change fields of a stored session; a new date must keep the rule."""
        from homekit.storage import journal

        with self.ctx.store.write():
            current = self.ctx.store.get_session(session_id)
            draft = changes.apply(draft_of(current))
            if (draft.session_date, draft.start_time) != (current.session_date,
                                                           current.start_time):
                self.check_start(draft.session_date, draft.start_time)
            moved = (draft.session_date - current.session_date).days
            if moved or draft.areas != current.areas:  # the windows are per area
                profile = self.ctx.store.profile_by_id(current.profile_id)
                self.check_date(profile, draft.session_date, exclude_id=session_id,
                                mark=mark_of(draft))
            if draft == draft_of(current):  # an unchanged save writes nothing, no undo step
                return current
            journal.record_session(self.ctx.store, journal.SESSION_EDITED, session_id, self.ctx.stamp())
            self.ctx.store.update_session(session_id, draft)
            for red in current.redness if moved else ():  # observations move with the session
                stored_redness.update_redness(self.ctx.store,
                    replace(red, observed_at=gates.shift_observed(red.observed_at, moved)))
            return self.ctx.store.get_session(session_id)

    def delete_session(self, session_id: int) -> Session:
        from homekit.storage import journal

        with self.ctx.store.write():
            session = self.ctx.store.get_session(session_id)
            journal.record_session(self.ctx.store, journal.SESSION_DELETED, session_id, self.ctx.stamp())
            self.ctx.store.delete_session(session_id)
        return session


def mark_of(s: Session | SessionDraft) -> Mark:
    """What the treatments' rules need of a session (its id left to the caller)."""
    return Mark(getattr(s, "id", None), s.session_date, s.treatment, s.depth_mm, s.areas)


def mark_of_row(row: dict[str, object]) -> Mark:
    """The same, of a stored row (an undo step's), whatever the schema it was written in."""
    depth = row.get("depth_mm")
    return Mark(None, dt.date.fromisoformat(str(row["session_date"])),
                str(row.get("treatment") or treatments.DEFAULT_TREATMENT),
                float(depth) if isinstance(depth, int | float) else None,
                tuple(a for a in str(row.get("areas") or "").split(",") if a))


def draft_of(s: Session) -> SessionDraft:
    """The editable fields of a stored session (a session has each field of a draft)."""
    from dataclasses import fields

    from homekit.domain.drafts import SessionDraft

    return SessionDraft(**{f.name: getattr(s, f.name) for f in fields(SessionDraft)})

