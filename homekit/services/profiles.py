"""Profiles: whose log, how many sessions they aim for, how far apart, and their skin answer."""

from __future__ import annotations

from types import EllipsisType
from typing import TYPE_CHECKING

from homekit.domain import rules
from homekit.domain.errors import InvalidInput, NotFound
from homekit.domain.models import DEFAULT_TARGET_SESSIONS, Profile
from homekit.services.context import DEFAULT_PROFILE_KEY, Context

# The validators and the undo journal are loaded by the methods that write (the dashboard
# only reads through this class).

if TYPE_CHECKING:
    from homekit.services.backups import Backups
    from homekit.services.outcomes import ProfileDeleted


class Profiles:
    """Whose log: create, change, switch; their skin answer; app-wide preferences."""

    def __init__(self, ctx: Context, backups: Backups) -> None:
        self.ctx = ctx
        self.backups = backups

    def has_profiles(self) -> bool:
        return bool(self.ctx.store.profiles())

    def profiles(self) -> list[Profile]:
        return self.ctx.store.profiles()

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
            raise problem
        from homekit.domain import validate

        name = validate.profile_name(name)
        with self.ctx.store.write():
            self._refuse_taken(name)
            profile = self.ctx.store.insert_profile(
                name, target_sessions, min_interval_days, self.ctx.stamp()
            )
            if has_condition is not None:
                profile = self.ctx.store.set_skin_condition(
                    profile.id, has_condition,
                    self.ctx.stamp() if has_condition and acknowledged else None)
            if make_default:
                self.ctx.store.set_setting(DEFAULT_PROFILE_KEY, name)
        if make_default:
            self.ctx.use_profile(name)
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
        from homekit.domain import validate
        from homekit.storage import journal

        profile = self.ctx.profile()
        skin = None if isinstance(skin_type, EllipsisType) or skin_type is None else (
            validate.skin_type(skin_type))
        if min_interval_days is not None:
            problem = rules.interval_problem(min_interval_days)
            if problem:
                raise problem
        if new_name is not None:
            new_name = validate.profile_name(new_name)
        rename = new_name is not None and new_name != profile.name
        new_skin = not isinstance(skin_type, EllipsisType) and skin != profile.skin_type
        changes = rename or new_skin or target_sessions not in (None, profile.target_sessions) or (
            min_interval_days not in (None, profile.min_interval_days))
        if not changes:  # an unchanged save writes nothing, no undo step
            return profile
        with self.ctx.store.write():
            if rename:
                self._refuse_taken(new_name or "", but=profile.id)
            journal.record_profile_edit(self.ctx.store, profile.id, profile.name,
                                        new_name or profile.name, self.ctx.stamp())
            updated = self.ctx.store.update_profile(
                profile.id,
                target_sessions=target_sessions,
                min_interval_days=min_interval_days,
                name=new_name if rename else None,
            )
            if new_skin:
                updated = self.ctx.store.set_skin_type(profile.id, skin)
            if rename and self.ctx.store.get_setting(DEFAULT_PROFILE_KEY) == profile.name:
                self.ctx.store.set_setting(DEFAULT_PROFILE_KEY, updated.name)
        if rename:
            self.ctx.use_profile(updated.name)
        return updated

    def _named(self, name: str) -> Profile:
        """The stored profile called `name`; refused when there is none."""
        profile = self.ctx.store.profile_by_name(name)
        if profile is None:
            raise NotFound(code="unknown_profile", name=name)
        return profile

    def switch_profile(self, name: str) -> Profile:
        """Make `name` the current and default profile."""
        profile = self._named(name)
        with self.ctx.store.write():
            self.ctx.store.set_setting(DEFAULT_PROFILE_KEY, profile.name)
        self.ctx.use_profile(profile.name)
        return profile

    def delete_profile(self, name: str) -> ProfileDeleted:
        """Delete a profile with all its sessions: an automatic backup first, then undoable."""
        from homekit.services.outcomes import ProfileDeleted
        from homekit.storage import journal

        profile = self._named(name)
        backup = self.backups.backup()
        with self.ctx.store.write():
            rows = journal.profile_rows(self.ctx.store, profile.id)
            was_default = self.ctx.store.get_setting(DEFAULT_PROFILE_KEY) == name
            facts = {"profile": name, "sessions": len(rows["sessions"]),
                     "observations": len(rows["redness"]), "backup": str(backup)}
            journal.record(self.ctx.store, journal.PROFILE_DELETED, facts,
                           {**rows, "was_default": was_default}, self.ctx.stamp())
            journal.delete_profile(self.ctx.store, profile.id)
            if was_default:
                others = self.ctx.store.profiles()
                if others:
                    self.ctx.store.set_setting(DEFAULT_PROFILE_KEY, others[0].name)
                else:
                    journal.delete_setting(self.ctx.store, DEFAULT_PROFILE_KEY)
        if self.ctx.uses_profile(name):
            self.ctx.use_profile(None)
        return ProfileDeleted(profile, len(rows["sessions"]), len(rows["redness"]), backup)

    def _refuse_taken(self, name: str, but: int | None = None) -> None:
        """Raise if another profile has this name, whatever the case or Unicode form."""
        found = self.ctx.store.profile_by_name(name)
        if found is not None and found.id != but:
            raise InvalidInput(field="name",
                               code="profile_name_taken", existing=found.name, name=name)

    def record_skin_condition(self, has_condition: bool, acknowledged: bool) -> Profile:
        """Store the eczema / acne rosacea answer and, if given, the acknowledgement."""
        profile = self.ctx.profile()
        if profile.has_skin_condition == has_condition and (
                bool(profile.condition_acknowledged_at) == (has_condition and acknowledged)):
            return profile  # unchanged: the acknowledgement keeps its date
        with self.ctx.store.write():
            return self.ctx.store.set_skin_condition(
                profile.id,
                has_condition,
                self.ctx.stamp() if has_condition and acknowledged else None,
            )

    def needs_acknowledgement(self, profile: Profile | None = None) -> bool:
        profile = profile or self.ctx.profile()
        return bool(profile.has_skin_condition) and not profile.condition_acknowledged_at

    # -- app-wide preferences ---------------------------------------------------------

    def preference(self, key: str) -> str | None:
        """An app-wide setting such as the theme (stored in the `settings` table)."""
        return self.ctx.store.get_setting(key)

    def set_preference(self, key: str, value: str) -> None:
        with self.ctx.store.write():
            self.ctx.store.set_setting(key, value)
