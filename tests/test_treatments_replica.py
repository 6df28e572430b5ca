"""A replica whose sessions break a conflict window is not restored (the real Litestream)."""

from __future__ import annotations

import subprocess
import time

from homekit.cli import main
from homekit.storage import rule_sql
from tests.test_replica import BOUND, Replicator


def test_a_replica_breaking_a_window_is_not_restored(tmp_path, capsys):
    db, target = tmp_path / "live.db", tmp_path / "restored.db"
    url = (tmp_path / "replica").as_uri()
    assert main(["--db", str(db), "profile", "condition", "no"]) == 0
    assert main(["--db", str(db), "log", "--date", "2026-11-01", "--area", "cheeks"]) == 0
    assert main(["--db", str(target), "profile", "condition", "no"]) == 0
    rep = Replicator(db, url)
    try:
        rep.wait_for("sent")
        # Behind homekit's back: the window's trigger dropped, a peel two days later on the
        # same cheeks, the trigger put back as it was (the schema looks homekit's own).
        done = subprocess.run(["sqlite3", str(db)], text=True, capture_output=True,
                              timeout=BOUND, input=";\n".join((
                                  "DROP TRIGGER sessions_conflict_insert",
                                  "INSERT INTO sessions (profile_id, session_date, areas, "
                                  "created_at, treatment) VALUES "
                                  "(1, '2026-11-03', 'cheeks', 'x', 'peel')",
                                  rule_sql.conflict_triggers()["sessions_conflict_insert"],
                              )) + ";\n")
        assert done.returncode == 0, done.stderr
        capsys.readouterr()
        deadline = time.monotonic() + BOUND
        while time.monotonic() < deadline:
            code = main(["--db", str(target), "restore", "--from-replica", url])
            err = capsys.readouterr().err
            if code != 0 and "peel 2 days after microdermabrasion" in err:
                break
            time.sleep(0.2)
        else:
            raise AssertionError("the peel never reached the replica, or was restored")
    finally:
        code, err = rep.stop()
    assert code == 0, err
    assert main(["--db", str(target), "history", "--json"]) == 0
    assert '"peel"' not in capsys.readouterr().out  # the refused restore stored nothing
