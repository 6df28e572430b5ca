"""One session in full: every field, the whole note, every redness observation; edit, delete,
add or delete redness from here (each change can be undone with u)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Header

from homekit import words
from homekit.domain.errors import HomekitError
from homekit.domain.models import STINGING_LEVELS, Redness, Session
from homekit.services import Homekit
from homekit.tui import format as fmt
from homekit.tui.screens.base import BACK, DELETE, EDIT, HomekitScreen
from homekit.tui.widgets.footer import Footer
from homekit.tui.widgets.plain import Label, Static, cell


def _or_dash(value: object, unit: str = "") -> str:
    return "-" if value is None else f"{value}{unit}"


def field_rows(s: Session, photos: int = 0) -> list[tuple[str, str]]:
    """(label, value) for every field of a session, as the detail view shows them."""
    glasses = {True: "yes", False: "NO (glasses must be worn)", None: "not noted"}
    return [
        ("Date", fmt.day(s.session_date)),
        ("Start time", s.start_time or "-"),
        ("Duration", _or_dash(s.duration_min, " min")),
        ("Areas", ", ".join(s.areas) or "-"),
        ("Device level", _or_dash(s.device_level)),
        ("Glasses", glasses[s.glasses_worn]),
        ("Stinging", "-" if s.stinging is None else f"{s.stinging} {STINGING_LEVELS[s.stinging]}"),
        ("Worst redness", fmt.redness_short(s.worst_redness)),
        ("Safety check", words.checklist_summary(s.checklist)),
        ("Redness block", "lifted by a professional" if s.cleared_by_professional else "-"),
        ("Photos", f"{photos} (key o on the dashboard)" if photos else "none"),
        ("Logged at", s.created_at.replace("T", " ") or "-"),
        ("Id", f"{s.id} (what commands take: homekit edit {s.id}, homekit redness {s.id})"),
    ]


class SessionDetailScreen(HomekitScreen[None]):
    """Pushed from history or the dashboard (Enter on a row)."""

    HELP_NAME = "one session"

    BINDINGS = [
        BACK,
        EDIT,
        DELETE,
        Binding("r", "add_redness", "Add redness", tooltip="Add a redness observation"),
        Binding("x", "delete_redness", "Delete redness",
                tooltip="Delete the selected redness observation"),
    ]

    def __init__(self, hk: Homekit, session: Session) -> None:
        super().__init__(hk)
        self.session = session

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="detail"):
            yield Label("", id="detail-title", classes="section-title")
            yield Static("", id="detail-fields")
            yield Label("Notes", classes="section-title")
            yield Static("", id="detail-notes")
            yield Label("Redness observations", classes="section-title")
            yield DataTable(id="detail-redness", cursor_type="row", zebra_stripes=True)
            yield Static(words.NO_REDNESS_YET, id="detail-no-redness")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#detail-redness", DataTable)
        table.add_columns("Observed", "Severity", "Faded", "Notes")
        self.show(self.session)

    def show(self, s: Session) -> None:
        self.session = s
        self.query_one("#detail-title", Label).update(
            Text(words.session_title(s)))
        try:
            photos = len(self.hk.photos.photos(session_id=s.id))
        except HomekitError:
            photos = 0
        rows = field_rows(s, photos)
        width = max(len(k) for k, _ in rows) + 2
        lines = Text()
        for n, (label, value) in enumerate(rows):
            if n:
                lines.append("\n")
            lines.append(f"{label + ':':<{width}}", style="bold")
            lines.append(words.control_free(value))  # a foreign tool may have written it
        self.query_one("#detail-fields", Static).update(lines)
        self.query_one("#detail-notes", Static).update(s.notes or "-")  # shown as typed
        table = self.query_one("#detail-redness", DataTable)
        table.clear()
        for r in s.redness:
            faded = words.fade_words(r.severity, r.faded_after_min)
            table.add_row(cell(r.observed_at.replace("T", " ")),
                          cell(f"{r.severity} {r.severity_word}"), cell(faded),
                          cell(r.notes or "-"), key=str(r.id))
        table.display = bool(s.redness)
        self.query_one("#detail-no-redness").display = not s.redness

    def refresh_data(self) -> None:
        """Read the session again (after an edit, or an undo); gone: back to the list."""
        try:
            self.show(self.hk.sessions.session(self.session.id))
        except HomekitError:
            self.app.pop_screen()

    # -- actions -----------------------------------------------------------------------------

    def _changed(self, result: object) -> None:
        if result is not None:
            self.refresh_data()

    def action_edit(self) -> None:
        from homekit.tui.screens.edit_session import EditSessionScreen

        self.app.push_screen(EditSessionScreen(self.hk, self.session), self._changed)

    def action_add_redness(self) -> None:
        from homekit.tui.screens.redness import RednessScreen

        self.app.push_screen(RednessScreen(self.hk, self.session), self._changed)

    def action_delete(self) -> None:
        from homekit.tui.screens.confirm import confirm_delete_session

        confirm_delete_session(self, self.hk, self.session, self.app.pop_screen)

    def action_delete_redness(self) -> None:
        from homekit.tui.screens.confirm import confirm_delete

        table = self.query_one("#detail-redness", DataTable)
        if not self.session.redness:
            self.notify(words.NO_REDNESS_TO_DELETE, severity="warning")
            return
        red = self.session.redness[min(table.cursor_row, len(self.session.redness) - 1)]
        question = words.delete_redness_question_app(red)
        if red.id is None:
            return
        red_id = red.id

        def deleted(_: Redness) -> None:
            self.notify(words.redness_deleted_app(self.session), title="Redness deleted")
            self.refresh_data()

        confirm_delete(self, "Delete redness", question, lambda: self.hk.redness.delete_redness(red_id),
                       deleted)
