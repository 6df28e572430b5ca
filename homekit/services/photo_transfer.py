"""Photos through export and import: `export --photos DIR` writes them as files named by id
and lists them in the JSON; import reads them back through the same checks as `photo add`.

Functions over the context, called by `Transfer` (services.transfer): loaded only by an
export with photos or an import.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from homekit.domain.errors import InvalidInput, StorageError
from homekit.services.photos import read_source

if TYPE_CHECKING:
    from homekit.charts.imaging import CleanPhoto
    from homekit.files import Source
    from homekit.services.context import Context
    from homekit.transfer.importer import ImportReport
    from homekit.transfer.photofiles import PhotoEntry

    Ready = list[tuple[PhotoEntry, CleanPhoto]]


def export_with_photos(ctx: Context, photos_dir: Path, fmt: str, *,
                       output: Path | str | None = None, all_profiles: bool = False,
                       replace: bool = False) -> str:
    """The JSON export listing the photos, each written to `photos_dir` as <id>.jpg (an
    existing one only with `replace`: all are checked before any is written)."""
    from homekit.files import check_output, is_stdout, write_output
    from homekit.storage import photos as store_photos
    from homekit.transfer import formats, photofiles

    store = ctx.store
    if fmt != "json":
        raise InvalidInput(code="photos_need_json")
    folder = Path(photos_dir).expanduser()
    named = None if output is None or is_stdout(output) else output
    base = Path(named).expanduser().resolve().parent if named else Path(os.getcwd())
    if folder.resolve() != base.resolve() and base.resolve() not in folder.resolve().parents:
        # Import reads photos only from inside the export's folder (domain.containment).
        raise InvalidInput(code="photos_dir_outside",
                           path=folder, base=base)
    if not folder.exists():
        if not folder.parent.is_dir():
            raise InvalidInput(code="output_folder_missing", path=folder.parent)
        try:
            folder.mkdir(mode=0o700)
        except OSError as exc:
            raise StorageError(code="folder_create_failed", folder=folder,
                               reason=exc.strerror) from None
    elif not folder.is_dir():
        raise InvalidInput(code="photos_dir_not_folder",
                           path=folder)
    profiles = store.profiles() if all_profiles else [ctx.profile()]
    listing = [(p, store_photos.photos(store, p.id)) for p in profiles]
    if named:
        check_output(named, replace=replace)
    for _, photos in listing:
        for photo in photos:
            check_output(folder.resolve() / photofiles.file_name(photo), replace=replace)
    data, entries = [], {}
    for p, photos in listing:
        sessions = store.sessions(p.id)
        dates = {s.id: s.session_date for s in sessions}
        data.append((p, sessions))
        listed = []
        for photo in photos:
            file = folder.resolve() / photofiles.file_name(photo)
            write_output(file, store_photos.photo_image(store, photo.id), replace=replace)
            listed.append(photofiles.entry_json(photo, file, base,
                                                dates.get(photo.session_id or -1)))
        entries[p.name] = listed
    return formats.to_json(data, photos=entries)


def read_photos(ctx: Context, source: Source) -> Ready:
    """Every photo the export at `source` lists, read (the photo bound) and cleaned: all are
    checked before anything is stored."""
    from homekit.charts.imaging import clean_photo
    from homekit.transfer import photofiles

    entries = photofiles.read_entries(source.path, ctx.profile_name(), folder=source.folder,
                                      name=source.name)
    return [(e, clean_photo(read_source(e.file), str(e.file), keep_clean=True)) for e in entries]


def store_photos(ctx: Context, ready: Ready, report: ImportReport) -> None:
    """Store the photos `read_photos` checked, skipping those already stored (same day, same
    bytes); counted in `report`."""
    from homekit.domain.photos import PhotoDraft
    from homekit.storage import photos as store_photos

    store = ctx.store
    with store.write():
        for e, clean in ready:
            profile = store.profile_by_name(e.profile)
            if profile is None:
                continue
            session_id = _session_on(ctx, profile.id, e.session_date)
            stored = store_photos.photos(store, profile.id, area=e.area)
            # The bytes are read only for a photo of the same day and size.
            if any(p.taken_on == e.taken_on and p.size == len(clean.jpeg)
                   and store_photos.photo_image(store, p.id) == clean.jpeg
                   for p in stored):
                report.photos_skipped += 1
                continue
            draft = PhotoDraft(session_id, e.area, e.taken_on, e.notes, clean.width,
                               clean.height, clean.jpeg)
            store_photos.insert_photo(store, profile.id, draft, e.created_at or ctx.stamp())
            report.photos_added += 1


def _session_on(ctx: Context, profile_id: int, day: dt.date | None) -> int | None:
    """The profile's session on `day` (the rule allows one), by one index seek."""
    if day is None:
        return None
    found = ctx.store.session_on_or_before(profile_id, day)
    return found.id if found is not None and found.session_date == day else None
