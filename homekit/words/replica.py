"""Replication with Litestream: progress, stop and its refusals."""

from __future__ import annotations

from homekit.words.base import control_free, shown
from homekit.words.errors import _ERRORS

# -- replication (Litestream) --

#: The name homekit has on the package index (`homekit` there is another project).
DISTRIBUTION = "homekit-skinlog"


def install_extra(extra: str) -> str:
    """How to add an optional extra, whichever way homekit was installed."""
    return (f"pip install '{DISTRIBUTION}[{extra}]' (from a clone of homekit: "
            f"pip install '.[{extra}]')")


REPLICA_INSTALL = install_extra("replica")


def replica_started(data_file: object, url: str) -> str:
    return (f"Replicating {shown(data_file)} to {control_free(url)} with Litestream. "
            "Stop with Ctrl-C.")


def replica_progress(p: object) -> str:
    """The progress line: how many changes were sent, when the last one was, any problem."""
    uploads = getattr(p, "uploads", 0)
    at = str(getattr(p, "at", ""))[:19].replace("T", " ")
    line = f"sent {uploads} change{'s' if uploads != 1 else ''} (transaction {getattr(p, 'txid', 0)})"
    if at:
        line += f", last at {at} UTC"
    problem = getattr(p, "problem", "")
    if problem:
        line += f"; retrying after: {control_free(problem)[:160]}"
    return line


def replica_stopped(code: int) -> str:
    if code == 0:
        return "Replication stopped cleanly; the replica holds every change sent above."
    return "Replication stopped at once (second interrupt); the last changes may not be sent."


_ERRORS.update({
    "replica_missing": lambda f, e: (
        f"replication needs Litestream, which is not installed; install it with: {REPLICA_INSTALL}"),
    "replica_bad_url": lambda f, e: (
        f"{f['url']!r} is not a Litestream replica URL; use one of "
        + ", ".join(f"{s}://" for s in f["schemes"]) + " (e.g. file:///mnt/backup/homekit)"),
    "replica_bad_interval": "{text!r} is not a duration (e.g. 1s, 500ms, 1m)",
    "replica_running": lambda f, e: (
        f"{shown(f['path'])} is already being replicated by another homekit replicate"
        + (f" (process {f['pid']})" if f.get("pid") else "")
        + "; stop that one first, or use it"),
    "replica_lock": "cannot use {path!p}: {problem}",
    "replica_bad_timestamp": (
        "{text!r} is not a date and time (e.g. 2026-11-25T09:30 or 2026-11-25T08:30:00Z)"),
    "replica_failed": "replication failed: {problem}",
    "replica_empty": "no replica found at {url}; nothing was restored",
})
