"""Time to first paint of the dashboard against a bare Textual app with the same widgets.

Run on demand (tests/test_benchmarks.py runs it with --tiny, so that CI sees it work):

    python benchmarks/bench_tui_startup.py            # 9 rounds
    python benchmarks/bench_tui_startup.py --rounds 15
    python benchmarks/bench_tui_startup.py --tiny     # once, 50 sessions (CI)

Each measurement is a fresh process in a pseudo-terminal of 120x36 (Textual's own driver,
writing to it as to a real terminal), timed from just before the spawn to the moment the first
frame after the data has loaded is written; the process's shutdown is not counted. homekit is
started as a user starts it: the `homekit` entry point with `--db`, which parses its arguments,
opens the file, checks for a terminal and starts the app; the only addition is a hook on the
app's mount that notes the first frame. The variants are interleaved in every round so that
machine noise hits them alike; medians are reported.

Data: a file with one profile and no session, and one with 10,000 sessions a week apart
ending three days ago (by the real clock, which the app reads), created through the store so
the weekly rule's trigger checks each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import os
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SIZE = (120, 36)


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

    Bare().run()


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

    BareWelcome().run()


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

    BareDashboard().run()


def through_the_command(db: str, ready: Callable[[Any], bool],
                        then: Callable[[Any], None]) -> None:
    """Start homekit on `db` as a user does (the `homekit` entry point: its arguments, the
    file, the terminal check, the app), with one hook on the app's mount: `then(app)` is
    called after the first refresh that starts with `ready(app)` holding (the first frame,
    as for the bare apps, when the screen is ready as it mounts)."""
    from homekit.tui.app import HomekitApp

    mounted = HomekitApp.on_mount

    def on_mount(self: Any) -> None:
        mounted(self)

        def wait() -> None:
            if ready(self):
                self.call_after_refresh(then, self)
            else:
                self.call_after_refresh(wait)

        if ready(self):
            self.call_after_refresh(then, self)
        else:
            self.call_after_refresh(wait)

    HomekitApp.on_mount = on_mount  # type: ignore[method-assign]
    sys.argv = ["homekit", "--db", db]
    from homekit.launch import main as homekit

    code = homekit()
    if code:
        raise SystemExit(code)


def dashboard_ready(app: Any) -> bool:
    from homekit.tui.screens.dashboard import DashboardScreen

    return isinstance(app.screen, DashboardScreen) and app.screen.status is not None


def welcome_ready(app: Any) -> bool:
    from homekit.tui.screens.first_run import FirstRunScreen

    return isinstance(app.screen, FirstRunScreen)


def child_homekit(out: str, db: str) -> None:
    through_the_command(db, dashboard_ready, lambda app: painted(app, out))


def child_welcome(out: str, db: str) -> None:
    through_the_command(db, welcome_ready, lambda app: painted(app, out))


def painted(app, out: str) -> None:  # noqa: ANN001
    Path(out).write_text(f"{time.time()} {int('matplotlib' in sys.modules)}")
    app.exit()


# -- the parent -----------------------------------------------------------------------------


def make_data(folder: Path, sessions: int) -> Path:
    """A file with profile 'me' (its skin question answered) and `sessions` sessions a week
    apart, the last three days ago by the real clock (the one the app reads)."""
    from homekit.domain.models import SessionDraft
    from homekit.services import Homekit
    from homekit.storage import open_store
    from homekit.storage.redness import insert_redness

    path = folder / f"homekit-{sessions}.db"
    store = open_store(path)
    hk = Homekit(store)
    hk.profiles.create_profile("me", make_default=True)
    hk.profiles.record_skin_condition(False, False)
    profile = hk.profile()
    now = dt.datetime.now()
    last = now.date() - dt.timedelta(days=3)
    with store.write():
        for i in range(sessions):
            day = last - dt.timedelta(days=7 * i)
            sid = store.insert_session(
                profile.id, SessionDraft(day, duration_min=40, areas=("cheeks",), device_level=3,
                                         glasses_worn=True, stinging=1), now.isoformat())
            if i % 2 == 0:
                insert_redness(store, sid, f"{day.isoformat()}T12:00", i % 3, 10, "")
    store.close()
    return path


def in_terminal(argv: list[str], env: dict[str, str]) -> None:
    """Run `argv` with a pseudo-terminal of SIZE as its stdin, stdout and stderr (Textual
    writes its frames to stderr), reading everything it writes; it must exit 0."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    written = bytearray()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                            start_new_session=True)
    os.close(slave)

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 1 << 16)
            except OSError:  # the child closed the terminal
                return
            if not data:
                return
            written.extend(data[-4096:])
            del written[:-8192]

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    code = proc.wait()
    reader.join(timeout=5)
    os.close(master)
    if code != 0:
        tail = bytes(written).decode(errors="replace")[-1500:]
        raise RuntimeError(f"{' '.join(argv)[-120:]} exited {code}: {tail}")


