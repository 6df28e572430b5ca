"""Every command's `--help` (a group's subcommands too) loads what a bare argparse help loads,
its own command module and the constants its text says: no validator, date, dataclass, typing,
JSON, textwrap or sentence topic (real subprocesses through homekit's entry point; the modules
listed are `sys.modules` when the process ends, which also holds what `importlib` loaded).
The wrapping that spares textwrap's import is textwrap's own, line for line."""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import textwrap

import pytest

from homekit.cli import COMMAND_HOME, _Formatter, build_parser
from homekit.cli.options import word_chunks
from tests.conftest import cli_env

#: homekit's console script, with the modules loaded listed on stderr as it ends (argparse's
#: --help ends it with SystemExit).
ENTRY = """
import re, sys
sys.argv = ["homekit", *sys.argv[1:]]
from homekit.launch import main
try:
    sys.exit(main())
finally:
    print("LOADED", *sorted(sys.modules), file=sys.stderr)
"""

#: What no --help needs: the validators and the domain's classes (checked when a value is
#: given), the sentence topics, and what they import. (Not pathlib: an editable install's
#: finder imports it at every start.)
NEVER = {"typing", "dataclasses", "datetime", "json", "textwrap", "locale",
         "shutil", "sqlite3", "unicodedata", "inspect", "homekit.domain.validate",
         "homekit.domain.errors", "homekit.domain.models", "homekit.domain.rules",
         "homekit.domain.checklist", "homekit.domain.treatments", "homekit.domain.events",
         "homekit.domain.photos", "homekit.domain.series", "homekit.services",
         "homekit.storage", "homekit.cli.ask"}

#: The constants a help text says: the vocabulary and the help words (the redness scale).
CONSTANTS = {"homekit.words", "homekit.words.help", "homekit.words.scales", "homekit.domain",
             "homekit.domain.vocabulary"}


def every_command(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*path, name)
                yield from every_command(sub, (*path, name))


COMMANDS = list(every_command(build_parser()))


def loaded_by(argv: list[str], env: dict[str, str]) -> tuple[str, set[str]]:
    run = subprocess.run([sys.executable, "-c", ENTRY, *argv], capture_output=True, text=True,
                         env=env, timeout=60, stdin=subprocess.DEVNULL)
    assert run.returncode == 0, run.stderr[-800:]
    line = next(x for x in run.stderr.splitlines() if x.startswith("LOADED"))
    return run.stdout, set(line.split()[1:])


def test_the_walk_reaches_every_command_and_the_groups_subcommands():
    assert len(COMMANDS) > 40
    assert {("log",), ("photo", "add"), ("profile", "set"), ("event", "log"),
            ("product", "delete"), ("report",), ("chart",)} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_commands_help_loads_its_module_and_the_constants_it_says(tmp_path, command):
    out, loaded = loaded_by([*command, "--help"], cli_env(tmp_path / "h.db", COLUMNS="80"))
    assert out.startswith(f"usage: homekit {' '.join(command)}")
    assert not loaded & NEVER, sorted(loaded & NEVER)
    home = COMMAND_HOME.get(command[0], "homekit.cli")
    own = {"homekit", "homekit.launch", "homekit.cli", home, "homekit.cli.output",
           "homekit.cli.options"}
    if command[0] == "status":
        own.add("homekit.cli.status")
    homekit = {m for m in loaded if m.split(".")[0] == "homekit"}
    assert homekit <= own | CONSTANTS, sorted(homekit - own - CONSTANTS)
    assert not (tmp_path / "h.db").exists()  # a help opens no data file


def test_a_value_given_loads_its_validator_and_keeps_its_message(tmp_path):
    run = subprocess.run([sys.executable, "-c", ENTRY, "log", "--date", "2026-02-30"],
                         capture_output=True, text=True, env=cli_env(tmp_path / "h.db"),
                         timeout=60, stdin=subprocess.DEVNULL)
    assert run.returncode == 2
    said = [x for x in run.stderr.splitlines() if not x.startswith("LOADED")]
    assert said == ["homekit log: error: argument --date: date '2026-02-30' does not exist in "
                    "the calendar (see homekit log --help)"]
    assert "homekit.domain.validate" in run.stderr


@pytest.mark.parametrize(("argv", "said"), [
    (["photo", "add", "f", "--view", "top"], "argument --view: unknown view 'top'"),
    (["event", "log", "zap"], "argument KIND: 'zap' is not an event kind: one of burn,"),
    (["log", "--checked", "foo"], "argument --checked: unknown checklist item 'foo'"),
    (["chart", "--dpi", "x"], "argument --dpi: dpi 'x' is not a number"),
    (["undo", "--drop", "0"], "argument --drop: step ID must be from 1 to"),
    (["history", "--limit", "x"], "argument --limit: limit 'x' is not a whole number"),
])
def test_the_validators_named_by_module_say_what_they_said(capsys, argv, said):
    from homekit.cli import main

    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert said in err and err.count("\n") == 1, err


def test_a_named_validator_keeps_its_name_for_argparse():
    # argparse says "invalid NAME value" with the type's __name__ when a type raises ValueError.
    from homekit.cli.options import checked

    assert checked("parse_date").__name__ == "parse_date"
    assert checked(lambda t: t).__name__ == "<lambda>"
    parser = argparse.ArgumentParser(prog="x", exit_on_error=False)
    parser.add_argument("--n", type=checked(int))
    with pytest.raises(argparse.ArgumentError, match="invalid int value: 'a'"):
        parser.parse_args(["--n", "a"])


