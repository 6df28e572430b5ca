"""Progress photos: add (cleaned), list, export, delete, compare; all inside the data file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from homekit.domain.errors import InvalidInput, NotFound
from homekit.services.sessions import SessionsService

if TYPE_CHECKING:
    from homekit.domain.photos import Comparison, Photo

# The photo rules and queries are imported by the methods that use them: most commands never
# touch a photo, and every command loads this mixin.


def read_source(path: Path) -> bytes:
    """The bytes of a photo file, or a refusal (missing, a folder, unreadable, too big)."""
    from homekit.domain import photos as rules

    file = Path(path).expanduser()
    try:
        if file.is_dir():
            raise InvalidInput(f"{file} is a folder", field="file", code="photo_not_image",
                               name=str(file))
        size = file.stat().st_size
        if size > rules.MAX_SOURCE_BYTES:
            raise InvalidInput(f"{file} is too large", field="file", code="photo_file_too_big",
                               name=str(file), limit=rules.MAX_SOURCE_BYTES)
        return file.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"{file} does not exist", field="file", code="photo_missing",
                           name=str(file)) from None
    except OSError as exc:
        raise InvalidInput(f"cannot read {file}: {exc.strerror}", field="file",
                           code="photo_unreadable", name=str(file),
                           reason=exc.strerror or str(exc)) from None


def refuse_existing_output(path: Path, force: bool) -> Path:
    target = Path(path).expanduser()
    if target.exists() and not force:
        raise InvalidInput(f"{target} already exists", code="output_exists", path=target)
    if not target.parent.is_dir():
        raise InvalidInput(f"folder {target.parent} does not exist", code="output_folder_missing",
                           path=target.parent)
    return target


class PhotosService(SessionsService):
    def add_photo(
        self,
        source: Path | bytes,
        *,
        session_id: int | None = None,
        area: str | None = None,
        taken_on: dt.date | None = None,
        notes: str = "",
        name: str | None = None,
    ) -> Photo:
        """Clean and store a photo; returns it. Refusals store nothing."""
        from homekit.charts.imaging import clean_photo
        from homekit.domain import photos as rules
        from homekit.storage import photos as store_photos

        profile = self.profile()
        session = None
        if session_id is not None:
            session = self._store.get_session(session_id)
            if session.profile_id != profile.id:
                raise NotFound(f"no session with id {session_id}")
        if taken_on is not None and taken_on > self.today():
            raise InvalidInput(f"{taken_on} is in the future", field="taken", code="future_date",
                               date=taken_on, today=self.today())
        if isinstance(source, bytes):
            data, label = source, name or "the photo"
        else:
            data, label = read_source(source), name or str(source)
        clean = clean_photo(data, label)
        if area is None and session is not None and len(session.areas) == 1:
            area = session.areas[0]
        exif_date = clean.exif_date if clean.exif_date and clean.exif_date <= self.today() else None
        day = rules.taken_date(taken_on, session.session_date if session else None, exif_date,
                               self.today())
        draft = rules.PhotoDraft(session_id, area, day, notes, clean.width, clean.height, clean.jpeg)
        with self._store.write():
            return store_photos.insert_photo(self._store, profile.id, draft, self._stamp())

    def photos(self, *, area: str | None = None, session_id: int | None = None) -> list[Photo]:
        from homekit.storage import photos as store_photos

        return store_photos.photos(self._store, self.profile().id, area=area, session_id=session_id)

    def photo(self, photo_id: int) -> Photo:
        from homekit.storage import photos as store_photos

        return store_photos.get_photo(self._store, photo_id, self.profile().id)

    def photo_bytes(self, photo_id: int) -> bytes:
        from homekit.storage import photos as store_photos

        self.photo(photo_id)  # of this profile
        return store_photos.photo_image(self._store, photo_id)

    def photo_counts(self) -> dict[int, int]:
        """Photos per session id (sessions without photos left out)."""
        from homekit.storage import photos as store_photos

        return store_photos.photo_counts(self._store, self.profile().id)

    def export_photo(self, photo_id: int, path: Path, *, force: bool = False) -> Path:
        from homekit.storage.files import write_private

        target = refuse_existing_output(path, force)
        return write_private(target, self.photo_bytes(photo_id))

    def delete_photo(self, photo_id: int) -> tuple[Photo, Path]:
        """Delete a photo after an automatic backup (the way back); returns both."""
        from homekit.storage import photos as store_photos
        from homekit.storage.backup import automatic_backup

        photo = self.photo(photo_id)
        backup = automatic_backup(self._store.conn, self.data_file, "delete", self.now())
        with self._store.write():
            store_photos.delete_photo(self._store, photo_id)
        return photo, backup

    def comparison(self, *, area: str | None = None, first_id: int | None = None,
                   last_id: int | None = None, until: dt.date | None = None,
                   since: dt.date | None = None) -> Comparison:
        """The pair of photos to compare (see domain.photos.compare_pair)."""
        from homekit.domain import photos as rules

        found = [p for p in self.photos() if (until is None or p.taken_on <= until)
                 and (since is None or p.taken_on >= since)]
        if not found:
            raise InvalidInput("no photos stored yet", code="no_photos")
        first, last = rules.compare_pair(found, area=area, first_id=first_id, last_id=last_id)
        return rules.Comparison(first, last)

    def save_comparison(self, path: Path, comparison: Comparison, *, force: bool = False) -> Path:
        """Draw the comparison as a PNG at `path` (mode 600)."""
        from homekit import words
        from homekit.charts.files import render_bytes
        from homekit.charts.photos import comparison_figure
        from homekit.storage.files import write_private

        target = refuse_existing_output(path, force)
        if target.suffix.lower() != ".png":
            raise InvalidInput(f"{target.name}: the comparison is written as .png",
                               code="compare_needs_png", path=target)
        jpegs = [self.photo_bytes(comparison.first.id), self.photo_bytes(comparison.last.id)]
        fig = comparison_figure(jpegs, words.comparison_captions(comparison),
                                words.comparison_title(comparison))
        return write_private(target, render_bytes(fig, "png", dpi=100))
