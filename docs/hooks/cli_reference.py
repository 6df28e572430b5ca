"""The command reference, generated from the CLI's own argparse parser at every docs build.

`docs/reference/commands.md` holds only an introduction and the marker below; this hook puts
in its place every command's `--help` text, exactly as `homekit COMMAND --help` prints it on
an 80-column terminal. Nothing generated is committed, so the page cannot drift from the
parser; `tests/test_docs_reference.py` checks the generator against the real `--help`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MARKER = "<!-- cli-reference -->"
#: The width the reference is written for: a standard terminal.
COLUMNS = 80


def full_parser() -> argparse.ArgumentParser:
    """The CLI's complete parser (every command built), sized for COLUMNS."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from homekit.cli import build_parser

    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(COLUMNS)
    try:
        return build_parser()
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved


def commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = (),
             line: str = "") -> Iterator[tuple[tuple[str, ...], str, str]]:
    """(words after `homekit`, one-line help, full help text) for the parser and every
    command and subcommand under it, in the order the parser lists them."""
    yield path, line or parser.description or "", parser.format_help()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            for name, sub in action.choices.items():
                yield from commands(sub, (*path, name), helps.get(name, ""))


def anchor(path: tuple[str, ...]) -> str:
    return "-".join(("homekit", *path))


def reference_markdown() -> str:
    """The generated part of the command reference page."""
    entries = list(commands(full_parser()))
    out = ["| command | what it does |", "|---|---|"]
    for path, line, _text in entries[1:]:
        name = " ".join(("homekit", *path))
        out.append(f"| [`{name}`](#{anchor(path)}) | {line.replace('|', '&#124;')} |")
    out.append("")
    for path, line, text in entries:
        name = " ".join(("homekit", *path))
        level = "##" if len(path) <= 1 else "###"
        out += [f"{level} `{name}` {{#{anchor(path)}}}", ""]
        if line and path:
            out += [line[:1].upper() + line[1:] + ".", ""]
        out += ["```text", text.rstrip("\n"), "```", ""]
    return "\n".join(out)


def on_page_markdown(markdown: str, page, config, files) -> str:  # noqa: ANN001 - mkdocs hook
    if MARKER in markdown:
        return markdown.replace(MARKER, reference_markdown())
    return markdown
