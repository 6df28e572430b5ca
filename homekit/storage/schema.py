"""Schema facts needed on the fast path, without importing sqlite-utils.

`SCHEMA_VERSION` must equal the number of migrations in `migrations.py`
(a test checks it); bump it when you add one.
"""

SCHEMA_VERSION = 12

#: The name of each migration, in order (what `_sqlite_migrations` records): the open and
#: `homekit check` compare the record with these without importing sqlite-utils. A test checks
#: them against migrations.py.
MIGRATION_NAMES: tuple[str, ...] = (
    "m001_create_tables", "m002_interval_triggers_and_settings", "m003_session_summary",
    "m004_profile_names_nocase", "m005_photos", "m006_safety", "m007_undo_journal",
    "m008_profile_skin_type", "m009_rules_for_every_row", "m010_photo_images", "m011_treatments",
    "m012_views_events",
)

#: Prefix of the message that the rule triggers raise.
RULE_PREFIX = "homekit rule:"

#: sha256 of each version's canonical schema (integrity.digest of what the migrations make),
#: so that every open compares a file's schema without importing sqlite-utils. A test
#: recomputes them: after adding a migration, put the digest it prints here.
CANONICAL_DIGESTS: dict[int, str] = {
    1: "5d370f5c037e5f0b77e4e728501f28b3a0023ebd805158b67324cb57c3c594ca",
    2: "e653e433840ac59737e64b1235a4623251efff00413d14bec04dee4ea8ca2546",
    3: "483ebbc34e9623e7e47fa3f2133ae1805a276b7305436275bb93a8ca60aa1743",
    4: "91dfdb98078c96e73ad233f281b6184e1798dcb74864eeb6ba53dd54938206b0",
    5: "03920031fa209004cb67c93e76ee386732967033a7a3cba8d396df2feb21b199",
    6: "5568537ee6b47bdec4cb89a6eb5953f2b391e6128b1655a7068f1d09f5efdb04",
    7: "6b9f1c0194467ae42885e7198821fe89af2d61ba5f7f650b53fa59de09bd1621",
    8: "bbe8518128fd8915d1043626c98c3e20d910e530c42e36df047ad5c024b5cafb",
    9: "b721008454bce936742ed99641b1027dbbbee52f26388242e61f76e156c18be6",
    10: "b25ed683a639116a4d1e63cac5fc0e3ba22cd54b5e9a4b5dce579dc3e72b4238",
    11: "a7427083707c991744fc022b473bf0fe20d97666db719a565c699ed35ad5c333",
    12: "8db0449f9e5fba1f2b354bcb48ce6664d6b0c758431a7a2bc8aa72d8810d5e7f",
}
