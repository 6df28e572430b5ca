"""One place that turns a session into table cells, for history and the dashboard alike.

Each column: (heading, sort key, cell text). What matters most comes first, so that 80
columns show date, minutes and redness; Enter opens the session with every field. Cells are
plain text (`plain.cell`): notes and areas are data, never markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from homekit.domain.models import STINGING_LEVELS, Session
from homekit.tui import format as fmt
from homekit.tui.widgets import plain


def _treatment(s: Session) -> str:
    """`peel · `, `microneedling 0.5 mm · ` (microdermabrasion, the default, says nothing)."""
    if s.treatment == "microdermabrasion" and not s.despite:
        return ""
    label = s.treatment if s.depth_mm is None else f"{s.treatment} {s.depth_mm:g} mm"
    despite = f" despite {'+'.join(s.despite)}" if s.despite else ""
    return f"{label}{despite} · "


def _opt(value: Any) -> tuple[bool, Any]:
    """Sort key that puts missing values last."""
    return (value is None, value if value is not None else 0)


#: key -> (heading, sort key, cell text)
COLUMNS: dict[str, tuple[str, Callable[[Session], Any], Callable[[Session], str]]] = {
    # What matters most comes first, so that 80 columns show date, minutes and redness;
    # Enter opens the session with every field. The number is the session's place by date
    # (as the CLI, the report and the calendar count); the id is shown in the session itself.
    "number": ("#", lambda s: (s.session_date, s.id), lambda s: str(s.number)),
    "date": ("Date", lambda s: (s.session_date, s.id), lambda s: fmt.day(s.session_date)),
    "minutes": ("Min", lambda s: _opt(s.duration_min),
                lambda s: "-" if s.duration_min is None else str(s.duration_min)),
    "redness": ("Worst redness", lambda s: _opt(s.worst_redness and s.worst_redness.severity),
                lambda s: fmt.redness_short(s.worst_redness).replace(" after ", " ")),
    "areas": ("Areas", lambda s: ", ".join(s.areas), lambda s: ", ".join(s.areas) or "-"),
    "stinging": ("Stinging", lambda s: _opt(s.stinging),
                 lambda s: "-" if s.stinging is None else STINGING_LEVELS[s.stinging]),
    "glasses": ("Glasses", lambda s: _opt(s.glasses_worn),
                lambda s: {True: "yes", False: "NO", None: "-"}[s.glasses_worn]),
    "level": ("Level", lambda s: _opt(s.device_level),
              lambda s: "-" if s.device_level is None else str(s.device_level)),
    "time": ("Time", lambda s: _opt(s.start_time), lambda s: s.start_time or "-"),
    "notes": ("Notes", lambda s: s.notes.lower(),
              lambda s: _treatment(s)
              + ("cleared by a professional · " if s.cleared_by_professional else "")
              + (s.notes.splitlines() or [""])[0][:24]),
}

#: The dashboard's recent sessions: the history's columns, fewer of them.
RECENT_COLUMNS = ("number", "date", "minutes", "redness", "areas", "level", "glasses")


def headings(keys: Sequence[str] = tuple(COLUMNS)) -> list[str]:
    return [COLUMNS[k][0] for k in keys]


def session_cells(s: Session, keys: Sequence[str] = tuple(COLUMNS)) -> list[plain.Cell]:
    """The cells of `s` in the columns `keys`, as literal text."""
    return [plain.cell(COLUMNS[k][2](s)) for k in keys]
