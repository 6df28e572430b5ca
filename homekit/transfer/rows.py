"""Turn one raw row into checked values, with the same messages as the CLI (domain.validate).

A value the row cannot hold is refused with a coded problem (`code` and facts, no sentence:
`homekit.words.imports` says them); a row's problems are raised together, in one
`row_problems` refusal whose `problems` are the refusals themselves."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from homekit.domain import checklist, rules, treatments, validate
from homekit.domain.errors import InvalidInput
from homekit.domain.models import DEFAULT_TARGET_SESSIONS, Profile, RednessDraft, SessionDraft, SessionImport
from homekit.transfer.formats import NO_ITEMS

_SHORT = {"session_date", "start_time", "duration_min", "device_level", "glasses_worn",
          "stinging"}
MAX_SHORT = 40
_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0"}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _optional(value: Any, check: Callable[[Any], Any]) -> Any:
    return None if _blank(value) else check(value)


def _text(value: Any, what: str) -> str:
    """`value` as text (None: empty); `what` names the value in a refusal: the file's key,
    or a name homekit.words.imports knows (`area`, `redness.notes`...)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(code="row_not_text", what=what, type=type(value).__name__)
    return value


def _timestamp(value: Any, what: str) -> str:
    text = validate.ascii_digits(_text(value, what).strip())
    try:
        dt.datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(code="row_not_timestamp", what=what, text=text[:40]) from None
    return text


