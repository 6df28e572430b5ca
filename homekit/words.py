"""Every sentence both UIs show, built from the services' facts and the domain's constants.

The CLI prints these and the app shows them, so a hint can never disagree with a validator
or with the other UI. Nothing here reads the clock, the store or the terminal.
"""

from __future__ import annotations

import datetime as dt
import shlex
from collections.abc import Iterable
from typing import Any

from homekit.domain import rules
from homekit.domain.errors import HomekitError
from homekit.domain.gates import Followup, Gate
from homekit.domain.medical import MedicalWarning
from homekit.domain.models import REDNESS_LEVELS, STINGING_LEVELS, Redness, Session, Status
from homekit.domain.series import ChartSeries

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
    f"{rules.MIN_INTERVAL_DAYS} days or more; clinics often use "
    f"{rules.CLINIC_INTERVAL_DAYS[0]} to {rules.CLINIC_INTERVAL_DAYS[1]}"
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
    if s.cleared_by_professional:
        parts.append("cleared by a professional")
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
    if any(g.name != "interval" for g in st.gates):
        rows.append(("Next session", "blocked (see below)"))
    elif st.next_eligible_date is None:
        rows.append(("Next session", "eligible now (nothing logged yet)"))
    else:
        rows.append(("Next session", f"{day(st.next_eligible_date)}, {in_days(st.days_until_eligible)}"))
    rows.append(("Target reached" if st.sessions_done >= st.target_sessions else "Projected completion",
                 day(st.projected_completion_date)))
    rows.append(("Latest redness", redness_text(st.latest_redness)))
    width = max(len(k) for k, _ in rows) + 2
    text = "\n".join(f"{k + ':':<{width}}{v}" for k, v in rows)
    blocked = blocked_text(st.gates)
    if blocked:
        text += f"\n\n{blocked}"
    if st.redness_warning:
        text += f"\n\nWarning: {st.redness_warning}"
    for f in st.followups:
        text += f"\n\nFollow-up: {followup_text(f)}"
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
    return "".join(ch.encode("unicode_escape").decode("ascii") if ch != "\n" and is_control(ch)
                   else ch for ch in text)


def is_control(ch: str) -> bool:
    """A character that steers a terminal instead of showing: C0/C1 controls, DEL, bidi."""
    code = ord(ch)
    return code < 32 or code == 127 or 0x80 <= code < 0xA0 or ch in _BIDI


_BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


# -- charts ---------------------------------------------------------------------------

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def month_year(day: dt.date) -> str:
    """'Oct 2026': for axes that span years."""
    return f"{_MONTHS[day.month - 1]} {day.year}"


def short_day(day: dt.date) -> str:
    """'14 Oct': short, and the same in every locale."""
    return f"{day.day} {_MONTHS[day.month - 1]}"


def progress_title(series: ChartSeries) -> str:
    if not series.session_dates:
        return f"Nothing logged yet: {series.target} sessions to go"
    if series.target_reached:
        return f"Target reached: {series.sessions_done} of {series.target} sessions done"
    return f"{series.sessions_done} of {series.target} sessions done, {series.sessions_to_go} to go"


def progress_heading(series: ChartSeries) -> str:
    """The text chart's heading: the title and when the target is (or was) reached."""
    title = progress_title(series)
    if series.completion_date is None:
        return title
    when = "reached" if series.target_reached else "target by"
    return f"{title}; {when} {short_day(series.completion_date)} {series.completion_date.year}"


def redness_heading(series: ChartSeries) -> str:
    if not series.redness:
        return "How your skin reacted: no redness recorded yet"
    p = series.redness[-1]
    fade = "still red" if p.faded_after_min is None else f"faded after {p.faded_after_min} min"
    return f"How your skin reacted; last: {p.severity_word} on {short_day(p.session_date)}, {fade}"


def lasting_limit(minutes: int) -> str:
    span = "One hour" if minutes == 60 else f"{minutes} minutes"
    return f"{span}: longer is lasting redness"


def chart_name(kind: str) -> str:
    return "progress and redness charts" if kind == "all" else f"{kind} chart"


def chart_written(kind: str, path: object) -> str:
    return f"Wrote {chart_name(kind)} to {path}"


