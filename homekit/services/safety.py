"""The gates applied for every door: what blocks logging today, follow-ups, medical answers."""

from __future__ import annotations

import datetime as dt

from homekit.domain import gates as rules
from homekit.domain.errors import InvalidInput, RuleViolation
from homekit.domain.models import Profile, Session
from homekit.domain.treatments import DEFAULT_TREATMENT
from homekit.services.context import Context

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from homekit.domain import medical
    from homekit.domain.followup import Followup
    from homekit.domain.gate import Gate


class Safety:
    """The gates every door applies before a session is logged or planned."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def gates(self, profile: Profile | None = None, latest: Session | None = None) -> list[Gate]:
        """Every gate that blocks logging a session of the profile today (empty: allowed).
        `latest`: the profile's latest session, when the caller has read it already."""
        profile = profile or self.ctx.profile()
        today = self.ctx.today()
        # The interval gate needs only the sessions less than an interval before today (or
        # after it): an index range, whatever the length of the log.
        since = today - min(dt.timedelta(days=profile.min_interval_days), today - dt.date.min)
        dates = self.ctx.store.session_dates_between(profile.id, since, dt.date.max,
                                                     treatment=DEFAULT_TREATMENT)
        previous = latest if latest is not None and latest.session_date <= today else (
            self.ctx.store.session_on_or_before(profile.id, today))
        from homekit.storage.events import events

        held = events(self.ctx.store, profile.id, open_only=True)
        return rules.gates(profile, dates, previous, self.ctx.now(), held)

    def followups(self, profile: Profile | None = None,
                  latest: Session | None = None) -> list[Followup]:
        profile = profile or self.ctx.profile()
        latest = latest or self.ctx.store.latest_session(profile.id)
        return rules.followups_due([latest] if latest else [], self.ctx.now())

    def check_condition(self, profile: Profile | None = None) -> None:
        """Raise (exit 2) when the skin-condition answer is missing or unacknowledged.

        Without `profile`, the current one; a `me` not created yet has no answer, and is not
        created by asking (a refusal stores nothing).
        """
        profile = profile or self.ctx.existing_profile()
        gate = rules.condition_gate(profile) if profile else rules.Gate("condition", "unanswered")
        if gate is None:
            return
        name = profile.name if profile else self.ctx.profile_name()
        if gate.reason == "unanswered":
            raise InvalidInput(code="condition_unanswered", profile=name)
        raise InvalidInput(code="condition_unacknowledged", profile=name)

    def check_checklist(self, confirmed: tuple[str, ...] | None) -> None:
        """Raise (exit 3) naming the first blocking item not confirmed (None: not asked)."""
        if confirmed is None:
            return
        from homekit.domain import checklist  # (the checklist and the medical questions are
        # loaded by the doors that ask them, not by `status`)

        missing = checklist.refused(confirmed)
        if missing:
            raise RuleViolation(code="checklist_refused",
                                item=missing[0].id, reason=missing[0].reason,
                                items=[i.id for i in missing])

    def check_redness(self, profile: Profile, day: dt.date, cleared: bool) -> None:
        """Raise (exit 3) when serious redness of the session before `day` is not lifted."""
        if cleared:
            return
        gate = rules.redness_gate(self.ctx.store.session_on_or_before(profile.id, day), self.ctx.now())
        if gate is not None:
            raise RuleViolation(code="redness_block", gate=gate)

    # -- dated medical answers ---------------------------------------------------------

    def record_medical(
        self, *, isotretinoin: str | None = None, blood_thinners: bool | None = None,
        acknowledged: bool = False,
    ) -> Profile:
        """Store the given answers (None: keep); `acknowledged` the isotretinoin warning."""
        profile = self.ctx.profile()
        from homekit.domain import medical

        iso = profile.isotretinoin if isotretinoin is None else medical.parse_isotretinoin(
            isotretinoin, self.ctx.today())
        thinners = profile.blood_thinners if blood_thinners is None else blood_thinners
        ack = profile.isotretinoin_acknowledged_at if iso == profile.isotretinoin else None
        if acknowledged and not ack:
            ack = self.ctx.stamp()
        if (iso, thinners, ack) == (profile.isotretinoin, profile.blood_thinners,
                                    profile.isotretinoin_acknowledged_at):
            return profile  # unchanged: nothing written, every date kept
        with self.ctx.store.write():
            return self.ctx.store.set_medical(profile.id, iso, ack, thinners, self.ctx.stamp())

    def medical_warnings(self, profile: Profile | None = None) -> list[medical.MedicalWarning]:
        from homekit.domain import medical

        return medical.warnings(profile or self.ctx.profile(), self.ctx.today())
