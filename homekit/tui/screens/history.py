"""Every session with its redness: sortable, edit and delete; pages in as you scroll.

Newest first without a filter (how it opens), the sessions are read a page at a time by LIMIT
queries in a worker, as the table is scrolled to them; nothing reads the whole log while the
screen is being drawn. Another order or a filter reads them all (in a worker) to sort them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Input

from homekit import words
from homekit.domain.errors import HomekitError
from homekit.domain.models import Session, SessionFilter
from homekit.services import Homekit
from homekit.tui.screens.base import BACK, DELETE, EDIT, HomekitScreen
from homekit.tui.widgets.footer import Footer
from homekit.tui.widgets.history_filter import HistoryFilter
from homekit.tui.widgets.history_table import HistoryTable
from homekit.tui.widgets.plain import Static
from homekit.tui.widgets.session_cells import COLUMNS, session_cells

#: Rows added to the table at a time; the rest wait in memory until scrolled to.
PAGE = 100


class HistoryScreen(HistoryFilter, HomekitScreen):
    AUTO_FOCUS = "#history"
    HELP_NAME = "history"
    # `o` is Photos on the dashboard: correcting redness is `f` here (one meaning a key).
    BINDINGS = [
        BACK,
        Binding("enter", "open", "Open", show=False, tooltip="Open the session"),
        Binding("slash", "search", "Search", key_display="/", tooltip="Search notes and areas"),
        EDIT,
        DELETE,
        Binding("r", "redness", "Redness", tooltip="Log redness for the session"),
        Binding("f", "observations", "Fix redness", show=False,
                tooltip="Correct or delete a redness observation"),
        Binding("s", "sort_next", "Sort", show=False, tooltip="Sort by the next column"),
        Binding("v", "reverse", "Reverse", show=False, tooltip="Reverse the order"),
    ]

    def __init__(self, hk: Homekit) -> None:
        super().__init__(hk)
        self.sessions: list[Session] = []  # those read so far, in the order shown
        self.total = 0  # how many there are (with the filter)
        self.complete = False  # every one of them is in `sessions`
        self.shown = 0
        self.sort_key = "date"
        self.reverse = True
        self.loaded = False
        self._paging = False
        self.search: str | None = None
        self.since: dt.date | None = None
        self.until: dt.date | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="history-filter"):
            yield Input(id="search", placeholder="search notes and areas (/)")
            yield Input(id="since", placeholder="from YYYY-MM-DD")
            yield Input(id="until", placeholder="to YYYY-MM-DD")
        yield Static(words.LOADING_SESSIONS, id="history-summary")
        yield HistoryTable(id="history", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(HistoryTable)
        for key, (heading, _, _) in COLUMNS.items():
            table.add_column(heading, key=key)
        table.loading = True
        self.load()

    def _paged(self) -> bool:
        """Newest first and no filter: SQL reads it a page at a time (LIMIT), as scrolled to."""
        return (self.sort_key, self.reverse) == ("date", True) and not (
            self.search or self.since or self.until)

    def load(self) -> None:
        """(Re)read the sessions in a worker: in the paged order the pages shown so far (at
        least the first), else all of them, to sort in any order."""
        self._paging = False
        limit = max(PAGE, self.shown) if self._paged() else None
        self._load(self.hk.twin(), SessionFilter(self.search, self.since, self.until), limit)

    refresh_data = load

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.load()  # back from the detail view or a dialog: the session may have changed

    @work(thread=True, exclusive=True, group="history", description="read the history")
    def _load(self, opener: Callable[[], Homekit], where: SessionFilter,
              limit: int | None) -> None:
        """Sessions in a worker, on their own connection: the newest `limit` (a LIMIT query
        sorted in SQL, as quick at any log size) and the count, or (None) all of them."""
        from textual.worker import get_current_worker

        try:
            hk = opener()
            try:
                sessions = hk.sessions.history(newest_first=True, limit=limit, where=where)
                total = len(sessions) if limit is None else hk.sessions.session_count()
            finally:
                hk.close()
        except HomekitError as exc:
            self.app.call_from_thread(self._failed, words.error(exc))
            return
        if not get_current_worker().is_cancelled:  # else another read follows, for a newer ask
            self.app.call_from_thread(self._loaded, sessions, total, limit is None)

    def _failed(self, message: str) -> None:
        self._paging = False
        self.query_one(HistoryTable).loading = False
        self.query_one("#history-summary", Static).update(words.cannot_read("history", message))

    def _loaded(self, sessions: list[Session], total: int, complete: bool) -> None:
        table = self.query_one(HistoryTable)
        keep = table.cursor_row if self.loaded else 0
        self.sessions, self.total, self.complete = sessions, total, complete
        self.loaded = True
        table.loading = False
        self._sort_and_fill(keep)
        if not isinstance(self.focused, Input):
            table.focus()

    def _more(self) -> None:
        """The next page of the paged order, read in a worker."""
        if self._paging or self.complete or not self.sessions:
            return
        self._paging = True
        self._read_page(self.hk.twin(), self.sessions[-1])

    @work(thread=True, group="history-page", description="read a page of the history")
    def _read_page(self, opener: Callable[[], Homekit], last: Session) -> None:
        try:
            hk = opener()
            try:  # the sessions older than the last one shown (not an OFFSET: see Store)
                page = hk.sessions.history(newest_first=True, limit=PAGE, after=last)
            finally:
                hk.close()
        except HomekitError as exc:
            self.app.call_from_thread(self._failed, words.error(exc))
            return
        self.app.call_from_thread(self._got_page, page, last)

    def _got_page(self, page: list[Session], last: Session) -> None:
        if not self._paging or not self.sessions or self.sessions[-1] is not last \
                or not self._paged():
            return  # read again or sorted since it was asked for: not these rows
        self._paging = False
        shown = {s.id for s in self.sessions}  # a session re-dated elsewhere may come again
        self.sessions.extend(s for s in page if s.id not in shown)
        if len(page) < PAGE:  # the oldest one is here: the count is what was read
            self.complete = True
            self.total = len(self.sessions)
        self._add_page()
        self._summarise()

    def _sort_all(self) -> None:
        """Sorted in another order: every session is needed (read in a worker if not yet)."""
        if self.complete:
            self._sort_and_fill()
        else:
            self.query_one("#history-summary", Static).update(words.LOADING_SESSIONS)
            self.load()

    def _sort_and_fill(self, keep_row: int = 0) -> None:
        if self.complete:  # else these are a prefix of the paged order, sorted by SQL
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
        n = self.total
        heading = COLUMNS[self.sort_key][0]
        order = "descending" if self.reverse else "ascending"
        filtered = bool(self.search or self.since or self.until)
        count = words.history_filter_text(n, self.search, self.since, self.until)
        text = words.history_summary(count, n, self.shown, heading, order, filtered)
        self.query_one("#history-summary", Static).update(text)  # the search as typed, inert

    @on(HistoryTable.NearEnd)
    def _near_end(self) -> None:
        if not self.query_one(HistoryTable).near_end():
            return
        if self.shown < len(self.sessions):
            self._add_page()
            self._summarise()
        else:
            self._more()

    @on(DataTable.HeaderSelected)
    def _heading(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        self.reverse = not self.reverse if key == self.sort_key else key == "date"
        self.sort_key = key
        self._sort_all()

    def action_sort_next(self) -> None:
        keys = list(COLUMNS)
        self.sort_key = keys[(keys.index(self.sort_key) + 1) % len(keys)]
        self.reverse = False
        self._sort_all()

    def action_reverse(self) -> None:
        self.reverse = not self.reverse
        self._sort_all()

    # -- the selected session -----------------------------------------------------

    def selected(self) -> Session | None:
        table = self.query_one(HistoryTable)
        if not self.loaded or not table.row_count:
            self.notify(words.NO_SESSION_SELECTED, severity="warning")
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
            self.notify(words.NO_REDNESS_TO_CORRECT, severity="warning")
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
