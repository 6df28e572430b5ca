"""Where the current profile stands today: the facts `status` and the dashboard show."""

from __future__ import annotations

from homekit.domain import gates, rules
from homekit.domain.models import Status as StatusFacts
from homekit.services.context import Context
from homekit.services.safety import Safety
from homekit.storage import redness as stored_redness


class Status:
    """Where the current profile stands today."""

    def __init__(self, ctx: Context, safety: Safety) -> None:
        self.ctx = ctx
        self.safety = safety

    def status(self) -> StatusFacts:
        profile = self.ctx.profile()
        today = self.ctx.today()
        # Count, last date and the target-th date come from SQL: constant cost at any size.
        count, last, nth = self.ctx.store.session_summary(profile.id, nth=profile.target_sessions)
        dates = [last] if last else []  # all the rules below need of the log
        interval = profile.min_interval_days
        latest_red = stored_redness.latest_redness(self.ctx.store, profile.id)
        since = None
        if latest_red is not None:
            since = gates.session_start(self.ctx.store.get_session(latest_red.session_id))
        alert = rules.redness_alert(latest_red, self.ctx.now(), since)
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
            redness_warning=alert.message if alert else None,
            redness_warning_serious=bool(alert and alert.serious),
            today=today,
            clock_warning=rules.clock_problem(dates, today),
            gates=tuple(self.safety.gates(profile)),
            followups=tuple(self.safety.followups(profile)),
            skin_type=profile.skin_type,
        )
