"""Several treatments through every door: the CLI, the services (edit, undo), the sqlite3 shell,
an old file, `homekit check`, and the schema (m011_treatments)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from homekit import words
from homekit.domain.errors import InvalidInput, RuleViolation
from homekit.domain.models import SessionChanges, SessionDraft
from homekit.services import Homekit
from tests.conftest import run_cli

D = dt.date(2026, 11, 1)


def day(n: int) -> dt.date:
    return D + dt.timedelta(days=n)


def one_line(r: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in r.stderr
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, r.stderr
    return lines[0]


def shell(path: Path, *statements: str) -> subprocess.CompletedProcess:
    """The statements in the real sqlite3 shell (foreign keys off, as it starts)."""
    return subprocess.run(["sqlite3", str(path)], input=";\n".join(statements) + ";\n",
                          text=True, capture_output=True, timeout=60)


def insert(day_: dt.date, treatment: str = "microdermabrasion", depth: str = "NULL",
           areas: str = "", profile: int = 1) -> str:
    return ("INSERT INTO sessions (profile_id, session_date, areas, created_at, treatment, "
            f"depth_mm) VALUES ({profile}, '{day_}', '{areas}', 'x', '{treatment}', {depth})")


def log(hk: Homekit, n: int, treatment: str = "microdermabrasion", depth: float | None = None,
        areas: tuple[str, ...] = (), despite: tuple[str, ...] = ()):
    return hk.sessions.log_session(SessionDraft(day(n), areas=areas, treatment=treatment, depth_mm=depth,
                                       despite=despite)).session


# -- the services -------------------------------------------------------------------------


def test_each_treatment_keeps_its_own_interval(hk: Homekit) -> None:
    log(hk, 0)
    log(hk, 2, "led")
    log(hk, 3, "led")
    with pytest.raises(RuleViolation) as caught:
        log(hk, 3, "microdermabrasion")
    assert caught.value.code == "too_close" and caught.value.facts["treatment"] == (
        "microdermabrasion")
    log(hk, 7)
    log(hk, 0 - 20, "peel", areas=("neck",))
    with pytest.raises(RuleViolation) as caught:
        log(hk, -10, "peel", areas=("neck",))
    assert caught.value.interval_days == 14 and caught.value.conflicting == day(-20)
    from homekit import words

    assert "peel sessions must be at least 14 days apart" in words.error(caught.value)


def test_microneedling_by_depth(hk: Homekit) -> None:
    log(hk, -20, "microneedling", 1.0)
    with pytest.raises(RuleViolation) as caught:
        log(hk, 7, "microneedling", 0.25)  # the 1.0 mm session's 28 days hold
    assert caught.value.interval_days == 28
    with pytest.raises(InvalidInput) as refused:
        log(hk, 20, "microneedling")
    assert refused.value.code == "depth_missing"
    with pytest.raises(InvalidInput) as refused:
        log(hk, 20, "microneedling", 1.2)
    assert refused.value.code == "depth_too_deep"
    with pytest.raises(InvalidInput) as refused:
        log(hk, 20, "peel", 0.5)
    assert refused.value.code == "depth_not_needed"
    s = log(hk, 8, "microneedling", 0.25)  # no conflict window: 0.25 mm does not resurface
    assert (s.treatment, s.depth_mm) == ("microneedling", 0.25)
    log(hk, 9)  # microdermabrasion the next day: no window either
    log(hk, 11, "microneedling", 0.3)  # 0.3 mm: 3 days


def test_conflict_windows_both_ways_per_area(hk: Homekit) -> None:
    from homekit import words

    first = log(hk, 0, areas=("cheeks",))
    with pytest.raises(RuleViolation) as caught:
        log(hk, 3, "peel", areas=("cheeks", "chin"))
    assert caught.value.code == "treatment_conflict"
    text = words.error(caught.value)
    assert f"session {first.number} on {day(0)}" in text and "clears on 2026-11-08" in text
    log(hk, 3, "peel", areas=("neck",))  # another area
    with pytest.raises(RuleViolation) as caught:
        log(hk, -2, "dermaplaning")  # before it, no area: every area
    assert "microdermabrasion" in words.error(caught.value)
    log(hk, 1, "led", areas=("cheeks",))  # LED conflicts with nothing
    log(hk, 7, "dermaplaning", areas=("cheeks",))  # the window is 7 days


def test_an_edit_is_judged_by_the_window_too(hk: Homekit) -> None:
    log(hk, 0, areas=("cheeks",))
    peel = log(hk, 10, "peel", areas=("cheeks",))
    with pytest.raises(RuleViolation) as caught:
        hk.sessions.edit_session(peel.id, SessionChanges(session_date=day(4)))
    assert caught.value.code == "treatment_conflict"
    with pytest.raises(RuleViolation):
        hk.sessions.edit_session(peel.id, SessionChanges(session_date=day(6), areas=()))
    hk.sessions.edit_session(peel.id, SessionChanges(session_date=day(4), areas=("neck",)))
    assert hk.sessions.session(peel.id).session_date == day(4)


def test_products_hold_and_despite_is_recorded(hk: Homekit) -> None:
    from homekit import words

    used = hk.products.log("retinoid", day(0), "tretinoin 0.025%")
    hk.products.log("other", day(1))
    with pytest.raises(RuleViolation) as caught:
        log(hk, 2)
    assert caught.value.code == "product_hold"
    text = words.error(caught.value)
    assert "retinoid used on 2026-11-01" in text and "clears on 2026-11-05" in text
    assert "--despite retinoid" in text
    log(hk, 2, "led")  # LED is not held
    s = log(hk, 2, despite=("retinoid",))
    assert s.despite == ("retinoid",)
    assert "logged despite retinoid" in words.session_text(hk.sessions.session(s.id))
    assert hk.products.all() == [used, hk.products.all()[1]]
    with pytest.raises(InvalidInput) as refused:
        hk.products.log("serum")
    assert refused.value.code == "unknown_product_kind"


def test_undo_puts_back_only_what_keeps_the_rules(hk: Homekit) -> None:
    s = log(hk, 0, areas=("cheeks",))
    hk.sessions.delete_session(s.id)
    log(hk, 2, "peel", areas=("cheeks",))
    with pytest.raises(RuleViolation):
        hk.undo.undo()  # the deleted session would sit 2 days before the peel, same area
    used = hk.products.log("acid", day(3))
    hk.products.delete(used.id or 0)
    assert hk.products.all() == []
    assert hk.undo.undo().kind == "product_deleted"
    assert [p.kind for p in hk.products.all()] == ["acid"]


def test_profile_delete_and_undo_keep_products_and_custom_treatments(hk: Homekit) -> None:
    hk.profiles.create_profile("ana", make_default=True)
    hk.profiles.record_skin_condition(False, False)
    hk.treatments.add("gua-sha", 2)
    hk.treatments.set("peel", target=4, interval=20)
    log(hk, 0, "gua-sha")
    hk.products.log("acid", day(1))
    hk.profiles.delete_profile("ana")
    hk.undo.undo()
    hk.profiles.switch_profile("ana")
    assert [s.treatment for s in hk.sessions.history()] == ["gua-sha"]
    assert [p.kind for p in hk.products.all()] == ["acid"]
    peel = hk.treatments.get("peel")
    assert (peel.interval_days, peel.target_sessions) == (20, 4)


def test_status_json_keeps_every_key_and_adds_treatments(hk: Homekit) -> None:
    before = set(hk.status.status().to_json(None))
    log(hk, 10, "peel", areas=("cheeks",))
    log(hk, 20, "microneedling", 0.5)
    hk.treatments.set("led", target=10)
    hk.products.log("retinoid", day(23))
    out = hk.status.status().to_json(None)
    assert set(out) == before and out["sessions_done"] == 0
    by = {t["name"]: t for t in out["treatments"]}  # type: ignore[union-attr]
    assert list(by) == ["microneedling", "peel", "led"]
    assert set(by["peel"]) >= {"name", "sessions_done", "last_session_date",
                               "next_eligible_date", "eligible_now", "blocked_by"}
    assert by["peel"]["blocked_by"] == ["conflict", "product"]
    assert by["peel"]["next_eligible_date"] == "2026-11-28"  # the window after the needling
    assert by["microneedling"]["blocked_by"] == ["interval", "product"]
    assert by["led"] == {"name": "led", "sessions_done": 0, "target_sessions": 10,
                         "last_session_date": None, "next_eligible_date": None,
                         "eligible_now": True, "blocked_by": []}


# -- the CLI --------------------------------------------------------------------------------


def test_cli_log_treatments_products_and_history(cli_at_now) -> None:
    assert cli_at_now("log", "--date", "2026-11-20", "--area", "cheeks").returncode == 0
    r = cli_at_now("log", "--treatment", "peel", "--date", "2026-11-22", "--area", "cheeks")
    assert r.returncode == 3 and "microdermabrasion (session 1 on 2026-11-20)" in one_line(r)
    r = cli_at_now("log", "--treatment", "microneedling", "--depth", "1.5")
    assert r.returncode == 2 and "not a home treatment" in one_line(r)
    r = cli_at_now("log", "--treatment", "laser")
    assert r.returncode == 2 and "unknown treatment 'laser'" in one_line(r)
    assert cli_at_now("product", "log", "acid", "--date", "2026-11-24").returncode == 0
    r = cli_at_now("log", "--treatment", "dermaplaning", "--area", "chin")
    assert r.returncode == 3
    assert "acid used on 2026-11-24" in one_line(r) and "clears on 2026-11-28" in one_line(r)
    r = cli_at_now("log", "--treatment", "dermaplaning", "--area", "chin", "--despite", "acid")
    assert r.returncode == 0, r.stderr
    r = cli_at_now("log", "--treatment", "microneedling", "--depth", "0.25", "--date",
                   "2026-11-21")
    assert r.returncode == 0, r.stderr
    out = json.loads(cli_at_now("history", "--json").stdout)
    assert [(s["treatment"], s["depth_mm"], s["despite"]) for s in out] == [
        ("dermaplaning", None, ["acid"]), ("microneedling", 0.25, []),
        ("microdermabrasion", None, [])]
    only = json.loads(cli_at_now("history", "--json", "--treatment", "MICRONEEDLING").stdout)
    assert [s["session_date"] for s in only] == ["2026-11-21"]
    text = cli_at_now("history").stdout
    assert "dermaplaning  chin  logged despite acid" in text
    products = json.loads(cli_at_now("product", "list", "--json").stdout)
    assert products == [{"id": 1, "kind": "acid", "used_on": "2026-11-24", "notes": "",
                         "holds_until": "2026-11-28"}]
    r = cli_at_now("product", "delete", "1", "--yes")
    assert r.returncode == 0 and "homekit undo" in r.stdout
    assert cli_at_now("undo").returncode == 0
    assert len(json.loads(cli_at_now("product", "list", "--json").stdout)) == 1


def test_cli_treatment_list_add_and_profile_targets(cli_at_now) -> None:
    listed = json.loads(cli_at_now("treatment", "list", "--json").stdout)
    floors = {t["name"]: t["min_interval_days"] for t in listed}
    assert floors == {"microdermabrasion": 7, "microneedling": 3, "peel": 14,
                      "dermaplaning": 21, "led": 1}
    r = cli_at_now("treatment", "add", "gua-sha", "--interval", "0")
    assert r.returncode == 2 and "gua-sha" in one_line(r)
    assert cli_at_now("treatment", "add", "gua-sha", "--interval", "2").returncode == 0
    r = cli_at_now("treatment", "add", "peel", "--interval", "20")
    assert r.returncode == 2 and "built-in" in one_line(r)
    r = cli_at_now("profile", "set", "--treatment", "dermaplaning", "--interval", "14")
    assert r.returncode == 2 and "floor of dermaplaning (21 days)" in one_line(r)
    assert cli_at_now("profile", "set", "--target", "6", "--treatment", "microneedling",
                      "--interval", "5").returncode == 0
    listed = {t["name"]: t for t in json.loads(cli_at_now("treatment", "list", "--json").stdout)}
    assert listed["microneedling"]["target_sessions"] == 6
    assert listed["microneedling"]["min_interval_days"] == 5
    assert listed["gua-sha"]["min_interval_days"] == 2 and not listed["gua-sha"]["builtin"]
    assert cli_at_now("log", "--treatment", "gua-sha").returncode == 0
    assert cli_at_now("log", "--treatment", "gua-sha", "--date", "2026-11-24").returncode == 3
    st = json.loads(cli_at_now("status", "--json").stdout)
    assert {t["name"] for t in st["treatments"]} == {"microneedling", "gua-sha"}


# -- the file: schema, raw SQL, old files, check ------------------------------------------------


def test_the_exact_column_and_the_view(db_path: Path, hk: Homekit) -> None:
    conn = sqlite3.connect(db_path)
    cols = {r[1]: r for r in conn.execute("PRAGMA table_info(sessions)")}
    _, _, kind, notnull, default, _ = cols["treatment"]
    assert (kind, notnull, default) == ("TEXT", 1, "'microdermabrasion'")
    log(hk, 0, "peel", areas=("neck",))
    row = conn.execute("SELECT treatment, depth_mm, despite FROM session_summary").fetchone()
    assert row == ("peel", None, "")


def test_raw_sql_refuses_what_breaks_the_interval_or_a_window(db_path: Path, hk: Homekit) -> None:
    hk.products.log("acid", day(0))  # products never stop raw SQL: they hold, they do not refuse
    assert shell(db_path, insert(day(0), areas="cheeks,nose")).returncode == 0
    for statement in (
        insert(day(2), "peel", areas="nose"),  # window, after
        insert(day(-3), "dermaplaning"),  # window, before, every area
        insert(day(5)),  # microdermabrasion's 7 days
        insert(day(2), "microneedling", "1.5"),  # too deep: the CHECK
        insert(day(2), "microneedling"),  # no depth: the CHECK
        insert(day(2), "laser"),  # unknown treatment
    ):
        done = shell(db_path, statement)
        assert done.returncode != 0, statement
    assert shell(db_path, insert(day(2), "peel", areas="neck")).returncode == 0
    assert shell(db_path, insert(day(1), "led", areas="cheeks")).returncode == 0
    assert shell(db_path, insert(day(10), "microneedling", "1.0")).returncode == 0
    done = shell(db_path, insert(day(20), "microneedling", "0.2"))
    assert done.returncode != 0 and "min_interval_days" in done.stderr
    # an UPDATE into a window or onto another area is refused as well
    done = shell(db_path, "UPDATE sessions SET areas = 'cheeks' WHERE treatment = 'peel'")
    assert done.returncode != 0 and "overlapping areas" in done.stderr
    done = shell(db_path, "UPDATE sessions SET treatment = 'dermaplaning' WHERE treatment = 'led'")
    assert done.returncode != 0
    assert run_cli("check", db=db_path).returncode == 0


def test_the_floors_hold_for_a_missing_profile(db_path: Path, hk: Homekit) -> None:
    done = shell(db_path, "DROP TRIGGER sessions_profile_exists_insert",
                 "DROP TRIGGER sessions_treatment_known_insert",
                 insert(day(0), "peel", profile=9), insert(day(5), "peel", profile=9))
    assert done.returncode != 0 and "min_interval_days" in done.stderr


def test_check_reports_a_file_that_breaks_them_and_the_open_refuses_it(db_path: Path,
                                                                         hk: Homekit) -> None:
    log(hk, 0, areas=("cheeks",))
    hk.close()
    done = shell(db_path, "DROP TRIGGER sessions_conflict_insert",
                 "DROP TRIGGER sessions_min_interval_insert",
                 insert(day(2), "peel", areas="cheeks"), insert(day(9), "peel", areas="neck"))
    assert done.returncode == 0, done.stderr
    r = run_cli("check", db=db_path)
    assert r.returncode == 1
    assert "peel 2 days after microdermabrasion (session id 1) on 2026-11-01" in r.stdout
    assert "peel sessions of me must be at least 14 days apart" in r.stdout
    r = run_cli("status", db=db_path)
    assert r.returncode == 1 and "homekit delete 3" in one_line(r)
    assert run_cli("delete", "3", "--yes", db=db_path).returncode == 0
    r = run_cli("status", db=db_path)
    assert r.returncode == 1 and "homekit delete 2" in one_line(r)
    assert run_cli("delete", "2", "--yes", db=db_path).returncode == 0
    r = run_cli("status", db=db_path)
    assert r.returncode == 0 and "put back" in r.stderr
    assert run_cli("check", db=db_path).returncode == 0


def test_a_file_of_todays_main_opens_with_every_session_microdermabrasion(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from homekit.storage import migrations

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.migrations.apply(Database(conn), stop_before="m011_treatments")
    conn.close()
    done = shell(path, "INSERT INTO profiles (name, created_at, has_skin_condition) "
                       "VALUES ('me', 'x', 0)",
                 "INSERT INTO sessions (profile_id, session_date, areas, notes, created_at) "
                 "VALUES (1, '2026-10-01', 'cheeks', 'first', 'x'), "
                 "(1, '2026-10-08', '', 'second', 'x')",
                 "INSERT INTO redness (session_id, observed_at, severity) "
                 "VALUES (1, '2026-10-01T10:00', 1)")
    assert done.returncode == 0, done.stderr
    conn = sqlite3.connect(path)
    before = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
              for t in ("profiles", "sessions", "redness", "settings", "photos")}
    conn.close()
    r = run_cli("history", "--json", db=path)
    assert r.returncode == 0, r.stderr
    assert [(s["treatment"], s["depth_mm"], s["despite"]) for s in json.loads(r.stdout)] == [
        ("microdermabrasion", None, [])] * 2
    conn = sqlite3.connect(path)
    after = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in before}
    assert after["sessions"] == [(*row, "microdermabrasion", None, "")
                                 for row in before["sessions"]]
    assert {t: v for t, v in after.items() if t != "sessions"} == {
        t: v for t, v in before.items() if t != "sessions"}
    assert conn.execute("SELECT count(*) FROM products").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM treatments").fetchone() == (0,)


def test_a_new_profile_never_adopts_orphaned_products(db_path: Path, hk: Homekit) -> None:
    done = shell(db_path, "DROP TRIGGER products_profile_exists_insert",
                 "INSERT INTO products (profile_id, kind, used_on, created_at) "
                 "VALUES (7, 'acid', '2026-11-01', 'x')")
    assert done.returncode == 0, done.stderr
    r = run_cli("profile", "add", "bob", db=db_path)
    assert r.returncode == 0 and "put back" in r.stderr
    assert hk.profiles.profiles()[-1].id == 8


# -- export, import, restore ------------------------------------------------------------------


def _filled(hk: Homekit) -> None:
    hk.treatments.add("gua-sha", 2)
    hk.treatments.set("peel", target=4, interval=20)
    log(hk, 0, areas=("cheeks",))
    log(hk, 3, "microneedling", 0.25)
    log(hk, 4, "peel", areas=("neck",))
    log(hk, 5, "gua-sha")
    hk.products.log("retinoid", day(9), 'tretinoin, "0.05%"\n=cream')
    log(hk, 10, "dermaplaning", areas=("chin",), despite=("retinoid",))


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_import_round_trip_is_byte_identical(hk: Homekit, tmp_path: Path,
                                                    fmt: str) -> None:
    from tests.conftest import NOW

    _filled(hk)
    first = hk.transfer.export_log(fmt)
    fresh = Homekit.open(tmp_path / "new.db", now=lambda: NOW)
    try:
        path = tmp_path / f"log.{fmt}"
        path.write_text(first, encoding="utf-8")
        report = fresh.transfer.import_file(path)
        assert report.sessions_added == 5
        assert fresh.transfer.export_log(fmt) == first
        assert fresh.transfer.import_file(path).sessions_added == 0  # again: nothing new
        assert fresh.transfer.export_log(fmt) == first
        assert [p.notes for p in fresh.products.all()] == ['tretinoin, "0.05%"\n=cream']
        assert [s.despite for s in fresh.sessions.history()][0] == ("retinoid",)
    finally:
        fresh.close()


def test_an_import_with_a_conflict_stores_nothing(hk: Homekit, tmp_path: Path) -> None:
    log(hk, 0, areas=("cheeks",))
    before = hk.transfer.export_log("json")
    doc = json.loads(before)
    session = dict(doc["profiles"][0]["sessions"][0])
    doc["profiles"][0]["sessions"].append({**session, "session_date": "2026-11-03",
                                           "treatment": "peel", "areas": ["cheeks"]})
    doc["profiles"][0]["products"] = [{"used_on": "2026-11-02", "kind": "acid", "notes": "",
                                       "created_at": "2026-11-02T08:00:00"}]
    path = tmp_path / "in.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(RuleViolation) as caught:
        hk.transfer.import_file(path)
    lines = words.error(caught.value).splitlines()
    assert len(lines) == 2 and "peel 2 days after microdermabrasion (the stored session on " \
        "2026-11-01) on cheeks" in lines[1]
    assert hk.transfer.export_log("json") == before and hk.products.all() == []
    r = run_cli("import", str(path), db=hk.data_file)
    assert r.returncode == 3 and "resurfacing treatments stay 7 days apart" in r.stderr
    doc["profiles"][0]["sessions"][-1].update(treatment="my-mask", areas=[])
    path.write_text(json.dumps(doc), encoding="utf-8")
    r = run_cli("import", str(path), db=hk.data_file)
    assert r.returncode == 2 and "treatment 'my-mask' is neither built in" in r.stderr
    assert hk.transfer.export_log("json") == before


def test_a_backup_that_breaks_a_window_is_not_restored(hk: Homekit, tmp_path: Path) -> None:
    log(hk, 0, areas=("cheeks",))
    backup = tmp_path / "bad.db"
    hk.backups.backup(backup)
    from homekit.storage import rule_sql

    done = shell(backup, "DROP TRIGGER sessions_conflict_insert",
                 insert(day(2), "peel", areas="cheeks"),
                 rule_sql.conflict_triggers()["sessions_conflict_insert"])  # as it was
    assert done.returncode == 0, done.stderr
    r = run_cli("restore", str(backup), db=hk.data_file)
    assert r.returncode != 0 and "peel 2 days after microdermabrasion" in r.stderr
    assert [s.treatment for s in hk.sessions.history()] == ["microdermabrasion"]


# -- charts, the report, reminders ------------------------------------------------------------


def test_charts_per_treatment_and_the_redness_chart_marks_it(hk: Homekit) -> None:
    from homekit import words

    log(hk, 0)
    log(hk, 10, "peel", areas=("neck",))
    hk.treatments.set("peel", target=3)
    peel = hk.charts.chart_series("progress", "PEEL")
    assert (peel.treatment, peel.session_dates, peel.target, peel.interval_days) == (
        "peel", (day(10),), 3, 14)
    assert words.progress_title(peel) == "peel: 1 session of 3 done"
    assert hk.charts.chart_series("progress").session_dates == (day(0), day(10))
    with pytest.raises(InvalidInput):
        hk.charts.chart_series("progress", "laser")


def test_the_redness_points_carry_their_treatment(hk: Homekit) -> None:
    from homekit.domain.models import SessionDraft as Draft

    hk.sessions.log_session(Draft(day(0)), redness_severity=1, faded_after_min=5)
    hk.sessions.log_session(Draft(day(10), treatment="peel"), redness_severity=2, faded_after_min=30)
    points = hk.charts.chart_series("redness").redness
    assert [(p.session_date, p.treatment) for p in points] == [(day(0), ""), (day(10), "peel")]
    assert [p.treatment for p in hk.charts.chart_series("redness", "peel").redness] == [""]


def test_the_report_covers_every_treatment_and_product_of_its_period(hk: Homekit) -> None:
    from homekit.words.report import report_document, session_row

    log(hk, 0)
    hk.products.log("acid", day(8), "glycolic 10%")
    s = log(hk, 10, "dermaplaning", areas=("chin",), despite=("acid",))
    facts = hk.report.report_facts()
    doc = report_document(facts)
    [section] = [x for x in doc.sections if x.heading == "Treatments and products"]
    treatments_table, products_table = section.blocks[1], section.blocks[2]
    assert [r[0] for r in treatments_table.rows] == ["dermaplaning", "microdermabrasion"]
    assert treatments_table.rows[0][-1] == "1"
    assert products_table.rows == (("2026-11-09", "acid", "2026-11-13", "glycolic 10%"),)
    assert session_row(facts, hk.sessions.session(s.id))[-1] == "[dermaplaning, despite acid]"
    only = hk.report.report_facts(treatment="dermaplaning")
    assert [x.treatment for x in only.sessions] == ["dermaplaning"]
    hk_plain = [x for x in report_document(hk.report.report_facts(until=day(5))).sections
                if x.heading == "Treatments and products"]
    assert hk_plain == []  # microdermabrasion alone, no product: the report as before


def test_reminders_one_series_per_treatment_with_a_target(hk: Homekit, tmp_path: Path) -> None:
    from homekit import words

    log(hk, 0)
    log(hk, 10, "peel", areas=("neck",))
    hk.treatments.set("peel", target=3)
    first = hk.plan.write_reminders(words.calendar, tmp_path / "r.ics", zone="UTC")
    text = (tmp_path / "r.ics").read_text()
    made = hk.profile().created_at.replace("-", "").replace(":", "").replace("T", "")[:14]
    assert f"UID:homekit-{hk.profile().id}-{made}-session-2@homekit" in text
    assert f"UID:homekit-{hk.profile().id}-{made}-peel-session-2@homekit" in text
    assert "SUMMARY:Peel session 3 of 3" in text
    assert first.count == 5 + 2
    log(hk, 24, "peel", areas=("neck",))  # peel 2 done: its reminder 2 is cancelled
    hk.plan.write_reminders(words.calendar, tmp_path / "r2.ics", zone="UTC")
    again = (tmp_path / "r2.ics").read_text()
    assert "SUMMARY:Cancelled: peel session 2 (no longer planned)" in again
    assert again.count("-peel-session-3@homekit") == 1
