"""The migrations after the first log (m006 on): the safety answers, the undo journal, the
skin type, the rule for every row, the photos' bytes in their own table.

Registered on `migrations.migrations` in order: homekit.storage.migrations imports this
module right after its own (m001 to m005). Never edit one that has shipped: add a new one
at the end of this module."""

from __future__ import annotations

from sqlite_utils import Database

from homekit.storage.migrations import _set_version, migrations


@migrations()
def m006_safety(db: Database) -> None:
    # The pre-session checklist (NULL: not asked; else the ids confirmed, comma-separated),
    # sessions logged past a redness block on a professional's say-so, and the profile's dated
    # medical answers (isotretinoin: 'never' or the date the course finished).
    db.execute("ALTER TABLE sessions ADD COLUMN checklist TEXT")
    db.execute(
        "ALTER TABLE sessions ADD COLUMN cleared_by_professional INTEGER NOT NULL DEFAULT 0 "
        "CHECK (cleared_by_professional IN (0, 1))"
    )
    db.execute(
        "ALTER TABLE profiles ADD COLUMN isotretinoin TEXT CHECK (isotretinoin IS NULL "
        "OR isotretinoin = 'never' OR date(isotretinoin, '+0 days') IS isotretinoin)"
    )
    db.execute("ALTER TABLE profiles ADD COLUMN isotretinoin_acknowledged_at TEXT")
    db.execute(
        "ALTER TABLE profiles ADD COLUMN blood_thinners INTEGER "
        "CHECK (blood_thinners IS NULL OR blood_thinners IN (0, 1))"
    )
    db.execute("ALTER TABLE profiles ADD COLUMN medical_answered_at TEXT")
    # session_summary, version 2: the same columns plus the two new ones.
    db.execute("DROP VIEW IF EXISTS session_summary")
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
            (SELECT count(*) FROM redness AS r WHERE r.session_id = s.id) AS observations,
            s.checklist, s.cleared_by_professional
        FROM sessions AS s
        JOIN profiles AS p ON p.id = s.profile_id
        LEFT JOIN redness AS w ON w.id = (
            SELECT r.id FROM redness AS r WHERE r.session_id = s.id
            ORDER BY r.severity DESC, r.observed_at DESC, r.id DESC LIMIT 1
        )
        """
    )
    _set_version(db, 6)


@migrations()
def m007_undo_journal(db: Database) -> None:
    # What `homekit undo` can put back: one row per user action that removed or changed data
    # (a session, a redness observation or a profile deleted or edited), holding the rows as
    # they were before, as JSON. Written by the services in the same transaction as the change.
    db.execute(
        """
        CREATE TABLE undo_journal (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            facts TEXT NOT NULL DEFAULT '{}',
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL
        ) STRICT
        """
    )
    _set_version(db, 7)


@migrations()
def m008_profile_skin_type(db: Database) -> None:
    # The Fitzpatrick skin type the user gives (1 to 6, I to VI; NULL: not given), for the
    # report and a professional: information, never a rule.
    db.execute(
        "ALTER TABLE profiles ADD COLUMN skin_type INTEGER "
        "CHECK (skin_type IS NULL OR skin_type BETWEEN 1 AND 6)"
    )
    _set_version(db, 8)


@migrations()
def m009_rules_for_every_row(db: Database) -> None:
    # The weekly rule held only for sessions of a profile that existed: a trigger that joined
    # `profiles` let the sqlite3 shell (foreign keys off) insert sessions a day apart for a
    # missing profile, which the next `profile add` then adopted. The rule triggers now come
    # from homekit.storage.rule_sql: the floor of 7 days also for a missing profile, no
    # session for a missing profile, and no profile deleted or renumbered under its sessions.
    from homekit.storage import rule_sql

    for name in ("sessions_min_interval_insert", "sessions_min_interval_update"):
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    for sql in rule_sql.microdermabrasion().values():
        db.execute(sql)
    _set_version(db, 9)


@migrations()
def m010_photo_images(db: Database) -> None:
    # A photo's bytes in a table of their own, so that no listing reads them: `created_at`
    # stood after the `image` BLOB, so every query that read it (a photo list, a count, a
    # session's photos) followed every page of every image. Every photo keeps its bytes: they
    # are copied before the column goes. Its size is kept beside it for the listings.
    db.execute(
        """
        CREATE TABLE photo_images (
            photo_id INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
            image BLOB NOT NULL CHECK (length(image) > 0)
        ) STRICT
        """
    )
    db.execute("INSERT INTO photo_images (photo_id, image) SELECT id, image FROM photos ORDER BY id")
    db.execute("ALTER TABLE photos ADD COLUMN size INTEGER NOT NULL DEFAULT 0 CHECK (size >= 0)")
    db.execute("ALTER TABLE photos DROP COLUMN image")
    db.execute("UPDATE photos SET size = "
               "(SELECT length(image) FROM photo_images WHERE photo_id = photos.id)")
    _set_version(db, 10)
