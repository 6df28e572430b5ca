"""What the commands print: the CLI's confirmations, questions, listings and last-resort lines.

Each function takes the facts a command got back (a session, a result, a count, a path) and
returns the line; `say` in the CLI makes terminal control visible in it. Paths go through
`shown` where a message shortens them, and stay whole where the user is meant to copy them.
Service results are typed `Any` here: words sit below the services and never import them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from homekit.domain.models import Profile
from homekit.words.base import (
    GLASSES_WARNING,
    about_redness,
    about_session,
    control_free,
    day,
    in_days,
    plural,
    shown,
    skin_type_text,
)
from homekit.words.errors import difference_text, error, mode_text, row_problem
from homekit.words.undo import UNDO_HINT_CLI, journal_fault_line, undo_step_text

NOTHING_DELETED = "Nothing deleted."


def delete_needs_yes(command: str) -> str:
    return f"{command} asks for confirmation; add --yes to delete without asking"
GLASSES_WARNING_CLI = f"Warning: {GLASSES_WARNING}"


def warning(message: str) -> str:
    return f"Warning: {message}"


def note(message: str) -> str:
    return f"Note: {message}"


# -- sessions (log, history, edit, delete) ------------------------------------------------

NO_SESSIONS = "No sessions logged yet."


session_logged = about_session("Logged session {text}")


def next_eligible(date: dt.date | None, days_left: int) -> str:
    return f"Next eligible date: {day(date)}, {in_days(days_left)}"


session_updated = about_session("Updated session {text}")
delete_session_question = about_session("Delete session {text}{observations}? [y/N] ")
session_deleted = about_session(
    "Deleted session #{s.number} of {s.session_date} (id {s.id}). " + UNDO_HINT_CLI)


# -- redness ------------------------------------------------------------------------------

redness_recorded = about_redness(
    "Recorded redness for session #{r.session_number}: {words} (observation id {r.id})")
redness_updated = about_redness(
    "Updated redness observation id {r.id} (session #{r.session_number}): {words}")
delete_redness_question = about_redness(
    "Delete redness observation id {r.id} of session #{r.session_number} ({words})? [y/N] ")
redness_deleted = about_redness(
    "Deleted redness observation id {r.id} of session #{r.session_number}.")


# -- profiles -----------------------------------------------------------------------------

NO_PROFILES = "No profiles yet; 'me' is created when you first log a session."


def profile_plan(p: Profile) -> str:
    """`target 10 sessions, at least 7 days apart` (the CLI and the app)."""
    return f"target {p.target_sessions} sessions, at least {p.min_interval_days} days apart"


def profile_line(p: Profile, current: bool) -> str:
    """`* me: target 10 sessions, at least 7 days apart` (the star marks the current one)."""
    return f"{'*' if current else ' '} {p.name}: {profile_plan(p)}"


def about_profile(template: str) -> Callable[[Profile], str]:
    """A sentence about one profile, from a template over it: `{p}` the profile (`{p.name}`),
    `{plan}` its plan (`profile_plan`)."""
    def sentence(p: Profile) -> str:
        return template.format(p=p, plan=profile_plan(p))
    return sentence


profile_created = about_profile("Created profile {p.name}: {plan}.")
profile_changed = about_profile("Profile {p.name}: {plan}.")
profile_now_default = about_profile("Default profile is now {p.name}.")
skin_recorded = about_profile("Recorded for profile {p.name}.")


def skin_type_line(p: Profile) -> str:
    """`Skin type: III (light brown skin; ...).` or how to give it."""
    if p.skin_type is None:
        return "Skin type: not given (homekit profile set --skin-type 1-6, Fitzpatrick I to VI)."
    return f"Skin type: {skin_type_text(p.skin_type)}."


def profile_show_lines(p: Profile, current: bool, reminder_time: str) -> list[str]:
    """What `profile show` prints: the settings, every answer, the skin type."""
    condition = {None: "not answered", False: "no",
                 True: "yes, warning acknowledged" if p.condition_acknowledged_at
                 else "yes, warning not acknowledged"}[p.has_skin_condition]
    return [
        f"Profile {p.name}{' (current)' if current else ''}: {profile_plan(p)}; "
        f"created {p.created_at[:10] or '-'}.",
        f"Eczema or acne rosacea: {condition}.",
        f"Medical answers: isotretinoin {p.isotretinoin or 'not answered'}; blood thinners "
        f"{ {True: 'yes', False: 'no', None: 'not answered'}[p.blood_thinners] }.",
        skin_type_line(p),
        f"Reminders at {reminder_time}.",
    ]


def delete_profile_question(name: str) -> str:
    return (f"Delete profile {name!r} and all its sessions? "
            "(a backup is made first; homekit undo brings it back) [y/N] ")


def medical_answers(p: Profile) -> str:
    iso = p.isotretinoin or "not answered"
    bt = {True: "yes", False: "no", None: "not answered"}[p.blood_thinners]
    return f"Profile {p.name}: isotretinoin {iso}; blood thinners {bt}."


# -- the questions before a session -------------------------------------------------------

CONDITION_QUESTION = "Do you have eczema or acne rosacea?"
CONDITION_ACK_QUESTION = "I have read this warning and take responsibility for using the kit"
CHECKLIST_START = "Before you start (answer each):"


def checklist_question(item: Any) -> str:
    return f"  {item.question}?"


# -- photos -------------------------------------------------------------------------------

NO_PHOTOS = "No photos yet. Add one with: homekit photo add FILE"


def photo_written(photo_id: int, path: object) -> str:
    return f"Wrote photo {photo_id} to {shown(path)}"


def delete_photo_question(photo: Any) -> str:
    from homekit.words.photos import photo_line

    return f"Delete photo {photo_line(photo)}? [y/N] "


def photo_deleted(done: tuple[Any, object]) -> str:
    """`done`: the photo deleted and the backup taken first. The backup's whole path (not
    shortened like other messages): the undo is a command to copy."""
    import shlex

    photo, backup = done
    return f"Deleted photo {photo.id}. To undo: homekit restore {shlex.quote(control_free(str(backup)))}"


def comparison_written(c: Any, path: object) -> str:
    return (f"Wrote the comparison of photos {c.first.id} and {c.last.id} "
            f"({c.days_between} days apart) to {shown(path)}")


# -- undo ---------------------------------------------------------------------------------

NOTHING_TO_UNDO_CLI = "Nothing to undo."


def undo_list_line(n: int, step: Any) -> str:
    """`  1. 2026-11-25 09:30:00  deleted the session of ...` (the step's text made safe)."""
    return f"{n:>3}. {step.created_at.replace('T', ' ')}  {control_free(undo_step_text(step))}"


def open_folder_reason(folder: Any) -> str:
    """Why a folder on the way to the data file is open: who can write in it."""
    if folder.why == "other_owner":
        return (f"owned by another user (uid {folder.uid}), who could replace the data file "
                "or a folder on its way")
    return "others can write in it, so could replace the data file or a folder on its way"


def undo_steps_forgotten(n: int) -> str:
    return f"Forgot {plural(n, 'undo step')}."


def undo_step_forgotten(step: object) -> str:
    if getattr(step, "fault", None) is not None:
        return f"Forgot undo step {getattr(step, 'id', '?')}, which could not be used."
    return f"Forgot the undo step: {control_free(undo_step_text(step))}."


# -- check --------------------------------------------------------------------------------

def check_text(h: Any) -> str:
    """`homekit check`: one aligned row per finding, the problems under them, the verdict."""
    rows = [("File", f"{shown(h.path)} (schema {h.schema_version})"),
            ("Integrity", "ok" if h.integrity == ["ok"] else "; ".join(h.integrity[:5]))]
    if h.record:
        rows.append(("Schema", f"migration record does not fit: {h.record}"))
    elif h.difference is not None:
        rows.append(("Schema", f"not homekit's: {difference_text(h.difference)}"))
    else:
        rows.append(("Schema", "homekit's own" + (
            f" (put back: {', '.join(h.repaired)})" if h.repaired else "")))
    n = len(h.problems)
    rows.append(("Rows", "every value valid, every session keeps the rule" if not n
                 else plural(n, "problem")))
    journal = getattr(h, "journal", [])
    rows.append(("Undo steps", "every one usable" if not journal
                 else f"{plural(len(journal), 'step')} cannot be used"))
    folders = getattr(h, "folders", [])
    opened = len(h.open_modes) + len(folders)
    rows.append(("Modes", "owner only" if not opened else f"{opened} open to others"))
    width = max(len(k) for k, _ in rows) + 2
    lines = [f"{k + ':':<{width}}{v}" for k, v in rows]
    lines += [f"  {control_free(row_problem(p))}" for p in h.problems]
    lines += [f"  {control_free(journal_fault_line(f))}" for f in journal]
    lines += [f"  {shown(c.path)}: mode {mode_text(c.old)} ({c.reason})" for c in h.open_modes]
    lines += [f"  {shown(f.path)}: folder mode {mode_text(f.mode)} ({open_folder_reason(f)})"
              for f in folders]
    lines.append("Healthy." if h.healthy else "Not healthy: see above.")
    return "\n".join(lines)


# -- the last lines of `main` -------------------------------------------------------------

INTERRUPTED = "homekit: interrupted; nothing half-written was kept"


def usage_error(prog: str, message: str) -> str:
    """argparse's complaint, on one line: `homekit log: error: ... (see homekit log --help)`."""
    return control_free(f"{prog}: error: {message} (see {prog} --help)\n")


def error_line(exc: BaseException) -> str:
    return f"homekit: error: {error(exc)}"


def cannot_use(exc: OSError) -> str:
    """A file the command reads or writes (not the data file) failed: which and why."""
    where = f" {exc.filename}" if exc.filename else ""
    return control_free(f"homekit: error: cannot use{where}: {exc.strerror or exc}")


def unexpected(exc: BaseException) -> str:
    return control_free(f"homekit: unexpected error: {type(exc).__name__}: {exc} "
                        "(set HOMEKIT_DEBUG=1 for details)")
