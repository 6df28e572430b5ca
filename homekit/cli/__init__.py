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
    from collections.abc import Sequence
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

    def _split_lines(self, text: str, width: int) -> list[str]:
        from homekit.cli.options import wrapped  # (textwrap's lines, without importing textwrap)

        return wrapped(self._whitespace_matcher.sub(" ", text).strip(), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in self._split_lines(text, width - len(indent)))


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors: `homekit log: error: ...` and exit 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        from homekit.words import usage_error

        self.exit(2, usage_error(self.prog, message))


class _Skipped:
    """Stands in for the parser of a command that this run does not need."""

    def __getattr__(self, _name: str) -> Any:
        return lambda *args, **kwargs: self


class _OnlyWanted:
    """Wraps argparse's subparsers so that only the command being run gets its parser built
    (all ~20 cost more than the rest of `homekit status`; help and errors build them all)."""

    def __init__(self, sub: Any, wanted: str | None, then: list[str] | None = None) -> None:
        self._sub, self._wanted = sub, wanted
        self.then = then  # (the words after the command: see homekit.cli.options.subcommands)

    def builds(self, name: str) -> bool:  # (whether this run builds command `name`'s parser)
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


def build_parser(wanted: str | None = None, then: list[str] | None = None) -> Parser:
    """The full parser, or (with `wanted`) one with only that command's parser built (`then`:
    the words after it, which say which of its subcommands to build)."""
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
    sub = _OnlyWanted(parser.add_subparsers(dest="command", metavar="COMMAND",
                                            parser_class=Parser), wanted, then)
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
    at = argv.index(wanted) if wanted in argv else len(argv)  # (help asked before it: all)
    known = (wanted == "tui" or wanted in COMMAND_HOME) and not {"-h", "--help"} & set(argv[:at])
    return build_parser(wanted if known else None, list(argv[at + 1:]) if known else None)


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
        if not quiet and self._app.has_open_notices():  # (else the check use case stays unloaded)
            self.say_notices(self._app.check.open_notices())
        return self._app

    def path(self) -> tuple[Path | str, bool]:
        """The data file named (--db, $HOMEKIT_DB or the default); whether it is the default."""
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
