"""What the app says about one session: its detail, edit and delete dialogs, and the redness
seen after it (split from notices: the dashboard, first run, profiles and photos stay there)."""

from __future__ import annotations

from homekit.domain.models import Redness, Session
from homekit.words.base import (
    and_its_observations,
    day,
    plural,
    redness_words,
)
from homekit.words.notices import _of
from homekit.words.undo import UNDO_HINT_APP

# -- one session: detail, edit, delete, redness -----------------------------------------

NO_REDNESS_YET = "None recorded: press r to add one."
NO_REDNESS_TO_DELETE = "No redness observation to delete."
NO_SESSION_SELECTED = "No session selected."
NO_REDNESS_TO_CORRECT = "This session has no redness observation to correct."
LOADING_SESSIONS = "Loading sessions…"


def session_title(s: Session) -> str:
    return f"Session #{s.number} of {day(s.session_date)}"


def edit_title(s: Session, photos: int) -> str:
    extra = f" \u00b7 {plural(photos, 'photo')} (key o on the dashboard)" if photos else ""
    return f"Edit {_of(s)}{extra}"


def session_updated_app(s: Session) -> str:
    return f"Updated {_of(s)}."


def delete_session_question_app(s: Session) -> str:
    return f"Delete {_of(s)}{and_its_observations(s.redness)}? ({UNDO_HINT_APP})"


def session_deleted_app(s: Session) -> str:
    return f"Deleted {_of(s)}. {UNDO_HINT_APP}"


def history_summary(count: str, n: int, shown: int, heading: str, order: str,
                    filtered: bool) -> str:
    if n:
        more = f" ({shown} shown, more as you scroll)" if shown < n else ""
        return f"{count}{more} · by {heading.lower()}, {order} · Enter: open · s, v: sort"
    if filtered:
        return f"{count}. Clear the filter to see every session."
    return "No sessions logged yet. Press escape, then l to log one."


#: What each level looks like, so the choice is the same from one day to the next.
LEVEL_HINTS = ("no redness", "barely visible pink", "clearly pink, no discomfort",
               "red, warm or tight", "deep red, swollen, or painful")
REDNESS_NOW = ("How red is the skin now? Skip if you will record it later (about an hour "
               "after the session).")
REDNESS_NORMAL = ("Slight redness is normal and fades within minutes; redness that lasts is a "
                  "warning sign.")
MINUTES_MISSING = "how many minutes until it faded? (or choose: still red)"


def redness_dialog_title(s: Session, obs: Redness | None = None) -> str:
    if obs is None:
        return f"Redness after {_of(s)}"
    return f"Correct the redness seen at {obs.observed_at.replace('T', ' ')} after {_of(s)}"


def observations_title(s: Session) -> str:
    return f"Redness observations of {_of(s)}"


def redness_recorded_app(r: Redness) -> str:
    return f"Session #{r.session_number}: {redness_words(r)}."


def redness_alert_title(serious: bool) -> str:
    return "Pause and consult a professional" if serious else "Watch this redness"


def delete_redness_question_app(r: Redness) -> str:
    return (f"Delete the redness observation {redness_words(r)} of "
            f"{r.observed_at.replace('T', ' ')}? ({UNDO_HINT_APP})")


def redness_deleted_app(s: Session) -> str:
    return f"Deleted a redness observation of {_of(s)}. {UNDO_HINT_APP}"


def delete_observation_question(r: Redness) -> str:
    return (f"Delete the observation {redness_words(r)} of {r.observed_at.replace('T', ' ')}? "
            f"({UNDO_HINT_APP})")


def observation_deleted_app(r: Redness) -> str:
    return f"Deleted the observation {redness_words(r)} of session #{r.session_number}."
