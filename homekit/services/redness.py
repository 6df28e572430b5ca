"""Redness seen after a session: recorded, and judged by the domain's alert rule."""

from __future__ import annotations

from homekit.domain import rules
from homekit.domain.errors import NotFound
from homekit.domain.models import Redness
from homekit.services.base import ServiceBase


class RednessService(ServiceBase):
    def add_redness(
        self,
        session_id: int | None,
        severity: int,
        faded_after_min: int | None = None,
        notes: str = "",
    ) -> tuple[Redness, rules.RednessAlert | None]:
        """Record redness seen after a session (default: the profile's latest session)."""
        with self._store.write():
            if session_id is None:
                latest = self._store.latest_session(self.profile().id)
                if latest is None:
                    raise NotFound("no session logged yet", code="no_sessions")
                session_id = latest.id
            else:
                self._store.get_session(session_id)
            red = self._store.insert_redness(
                session_id, self.now().isoformat(timespec="minutes"), severity, faded_after_min, notes
            )
        return red, rules.redness_alert(red, self.now())
