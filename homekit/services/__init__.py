"""The one door: every use case of homekit, for the CLI, the app and every other feature.

`Homekit` is a facade over one open data file. It owns the store privately; callers get
domain objects and result dataclasses back (facts, never sentences), and refusals are
errors that carry their facts for `homekit.words` to put into words.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING

from homekit.services.base import Clock, local_now
from homekit.services.charts import ChartsService
from homekit.services.check import CheckService, OpenNotices
from homekit.services.datafile import DataFileService
from homekit.services.demo import DemoService, refuse_existing
from homekit.services.photo_transfer import PhotoTransferService
from homekit.services.photos import PhotosService
from homekit.services.plan import PlanService
from homekit.services.profiles import ProfilesService
from homekit.services.redness import RednessService
from homekit.services.replica import ReplicaService, restore_source
from homekit.services.report import ReportService
from homekit.services.results import LogResult
from homekit.services.safety import SafetyService
from homekit.services.sessions import SessionsService
from homekit.services.status import StatusService
from homekit.services.transfer import TransferService, import_source
from homekit.services.undo import UndoService

if TYPE_CHECKING:
    from homekit.services.events import Events
    from homekit.services.outcomes import (
        DemoResult,
        ProfileDeleted,
        ReminderFile,
        ReportFile,
        UndoStep,
    )

_OUTCOMES = frozenset({"DemoResult", "ProfileDeleted", "ReminderFile", "ReportFile", "UndoStep"})


def __getattr__(name: str) -> object:
    """The results of the less frequent use cases, loaded when first asked for (start-up)."""
    if name in _OUTCOMES:
        from homekit.services import outcomes

        return getattr(outcomes, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Homekit(
    UndoService,
    DemoService,
    ReportService,
    PhotoTransferService,
    PhotosService,
    SessionsService,
    StatusService,
    PlanService,
    SafetyService,
    ProfilesService,
    RednessService,
    ChartsService,
    TransferService,
    ReplicaService,
    DataFileService,
    CheckService,
):
    """The operations a user can perform on one data file, for one profile at a time."""

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

    @cached_property
    def events(self) -> Events:
        """Adverse events: log, list, resolve, delete, and their hold on a session."""
        from homekit.services.events import Events

        return Events(self)

    def twin(self) -> Callable[[], Homekit]:
        """An opener of the same file, profile and clock on a new connection.

        Call `twin()` on the thread that owns this object, and the opener inside the worker
        thread: a SQLite connection stays on the thread that made it. Close what it returns.
        """
        return partial(type(self).open, self.data_file, self.profile_name(), now=self.clock)


__all__ = ["DemoResult", "Homekit", "LogResult", "OpenNotices", "ProfileDeleted", "ReminderFile",
           "ReportFile", "UndoStep",
           "import_source", "local_now", "refuse_existing", "restore_source"]
