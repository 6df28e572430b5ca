"""What the own-your-data commands say: export, import, backup, restore, the demo and the
report (reminders: words.calendar). Split from commands, which says the rest of the CLI."""

from __future__ import annotations

from typing import Any

from homekit.words.base import (
    plural,
    shown,
)

# -- own your data: export, import, backup, restore, demo (reminders: words.calendar) -----


def exported(path: object, fmt: str, photos: object = None) -> str:
    if photos is None:
        return f"Exported to {shown(path)} ({fmt})."
    return f"Exported to {shown(path)} ({fmt}), photos in {shown(photos)}."


def import_lines(r: Any) -> list[str]:
    """What an import (or its dry run) did: sessions, photos, the backup taken first."""
    skipped = (f"; {plural(r.identical_skipped, 'identical session')} already stored, skipped"
               if r.identical_skipped else "")
    created = (f"; new {'profile' if len(r.profiles_created) == 1 else 'profiles'}: "
               f"{', '.join(r.profiles_created)}" if r.profiles_created else "")
    what = (f"{plural(r.sessions_added, 'session')} "
            f"({plural(r.observations_added, 'redness observation')})")
    if r.dry_run:
        lines = [f"Dry run: would import {what}{skipped}{created}. Nothing was stored."]
    elif r.sessions_added == 0 and not r.profiles_created:
        lines = [f"Nothing new to import: all {r.identical_skipped} sessions in {r.name or r.path.name} "
                 "are already stored."]
    else:
        lines = [f"Imported {what}{skipped}{created}."]
    if r.photos_added or r.photos_skipped:
        verb = "would import" if r.dry_run else "imported"
        also = f", {r.photos_skipped} already stored, skipped" if r.photos_skipped else ""
        lines.append(f"Photos: {verb} {r.photos_added}{also}.")
    if r.made_current:
        lines.append(f"{r.made_current} would become the current profile." if r.dry_run
                     else f"Now using profile {r.made_current} (the file held no other log).")
    if r.backup:
        lines.append(f"Backup taken first: {r.backup}")
    return lines


def backup_written(path: object) -> str:
    return f"Backup written: {shown(path)}"


def restored(data_file: object, origin: object, info: Any) -> str:
    return (f"Restored {data_file} from {origin} ({info.sessions} sessions, "
            f"{plural(info.profiles, 'profile')}).")


def replaced_kept(previous: object) -> str:
    return f"The replaced file was kept as: {previous}"


def demo_written(result: Any) -> str:
    return (f"Demo log written to {result.path}: profile {result.profile}, {result.sessions} "
            f"sessions from {result.first_date.isoformat()} to {result.last_date.isoformat()}.")


def demo_try(path: object) -> str:
    return f"Try: homekit --db {path} status"


def report_written(written: Any) -> str:
    return f"Wrote the report ({plural(written.pages, 'page')}) to {shown(written.path)}"
