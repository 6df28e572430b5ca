"""Calendar reminders, parsed back with icalendar: the right dates, count, times and alarms."""

from __future__ import annotations

import datetime as dt
import stat
from zoneinfo import ZoneInfo

from icalendar import Calendar

from homekit.domain import rules
from homekit.domain.models import SessionDraft
from homekit.words import calendar as calendar_words
from tests.conftest import TODAY

PARIS = ZoneInfo("Europe/Paris")


def events(path, cancelled: bool = False):
    """The planned events of a file (or, with `cancelled`, every event)."""
    cal = Calendar.from_ical(path.read_bytes())
    return [c for c in cal.walk("VEVENT") if cancelled or str(c.get("status")) != "CANCELLED"]


def at(day: dt.date, hour: int, minute: int = 0, zone=PARIS) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zone)


def test_one_event_a_remaining_session_each_the_interval_apart(hk, tmp_path):
    hk.profiles.update_profile(min_interval_days=10)
    for d in ("2026-10-20", "2026-11-20"):
        hk.sessions.log_session(SessionDraft(dt.date.fromisoformat(d)))
    result = hk.plan.write_reminders(calendar_words, tmp_path / "plan.ics", time="07:45", zone="Europe/Paris")
    expected = [dt.date(2026, 11, 30) + dt.timedelta(days=10 * i) for i in range(4)]
    assert expected == rules.planned_dates([dt.date(2026, 10, 20), dt.date(2026, 11, 20)], 10,
                                           6, TODAY)
    assert (result.count, result.first_date, result.path) == (4, expected[0],
                                                              tmp_path / "plan.ics")
    found = events(result.path)
    assert [e.decoded("dtstart") for e in found] == [at(d, 7, 45) for d in expected]
    assert all(e["dtstart"].params["TZID"] == "Europe/Paris" for e in found)
    assert [str(e["summary"]) for e in found] == [
        f"Microdermabrasion session {n} of 6" for n in range(3, 7)]
    assert len({str(e["uid"]) for e in found}) == 4
    for e in found:
        (alarm,) = e.walk("VALARM")
        assert str(alarm["action"]) == "DISPLAY"
        assert alarm.decoded("trigger") == -dt.timedelta(minutes=15)
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600


def test_first_reminder_is_today_when_the_eligible_date_has_passed(hk, tmp_path):
    hk.sessions.log_session(SessionDraft(dt.date(2026, 9, 1)))
    result = hk.plan.write_reminders(calendar_words, tmp_path / "r.ics", zone="Europe/Paris")
    assert result.first_date == TODAY and result.count == 5
    assert events(result.path)[0].decoded("dtstart") == at(TODAY, 9)


def test_nothing_logged_yet_starts_today(hk, tmp_path):
    result = hk.plan.write_reminders(calendar_words, tmp_path / "r.ics")
    assert (result.first_date, result.count) == (TODAY, 6)


def test_target_reached_writes_no_file(hk, tmp_path):
    hk.profiles.update_profile(target_sessions=1)
    hk.sessions.log_session(SessionDraft(dt.date(2026, 11, 1)))
    result = hk.plan.write_reminders(calendar_words, tmp_path / "r.ics")
    assert (result.count, result.first_date) == (0, None)
    assert not result.path.exists()


def test_remind_command(cli_at_now, tmp_path):
    cli = cli_at_now
    assert cli("log", "--date", "2026-11-20").returncode == 0
    out = cli("remind", "--output", str(tmp_path / "x.ics"), "--time", "18:30",
              "--tz", "America/New_York")
    assert out.returncode == 0, out.stderr
    found = events(tmp_path / "x.ics")
    assert len(found) == 5 and "5 reminders" in out.stdout
    assert found[0].decoded("dtstart").date() == dt.date(2026, 11, 27)
    assert found[0].decoded("dtstart") == at(dt.date(2026, 11, 27), 18, 30,
                                             ZoneInfo("America/New_York"))
    assert "at 18:30 America/New_York" in out.stdout
    bad = cli("remind", "--output", str(tmp_path / "y.ics"), "--time", "25:00")
    assert bad.returncode == 2 and not (tmp_path / "y.ics").exists()
    for zone in ("Mars/Olympus", "../../etc/passwd", "localtime", "Europe"):
        bad = cli("remind", "--output", str(tmp_path / "y.ics"), "--tz", zone)
        assert bad.returncode == 2 and not (tmp_path / "y.ics").exists(), zone
        assert "unknown time zone" in bad.stderr and len(bad.stderr.splitlines()) == 1
    lower = cli("remind", "--output", str(tmp_path / "z.ics"), "--tz", "asia/tokyo")
    assert lower.returncode == 0 and "TZID=Asia/Tokyo:" in (tmp_path / "z.ics").read_text()


