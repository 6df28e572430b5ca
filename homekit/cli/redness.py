"""Redness observations: record (`redness [SESSION_ID]`), correct (`edit`), delete (`delete`)."""

from __future__ import annotations

import argparse
import sys

from homekit import words
from homekit.cli.options import checked, command

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

    from homekit.cli import Context

#: The commands this module registers (so the CLI builds only the one being run).
COMMANDS = ("redness",)
ACTIONS = ("edit", "delete")
#: The ways `homekit redness` is called: record, then each action (its usage, one a line).
FORMS = (
    "[SESSION_ID] --severity 0-4 [--faded-after MIN] [--notes TEXT]",
    "edit OBS_ID [--severity 0-4] [--faded-after MIN | --still-red] [--notes TEXT]",
    "delete OBS_ID [--yes]",
)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    # One parser with plain positionals rather than subcommands: `redness 12 --severity 2`
    # (a session id) must keep working beside `redness edit 5 ...` and `redness delete 5`.
    p = command(
        sub, common, "redness", cmd_redness,
        help="record redness seen after a session; `edit OBS_ID` or `delete OBS_ID` corrects one",
        usage="\n       ".join(f"homekit redness {form}" for form in FORMS))
    p.add_argument("first", nargs="?", metavar="SESSION_ID|edit|delete",
                   help="the id of the session to record for (default: the latest), or an action")
    p.add_argument("obs_id", nargs="?", metavar="OBS_ID",
                   help="with edit/delete: the observation id (history --json: redness[].id)")
    p.add_argument("--severity", type=checked("severity"), metavar="0-4",
                   help=words.REDNESS_HELP)
    p.add_argument("--faded-after", type=checked("faded_after"), metavar="MIN",
                   help="minutes until it faded (omit: still red)")
    p.add_argument("--still-red", action="store_true", help="with edit: it has not faded")
    p.add_argument("--notes", type=checked("notes"), metavar="TEXT",
                   help="free text about the redness")
    p.add_argument("--yes", "-y", action="store_true", help="with delete: do not ask")


def _id(text: str | None, what: str) -> int:
    from homekit.domain import validate
    from homekit.domain.errors import InvalidInput

    if text is None:
        raise InvalidInput(f"give the {what}")
    return validate.parse_int(text, what)


def cmd_redness(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli.output import say
    from homekit.domain.errors import InvalidInput

    if args.first in ACTIONS:
        obs_id = _id(args.obs_id, "observation id")
        return cmd_edit(args, ctx, obs_id) if args.first == "edit" else cmd_delete(args, ctx, obs_id)
    if args.obs_id is not None:
        raise InvalidInput(f"unexpected {args.obs_id!r}: give one SESSION_ID, or edit/delete OBS_ID")
    if args.severity is None:
        raise InvalidInput(f"--severity is required ({words.REDNESS_SCALE_SHORT})")
    if args.still_red:
        raise InvalidInput("--still-red is for edit; to record redness still present, "
                           "omit --faded-after")
    if args.faded_after is not None and args.severity == 0:
        raise InvalidInput("--faded-after makes no sense with severity 0 (no redness)")
    session_id = None if args.first is None else _id(args.first, "session id")
    app = ctx.open()
    red, alert = app.redness.add_redness(session_id, args.severity, args.faded_after, args.notes or "")
    say(words.redness_recorded(red))
    if alert:
        say(words.warning(words.redness_alert_text(alert)), file=sys.stderr)
    return 0


def cmd_edit(args: argparse.Namespace, ctx: Context, obs_id: int) -> int:
    from homekit.cli.output import say
    from homekit.domain.errors import InvalidInput

    if args.severity is None and args.faded_after is None and not args.still_red \
            and args.notes is None:
        raise InvalidInput("nothing to change: give --severity, --faded-after, --still-red "
                           "or --notes")
    app = ctx.open()
    red, alert = app.redness.edit_redness(obs_id, severity=args.severity, faded_after_min=args.faded_after,
                                  still_red=args.still_red, notes=args.notes)
    say(words.redness_updated(red))
    if alert:
        say(words.warning(words.redness_alert_text(alert)), file=sys.stderr)
    return 0


def cmd_delete(args: argparse.Namespace, ctx: Context, obs_id: int) -> int:
    from homekit.cli import ask

    found = ctx.open().redness
    return ask.delete_asked(obs_id, args.yes, found.redness, found.delete_redness,
                            words.delete_redness_question, words.redness_deleted)
