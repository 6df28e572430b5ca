"""The import's rule checks, the reader, a profile's treatments rows, the export's adverse events
and the domain's date, clock and interval problems are coded records (a code and facts, no
sentence) that homekit.words says, in the words the CLI always printed; and no sentence comes
back below homekit.words in those modules (import-linter sees imports, not f-strings)."""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from homekit import words
from homekit.domain import rules
from homekit.domain.errors import HomekitError
from homekit.services import Homekit
from homekit.words import MODULES
from homekit.words.errors import _ERRORS
from tests.conftest import NOW

PACKAGE = Path(__file__).resolve().parent.parent / "homekit"
#: The modules that raise coded problems and must build no sentence themselves.
SPEECHLESS = [*sorted((PACKAGE / "transfer").glob("*.py")), PACKAGE / "domain" / "rules.py"]
TODAY = NOW.date()
HEAD = "homekit: error: import refused, nothing was stored: "


def _wrote(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _json(profile: str) -> str:
    return f'{{"format": "homekit-export", "version": 1, "profiles": [{profile}]}}\n'


CLASHES = """profile,session_date,treatment,depth_mm,areas
me,2026-09-01,,,
me,2026-09-03,,,
me,2026-09-03,,,
me,2026-10-15,,,
me,2026-10-18,,,
me,2026-08-01,peel,,cheeks
me,2026-08-03,microdermabrasion,,cheeks
me,2026-07-01,microneedling,0.6,
me,2026-07-04,dermaplaning,,
"""


def test_the_rules_across_a_file_are_said_as_always(cli_at_now, tmp_path):
    r = cli_at_now("import", _wrote(tmp_path, "clash.csv", CLASHES))
    assert r.returncode == 3
    apart = "sessions of me must be at least 7 days apart"
    stay = "resurfacing treatments stay 7 days apart on the same area"
    assert r.stderr.splitlines() == [
        HEAD + "9 rows of 9 in clash.csv have a problem",
        f"  line 2, 2026-09-01: 2 days before the session on 2026-09-03 (line 3); {apart}",
        f"  line 3, 2026-09-03: the session on 2026-09-03 (line 4) has the same date; {apart}",
        f"  line 4, 2026-09-03: the session on 2026-09-03 (line 3) has the same date; {apart}",
        f"  line 5, 2026-10-15: 3 days before the session on 2026-10-18 (line 6); {apart}",
        f"  line 6, 2026-10-18: 3 days after the session on 2026-10-15 (line 5); {apart}",
        "  line 7, 2026-08-01: peel 2 days before microdermabrasion (the session on 2026-08-03 "
        f"(line 8)) on cheeks; {stay}",
        "  line 8, 2026-08-03: microdermabrasion 2 days after peel (the session on 2026-08-01 "
        f"(line 7)) on cheeks; {stay}",
        "  line 9, 2026-07-01: microneedling 3 days before dermaplaning (the session on "
        f"2026-07-04 (line 10)) on every area; {stay}",
        "  line 10, 2026-07-04: dermaplaning 3 days after microneedling (the session on "
        f"2026-07-01 (line 9)) on every area; {stay}",
    ]


def test_a_clash_with_the_stored_log_and_an_unknown_treatment_are_said_as_always(
        cli_at_now, tmp_path):
    assert cli_at_now("log", "--date", "2026-09-20", "--glasses").returncode == 0
    r = cli_at_now("import", _wrote(tmp_path, "near.csv",
                                    "profile,session_date\nme,2026-09-20\nme,2026-09-23\n"))
    assert (r.returncode, r.stderr.splitlines()) == (3, [
        HEAD + "1 row of 2 in near.csv has a problem",
        "  line 3, 2026-09-23: 3 days after the stored session on 2026-09-20; sessions of me "
        "must be at least 7 days apart"])
    r = cli_at_now("import", _wrote(tmp_path, "same.csv",
                                    "profile,session_date,notes\nme,2026-09-20,other\n"))
    assert r.stderr.splitlines()[1:] == [
        "  line 2, 2026-09-20: a different session is already stored on 2026-09-20; sessions "
        "of me must be at least 7 days apart"]
    r = cli_at_now("import", _wrote(tmp_path, "laser.csv",
                                    "profile,session_date,treatment\nme,2026-09-01,laser\n"))
    assert (r.returncode, r.stderr.splitlines()[1:]) == (2, [
        "  line 2, 2026-09-01: treatment 'laser' is neither built in nor one of me's own (the "
        "file's profile row may add it)"])


READER_CASES = [
    ("fields.csv", "session_date,duration_min,notes\n2026-10-01,30\n2026-10-08,30,ok\n",
     ["1 row of 2 in fields.csv has a problem",
      "  line 2, 2026-10-01: has 2 fields, the header has 3"]),
    ("settings.csv", "profile,session_date,duration_min,target_sessions,min_interval_days\n"
     "me,2026-10-01,30,8,10\n",
     ["1 row of 1 in settings.csv has a problem",
      "  line 2, 2026-10-01: has profile settings (target_sessions, min_interval_days) beside a "
      "session: they go on the profile's own row, whose session_date and session cells are "
      "empty"]),
    ("streamed.json", _json('{"name": "me", "target_sessions": 6, "min_interval_days": 7, '
                            '"sessions": [1, {"session_date": "2026-05-01"}]}'),
     ["1 row of 2 in streamed.json has a problem", "  line 1: is not a session object"]),
    ("whole.json", '{"version": 1, "format": "homekit-export", '
                   '"profiles": [{"sessions": ["x"], "name": "me"}]}\n',
     ["1 row of 1 in whole.json has a problem", "  line 1: is not a session object"]),
    ("names.json", _json('{"name": "me", "sessions": [{"session_date": "2026-05-01", '
                         '"areas": [3], "redness": [{"observed_at": "2026-05-01T10:00", '
                         '"severity": 1, "notes": 4}]}]}'),
     ["1 row of 1 in names.json has a problem",
      "  line 1, 2026-05-01: an area must be text, not int; redness notes must be text, not "
      "int"]),
    ("unnamed.json", _json('{"name": 5, "sessions": [{"session_date": "2026-05-01"}]}'),
     ["1 row of 1 in unnamed.json has a problem",
      "  line 1: profile: profile name must be text, not int",
      "  line 1, 2026-05-01: profile name must be text, not int"]),
]


@pytest.mark.parametrize(("name", "text", "said"), READER_CASES,
                         ids=[c[0] for c in READER_CASES])
def test_a_row_the_reader_cannot_take_apart_is_said_as_always(cli_at_now, tmp_path, name,
                                                              text, said):
    r = cli_at_now("import", _wrote(tmp_path, name, text))
    assert (r.returncode, r.stderr.splitlines()) == (2, [HEAD + said[0], *said[1:]])


EXTRAS_CASES = [
    ("treatments", "not json", "treatments is not a JSON list"),
    ("products", "nope", "products is not a JSON list"),
    ("treatments", '{""a"":1}', "treatments is not a list of objects"),
    ("products", "[1]", "products is not a list of objects"),
    ("treatments", '[{""name"":""microdermabrasion"",""custom"":false}]',
     "treatment 'microdermabrasion': not a row homekit writes"),
    ("treatments", '[{""name"":""glow"",""custom"":true,""min_interval_days"":""x""}]',
     "treatment 'glow': min_interval_days is not a number of days"),
    ("treatments", '[{""name"":""glow"",""custom"":true,""min_interval_days"":999}]',
     "treatment 'glow': an interval of 999 days"),
    ("treatments", '[{""name"":""glow"",""custom"":true,""min_interval_days"":5,'
                   '""target_sessions"":""x""}]',
     "treatment 'glow': target_sessions is not a number"),
    ("treatments", '[{""name"":""peel"",""custom"":false,""min_interval_days"":1}]',
     "an interval of 1 days is below the floor of peel"),
]


@pytest.mark.parametrize(("key", "cell", "said"), EXTRAS_CASES)
def test_a_profiles_treatments_rows_are_said_as_always(cli_at_now, tmp_path, key, cell, said):
    text = f'profile,session_date,target_sessions,{key}\nme,,8,"{cell}"\nme,2026-06-01,,\n'
    r = cli_at_now("import", _wrote(tmp_path, "extras.csv", text))
    assert (r.returncode, r.stderr.splitlines()) == (2, [
        HEAD + "1 row of 1 in extras.csv has a problem", f"  line 2: profile: {said}"])


EVENT_CASES = [
    ("5", "profile 1 ('me'): adverse_events is not a list"),
    ('"[x"', "profile 1 ('me'): adverse_events is not a JSON list"),
    ("[1]", "profile 1 ('me'), adverse event 1: an adverse event is not an object; nothing was "
            "imported"),
    ('[{"kind": "burn", "date": "2026-01-01", "zzz": 1}]',
     "profile 1 ('me'), adverse event 1: unknown key 'zzz' in an adverse event; nothing was "
     "imported"),
    ('[{"kind": "burn"}]', "profile 1 ('me'), adverse event 1: an adverse event has no date; "
                           "nothing was imported"),
    ('[{"kind": "burn", "date": "2026-01-01", "resolved_on": 5}]',
     "profile 1 ('me'), adverse event 1: resolved_on of an adverse event is not text; nothing "
     "was imported"),
    ('[{"kind": "burn", "date": "2026-01-01", "notes": 5}]',
     "profile 1 ('me'), adverse event 1: the notes of an adverse event are not text; nothing "
     "was imported"),
    ('[{"kind": "burn", "date": "2026-01-01", "resolved_by_professional": 5}]',
     "profile 1 ('me'), adverse event 1: resolved_by_professional is not true or false; "
     "nothing was imported"),
    ('[{"kind": "burn", "date": "2026-01-05", "resolved_on": "2026-01-01"}]',
     "profile 1 ('me'), adverse event 1: an adverse event of 2026-01-05 is resolved before it "
     "(2026-01-01); nothing was imported"),
    ('[{"kind": "burn", "date": "2026-01-05", "resolved_by_professional": true}]',
     "profile 1 ('me'), adverse event 1: an adverse event cleared by a professional has no "
     "resolved_on; nothing was imported"),
    ('[{"kind": "burn", "date": "2026-01-05", "created_at": "yesterday"}]',
     "profile 1 ('me'), adverse event 1: created_at 'yesterday' is not a timestamp; nothing "
     "was imported"),
]


@pytest.mark.parametrize(("events", "said"), EVENT_CASES)
def test_an_exports_adverse_events_are_refused_as_always(cli_at_now, tmp_path, events, said):
    text = _json('{"name": "me", "target_sessions": 6, "min_interval_days": 7, '
                 f'"adverse_events": {events}, "sessions": []}}')
    r = cli_at_now("import", _wrote(tmp_path, "events.json", text))
    assert (r.returncode, r.stderr) == (2, f"homekit: error: {said}\n")


@pytest.mark.parametrize(("cell", "said"), [
    ("[1]", "line 2, adverse event 1: an adverse event is not an object; nothing was imported"),
    ("nope", "line 2: adverse_events is not a JSON list"),
])
def test_a_csvs_adverse_events_are_refused_by_line(cli_at_now, tmp_path, cell, said):
    text = f'profile,session_date,adverse_events\nme,,"{cell}"\n'
    r = cli_at_now("import", _wrote(tmp_path, "events.csv", text))
    assert (r.returncode, r.stderr) == (2, f"homekit: error: {said}\n")


def test_the_domains_date_interval_and_clock_problems_are_codes_said_by_words():
    future = rules.date_problem(TODAY + dt.timedelta(days=3), TODAY)
    assert future is not None and str(future) == future.code == "future_date"
    assert words.error(future) == "2026-11-28 is in the future (today is 2026-11-25)"
    short, long = rules.interval_problem(6), rules.interval_problem(366)
    assert short is not None and long is not None and short.field == long.field == "interval"
    assert words.error(short) == ("an interval of 6 days is too short: sessions must be at "
                                  "least 7 days apart")
    assert words.error(long) == "an interval of 366 days is longer than 365 days"
    clock = rules.clock_problem([TODAY - dt.timedelta(days=9), TODAY + dt.timedelta(days=2)],
                                TODAY)
    assert clock is not None and str(clock) == clock.code == "clock_behind"
    assert words.error(clock) == (
        "the latest session is dated 2026-11-27, after today (2026-11-25): check the system "
        "clock and date; the waiting time counts from that session")
    assert rules.clock_problem([TODAY], TODAY) is None


def test_a_clock_behind_the_log_is_said_in_status_its_json_and_log(cli_at_now, db_path):
    from homekit.domain.models import SessionDraft

    ahead = Homekit.open(db_path, now=lambda: NOW + dt.timedelta(days=40))
    try:
        ahead.sessions.log_session(SessionDraft(session_date=ahead.today(), glasses_worn=True))
    finally:
        ahead.close()
    note = ("the latest session is dated 2027-01-04, after today (2026-11-25): check the system "
            "clock and date; the waiting time counts from that session")
    assert json.loads(cli_at_now("status", "--json").stdout)["clock_warning"] == note
    assert cli_at_now("status").stdout.endswith(f"\n\nNote: {note}\n")
    r = cli_at_now("log", "--date", "2026-11-20", "--glasses")
    assert r.returncode == 0 and r.stderr == f"Note: {note}\n"


def test_the_interval_is_refused_in_the_same_words_by_flag_setting_and_form(cli):
    r = cli("profile", "add", "shorty", "--interval", "3")
    assert r.returncode == 2 and r.stderr.endswith(
        "argument --interval: an interval of 3 days is too short: sessions must be at least 7 "
        "days apart (see homekit profile add --help)\n")
    r = cli("profile", "set", "--interval", "999")
    assert (r.returncode, r.stderr) == (
        2, "homekit: error: an interval of 999 days is longer than 365 days\n")
    from homekit.domain import validate
    from homekit.tui.widgets.field import Checked

    result = Checked(validate.interval_days).validate("0")
    assert result.failure_descriptions == [
        "an interval of 0 days is too short: sessions must be at least 7 days apart"]


# -- no sentence below homekit.words ---------------------------------------------------------

#: Two words in a row: a sentence or a piece of one (an identifier has no space in it).
SENTENCE = re.compile(r"[A-Za-z]{2,} +[A-Za-z(]")


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _attribute_errors(tree: ast.AST) -> set[int]:
    """The strings of `raise AttributeError(...)`: Python's own lookup message, not a user's."""
    return {id(n) for r in ast.walk(tree) if isinstance(r, ast.Raise)
            and isinstance(r.exc, ast.Call) and getattr(r.exc.func, "id", "") == "AttributeError"
            for n in ast.walk(r.exc)}


def _text(node: ast.Constant | ast.JoinedStr) -> str:
    """A string as written; an f-string with `X` for each value it fills in."""
    if isinstance(node, ast.Constant):
        return str(node.value)
    return "".join(v.value if isinstance(v, ast.Constant) else "X" for v in node.values)


def sentences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    allowed = _docstrings(tree) | _attribute_errors(tree)
    for f in ast.walk(tree):  # an f-string is read whole, not piece by piece
        if isinstance(f, ast.JoinedStr):
            allowed |= {id(v) for v in f.values}
    return [f"{path.name}:{n.lineno}: {_text(n)!r}" for n in ast.walk(tree)
            if (isinstance(n, ast.JoinedStr) or isinstance(n, ast.Constant)
                and isinstance(n.value, str))
            and id(n) not in allowed and SENTENCE.search(_text(n))]


def test_the_transfer_formats_and_the_rules_build_no_sentence():
    assert [s for path in SPEECHLESS for s in sentences(path)] == []


def test_the_sentence_check_finds_a_sentence_and_passes_a_docstring(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text('"""A docstring is fine."""\n\n\ndef f(n, m):\n'
                     '    """So is this one."""\n'
                     '    if n:\n        raise AttributeError(f"no attribute {n!r}")\n'
                     '    key = f"{n} {m}"\n'
                     '    raise ValueError(f"has {n} fields" + key, "redness notes")\n',
                     encoding="utf-8")
    assert sorted(sentences(probe)) == ["probe.py:9: 'has X fields'", "probe.py:9: 'redness notes'"]


def _codes(path: Path) -> set[str]:
    """Every `code="..."` these modules raise or return with."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {k.value.value for n in ast.walk(tree) if isinstance(n, ast.Call)
            for k in n.keywords if k.arg == "code" and isinstance(k.value, ast.Constant)}


def test_every_code_those_modules_give_has_its_words():
    import importlib

    for topic in MODULES:
        importlib.import_module(f"homekit.words.{topic}")
    codes = set().union(*map(_codes, SPEECHLESS))
    assert {"import_too_close", "row_field_count", "clock_behind"} <= codes
    assert sorted(codes - _ERRORS.keys()) == []
    assert all(isinstance(HomekitError(code=c), HomekitError) for c in codes)