def help_texts() -> list[str]:
    texts: list[str] = []

    def walk(parser: argparse.ArgumentParser) -> None:
        texts.append(parser.description or "")
        for action in parser._actions:
            texts.append(action.help or "")
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    walk(sub)

    walk(build_parser())
    return texts


def test_help_lines_are_textwraps_lines():
    rnd = random.Random(7)
    words = ["a", "bb", "close-up", "x--y", "--db", "YYYY-MM-DD", "é", "word", "-", "a-b-c",
             "(e.g.", "1-6", "a" * 30, "\u00a0", "é-è", "pre-session", "well--known", "_-_"]
    texts = help_texts() + [rnd.choice([" ", "  ", "\t", "\n"]).join(
        rnd.choice(words) for _ in range(rnd.randint(0, 25))) for _ in range(1500)]
    ours, argparses = _Formatter("homekit"), argparse.HelpFormatter("homekit")
    for text in texts:
        for width in range(11, 100, 3):
            assert ours._split_lines(text, width) == argparses._split_lines(text, width)
            assert ours._fill_text(text, width, "  ") == argparses._fill_text(text, width, "  ")


def test_a_word_is_cut_where_textwrap_cuts_it():
    rnd = random.Random(11)
    alphabet = [*"ab-_1é.!'Z,(?", "-", "-", "\u0663", "\u00b2"]
    splitter = textwrap.TextWrapper()
    for _ in range(40000):
        word = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 10)))
        assert word_chunks(word) == splitter._split(word), word


def test_the_vocabulary_holds_the_checklists_ids_in_its_order():
    from homekit.domain import checklist, vocabulary

    assert vocabulary.CHECKLIST_IDS == tuple(i.id for i in checklist.CHECKLIST)


def test_each_groups_actions_are_its_subcommands_in_order():
    from homekit.cli import events, photos, profiles, treatments

    def choices(command: str) -> tuple[str, ...]:
        group = build_parser()._subparsers._group_actions[0].choices[command]  # type: ignore[union-attr]
        return tuple(next(a for a in group._actions
                          if isinstance(a, argparse._SubParsersAction)).choices)

    assert choices("event") == events.ACTIONS
    assert choices("photo") == photos.ACTIONS
    assert choices("profile") == profiles.ACTIONS
    assert {c: choices(c) for c in ("treatment", "product")} == treatments.ACTIONS


def test_a_group_builds_only_the_subcommand_named_and_all_of_them_otherwise(capsys):
    from homekit.cli import _parser_for, main

    def built(argv: list[str]) -> list[str]:
        top = _parser_for(argv)._subparsers._group_actions[0]  # type: ignore[union-attr]
        return list(next(a for a in top.choices["profile"]._actions
                         if isinstance(a, argparse._SubParsersAction)).choices)

    assert built(["profile", "add", "--help"]) == ["add"]
    assert built(["profile", "--db", "x.db", "set", "--target", "3"]) == ["set"]
    assert len(built(["profile", "--help"])) == 8
    assert len(built(["profile", "nope"])) == 8  # (its error lists every subcommand)
    assert len(built(["profile", "-h", "add"])) == 8  # (its help, asked first, lists them all)
    # A data file named like the command: the subcommand is still the one given.
    argv = ["--db", "profile", "profile", "show", "--json"]
    args = _parser_for(argv).parse_args(argv)
    assert (args.db, args.profile_command, args.json) == ("profile", "show", True)
    with pytest.raises(SystemExit):
        main(["profile", "nope"])
    assert "invalid choice: 'nope' (choose from 'list', 'add'" in capsys.readouterr().err
    for argv in (["-h", "log"], ["photo", "--help", "add"]):  # a help before the command
        with pytest.raises(SystemExit):
            main(argv)
        listed = capsys.readouterr().out
        assert "    history " in listed or "    compare " in listed, listed


def _actions(parser):
    for action in parser._actions:
        yield action
        choices = getattr(action, "choices", None)
        for sub in (choices.values() if isinstance(choices, dict) else ()):
            if hasattr(sub, "_actions"):
                yield from _actions(sub)


def test_every_validator_named_in_a_parser_exists():
    # A validator named as text is imported on the first value: a misspelt name would only
    # fail when a user gives that option.
    import importlib

    from homekit.cli import build_parser
    from homekit.cli.options import checked

    named = [a.type for a in _actions(build_parser()) if isinstance(a.type, checked)]
    assert len(named) > 10
    for kind in named:
        module, name = kind._where
        if kind._fn is None:
            assert callable(getattr(importlib.import_module(module), str(name))), name


def test_a_subcommand_is_guessed_only_from_the_word_right_after_its_command(capsys, tmp_path):
    # An abbreviated global option or `--` before the subcommand: argparse reads the line as
    # it always did, and a usage error lists every subcommand.
    from homekit.cli import main

    db = str(tmp_path / "h.db")
    assert main(["--db", db, "profile", "condition", "no"]) == 0
    code = main(["--db", db, "profile", "--prof", "list", "show"])
    err = capsys.readouterr().err
    assert code != 0 and "invalid choice" not in err and "list" in err
    with pytest.raises(SystemExit):
        main(["--db", db, "photo", "--", "add"])
    err = capsys.readouterr().err
    assert all(action in err for action in ("add", "list", "show", "export", "delete", "compare"))
