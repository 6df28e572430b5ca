"""Replication holes: two `replicate` processes on one file, and an empty `--timestamp`.

Real processes and the real Litestream binary, to file:// replicas in tmp_path (no network).
"""

from __future__ import annotations

from pathlib import Path

from homekit.cli import main
from tests.conftest import answer_condition, run_cli
from tests.dbfiles import dates, digest
from tests.test_replica import BOUND, Replicator


def logged(db: Path, *days: str) -> Path:
    answer_condition(db)
    for day in days:
        assert run_cli("log", "--date", day, db=db).returncode == 0
    return db


def test_a_second_replicate_on_the_same_file_is_refused_in_one_line(tmp_path):
    db = logged(tmp_path / "live.db", "2026-11-01")
    first = Replicator(db, (tmp_path / "replica").as_uri())
    try:
        first.wait_for("Replicating")
        second = run_cli("replicate", (tmp_path / "other").as_uri(), db=db, timeout=BOUND)
        assert second.returncode == 1
        assert second.stderr.count("\n") == 1
        assert "is already being replicated by another homekit replicate (process " \
               f"{first.proc.pid})" in second.stderr
        assert not (tmp_path / "other").exists()  # it never started Litestream
        assert first.proc.poll() is None  # the first one goes on
        first.wait_for("sent")
    finally:
        code, err = first.stop()
    assert code == 0, err
    # The lock goes with the process: a new one may start.
    again = Replicator(db, (tmp_path / "replica").as_uri())
    try:
        again.wait_for("sent")
    finally:
        code, err = again.stop()
    assert code == 0, err


def test_replicating_another_file_beside_it_is_not_blocked(tmp_path):
    a = logged(tmp_path / "a.db", "2026-11-01")
    b = logged(tmp_path / "b.db", "2026-11-01")
    one, two = Replicator(a, (tmp_path / "ra").as_uri()), Replicator(b, (tmp_path / "rb").as_uri())
    try:
        one.wait_for("sent")  # running (a Ctrl-C before Litestream starts ends in 130)
        two.wait_for("sent")
    finally:
        assert one.stop()[0] == 0 and two.stop()[0] == 0


def test_an_empty_timestamp_is_refused_and_nothing_is_restored(tmp_path, capsys):
    live = logged(tmp_path / "live.db", "2026-11-01", "2026-11-08")
    url = (tmp_path / "replica").as_uri()
    rep = Replicator(live, url)
    try:
        rep.wait_for("sent")
    finally:
        assert rep.stop()[0] == 0
    target = logged(tmp_path / "target.db", "2026-10-01")
    before = digest(target)
    for empty in ("", "   "):
        assert main(["--db", str(target), "restore", "--from-replica", url,
                     "--timestamp", empty]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "is not a date and time" in err
    assert digest(target) == before and dates(target) == ["2026-10-01"]
    assert not list(tmp_path.glob("backups/*-before-restore.db"))
