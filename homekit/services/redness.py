"""Redness seen after a session: recorded, and judged by the domain's alert rule."""

from __future__ import annotations

from dataclasses import replace

from homekit.domain import gates, rules
from homekit.domain.errors import InvalidInput, NotFound
from homekit.domain.models import Redness as Observation
from homekit.services.context import OnContext
from homekit.storage import journal
from homekit.storage import redness as stored_redness


class Redness(OnContext):
    """Observations of redness after a session."""

    def add_redness(
        self,
        session_id: int | None,
        severity: int,
        faded_after_min: int | None = None,
        notes: str = "",
    ) -> tuple[Observation, rules.RednessAlert | None]:
        """Record redness seen after a session (default: the profile's latest session)."""
        with self.ctx.store.write():
            if session_id is None:
                latest = self.ctx.store.latest_session(self.ctx.profile().id)
                if latest is None:
                    raise NotFound(code="no_sessions")
                session_id = latest.id
            session = self.ctx.store.get_session(session_id)
            red = stored_redness.insert_redness(self.ctx.store,
                session.id, self.ctx.now().isoformat(timespec="minutes"), severity, faded_after_min,
                notes
            )
        return red, rules.redness_alert(red, self.ctx.now(), gates.session_start(session))

    def redness(self, redness_id: int) -> Observation:
        return stored_redness.get_redness(self.ctx.store, redness_id)

    def edit_redness(
        self,
        redness_id: int,
        *,
        severity: int | None = None,
        faded_after_min: int | None = None,
        still_red: bool = False,
        notes: str | None = None,
    ) -> tuple[Observation, rules.RednessAlert | None]:
        """Correct a stored observation: the fields given change, the others stay."""
        if still_red and faded_after_min is not None:
            raise InvalidInput(field="faded", code="faded_and_still_red")
        with self.ctx.store.write():
            red = stored_redness.get_redness(self.ctx.store, redness_id)
            changed = replace(
                red,
                severity=red.severity if severity is None else severity,
                faded_after_min=None if still_red else (
                    red.faded_after_min if faded_after_min is None else faded_after_min),
                notes=red.notes if notes is None else notes,
            )
            if changed.severity == 0:
                changed = replace(changed, faded_after_min=None)
            if changed != red:  # an unchanged save writes nothing, no undo step
                self._journal_redness(journal.REDNESS_EDITED, red)
                red = stored_redness.update_redness(self.ctx.store, changed)
            session = self.ctx.store.get_session(red.session_id)
        return red, rules.redness_alert(red, self.ctx.now(), gates.session_start(session))

    def delete_redness(self, redness_id: int) -> Observation:
        """Delete one observation (undoable: `homekit undo` puts it back)."""
        with self.ctx.store.write():
            red = stored_redness.get_redness(self.ctx.store, redness_id)
            self._journal_redness(journal.REDNESS_DELETED, red)
            stored_redness.delete_redness(self.ctx.store, redness_id)
        return red

    def _journal_redness(self, kind: str, red: Observation) -> None:
        """Record the observation as it is, for undo (inside the caller's transaction)."""
        session = self.ctx.store.get_session(red.session_id)
        facts = {"redness_id": red.id, "session_id": session.id,
                 "date": session.session_date.isoformat(), "severity": red.severity}
        rows = journal.redness_rows(self.ctx.store, int(red.id or 0))["redness"]
        journal.record(self.ctx.store, kind, facts, {"redness": rows}, self.ctx.stamp())
