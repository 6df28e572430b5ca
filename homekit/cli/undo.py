"""`homekit undo`: revert the latest delete or edit, newest first; `--list` shows the steps."""

from __future__ import annotations

import argparse

from homekit import words
from homekit.cli.options import command, record_id

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

    from homekit.cli import Context

#: The commands this module registers (so the CLI builds only the one being run).
COMMANDS = ("undo",)


step_id = record_id("step ID")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub, common, "undo", cmd_undo,
        help="revert the latest delete or edit (of a session, redness or profile)")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--list", action="store_true", help="show what can be undone, newest first")
    what.add_argument("--drop", nargs="?", const=0, type=step_id, metavar="ID",
                      help="forget the newest step (or the step ID, as `--list --json` and a "
                      "refusal name it; also one that cannot be used) without reverting it")
    what.add_argument("--clear", action="store_true",
                      help="forget every step (deleted data then leaves the journal)")
    p.add_argument("--json", action="store_true", help="with --list: print JSON")


def cmd_undo(args: argparse.Namespace, ctx: Context) -> int:
    """Revert the latest change that removed or changed data, newest first; run it again to
    go further back. The weekly rule is checked again."""
    import json

    app = ctx.open()
    if args.list:
        steps = app.undo.undo_steps()
        if args.json:
            print(json.dumps([{"id": s.id, "kind": s.kind, "at": s.created_at, **s.facts,
                               "text": words.undo_step_text(s)} for s in steps],
                             ensure_ascii=False, default=str))
            return 0
        if not steps:
            print(words.NOTHING_TO_UNDO_CLI)
        for n, s in enumerate(steps, 1):
            print(words.undo_list_line(n, s))
        return 0
    if args.clear:
        n = app.undo.clear_undo_steps()
        print(words.undo_steps_forgotten(n))
        return 0
    if args.drop is not None:
        step = app.undo.drop_undo_step(args.drop or None)
        print(words.undo_step_forgotten(step))
        return 0
    step = app.undo.undo()
    print(words.control_free(words.undone_text(step)))
    return 0
