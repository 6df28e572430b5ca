"""Files the app writes (report, chart, comparison, calendar): into the folder the app was
started in, the full path shown, and an existing file replaced only after the user says yes
(the CLI's rule, with a question in place of --force)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.screen import Screen

from homekit import words
from homekit.domain.errors import HomekitError


def start_folder(app: App) -> Path:
    """The folder the app was started in (HomekitApp.start_dir, set by whoever started it)."""
    folder = getattr(app, "start_dir", None)
    return folder if isinstance(folder, Path) else Path.cwd().absolute()


def write_asking(screen: Screen, path: Path, title: str,
                 write: Callable[[Path, bool], object]) -> None:
    """Call `write(path, replace)`: at once for a new file (or a device or pipe, written
    into), after a yes for an existing file; say why when `path` cannot be written at all."""
    from homekit.files import FILE, output_kind
    from homekit.tui.screens.confirm import ConfirmScreen

    try:
        kind = output_kind(path)
    except HomekitError as exc:
        screen.notify(words.error(exc), title=title, severity="error")
        return
    if kind != FILE:
        write(path, False)
        return

    def answered(yes: bool | None) -> None:
        if yes:
            write(path, True)
        else:
            screen.notify(words.file_kept_app(path), title=title)

    screen.app.push_screen(ConfirmScreen(words.REPLACE_FILE_TITLE,
                                         words.replace_file_question(path), yes="Replace"),
                           answered)


def write_error(exc: BaseException) -> str:
    """A write that failed, for a notification (a file that appeared meanwhile was kept)."""
    if isinstance(exc, HomekitError) and exc.code == "exists_needs_force":
        return words.file_kept_app(exc.facts.get("path"))
    return words.error(exc)
