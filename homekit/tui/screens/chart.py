"""The chart screen (key `g`): progress and redness, as an image where the terminal can show
one (Kitty graphics or Sixel) and as a braille text chart everywhere else.

Both are drawn from one `ChartSeries`. The log is read on the UI thread (the SQLite connection
belongs to it, and it is one quick query); drawing, which can take a good part of a second
with matplotlib, runs in a thread worker so the screen never freezes.
"""

from __future__ import annotations

import os
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
from textual.widgets import Footer, Static

from homekit import words
from homekit.charts.text import TextChart, text_chart
from homekit.domain.errors import HomekitError
from homekit.domain.series import ChartSeries
from homekit.services import Homekit

KINDS = ("progress", "redness", "all")
SAVE_NAMES = {"progress": "homekit-progress.png", "redness": "homekit-redness.png",
              "all": "homekit-charts.png"}

#: Okabe-Ito colours per text-chart role, for light and dark themes.
ROLE_COLOURS = {
    False: {"done": "#0072B2", "session": "#0072B2", "plan": "#E69F00", "target": "#009E73",
            "lasting": "#E69F00", "severe": "#D55E00", "fade": "#56B4E9", "title": "bold"},
    True: {"done": "#56B4E9", "session": "#56B4E9", "plan": "#E69F00", "target": "#009E73",
           "lasting": "#F0E442", "severe": "#FF7F50", "fade": "#56B4E9", "title": "bold"},
}


def image_protocol(env: dict[str, str] | None = None) -> str | None:
    """'tgp' or 'sixel' when this terminal can show the figure itself, else None.

    Decided from the environment only: once Textual runs, the terminal cannot be queried
    (Textual reads its answers). Inside tmux or screen, images are not passed through.
    HOMEKIT_CHART_IMAGES=off forces text, =tgp or =sixel forces images.
    """
    env = dict(os.environ) if env is None else env
    forced = env.get("HOMEKIT_CHART_IMAGES", "").lower()
    if forced in ("off", "no", "0", "text"):
        return None
    if forced in ("tgp", "sixel"):
        return forced
    if env.get("TMUX") or env.get("STY") or env.get("TERM", "").startswith(("screen", "tmux")):
        return None
    term, program = env.get("TERM", ""), env.get("TERM_PROGRAM", "")
    if term == "xterm-kitty" or env.get("KITTY_WINDOW_ID") or program == "ghostty":
        return "tgp"
    if program == "WezTerm" or term.startswith(("foot", "mlterm")) or "sixel" in term:
        return "sixel"
    return None


def prepare_images() -> None:
    """Call before `App.run()`: textual-image asks the terminal what it supports when first
    imported, which only works before Textual takes over the terminal's input."""
    if image_protocol() is not None:
        import textual_image.widget  # noqa: F401


def styled(chart: TextChart, dark: bool) -> Text:
    """The text chart as Rich text, each role in its colour."""
    colours = ROLE_COLOURS[dark]
    text = Text(no_wrap=True, overflow="crop")
    for i, row in enumerate(chart.rows):
        if i:
            text.append("\n")
        for part, role in row:
            text.append(part, style=colours.get(role or "", ""))
    return text


@dataclass(frozen=True)
class _Job:
    series: ChartSeries
    kind: str
    cols: int
    rows: int
    dark: bool


class ChartScreen(Screen[None]):
    """Where you stand and how your skin reacted, drawn from your log."""

    DEFAULT_CSS = """
    ChartScreen #chart-heading { height: 1; padding: 0 1; color: $text-muted; }
    ChartScreen #chart-area { height: 1fr; width: 1fr; padding: 0 1; }
    ChartScreen #chart-text { width: 1fr; height: 1fr; }
    ChartScreen .chart-image { width: 1fr; height: 1fr; }
    """

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("k", "next_kind", "Next chart"),
        Binding("s", "save", "Save PNG"),
        Binding("r", "reload", "Reload", show=False),
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
            yield Static(id="chart-text")
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
        """Read the log again (UI thread: the database connection lives here) and redraw."""
        self.series = self.hk.chart_series()
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

    @work(thread=True, exclusive=True, group="chart-draw")
    def _draw(self, job: _Job, mode: str | None) -> None:
        from textual.worker import get_current_worker

        worker = get_current_worker()
        if mode is None:
            chart = text_chart(job.series, job.kind, job.cols, job.rows)
            if not worker.is_cancelled:
                self.app.call_from_thread(self._show_text, chart, job)
            return
        image = _figure_image(job, mode)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_image, image, mode, job)

    def _show_text(self, chart: TextChart, job: _Job) -> None:
        self._remove_images()
        self.text_chart = chart
        widget = self.query_one("#chart-text", Static)
        widget.display = True
        widget.update(styled(chart, job.dark))
        self.post_message(self.Drawn(job.kind, "text"))

    def _show_image(self, image: Any, mode: str, job: _Job) -> None:
        from textual_image.widget import SixelImage, TGPImage

        self.query_one("#chart-text", Static).display = False
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
        folder = self.save_dir or Path.cwd()
        self._save(self.hk.twin(), self.series, self.kind, folder / SAVE_NAMES[self.kind],
                   self._dark())

    @work(thread=True, group="chart-save")
    def _save(self, opener: Callable[[], Homekit], series: ChartSeries, kind: str, path: Path,
              dark: bool) -> None:
        try:
            hk = opener()
        except HomekitError as exc:
            self.app.call_from_thread(self.notify, words.error(exc), severity="error")
            return
        try:
            hk.save_chart(path, kind, series=series, dark=dark, dpi=150)
        except HomekitError as exc:
            self.app.call_from_thread(
                self.notify, f"Could not save the chart: {words.error(exc)}", severity="error"
            )
            return
        finally:
            hk.close()
        self.app.call_from_thread(self.notify, words.chart_saved_text(kind, path.resolve()),
                                  markup=False)
        self.post_message(self.Saved(path))


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
