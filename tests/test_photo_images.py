"""Issue 22: a photo's bytes live in `photo_images`, where no listing reads them; a file from
before (the bytes inside `photos`) is migrated with every photo byte-identical."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from homekit.cli import main
from homekit.domain.models import SessionDraft
from homekit.services import Homekit
from homekit.storage.schema import SCHEMA_VERSION
from tests.conftest import NOW
from tests.dbfiles import integrity
from tests.images import jpeg_with_gps, picture


def older_file_with_photos(path: Path, count: int) -> dict[int, bytes]:
    """A file as the schema before the photos' own table left it: two profiles, sessions, and
    `count` photos whose bytes sit inside `photos` (each a different size, some of several
    pages). Returns id -> bytes."""
    from homekit.storage import migrations
    from homekit.storage.migrations import Database
    from homekit.storage.schema import MIGRATION_NAMES

    moved = next(n for n in MIGRATION_NAMES if n.endswith("_photo_images"))
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrations.migrations.apply(Database(conn), stop_before=moved)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == MIGRATION_NAMES.index(moved)
    for name in ("me", "Ana"):
        conn.execute("INSERT INTO profiles (name, has_skin_condition, created_at) "
                     "VALUES (?, 0, '2026-01-01T10:00:00')", (name,))
    conn.execute("INSERT INTO sessions (profile_id, session_date, created_at) "
                 "VALUES (1, '2026-10-01', 'x')")
    stored = {}
    for i in range(count):
        # Bytes that differ everywhere, from one page to about sixty.
        image = b"\xff\xd8\xff" + hashlib.sha256(str(i).encode()).digest() * (1 + i * 1200)
        cur = conn.execute(
            "INSERT INTO photos (profile_id, session_id, area, taken_on, notes, mime, width, "
            "height, image, created_at) VALUES (?, ?, 'cheeks', '2026-10-01', ?, 'image/jpeg', "
            "100, 80, ?, '2026-10-01T10:00:00')",
            (1 + i % 2, 1 if i % 3 == 0 else None, f"photo {i}", image))
        stored[int(cur.lastrowid)] = image
    conn.close()
    return stored


def test_an_older_file_keeps_every_photo_byte_for_byte(tmp_path):
    db = tmp_path / "old.db"
    before = older_file_with_photos(db, 12)
    for profile in ("me", "Ana"):
        hk = Homekit.open(db, profile, now=lambda: NOW)  # the first open migrates
        try:
            listed = hk.photos.photos()
            assert listed and all(p.profile_id == hk.profile().id for p in listed)
            for p in listed:
                assert hk.photos.photo_bytes(p.id) == before[p.id]
                assert p.size == len(before[p.id])
                assert p.notes == f"photo {p.id - 1}" and p.created_at == "2026-10-01T10:00:00"
        finally:
            hk.close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert sorted(conn.execute("SELECT photo_id FROM photo_images")) == [(i,) for i in before]
    assert "image" not in {r[1] for r in conn.execute("PRAGMA table_info(photos)")}
    conn.close()
    assert integrity(db) == ["ok"]
    assert main(["--db", str(db), "check"]) == 0
    # The backup taken before the migration still holds them the old way.
    (backup,) = (tmp_path / "backups").glob("*-before-migration*.db")
    old = sqlite3.connect(backup)
    assert dict(old.execute("SELECT id, image FROM photos")) == before
    old.close()


def test_restoring_an_older_backup_with_photos_keeps_them(tmp_path, capsys):
    old = tmp_path / "old.db"
    before = older_file_with_photos(old, 4)
    live = tmp_path / "live.db"
    Homekit.open(live).close()
    assert main(["--db", str(live), "restore", str(old)]) == 0, capsys.readouterr().err
    hk = Homekit.open(live, now=lambda: NOW)
    try:
        assert {p.id: hk.photos.photo_bytes(p.id) for p in hk.photos.photos()} == {
            i: b for i, b in before.items() if i % 2 == 1}  # me's: photos 1, 3 of 4
    finally:
        hk.close()


def test_no_listing_reads_the_bytes(hk: Homekit, tmp_path):
    """What the listings and the counts ask SQLite, traced: never the images' table."""
    session = hk.sessions.log_session(SessionDraft(NOW.date())).session
    for seed in range(3):
        src = jpeg_with_gps(tmp_path / f"{seed}.jpg", seed=seed)
        hk.photos.add_photo(src, session_id=session.id, area="cheeks")
    asked: list[str] = []
    hk.ctx.store.conn.set_trace_callback(asked.append)
    try:
        listed = hk.photos.photos()
        hk.photos.photos(area="cheeks")
        hk.photos.photos(session_id=session.id)
        hk.photos.photo(listed[0].id)
        hk.photos.photo_counts()
        hk.status.status()
    finally:
        hk.ctx.store.conn.set_trace_callback(None)
    assert asked and not [sql for sql in asked if "image" in sql]
    assert [p.size for p in listed] == [len(hk.photos.photo_bytes(p.id)) for p in listed]


def test_deleting_a_photo_deletes_its_bytes(hk: Homekit, tmp_path):
    im = picture(300, 200)
    im.save(tmp_path / "p.png")
    photo = hk.photos.add_photo(tmp_path / "p.png")
    hk.photos.delete_photo(photo.id)
    conn = sqlite3.connect(hk.data_file)
    assert conn.execute("SELECT count(*) FROM photo_images").fetchone()[0] == 0
    conn.close()
