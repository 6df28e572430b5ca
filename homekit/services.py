"""Use cases shared by the CLI and the app: each reads, applies a domain rule, writes.

No SQL here (that is the store's) and no rule (that is the domain's): this layer only
puts them together, inside one immediate transaction where a rule guards a write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from homekit.domain import rules
from homekit.domain.errors import InvalidInput, NotFound, RuleViolation
from homekit.domain.models import (
    DEFAULT_PROFILE,
    DEFAULT_TARGET_SESSIONS,
    Profile,
    Redness,
    Session,
    SessionDraft,
    Status,
)
from homekit.render import in_days
from homekit.storage.repo import Store

if TYPE_CHECKING:
    from homekit.storage.backup import Restored

DEFAULT_PROFILE_KEY = "default_profile"


def local_now() -> dt.datetime:
    return dt.datetime.now().replace(second=0, microsecond=0)


@dataclass(frozen=True)
class LogResult:
    session: Session
    next_eligible_date: dt.date
    days_until_eligible: int
    redness_alert: rules.RednessAlert | None = None
    #: Set when other sessions are dated after today (the system clock looks wrong).
    clock_warning: str | None = None


class Homekit:
    """The operations a user can perform on one data file, for one profile at a time."""

    def __init__(
        self,
        store: Store,
        profile: str | None = None,
        now: Callable[[], dt.datetime] = local_now,
    ) -> None:
        self.store = store
        self._profile_name = profile
        self._now = now
        self._data_version: int | None = None

    # -- time -------------------------------------------------------------------

    def now(self) -> dt.datetime:
        return self._now()

    def today(self) -> dt.date:
        return self._now().date()

    def _stamp(self) -> str:
        return self._now().isoformat(timespec="seconds")

    def changed_elsewhere(self) -> bool:
        """True once another process (or connection) has written since the last call."""
        version = self.store.data_version()
        seen, self._data_version = self._data_version, version
        return seen is not None and seen != version

    # -- preferences --------------------------------------------------------------

    def preference(self, key: str) -> str | None:
        """An app-wide setting such as the theme (stored in the `settings` table)."""
        return self.store.get_setting(key)

    def set_preference(self, key: str, value: str) -> None:
        with self.store.write():
            self.store.set_setting(key, value)

    # -- profiles ---------------------------------------------------------------

    def has_profiles(self) -> bool:
        return bool(self.store.profiles())

    def profile_name(self) -> str:
        return self._profile_name or self.store.get_setting(DEFAULT_PROFILE_KEY) or DEFAULT_PROFILE

    def profile(self) -> Profile:
        """The current profile; `me` is created on first use, any other name must exist."""
        name = self.profile_name()
        found = self.store.profile_by_name(name)
        if found:
            return found
        if name == DEFAULT_PROFILE:
            with self.store.write():
                found = self.store.profile_by_name(name)
                if found:
                    return found
                return self.store.insert_profile(
                    name, DEFAULT_TARGET_SESSIONS, rules.MIN_INTERVAL_DAYS, self._stamp()
                )
        import shlex

        raise NotFound(f"unknown profile {name!r}; create it with: homekit profile add {shlex.quote(name)}")

    def profiles(self) -> list[Profile]:
        return self.store.profiles()

    def create_profile(
        self,
        name: str,
        target_sessions: int = DEFAULT_TARGET_SESSIONS,
        min_interval_days: int = rules.MIN_INTERVAL_DAYS,
        *,
        make_default: bool = False,
    ) -> Profile:
        problem = rules.interval_problem(min_interval_days)
        if problem:
            raise InvalidInput(problem)
        with self.store.write():
            profile = self.store.insert_profile(
                name, target_sessions, min_interval_days, self._stamp()
            )
            if make_default:
                self.store.set_setting(DEFAULT_PROFILE_KEY, name)
        if make_default:
            self._profile_name = name
        return profile

    def update_profile(
        self,
        *,
        target_sessions: int | None = None,
        min_interval_days: int | None = None,
        new_name: str | None = None,
    ) -> Profile:
        profile = self.profile()
        fields: dict[str, object] = {}
        if target_sessions is not None:
            fields["target_sessions"] = target_sessions
        if min_interval_days is not None:
            problem = rules.interval_problem(min_interval_days)
            if problem:
                raise InvalidInput(problem)
            fields["min_interval_days"] = min_interval_days
        if new_name is not None and new_name != profile.name:
            if self.store.profile_by_name(new_name):
                raise InvalidInput(f"a profile named {new_name!r} already exists")
            fields["name"] = new_name
        with self.store.write():
            updated = self.store.update_profile(profile.id, **fields)
            if "name" in fields and self.store.get_setting(DEFAULT_PROFILE_KEY) == profile.name:
                self.store.set_setting(DEFAULT_PROFILE_KEY, new_name or profile.name)
        if "name" in fields:
            self._profile_name = updated.name
        return updated

    def switch_profile(self, name: str) -> Profile:
        """Make `name` the current and default profile."""
        profile = self.store.profile_by_name(name)
        if profile is None:
            raise NotFound(f"unknown profile {name!r}")
        with self.store.write():
            self.store.set_setting(DEFAULT_PROFILE_KEY, name)
        self._profile_name = name
        return profile

    def record_skin_condition(self, has_condition: bool, acknowledged: bool) -> Profile:
        """Store the eczema / acne rosacea answer and, if given, the acknowledgement."""
        profile = self.profile()
        with self.store.write():
            return self.store.update_profile(
                profile.id,
                has_skin_condition=has_condition,
                condition_acknowledged_at=self._stamp() if has_condition and acknowledged else None,
            )

    def needs_acknowledgement(self, profile: Profile | None = None) -> bool:
        profile = profile or self.profile()
        return bool(profile.has_skin_condition) and not profile.condition_acknowledged_at

    # -- sessions ---------------------------------------------------------------

    def check_date(self, profile: Profile, day: dt.date, exclude_id: int | None = None) -> None:
        """Raise if `day` cannot hold a session of `profile` (future, or too close)."""
        problem = rules.date_problem(day, self.today())
        if problem:
            raise InvalidInput(problem, field="date")
        dates = self.store.session_dates(profile.id, exclude_id=exclude_id)
        conflict = rules.find_conflict(day, dates, profile.min_interval_days)
        if conflict is not None:
            raise self._violation(conflict, dates, profile)

    def _violation(
        self, conflict: rules.Conflict, dates: list[dt.date], profile: Profile
    ) -> RuleViolation:
        today = self.today()
        nxt = rules.next_eligible_date(dates, profile.min_interval_days) or today
        days_left = rules.days_until_eligible(dates, profile.min_interval_days, today)
        if conflict.gap_days == 0:
            where = f"a session is already logged on {conflict.conflicting.isoformat()}"
        else:
            where = (
                f"{conflict.attempted.isoformat()} is {conflict.relation} the session "
                f"on {conflict.conflicting.isoformat()}"
            )
        when = in_days(days_left)
        return RuleViolation(
            f"refused: {where}; sessions must be at least {profile.min_interval_days} days "
            f"apart. Next eligible date: {nxt.isoformat()} ({when}).",
            attempted=conflict.attempted,
            conflicting=conflict.conflicting,
            next_eligible=nxt,
            days_left=days_left,
        )

    def log_session(
        self,
        draft: SessionDraft,
        *,
        redness_severity: int | None = None,
        faded_after_min: int | None = None,
    ) -> LogResult:
        """Store a session (and optionally its first redness observation) if the rule allows."""
        if faded_after_min is not None and redness_severity is None:
            raise InvalidInput("--faded-after needs a redness severity (--redness 0-4)")
        profile = self.profile()
        if self.needs_acknowledgement(profile):
            raise InvalidInput(
                "this profile has eczema or acne rosacea on record: acknowledge the warning "
                "in the app (or: homekit profile condition yes --acknowledge) before logging"
            )
        with self.store.write():
            self.check_date(profile, draft.session_date)
            session_id = self.store.insert_session(profile.id, draft, self._stamp())
            alert = None
            if redness_severity is not None:
                red = self.store.insert_redness(
                    session_id,
                    self._observed_at(draft),
                    redness_severity,
                    faded_after_min,
                    "",
                )
                alert = rules.redness_alert(red, self.now())
            session = self.store.get_session(session_id)
            dates = self.store.session_dates(profile.id)
        nxt = rules.next_eligible_date(dates, profile.min_interval_days) or draft.session_date
        today = self.today()
        return LogResult(
            session,
            nxt,
            rules.days_until_eligible(dates, profile.min_interval_days, today),
            alert,
            rules.clock_problem(dates, today),
        )

    def _observed_at(self, draft: SessionDraft) -> str:
        if draft.session_date == self.today():
            return self.now().isoformat(timespec="minutes")
        time = draft.start_time or "12:00"
        return f"{draft.session_date.isoformat()}T{time}"

    def session(self, session_id: int) -> Session:
        return self.store.get_session(session_id)

    def history(
        self, *, newest_first: bool = True, limit: int | None = None, offset: int = 0
    ) -> list[Session]:
        return self.store.sessions(
            self.profile().id, newest_first=newest_first, limit=limit, offset=offset
        )

    def session_count(self) -> int:
        return self.store.session_count(self.profile().id)

    def edit_session(self, session_id: int, **changes: object) -> Session:
        """Change fields of a stored session; a new date must keep the rule."""
        with self.store.write():
            current = self.store.get_session(session_id)
            draft = SessionDraft(
                session_date=current.session_date,
                start_time=current.start_time,
                duration_min=current.duration_min,
                areas=current.areas,
                device_level=current.device_level,
                glasses_worn=current.glasses_worn,
                stinging=current.stinging,
                notes=current.notes,
            )
            try:
                draft = replace(draft, **changes)  # type: ignore[arg-type]
            except TypeError as exc:
                raise ValueError(f"unknown session field: {exc}") from None
            if draft.session_date != current.session_date:
                profile = self.store.profile_by_id(current.profile_id)
                self.check_date(profile, draft.session_date, exclude_id=session_id)
            self.store.update_session(session_id, draft)
            return self.store.get_session(session_id)

    def delete_session(self, session_id: int) -> Session:
        with self.store.write():
            session = self.store.get_session(session_id)
            self.store.delete_session(session_id)
        return session

    # -- redness ----------------------------------------------------------------

    def add_redness(
        self,
        session_id: int | None,
        severity: int,
        faded_after_min: int | None = None,
        notes: str = "",
    ) -> tuple[Redness, rules.RednessAlert | None]:
        """Record redness seen after a session (default: the profile's latest session)."""
        with self.store.write():
            if session_id is None:
                latest = self.store.latest_session(self.profile().id)
                if latest is None:
                    raise NotFound("no session logged yet; log a session first")
                session_id = latest.id
            else:
                self.store.get_session(session_id)
            red = self.store.insert_redness(
                session_id, self.now().isoformat(timespec="minutes"), severity, faded_after_min, notes
            )
        return red, rules.redness_alert(red, self.now())

    # -- status -----------------------------------------------------------------

    def status(self) -> Status:
        profile = self.profile()
        today = self.today()
        dates = self.store.session_dates(profile.id)
        interval = profile.min_interval_days
        latest_red = self.store.latest_redness(profile.id)
        alert = rules.redness_alert(latest_red, self.now())
        return Status(
            profile=profile.name,
            target_sessions=profile.target_sessions,
            min_interval_days=interval,
            sessions_done=len(dates),
            last_session_date=max(dates, default=None),
            next_eligible_date=rules.next_eligible_date(dates, interval),
            days_until_eligible=rules.days_until_eligible(dates, interval, today),
            projected_completion_date=rules.projected_completion_date(
                dates, interval, profile.target_sessions, today
            ),
            latest_redness=latest_red,
            redness_warning=alert.message if alert else None,
            redness_warning_serious=bool(alert and alert.serious),
            today=today,
            clock_warning=rules.clock_problem(dates, today),
        )

    # -- the data file ------------------------------------------------------------

    @property
    def data_file(self) -> Path:
        return Path(self.store.path)

    def backup(self, dest: Path | None = None) -> Path:
        """A consistent copy of the data file (safe while others write); returns its path.

        No `dest`: a timestamped name in `backups/` beside the data file; a folder: that name
        inside it.
        """
        from homekit.storage.backup import default_backup_path, write_backup

        default = default_backup_path(self.data_file, self.now())
        if dest is None:
            dest = default
        else:
            dest = Path(dest).expanduser()
            try:
                if dest.is_dir():
                    dest = dest / default.name
            except OSError:
                pass  # write_backup says what is wrong with the path
        return write_backup(self.store.conn, dest, source_name=str(self.data_file))

    def restore(self, source: Path) -> Restored:
        """Replace the log with a checked backup; the replaced data is kept as a backup."""
        from homekit.storage import open_store
        from homekit.storage.backup import restore_into

        data_file = self.data_file
        done = restore_into(self.store, Path(source), self.now())
        self.store.close()
        self.store = open_store(data_file)  # migrates a backup from an older homekit
        return done
