"""Profile commands: list, show, add, set, use, condition (the skin question), medical answers."""

from __future__ import annotations

import argparse
import sys

from homekit import words
from homekit.cli.options import checked, command, subcommands, validators
from homekit.domain.vocabulary import DEFAULT_TARGET_SESSIONS, MIN_INTERVAL_DAYS

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

    from homekit.cli import Context

#: The commands this module registers (so the CLI builds only the one being run).
COMMANDS = ("profile",)
#: Its subcommands, in the order --help lists them.
ACTIONS = ("list", "add", "set", "show", "use", "delete", "condition", "medical")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(sub, common, "profile", cmd_profile_list, help="list, add, change or switch profiles")
    psub = subcommands(sub, p, ACTIONS, dest="profile_command", metavar="ACTION")
    target = checked("target_sessions")
    interval = checked("interval_days")

    q = command(psub, common, "list", cmd_profile_list, help="list profiles")
    q.add_argument("--json", action="store_true", help="print the profiles as JSON")

    q = command(psub, common, "add", cmd_profile_add, help="create a profile")
    q.add_argument("name", type=checked("profile_name"), metavar="NAME",
                   help="the person's name or nickname (one profile per person)")
    q.add_argument("--target", type=target, default=DEFAULT_TARGET_SESSIONS, metavar="N",
                   help="target number of sessions (deeper scars need more; default 6)")
    q.add_argument("--interval", type=interval, default=MIN_INTERVAL_DAYS, metavar="DAYS",
                   help=f"days between sessions: {words.INTERVAL_HINT}")
    q.add_argument("--default", action="store_true", help="make it the default profile")
    q.add_argument("--condition", choices=["yes", "no"],
                   help="do you have eczema or acne rosacea? (needed before the first session)")
    q.add_argument("--acknowledge", action="store_true",
                   help="with --condition yes: I have read the warning and take responsibility")

    q = command(psub, common, "set", cmd_profile_set, help="change the current profile")
    q.add_argument("--target", type=target, metavar="N",
                   help="target number of sessions (deeper scars need more)")
    q.add_argument("--interval", type=checked(lambda t: validators().parse_int(t, "interval")),
                   metavar="DAYS",
                   help=f"days between sessions: {words.INTERVAL_HINT}")
    q.add_argument("--rename", type=checked("profile_name"), metavar="NAME",
                   help="a new name for the profile")
    q.add_argument("--skin-type", type=checked(_skin_type_or_none), metavar="1-6",
                   help="Fitzpatrick skin type, 1 to 6 or I to VI (none: forget it); see "
                   "homekit profile show")
    q.add_argument("--treatment", metavar="NAME",
                   help="--target and --interval are for this treatment (default: "
                   "microdermabrasion); its interval may not go below its floor")

    q = command(psub, common, "show", cmd_profile_show,
                help="the current profile: settings, answers, skin type")
    q.add_argument("--json", action="store_true", help="print the profile as JSON")

    q = command(psub, common, "use", cmd_profile_use, help="make a profile the default")
    q.add_argument("name", type=checked("profile_name"), metavar="NAME",
                   help="the profile to use from now on")

    q = command(psub, common, "delete", cmd_profile_delete,
                help="delete a profile and all its sessions (backup first; undoable)")
    q.add_argument("name", type=checked("profile_name"), metavar="NAME",
                   help="the profile to delete")
    q.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")

    q = command(psub, common, "condition", cmd_profile_condition,
                help="record whether you have eczema or acne rosacea")
    q.add_argument("answer", choices=["yes", "no"],
                   help="yes: you have eczema or acne rosacea; no: you do not")
    q.add_argument("--acknowledge", action="store_true",
                   help="I have read the warning and take responsibility for using the kit")

    q = command(psub, common, "medical", cmd_profile_medical,
                help="dated medical answers: isotretinoin, blood thinners (warnings)")
    q.add_argument("--isotretinoin", metavar="never|YYYY-MM-DD",
                   help="never taken, or the date the last course finished")
    q.add_argument("--blood-thinners", choices=["yes", "no"],
                   help="do you take blood thinners? (a warning, never a block)")
    q.add_argument("--acknowledge", action="store_true",
                   help="I have read the isotretinoin warning (ask your prescriber)")
    q.add_argument("--json", action="store_true", help="print the answers as JSON")



