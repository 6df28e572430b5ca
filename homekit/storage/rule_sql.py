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

from homekit.domain import rules, treatments
from homekit.domain.models import AREAS
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




# -- several treatments (migration m011_treatments) ----------------------------------------
#
# The interval is per treatment: two sessions of one profile and one treatment are at least
# max(the profile's interval for it, the floor of either session) days apart (microneedling's
# floor by its depth). Resurfacing sessions of two treatments on overlapping areas stand at
# least the conflict window apart. Both judge a missing profile by the floors alone.

TREATMENT_MESSAGE = (
    f"{PREFIX} two sessions of one profile and one treatment must be at least the profile's "
    "min_interval_days for it apart, never less than the larger floor of the two"
)
CONFLICT_MESSAGE = (
    f"{PREFIX} resurfacing sessions of two treatments on overlapping areas must be at least "
    f"{treatments.CONFLICT_WINDOW_DAYS} days apart"
)
KNOWN_MESSAGE = f"{PREFIX} a session's treatment must be built in or added to its profile"


def floor_sql(treatment: str, depth: str) -> str:
    """The floor in days of one session (its treatment and depth columns), from the domain."""
    needling = " ".join(f"WHEN {depth} <= {deepest!r} THEN {days}"
                        for deepest, days in treatments.NEEDLING_FLOORS[:-1])
    fixed = " ".join(f"WHEN '{name}' THEN {days}" for name, days in treatments.FLOORS.items())
    return (f"(CASE {treatment} WHEN '{treatments.MICRONEEDLING}' THEN (CASE {needling} "
            f"ELSE {treatments.NEEDLING_FLOORS[-1][1]} END) {fixed} "
            f"ELSE {treatments.CUSTOM_MIN_INTERVAL_DAYS} END)")


def deepest_floor_sql(treatment: str) -> str:
    """The largest floor any session of the treatment may have (how far the rule looks)."""
    fixed = " ".join(f"WHEN '{name}' THEN {days}" for name, days in treatments.FLOORS.items())
    return (f"(CASE {treatment} WHEN '{treatments.MICRONEEDLING}' THEN "
            f"{treatments.NEEDLING_FLOORS[-1][1]} {fixed} "
            f"ELSE {treatments.CUSTOM_MIN_INTERVAL_DAYS} END)")


def shortest_floor_sql(treatment: str) -> str:
    """The floor a profile's interval for the treatment may not go below."""
    fixed = " ".join(f"WHEN '{name}' THEN {days}" for name, days in treatments.FLOORS.items())
    return (f"(CASE {treatment} WHEN '{treatments.MICRONEEDLING}' THEN "
            f"{treatments.NEEDLING_FLOORS[0][1]} {fixed} "
            f"ELSE {treatments.CUSTOM_MIN_INTERVAL_DAYS} END)")


def profile_interval_sql(profile: str, treatment: str, schema: str = "") -> str:
    """The profile's own interval for a treatment (microdermabrasion: the profile's column;
    another: the treatments table), 0 when none or the profile is missing."""
    return (f"coalesce((CASE WHEN {treatment} = '{treatments.MICRODERMABRASION}' "
            f"THEN (SELECT p.min_interval_days FROM {schema}profiles AS p WHERE p.id = {profile}) "
            f"ELSE (SELECT t.min_interval_days FROM {schema}treatments AS t "
            f"WHERE t.profile_id = {profile} AND t.name = {treatment}) END), 0)")


def resurfacing_sql(treatment: str, depth: str) -> str:
    fixed = ", ".join(f"'{t}'" for t in treatments.BUILTIN
                      if t != treatments.MICRONEEDLING and treatments.is_resurfacing(t))
    return (f"({treatment} IN ({fixed}) OR ({treatment} = '{treatments.MICRONEEDLING}' "
            f"AND {depth} >= {treatments.RESURFACING_DEPTH_MM!r}))")


def overlap_sql(a: str, b: str) -> str:
    """Two areas lists (comma-separated) share an area, or either is empty (every area)."""
    areas = ", ".join(f"('{area}')" for area in AREAS)
    return (f"({a} = '' OR {b} = '' OR EXISTS (SELECT 1 FROM (VALUES {areas}) "
            f"WHERE instr(',' || {a} || ',', ',' || column1 || ',') > 0 "
            f"AND instr(',' || {b} || ',', ',' || column1 || ',') > 0))")


