"""The dashboard's files: calendar reminders and the report, each written in a worker into
the folder the app was started in (an existing file replaced only after a yes)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import work
from textual.screen import Screen

from homekit import words
from homekit.domain.errors import HomekitError
from homekit.services import Homekit
from homekit.tui.files import start_folder, write_asking, write_error

#: The report's name, as the CLI's default.
REPORT_FILE = "homekit-report.pdf"


class WritesFiles(Screen):
    """Keys `c` (reminders) and `w` (report) of the dashboard; needs `self.hk`."""

    hk: Homekit

    def action_reminders(self) -> None:
        # Like the CLI: homekit-reminders-<profile>.ics in the folder the app was started in.
        try:
            path = start_folder(self.app) / self.hk.plan.reminders_file_name()
        except HomekitError as exc:
            self.notify(words.error(exc), title="Calendar", severity="error")
            return

        def write(target: Path, replace: bool) -> None:
            self.notify(words.WRITING_REMINDERS, title="Calendar")
            self._write_reminders(self.hk.twin(), target, replace)

        write_asking(self, path, "Calendar", write)

    @work(thread=True, exclusive=True, group="reminders")
    def _write_reminders(self, opener: Callable[[], Homekit], path: Path, replace: bool) -> None:
        try:
            hk = opener()
            try:
                written = hk.plan.write_reminders(words.calendar, path, replace=replace)
            finally:
                hk.close()
        except (HomekitError, OSError) as exc:
            self.app.call_from_thread(self.notify, write_error(exc), title="Calendar",
                                      severity="error")
            return
        if not written.written:
            self.app.call_from_thread(self.notify, words.NO_REMINDERS, title="Calendar reminders")
            return
        self.app.call_from_thread(
            self.notify, words.reminders_written_app(written.count, written.first_date, written.path,
                                                     written.cancelled),
            title="Calendar reminders")

    def action_report(self) -> None:
        def write(target: Path, replace: bool) -> None:
            self.notify(words.writing_report(target), title="Report")
            self._write_report(self.hk.twin(), target, replace)

        write_asking(self, start_folder(self.app) / REPORT_FILE, "Report", write)

    @work(thread=True, exclusive=True, group="report")
    def _write_report(self, opener: Callable[[], Homekit], path: Path, replace: bool) -> None:
        try:
            hk = opener()
            try:
                from homekit.words.report import report_document

                written = hk.report.write_report(path, report_document, force=replace)
            finally:
                hk.close()
        except (HomekitError, OSError) as exc:
            self.app.call_from_thread(self.notify, write_error(exc), title="Report",
                                      severity="error")
            return
        self.app.call_from_thread(
            self.notify, words.report_written_app(written.pages, written.path),
            title="Report written")
