"""Home: progress, the weekly rule's countdown, redness, recent sessions."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, ProgressBar

from homekit import words
from homekit.domain.errors import HomekitError, NotFound
from homekit.domain.models import Session, Status
from homekit.services import Homekit
from homekit.tui import format as fmt
from homekit.tui.screens.dashboard_files import WritesFiles
from homekit.tui.widgets.footer import Footer
from homekit.tui.widgets.plain import Cell, Label, Static
from homekit.tui.widgets.session_cells import RECENT_COLUMNS, headings, session_cells

RECENT = 10
TREND_SESSIONS = 12


def _facts(hk: Homekit) -> tuple[Status, list[Session], bool, list]:
    """What the dashboard shows, read through `hk` (on whichever thread owns it)."""
    return (hk.status.status(), hk.sessions.history(newest_first=True, limit=max(RECENT, TREND_SESSIONS)),
            hk.profiles.needs_acknowledgement(), hk.safety.medical_warnings())


#: How often the dashboard looks for writes by other processes.
WATCH_SECONDS = 2.0


class DashboardScreen(WritesFiles, Screen):
    """Where the profile stands today; every action starts here."""

    AUTO_FOCUS = "#recent"  # up / down and Enter open a recent session straight away
    HELP_NAME = "dashboard"

    # Short names for the footer (80 columns hold these six, help and quit); the tooltip is
    # the name in the command palette and the help screen, where the hidden ones are too.
    BINDINGS = [
        Binding("l", "log_session", "Log", tooltip="Log a session"),
        Binding("r", "log_redness", "Redness", tooltip="Log redness after the latest session"),
        Binding("h", "history", "History", tooltip="History: every session"),
        Binding("g", "chart", "Chart", tooltip="Charts: progress and redness"),
        Binding("o", "photos", "Photos", tooltip="Progress photos"),
        Binding("p", "profile", "Profile", tooltip="Profile and settings"),
        Binding("c", "reminders", "Calendar", show=False, tooltip="Write calendar reminders"),
        Binding("w", "report", "Report", show=False, tooltip="Write the PDF report"),
        Binding("e", "events", "Events", show=False,
                tooltip="Adverse events: log one, mark one resolved"),
    ]

    def __init__(self, hk: Homekit) -> None:
        super().__init__()
        self.hk = hk
        self.status: Status | None = None
        self._filled_on_mount = False
        self._rows: tuple[list[str], list[list[Cell]]] = ([], [])

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="dashboard"):
            with Horizontal(id="progress-row"):
                yield Label("Sessions", id="progress-label")
                yield ProgressBar(total=1, show_eta=False, id="progress")
            yield Static("", id="alert", markup=False)
            yield Static("", id="followup", markup=False)
            yield Static("", id="next", markup=False)
            yield Static("", id="treatments", markup=False)
            with Horizontal(id="cards"):
                yield Static("", id="last", classes="card")
                yield Static("", id="projected", classes="card")
                yield Static("", id="redness", classes="card")
            yield Label("Recent sessions", classes="section-title")
            yield DataTable(id="recent", cursor_type="row", zebra_stripes=True)
            yield Static(words.NO_SESSIONS_YET, id="recent-empty")
            yield Static(words.SAFETY_LINE, id="safety-line", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#recent", DataTable)
        table.add_columns(*headings(RECENT_COLUMNS))
        for card, title in (("next", "Next session"), ("last", "Last session"),
                            ("projected", "Projected end"), ("redness", "Latest redness")):
            self.query_one(f"#{card}").border_title = title

        # Another process (the CLI, an import) may write while the app is open: look for its
        # commits every couple of seconds (one cheap PRAGMA) and redraw when there are some.
        self.hk.changed_elsewhere()
        self.set_interval(WATCH_SECONDS, self._watch_file)
        # Filled now, before Textual lays the screen out as it is first shown: the first frame
        # has the data, and is laid out and drawn once rather than empty and then again.
        self._filled_on_mount = self._ensure_profile(push=False)
        if self._filled_on_mount:
            self.refresh_data()

    def _watch_file(self) -> None:
        if not getattr(self.app, "check_file", lambda: True)():  # file gone: offer to quit
            return
        try:
            changed = self.hk.changed_elsewhere()
        except HomekitError:
            return
        if changed and self.is_current:
            self.refresh_data()

    def on_screen_resume(self) -> None:
        if self._filled_on_mount:  # shown for the first time: filled a moment ago
            self._filled_on_mount = False
            return
        if not self._ensure_profile():
            return
        # Back from another screen: what it shows stays until the new facts are read, in a
        # worker (the UI thread goes on drawing the screen meanwhile).
        self._read(self.hk.twin())

    @work(thread=True, exclusive=True, group="dashboard", description="read the dashboard")
    def _read(self, opener: Callable[[], Homekit]) -> None:
        from textual.worker import get_current_worker

        try:
            with closing(opener()) as hk:
                facts = _facts(hk)
        except HomekitError as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, *facts)

    def _failed(self, exc: HomekitError) -> None:
        self.notify(words.error(exc), title="Cannot read the log", severity="error")

    def _ensure_profile(self, push: bool = True) -> bool:
        """On first run (or an unknown --profile), ask for the profile before showing anything."""
        try:
            missing = not self.hk.profiles.has_profiles()
            if not missing:
                self.hk.profile()
        except NotFound:
            missing = True
        if missing and push:
            from homekit.tui.screens.first_run import FirstRunScreen

            self.app.push_screen(FirstRunScreen(self.hk))
        return not missing

    def refresh_data(self) -> None:
        self.workers.cancel_group(self, "dashboard")  # an older read must not land after this
        try:
            facts = _facts(self.hk)
        except HomekitError as exc:
            self._failed(exc)
            return
        self._show(*facts)

    def _show(self, st: Status, recent: list[Session], needs_ack: bool, medical: list) -> None:
        self.status = st
        self.app.sub_title = words.control_free(f"profile: {st.profile}")
        self.query_one("#progress-label", Label).update(words.sessions_progress(st))
        self.query_one("#progress", ProgressBar).update(
            total=max(1, st.target_sessions), progress=min(st.sessions_done, st.target_sessions))
        self._show_alert(st, needs_ack, medical)
        self._show_cards(st, recent)
        line = words.treatments_app(list(st.treatments), st.today)
        treatments = self.query_one("#treatments", Static)
        treatments.update(line)
        treatments.display = bool(line)
        table = self.query_one("#recent", DataTable)
        rows = [session_cells(s, RECENT_COLUMNS) for s in recent[:RECENT]]
        keys = [str(s.id) for s in recent[:RECENT]]
        if (keys, rows) != self._rows:  # unchanged: the drawn rows stay (no redraw)
            self._rows = (keys, rows)
            table.clear()
            for key, cells in zip(keys, rows, strict=True):
                table.add_row(*cells, key=key)
        table.display = bool(recent)
        self.query_one("#recent-empty").display = not recent

    def _show_alert(self, st: Status, needs_ack: bool, medical: list | None = None) -> None:
        alert = self.query_one("#alert", Static)
        warning = words.redness_warning(st.redness_alert)
        if medical and not (warning or needs_ack):
            alert.update(words.medical_alert(medical))
            alert.display = True
            alert.set_class(False, "-serious")
            return
        if warning:
            alert.update(f"⚠ {warning}")
        elif needs_ack:
            alert.update(words.CONDITION_ALERT)
        alert.display = bool(warning or needs_ack)
        alert.set_class(st.redness_warning_serious or needs_ack, "-serious")

    def _show_cards(self, st: Status, recent: list) -> None:
        nxt = self.query_one("#next", Static)
        blocks = [g for g in st.gates if g.name != "interval"]
        if blocks:  # the block, in place of the countdown
            nxt.update(words.blocked_app(blocks))
        else:
            nxt.update(words.next_session(st))
        nxt.border_title = words.next_card_title(st)
        nxt.set_class(st.eligible_now, "-eligible")
        nxt.set_class(not st.eligible_now, "-blocked")
        followup = self.query_one("#followup", Static)
        followup.update("\n".join(words.followup_text_app(f) for f in st.followups))
        followup.display = bool(st.followups)
        self.query_one("#last", Static).update(words.last_session_card(st.last_session_date, st.today))
        projected = self.query_one("#projected", Static)
        projected.border_title = words.projected_card_title(st.sessions_done >= st.target_sessions)
        projected.update(words.projected_card(st))
        trend = fmt.trend(list(reversed(recent[:TREND_SESSIONS])))
        redness = self.query_one("#redness", Static)
        redness.update(fmt.redness_short(st.latest_redness).replace(", ", "\n", 1))
        redness.border_subtitle = f"trend {trend}" if trend else ""

    # -- actions ----------------------------------------------------------------

    @on(DataTable.RowSelected, "#recent")
    def _open_session(self, event: DataTable.RowSelected) -> None:
        from homekit.tui.screens.session_detail import SessionDetailScreen

        try:
            session = self.hk.sessions.session(int(str(event.row_key.value)))
        except (HomekitError, ValueError):
            return
        self.app.push_screen(SessionDetailScreen(self.hk, session))

    def action_log_session(self) -> None:
        from homekit.tui.screens.log_session import LogSessionScreen

        self.app.push_screen(LogSessionScreen(self.hk), self._logged)

    def _logged(self, result: object) -> None:
        from homekit.services import LogResult

        if not isinstance(result, LogResult):
            return
        days = max(0, (result.next_eligible_date - self.hk.today()).days)
        self.notify(words.session_logged_app(result.session, result.next_eligible_date, days),
                    title="Session logged")
        if result.session.glasses_worn is False:
            self.notify(words.GLASSES_NOTICE, title="Glasses", severity="warning")
        for w in result.medical_warnings:
            self.notify(words.medical_text(w, app=True), title="Medical answer",
                        severity="warning")
        if not result.session.redness:  # follow-up: how red is it now? (skip allowed)
            from homekit.tui.screens.redness import RednessScreen

            self.app.push_screen(RednessScreen(self.hk, result.session, just_logged=True))

    def action_log_redness(self) -> None:
        from homekit.tui.screens.redness import RednessScreen

        try:
            latest = self.hk.sessions.history(newest_first=True, limit=1)
        except HomekitError as exc:
            self.notify(words.error(exc), severity="error")
            return
        if not latest:
            self.notify(words.NO_SESSION_FOR_REDNESS,
                        title="Nothing to attach redness to", severity="warning")
            return
        self.app.push_screen(RednessScreen(self.hk, latest[0]))

    def action_history(self) -> None:
        from homekit.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.hk))

    def action_chart(self) -> None:
        from homekit.tui.screens.chart import ChartScreen

        self.app.push_screen(ChartScreen(self.hk))

    def action_profile(self) -> None:
        from homekit.tui.screens.profile import ProfileScreen

        self.app.push_screen(ProfileScreen(self.hk))

    def action_events(self) -> None:
        from homekit.tui.screens.events import EventsScreen

        self.app.push_screen(EventsScreen(self.hk))

    def action_photos(self) -> None:
        from homekit.tui.screens.photos import PhotosScreen

        self.app.push_screen(PhotosScreen(self.hk))
