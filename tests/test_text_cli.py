"""Terminal control sequences in stored names and notes are made visible in every CLI output."""

from __future__ import annotations

import json
import sqlite3

import pytest

from homekit.cli import main
from homekit.cli.output import json_text

ESC_NOTE = "red \x1b[31mALERT\x1b[0m \u202eevil\u202c \x85end"
BIDI_NAME = "ana\u202etxt.exe"
RAW = ("\x1b", "\u202e", "\u202c", "\x85")


@pytest.fixture
def tainted(db_path):
    """A file whose name and note were written by something other than homekit."""
    assert main(["--db", str(db_path), "profile", "condition", "no"]) == 0
    assert main(["--db", str(db_path), "log", "--date", "2026-11-01", "--notes", "x"]) == 0
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE sessions SET notes = ?", (ESC_NOTE,))
    conn.execute("UPDATE profiles SET name = ?", (BIDI_NAME,))
    conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('default_profile', ?)",
                 (BIDI_NAME,))
    conn.commit()
    conn.close()
    return db_path


@pytest.mark.parametrize("command", [
    ["history"], ["history", "--json"], ["status"], ["status", "--json"], ["profile", "list"],
    ["profile", "list", "--json"], ["log", "--date", "2026-11-20", "--notes", "n"],
    ["profile", "set", "--target", "8"], ["redness", "--severity", "2"], ["edit", "1", "--duration", "30"],
    ["chart", "--text"],
])
def test_no_control_character_reaches_the_terminal(tainted, capsys, command):
    code = main(["--db", str(tainted), *command])
    out, err = capsys.readouterr()
    assert code == 0, err
    for raw in RAW:
        assert raw not in out and raw not in err, (command, out, err)
    if "--json" in command:
        json.loads(out)  # still a valid document


def test_errors_and_bad_arguments_are_escaped_too(tainted, capsys):
    assert main(["--db", str(tainted), "--profile", "x\u202ey", "status"]) == 2
    assert main(["--db", str(tainted), "log", "--date", "2026-11-02"]) == 3
    with pytest.raises(SystemExit):
        main(["--db", str(tainted), "chart", "--kind", "\x1b[2J"])
    with pytest.raises(SystemExit):
        main(["--db", str(tainted), "profile", "use", BIDI_NAME])
    out, err = capsys.readouterr()
    assert not any(raw in out + err for raw in RAW)


def test_json_keeps_the_values():
    value = {"notes": ESC_NOTE, "name": BIDI_NAME}
    assert json.loads(json_text(value)) == value


def test_export_is_exact_in_a_pipe_and_escaped_on_a_terminal(tainted, capsys, monkeypatch):
    assert main(["--db", str(tainted), "export", "--format", "csv"]) == 0
    assert "\u202e" in capsys.readouterr().out  # data: byte-exact into a pipe or file
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    for fmt in ("csv", "json"):
        assert main(["--db", str(tainted), "export", "--format", fmt]) == 0
        out = capsys.readouterr().out
        assert not any(raw in out for raw in RAW)
    json.loads(out)  # a JSON export shown on a terminal still decodes to the same values


def test_the_delete_question_is_escaped_too(tainted, capsys, monkeypatch):
    """The question goes through input(), which prints its prompt as it is."""
    import io
    import sys

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    asked = []
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr("builtins.input", lambda prompt="": asked.append(prompt) or "n")
    code = main(["--db", str(tainted), "delete", "1"])
    assert code == 1 and len(asked) == 1  # answered no: nothing deleted
    assert "ALERT" in asked[0]
    assert not any(raw in asked[0] for raw in RAW)


@pytest.mark.parametrize("command", [["delete", "1"], ["redness", "delete", "1"],
                                     ["profile", "delete", "ana"]])
def test_end_of_input_at_a_delete_question_deletes_nothing(tainted, capsys, monkeypatch, command):
    """Ctrl-D at the [y/N] question is a no, not an unexpected error."""
    import io
    import sys

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    def ctrl_d(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr("builtins.input", ctrl_d)
    main(["--db", str(tainted), "redness", "--severity", "2"])  # an observation to delete
    main(["--db", str(tainted), "profile", "add", "ana"])
    capsys.readouterr()
    assert main(["--db", str(tainted), *command]) == 1
    out, err = capsys.readouterr()
    assert "Nothing deleted." in out and "unexpected" not in err
    assert main(["--db", str(tainted), "history", "--json"]) == 0
    assert '"redness": []' not in capsys.readouterr().out  # the observation is still there
    assert main(["--db", str(tainted), "profile", "list"]) == 0
    assert "ana" in capsys.readouterr().out
