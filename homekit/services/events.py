"""Adverse events: log, list, resolve (or a professional's clearance), delete; the hold an open
event puts on the next resurfacing session (domain.events, domain.gates.event_gate).

`Events` is the use case (`hk.events`), taking the context in its constructor. The functions
below it are what other use cases share with it, each taking the context: the hold and its
clearance (`Sessions.log_session`), export and import (`Transfer`), undo (`Undo`).
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from homekit.domain import events as rules
from homekit.domain.errors import InvalidInput, NotFound, RuleViolation
from homekit.domain.events import AdverseEvent, EventDraft
from homekit.domain.gates import Gate, event_gate
from homekit.services.context import Context, OnContext
from homekit.storage import events as store_events
from homekit.storage import journal

if TYPE_CHECKING:
    from homekit.domain.models import Profile
    from homekit.transfer.eventfiles import EventEntry


class Events(OnContext):
    """The adverse events of the current profile."""

    # -- reading --------------------------------------------------------------------------

    def list(self, *, open_only: bool = False, profile: Profile | None = None) -> list[AdverseEvent]:
        """The profile's events, oldest first; `open_only`: those not resolved."""
        found = profile or self.ctx.existing_profile()
        if found is None:
            return []
        return events_of(self.ctx, found, open_only=open_only)

    def get(self, event_id: int) -> AdverseEvent:
        return store_events.get_event(self.ctx.store, event_id, self.ctx.profile().id)

    def gate(self, profile: Profile, day: dt.date | None = None, treatment: str | None = None,
             depth: float | None = None) -> Gate | None:
        """The hold of the profile's open events on a session of `treatment` on `day`."""
        return hold_gate(self.ctx, profile, day or self.ctx.today(), treatment, depth)

    def check_hold(self, profile: Profile, day: dt.date, cleared: bool,
                   treatment: str | None = None,
                   depth: float | None = None) -> builtins.list[AdverseEvent]:
        return check_hold(self.ctx, profile, day, cleared, treatment, depth)

    # -- writing ----------------------------------------------------------------------------

    def log(self, kind: str, *, day: dt.date | None = None, session_id: int | None = None,
            notes: str = "") -> AdverseEvent:
        """Store an open adverse event; returns it (the words add the guidance)."""
        from homekit.domain import validate

        kind = rules.kind(kind)
        notes = validate.notes(notes)
        store, today = self.ctx.store, self.ctx.today()
        profile = self.ctx.profile()
        if day is not None and day > today:
            raise InvalidInput(field="date", code="future_date", date=day, today=today)
        with store.write():
            if session_id is not None:
                session = store.get_session(session_id)
                if session.profile_id != profile.id:
                    raise NotFound(f"no session with id {session_id}")
                day = day or session.session_date
                if day < session.session_date:
                    raise InvalidInput(field="date", code="event_before_session", date=day,
                                       session_date=session.session_date, id=session_id)
            draft = EventDraft(kind, day or today, session_id, notes)
            return store_events.insert_event(store, profile.id, draft, self.ctx.stamp())

    def resolve(self, event_id: int, *, day: dt.date | None = None,
                by_professional: bool = False) -> AdverseEvent:
        """Mark an event resolved on `day` (default today), or cleared by a skin professional;
        undoable. An event already resolved keeps its date unless `day` is given."""
        store, today = self.ctx.store, self.ctx.today()
        profile = self.ctx.profile()
        with store.write():
            event = store_events.get_event(store, event_id, profile.id)
            on = day or event.resolved_on or today
            rules.check_resolution(event, on, today)
            if (event.resolved_on, event.resolved_by_professional) == (
                    on, by_professional or event.resolved_by_professional):
                return event
            journal.record_event(store, journal.EVENT_EDITED, event_id, profile.name,
                                 self.ctx.stamp())
            store_events.set_resolution(store, event_id, on,
                                        by_professional or event.resolved_by_professional)
            return store_events.get_event(store, event_id)

    def delete(self, event_id: int) -> AdverseEvent:
        """Delete an event; undoable."""
        store, profile = self.ctx.store, self.ctx.profile()
        with store.write():
            event = store_events.get_event(store, event_id, profile.id)
            journal.record_event(store, journal.EVENT_DELETED, event_id, profile.name,
                                 self.ctx.stamp())
            store_events.delete_event(store, event_id)
        return event


