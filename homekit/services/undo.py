"""Undo: every delete or edit of a session, a redness observation or a profile can be reverted,
newest first, from a journal kept in the data file; profiles can be deleted (backup first).

The services write the journal entry inside the same transaction as the change (not SQLite
triggers): one user action (a session with its redness, a profile with all its sessions) is
one undo step, imports and the demo stay out of it, and the entry carries the facts that
`words` needs to describe it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from homekit.domain.errors import HomekitError, InvalidInput, NotFound, RuleViolation
from homekit.services.context import DEFAULT_PROFILE_KEY
from homekit.storage import journal
from homekit.storage import redness as stored_redness
from homekit.storage.journal import (
    PROFILE_DELETED,
    PROFILE_EDITED,
    REDNESS_DELETED,
    REDNESS_EDITED,
    SESSION_DELETED,
    SESSION_EDITED,
)

_T = TypeVar("_T")

if TYPE_CHECKING:
    from homekit.domain.models import Profile
    from homekit.services.context import Context
    from homekit.services.outcomes import UndoStep
    from homekit.services.sessions import Sessions


def _step(entry: journal.Entry) -> UndoStep:
    from homekit.services.outcomes import UndoStep

    return UndoStep(entry.id, entry.kind, entry.created_at, entry.facts)


class Undo:
    """The journal of deletes and edits: list, revert (newest first), drop, clear."""

    def __init__(self, ctx: Context, sessions: Sessions) -> None:
        self.ctx = ctx
        self.sessions = sessions

    # -- undo ---------------------------------------------------------------------------------

    def undo_steps(self, limit: int | None = None) -> list[UndoStep]:
        """What `undo` can revert, newest first."""
        return [_step(e) for e in journal.entries(self.ctx.store, limit)]

    def undo(self) -> UndoStep:
        """Revert the newest step; refused (and kept) if it cannot be put back as it was."""
        with self.ctx.store.write():
            found = journal.entries(self.ctx.store, 1)
            if not found:
                raise InvalidInput(code="nothing_to_undo")
            entry = found[0]
            try:
                _REVERT[entry.kind](self, entry)
            except HomekitError as exc:
                cls = RuleViolation if isinstance(exc, RuleViolation) else InvalidInput
                raise cls(f"cannot undo: {exc}", code="undo_refused", step=_step(entry), cause=exc) from None
            journal.remove(self.ctx.store, entry.id)
        return _step(entry)

    def drop_undo_step(self, step_id: int | None = None) -> UndoStep:
        """Forget a step without reverting it (when it can no longer be put back): the newest,
        checked like every step, or the one with `step_id` even if it cannot be used (the
        way to drop a damaged one)."""
        from homekit.services.outcomes import UndoStep

        with self.ctx.store.write():
            if step_id is None:
                found = journal.entries(self.ctx.store, 1)
                if not found:
                    raise InvalidInput(code="nothing_to_undo")
                step = _step(found[0])
            else:
                entry, fault = journal.entry(self.ctx.store, step_id)
                if entry is None and fault is None:
                    raise NotFound(code="no_undo_step", id=step_id)
                step = _step(entry) if entry is not None else UndoStep(step_id, "", "", fault=fault)
            journal.remove(self.ctx.store, step.id)
        return step

    def clear_undo_steps(self) -> int:
        """Forget every undo step: what was deleted is then gone from the journal."""
        with self.ctx.store.write():
            return journal.clear(self.ctx.store)

    # -- one reverter per kind ------------------------------------------------------------------

    def _profile_of(self, profile_id: int) -> Profile:
        return _needed(self.ctx.store.profile_by_id, profile_id, "its profile", "undo_profile_gone")

    def _check_restored_date(self, row: dict[str, Any], exclude_id: int | None) -> None:
        profile = self._profile_of(row["profile_id"])
        self.sessions.check_date(profile, dt.date.fromisoformat(row["session_date"]), exclude_id=exclude_id)

    def _revert_session_deleted(self, entry: journal.Entry) -> None:
        (row,) = entry.payload["sessions"]
        self._check_restored_date(row, None)
        new_id = journal.insert_row(self.ctx.store, "sessions", row)
        for red in entry.payload["redness"]:
            journal.insert_row(self.ctx.store, "redness", {**red, "session_id": new_id})

    def _revert_session_edited(self, entry: journal.Entry) -> None:
        (row,) = entry.payload["sessions"]
        current = _needed(self.ctx.store.get_session, row["id"], "the session")
        if current.session_date.isoformat() != row["session_date"]:
            self._check_restored_date(row, row["id"])
        journal.update_row(self.ctx.store, "sessions", row)
        # A date edit moved the observations with the session: they move back with it (an
        # observation deleted since stays deleted; one added since is left as it is).
        for red in entry.payload.get("redness", []):
            journal.update_row(self.ctx.store, "redness", red)

    def _revert_redness_deleted(self, entry: journal.Entry) -> None:
        (row,) = entry.payload["redness"]
        _needed(self.ctx.store.get_session, row["session_id"], "its session")
        journal.insert_row(self.ctx.store, "redness", row)

    def _revert_redness_edited(self, entry: journal.Entry) -> None:
        (row,) = entry.payload["redness"]
        _needed(partial(stored_redness.get_redness, self.ctx.store), row["id"], "the observation")
        journal.update_row(self.ctx.store, "redness", row)

    def _revert_profile_deleted(self, entry: journal.Entry) -> None:
        (row,) = entry.payload["profiles"]
        if journal.name_taken(self.ctx.store, row["name"]):
            raise InvalidInput(code="undo_name_taken",
                               name=row["name"])
        profile_id = journal.insert_row(self.ctx.store, "profiles", row)
        ids: dict[int, int] = {}
        for s in entry.payload["sessions"]:
            ids[s["id"]] = journal.insert_row(self.ctx.store, "sessions", {**s, "profile_id": profile_id})
        for red in entry.payload["redness"]:
            journal.insert_row(self.ctx.store, "redness", {**red, "session_id": ids[red["session_id"]]})
        if entry.payload.get("was_default"):
            self.ctx.store.set_setting(DEFAULT_PROFILE_KEY, row["name"])

    def _revert_profile_edited(self, entry: journal.Entry) -> None:
        (row,) = entry.payload["profiles"]
        current = self._profile_of(row["id"])
        if row["name"] != current.name and journal.name_taken(self.ctx.store, row["name"]):
            raise InvalidInput(code="undo_name_taken",
                               name=row["name"])
        journal.update_row(self.ctx.store, "profiles", row)
        if row["name"] != current.name:
            if self.ctx.store.get_setting(DEFAULT_PROFILE_KEY) == current.name:
                self.ctx.store.set_setting(DEFAULT_PROFILE_KEY, row["name"])
            if self.ctx.uses_profile(current.name):
                self.ctx.use_profile(row["name"])


_REVERT = {
    SESSION_DELETED: Undo._revert_session_deleted,
    SESSION_EDITED: Undo._revert_session_edited,
    REDNESS_DELETED: Undo._revert_redness_deleted,
    REDNESS_EDITED: Undo._revert_redness_edited,
    PROFILE_DELETED: Undo._revert_profile_deleted,
    PROFILE_EDITED: Undo._revert_profile_edited,
}


def _needed(read: Callable[[int], _T], row_id: int, what: str,
            code: str = "undo_session_gone") -> _T:
    """`read(row_id)`; when that row is gone, the refusal to undo: "<what> no longer exists"."""
    try:
        return read(row_id)
    except NotFound:
        raise NotFound(f"{what} no longer exists", code=code) from None
