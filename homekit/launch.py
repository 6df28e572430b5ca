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

The cycle collector runs after every 50,000 new container objects instead of Python's 700.
Start-up creates only objects that live as long as the process (modules, classes, functions,
the parser), and at 700 the collector walked them again and again while they were made:
about 6 million instructions of a `status --json`, 4% of it. Garbage cycles are still
collected (a collection then holds at most about 50,000 young objects: a few MB and a few ms
in the app, never a growth without bound); the older generations keep their defaults.

When the command is over, the objects left are frozen (`gc.freeze()`): the interpreter's exit
then no longer walks every object twice (once before and once while it unloads the modules)
to find cycles to free, about 18 million instructions of a `status --json`, 9% of it, paid
after the answer was printed. What that walk would free is freed by the system with the
process; the one thing it could still do, run the finalizer of an object left in a garbage
cycle, homekit does not leave to it: the data file is closed in `homekit.cli.main`'s
`finally` (its WAL companions are gone when the process ends, which a test checks through this
entry point), every file it writes is closed by its `with`, and standard output is flushed by
the interpreter whatever the collector does.
"""

from __future__ import annotations

import sys

#: Python's default is 700 (see the module's docstring).
COLLECT_AFTER = 50_000


def main() -> int:
    import gc

    gc.set_threshold(COLLECT_AFTER)  # (the older generations' thresholds stay as they are)
    if sys.argv[1:2] == ["--version"]:  # argparse would print it and stop here too
        from homekit import __version__

        print(f"homekit {__version__}")
        return 0
    import argparse

    # (see the module's docstring; what gettext's NullTranslations does, without the search)
    argparse._ = str  # type: ignore[attr-defined]
    argparse.ngettext = lambda singular, plural, n: singular if n == 1 else plural  # type: ignore[attr-defined]
    from homekit.cli import main as cli_main

    try:
        return cli_main()
    finally:
        gc.freeze()  # (see the module's docstring: no walk over every object at exit)
