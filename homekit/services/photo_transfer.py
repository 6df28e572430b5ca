"""Photos through export and import: `export --photos DIR` writes them as files named by id
and lists them in the JSON; import reads them back through the same checks as `photo add`."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from homekit.domain.errors import InvalidInput, StorageError
from homekit.services.photos import PhotosService, read_source
from homekit.services.transfer import TransferService

if TYPE_CHECKING:
    from homekit.files import Source
    from homekit.transfer.importer import ImportReport

# The transfer formats, the photo rules and queries are imported where used: every command
# builds the facade (start-up).


class PhotoTransferService(PhotosService, TransferService):
    def export_with_photos(self, photos_dir: Path, fmt: str, *, output: Path | str | None = None,
                           all_profiles: bool = False, replace: bool = False) -> str:
        """The JSON export listing the photos, each written to `photos_dir` as <id>.jpg (an
        existing one only with `replace`: all are checked before any is written)."""
        from homekit.files import check_output, is_stdout, write_output
        from homekit.storage import photos as store_photos
        from homekit.transfer import formats, photofiles

        if fmt != "json":
            raise InvalidInput("--photos needs the JSON format (CSV has no place for photos)",
                               code="photos_need_json")
        folder = Path(photos_dir).expanduser()
        named = None if output is None or is_stdout(output) else output
        base = Path(named).expanduser().resolve().parent if named else Path(os.getcwd())
        if folder.resolve() != base.resolve() and base.resolve() not in folder.resolve().parents:
            # Import reads photos only from inside the export's folder (domain.containment).
            raise InvalidInput(f"{folder} is not inside {base}", code="photos_dir_outside",
                               path=folder, base=base)
        if not folder.exists():
            if not folder.parent.is_dir():
                raise InvalidInput(f"folder {folder.parent} does not exist",
                                   code="output_folder_missing", path=folder.parent)
            try:
                folder.mkdir(mode=0o700)
            except OSError as exc:
                raise StorageError(f"cannot create folder {folder}: {exc.strerror}") from None
        elif not folder.is_dir():
            raise InvalidInput(f"{folder} is not a folder", code="photos_dir_not_folder",
                               path=folder)
        profiles = self._store.profiles() if all_profiles else [self.profile()]
        listing = [(p, store_photos.photos(self._store, p.id)) for p in profiles]
        if named:
            check_output(named, replace=replace)
        for _, photos in listing:
            for photo in photos:
                check_output(folder.resolve() / photofiles.file_name(photo), replace=replace)
        data, entries = [], {}
        for p, photos in listing:
            sessions = self._store.sessions(p.id)
            dates = {s.id: s.session_date for s in sessions}
            data.append((p, sessions))
            listed = []
            for photo in photos:
                file = folder.resolve() / photofiles.file_name(photo)
                write_output(file, store_photos.photo_image(self._store, photo.id), replace=replace)
                listed.append(photofiles.entry_json(photo, file, base,
                                                    dates.get(photo.session_id or -1)))
            entries[p.name] = listed
        return formats.to_json(data, photos=entries,
                               events=self.events.export_entries(profiles))  # type: ignore[attr-defined]

    def write_export(self, path: Path | str, text: str, *, replace: bool = True) -> Path:
        """Write an export's text owner-only (homekit.files); `replace=False` refuses an
        existing file. Returns the full path."""
        from homekit.files import write_output

        return write_output(path, text.encode("utf-8"), replace=replace)

    def _import_source(self, source: Source, dry_run: bool) -> ImportReport:
        """Import sessions (see TransferService) and then the photos the export lists; every
        photo is read (homekit.files, the photo bound) and checked before anything is stored."""
        from homekit.charts.imaging import clean_photo
        from homekit.domain.photos import PhotoDraft
        from homekit.storage import photos as store_photos
        from homekit.transfer import photofiles

        entries = photofiles.read_entries(source.path, self.profile_name(), folder=source.folder,
                                          name=source.name)
        ready = []
        for e in entries:
            clean = clean_photo(read_source(e.file), str(e.file), keep_clean=True)
            ready.append((e, clean))
        from homekit.transfer import eventfiles

        events = eventfiles.read_entries(source.path, self.profile_name())
        report = super()._import_source(source, dry_run)
        report.events_added, report.events_skipped = self.events.import_entries(  # type: ignore[attr-defined]
            events, dry_run)
        if dry_run:
            report.photos_added = len(ready)
            return report
        with self._store.write():
            for e, clean in ready:
                profile = self._store.profile_by_name(e.profile)
                if profile is None:
                    continue
                session_id = self._session_on(profile.id, e.session_date)
                stored = store_photos.photos(self._store, profile.id, area=e.area)
                # The bytes are read only for a photo of the same day and size.
                if any(p.taken_on == e.taken_on and p.size == len(clean.jpeg)
                       and store_photos.photo_image(self._store, p.id) == clean.jpeg
                       for p in stored):
                    report.photos_skipped += 1
                    continue
                draft = PhotoDraft(session_id, e.area, e.taken_on, e.notes, clean.width,
                                   clean.height, clean.jpeg, view=e.view)
                store_photos.insert_photo(self._store, profile.id, draft,
                                          e.created_at or self._stamp())
                report.photos_added += 1
        return report

    def _session_on(self, profile_id: int, day: dt.date | None) -> int | None:
        """The profile's session on `day` (the rule allows one), by one index seek."""
        if day is None:
            return None
        found = self._store.session_on_or_before(profile_id, day)
        return found.id if found is not None and found.session_date == day else None
