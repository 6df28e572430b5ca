"""Migration m011: several treatments on one skin (the sessions' treatment, depth and the
product kinds a session was logged despite; the treatments and products tables; the rule
triggers per treatment and for the conflict windows; session_summary with the treatment).

Registered on `migrations.migrations` after migrations_later's. Never edit one that has
shipped: add a new one at the end of this module."""

from __future__ import annotations

from sqlite_utils import Database

from homekit.storage.migrations import _set_version, migrations, session_summary_sql


@migrations()
def m011_treatments(db: Database) -> None:
    # Several treatments on one skin. Every session has a treatment (each one logged before
    # is microdermabrasion, the only one there was), microneedling its needle depth, and the
    # product kinds it was logged despite. `treatments` holds a profile's custom treatments
    # and its own intervals and targets for the built-in ones (microdermabrasion's stay in
    # `profiles`); `products` the active products used. The rule triggers become per
    # treatment, with the conflict windows between resurfacing treatments beside them.
    from homekit.domain import treatments as t
    from homekit.storage import rule_sql

    builtin = ", ".join(f"'{name}'" for name in t.BUILTIN)
    db.execute(f"ALTER TABLE sessions ADD COLUMN treatment TEXT NOT NULL DEFAULT '{t.DEFAULT_TREATMENT}'")
    db.execute(
        "ALTER TABLE sessions ADD COLUMN depth_mm REAL CHECK ("
        f"(treatment = '{t.MICRONEEDLING}') = (depth_mm IS NOT NULL) "
        f"AND (depth_mm IS NULL OR (depth_mm > 0 AND depth_mm <= {t.MAX_DEPTH_MM!r})))"
    )
    db.execute(
        "ALTER TABLE sessions ADD COLUMN despite TEXT NOT NULL DEFAULT '' CHECK (despite IN ("
        + ", ".join(f"'{v}'" for v in _kind_lists(t.HOLDING_KINDS)) + "))"
    )
    db.execute(
        f"""
        CREATE TABLE treatments (
            profile_id INTEGER NOT NULL REFERENCES profiles(id),
            name TEXT NOT NULL CHECK (
                length(name) BETWEEN 1 AND 40 AND name GLOB '[a-z]*'
                AND NOT name GLOB '*[^a-z0-9-]*' AND name != '{t.MICRODERMABRASION}'),
            custom INTEGER NOT NULL CHECK (custom = (name NOT IN ({builtin}))),
            min_interval_days INTEGER CHECK (
                (custom = 0 OR min_interval_days IS NOT NULL)
                AND (min_interval_days IS NULL OR min_interval_days BETWEEN
                     {rule_sql.shortest_floor_sql("name")}
                     AND {t.MAX_INTERVAL_DAYS})),
            target_sessions INTEGER CHECK (
                target_sessions IS NULL OR target_sessions BETWEEN 1 AND 100),
            created_at TEXT NOT NULL,
            PRIMARY KEY (profile_id, name)
        ) STRICT
        """
    )
    db.execute(
        f"""
        CREATE TABLE products (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id),
            kind TEXT NOT NULL CHECK (kind IN ({", ".join(f"'{k}'" for k in t.PRODUCT_KINDS)})),
            used_on TEXT NOT NULL CHECK (
                used_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                AND date(used_on, '+0 days') IS used_on
            ),
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        ) STRICT
        """
    )
    db.execute("CREATE INDEX products_profile_used ON products(profile_id, used_on)")
    db.execute("CREATE INDEX sessions_profile_treatment_date "
               "ON sessions(profile_id, treatment, session_date)")
    for name in rule_sql.microdermabrasion():
        if name.startswith("sessions_min_interval"):
            db.execute(f"DROP TRIGGER IF EXISTS {name}")
    for sql in {**rule_sql.several_treatments(), **rule_sql.known_treatment_triggers(),
                **rule_sql.profile_triggers("products"),
                **rule_sql.profile_triggers("treatments")}.values():
        db.execute(sql)
    # session_summary, version 3: the same columns plus the treatment, depth and despite.
    db.execute("DROP VIEW IF EXISTS session_summary")
    db.execute(session_summary_sql("s.checklist, s.cleared_by_professional",
                                   "s.treatment, s.depth_mm, s.despite"))
    _set_version(db, 11)


def _kind_lists(kinds: tuple[str, ...]) -> list[str]:
    """Every comma-separated list of `kinds` in their order, each at most once ('' first)."""
    lists = [""]
    for kind in kinds:
        lists += [f"{v},{kind}" if v else kind for v in lists]
    return sorted(lists, key=lambda v: (v.count(",") + bool(v), [kinds.index(k) for k in v.split(",") if k]))
