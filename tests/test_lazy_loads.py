"""What a command defines and loads that it does not use: the classes of facts a plain file
does not hold, the sentences a `--help` does not say (real subprocesses through the installed
entry point, as a user starts homekit; `python -X importtime` lists the modules loaded)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from homekit import words
from tests.conftest import cli_env
from tests.test_status_loads import imported_by

#: Run homekit's entry point with `dataclasses.dataclass` counting the classes it makes (each
#: frozen dataclass costs about 4 million instructions to define on Python 3.11).
COUNTING = """
import dataclasses, sys
made = []
_dataclass = dataclasses.dataclass
def counting(cls=None, /, **kw):
    def wrap(c):
        made.append(c.__qualname__)
        return _dataclass(**kw)(c)
    return wrap if cls is None else wrap(cls)
dataclasses.dataclass = counting
sys.argv = ["homekit", *sys.argv[1:]]
from homekit.launch import main
try:
    sys.exit(main())
finally:  # --help exits inside argparse
    print("DEFINED", *made, file=sys.stderr)
"""

#: The facts every status is made of (SessionFields: the fields a session shares with its
#: draft, declared once; a class with no constructor of its own). A Gate only when one holds.
EVERY_STATUS = {"Status", "Profile", "SessionFields", "Session", "Redness", "Treatment", "Mark",
                "Standing"}


def defined_by(argv: list[str], env: dict[str, str]) -> tuple[str, set[str]]:
    run = subprocess.run([sys.executable, "-c", COUNTING, *argv], capture_output=True,
                         text=True, env=env, timeout=60, stdin=subprocess.DEVNULL)
    assert run.returncode == 0, run.stderr[-800:]
    line = next(x for x in run.stderr.splitlines() if x.startswith("DEFINED"))
    return run.stdout, set(line.split()[1:])


def homekit(env: dict[str, str], *argv: str) -> None:
    subprocess.run([sys.executable, "-m", "homekit", *argv], env=env, check=True,
                   capture_output=True, timeout=60)


def test_status_on_a_plain_file_defines_only_the_classes_of_every_status(tmp_path):
    env = cli_env(tmp_path / "h.db")
    homekit(env, "profile", "condition", "no")
    homekit(env, "log", "--date", "2026-01-05")
    out, defined = defined_by(["status", "--json"], env)
    assert '"sessions_done": 1' in out
    # No gate, alert, follow-up, adverse event, clash or product: none of their classes is made.
    assert '"blocked_by": []' in out
    assert defined == EVERY_STATUS


def test_status_defines_the_class_of_each_fact_the_file_holds(tmp_path):
    env = cli_env(tmp_path / "h.db")
    homekit(env, "profile", "condition", "no")
    homekit(env, "log", "--date", "2026-01-05")
    homekit(env, "redness", "--severity", "4")
    homekit(env, "event", "log", "blister", "--date", "2026-01-06")
    homekit(env, "product", "log", "retinoid")
    out, defined = defined_by(["status", "--json"], env)
    assert '"redness_warning": "Severe redness: pause treatments' in out
    assert defined - EVERY_STATUS == {"Gate", "RednessAlert", "AdverseEvent", "ProductUse",
                                      "ProductHold"}


@pytest.mark.parametrize("command", [["log"], ["photo", "add"], ["report"], ["history"]])
def test_a_commands_help_defines_no_stored_class_and_loads_few_sentences(tmp_path,
                                                                               command):
    env = cli_env(tmp_path / "h.db")
    out, loaded = imported_by([*command, "--help"], env)
    assert "usage: homekit" in out
    # The parser needs the vocabulary and the validators, not the classes of what is stored.
    for unused in ("homekit.domain.models", "homekit.domain.status", "homekit.domain.drafts"):
        assert unused not in loaded, unused
    topics = {m for m in loaded if m.startswith("homekit.words.")}
    assert len(topics) <= 3, topics  # what its help says, not all of homekit.words
    _, defined = defined_by([*command, "--help"], env)
    # The parser takes the vocabulary, the floors and the validators: no class a status is
    # made of, nor a session as typed.
    unused = EVERY_STATUS | {"Gate", "SessionDraft", "SessionChanges", "SessionFilter"}
    assert not defined & unused, defined & unused


def own_names(topic: str) -> list[str]:
    """The public names a topic of homekit.words defines (what `import *` takes of it)."""
    tree = ast.parse((Path(words.__file__).parent / f"{topic}.py").read_text())
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.append(node.target.id)
    return [n for n in names if not n.startswith("_") and n != "TYPE_CHECKING"]


def test_words_index_names_every_topics_own_names():
    topics = {p.stem for p in Path(words.__file__).parent.glob("*.py")} - {"__init__"}
    # The report's topics are loaded by name (homekit.words.report), the others by words.X.
    assert set(words.MODULES) == topics - {"report", "report_events", "report_figures"}
    expected = {name: topic for topic in words.MODULES for name in own_names(topic)}
    assert words.WHERE == expected, set(words.WHERE.items()) ^ set(expected.items())


def test_every_name_a_caller_takes_from_words_is_the_same_object_as_in_its_topic():
    from importlib import import_module

    for name, topic in words.WHERE.items():
        assert getattr(words, name) is getattr(import_module(f"homekit.words.{topic}"), name)
    assert words.calendar is import_module("homekit.words.calendar")
    with pytest.raises(AttributeError):
        words.no_such_sentence  # noqa: B018


def test_an_error_of_a_topic_not_loaded_yet_is_said_in_its_words(tmp_path):
    # A fresh process: only homekit.words.errors is loaded when the refusal is rendered; the
    # sentence of `open_failed` is registered by homekit.words.datafile.
    code = ("from homekit.domain.errors import HomekitError\n"
            "from homekit.words import error\n"
            "print(error(HomekitError(code='open_failed', file='x.db', detail='locked')))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, env=cli_env(tmp_path / "h.db"))
    assert run.stdout.strip() == "cannot open x.db: locked", run.stderr

