"""Automatic backups per data file by their UTC age; leftovers of killed backups; file modes;
outputs that are never replaced without --force."""

from __future__ import annotations

import datetime as dt
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from homekit.cli import main
from homekit.storage import open_store
from homekit.storage.backup import KEEP_AUTOMATIC, automatic_backup, write_backup
from tests.conftest import cli_env, run_cli

UTC = dt.timezone.utc


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def logged(path: Path, *days: str) -> Path:
    assert main(["--db", str(path), "profile", "condition", "no"]) == 0  # asked before a log
    for day in days:
        assert main(["--db", str(path), "log", "--date", day]) == 0
    return path


def test_imports_into_another_file_never_prune_this_files_backups(tmp_path, capsys):
    real, other = logged(tmp_path / "real.db", "2026-10-01"), logged(tmp_path / "other.db",
                                                                      "2026-10-01")
    assert main(["--db", str(real), "restore", str(tmp_path / "other.db")]) == 0
    (kept,) = (tmp_path / "backups").glob("real-*-before-restore.db")
    store = open_store(other)
    try:
        for _ in range(KEEP_AUTOMATIC + 2):
            automatic_backup(store.conn, other, "import")
    finally:
        store.close()
    assert kept.exists()
    assert len(list((tmp_path / "backups").glob("other-*-before-import*.db"))) == KEEP_AUTOMATIC


def test_a_time_zone_change_never_deletes_the_newest_backup(tmp_path):
    db = logged(tmp_path / "homekit.db", "2026-10-01")
    folder = tmp_path / "backups"
    store = open_store(db)
    try:  # ten import backups taken over the last ten hours, named in UTC
        now = dt.datetime.now(UTC)
        seeded = [automatic_backup(store.conn, db, "import", now - dt.timedelta(hours=h))
                  for h in range(10, 0, -1)]
    finally:
        store.close()
    csv = tmp_path / "more.csv"
    csv.write_text("session_date,duration_min,notes\n2026-11-01,30,x\n")
    # Local time 12 hours behind UTC: a name in local time would sort as the oldest.
    out = run_cli("import", str(csv), env=cli_env(db, TZ="Etc/GMT+12"))
    assert out.returncode == 0, out.stderr
    printed = Path(out.stdout.split("Backup taken first: ")[1].strip())
    assert printed.exists() and printed.name.endswith("Z-before-import.db")
    assert not seeded[0].exists() and all(p.exists() for p in seeded[1:])
    assert len(list(folder.glob("*-before-import*.db"))) == KEEP_AUTOMATIC


def test_the_backup_of_the_latest_restore_is_never_pruned(tmp_path):
    db = logged(tmp_path / "homekit.db", "2026-10-01")
    store = open_store(db)
    try:
        now = dt.datetime.now(UTC)
        newer = [automatic_backup(store.conn, db, "restore", now + dt.timedelta(days=d))
                 for d in range(1, KEEP_AUTOMATIC + 1)]  # the clock was ahead back then
        latest = automatic_backup(store.conn, db, "restore", now)  # and is right now
    finally:
        store.close()
    assert latest.exists() and all(p.exists() for p in newer[1:])
    assert not newer[0].exists()


KILLED = r"""
import sys, time
from pathlib import Path
from homekit.storage.backup import new_partial
fd, name = new_partial(Path(sys.argv[1]))
Path(name).write_bytes(b"half a backup")
print(name, flush=True)
time.sleep(60)
"""


def test_a_killed_backups_partial_file_is_removed_by_the_next_backup(tmp_path, capsys):
    db = logged(tmp_path / "homekit.db", "2026-10-01")
    folder = tmp_path / "backups"
    folder.mkdir(mode=0o700)
    holders = [subprocess.Popen([sys.executable, "-c", KILLED, str(folder)], text=True,
                                stdout=subprocess.PIPE) for _ in range(2)]
    killed, running = (Path(p.stdout.readline().strip()) for p in holders)
    os.kill(holders[0].pid, signal.SIGKILL)
    holders[0].wait(timeout=60)
    try:
        assert main(["--db", str(db), "backup"]) == 0
        assert not killed.exists()
        assert running.exists()  # a backup still in progress is left alone
    finally:
        holders[1].kill()
        holders[1].wait(timeout=60)


