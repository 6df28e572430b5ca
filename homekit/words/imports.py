"""Import refusals in words: a file that is not an export, or whose photo list is wrong
(homekit.transfer raises them with a code and the facts; the sentences are here)."""

from __future__ import annotations

from typing import Any

from homekit.words.base import shown
from homekit.words.errors import _ERRORS, error

__all__: list[str] = []

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


def _photo_entry(f: dict[str, Any], e: Any) -> str:
    where = (f"profile {f['profile']}" if f.get("photo") is None
             else f"photo {f['photo']} of profile {f['profile']!r}")
    return f"{shown(f['name'])}: {where}: {error(f['cause'])}; nothing was imported"


_ERRORS.update({
    "not_export": lambda f, e: (f"{shown(f['name'])} is not a homekit export "
                                f"({_NOT_EXPORT[f['why']](f)}); nothing was imported"),
    "import_missing": lambda f, e: f"{shown(f['name'])} does not exist",
    "import_is_folder": lambda f, e: f"{shown(f['name'])} is a folder, not a file",
    "import_unreadable": lambda f, e: f"cannot read {shown(f['name'])}: {f['reason']}",
    "import_csv_line": lambda f, e: (f"{shown(f['name'])}: line {f['line']}: unreadable CSV "
                                     f"({f['detail']}); nothing was imported"),
    "import_newer_format": lambda f, e: (
        f"{shown(f['name'])} was written by a newer homekit (format version {f['version']}); "
        "upgrade homekit to import it"),
    "import_profile_not_object": lambda f, e: (
        f"{shown(f['name'])}: profile {f['profile']} is not an object; nothing was imported"),
    "import_sessions_not_list": lambda f, e: (
        f"{shown(f['name'])}: the sessions of profile {f['profile']} are not a list; "
        "nothing was imported"),
    "import_file_changed": lambda f, e: (
        f"{f['name']} changed while it was imported; nothing was imported"),
    "photo_entry_bad": _photo_entry,
    "photos_not_list": lambda f, e: '"photos" is not a list',
    "photo_no_file": lambda f, e: 'no "file"',
    "photo_area_not_text": lambda f, e: "the area must be text",
    "photo_notes_not_text": lambda f, e: "notes and created_at must be text",
})
