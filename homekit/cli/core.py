"""Core commands: log, status, history, edit, delete (redness and profile: own modules)."""

from __future__ import annotations

import argparse
import sys

from homekit.cli.options import area_option, checked, command, validators
from homekit.domain.vocabulary import (
    AREAS,
    CHECKLIST_IDS,
    MAX_DEPTH_MM,
    PRODUCT_HOLD_DAYS,
)

#: `edit --clear NAME` -> the session field it clears.
CLEAR_NAMES = {"time": "start_time", "duration": "duration_min", "area": "areas",
               "level": "device_level", "glasses": "glasses_worn", "stinging": "stinging",
               "notes": "notes"}

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

    from homekit.cli import Context

# (`checked`, `command` and `area_option`, which every command module uses, are in
# homekit.cli.options: a command's --help imports no other command's module.)


def _session_fields(p: argparse.ArgumentParser, *, editing: bool) -> None:
    p.add_argument("--date", type=checked("parse_date"), metavar="YYYY-MM-DD",
                   help="session date" + ("" if editing else " (default: today)"))
    p.add_argument("--time", type=checked("parse_time"), metavar="HH:MM",
                   help="start time, 24-hour clock")
    p.add_argument("--duration", type=checked("duration"), metavar="MIN",
                   help="minutes, 1 to 180 (a session takes about 30 to 60)")
    area_option(p.add_argument(
        "--area", action="append", type=checked(lambda t: validators().areas([t])), metavar="AREA",
        help="area treated; repeat for several: " + ", ".join(AREAS)))
    p.add_argument("--level", type=checked("device_level"), metavar="N",
                   help="device level or setting, 1 to 10")
    p.add_argument("--glasses", action=argparse.BooleanOptionalAction, default=None,
                   help="protective glasses worn (they must be)")
    p.add_argument("--stinging", type=checked("stinging"), metavar="0-3",
                   help="0 none, 1 slight, 2 moderate, 3 strong")
    p.add_argument("--notes", type=checked("notes"), metavar="TEXT",
                   help="free text, shown in history and the report"
                   + ("; an empty TEXT clears it" if editing else ""))


#: The id a command takes: the session's `id` (history --json), not its number by date.
SESSION_ID_HELP = "the session's id (shown as 'id N' in history; history --json: id)"

#: The commands this module registers (so the CLI builds only the one being run).
COMMANDS = ('log', 'history', 'edit', 'delete')


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    builds = getattr(sub, "builds", lambda _: True)
    if builds("log"):  # (the scale's words: not loaded for `edit --help`)
        from homekit.words.scales import REDNESS_HELP
    else:
        REDNESS_HELP = ""  # noqa: N806
    p = command(sub, common, "log", cmd_log, help="log a session (refused if too soon)")
    _session_fields(p, editing=False)
    p.add_argument("--redness", type=checked("severity"), metavar="0-4",
                   help="redness seen after it, " + REDNESS_HELP)
    p.add_argument("--faded-after", type=checked("faded_after"), metavar="MIN",
                   help="minutes until the redness faded (omit: still red)")
    p.add_argument("--checked", type=checked("parse_checked", "homekit.domain.checklist"), metavar="ITEM,...",
                   help="pre-session checklist confirmed, for scripts (on a terminal it is "
                   "asked): " + ",".join(CHECKLIST_IDS) + "; omit: not asked")
    p.add_argument("--cleared-by-professional", action="store_true",
                   help="a skin professional cleared you to go on after serious redness or "
                   "an adverse event (stored with the session; the open events are marked "
                   "cleared by a professional)")
    p.add_argument("--treatment", metavar="NAME",
                   help="the treatment (default: microdermabrasion); see homekit treatment list")
    p.add_argument("--depth", type=checked("parse_depth", "homekit.domain.treatments"), metavar="MM",
                   help="microneedling's needle depth in millimetres, e.g. 0.25 (needed for "
                   f"microneedling; deeper than {MAX_DEPTH_MM:g} mm is refused)")
    p.add_argument("--despite", action="append", metavar="KIND",
                   type=checked("product_kind", "homekit.domain.treatments"),
                   help="log it although a retinoid or acid used in the last "
                   f"{PRODUCT_HOLD_DAYS} days holds it back (recorded with the "
                   "session); repeat for both")
    p.add_argument("--json", action="store_true", help="print the stored session as JSON")

    if builds("status"):  # (not imported for `log --help`)
        from homekit.cli import status

        status.register(sub, common)  # its own module (a light `status --json`), listed here

    p = command(sub, common, "history", cmd_history, help="all sessions with their redness")
    p.add_argument("--json", action="store_true",
                   help="print the sessions as JSON (each with its number and its id)")
    p.add_argument("--limit", type=checked(lambda t: validators().in_range(
        validators().parse_int(t, "limit"), 1, 10**9, "limit")), metavar="N",
        help="only the N newest sessions")
    p.add_argument("--search", metavar="TEXT", type=checked("notes"),
                   help="only sessions whose notes or areas contain TEXT (any case)")
    p.add_argument("--since", type=checked("parse_date"), metavar="YYYY-MM-DD",
                   help="only sessions on or after this date")
    p.add_argument("--until", type=checked("parse_date"), metavar="YYYY-MM-DD",
                   help="only sessions on or before this date")
    p.add_argument("--treatment", metavar="NAME", help="only sessions of this treatment")

    p = command(sub, common, "edit", cmd_edit, help="change a stored session (same rule)")
    p.add_argument("session_id", type=checked(lambda t: validators().parse_int(t, "session id")),
                   metavar="ID", help=SESSION_ID_HELP)
    _session_fields(p, editing=True)
    p.add_argument("--clear", action="append", choices=list(CLEAR_NAMES), metavar="FIELD",
                   help="set an optional field back to not recorded; repeat for several: "
                   + ", ".join(CLEAR_NAMES))

    p = command(sub, common, "delete", cmd_delete, help="delete a session and its redness")
    p.add_argument("session_id", type=checked(lambda t: validators().parse_int(t, "session id")),
                   metavar="ID", help=SESSION_ID_HELP)
    p.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")