def chart_saved(kind: str, path: object) -> str:
    return f"Saved the {chart_name(kind)} to {path}"


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
    "unknown_chart_kind": lambda f, e: (
        f"unknown chart kind {f['kind']!r}: use progress, redness or all"),
    "demo_needs_new_file": lambda f, e: (
        f"{shown(f['path'])} already exists; the demo only fills a new file "
        "(try: homekit demo --db demo.db)"),
}


def error(exc: BaseException) -> str:
    """The one line a user reads for `exc`, with control characters made visible."""
    render = _ERRORS.get(exc.code or "") if isinstance(exc, HomekitError) else None
    text = render(exc.facts, exc) if render and isinstance(exc, HomekitError) else str(exc)
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
        where = f"{where} (session {sid})" if where else f"session {sid}"
    if kind == "too_close":
        gap = (dt.date.fromisoformat(date) - dt.date.fromisoformat(p.other)).days  # type: ignore[attr-defined]
        other_id = getattr(p, "other_id", None)
        other = f"session {other_id}" if other_id is not None else "the session"
        why = (f"{gap} day{'s' if gap != 1 else ''} after {other} on {p.other}; "  # type: ignore[attr-defined]
               f"sessions of {profile} must be at least {p.interval} days apart")  # type: ignore[attr-defined]
    elif kind == "interval":
        why = (f"an interval of {getattr(p, 'interval', 0)} days; it must be at least "
               f"{rules.MIN_INTERVAL_DAYS}")
    else:
        why = str(getattr(p, "detail", ""))
    return f"{where}: {why}" if where else why


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
    "schema_record": lambda f, e: (
        f"{shown(f['path'])}: its migration record does not fit its schema version "
        f"({f['problem']}); homekit left it untouched"),
    "rule_broken": _rule_broken,
    "restore_not_canonical": lambda f, e: (
        f"{shown(f['path'])} is not a homekit backup: {difference_text(f['difference'])}; "
        "nothing was restored"),
    "restore_record": lambda f, e: (
        f"{shown(f['path'])} is not a homekit backup: its migration record does not fit its "
        f"schema version ({f['problem']}); nothing was restored"),
    "restore_bad_rows": _restore_bad_rows,
    "exists_needs_force": lambda f, e: (
        f"{shown(f['path'])} already exists; add --force to replace it, or choose another name"),
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
# -- text safety (the open file, user text, dates, CSV) ----------------------------------

FILE_LOST_TITLE = "The data file is gone"


def file_lost(problem: str, path: object) -> str:
    """Why nothing more can be saved: the open file was deleted or replaced by another."""
    what = "was deleted" if problem == "data_file_deleted" else "was replaced by another file"
    return (f"{shown(path)} {what} while homekit had it open. Nothing more can be saved to it: "
            "anything you log now would be lost. Quit, then start homekit again (restore a "
            "backup if the file was deleted by mistake).")


def crash_line(error: BaseException | None) -> str:
    """The one line shown after an unexpected error: its kind only, never the values behind it."""
    kind = type(error).__name__ if error is not None else "error"
    return (f"homekit: unexpected error ({kind}); nothing unsaved was kept. "
            "Set HOMEKIT_DEBUG=1 for a traceback (without local variables).")


_ERRORS.update({
    "data_file_deleted": lambda f, e: file_lost("data_file_deleted", f["path"]),
    "data_file_replaced": lambda f, e: file_lost("data_file_replaced", f["path"]),
})


def _too_early(f: dict[str, object], exc: HomekitError) -> str:
    date, earliest = f["date"], f["earliest"]
    shown_date = date.isoformat() if isinstance(date, dt.date) else str(date)
    shown_earliest = earliest.isoformat() if isinstance(earliest, dt.date) else str(earliest)
    return (f"{shown_date} is before {shown_earliest}: homekit accepts session dates from "
            f"{shown_earliest} to today")


_ERRORS.update({"date_too_early": _too_early})


def _hidden_char(f: dict[str, object], exc: HomekitError) -> str:
    label = f" {f['char_name']}" if f.get("char_name") else ""
    return (f"a profile name cannot contain control or invisible characters "
            f"(found {f['char']}{label}); type the name again without it")


