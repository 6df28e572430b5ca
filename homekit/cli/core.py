"""Core commands: log, redness, status, history, edit, delete, profile."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from homekit import words
from homekit.domain import validate
from homekit.domain.errors import InvalidInput
from homekit.domain.models import AREAS, SessionChanges, SessionDraft

if TYPE_CHECKING:
    from homekit.cli import Context


def checked(fn: Callable[[str], Any]) -> Callable[[str], Any]:
    """Use a domain validator as an argparse type, keeping its message."""

    def convert(text: str) -> Any:
        try:
            return fn(text)
        except InvalidInput as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    convert.__name__ = fn.__name__
    return convert


def _session_fields(p: argparse.ArgumentParser, *, editing: bool) -> None:
    p.add_argument("--date", type=checked(validate.parse_date), metavar="YYYY-MM-DD",
                   help="session date" + ("" if editing else " (default: today)"))
    p.add_argument("--time", type=checked(validate.parse_time), metavar="HH:MM",
                   help="start time, 24-hour clock")
    p.add_argument("--duration", type=checked(validate.duration), metavar="MIN",
                   help="minutes, 1 to 180 (a session takes about 30 to 60)")
    p.add_argument("--area", action="append", type=checked(lambda t: validate.areas([t])),
                   metavar="AREA",
                   help="area treated; repeat for several: " + ", ".join(AREAS))
    p.add_argument("--level", type=checked(validate.device_level), metavar="N",
                   help="device level or setting, 1 to 10")
    p.add_argument("--glasses", action=argparse.BooleanOptionalAction, default=None,
                   help="protective glasses worn (they must be)")
    p.add_argument("--stinging", type=checked(validate.stinging), metavar="0-3",
                   help="0 none, 1 slight, 2 moderate, 3 strong")
    p.add_argument("--notes", type=checked(validate.notes), metavar="TEXT")


#: The commands this module registers (so the CLI builds only the one being run).
COMMANDS = ('log', 'redness', 'status', 'history', 'edit', 'delete', 'profile')


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("log", parents=[common], help="log a session (refused if too soon)")
    _session_fields(p, editing=False)
    p.add_argument("--redness", type=checked(validate.severity), metavar="0-4",
                   help="redness seen after it: 0 none, 1 faint, 2 mild, 3 marked, 4 severe")
    p.add_argument("--faded-after", type=checked(validate.faded_after), metavar="MIN",
                   help="minutes until the redness faded (omit: still red)")
    p.add_argument("--json", action="store_true", help="print the stored session as JSON")
    p.set_defaults(handler=cmd_log)

    p = sub.add_parser("redness", parents=[common], help="record redness seen after a session")
    p.add_argument("session_id", nargs="?", type=checked(lambda t: validate.parse_int(t, "session id")),
                   metavar="SESSION_ID", help="default: the latest session")
    p.add_argument("--severity", required=True, type=checked(validate.severity), metavar="0-4",
                   help="0 none, 1 faint, 2 mild, 3 marked, 4 severe")
    p.add_argument("--faded-after", type=checked(validate.faded_after), metavar="MIN",
                   help="minutes until it faded (omit: still red)")
    p.add_argument("--notes", type=checked(validate.notes), default="", metavar="TEXT")
    p.set_defaults(handler=cmd_redness)

    p = sub.add_parser("status", parents=[common], help="progress and next eligible date")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_status)

    p = sub.add_parser("history", parents=[common], help="all sessions with their redness")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=checked(lambda t: validate.in_range(
        validate.parse_int(t, "limit"), 1, 10**9, "limit")), metavar="N")
    p.add_argument("--search", metavar="TEXT", type=checked(validate.notes),
                   help="only sessions whose notes or areas contain TEXT (any case)")
    p.add_argument("--since", type=checked(validate.parse_date), metavar="YYYY-MM-DD",
                   help="only sessions on or after this date")
    p.add_argument("--until", type=checked(validate.parse_date), metavar="YYYY-MM-DD",
                   help="only sessions on or before this date")
    p.set_defaults(handler=cmd_history)

    p = sub.add_parser("edit", parents=[common], help="change a stored session (same rule)")
    p.add_argument("session_id", type=checked(lambda t: validate.parse_int(t, "session id")),
                   metavar="ID")
    _session_fields(p, editing=True)
    p.set_defaults(handler=cmd_edit)

    p = sub.add_parser("delete", parents=[common], help="delete a session and its redness")
    p.add_argument("session_id", type=checked(lambda t: validate.parse_int(t, "session id")),
                   metavar="ID")
    p.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    p.set_defaults(handler=cmd_delete)

    _register_profile(sub, common)


def _register_profile(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("profile", parents=[common], help="list, add, change or switch profiles")
    p.set_defaults(handler=cmd_profile_list)
    psub = p.add_subparsers(dest="profile_command", metavar="ACTION")
    target = checked(validate.target_sessions)
    interval = checked(validate.interval_days)

    q = psub.add_parser("list", parents=[common], help="list profiles")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_profile_list)

    q = psub.add_parser("add", parents=[common], help="create a profile")
    q.add_argument("name", type=checked(validate.profile_name))
    q.add_argument("--target", type=target, default=6, metavar="N",
                   help="target number of sessions (deeper scars need more; default 6)")
    q.add_argument("--interval", type=interval, default=7, metavar="DAYS",
                   help="days between sessions, 7 or more (clinics often use 14 to 28)")
    q.add_argument("--default", action="store_true", help="make it the default profile")
    q.set_defaults(handler=cmd_profile_add)

    q = psub.add_parser("set", parents=[common], help="change the current profile")
    q.add_argument("--target", type=target, metavar="N")
    q.add_argument("--interval", type=interval, metavar="DAYS")
    q.add_argument("--rename", type=checked(validate.profile_name), metavar="NAME")
    q.set_defaults(handler=cmd_profile_set)

    q = psub.add_parser("use", parents=[common], help="make a profile the default")
    q.add_argument("name", type=checked(validate.profile_name))
    q.set_defaults(handler=cmd_profile_use)

    q = psub.add_parser("delete", parents=[common],
                        help="delete a profile and all its sessions (backup first; undoable)")
    q.add_argument("name", type=checked(validate.profile_name))
    q.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    q.set_defaults(handler=cmd_profile_delete)

    q = psub.add_parser("condition", parents=[common],
                        help="record whether you have eczema or acne rosacea")
    q.add_argument("answer", choices=["yes", "no"])
    q.add_argument("--acknowledge", action="store_true",
                   help="I have read the warning and take responsibility for using the kit")
    q.set_defaults(handler=cmd_profile_condition)


def _areas(chosen: list[tuple[str, ...]] | None) -> tuple[str, ...]:
    return validate.areas([a for group in chosen or [] for a in group])




def cmd_log(args: argparse.Namespace, ctx: Context) -> int:
    app = ctx.open()
    draft = SessionDraft(
        session_date=args.date or app.today(),
        start_time=args.time,
        duration_min=args.duration,
        areas=_areas(args.area),
        device_level=args.level,
        glasses_worn=args.glasses,
        stinging=args.stinging,
        notes=args.notes or "",
    )
    result = app.log_session(draft, redness_severity=args.redness, faded_after_min=args.faded_after)
    days_left = result.days_until_eligible
    if args.json:
        out = result.session.to_json()
        out["next_eligible_date"] = result.next_eligible_date.isoformat()
        out["days_until_eligible"] = days_left
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(f"Logged session {words.session_text(result.session)}")
        print(f"Next eligible date: {words.day(result.next_eligible_date)}, {words.in_days(days_left)}")
    if args.glasses is False:
        print("Warning: protective glasses must cover your eyes during every session.",
              file=sys.stderr)
    if result.redness_alert:
        print(f"Warning: {result.redness_alert.message}", file=sys.stderr)
    if result.clock_warning:
        print(f"Note: {result.clock_warning}", file=sys.stderr)
    return 0


def cmd_redness(args: argparse.Namespace, ctx: Context) -> int:
    if args.faded_after is not None and args.severity == 0:
        raise InvalidInput("--faded-after makes no sense with severity 0 (no redness)")
    app = ctx.open()
    red, alert = app.add_redness(args.session_id, args.severity, args.faded_after, args.notes)
    print(f"Recorded redness for session {red.session_id}: {words.redness_words(red)}")
    if alert:
        print(f"Warning: {alert.message}", file=sys.stderr)
    return 0


def cmd_status(args: argparse.Namespace, ctx: Context) -> int:
    st = ctx.open().status()
    if args.json:
        print(json.dumps(st.to_json(), ensure_ascii=False))
    else:
        print(words.status_text(st))
    return 0


def cmd_history(args: argparse.Namespace, ctx: Context) -> int:
    app = ctx.open()
    filtered = bool(args.search or args.since or args.until)
    sessions = app.history(newest_first=True, limit=args.limit, search=args.search,
                           since=args.since, until=args.until)
    if args.json:
        print(json.dumps([s.to_json() for s in sessions], ensure_ascii=False))
        return 0
    if filtered:
        print(words.control_free(words.history_filter_text(
            len(sessions), args.search, args.since, args.until)))
    elif not sessions:
        print("No sessions logged yet.")
    for s in sessions:
        print(words.session_text(s))
    return 0


def cmd_edit(args: argparse.Namespace, ctx: Context) -> int:
    changes = SessionChanges(
        session_date=args.date, start_time=args.time, duration_min=args.duration,
        areas=_areas(args.area) if args.area else None, device_level=args.level,
        glasses_worn=args.glasses, stinging=args.stinging, notes=args.notes,
    )
    if changes.is_empty():
        raise InvalidInput("nothing to change: give at least one of --date, --time, --duration, "
                           "--area, --level, --glasses/--no-glasses, --stinging, --notes")
    session = ctx.open().edit_session(args.session_id, changes)
    print(f"Updated session {words.session_text(session)}")
    return 0


def cmd_delete(args: argparse.Namespace, ctx: Context) -> int:
    app = ctx.open()
    session = app.session(args.session_id)
    if not args.yes:
        if not sys.stdin.isatty():
            raise InvalidInput("delete asks for confirmation; add --yes to delete without asking")
        n = len(session.redness)
        answer = input(f"Delete session {words.session_text(session)}"
                       f"{f' and its {n} redness observation(s)' if n else ''}? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing deleted.")
            return 1
    app.delete_session(args.session_id)
    print(f"Deleted session {session.id} of {session.session_date.isoformat()}. "
          f"{words.UNDO_HINT_CLI}")
    return 0


def cmd_profile_list(args: argparse.Namespace, ctx: Context) -> int:
    app = ctx.open()
    current = app.profile_name()
    profiles = app.profiles()
    if getattr(args, "json", False):
        print(json.dumps([{
            "name": p.name, "target_sessions": p.target_sessions,
            "min_interval_days": p.min_interval_days, "created_at": p.created_at,
            "current": p.name == current} for p in profiles], ensure_ascii=False))
        return 0
    if not profiles:
        print("No profiles yet; 'me' is created when you first log a session.")
    for p in profiles:
        mark = "*" if p.name == current else " "
        print(f"{mark} {p.name}: target {p.target_sessions} sessions, "
              f"at least {p.min_interval_days} days apart")
    return 0


def cmd_profile_add(args: argparse.Namespace, ctx: Context) -> int:
    p = ctx.open().create_profile(args.name, args.target, args.interval, make_default=args.default)
    print(f"Created profile {p.name}: target {p.target_sessions} sessions, "
          f"at least {p.min_interval_days} days apart.")
    return 0


def cmd_profile_set(args: argparse.Namespace, ctx: Context) -> int:
    if args.target is None and args.interval is None and args.rename is None:
        raise InvalidInput("nothing to change: give --target, --interval or --rename")
    p = ctx.open().update_profile(target_sessions=args.target, min_interval_days=args.interval,
                                  new_name=args.rename)
    print(f"Profile {p.name}: target {p.target_sessions} sessions, "
          f"at least {p.min_interval_days} days apart.")
    return 0


def cmd_profile_use(args: argparse.Namespace, ctx: Context) -> int:
    p = ctx.open().switch_profile(args.name)
    print(f"Default profile is now {p.name}.")
    return 0


def cmd_profile_delete(args: argparse.Namespace, ctx: Context) -> int:
    app = ctx.open()
    found = [p for p in app.profiles() if p.name == args.name]
    if not found:
        from homekit.domain.errors import NotFound

        raise NotFound(f"unknown profile {args.name!r}", code="unknown_profile", name=args.name)
    if not args.yes:
        if not sys.stdin.isatty():
            raise InvalidInput("profile delete asks for confirmation; add --yes to delete "
                               "without asking")
        answer = input(f"Delete profile {args.name!r} and all its sessions? "
                       "(a backup is made first; homekit undo brings it back) [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing deleted.")
            return 1
    done = app.delete_profile(args.name)
    print(words.control_free(words.profile_deleted_text(done)))
    print(words.UNDO_HINT_CLI)
    return 0


def cmd_profile_condition(args: argparse.Namespace, ctx: Context) -> int:
    app = ctx.open()
    has = args.answer == "yes"
    if has:
        print(words.CONDITION_WARNING, file=sys.stderr)
    p = app.record_skin_condition(has, acknowledged=args.acknowledge)
    if has and not p.condition_acknowledged_at:
        print(words.CONDITION_BLOCKED_CLI, file=sys.stderr)
    print(f"Recorded for profile {p.name}.")
    return 0
