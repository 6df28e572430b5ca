"""Schema facts needed on the fast path, without importing sqlite-utils.

`SCHEMA_VERSION` must equal the number of migrations in `migrations.py`
(a test checks it); bump it when you add one.
"""

SCHEMA_VERSION = 3

#: Prefix of the message that the rule triggers raise.
RULE_PREFIX = "homekit rule:"

#: sha256 of each version's canonical schema (integrity.digest of what the migrations make),
#: so that every open compares a file's schema without importing sqlite-utils. A test
#: recomputes them: after adding a migration, put the digest it prints here.
CANONICAL_DIGESTS: dict[int, str] = {
    1: "0667519e79317a0a6fdf8f93b3cb740693d05176c07d4650d66a5ace75c63610",
    2: "7d1e525ac1c56a50ad78019b1dbfcff39e103205cf6496a10db8de45ea945d2b",
    3: "71417ce9f3e5e9deed58f612d3bf7258875b563d46a3767f7afabc989cc4851f",
}
