"""The data file as a whole: backups, restore, and the checks behind them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from homekit.services.base import ServiceBase

if TYPE_CHECKING:
    from homekit.storage.restore import Restored


class DataFileService(ServiceBase):
    def backup(self, dest: Path | None = None) -> Path:
        """A consistent copy of the data file (safe while others write); returns its path.

        No `dest`: a timestamped name in `backups/` beside the data file; a folder: that name
        inside it.
        """
        from homekit.storage.backup import default_backup_path, write_backup

        default = default_backup_path(self.data_file, self.now())
        if dest is None:
            dest = default
        else:
            dest = Path(dest).expanduser()
            try:
                if dest.is_dir():
                    dest = dest / default.name
            except OSError:
                pass  # write_backup says what is wrong with the path
        return write_backup(self._store.conn, dest, source_name=str(self.data_file))

    def restore(self, source: Path) -> Restored:
        """Replace the log with a checked backup; the replaced data is kept as a backup."""
        from homekit.storage import open_store
        from homekit.storage.restore import restore_into

        data_file = self.data_file
        done = restore_into(self._store, Path(source), self.utc_now())
        self._store.close()
        self._store = open_store(data_file)
        return done
