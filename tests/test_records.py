"""`Record` gives the domain's frozen dataclasses the equality, hash and repr that
`@dataclass(frozen=True)` would have generated: each class is compared with a twin made by
`dataclasses.make_dataclass` from the same fields, with every method generated."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import MISSING, field, fields, make_dataclass

import pytest

from homekit.domain.adverse_event import AdverseEvent
from homekit.domain.alerts import RednessAlert
from homekit.domain.drafts import RednessDraft, SessionChanges, SessionDraft, SessionFilter, SessionImport
from homekit.domain.followup import Followup
from homekit.domain.gate import Gate
from homekit.domain.models import Profile, Redness, Session, SessionFields
from homekit.domain.records import Record
from homekit.domain.status import Status
from homekit.domain.treatments.marks import Mark, Treatment
from homekit.domain.treatments.standing_of import Standing
from homekit.domain.treatments.uses import ProductHold, ProductUse

D = dt.date(2026, 11, 20)
RED = Redness(7, 3, "2026-11-20T21:00", 2, None, "a 'note'", session_number=4)
SESSION = Session(D, "09:00", 30, ("cheeks",), 2, True, 1, "n\u202e", ("eyes",), False,
                  id=3, profile_id=1, created_at="2026-11-20T09:40:00", redness=(RED,), number=4)


def twin(cls: type) -> type:
    """`cls` made again with every method generated (frozen, eq, repr, hash as dataclass
    makes them)."""
    spec = []
    for f in fields(cls):
        kw = {"compare": f.compare, "repr": f.repr, "hash": f.hash, "kw_only": f.kw_only}
        if f.default is not MISSING:
            kw["default"] = f.default
        if f.default_factory is not MISSING:
            kw["default_factory"] = f.default_factory
        spec.append((f.name, f.type, field(**kw)))
    return make_dataclass(cls.__qualname__, spec, frozen=True)


def values(record: object) -> dict[str, object]:
    return {f.name: getattr(record, f.name) for f in fields(record)}  # type: ignore[arg-type]


EXAMPLES = [
    RED,
    SESSION,
    Profile(1, "me", has_skin_condition=False, skin_type=3),
    Gate("redness", "severe", session_id=3, session_date=D, observation=RED, session_number=4),
    Gate("interval", next_eligible=D, days_left=2),
    Treatment("microneedling", 28, interval_days=30),
    Mark(3, D, "peel", None, ("cheeks",)),
    Standing("peel", 2, D, D, ("interval",), 5, Mark(None, D)),
    RednessAlert("lasted", False, 90),
    Followup(3, D, "hour", dt.datetime(2026, 11, 20, 10, 0), 4),
    Status("me", 100, 7, 4, D, D, 0, None, RED, RednessAlert("severe", True), D,
           gates=(Gate("condition", "unanswered"),), skin_type=2),
    SessionDraft(D, "10:00", areas=("forehead",)),
    SessionChanges(notes="x", clear=frozenset({"stinging"})),
    SessionFilter("word", D, None, "peel"),
    RednessDraft("2026-11-20T21:00", 1, 20),
    SessionImport(SessionDraft(D), "2026-11-20T09:00:00", (RednessDraft("x", 0),)),
    ProductHold(ProductUse(2, D, "retinoid"), D),
    AdverseEvent(1, 1, 3, "blister", D, "", None, False, "2026-11-20T10:00:00"),
]


@pytest.mark.parametrize("record", EXAMPLES, ids=lambda r: type(r).__name__)
def test_a_record_equals_hashes_and_shows_itself_as_a_generated_dataclass_would(record):
    cls = type(record)
    assert issubclass(cls, Record) and cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
    made = twin(cls)
    mine, theirs = record, made(**values(record))
    assert repr(mine) == repr(theirs)
    assert hash(mine) == hash(theirs)
    assert mine == cls(**values(record)) and not mine != cls(**values(record))
    assert mine != theirs  # another class: never equal, as a generated __eq__ says
    # Each field changed alone: equal exactly when the generated class says so.
    for f in fields(cls):  # type: ignore[arg-type]
        other = getattr(record, f.name)
        changed = "changed" if not isinstance(other, str) or other != "changed" else "other"
        a = dataclasses.replace(record, **{f.name: changed})
        b = made(**{**values(record), f.name: changed})
        assert (a == record) == (b == theirs), f.name
        if a == record:
            assert hash(a) == hash(record)
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.some_attribute = 1  # type: ignore[attr-defined]


def test_a_stored_session_shares_its_entered_fields_with_its_draft():
    entered = [f.name for f in fields(SessionFields)]
    assert [f.name for f in fields(SessionDraft)] == entered
    assert [f.name for f in fields(Session)][:len(entered)] == entered
    draft = SessionDraft(**{name: getattr(SESSION, name) for name in entered})
    assert draft == SessionDraft(D, "09:00", 30, ("cheeks",), 2, True, 1, "n\u202e", ("eyes",))
    assert draft != SESSION and SESSION != draft  # a draft is never the session it became
    # The session's own fields are named, not positional.
    with pytest.raises(TypeError):
        Session(D, "09:00", 30, ("cheeks",), 2, True, 1, "", None, False, "x", 0, (), 3, 1)


def test_a_record_inside_itself_shows_as_dots():
    mark = Mark(1, D)
    object.__setattr__(mark, "areas", (mark,))
    assert repr(mark) == "Mark(id=1, date=datetime.date(2026, 11, 20), treatment='microdermabrasion', "\
        "depth_mm=None, areas=(...,))"
