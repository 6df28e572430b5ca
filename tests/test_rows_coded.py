"""An import row's problems are coded records (a code and facts, no sentence) that
homekit.words says: transfer.rows speaks no sentence, and the words are the ones the CLI
always printed."""

from __future__ import annotations

import datetime as dt

import pytest

from homekit import words
from homekit.domain.errors import InvalidInput
from homekit.transfer import rows
from homekit.words.errors import _renderer

TODAY = dt.date(2026, 11, 25)
STAMP = "2026-11-25T09:30:00"
GOOD = {"session_date": "2026-10-15", "duration_min": "30"}

SESSION_CASES = [
    ({"created_at": 5}, "created_at must be text, not int"),
    ({"created_at": "soon"}, "created_at 'soon' is not a date and time (YYYY-MM-DDTHH:MM)"),
    ({"glasses_worn": "maybe"}, "glasses_worn 'maybe' is not yes or no"),
    ({"redness": "[nope"}, "redness is not a JSON list of observations"),
    ({"redness": {"a": 1}}, "redness is not a list of observations"),
    ({"redness": [{"severity": 2}]}, "a redness observation needs observed_at and severity"),
    ({"redness": [{"severity": 2, "observed_at": 7}]}, "redness observed_at must be text, not int"),
    ({"treatment": "microneedling", "depth_mm": [1]}, "depth [1] is not a number"),
    ({"despite": 5}, "despite is not a list of product kinds"),
    ({"checklist": 5}, "checklist is not a list of item ids or null"),
    ({"cleared_by_professional": 5}, "cleared_by_professional is not true or false"),
    ({"session_date": "2099-01-01"}, "2099-01-01 is in the future (today is 2026-11-25)"),
]


def _problems(values: dict[str, object]) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        rows.session({**GOOD, **values}, TODAY, STAMP)
    return caught.value


@pytest.mark.parametrize(("values", "said"), SESSION_CASES)
def test_a_rows_problem_is_a_code_and_facts_that_words_say(values, said):
    exc = _problems(values)
    assert exc.code == "row_problems"
    (problem,) = exc.facts["problems"]
    assert _renderer(problem.code) is not None and str(problem) == problem.code  # no sentence of its own
    assert words.error(problem) == said
    assert words.error(exc) == said


def test_every_problem_of_a_row_is_kept_in_order_and_said_joined():
    exc = _problems({"session_date": "2099-01-01", "duration_min": "999",
                     "glasses_worn": "maybe", "checklist": 5})
    assert [p.code for p in exc.facts["problems"]][0] == "future_date"
    assert words.error(exc) == (
        "2099-01-01 is in the future (today is 2026-11-25); duration must be from 1 to 180 "
        "minutes, not 999; glasses_worn 'maybe' is not yes or no; checklist is not a list of "
        "item ids or null")


@pytest.mark.parametrize(("settings", "said"), [
    ({"has_skin_condition": "x"}, "has_skin_condition is not true, false or null"),
    ({"blood_thinners": 3}, "blood_thinners is not true, false or null"),
    ({"skin_type": True}, "skin_type is not a number from 1 to 6 or null"),
    ({"created_at": 5}, "created_at must be text, not int"),
])
def test_a_profile_rows_problem_is_coded_too(settings, said):
    with pytest.raises(InvalidInput) as caught:
        rows.profile_settings("me", settings, STAMP)
    assert _renderer(caught.value.code) is not None and str(caught.value) == caught.value.code
    assert words.error(caught.value) == said


def test_a_hostile_value_is_quoted_and_made_visible():
    exc = _problems({"glasses_worn": "\x1b[31mred"})
    assert words.error(exc) == "glasses_worn '\\x1b[31mred' is not yes or no"
