"""`homekit completion bash|zsh|fish`: a shell completion script (argcomplete).

The script is built only when asked for, and completing runs only when the shell asks
(`_ARGCOMPLETE` set): every other run of homekit, such as `homekit status`, imports nothing
more than before.

    eval "$(homekit completion bash)"        # in ~/.bashrc
    homekit completion zsh > ~/.zfunc/_homekit # or: eval "$(homekit completion zsh)"
    homekit completion fish > ~/.config/fish/completions/homekit.fish
"""

from __future__ import annotations

import argparse

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

    from homekit.cli import Context

#: The commands this module registers (so the CLI builds only the one being run).
COMMANDS = ("completion",)
SHELLS = ("bash", "zsh", "fish")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("completion", help="print a shell completion script (bash, zsh or fish)",
                       description="Print a completion script for your shell; for example, in "
                       "~/.bashrc: eval \"$(homekit completion bash)\"")
    p.add_argument("shell", choices=SHELLS, help="the shell to complete for: " + ", ".join(SHELLS))
    p.set_defaults(handler=cmd_completion)


def cmd_completion(args: argparse.Namespace, ctx: Context) -> int:
    import argcomplete

    print(argcomplete.shellcode(["homekit"], shell=args.shell), end="")
    return 0


def complete() -> None:
    """Answer the shell's completion request (exits); called only when `_ARGCOMPLETE` is set."""
    import argcomplete

    from homekit.cli import build_parser

    argcomplete.autocomplete(build_parser(), always_complete_options="long")
