"""Import refusals in words: a file that is not an export, a row's values, the refused import
with its problems listed, or a wrong photo list (homekit.transfer raises them with a code and
the facts; the sentences are here)."""

from __future__ import annotations

from typing import Any

from homekit.domain.errors import HomekitError
from homekit.domain.treatments import DEFAULT_TREATMENT
from homekit.words.base import control_free, shown
from homekit.words.errors import _ERRORS, error

__all__ = ["LISTED_PROBLEMS", "import_problem"]

#: Why a file is not an export, by the reason code transfer.reader gives.
_NOT_EXPORT: dict[str, Any] = {
    "sqlite": lambda f: ("it is a SQLite database; to bring back a backup use: "
                         f"homekit restore {shown(f['restore_as'])}"),
    "binary": lambda f: "binary data",
    "not_utf8": lambda f: "not UTF-8 text",
    "csv": lambda f: f"unreadable CSV: {f['detail']}",
    "empty": lambda f: "the file is empty",
    "header": lambda f: (f"header {f['header']!r}; expected homekit's export columns or "
                         f"a hand-written {f['expected']}"),
    "json": lambda f: f"not valid JSON: {f['detail']} at line {f['line']}",
    "json_depth": lambda f: "JSON nested too deeply",
    "json_format": lambda f: f'JSON without "format": "{f["format"]}"',
    "json_version": lambda f: "no valid format version",
    "profiles_not_list": lambda f: '"profiles" is not a list',
}


#: A refused import lists this many problems, then says how many more there are (a whole log
#: written with the wrong dates would otherwise print one line per session: megabytes).
LISTED_PROBLEMS = 50


def import_problem(p: Any) -> str:
    """`line 4, 2026-03-01: duration must be ...`: one problem of a refused import (an
    `import_plan.Problem`)."""
    date = p.date if len(p.date) <= 40 else p.date[:37] + "..."
    where = f"line {p.line}" + (f", {date}" if date else "")
    return f"{where}: {'profile: ' if p.of_profile else ''}{_reason(p.reason)}"


def _reason(reason: HomekitError) -> str:
    """A problem's reason: a refusal raised with its own sentence (the domain's validators
    still carry theirs) by that; else by its code."""
    if reason.code is not None and str(reason) == reason.code:
        return error(reason)
    return control_free(str(reason))


def _import_refused(f: dict[str, Any], e: Any) -> str:
    problems = f["problems"]
    bad = len({p.line for p in problems})
    head = (f"import refused, nothing was stored: {bad} row{'s' if bad != 1 else ''} "
            f"of {f['total']} in {f['name']} {'have' if bad != 1 else 'has'} a problem")
    listed = [head, *map(import_problem, problems[:LISTED_PROBLEMS])]
    if len(problems) > LISTED_PROBLEMS:
        listed.append(f"... and {len(problems) - LISTED_PROBLEMS} more "
                      f"(the first {LISTED_PROBLEMS} are listed)")
    return "\n  ".join(listed)


#: How a refusal names a value that is not one of the file's keys (transfer.rows `what`).
_WHAT = {"profile_name": "profile name", "area": "an area",
         "redness.observed_at": "redness observed_at", "redness.notes": "redness notes"}


def _what(f: dict[str, Any]) -> str:
    return _WHAT.get(f["what"], f["what"])


def _other_session(f: dict[str, Any]) -> str:
    """The other session of a clash: `the stored session on D`, `the session on D (line N)`."""
    if f["other_line"] is None:
        return f"the stored session on {f['other']}"
    return f"the session on {f['other']} (line {f['other_line']})"


def _too_close(f: dict[str, Any], e: Any) -> str:
    gap = abs((f["date"] - f["other"]).days)
    if gap == 0:
        where = (f"a different session is already stored on {f['other']}"
                 if f["other_line"] is None and f["other_id"] is None
                 else f"{_other_session(f)} has the same date")
    else:
        side = "after" if f["date"] > f["other"] else "before"
        where = f"{gap} day{'s' if gap != 1 else ''} {side} {_other_session(f)}"
    whose = "sessions" if f["treatment"] == DEFAULT_TREATMENT else f"{f['treatment']} sessions"
    return f"{where}; {whose} of {f['profile']} must be at least {f['interval']} days apart"


