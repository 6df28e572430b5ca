"""The process the `homekit` entry point runs in (`homekit.launch`): the collector's settings,
and nothing lost when the exit no longer walks every object (real processes)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import HOMEKIT_BIN, cli_env


def run_entry(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([HOMEKIT_BIN, *argv], capture_output=True, text=True, timeout=60,
                          env=env, stdin=subprocess.DEVNULL)


def test_the_entry_point_collects_cycles_less_often_and_still_collects_them(tmp_path):
    # The young generation collected after COLLECT_AFTER new objects (not 700), the collector
    # still on, a garbage cycle made after start-up freed without waiting for exit, and what
    # is left frozen once the command is over.
    script = (
        "import gc, sys, weakref\n"
        "sys.argv = ['homekit', '--db', sys.argv[1], 'status', '--json']\n"
        "from homekit import launch\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    code = launch.main()\n"
        "frozen = gc.get_freeze_count()\n"
        "class Node: pass\n"
        "a, b = Node(), Node(); a.b, b.a = b, a\n"
        "gone = weakref.ref(a); del a, b\n"
        "junk = [[] for _ in range(2 * launch.COLLECT_AFTER)]\n"
        "print(code, gc.isenabled(), gc.get_threshold()[0], gone() is None, frozen > 1000)\n")
    run = subprocess.run([sys.executable, "-c", script, str(tmp_path / "h.db")],
                         capture_output=True, text=True, timeout=60,
                         env=cli_env(tmp_path / "h.db"), stdin=subprocess.DEVNULL)
    assert run.stdout.split() == ["0", "True", "50000", "True", "True"], run.stderr[-800:]


def test_nothing_is_left_to_the_exit_that_freezes_what_is_left(tmp_path):
    # The data file is closed by the command (SQLite removes its WAL companions when the last
    # connection closes), and every file written and all of standard output are complete.
    db = tmp_path / "h.db"
    env = cli_env(db)
    for argv in (["profile", "condition", "no"], ["log", "--date", "2026-01-05"],
                 ["redness", "--severity", "2", "--faded-after", "20"],
                 ["log", "--date", "2026-01-12"]):
        run = run_entry(argv, env)
        assert run.returncode == 0, run.stderr[-800:]
        assert sorted(p.name for p in tmp_path.iterdir()) == ["h.db"], argv
    out = tmp_path / "out.json"
    assert run_entry(["export", "-o", str(out)], env).returncode == 0
    assert [s["session_date"] for s in json.loads(out.read_text())["profiles"][0]["sessions"]] == [
        "2026-01-05", "2026-01-12"]
    status = run_entry(["status", "--json"], env)
    assert json.loads(status.stdout)["sessions_done"] == 2
    history = run_entry(["history", "--json"], env)
    assert len(json.loads(history.stdout)) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.db", "out.json"]
