"""Undo, profile delete and history filters, in words."""

from __future__ import annotations

import datetime as dt

from homekit.domain.errors import HomekitError
from homekit.domain.vocabulary import REDNESS_LEVELS
from homekit.words.base import day, plural, shown
from homekit.words.errors import _ERRORS, error

# -- undo, profile delete, history search (issue 12) --------------------------------------


def _iso_day(text: object) -> str:
    try:
        return day(dt.date.fromisoformat(str(text)))
    except ValueError:
        return str(text)


def undo_step_text(step: object) -> str:
    """What an undo step reverts: `deleted the session of 2026-11-10 (Tue)` (by its date: its
    number, a place among the sessions, changes as sessions come and go)."""
    kind = getattr(step, "kind", "")
    f: dict = getattr(step, "facts", {}) or {}
    if kind == "session_deleted":
        red = f.get("observations") or 0
        extra = f" with {plural(red, 'redness observation')}" if red else ""
        return f"deleted the session of {_iso_day(f.get('date'))}{extra}"
    if kind == "session_edited":
        return f"edit of the session of {_iso_day(f.get('date'))}"
    if kind == "redness_deleted":
        sev = f.get("severity")
        word = REDNESS_LEVELS[sev] if isinstance(sev, int) and 0 <= sev < len(REDNESS_LEVELS) else "?"
        return (f"deleted redness observation ({sev} {word}) of the session of "
                f"{_iso_day(f.get('date'))}")
    if kind == "redness_edited":
        return (f"correction of a redness observation of the session of "
                f"{_iso_day(f.get('date'))}")
    if kind == "profile_deleted":
        return (f"deleted profile {f.get('profile')!r} "
                f"with {plural(int(f.get('sessions') or 0), 'session')}")
    if kind == "product_deleted":
        return f"deleted the {f.get('kind')} use of {_iso_day(f.get('date'))}"
    if kind == "profile_edited":
        if f.get("new_name") and f.get("new_name") != f.get("profile"):
            return f"change of profile {f.get('profile')!r} (renamed to {f.get('new_name')!r})"
        return f"change of profile {f.get('profile')!r}"
    if kind in ("event_deleted", "event_edited"):
        what = "deleted adverse event" if kind == "event_deleted" else "resolution of adverse event"
        return f"{what} #{f.get('event_id')} ({f.get('kind')} of {_iso_day(f.get('date'))})"
    return str(kind)


def undone_text(step: object) -> str:
    return f"Undone: {undo_step_text(step)}."


def profile_deleted_text(done: object) -> str:
    p = getattr(done, "profile", None)
    n, m = getattr(done, "sessions", 0), getattr(done, "observations", 0)
    return (f"Deleted profile {getattr(p, 'name', '?')!r} with {plural(n, 'session')} and "
            f"{plural(m, 'redness observation')}. Backup first: {shown(getattr(done, 'backup', ''))}")


UNDO_HINT_CLI = "To bring it back: homekit undo"
UNDO_HINT_APP = "Press u (or ctrl+z) to undo."


def history_filter_text(count: int, search: str | None, since: dt.date | None,
                        until: dt.date | None, treatment: str | None = None) -> str:
    """`3 sessions matching "cheek" from 2026-10-01` (the history header and the CLI)."""
    parts = [plural(count, f"{treatment} session" if treatment else "session")]
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


def journal_fault_text(fault: object) -> str:
    """Why an undo step cannot be used: `its payload is not JSON`, `its payload (sessions row
    1, notes): notes contain control characters; ...`."""
    part, problem = getattr(fault, "part", ""), getattr(fault, "problem", "")
    where, detail = getattr(fault, "where", ""), getattr(fault, "detail", "")
    at = f" ({where})" if where else ""
    if problem == "too_large":
        return (f"its {part} is {getattr(fault, 'size', 0):,} characters long; homekit writes "
                f"at most {getattr(fault, 'limit', 0):,}")
    if problem == "unknown_kind":
        return f"its kind {getattr(fault, 'kind', '')!r:.80} is not one homekit writes"
    if problem in ("not_json", "not_object"):
        return f"its {part}{at} is not {'JSON' if problem == 'not_json' else 'a JSON object'}"
    if problem == "unknown_key":
        return f"its {part}{at} holds {detail!r}, which homekit never writes"
    if problem == "missing":
        return f"its {part}{at} lacks {detail!r}"
    if problem == "rows":
        rows = "one row" if detail == "1" else "a list of rows"
        return f"its {part} should hold {rows} of {where}"
    return f"its {part}{at}: {detail}"


def journal_fault_line(fault: object) -> str:
    """`undo step 5: its payload is not JSON (to forget it: homekit undo --drop 5)`."""
    n = getattr(fault, "entry_id", 0)
    return f"undo step {n}: {journal_fault_text(fault)} (to forget it: homekit undo --drop {n})"


def _damaged(f: dict[str, object], e: HomekitError) -> str:
    fault = f["fault"]
    n = getattr(fault, "entry_id", 0)
    return (f"undo step {n} cannot be used: {journal_fault_text(fault)}; nothing was changed. "
            f"To forget it: homekit undo --drop {n}")


def _restore_bad_journal(f: dict[str, object], e: HomekitError) -> str:
    faults = list(f.get("faults") or [])  # type: ignore[call-overload]
    n = len(faults)
    head = (f"restore refused, nothing was restored: {plural(n, 'undo step')} in "
            f"{shown(f['path'])} cannot be used")
    return "\n  ".join([head, *(f"undo step {getattr(x, 'entry_id', 0)}: {journal_fault_text(x)}"
                                for x in faults[:10])])


_ERRORS.update({
    "restore_bad_journal": _restore_bad_journal,
    "undo_step_damaged": _damaged,
    "no_undo_step": "no undo step {id} (see: homekit undo --list --json)",
    "nothing_to_undo": "nothing to undo",
    "undo_refused": _undo_refused,
    "undo_session_gone": "the session no longer exists",
    "undo_profile_gone": "its profile no longer exists",
    "undo_name_taken": "a profile named {name!r} exists again",
    "no_redness": "no redness observation with id {redness_id}",
})