def _window_clash(f: dict[str, Any], e: Any) -> str:
    side = "after" if f["date"] >= f["other"] else "before"
    areas = ", ".join(f["areas"]) or "every area"
    return (f"{f['treatment']} {f['gap_days']} days {side} {f['other_treatment']} "
            f"({_other_session(f)}) on {areas}; resurfacing treatments stay {f['window']} days "
            "apart on the same area")


def _photo_entry(f: dict[str, Any], e: Any) -> str:
    where = (f"profile {f['profile']}" if f.get("photo") is None
             else f"photo {f['photo']} of profile {f['profile']!r}")
    return f"{shown(f['name'])}: {where}: {error(f['cause'])}; nothing was imported"


_ERRORS.update({
    "not_export": lambda f, e: (f"{shown(f['name'])} is not a homekit export "
                                f"({_NOT_EXPORT[f['why']](f)}); nothing was imported"),
    "import_missing": "{name!p} does not exist",
    "import_is_folder": "{name!p} is a folder, not a file",
    "import_unreadable": "cannot read {name!p}: {reason}",
    "import_csv_line": "{name!p}: line {line}: unreadable CSV ({detail}); nothing was imported",
    "import_newer_format": (
        "{name!p} was written by a newer homekit (format version {version}); upgrade homekit to "
        "import it"),
    "import_profile_not_object": (
        "{name!p}: profile {profile} is not an object; nothing was imported"),
    "import_sessions_not_list": (
        "{name!p}: the sessions of profile {profile} are not a list; nothing was imported"),
    "import_file_changed": "{name} changed while it was imported; nothing was imported",
    "photo_entry_bad": _photo_entry,
    "photos_not_list": '"photos" is not a list',
    "photo_no_file": 'no "file"',
    "photo_area_not_text": "the area must be text",
    "photo_view_not_text": "the view must be text",
    "photo_notes_not_text": "notes and created_at must be text",
    "import_refused": _import_refused,
    # a row's values (transfer.rows)
    "row_problems": lambda f, e: "; ".join(_reason(p) for p in f["problems"]),
    "row_not_text": lambda f, e: f"{_what(f)} must be text, not {f['type']}",
    "row_not_timestamp": lambda f, e: (
        f"{_what(f)} {f['text']!r} is not a date and time (YYYY-MM-DDTHH:MM)"),
    "row_not_yes_no": "{what} {text!r} is not yes or no",
    "row_not_true_false": "{what} is not true or false",
    "row_not_true_false_null": "{what} is not true, false or null",
    "row_redness_not_json": "redness is not a JSON list of observations",
    "row_redness_not_list": "redness is not a list of observations",
    "row_redness_incomplete": "a redness observation needs observed_at and severity",
    "row_depth_not_number": "depth {value!r} is not a number",
    "row_despite_not_list": "despite is not a list of product kinds",
    "row_skin_type_not_number": "skin_type is not a number from 1 to 6 or null",
    "row_checklist_not_list": "checklist is not a list of item ids or null",
    # a row the reader could not even take apart (transfer.reader)
    "row_field_count": "has {fields} fields, the header has {header}",
    "row_settings_beside_session": lambda f, e: (
        f"has profile settings ({', '.join(f['settings'])}) beside a session: they go on the "
        "profile's own row, whose session_date and session cells are empty"),
    "row_not_object": "is not a session object",
    # a profile's treatments rows and product uses (transfer.rows_extras)
    "extras_not_json": "{key} is not a JSON list",
    "extras_not_objects": "{key} is not a list of objects",
    "extras_treatment_row": "treatment {treatment!r}: not a row homekit writes",
    "extras_interval_not_number": "treatment {treatment!r}: min_interval_days is not a number of days",
    "extras_interval_range": "treatment {treatment!r}: an interval of {days} days",
    "extras_target_not_number": "treatment {treatment!r}: target_sessions is not a number",
    # the rules across the file and the stored log (transfer.import_rules)
    "import_unknown_treatment": (
        "treatment {treatment!r} is neither built in nor one of {profile}'s own (the file's "
        "profile row may add it)"),
    "import_too_close": _too_close,
    "import_window_clash": _window_clash,
})