def test_uids_are_stable_per_session_number_and_sequence_rises_when_an_event_moves(hk, tmp_path):
    hk.sessions.log_session(SessionDraft(dt.date(2026, 11, 20)))
    def write(name):
        return {str(e["uid"]): e for e in events(hk.plan.write_reminders(calendar_words, tmp_path / name,
                                                                    zone="Europe/Paris").path)}

    first, again = write("a.ics"), write("b.ics")
    assert first.keys() == again.keys()
    assert all(int(e["sequence"]) == 0 for e in again.values())
    hk.profiles.update_profile(min_interval_days=10)  # the plan shifts: same events, new dates
    moved = write("c.ics")
    assert moved.keys() == first.keys()
    for uid, e in moved.items():
        changed = e.decoded("dtstart") != first[uid].decoded("dtstart")
        assert int(e["sequence"]) == (1 if changed else 0)
    assert sum(int(e["sequence"]) for e in moved.values()) == 5  # every planned date moved


def test_default_file_is_named_for_the_profile_in_the_current_folder(hk, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    hk.profiles.create_profile("Ana María", make_default=True, has_condition=False)  # issue 11
    hk.plan.set_reminder_time("18:15")
    monkeypatch.setenv("TZ", "Asia/Kolkata")  # the system's zone, as the C library reads it
    result = hk.plan.write_reminders(calendar_words)
    assert result.path == tmp_path / "homekit-reminders-Ana-Mar-a.ics" and result.path.is_absolute()
    assert events(result.path)[0].decoded("dtstart") == at(TODAY, 18, 15, ZoneInfo("Asia/Kolkata"))


# -- what each file holds: the plan against the earlier files ---------------------------------


def test_the_ledger_raises_sequence_on_a_move_a_new_start_and_a_cancellation():
    from homekit.domain.reminders import Reminder, reconcile

    d1, d2, d3 = dt.date(2026, 12, 1), dt.date(2026, 12, 8), dt.date(2026, 12, 15)
    events, ledger = reconcile({}, [(3, d1), (4, d2)], "09:00 Europe/Paris")
    assert events == [Reminder(3, d1, 0, start="09:00 Europe/Paris"),
                      Reminder(4, d2, 0, start="09:00 Europe/Paris")]
    same, again = reconcile(ledger, [(3, d1), (4, d2)], "09:00 Europe/Paris")
    assert same == events and again == ledger
    moved, ledger = reconcile(ledger, [(3, d1), (4, d3)], "09:00 Europe/Paris")
    assert [e.sequence for e in moved] == [0, 1]
    zoned, ledger = reconcile(ledger, [(3, d1), (4, d3)], "09:00 Asia/Tokyo")
    assert [e.sequence for e in zoned] == [1, 2]
    # Session 3 is logged: its reminder stays, cancelled, one SEQUENCE up, and keeps it.
    for _ in range(2):
        done, ledger = reconcile(ledger, [(4, d3)], "09:00 Asia/Tokyo")
        assert done == [Reminder(4, d3, 2, start="09:00 Asia/Tokyo"),
                        Reminder(3, d1, 2, cancelled=True, start="09:00 Asia/Tokyo")]
    # Deleted again (undo): planned once more, a newer version still.
    back, ledger = reconcile(ledger, [(3, d1), (4, d3)], "09:00 Asia/Tokyo")
    assert [(e.number, e.sequence, e.cancelled) for e in back] == [(3, 3, False), (4, 2, False)]


def test_a_ledger_from_before_time_zones_or_edited_by_hand_is_read_safely():
    from homekit.domain.reminders import reconcile

    d1 = dt.date(2026, 12, 1)
    old = {"3": ["2026-12-01", 2], "4": ["2026-12-08", 0], "x": [1], "5": "junk",
           "6": ["2026-02-30", 1], "7": ["2026-12-22", -1], "8": ["2026-12-29", True]}
    events, ledger = reconcile(old, [(3, d1)], "09:00 UTC")
    # A floating time before: the same date is a new start now, so the calendar updates it.
    assert [(e.number, e.sequence, e.cancelled) for e in events] == [(3, 3, False),
                                                                     (4, 1, True)]
    assert set(ledger) == {"3", "4"}


def test_an_earlier_reminder_no_longer_planned_is_cancelled_in_the_newer_file(hk, tmp_path):
    for d in ("2026-10-20", "2026-11-01"):
        hk.sessions.log_session(SessionDraft(dt.date.fromisoformat(d)))
    first = hk.plan.write_reminders(calendar_words, tmp_path / "a.ics", zone="Europe/Paris")
    hk.sessions.log_session(SessionDraft(dt.date(2026, 11, 15)))  # logged late: session 3 is done
    second = hk.plan.write_reminders(calendar_words, tmp_path / "b.ics", zone="Europe/Paris")
    assert (first.count, second.count, second.cancelled) == (4, 3, 1)
    planned = {str(e["uid"]): e for e in events(second.path)}
    every = {str(e["uid"]): e for e in events(second.path, cancelled=True)}
    (gone,) = every.keys() - planned.keys()
    old = {str(e["uid"]): e for e in events(first.path)}[gone]
    assert gone.endswith("-session-3@homekit")
    assert str(every[gone]["status"]) == "CANCELLED"
    assert int(every[gone]["sequence"]) == int(old["sequence"]) + 1
    assert every[gone].decoded("dtstart") == old.decoded("dtstart")  # where the calendar has it
    assert not every[gone].walk("VALARM")  # a cancelled reminder rings no more
    assert all(str(e["status"]) == "CONFIRMED" for e in planned.values())


def test_target_reached_after_earlier_files_writes_only_the_cancellations(hk, tmp_path):
    hk.profiles.update_profile(target_sessions=1)
    assert hk.plan.write_reminders(calendar_words, tmp_path / "a.ics").count == 1
    hk.sessions.log_session(SessionDraft(TODAY))
    result = hk.plan.write_reminders(calendar_words, tmp_path / "b.ics")
    assert (result.count, result.cancelled, result.first_date) == (0, 1, None)
    (event,) = events(result.path, cancelled=True)
    assert str(event["status"]) == "CANCELLED"


def test_the_system_zone_from_tz_from_etc_localtime_or_utc(tmp_path):
    from homekit.transfer.zones import system_zone

    nowhere = tmp_path / "missing"
    assert system_zone({"TZ": "Europe/Paris"}, nowhere, nowhere) == "Europe/Paris"
    assert system_zone({"TZ": ":America/Sao_Paulo"}, nowhere, nowhere) == "America/Sao_Paulo"
    assert system_zone({"TZ": "/usr/share/zoneinfo/Asia/Tokyo"}, nowhere, nowhere) == "Asia/Tokyo"
    for unnamed in ("CET-1CEST,M3.5.0,M10.5.0/3", "", "../../etc/passwd"):
        assert system_zone({"TZ": unnamed}, nowhere, nowhere) == "UTC"  # TZ wins, unnamed
    link = tmp_path / "localtime"
    link.symlink_to("../usr/share/zoneinfo/Pacific/Auckland")
    assert system_zone({}, link, nowhere) == "Pacific/Auckland"
    copied = tmp_path / "copied"
    copied.write_bytes(b"TZif")
    named = tmp_path / "timezone"
    named.write_text("Africa/Nairobi\n")
    assert system_zone({}, copied, named) == "Africa/Nairobi"
    named.write_text("Atlantis/Capital\n")
    assert system_zone({}, copied, named) == "UTC"
    assert system_zone({}, nowhere, nowhere) == "UTC"
