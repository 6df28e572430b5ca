"""Live replication with Litestream: replicate the data file, print its config, restore from it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from homekit.domain.errors import InvalidInput

if TYPE_CHECKING:
    from homekit.files import Source
    from homekit.services.backups import Backups
    from homekit.services.context import Context
    from homekit.storage.replica import Progress
    from homekit.storage.restore import Restored


def replica_timestamp(text: str) -> str:
    """A point in time for `--timestamp` as Litestream wants it (UTC, RFC 3339).

    Accepts ISO 8601 (`2026-11-25T09:30`, `...Z`, `...+01:00`); without an offset it is local time.
    """
    raw = text.strip()
    try:
        moment = dt.datetime.fromisoformat(raw[:-1] + "+00:00" if raw.endswith(("Z", "z")) else raw)
    except ValueError:
        raise InvalidInput(field="timestamp",
                           code="replica_bad_timestamp", text=text) from None
    if moment.tzinfo is None:
        moment = moment.astimezone()  # local time
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Replica:
    """Replication; restoring from a replica ends in `backups.restore`."""

    def __init__(self, ctx: Context, backups: Backups) -> None:
        self.ctx = ctx
        self.backups = backups

    def replica_config(self, url: str, sync_interval: str | None = None) -> str:
        """A litestream.yml replicating this data file to `url` (to run Litestream as a service)."""
        from homekit.storage import replica

        interval = replica.check_interval(sync_interval or replica.DEFAULT_SYNC_INTERVAL)
        return replica.config_yaml(self.ctx.data_file, replica.check_url(url), interval)

    def replicate(self, url: str, on_progress: Callable[[Progress], None],
                  sync_interval: str | None = None,
                  on_start: Callable[[], None] | None = None) -> int:
        """Replicate the data file to `url` in the foreground until stopped; 0 or 130.

        `on_start` is called once the URL is checked and Litestream found, before it runs.
        """
        from homekit.storage import replica

        config = self.replica_config(url, sync_interval)
        binary = replica.find_litestream()  # before anything runs: a missing extra says so
        with replica.replication_lock(self.ctx.data_file):  # one replicate a data file
            if on_start is not None:
                on_start()
            return replica.run(config, on_progress, binary=binary)

    def restore_from_replica(self, url: str, timestamp: str | None = None) -> Restored:
        """Restore the replica into a private temporary file, then restore that like a backup.

        The copy goes through exactly the checks of `restore` (schema, rule, integrity) before
        anything replaces the live file.
        """
        with restore_source(url=url, timestamp=timestamp, near=self.ctx.data_file) as source:
            return self.backups.restore(source)


@contextmanager
def restore_source(path: str | Path | None = None, *, url: str | None = None,
                   timestamp: str | None = None, near: Path | None = None) -> Iterator[Source]:
    """The backup at `path` (`-`: standard input) or the replica at `url`, checked on a
    private copy before any data file is opened, so that a refusal leaves nothing new behind
    and names what the user named (never a temporary path). Hand it to `Homekit.restore`."""
    from homekit.files import Source
    from homekit.storage.restore import backup_source, check_backup

    if url is None:
        if path is None:
            raise InvalidInput(code="restore_needs_source")
        with backup_source(path) as source:
            check_backup(source)
            yield source
        return
    from homekit.storage import replica

    url = replica.check_url(url)
    when = None if timestamp is None else replica_timestamp(timestamp)  # "" is refused
    with replica.restored_copy(url, near, when) as copy:
        source = Source(copy, url, copy.parent, copied=True)
        check_backup(source)
        yield source
