"""Restore loses nothing that was acknowledged: real `homekit log` processes in loops while
another process restores again and again. Every session whose `homekit log` exited 0 is in
the live file or in one of the backups."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from homekit.cli import main
from tests.conftest import HOMEKIT_BIN, cli_env, run_cli

WRITERS = 3
RESTORES = 4

#: Logs one session a week (its own profile) until the stop file appears; prints what was
#: acknowledged (exit status 0).
WRITER = r"""
import datetime as dt, json, subprocess, sys
from pathlib import Path
homekit, db, profile, stop = sys.argv[1:5]
day, acknowledged = dt.date(2001, 1, 1), []
while not Path(stop).exists():
    out = subprocess.run([homekit, "--db", db, "--profile", profile, "log", "--date",
                          day.isoformat()], capture_output=True, text=True)
    if out.returncode == 0:
        acknowledged.append(day.isoformat())
    day += dt.timedelta(days=7)
print(json.dumps(acknowledged))
"""


def sessions(path: Path) -> set[tuple[str, str]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return set(conn.execute("SELECT p.name, s.session_date FROM sessions s "
                                "JOIN profiles p ON p.id = s.profile_id"))
    finally:
        conn.close()


def test_every_acknowledged_session_survives_repeated_restores(tmp_path, capsys):
    db = tmp_path / "homekit.db"
    for n in range(WRITERS):
        assert main(["--db", str(db), "profile", "add", f"w{n}", "--condition", "no"]) == 0
    assert main(["--db", str(db), "backup", str(tmp_path / "source.db")]) == 0
    stop = tmp_path / "stop"
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, HOMEKIT_BIN, str(db), f"w{n}",
                                 str(stop)], stdout=subprocess.PIPE, text=True,
                                env=cli_env(None)) for n in range(WRITERS)]
    try:
        time.sleep(0.5)
        for _ in range(RESTORES):
            out = run_cli("restore", str(tmp_path / "source.db"), db=db)
            assert out.returncode == 0, out.stderr
            time.sleep(0.1)
    finally:
        stop.touch()
    acknowledged = set()
    for n, w in enumerate(writers):
        out, _ = w.communicate(timeout=120)
        acknowledged |= {(f"w{n}", day) for day in json.loads(out)}
    kept = sessions(db)
    backups = list((tmp_path / "backups").glob("*-before-restore*.db"))
    assert len(backups) == RESTORES
    for backup in backups:
        kept |= sessions(backup)
    print(f"{len(acknowledged)} sessions acknowledged by {WRITERS} writers during {RESTORES} "
          f"restores; {len(acknowledged & sessions(db))} in the live file")
    assert acknowledged, "the writers never got a session in"
    assert acknowledged - kept == set()
    assert dt.date(2001, 1, 1).isoformat() in {d for _, d in acknowledged}
