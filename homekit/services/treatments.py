"""Treatments: which a profile has, their intervals and targets, and the rules between them
(the interval per treatment, the conflict windows, the products' hold) for every door."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from homekit.domain import treatments as t
from homekit.domain import validate
from homekit.domain.errors import InvalidInput, RuleViolation
from homekit.domain.models import Profile
from homekit.services.base import ServiceBase
from homekit.storage.repo import Store

_WINDOW = dt.timedelta(days=t.CONFLICT_WINDOW_DAYS - 1)


class Treatments:
    """The treatments of the current profile, and the checks a session of one must pass."""

    def __init__(self, ctx: ServiceBase) -> None:
        self.ctx = ctx

    @property
    def _store(self) -> Store:  # the context's store (ctx.store once composed)
        return self.ctx._store

    # -- what the profile has --------------------------------------------------------

    def all(self, profile: Profile | None = None) -> list[t.Treatment]:
        """Every built-in treatment, then the profile's custom ones, with its own settings."""
        profile = profile or self.ctx.existing_profile()
        settings = {} if profile is None else self._store.treatment_settings(profile.id)
        found = []
        for name in t.BUILTIN:
            if name == t.MICRODERMABRASION:
                found.append(t.Treatment(name, t.shortest_floor(name),
                                         interval_days=profile.min_interval_days if profile else None,
                                         target_sessions=profile.target_sessions if profile
                                         else None))
                continue
            _, interval, target = settings.get(name, (False, None, None))
            found.append(t.Treatment(name, t.shortest_floor(name), interval_days=interval,
                                     target_sessions=target))
        for name, (custom, interval, target) in settings.items():
            if custom:
                found.append(t.Treatment(name, interval or t.CUSTOM_MIN_INTERVAL_DAYS,
                                         builtin=False, interval_days=interval,
                                         target_sessions=target))
        return found

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
        profile = self.ctx.profile()
        name = t.new_treatment_name(name, self.custom_names(profile))
        t.check_interval(name, validate.parse_int(str(interval_days), "interval")
                         if not isinstance(interval_days, int) else interval_days)
        with self._store.write():
            self._store.add_custom_treatment(profile.id, name, interval_days, self.ctx._stamp())
        return self.get(name, profile)

    def set(self, name: str, *, target: int | None = None,
            interval: int | None = None) -> t.Treatment:
        """A treatment's target or interval for the current profile (microdermabrasion's live
        in the profile itself)."""
        profile = self.ctx.profile()
        name = self.resolve(name, profile)
        if target is not None:
            validate.target_sessions(target)
        if interval is not None:
            t.check_interval(name, interval)
        if name == t.MICRODERMABRASION:
            self.ctx.update_profile(target_sessions=target,  # type: ignore[attr-defined]
                                    min_interval_days=interval)
        else:
            with self._store.write():
                self._store.set_treatment(profile.id, name, self.ctx._stamp(),
                                          interval=interval, target=target)
        return self.get(name, profile)

    def profile_interval(self, profile: Profile, name: str) -> int | None:
        """The profile's own interval for a treatment (None: its floor holds)."""
        if name == t.MICRODERMABRASION:
            return profile.min_interval_days
        return self._store.treatment_settings(profile.id).get(name, (False, None, None))[1]

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
        near = self._store.marks_between(profile_id, first, last, exclude_id)
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
        used = self._store.products(profile_id, first, candidate.date)
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
        return t.product_holds(candidate, self._store.products(profile_id, first,
                                                               candidate.date))

    # -- where each stands ---------------------------------------------------------------

    def standings(self, profile: Profile, other_gates: Iterable[str] = ()) -> list[t.Standing]:
        """Each treatment the profile has used or has a target for, where it stands today."""
        today = self.ctx.today()
        counts = self._store.treatment_counts(profile.id)
        recent = self._store.marks_between(profile.id, today - _WINDOW, today + _WINDOW)
        products = self._store.products(profile.id,
                                        today - dt.timedelta(days=t.PRODUCT_HOLD_DAYS), today)
        gates = tuple(other_gates)
        out = []
        for treatment in self.all(profile):
            count, last = counts.get(treatment.name, (0, None))
            targeted = treatment.target_sessions is not None and (
                treatment.name != t.MICRODERMABRASION)
            if not count and not targeted:
                continue
            out.append(t.standing(treatment, count, last, recent, products, today, gates))
        return out

    def in_use(self, profile: Profile | None = None) -> list[str]:
        """The treatments the profile has sessions of, built-in order first."""
        profile = profile or self.ctx.existing_profile()
        if profile is None:
            return []
        used = self._store.treatment_counts(profile.id)
        return [x.name for x in self.all(profile) if x.name in used]


class Products:
    """Active products a profile uses: log, list, delete (undoable)."""

    def __init__(self, ctx: ServiceBase) -> None:
        self.ctx = ctx

    @property
    def _store(self) -> Store:
        return self.ctx._store

    def log(self, kind: str, used_on: dt.date | None = None, notes: str = "") -> t.ProductUse:
        kind = t.product_kind(kind)
        day = used_on or self.ctx.today()
        validate.not_too_early(day)
        if day > self.ctx.today():
            raise InvalidInput(f"{day} is in the future", field="date", code="future_date",
                               date=day, today=self.ctx.today())
        notes = validate.notes(notes)
        profile = self.ctx.profile()
        with self._store.write():
            return self._store.insert_product(profile.id, day, kind, notes, self.ctx._stamp())

    def all(self, since: dt.date | None = None, until: dt.date | None = None
             ) -> list[t.ProductUse]:
        profile = self.ctx.existing_profile()
        return [] if profile is None else self._store.products(profile.id, since, until)

    def get(self, product_id: int) -> t.ProductUse:
        """A product use of the current profile."""
        return self._store.product(product_id, self.ctx.profile().id)

    def delete(self, product_id: int) -> t.ProductUse:
        from homekit.storage import journal

        profile = self.ctx.profile()
        with self._store.write():
            used = self._store.product(product_id, profile.id)
            journal.record_product(self._store, product_id, self.ctx._stamp())
            self._store.delete_product(product_id)
        return used
