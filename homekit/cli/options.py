"""What the command modules build their parsers with: a subcommand with the common options,
validators as argparse types that load on first use, the --area option the shell completes.
Kept light: a command's `--help` imports this, argparse and the constants its text says."""

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
    order they are added; a test keeps them in step): when the command line names one of them
    (`photo add`), only that one's parser is built, as only the command's own is (`sub`, the
    subparsers `register` was given, knows the word)."""
    from homekit.cli import _OnlyWanted

    group = parser.add_subparsers(**kwargs)
    then = getattr(sub, "then", None)
    return _OnlyWanted(group, then) if then in actions else group


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
