"""Reminder files as calendars read them: a real CalDAV server (Radicale, on 127.0.0.1) and
two parsers nobody here wrote (icalendar and ics-py) agree on every instant, and a newer
file never leaves two reminders where the plan has one."""

from __future__ import annotations

import base64
import datetime as dt
import http.client
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import ics
import pytest
from icalendar import Calendar

from homekit.domain.models import SessionDraft
from homekit.services import Homekit
from homekit.words import calendar as calendar_words
from tests.conftest import NOW, TODAY


def instants_icalendar(data: bytes) -> dict[str, tuple[dt.datetime, str]]:
    """UID -> (start as a UTC instant, status), read by icalendar."""
    cal = Calendar.from_ical(data)
    return {str(e["uid"]): (e.decoded("dtstart").astimezone(dt.timezone.utc),
                            str(e.get("status", "")))
            for e in cal.walk("VEVENT")}


def instants_ics_py(data: bytes) -> dict[str, tuple[dt.datetime, str]]:
    """The same, read by ics-py (which reads the file's VTIMEZONE with dateutil)."""
    cal = ics.Calendar(data.decode("utf-8"))
    return {e.uid: (e.begin.datetime.astimezone(dt.timezone.utc), str(e.status or ""))
            for e in cal.events}


def utc(day: dt.date, hour: int, minute: int, zone: str) -> dt.datetime:
    local = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZoneInfo(zone))
    return local.astimezone(dt.timezone.utc)


# -- two parsers ------------------------------------------------------------------------------


@pytest.mark.parametrize("zone,interval", [
    ("Europe/Paris", 30),        # the plan crosses the end of March: CET to CEST
    ("Australia/Sydney", 60),    # the southern summer ends in April
    ("America/New_York", 7),
    ("Asia/Kolkata", 7),         # a half-hour offset, no daylight saving
    ("UTC", 7),
])
def test_two_parsers_read_the_same_instants(hk, tmp_path, zone, interval):
    hk.profiles.update_profile(min_interval_days=interval)
    written = hk.plan.write_reminders(calendar_words, tmp_path / "r.ics", time="07:30", zone=zone)
    data = written.path.read_bytes()
    expected = [utc(d, 7, 30, zone) for d in written.dates]
    first, second = instants_icalendar(data), instants_ics_py(data)
    assert first == second
    assert sorted(start for start, _ in first.values()) == expected
    assert len(expected) == 6 and len(set(expected)) == 6
    if zone == "UTC":
        assert b"DTSTART:20261125T073000Z" in data
    else:
        assert f"DTSTART;TZID={zone}:20261125T073000".encode() in data
        assert f"BEGIN:VTIMEZONE\r\nTZID:{zone}\r\n".encode() in data


def test_a_file_that_spans_a_change_of_offset_carries_both_rules(hk, tmp_path):
    hk.profiles.update_profile(min_interval_days=30)
    data = hk.plan.write_reminders(calendar_words, tmp_path / "r.ics", zone="Europe/Paris").path.read_bytes()
    (tz,) = Calendar.from_ical(data).walk("VTIMEZONE")
    offsets = {c.decoded("TZOFFSETTO") for c in tz.subcomponents}
    assert offsets == {dt.timedelta(hours=1), dt.timedelta(hours=2)}
    starts = instants_ics_py(data)
    # 09:00 in Paris is 08:00 UTC in winter and 07:00 UTC in summer: read so by ics-py too
    hours = sorted((s.date(), s.hour) for s, _ in starts.values())
    assert (dt.date(2027, 3, 25), 8) in hours and (dt.date(2027, 4, 24), 7) in hours


# -- a real CalDAV server ---------------------------------------------------------------------

USER = "homekit"
AUTH = {"Authorization": "Basic " + base64.b64encode(f"{USER}:-".encode()).decode()}
COLLECTION = f"/{USER}/reminders/"
MKCALENDAR = (b'<?xml version="1.0" encoding="utf-8"?>'
              b'<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
              b'<D:set><D:prop><D:displayname>homekit</D:displayname></D:prop></D:set>'
              b'</C:mkcalendar>')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class CalDAV:
    """Radicale, started on 127.0.0.1, storage in the test's folder, no password."""

    def __init__(self, port: int) -> None:
        self.port = port

    def request(self, method: str, path: str, body: bytes = b"",
                headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers={**AUTH, **(headers or {})})
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def import_file(self, data: bytes) -> list[int]:
        """What a calendar client does with an .ics file: each event (with the zones it
        names) becomes one resource, named after its UID, written with PUT."""
        cal = Calendar.from_ical(data)
        statuses = []
        for event in cal.walk("VEVENT"):
            one = Calendar()
            for key, value in cal.property_items(recursive=False)[1:-1]:
                one.add(key, value)
            for zone in cal.walk("VTIMEZONE"):
                one.add_component(zone)
            one.add_component(event)
            name = quote(str(event["uid"]).replace("@", "-"), safe="") + ".ics"
            status, _ = self.request("PUT", COLLECTION + name, one.to_ical(),
                                     {"Content-Type": "text/calendar; charset=utf-8"})
            statuses.append(status)
        return statuses

    def events(self) -> list:
        status, body = self.request("GET", COLLECTION)
        assert status == 200
        return list(Calendar.from_ical(body).walk("VEVENT"))


