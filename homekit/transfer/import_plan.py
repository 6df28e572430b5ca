"""What an import decides and reports: the problems found in a file, the plan (which rows go
to which profile) and the report; the checking that builds them is in importer."""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from homekit.domain.errors import HomekitError, InvalidInput, RuleViolation
from homekit.domain.models import Profile, Session, SessionImport
from homekit.domain.treatments import MICRODERMABRASION, Mark
from homekit.transfer import rows
from homekit.transfer.raw import RawProfile
from homekit.transfer.reader import ImportFile


@dataclass(frozen=True)
class Problem:
    """One problem of a row, where the file has it (`homekit.words.import_problem` says it)."""

    line: int
    date: str  # as written in the file
    #: What is wrong: a refusal with its code and facts (a row's value; a `row_problems`
    #: refusal holds every problem of one session; a clash with the rules).
    reason: HomekitError
    rule: bool = False  # True: the weekly rule (exit 3); False: bad data (exit 2)
    #: The problem is in the row's profile settings, not in a session.
    of_profile: bool = False


class BadImportData(InvalidInput):
    """Rows with values homekit cannot store (exit 2); `problems` lists them, in file order,
    and the facts name the file and how many sessions it has (code `import_refused`)."""

    def __init__(self, name: str, total: int, problems: list[Problem]) -> None:
        super().__init__(code="import_refused", name=name, total=total, problems=problems)
        self.problems = problems


class ImportRuleViolation(RuleViolation):
    """Rows that would break the weekly rule (exit 3); `problems` lists them (as above)."""

    def __init__(self, name: str, total: int, problems: list[Problem]) -> None:
        super().__init__(code="import_refused", name=name, total=total, problems=problems)
        self.problems = problems


@dataclass(eq=False)
class ImportTarget:
    """One profile the file writes to: stored already, or to be created; of the sessions to
    insert it keeps only the date (an ordinal) and the row's ref, for the weekly rule."""

    profile: Profile
    exists: bool
    stored: dict[tuple[dt.date, str], Session] = field(default_factory=dict)
    dates: array[int] = field(default_factory=lambda: array("l"))
    refs: list[Any] = field(default_factory=list)
    observations: int = 0
    #: Of each session to insert, what the treatments' rules need (its date is in `dates`).
    kinds: list[str] = field(default_factory=list)
    depths: list[float | None] = field(default_factory=list)
    areas: list[tuple[str, ...]] = field(default_factory=list)
    #: The file's treatments rows and product uses for this profile; the stored settings.
    treatments: list[dict[str, Any]] = field(default_factory=list)
    products: list[dict[str, Any]] = field(default_factory=list)
    settings: dict[str, tuple[bool, int | None, int | None]] = field(default_factory=dict)
    stored_marks: list[Mark] = field(default_factory=list)

    def interval(self, name: str) -> int | None:
        """The profile's own interval for a treatment (the file's rows over the stored ones)."""
        if name == MICRODERMABRASION:
            return self.profile.min_interval_days
        for row in self.treatments:
            if row["name"] == name and row["min_interval_days"] is not None:
                return int(row["min_interval_days"])
        return self.settings.get(name, (False, None, None))[1]

    def custom(self) -> set[str]:
        return ({n for n, (custom, _, _) in self.settings.items() if custom}
                | {row["name"] for row in self.treatments if row["custom"]})


@dataclass
class ImportPlan:
    """What to insert: the file is read a second time (`sessions`) to insert its rows."""

    file: ImportFile
    targets: dict[str, ImportTarget]
    slots: array[int]  # per session row, in file order: its target's index, or -1 to skip
    stamp: str
    today: dt.date
    total: int = 0

    def sessions(self) -> Iterator[tuple[ImportTarget, SessionImport]]:
        """The sessions to insert, in file order, checked already."""
        targets = list(self.targets.values())
        self._same_file()
        i = 0
        for raw in self.file.rows():
            if isinstance(raw, RawProfile):
                continue
            if i >= self.total:
                raise self._changed()
            slot = self.slots[i]
            i += 1
            if slot >= 0:
                yield targets[slot], rows.session(raw.values, self.today, self.stamp)
        if i != self.total:
            raise self._changed()
        self._same_file()

    def _same_file(self) -> None:
        if self.file.changed():
            raise self._changed()

    def _changed(self) -> InvalidInput:
        """The file changed between the check and the insert: the transaction rolls back."""
        return InvalidInput(code="import_file_changed", name=self.file.short)


@dataclass
class ImportReport:
    path: Path  # as the user named it (a stream: its name, never the private copy)
    dry_run: bool
    sessions_added: int = 0
    observations_added: int = 0
    identical_skipped: int = 0
    profiles_created: list[str] = field(default_factory=list)
    backup: Path | None = None
    photos_added: int = 0
    photos_skipped: int = 0
    events_added: int = 0
    events_skipped: int = 0
    name: str = ""  # the file's own name, for the summary line
    #: The profile the import made current (or would, in a dry run): the file's first, when
    #: the data file held no other profile with a session.
    made_current: str | None = None


class Source(Protocol):
    """What planning an import needs to know of the open file (the services provide it)."""

    def profile_name(self) -> str: ...
    def now(self) -> dt.datetime: ...
    def stored_log(self, name: str) -> tuple[Profile, list[Session]] | None: ...
    def stored_settings(self, profile_id: int) -> dict[str, tuple[bool, int | None, int | None]]:
        ...
