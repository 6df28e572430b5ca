"""The 0-4 redness scale has one name and one set of words (homekit.words.scales), and every
door says them the same way: the CLI's help and its refusal, the app's redness dialog, both
charts, and the report (its tables, its legend, its chart descriptions); and the report's
first page carries the skin type and the adverse events."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from homekit import words
from homekit.charts import figure as charts
from homekit.charts.text import redness_text
from homekit.domain.models import REDNESS_LEVELS, SessionDraft
from homekit.services import Homekit
from homekit.words.report import report_document
from homekit.words.scales import (
    REDNESS_DESCRIPTIONS,
    REDNESS_SCALE_NAME,
    REDNESS_SCALE_TEXT,
    redness_label,
)
from tests.conftest import TODAY, run_in_process

LEVELS = range(len(REDNESS_LEVELS))


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_scale_is_five_levels_with_a_description_each():
    assert [redness_label(i) for i in LEVELS] == ["0 none", "1 faint", "2 mild", "3 marked",
                                                  "4 severe"]
    assert len(REDNESS_DESCRIPTIONS) == len(REDNESS_LEVELS)
    assert "erythema" in REDNESS_SCALE_NAME and "clinician" in REDNESS_SCALE_NAME


def test_the_cli_help_and_refusal_use_the_scales_words():
    for command in (("log", "--help"), ("redness", "--help")):
        text = _flat(run_in_process(*command).stdout)
        assert REDNESS_SCALE_NAME in text, command
        for i in LEVELS:
            assert f"{redness_label(i)} ({REDNESS_DESCRIPTIONS[i]})" in text, (command, i)


def test_both_charts_label_the_levels_with_the_scales_words(hk: Homekit):
    hk.sessions.log_session(SessionDraft(TODAY - dt.timedelta(days=3)), redness_severity=4)
    series = hk.charts.chart_series()
    fig = charts.figure(series, "redness")
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == [
        redness_label(i) for i in LEVELS]
    drawn = redness_text(series, 80, 12).plain()
    for i in LEVELS:
        assert f"{redness_label(i)} ┤" in drawn


def test_the_report_names_the_scale_and_uses_its_words(hk: Homekit, db_path):
    hk.profiles.update_profile(skin_type=4)
    hk.sessions.log_session(SessionDraft(TODAY - dt.timedelta(days=10)), redness_severity=3,
                   faded_after_min=30)
    hk.events.log("blister", day=TODAY - dt.timedelta(days=2), notes="left cheek")
    data, _, _ = hk.report.report_bytes(report_document)
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]
    everything = _flat("\n".join(pages))
    assert _flat(REDNESS_SCALE_TEXT) in everything
    assert "3 marked" in everything  # the session's worst redness, as the scale says it
    first = _flat(pages[0])
    assert "Skin type (Fitzpatrick) " + words.skin_type_text(4) in first
    assert f"Log started {(TODAY - dt.timedelta(days=10)).isoformat()}" in first.replace(":", "")
    assert "Adverse events" in first and "blister" in first and "left cheek" in first
    assert "not resolved" in first
