"""Progress photos (the report's words are in homekit.words.report)."""

from __future__ import annotations

from homekit.words.base import control_free, day, shown
from homekit.words.errors import _ERRORS
from homekit.words.replica import install_extra

# -- photos and the report --------------------------------------------------------------

# (PHOTO_GUIDANCE and VIEW_HELP, said by `photo add --help` too: homekit.words.help)
VIEW_GUIDE = ("Take it the same way as last time: same view, light, distance and angle "
              "(a close-up with a ruler or coin for scale).")


def view_guide_text(last: object) -> str:
    """The guide when adding a photo: the last photo of that area and view, to copy."""
    from homekit.domain.photos import Photo, label

    if not isinstance(last, Photo):
        return f"No earlier photo of this area and view. {VIEW_GUIDE}"
    return control_free(f"Last photo of {label(last)}: id {last.id}, {day(last.taken_on)} "
                        f"({last.width}x{last.height}). {VIEW_GUIDE}")


PHOTO_FILE_NEEDED = "Give the photo's file (a path on this computer)."
PHOTO_EXPORT_HINT = "see it with: homekit photo export {id} -o photo-{id}.jpg"


def photo_line(p: object) -> str:
    """`id 3  2026-11-02 (Mon)  cheeks  session #2  1536x2048  — after peel` (the photo's id,
    which photo commands take; its session's number)."""
    from homekit.domain.photos import Photo

    assert isinstance(p, Photo)
    parts = [f"id {p.id}", day(p.taken_on), p.area_label + (f" ({p.view})" if p.view else "")]
    parts.append(_session_part(p.session_number) if p.session_id is not None else "no session")
    parts.append(f"{p.width}x{p.height}")
    line = "  ".join(parts)
    if p.notes.strip():
        line += f"  \u2014 {p.notes.splitlines()[0][:60]}"
    return control_free(line)


def _session_part(n: int | None) -> str:
    return f"session #{n}" if n is not None else "no session"


def comparison_captions(c: object) -> list[str]:
    """The captions under the two photos: date, session number, and the days between."""
    from homekit.domain.photos import Comparison

    assert isinstance(c, Comparison)
    days = c.days_between
    return [
        f"{c.first.taken_on.isoformat()} \u00b7 {_session_part(c.first_session)}",
        f"{c.last.taken_on.isoformat()} \u00b7 {_session_part(c.last_session)} \u00b7 "
        f"{days} day{'s' if days != 1 else ''} later",
    ]


def comparison_title(c: object) -> str:
    from homekit.domain.photos import Comparison

    assert isinstance(c, Comparison)
    from homekit.domain.photos import label

    return control_free(f"{label(c.first).capitalize()}: first and latest photo")


_ERRORS.update({
    "photo_not_image": lambda f, e: (
        f"{shown(f['name'])} is not an image homekit can read (JPEG, PNG, WebP; HEIC with "
        f"the heic extra: {install_extra('heic')}); nothing was stored"),
    "photo_damaged": "{name!p} is damaged or cut short; nothing was stored",
    "path_outside": lambda f, e: (
        f"{f['ref']!r} " + {"absolute": "is an absolute path",
                            "parent": "climbs out of the export's folder (..)",
                            "link": "is a symbolic link out of the export's folder"}[f["why"]]
        + "; import reads photos only from inside the folder of the export"),
    "photos_dir_outside": (
        "the photos folder {path!p} is not inside {base!p}, the export's folder: import reads "
        "photos only from inside it; choose a folder there"),
    "photo_too_narrow": (
        "{name!p} is {width} x {height} pixels: its long side may be at most {limit} times its "
        "short side; nothing was stored"),
    "photo_bomb": lambda f, e: (
        f"{shown(f['name'])} is too large to open safely (more than "
        f"{f['limit'] // 10**6} million pixels); nothing was stored"),
    "unknown_view": lambda f, e: f"unknown view {f['value']!r}; choose from: "
                                 + ", ".join(f["choices"]),
    "unknown_photo": "no photo with id {id} (see: homekit photo list)",
    "no_photos": "no photos stored yet; add one with: homekit photo add FILE",
    "no_photos_to_compare": "no photos of {area} (see: homekit photo list)",
    "one_photo_only": "only one photo of {area} (id {id}); add a later one to compare",
    "output_folder_missing": "folder {path!p} does not exist",
    "compare_needs_png": "{path!p}: the comparison is written as .png",
})


_ERRORS.update({
    "photos_need_json": "--photos needs the JSON format (CSV has no place for photos)",
    "photos_dir_not_folder": "{path!p} is not a folder",
})
