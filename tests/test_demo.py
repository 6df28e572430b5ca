"""`homekit demo` fills a new file with a realistic log, and never touches an existing one."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from tests.conftest import run_cli


def test_demo_fills_a_new_file_with_a_realistic_log(tmp_path):
    path = tmp_path / "demo.db"
    out = run_cli("demo", "--db", str(path))
    assert out.returncode == 0, out.stderr
    history = json.loads(run_cli("history", "--json", db=path).stdout)[::-1]
    assert len(history) == 5
    days = [dt.date.fromisoformat(s["session_date"]) for s in history]
    gaps = [(b - a).days for a, b in zip(days, days[1:], strict=False)]
    assert all(10 <= g <= 14 for g in gaps)
    assert 0 < (dt.date.today() - days[-1]).days < 7  # dated relative to today
    worst = [max(r["severity"] for r in s["redness"]) for s in history]
    faded = [s["redness"][0]["faded_after_min"] for s in history]
    assert worst == sorted(worst, reverse=True) and worst[0] > worst[-1]
    assert faded == sorted(faded, reverse=True) and faded[-1] < faded[0]
    assert all(s["glasses_worn"] for s in history)
    status = json.loads(run_cli("status", "--json", db=path).stdout)
    assert status["sessions_done"] == 5 and status["sessions_remaining"] > 0


def test_demo_refuses_an_existing_file_and_leaves_it_alone(tmp_path):
    path = tmp_path / "mine.db"
    assert run_cli("profile", "condition", "no", db=path).returncode == 0
    assert run_cli("log", "--date", "2026-01-05", db=path).returncode == 0
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    out = run_cli("demo", "--db", str(path))
    assert out.returncode == 2 and "already exists" in out.stderr
    assert out.stderr.count("\n") == 1
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_demo_accepts_an_empty_file(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    assert run_cli("demo", "--db", str(path)).returncode == 0


def test_demo_fills_the_profile_named_by_profile(tmp_path):
    path = tmp_path / "demo.db"
    out = run_cli("--profile", "ana", "demo", "--db", str(path))
    assert out.returncode == 0, out.stderr
    assert "profile ana," in out.stdout
    profiles = json.loads(run_cli("profile", "list", "--json", db=path).stdout)
    assert [p["name"] for p in profiles] == ["ana"]  # no 'me' beside it
    status = json.loads(run_cli("status", "--json", db=path).stdout)  # ana is the default
    assert status["profile"] == "ana" and status["sessions_done"] == 5
    photos = json.loads(run_cli("photo", "list", "--json", db=path).stdout)
    assert len(photos) == 3
