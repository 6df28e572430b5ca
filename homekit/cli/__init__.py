"""The `homekit` command: argparse (stdlib, fast to start), one module per group of commands.

Each module in COMMAND_MODULES has `register(subparsers, common)`; its handlers take
`(args, ctx)` and return an exit code. Heavy imports stay inside the handlers.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from homekit import __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path
    from typing import Any

    from homekit.services import Homekit, OpenNotices

COMMAND_MODULES = (
    "homekit.cli.core", "homekit.cli.profiles", "homekit.cli.redness", "homekit.cli.charts",
    "homekit.cli.data", "homekit.cli.check", "homekit.cli.replica", "homekit.cli.photos",
    "homekit.cli.report", "homekit.cli.undo", "homekit.cli.completion", "homekit.cli.serve",
    "homekit.cli.treatments",
    "homekit.cli.events",
)

#: Modules whose commands another module registers (to keep `--help`'s order: `status` sits
#: between `log` and `history`), imported alone when their own command runs.
NESTED_MODULES = ("homekit.cli.status",)

#: Which module registers each command, so that a run imports only its own command's module
#: (a test checks this against every module's COMMANDS).
COMMAND_HOME = {
    **dict.fromkeys(("log", "history", "edit", "delete"), "homekit.cli.core"),
    "status": "homekit.cli.status",
    "profile": "homekit.cli.profiles",
    "redness": "homekit.cli.redness",
    "chart": "homekit.cli.charts",
    **dict.fromkeys(("export", "import", "backup", "restore", "remind", "demo"),
                    "homekit.cli.data"),
    "check": "homekit.cli.check",
    "replicate": "homekit.cli.replica",
    "photo": "homekit.cli.photos",
    "report": "homekit.cli.report",
    "undo": "homekit.cli.undo",
    "completion": "homekit.cli.completion",
    "serve": "homekit.cli.serve",
    "treatment": "homekit.cli.treatments",
    "product": "homekit.cli.treatments",
    "event": "homekit.cli.events",
}


def _columns() -> int:
    """The terminal's width as `shutil.get_terminal_size()` gives it ($COLUMNS, else the
    terminal, else 80), without importing shutil and its compression modules."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, sized once per run: argparse builds one for every option
    it registers, each asking shutil for the terminal size (a start-up cost of every command)."""

    width: int | None = None

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        if width is None:
            if _Formatter.width is None:
                _Formatter.width = _columns() - 2
            width = _Formatter.width
        super().__init__(prog, indent_increment, max_help_position, width)

    # argparse wraps each help text with textwrap, whose import compiles its word-splitting
    # patterns (about 4 million instructions, more than the rest of a command's --help). Lines
    # of words split on spaces are what textwrap makes of homekit's help texts; where they
    # might not be (a word longer than the line, a hyphenated word that breaks a line: textwrap
    # may split it after a hyphen; a word of Unicode blanks), textwrap itself wraps the text.
    def _split_lines(self, text: str, width: int) -> list[str]:
        return _wrapped(self._whitespace_matcher.sub(" ", text).strip(), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        text = self._whitespace_matcher.sub(" ", text).strip()
        return "\n".join(indent + line for line in _wrapped(text, width - len(indent)))


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


def _chunks(word: str) -> list[str]:
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


def _wrapped(text: str, width: int) -> list[str]:
    """`textwrap.wrap(text, width)` for a text of words separated by single spaces: textwrap's
    own loop over its chunks; a chunk longer than the line goes to textwrap itself."""
    chunks: list[str] = []
    for word in text.split(" ") if text else ():
        if chunks:
            chunks.append(" ")
        chunks += _chunks(word)
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


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors: `homekit log: error: ...` and exit 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        from homekit.words import usage_error

        self.exit(2, usage_error(self.prog, message))


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


class _Skipped:
    """Stands in for the parser of a command that this run does not need."""

    def __getattr__(self, _name: str) -> Any:
        return lambda *args, **kwargs: self


class _OnlyWanted:
    """Wraps argparse's subparsers so that only the command being run gets its parser built.

    Building all ~20 parsers (and their gettext look-ups) costs more than the rest of
    `homekit status`; help and errors still build them all.
    """

    def __init__(self, sub: Any, wanted: str | None) -> None:
        self._sub = sub
        self._wanted = wanted

    def builds(self, name: str) -> bool:
        """Whether the parser of command `name` is built in this run."""
        return self._wanted is None or name == self._wanted

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        if self.builds(name):
            return self._sub.add_parser(name, **kwargs)
        return _Skipped()


_GLOBAL_WITH_VALUE = ("--db", "--profile")


def command_in(argv: Sequence[str]) -> str | None:
    """The subcommand named in argv (skipping global options), or None."""
    args = iter(argv)
    for arg in args:
        if arg in _GLOBAL_WITH_VALUE:
            next(args, None)
        elif not arg.startswith("-"):
            return arg
        elif arg == "--":
            return next(args, None)
    return None


def build_parser(wanted: str | None = None) -> Parser:
    """The full parser, or (with `wanted`) one with only that command's parser built."""
    _Formatter.width = None  # measured again for each parser (in-process runs, tests)
    common = Parser(add_help=False)
    # SUPPRESS: a global option given after the subcommand must not reset one given before.
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="data file (default: $HOMEKIT_DB, else the user data folder)")
    common.add_argument("--profile", metavar="NAME", default=argparse.SUPPRESS,
                        help="whose log to use (default: the default profile, 'me')")
    parser = Parser(
        prog="homekit",
        description="A private log for home microdermabrasion sessions, "
        "with the one-session-a-week rule built in.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"homekit {__version__}")
    sub = _OnlyWanted(
        parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser), wanted
    )
    tui = sub.add_parser("tui", parents=[common], help="open the terminal app (the default)")
    tui.set_defaults(handler=run_tui)
    home = COMMAND_HOME.get(wanted) if wanted else None
    for name in COMMAND_MODULES if wanted is None else (home,) if home else ():
        importlib.import_module(name).register(sub, common)
    return parser


