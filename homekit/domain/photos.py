"""Progress photos: the stored facts about one, and the rules for comparing two."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from homekit.domain.errors import InvalidInput, NotFound
from homekit.domain.records import json_fields

#: The long side of a stored photo, in pixels (larger ones are scaled down).
MAX_SIDE = 2048
#: A photo's long side is at most this many times its short side: refused beyond it (a
#: face photographed is never that narrow), and every canvas drawn from stored photos fits
#: each photo into a box of this shape, whatever was stored before the limit.
MAX_ASPECT = 10
#: JPEG quality of the re-encoded photo.
JPEG_QUALITY = 90
#: Pixels a source image may have before it is refused as a decompression bomb (Pillow's
#: own limit is about 89 million with a warning; homekit refuses at the warning).
MAX_SOURCE_PIXELS = 90_000_000
#: Bytes of a source photo read at most, from a file or a stream: 64 MiB (a 48-megapixel
#: phone HEIC is about 10 MB, its JPEG about 20 MB).
MAX_SOURCE_BYTES = 64 * 2**20
MIME = "image/jpeg"
#: The group of photos that name no area.
NO_AREA = "(no area)"
#: The standard views a photo is taken from, the same way each time (teledermatology guides:
#: front, left, right, and close-ups). A photo without one (NULL) pairs by its area alone.
VIEWS: tuple[str, ...] = ("front", "left", "right", "close-up")


def view(value: str) -> str:
    """A view as typed (any case; `closeup`, `close up` and `close_up` too)."""
    text = str(value).strip().lower().replace("_", "-").replace(" ", "-")
    text = "close-up" if text == "closeup" else text
    return InvalidInput.unless_among(text, VIEWS, typed=value, field="view", code="unknown_view")


@dataclass(frozen=True)
class Photo:
    """A stored photo without its pixels (those are read only when needed)."""

    id: int
    profile_id: int
    session_id: int | None
    area: str | None
    taken_on: dt.date
    notes: str
    mime: str
    width: int
    height: int
    size: int  # bytes of the stored JPEG
    created_at: str
    #: The number of its session (Session.number), or None without a session.
    session_number: int | None = None
    #: The standard view (one of VIEWS), or None when none was given.
    view: str | None = None

    @property
    def area_label(self) -> str:
        return self.area or NO_AREA

    @property
    def group(self) -> tuple[str | None, str | None]:
        """What a photo pairs by: its area and its view."""
        return self.area, self.view

    to_json = json_fields("id", "session_id", "session_number", "area", "taken_on", "notes", "mime",
                          "width", "height", "bytes=size", "created_at", "view")


@dataclass(frozen=True)
class PhotoDraft:
    """A photo ready to store: clean JPEG bytes and what the user said about it."""

    session_id: int | None
    area: str | None
    taken_on: dt.date
    notes: str
    width: int
    height: int
    image: bytes
    mime: str = MIME
    view: str | None = None


def too_narrow(width: int, height: int) -> bool:
    """Whether a photo of `width` x `height` pixels is beyond MAX_ASPECT."""
    return max(width, height) > MAX_ASPECT * max(1, min(width, height))


def fitted_size(width: int, height: int, box_height: int) -> tuple[int, int]:
    """A photo's size scaled to `box_height` pixels high, or less high when that would make it
    wider than MAX_ASPECT times that height (never below 1 pixel)."""
    box_width = MAX_ASPECT * box_height
    scale = min(box_height / max(1, height), box_width / max(1, width))
    return max(1, round(width * scale)), max(1, round(height * scale))


def taken_date(given: dt.date | None, session_date: dt.date | None, exif_date: dt.date | None,
               today: dt.date) -> dt.date:
    """The date a photo was taken: as given, else its session's, else its own, else today."""
    for choice in (given, session_date, exif_date):
        if choice is not None:
            return choice
    return today


