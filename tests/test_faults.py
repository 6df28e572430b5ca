"""Faults a real user's machine produces: kills mid-write, damaged files, a full disk, clocks.

Every test drives the installed `homekit` in real processes (or the services with a fake
clock) and checks the outcome on the file itself: `PRAGMA integrity_check`, the rows, the
bytes. None of them asserts on timing; the random kill moments only decide *where* a process
dies, and every invariant checked must hold wherever that is.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import resource
import signal
import sqlite3
import statistics
import subprocess
import time
from pathlib import Path

import pytest

from homekit.domain.models import SessionChanges, SessionDraft
from homekit.services import Homekit
from homekit.storage import open_store
from homekit.storage.schema import SCHEMA_VERSION
from tests.conftest import HOMEKIT_BIN, NOW, cli_env, run_cli
from tests.dbfiles import digest

TODAY = dt.date.today()


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def one_line_error(r: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in r.stderr, r.stderr
    assert "unexpected error" not in r.stderr, r.stderr
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, r.stderr
    return lines[0]


def rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def close_pairs(path: Path) -> list[tuple]:
    """Pairs of sessions of one profile closer than the rule allows (must always be empty)."""
    return rows(path, """
        SELECT a.id, b.id FROM sessions a JOIN sessions b
          ON a.profile_id = b.profile_id AND a.id < b.id
        JOIN profiles p ON p.id = a.profile_id
        WHERE abs(julianday(a.session_date) - julianday(b.session_date)) < 7""")


# -- crash safety: SIGKILL at a random moment -----------------------------------------------

KILLS_WANTED = 30
MAX_ATTEMPTS = 90


def crash_args(i: int) -> tuple[list[str], dict]:
    """A `log` command with every field set, and what a stored row must then hold."""
    day = ago(7 * (i + 1))
    expected = {
        "session_date": day.isoformat(),
        "start_time": f"{8 + i % 12:02d}:{i % 60:02d}",
        "duration_min": 10 + i % 170,
        "areas": ["cheeks", "nose"],
        "device_level": 1 + i % 10,
        "glasses_worn": True,
        "stinging": i % 4,
        "notes": f"crash test {i}: " + "\u00e9t\u00e9 \U0001f600 " * 300,  # ~3 KB: spills a page
        "redness": {"severity": i % 5, "faded_after_min": 5 + i},
    }
    args = ["log", "--date", day.isoformat(), "--time", expected["start_time"],
            "--duration", str(expected["duration_min"]), "--area", "cheeks", "--area", "nose",
            "--level", str(expected["device_level"]), "--glasses",
            "--stinging", str(expected["stinging"]), "--notes", expected["notes"],
            "--redness", str(i % 5), "--faded-after", str(5 + i)]
    return args, expected


def test_sigkill_at_random_moments_loses_nothing_reported_and_leaves_no_half_row(db_path):
    seed = int(os.environ.get("HOMEKIT_CRASH_SEED", "0")) or random.randrange(1, 2**31)
    rng = random.Random(seed)
    env = cli_env(db_path)
    # The file exists and is migrated first, so each run spends its time on the write itself.
    assert run_cli("profile", "condition", "no", db=db_path).returncode == 0  # before a first log

    # One undisturbed run tells how long a `log` takes here; kill moments are spread over it.
    t0 = time.monotonic()
    args, _ = crash_args(0)
    first = run_cli(*args, db=db_path)
    span = max(0.05, time.monotonic() - t0)
    finished = [span]
    assert first.returncode == 0, first.stderr
    reported = {0}
    kills = committed_then_killed = 0
    attempts = 1
    while kills < KILLS_WANTED and attempts < MAX_ATTEMPTS:
        i = attempts
        attempts += 1
        args, _ = crash_args(i)
        started = time.monotonic()
        proc = subprocess.Popen([HOMEKIT_BIN, *args], env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # half the kills anywhere in the run, half in its last part, where it writes
        delay = rng.uniform(0, 1.1 * span) if i % 2 else rng.uniform(0.6 * span, 1.1 * span)
        while proc.poll() is None and time.monotonic() - started < delay:
            time.sleep(0.002)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        else:
            # It finished first: runs take less time now than the first one took (bytecode
            # cached, a quieter machine); aim the next kills at what runs take now.
            finished.append(time.monotonic() - started)
            span = max(0.05, statistics.median(finished[-7:]))
        out, err = proc.communicate(timeout=60)
        if proc.returncode == -signal.SIGKILL:
            kills += 1
        elif proc.returncode == 0:
            assert "Logged session" in out and "Next eligible date" in out, (out, err)
            reported.add(i)
        else:
            pytest.fail(f"seed {seed}: run {i} exited {proc.returncode}: {err}")

    assert kills >= KILLS_WANTED, f"seed {seed}: only {kills} kills in {attempts} runs"
    # homekit itself must open what the kills left (hot WAL, stale -shm) and agree with it.
    hist = run_cli("history", "--json", db=db_path)
    assert hist.returncode == 0, f"seed {seed}: {hist.stderr}"
    assert rows(db_path, "PRAGMA integrity_check") == [("ok",)]
    assert rows(db_path, "PRAGMA foreign_key_check") == []
    stored = {s["session_date"]: s for s in json.loads(hist.stdout)}
    lost = []
    for i in range(attempts):
        _, want = crash_args(i)
        got = stored.get(want["session_date"])
        if got is None:
            if i in reported:
                lost.append(i)
            continue
        committed_then_killed += i not in reported
        # all or nothing: the row and its redness observation were written together
        for key in ("start_time", "duration_min", "areas", "device_level", "glasses_worn",
                    "stinging", "notes"):
            assert got[key] == want[key], f"seed {seed}: run {i} half-written: {key}"
        assert [(r["severity"], r["faded_after_min"]) for r in got["redness"]] == [
            (want["redness"]["severity"], want["redness"]["faded_after_min"])
        ], f"seed {seed}: run {i} lost or doubled its redness"
    assert lost == [], f"seed {seed}: reported as logged but missing: {lost}"
    assert len(stored) == len(reported) + committed_then_killed
    assert close_pairs(db_path) == []
    # and it still takes new sessions
    assert run_cli("log", "--duration", "30", db=db_path).returncode == 0
    print(f"crash loop (seed {seed}): {attempts} runs, {kills} SIGKILLs, {len(reported)} "
          f"reported logged, 0 of them lost, {committed_then_killed} committed just before "
          f"their kill, 0 half-written rows")


# -- damaged and foreign files ----------------------------------------------------------------

#: Every command that opens the file, as a user would type it.
COMMANDS = [
    ["status", "--json"], ["history", "--json"], ["log", "--duration", "30"],
    ["edit", "1", "--notes", "x"], ["profile", "add", "ana"],
]


def healthy_file(folder: Path, sessions: int = 30) -> Path:
    """A checkpointed homekit file with `sessions` sessions (notes long enough for many pages)."""
    path = folder / "homekit.db"
    store = open_store(path)
    hk = Homekit(store, now=lambda: dt.datetime.combine(TODAY, dt.time(9, 30)))
    hk.profiles.record_skin_condition(False, False)  # required before the first session
    for i in range(sessions):
        hk.sessions.log_session(SessionDraft(session_date=ago(7 * (i + 1)),
                                    notes=f"session {i} " + "n" * 1500))
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


def random_bytes(folder: Path) -> Path:
    path = folder / "h.db"
    path.write_bytes(random.Random(1).randbytes(20000))
    return path


def truncated(folder: Path, keep) -> Path:
    path = healthy_file(folder)
    data = path.read_bytes()
    path.write_bytes(data[: keep(len(data))])
    return path


def corrupt_schema_page(folder: Path) -> Path:
    path = healthy_file(folder)
    data = bytearray(path.read_bytes())
    data[100:4096] = random.Random(6).randbytes(4096 - 100)  # page 1 minus its header
    path.write_bytes(bytes(data))
    return path


def other_program(folder: Path) -> Path:
    path = folder / "bookmarks.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE bookmarks (url TEXT, title TEXT)")
    conn.executemany("INSERT INTO bookmarks VALUES (?, ?)", [("https://example.org", "x")] * 50)
    conn.commit()
    conn.close()
    return path


def other_program_same_table_names(folder: Path) -> Path:
    """Another program's database that happens to have tables named profiles and sessions."""
    path = folder / "webapp.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE profiles (id INTEGER PRIMARY KEY, email TEXT)")
    conn.execute("CREATE TABLE sessions (token TEXT, user_id INTEGER)")
    conn.execute("INSERT INTO profiles VALUES (1, 'a@example.org')")
    conn.execute("INSERT INTO sessions VALUES ('abc', 1)")
    conn.commit()
    conn.close()
    return path


