"""Is this file homekit's own? Its schema, its migration record, and the rule triggers.

A file is homekit's only if its schema is exactly what the migrations create for its
version: the same tables, columns, CHECKs, indexes, triggers and views, compared as the
whitespace-normalised SQL that SQLite keeps in `sqlite_master`, and nothing more. The
canonical schema of each version is made by running the migrations on an in-memory
database (this imports sqlite-utils, so it runs only when a file needs a closer look); on
the fast path of every open the file's schema is compared by digest with
`schema.CANONICAL_DIGESTS`, one read of `sqlite_master`.
"""

from __future__ import annotations

import functools
import sqlite3

# The built-in SHA-256 (as hashlib's fallback uses it): hashlib itself loads OpenSSL, which
# costs milliseconds on every open for a digest of a few kilobytes.
try:
    from _sha2 import sha256  # type: ignore[import-not-found]  # Python 3.12+
except ImportError:  # pragma: no cover - by Python version
    try:
        from _sha256 import sha256  # type: ignore[import-not-found,no-redef]  # Python 3.11
    except ImportError:
        from hashlib import sha256  # type: ignore[assignment]

from homekit.storage.schema import CANONICAL_DIGESTS, MIGRATION_NAMES

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from homekit.storage.difference import Difference


def __getattr__(name: str) -> object:
    # The rule triggers' SQL is read only when a file needs a closer look (not on the fast
    # path of every open).
    if name == "RULE_TRIGGERS":
        return rule_triggers()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def rule_triggers() -> tuple[str, ...]:
    from homekit.storage.rule_sql import TRIGGERS

    return TRIGGERS

#: (type, name, tbl_name, normalised sql) of one object in sqlite_master.
SchemaRow = tuple[str, str, str, str]

# sqlite_stat* tables appear after ANALYZE (e.g. by `sqlite3`'s .expert): statistics only.
# The migration record's own table and indexes are sqlite-utils' (whose versions have laid
# them out differently); their content is checked by `migration_record_problem` instead. A
# trigger on them still counts. Litestream (`homekit replicate`) keeps its own bookkeeping
# tables `_litestream_seq` and `_litestream_lock`: plain tables of its own, on none of
# homekit's (a trigger or index of theirs still counts).
_SCHEMA_SQL = (
    "SELECT type, name, tbl_name, sql FROM sqlite_master "
    "WHERE name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\' "
    "AND NOT (tbl_name = '_sqlite_migrations' AND type IN ('table', 'index')) "
    "AND NOT (type = 'table' AND name IN ('_litestream_seq', '_litestream_lock')) "
    "ORDER BY type, name"
)


def normalise(sql: str | None) -> str:
    return " ".join(sql.split()) if sql else ""


def read_schema(conn: sqlite3.Connection, schema: str = "main") -> list[SchemaRow]:
    sql = _SCHEMA_SQL if schema == "main" else _SCHEMA_SQL.replace(
        "sqlite_master", f"{schema}.sqlite_master")
    return [(r[0], r[1], r[2], normalise(r[3])) for r in conn.execute(sql)]


def digest(rows: list[SchemaRow] | tuple[SchemaRow, ...]) -> str:
    text = "\x1e".join("\x1f".join(row) for row in rows)
    return sha256(text.encode("utf-8")).hexdigest()


def is_canonical_fast(rows: list[SchemaRow], version: int) -> bool:
    """True when `rows` are exactly the schema of `version` (no sqlite-utils needed)."""
    expected = CANONICAL_DIGESTS.get(version)
    return expected is not None and digest(rows) == expected


def record_looks_right(conn: sqlite3.Connection, version: int) -> bool:
    """Cheap: `version` distinct homekit migrations recorded, and nothing else."""
    try:
        row = conn.execute(
            "SELECT count(*), count(DISTINCT name), total(migration_set = 'homekit') "
            "FROM _sqlite_migrations").fetchone()
    except sqlite3.DatabaseError:
        return False
    return tuple(row) == (version, version, float(version))


