"""Time to first paint of the dashboard, headless, against a bare Textual app with the same widgets.

Run on demand (pytest does not collect it):

    python benchmarks/bench_tui_startup.py            # 9 rounds
    python benchmarks/bench_tui_startup.py --rounds 15

Each measurement is a fresh process (interpreter start, imports, opening the file, the first
frame with data on it), timed from just before the spawn to the moment the first frame after
the data has loaded is written; the process's shutdown is not counted. The three variants are
interleaved in every round so that machine noise hits them alike; medians are reported.

Data: a file with one profile and no session, and one with 10,000 sessions a week apart
(about 190 years back), created through the store so the weekly rule's trigger checks each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZE = (120, 36)
NOW = dt.datetime(2026, 11, 25, 9, 30)


# -- the child processes ------------------------------------------------------------------


def child_bare(out: str) -> None:
    """Header, a progress bar, five Statics, a label, a 10-row DataTable, Footer."""
    from textual.app import App
    from textual.containers import Horizontal, VerticalScroll
    from textual.widgets import DataTable, Footer, Header, Label, ProgressBar, Static

    class Bare(App[None]):
        def compose(self):  # noqa: ANN202
            yield Header()
            with VerticalScroll():
                yield ProgressBar(total=6, show_eta=False)
                yield Static("alert")
                yield Static("next")
                with Horizontal():
                    yield Static("last")
                    yield Static("projected")
                    yield Static("redness")
                yield Label("Recent sessions")
                yield DataTable()
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("#", "Date", "Minutes", "Areas", "Level", "Glasses", "Redness")
            for i in range(10):
                table.add_row(str(i), "2026-11-18 (Wed)", "45", "cheeks", "3", "yes", "-")
            self.call_after_refresh(painted, self, out)

    Bare().run(headless=True, size=SIZE)


def child_bare_welcome(out: str) -> None:
    """The welcome screen's widgets on a bare app: Header, a text, three labelled inputs,
    a question with two radio buttons, a warning, a checkbox, an error line, a button, Footer."""
    from textual.app import App
    from textual.containers import Horizontal, Vertical, VerticalScroll
    from textual.widgets import Button, Checkbox, Footer, Header, Input, Label, RadioButton, RadioSet, Static

    class BareWelcome(App[None]):
        def compose(self):  # noqa: ANN202
            yield Header()
            with VerticalScroll():
                yield Static("welcome " * 30)
                with Horizontal():
                    for label, value in (("name", "me"), ("target", "6"), ("days", "7")):
                        with Vertical():
                            yield Label(label)
                            yield Input(value)
                            yield Static("hint")
                with Vertical():
                    yield Label("question")
                    with RadioSet():
                        yield RadioButton("No")
                        yield RadioButton("Yes")
                    yield Static("warning")
                    yield Checkbox("I have read this warning")
                yield Static("")
                with Vertical():
                    yield Button("Start", variant="primary")
            yield Footer()

        def on_mount(self) -> None:
            self.query_one(Input).focus()
            self.call_after_refresh(painted, self, out)

    BareWelcome().run(headless=True, size=SIZE)


def child_bare_dashboard(out: str) -> None:
    """The dashboard's own widget tree, ids, classes, style sheet (homekit/tui/app.tcss) and
    footer keys, with fixed text and no homekit code behind it (only its footer widget, a
    Textual subclass): what Textual alone costs for the dashboard's first frame, so that the
    dashboard against it is homekit's own cost (imports, the file, the facts)."""
    from textual.app import App
    from textual.binding import Binding
    from textual.containers import Horizontal, VerticalScroll
    from textual.screen import Screen
    from textual.widgets import DataTable, Header, Label, ProgressBar, Static

    from homekit.tui.widgets.footer import Footer  # Textual's Footer, keys styled once

    css = Path(__file__).resolve().parent.parent / "homekit" / "tui" / "app.tcss"
    if not css.exists():  # homekit installed, not run from the source tree
        import importlib.util

        spec = importlib.util.find_spec("homekit")
        css = Path(spec.origin).parent / "tui" / "app.tcss"  # type: ignore[union-attr, arg-type]

    class Home(Screen[None]):
        BINDINGS = [Binding("l", "x", "Log session"), Binding("r", "x", "Log redness"),
                    Binding("h", "x", "History"), Binding("g", "x", "Chart"),
                    Binding("p", "x", "Profile"), Binding("c", "x", "Calendar reminders"),
                    Binding("o", "x", "Photos"), Binding("w", "x", "Write report", show=False)]
        AUTO_FOCUS = "#recent"

        def compose(self):  # noqa: ANN202
            yield Header()
            with VerticalScroll(id="dashboard"):
                with Horizontal(id="progress-row"):
                    yield Label("Sessions", id="progress-label")
                    yield ProgressBar(total=8, show_eta=False, id="progress")
                yield Static("", id="alert", markup=False)
                yield Static("", id="followup", markup=False)
                yield Static("Today is 2026-11-25: you may log a session.", id="next",
                             markup=False)
                with Horizontal(id="cards"):
                    yield Static("2026-11-22 (Sun)\n40 min · cheeks", id="last", classes="card")
                    yield Static("2026-12-27 (Sun)", id="projected", classes="card")
                    yield Static("faint, faded after 10 min", id="redness", classes="card")
                yield Label("Recent sessions", classes="section-title")
                yield DataTable(id="recent", cursor_type="row", zebra_stripes=True)
                yield Static("No sessions yet: press l to log your first one.", id="recent-empty")
                yield Static("Glasses on, always", id="safety-line", markup=False)
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("#", "Date", "Minutes", "Areas", "Level", "Glasses", "Redness")
            for i in range(10):
                table.add_row(str(100 - i), "2026-11-18 (Wed)", "45", "cheeks", "3", "yes", "faint")
            for card, title in (("next", "Next session"), ("last", "Last session"),
                                ("projected", "Projected end"), ("redness", "Latest redness")):
                self.query_one(f"#{card}").border_title = title
            self.query_one("#recent-empty").display = False
            self.query_one(ProgressBar).progress = 5
            self.app.call_after_refresh(painted, self.app, out)

    class BareDashboard(App[None]):
        CSS_PATH = css
        TITLE = "homekit"
        BINDINGS = [Binding("q", "quit", "Quit"),
                    Binding("question_mark", "help", "Help", key_display="?"),
                    Binding("u,ctrl+z", "undo", "Undo", key_display="u")]

        def on_mount(self) -> None:
            self.push_screen(Home())

    BareDashboard().run(headless=True, size=SIZE)


