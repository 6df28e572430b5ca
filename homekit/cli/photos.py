"""`homekit photo`: progress photos kept inside the data file (add, list, show, export,
delete, compare)."""

from __future__ import annotations

import argparse
import sys

from homekit import words
from homekit.cli.options import area_option, checked, command, record_id, subcommands

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

    from homekit.cli import Context

#: The commands this module registers (so the CLI builds only the one being run).
COMMANDS = ("photo",)
#: Its subcommands, in the order --help lists them.
ACTIONS = ("add", "list", "show", "export", "delete", "compare")


def _area(text: str) -> str:
    from homekit.domain import validate

    return validate.area(text)


#: What a photo ID is (photo list shows it).
PHOTO_ID_HELP = "the photo's id (see: homekit photo list)"
#: The ids the commands take, as argparse types (validated when given).
SESSION_ID = record_id("session id")
PHOTO_ID = record_id("photo id")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("photo", parents=[common], help="progress photos, kept inside the data file",
                       description="Progress photos, stored in the data file itself (so backups "
                       "cover them), stripped of all metadata (EXIF, GPS, XMP, ICC). "
                       + words.PHOTO_GUIDANCE)
    p.set_defaults(handler=cmd_photo_list, json=False, area=None, session=None, view=None)
    ps = subcommands(sub, p, ACTIONS, dest="photo_command", metavar="ACTION")

    q = command(ps, common, "add", cmd_photo_add, help="store a photo (prints its id)",
                description="Store a JPEG, PNG, WebP (or HEIC, with pillow-heif) photo, "
                "cleaned: metadata removed, turned upright, sRGB, at most 2048 px a side. "
                + words.PHOTO_GUIDANCE)
    q.add_argument("file", metavar="FILE",
                   help="the photo: JPEG, PNG, WebP or HEIC (- reads standard input; at most 64 MB)")
    q.add_argument("--session", type=SESSION_ID, metavar="ID",
                   help="the id of the session it belongs to")
    area_option(q.add_argument("--area", type=checked(_area), metavar="AREA", help="area shown"))
    q.add_argument("--taken", type=checked("parse_date"), metavar="YYYY-MM-DD",
                   help="day taken (default: the session's date, else the photo's own, else today)")
    q.add_argument("--view", type=checked("view", "homekit.domain.photos"), metavar="VIEW",
                   help=words.VIEW_HELP)
    q.add_argument("--notes", type=checked("notes"), default="", metavar="TEXT",
                   help="free text about the photo")

    q = command(ps, common, "list", cmd_photo_list, help="list photos, oldest first")
    q.add_argument("--json", action="store_true", help="print the photos as JSON")
    area_option(q.add_argument("--area", type=checked(_area), metavar="AREA",
                               help="only photos of this area"))
    q.add_argument("--session", type=SESSION_ID, metavar="ID",
                   help="only photos of the session with this id")
    q.add_argument("--view", type=checked("view", "homekit.domain.photos"), metavar="VIEW",
                   help="only photos of this view: front, left, right or close-up")

    q = command(ps, common, "show", cmd_photo_show, help="show a photo in the terminal")
    q.add_argument("photo_id", type=PHOTO_ID, metavar="ID", help=PHOTO_ID_HELP)

    q = command(ps, common, "export", cmd_photo_export, help="write a photo to a JPEG file (mode 600)")
    q.add_argument("photo_id", type=PHOTO_ID, metavar="ID", help=PHOTO_ID_HELP)
    q.add_argument("--output", "-o", required=True, metavar="FILE",
                   help="the JPEG to write (- is standard output)")
    q.add_argument("--force", action="store_true", help="replace FILE if it exists")

    q = command(ps, common, "delete", cmd_photo_delete, help="delete a photo (a backup is taken first)")
    q.add_argument("photo_id", type=PHOTO_ID, metavar="ID", help=PHOTO_ID_HELP)
    q.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")

    q = command(ps, common, "compare", cmd_photo_compare,
                help="first and latest photo side by side, as a PNG")
    area_option(q.add_argument("--area", type=checked(_area), metavar="AREA",
                               help="default: the area with the most photos"))
    q.add_argument("--view", type=checked("view", "homekit.domain.photos"), metavar="VIEW",
                   help="front, left, right or close-up (default: the view of that area with "
                   "the most photos); photos are paired by area and view")
    q.add_argument("--first", type=PHOTO_ID, metavar="ID",
                   help="the earlier photo's id (default: the area's first)")
    q.add_argument("--last", type=PHOTO_ID, metavar="ID",
                   help="the later photo's id (default: the area's latest)")
    q.add_argument("--output", "-o", required=True, metavar="FILE.png",
                   help="the PNG to write (- is standard output)")
    q.add_argument("--force", action="store_true", help="replace FILE if it exists")