def events_of(ctx: Context, profile: Profile, *, open_only: bool = False) -> list[AdverseEvent]:
    """A profile's events, oldest first (the report's, the list's)."""
    return store_events.events(ctx.store, profile.id, open_only=open_only)


# -- the hold, for logging a session --------------------------------------------------------


def hold_gate(ctx: Context, profile: Profile, day: dt.date, treatment: str | None = None,
              depth: float | None = None) -> Gate | None:
    return event_gate(store_events.events(ctx.store, profile.id, open_only=True), day,
                      treatment, depth)


def check_hold(ctx: Context, profile: Profile, day: dt.date, cleared: bool,
               treatment: str | None = None, depth: float | None = None) -> list[AdverseEvent]:
    """Raise (exit 3) when an open event holds a session on `day`; with `cleared` (a skin
    professional's clearance, given when logging) return the events it clears."""
    gate = hold_gate(ctx, profile, day, treatment, depth)
    if gate is None:
        return []
    if cleared:
        return rules.holding(store_events.events(ctx.store, profile.id, open_only=True), day)
    raise RuleViolation(code="adverse_event_block", gate=gate)


def clear(ctx: Context, held: list[AdverseEvent], day: dt.date) -> None:
    """Mark `held` cleared by a professional on `day` (the caller holds the write)."""
    for e in held:
        store_events.set_resolution(ctx.store, e.id, max(day, e.event_date), True)


# -- export and import ------------------------------------------------------------------------


def export_events(ctx: Context, profiles: list[Profile]) -> dict[str, list[dict[str, object]]]:
    """Per profile name, its events as an export writes them (profiles without: left out)."""
    from homekit.transfer.eventfiles import event_json

    out: dict[str, list[dict[str, object]]] = {}
    for p in profiles:
        found = store_events.events(ctx.store, p.id)
        if not found:
            continue
        dates = {s.id: s.session_date for s in ctx.store.sessions(p.id)} if any(
            e.session_id is not None for e in found) else {}
        out[p.name] = [event_json(e, dates.get(e.session_id or -1)) for e in found]
    return out


def import_events(ctx: Context, entries: list[EventEntry], dry_run: bool) -> tuple[int, int]:
    """Store the events read from an export; returns (added, skipped). An event already
    stored (same kind, date, notes and created_at) is skipped, as many times as it is stored:
    two identical events in the file and one stored add one. Exempt from the gates (an import
    records the past)."""
    if dry_run or not entries:
        return len(entries), 0
    store = ctx.store
    added = skipped = 0
    with store.write():
        seen: dict[int, Counter[tuple[str, dt.date, str, str]]] = {}
        for e in entries:
            profile = store.profile_by_name(e.profile)
            if profile is None:
                continue
            if profile.id not in seen:
                seen[profile.id] = Counter((s.kind, s.event_date, s.notes, s.created_at)
                                           for s in store_events.events(store, profile.id))
            created = e.created_at or ctx.stamp()
            key = (e.draft.kind, e.draft.event_date, e.draft.notes, created)
            if seen[profile.id][key] > 0:
                seen[profile.id][key] -= 1
                skipped += 1
                continue
            session = (store.session_on_or_before(profile.id, e.session_date)
                       if e.session_date else None)
            session_id = (session.id if session is not None
                          and session.session_date == e.session_date else None)
            store_events.insert_event(store, profile.id, replace(e.draft, session_id=session_id),
                                      created)
            added += 1
    return added, skipped


# -- undo -------------------------------------------------------------------------------------


def revert_deleted(ctx: Context, entry: journal.Entry) -> None:
    (row,) = entry.payload["adverse_events"]
    try:
        ctx.store.profile_by_id(row["profile_id"])
    except NotFound:
        raise NotFound(code="undo_profile_gone") from None
    row = dict(row)
    if row.get("session_id") is not None:
        try:
            ctx.store.get_session(row["session_id"])
        except NotFound:
            row["session_id"] = None
    journal.insert_row(ctx.store, "adverse_events", row)


def revert_edited(ctx: Context, entry: journal.Entry) -> None:
    (row,) = entry.payload["adverse_events"]
    try:
        store_events.get_event(ctx.store, row["id"])
    except NotFound:
        raise NotFound(code="undo_event_gone") from None
    journal.update_row(ctx.store, "adverse_events",
                       {k: row[k] for k in ("id", "resolved_on", "resolved_by_professional")
                        if k in row})
