"""Errors in words: `error(exc)` renders any HomekitError from its code and facts (the
renderers of every topic register in `_ERRORS`), and the trust-the-file refusals."""

from __future__ import annotations

import datetime as dt
import string
from typing import Any, Callable

from homekit.domain import rules
from homekit.domain.errors import HomekitError
from homekit.domain.treatments import DEFAULT_TREATMENT
from homekit.words.base import control_free, in_days, shown

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
    treatment = f.get("treatment")
    whose = f"{treatment} sessions" if treatment and treatment != DEFAULT_TREATMENT else "sessions"
    head = f"refused: {where}; {whose} must be at least {interval} days apart."
    openings, today = f.get("openings"), f.get("today")
    if openings is None or not isinstance(today, dt.date) or not isinstance(attempted, dt.date):
        return f"{head} Next eligible date: {nxt} ({in_days(days_left)})."
    earlier = getattr(openings, "earlier", None)
    later = getattr(openings, "later", None)
    if getattr(openings, "neighbours", (None, None)) != (None, None) or \
            getattr(openings, "window", None) is not None:
        return f"{head} {_edit_window(openings, today)}"
    if attempted >= today:  # a session today: when the next one may be
        return f"{head} Next eligible date: {later}{_when(later, today)}."
    # an earlier date (a forgotten session): the nearest dates that can be logged
    before = (f"The latest earlier date you can log: {earlier}" if earlier
              else "No earlier date can be logged")
    return f"{head} {before}; the earliest later one: {later}{_when(later, today)}."


def _when(day: object, today: dt.date) -> str:
    """` (today)`, ` (in 3 days)`, or nothing for a past date, after a date that is free."""
    if not isinstance(day, dt.date) or day < today:
        return ""
    return " (today)" if day == today else f" ({in_days((day - today).days)})"


def _edit_window(openings: object, today: dt.date) -> str:
    """Where an edited session may go: the window between its neighbours (the sessions just
    before and after it), and when that is empty, the nearest free dates."""
    window = getattr(openings, "window", None)
    before, after = getattr(openings, "neighbours", (None, None))
    if before and after:
        where = f"Between the sessions on {before} and {after}"
    elif before:
        where = f"After the session on {before}"
    else:
        where = f"Before the session on {after}"
    if window is None:
        earlier, later = getattr(openings, "earlier", None), getattr(openings, "later", None)
        free = " or ".join(str(d) for d in (earlier, later) if d is not None)
        return f"{where[0].lower()}{where[1:]} no date keeps the rule; the nearest that do: {free}."
    first, last = window
    end = "today" if last == today else str(last)
    if first == last:
        return f"{where} it fits only on {first}."
    if before is None:
        return f"{where} it fits on {end} or any earlier date."
    return f"{where} it fits on a date from {first} to {end}."


def _quoted(text: str) -> str:
    import shlex  # only for this message: not on every command's start-up

    return shlex.quote(text)


#: How an error's code becomes a sentence: a template its facts fill (`{path!p}` shows a path
#: the way `shown` does), or a function of the facts and the error where the words need more.
_ERRORS: dict[str, str | Callable[[dict[str, Any], HomekitError], str]] = {
    "unknown_profile": lambda f, e: (
        f"unknown profile {f['name']!r}; create it with: homekit profile add "
        + _quoted(str(f["name"]))),
    "profile_exists": "a profile named {name!r} already exists",
    "future_date": "{date} is in the future (today is {today})",
    "clock_behind": (
        "the latest session is dated {latest}, after today ({today}): check the system clock "
        "and date; the waiting time counts from that session"),
    "interval_too_short": (
        "an interval of {days} days is too short: sessions must be at least {limit} days apart"),
    "interval_too_long": "an interval of {days} days is longer than {limit} days",
    "future_time": (
        "a session today cannot start at {time}: it is {now} now (log it once it has started, or "
        "give the date it took place)"),
    "too_close": _too_close,
    "fade_needs_severity": "--faded-after needs a redness severity (--redness 0-4)",
    "condition_unacknowledged": (
        "this profile has eczema or acne rosacea on record: acknowledge the warning in the app "
        "(or: homekit profile condition yes --acknowledge) before logging"),
    "no_sessions": "no session logged yet; log a session first",
    "unknown_format": "unknown export format {format!r}; choose csv or json",
    "unknown_chart_kind": "unknown chart kind {kind!r}: use progress, redness or all",
    "demo_needs_new_file": (
        "{path!p} already exists; the demo only fills a new file (try: homekit demo --db demo.db)"),
}


