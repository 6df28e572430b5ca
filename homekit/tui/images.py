"""Whether this terminal can show pictures (Kitty graphics or Sixel), decided before the app runs."""

from __future__ import annotations

import os

from homekit.tui import in_browser


def image_protocol(env: dict[str, str] | None = None) -> str | None:
    """'tgp' or 'sixel' when this terminal can show the figure itself, else None.

    Decided from the environment only: once Textual runs, the terminal cannot be queried
    (Textual reads its answers). Inside tmux or screen, images are not passed through.
    HOMEKIT_CHART_IMAGES=off forces text, =tgp or =sixel forces images. In a browser page
    (`homekit serve`) charts are text whatever the variables say: its terminal (xterm.js)
    shows neither protocol.
    """
    env = dict(os.environ) if env is None else env
    if in_browser(env):
        return None
    forced = env.get("HOMEKIT_CHART_IMAGES", "").lower()
    if forced in ("off", "no", "0", "text"):
        return None
    if forced in ("tgp", "sixel"):
        return forced
    if env.get("TMUX") or env.get("STY") or env.get("TERM", "").startswith(("screen", "tmux")):
        return None
    term, program = env.get("TERM", ""), env.get("TERM_PROGRAM", "")
    if term == "xterm-kitty" or env.get("KITTY_WINDOW_ID") or program == "ghostty":
        return "tgp"
    if program == "WezTerm" or term.startswith(("foot", "mlterm")) or "sixel" in term:
        return "sixel"
    return None


def prepare_images() -> None:
    """Call before `App.run()`: textual-image asks the terminal what it supports when first
    imported, which only works before Textual takes over the terminal's input."""
    if image_protocol() is not None:
        import textual_image.widget  # noqa: F401