def cmd_photo_add(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli.output import say
    from homekit.files import read_bytes

    # Read once, with the photo bound, before opening (or creating) the data file.
    data, name = read_bytes(args.file, "photo")
    photo = ctx.open().photos.add_photo(data, name=name, session_id=args.session, area=args.area,
                                        taken_on=args.taken, notes=args.notes, view=args.view)
    say(photo.id)
    return 0


def cmd_photo_list(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli.output import say_records
    from homekit.domain import photos as photo_rules

    found = ctx.open().photos.photos(area=args.area, session_id=args.session, view=args.view)
    return say_records(found, args.json, photo_rules.Photo.to_json, words.photo_line,
                       words.NO_PHOTOS)


def cmd_photo_show(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli.output import say

    app = ctx.open()
    photo = app.photos.photo(args.photo_id)
    say(words.photo_line(photo))
    if sys.stdout.isatty() and _show_image(app.photos.photo_bytes(photo.id)):
        return 0
    say(words.PHOTO_EXPORT_HINT.format(id=photo.id))
    return 0


def _show_image(jpeg: bytes) -> bool:
    """Draw the photo in the terminal (Kitty graphics, Sixel, or half blocks, as textual-image
    finds the terminal able); False when it cannot."""
    import io
    import logging

    # textual-image logs a traceback when the terminal does not answer its size query; it
    # then falls back to a sensible size, which is all a user needs to know.
    logging.getLogger("textual_image").setLevel(logging.CRITICAL)
    try:
        from rich.console import Console
        from textual_image.renderable import Image

        console = Console()
        if console.size.width < 20 or console.size.height < 8:
            return False
        height = max(8, min(40, console.size.height - 4))
        console.print(Image(io.BytesIO(jpeg), height=height))
    except Exception:  # noqa: BLE001 - any terminal it cannot draw on gets the text line
        return False
    return True


def cmd_photo_export(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli.output import say
    from homekit.files import check_output, is_stdout

    check_output(args.output, replace=args.force)  # before the data file is opened
    path = ctx.open().photos.export_photo(args.photo_id, args.output, force=args.force)
    if not is_stdout(path):
        say(words.photo_written(args.photo_id, path))
    return 0


def cmd_photo_delete(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli import ask

    found = ctx.open().photos
    return ask.delete_asked(args.photo_id, args.yes, found.photo, found.delete_photo,
                            words.delete_photo_question, words.photo_deleted)


def cmd_photo_compare(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli.output import say
    from homekit.files import check_output, is_stdout

    check_output(args.output, replace=args.force)  # before the data file is opened
    app = ctx.open()
    comparison = app.photos.comparison(area=args.area, first_id=args.first, last_id=args.last,
                                       view=args.view)
    path = app.photos.save_comparison(args.output, comparison, words.comparison_captions(comparison),
                                      words.comparison_title(comparison), force=args.force)
    if not is_stdout(path):
        say(words.comparison_written(comparison, path))
    return 0