def is_homekit_schema(conn: sqlite3.Connection, version: int) -> bool:
    """The fast check: canonical schema of `version` and a fitting migration record."""
    return record_looks_right(conn, version) and is_canonical_fast(read_schema(conn), version)


def migration_names() -> list[str]:
    return list(MIGRATION_NAMES)


@functools.cache
def canonical_schema(version: int) -> tuple[SchemaRow, ...]:
    """What the migrations up to `version` create, read back from a fresh database."""
    from homekit.storage import migrations  # first: it imports sqlite-utils without numpy
    from homekit.storage.migrations import Database

    names = migration_names()
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        db = Database(conn, execute_plugins=False)
        stop = names[version] if version < len(names) else None
        migrations.migrations.apply(db, stop_before=stop)
        return tuple(read_schema(conn))
    finally:
        conn.close()


def first_difference(actual: list[SchemaRow], expected: tuple[SchemaRow, ...]) -> Difference | None:
    """The first object (in sqlite_master order) that differs, or None when identical."""
    mine = {(r[0], r[1]): r for r in actual}
    theirs = {(r[0], r[1]): r for r in expected}
    for key in sorted(mine.keys() | theirs.keys()):
        a, e = mine.get(key), theirs.get(key)
        if a == e:
            continue
        from homekit.storage.difference import Difference
        if e is None:
            assert a is not None
            return Difference("extra", a[0], a[1], a[2])
        if a is None:
            return Difference("missing", e[0], e[1], e[2])
        return Difference("changed", e[0], e[1], e[2])
    return None


def schema_difference(conn: sqlite3.Connection, version: int, schema: str = "main") -> Difference | None:
    """How the file's schema differs from the canonical one of `version` (None: it does not)."""
    rows = read_schema(conn, schema)
    if is_canonical_fast(rows, version):
        return None
    return first_difference(rows, canonical_schema(version))


def only_rule_triggers(diff_rows: list[SchemaRow], version: int) -> bool:
    """True when the schema is canonical but for missing or changed rule triggers."""
    if version < 2:
        return False
    expected, rule = canonical_schema(version), rule_triggers()
    keep = [r for r in diff_rows if not (r[0] == "trigger" and r[1] in rule)]
    return first_difference(keep, tuple(
        r for r in expected if not (r[0] == "trigger" and r[1] in rule))) is None


def rule_trigger_sql(version: int) -> dict[str, str]:
    """The canonical CREATE TRIGGER statement of each rule trigger, by name (whitespace
    normalised, which SQLite reads the same)."""
    return {r[1]: r[3] for r in canonical_schema(version)
            if r[0] == "trigger" and r[1] in rule_triggers()}


def put_back_rule_triggers(conn: sqlite3.Connection, version: int) -> list[str]:
    """Drop whatever stands under the rule triggers' names and create the canonical ones.

    The caller holds a write transaction and has checked that the data keeps the rule.
    Returns the names of the triggers put back.
    """
    present = {r[1]: r[3] for r in read_schema(conn) if r[0] == "trigger"}
    done = []
    for name, sql in sorted(rule_trigger_sql(version).items()):
        if present.get(name) == sql:
            continue
        conn.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        conn.execute(sql)
        done.append(name)
    return done


def migration_record_problem(conn: sqlite3.Connection, version: int, schema: str = "main") -> str | None:
    """Why the `_sqlite_migrations` record does not fit `user_version` (None: it does)."""
    names = migration_names()
    try:
        rows = [tuple(r) for r in conn.execute(
            f"SELECT migration_set, name FROM {schema}._sqlite_migrations ORDER BY rowid")]
    except sqlite3.DatabaseError:
        return "no migration record"
    recorded = [name for (mset, name) in rows if mset == "homekit"]
    if len(recorded) != len(rows):
        return "migrations of another program are recorded"
    if recorded != names[:version]:
        return (f"user_version is {version} but {len(recorded)} migration"
                f"{'s are' if len(recorded) != 1 else ' is'} recorded")
    return None