_ERRORS.update({
    "profile_name_hidden": _hidden_char,
    "profile_name_taken": lambda f, e: (
        f"a profile named {f['existing']!r} already exists; profile names are compared "
        "without regard to case"),
})


# -- replication (Litestream) --

REPLICA_INSTALL = "pip install 'homekit[replica]'"


def replica_started(data_file: object, url: str) -> str:
    return (f"Replicating {shown(data_file)} to {control_free(url)} with Litestream. "
            "Stop with Ctrl-C.")


def replica_progress(p: object) -> str:
    """The progress line: how many changes were sent, when the last one was, any problem."""
    uploads = getattr(p, "uploads", 0)
    at = str(getattr(p, "at", ""))[:19].replace("T", " ")
    line = f"sent {uploads} change{'s' if uploads != 1 else ''} (transaction {getattr(p, 'txid', 0)})"
    if at:
        line += f", last at {at} UTC"
    problem = getattr(p, "problem", "")
    if problem:
        line += f"; retrying after: {control_free(problem)[:160]}"
    return line


def replica_stopped(code: int) -> str:
    if code == 0:
        return "Replication stopped cleanly; the replica holds every change sent above."
    return "Replication stopped at once (second interrupt); the last changes may not be sent."


_ERRORS.update({
    "replica_missing": lambda f, e: (
        f"replication needs Litestream, which is not installed; install it with: {REPLICA_INSTALL}"),
    "replica_bad_url": lambda f, e: (
        f"{f['url']!r} is not a Litestream replica URL; use one of "
        + ", ".join(f"{s}://" for s in f["schemes"]) + " (e.g. file:///mnt/backup/homekit)"),
    "replica_bad_interval": lambda f, e: f"{f['text']!r} is not a duration (e.g. 1s, 500ms, 1m)",
    "replica_bad_timestamp": lambda f, e: (
        f"{f['text']!r} is not a date and time (e.g. 2026-11-25T09:30 or 2026-11-25T08:30:00Z)"),
    "replica_failed": lambda f, e: f"replication failed: {f['problem']}",
    "replica_empty": lambda f, e: f"no replica found at {f['url']}; nothing was restored",
})


# -- photos and the report --------------------------------------------------------------

PHOTO_GUIDANCE = (
    "For photos you can compare: same light, same distance and angle, no makeup, "
    "taken before the session."
)
PHOTO_EXPORT_HINT = "see it with: homekit photo export {id} -o photo-{id}.jpg"


def photo_line(p: object) -> str:
    """`#3 2026-11-02 (Mon)  cheeks  session 12  1536x2048  'after peel'`."""
    from homekit.domain.photos import Photo

    assert isinstance(p, Photo)
    parts = [f"#{p.id}", day(p.taken_on), p.area_label]
    parts.append(f"session {p.session_id}" if p.session_id is not None else "no session")
    parts.append(f"{p.width}x{p.height}")
    line = "  ".join(parts)
    if p.notes.strip():
        line += f"  \u2014 {p.notes.splitlines()[0][:60]}"
    return control_free(line)


def _session_part(n: int | None) -> str:
    return f"session {n}" if n is not None else "no session"


def comparison_captions(c: object) -> list[str]:
    """The captions under the two photos: date, session number, and the days between."""
    from homekit.domain.photos import Comparison

    assert isinstance(c, Comparison)
    days = c.days_between
    return [
        f"{c.first.taken_on.isoformat()} \u00b7 {_session_part(c.first_session)}",
        f"{c.last.taken_on.isoformat()} \u00b7 {_session_part(c.last_session)} \u00b7 "
        f"{days} day{'s' if days != 1 else ''} later",
    ]


def comparison_title(c: object) -> str:
    from homekit.domain.photos import Comparison

    assert isinstance(c, Comparison)
    return control_free(f"{c.first.area_label.capitalize()}: first and latest photo")


