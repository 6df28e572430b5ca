"""Plain-text renderings of domain objects, shared by the CLI and the app."""

from __future__ import annotations

import datetime as dt

from homekit.domain.models import REDNESS_LEVELS, STINGING_LEVELS, Redness, Session, Status


def day(d: dt.date | None) -> str:
    """`2026-12-01 (Tue)`: ISO date with the weekday beside it."""
    return "-" if d is None else f"{d.isoformat()} ({d.strftime('%a')})"


def in_days(n: int) -> str:
    if n == 0:
        return "eligible now"
    return f"in {n} day{'s' if n != 1 else ''}"


def redness_words(r: Redness) -> str:
    """`2 mild, faded after 10 min`, `3 marked, still red`, or `0 none`."""
    if r.severity == 0:
        return "0 none"
    faded = "still red" if r.faded_after_min is None else f"faded after {r.faded_after_min} min"
    return f"{r.severity} {REDNESS_LEVELS[r.severity]}, {faded}"


def redness_text(r: Redness | None) -> str:
    if r is None:
        return "none recorded"
    return f"{redness_words(r)} (session {r.session_id})"


def session_text(s: Session) -> str:
    parts = [f"#{s.id} {day(s.session_date)}"]
    if s.start_time:
        parts.append(f"at {s.start_time}")
    if s.duration_min is not None:
        parts.append(f"{s.duration_min} min")
    if s.areas:
        parts.append(", ".join(s.areas))
    if s.device_level is not None:
        parts.append(f"level {s.device_level}")
    if s.glasses_worn is not None:
        parts.append("glasses worn" if s.glasses_worn else "NO glasses")
    if s.stinging is not None:
        parts.append(f"stinging {STINGING_LEVELS[s.stinging]}")
    worst = s.worst_redness
    if worst is not None:
        parts.append(f"redness {worst.severity_word}")
    line = "  ".join(parts)
    if s.notes:
        first = s.notes.splitlines()[0] if s.notes.strip() else ""
        line += f"  \u2014 {first[:60]}"
    return line


def status_text(st: Status) -> str:
    rows = [
        ("Profile", st.profile),
        ("Sessions", f"{st.sessions_done} of {st.target_sessions} done"),
        ("Interval", f"at least {st.min_interval_days} days between sessions"),
        ("Last session", day(st.last_session_date)),
    ]
    if st.next_eligible_date is None:
        rows.append(("Next session", "eligible now (nothing logged yet)"))
    else:
        rows.append(("Next session", f"{day(st.next_eligible_date)}, {in_days(st.days_until_eligible)}"))
    rows.append(("Target reached" if st.sessions_done >= st.target_sessions else "Projected completion",
                 day(st.projected_completion_date)))
    rows.append(("Latest redness", redness_text(st.latest_redness)))
    width = max(len(k) for k, _ in rows) + 2
    text = "\n".join(f"{k + ':':<{width}}{v}" for k, v in rows)
    if st.redness_warning:
        text += f"\n\nWarning: {st.redness_warning}"
    if st.clock_warning:
        text += f"\n\nNote: {st.clock_warning}"
    return text


def shown(path: object, limit: int = 120) -> str:
    """A path as a message shows it: on one line (control characters escaped), not too long."""
    text = str(path)
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        text = repr(text)[1:-1]
    return text if len(text) <= limit else text[: limit // 2 - 2] + "..." + text[-limit // 2 + 1:]
