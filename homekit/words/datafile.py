"""The data file, its folder, its backups and restores refused, in words (homekit.storage
raises them with a code and the facts: the file, the folder, the reason the system gave)."""

from __future__ import annotations

from homekit.words.errors import _ERRORS

__all__: list[str] = []


_ERRORS.update({
    # opening the data file (storage.db, storage.rows)
    "data_path_empty": lambda f, e: "the data file path is empty",
    "open_failed": lambda f, e: f"cannot open {f['file']}: {f['detail']}",
    "folder_unusable": lambda f, e: f"cannot use {f['folder']}: {f['reason']}",
    "folder_missing": lambda f, e: f"folder {f['folder']} does not exist",
    "folder_create_failed": lambda f, e: f"cannot create folder {f['folder']}: {f['reason']}",
    "not_a_folder": lambda f, e: f"{f['folder']} is not a folder",
    "file_unreadable": lambda f, e: f"cannot read {f['file']}: {f['reason']}",
    "data_file_is_folder": lambda f, e: f"{f['file']} is a folder, not a data file",
    "data_file_not_regular": lambda f, e: f"{f['file']} is not a regular file",
    "data_file_read_only": lambda f, e: f"{f['file']} is read-only; homekit needs to write to it",
    "data_file_no_read": lambda f, e: f"{f['file']} cannot be read (permission denied)",
    "create_failed": lambda f, e: f"cannot create {f['file']}: {f['reason']}",
    "data_file_truncated": lambda f, e: (
        f"{f['file']} is damaged (truncated); homekit left it untouched"),
    "foreign_database": lambda f, e: (
        f"{f['file']} is a SQLite database of another program "
        f"(tables: {', '.join(f['tables'])}); homekit left it untouched"),
    "newer_schema": lambda f, e: (
        f"{f['file']} was written by a newer homekit (schema {f['version']}, this one knows "
        f"{f['known']}); upgrade homekit to open it"),
    "data_file_locked": lambda f, e: (
        f"{f['file']} is locked by another program; try again in a moment"),
    "data_file_damaged": lambda f, e: (
        f"{f['file']} is not a SQLite database, or is damaged; homekit left it untouched"),
    "disk_failed": lambda f, e: (
        f"cannot write {f['file']}: the disk is full or failing; nothing was saved"),
    "check_failed": lambda f, e: (
        f"{f['file']}: a value broke a check in the database ({f['detail']}); nothing was saved"),
    "sqlite_error": lambda f, e: f"{f['file']}: {f['detail']}",
    # rows that are not there (storage.repo, storage.sessions)
    "unknown_session": lambda f, e: f"no session with id {f['id']}",
    "unknown_profile_id": lambda f, e: f"no profile with id {f['id']}",
    # backups (storage.backup)
    "backup_exists": lambda f, e: f"{f['path']} already exists; choose another name",
    "backup_failed": lambda f, e: f"cannot write backup {f['path']}: {f['reason']}",
    # restores (storage.restore)
    "restore_not_sqlite": lambda f, e: f"{f['name']} is not a SQLite database; nothing was restored",
    "restore_unreadable": lambda f, e: f"cannot read {f['name']}: {f['reason']}",
    "restore_open_failed": lambda f, e: (
        f"cannot open {f['name']}: {f['detail']}; nothing was restored"),
    "restore_damaged": lambda f, e: f"{f['name']} is damaged ({f['detail']}); nothing was restored",
    "restore_integrity": lambda f, e: (
        f"{f['name']} is damaged (integrity check: {f['problem']}); nothing was restored"),
    "restore_not_homekit": lambda f, e: (
        f"{f['name']} is not a homekit data file; nothing was restored"),
    "restore_newer_schema": lambda f, e: (
        f"{f['name']} was written by a newer homekit (schema {f['version']}, this one "
        f"knows {f['known']}); nothing was restored"),
    "restore_is_data_file": lambda f, e: (
        f"{f['name']} is the data file itself; choose a backup to restore"),
    # reminders (transfer.calendar), restore sources (services.replica)
    "reminder_start_unusable": lambda f, e: f"no usable reminder start in {f['fallback']!r}",
    "restore_needs_source": lambda f, e: "give either a backup PATH or --from-replica URL",
})
