"""`homekit event`: adverse events (log, list, resolve, delete) and the hold they put on the
next resurfacing session."""

from __future__ import annotations

import argparse

from homekit import words
from homekit.cli.options import checked, record_id, subcommands

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

    from homekit.cli import Context

#: The commands this module registers (so the CLI builds only the one being run).
COMMANDS = ("event",)
#: Its subcommands, in the order --help lists them.
ACTIONS = ("log", "list", "resolve", "delete")
EVENT_ID_HELP = "the event's id (see: homekit event list)"
#: The ids the commands take, as argparse types (validated when given).
SESSION_ID = record_id("session id")
EVENT_ID = record_id("event id")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "event", parents=[common], help="adverse events: log, list, resolve, delete",
        description="Adverse events (a burn, a blister, a change of pigment, an infection, a "
        "breakout, or another reaction). Each one prints what to do and when to see a skin "
        "professional. " + words.EVENT_HOLD_NOTE)
    p.set_defaults(handler=cmd_event_list, json=False, open_only=False)
    ps = subcommands(sub, p, ACTIONS, dest="event_command", metavar="ACTION")

    q = ps.add_parser("log", parents=[common], help="log an adverse event (prints guidance)",
                      description="Log an adverse event; it holds the next session until "
                      "resolved. KIND is one of: " + words.EVENT_KINDS_HELP + ".")
    q.add_argument("kind", type=checked("kind", "homekit.domain.events"), metavar="KIND",
                   help="one of: " + words.EVENT_KINDS_HELP)
    q.add_argument("--date", type=checked("parse_date"), metavar="YYYY-MM-DD",
                   help="the day it began (default: the session's date, else today)")
    q.add_argument("--session", type=SESSION_ID, metavar="ID",
                   help="the id of the session it followed (history --json: id)")
    q.add_argument("--notes", type=checked("notes"), default="", metavar="TEXT",
                   help="what happened and what was done")
    q.add_argument("--json", action="store_true", help="print the stored event as JSON")
    q.set_defaults(handler=cmd_event_log)

    q = ps.add_parser("list", parents=[common], help="list adverse events, oldest first")
    q.add_argument("--json", action="store_true", help="print the events as JSON")
    q.add_argument("--open", dest="open_only", action="store_true",
                   help="only the events not resolved")
    q.set_defaults(handler=cmd_event_list)

    q = ps.add_parser("resolve", parents=[common],
                      help="mark an event resolved (lifts its hold; undo reverts it)")
    q.add_argument("event_id", type=EVENT_ID, metavar="ID", help=EVENT_ID_HELP)
    q.add_argument("--by-professional", action="store_true",
                   help="a skin professional saw it and cleared you to go on")
    q.add_argument("--date", type=checked("parse_date"), metavar="YYYY-MM-DD",
                   help="the day it was resolved (default: today)")
    q.set_defaults(handler=cmd_event_resolve)

    q = ps.add_parser("delete", parents=[common], help="delete an event logged by mistake "
                      "(undo brings it back)")
    q.add_argument("event_id", type=EVENT_ID, metavar="ID", help=EVENT_ID_HELP)
    q.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    q.set_defaults(handler=cmd_event_delete)


def cmd_event_log(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli.output import say, say_json

    event = ctx.open().events.log(args.kind, day=args.date, session_id=args.session,
                                  notes=args.notes)
    if args.json:
        say_json(event.to_json())
    else:
        say(words.event_logged(event))
    return 0


def cmd_event_list(args: argparse.Namespace, ctx: Context) -> int:
    from functools import partial

    from homekit.cli.output import say_records
    from homekit.domain import events

    app = ctx.open()
    found = app.events.list(open_only=args.open_only)
    return say_records(found, args.json, events.AdverseEvent.to_json,
                       partial(words.event_entry, today=app.today()), words.NO_EVENTS)


def cmd_event_resolve(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli.output import say

    event = ctx.open().events.resolve(args.event_id, day=args.date,
                                      by_professional=args.by_professional)
    say(words.event_resolved(event))
    return 0


def cmd_event_delete(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli import ask

    found = ctx.open().events
    return ask.delete_asked(args.event_id, args.yes, found.get, found.delete,
                            words.delete_event_question, words.event_deleted)
