"""Own-your-data commands: export, import, backup, restore, remind, demo."""

from __future__ import annotations

import argparse
import sys

from homekit import words
from homekit.cli.options import checked, command

#: The commands this module registers (so the CLI builds only the one being run).
COMMANDS = ('export', 'import', 'backup', 'restore', 'remind', 'demo')

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

    from homekit.cli import Context


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(sub, common, "export", cmd_export,
                help="write the log as CSV or JSON (stdout by default)")
    p.add_argument("--format", choices=["csv", "json"],
                   help="default: from the --output extension, else json")
    p.add_argument("--output", "-o", metavar="FILE",
                   help="write to FILE (mode 600; - is standard output; a device or pipe such as "
                   "/dev/null is written into)")
    p.add_argument("--all-profiles", action="store_true", help="every profile, not only the current")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument("--photos", metavar="DIR",
                   help="also write the photos into DIR (as <id>.jpg, mode 600) and list them in "
                   "the JSON; import reads them back")

    p = command(sub, common, "import", cmd_import,
                help="add sessions from a CSV or JSON file (all or nothing)")
    p.add_argument("file", metavar="FILE",
                   help="a homekit export, or a CSV with the header session_date,duration_min,notes "
                   "(- reads standard input; at most 128 MB)")
    p.add_argument("--dry-run", action="store_true", help="check the file, store nothing")

    p = command(sub, common, "backup", cmd_backup, help="write a consistent copy of the data file")
    p.add_argument("path", nargs="?", metavar="PATH",
                   help="default: backups/homekit-YYYYmmdd-HHMMSS.db beside the data file "
                   "(- is standard output)")

    p = command(sub, common, "restore", cmd_restore,
                help="replace the data file with a checked backup (the current one is kept)")
    p.add_argument("path", nargs="?", metavar="PATH",
                   help="a backup file, - for standard input (or use --from-replica)")
    p.add_argument("--from-replica", metavar="URL",
                   help="restore from a Litestream replica (see homekit replicate)")
    p.add_argument("--timestamp", metavar="WHEN",
                   help="with --from-replica: the state at this time (ISO 8601, default: latest)")

    p = command(sub, common, "remind", cmd_remind,
                help="write calendar reminders (.ics) for the remaining sessions")
    p.add_argument("--output", "-o", metavar="FILE.ics",
                   help="default: homekit-reminders-<profile>.ics in the current folder "
                   "(- is standard output)")
    p.add_argument("--time", type=checked("parse_time"), metavar="HH:MM",
                   help="time of day of each reminder (default: the profile's, set in the app; "
                   "else 09:00)")
    p.add_argument("--tz", metavar="ZONE", type=checked(_time_zone),
                   help="the time zone of that time, e.g. Europe/Paris (default: the system's, "
                   "from TZ or /etc/localtime; else UTC)")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")

    p = command(sub, common, "demo", cmd_demo,
                help="fill a NEW data file with a realistic demo log")


def _time_zone(text: str) -> str:
    from homekit.transfer.zones import time_zone

    return time_zone(text)


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    from pathlib import Path

    from homekit.cli.output import json_safe, say
    from homekit.files import check_output, is_stdout
    from homekit.transfer.formats import format_for

    output = None if args.output is None or is_stdout(args.output) else args.output
    if output is not None:
        check_output(output, replace=args.force)  # before the data file is opened
    app = ctx.open()
    fmt = format_for(output, args.format)
    if args.photos:
        text = app.transfer.export_with_photos(Path(args.photos), fmt, output=output,
                                      all_profiles=args.all_profiles, replace=args.force)
        if output is not None:
            path = app.transfer.write_export(output, text, replace=args.force)
            say(words.exported(path, fmt, Path(args.photos).expanduser().absolute()),
                file=sys.stderr)
            return 0
        if sys.stdout.isatty():
            print(json_safe(text) if fmt == "json" else words.control_free(text), end="")
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(text.encode("utf-8"))
            sys.stdout.buffer.flush()
        return 0
    if output is not None:
        path = app.transfer.export_to_file(output, fmt, all_profiles=args.all_profiles,
                                  replace=args.force)
        say(words.exported(path, fmt), file=sys.stderr)
        return 0
    if sys.stdout.isatty():  # shown, not piped: terminal control made visible, as everywhere
        text = app.transfer.export_log(fmt, all_profiles=args.all_profiles)
        print(json_safe(text) if fmt == "json" else words.control_free(text), end="")
        return 0
    sys.stdout.flush()
    for chunk in app.transfer.export_chunks(fmt, all_profiles=args.all_profiles):
        sys.stdout.buffer.write(chunk.encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0


def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli.output import say
    from homekit.services import import_source

    # Read (a stream: copied once) and checked before the data file is opened or created.
    with import_source(args.file) as source:
        r = ctx.open().transfer.import_file(source, dry_run=args.dry_run)
    for line in words.import_lines(r):
        say(line)
    return 0


def cmd_backup(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli.output import say
    from homekit.files import is_stdout

    path = ctx.open().backups.backup(args.path)
    if not is_stdout(path):
        say(words.backup_written(path))
    return 0


def cmd_restore(args: argparse.Namespace, ctx: Context) -> int:
    from pathlib import Path

    from homekit.cli.output import say
    from homekit.domain.errors import InvalidInput
    from homekit.paths import resolve_db_path
    from homekit.services import restore_source

    if (args.path is None) == (args.from_replica is None):
        raise InvalidInput("give either a backup PATH or --from-replica URL")
    if args.timestamp is not None and args.from_replica is None:
        raise InvalidInput("--timestamp goes with --from-replica")
    data_file, _ = resolve_db_path(ctx.db_option)
    # Checked on a private copy before the data file is opened: a refused restore leaves
    # nothing new behind (not even an empty data file).
    with restore_source(args.path, url=args.from_replica, timestamp=args.timestamp,
                        near=data_file if isinstance(data_file, Path) else None) as source:
        # Unchecked: restoring is the way back from a file that is not homekit's any more.
        app = ctx.open(verify=False)
        done = app.backups.restore(source)
    info = done.source
    origin = args.from_replica if args.from_replica is not None else info.path
    say(words.restored(app.data_file, origin, info))
    say(words.replaced_kept(done.previous))
    return 0


def cmd_remind(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli.output import say
    from homekit.files import check_output, is_stdout

    if args.output is not None:
        check_output(args.output, replace=args.force)  # before the data file is opened
    app = ctx.open()
    result = app.plan.write_reminders(words.calendar, args.output, args.time, zone=args.tz,
                                      replace=args.force)
    quiet = is_stdout(result.path)  # the calendar itself is on standard output
    if not result.written:
        say(words.NO_REMINDERS, file=sys.stderr if quiet else sys.stdout)
        return 0
    if not quiet:
        say(words.reminders_written(result, args.time or app.plan.reminder_time()))
    return 0


def cmd_demo(args: argparse.Namespace, ctx: Context) -> int:
    from pathlib import Path

    from homekit.cli.output import say
    from homekit.paths import resolve_db_path
    from homekit.services import refuse_existing

    path, _ = resolve_db_path(ctx.db_option)
    refuse_existing(Path(path))
    result = ctx.open().demo.fill_demo()
    say(words.demo_written(result))
    say(words.demo_try(result.path))
    return 0
