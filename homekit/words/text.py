"""The open file lost, a crash, and the refusals of hostile text (dates, names)."""

from __future__ import annotations

import datetime as dt

from homekit.domain.errors import HomekitError
from homekit.words.base import shown
from homekit.words.errors import _ERRORS

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
    "profile_name_taken": (
        "a profile named {existing!r} already exists; profile names are compared without regard "
        "to case"),
})
