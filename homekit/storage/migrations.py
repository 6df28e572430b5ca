"""Schema history, applied in order by sqlite-utils' built-in migrations.

Never edit a migration that has shipped: add a new one. Each one also sets
`PRAGMA user_version` to its position, so other tools can read the schema version.
Importing this module imports sqlite-utils (without numpy and pandas: see below); only a
file that needs migrating, a restore of an older backup and a schema that needs a closer
look import it.
"""

from __future__ import annotations

import sys


def _import_sqlite_utils() -> None:
    """Import sqlite_utils without numpy and pandas, which it loads only to convert their
    values (homekit passes none) and which cost more than a new file's migrations (issue 14)."""
    if "sqlite_utils" in sys.modules:
        return
    blocked = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # `import` raises ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in blocked:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]


_import_sqlite_utils()

from sqlite_utils import Database  # noqa: E402
from sqlite_utils.migrations import Migrations  # noqa: E402

migrations = Migrations("homekit")

#: The message every rule trigger raises; the store turns it into a RuleViolation.
RULE_MESSAGE = (
    "homekit rule: two sessions of one profile must be at least "
    "the profile's min_interval_days (7 or more) apart"
)


def _set_version(db: Database, version: int) -> None:
    db.execute(f"PRAGMA user_version = {int(version)}")


