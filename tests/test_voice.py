"""One voice: the messages agree with the facts and with each other, and read as sentences."""

from __future__ import annotations

import ast
from pathlib import Path

from homekit import words
from homekit.domain.gates import Gate
from homekit.domain.models import Status
from tests.conftest import TODAY

WORDS = Path(words.__file__).parent


def _literals(tree: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def test_no_sentence_counts_with_parenthesised_plurals():
    """`1 session(s)`: every count is written with words.plural, never with (s)."""
    found = [(p.name, text) for p in sorted(WORDS.glob("*.py"))
             for text in _literals(ast.parse(p.read_text(encoding="utf-8"))) if "(s)" in text]
    assert found == []


def _status(*gates: Gate) -> Status:
    return Status("me", 6, 7, 0, None, None, 0, None, None, None, False, TODAY, gates=gates)


def test_a_blocked_line_says_what_to_do_once():
    for reason in ("unanswered", "unacknowledged"):
        text = words.status_text(_status(Gate("condition", reason)))
        line = next(x for x in text.splitlines() if x.startswith("Blocked"))
        assert line.count(":") == 2, line  # "Blocked: why. To lift it: what." and no third
        assert "homekit profile condition" in line
