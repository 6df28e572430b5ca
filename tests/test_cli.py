"""The installed `homekit` command in real processes: exit codes, messages, files."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
import subprocess
import sys

import pytest

from tests.conftest import NOW, cli_env, run_cli

#: The in-process commands run at NOW (frozen_clock, for every test here): dates named from
#: TODAY mean the same whenever the suite runs, even across midnight.
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def _at_now(frozen_clock):
    """Every in-process command of this file reads NOW (children of run_cli keep the real
    clock; no test here names a date for them)."""


def ago(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_log_prints_session_and_next_eligible_date(cli_at_now, db_path):
    # At NOW (09:30): a start time at 8:05 today has passed (a later one is refused).
    cli, today = cli_at_now, dt.date.today()
    r = cli("log", "--duration", "45", "--area", "cheeks", "--area", "nose,chin", "--glasses",
            "--stinging", "1", "--level", "3", "--time", "8:05", "--notes", "first, \"try\"")
    assert r.returncode == 0, r.stderr
    assert today.isoformat() in r.stdout
    nxt = (today + dt.timedelta(days=7)).isoformat()
    assert f"Next eligible date: {nxt}" in r.stdout and "in 7 days" in r.stdout
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    hist = json.loads(cli("history", "--json").stdout)
    assert hist[0]["areas"] == ["cheeks", "nose", "chin"]
    assert hist[0]["start_time"] == "08:05"
    assert hist[0]["notes"] == 'first, "try"'
    assert hist[0]["glasses_worn"] is True and hist[0]["device_level"] == 3


def test_refusal_names_conflict_next_date_and_days_left(cli):
    assert cli("log", "--date", ago(3)).returncode == 0
    r = cli("log")
    assert r.returncode == 3
    msg = one_line_error(r)
    assert ago(3) in msg
    assert (TODAY + dt.timedelta(days=4)).isoformat() in msg
    assert "in 4 days" in msg


def test_backdated_entries_count_both_ways(cli):
    assert cli("log", "--date", ago(10)).returncode == 0
    r = cli("log", "--date", ago(14))
    assert r.returncode == 3 and ago(10) in one_line_error(r)
    assert cli("log", "--date", ago(17)).returncode == 0
    assert cli("log", "--date", ago(3)).returncode == 0
    dates = [s["session_date"] for s in json.loads(cli("history", "--json").stdout)]
    assert dates == [ago(3), ago(10), ago(17)]


def test_longer_interval_is_respected_and_shorter_refused(cli):
    assert cli("profile", "set", "--interval", "14").returncode == 0
    assert cli("log", "--date", ago(10)).returncode == 0
    assert cli("log").returncode == 3
    r = cli("profile", "set", "--interval", "6")
    assert r.returncode == 2 and "at least 7 days" in one_line_error(r)
    st = json.loads(cli("status", "--json").stdout)
    assert st["min_interval_days"] == 14
    assert st["days_until_eligible"] == 4


@pytest.mark.parametrize(
    "args, needle",
    [
        (["log", "--date", "2026-02-30"], "does not exist"),
        (["log", "--date", "2026-13-01"], "does not exist"),
        (["log", "--date", "tomorrow"], "YYYY-MM-DD"),
        (["log", "--date", (TODAY + dt.timedelta(days=1)).isoformat()], "future"),
        (["log", "--duration", "-5"], "duration"),
        (["log", "--duration", "0"], "duration must be from 1 to 180"),
        (["log", "--duration", "600"], "duration must be from 1 to 180"),
        (["log", "--duration", "forty"], "not a whole number"),
        (["log", "--time", "25:00"], "24-hour"),
        (["log", "--stinging", "4"], "stinging must be 0 to 3"),
        (["log", "--level", "11"], "device level"),
        (["log", "--area", "elbow"], "unknown area"),
        (["log", "--redness", "5"], "severity must be 0 to 4"),
        (["log", "--faded-after", "10"], "needs a redness severity"),
        (["log", "--notes", "bell\x07"], "control characters"),
        (["redness", "--severity", "5"], "severity must be 0 to 4"),
        (["redness", "--severity", "2"], "no session logged yet"),
        (["redness", "42", "--severity", "2"], "no session with id 42"),
        (["edit", "42", "--duration", "30"], "no session with id 42"),
        (["edit", "1"], "nothing to change"),
        (["delete", "42", "--yes"], "no session with id 42"),
        (["--profile", "ana", "status"], "unknown profile 'ana'"),
        (["--profile", "", "status"], "profile name cannot be empty"),
        (["--db", "", "status"], "path is empty"),
        (["profile", "add", "x", "--interval", "3"], "too short"),
        (["profile", "add", "x", "--target", "0"], "target must be from 1"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_values_get_one_line_and_exit_2(cli, args, needle):
    r = cli(*args)
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert needle in one_line_error(r)


def test_status_json_contract(cli):
    st = json.loads(cli("status", "--json").stdout)
    for key in ("profile", "target_sessions", "sessions_done", "last_session_date",
                "next_eligible_date", "days_until_eligible", "projected_completion_date"):
        assert key in st
    assert st["profile"] == "me" and st["sessions_done"] == 0
    assert st["last_session_date"] is None and st["next_eligible_date"] is None
    assert st["days_until_eligible"] == 0
    assert st["projected_completion_date"] == (TODAY + dt.timedelta(days=35)).isoformat()
    cli("log", "--date", ago(2), "--redness", "2", "--faded-after", "15")
    st = json.loads(cli("status", "--json").stdout)
    assert st["sessions_done"] == 1 and st["last_session_date"] == ago(2)
    assert st["next_eligible_date"] == (TODAY + dt.timedelta(days=5)).isoformat()
    assert st["days_until_eligible"] == 5
    assert st["latest_redness"]["severity"] == 2
    assert st["latest_redness"]["faded_after_min"] == 15


def test_redness_defaults_to_latest_session_and_warns_when_severe(cli):
    cli("log", "--date", ago(20))
    cli("log", "--date", ago(5))
    r = cli("redness", "--severity", "4", "--notes", "burning")
    assert r.returncode == 0
    assert "consult a skin professional" in r.stderr
    hist = json.loads(cli("history", "--json").stdout)
    assert [len(s["redness"]) for s in hist] == [1, 0]
    assert hist[0]["redness"][0]["severity"] == 4
    assert json.loads(cli("status", "--json").stdout)["redness_warning_serious"] is True


def test_edit_keeps_the_rule_and_delete_asks(cli):
    cli("log", "--date", ago(20))
    cli("log", "--date", ago(5))
    hist = json.loads(cli("history", "--json").stdout)
    older = hist[1]["id"]
    r = cli("edit", str(older), "--date", ago(9))
    assert r.returncode == 3 and ago(5) in one_line_error(r)
    assert cli("edit", str(older), "--date", ago(12), "--duration", "50").returncode == 0
    r = cli("delete", str(older))
    assert r.returncode == 2 and "--yes" in one_line_error(r)
    r = cli("delete", str(older), stdin_text="n\n")
    assert r.returncode != 0 or "Nothing deleted" in r.stdout
    assert len(json.loads(cli("history", "--json").stdout)) == 2
    assert cli("delete", str(older), "--yes").returncode == 0
    assert [s["session_date"] for s in json.loads(cli("history", "--json").stdout)] == [ago(5)]


def test_profiles_have_their_own_rule(cli):
    assert cli("profile", "add", "ana", "--target", "8", "--interval", "21",
               "--condition", "no").returncode == 0
    assert cli("log", "--date", ago(1)).returncode == 0
    assert cli("--profile", "ana", "log", "--date", ago(1)).returncode == 0
    r = cli("log", "--profile", "ana", "--date", ago(15))
    assert r.returncode == 3
    listing = json.loads(cli("profile", "list", "--json").stdout)
    assert {p["name"]: p["min_interval_days"] for p in listing} == {"ana": 21, "me": 7}
    assert cli("profile", "use", "ana").returncode == 0
    assert json.loads(cli("status", "--json").stdout)["profile"] == "ana"


def test_condition_blocks_logging_until_acknowledged(cli):
    r = cli("profile", "condition", "yes")
    assert "serious outbreaks" in r.stderr
    r = cli("log")
    assert r.returncode == 2 and "acknowledge" in one_line_error(r)
    assert cli("profile", "condition", "yes", "--acknowledge").returncode == 0
    assert cli("log").returncode == 0


def test_db_option_wins_over_environment(tmp_path):
    env_db, opt_db = tmp_path / "env.db", tmp_path / "opt.db"
    assert run_cli("--db", str(opt_db), "profile", "condition", "no", env=cli_env(env_db)
                   ).returncode == 0
    r = run_cli("--db", str(opt_db), "log", env=cli_env(env_db))
    assert r.returncode == 0
    assert opt_db.exists() and not env_db.exists()
    r = run_cli("status", "--db", str(opt_db), "--json", env=cli_env(env_db))
    assert json.loads(r.stdout)["sessions_done"] == 1


def test_default_location_is_the_user_data_folder(tmp_path):
    env = cli_env(None, XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path))
    r = run_cli("profile", "condition", "no", env=env)
    assert r.returncode == 0, r.stderr
    db = tmp_path / "data" / "homekit" / "homekit.db"
    assert db.exists()
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700


def test_python_dash_m_works(db_path):
    r = subprocess.run([sys.executable, "-m", "homekit", "status", "--json"],
                       capture_output=True, text=True, env=cli_env(db_path), timeout=60)
    assert r.returncode == 0 and json.loads(r.stdout)["profile"] == "me"


@pytest.mark.parametrize("content", [os.urandom(8192), b"name,date\nana,2026-01-01\n" * 50],
                         ids=["random-bytes", "csv-text"])
def test_corrupt_file_is_left_byte_for_byte(tmp_path, content):
    path = tmp_path / "broken.db"
    path.write_bytes(content)
    before = hashlib.sha256(content).hexdigest()
    for args in (["status"], ["log"], ["history"]):
        r = run_cli("--db", str(path), *args)
        assert r.returncode == 1
        assert "not a SQLite database" in one_line_error(r)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert not (tmp_path / "broken.db-wal").exists()


def test_read_only_and_missing_folder(tmp_path, cli, db_path):
    cli("log")
    db_path.chmod(0o444)
    r = cli("status")
    assert r.returncode == 1 and "read-only" in one_line_error(r)
    r = run_cli("--db", str(tmp_path / "no" / "such" / "h.db"), "status")
    assert r.returncode == 1 and "does not exist" in one_line_error(r)


@pytest.mark.parametrize("argv, command", [
    (["status", "--json"], "status"),
    (["--db", "x.db", "--profile", "ana", "log"], "log"),
    (["--db=x.db", "history"], "history"),
    (["--profile", "status"], None),  # "status" is the profile's name here
    (["--help"], None),
    ([], None),
])
def test_command_is_found_past_global_options(argv, command):
    from homekit.cli import command_in

    assert command_in(argv) == command


def test_only_the_command_run_gets_its_parser_but_help_lists_all(capsys):
    from homekit.cli import build_parser

    full = build_parser().format_help()
    for name in ("log", "status", "chart", "export", "import", "demo", "profile", "tui"):
        assert name in full
    assert "--json" in build_parser("status")._subparsers._group_actions[0].choices[
        "status"].format_help()
    assert set(build_parser("status")._subparsers._group_actions[0].choices) == {"status"}


def _imported(argv: list[str]) -> tuple[str, set[str]]:
    """The output and the modules imported (`-X importtime`) of the installed command."""
    import subprocess

    from tests.conftest import HOMEKIT_BIN, cli_env

    run = subprocess.run([HOMEKIT_BIN, *argv], capture_output=True, text=True, timeout=60,
                         env=cli_env(PYTHONPROFILEIMPORTTIME="1"), stdin=subprocess.DEVNULL)
    assert run.returncode == 0, run.stderr[-500:]
    return run.stdout, {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines()
                        if line.startswith("import time:")}


def test_version_is_answered_before_the_command_line_interface_is_imported():
    from homekit import __version__

    out, imported = _imported(["--version"])
    assert out == f"homekit {__version__}\n"
    assert "homekit" in imported  # the measurement saw the package
    assert not {m for m in imported if m.startswith(("homekit.cli", "homekit.domain"))}
    assert "argparse" not in imported and "sqlite3" not in imported


def test_version_in_process_builds_no_command_parser(capsys):
    from homekit.cli import main
    from tests.test_layers import modules_after

    with pytest.raises(SystemExit) as stop:  # argparse's own action, as before
        main(["--version"])
    assert stop.value.code == 0 and capsys.readouterr().out.startswith("homekit ")
    loaded = modules_after("from homekit.cli import main\ntry:\n    main(['--version'])\n"
                           "except SystemExit:\n    pass")
    # (argparse prints the version through its help formatter: the wrapping in options)
    assert not [m for m in loaded if m.startswith("homekit.cli.") and m != "homekit.cli.options"]


def test_help_of_one_command_builds_only_its_parser():
    out, imported = _imported(["status", "--help"])
    assert "--json" in out and "usage: homekit status" in out
    commands = {m for m in imported if m.startswith("homekit.cli.") and m.count(".") == 2}
    assert commands <= {"homekit.cli.status", "homekit.cli.output", "homekit.cli.options"}, commands


def test_the_app_builds_no_command_parser(tmp_path):
    """`homekit` alone starts the app: it parses its global options without importing any
    command's module (they would cost the app's first frame)."""
    import subprocess

    from tests.conftest import HOMEKIT_BIN, cli_env

    run = subprocess.run([HOMEKIT_BIN, "--db", str(tmp_path / "h.db")], capture_output=True,
                         text=True, timeout=60, stdin=subprocess.DEVNULL,
                         env=cli_env(PYTHONPROFILEIMPORTTIME="1"))
    assert run.returncode == 2 and "needs a terminal" in run.stderr  # got as far as the app
    imported = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines()
                if line.startswith("import time:")}
    assert {m for m in imported if m.startswith("homekit.cli.")} == {"homekit.cli.app"}


def test_every_command_is_found_in_the_module_that_registers_it():
    import importlib

    from homekit.cli import COMMAND_HOME, COMMAND_MODULES, NESTED_MODULES

    declared = {name: module for module in COMMAND_MODULES + NESTED_MODULES
                for name in importlib.import_module(module).COMMANDS}
    assert COMMAND_HOME == declared


@pytest.mark.parametrize("args", [[], ["tui"]])
def test_the_app_without_a_terminal_says_so_instead_of_hanging(cli, args):
    r = cli(*args)
    assert r.returncode == 2
    assert "needs a terminal" in one_line_error(r)
    assert "\x1b[" not in r.stdout
