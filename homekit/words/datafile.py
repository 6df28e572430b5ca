"""The data file, its folder, its backups and restores refused, in words (homekit.storage
raises them with a code and the facts: the file, the folder, the reason the system gave)."""

from __future__ import annotations

from homekit.words.errors import _ERRORS

__all__: list[str] = []


_ERRORS.update({
    # opening the data file (storage.db, storage.rows)
    "data_path_empty": "the data file path is empty",
    "open_failed": "cannot open {file}: {detail}",
    "folder_unusable": "cannot use {folder}: {reason}",
    "folder_missing": "folder {folder} does not exist",
    "folder_create_failed": "cannot create folder {folder}: {reason}",
    "not_a_folder": "{folder} is not a folder",
    "file_unreadable": "cannot read {file}: {reason}",
    "data_file_is_folder": "{file} is a folder, not a data file",
    "data_file_not_regular": "{file} is not a regular file",
    "data_file_read_only": "{file} is read-only; homekit needs to write to it",
    "data_file_no_read": "{file} cannot be read (permission denied)",
    "create_failed": "cannot create {file}: {reason}",
    "data_file_truncated": "{file} is damaged (truncated); homekit left it untouched",
    "foreign_database": lambda f, e: (
        f"{f['file']} is a SQLite database of another program "
        f"(tables: {', '.join(f['tables'])}); homekit left it untouched"),
    "newer_schema": (
        "{file} was written by a newer homekit (schema {version}, this one knows {known}); "
        "upgrade homekit to open it"),
    "data_file_locked": "{file} is locked by another program; try again in a moment",
    "data_file_damaged": (
        "{file} is not a SQLite database, or is damaged; homekit left it untouched"),
    "disk_failed": "cannot write {file}: the disk is full or failing; nothing was saved",
    "check_failed": "{file}: a value broke a check in the database ({detail}); nothing was saved",
    "sqlite_error": "{file}: {detail}",
    # rows that are not there (storage.repo, storage.sessions)
    "unknown_session": "no session with id {id}",
    "unknown_profile_id": "no profile with id {id}",
    # backups (storage.backup)
    "backup_exists": "{path} already exists; choose another name",
    "backup_failed": "cannot write backup {path}: {reason}",
    # restores (storage.restore)
    "restore_not_sqlite": "{name} is not a SQLite database; nothing was restored",
    "restore_unreadable": "cannot read {name}: {reason}",
    "restore_open_failed": "cannot open {name}: {detail}; nothing was restored",
    "restore_damaged": "{name} is damaged ({detail}); nothing was restored",
    "restore_integrity": "{name} is damaged (integrity check: {problem}); nothing was restored",
    "restore_not_homekit": "{name} is not a homekit data file; nothing was restored",
    "restore_newer_schema": (
        "{name} was written by a newer homekit (schema {version}, this one knows {known}); "
        "nothing was restored"),
    "restore_is_data_file": "{name} is the data file itself; choose a backup to restore",
    # reminders (transfer.calendar), restore sources (services.replica)
    "reminder_start_unusable": "no usable reminder start in {fallback!r}",
    "restore_needs_source": "give either a backup PATH or --from-replica URL",
})
