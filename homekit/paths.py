"""Where the data file lives: --db, else HOMEKIT_DB, else the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "HOMEKIT_DB"
DB_NAME = "homekit.db"


def default_db_path() -> Path:
    """`homekit.db` in the platform's user data folder (~/.local/share/homekit on Linux)."""
    import platformdirs

    return platformdirs.user_data_path("homekit", appauthor=False) / DB_NAME


def resolve_db_path(option: str | None) -> tuple[Path | str, bool]:
    """The file to open and whether it is the default location (whose folder we may create).

    The --db option wins over HOMEKIT_DB; an empty --db is returned as-is for the store
    to refuse, while an empty HOMEKIT_DB counts as unset, as shells usually mean.
    """
    if option is not None:
        return (option if option.strip() == "" else Path(option).expanduser()), False
    env = os.environ.get(DB_ENV, "")
    if env.strip():
        return Path(env).expanduser(), False
    return default_db_path(), True
