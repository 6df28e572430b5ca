"""The dashboard's files: calendar reminders and the report, each written in a worker."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import work
from textual.screen import Screen

from homekit import words
from homekit.domain.errors import HomekitError
from homekit.services import Homekit

#: Written beside the data file (the CLI's default is the current folder).
REPORT_FILE = "homekit-report.pdf"


class WritesFiles(Screen):
    """Keys `c` (reminders) and `w` (report) of the dashboard; needs `self.hk`."""

    hk: Homekit

    def action_reminders(self) -> None:
        self.notify(words.WRITING_REMINDERS, title="Calendar")
        # Like the CLI and the chart: homekit-reminders-<profile>.ics in the current folder.
        self._write_reminders(self.hk.twin(), Path.cwd())

    @work(thread=True, exclusive=True, group="reminders")
    def _write_reminders(self, opener: Callable[[], Homekit], folder: Path) -> None:
        try:
            hk = opener()
            try:
                written = hk.write_reminders(folder / hk.reminders_file_name())
            finally:
                hk.close()
        except (HomekitError, OSError) as exc:
            self.app.call_from_thread(self.notify, words.error(exc), title="Calendar", severity="error")
            return
        if not written.written:
            self.app.call_from_thread(self.notify, words.NO_REMINDERS, title="Calendar reminders")
            return
        self.app.call_from_thread(
            self.notify, words.reminders_written_app(written.count, written.first_date, written.path,
                                                     written.cancelled),
            title="Calendar reminders")

    def action_report(self) -> None:
        path = self.hk.data_file.parent / REPORT_FILE
        self.notify(words.writing_report(path), title="Report")
        self._write_report(self.hk.twin(), path)

    @work(thread=True, exclusive=True, group="report")
    def _write_report(self, opener: Callable[[], Homekit], path: Path) -> None:
        try:
            hk = opener()
            try:
                written = hk.write_report(path, force=True)
            finally:
                hk.close()
        except (HomekitError, OSError) as exc:
            self.app.call_from_thread(self.notify, words.error(exc), title="Report", severity="error")
            return
        self.app.call_from_thread(
            self.notify, words.report_written_app(written.pages, written.path),
            title="Report written")
