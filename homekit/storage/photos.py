"""The SQL of progress photos: `photos` (what is known of each, migration m005_photos) and
`photo_images` (their bytes, m009_photo_images).

No listing reads an image: the bytes live in their own table, and `photo_image` reads one
photo's when they are needed.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from homekit.domain.errors import NotFound
from homekit.domain.photos import Photo, PhotoDraft
from homekit.storage.repo import Store
from homekit.storage.rows import from_row

_COLS = ("id, profile_id, session_id, area, taken_on, notes, mime, width, height, size, "
         "created_at, "
         # The session's number (its place by date in the profile): a count on the index.
         "(SELECT count(*) FROM sessions AS e JOIN sessions AS s ON e.profile_id = s.profile_id "
         "AND (e.session_date, e.id) <= (s.session_date, s.id) WHERE s.id = photos.session_id) "
         "AS session_number")


def _photo(row: sqlite3.Row) -> Photo:
    return from_row(Photo, row, {"taken_on": dt.date.fromisoformat,
                                 "session_number": lambda n: n or None})


def insert_photo(store: Store, profile_id: int, draft: PhotoDraft, created_at: str) -> Photo:
    """Store the photo and its bytes (the caller holds the write transaction)."""
    cur = store._x(
        "INSERT INTO photos (profile_id, session_id, area, taken_on, notes, mime, width, height, "
        "size, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (profile_id, draft.session_id, draft.area, draft.taken_on.isoformat(), draft.notes,
         draft.mime, draft.width, draft.height, len(draft.image), created_at),
    )
    photo_id = int(cur.lastrowid or 0)
    store._x("INSERT INTO photo_images (photo_id, image) VALUES (?, ?)",
             (photo_id, sqlite3.Binary(draft.image)))
    return get_photo(store, photo_id)


def get_photo(store: Store, photo_id: int, profile_id: int | None = None) -> Photo:
    rows = store._q(f"SELECT {_COLS} FROM photos WHERE id = ? AND (? IS NULL OR profile_id = ?)",
                    (photo_id, profile_id, profile_id))
    if not rows:
        raise NotFound(code="unknown_photo", id=photo_id)
    return _photo(rows[0])


def photos(store: Store, profile_id: int, *, area: str | None = None,
           session_id: int | None = None) -> list[Photo]:
    """Photos of a profile, oldest first (by the day taken, then the order stored)."""
    rows = store._q(
        f"SELECT {_COLS} FROM photos WHERE profile_id = ? AND (? IS NULL OR area = ?) "
        "AND (? IS NULL OR session_id = ?) ORDER BY taken_on, id",
        (profile_id, area, area, session_id, session_id),
    )
    return [_photo(r) for r in rows]


def photo_image(store: Store, photo_id: int) -> bytes:
    rows = store._q("SELECT image FROM photo_images WHERE photo_id = ?", (photo_id,))
    if not rows:
        raise NotFound(code="unknown_photo", id=photo_id)
    return bytes(rows[0][0])


def delete_photo(store: Store, photo_id: int) -> None:
    store._x("DELETE FROM photo_images WHERE photo_id = ?", (photo_id,))  # the cascade's work,
    cur = store._x("DELETE FROM photos WHERE id = ?", (photo_id,))  # also with foreign keys off
    if cur.rowcount == 0:
        raise NotFound(code="unknown_photo", id=photo_id)


def photo_counts(store: Store, profile_id: int) -> dict[int, int]:
    """How many photos each session of the profile has (sessions with none left out)."""
    rows = store._q("SELECT session_id, count(*) FROM photos WHERE profile_id = ? "
                    "AND session_id IS NOT NULL GROUP BY session_id", (profile_id,))
    return {int(r[0]): int(r[1]) for r in rows}
