"""What the app says about one session: its detail, edit and delete dialogs, and the redness
seen after it (split from notices: the dashboard, first run, profiles and photos stay there)."""

from __future__ import annotations

from homekit.domain.models import Redness, Session
from homekit.words.base import (
    about_redness,
    about_session,
    plural,
    session_of,
)
from homekit.words.scales import REDNESS_DESCRIPTIONS
from homekit.words.undo import UNDO_HINT_APP

# -- one session: detail, edit, delete, redness -----------------------------------------

NO_REDNESS_YET = "None recorded: press r to add one."
NO_REDNESS_TO_DELETE = "No redness observation to delete."
NO_SESSION_SELECTED = "No session selected."
NO_REDNESS_TO_CORRECT = "This session has no redness observation to correct."
LOADING_SESSIONS = "Loading sessions…"


session_title = about_session("Session #{s.number} of {day}")


def edit_title(s: Session, photos: int) -> str:
    extra = f" \u00b7 {plural(photos, 'photo')} (key o on the dashboard)" if photos else ""
    return f"Edit {session_of(s)}{extra}"


session_updated_app = about_session("Updated {of}.")
delete_session_question_app = about_session(
    "Delete {of}{observations}? (" + UNDO_HINT_APP + ")")
session_deleted_app = about_session("Deleted {of}. " + UNDO_HINT_APP)


def history_summary(count: str, n: int, shown: int, heading: str, order: str,
                    filtered: bool) -> str:
    if n:
        more = f" ({shown} shown, more as you scroll)" if shown < n else ""
        return f"{count}{more} · by {heading.lower()}, {order} · Enter: open · s, v: sort"
    if filtered:
        return f"{count}. Clear the filter to see every session."
    return "No sessions logged yet. Press escape, then l to log one."


#: What each level looks like, so the choice is the same from one day to the next.
LEVEL_HINTS = REDNESS_DESCRIPTIONS
REDNESS_NOW = ("How red is the skin now? Skip if you will record it later (about an hour "
               "after the session).")
REDNESS_NORMAL = ("Slight redness is normal and fades within minutes; redness that lasts is a "
                  "warning sign.")
MINUTES_MISSING = "how many minutes until it faded? (or choose: still red)"


def redness_dialog_title(s: Session, obs: Redness | None = None) -> str:
    if obs is None:
        return f"Redness after {session_of(s)}"
    return f"Correct the redness seen at {obs.observed_at.replace('T', ' ')} after {session_of(s)}"


observations_title = about_session("Redness observations of {of}")
redness_recorded_app = about_redness("Session #{r.session_number}: {words}.")


def redness_alert_title(serious: bool) -> str:
    return "Pause and consult a professional" if serious else "Watch this redness"


delete_redness_question_app = about_redness(
    "Delete the redness observation {words} of {seen}? (" + UNDO_HINT_APP + ")")
redness_deleted_app = about_session(
    "Deleted a redness observation of {of}. " + UNDO_HINT_APP)
delete_observation_question = about_redness(
    "Delete the observation {words} of {seen}? (" + UNDO_HINT_APP + ")")
observation_deleted_app = about_redness(
    "Deleted the observation {words} of session #{r.session_number}.")
