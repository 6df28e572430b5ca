"""What the commands print, built by `homekit.words` (words/commands.py) from plain facts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

from homekit import words


def _import(**kw: object) -> SimpleNamespace:
    facts: dict[str, object] = dict(
        dry_run=False, sessions_added=1, observations_added=0, identical_skipped=0,
        profiles_created=[], photos_added=0, photos_skipped=0, backup=None, path=Path("log.csv"),
        name="log.csv", made_current=None)
    facts.update(kw)
    return SimpleNamespace(**facts)


def test_counts_take_the_singular_for_one() -> None:
    assert words.undo_steps_forgotten(1) == "Forgot 1 undo step."
    assert words.undo_steps_forgotten(0) == "Forgot 0 undo steps."
    one = SimpleNamespace(pages=1, path=Path("r.pdf"))
    assert words.report_written(one) == "Wrote the report (1 page) to r.pdf"
    assert words.report_written(SimpleNamespace(pages=3, path=Path("r.pdf"))) \
        == "Wrote the report (3 pages) to r.pdf"
    reminders = SimpleNamespace(count=1, path=Path("a.ics"), first_date=dt.date(2026, 12, 2),
                                cancelled=0, zone="Europe/Paris")
    assert words.reminders_written(reminders, "09:00").startswith(
        "Wrote 1 reminder to a.ics, the first on 2026-12-02 at 09:00 Europe/Paris. ")
    reminders.cancelled = 1
    assert words.reminders_written(reminders, "09:00").startswith(
        "Wrote 1 reminder to a.ics, the first on 2026-12-02 at 09:00 Europe/Paris; 1 earlier "
        "reminder no longer planned, marked cancelled. ")
    reminders.zone, reminders.cancelled = "UTC", 2
    assert ("at 09:00 UTC (no time zone found: choose one with --tz); 2 earlier reminders "
            in words.reminders_written(reminders, "09:00"))


def test_import_lines_for_a_dry_run_a_repeat_and_a_real_import() -> None:
    dry = _import(dry_run=True, sessions_added=2, identical_skipped=1, photos_added=1)
    assert words.import_lines(dry) == [
        "Dry run: would import 2 sessions (0 redness observations); 1 identical session "
        "already stored, skipped. Nothing was stored.",
        "Photos: would import 1."]
    again = _import(sessions_added=0, identical_skipped=4)
    assert words.import_lines(again) == [
        "Nothing new to import: all 4 sessions in log.csv are already stored."]
    done = _import(profiles_created=["ann"], photos_skipped=2, backup=Path("b.db"))
    assert words.import_lines(done) == [
        "Imported 1 session (0 redness observations); new profile: ann.",
        "Photos: imported 0, 2 already stored, skipped.",
        "Backup taken first: b.db"]


def test_hostile_text_is_made_visible() -> None:
    backup = Path("/tmp/x y/\x1b[31mred.db")
    line = words.photo_deleted((SimpleNamespace(id=7), backup))
    assert "\x1b" not in line
    assert line == "Deleted photo 7. To undo: homekit restore '/tmp/x y/\\x1b[31mred.db'"
    assert "\x1b" not in words.backup_written(backup)
    err = OSError(13, "Permission denied", "/tmp/\x1b]0;owned\x07")
    assert words.cannot_use(err) == (
        "homekit: error: cannot use /tmp/\\x1b]0;owned\\x07: Permission denied")
    assert "\u202e" not in words.usage_error("homekit log", "bad \u202e value")
    step = SimpleNamespace(kind="profile_deleted", created_at="2026-11-25T09:30:00",
                           facts={"profile": "a\x1bb", "sessions": 1})
    assert words.undo_list_line(1, step) == (
        "  1. 2026-11-25 09:30:00  deleted profile 'a\\x1bb' with 1 session")
