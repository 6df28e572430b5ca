"""What the command modules build their parsers with: a subcommand with the common options,
validators as argparse types that load on first use, the --area option the shell completes;
and argparse's help wrapping, as textwrap does it, without importing textwrap. Kept light: a
command's `--help` imports this, argparse and the constants its text says.

The wrapping: textwrap's import compiles its word-splitting patterns (about 4 million
instructions, more than the rest of a command's `--help`). `wrapped` gives textwrap's lines: it
cuts each word where textwrap's `wordsep_re` cuts it (after a hyphen between letters, around
an em-dash) and runs textwrap's own loop over those chunks; a chunk longer than the line (which
textwrap breaks) goes to textwrap itself. Tests compare both on every help text and on random
ones.
"""

from __future__ import annotations

import argparse
import importlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


class checked:  # noqa: N801 - used as a function: `type=checked("parse_date")`
    """A domain validator as an argparse type, keeping its message: its InvalidInput becomes
    the usage error, in homekit's words.

    Named (`checked("parse_date")`, from homekit.domain.validate unless `module` says
    otherwise), it is imported when a value is first checked: building a parser, and so a
    `--help`, loads no validator. A callable is used as it is. argparse names a type by its
    `__name__` ("invalid parse_date value"), so the type takes the validator's.
    """

    def __init__(self, fn: str | Callable[[str], Any],
                 module: str = "homekit.domain.validate") -> None:
        self._fn = None if isinstance(fn, str) else fn
        self._where = (module, fn)
        self.__name__ = fn if isinstance(fn, str) else fn.__name__

    def __call__(self, text: str) -> Any:
        from homekit.domain.errors import InvalidInput

        if self._fn is None:
            self._fn = getattr(importlib.import_module(self._where[0]), str(self._where[1]))
        try:
            return self._fn(text)
        except InvalidInput as exc:
            from homekit import words

            raise argparse.ArgumentTypeError(words.error(exc)) from None


def subcommands(sub: Any, parser: Any, actions: tuple[str, ...], **kwargs: Any) -> Any:
    """`parser.add_subparsers(**kwargs)` for a command whose subcommands are `actions` (in the
    order they are added; a test keeps them in step). When the command line names one of them
    (`photo add`), only that one's parser is built, as only the command's own is; when it asks
    for the command's help (`photo --help`), only the list of them (`sub`, the subparsers
    `register` was given, has the words after the command)."""
    from homekit.cli import _GLOBAL_WITH_VALUE, _OnlyWanted

    group = parser.add_subparsers(**kwargs)
    rest = getattr(sub, "then", None)
    if rest is None:
        return group
    # The subcommand is the first word after the global options spelt out in full: any other
    # option before it (an abbreviation such as --prof, or `--`) may change what argparse reads
    # as the subcommand, and a usage error must list every choice: the whole group is built.
    words = iter(rest)
    for word in words:
        if word in _GLOBAL_WITH_VALUE:
            next(words, None)
        elif word in ("-h", "--help"):
            return _Listed(group)
        elif word.startswith("-"):
            return group
        else:
            return _OnlyWanted(group, word) if word in actions else group
    return group


class _Listed:
    """A command's subcommands as its `--help` lists them (a name and a line each), none of
    their own options or parsers' parents built."""

    def __init__(self, group: Any) -> None:
        self._group = group

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        from homekit.cli import _Skipped

        self._group.add_parser(name, **{k: kwargs[k] for k in ("help", "aliases") if k in kwargs})
        return _Skipped()


def record_id(what: str) -> Any:
    """A stored record's id as an argparse type: a whole number from 1 (`what` names it in the
    message: "session id", "event id", "step ID")."""
    return checked(lambda t: validators().in_range(validators().parse_int(t, what), 1, 2**62,
                                                   what))


def validators() -> Any:
    """homekit.domain.validate, imported when a value is checked (for a type that is more
    than one validator: `checked(lambda t: validators().areas([t]))`)."""
    from homekit.domain import validate

    return validate


