"""Live replication off the machine with Litestream: `homekit replicate`."""

from __future__ import annotations

import argparse
import sys

from homekit import words
from homekit.cli.options import command

#: The commands this module registers (so the CLI builds only the one being run).
COMMANDS = ("replicate",)

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

    from homekit.cli import Context
    from homekit.services.replica import Progress


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub, common, "replicate", cmd_replicate,
        help="copy the log continuously to a Litestream replica (needs the replica extra)")
    p.add_argument("url", metavar="DEST_URL", help="a Litestream replica URL")
    p.add_argument("--config", action="store_true",
                   help="print a litestream.yml for running Litestream as a service, and exit")
    p.add_argument("--sync-interval", metavar="DURATION", default=None,
                   help="how often changes are sent (Litestream duration; default 1s)")


def cmd_replicate(args: argparse.Namespace, ctx: Context) -> int:
    """Run Litestream in the foreground: every change to the data file is sent to DEST_URL
    (file:///path, s3://bucket/path, sftp://host/path, ...). Stop with Ctrl-C. Restore with:
    homekit restore --from-replica DEST_URL"""
    app = ctx.open()
    if args.config:
        sys.stdout.write(app.replica.replica_config(args.url, args.sync_interval))
        return 0
    live = sys.stderr.isatty()

    def started() -> None:
        print(words.replica_started(app.data_file, args.url), file=sys.stderr, flush=True)

    def show(progress: Progress) -> None:
        line = words.replica_progress(progress)
        if live:
            print(f"\r\x1b[2K{line}", end="", file=sys.stderr, flush=True)
        else:
            print(line, file=sys.stderr, flush=True)

    code = app.replica.replicate(args.url, show, args.sync_interval, started)
    if live:
        print(file=sys.stderr)
    print(words.replica_stopped(code), file=sys.stderr, flush=True)
    return code
