"""Edit a stored session; a new date must keep the weekly rule (refused inline otherwise)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input

from homekit import words
from homekit.domain.errors import HomekitError
from homekit.domain.models import Session
from homekit.tui.screens.session_dialog import SessionDialog
from homekit.tui.widgets.plain import Static
from homekit.tui.widgets.session_form import SessionForm


class EditSessionScreen(SessionDialog[Session | None]):
    """Dismissed with the updated session, or None."""

    DIALOG_ID = "edit-dialog"
    DIALOG_CLASSES = "dialog -form"

    def dialog_title(self) -> str:
        return words.edit_title(self.session, self._photos())

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="form-scroll", can_focus=False):  # the buttons below stay in view
            yield SessionForm(self.hk.today(), self.session)
        yield Static("", id="form-error", classes="form-error")
        with Horizontal(classes="buttons"):
            yield Button("Save (ctrl+s)", id="save", variant="primary")
            yield Button("Cancel", id="cancel")

    def _photos(self) -> int:
        """How many photos the session has (0 if they cannot be read)."""
        try:
            return len(self.hk.photos.photos(session_id=self.session.id))
        except HomekitError:
            return 0

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#date", Input))

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        form = self.query_one(SessionForm)
        draft = form.draft(quiet=True)
        if draft is not None and form.changes(draft).is_empty():
            # Nothing changed: nothing is written and no undo step made (a field the form
            # shows as a value, such as glasses for "not noted", stays as stored).
            self.app.notify(words.SESSION_UNCHANGED_APP, title="Session")
            self.dismiss(None)
            return
        updated = form.submit(
            lambda draft: self.hk.sessions.edit_session(self.session.id, form.changes(draft)),
            self.query_one("#form-error", Static),
            words.REFUSED_EDIT,
        )
        if updated is None:
            return
        self.app.notify(words.session_updated_app(updated), title="Session updated")
        self.dismiss(updated)