def child_homekit(out: str, db: str) -> None:
    from homekit.services import Homekit
    from homekit.storage import open_store
    from homekit.tui.app import HomekitApp
    from homekit.tui.screens.dashboard import DashboardScreen

    class Timed(HomekitApp):
        def on_mount(self) -> None:
            super().on_mount()
            self.call_after_refresh(self._wait_for_data)

        def _wait_for_data(self) -> None:
            screen = self.screen
            if isinstance(screen, DashboardScreen) and screen.status is not None:
                self.call_after_refresh(painted, self, out)
            else:
                self.call_after_refresh(self._wait_for_data)

    hk = Homekit(open_store(db), now=lambda: NOW)
    Timed(hk).run(headless=True, size=SIZE)


def painted(app, out: str) -> None:  # noqa: ANN001
    Path(out).write_text(f"{time.time()} {int('matplotlib' in sys.modules)}")
    app.exit()


# -- the parent -----------------------------------------------------------------------------


def make_data(folder: Path, sessions: int) -> Path:
    from homekit.domain.models import SessionDraft
    from homekit.services import Homekit
    from homekit.storage import open_store

    path = folder / f"homekit-{sessions}.db"
    store = open_store(path)
    hk = Homekit(store, now=lambda: NOW)
    hk.create_profile("me", make_default=True)
    hk.record_skin_condition(False, False)
    profile = hk.profile()
    last = NOW.date() - dt.timedelta(days=3)
    with store.write():
        for i in range(sessions):
            day = last - dt.timedelta(days=7 * i)
            sid = store.insert_session(
                profile.id, SessionDraft(day, duration_min=40, areas=("cheeks",), device_level=3,
                                         glasses_worn=True, stinging=1), NOW.isoformat())
            if i % 2 == 0:
                store.insert_redness(sid, f"{day.isoformat()}T12:00", i % 3, 10, "")
    store.close()
    return path


def measure(args: list[str], out: Path) -> tuple[float, bool]:
    out.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOMEKIT_")}
    start = time.time()
    subprocess.run([sys.executable, __file__, "--child", *args, str(out)], check=True, env=env,
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    stamp, mpl = out.read_text().split()
    return (float(stamp) - start) * 1000, mpl == "1"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "bare":
            child_bare(rest[-1])
        elif kind == "bare-welcome":
            child_bare_welcome(rest[-1])
        elif kind == "bare-dashboard":
            child_bare_dashboard(rest[-1])
        else:
            child_homekit(rest[-1], rest[0])
        return

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        empty = make_data(folder, 0)
        full = make_data(folder, args.sessions)
        print(f"data: {args.sessions} sessions created in {time.perf_counter() - t:.1f} s")
        variants = {
            "bare Textual app": ["bare"],
            "homekit, empty": ["homekit", str(empty)],
            f"homekit, {args.sessions:,} sessions": ["homekit", str(full)],
        }
        times: dict[str, list[float]] = {name: [] for name in variants}
        mpl = False
        out = folder / "painted.txt"
        measure(variants["bare Textual app"], out)  # warm the disk cache and .pyc files
        for _ in range(args.rounds):
            for name, child in variants.items():
                ms, imported = measure(child, out)
                times[name].append(ms)
                mpl = mpl or imported
        bare = statistics.median(times["bare Textual app"])
        print(f"time to first paint, headless {SIZE[0]}x{SIZE[1]}, median of {args.rounds}:")
        for name, values in times.items():
            med = statistics.median(values)
            print(f"  {name:<28} {med:7.0f} ms  (min {min(values):.0f}, max {max(values):.0f})"
                  f"  ratio {med / bare:.2f}")
        print(f"matplotlib imported before the first paint: {'YES' if mpl else 'no'}")


if __name__ == "__main__":
    main()
