"""Profiles: whose log, how many sessions they aim for, how far apart, and their skin answer."""

from __future__ import annotations

from types import EllipsisType

from homekit.domain import rules, validate
from homekit.domain.errors import InvalidInput, NotFound
from homekit.domain.models import DEFAULT_TARGET_SESSIONS, Profile
from homekit.services.base import DEFAULT_PROFILE_KEY, ServiceBase
from homekit.storage import journal


class ProfilesService(ServiceBase):
    def has_profiles(self) -> bool:
        return bool(self._store.profiles())

    def profiles(self) -> list[Profile]:
        return self._store.profiles()

    def create_profile(
        self,
        name: str,
        target_sessions: int = DEFAULT_TARGET_SESSIONS,
        min_interval_days: int = rules.MIN_INTERVAL_DAYS,
        *,
        make_default: bool = False,
        has_condition: bool | None = None,
        acknowledged: bool = False,
    ) -> Profile:
        """Create a profile; with `has_condition`, its eczema / acne rosacea answer too."""
        problem = rules.interval_problem(min_interval_days)
        if problem:
            raise InvalidInput(problem, field="interval")
        name = validate.profile_name(name)
        with self._store.write():
            self._refuse_taken(name)
            profile = self._store.insert_profile(
                name, target_sessions, min_interval_days, self._stamp()
            )
            if has_condition is not None:
                profile = self._store.set_skin_condition(
                    profile.id, has_condition,
                    self._stamp() if has_condition and acknowledged else None)
            if make_default:
                self._store.set_setting(DEFAULT_PROFILE_KEY, name)
        if make_default:
            self._profile_name = name
        return profile

    def update_profile(
        self,
        *,
        target_sessions: int | None = None,
        min_interval_days: int | None = None,
        new_name: str | None = None,
        skin_type: int | None | EllipsisType = ...,
    ) -> Profile:
        """Change the given settings (None: keep); `skin_type` 1-6, or None to clear it
        (left out: keep). One undo step for all of them."""
        profile = self.profile()
        skin = None if isinstance(skin_type, EllipsisType) or skin_type is None else (
            validate.skin_type(skin_type))
        if min_interval_days is not None:
            problem = rules.interval_problem(min_interval_days)
            if problem:
                raise InvalidInput(problem, field="interval")
        if new_name is not None:
            new_name = validate.profile_name(new_name)
        rename = new_name is not None and new_name != profile.name
        new_skin = not isinstance(skin_type, EllipsisType) and skin != profile.skin_type
        changes = rename or new_skin or target_sessions not in (None, profile.target_sessions) or (
            min_interval_days not in (None, profile.min_interval_days))
        if not changes:  # an unchanged save writes nothing, no undo step
            return profile
        with self._store.write():
            if rename:
                self._refuse_taken(new_name or "", but=profile.id)
            journal.record_profile_edit(self._store, profile.id, profile.name,
                                        new_name or profile.name, self._stamp())
            updated = self._store.update_profile(
                profile.id,
                target_sessions=target_sessions,
                min_interval_days=min_interval_days,
                name=new_name if rename else None,
            )
            if new_skin:
                updated = self._store.set_skin_type(profile.id, skin)
            if rename and self._store.get_setting(DEFAULT_PROFILE_KEY) == profile.name:
                self._store.set_setting(DEFAULT_PROFILE_KEY, updated.name)
        if rename:
            self._profile_name = updated.name
        return updated

    def switch_profile(self, name: str) -> Profile:
        """Make `name` the current and default profile."""
        profile = self._store.profile_by_name(name)
        if profile is None:
            raise NotFound(f"unknown profile {name!r}", code="unknown_profile", name=name)
        with self._store.write():
            self._store.set_setting(DEFAULT_PROFILE_KEY, profile.name)
        self._profile_name = profile.name
        return profile

    def _refuse_taken(self, name: str, but: int | None = None) -> None:
        """Raise if another profile has this name, whatever the case or Unicode form."""
        found = self._store.profile_by_name(name)
        if found is not None and found.id != but:
            raise InvalidInput(f"a profile named {found.name!r} already exists", field="name",
                               code="profile_name_taken", existing=found.name, name=name)

    def record_skin_condition(self, has_condition: bool, acknowledged: bool) -> Profile:
        """Store the eczema / acne rosacea answer and, if given, the acknowledgement."""
        profile = self.profile()
        if profile.has_skin_condition == has_condition and (
                bool(profile.condition_acknowledged_at) == (has_condition and acknowledged)):
            return profile  # unchanged: the acknowledgement keeps its date
        with self._store.write():
            return self._store.set_skin_condition(
                profile.id,
                has_condition,
                self._stamp() if has_condition and acknowledged else None,
            )

    def needs_acknowledgement(self, profile: Profile | None = None) -> bool:
        profile = profile or self.profile()
        return bool(profile.has_skin_condition) and not profile.condition_acknowledged_at

    # -- app-wide preferences ---------------------------------------------------------

    def preference(self, key: str) -> str | None:
        """An app-wide setting such as the theme (stored in the `settings` table)."""
        return self._store.get_setting(key)

    def set_preference(self, key: str, value: str) -> None:
        with self._store.write():
            self._store.set_setting(key, value)