def _areas(chosen: list[tuple[str, ...]] | None) -> tuple[str, ...]:
    from homekit.domain import validate

    return validate.areas([a for group in chosen or [] for a in group])




def cmd_log(args: argparse.Namespace, ctx: Context) -> int:
    from homekit import words
    from homekit.cli import ask
    from homekit.cli.output import say, say_json
    from homekit.domain import treatments

    app = ctx.open()
    terminal = ask.on_terminal()
    if terminal and (app.profile().has_skin_condition is None or app.profiles.needs_acknowledgement()):
        answer = ask.condition()
        if answer is not None:
            app.profiles.record_skin_condition(*answer)
    app.safety.check_condition()  # refuses (exit 2, nothing stored, not even `me`) when unanswered
    confirmed = args.checked
    name, depth = app.treatments.session_fields(app.existing_profile(), args.treatment,
                                                args.depth)
    despite = treatments.despite_kinds(args.despite or ())
    if confirmed is None and terminal:
        # Refuse before asking when another gate already blocks that date.
        day = args.date or app.today()
        mark = treatments.Mark(None, day, name, depth, _areas(args.area))
        app.sessions.check_start(day, args.time)
        app.sessions.check_date(app.profile(), day, mark=mark)
        app.treatments.check_products(app.profile().id, mark, despite)
        app.safety.check_redness(app.profile(), day, args.cleared_by_professional)
        app.events.check_hold(app.profile(), day, args.cleared_by_professional, name, depth)
        confirmed = ask.checklist_answers()

    from homekit.domain.drafts import SessionDraft

    draft = SessionDraft(
        session_date=args.date or app.today(),
        start_time=args.time,
        duration_min=args.duration,
        areas=_areas(args.area),
        device_level=args.level,
        glasses_worn=args.glasses,
        stinging=args.stinging,
        notes=args.notes or "",
        checklist=confirmed,
        cleared_by_professional=args.cleared_by_professional,
        treatment=name,
        depth_mm=depth,
        despite=despite,
    )
    result = app.sessions.log_session(draft, redness_severity=args.redness, faded_after_min=args.faded_after)
    days_left = result.days_until_eligible
    if args.json:
        out = result.session.to_json()
        out["next_eligible_date"] = result.next_eligible_date.isoformat()
        out["days_until_eligible"] = days_left
        say_json(out)
    else:
        say(words.session_logged(result.session))
        say(words.next_eligible(result.next_eligible_date, days_left))
    if args.glasses is False:
        say(words.GLASSES_WARNING_CLI, file=sys.stderr)
    if result.redness_alert:
        say(words.warning(words.redness_alert_text(result.redness_alert)), file=sys.stderr)
    if result.clock_warning:
        say(words.note(words.error(result.clock_warning)), file=sys.stderr)
    for w in result.medical_warnings:
        say(words.warning(words.medical_text(w)), file=sys.stderr)
    return 0


def cmd_history(args: argparse.Namespace, ctx: Context) -> int:
    from homekit import words
    from homekit.cli.output import say, say_records

    app = ctx.open()
    treatment = None if args.treatment is None else app.treatments.resolve(args.treatment)
    from homekit.domain.drafts import SessionFilter
    from homekit.domain.models import Session

    where = SessionFilter(args.search, args.since, args.until, treatment)
    filtered = where.active
    sessions = app.sessions.history(newest_first=True, limit=args.limit, where=where)
    if filtered and not args.json:  # said above the sessions found, none or many
        say(words.history_filter_text(len(sessions), args.search, args.since, args.until,
                                      treatment))
    return say_records(sessions, args.json, Session.to_json, words.session_text,
                       None if filtered else words.NO_SESSIONS)


def cmd_edit(args: argparse.Namespace, ctx: Context) -> int:
    from homekit import words
    from homekit.cli.output import say
    from homekit.domain.drafts import SessionChanges
    from homekit.domain.errors import InvalidInput

    changes = SessionChanges(
        session_date=args.date, start_time=args.time, duration_min=args.duration,
        areas=_areas(args.area) if args.area else None, device_level=args.level,
        glasses_worn=args.glasses, stinging=args.stinging, notes=args.notes,
        clear=frozenset(CLEAR_NAMES[c] for c in args.clear or ()),
    )
    if changes.is_empty():
        raise InvalidInput("nothing to change: give at least one of --date, --time, --duration, "
                           "--area, --level, --glasses/--no-glasses, --stinging, --notes, "
                           "--clear FIELD")
    both = [c for c in args.clear or () if getattr(changes, CLEAR_NAMES[c]) is not None]
    if both:
        raise InvalidInput(f"--clear {both[0]} and a new value for it: give one or the other")
    session = ctx.open().sessions.edit_session(args.session_id, changes)
    say(words.session_updated(session))
    return 0


def cmd_delete(args: argparse.Namespace, ctx: Context) -> int:
    # Deleting is how a file that breaks the rule mends.
    from homekit import words
    from homekit.cli import ask

    found = ctx.open(allow_broken_rule=True).sessions
    return ask.delete_asked(args.session_id, args.yes, found.session, found.delete_session,
                            words.delete_session_question, words.session_deleted)
