"""The one door: every use case of homekit, for the CLI, the app and every other feature.

`Homekit` is the entry over one open data file: it holds the `Context` (the store, the
profile in use, the clock) and hands out one object per use case, each built on first use
with the collaborators it needs passed in (`hk.sessions`, `hk.status`, `hk.photos`...). A
command loads only the modules of the use cases it touches. Callers get domain objects and
result dataclasses back (facts, never sentences); refusals are errors that carry their facts
for `homekit.words` to put into words. See docs/design/index.md.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from homekit.services.context import Clock, Context, local_now

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    import datetime as dt

    from homekit.domain.models import Profile
    from homekit.services.backups import Backups
    from homekit.services.charts import Charts
    from homekit.services.check import Check, OpenNotices
    from homekit.services.demo import Demo, refuse_existing
    from homekit.services.events import Events
    from homekit.services.outcomes import (
        DemoResult,
        ProfileDeleted,
        ReminderFile,
        ReportFile,
        UndoStep,
    )
    from homekit.services.photos import Photos
    from homekit.services.plan import Plan
    from homekit.services.profiles import Profiles
    from homekit.services.redness import Redness
    from homekit.services.replica import Replica, restore_source
    from homekit.services.report import Report
    from homekit.services.results import LogResult
    from homekit.services.safety import Safety
    from homekit.services.sessions import Sessions
    from homekit.services.status import Status
    from homekit.services.transfer import Transfer, import_source
    from homekit.services.treatments import Products, Treatments
    from homekit.services.undo import Undo
    from homekit.storage.repo import Store

#: What `homekit.services` exports by name, from the module that defines it (loaded when
#: first asked for: start-up).
_EXPORTS = {
    "DemoResult": "outcomes", "ProfileDeleted": "outcomes", "ReminderFile": "outcomes",
    "ReportFile": "outcomes", "UndoStep": "outcomes", "LogResult": "results",
    "OpenNotices": "check", "refuse_existing": "demo", "restore_source": "replica",
    "import_source": "transfer",
}


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        from importlib import import_module

        return getattr(import_module(f"homekit.services.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if TYPE_CHECKING:
    from typing import Generic, TypeVar, overload

    UseCaseT = TypeVar("UseCaseT")

    class _Typed(Generic[UseCaseT]):
        """Generic for the type checker only."""
else:  # at run time, without importing typing (start-up): the same class, untyped
    UseCaseT = None

    class _Typed:
        def __class_getitem__(cls, item: object) -> type:
            return cls


class UseCase(_Typed[UseCaseT]):
    """A use case of `Homekit`, built on first use and then kept (like `cached_property`).

    Its class, named as the attribute is but capitalised (`events` -> `Events`), is imported
    from `homekit.services.<module>` (the attribute's name unless given) only when first asked
    for: a command loads the modules of the use cases it touches and no other.
    """

    def __init__(self, build: Callable[[type[UseCaseT], Homekit], UseCaseT],
                 module: str = "") -> None:
        self.build, self.module, self.name = build, module, ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name, self.module = name, self.module or name

    if TYPE_CHECKING:
        @overload
        def __get__(self, hk: None, owner: type) -> UseCase[UseCaseT]: ...
        @overload
        def __get__(self, hk: Homekit, owner: type) -> UseCaseT: ...

    def __get__(self, hk: Homekit | None, owner: type) -> UseCaseT | UseCase[UseCaseT]:
        if hk is None:
            return self
        from importlib import import_module

        cls = getattr(import_module(f"homekit.services.{self.module}"), self.name.capitalize())
        built = hk.__dict__[self.name] = self.build(cls, hk)  # kept: found before this, next time
        return built


class Homekit:
    """One open data file, for one profile at a time, and the use cases over it."""

    def __init__(self, store: Store, profile: str | None = None, now: Clock = local_now) -> None:
        self.ctx = Context(store, profile, now)

    @classmethod
    def open(
        cls,
        path: str | Path,
        profile: str | None = None,
        *,
        now: Clock = local_now,
        create_folder: bool = False,
        verify: bool = True,
        allow_broken_rule: bool = False,
    ) -> Homekit:
        """Open (creating and migrating if needed) the data file at `path`.

        `verify=False` opens a file that is not homekit's own any more, or breaks the rule,
        only to check it or restore over it; `allow_broken_rule=True` opens a file whose
        sessions break the rule, only to delete sessions (see `storage.open_store`).
        """
        from homekit.storage import open_store

        store = open_store(path, create_folder=create_folder, verify=verify,
                           allow_broken_rule=allow_broken_rule)
        return cls(store, profile, now=now)

    def twin(self) -> Callable[[], Homekit]:
        """An opener of the same file, profile and clock on a new connection.

        Call `twin()` on the thread that owns this object, and the opener inside the worker
        thread: a SQLite connection stays on the thread that made it. Close what it returns.
        """
        return partial(type(self).open, self.data_file, self.profile_name(), now=self.clock)

    # -- the file, the profile and the clock (the context's) ------------------------------

    @property
    def data_file(self) -> Path:
        return self.ctx.data_file

    def close(self) -> None:
        self.ctx.close()

    def file_problem(self) -> str | None:
        return self.ctx.file_problem()

    def changed_elsewhere(self) -> bool:
        return self.ctx.changed_elsewhere()

    def has_open_notices(self) -> bool:
        """Whether opening the file put something right (what: `check.open_notices()`)."""
        return self.ctx.has_open_notices()

    def profile_name(self) -> str:
        return self.ctx.profile_name()

    def profile(self) -> Profile:
        return self.ctx.profile()

    def existing_profile(self) -> Profile | None:
        return self.ctx.existing_profile()

    def now(self) -> dt.datetime:
        return self.ctx.now()

    def today(self) -> dt.date:
        return self.ctx.today()

    @property
    def clock(self) -> Clock:
        return self.ctx.clock

    # -- the use cases, each built on first use with its collaborators ---------------------
    # One line each: `build` gets the use case's class (imported only then) and this object,
    # so mypy checks every constructor against the collaborators handed to it.

    profiles: UseCase[Profiles] = UseCase(lambda cls, hk: cls(hk.ctx, hk.backups))
    safety: UseCase[Safety] = UseCase(lambda cls, hk: cls(hk.ctx))
    sessions: UseCase[Sessions] = UseCase(lambda cls, hk: cls(hk.ctx, hk.safety, hk.treatments))
    redness: UseCase[Redness] = UseCase(lambda cls, hk: cls(hk.ctx))
    status: UseCase[Status] = UseCase(lambda cls, hk: cls(hk.ctx, hk.safety))
    plan: UseCase[Plan] = UseCase(lambda cls, hk: cls(hk.ctx, hk.safety, hk.treatments))
    charts: UseCase[Charts] = UseCase(lambda cls, hk: cls(hk.ctx, hk.treatments))
    photos: UseCase[Photos] = UseCase(lambda cls, hk: cls(hk.ctx))
    report: UseCase[Report] = UseCase(lambda cls, hk: cls(
        hk.ctx, hk.status, hk.sessions, hk.photos, hk.treatments, hk.products))
    transfer: UseCase[Transfer] = UseCase(lambda cls, hk: cls(hk.ctx))
    backups: UseCase[Backups] = UseCase(lambda cls, hk: cls(hk.ctx))
    replica: UseCase[Replica] = UseCase(lambda cls, hk: cls(hk.ctx, hk.backups))
    undo: UseCase[Undo] = UseCase(lambda cls, hk: cls(hk.ctx, hk.sessions))
    check: UseCase[Check] = UseCase(lambda cls, hk: cls(hk.ctx))
    treatments: UseCase[Treatments] = UseCase(lambda cls, hk: cls(hk.ctx, hk.profiles))
    products: UseCase[Products] = UseCase(lambda cls, hk: cls(hk.ctx), module="treatments")
    events: UseCase[Events] = UseCase(lambda cls, hk: cls(hk.ctx))
    demo: UseCase[Demo] = UseCase(lambda cls, hk: cls(hk.ctx, hk.profiles))

__all__ = ["Context", "DemoResult", "Homekit", "LogResult", "OpenNotices", "ProfileDeleted",
           "ReminderFile", "ReportFile", "UndoStep",
           "import_source", "local_now", "refuse_existing", "restore_source"]
