"""The open file: plumbing, transactions, snapshots and settings (the Store's base)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from homekit.storage.identity import check_same_file, file_problem, identity_of
from homekit.storage.rows import storage_error

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any, TypeVar

    _S = TypeVar("_S", bound="StoreCore")


class StoreCore:
    """One open homekit file."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        #: Facts of the open, for the services to pass on: rule triggers put back, and
        #: files or folders made owner-only (folders.ModeChange).
        self.repaired: list[str] = []
        self.mode_changes: list[Any] = []
        self.identity = identity_of(path)  # checked before every write: see identity.py

    def file_problem(self) -> str | None:
        """Whether the file was deleted or replaced since it was opened (None: it was not)."""
        return file_problem(self.path, self.identity)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self: _S) -> _S:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ---------------------------------------------------------------

    def _q(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Rows of a read, addressed by column name."""
        try:
            cur = self.conn.execute(sql, params)
            cur.row_factory = sqlite3.Row
            return cur.fetchall()
        except sqlite3.Error as exc:
            raise storage_error(exc, self.path) from None

    def _x(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise storage_error(exc, self.path) from None

    @contextmanager
    def write(self: _S) -> Iterator[_S]:
        """An immediate transaction: no other writer until it commits or rolls back."""
        if self.conn.in_transaction:
            yield self  # nested: part of the outer transaction
            return
        self._x("BEGIN IMMEDIATE")
        try:
            check_same_file(self.path, self.identity)  # under the lock: no swap in between
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise storage_error(exc, self.path) from None

    def data_version(self) -> int:
        """Changes whenever another connection commits to the file (PRAGMA data_version)."""
        return int(self._q("PRAGMA data_version")[0][0])

    # -- settings ---------------------------------------------------------------

    def get_setting(self, key: str) -> str | None:
        rows = self._q("SELECT value FROM settings WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def set_setting(self, key: str, value: str) -> None:
        self._x(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )
