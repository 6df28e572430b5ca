"""The app in a browser (`homekit serve`): the address line, the page's lines, refusals."""

from __future__ import annotations

from homekit.words.errors import _ERRORS

# -- serving the app in a browser --

WEB_INSTALL = "pip install 'homekit-skinlog[web]'"
#: Where the docs say how to reach the app from another device safely.
SERVE_TUNNEL_DOCS = "use an SSH tunnel (see 'The app in a browser' in the docs)"

SERVE_NO_BROWSER = "no browser could be opened: open the address above in a browser on this machine"
SERVE_APP_ENDED = "homekit has ended; the terminal running 'homekit serve' says why."
SERVE_PAGE_ENDED = "The app has ended."
SERVE_PAGE_RESTART = "Start it again"


def serve_address(url: str) -> str:
    """The one line that carries the address (and its token); nothing repeats it."""
    return f"homekit: open {url} in a browser on this machine (Ctrl-C stops the server)"


def serve_bad_port(text: str) -> str:
    return f"{text!r} is not a port: use a whole number from 0 to 65535 (0: any free port)"


def serve_stopped(apps: int) -> str:
    ended = "no app was open" if apps == 0 else (
        "1 app ended" if apps == 1 else f"{apps} apps ended")
    return f"homekit: server stopped; {ended}."


_ERRORS.update({
    "serve_missing": lambda f, e: (
        f"homekit serve needs the web extra, which is not installed; install it with: "
        f"{WEB_INSTALL}"),
    "serve_host": lambda f, e: (
        f"homekit serves on the loopback address only (127.0.0.1), not {f['host']!r}; "
        f"to use it from another device, {SERVE_TUNNEL_DOCS}"),
    "serve_port_in_use": (
        "port {port} on 127.0.0.1 is in use; choose another with --port N (--port 0 takes any "
        "free port)"),
    "serve_cannot_listen": "cannot listen on 127.0.0.1 port {port}: {reason}",
})
