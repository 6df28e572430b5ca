"""What the app says: its notifications, hints, dialog titles and questions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from homekit.domain.gates import Gate
from homekit.domain.medical import MedicalWarning
from homekit.domain.models import Profile, Session, Status
from homekit.words.base import (
    CONDITION_BLOCKED_APP,
    GLASSES_WARNING,
    day,
    in_days,
    plural,
)
from homekit.words.commands import next_eligible, profile_plan
from homekit.words.errors import error
from homekit.words.safety import gate_lift_app, gate_why, medical_text
from homekit.words.undo import UNDO_HINT_APP

if TYPE_CHECKING:  # the photo rules load only with the photos
    from homekit.domain.photos import Photo

# -- shared phrases ---------------------------------------------------------------------


def _of(s: Session) -> str:
    return f"session #{s.number} of {day(s.session_date)}"


UNSAVED_TITLE = "Unsaved changes"
QUIT_UNSAVED = "Quit without saving what you changed? It will be lost."
LEAVE_UNSAVED = "Leave without saving what you changed? It will be lost."
FIX_FIELDS = "Please correct the fields marked in red."
FIX_FIELDS_ABOVE = "Please correct the fields marked above."
NOT_SAVED_FIX = f"Not saved: {FIX_FIELDS[0].lower()}{FIX_FIELDS[1:]}"
DATE_FORMAT_HINT = "Dates are written YYYY-MM-DD, for example 2026-10-01."


def not_saved(exc: BaseException) -> str:
    return f"Not saved: {error(exc)}"


def cannot_read(what: str, message: str) -> str:
    return f"Cannot read the {what}: {message}"


def chart_not_saved(exc: BaseException) -> str:
    return f"Could not save the chart: {error(exc)}"


def undo_failed_app(exc: BaseException) -> str:
    import re

    return re.sub(r"homekit undo --drop( \d+)?", r"homekit undo --drop\1 (in a terminal)",
                  error(exc))


# -- first run and the skin question ----------------------------------------------------

WELCOME = (
    "Welcome to homekit, a private log for home microdermabrasion sessions. It keeps your "
    "sessions at least a week apart and reminds you what to watch for. Everything stays in "
    "one file on this computer.")
CONDITION_UNANSWERED = "Please answer the eczema / acne rosacea question."
ANSWER_THE_QUESTION = "Please answer the question."
CONDITION_STILL_BLOCKED = f"{CONDITION_BLOCKED_APP} Please consult a skin professional first."
ISOTRETINOIN_ACK = "I have read the isotretinoin warning and will ask my prescriber"

# -- the dashboard ----------------------------------------------------------------------

SAFETY_LINE = (
    "Glasses on, always · a session takes about 30 to 60 minutes · slight stinging at first is "
    "common · slight redness fades within minutes; redness that lasts is a warning sign")
NO_SESSIONS_YET = "No sessions yet: press l to log your first one."
CONDITION_ALERT = ("⚠ Eczema or acne rosacea on record: microdermabrasion can cause serious outbreaks. "
                   "Logging is blocked until you acknowledge the warning (press l). A professional "
                   "consultation is recommended.")
GLASSES_NOTICE = GLASSES_WARNING[:1].upper() + GLASSES_WARNING[1:]
NO_SESSION_FOR_REDNESS = "No session logged yet; log a session first (press l)."


def sessions_progress(st: Status) -> str:
    return f"Sessions {st.sessions_done} of {st.target_sessions}"


def medical_alert(warnings: Iterable[MedicalWarning]) -> str:
    return "⚠ " + " ".join(medical_text(w, app=True) for w in warnings)


def blocked_app(gates: Iterable[Gate]) -> str:
    return "  ".join(f"Blocked: {gate_why(g)}. To lift it: {gate_lift_app(g)}." for g in gates)


def next_session(st: Status) -> str:
    if st.next_eligible_date is None or st.eligible_now:
        return "eligible now"
    return f"next session on {day(st.next_eligible_date)}, {in_days(st.days_until_eligible)}"


def next_card_title(st: Status) -> str:
    return f"Next session · at least {st.min_interval_days} days apart"


def last_session_card(last: dt.date | None, today: dt.date) -> str:
    ago = (today - last).days if last else 0
    return f"{day(last)}\n{'today' if ago == 0 else f'{ago} days ago'}" if last else "none yet"


def projected_card_title(target_reached: bool) -> str:
    return "Target reached" if target_reached else "Projected end"


def projected_card(st: Status) -> str:
    left = max(0, st.target_sessions - st.sessions_done)
    return f"{day(st.projected_completion_date)}\n{left} to go of {st.target_sessions}"


def session_logged_app(s: Session, next_date: dt.date, days_left: int) -> str:
    return f"Logged {_of(s)}. {next_eligible(next_date, days_left)}."


WRITING_REMINDERS = "Writing calendar reminders…"


def writing_report(path: object) -> str:
    return f"Writing the report to {path}…"


def report_written_app(pages: int, path: object) -> str:
    return (f"Wrote the report ({plural(pages, 'page')}) to {path}. "
            "Bring it to your skin professional.")


# -- logging a session ------------------------------------------------------------------

SAFETY_INTRO = "Before you start: tick each one."
SESSION_LENGTH = "A session takes about 30 to 60 minutes. Slight stinging at first is common."
REDNESS_BLOCK_LIFT = (
    "It is lifted when you record that the redness faded (press r on the dashboard), or when "
    "a skin professional has cleared you to go on: that is stored with this session.")
BACKFILL_NOTE = ("Forgot to log a session? Log it on its own date; the weekly rule applies to "
                 "that date too.")
BACKFILL_TITLE = "Log an earlier session"
REFUSED_NEW_DATE = "Refused by the weekly rule: choose another date."
REFUSED_EDIT = "Refused by the weekly rule: the session was not changed."


def redness_block_app(gate: Gate) -> str:
    return f"Not now: {gate_why(gate)}. Pause treatments and consult a skin professional."


def too_soon_app(last: dt.date | None, min_interval_days: int) -> str:
    return (f"Not yet. Your last session was on {day(last)}, and sessions must be at least "
            f"{min_interval_days} days apart so the skin can recover.")


def checklist_refused_app(reason: str) -> str:
    return f"Tick each one first: if one is not true today, skip this session ({reason})."


# -- profiles ---------------------------------------------------------------------------

MEDICAL_SAVED = "Medical answers saved."
CHOOSE_PROFILE = "Choose a profile to switch to."


def profile_title(name: str) -> str:
    return f"Profile {name}"


def profile_saved_app(p: Profile, reminder_time: object) -> str:
    return f"Profile {p.name}: {profile_plan(p)}; reminders at {reminder_time}."


def delete_profile_question_app(name: str, sessions: int) -> str:
    return (f"Delete profile {name!r} and its {plural(sessions, 'session')}? "
            f"A backup of the data file is made first. ({UNDO_HINT_APP})")


def now_using_profile(p: Profile) -> str:
    return f"Now using profile {p.name}."


# -- photos -----------------------------------------------------------------------------

NO_PHOTOS_APP = ("No photos yet. Add one from the command line: "
             "homekit photo add FILE --session ID --area AREA")
COMPARE_NEEDS_TWO = "Two photos of one area are needed to compare."


def photos_summary(count: int, first: Photo | None = None, last: Photo | None = None,
                   compare_file: str = "") -> str:
    if not count:
        return NO_PHOTOS_APP
    lines = [f"{plural(count, 'photo')}. Photos are kept inside the data file, without "
             "metadata. To see one: homekit photo show ID (or photo export ID -o FILE)."]
    if first is not None and last is not None:
        a, b = first.taken_on, last.taken_on
        lines.append(f"Compare {first.area_label}: photo {first.id} of {a} with photo {last.id} of {b}, "
                     f"{(b - a).days} days apart: press c to write {compare_file} beside the "
                     "data file.")
    return "\n".join(lines)


def comparison_written_app(path: object) -> str:
    return f"Wrote the comparison to {path}."


#: A session saved with no change (nothing written, no undo step).
SESSION_UNCHANGED_APP = "Nothing changed: the session is as it was."
