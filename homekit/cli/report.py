"""`homekit report`: one PDF for a skin professional (a tagged PDF, written with fpdf2)."""

from __future__ import annotations

import argparse

from homekit import words
from homekit.cli.options import checked, command

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

    from homekit.cli import Context

#: The commands this module registers (so the CLI builds only the one being run).
COMMANDS = ("report",)
DEFAULT_OUTPUT = "homekit-report.pdf"


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub, common, "report", cmd_report, help="write a PDF report for a skin professional")
    p.add_argument("--from", dest="since", type=checked("parse_date"), metavar="DATE",
                   help="first day included (YYYY-MM-DD)")
    p.add_argument("--to", dest="until", type=checked("parse_date"), metavar="DATE",
                   help="last day included (YYYY-MM-DD)")
    p.add_argument("--output", "-o", default=DEFAULT_OUTPUT, metavar="FILE.pdf",
                   help=f"default: {DEFAULT_OUTPUT} in the current folder (- is standard output)")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument("--treatment", metavar="NAME",
                   help="only this treatment's sessions (the products of the period stay)")
    p.add_argument("--full", action="store_true",
                   help="every session row by row, however many (by default the last 20 and "
                        "the current course, the earlier ones summarised by month)")


def cmd_report(args: argparse.Namespace, ctx: Context) -> int:
    """A PDF for a consultation: your profile, the course at a glance, questions to bring,
    the warnings, the last sessions row by row and the earlier ones by month, the charts of
    the whole period and your first and latest photos at full resolution. A tagged PDF
    (headings, tables, described figures) that screen readers and archives can use. The same
    log gives the same bytes; the file is readable by you only."""
    from pathlib import Path

    from homekit.cli.output import say
    from homekit.domain.errors import InvalidInput
    from homekit.files import FILE, NEW, check_output, is_stdout

    output = Path(args.output).expanduser()
    kind = check_output(args.output, replace=args.force)  # before the data file is opened
    if kind in (NEW, FILE) and output.suffix.lower() != ".pdf":
        raise InvalidInput(f"{output.name}: the report is written as .pdf")
    if args.since and args.until and args.since > args.until:
        raise InvalidInput(f"--from {args.since} is after --to {args.until}")
    from homekit.words.report import report_document

    written = ctx.open().report.write_report(args.output, report_document, since=args.since,
                                             until=args.until, force=args.force, full=args.full,
                                             treatment=args.treatment)
    if not is_stdout(written.path):
        say(words.report_written(written))
    return 0
