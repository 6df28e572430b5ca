"""`status --json` loads only what it prints: no sentence module, no other command's module,
no use case it does not run, no class built only for writing (real subprocesses, the installed
`homekit` entry point, `python -X importtime`)."""

from __future__ import annotations

import json
import subprocess
import sys

from homekit.cli.output import json_safe
from homekit.words import is_control
from tests.conftest import HOMEKIT_BIN, cli_env

#: The use cases `status` runs (and the entry that hands them out); `check` only to say what
#: the open put right, which a file opened as it was does not need.
STATUS_SERVICES = {"homekit.services", "homekit.services.context", "homekit.services.status",
                   "homekit.services.safety"}


def imported_by(argv: list[str], env: dict[str, str]) -> tuple[str, set[str]]:
    run = subprocess.run([HOMEKIT_BIN, *argv], capture_output=True, text=True, timeout=60,
                         env={**env, "PYTHONPROFILEIMPORTTIME": "1"}, stdin=subprocess.DEVNULL)
    assert run.returncode == 0, run.stderr[-800:]
    return run.stdout, {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines()
                        if line.startswith("import time:")}


def a_log(tmp_path):
    env = cli_env(tmp_path / "h.db")
    for argv in (["profile", "condition", "no"], ["log", "--date", "2026-01-05"],
                 ["redness", "--severity", "2"]):
        subprocess.run([sys.executable, "-m", "homekit", *argv], env=env, check=True,
                       capture_output=True, timeout=60)
    return env


def test_status_json_loads_no_words_and_only_its_services(tmp_path):
    env = a_log(tmp_path)
    out, loaded = imported_by(["status", "--json"], env)
    doc = json.loads(out)
    assert doc["latest_redness"]["severity"] == 2  # it read what it prints
    # The one sentence it prints, the redness alert's, and no other topic of homekit.words.
    assert doc["redness_warning"].startswith("Redness not reported gone after a day")
    assert {m for m in loaded if m == "homekit.words" or m.startswith("homekit.words.")} == {
        "homekit.words", "homekit.words.alerts"}
    services = {m for m in loaded if m.startswith("homekit.services")}
    assert services <= STATUS_SERVICES, services - STATUS_SERVICES
    assert {m for m in loaded if m.startswith("homekit.cli")} <= {
        "homekit.cli", "homekit.cli.status", "homekit.cli.output"}
    # Drafts, validators and the questions are for the commands that write.
    for unused in ("homekit.domain.drafts", "homekit.domain.validate", "homekit.cli.ask",
                   "homekit.domain.journal", "unicodedata",
                   # Classes only logging and importing build (a clash, an event as typed).
                   "homekit.domain.treatments.clashes", "homekit.domain.event_draft",
                   # Annotations only: every module on the path keeps typing for mypy.
                   "typing"):
        assert unused not in loaded, unused


def test_status_in_words_and_with_notices_still_loads_the_sentences(tmp_path):
    env = a_log(tmp_path)
    out, loaded = imported_by(["status"], env)
    assert "Sessions" in out or "session" in out
    assert "homekit.words" in loaded
    (tmp_path / "h.db").chmod(0o644)  # opened to others: the open says so on stderr
    run = subprocess.run([HOMEKIT_BIN, "status", "--json"], capture_output=True, text=True,
                         env=env, timeout=60, stdin=subprocess.DEVNULL)
    assert run.returncode == 0 and "owner only" in run.stderr
    assert json.loads(run.stdout)["sessions_done"] == 1
    # Said once, by whichever layer put it right (the data file's path, before the open),
    # with the sentences loaded for it and only then (see the test above).
    (tmp_path / "h.db").chmod(0o644)
    run = subprocess.run([HOMEKIT_BIN, "status", "--json"], capture_output=True, text=True,
                         env={**env, "PYTHONPROFILEIMPORTTIME": "1"}, timeout=60,
                         stdin=subprocess.DEVNULL)
    said = [line for line in run.stderr.splitlines() if not line.startswith("import time:")]
    assert run.returncode == 0 and len(said) == 1 and "owner only" in said[0]
    assert any(line.endswith("homekit.words") for line in run.stderr.splitlines())


def test_a_document_is_left_as_is_only_when_it_holds_no_control_character():
    # json_safe skips its character scan for printable text: every control is unprintable.
    assert not [c for c in map(chr, range(0x110000)) if is_control(c) and c.isprintable()]
    assert json_safe('{"n": "a\\u001b"}') == '{"n": "a\\u001b"}'
    assert json_safe('{"n": "\x1b[31m\u202e"}') == '{"n": "\\u001b[31m\\u202e"}'
    assert json_safe('{\n "n": "\u200bé"\n}') == '{\n "n": "\u200bé"\n}'


def test_status_help_loads_what_a_bare_argparse_help_loads(tmp_path):
    out, loaded = imported_by(["status", "--help"], cli_env(tmp_path / "h.db"))
    assert "--json" in out
    assert {m for m in loaded if m.startswith("homekit")} <= {
        "homekit", "homekit.launch", "homekit.cli", "homekit.cli.status", "homekit.cli.output",
        "homekit.cli.options"}
    # Nothing argparse's own help does not load: no JSON, dates, typing or domain; and no
    # search for a translation of argparse's words (gettext's look-up imports locale).
    for unused in ("json", "datetime", "typing", "homekit.domain", "sqlite3", "locale"):
        assert unused not in loaded, unused


def test_status_json_loads_no_class_of_a_fact_the_file_does_not_hold(tmp_path):
    # Redness that faded within the hour raises no alert; a session long ago, no gate; no
    # adverse event open; a schema as homekit made it, no rule trigger to put back.
    env = cli_env(tmp_path / "h.db")
    for argv in (["profile", "condition", "no"], ["log", "--date", "2026-01-05"],
                 ["redness", "--severity", "2", "--faded-after", "30"]):
        subprocess.run([sys.executable, "-m", "homekit", *argv], env=env, check=True,
                       capture_output=True, timeout=60)
    out, loaded = imported_by(["status", "--json"], env)
    doc = json.loads(out)
    assert doc["latest_redness"]["faded_after_min"] == 30 and doc["redness_warning"] is None
    assert doc["blocked_by"] == [] and doc["eligible_now"] is True
    for unused in ("homekit.domain.alerts", "homekit.words", "homekit.domain.gate",
                   "homekit.domain.events", "homekit.storage.rule_sql"):
        assert unused not in loaded, unused
    # ...and the same file with a gate that holds (a severe redness) loads the gate's class.
    subprocess.run([sys.executable, "-m", "homekit", "redness", "--severity", "4"], env=env,
                   check=True, capture_output=True, timeout=60)
    out, loaded = imported_by(["status", "--json"], env)
    assert json.loads(out)["blocked_by"] == ["redness"]
    assert {"homekit.domain.gate", "homekit.domain.alerts"} <= loaded
