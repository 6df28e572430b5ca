"""Progress photos: add (cleaned), list, export, delete, compare; all inside the data file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from homekit.domain.errors import InvalidInput, NotFound
from homekit.services.context import OnContext

if TYPE_CHECKING:
    from homekit.domain.photos import Comparison, Photo

# The photo rules and queries are imported by the methods that use them: most commands never
# touch a photo.


def read_source(path: Path | str) -> bytes:
    """The bytes of a photo file (or `-`, standard input), read once with the photo bound
    (homekit.files); a refusal says why (missing, a folder, a pipe nobody writes to, too big)."""
    from homekit.files import read_bytes

    return read_bytes(path, "photo")[0]


class Photos(OnContext):
    """Progress photos of the current profile, stored inside the data file."""

    def add_photo(
        self,
        source: Path | bytes,
        *,
        session_id: int | None = None,
        area: str | None = None,
        taken_on: dt.date | None = None,
        notes: str = "",
        name: str | None = None,
        view: str | None = None,
    ) -> Photo:
        """Clean and store a photo; returns it. Refusals store nothing."""
        from homekit.charts.imaging import clean_photo
        from homekit.domain import photos as rules
        from homekit.storage import photos as store_photos

        profile = self.ctx.profile()
        session = None
        if session_id is not None:
            session = self.ctx.store.get_session(session_id)
            if session.profile_id != profile.id:
                raise NotFound(code="unknown_session", id=session_id)
        if taken_on is not None and taken_on > self.ctx.today():
            raise InvalidInput(field="taken", code="future_date",
                               date=taken_on, today=self.ctx.today())
        if isinstance(source, bytes):
            data, label = source, name or "the photo"
        else:
            from homekit.files import STDIN_NAME, STDIO

            data = read_source(source)
            label = name or (STDIN_NAME if str(source) == STDIO else str(source))
        clean = clean_photo(data, label)
        if area is None and session is not None and len(session.areas) == 1:
            area = session.areas[0]
        exif_date = clean.exif_date if clean.exif_date and clean.exif_date <= self.ctx.today() else None
        day = rules.taken_date(taken_on, session.session_date if session else None, exif_date,
                               self.ctx.today())
        draft = rules.PhotoDraft(session_id, area, day, notes, clean.width, clean.height,
                                 clean.jpeg, view=None if view is None else rules.view(view))
        with self.ctx.store.write():
            return store_photos.insert_photo(self.ctx.store, profile.id, draft, self.ctx.stamp())

    def photos(self, *, area: str | None = None, session_id: int | None = None,
               view: str | None = None) -> list[Photo]:
        from homekit.storage import photos as store_photos

        return store_photos.photos(self.ctx.store, self.ctx.profile().id, area=area,
                                   session_id=session_id, view=view)

    def view_guide(self, area: str | None, view: str | None) -> Photo | None:
        """The latest photo of `area` from `view` (the guide for the next one), or None."""
        from homekit.domain.photos import latest_of_view

        return latest_of_view(self.photos(area=area), area, view)

    def photo(self, photo_id: int) -> Photo:
        from homekit.storage import photos as store_photos

        return store_photos.get_photo(self.ctx.store, photo_id, self.ctx.profile().id)

    def photo_bytes(self, photo_id: int) -> bytes:
        from homekit.storage import photos as store_photos

        self.photo(photo_id)  # of this profile
        return store_photos.photo_image(self.ctx.store, photo_id)

    def photo_counts(self) -> dict[int, int]:
        """Photos per session id (sessions without photos left out)."""
        from homekit.storage import photos as store_photos

        return store_photos.photo_counts(self.ctx.store, self.ctx.profile().id)

    def export_photo(self, photo_id: int, path: Path | str, *, force: bool = False) -> Path:
        """Write the photo's JPEG to `path` (homekit.files: `-`, a device, a new or, with
        `force`, an existing file); returns the full path."""
        from homekit.files import write_output

        return write_output(path, self.photo_bytes(photo_id), replace=force)

    def delete_photo(self, photo_id: int) -> tuple[Photo, Path]:
        """Delete a photo after an automatic backup (the way back); returns both."""
        from homekit.storage import photos as store_photos
        from homekit.storage.backup import automatic_backup

        photo = self.photo(photo_id)
        backup = automatic_backup(self.ctx.store.conn, self.ctx.data_file, "delete", self.ctx.now())
        with self.ctx.store.write():
            store_photos.delete_photo(self.ctx.store, photo_id)
        return photo, backup

    def comparison(self, *, area: str | None = None, first_id: int | None = None,
                   last_id: int | None = None, until: dt.date | None = None,
                   since: dt.date | None = None, view: str | None = None) -> Comparison:
        """The pair of photos to compare (see domain.photos.compare_pair)."""
        from homekit.domain import photos as rules

        found = [p for p in self.photos() if (until is None or p.taken_on <= until)
                 and (since is None or p.taken_on >= since)]
        if not found:
            raise InvalidInput(code="no_photos")
        extra = {} if view is None else {"view": view}
        first, last = rules.compare_pair(found, area=area, first_id=first_id, last_id=last_id,
                                         **extra)
        return rules.Comparison(first, last)

    def save_comparison(self, path: Path | str, comparison: Comparison, captions: list[str],
                        title: str, *, force: bool = False) -> Path:
        """Draw the comparison as a PNG at `path` (homekit.files; mode 600) under `title`, one
        caption a photo (the words are the caller's: homekit.words); the full path."""
        from homekit.charts.files import render_bytes
        from homekit.charts.photos import comparison_figure
        from homekit.files import FILE, NEW, check_output, write_output

        kind = check_output(path, replace=force)
        if kind in (NEW, FILE) and Path(path).suffix.lower() != ".png":
            raise InvalidInput(code="compare_needs_png", path=Path(path))
        jpegs = [self.photo_bytes(comparison.first.id), self.photo_bytes(comparison.last.id)]
        fig = comparison_figure(jpegs, captions, title)
        return write_output(path, render_bytes(fig, "png", dpi=100), replace=force)
