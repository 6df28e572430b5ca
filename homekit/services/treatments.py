"""Treatments: which a profile has, their intervals and targets, and the rules between them
(the interval per treatment, the conflict windows, the products' hold) for every door."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from homekit.domain import treatments as t
from homekit.domain.errors import InvalidInput, RuleViolation
from homekit.domain.models import Profile
from homekit.services.context import Context, OnContext
from homekit.storage import treatments as stored_treatments
from homekit.storage.repo import Store

if TYPE_CHECKING:
    from homekit.services.profiles import Profiles

_WINDOW = dt.timedelta(days=t.CONFLICT_WINDOW_DAYS - 1)


class Treatments:
    """The treatments of the current profile, and the checks a session of one must pass;
    microdermabrasion's interval and target live in the profile (`profiles`)."""

    def __init__(self, ctx: Context, profiles: Profiles) -> None:
        self.ctx = ctx
        self.profiles = profiles

    @property
    def _store(self) -> Store:
        return self.ctx.store

    # -- what the profile has --------------------------------------------------------

    def all(self, profile: Profile | None = None) -> list[t.Treatment]:
        """Every built-in treatment, then the profile's custom ones, with its own settings."""
        profile = profile or self.ctx.existing_profile()
        if profile is None:
            return t.of_profile(None, None, {})
        return t.of_profile(profile.min_interval_days, profile.target_sessions,
                            stored_treatments.treatment_settings(self._store, profile.id))

    def custom_names(self, profile: Profile | None = None) -> list[str]:
        return [x.name for x in self.all(profile) if not x.builtin]

    def get(self, name: str, profile: Profile | None = None) -> t.Treatment:
        known = {x.name: x for x in self.all(profile)}
        return known[self.resolve(name, profile)]

    def resolve(self, name: str, profile: Profile | None = None) -> str:
        """The stored name of a treatment the profile knows (case ignored), or a refusal."""
        return t.treatment_name(name, self.custom_names(profile))

    def add(self, name: str, interval_days: int) -> t.Treatment:
        """Add a custom treatment to the current profile (interval: at least 1 day)."""
        from homekit.domain import validate  # (the writes' validators: not for a read)

        profile = self.ctx.profile()
        name = t.new_treatment_name(name, self.custom_names(profile))
        t.check_interval(name, validate.parse_int(str(interval_days), "interval")
                         if not isinstance(interval_days, int) else interval_days)
        with self._store.write():
            stored_treatments.add_custom_treatment(self._store, profile.id, name, interval_days,
                                                   self.ctx.stamp())
        return self.get(name, profile)

    def set(self, name: str, *, target: int | None = None,
            interval: int | None = None) -> t.Treatment:
        """A treatment's target or interval for the current profile (microdermabrasion's live
        in the profile itself)."""
        from homekit.domain import validate

        profile = self.ctx.profile()
        name = self.resolve(name, profile)
        if target is not None:
            validate.target_sessions(target)
        if interval is not None:
            t.check_interval(name, interval)
        if name == t.MICRODERMABRASION:
            self.profiles.update_profile(target_sessions=target, min_interval_days=interval)
        else:
            with self._store.write():
                stored_treatments.set_treatment(self._store, profile.id, name, self.ctx.stamp(),
                                          interval=interval, target=target)
        return self.get(name, profile)

    def profile_interval(self, profile: Profile, name: str) -> int | None:
        """The profile's own interval for a treatment (None: its floor holds)."""
        if name == t.MICRODERMABRASION:
            return profile.min_interval_days
        return stored_treatments.treatment_settings(self._store, profile.id).get(name, (False, None, None))[1]

    # -- a session's checks ------------------------------------------------------------

    def session_fields(self, profile: Profile | None, treatment: str | None,
                       depth: float | None) -> tuple[str, float | None]:
        """The treatment (default: microdermabrasion) and depth a new session stores."""
        name = t.DEFAULT_TREATMENT if treatment is None else self.resolve(treatment, profile)
        return name, t.session_depth(name, depth)

    def check_window(self, profile_id: int, candidate: t.Mark,
                     exclude_id: int | None = None) -> None:
        """Raise (exit 3) when a resurfacing session of another treatment on an overlapping area
        stands within the conflict window, before or after."""
        if not t.is_resurfacing(candidate.treatment, candidate.depth_mm):
            return
        try:
            first, last = candidate.date - _WINDOW, candidate.date + _WINDOW
        except OverflowError:
            first, last = dt.date.min, dt.date.max
        near = stored_treatments.marks_between(self._store, profile_id, first, last, exclude_id)
        clash = t.window_clash(candidate, near)
        if clash is not None:
            raise RuleViolation(
                f"refused: {candidate.treatment} on {candidate.date} is within "
                f"{clash.window_days} days of {clash.other.treatment} on {clash.other.date}",
                code="treatment_conflict", attempted=candidate.date,
                conflicting=clash.other.date, clash=clash,
                session_number=self._store.session_number(clash.other.id or 0),
                today=self.ctx.today())

    def check_products(self, profile_id: int, candidate: t.Mark,
                       despite: Iterable[str] = ()) -> tuple[str, ...]:
        """Raise (exit 3) when a retinoid or acid holds a resurfacing session back; returns
        the kinds in `despite` that did hold it (recorded with the session)."""
        if not t.is_resurfacing(candidate.treatment, candidate.depth_mm):
            return ()
        first = candidate.date - dt.timedelta(days=t.PRODUCT_HOLD_DAYS)
        used = stored_treatments.products(self._store, profile_id, first, candidate.date)
        holds = t.product_holds(candidate, used, despite)
        if holds:
            hold = holds[0]
            raise RuleViolation(
                f"refused: {hold.product.kind} used on {hold.product.used_on}",
                code="product_hold", hold=hold, holds=holds, kinds=tuple(
                    dict.fromkeys(h.product.kind for h in holds)),
                today=self.ctx.today())
        held = {h.product.kind for h in t.product_holds(candidate, used)}
        return tuple(k for k in despite if k in held)

    def product_holds(self, profile_id: int, candidate: t.Mark) -> list[t.ProductHold]:
        """The retinoids and acids that hold `candidate` back (none: it may be logged)."""
        first = candidate.date - dt.timedelta(days=t.PRODUCT_HOLD_DAYS)
        return t.product_holds(candidate, stored_treatments.products(self._store, profile_id, first,
                                                               candidate.date))

    # -- where each stands ---------------------------------------------------------------

    def standings(self, profile: Profile, other_gates: Iterable[str] = ()) -> list[t.Standing]:
        """Each treatment the profile has used or has a target for, where it stands today."""
        from homekit.services.status import standings_of

        return standings_of(self.ctx, profile, other_gates)

    def in_use(self, profile: Profile | None = None) -> list[str]:
        """The treatments the profile has sessions of, built-in order first."""
        profile = profile or self.ctx.existing_profile()
        if profile is None:
            return []
        used = stored_treatments.treatment_counts(self._store, profile.id)
        return [x.name for x in self.all(profile) if x.name in used]


