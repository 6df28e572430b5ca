"""The report's adverse events in words: the line of the course at a glance and the section
(split from report, which assembles the document)."""

from __future__ import annotations

from typing import Any

from homekit.domain.document import Bullets, Paragraph, Section, Table
from homekit.domain.report import ReportFacts
from homekit.words.base import control_free
from homekit.words.events import EVENT_GUIDANCE, event_kind_text, resolution_text


def events_glance(facts: ReportFacts) -> str:
    if not facts.events:
        return "none logged"
    still = sum(e.resolved_on is None for e in facts.events)
    return (f"{len(facts.events)} (see below)" + (f"; {still} not resolved, holding the next "
                                                  "session" if still else ""))


EVENT_HEADER = ("Date", "Event", "Session", "How it ended", "Notes")


def events_section(facts: ReportFacts) -> list[Section]:
    """The adverse events of the period (and every one still open), with how each ended."""
    if not facts.events:
        return []  # "none logged" is in the course at a glance
    today = facts.status.today
    rows = tuple(tuple(control_free(c) for c in (
        e.event_date.isoformat(), event_kind_text(e.kind),
        f"#{e.session_number}" if e.session_number else "-",
        resolution_text(e, today),
        e.notes.strip().splitlines()[0][:200] if e.notes.strip() else "")) for e in facts.events)
    intro = ("Reactions the user logged. An open one holds the next resurfacing session until it is "
             "marked resolved or a skin professional clears it.")
    parts: list[Any] = [Paragraph(intro), Table(EVENT_HEADER, rows,
                                                empty="No adverse events logged.")]
    kinds = sorted({e.kind for e in facts.events if e.resolved_on is None})
    if kinds:
        parts.append(Bullets(tuple(f"{event_kind_text(k).capitalize()}: {EVENT_GUIDANCE[k]}"
                                   for k in kinds)))
    return [Section("Adverse events", tuple(parts))]