def test_open_tightens_what_homekit_owns_and_says_so_once(tmp_path, capsys):
    db = logged(tmp_path / "homekit.db", "2026-10-01")
    assert main(["--db", str(db), "backup"]) == 0
    capsys.readouterr()
    folder = tmp_path / "backups"
    (made,) = folder.iterdir()
    os.chmod(db, 0o644)
    os.chmod(folder, 0o777)
    os.chmod(made, 0o644)
    assert main(["--db", str(db), "status"]) == 0
    err = capsys.readouterr().err
    assert f"{db} was open to others (mode 644); now 600" in err
    assert f"{folder} was open to others (mode 777); now 700" in err
    assert f"{made} was open to others" in err
    assert (mode(db), mode(folder), mode(made)) == (0o600, 0o700, 0o600)
    assert main(["--db", str(db), "status"]) == 0
    assert capsys.readouterr().err == ""


def test_a_file_made_by_touch_and_its_companions_are_owner_only(tmp_path):
    db = tmp_path / "touched.db"
    db.touch(mode=0o644)
    os.chmod(db, 0o644)
    out = run_cli("profile", "condition", "no", db=db, env=cli_env(db))  # asked before a log
    assert out.returncode == 0 and "now 600" in out.stderr
    os.chmod(db, 0o644)
    out = run_cli("log", "--date", "2026-10-01", db=db, env=cli_env(db))
    assert out.returncode == 0 and "now 600" in out.stderr
    os.chmod(db, 0o644)  # as `cp` would leave it
    store = open_store(db)  # SQLite gives the -wal and -shm it makes the data file's mode
    try:
        assert [c.new for c in store.mode_changes] == [0o600]
        for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            assert mode(path) == 0o600, path
    finally:
        store.close()


def test_the_default_data_folder_is_tightened_but_a_users_folder_is_not(tmp_path):
    home = tmp_path / "home"
    folder = home / ".local" / "share" / "homekit"
    folder.mkdir(parents=True)
    os.chmod(folder, 0o755)
    mine = tmp_path / "docs"
    mine.mkdir(mode=0o755)
    os.chmod(mine, 0o755)
    env = cli_env(None, HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"))
    assert run_cli("status", env=env).returncode == 0
    assert mode(folder) == 0o700
    assert run_cli("--db", str(mine / "h.db"), "status", env=env).returncode == 0
    assert mode(mine) == 0o755


def test_a_warning_when_a_file_cannot_be_tightened(tmp_path, monkeypatch, capsys):
    db = logged(tmp_path / "homekit.db", "2026-10-01")
    os.chmod(db, 0o640)
    capsys.readouterr()
    monkeypatch.setattr(os, "chmod", lambda *a, **k: (_ for _ in ()).throw(
        PermissionError(1, "Operation not permitted")))
    assert main(["--db", str(db), "status"]) == 0
    assert "warning:" in capsys.readouterr().err
    assert main(["--db", str(db), "check"]) == 1


@pytest.mark.parametrize("command", [
    ["chart", "-o", "{out}.png"], ["export", "-o", "{out}.csv"], ["remind", "-o", "{out}.ics"]],
    ids=["chart", "export", "remind"])
def test_outputs_never_replace_a_file_without_force(tmp_path, capsys, command):
    db = logged(tmp_path / "homekit.db", "2026-10-01")
    args = [a.format(out=tmp_path / "mine") for a in command]
    target = Path(args[-1])
    target.write_bytes(b"the user's own file")
    assert main(["--db", str(db), *args]) == 2
    assert "already exists; add --force to replace it" in capsys.readouterr().err
    assert target.read_bytes() == b"the user's own file"
    assert main(["--db", str(db), *args, "--force"]) == 0
    assert target.read_bytes() != b"the user's own file" and mode(target) == 0o600


def test_a_manual_backup_keeps_its_name_and_refuses_to_overwrite(tmp_path, capsys):
    db = logged(tmp_path / "homekit.db", "2026-10-01")
    store = open_store(db)
    try:
        made = write_backup(store.conn, tmp_path / "mine.db")
    finally:
        store.close()
    assert main(["--db", str(db), "backup", str(made)]) == 2