@pytest.fixture
def caldav(tmp_path: Path):
    port = free_port()
    config = tmp_path / "radicale.conf"
    config.write_text(
        f"[server]\nhosts = 127.0.0.1:{port}\n"
        f"[auth]\ntype = none\n"
        f"[rights]\ntype = owner_only\n"
        f"[storage]\nfilesystem_folder = {tmp_path / 'collections'}\n"
        f"[web]\ntype = none\n"
        f"[logging]\nlevel = warning\n", encoding="utf-8")
    log = (tmp_path / "radicale.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "radicale", "--config", str(config)],
                              stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    try:
        client = CalDAV(port)
        for _ in range(300):  # until it listens (at most about 30 s); it stops on its own below
            if server.poll() is not None:
                pytest.fail("Radicale ended: " + (tmp_path / "radicale.log").read_text())
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        status, _ = client.request("MKCALENDAR", COLLECTION, MKCALENDAR)
        assert status == 201
        yield client
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def on_server(caldav: CalDAV) -> tuple[dict[str, dt.datetime], dict[str, dt.datetime]]:
    """The events the server holds, by UID: (planned ones, cancelled ones), each its start."""
    planned, cancelled = {}, {}
    for e in caldav.events():
        uid = str(e["uid"])
        assert uid not in planned and uid not in cancelled  # one resource per UID
        (cancelled if str(e.get("status")) == "CANCELLED" else planned)[uid] = e.decoded("dtstart")
    return planned, cancelled


def test_a_calendar_that_imports_the_newer_file_holds_one_reminder_a_planned_session(
        hk: Homekit, tmp_path, caldav):
    paris = ZoneInfo("Europe/Paris")
    for day in ("2026-10-20", "2026-11-01"):
        hk.sessions.log_session(SessionDraft(dt.date.fromisoformat(day)))
    first = hk.plan.write_reminders(calendar_words, tmp_path / "a.ics", zone="Europe/Paris")
    assert first.dates == (TODAY, dt.date(2026, 12, 2), dt.date(2026, 12, 9),
                           dt.date(2026, 12, 16))
    assert caldav.import_file(first.path.read_bytes()) == [201] * 4

    # A session done on the 15th is logged late: session 3 is done, the plan moves up one,
    # and session 4 now falls today, where the first file put session 3.
    hk.sessions.log_session(SessionDraft(dt.date(2026, 11, 15)))
    second = hk.plan.write_reminders(calendar_words, tmp_path / "b.ics", zone="Europe/Paris")
    assert second.dates == (TODAY, dt.date(2026, 12, 2), dt.date(2026, 12, 9))
    assert second.cancelled == 1
    assert caldav.import_file(second.path.read_bytes()) == [204, 204, 204, 204]

    planned, cancelled = on_server(caldav)
    assert sorted(planned.values()) == [dt.datetime.combine(d, dt.time(9), tzinfo=paris)
                                        for d in second.dates]
    assert [uid.split("-session-")[1] for uid in cancelled] == ["3@homekit"]
    days = [start.date() for start in planned.values()]
    assert len(days) == len(set(days))  # never two reminders on one day

    # The target comes down to 5: session 6 is no longer planned either.
    hk.profiles.update_profile(target_sessions=5)
    third = hk.plan.write_reminders(calendar_words, tmp_path / "c.ics", zone="Europe/Paris")
    assert (third.count, third.cancelled) == (2, 2)
    caldav.import_file(third.path.read_bytes())
    planned, cancelled = on_server(caldav)
    assert sorted(s.date() for s in planned.values()) == [TODAY, dt.date(2026, 12, 2)]
    assert sorted(uid.split("-session-")[1] for uid in cancelled) == ["3@homekit", "6@homekit"]
    # The server took each newer version: its SEQUENCE is above the one it replaced.
    sequences = {str(e["uid"]).split("-session-")[1]: int(e["sequence"]) for e in caldav.events()}
    assert sequences == {"3@homekit": 1, "4@homekit": 1, "5@homekit": 1, "6@homekit": 2}


def test_the_last_session_logged_cancels_the_last_reminder(tmp_path, caldav):
    clock = [NOW]
    app = Homekit.open(tmp_path / "h.db", now=lambda: clock[0])
    try:
        app.profiles.record_skin_condition(False, acknowledged=False)
        app.profiles.update_profile(target_sessions=2)
        app.sessions.log_session(SessionDraft(dt.date(2026, 11, 1)))
        first = app.plan.write_reminders(calendar_words, tmp_path / "a.ics", zone="UTC")
        caldav.import_file(first.path.read_bytes())
        clock[0] = NOW + dt.timedelta(days=2)  # done two days later than planned
        app.sessions.log_session(SessionDraft(clock[0].date()))
        done = app.plan.write_reminders(calendar_words, tmp_path / "b.ics", zone="UTC")
        assert (done.count, done.cancelled, done.written) == (0, 1, True)
        caldav.import_file(done.path.read_bytes())
    finally:
        app.close()
    planned, cancelled = on_server(caldav)
    assert planned == {} and list(cancelled.values()) == [
        dt.datetime(2026, 11, 25, 9, tzinfo=dt.timezone.utc)]
