"""What every use case shares: the open data file, the profile in use, and the clock.

A `Context` is handed to each use-case object (`Sessions(ctx, safety)`); it is the only
holder of the store, so a use case reads and writes through `ctx.store` and nothing else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from homekit.domain import rules
from homekit.domain.errors import NotFound
from homekit.domain.models import DEFAULT_PROFILE, DEFAULT_TARGET_SESSIONS, Profile
from homekit.storage.repo import Store

DEFAULT_PROFILE_KEY = "default_profile"

Clock = Callable[[], dt.datetime]


def local_now() -> dt.datetime:
    return dt.datetime.now().replace(second=0, microsecond=0)


class Context:
    """One open data file, the profile in use, and a clock.

    `now` is injectable so that tests and the demo can fix the time; nothing below the
    services reads the clock. `store` is replaced only by a restore (`Backups.restore`);
    use cases read `ctx.store` each time rather than keeping it.
    """

    def __init__(self, store: Store, profile: str | None = None, now: Clock = local_now) -> None:
        self.store = store
        self._profile_name = profile
        self._now = now
        self._data_version: int | None = None

    # -- time -------------------------------------------------------------------

    def now(self) -> dt.datetime:
        return self._now()

    def today(self) -> dt.date:
        return self._now().date()

    def utc_now(self) -> dt.datetime:
        """The time in UTC with seconds, to name files by: the real clock unless one was
        injected (a naive injected time counts as local time)."""
        if self._now is local_now:
            return dt.datetime.now(dt.timezone.utc)
        return self._now().astimezone(dt.timezone.utc)

    @property
    def clock(self) -> Clock:
        return self._now

    def stamp(self) -> str:
        """Now as stored in `created_at` and journal columns (seconds)."""
        return self._now().isoformat(timespec="seconds")

    # -- the open file ------------------------------------------------------------

    @property
    def data_file(self) -> Path:
        return Path(self.store.path)

    def close(self) -> None:
        self.store.close()

    def file_problem(self) -> str | None:
        """`data_file_deleted` or `data_file_replaced` once the open file is no longer the one
        its path names (every write is then refused with a StorageError of that code)."""
        return self.store.file_problem()

    def has_open_notices(self) -> bool:
        """Whether opening the file put anything right (`Check.open_notices` says what)."""
        return bool(self.store.repaired or self.store.mode_changes)

    def changed_elsewhere(self) -> bool:
        """True once another process (or connection) has written since the last call."""
        version = self.store.data_version()
        seen, self._data_version = self._data_version, version
        return seen is not None and seen != version

    # -- the current profile ----------------------------------------------------------

    def profile_name(self) -> str:
        return self._profile_name or self.store.get_setting(DEFAULT_PROFILE_KEY) or DEFAULT_PROFILE

    def use_profile(self, name: str | None) -> None:
        """Make `name` the profile in use from now on (None: the stored default)."""
        self._profile_name = name

    def uses_profile(self, name: str) -> bool:
        """True when `name` was chosen explicitly (not the stored default) as the profile in use."""
        return self._profile_name == name

    def existing_profile(self) -> Profile | None:
        """The current profile if it is stored (None for a `me` not created yet); no write."""
        name = self.profile_name()
        found = self.store.profile_by_name(name)
        if found is None and name != DEFAULT_PROFILE:
            raise NotFound(code="unknown_profile", name=name)
        return found

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
                    name, DEFAULT_TARGET_SESSIONS, rules.MIN_INTERVAL_DAYS, self.stamp()
                )
        raise NotFound(code="unknown_profile", name=name)


class OnContext:
    """A use case that needs nothing but the context (the store, the clock, the profile):
    built as `Photos(ctx)`. One that needs another use case takes it in its own constructor."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