def glasses(value: Any, name: str = "glasses_worn") -> bool:
    """yes/no (also true/false/1/0, any case) as a bool."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise InvalidInput(code="row_not_yes_no", what=name, text=str(value)[:20])


def _areas(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return validate.areas([_text(a, "area") for a in value])
    return validate.areas([_text(value, "areas")])


def redness(value: Any) -> tuple[RednessDraft, ...]:
    """Redness observations: a JSON list (a CSV cell holds the same list as text)."""
    if _blank(value):
        return ()
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except (json.JSONDecodeError, RecursionError):
            raise InvalidInput(code="row_redness_not_json") from None
    if not isinstance(value, list):
        raise InvalidInput(code="row_redness_not_list")
    found = []
    for item in value:
        if not isinstance(item, dict) or "severity" not in item or "observed_at" not in item:
            raise InvalidInput(code="row_redness_incomplete")
        found.append(RednessDraft(
            observed_at=_timestamp(item["observed_at"], "redness.observed_at"),
            severity=validate.severity(item["severity"]),
            faded_after_min=_optional(item.get("faded_after_min"), validate.faded_after),
            notes=validate.notes(_text(item.get("notes"), "redness.notes")),
        ))
    return tuple(found)


def session(values: Mapping[str, Any], today: dt.date, stamp: str) -> SessionImport:
    """A checked session; else a `row_problems` refusal that holds every problem of the row."""
    problems: list[InvalidInput] = []
    day = dt.date.min
    # Short fields are clipped before checking, so that a message never quotes megabytes
    # (a value that long is wrong either way).
    values = {k: v[:MAX_SHORT] + "..." if k in _SHORT and isinstance(v, str) and len(v) > MAX_SHORT
              else v for k, v in values.items()}

    def take(key: str, check: Callable[[Any], Any], default: Any = None) -> Any:
        if key not in values:
            return default
        try:
            return check(values[key])
        except InvalidInput as exc:
            problems.append(exc)
            return default

    raw_date = values.get("session_date")
    try:
        day = validate.parse_date(_text(raw_date, "date"))
        future = rules.date_problem(day, today)
        if future:
            problems.append(future)
    except InvalidInput as exc:
        problems.append(exc)
    draft = SessionDraft(
        session_date=day,
        start_time=take("start_time", lambda v: _optional(v, lambda t: validate.parse_time(
            _text(t, "time")))),
        duration_min=take("duration_min", lambda v: _optional(v, validate.duration)),
        areas=take("areas", lambda v: () if _blank(v) else _areas(v), ()),
        device_level=take("device_level", lambda v: _optional(v, validate.device_level)),
        glasses_worn=take("glasses_worn", lambda v: _optional(v, glasses)),
        stinging=take("stinging", lambda v: _optional(v, validate.stinging)),
        notes=take("notes", lambda v: validate.notes(_text(v, "notes")), ""),
        checklist=take("checklist", _checklist),
        cleared_by_professional=take("cleared_by_professional", _cleared, False),
    )
    created = take("created_at", lambda v: stamp if _blank(v) else _timestamp(v, "created_at"),
                   stamp)
    observed = take("redness", redness, ())
    try:
        name = _treatment(values.get("treatment"))
        depth = treatments.session_depth(name, _optional(values.get("depth_mm"), _depth))
        despite = _despite(values.get("despite"))
        draft = replace(draft, treatment=name, depth_mm=depth, despite=despite)
    except InvalidInput as exc:
        problems.append(exc)
    if problems:
        raise InvalidInput(code="row_problems", problems=tuple(problems))
    return SessionImport(draft, created, observed)


def _treatment(value: Any) -> str:
    """A built-in treatment, or a custom one's name (whether the profile has it is checked
    by the importer); blank: microdermabrasion, as every session before treatments."""
    if _blank(value):
        return treatments.DEFAULT_TREATMENT
    name = _text(value, "treatment").strip().lower()
    return name if treatments.is_builtin(name) else treatments.new_treatment_name(name)


def _depth(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise InvalidInput(code="row_depth_not_number", value=value)
    if isinstance(value, str):
        return treatments.parse_depth(value)
    return treatments.check_depth(float(value))


def _despite(value: Any) -> tuple[str, ...]:
    if _blank(value):
        return ()
    if isinstance(value, str):
        return treatments.despite_kinds([k for k in value.split(",") if k.strip()])
    if isinstance(value, list) and all(isinstance(k, str) for k in value):
        return treatments.despite_kinds(value)
    raise InvalidInput(code="row_despite_not_list")


def profile_settings(name: str, settings: Mapping[str, Any] | None, stamp: str,
                     text: bool = False) -> Profile:
    """A profile to create from the settings a file carries (defaults for the rest): JSON
    values, or with `text` the cells of a CSV profile row (blank: not given, yes/no)."""
    s = dict(settings or {})
    if text:
        s = {k: None if _blank(v) else v for k, v in s.items()}
        s["created_at"] = s.pop("profile_created_at", None)
        for key in ("has_skin_condition", "blood_thinners"):
            if s.get(key) is not None:
                s[key] = glasses(s[key], key)

    def opt(key: str, check: Callable[[Any], Any], default: Any) -> Any:
        return default if s.get(key) is None else check(s[key])

    has = s.get("has_skin_condition")
    if has is not None and not isinstance(has, bool):
        raise InvalidInput(code="row_not_true_false_null", what="has_skin_condition")
    thinners = s.get("blood_thinners")
    if thinners is not None and not isinstance(thinners, bool):
        raise InvalidInput(code="row_not_true_false_null", what="blood_thinners")
    return Profile(
        id=0,
        name=name,
        target_sessions=opt("target_sessions", validate.target_sessions, DEFAULT_TARGET_SESSIONS),
        min_interval_days=opt("min_interval_days", validate.interval_days,
                              rules.MIN_INTERVAL_DAYS),
        created_at=opt("created_at", lambda v: _timestamp(v, "created_at"), stamp),
        has_skin_condition=has,
        condition_acknowledged_at=opt("condition_acknowledged_at",
                                      lambda v: _timestamp(v, "condition_acknowledged_at"), None),
        isotretinoin=opt("isotretinoin", _isotretinoin, None),
        isotretinoin_acknowledged_at=opt(
            "isotretinoin_acknowledged_at",
            lambda v: _timestamp(v, "isotretinoin_acknowledged_at"), None),
        blood_thinners=thinners,
        medical_answered_at=opt("medical_answered_at",
                                lambda v: _timestamp(v, "medical_answered_at"), None),
        skin_type=opt("skin_type", _skin_type, None),
    )


def _skin_type(value: Any) -> int:
    """1 to 6: a number in JSON (not true or false), a cell of text in CSV."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise InvalidInput(code="row_skin_type_not_number")
    return validate.skin_type(value)


def _isotretinoin(value: Any) -> str:
    """`never` or a date YYYY-MM-DD (when the course finished), as exported."""
    text = _text(value, "isotretinoin")
    if text == "never":
        return text
    return validate.parse_date(text, "isotretinoin").isoformat()


def _checklist(value: Any) -> tuple[str, ...] | None:
    """The pre-session checklist items confirmed (None: not asked): in JSON a list of ids or
    null; in CSV the ids comma-separated, `none`, or an empty cell."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip().lower()
        if not text:
            return None
        return () if text == NO_ITEMS else checklist.parse_checked(text)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return checklist.parse_checked(",".join(value))
    raise InvalidInput(code="row_checklist_not_list")


def _cleared(value: Any) -> bool:
    """Whether a professional cleared the session's redness block: JSON true/false/null, CSV
    yes/no or an empty cell (no)."""
    if value is None:
        return False
    if isinstance(value, str):
        return False if _blank(value) else glasses(value, "cleared_by_professional")
    if not isinstance(value, bool):
        raise InvalidInput(code="row_not_true_false", what="cleared_by_professional")
    return value