_ERRORS.update({
    "photo_missing": lambda f, e: f"{shown(f['name'])} does not exist; nothing was stored",
    "photo_unreadable": lambda f, e: f"cannot read {shown(f['name'])} ({f['reason']}); "
                                     "nothing was stored",
    "photo_not_image": lambda f, e: (
        f"{shown(f['name'])} is not an image homekit can read (JPEG, PNG, WebP; HEIC with "
        "pillow-heif); nothing was stored"),
    "photo_damaged": lambda f, e: (
        f"{shown(f['name'])} is damaged or cut short; nothing was stored"),
    "photo_bomb": lambda f, e: (
        f"{shown(f['name'])} is too large to open safely (more than "
        f"{f['limit'] // 10**6} million pixels); nothing was stored"),
    "photo_file_too_big": lambda f, e: (
        f"{shown(f['name'])} is larger than {f['limit'] // 2**20} MB, too large for a photo; "
        "nothing was stored"),
    "unknown_photo": lambda f, e: f"no photo with id {f['id']} (see: homekit photo list)",
    "no_photos": lambda f, e: "no photos stored yet; add one with: homekit photo add FILE",
    "no_photos_to_compare": lambda f, e: f"no photos of {f['area']} (see: homekit photo list)",
    "one_photo_only": lambda f, e: (
        f"only one photo of {f['area']} (#{f['id']}); add a later one to compare"),
    "output_exists": lambda f, e: f"{shown(f['path'])} already exists; add --force to replace it",
    "output_folder_missing": lambda f, e: f"folder {shown(f['path'])} does not exist",
    "compare_needs_png": lambda f, e: f"{shown(f['path'])}: the comparison is written as .png",
})


def _yes_no(value: bool | None, yes: str = "yes", no: str = "no") -> str:
    return "not answered" if value is None else (yes if value else no)


_QUESTIONS = {
    "condition": lambda f: "I have eczema or acne rosacea on record: is microdermabrasion safe "
                           "for my skin at all, and what should I watch for?",
    "serious_redness": lambda f: "Redness was severe or lasted a day after the session(s) of "
                                 + ", ".join(d.isoformat() for d in f["dates"])
                                 + ": should I pause, lower the level or stop?",
    "lasting_redness": lambda f: f"Redness lasted longer than an hour after {f['count']} "
                                 "session(s): is that expected for my skin?",
    "stinging": lambda f: f"Stinging was moderate or strong in {f['count']} session(s): "
                          "should I lower the level?",
    "level": lambda f: f"I now use device level {f['level']}: is that right for my skin?",
    "interval": lambda f: f"I wait at least {f['days']} days between sessions: is that the right "
                          "interval for me (clinics often use 14 to 28)?",
    "target": lambda f: f"Is a course of {f['target']} sessions right for what I want to improve?",
    "after_target": lambda f: f"After {f['done']} sessions: should I continue, space them out "
                              "for maintenance, or stop?",
    "photos": lambda f: "Do the photos show the change you would expect at this point?",
}


