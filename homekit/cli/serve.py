"""`homekit serve`: the app in a browser page on this machine, behind a token."""

from __future__ import annotations

import argparse
import errno
import os
import sys

from homekit import words
from homekit.cli.options import command

#: The commands this module registers (so the CLI builds only the one being run).
COMMANDS = ("serve",)

DEFAULT_PORT = 8765
#: What --host may name: this machine's loopback address, which is what is bound either way.
LOOPBACK_NAMES = ("127.0.0.1", "localhost")

#: Run in a helper process that is given the address on stdin: a browser launcher may print
#: the address it opens (and so the token) on its output, which the helper discards.
_OPENER = "import sys, webbrowser; sys.exit(0 if webbrowser.open(sys.stdin.read(), 2) else 3)"

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

    from homekit.cli import Context


def port_number(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(words.serve_bad_port(text))
    return port


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub, common, "serve", cmd_serve,
        help="open the app in a browser on this machine (needs homekit-skinlog[web])")
    p.add_argument("--port", type=port_number, default=DEFAULT_PORT, metavar="N",
                   help=f"port to listen on (default {DEFAULT_PORT}; 0: any free port)")
    p.add_argument("--open", action="store_true",
                   help="open the address in the default browser")
    p.add_argument("--host", default="127.0.0.1", metavar="ADDRESS",
                   help="127.0.0.1 or localhost only: homekit serves this machine alone "
                   "(for another device, see the SSH tunnel in the docs)")


def app_command(data_file: object, profile: str | None) -> list[str]:
    """How each tab's app is started: this Python, the same data file and profile."""
    argv = [sys.executable, "-m", "homekit", f"--db={os.path.abspath(str(data_file))}"]
    if profile is not None:
        argv.append(f"--profile={profile}")
    return [*argv, "tui"]


def cmd_serve(args: argparse.Namespace, ctx: Context) -> int:
    """Serve the app to a browser on this machine: each tab runs its own app on the same
    data file and profile. It listens on 127.0.0.1 only and prints one address that carries
    a random token, new at every start; requests without it are refused. Stop with Ctrl-C."""
    from homekit.domain.errors import HomekitError, InvalidInput
    from homekit.tui import SERVED_DRIVER

    if args.host not in LOOPBACK_NAMES:
        raise InvalidInput(code="serve_host", host=args.host)
    try:
        from homekit.web import server
    except ImportError:
        raise InvalidInput(code="serve_missing") from None
    # Opened here once, so that a file homekit cannot use is said now, in one line, and not
    # in every tab; the server itself never holds it.
    app = ctx.open()
    argv = app_command(app.data_file, ctx.profile_option)
    ctx.close()
    try:
        sock = server.listen(args.port)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise HomekitError(code="serve_port_in_use", port=args.port) from None
        raise HomekitError(code="serve_cannot_listen", port=args.port,
                           reason=exc.strerror or str(exc)) from None

    def started(url: str) -> None:
        print(words.serve_address(url), flush=True)
        if args.open:
            open_browser(url)

    ended = server.serve(argv, {"TEXTUAL_DRIVER": SERVED_DRIVER}, sock, started)
    print(words.serve_stopped(ended), file=sys.stderr, flush=True)
    return 0


def open_browser(url: str) -> None:
    """The default browser on `url`, without waiting for it; a line on stderr if none opens."""
    import subprocess
    import threading

    helper = subprocess.Popen([sys.executable, "-c", _OPENER], stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    assert helper.stdin is not None
    helper.stdin.write(url.encode())
    helper.stdin.close()

    def report() -> None:
        if helper.wait() != 0:
            print(words.SERVE_NO_BROWSER, file=sys.stderr, flush=True)

    threading.Thread(target=report, name="open-browser", daemon=True).start()
