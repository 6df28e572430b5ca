"""The chart screen (key `g`): progress and redness, as an image where the terminal can show
one (Kitty graphics or Sixel) and as a braille text chart everywhere else.

Both are drawn from one `ChartSeries`. The log is read on the UI thread (the SQLite connection
belongs to it, and it is one quick query); drawing, which can take a good part of a second
with matplotlib, runs in a thread worker so the screen never freezes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.message import Message
from textual.screen import Screen
from textual.strip import Strip

from homekit import words
from homekit.charts.text import TextChart, text_chart
from homekit.domain.errors import HomekitError
from homekit.domain.series import CHART_KINDS, DEFAULT_CHART_FILES, ChartSeries
from homekit.services import Homekit
from homekit.tui.files import start_folder, write_asking
from homekit.tui.images import image_protocol
from homekit.tui.widgets.chart_lines import ChartLines, chart_strips
from homekit.tui.widgets.footer import Footer
from homekit.tui.widgets.plain import Static

KINDS = CHART_KINDS
SAVE_NAMES = DEFAULT_CHART_FILES

@dataclass(frozen=True)
class _Job:
    series: ChartSeries
    kind: str
    cols: int
    rows: int
    dark: bool


class ChartScreen(Screen[None]):
    """Where you stand and how your skin reacted, drawn from your log."""

    HELP_NAME = "charts"

    DEFAULT_CSS = """
    ChartScreen #chart-heading { height: 1; padding: 0 1; color: $text-muted; }
    ChartScreen #chart-area { height: 1fr; width: 1fr; padding: 0 1; }
    ChartScreen #chart-text { width: 1fr; height: 1fr; }
    ChartScreen .chart-image { width: 1fr; height: 1fr; }
    """

    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to the dashboard"),
        Binding("k", "next_kind", "Next chart", tooltip="Show the next chart"),
        Binding("s", "save", "Save PNG", tooltip="Save the chart as a PNG"),
        Binding("r", "reload", "Reload", show=False, tooltip="Read the log again"),
    ]

    class Drawn(Message):
        """A chart is on screen (tests and the app may wait for it)."""

        def __init__(self, kind: str, mode: str) -> None:
            super().__init__()
            self.kind, self.mode = kind, mode

    class Saved(Message):
        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    def __init__(self, hk: Homekit, *, kind: str = "progress", save_dir: Path | None = None,
                 images: bool | None = None, **kw: Any) -> None:
        super().__init__(**kw)
        self.hk = hk
        self.kind = kind
        self.save_dir = save_dir
        self._images = images
        self.series: ChartSeries | None = None
        #: The last text chart drawn: the exact series the text view shows (tests read it).
        self.text_chart: TextChart | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="chart-heading")
        with Container(id="chart-area"):
            yield ChartLines(id="chart-text")
        yield Footer()

    # -- when to draw ------------------------------------------------------------

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.redraw())

    def on_screen_resume(self, _event: events.ScreenResume) -> None:
        # Shown for the first time, or back from a form: read the log (it may have changed).
        self.reload()

    def on_resize(self, _event: events.Resize) -> None:
        self.call_after_refresh(self.redraw)

    def reload(self) -> None:
        """Read the log again (in a worker, on its own connection) and redraw."""
        self._read(self.hk.twin())

    # Each worker gets a description: by default Textual writes one from the repr of every
    # argument, here the whole series (tens of milliseconds on the UI thread at 5,000 dates).
    @work(thread=True, exclusive=True, group="chart-read", description="read the chart data")
    def _read(self, opener: Callable[[], Homekit]) -> None:
        try:
            hk = opener()
            try:
                series = hk.charts.chart_series()
            finally:
                hk.close()
        except HomekitError as exc:
            message = words.error(exc)
            self.app.call_from_thread(
                lambda: self.query_one("#chart-heading", Static).update(
                    Text(words.cannot_read("log", message))))
            return
        self.app.call_from_thread(self._got, series)

    def _got(self, series: ChartSeries) -> None:
        self.series = series
        self.redraw()

    def redraw(self) -> None:
        if self.series is None or not self.is_mounted:
            return
        area = self.query_one("#chart-area")
        cols, rows = area.content_size.width, area.content_size.height
        if cols <= 0 or rows <= 0:
            return
        mode = self._image_mode()
        self.query_one("#chart-heading", Static).update(
            f"{self.series.profile}: {self.kind} chart  ·  k next chart  ·  s save as PNG"
        )
        self._draw(_Job(self.series, self.kind, cols, rows, self._dark()), mode)

    def _dark(self) -> bool:
        try:
            return bool(self.app.current_theme.dark)
        except Exception:  # noqa: BLE001 - no theme yet: assume the default (dark)
            return True

    def _image_mode(self) -> str | None:
        if self._images is False or (self._images is None and self.app.is_headless):
            return None
        return image_protocol()

    # -- drawing (worker thread) ---------------------------------------------------

    @work(thread=True, exclusive=True, group="chart-draw", description="draw the chart")
    def _draw(self, job: _Job, mode: str | None) -> None:
        from textual.worker import get_current_worker

        worker = get_current_worker()
        if mode is None:
            chart = text_chart(job.series, job.kind, job.cols, job.rows)
            lines = chart_strips(chart, job.dark)  # here, not on the UI thread
            if not worker.is_cancelled:
                self.app.call_from_thread(self._show_text, chart, lines, job)
            return
        image = _figure_image(job, mode)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_image, image, mode, job)

    def _show_text(self, chart: TextChart, lines: list[Strip], job: _Job) -> None:
        self._remove_images()
        self.text_chart = chart
        widget = self.query_one("#chart-text", ChartLines)
        widget.display = True
        widget.show(lines)
        self.post_message(self.Drawn(job.kind, "text"))

    def _show_image(self, image: Any, mode: str, job: _Job) -> None:
        from textual_image.widget import SixelImage, TGPImage

        self.query_one("#chart-text", ChartLines).display = False
        self._remove_images()
        widget_class = TGPImage if mode == "tgp" else SixelImage
        self.query_one("#chart-area").mount(widget_class(image, classes="chart-image"))
        self.post_message(self.Drawn(job.kind, mode))

    def _remove_images(self) -> None:
        self.query(".chart-image").remove()

    # -- actions -------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_next_kind(self) -> None:
        self.kind = KINDS[(KINDS.index(self.kind) + 1) % len(KINDS)]
        self.redraw()

    def action_reload(self) -> None:
        self.reload()

    def action_save(self) -> None:
        if self.series is None:
            return
        series, kind, dark = self.series, self.kind, self._dark()
        folder = self.save_dir or start_folder(self.app)
        write_asking(self, folder / SAVE_NAMES[kind], "Chart",
                     lambda path, replace: self._save(self.hk.twin(), series, kind, path, dark,
                                                      replace))

    @work(thread=True, group="chart-save", description="save the chart")
    def _save(self, opener: Callable[[], Homekit], series: ChartSeries, kind: str, path: Path,
              dark: bool, replace: bool) -> None:
        try:
            hk = opener()
        except HomekitError as exc:
            self.app.call_from_thread(self.notify, words.error(exc), severity="error")
            return
        try:
            written = hk.charts.save_chart(path, kind, series=series, dark=dark, dpi=150,
                                    replace=replace)
        except HomekitError as exc:
            self.app.call_from_thread(
                self.notify, words.chart_not_saved(exc), severity="error"
            )
            return
        finally:
            hk.close()
        self.app.call_from_thread(self.notify, words.chart_saved(kind, written))
        self.post_message(self.Saved(written))


def _figure_image(job: _Job, mode: str) -> Any:
    """The matplotlib figure as a PIL image sized to the chart area's pixels."""
    import io

    from PIL import Image

    from homekit.charts.figure import figure
    from homekit.charts.files import render_png

    try:
        from textual_image.widget import get_cell_size

        cell = get_cell_size()
        cell_w, cell_h = cell.width, cell.height
    except Exception:  # noqa: BLE001 - unknown cell size: a common one
        cell_w, cell_h = 10, 20
    dpi = 100
    width = max(4.0, job.cols * cell_w / dpi)
    height = max(3.0, job.rows * cell_h / dpi)
    fig = figure(job.series, job.kind, dark=job.dark, width=width, height=height, dpi=dpi)
    return Image.open(io.BytesIO(render_png(fig)))
