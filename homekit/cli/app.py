"""The app started from the command line (`homekit`, `homekit tui`): only in a terminal (or
for a browser page), and on a data file that does not exist yet with the welcome screen drawn
before the file is made (see homekit.tui.new_file)."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from homekit.domain.errors import InvalidInput

if TYPE_CHECKING:
    from homekit.cli import Context
    from homekit.services import OpenNotices


def start_app(ctx: Context) -> int:
    from homekit.tui import in_browser

    # Started from a script or a pipe: the app would draw into a file and wait forever. Served
    # to a browser page (`homekit serve`), its stdin and stdout are the server's pipes.
    if not (sys.stdin.isatty() and sys.stdout.isatty()) and not in_browser():
        raise InvalidInput(
            "the app needs a terminal; in scripts use a command such as "
            "'homekit status --json' (see homekit --help)"
        )
    from homekit.tui import run, run_new

    start_dir = Path.cwd()  # the app's files go where it was started, as the commands' do
    if file_is_new(ctx):  # the welcome screen first, the file made meanwhile
        code, notices = run_new(partial(create, ctx), partial(ctx.open, quiet=True), start_dir)
        if notices is not None:  # (None: quit before the file was begun; none was made)
            ctx.say_notices(notices)
        return code
    return run(ctx.open(), start_dir)


def file_is_new(ctx: Context) -> bool:
    """The data file does not exist yet (and can be made where it is asked for)."""
    given, is_default = ctx.path()
    ctx.profile()  # a bad --profile is refused before anything starts
    path = Path(given)
    return bool(given) and not path.exists() and (is_default or path.parent.is_dir())


def create(ctx: Context) -> OpenNotices:
    """Create and migrate the data file, and close it (in the app's worker thread)."""
    from homekit.services import Homekit

    path, is_default = ctx.path()
    made = Homekit.open(path, ctx.profile(), create_folder=is_default)
    try:
        return made.check.open_notices()
    finally:
        made.close()
