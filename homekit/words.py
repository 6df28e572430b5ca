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