def _parser_for(argv: Sequence[str]) -> Parser:
    if argv[:1] == ["--version"]:
        return build_parser("")  # no command's parser: argparse prints the version and stops
    wanted = command_in(argv)
    if wanted is None and not {"-h", "--help"} & set(argv):
        wanted = "tui"  # no command: the app, whose start-up builds no command's parser
    known = wanted == "tui" or wanted in COMMAND_HOME
    return build_parser(wanted if known else None)


class Context:
    """What every handler needs: the data file and profile chosen on the command line."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.db_option: str | None = getattr(args, "db", None)
        self.profile_option: str | None = getattr(args, "profile", None)
        self._app: Homekit | None = None

    def open(self, *, verify: bool = True, allow_broken_rule: bool = False,
             quiet: bool = False) -> Homekit:
        """The services on the chosen data file and profile (opened once, closed at exit).

        What the open put right (rule triggers, file modes) is said once on stderr (not with
        `quiet`: the app is on the terminal). `verify=False`: only for check and restore;
        `allow_broken_rule`: only for delete (see `Homekit.open`).
        """
        from homekit.services import Homekit

        path, is_default = self.path()
        profile = self.profile()
        self._app = Homekit.open(path, profile, create_folder=is_default, verify=verify,
                                 allow_broken_rule=allow_broken_rule)
        if not quiet and self._app.ctx.has_open_notices():  # (else the check use case stays unloaded)
            self.say_notices(self._app.check.open_notices())
        return self._app

    def path(self) -> tuple[Path | str, bool]:
        """The data file named (--db, $HOMEKIT_DB or the default), and whether it is the
        default one."""
        from homekit.paths import resolve_db_path

        return resolve_db_path(self.db_option)

    def profile(self) -> str | None:
        """The --profile given, checked (None: the default profile)."""
        if self.profile_option is None:
            return None
        from homekit.domain import validate

        return validate.profile_name(self.profile_option)

    @staticmethod
    def say_notices(notices: OpenNotices) -> None:
        if notices.repaired or notices.mode_changes:  # (no sentences loaded for nothing to say)
            from homekit import words

            for line in words.open_notices(notices.repaired, notices.mode_changes):
                print(line, file=sys.stderr)

    def close(self) -> None:
        if self._app is not None:
            self._app.close()
            self._app = None


def run_tui(args: argparse.Namespace, ctx: Context) -> int:
    from homekit.cli.app import start_app

    return start_app(ctx)


def main(argv: Sequence[str] | None = None) -> int:
    # Arguments that were not valid UTF-8 come in as lone surrogates; echoing them back in an
    # error must not fail in turn.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    if "_ARGCOMPLETE" in os.environ:  # the shell asks for completions (see `homekit completion`)
        from homekit.cli.completion import complete

        complete()
    argv = list(sys.argv[1:] if argv is None else argv)
    # Health data: every file homekit creates (database companions included) is owner-only.
    os.umask(0o077)
    parser = _parser_for(argv)
    args = parser.parse_args(argv)  # (--help and usage errors end here)
    from homekit.domain.errors import HomekitError

    handler = getattr(args, "handler", run_tui)
    ctx = Context(args)
    try:
        return int(handler(args, ctx) or 0)
    except HomekitError as exc:
        from homekit import words

        print(words.error_line(exc), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        from homekit.words import INTERRUPTED

        print(INTERRUPTED, file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into e.g. `head`: not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:
        # A file the command reads or writes (not the data file, whose errors are mapped):
        # say which and why, in one line.
        from homekit.words import cannot_use

        print(cannot_use(exc), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - last resort: one line, never a traceback
        if os.environ.get("HOMEKIT_DEBUG"):
            raise
        from homekit.words import unexpected

        print(unexpected(exc), file=sys.stderr)
        return 1
    finally:
        ctx.close()
