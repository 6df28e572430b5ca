"""The `homekit` command's entry point (pyproject's console script).

`homekit --version` is answered here, before the command-line interface (argparse, the
command modules, the domain) is imported: a version check in a script or a package manager
costs about what starting Python costs. Everything else goes to `homekit.cli.main`.
"""

from __future__ import annotations

import sys


def main() -> int:
    if sys.argv[1:2] == ["--version"]:  # argparse would print it and stop here too
        from homekit import __version__

        print(f"homekit {__version__}")
        return 0
    from homekit.cli import main as cli_main

    return cli_main()
