"""Schema facts needed on the fast path, without importing sqlite-utils.

`SCHEMA_VERSION` must equal the number of migrations in `migrations.py`
(a test checks it); bump it when you add one.
"""

SCHEMA_VERSION = 4

#: Prefix of the message that the rule triggers raise.
RULE_PREFIX = "homekit rule:"