def command(sub: Any, common: argparse.ArgumentParser, name: str,
            handler: Callable[[argparse.Namespace, Any], int], **kwargs: Any) -> Any:
    """A subcommand's parser, with the options every command takes, run by `handler`; its
    `--help` describes it by the handler's docstring, if it has one (as click does)."""
    p = sub.add_parser(name, parents=[common], **{"description": handler.__doc__, **kwargs})
    p.set_defaults(handler=handler)
    return p


def complete_areas(prefix: str, **_: Any) -> list[str]:
    """The shell completes an --area with the area names (not with file names)."""
    from homekit.domain.vocabulary import AREAS

    return [a for a in AREAS if a.startswith(prefix)]


def area_option(action: argparse.Action) -> argparse.Action:
    """An --area option that the shell completes with area names (argcomplete reads
    `completer` only when completing; nothing is imported for it)."""
    action.completer = complete_areas  # type: ignore[attr-defined]
    return action


def _letter(c: str) -> bool:
    """textwrap's `[^\\d\\W]`: a word character that is not a digit."""
    return (c.isalnum() or c == "_") and not c.isdecimal()


def _punct(c: str) -> bool:
    """textwrap's `[\\w!"'&.,?]`: what may stand before an em-dash."""
    return c.isalnum() or c in "_!\"'&.,?"


def _hyphen_cut(word: str, at: int) -> bool:
    """Whether textwrap cuts after the hyphen at `at`: two letters, or a letter, a hyphen and
    a letter, before it; a letter, maybe a hyphen, and a letter after it."""
    before = at >= 2 and _letter(word[at - 1]) and (
        _letter(word[at - 2]) or (at >= 3 and word[at - 2] == "-" and _letter(word[at - 3])))
    after = word[at + 1:at + 4]
    return before and len(after) >= 2 and _letter(after[0]) and (
        _letter(after[1]) or (after[1] == "-" and len(after) == 3 and _letter(after[2])))


def word_chunks(word: str) -> list[str]:
    """A word (no blank in it) cut where textwrap's `wordsep_re` cuts it: after a hyphen
    between letters (`pre-`, `session`), around an em-dash written `--` between words."""
    if "-" not in word:
        return [word]
    out: list[str] = []
    start, n = 0, len(word)

    def dashes_then_word(i: int) -> bool:  # (?=-{2,}\w) at i
        j = i
        while j < n and word[j] == "-":
            j += 1
        return j - i >= 2 and j < n and (word[j].isalnum() or word[j] == "_")

    while start < n:
        if start > 0 and _punct(word[start - 1]) and dashes_then_word(start):
            end = start  # an em-dash: the run of hyphens alone
            while word[end] == "-":
                end += 1
            out.append(word[start:end])
            start = end
            continue
        end = start + 1
        while end < n:
            if word[end] == "-" and _hyphen_cut(word, end):
                end += 1  # a hyphenated word: cut after the hyphen
                break
            if _punct(word[end - 1]) and dashes_then_word(end):
                break  # before an em-dash
            end += 1
        out.append(word[start:end])
        start = end
    return out


def wrapped(text: str, width: int) -> list[str]:
    """`textwrap.wrap(text, width)` for a text of words separated by single spaces: textwrap's
    own loop over its chunks; a chunk longer than the line goes to textwrap itself."""
    chunks: list[str] = []
    for word in text.split(" ") if text else ():
        if chunks:
            chunks.append(" ")
        chunks += word_chunks(word)
    if any(len(chunk) > width for chunk in chunks):
        import textwrap

        return textwrap.wrap(text, width)
    chunks.reverse()
    lines: list[str] = []
    while chunks:
        line: list[str] = []
        length = 0
        if chunks[-1].strip() == "" and lines:
            del chunks[-1]
        while chunks and length + len(chunks[-1]) <= width:
            length += len(chunks[-1])
            line.append(chunks.pop())
        if line and line[-1].strip() == "":
            del line[-1]
        if line:
            lines.append("".join(line))
    return lines