def report_text(facts: object) -> object:
    """The report's words: profile, the course at a glance, sessions, warnings, questions."""
    from homekit.domain.models import REDNESS_LEVELS, STINGING_LEVELS
    from homekit.domain.report import ReportFacts, ReportText, questions

    assert isinstance(facts, ReportFacts)
    p, st = facts.profile, facts.status
    period = "the whole log"
    if facts.since or facts.until:
        period = (f"{facts.since.isoformat() if facts.since else 'the start'} to "
                  f"{facts.until.isoformat() if facts.until else st.today.isoformat()}")
    condition = _yes_no(p.has_skin_condition, "yes: eczema or acne rosacea", "no")
    profile_rows = [
        ("Profile", p.name),
        ("Target", f"{p.target_sessions} sessions"),
        ("Interval", f"at least {p.min_interval_days} days between sessions"),
        ("Eczema or acne rosacea", condition),
    ]
    if p.condition_acknowledged_at:
        profile_rows.append(("Warning acknowledged", p.condition_acknowledged_at[:10]))
    if p.created_at:
        profile_rows.append(("Log started", p.created_at[:10]))
    shown_sessions = facts.sessions
    glance = [
        ("Sessions done", f"{st.sessions_done} of {st.target_sessions} "
                          f"({min(100, round(100 * st.sessions_done / max(1, st.target_sessions)))}%)"),
        ("In this report", f"{len(shown_sessions)} session{'s' if len(shown_sessions) != 1 else ''}"
                           f", {facts.total_minutes} minutes in all"),
        ("First / last session", f"{day(shown_sessions[0].session_date) if shown_sessions else '-'}"
                                 f"  /  {day(shown_sessions[-1].session_date) if shown_sessions else '-'}"),
        ("Planned", f"{len(facts.planned_dates)} more session(s); next eligible "
                    f"{day(st.next_eligible_date) if st.next_eligible_date else 'now'}"),
        ("Projected completion", day(st.projected_completion_date)),
        ("Photos", f"{facts.photo_count} in this period"),
    ]
    header = ("#", "Date", "Min", "Areas", "Level", "Stinging", "Glasses", "Worst redness", "Faded")
    rows = []
    for s in shown_sessions:
        worst = s.worst_redness
        faded = "-" if worst is None or worst.severity == 0 else (
            "still red" if worst.faded_after_min is None else f"{worst.faded_after_min} min")
        rows.append((
            str(facts.numbers.get(s.id, "")), s.session_date.isoformat(),
            "-" if s.duration_min is None else str(s.duration_min),
            ", ".join(s.areas) or "-",
            "-" if s.device_level is None else str(s.device_level),
            "-" if s.stinging is None else STINGING_LEVELS[s.stinging],
            {True: "yes", False: "NO", None: "-"}[s.glasses_worn],
            "-" if worst is None else f"{worst.severity} {REDNESS_LEVELS[worst.severity]}",
            faded,
        ))
    warnings = []
    for w in facts.warnings:
        when = f"{w.session.session_date.isoformat()} (session {facts.numbers.get(w.session.id, '?')})"
        what = w.message if w.kind == "redness" else "Protective glasses were not worn."
        if w.lifted_by is not None:
            how = ("glasses worn again" if w.kind == "no_glasses" else "redness normal again")
            lifted = f" Lifted: {how} at the session of {w.lifted_by.session_date.isoformat()}."
        else:
            lifted = " Not lifted yet."
        warnings.append(control_free(f"{when}: {what}{lifted}"))
    if p.has_skin_condition:
        ack = (f"acknowledged on {p.condition_acknowledged_at[:10]}" if p.condition_acknowledged_at
               else "not acknowledged: logging is blocked")
        warnings.insert(0, f"Eczema or acne rosacea on record; the warning was {ack}.")
    asked = tuple(_QUESTIONS[code](f) for code, f in questions(facts))
    captions = []
    for first, last in facts.photo_pairs:
        title = f"{first.area_label.capitalize()}"
        caps = [f"{first.taken_on.isoformat()} \u00b7 first photo"]
        if last is not None:
            gap = (last.taken_on - first.taken_on).days
            caps.append(f"{last.taken_on.isoformat()} \u00b7 latest \u00b7 {gap} days later")
        captions.append((control_free(title), tuple(caps)))
    return ReportText(
        title="Home microdermabrasion: report for a skin professional",
        subtitle=control_free(f"{p.name} \u00b7 {period} \u00b7 as of {st.today.isoformat()}"),
        sections=(("Profile", tuple(profile_rows)), ("The course at a glance", tuple(glance))),
        table_title="Sessions",
        table_header=header,
        table_rows=tuple(tuple(control_free(c) for c in r) for r in rows),
        warnings_title="Warnings and how they were lifted",
        warnings=tuple(warnings) or ("None fired.",),
        questions_title="Questions to bring",
        questions=asked,
        photos_title="First and latest photo of each area",
        photo_captions=tuple(captions),
        footer=control_free(f"homekit report \u00b7 {p.name} \u00b7 page {{page}} of {{pages}}"),
        disclaimer="Recorded by the user at home with a consumer kit; not a diagnosis.",
    )

_ERRORS.update({
    "photos_need_json": lambda f, e: "--photos needs the JSON format (CSV has no place for photos)",
    "photos_dir_not_folder": lambda f, e: f"{shown(f['path'])} is not a folder",
})


# -- safety: gates, checklist, follow-ups, medical answers --------------------------------

CONDITION_ANSWER_CMD = "homekit profile condition no|yes [--acknowledge]"
CLEARED_HINT = (
    "log --cleared-by-professional once a skin professional has said you may go on"
)