class _Facts(string.Formatter):
    """Fills a template from an error's facts; the conversion `!p` is `shown` (a path)."""

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        return shown(value) if conversion == "p" else super().convert_field(value, conversion)


_FILL = _Facts()


def _renderer(code: str) -> str | Callable[[dict[str, Any], HomekitError], str] | None:
    """`code`'s renderer. Each topic registers its own when it is loaded (homekit.words loads
    a topic on first use), so a code not seen yet loads them all before it counts as unknown."""
    if code and code not in _ERRORS:  # (no code: a sentence of its own, no topic to load)
        from importlib import import_module

        from homekit.words import MODULES

        for topic in MODULES:
            import_module(f"homekit.words.{topic}")
    return _ERRORS.get(code)


def error(exc: BaseException) -> str:
    """The one line a user reads for `exc`, with control characters made visible."""
    render = _renderer(exc.code or "") if isinstance(exc, HomekitError) else None
    if render is None or not isinstance(exc, HomekitError):
        text = str(exc)
    elif isinstance(render, str):
        text = _FILL.vformat(render, (), exc.facts)
    else:
        text = render(exc.facts, exc)
    return control_free(text)


# -- trust the file: schema, rule, restore, backups, modes --

#: At most this many offending rows are named in a one-line refusal.
LISTED_ROWS = 10


def difference_text(d: object) -> str:
    """`it has a trigger x on sessions that homekit does not make`, `its index y is missing`."""
    change, kind, name, table = (getattr(d, a, "") for a in ("change", "type", "name", "table"))
    on = f" on {table}" if table and table != name else ""
    if change == "extra":
        return f"it has a {kind} {name}{on} that homekit does not make"
    if change == "missing":
        return f"its {kind} {name}{on} is missing"
    return f"its {kind} {name}{on} differs from the one homekit makes"


def row_problem(p: object) -> str:
    """One offending row: `profile me, 2026-10-02 (session 5): 1 day after ...`."""
    profile, date, kind = getattr(p, "profile", ""), getattr(p, "date", ""), getattr(p, "kind", "")
    sid = getattr(p, "session_id", None)
    where = ", ".join(x for x in (f"profile {profile}" if profile else "", date) if x)
    if sid is not None:
        where = f"{where} (session id {sid})" if where else f"session id {sid}"
    treatment = getattr(p, "treatment", "")
    if kind == "too_close":
        gap = (dt.date.fromisoformat(date) - dt.date.fromisoformat(p.other)).days  # type: ignore[attr-defined]
        other_id = getattr(p, "other_id", None)
        other = f"session id {other_id}" if other_id is not None else "the session"
        whose = (f"{treatment} sessions of {profile}" if treatment and
                 treatment != DEFAULT_TREATMENT else f"sessions of {profile}")
        why = (f"{gap} day{'s' if gap != 1 else ''} after {other} on {p.other}; "  # type: ignore[attr-defined]
               f"{whose} must be at least {p.interval} days apart")  # type: ignore[attr-defined]
    elif kind == "conflict":
        gap = (dt.date.fromisoformat(date) - dt.date.fromisoformat(p.other)).days  # type: ignore[attr-defined]
        why = (f"{treatment} {gap} day{'s' if gap != 1 else ''} after "
               f"{getattr(p, 'other_treatment', '')} (session id {getattr(p, 'other_id', '')}) "
               f"on {p.other} on an overlapping area; resurfacing treatments stay "  # type: ignore[attr-defined]
               f"{p.interval} days apart")  # type: ignore[attr-defined]
    elif kind == "interval":
        why = (f"an interval of {getattr(p, 'interval', 0)} days; it must be at least "
               f"{rules.MIN_INTERVAL_DAYS}")
    else:
        why = _value_problem(p)
    return f"{where}: {why}" if where else why


