"""The rules SQLite enforces itself, whatever program writes the file (homekit, the `sqlite3`
shell with its foreign keys off, another tool): the one place for every treatment's triggers.

Each rule is a function that writes its triggers from the domain's constants; a migration
installs what it returns. Today one treatment, microdermabrasion in `sessions`, has two rules:
two sessions of a profile are at least max(the profile's interval, MIN_INTERVAL_DAYS) days
apart (the floor also when the profile row is missing), and a session belongs to a profile
that exists (a profile with sessions is not deleted or renumbered under them). A later
treatment with its own table (microneedling, a peel, ...) calls these functions for that table
with its own floor, in a new migration, and adds the names to `TRIGGERS` so that the open check
puts them back when they go missing.

What a call returns is part of a shipped schema (its digest is in schema.CANONICAL_DIGESTS):
never change the SQL of an existing call; a different rule is a new function or a new
parameter, installed by a new migration.
"""

from __future__ import annotations

from homekit.domain import rules
from homekit.storage.schema import RULE_PREFIX as PREFIX  # the store turns it into a RuleViolation

#: The interval triggers' message (also raised by migration m002's first version of them).
INTERVAL_MESSAGE = (
    f"{PREFIX} two sessions of one profile must be at least "
    "the profile's min_interval_days (7 or more) apart"
)
PROFILE_MESSAGE = f"{PREFIX} a session must belong to a profile that exists"
KEEP_MESSAGE = (
    f"{PREFIX} a profile that has sessions cannot be deleted or renumbered; "
    "delete its sessions first"
)


def _raise(message: str) -> str:
    return "SELECT RAISE(ABORT, '" + message.replace("'", "''") + "')"


def interval_triggers(table: str = "sessions", floor: int = rules.MIN_INTERVAL_DAYS,
                      date: str = "session_date") -> dict[str, str]:
    """Two rows of `table` for one profile whose `date` is closer than max(the profile's
    interval, `floor`) days are refused, on insert and on a change of date or profile; a
    missing profile gets `floor`.

    Written as a date range on the (profile_id, date) index, not as
    abs(julianday(a) - julianday(b)): constant work per insert at any log size.
    """
    days = (f"max(coalesce((SELECT p.min_interval_days FROM profiles AS p "
            f"WHERE p.id = NEW.profile_id), {int(floor)}), {int(floor)})")
    too_close = (
        f"SELECT 1 FROM {table} AS other WHERE other.profile_id = NEW.profile_id {{exclude}} "
        f"AND other.{date} > date(NEW.{date}, printf('-%d days', {days})) "
        f"AND other.{date} < date(NEW.{date}, printf('+%d days', {days}))"
    )
    return {
        f"{table}_min_interval_insert": (
            f"CREATE TRIGGER {table}_min_interval_insert BEFORE INSERT ON {table} "
            f"WHEN EXISTS ({too_close.format(exclude='')}) "
            f"BEGIN {_raise(INTERVAL_MESSAGE)}; END"),
        f"{table}_min_interval_update": (
            f"CREATE TRIGGER {table}_min_interval_update "
            f"BEFORE UPDATE OF {date}, profile_id ON {table} "
            f"WHEN EXISTS ({too_close.format(exclude='AND other.id != NEW.id')}) "
            f"BEGIN {_raise(INTERVAL_MESSAGE)}; END"),
    }


def profile_triggers(table: str = "sessions") -> dict[str, str]:
    """Every row of `table` belongs to a profile that exists: a row for a missing profile is
    refused, and a profile with rows is neither deleted nor given another id (foreign keys
    do this only when a connection turns them on; the `sqlite3` shell does not)."""
    missing = "NOT EXISTS (SELECT 1 FROM profiles AS p WHERE p.id = NEW.profile_id)"
    has_rows = f"EXISTS (SELECT 1 FROM {table} AS t WHERE t.profile_id = OLD.id)"
    return {
        f"{table}_profile_exists_insert": (
            f"CREATE TRIGGER {table}_profile_exists_insert BEFORE INSERT ON {table} "
            f"WHEN {missing} BEGIN {_raise(PROFILE_MESSAGE)}; END"),
        f"{table}_profile_exists_update": (
            f"CREATE TRIGGER {table}_profile_exists_update BEFORE UPDATE OF profile_id ON {table} "
            f"WHEN {missing} BEGIN {_raise(PROFILE_MESSAGE)}; END"),
        f"profiles_keep_{table}_delete": (
            f"CREATE TRIGGER profiles_keep_{table}_delete BEFORE DELETE ON profiles "
            f"WHEN {has_rows} BEGIN {_raise(KEEP_MESSAGE)}; END"),
        f"profiles_keep_{table}_update": (
            f"CREATE TRIGGER profiles_keep_{table}_update BEFORE UPDATE OF id ON profiles "
            f"WHEN NEW.id IS NOT OLD.id AND {has_rows} BEGIN {_raise(KEEP_MESSAGE)}; END"),
    }


def microdermabrasion() -> dict[str, str]:
    """The rules of the sessions table, as migration m009 installs them."""
    return {**interval_triggers("sessions"), **profile_triggers("sessions")}


#: Every rule trigger: put back on open when missing or changed (if the rows keep the rules).
TRIGGERS: tuple[str, ...] = tuple(microdermabrasion())
