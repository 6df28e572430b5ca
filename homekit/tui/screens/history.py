"""Every session with its redness: sortable, edit and delete; pages in as you scroll."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, Input

from homekit import words
from homekit.domain.errors import HomekitError
from homekit.domain.models import Session, SessionFilter
from homekit.services import Homekit
from homekit.tui.screens.base import BACK, DELETE, EDIT, HomekitScreen
from homekit.tui.widgets.history_filter import HistoryFilter
from homekit.tui.widgets.history_table import HistoryTable
from homekit.tui.widgets.plain import Static
from homekit.tui.widgets.session_cells import COLUMNS, session_cells

#: Rows added to the table at a time; the rest wait in memory until scrolled to.
PAGE = 100


class HistoryScreen(HistoryFilter, HomekitScreen):
    AUTO_FOCUS = "#history"
    BINDINGS = [
        BACK,
        Binding("enter", "open", "Open", show=False),
        Binding("slash", "search", "Search", key_display="/"),
        EDIT,
        DELETE,
        Binding("r", "redness", "Log redness"),
        Binding("o", "observations", "Fix redness"),
        Binding("s", "sort_next", "Sort by next column"),
        Binding("v", "reverse", "Reverse order"),
    ]

    def __init__(self, hk: Homekit) -> None:
        super().__init__(hk)
        self.sessions: list[Session] = []
        self.shown = 0
        self.sort_key = "date"
        self.reverse = True
        self.loaded = False
        self._first_ids: list[int] = []
        self.search: str | None = None
        self.since: dt.date | None = None
        self.until: dt.date | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="history-filter"):
            yield Input(id="search", placeholder="search notes and areas (/)")
            yield Input(id="since", placeholder="from YYYY-MM-DD")
            yield Input(id="until", placeholder="to YYYY-MM-DD")
        yield Static("Loading sessions…", id="history-summary")
        yield HistoryTable(id="history", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(HistoryTable)
        for key, (heading, _, _) in COLUMNS.items():
            table.add_column(heading, key=key)
        table.loading = True
        self.load()

    def load(self) -> None:
        self._load(self.hk.twin(), self.search, self.since, self.until)

    refresh_data = load

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.load()  # back from the detail view or a dialog: the session may have changed

    @work(thread=True, exclusive=True, group="history")
    def _load(self, opener: Callable[[], Homekit], search: str | None, since: dt.date | None,
              until: dt.date | None) -> None:
        """Sessions in a worker: first the newest page (a LIMIT query sorted in SQL, drawn at
        once at any log size), then all of them for sorting and scrolling."""
        where = SessionFilter(search, since, until)
        filtered = where.active
        try:
            hk = opener()
            try:
                if not self.loaded and not filtered:
                    first = hk.history(newest_first=True, limit=PAGE)
                    painted = threading.Event()
                    self.app.call_from_thread(self._first_page, first, hk.session_count(), painted)
                    # Reading everything holds the GIL in long stretches: let the first rows
                    # reach the screen before (bounded, should the screen be gone already).
                    painted.wait(timeout=2)
                sessions = hk.history(newest_first=True, where=where)
            finally:
                hk.close()
        except HomekitError as exc:
            self.app.call_from_thread(self._failed, words.error(exc))
            return
        self.app.call_from_thread(self._loaded, sessions)

    def _first_page(self, page: list[Session], count: int, painted: threading.Event) -> None:
        self.call_after_refresh(painted.set)
        if self.loaded or (self.sort_key, self.reverse) != ("date", True):
            return  # the whole list is there already, or another order was asked for
        table = self.query_one(HistoryTable)
        table.loading = False
        table.clear()
        for s in page:
            table.add_row(*session_cells(s), key=str(s.id))
        self.shown = len(page)
        self._first_ids = [s.id for s in page]
        n = count
        self.query_one("#history-summary", Static).update(
            f"{n} session{'s' if n != 1 else ''} · newest first · loading the rest…"
            if n else "No sessions logged yet. Press escape, then l to log one.")
        table.focus()

    def _failed(self, message: str) -> None:
        self.query_one(HistoryTable).loading = False
        self.query_one("#history-summary", Static).update(f"Cannot read the history: {message}")

    def _loaded(self, sessions: list[Session]) -> None:
        table = self.query_one(HistoryTable)
        keep = table.cursor_row if self.loaded or self.shown else 0
        first_page = not self.loaded and self.shown and self._first_ids == [
            s.id for s in sessions[: self.shown]]
        self.sessions = sessions
        self.loaded = True
        table.loading = False
        if first_page and (self.sort_key, self.reverse) == ("date", True):
            # The rows on screen are already these, in this order (SQL sorted them the same
            # way): keep them rather than draw them again.
            self._summarise()
            return
        self._sort_and_fill(keep)
        if not isinstance(self.focused, Input):
            table.focus()

    def _sort_and_fill(self, keep_row: int = 0) -> None:
        self.sessions.sort(key=COLUMNS[self.sort_key][1], reverse=self.reverse)
        table = self.query_one(HistoryTable)
        table.clear()
        self.shown = 0
        self._add_page()
        keep_row = min(keep_row, len(self.sessions) - 1)
        while self.shown <= keep_row:
            self._add_page()
        if keep_row > 0:
            table.move_cursor(row=keep_row)
        self._summarise()

    def _add_page(self) -> None:
        page = self.sessions[self.shown : self.shown + PAGE]
        if not page:
            return
        table = self.query_one(HistoryTable)
        for s in page:
            table.add_row(*session_cells(s), key=str(s.id))
        self.shown += len(page)

    def _summarise(self) -> None:
        n = len(self.sessions)
        heading = COLUMNS[self.sort_key][0]
        order = "descending" if self.reverse else "ascending"
        filtered = bool(self.search or self.since or self.until)
        count = words.history_filter_text(n, self.search, self.since, self.until)
        more = f" ({self.shown} shown, more as you scroll)" if self.shown < n else ""
        if n:
            text = f"{count}{more} · by {heading.lower()}, {order} · Enter: open · s, v: sort"
        elif filtered:
            text = f"{count}. Clear the filter to see every session."
        else:
            text = "No sessions logged yet. Press escape, then l to log one."
        self.query_one("#history-summary", Static).update(text)  # the search as typed, inert

    @on(HistoryTable.NearEnd)
    def _near_end(self) -> None:
        if self.shown < len(self.sessions) and self.query_one(HistoryTable).near_end():
            self._add_page()
            self._summarise()

    @on(DataTable.HeaderSelected)
    def _heading(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        self.reverse = not self.reverse if key == self.sort_key else key == "date"
        self.sort_key = key
        self._sort_and_fill()

    def action_sort_next(self) -> None:
        keys = list(COLUMNS)
        self.sort_key = keys[(keys.index(self.sort_key) + 1) % len(keys)]
        self.reverse = False
        self._sort_and_fill()

    def action_reverse(self) -> None:
        self.reverse = not self.reverse
        self._sort_and_fill()

    # -- the selected session -----------------------------------------------------

    def selected(self) -> Session | None:
        table = self.query_one(HistoryTable)
        if not self.loaded or not table.row_count:
            self.notify("No session selected.", severity="warning")
            return None
        return self.sessions[table.cursor_row]

    @on(DataTable.RowSelected, "#history")
    def action_open(self) -> None:
        from homekit.tui.screens.session_detail import SessionDetailScreen

        session = self.selected()
        if session:
            self.app.push_screen(SessionDetailScreen(self.hk, session))

    def action_edit(self) -> None:
        from homekit.tui.screens.edit_session import EditSessionScreen

        session = self.selected()
        if session:
            self.app.push_screen(EditSessionScreen(self.hk, session), self._changed)

    def action_redness(self) -> None:
        from homekit.tui.screens.redness import RednessScreen

        session = self.selected()
        if session:
            self.app.push_screen(RednessScreen(self.hk, session), self._changed)

    def action_observations(self) -> None:
        """Correct or delete one of the selected session's redness observations."""
        from homekit.tui.screens.observations import ObservationsScreen
        from homekit.tui.screens.redness import RednessScreen

        session = self.selected()
        if session is None:
            return
        if not session.redness:
            self.notify("This session has no redness observation to correct.",
                        severity="warning")
        elif len(session.redness) == 1:
            self.app.push_screen(RednessScreen(self.hk, session, session.redness[0]),
                                 self._changed)
        else:
            self.app.push_screen(ObservationsScreen(self.hk, session), self._changed)

    def action_delete(self) -> None:
        from homekit.tui.screens.confirm import confirm_delete_session

        session = self.selected()
        if session is None:
            return
        # HomekitApp: a lost file offers to quit
        confirm_delete_session(self, self.hk, session, self.load,
                               failed=getattr(self.app, "check_file", bool))

    def _changed(self, result: object) -> None:
        if result is not None:
            self.load()
