"""The app open in one process while the real CLI writes in others.

The app runs headless (Textual's `run_test`) in this process with its own connection; the
CLI runs as real `homekit` processes. Screens are polled with a generous deadline, never
waited for with a fixed sleep. What must hold: both see the same sessions, a busy file is
waited for (no "database is locked" reaches the user), and the rule holds across processes.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable

import pytest

from homekit.services import Homekit
from homekit.storage import open_store
from tests.conftest import HOMEKIT_BIN, cli_env, run_cli

pytest.importorskip("homekit.tui.app")

TODAY = dt.date.today()
DEADLINE = 30.0  # seconds: generous, so a loaded machine is never mistaken for a bug


def ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


async def until(pilot, condition: Callable[[], bool], what: str) -> None:
    end = time.monotonic() + DEADLINE
    while not condition():
        if time.monotonic() > end:
            pytest.fail(f"not seen within {DEADLINE:.0f} s: {what}")
        await pilot.pause(0.05)


def notifications(app) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def dashboard_status(app):
    from homekit.tui.screens.dashboard import DashboardScreen

    screen = app.screen
    return screen.status if isinstance(screen, DashboardScreen) else None


def cli_status(db) -> dict:
    r = run_cli("status", "--json", db=db)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def same_truth(st, cli: dict) -> bool:
    return (st is not None and st.sessions_done == cli["sessions_done"]
            and (st.last_session_date.isoformat() if st.last_session_date else None)
            == cli["last_session_date"]
            and st.days_until_eligible == cli["days_until_eligible"])


def make_app(db):
    from homekit.tui.app import HomekitApp

    app = HomekitApp(Homekit(open_store(db)))
    # Notifications stay until the test reads them (Textual drops one after 5 s of wall
    # time; a save that waits 1.5 s for another program's lock on a loaded machine can take
    # longer than that to reach the assertion).
    app.NOTIFICATION_TIMEOUT = 3600
    return app


async def save_session(app, pilot, day: str) -> None:
    """Type the date into the open form and save with ctrl+s (as a user would)."""
    app.screen.query_one("#date").value = day
    await pilot.pause()  # let the form handle the change before saving
    await pilot.press("ctrl+s")


def saved(app) -> bool:
    """The app's save went through: the dashboard, or the follow-up question that the app asks
    right after a session is saved ("how red is the skin now?", issue 11)."""
    return (type(app.screen).__name__ == "DashboardScreen"
            or getattr(app.screen, "just_logged", False))


async def skip_followup(app, pilot) -> None:
    """Skip the "how red is it now?" question, back to the dashboard."""
    if getattr(app.screen, "just_logged", False):
        await pilot.press("escape")
    await until(pilot, lambda: type(app.screen).__name__ == "DashboardScreen", "the dashboard")


async def open_log_form(app, pilot) -> None:
    """From the dashboard: l, tick the safety checks, continue; the form is then showing."""
    await pilot.press("l")
    await until(pilot, lambda: type(app.screen).__name__ == "LogSessionScreen",
                "the log screen")
    screen = app.screen
    await until(pilot, lambda: screen.step in ("safety", "form", "blocked"), "a log step")
    if screen.step == "safety":
        for box in screen.query(".safety-check"):
            box.value = True
        await pilot.click("#safety-continue")
        await until(pilot, lambda: screen.step == "form", "the session form")


def prepared(db) -> None:
    """A file with a profile that answered the eczema / rosacea question (no first-run)."""
    assert run_cli("profile", "condition", "no", db=db).returncode == 0
    assert run_cli("log", "--date", ago(60), db=db).returncode == 0


def test_app_and_cli_see_the_same_sessions(db_path):
    prepared(db_path)

    async def scenario() -> None:
        app = make_app(db_path)
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: same_truth(dashboard_status(app), cli_status(db_path)),
                        "the dashboard showing what `homekit status` says")
            # the CLI writes while the app is open
            r = await asyncio.to_thread(run_cli, "log", "--date", ago(20), "--duration", "35",
                                        db=db_path)
            assert r.returncode == 0, r.stderr
            # after any screen change the dashboard reads the file again
            await pilot.press("h")
            await until(pilot, lambda: type(app.screen).__name__ == "HistoryScreen",
                        "the history screen")
            await pilot.press("escape")
            await until(pilot, lambda: same_truth(dashboard_status(app), cli_status(db_path)),
                        "the CLI's session on the dashboard")
            # the app writes; the CLI sees it at once
            await open_log_form(app, pilot)
            await save_session(app, pilot, ago(5))
            await until(pilot, lambda: saved(app), "the dashboard after saving")
            await skip_followup(app, pilot)
            hist = json.loads(run_cli("history", "--json", db=db_path).stdout)
            assert [s["session_date"] for s in hist] == [ago(5), ago(20), ago(60)], \
                notifications(app)
            await until(pilot, lambda: same_truth(dashboard_status(app), cli_status(db_path)),
                        "the dashboard agreeing with the CLI after the app's own write")
            assert not [n for n in notifications(app) if "lock" in n.lower()]

    asyncio.run(scenario())


def test_dashboard_notices_a_cli_write_without_a_keypress(db_path):
    """A user who leaves the app open and logs from a script expects the dashboard to follow."""
    prepared(db_path)

    async def scenario() -> None:
        app = make_app(db_path)
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: dashboard_status(app) is not None, "the dashboard")
            r = await asyncio.to_thread(run_cli, "log", "--date", ago(30), db=db_path)
            assert r.returncode == 0, r.stderr
            end = time.monotonic() + 10
            while time.monotonic() < end:
                if same_truth(dashboard_status(app), cli_status(db_path)):
                    return
                await pilot.pause(0.2)
            st = dashboard_status(app)
            pytest.fail("10 s after `homekit log` in another process the open dashboard still "
                        f"shows {st.sessions_done if st else '?'} sessions (last "
                        f"{st.last_session_date if st else '?'}); the file has "
                        f"{cli_status(db_path)['sessions_done']}")

    asyncio.run(scenario())


def test_app_and_cli_racing_for_the_same_day_store_one_session(db_path):
    prepared(db_path)

    async def scenario() -> None:
        app = make_app(db_path)
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: dashboard_status(app) is not None, "the dashboard")
            await open_log_form(app, pilot)
            app.screen.query_one("#date").value = ago(10)
            await pilot.pause()
            racers = [subprocess.Popen([HOMEKIT_BIN, "log", "--date", ago(10)],
                                       env=cli_env(db_path), stdin=subprocess.DEVNULL,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                      for _ in range(4)]
            await pilot.press("ctrl+s")
            outcomes = [await asyncio.to_thread(p.communicate, None, 120) for p in racers]
            codes = [p.returncode for p in racers]
            for (_, err), code in zip(outcomes, codes, strict=True):
                assert code in (0, 3), err
                assert "lock" not in err.lower() and "Traceback" not in err
            await until(pilot, lambda: saved(app) or "Refused" in text_of(app, "#form-error"),
                        "the app's save either stored or refused")
            app_won = saved(app)
            if app_won:
                await skip_followup(app, pilot)
            assert codes.count(0) + int(app_won) == 1, (codes, app_won)
            assert not [n for n in notifications(app) if "lock" in n.lower()]
            if not app_won:
                assert "lock" not in text_of(app, "#form-error").lower()

    asyncio.run(scenario())
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT count(*) FROM sessions WHERE session_date = ?",
                            (ago(10),)).fetchone() == (1,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()


HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("held", flush=True)
time.sleep(float(sys.argv[2]))  # another program's long write
conn.execute("COMMIT")
"""


