"""Everything that touches SQLite lives here: schema, migrations, triggers, queries."""

from homekit.storage.db import open_store
from homekit.storage.repo import Store

__all__ = ["Store", "open_store"]