@migrations()
def m001_create_tables(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE profiles (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            target_sessions INTEGER NOT NULL DEFAULT 6
                CHECK (target_sessions BETWEEN 1 AND 100),
            min_interval_days INTEGER NOT NULL DEFAULT 7
                CHECK (min_interval_days BETWEEN 7 AND 365),
            created_at TEXT NOT NULL
        ) STRICT
        """
    )
    db.execute(
        """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id),
            session_date TEXT NOT NULL CHECK (
                session_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                AND date(session_date, '+0 days') IS session_date
            ),
            start_time TEXT CHECK (
                start_time IS NULL
                OR (start_time GLOB '[0-2][0-9]:[0-5][0-9]' AND start_time <= '23:59')
            ),
            duration_min INTEGER CHECK (duration_min IS NULL OR duration_min BETWEEN 1 AND 180),
            areas TEXT NOT NULL DEFAULT '',
            device_level INTEGER CHECK (device_level IS NULL OR device_level BETWEEN 1 AND 10),
            glasses_worn INTEGER CHECK (glasses_worn IS NULL OR glasses_worn IN (0, 1)),
            stinging INTEGER CHECK (stinging IS NULL OR stinging BETWEEN 0 AND 3),
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        ) STRICT
        """
    )
    db.execute(
        """
        CREATE TABLE redness (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            observed_at TEXT NOT NULL,
            severity INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 4),
            faded_after_min INTEGER CHECK (faded_after_min IS NULL OR faded_after_min >= 0),
            notes TEXT NOT NULL DEFAULT ''
        ) STRICT
        """
    )
    _set_version(db, 1)


@migrations()
def m002_interval_triggers_and_settings(db: Database) -> None:
    # The weekly rule, enforced by SQLite itself so that no path (CLI, app, import,
    # the sqlite3 shell) can store two sessions closer than the profile's interval.
    # max(..., 7): even a hand-edited profile row can never shorten the week.
    # Written as a date range, not abs(julianday(a) - julianday(b)), so that SQLite answers
    # it from the (profile_id, session_date) index: constant work per insert at any log size.
    too_close = """
        SELECT 1 FROM profiles AS p JOIN sessions AS other ON other.profile_id = p.id
        WHERE p.id = NEW.profile_id {exclude}
          AND other.session_date
              > date(NEW.session_date, printf('-%d days', max(p.min_interval_days, 7)))
          AND other.session_date
              < date(NEW.session_date, printf('+%d days', max(p.min_interval_days, 7)))
    """
    db.execute(
        f"""
        CREATE TRIGGER sessions_min_interval_insert BEFORE INSERT ON sessions
        WHEN EXISTS ({too_close.format(exclude="")})
        BEGIN SELECT RAISE(ABORT, '{RULE_MESSAGE.replace("'", "''")}'); END
        """
    )
    db.execute(
        f"""
        CREATE TRIGGER sessions_min_interval_update
        BEFORE UPDATE OF session_date, profile_id ON sessions
        WHEN EXISTS ({too_close.format(exclude="AND other.id != NEW.id")})
        BEGIN SELECT RAISE(ABORT, '{RULE_MESSAGE.replace("'", "''")}'); END
        """
    )
    db.execute("CREATE INDEX sessions_profile_date ON sessions(profile_id, session_date)")
    db.execute("CREATE INDEX redness_session ON redness(session_id)")
    db.execute(
        "ALTER TABLE profiles ADD COLUMN has_skin_condition INTEGER "
        "CHECK (has_skin_condition IS NULL OR has_skin_condition IN (0, 1))"
    )
    db.execute("ALTER TABLE profiles ADD COLUMN condition_acknowledged_at TEXT")
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT")
    _set_version(db, 2)


@migrations()
def m003_session_summary(db: Database) -> None:
    # A view for other tools (sqlite3, sqlite-utils, Datasette): one row a session with its
    # worst redness (highest severity, the latest observation of it on a tie, as
    # Session.worst_redness picks it) and how long that redness took to fade.
    db.execute(
        """
        CREATE VIEW session_summary AS
        SELECT
            s.id, s.profile_id, p.name AS profile, s.session_date, s.start_time,
            s.duration_min, s.areas, s.device_level, s.glasses_worn, s.stinging, s.notes,
            s.created_at,
            w.severity AS worst_severity,
            CASE w.severity WHEN 0 THEN 'none' WHEN 1 THEN 'faint' WHEN 2 THEN 'mild'
                WHEN 3 THEN 'marked' WHEN 4 THEN 'severe' END AS worst_severity_word,
            w.faded_after_min AS worst_faded_after_min,
            (SELECT count(*) FROM redness AS r WHERE r.session_id = s.id) AS observations
        FROM sessions AS s
        JOIN profiles AS p ON p.id = s.profile_id
        LEFT JOIN redness AS w ON w.id = (
            SELECT r.id FROM redness AS r WHERE r.session_id = s.id
            ORDER BY r.severity DESC, r.observed_at DESC, r.id DESC LIMIT 1
        )
        """
    )
    _set_version(db, 3)


@migrations()
def m004_profile_names_nocase(db: Database) -> None:
    """Profile names NFC-normalised and unique without regard to case.

    Names written before this version may differ only in case or Unicode form ("Ana" and
    "ana"): the oldest keeps its name, each later one gets " (2)", " (3)", ... so that no
    session is lost and every profile stays reachable; the default profile follows its rename.
    """
    from homekit.domain.validate import MAX_NAME, name_key, normalised_name

    rows = db.execute("SELECT id, name FROM profiles ORDER BY id").fetchall()
    first: dict[str, int] = {}  # the oldest profile of each name keeps it
    for profile_id, name in rows:
        first.setdefault(name_key(normalised_name(name)), profile_id)
    taken = set(first)
    renames: dict[int, tuple[str, str]] = {}
    for profile_id, name in rows:
        new = wanted = normalised_name(name)
        n = 1
        while first.get(name_key(wanted)) != profile_id and name_key(new) in taken:
            n += 1
            suffix = f" ({n})"
            new = wanted[: MAX_NAME - len(suffix)] + suffix
        taken.add(name_key(new))
        if new != name:
            renames[profile_id] = (name, new)
    for profile_id in renames:  # out of the way first: a new name may be an old one's
        db.execute("UPDATE profiles SET name = ? WHERE id = ?", (f"\x00{profile_id}", profile_id))
    for profile_id, (old, new) in renames.items():
        db.execute("UPDATE profiles SET name = ? WHERE id = ?", (new, profile_id))
        db.execute("UPDATE settings SET value = ? WHERE key = 'default_profile' AND value = ?",
                   (new, old))
    db.execute("CREATE UNIQUE INDEX profiles_name_nocase ON profiles(name COLLATE NOCASE)")
    _set_version(db, 4)


@migrations()
def m005_photos(db: Database) -> None:
    # Progress photos live in the data file itself, so backups, restore and the file's
    # integrity checks cover them. Only clean images get here: re-encoded JPEG, metadata
    # stripped, long side at most 2048 px (homekit.charts.imaging).
    db.execute(
        """
        CREATE TABLE photos (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id),
            session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
            area TEXT CHECK (area IS NULL OR length(area) BETWEEN 1 AND 40),
            taken_on TEXT NOT NULL CHECK (
                taken_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                AND date(taken_on, '+0 days') IS taken_on
            ),
            notes TEXT NOT NULL DEFAULT '',
            mime TEXT NOT NULL CHECK (mime IN ('image/jpeg')),
            width INTEGER NOT NULL CHECK (width BETWEEN 1 AND 2048),
            height INTEGER NOT NULL CHECK (height BETWEEN 1 AND 2048),
            image BLOB NOT NULL CHECK (length(image) > 0),
            created_at TEXT NOT NULL
        ) STRICT
        """
    )
    db.execute("CREATE INDEX photos_profile_taken ON photos(profile_id, taken_on)")
    db.execute("CREATE INDEX photos_session ON photos(session_id)")
    _set_version(db, 5)


# m006 on: in migrations_later, registered here, after m001 to m005 (in order).
from homekit.storage import migrations_later  # noqa: E402, F401


def schema_version() -> int:
    """The user_version this code writes: one per registered migration."""
    return len(migrations._migrations)


def migrate(db: Database) -> None:
    """Apply pending migrations (the caller holds an immediate transaction)."""
    migrations.apply(db)
