"""Real processes racing to log the same day: exactly one wins, the rest are refused."""

from __future__ import annotations

import sqlite3
import subprocess

import pytest

from tests.conftest import HOMEKIT_BIN, cli_env

RACERS = 8


def race(db_path, day: str, *command: str) -> list[subprocess.CompletedProcess]:
    """RACERS real processes at once: `homekit log` on `day`, or `command` when given."""
    env = cli_env(db_path)
    argv = list(command) or ["log", "--date", day, "--duration", "40"]
    procs = [
        subprocess.Popen([HOMEKIT_BIN, *argv],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                         stdin=subprocess.DEVNULL)
        for _ in range(RACERS)
    ]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(p.args, p.returncode, out, err))
    return results


@pytest.mark.parametrize("fresh_file", [True, False], ids=["new-file", "existing-file"])
def test_racing_processes_store_exactly_one_session(db_path, cli, fresh_file):
    if not fresh_file:
        assert cli("log", "--date", "2026-10-01").returncode == 0
    results = race(db_path, "2026-11-20")
    codes = sorted(r.returncode for r in results)
    assert codes == [0] + [3] * (RACERS - 1), [(r.returncode, r.stderr) for r in results]
    for r in results:
        assert "Traceback" not in r.stderr
        assert "locked" not in r.stderr
        if r.returncode == 3:
            assert "refused" in r.stderr and "2026-11-20" in r.stderr
    conn = sqlite3.connect(db_path)
    rows = conn.execute("SELECT session_date FROM sessions WHERE session_date = '2026-11-20'")
    assert len(rows.fetchall()) == 1
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_many_racers_on_a_new_file_never_see_a_foreign_or_locked_file(tmp_path):
    # A fast first open (sqlite_utils without numpy) once exposed two windows: the switch to
    # WAL answers "locked" without waiting, and the version and tables were read apart.
    # The first command on a new file answers the skin question (required before a first
    # session): every racer opens, creates and migrates the same new file at once.
    for round_ in range(6):
        path = tmp_path / f"new-{round_}.db"
        answered = race(path, "", "profile", "condition", "no")
        assert [r.returncode for r in answered] == [0] * RACERS, [r.stderr for r in answered]
        results = race(path, "2026-11-20")
        assert sorted(r.returncode for r in results) == [0] + [3] * (RACERS - 1), [
            r.stderr for r in results if r.returncode not in (0, 3)]