def terminal_env() -> dict[str, str]:
    """This environment for an app in a plain terminal: no homekit settings, no terminal
    multiplexer or image-capable terminal that the app would query."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("HOMEKIT_", "TMUX", "KITTY_", "WEZTERM", "TERM_PROGRAM"))
           and k != "PYTHONDONTWRITEBYTECODE"}
    env.update(TERM="xterm-256color", COLUMNS=str(SIZE[0]), LINES=str(SIZE[1]))
    return env


def measure(args: list[str], out: Path) -> tuple[float, bool]:
    out.unlink(missing_ok=True)
    start = time.time()
    in_terminal([sys.executable, __file__, "--child", *args, str(out)], terminal_env())
    stamp, mpl = out.read_text().split()
    return (float(stamp) - start) * 1000, mpl == "1"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--tiny", action="store_true", help="once, 50 sessions (CI)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        if kind == "bare":
            child_bare(rest[-1])
        elif kind == "bare-welcome":
            child_bare_welcome(rest[-1])
        elif kind == "bare-dashboard":
            child_bare_dashboard(rest[-1])
        elif kind == "welcome":
            child_welcome(rest[-1], rest[0])
        else:
            child_homekit(rest[-1], rest[0])
        return
    rounds, sessions = (1, 50) if args.tiny else (args.rounds, args.sessions)
    before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        empty = make_data(folder, 0)
        full = make_data(folder, sessions)
        print(f"data: {sessions} sessions created in {time.perf_counter() - t:.1f} s")
        variants = {
            "bare Textual app": ["bare"],
            "homekit, empty": ["homekit", str(empty)],
            f"homekit, {sessions:,} sessions": ["homekit", str(full)],
        }
        times: dict[str, list[float]] = {name: [] for name in variants}
        mpl = False
        out = folder / "painted.txt"
        measure(variants["bare Textual app"], out)  # warm the disk cache and .pyc files
        for _ in range(rounds):
            for name, child in variants.items():
                ms, imported = measure(child, out)
                times[name].append(ms)
                mpl = mpl or imported
    after = os.getloadavg()[0]
    bare = statistics.median(times["bare Textual app"])
    line = "python benchmarks/bench_tui_startup.py" + (
        " --tiny" if args.tiny else f" --rounds {rounds} --sessions {sessions}")
    print(f"Measured {dt.date.today().isoformat()} with `{line}`: time to first paint in a "
          f"{SIZE[0]}x{SIZE[1]} terminal, median of {rounds}; load average {before:.2f} at the "
          f"start, {after:.2f} at the end. matplotlib imported before the first paint: "
          f"{'YES' if mpl else 'no'}.\n")
    print("| variant | median (min-max) | ratio to bare |\n|---|---|---|")
    for name, values in times.items():
        med = statistics.median(values)
        print(f"| {name} | {med:.0f} ms ({min(values):.0f}-{max(values):.0f}) | "
              f"{med / bare:.2f} |")


if __name__ == "__main__":
    main()
