"""The safety gates, the checklist, follow-ups and medical answers, in words."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from homekit.domain.checklist import CHECKLIST_IDS
from homekit.domain.errors import HomekitError
from homekit.domain.gates import Followup, Gate
from homekit.domain.medical import MedicalWarning
from homekit.domain.models import Status
from homekit.words.alerts import redness_alert_text
from homekit.words.base import day, in_days, redness_text
from homekit.words.errors import _ERRORS, error
from homekit.words.events import event_hold_lift, event_hold_lift_app, event_hold_why

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
        where = f"session #{gate.session_number} of {day(gate.session_date)}"
        if gate.reason == "severe":
            return f"severe redness after {where}"
        return f"redness after {where} not reported gone a day or more after it"
    if gate.name == "adverse_event":
        return event_hold_why(gate.event, gate.events_open)
    return gate.name


def gate_lift(gate: Gate) -> str:
    """What lifts a gate."""
    if gate.name == "interval":
        return "wait until the next eligible date"
    if gate.name == "condition":
        if gate.reason == "unanswered":
            return f"answer the question with {CONDITION_ANSWER_CMD} (or press l in the app)"
        return ("acknowledge the warning with homekit profile condition yes --acknowledge "
                "(or press l in the app)")
    if gate.name == "redness":
        return (f"record that it faded (homekit redness {gate.session_id} --severity N "
                f"--faded-after MIN), or {CLEARED_HINT}")
    if gate.name == "adverse_event":
        return event_hold_lift(gate.event)
    return ""


def blocked_text(gates: Iterable[Gate]) -> str:
    """`Blocked: why. To lift it: what.` lines for the gates other than the interval, or ''."""
    return "\n".join(f"Blocked: {gate_why(g)}. To lift it: {gate_lift(g)}."
                     for g in gates if g.name != "interval")


def _followup_when(f: Followup) -> str:
    return ("about an hour after it" if f.kind == "hour"
            else "the next day, while it was still red")


def followup_text(f: Followup) -> str:
    return (f"redness follow-up owed for session #{f.session_number} of {day(f.session_date)} "
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
    "checklist_refused": "refused: {reason}; skip this session",
    "reminders_blocked": _reminders_blocked,
    "unknown_observation": "no redness observation with id {id} (see: homekit history --json)",
    "faded_and_still_red": "give either --faded-after or --still-red, not both",
    "unknown_check": lambda f, e: str(e),
})


def gate_lift_app(gate: Gate) -> str:
    """What lifts a gate, in the app's terms."""
    if gate.name == "condition":
        return "answer the skin question (press l)"
    if gate.name == "redness":
        return ("record that the redness faded (press r), or log with a skin professional's "
                "clearance (press l)")
    if gate.name == "adverse_event":
        return event_hold_lift_app()
    return gate_lift(gate)


def followup_text_app(f: Followup) -> str:
    if f.kind == "hour":  # (owed for a week: a session logged days later is asked the same)
        return (f"How red was the skin about an hour after session #{f.session_number} of "
                f"{day(f.session_date)}? Not recorded yet: press r.")
    return (f"How red is the skin now? Session #{f.session_number} of {day(f.session_date)} "
            f"({_followup_when(f)}): press r.")


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
    others = [t for t in st.treatments if t.name != "microdermabrasion"]
    if others:
        from homekit.words.treatments import standing_line

        text += "\n\nTreatments:\n" + "\n".join(
            f"  {standing_line(t, st.today)}" for t in st.treatments)
    blocked = blocked_text(st.gates)
    if blocked:
        text += f"\n\n{blocked}"
    if st.redness_alert:
        text += f"\n\nWarning: {redness_alert_text(st.redness_alert)}"
    for f in st.followups:
        text += f"\n\nFollow-up: {followup_text(f)}"
    if st.clock_warning:
        text += f"\n\nNote: {error(st.clock_warning)}"
    return text


def checklist_summary(confirmed: tuple[str, ...] | None) -> str:
    """A session's pre-session checklist: `not asked`, or what was confirmed."""
    if confirmed is None:
        return "not asked"
    if set(CHECKLIST_IDS) <= set(confirmed):
        return "every item confirmed"
    return "confirmed: " + (", ".join(confirmed) or "none")