def treatment_interval_triggers() -> dict[str, str]:
    """The interval per treatment, on the (profile_id, treatment, session_date) index: the
    range reaches the deepest floor or the profile's interval, then each row's pair floor."""
    own = profile_interval_sql("NEW.profile_id", "NEW.treatment")
    span = f"max({own}, {deepest_floor_sql('NEW.treatment')})"
    needed = (f"max({own}, {floor_sql('NEW.treatment', 'NEW.depth_mm')}, "
              f"{floor_sql('other.treatment', 'other.depth_mm')})")
    too_close = (
        "SELECT 1 FROM sessions AS other WHERE other.profile_id = NEW.profile_id "
        "AND other.treatment = NEW.treatment {exclude} "
        f"AND other.session_date > date(NEW.session_date, printf('-%d days', {span})) "
        f"AND other.session_date < date(NEW.session_date, printf('+%d days', {span})) "
        f"AND abs(julianday(other.session_date) - julianday(NEW.session_date)) < {needed}"
    )
    return {
        "sessions_min_interval_insert": (
            "CREATE TRIGGER sessions_min_interval_insert BEFORE INSERT ON sessions "
            f"WHEN EXISTS ({too_close.format(exclude='')}) "
            f"BEGIN {_raise(TREATMENT_MESSAGE)}; END"),
        "sessions_min_interval_update": (
            "CREATE TRIGGER sessions_min_interval_update "
            "BEFORE UPDATE OF session_date, profile_id, treatment, depth_mm ON sessions "
            f"WHEN EXISTS ({too_close.format(exclude='AND other.id != NEW.id')}) "
            f"BEGIN {_raise(TREATMENT_MESSAGE)}; END"),
    }


def conflict_triggers() -> dict[str, str]:
    """The conflict window between resurfacing treatments, on the (profile_id, session_date)
    index, both directions."""
    days = treatments.CONFLICT_WINDOW_DAYS
    clash = (
        f"{resurfacing_sql('NEW.treatment', 'NEW.depth_mm')} AND EXISTS ("
        "SELECT 1 FROM sessions AS other WHERE other.profile_id = NEW.profile_id {exclude} "
        f"AND other.session_date > date(NEW.session_date, '-{days} days') "
        f"AND other.session_date < date(NEW.session_date, '+{days} days') "
        "AND other.treatment != NEW.treatment "
        f"AND {resurfacing_sql('other.treatment', 'other.depth_mm')} "
        f"AND {overlap_sql('NEW.areas', 'other.areas')})"
    )
    return {
        "sessions_conflict_insert": (
            "CREATE TRIGGER sessions_conflict_insert BEFORE INSERT ON sessions "
            f"WHEN {clash.format(exclude='')} BEGIN {_raise(CONFLICT_MESSAGE)}; END"),
        "sessions_conflict_update": (
            "CREATE TRIGGER sessions_conflict_update "
            "BEFORE UPDATE OF session_date, profile_id, treatment, depth_mm, areas ON sessions "
            f"WHEN {clash.format(exclude='AND other.id != NEW.id')} "
            f"BEGIN {_raise(CONFLICT_MESSAGE)}; END"),
    }


def known_treatment_triggers() -> dict[str, str]:
    """A session's treatment is built in or a custom one of its profile; a custom treatment
    with sessions is not taken away."""
    builtin = ", ".join(f"'{t}'" for t in treatments.BUILTIN)
    unknown = (f"NEW.treatment NOT IN ({builtin}) AND NOT EXISTS (SELECT 1 FROM treatments AS t "
               "WHERE t.profile_id = NEW.profile_id AND t.name = NEW.treatment AND t.custom = 1)")
    used = ("OLD.custom = 1 AND EXISTS (SELECT 1 FROM sessions AS s "
            "WHERE s.profile_id = OLD.profile_id AND s.treatment = OLD.name)")
    return {
        "sessions_treatment_known_insert": (
            "CREATE TRIGGER sessions_treatment_known_insert BEFORE INSERT ON sessions "
            f"WHEN {unknown} BEGIN {_raise(KNOWN_MESSAGE)}; END"),
        "sessions_treatment_known_update": (
            "CREATE TRIGGER sessions_treatment_known_update "
            "BEFORE UPDATE OF treatment, profile_id ON sessions "
            f"WHEN {unknown} BEGIN {_raise(KNOWN_MESSAGE)}; END"),
        "treatments_keep_used_delete": (
            "CREATE TRIGGER treatments_keep_used_delete BEFORE DELETE ON treatments "
            f"WHEN {used} BEGIN {_raise(KNOWN_MESSAGE)}; END"),
        "treatments_keep_used_update": (
            "CREATE TRIGGER treatments_keep_used_update "
            "BEFORE UPDATE OF name, profile_id, custom ON treatments "
            f"WHEN {used} BEGIN {_raise(KNOWN_MESSAGE)}; END"),
    }


def several_treatments() -> dict[str, str]:
    """The rule triggers as migration m011 installs them (replacing the interval's)."""
    return {**treatment_interval_triggers(), **conflict_triggers()}


#: Every rule trigger: put back on open when missing or changed (if the rows keep the rules).
TRIGGERS: tuple[str, ...] = tuple(dict.fromkeys((
    *microdermabrasion(), *several_treatments(), *known_treatment_triggers(),
    *profile_triggers("products"), *profile_triggers("treatments"))))
