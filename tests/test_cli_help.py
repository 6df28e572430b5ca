"""Every command, option and argument of the CLI explains itself in --help, and --area is
completed with area names, not file names."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from homekit.cli import build_parser
from homekit.domain.models import AREAS
from tests.test_completion import complete


def _walk(parser: argparse.ArgumentParser, path: str) -> Iterator[tuple[str, argparse.Action]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helped = {c.dest for c in action._choices_actions if c.help}
            for name, sub in action.choices.items():
                if name not in helped:  # listed bare in the parent's help
                    yield f"{path} {name}", action
                yield from _walk(sub, f"{path} {name}")
        elif not isinstance(action, (argparse._HelpAction, argparse._VersionAction)):
            yield path, action


def test_every_option_and_argument_has_help():
    parser = build_parser()
    missing = [f"{where}: {'/'.join(a.option_strings) or a.metavar or a.dest}"
               for where, a in _walk(parser, "homekit")
               if not a.help or a.help == argparse.SUPPRESS
               or isinstance(a, argparse._SubParsersAction)]
    assert missing == []
    # the walk reaches the nested commands and the ones the issue named
    seen = {(w, "/".join(a.option_strings) or a.metavar) for w, a in _walk(parser, "homekit")}
    assert {("homekit history", "--json"), ("homekit history", "--limit"),
            ("homekit log", "--notes"), ("homekit edit", "ID"),
            ("homekit photo compare", "--first")} <= seen


def test_help_text_shows_them(capsys):
    parser = build_parser()
    for argv in (["history", "--help"], ["edit", "--help"]):
        try:
            parser.parse_args(argv)
        except SystemExit:
            pass
    out = capsys.readouterr().out
    assert "only the N newest sessions" in out and "print the sessions as JSON" in out
    assert "the session's id" in out


def test_area_completes_area_names(tmp_path):
    folder = tmp_path / "here"
    folder.mkdir()
    (folder / "cheeky-file.txt").write_text("")  # a file name is never offered
    (folder / "neck.jpg").write_text("")
    names = {c.strip() for c in complete("homekit log --area ch", tmp_path, cwd=folder)}
    assert names == {a for a in AREAS if a.startswith("ch")} == {"cheeks", "chin", "chest"}
    assert {c.strip() for c in complete("homekit edit 3 --area ch", tmp_path, cwd=folder)} \
        == names
    assert {c.strip() for c in complete("homekit photo list --area ne", tmp_path,
                                        cwd=folder)} == {"neck"}
