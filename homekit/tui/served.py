"""The Textual driver of an app served to a browser page by `homekit serve`."""

from __future__ import annotations

from textual import messages
from textual.drivers.web_driver import WebDriver


class ServedDriver(WebDriver):
    """Textual's web driver, plus: the app ends when its server is gone.

    The server talks to the app over its stdin; if the server dies without telling the app to
    quit (killed, crashed), that pipe closes and the plain web driver would leave the app
    running with no one to see it. Here the end of input ends the app.
    """

    def run_input_thread(self) -> None:
        super().run_input_thread()
        if not self.exit_event.is_set():  # input ended, but not because the app is stopping
            self._app.post_message(messages.ExitApp())
