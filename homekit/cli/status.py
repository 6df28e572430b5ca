"""`homekit status`: in a module of its own, so that `status --json` loads only what it prints
(no sentences, no other command's parser or validators). `cli.core` registers it between
`log` and `history`, where `--help` has always listed it."""

from __future__ import annotations

import argparse

from homekit.cli.output import say, say_json

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from homekit.cli import Context

#: The commands this module registers (so the CLI builds only the one being run).
COMMANDS = ("status",)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("status", parents=[common], help="progress and next eligible date")
    p.add_argument("--json", action="store_true", help="print the status as JSON, for scripts")
    p.set_defaults(handler=cmd_status)


def cmd_status(args: argparse.Namespace, ctx: Context) -> int:
    st = ctx.open().status.status()
    if args.json:
        warning = None
        if st.redness_alert is not None:  # its sentence alone, not every sentence module
            from homekit.words.alerts import redness_alert_text

            warning = redness_alert_text(st.redness_alert)
        clock = None
        if st.clock_warning is not None:
            from homekit.words.errors import error

            clock = error(st.clock_warning)
        say_json(st.to_json(warning, clock))
    else:
        from homekit import words

        say(words.status_text(st))
    return 0