def future_schema(folder: Path) -> Path:
    path = healthy_file(folder, sessions=3)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.execute("CREATE TABLE IF NOT EXISTS sessions_v9 (x)")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def read_only(folder: Path) -> Path:
    path = healthy_file(folder, sessions=3)
    path.chmod(0o444)
    return path


DAMAGED = {
    "truncated-in-header": (lambda f: truncated(f, lambda n: 60), "damaged"),
    "truncated-to-header": (lambda f: truncated(f, lambda n: 100), "damaged"),
    "truncated-half": (lambda f: truncated(f, lambda n: n // 2), "damaged"),
    "truncated-last-page": (lambda f: truncated(f, lambda n: n - 4096), "damaged"),
    "truncated-mid-page": (lambda f: truncated(f, lambda n: n - 1000), "damaged"),
    "random-bytes": (random_bytes, "not a SQLite database"),
    "schema-page-garbled": (corrupt_schema_page, "damaged"),
    "other-program": (other_program, "another program"),
    "other-program-same-table-names": (other_program_same_table_names, "another program"),
    "future-schema": (future_schema, "newer homekit"),
    "read-only": (read_only, "read-only"),
}


@pytest.mark.parametrize("case", list(DAMAGED))
def test_damaged_or_foreign_file_gets_one_line_and_is_left_byte_for_byte(tmp_path, case):
    make, needle = DAMAGED[case]
    path = make(tmp_path)
    before, files = digest(path), sorted(os.listdir(tmp_path))
    for args in COMMANDS:
        r = run_cli("--db", str(path), *args)
        assert digest(path) == before, f"{case}: {args} changed the file ({r.stderr})"
        # no -wal, -shm or -journal left behind that a later open would apply to the file
        assert sorted(os.listdir(tmp_path)) == files, (args, os.listdir(tmp_path))
        assert r.returncode == 1, (args, r.returncode, r.stdout, r.stderr)
        assert needle in one_line_error(r), (args, r.stderr)


def test_missing_folder_is_never_created_by_any_command(tmp_path):
    path = tmp_path / "typo" / "deeper" / "homekit.db"
    for args in COMMANDS:
        r = run_cli("--db", str(path), *args)
        assert r.returncode == 1, (args, r.stderr)
        assert "does not exist" in one_line_error(r)
    assert os.listdir(tmp_path) == []


# -- a full disk, simulated with a file-size limit on the child process ----------------------


def limited(max_bytes: int):
    """preexec_fn: writes past `max_bytes` fail with EFBIG (SIGXFSZ ignored, so no kill)."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))

    return apply


def run_limited(path: Path, max_bytes: int, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([HOMEKIT_BIN, "--db", str(path), *args], capture_output=True,
                          text=True, env=cli_env(), timeout=60, stdin=subprocess.DEVNULL,
                          preexec_fn=limited(max_bytes))


def dump(path: Path) -> list[str]:
    """The whole content, as SQL, read the way any later open would (applying a -wal)."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.mark.parametrize("args", [
    ["log", "--notes", "y" * 9000], ["redness", "--severity", "2", "--notes", "z" * 9000],
    ["profile", "add", "ana"],
], ids=["log", "redness", "profile-add"])
def test_full_disk_refuses_the_write_and_keeps_the_file(tmp_path, args):
    path = healthy_file(tmp_path)
    before, content = digest(path), dump(path)
    r = run_limited(path, 0, *args)  # not one more byte anywhere: not even the -wal
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert "disk is full" in one_line_error(r)
    assert digest(path) == before
    assert dump(path) == content  # whatever was left beside it changes nothing
    after = run_cli("history", "--json", db=path)
    assert after.returncode == 0, after.stderr
    assert len(json.loads(after.stdout)) == 30


