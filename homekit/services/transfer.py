"""Export and import: the transfer formats driven over the store, all or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from homekit.domain.errors import InvalidInput
from homekit.domain.models import Profile, Session, SessionImport
from homekit.services.context import DEFAULT_PROFILE_KEY, OnContext
from homekit.services.events import export_events, import_events
from homekit.storage import treatments as stored_treatments

if TYPE_CHECKING:
    from homekit.files import Source
    from homekit.transfer.importer import ImportReport, ImportTarget

# The transfer formats, the importer and the backup are imported where used: every command
# that loads this module does not need them (CLI start-up).


@contextmanager
def import_source(path: str | Path | Source) -> Iterator[Source]:
    """The file to import as a regular file (homekit.files: `-` and other streams are copied
    once, privately, with the import bound; a database or binary data is refused at once)."""
    from homekit.files import regular_copy
    from homekit.transfer.reader import text_head

    with regular_copy(path, "import", head=text_head) as source:
        yield source


class Transfer(OnContext):
    """Export and import of whole logs (and their photos): all or nothing."""

    # What the import planner asks of the open file (transfer.importer.Source).

    def profile_name(self) -> str:
        return self.ctx.profile_name()

    def now(self) -> dt.datetime:
        return self.ctx.now()

    def export_log(self, fmt: str, *, all_profiles: bool = False) -> str:
        """The export text in `fmt` ("csv" or "json"): sessions oldest first, profiles by age."""
        return "".join(self.export_chunks(fmt, all_profiles=all_profiles))

    def export_chunks(self, fmt: str, *, all_profiles: bool = False) -> Iterator[str]:
        """The export text piece by piece, from one consistent snapshot of the file: memory
        stays flat however long the log. Consume it fully (the snapshot lasts until then)."""
        from homekit.transfer import formats

        if fmt not in formats.FORMATS:
            raise InvalidInput(code="unknown_format",
                               format=fmt, choices=formats.FORMATS)
        profile = None if all_profiles else self.ctx.profile()  # may create `me`: before the snapshot
        return self._export_chunks(fmt, profile)

    def _export_chunks(self, fmt: str, profile: Profile | None) -> Iterator[str]:
        from homekit.transfer import formats

        with self.ctx.store.snapshot():
            profiles = self.ctx.store.profiles() if profile is None else [profile]
            data = [(p, self.ctx.store.iter_sessions(p.id)) for p in profiles]
            extras = {p.name: stored_treatments.profile_extras(self.ctx.store, p.id) for p in profiles}
            events = export_events(self.ctx, profiles)
            yield from (formats.csv_chunks(data, extras=extras, events=events) if fmt == "csv"
                        else formats.json_chunks(data, extras, events))

    def export_to_file(self, path: Path | str, fmt: str, *, all_profiles: bool = False,
                       replace: bool = True) -> Path:
        """Write the export to `path` (homekit.files), owner-only (it is health data), piece
        by piece; `replace=False` refuses an existing file. Returns the full path."""
        from homekit.files import check_output, write_output

        check_output(path, replace=replace)
        chunks = self.export_chunks(fmt, all_profiles=all_profiles)
        return write_output(path, (c.encode("utf-8") for c in chunks), replace=replace)

    def stored_log(self, name: str) -> tuple[Profile, list[Session]] | None:
        """A stored profile and its sessions, for the import planner."""
        profile = self.ctx.store.profile_by_name(name)
        return None if profile is None else (profile, self.ctx.store.sessions(profile.id))

    def stored_settings(self, profile_id: int) -> dict[str, tuple[bool, int | None, int | None]]:
        """A stored profile's treatments rows, for the import planner."""
        return stored_treatments.treatment_settings(self.ctx.store, profile_id)

    def import_file(self, path: str | Path | Source, *, dry_run: bool = False) -> ImportReport:
        """Import `path` (CSV or JSON; `-` is standard input): everything or, on any problem,
        nothing. Read through homekit.files: a stream once, into a private copy, with the
        import bound."""
        with import_source(path) as source:
            return self._import_source(source, dry_run)

    def export_with_photos(self, photos_dir: Path, fmt: str, *, output: Path | str | None = None,
                           all_profiles: bool = False, replace: bool = False) -> str:
        """The JSON export listing the photos, each written to `photos_dir` as <id>.jpg (an
        existing one only with `replace`: all are checked before any is written)."""
        from homekit.services.photo_transfer import export_with_photos

        return export_with_photos(self.ctx, photos_dir, fmt, output=output,
                                  all_profiles=all_profiles, replace=replace)

    def write_export(self, path: Path | str, text: str, *, replace: bool = True) -> Path:
        """Write an export's text owner-only (homekit.files); `replace=False` refuses an
        existing file. Returns the full path."""
        from homekit.files import write_output

        return write_output(path, text.encode("utf-8"), replace=replace)

    def _import_source(self, source: Source, dry_run: bool) -> ImportReport:
        """Import the sessions and then the photos the export lists; every photo is read
        (homekit.files, the photo bound) and checked before anything is stored."""
        from homekit.services.photo_transfer import read_photos, store_photos
        from homekit.transfer import eventfiles

        ready = read_photos(self.ctx, source)
        events = eventfiles.read_entries(source.path, self.ctx.profile_name())
        report = self._import_sessions(source, dry_run)
        report.events_added, report.events_skipped = import_events(self.ctx, events, dry_run)
        if dry_run:
            report.photos_added = len(ready)
            return report
        store_photos(self.ctx, ready, report)
        return report

    def _import_sessions(self, source: Source, dry_run: bool) -> ImportReport:
        from homekit.storage import bulk
        from homekit.storage.backup import automatic_backup
        from homekit.transfer.importer import plan_import
        from homekit.transfer.reader import read_import_file

        file = read_import_file(source.path, name=source.name, short=source.short)
        before = self.ctx.store.data_version()
        plan, report = plan_import(self, file, dry_run)
        report.made_current = self._to_make_current(plan.targets.values())
        if dry_run or (report.sessions_added == 0 and not report.profiles_created):
            report.made_current = report.made_current if dry_run else None
            return report
        if not bulk.is_empty(self.ctx.store):
            report.backup = automatic_backup(self.ctx.store.conn, self.ctx.data_file, "import",
                                             self.ctx.utc_now())
        with self.ctx.store.write():
            if self.ctx.store.data_version() != before:  # another program wrote: look again
                plan, report = plan_import(self, plan.file, dry_run)
                report.made_current = self._to_make_current(plan.targets.values())
            for target in plan.targets.values():
                if not target.exists:
                    target.profile = bulk.insert_profile(self.ctx.store, target.profile)
                # custom treatments before the sessions of them
                stored_treatments.import_extras(self.ctx.store, target.profile.id, target.treatments, [])
            # The file read again, its sessions inserted a batch at a time (flat memory).
            batch: list[SessionImport] = []
            current: ImportTarget | None = None
            for target, item in plan.sessions():
                if current is not None and (target is not current or len(batch) >= 500):
                    bulk.insert_sessions(self.ctx.store, current.profile.id, batch)
                    batch = []
                current = target
                batch.append(item)
            if current is not None:
                bulk.insert_sessions(self.ctx.store, current.profile.id, batch)
            for target in plan.targets.values():
                stored_treatments.import_extras(self.ctx.store, target.profile.id, [], target.products)
            if report.made_current is not None:
                self.ctx.store.set_setting(DEFAULT_PROFILE_KEY, report.made_current)
        if report.made_current is not None:
            self.ctx.use_profile(report.made_current)
        return report

    def _to_make_current(self, targets: Iterable[ImportTarget]) -> str | None:
        """The profile an import makes current: the first the file names, when the current
        profile is not one of them and no stored profile outside the file holds a session
        (a new data file, or one with only the empty `me` that `status` makes)."""
        from homekit.domain.validate import name_key

        named = [t.profile.name for t in targets]
        if not named or name_key(self.ctx.profile_name()) in {name_key(n) for n in named}:
            return None
        keys = {name_key(n) for n in named}
        if any(self.ctx.store.session_count(p.id) for p in self.ctx.store.profiles()
               if name_key(p.name) not in keys):
            return None
        return named[0]
