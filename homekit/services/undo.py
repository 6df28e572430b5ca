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
from typing import TYPE_CHECKING, Any, TypeVar

from homekit.domain.errors import HomekitError, InvalidInput, NotFound, RuleViolation
from homekit.services.base import DEFAULT_PROFILE_KEY
from homekit.services.datafile import DataFileService
from homekit.services.sessions import SessionsService
from homekit.storage import journal
from homekit.storage.journal import (
    EVENT_DELETED,
    EVENT_EDITED,
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
    from homekit.services.outcomes import ProfileDeleted, UndoStep


def _step(entry: journal.Entry) -> UndoStep:
    from homekit.services.outcomes import UndoStep

    return UndoStep(entry.id, entry.kind, entry.created_at, entry.facts)


class UndoService(SessionsService, DataFileService):
    # -- deletes that only the journal can bring back ------------------------------------------

    def delete_profile(self, name: str) -> ProfileDeleted:
        """Delete a profile with all its sessions: an automatic backup first, then undoable."""
        from homekit.services.outcomes import ProfileDeleted

        profile = self._store.profile_by_name(name)
        if profile is None:
            raise NotFound(f"unknown profile {name!r}", code="unknown_profile", name=name)
        backup = self.backup()
        with self._store.write():
            rows = journal.profile_rows(self._store, profile.id)
            was_default = self._store.get_setting(DEFAULT_PROFILE_KEY) == name
            facts = {"profile": name, "sessions": len(rows["sessions"]),
                     "observations": len(rows["redness"]), "backup": str(backup)}
            journal.record(self._store, PROFILE_DELETED, facts,
                           {**rows, "was_default": was_default}, self._stamp())
            journal.delete_profile(self._store, profile.id)
            if was_default:
                others = self._store.profiles()
                if others:
                    self._store.set_setting(DEFAULT_PROFILE_KEY, others[0].name)
                else:
                    journal.delete_setting(self._store, DEFAULT_PROFILE_KEY)
        if self._profile_name == name:
            self._profile_name = None
        return ProfileDeleted(profile, len(rows["sessions"]), len(rows["redness"]), backup)

    # -- undo ---------------------------------------------------------------------------------

    def undo_steps(self, limit: int | None = None) -> list[UndoStep]:
        """What `undo` can revert, newest first."""
        return [_step(e) for e in journal.entries(self._store, limit)]

    def undo(self) -> UndoStep:
        """Revert the newest step; refused (and kept) if it cannot be put back as it was."""
        with self._store.write():
            found = journal.entries(self._store, 1)
            if not found:
                raise InvalidInput("nothing to undo", code="nothing_to_undo")
            entry = found[0]
            try:
                _REVERT[entry.kind](self, entry)
            except HomekitError as exc:
                cls = RuleViolation if isinstance(exc, RuleViolation) else InvalidInput
                raise cls(f"cannot undo: {exc}", code="undo_refused", step=_step(entry), cause=exc) from None
            journal.remove(self._store, entry.id)
        return _step(entry)

    def drop_undo_step(self, step_id: int | None = None) -> UndoStep:
        """Forget a step without reverting it (when it can no longer be put back): the newest,
        checked like every step, or the one with `step_id` even if it cannot be used (the
        way to drop a damaged one)."""
        from homekit.services.outcomes import UndoStep

        with self._store.write():
            if step_id is None:
                found = journal.entries(self._store, 1)
                if not found:
                    raise InvalidInput("nothing to undo", code="nothing_to_undo")
                step = _step(found[0])
            else:
                entry, fault = journal.entry(self._store, step_id)
                if entry is None and fault is None:
                    raise NotFound(f"no undo step {step_id}", code="no_undo_step", id=step_id)
                step = _step(entry) if entry is not None else UndoStep(step_id, "", "", fault=fault)
            journal.remove(self._store, step.id)
        return step

    def clear_undo_steps(self) -> int:
        """Forget every undo step: what was deleted is then gone from the journal."""
        with self._store.write():
            return journal.clear(self._store)

    # -- one reverter per kind ------------------------------------------------------------------

    def _profile_of(self, profile_id: int) -> Profile:
        return _needed(self._store.profile_by_id, profile_id, "its profile", "undo_profile_gone")

    def _check_restored_date(self, row: dict[str, Any], exclude_id: int | None) -> None:
        profile = self._profile_of(row["profile_id"])
        self.check_date(profile, dt.date.fromisoformat(row["session_date"]), exclude_id=exclude_id)

    def _revert_session_deleted(self, entry: journal.Entry) -> None:
        (row,) = entry.payload["sessions"]
        self._check_restored_date(row, None)
        new_id = journal.insert_row(self._store, "sessions", row)
        for red in entry.payload["redness"]:
            journal.insert_row(self._store, "redness", {**red, "session_id": new_id})

    def _revert_session_edited(self, entry: journal.Entry) -> None:
        (row,) = entry.payload["sessions"]
        current = _needed(self._store.get_session, row["id"], "the session")
        if current.session_date.isoformat() != row["session_date"]:
            self._check_restored_date(row, row["id"])
        journal.update_row(self._store, "sessions", row)
        # A date edit moved the observations with the session: they move back with it (an
        # observation deleted since stays deleted; one added since is left as it is).
        for red in entry.payload.get("redness", []):
            journal.update_row(self._store, "redness", red)

    def _revert_redness_deleted(self, entry: journal.Entry) -> None:
        (row,) = entry.payload["redness"]
        _needed(self._store.get_session, row["session_id"], "its session")
        journal.insert_row(self._store, "redness", row)

    def _revert_redness_edited(self, entry: journal.Entry) -> None:
        (row,) = entry.payload["redness"]
        _needed(self._store.get_redness, row["id"], "the observation")
        journal.update_row(self._store, "redness", row)

    def _revert_profile_deleted(self, entry: journal.Entry) -> None:
        (row,) = entry.payload["profiles"]
        if journal.name_taken(self._store, row["name"]):
            raise InvalidInput("another profile now has its name", code="undo_name_taken",
                               name=row["name"])
        profile_id = journal.insert_row(self._store, "profiles", row)
        ids: dict[int, int] = {}
        for s in entry.payload["sessions"]:
            ids[s["id"]] = journal.insert_row(self._store, "sessions", {**s, "profile_id": profile_id})
        for red in entry.payload["redness"]:
            journal.insert_row(self._store, "redness", {**red, "session_id": ids[red["session_id"]]})
        for ev in entry.payload.get("adverse_events", []):
            journal.insert_row(self._store, "adverse_events", {
                **ev, "profile_id": profile_id,
                "session_id": ids.get(ev["session_id"]) if ev.get("session_id") else None})
        if entry.payload.get("was_default"):
            self._store.set_setting(DEFAULT_PROFILE_KEY, row["name"])

    def _revert_profile_edited(self, entry: journal.Entry) -> None:
        (row,) = entry.payload["profiles"]
        current = self._profile_of(row["id"])
        if row["name"] != current.name and journal.name_taken(self._store, row["name"]):
            raise InvalidInput("another profile now has its name", code="undo_name_taken",
                               name=row["name"])
        journal.update_row(self._store, "profiles", row)
        if row["name"] != current.name:
            if self._store.get_setting(DEFAULT_PROFILE_KEY) == current.name:
                self._store.set_setting(DEFAULT_PROFILE_KEY, row["name"])
            if self._profile_name == current.name:
                self._profile_name = row["name"]


_REVERT = {
    SESSION_DELETED: UndoService._revert_session_deleted,
    SESSION_EDITED: UndoService._revert_session_edited,
    REDNESS_DELETED: UndoService._revert_redness_deleted,
    REDNESS_EDITED: UndoService._revert_redness_edited,
    PROFILE_DELETED: UndoService._revert_profile_deleted,
    PROFILE_EDITED: UndoService._revert_profile_edited,
    EVENT_DELETED: lambda self, entry: self.events.revert_deleted(entry),  # type: ignore[attr-defined]
    EVENT_EDITED: lambda self, entry: self.events.revert_edited(entry),  # type: ignore[attr-defined]
}


def _needed(read: Callable[[int], _T], row_id: int, what: str,
            code: str = "undo_session_gone") -> _T:
    """`read(row_id)`; when that row is gone, the refusal to undo: "<what> no longer exists"."""
    try:
        return read(row_id)
    except NotFound:
        raise NotFound(f"{what} no longer exists", code=code) from None
