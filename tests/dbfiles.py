"""Looking at a data file from outside homekit, as another tool would: its bytes, its dates."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path


def digest(path: Path) -> str:
    """The file's SHA-256: equal digests mean the file was left byte-identical."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _column(path: Path, sql: str) -> list:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute(sql)]
    finally:
        conn.close()


def dates(path: Path) -> list[str]:
    """Every stored session date, sorted."""
    return _column(path, "SELECT session_date FROM sessions ORDER BY 1")


def integrity(path: Path) -> list[str]:
    """SQLite's own integrity check: ["ok"] for a sound file."""
    return _column(path, "PRAGMA integrity_check")
