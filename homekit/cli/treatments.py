"""Treatment and product commands: the treatments a profile has, and the active products used."""

from __future__ import annotations

import argparse

from homekit import words
from homekit.cli.options import checked, subcommands, validators
from homekit.domain.vocabulary import CUSTOM_MIN_INTERVAL_DAYS

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

    from homekit.cli import Context
    from homekit.domain import treatments

#: The commands this module registers (so the CLI builds only the one being run).
COMMANDS = ("treatment", "product")
#: Their subcommands, in the order --help lists them.
ACTIONS = {"treatment": ("list", "add"), "product": ("log", "list", "delete")}


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("treatment", parents=[common],
                       help="the treatments and their intervals (add your own)")
    p.set_defaults(handler=cmd_treatment_list, json=False)
    tsub = subcommands(sub, p, ACTIONS["treatment"], dest="treatment_command",
                       metavar="ACTION")
    q = tsub.add_parser("list", parents=[common],
                        help="every treatment with its floor and this profile's interval")
    q.add_argument("--json", action="store_true", help="print the treatments as JSON")
    q.set_defaults(handler=cmd_treatment_list)
    q = tsub.add_parser("add", parents=[common], help="add a treatment of your own")
    q.add_argument("name", metavar="NAME",
                   help="lower-case letters, digits and '-', a letter first (e.g. gua-sha)")
    q.add_argument("--interval", required=True, metavar="DAYS",
                   type=checked(lambda t: validators().parse_int(t, "interval")),
                   help="the fewest days between two of its sessions, at least "
                   f"{CUSTOM_MIN_INTERVAL_DAYS}")
    q.set_defaults(handler=cmd_treatment_add)

    p = sub.add_parser("product", parents=[common],
                       help="active products used (a retinoid or an acid holds resurfacing back)")
    p.set_defaults(handler=cmd_product_list, json=False)
    psub = subcommands(sub, p, ACTIONS["product"], dest="product_command",
                       metavar="ACTION")
    q = psub.add_parser("log", parents=[common], help="record a use of an active product")
    q.add_argument("kind", metavar="KIND", type=checked("product_kind", "homekit.domain.treatments"),
                   help="retinoid (tretinoin, retinol, adapalene), acid (AHA/BHA exfoliants) "
                   "or other")
    q.add_argument("--date", type=checked("parse_date"), metavar="YYYY-MM-DD",
                   help="the day it was used (default: today)")
    q.add_argument("--notes", type=checked("notes"), metavar="TEXT",
                   help="free text, e.g. the product's name")
    q.add_argument("--json", action="store_true", help="print the stored use as JSON")
    q.set_defaults(handler=cmd_product_log)
    q = psub.add_parser("list", parents=[common], help="the products used, oldest first")
    q.add_argument("--json", action="store_true", help="print the uses as JSON")
    q.set_defaults(handler=cmd_product_list)
    q = psub.add_parser("delete", parents=[common], help="delete a product use (undoable)")
    q.add_argument("product_id", metavar="ID",
                   type=checked(lambda t: validators().parse_int(t, "product id")),
                   help="the use's id (shown as 'id N' in product list)")
    q.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    q.set_defaults(handler=cmd_product_delete)


def treatment_json(x: treatments.Treatment) -> dict[str, object]:
    from homekit.domain import treatments

    return {
        "name": x.name,
        "min_interval_days": x.min_interval_days,
        "floor_days": x.floor_days,
        "interval_days": x.interval_days,
        "target_sessions": x.target_sessions,
        "builtin": x.builtin,
        "resurfacing": treatments.is_resurfacing(x.name, treatments.RESURFACING_DEPTH_MM)
        if x.name == treatments.MICRONEEDLING else treatments.is_resurfacing(x.name),
        "needs_depth": x.needs_depth,
        "depth_floors": [{"max_depth_mm": d, "floor_days": days}
                         for d, days in treatments.NEEDLING_FLOORS] if x.needs_depth else None,
    }


def cmd_treatment_list(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli.output import say, say_json

    found = ctx.open().treatments.all()
    if args.json:
        say_json([treatment_json(x) for x in found])
        return 0
    for line in words.treatment_lines(found):
        say(line)
    return 0


def cmd_treatment_add(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli.output import say

    added = ctx.open().treatments.add(args.name, args.interval)
    say(words.treatment_added(added))
    return 0


def product_json(p: treatments.ProductUse) -> dict[str, object]:
    from homekit.domain import treatments

    held = p.kind in treatments.HOLDING_KINDS
    return {"id": p.id, "kind": p.kind, "used_on": p.used_on.isoformat(), "notes": p.notes,
            "holds_until": treatments.clears_on(p.used_on).isoformat() if held else None}


def cmd_product_log(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli.output import say, say_json

    used = ctx.open().products.log(args.kind, args.date, args.notes or "")
    if args.json:
        say_json(product_json(used))
    else:
        say(words.product_logged(used))
    return 0


def cmd_product_list(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli.output import say_records

    return say_records(ctx.open().products.all(), args.json, product_json, words.product_line,
                       words.NO_PRODUCTS)


def cmd_product_delete(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli import ask

    found = ctx.open().products
    return ask.delete_asked(args.product_id, args.yes, found.get, found.delete,
                            words.delete_product_question, words.product_deleted)