def cmd_profile_list(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli.output import say, say_json

    app = ctx.open()
    current = app.profile_name()
    profiles = app.profiles.profiles()
    if getattr(args, "json", False):
        say_json([{
            "name": p.name, "target_sessions": p.target_sessions,
            "min_interval_days": p.min_interval_days, "created_at": p.created_at,
            "current": p.name == current, "skin_type": p.skin_type} for p in profiles])
        return 0
    if not profiles:
        say(words.NO_PROFILES)
    for p in profiles:
        say(words.profile_line(p, current=p.name == current))
    return 0


def cmd_profile_add(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli.output import say
    from homekit.domain.errors import InvalidInput

    if args.acknowledge and args.condition != "yes":
        raise InvalidInput("--acknowledge goes with --condition yes")
    if args.condition == "yes":
        say(words.CONDITION_WARNING, file=sys.stderr)
    condition = None if args.condition is None else args.condition == "yes"
    p = ctx.open().profiles.create_profile(args.name, args.target, args.interval, make_default=args.default,
                                  has_condition=condition, acknowledged=args.acknowledge)
    say(words.profile_created(p))
    return 0


#: `profile set --skin-type none`: forget the skin type.
NO_SKIN_TYPE = "none"


def _skin_type_or_none(text: str) -> int | str:
    from homekit.domain import validate

    return NO_SKIN_TYPE if text.strip().lower() == NO_SKIN_TYPE else validate.skin_type(text)


def cmd_profile_set(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli.output import say
    from homekit.domain import validate
    from homekit.domain.errors import InvalidInput

    if args.treatment is not None:
        if args.rename is not None or args.skin_type is not None:
            raise InvalidInput("--treatment goes with --target and --interval only")
        if args.target is None and args.interval is None:
            raise InvalidInput("nothing to change: give --target or --interval with --treatment")
        found = ctx.open().treatments.set(args.treatment, target=args.target,
                                          interval=args.interval)
        say(words.treatment_changed(found))
        return 0
    if args.interval is not None:
        validate.interval_days(args.interval)
    if (args.target is None and args.interval is None and args.rename is None
            and args.skin_type is None):
        raise InvalidInput("nothing to change: give --target, --interval, --rename or --skin-type")
    skin: Any = ... if args.skin_type is None else (
        None if args.skin_type == NO_SKIN_TYPE else args.skin_type)
    p = ctx.open().profiles.update_profile(target_sessions=args.target, min_interval_days=args.interval,
                                  new_name=args.rename, skin_type=skin)
    say(words.profile_changed(p))
    if args.skin_type is not None:
        say(words.skin_type_line(p))
    return 0


def cmd_profile_show(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli.output import say, say_json

    app = ctx.open()
    p = app.profile()
    if args.json:
        say_json({**p.to_json(), "current": True, "reminder_time": app.plan.reminder_time()})
        return 0
    for line in words.profile_show_lines(p, True, app.plan.reminder_time()):
        say(line)
    return 0


def cmd_profile_use(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli.output import say

    p = ctx.open().profiles.switch_profile(args.name)
    say(words.profile_now_default(p))
    return 0


def cmd_profile_delete(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli import ask
    from homekit.cli.output import say

    app = ctx.open()
    found = [p for p in app.profiles.profiles() if p.name == args.name]
    if not found:
        from homekit.domain.errors import NotFound

        raise NotFound(f"unknown profile {args.name!r}", code="unknown_profile", name=args.name)
    if not ask.confirm_delete(words.delete_profile_question(args.name), args.yes,
                              "profile delete"):
        return 1
    done = app.profiles.delete_profile(args.name)
    say(words.profile_deleted_text(done))
    say(words.UNDO_HINT_CLI)
    return 0


def cmd_profile_condition(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli.output import say

    app = ctx.open()
    has = args.answer == "yes"
    if has:
        say(words.CONDITION_WARNING, file=sys.stderr)
    p = app.profiles.record_skin_condition(has, acknowledged=args.acknowledge)
    if has and not p.condition_acknowledged_at:
        say(words.CONDITION_BLOCKED_CLI, file=sys.stderr)
    say(words.skin_recorded(p))
    return 0


def cmd_profile_medical(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli.output import say, say_json

    app = ctx.open()
    thinners = None if args.blood_thinners is None else args.blood_thinners == "yes"
    if args.isotretinoin is None and thinners is None and not args.acknowledge:
        p = app.profile()
    else:
        p = app.safety.record_medical(isotretinoin=args.isotretinoin, blood_thinners=thinners,
                               acknowledged=args.acknowledge)
    if args.json:
        say_json({"profile": p.name, "isotretinoin": p.isotretinoin,
                          "isotretinoin_acknowledged_at": p.isotretinoin_acknowledged_at,
                          "blood_thinners": p.blood_thinners,
                          "medical_answered_at": p.medical_answered_at})
    else:
        say(words.medical_answers(p))
    for w in app.safety.medical_warnings(p):
        say(words.warning(words.medical_text(w)), file=sys.stderr)
    return 0
