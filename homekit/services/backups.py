"""The data file as a whole: backups, restore, and the checks behind them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from homekit.services.context import OnContext

if TYPE_CHECKING:
    from homekit.files import Source
    from homekit.storage.restore import Restored


class Backups(OnContext):
    """Copies of the whole data file, and putting one back."""

    def backup(self, dest: Path | str | None = None) -> Path:
        """A consistent copy of the data file (safe while others write); returns its path.

        No `dest`: a timestamped name in `backups/` beside the data file; a folder: that name
        inside it; `-`, a device or a pipe (homekit.files): the copy is made privately first,
        then written into it. An existing file is never replaced.
        """
        from homekit.files import FILE, NEW, is_stdout, output_kind
        from homekit.storage.backup import default_backup_path, write_backup

        default = default_backup_path(self.ctx.data_file, self.ctx.now())
        if dest is None:
            dest = default
        elif is_stdout(dest):
            return self._backup_into(dest)
        else:
            try:
                if Path(dest).expanduser().is_dir():
                    dest = Path(dest).expanduser() / default.name
            except OSError:
                pass  # write_backup says what is wrong with the path
            if output_kind(dest) not in (NEW, FILE):
                return self._backup_into(dest)
            dest = Path(dest).expanduser()
        return write_backup(self.ctx.store.conn, dest, source_name=str(self.ctx.data_file))

    def _backup_into(self, dest: Path | str) -> Path:
        """A backup written into standard output, a device or a pipe: made in a private
        temporary folder, then copied there."""
        import tempfile

        from homekit.files import file_chunks, write_output
        from homekit.storage.backup import write_backup

        with tempfile.TemporaryDirectory(prefix="homekit-backup-") as folder:
            copy = write_backup(self.ctx.store.conn, Path(folder) / "backup.db",
                                source_name=str(self.ctx.data_file))
            return write_output(dest, file_chunks(copy), replace=False)

    def restore(self, source: Path | str | Source) -> Restored:
        """Replace the log with a checked backup (a path, `-`, or a checked source from
        `restore_source`); the replaced data is kept as a backup."""
        from homekit.storage import open_store
        from homekit.storage.restore import restore_into

        data_file = self.ctx.data_file
        done = restore_into(self.ctx.store, source, self.ctx.utc_now())
        self.ctx.store.close()
        self.ctx.store = open_store(data_file)
        return done
