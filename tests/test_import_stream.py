"""Import reads the file in pieces, twice (issue 14): the streamed JSON reader gives the line
numbers, messages and sessions of the whole-document parse, and falls back to it for a layout
homekit does not write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from homekit.domain.errors import InvalidInput
from homekit.transfer.importer import BadImportData, ImportRuleViolation
from homekit.transfer.raw import RawSession
from homekit.transfer.reader import read_import_file


def export_doc(n: int, *, bad_at: int | None = None, gap: int = 7) -> dict:
    import datetime as dt

    start = dt.date(1920, 1, 1)
    sessions = [{"session_date": (start + dt.timedelta(days=gap * i)).isoformat(),
                 "duration_min": 5, "notes": "x" * 40} for i in range(n)]
    if bad_at is not None:
        sessions[bad_at]["duration_min"] = "many"
    return {"format": "homekit-export", "version": 1,
            "profiles": [{"name": "me", "min_interval_days": 7, "sessions": sessions}]}


def write(tmp_path: Path, doc: object, name: str = "in.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return path


def test_streamed_rows_match_the_whole_parse(tmp_path):
    path = write(tmp_path, export_doc(3000))  # several pieces of 64 KiB
    streamed = read_import_file(path)
    whole = streamed.whole()
    a = [(r.values, streamed.line(r.ref)) for r in streamed.rows() if isinstance(r, RawSession)]
    b = [(r.values, whole.line(r.ref)) for r in whole.rows() if isinstance(r, RawSession)]
    assert len(a) == 3000 and a == b


def test_a_bad_row_far_into_the_file_is_named_by_its_line(tmp_path, hk):
    path = write(tmp_path, export_doc(3000, bad_at=2500))
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if '"many"' in text)
    with pytest.raises(BadImportData) as err:
        hk.transfer.import_file(path)
    (problem,) = err.value.problems
    assert problem.line == line - 2  # the session's opening brace: date, then duration
    assert hk.sessions.history() == []


def test_rule_broken_within_the_file_refuses_everything(tmp_path, hk):
    path = write(tmp_path, export_doc(2000, gap=3))
    with pytest.raises(ImportRuleViolation):
        hk.transfer.import_file(path)
    assert hk.sessions.history() == []


def test_other_layouts_fall_back_to_the_whole_document(tmp_path, hk):
    doc = export_doc(50)
    reordered = {"profiles": doc["profiles"], "version": 1, "format": "homekit-export"}
    reordered["profiles"][0] = {"sessions": doc["profiles"][0]["sessions"], "name": "me"}
    report = hk.transfer.import_file(write(tmp_path, reordered))
    assert report.sessions_added == 50 and len(hk.sessions.history()) == 50


@pytest.mark.parametrize("text, words", [
    ('{"format": "homekit-export", "version": 1, "profiles": [{"name": "me", "sessions": [}',
     "not valid JSON"),
    ('{"format": "other", "version": 1, "profiles": []}', '"format": "homekit-export"'),
    ('{"format": "homekit-export", "version": 99, "profiles": []}', "newer homekit"),
])
def test_broken_files_are_worded_as_before(tmp_path, hk, text, words):
    from homekit.words import error

    path = tmp_path / "in.json"
    path.write_text(text)
    with pytest.raises(InvalidInput) as refused:
        hk.transfer.import_file(path)
    assert words in error(refused.value)


def test_large_import_stores_every_session_once(tmp_path, hk):
    path = write(tmp_path, export_doc(1200))  # more than one insert batch
    report = hk.transfer.import_file(path)
    assert report.sessions_added == 1200
    again = hk.transfer.import_file(path)
    assert again.sessions_added == 0 and again.identical_skipped == 1200


def test_a_file_changed_between_check_and_insert_imports_nothing(tmp_path, hk, monkeypatch):
    from homekit.transfer import importer

    path = write(tmp_path, export_doc(20))
    plan_import = importer.plan_import

    def then_change(source, file, dry_run):
        result = plan_import(source, file, dry_run)
        write(tmp_path, export_doc(30))  # another program rewrites it
        return result

    monkeypatch.setattr(importer, "plan_import", then_change)
    with pytest.raises(InvalidInput) as caught:
        hk.transfer.import_file(path)
    from homekit import words

    assert words.error(caught.value) == (
        f"{Path(path).name} changed while it was imported; nothing was imported")
    assert hk.sessions.history() == []
