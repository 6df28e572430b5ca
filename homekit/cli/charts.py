"""`homekit chart`: the progress and redness charts as a PNG, SVG or PDF file, or as text."""

from __future__ import annotations

import argparse

from homekit import words
from homekit.cli.options import checked
from homekit.domain.vocabulary import CHART_KINDS

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

    from homekit.cli import Context


def _positive(what: str, low: float, high: float, cast: type = float) -> Any:
    def convert(text: str) -> float:
        from homekit.domain.errors import InvalidInput

        try:
            value = cast(text)
        except ValueError:
            raise InvalidInput(f"{what} {text!r} is not a number") from None
        if not low <= value <= high:
            raise InvalidInput(f"{what} must be from {low:g} to {high:g}, not {text}")
        return value

    convert.__name__ = what
    return checked(convert)


#: The commands this module registers (so the CLI builds only the one being run).
COMMANDS = ('chart',)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "chart", parents=[common], help="draw your progress or redness chart to a file",
        description="Draw a chart of your sessions. The file type follows the extension "
        "(.png, .svg or .pdf); --kind all puts both charts in one file, progress above redness. "
        "The file is readable by you only: it holds health data.",
    )
    p.add_argument("--kind", choices=CHART_KINDS, default="progress",
                   help="progress: sessions done and the plan to the target (default); "
                   "redness: how your skin reacted; all: both in one file")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--output", "-o", metavar="FILE",
                     help="file to write (default: homekit-progress.png, homekit-redness.png "
                     "or homekit-charts.png in the current folder; - is standard output, PNG)")
    out.add_argument("--text", action="store_true",
                     help="print the chart in the terminal instead of writing a file")
    p.add_argument("--width", type=_positive("width", 1, 50), metavar="IN",
                   help="figure width in inches (default 8)")
    p.add_argument("--height", type=_positive("height", 1, 50), metavar="IN",
                   help="figure height in inches (default 4.5; 9 for --kind all)")
    p.add_argument("--dpi", type=_positive("dpi", 20, 1200, int), default=150, metavar="N",
                   help="dots per inch for PNG (default 150)")
    p.add_argument("--dark", action="store_true", help="dark background, for dark pages")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument("--treatment", metavar="NAME",
                   help="only this treatment's sessions, with its target and interval")
    p.set_defaults(handler=cmd_chart)


def cmd_chart(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli.output import say
    from homekit.domain.series import DEFAULT_CHART_FILES

    output = None
    if not args.text:
        from homekit.charts.figure import default_size
        from homekit.charts.files import chart_format, check_pixels
        from homekit.files import FILE, NEW, check_output

        output = args.output or DEFAULT_CHART_FILES[args.kind]
        # Refuse what cannot be written before reading the log or importing matplotlib.
        kind = check_output(output, replace=args.force)
        if chart_format(output, default=None if kind in (NEW, FILE) else "png") == "png":
            width, height = default_size(args.kind)
            check_pixels(args.width or width, args.height or height, args.dpi)
    app = ctx.open()
    series = app.charts.chart_series(args.kind, args.treatment)
    if output is None:
        import shutil

        from homekit.charts.text import text_chart

        size = shutil.get_terminal_size((80, 24))
        height = {"progress": 16, "redness": 11, "all": 28}[args.kind]
        say(text_chart(series, args.kind, min(size.columns, 120), height).plain())
        return 0

    from homekit.files import is_stdout

    written = app.charts.save_chart(output, args.kind, series=series, dark=args.dark, width=args.width,
                             height=args.height, dpi=args.dpi, replace=args.force)
    if not is_stdout(written):
        say(words.chart_written(args.kind, written))
    return 0
