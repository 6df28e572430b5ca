"""Every sentence both UIs show, built from the services' facts and the domain's constants.

The CLI prints these and the app shows them, so a hint can never disagree with a validator
or with the other UI. Nothing here reads the clock, the store or the terminal.
"""

from __future__ import annotations

import datetime as dt
import shlex

from homekit.domain import rules
from homekit.domain.errors import HomekitError
from homekit.domain.models import REDNESS_LEVELS, STINGING_LEVELS, Redness, Session, Status

# -- safety texts ---------------------------------------------------------------------

CONDITION_WARNING = (
    "Microdermabrasion is not suitable for people with eczema or acne rosacea: it can cause "
    "serious outbreaks. Please consult a skin professional before using the kit."
)
CONDITION_BLOCKED_APP = "Logging stays blocked until you acknowledge the warning."
CONDITION_BLOCKED_CLI = (
    "Logging stays blocked until you acknowledge: homekit profile condition yes --acknowledge"
)
GLASSES_WARNING = "protective glasses must cover your eyes during every session."
INTERVAL_HINT = (
    f"at least {rules.MIN_INTERVAL_DAYS} days (clinics often use 14 to 28), "
    f"at most {rules.MAX_INTERVAL_DAYS}"
)


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


def control_free(text: str) -> str:
    """`text` with terminal control characters (ESC, bidi overrides, ...) made visible."""
    out = []
    for ch in text:
        code = ord(ch)
        if code < 32 and ch != "\n" or code == 127 or 0x80 <= code < 0xA0 or ch in _BIDI:
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


_BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


# -- errors ---------------------------------------------------------------------------


def _too_close(f: dict[str, object], exc: HomekitError) -> str:
    attempted = getattr(exc, "attempted", None)
    conflicting = getattr(exc, "conflicting", None)
    nxt = getattr(exc, "next_eligible", None)
    days_left = getattr(exc, "days_left", None) or 0
    interval = getattr(exc, "interval_days", None)
    if f.get("gap_days") == 0 and conflicting is not None:
        where = f"a session is already logged on {conflicting.isoformat()}"
    else:
        where = f"{attempted} is {f.get('relation')} the session on {conflicting}"
    return (f"refused: {where}; sessions must be at least {interval} days apart. "
            f"Next eligible date: {nxt} ({in_days(days_left)}).")


_ERRORS = {
    "unknown_profile": lambda f, e: (
        f"unknown profile {f['name']!r}; create it with: homekit profile add "
        + shlex.quote(str(f["name"]))),
    "profile_exists": lambda f, e: f"a profile named {f['name']!r} already exists",
    "future_date": lambda f, e: f"{f['date']} is in the future (today is {f['today']})",
    "too_close": _too_close,
    "fade_needs_severity": lambda f, e: "--faded-after needs a redness severity (--redness 0-4)",
    "condition_unacknowledged": lambda f, e: (
        "this profile has eczema or acne rosacea on record: acknowledge the warning "
        "in the app (or: homekit profile condition yes --acknowledge) before logging"),
    "no_sessions": lambda f, e: "no session logged yet; log a session first",
    "unknown_format": lambda f, e: f"unknown export format {f['format']!r}; choose csv or json",
    "demo_needs_new_file": lambda f, e: (
        f"{shown(f['path'])} already exists; the demo only fills a new file "
        "(try: homekit demo --db demo.db)"),
}


def error(exc: BaseException) -> str:
    """The one line a user reads for `exc`, with control characters made visible."""
    render = _ERRORS.get(exc.code or "") if isinstance(exc, HomekitError) else None
    text = render(exc.facts, exc) if render and isinstance(exc, HomekitError) else str(exc)
    return control_free(text)


# -- undo, profile delete, history search (issue 12) --------------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _iso_day(text: object) -> str:
    try:
        return day(dt.date.fromisoformat(str(text)))
    except ValueError:
        return str(text)


def undo_step_text(step: object) -> str:
    """What an undo step reverts: `deleted session #12 of 2026-11-10 (Tue)`."""
    kind = getattr(step, "kind", "")
    f: dict = getattr(step, "facts", {}) or {}
    if kind == "session_deleted":
        red = f.get("observations") or 0
        extra = f" with {_plural(red, 'redness observation')}" if red else ""
        return f"deleted session #{f.get('session_id')} of {_iso_day(f.get('date'))}{extra}"
    if kind == "session_edited":
        return f"edit of session #{f.get('session_id')} of {_iso_day(f.get('date'))}"
    if kind == "redness_deleted":
        sev = f.get("severity")
        word = REDNESS_LEVELS[sev] if isinstance(sev, int) and 0 <= sev < len(REDNESS_LEVELS) else "?"
        return (f"deleted redness observation ({sev} {word}) of session #{f.get('session_id')} "
                f"of {_iso_day(f.get('date'))}")
    if kind == "profile_deleted":
        return (f"deleted profile {f.get('profile')!r} "
                f"with {_plural(int(f.get('sessions') or 0), 'session')}")
    if kind == "profile_edited":
        if f.get("new_name") and f.get("new_name") != f.get("profile"):
            return f"change of profile {f.get('profile')!r} (renamed to {f.get('new_name')!r})"
        return f"change of profile {f.get('profile')!r}"
    return str(kind)


def undone_text(step: object) -> str:
    return f"Undone: {undo_step_text(step)}."


def profile_deleted_text(done: object) -> str:
    p = getattr(done, "profile", None)
    n, m = getattr(done, "sessions", 0), getattr(done, "observations", 0)
    return (f"Deleted profile {getattr(p, 'name', '?')!r} with {_plural(n, 'session')} and "
            f"{_plural(m, 'redness observation')}. Backup first: {shown(getattr(done, 'backup', ''))}")


UNDO_HINT_CLI = "To bring it back: homekit undo"
UNDO_HINT_APP = "Press u (or ctrl+z) to undo."


def history_filter_text(count: int, search: str | None, since: dt.date | None,
                        until: dt.date | None) -> str:
    """`3 sessions matching "cheek" from 2026-10-01` (the history header and the CLI)."""
    parts = [_plural(count, "session")]
    if search:
        parts.append(f"matching {search!r}")
    if since:
        parts.append(f"from {since.isoformat()}")
    if until:
        parts.append(f"until {until.isoformat()}")
    return " ".join(parts)


def chart_saved_text(kind: str, path: object) -> str:
    """`Saved the progress chart to ...`; `all` is both charts in one file."""
    what = "both charts (progress and redness)" if kind == "all" else f"the {kind} chart"
    return f"Saved {what} to {shown(path, 200)}"


def _undo_refused(f: dict[str, object], exc: HomekitError) -> str:
    cause = f.get("cause")
    why = (error(cause) if isinstance(cause, BaseException) else str(exc)).rstrip(".")
    return (f"cannot undo the {undo_step_text(f.get('step'))}: {why}. The step is kept; to "
            "forget it instead: homekit undo --drop")


_ERRORS.update({
    "nothing_to_undo": lambda f, e: "nothing to undo",
    "undo_refused": _undo_refused,
    "undo_session_gone": lambda f, e: "the session no longer exists",
    "undo_profile_gone": lambda f, e: "its profile no longer exists",
    "undo_name_taken": lambda f, e: f"a profile named {f['name']!r} exists again",
    "no_redness": lambda f, e: f"no redness observation with id {f['redness_id']}",
})
