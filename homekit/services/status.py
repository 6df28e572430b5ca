"""Where the current profile stands today: the facts `status` and the dashboard show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from homekit.domain import gates, rules
from homekit.domain import treatments as t
from homekit.domain.models import Profile
from homekit.domain.models import Status as StatusFacts
from homekit.domain.treatments import DEFAULT_TREATMENT
from homekit.services.context import Context
from homekit.services.safety import Safety
from homekit.storage import redness as stored_redness
from homekit.storage import treatments as stored_treatments

_WINDOW = dt.timedelta(days=t.CONFLICT_WINDOW_DAYS - 1)


class Status:
    """Where the current profile stands today."""

    def __init__(self, ctx: Context, safety: Safety) -> None:
        self.ctx = ctx
        self.safety = safety

    def status(self) -> StatusFacts:
        profile = self.ctx.profile()
        today = self.ctx.today()
        # Count, last date and the target-th date come from SQL: constant cost at any size.
        # The keys of status describe microdermabrasion, the default treatment; `treatments`
        # adds where every treatment in use stands.
        count, last, nth = self.ctx.store.session_summary(profile.id, nth=profile.target_sessions,
                                                          treatment=DEFAULT_TREATMENT)
        dates = [last] if last else []  # all the rules below need of the log
        interval = profile.min_interval_days
        # The latest session, read once: the gates' session before today is it unless it is
        # dated after today, the follow-ups are owed for it, and often the redness is its.
        latest = self.ctx.store.latest_session(profile.id)
        latest_red = stored_redness.latest_redness(self.ctx.store, profile.id)
        since = None
        if latest_red is not None:
            session = latest if latest and latest.id == latest_red.session_id else (
                self.ctx.store.get_session(latest_red.session_id))
            since = gates.session_start(session)
        alert = rules.redness_alert(latest_red, self.ctx.now(), since)
        held = tuple(self.safety.gates(profile, latest))
        return StatusFacts(
            profile=profile.name,
            target_sessions=profile.target_sessions,
            min_interval_days=interval,
            sessions_done=count,
            last_session_date=last,
            next_eligible_date=rules.next_eligible_date(dates, interval),
            days_until_eligible=rules.days_until_eligible(dates, interval, today),
            projected_completion_date=rules.completion_from(
                count, last, nth, interval, profile.target_sessions, today
            ),
            latest_redness=latest_red,
            redness_alert=alert,
            today=today,
            clock_warning=rules.clock_problem(dates, today),
            gates=held,
            followups=tuple(self.safety.followups(profile, latest)),
            skin_type=profile.skin_type,
            treatments=tuple(standings_of(
                self.ctx, profile, [g.name for g in held if g.name != "interval"])),
        )


def standings_of(ctx: Context, profile: Profile,
                 other_gates: Iterable[str] = ()) -> list[t.Standing]:
    """Where each treatment of `profile` stands today (status reads it without the use case:
    a status loads no other)."""
    today, store = ctx.today(), ctx.store
    listed = t.of_profile(profile.min_interval_days, profile.target_sessions,
                          stored_treatments.treatment_settings(store, profile.id))
    recent = stored_treatments.marks_between(store, profile.id, today - _WINDOW, today + _WINDOW)
    used = stored_treatments.products(store, profile.id,
                                      today - dt.timedelta(days=t.PRODUCT_HOLD_DAYS), today)
    return t.standings(listed, stored_treatments.treatment_counts(store, profile.id), recent,
                       used, today, other_gates)
