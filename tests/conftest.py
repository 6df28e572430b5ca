"""Shared fixtures: real SQLite files in tmp_path, a fixed clock, the installed CLI."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from homekit.services import Homekit
from homekit.storage import open_store

#: The fixed "now" of tests that do not run a real process.
NOW = dt.datetime(2026, 11, 25, 9, 30)
TODAY = NOW.date()

#: The installed `homekit` entry point, next to the interpreter running the tests.
HOMEKIT_BIN = str(Path(sys.executable).with_name("homekit"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "homekit.db"


@pytest.fixture
def store(db_path: Path):
    s = open_store(db_path)
    yield s
    s.close()


def answer_condition(path: Path, profile: str | None = None, has: bool = False) -> None:
    """Answer the eczema / acne rosacea question, required before a profile's first session
    (issue 11). Tests that log on a fresh file use this (the `hk` and `cli` fixtures do)."""
    app = Homekit.open(path, profile, now=lambda: NOW)
    try:
        app.profiles.record_skin_condition(has, acknowledged=has)
    finally:
        app.close()


@pytest.fixture
def hk(store) -> Homekit:
    """Services on a fresh file, profile 'me' with its skin question answered 'no', clock
    fixed at NOW."""
    app = Homekit(store, now=lambda: NOW)
    app.profiles.record_skin_condition(False, acknowledged=False)
    return app


def cli_env(db: Path | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOMEKIT_")}
    if db is not None:
        env["HOMEKIT_DB"] = str(db)
    env.update(extra)
    return env


def run_cli(*args: str, db: Path | None = None, stdin_text: str | None = None,
            env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run the installed `homekit` command in a real process."""
    return subprocess.run(
        [HOMEKIT_BIN, *args],
        input=stdin_text,
        capture_output=True,
        text=True,
        env=env if env is not None else cli_env(db),
        timeout=timeout,
        stdin=None if stdin_text is not None else subprocess.DEVNULL,
    )


def run_in_process(*args: str, db: Path | None = None, stdin_text: str | None = None,
                   env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`homekit.cli.main(args)` in this process, with the environment and streams it would
    have as a command: same exit code, stdout and stderr as `run_cli`, without the start-up.
    """
    import io
    from unittest import mock

    from homekit.cli import main

    def stream() -> io.TextIOWrapper:
        return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)

    out, err = stream(), stream()
    stdin = io.StringIO(stdin_text or "")
    environ = env if env is not None else cli_env(db)
    with mock.patch.dict(os.environ, environ, clear=True), \
            mock.patch.multiple(sys, stdout=out, stderr=err, stdin=stdin):
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse: --help, --version, usage errors
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 2)
    text = [s.buffer.getvalue().decode("utf-8", "backslashreplace") for s in (out, err)]
    return subprocess.CompletedProcess(["homekit", *args], code, text[0], text[1])


@pytest.fixture
def frozen_clock():
    """The process's clock stands still at NOW (time-machine): for in-process commands, which
    read the real clock as a user's would. Tests that name fixed dates use it, so that they
    mean the same on any day the suite runs (CI also runs the suite a year ahead)."""
    import time_machine

    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def cli_at_now(db_path: Path, frozen_clock):
    """`cli`, with the clock fixed at NOW (see frozen_clock)."""
    answer_condition(db_path)

    def call(*args: str, **kw) -> subprocess.CompletedProcess:
        return run_in_process(*args, db=db_path, **kw)

    return call


@pytest.fixture
def cli(db_path: Path):
    """`cli("log", "--duration", "40")` runs the command in-process on this test's file, whose
    profile 'me' has its skin question answered 'no' (see answer_condition).

    Tests that need a real process (signals, locks, start-up, the entry point) use `run_cli`.
    """
    answer_condition(db_path)

    def call(*args: str, **kw) -> subprocess.CompletedProcess:
        return run_in_process(*args, db=db_path, **kw)

    return call


# Property tests explore at random while developing; CI replays a fixed sequence so that a
# red build always means a real, reproducible failure.
from hypothesis import settings as _hsettings  # noqa: E402

_hsettings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
_hsettings.register_profile("dev", deadline=None)
_hsettings.load_profile("ci" if os.environ.get("CI") else "dev")
