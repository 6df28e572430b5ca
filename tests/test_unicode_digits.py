"""Digits of any script are read as the same number, date or time, in every field and door."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homekit.cli import main
from homekit.domain import validate
from homekit.domain.errors import InvalidInput

#: Zero of a few scripts: ASCII, full-width, Arabic-Indic, Devanagari, Bengali, Thai.
ZEROS = [0x30, 0xFF10, 0x0660, 0x0966, 0x09E6, 0x0E50]


def written(text: str, zero: int) -> str:
    return "".join(chr(zero + int(c)) if c.isdigit() else c for c in text)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2026, 11, 25)),
       st.sampled_from(ZEROS), st.integers(0, 23), st.integers(0, 59), st.integers(1, 180))
def test_every_parser_reads_any_script_the_same(day, zero, hour, minute, minutes):
    assert validate.parse_date(written(day.isoformat(), zero)) == day
    assert validate.parse_time(written(f"{hour}:{minute:02d}", zero)) == f"{hour:02d}:{minute:02d}"
    assert validate.duration(written(str(minutes), zero)) == minutes
    assert validate.parse_int(written(str(minutes), zero), "n") == minutes


def test_full_width_punctuation_and_what_stays_refused():
    assert validate.parse_date("２０２６－１１－０１") == dt.date(2026, 11, 1)
    assert validate.parse_time("０９：３０") == "09:30"
    for bad in ("2026-11-0\u00b2", "2026-11-0\u2460", "١٢-١١-٢٠٢٦"):  # superscript, circled
        with pytest.raises(InvalidInput, match="not a date written YYYY-MM-DD"):
            validate.parse_date(bad)
    with pytest.raises(InvalidInput, match="not a whole number"):
        validate.duration("\u00b9\u00b2")


def test_the_cli_and_import_store_ascii(db_path, tmp_path, capsys):
    db = ["--db", str(db_path)]
    assert main([*db, "profile", "condition", "no"]) == 0
    assert main([*db, "log", "--date", "２０２６－１１－０１", "--time", "２０：１５",
                 "--duration", "٤٥", "--level", "३"]) == 0
    src = tmp_path / "in.csv"
    src.write_text("session_date,start_time,duration_min,created_at\n"
                   "２０２６-１１-１０,０９:３０,３０,２０２６-１１-１０T１０:００:００\n", encoding="utf-8")
    assert main([*db, "import", str(src)]) == 0
    capsys.readouterr()
    assert main([*db, "history", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["session_date"], r["start_time"], r["duration_min"]) for r in rows] == [
        ("2026-11-10", "09:30", 30), ("2026-11-01", "20:15", 45)]
    assert rows[0]["created_at"] == "2026-11-10T10:00:00"