class Products(OnContext):
    """Active products a profile uses: log, list, delete (undoable)."""

    @property
    def _store(self) -> Store:
        return self.ctx.store

    def log(self, kind: str, used_on: dt.date | None = None, notes: str = "") -> t.ProductUse:
        from homekit.domain import validate

        kind = t.product_kind(kind)
        day = used_on or self.ctx.today()
        validate.not_too_early(day)
        if day > self.ctx.today():
            raise InvalidInput(f"{day} is in the future", field="date", code="future_date",
                               date=day, today=self.ctx.today())
        notes = validate.notes(notes)
        profile = self.ctx.profile()
        with self._store.write():
            return stored_treatments.insert_product(self._store, profile.id, day, kind, notes,
                                                    self.ctx.stamp())

    def all(self, since: dt.date | None = None, until: dt.date | None = None
             ) -> list[t.ProductUse]:
        profile = self.ctx.existing_profile()
        return [] if profile is None else stored_treatments.products(self._store, profile.id, since, until)

    def get(self, product_id: int) -> t.ProductUse:
        """A product use of the current profile."""
        return stored_treatments.product(self._store, product_id, self.ctx.profile().id)

    def delete(self, product_id: int) -> t.ProductUse:
        from homekit.storage import journal

        profile = self.ctx.profile()
        with self._store.write():
            used = stored_treatments.product(self._store, product_id, profile.id)
            journal.record_product(self._store, product_id, self.ctx.stamp())
            stored_treatments.delete_product(self._store, product_id)
        return used
