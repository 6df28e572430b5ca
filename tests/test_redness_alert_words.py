"""A redness alert is a fact (a code, seriousness, the minutes it lasted); homekit.words says
it, in the sentences the CLI, the app, the report and `status --json` have always shown."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from homekit import words
from homekit.domain import rules
from homekit.domain.models import Redness

NOW = dt.datetime(2026, 11, 25, 12, 0)


@pytest.mark.parametrize(("severity", "faded", "seen", "said"), [
    (4, 5, "2026-11-25T11:00", "Severe redness: pause treatments and consult a skin "
     "professional before the next session."),
    (2, None, "2026-11-24T11:00", "Redness not reported gone after a day: pause treatments "
     "and consult a skin professional."),
    (2, None, "2026-11-25T11:00", "Redness still present: log when it fades. Redness that "
     "lasts is a warning sign."),
    (3, 2000, "2026-11-20T11:00", "Redness lasted more than a day: pause treatments and "
     "consult a skin professional before the next session."),
    (2, 90, "2026-11-25T09:00", "Redness lasted 90 minutes; slight redness normally fades "
     "within minutes. Redness that lasts is a warning sign."),
])
def test_each_alert_is_said_in_words_and_holds_no_sentence(severity, faded, seen, said):
    alert = rules.redness_alert(Redness(1, 1, seen, severity, faded), NOW)
    assert alert is not None and words.redness_alert_text(alert) == said
    # The fact itself carries no English: a code, its seriousness, the minutes.
    assert {f.name for f in dataclasses.fields(alert)} == {"code", "serious", "minutes"}
    assert alert.code in words.redness_alert_text.__globals__["_SAID"]