def test_a_busy_file_is_waited_for_not_reported_as_locked(db_path):
    """Another program holds the write lock for 1.5 s (well under the busy timeout) while the
    app saves a session: the app waits, then stores it; the user never sees 'locked'."""
    prepared(db_path)

    async def scenario() -> None:
        app = make_app(db_path)
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: dashboard_status(app) is not None, "the dashboard")
            await open_log_form(app, pilot)
            app.screen.query_one("#date").value = ago(15)
            await pilot.pause()
            holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db_path), "1.5"],
                                      stdout=subprocess.PIPE, text=True)
            assert holder.stdout.readline().strip() == "held"  # the lock is taken
            cli = subprocess.Popen([HOMEKIT_BIN, "log", "--date", ago(40)],
                                   env=cli_env(db_path), stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            await pilot.press("ctrl+s")
            await until(pilot, lambda: saved(app), "the app's save to finish")
            await skip_followup(app, pilot)
            _, err = await asyncio.to_thread(cli.communicate, None, 120)
            assert cli.returncode == 0 and "lock" not in err.lower(), err
            assert holder.wait(60) == 0
            assert not [n for n in notifications(app) if "lock" in n.lower()]
            assert any("Session logged" in n for n in notifications(app))
            await pilot.press("h")  # the dashboard reads the file again when shown again
            await until(pilot, lambda: type(app.screen).__name__ == "HistoryScreen", "history")
            await pilot.press("escape")
            await until(pilot, lambda: same_truth(dashboard_status(app), cli_status(db_path)),
                        "the dashboard agreeing with the CLI")

    asyncio.run(scenario())
    dates = [s["session_date"] for s in json.loads(run_cli("history", "--json",
                                                           db=db_path).stdout)]
    assert dates == [ago(15), ago(40), ago(60)]


def test_a_second_connection_in_the_apps_process_keeps_the_cli_writes(db_path):
    """The app opens extra connections for its worker threads (tui/twin.py -> open_store).

    Each open_store reads the file's header with a plain open()/close(); on POSIX, closing
    any descriptor of a file drops every lock this process holds on it, including the app's
    main connection's. The next CLI process then believes it is the last user, checkpoints
    and deletes the -wal that the app is still writing to: from then on the app and the CLI
    write to different logs, both accept the same week, and the app's close overwrites the
    CLI's session. Nothing the CLI reported as logged may be lost.
    """
    assert run_cli("profile", "condition", "no", db=db_path).returncode == 0
    assert run_cli("log", "--date", ago(60), db=db_path).returncode == 0
    app_store = open_store(db_path)
    try:
        app = Homekit(app_store)
        app.status.status()
        open_store(db_path).close()  # what a worker thread of the app does
        assert run_cli("status", db=db_path).returncode == 0
        from homekit.domain.models import SessionDraft

        app.sessions.log_session(SessionDraft(session_date=dt.date.fromisoformat(ago(20))))
        r = run_cli("log", "--date", ago(19), db=db_path)
        # the rule: one day after the app's session must be refused
        assert r.returncode == 3, f"the CLI stored {ago(19)}, one day after the app's {ago(20)}"
    finally:
        app_store.close()
    stored = [s["session_date"] for s in json.loads(run_cli("history", "--json",
                                                            db=db_path).stdout)]
    assert stored == [ago(20), ago(60)], stored