def busiest_area(photos: Sequence[Photo]) -> str | None:
    """The area with the most photos (the earliest-photographed one on a tie)."""
    group = busiest_group(photos)
    return group[0] if group else None


def busiest_group(photos: Sequence[Photo]) -> tuple[str | None, str | None] | None:
    """The (area, view) with the most photos (the earliest-photographed one on a tie)."""
    if not photos:
        return None
    counts = Counter(p.group for p in photos)
    first_seen: dict[tuple[str | None, str | None], tuple[dt.date, int]] = {}
    for p in photos:
        first_seen.setdefault(p.group, (p.taken_on, p.id))
    return max(counts, key=lambda g: (counts[g], [-x for x in _key(first_seen[g])]))


def _key(seen: tuple[dt.date, int]) -> tuple[int, int]:
    return seen[0].toordinal(), seen[1]


def ordered(photos: Sequence[Photo]) -> list[Photo]:
    return sorted(photos, key=lambda p: (p.taken_on, p.id))


def latest_of_view(photos: Sequence[Photo], area: str | None, view: str | None) -> Photo | None:
    """The latest photo of `area` taken from `view`: the guide for the next one."""
    same = [p for p in photos if p.group == (area, view)]
    return ordered(same)[-1] if same else None


_ANY = object()


def compare_pair(
    photos: Sequence[Photo],
    *,
    area: str | None = None,
    first_id: int | None = None,
    last_id: int | None = None,
    view: object = _ANY,
) -> tuple[Photo, Photo]:
    """The two photos to show side by side: given by id, else the earliest and latest of one
    area and view (given, or the pair with the most photos among those given)."""
    by_id = {p.id: p for p in photos}
    for wanted in (first_id, last_id):
        if wanted is not None and wanted not in by_id:
            raise NotFound(code="unknown_photo", id=wanted)
    if first_id is not None and last_id is not None:
        pair = (by_id[first_id], by_id[last_id])
    else:
        known = [by_id[i] for i in (first_id, last_id) if i is not None]
        if known:
            group = known[0].group
        else:
            among = [p for p in photos if (area is None or p.area == area)
                     and (view is _ANY or p.view == view)]
            found = busiest_group(among)
            if found is None:
                where = area if view is _ANY or view is None else f"{area or 'any area'}, {view}"
                raise InvalidInput(code="no_photos_to_compare", area=where)
            group = found
        same = ordered([p for p in photos if p.group == group])
        first = by_id[first_id] if first_id is not None else same[0]
        last = by_id[last_id] if last_id is not None else same[-1]
        pair = (first, last)
    if pair[0].id == pair[1].id:
        raise InvalidInput(code="one_photo_only", area=label(pair[0]), id=pair[0].id)
    return pair  # type: ignore[return-value]


def label(photo: Photo) -> str:
    """`cheeks, left view` (or the area alone, without a view)."""
    return photo.area_label + (f", {photo.view} view" if photo.view else "")


def first_and_latest_by_area(photos: Sequence[Photo]) -> list[tuple[Photo, Photo | None]]:
    """Per area and view (alphabetical, no area last; views in VIEWS order, none first): its
    first photo and its latest (None if one)."""
    groups: dict[tuple[str | None, str | None], list[Photo]] = {}
    for p in ordered(photos):
        groups.setdefault(p.group, []).append(p)
    keys = sorted(groups, key=lambda g: (g[0] is None, g[0] or "",
                                         -1 if g[1] is None else VIEWS.index(g[1])))
    return [(groups[g][0], groups[g][-1] if len(groups[g]) > 1 else None) for g in keys]


@dataclass(frozen=True)
class Comparison:
    """Two photos of one area to show side by side, with their place in the course."""

    first: Photo
    last: Photo
    @property
    def first_session(self) -> int | None:
        """The number of the first photo's session (Session.number), or None."""
        return self.first.session_number

    @property
    def last_session(self) -> int | None:
        return self.last.session_number

    @property
    def days_between(self) -> int:
        return (self.last.taken_on - self.first.taken_on).days
