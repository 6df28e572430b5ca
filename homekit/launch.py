"""The `homekit` command's entry point (pyproject's console script).

`homekit --version` is answered here, before the command-line interface (argparse, the
command modules, the domain) is imported: a version check in a script or a package manager
costs about what starting Python costs. Everything else goes to `homekit.cli.main`.

argparse's own words ("usage:", "options", its error templates) stay in English, as every
word homekit says does: argparse asks gettext for a catalog of the generic `messages` domain
under Python's `share/locale` for each of them (importing `locale` and looking for a file per
word, about 6 million instructions of a `--help`). No Python ships such a catalog, and one
found there would put foreign fragments into homekit's English lines. This process is
homekit's own, so the entry point hands argparse its words as written; `homekit.cli.main`
called in another program (the tests, a script) leaves that program's argparse alone.
"""

from __future__ import annotations

import sys


def main() -> int:
    if sys.argv[1:2] == ["--version"]:  # argparse would print it and stop here too
        from homekit import __version__

        print(f"homekit {__version__}")
        return 0
    import argparse

    # (see the module's docstring; what gettext's NullTranslations does, without the search)
    argparse._ = str  # type: ignore[attr-defined]
    argparse.ngettext = lambda singular, plural, n: singular if n == 1 else plural  # type: ignore[attr-defined]
    from homekit.cli import main as cli_main

    return cli_main()
