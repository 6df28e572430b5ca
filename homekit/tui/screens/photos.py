"""Progress photos by area and date, with the comparison (written as a PNG on a key).

The highlighted photo is shown itself where the terminal can show images (Kitty graphics or
Sixel, as the chart screen decides); elsewhere a clear line and the `photo export` hint.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.widgets import Button, DataTable, Input, Select

from homekit import words
from homekit.domain.errors import HomekitError
from homekit.domain.photos import Photo, busiest_group, ordered
from homekit.services import Homekit
from homekit.tui import format as fmt
from homekit.tui.files import start_folder, write_asking, write_error
from homekit.tui.screens.base import BACK
from homekit.tui.screens.dialog import Dialog, dialog_keys
from homekit.tui.screens.table_screen import TableScreen
from homekit.tui.widgets.field import Field
from homekit.tui.widgets.plain import Static, cell

COMPARE_FILE = "homekit-compare.png"


class PhotosScreen(TableScreen[None]):
    DEFAULT_CSS = """
    PhotosScreen #photos { height: auto; max-height: 12; }
    PhotosScreen #photo-view { height: 1fr; width: 1fr; padding: 0 1; }
    PhotosScreen .photo-image { width: auto; height: 1fr; }
    PhotosScreen #photo-line { padding: 0 1; color: $text-muted; }
    """
    HELP_NAME = "photos"
    TABLE_ID = "photos"
    COLUMNS = ("Id", "Area", "View", "Taken", "Session", "Size", "Notes")
    BINDINGS = [
        BACK,
        Binding("c", "compare", "Write comparison",
                tooltip="Write the first and latest photo side by side (PNG)"),
        Binding("a", "add", "Add photo", tooltip="Add a photo, with its area and view"),
    ]
    #: The profile's photos, as last read (none until then).
    photos: Sequence[Photo] = ()

    def compose_above(self) -> ComposeResult:
        yield Static("", id="photos-summary", markup=False)

    def compose_below(self) -> ComposeResult:
        yield Static("", id="photo-line", markup=False)
        yield Container(id="photo-view")
        yield Static(words.PHOTO_GUIDANCE, id="photos-guidance", markup=False)

    def refresh_rows(self) -> None:
        table = self.table
        table.clear()
        try:
            self.photos = self.hk.photos.photos()
        except HomekitError as exc:
            self.notify(words.error(exc), title="Cannot read the photos", severity="error")
            return
        groups = sorted(ordered(self.photos), key=lambda p: (p.area is None, p.area or ""))
        for p in groups:
            note = (p.notes.splitlines() or [""])[0][:40]
            table.add_row(*map(cell, (p.id, p.area_label, p.view or "-", fmt.day(p.taken_on),
                                      "-" if p.session_number is None else f"#{p.session_number}",
                                      f"{p.width}x{p.height}", note)), key=str(p.id))
        self.query_one("#photos-summary", Static).update(self._summary())

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        from homekit.tui.screens.chart import image_protocol

        if event.row_key.value is None:
            return
        photo = next((p for p in self.photos if str(p.id) == event.row_key.value), None)
        if photo is None:
            return
        protocol = image_protocol()
        line = self.query_one("#photo-line", Static)
        self.query(".photo-image").remove()
        if protocol is None:
            line.update(f"{words.photo_line(photo)}\nThis terminal does not show images here; "
                        + words.PHOTO_EXPORT_HINT.format(id=photo.id))
            return
        line.update(words.photo_line(photo))
        self._load(self.hk.twin(), photo.id, protocol)

    @work(thread=True, exclusive=True, group="photo")
    def _load(self, opener: Callable[[], Homekit], photo_id: int, protocol: str) -> None:
        from homekit.charts.imaging import decode

        try:
            with closing(opener()) as hk:
                image = decode(hk.photos.photo_bytes(photo_id))
        except (HomekitError, OSError) as exc:
            self.app.call_from_thread(self.notify, words.error(exc), severity="error")
            return
        self.app.call_from_thread(self._mount_image, image, protocol)

    def _mount_image(self, image: Any, protocol: str) -> None:
        from textual_image.widget import SixelImage, TGPImage

        self.query(".photo-image").remove()
        widget_class = TGPImage if protocol == "tgp" else SixelImage
        self.query_one("#photo-view").mount(widget_class(image, classes="photo-image"))

    def _summary(self) -> str:
        if not self.photos:
            return words.photos_summary(0)
        group = busiest_group(self.photos)
        same = ordered([p for p in self.photos if p.group == group])
        if len(same) < 2:
            return words.photos_summary(len(self.photos))
        return words.photos_summary(len(self.photos), same[0], same[-1], COMPARE_FILE)

    def action_add(self) -> None:
        self.app.push_screen(AddPhotoScreen(self.hk, self.photos), self._added)

    def _added(self, photo: Photo | None) -> None:
        if photo is None:
            return
        self.refresh_rows()
        self.notify(words.photo_line(photo), title="Photo added")

    def action_compare(self) -> None:
        group = busiest_group(self.photos)
        same = ordered([p for p in self.photos if p.group == group])
        if len(same) < 2:
            self.notify(words.COMPARE_NEEDS_TWO, severity="warning")
            return
        pair = (same[0].id, same[-1].id)  # the first and latest of one area and view
        write_asking(self, start_folder(self.app) / COMPARE_FILE, "Comparison",
                     lambda path, replace: self._write(self.hk.twin(), path, pair, replace))

    @work(thread=True, exclusive=True, group="compare")
    def _write(self, opener: Callable[[], Homekit], path: Path, ids: tuple[int, int],
               replace: bool) -> None:
        try:
            with closing(opener()) as hk:
                pair = hk.photos.comparison(first_id=ids[0], last_id=ids[1])
                written = hk.photos.save_comparison(path, pair, words.comparison_captions(pair),
                                                    words.comparison_title(pair), force=replace)
        except (HomekitError, OSError) as exc:
            self.app.call_from_thread(self.notify, write_error(exc), title="Comparison",
                                      severity="error")
            return
        self.app.call_from_thread(self.notify, words.comparison_written_app(written),
                                  title="Comparison")


class AddPhotoScreen(Dialog["Photo | None"]):
    """The photo's file, its area and its standard view; beside them, the last photo of that
    area and view, as the guide to take the new one the same way. Dismissed with the photo."""

    DIALOG_ID = "add-photo-dialog"
    FORM = "photo"
    FIRST_FOCUS = "#photo-file"
    BINDINGS = dialog_keys("Close without adding", "Add the photo")

    def __init__(self, hk: Homekit, photos: Sequence[Photo]) -> None:
        super().__init__(hk)
        self.photos = photos

    def dialog_title(self) -> str:
        return "Add a photo"

    def compose_body(self) -> ComposeResult:
        from homekit.domain.models import AREAS
        from homekit.domain.photos import VIEWS

        yield Field("File", Input(id="photo-file", compact=True,
                                  placeholder="path to a JPEG, PNG or WebP"))
        with Horizontal():
            yield Field("Area", Select([(a, a) for a in AREAS], id="photo-area",
                                       prompt="no area", compact=True), classes="column")
            yield Field("View", Select([(v, v) for v in VIEWS], id="photo-view-choice",
                                       prompt="no view", compact=True), classes="column")
        yield Static(words.view_guide_text(None), id="photo-guide", classes="dialog-note",
                     markup=False)
        yield from self.form_end("Add (ctrl+s)")

    def on_mount(self) -> None:
        self._guide()

    def _choice(self, selector: str) -> str | None:
        value = self.query_one(selector, Select).value
        return None if value is Select.NULL else str(value)

    @on(Select.Changed)
    def _guide(self) -> None:
        from homekit.domain.photos import latest_of_view

        last = latest_of_view(self.photos, self._choice("#photo-area"),
                              self._choice("#photo-view-choice"))
        self.query_one("#photo-guide", Static).update(words.view_guide_text(last))

    @on(Button.Pressed, "#photo-save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        path = self.query_one("#photo-file", Input).value.strip()
        if not path:
            self.form_error(words.PHOTO_FILE_NEEDED)
            return
        try:
            photo = self.hk.photos.add_photo(Path(path).expanduser(),
                                             area=self._choice("#photo-area"),
                                             view=self._choice("#photo-view-choice"))
        except HomekitError as exc:
            self.form_error(words.error(exc))
            return
        self.dismiss(photo)
