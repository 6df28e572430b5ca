"""Progress photos by area and date, with the comparison (written as a PNG on a key).

The highlighted photo is shown itself where the terminal can show images (Kitty graphics or
Sixel, as the chart screen decides); elsewhere a clear line and the `photo export` hint.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.widgets import DataTable, Header

from homekit import words
from homekit.domain.errors import HomekitError
from homekit.domain.photos import Photo, busiest_area, ordered
from homekit.services import Homekit
from homekit.tui import format as fmt
from homekit.tui.files import start_folder, write_asking, write_error
from homekit.tui.screens.base import BACK, HomekitScreen
from homekit.tui.widgets.footer import Footer
from homekit.tui.widgets.plain import Static, cell

COMPARE_FILE = "homekit-compare.png"


class PhotosScreen(HomekitScreen):
    DEFAULT_CSS = """
    PhotosScreen #photos { height: auto; max-height: 12; }
    PhotosScreen #photo-view { height: 1fr; width: 1fr; padding: 0 1; }
    PhotosScreen .photo-image { width: auto; height: 1fr; }
    PhotosScreen #photo-line { padding: 0 1; color: $text-muted; }
    """
    HELP_NAME = "photos"
    BINDINGS = [
        BACK,
        Binding("c", "compare", "Write comparison",
                tooltip="Write the first and latest photo side by side (PNG)"),
    ]

    def __init__(self, hk: Homekit) -> None:
        super().__init__(hk)
        self.photos: list[Photo] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="photos-summary", markup=False)
        yield DataTable(id="photos", cursor_type="row", zebra_stripes=True)
        yield Static("", id="photo-line", markup=False)
        yield Container(id="photo-view")
        yield Static(words.PHOTO_GUIDANCE, id="photos-guidance", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#photos", DataTable)
        table.add_columns("Id", "Area", "Taken", "Session", "Size", "Notes")
        try:
            self.photos = self.hk.photos.photos()
        except HomekitError as exc:
            self.notify(words.error(exc), title="Cannot read the photos", severity="error")
            return
        groups = sorted(ordered(self.photos), key=lambda p: (p.area is None, p.area or ""))
        for p in groups:
            note = (p.notes.splitlines() or [""])[0][:40]
            table.add_row(*map(cell, (p.id, p.area_label, fmt.day(p.taken_on),
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
            hk = opener()
            try:
                image = decode(hk.photos.photo_bytes(photo_id))
            finally:
                hk.close()
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
        area = busiest_area(self.photos)
        group = ordered([p for p in self.photos if p.area == area])
        if len(group) < 2:
            return words.photos_summary(len(self.photos))
        return words.photos_summary(len(self.photos), group[0], group[-1], COMPARE_FILE)

    def action_compare(self) -> None:
        area = busiest_area(self.photos) if self.photos else None
        if not [p for p in self.photos if p.area == area][1:]:
            self.notify(words.COMPARE_NEEDS_TWO, severity="warning")
            return
        write_asking(self, start_folder(self.app) / COMPARE_FILE, "Comparison",
                     lambda path, replace: self._write(self.hk.twin(), path, area, replace))

    @work(thread=True, exclusive=True, group="compare")
    def _write(self, opener: Callable[[], Homekit], path: Path, area: str | None,
               replace: bool) -> None:
        try:
            hk = opener()
            try:
                pair = hk.photos.comparison(area=area)
                written = hk.photos.save_comparison(path, pair, words.comparison_captions(pair),
                                                    words.comparison_title(pair), force=replace)
            finally:
                hk.close()
        except (HomekitError, OSError) as exc:
            self.app.call_from_thread(self.notify, write_error(exc), title="Comparison",
                                      severity="error")
            return
        self.app.call_from_thread(self.notify, words.comparison_written_app(written),
                                  title="Comparison")