def gate_why(gate: Gate) -> str:
    """Why a gate blocks logging, in one sentence."""
    if gate.name == "interval":
        return (f"too soon after the last session: next eligible date {day(gate.next_eligible)}, "
                + in_days(gate.days_left))
    if gate.name == "condition":
        if gate.reason == "unanswered":
            return "the eczema / acne rosacea question is not answered yet"
        return "eczema or acne rosacea on record and the warning is not acknowledged"
    if gate.name == "redness":
        where = f"session #{gate.session_id} of {day(gate.session_date)}"
        if gate.reason == "severe":
            return f"severe redness after {where}"
        return f"redness after {where} not reported gone a day or more after it"
    return gate.name


def gate_lift(gate: Gate) -> str:
    """What lifts a gate."""
    if gate.name == "interval":
        return "wait until the next eligible date"
    if gate.name == "condition":
        return f"answer it: {CONDITION_ANSWER_CMD} (or press l in the app)"
    if gate.name == "redness":
        return (f"record that it faded (homekit redness {gate.session_id} --severity N "
                f"--faded-after MIN), or {CLEARED_HINT}")
    return ""


def blocked_text(gates: Iterable[Gate]) -> str:
    """`Blocked: why. To lift it: what.` lines for the gates other than the interval, or ''."""
    return "\n".join(f"Blocked: {gate_why(g)}. To lift it: {gate_lift(g)}."
                     for g in gates if g.name != "interval")


def _followup_when(f: Followup) -> str:
    return ("about an hour after it" if f.kind == "hour"
            else "the next day, while it was still red")


def followup_text(f: Followup) -> str:
    return (f"redness follow-up owed for session #{f.session_id} of {day(f.session_date)} "
            f"({_followup_when(f)}): homekit redness {f.session_id} --severity N "
            "[--faded-after MIN]")


def medical_text(w: MedicalWarning, app: bool = False) -> str:
    code = w.code
    if code == "isotretinoin_recent":
        finished = w.finished
        how = ("tick the acknowledgement on the profile screen (p)" if app
               else "homekit profile medical --acknowledge")
        ack = "" if w.acknowledged else f" Acknowledge it: {how}."
        return (f"isotretinoin finished on {finished}, less than 6 months ago: the skin may be "
                "fragile; ask your prescriber before microdermabrasion." + ack)
    if code == "blood_thinners":
        return "blood thinners make bruising more likely: use a low setting and stop if it marks."
    return code


def _redness_block(f: dict[str, Any], e: HomekitError) -> str:
    g = f["gate"]
    return (f"refused: {gate_why(g)}: pause and consult a skin professional. To lift it: "
            f"{gate_lift(g)}.")


def _reminders_blocked(f: dict[str, Any], e: HomekitError) -> str:
    why = "; ".join(f"{gate_why(g)} (to lift it: {gate_lift(g)})" for g in f.get("gates") or [])
    return f"no reminders written: logging is blocked: {why}"


_ERRORS.update({
    "condition_unanswered": lambda f, e: (
        "before the first session, answer whether you have eczema or acne rosacea: "
        f"{CONDITION_ANSWER_CMD} (on a terminal, homekit log asks); nothing was stored"),
    "redness_block": _redness_block,
    "checklist_refused": lambda f, e: f"refused: {f['reason']}; skip this session",
    "reminders_blocked": _reminders_blocked,
    "unknown_observation": lambda f, e: (
        f"no redness observation with id {f['id']} (see: homekit history --json)"),
    "faded_and_still_red": lambda f, e: "give either --faded-after or --still-red, not both",
    "unknown_check": lambda f, e: str(e),
})


def gate_lift_app(gate: Gate) -> str:
    """What lifts a gate, in the app's terms."""
    if gate.name == "condition":
        return "answer the skin question (press l)"
    if gate.name == "redness":
        return ("record that the redness faded (press r), or log with a skin professional's "
                "clearance (press l)")
    return gate_lift(gate)


def followup_text_app(f: Followup) -> str:
    return (f"How red is the skin now? Session #{f.session_id} of {day(f.session_date)} "
            f"({_followup_when(f)}): press r.")


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
    if kind == "redness_edited":
        return (f"correction of a redness observation of session #{f.get('session_id')} "
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