def test_disk_full_after_commit_keeps_what_was_reported_logged(tmp_path):
    """The -wal takes the commit, then the disk fills before the main file can grow.

    SQLite has the session (it is committed in the -wal and moved into the main file at the
    next checkpoint), so homekit must open the file afterwards and show it.
    """
    path = healthy_file(tmp_path)
    r = run_limited(path, path.stat().st_size, "log", "--notes", "kept " + "y" * 9000)
    assert r.returncode == 0, r.stderr  # the write itself fitted in the -wal
    after = run_cli("history", "--json", db=path)
    assert after.returncode == 0, f"reported logged, then refused: {after.stderr.strip()}"
    notes = [s["notes"] for s in json.loads(after.stdout)]
    assert any(n.startswith("kept ") for n in notes)
    assert rows(path, "PRAGMA integrity_check") == [("ok",)]


@pytest.mark.parametrize("max_bytes", [0, 4096], ids=["no-room", "one-page"])
def test_full_disk_on_a_new_file_is_a_one_line_error(tmp_path, max_bytes):
    path = tmp_path / "homekit.db"
    r = run_limited(path, max_bytes, "log")
    assert r.returncode == 1, (r.stdout, r.stderr)
    msg = one_line_error(r)
    assert "disk is full" in msg or "cannot write" in msg or "cannot create" in msg, msg
    # whatever was left is either nothing or a file homekit can start over with
    after = run_cli("status", "--json", db=path)
    assert after.returncode == 0, after.stderr
    assert json.loads(after.stdout)["sessions_done"] == 0


# -- clock trouble ----------------------------------------------------------------------------


