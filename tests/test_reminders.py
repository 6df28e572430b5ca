"""Calendar reminders, parsed back with icalendar: the right dates, count, times and alarms."""

from __future__ import annotations

import datetime as dt
import stat

from icalendar import Calendar

from homekit.domain import rules
from homekit.domain.models import SessionDraft
from tests.conftest import TODAY


def events(path):
    cal = Calendar.from_ical(path.read_bytes())
    return [c for c in cal.walk("VEVENT")]


def test_one_event_a_remaining_session_each_the_interval_apart(hk, tmp_path):
    hk.update_profile(min_interval_days=10)
    for d in ("2026-10-20", "2026-11-20"):
        hk.log_session(SessionDraft(dt.date.fromisoformat(d)))
    result = hk.write_reminders(tmp_path / "plan.ics", time="07:45")
    expected = [dt.date(2026, 11, 30) + dt.timedelta(days=10 * i) for i in range(4)]
    assert expected == rules.planned_dates([dt.date(2026, 10, 20), dt.date(2026, 11, 20)], 10,
                                           6, TODAY)
    assert (result.count, result.first_date, result.path) == (4, expected[0],
                                                              tmp_path / "plan.ics")
    found = events(result.path)
    assert [e.decoded("dtstart") for e in found] == [
        dt.datetime.combine(d, dt.time(7, 45)) for d in expected]
    assert [str(e["summary"]) for e in found] == [
        f"Microdermabrasion session {n} of 6" for n in range(3, 7)]
    assert len({str(e["uid"]) for e in found}) == 4
    for e in found:
        (alarm,) = e.walk("VALARM")
        assert str(alarm["action"]) == "DISPLAY"
        assert alarm.decoded("trigger") == -dt.timedelta(minutes=15)
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600


def test_first_reminder_is_today_when_the_eligible_date_has_passed(hk, tmp_path):
    hk.log_session(SessionDraft(dt.date(2026, 9, 1)))
    result = hk.write_reminders(tmp_path / "r.ics")
    assert result.first_date == TODAY and result.count == 5
    assert events(result.path)[0].decoded("dtstart") == dt.datetime(2026, 11, 25, 9, 0)


def test_nothing_logged_yet_starts_today(hk, tmp_path):
    result = hk.write_reminders(tmp_path / "r.ics")
    assert (result.first_date, result.count) == (TODAY, 6)


def test_target_reached_writes_no_file(hk, tmp_path):
    hk.update_profile(target_sessions=1)
    hk.log_session(SessionDraft(dt.date(2026, 11, 1)))
    result = hk.write_reminders(tmp_path / "r.ics")
    assert (result.count, result.first_date) == (0, None)
    assert not result.path.exists()


def test_remind_command(cli_at_now, tmp_path):
    cli = cli_at_now
    assert cli("log", "--date", "2026-11-20").returncode == 0
    out = cli("remind", "--output", str(tmp_path / "x.ics"), "--time", "18:30")
    assert out.returncode == 0, out.stderr
    found = events(tmp_path / "x.ics")
    assert len(found) == 5 and "5 reminders" in out.stdout
    assert found[0].decoded("dtstart").date() == dt.date(2026, 11, 27)
    assert found[0].decoded("dtstart").time() == dt.time(18, 30)
    bad = cli("remind", "--output", str(tmp_path / "y.ics"), "--time", "25:00")
    assert bad.returncode == 2 and not (tmp_path / "y.ics").exists()


def test_uids_are_stable_per_session_number_and_sequence_rises_when_an_event_moves(hk, tmp_path):
    hk.log_session(SessionDraft(dt.date(2026, 11, 20)))
    first = {str(e["uid"]): e for e in events(hk.write_reminders(tmp_path / "a.ics").path)}
    again = {str(e["uid"]): e for e in events(hk.write_reminders(tmp_path / "b.ics").path)}
    assert first.keys() == again.keys()
    assert all(int(e["sequence"]) == 0 for e in again.values())
    hk.update_profile(min_interval_days=10)  # the plan shifts: same events, new dates
    moved = {str(e["uid"]): e for e in events(hk.write_reminders(tmp_path / "c.ics").path)}
    assert moved.keys() == first.keys()
    for uid, e in moved.items():
        changed = e.decoded("dtstart") != first[uid].decoded("dtstart")
        assert int(e["sequence"]) == (1 if changed else 0)
    assert sum(int(e["sequence"]) for e in moved.values()) == 5  # every planned date moved


def test_default_file_is_named_for_the_profile_in_the_current_folder(hk, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    hk.create_profile("Ana María", make_default=True, has_condition=False)  # issue 11
    hk.set_reminder_time("18:15")
    result = hk.write_reminders()
    assert result.path == tmp_path / "homekit-reminders-Ana-Mar-a.ics" and result.path.is_absolute()
    assert events(result.path)[0].decoded("dtstart").time() == dt.time(18, 15)