#: The row inside a session or profile that a row problem's `part` names.
_PARTS = {"redness": "redness observation", "event": "adverse event"}


def _value_problem(p: object) -> str:
    """Why a value is not as homekit writes it: the validator's words, or a coded problem."""
    problem = getattr(p, "problem", "")
    part = f"{_PARTS.get(getattr(p, 'part', ''), '')} {getattr(p, 'part_id', '')}"
    if problem == "no_session":
        return f"{part} belongs to no session"
    if problem == "missing_profile":
        why = f"profile {getattr(p, 'profile', '')} does not exist"
    elif problem == "cleared_without_date":
        why = "cleared by a professional without a date"
    else:
        why = str(getattr(p, "detail", ""))
    return f"{part}: {why}" if getattr(p, "part", "") else why


def _listed(problems: list) -> str:
    shown_rows = "; ".join(row_problem(p) for p in problems[:LISTED_ROWS])
    more = len(problems) - LISTED_ROWS
    return shown_rows + (f"; and {more} more" if more > 0 else "")


def _rule_broken(f: dict[str, object], e: HomekitError) -> str:
    problems = list(f.get("problems") or [])  # type: ignore[call-overload]
    ids = [p.session_id for p in problems if getattr(p, "session_id", None) is not None]
    fix = (f"delete one session of each pair (e.g. homekit delete {ids[0]}), or go back to a "
           "backup (homekit restore PATH)" if ids else "go back to a backup (homekit restore PATH)")
    return (f"{shown(f['path'])} holds sessions closer than the weekly rule allows, so homekit "
            f"will not use it: {_listed(problems)}. To fix: {fix}")


def _not_a_backup(f: dict[str, object], why: str) -> str:
    return f"{shown(f['path'])} is not a homekit backup: {why}; nothing was restored"


def _restore_bad_rows(f: dict[str, object], e: HomekitError) -> str:
    problems = list(f.get("problems") or [])  # type: ignore[call-overload]
    n = len(problems)
    head = (f"restore refused, nothing was restored: {n} problem{'s' if n != 1 else ''} in "
            f"{shown(f['path'])}")
    return "\n  ".join([head, *(row_problem(p) for p in problems)])


_ERRORS.update({
    "schema_differs": lambda f, e: (
        f"{shown(f['path'])} is not homekit's own file any more: "
        f"{difference_text(f['difference'])}; homekit left it untouched "
        "(see: homekit check; to go back to a backup: homekit restore PATH)"),
    "schema_record": (
        "{path!p}: its migration record does not fit its schema version ({problem}); homekit left "
        "it untouched"),
    "rule_broken": _rule_broken,
    "restore_not_canonical": lambda f, e: _not_a_backup(f, difference_text(f["difference"])),
    "restore_record": lambda f, e: _not_a_backup(
        f, f"its migration record does not fit its schema version ({f['problem']})"),
    "restore_bad_rows": _restore_bad_rows,
    "exists_needs_force": (
        "{path!p} already exists; add --force to replace it, or choose another name"),
})


def mode_text(mode: int | None) -> str:
    return "-" if mode is None else f"{mode:o}"


def open_notices(repaired: list[str], changes: list) -> list[str]:
    """What opening the file changed or could not change, one line each, for stderr."""
    lines = []
    if repaired:
        lines.append(
            f"homekit: the weekly-rule trigger{'s' if len(repaired) != 1 else ''} "
            f"{', '.join(repaired)} {'were' if len(repaired) != 1 else 'was'} missing or changed "
            "and has been put back (the stored sessions keep the rule)")
    for c in changes:
        if c.new is not None:
            lines.append(f"homekit: {shown(c.path)} was open to others (mode {mode_text(c.old)}); "
                         f"now {mode_text(c.new)}, owner only (it holds health data)")
        else:
            lines.append(f"homekit: warning: {shown(c.path)} is open to others "
                         f"(mode {mode_text(c.old)}) and could not be made owner-only: "
                         f"{c.reason}")
    return lines