def test_clock_moved_back_past_the_last_session_is_explained_and_loses_nothing(store):
    real = Homekit(store, now=lambda: NOW)
    real.profiles.record_skin_condition(False, False)  # required before the first session
    days = [NOW.date() - dt.timedelta(days=n) for n in (14, 7, 0)]
    for d in days:
        real.sessions.log_session(SessionDraft(session_date=d, notes=f"on {d}"))
    real.redness.add_redness(None, 2, None, "still red")

    back = NOW - dt.timedelta(days=30)
    skewed = Homekit(store, now=lambda: back)
    st = skewed.status.status()
    assert st.sessions_done == 3 and st.last_session_date == NOW.date()
    assert st.days_until_eligible == (NOW.date() + dt.timedelta(days=7) - back.date()).days > 0
    assert st.next_eligible_date == NOW.date() + dt.timedelta(days=7)
    assert st.projected_completion_date >= st.next_eligible_date
    assert st.clock_warning and st.clock_warning.facts["latest"] == NOW.date()
    from homekit.words import status_text

    text = status_text(st)
    assert "clock" in text and "-" + str(st.days_until_eligible) not in text
    json.dumps(st.to_json("a warning"))  # the --json form serialises

    # nothing is hidden, and the future-dated sessions can still be corrected
    assert [s.session_date for s in skewed.sessions.history(newest_first=False)] == days
    latest = skewed.sessions.history()[0]
    assert latest.redness and latest.redness[0].notes == "still red"
    skewed.sessions.edit_session(latest.id, SessionChanges(notes="corrected while the clock was wrong"))
    skewed.redness.add_redness(latest.id, 1, 20)
    # a date the wrong clock calls "future" is refused as such, not silently stored
    with pytest.raises(Exception, match="future"):
        skewed.sessions.log_session(SessionDraft(session_date=NOW.date() - dt.timedelta(days=1)))
    # what the wrong clock calls today is >= 7 days from every session, so the rule allows it
    skewed.sessions.log_session(SessionDraft(session_date=back.date(), notes="logged with a wrong clock"))

    fixed = Homekit(store, now=lambda: NOW + dt.timedelta(days=1))
    st = fixed.status.status()
    assert st.clock_warning is None and st.sessions_done == 4
    assert fixed.sessions.history()[0].notes == "corrected while the clock was wrong"
    assert close_pairs(store.path) == []


ZONES = ("Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC", "America/St_Johns", "Asia/Kathmandu")


def local_today(zone: str) -> set[dt.date]:
    from zoneinfo import ZoneInfo

    return {dt.datetime.now(ZoneInfo(zone)).date()}


def test_time_zone_changes_shift_no_stored_date(db_path):
    """Dates are calendar dates of the place the user is: a flight must not move them."""
    east, west = "Pacific/Kiritimati", "Pacific/Pago_Pago"  # UTC+14 and UTC-11: 25 h apart
    explicit = [ago(30 + 7 * i).isoformat() for i in range(3)]
    assert run_cli("profile", "condition", "no", db=db_path).returncode == 0
    for d, zone in zip(explicit, ZONES[:3], strict=True):
        r = run_cli("log", "--date", d, "--time", "23:30", env=cli_env(db_path, TZ=zone))
        assert r.returncode == 0, r.stderr
    east_days = local_today(east)
    r = run_cli("log", "--json", env=cli_env(db_path, TZ=east))
    east_days |= local_today(east)
    assert r.returncode == 0, r.stderr
    logged_east = json.loads(r.stdout)["session_date"]
    assert dt.date.fromisoformat(logged_east) in east_days  # today where the user is

    seen = {}
    for zone in ZONES:
        h = run_cli("history", "--json", env=cli_env(db_path, TZ=zone))
        assert h.returncode == 0, h.stderr
        seen[zone] = [(s["session_date"], s["start_time"], s["created_at"])
                      for s in json.loads(h.stdout)]
    assert len({tuple(v) for v in seen.values()}) == 1, seen  # identical in every zone
    assert [d for d, _, _ in seen["UTC"]] == [logged_east, *explicit]

    # Flying west, the session logged "today" in the east is tomorrow here: explained, kept,
    # and today is refused by the rule (it is 1 or 2 days before that session).
    w = run_cli("status", "--json", env=cli_env(db_path, TZ=west))
    assert w.returncode == 0, w.stderr
    st = json.loads(w.stdout)
    assert st["sessions_done"] == 4 and st["last_session_date"] == logged_east
    assert st["days_until_eligible"] >= 7
    if dt.date.fromisoformat(st["today"]) < dt.date.fromisoformat(logged_east):
        assert st["clock_warning"], st
    r = run_cli("log", env=cli_env(db_path, TZ=west))
    assert r.returncode == 3, r.stderr
    assert logged_east in one_line_error(r)
    text = run_cli("status", env=cli_env(db_path, TZ=west))
    assert text.returncode == 0 and "Traceback" not in text.stderr
    assert close_pairs(db_path) == []
