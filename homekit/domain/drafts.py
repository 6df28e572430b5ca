"""What a user enters or a file brings in, validated but not yet stored (a session to log, an
edit, a history filter, an imported row). `homekit.domain.models` hands these out by name too;
they live apart so that a read (`status`) does not build their classes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from homekit.domain.models import CLEARABLE_FIELDS, EDITABLE_FIELDS, SessionFields
from homekit.domain.records import Record


@dataclass(frozen=True, eq=False, repr=False)
class SessionDraft(SessionFields):
    """What a user enters for a session (`SessionFields`); validated, not yet stored."""


@dataclass(frozen=True, eq=False, repr=False)
class SessionChanges(Record):
    """An edit: the fields given (None: keep as stored) and the fields to clear."""

    session_date: dt.date | None = None
    start_time: str | None = None
    duration_min: int | None = None
    areas: tuple[str, ...] | None = None
    device_level: int | None = None
    glasses_worn: bool | None = None
    stinging: int | None = None
    notes: str | None = None
    clear: frozenset[str] = frozenset()

    @classmethod
    def whole(cls, draft: SessionDraft) -> SessionChanges:
        """Every field as in `draft`, the empty ones cleared (what an edit form submits)."""
        values = {f: getattr(draft, f) for f in EDITABLE_FIELDS}
        cleared = frozenset(f for f in CLEARABLE_FIELDS if values[f] in (None, (), ""))
        return cls(**{k: v for k, v in values.items() if k not in cleared}, clear=cleared)

    @classmethod
    def between(cls, shown: SessionDraft, submitted: SessionDraft) -> SessionChanges:
        """Only the fields a form changed from what it `shown`: the others stay as stored,
        even where the form shows a stored "not noted" as a value (glasses ticked)."""
        changed = cls.whole(submitted)
        keep = {f for f in EDITABLE_FIELDS if getattr(shown, f) == getattr(submitted, f)}
        values = {f: getattr(changed, f) for f in EDITABLE_FIELDS if f not in keep}
        return cls(**values, clear=changed.clear - keep)

    def apply(self, draft: SessionDraft) -> SessionDraft:
        blank = SessionDraft(draft.session_date)
        updates = {f: getattr(blank, f) for f in self.clear}
        updates.update({f: v for f in EDITABLE_FIELDS if (v := getattr(self, f)) is not None})
        return replace(draft, **updates)

    def is_empty(self) -> bool:
        return not self.clear and all(getattr(self, f) is None for f in EDITABLE_FIELDS)


@dataclass(frozen=True, eq=False, repr=False)
class SessionFilter(Record):
    """Which sessions a history shows: text in notes or areas (any case), a date range."""

    search: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    #: Only the sessions of this treatment (None: every one).
    treatment: str | None = None

    @property
    def active(self) -> bool:
        return bool(self.search or self.since or self.until or self.treatment)


@dataclass(frozen=True, eq=False, repr=False)
class RednessDraft(Record):
    """A redness observation read from a file, not yet stored."""

    observed_at: str
    severity: int
    faded_after_min: int | None = None
    notes: str = ""


@dataclass(frozen=True, eq=False, repr=False)
class SessionImport(Record):
    """A session read from a file, with the timestamp it was first logged and its redness."""

    draft: SessionDraft
    created_at: str
    redness: tuple[RednessDraft, ...] = ()
