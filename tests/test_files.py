"""Special files and streams through every door (homekit.files): inputs read once with a bound,
streams copied privately, devices and pipes written into and never replaced.

Real things only: named pipes made with mkfifo, character devices made with mknod in the
test's own folder (as root, which CI is; never in /dev), sockets, sparse files over a bound,
standard input and process substitution in real processes. A process that is not root uses
the real /dev/null, /dev/zero and /dev/full, which it cannot replace anyway: the same checks
still run.
"""

from __future__ import annotations

import io
import os
import socket
import sqlite3
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest

from homekit.domain import inputs
from homekit.services import Homekit
from tests.conftest import HOMEKIT_BIN, NOW, answer_condition, cli_env
from tests.images import png_bytes

ROOT = os.geteuid() == 0
DEVICES = {"null": (1, 3), "zero": (1, 5), "full": (1, 7)}
#: A bound on every wait for a real process (a hang fails; nothing is timed).
BOUND = 60


# -- helpers ---------------------------------------------------------------------------


@pytest.fixture
def device(tmp_path: Path):
    """`device("full")`: a character device with the numbers of /dev/full, made with mknod in
    tmp_path (root), else the real one (which a user other than root cannot replace)."""
    def make(name: str) -> Path:
        if not ROOT:
            return Path("/dev") / name
        path = tmp_path / f"dev-{name}"
        if not os.path.lexists(path):
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(*DEVICES[name]))
        return path
    return make


def still_device(path: Path, name: str) -> bool:
    st = os.lstat(path)
    return stat.S_ISCHR(st.st_mode) and (os.major(st.st_rdev), os.minor(st.st_rdev)) == DEVICES[name]


@pytest.fixture
def short_wait(monkeypatch):
    """A named pipe nobody writes to (or reads from) is given up on after 0.3 s, not 5."""
    monkeypatch.setattr(inputs, "STREAM_WAIT_SECONDS", 0.3)


@pytest.fixture
def sock(tmp_path: Path, monkeypatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)  # a short relative name: socket paths are limited to 108 bytes
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind("s.sock")
    try:
        yield tmp_path / "s.sock"
    finally:
        s.close()


def fifo(tmp_path: Path, name: str = "pipe") -> Path:
    path = tmp_path / name
    os.mkfifo(path)
    return path


class Feeder:
    """Writes into a named pipe from a thread: `data` once, or `endless` until the reader goes."""

    def __init__(self, path: Path, data: bytes = b"", endless: bytes = b"") -> None:
        self.path = path
        self.thread = threading.Thread(target=self._run, args=(data, endless), daemon=True)
        self.thread.start()

    def _run(self, data: bytes, endless: bytes) -> None:
        try:
            with open(self.path, "wb") as f:  # waits for the reader
                f.write(data)
                while endless:
                    f.write(endless)
        except (BrokenPipeError, OSError):
            pass  # the reader stopped reading: what an endless stream meets

    def join(self) -> None:
        if self.thread.is_alive():  # never opened by the reader: let the open return
            try:
                os.close(os.open(self.path, os.O_RDONLY | os.O_NONBLOCK))
            except OSError:
                pass
        self.thread.join(BOUND)
        assert not self.thread.is_alive()


class Drain:
    """Reads a named pipe from a thread, as `cat pipe` would."""

    def __init__(self, path: Path) -> None:
        self.data = b""
        self.thread = threading.Thread(target=self._run, args=(path,), daemon=True)
        self.thread.start()

    def _run(self, path: Path) -> None:
        with open(path, "rb") as f:
            self.data = f.read()

    def join(self) -> bytes:
        self.thread.join(BOUND)
        assert not self.thread.is_alive()
        return self.data


def run(db: Path, *args: str, stdin: bytes = b"") -> tuple[int, bytes, str]:
    """`homekit --db DB ARGS` in this process: exit code, stdout bytes, stderr text."""
    from homekit.cli import main

    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
    with mock.patch.dict(os.environ, cli_env(), clear=True), \
            mock.patch.multiple(sys, stdout=out, stderr=err, stdin=io.StringIO("")):
        code = main(["--db", str(db), *args])
    return code, out.buffer.getvalue(), err.buffer.getvalue().decode()


def real(db: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    """`homekit --db DB ARGS` in a real process (bytes in and out)."""
    kw.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.run([HOMEKIT_BIN, "--db", str(db), *args], capture_output=True,
                          env=cli_env(), timeout=BOUND, **kw)


def bash(script: str, db: Path, cwd: Path) -> subprocess.CompletedProcess:
    """A bash command line (for process substitution), with `hk` as homekit on `db`."""
    return subprocess.run(["bash", "-c", script], capture_output=True, timeout=BOUND, cwd=cwd,
                          env=cli_env(db, HK=HOMEKIT_BIN))


def one_line(err: str) -> bool:
    return err.startswith("homekit: error: ") and err.count("\n") == 1


def logged(tmp_path: Path, name: str = "h.db", photos: bool = True) -> Path:
    """A data file with two sessions and (by default) two photos of the cheeks."""
    db = tmp_path / name
    answer_condition(db)
    hk = Homekit.open(db, now=lambda: NOW)
    try:
        import datetime as dt

        from homekit.domain.models import SessionDraft

        for i, day in enumerate(("2026-10-01", "2026-10-20")):
            s = hk.sessions.log_session(SessionDraft(dt.date.fromisoformat(day), areas=("cheeks",)))
            if photos:
                hk.photos.add_photo(png_bytes(seed=i), session_id=s.session.id)
    finally:
        hk.close()
    return db


def sessions(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
    finally:
        conn.close()


def partials(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(".homekit-*") if p.is_file()]


# -- outputs: every door --------------------------------------------------------------

#: Each door that writes a file, and how its bytes begin.
OUTPUTS = {
    "export": (["export", "-o", "{}"], b"{"),
    "chart": (["chart", "-o", "{}"], b"\x89PNG"),
    "report": (["report", "-o", "{}"], b"%PDF-"),
    "remind": (["remind", "-o", "{}"], b"BEGIN:VCALENDAR"),
    "backup": (["backup", "{}"], b"SQLite format 3\x00"),
    "photo export": (["photo", "export", "1", "-o", "{}"], b"\xff\xd8\xff"),
    "photo compare": (["photo", "compare", "-o", "{}"], b"\x89PNG"),
}


def door(name: str, target: Path | str) -> list[str]:
    return [a.format(target) for a in OUTPUTS[name][0]]


@pytest.mark.parametrize("name", OUTPUTS)
def test_a_device_is_written_into_never_replaced_and_a_full_one_is_exit_1(tmp_path, device, name):
    db = logged(tmp_path)
    null, full = device("null"), device("full")
    code, out, err = run(db, *door(name, null))
    assert code == 0, err
    assert still_device(null, "null")
    code, out, err = run(db, *door(name, full))  # no --force needed, none given
    assert code == 1 and one_line(err), err
    assert "No space left on device" in err and str(full) in err
    assert out == b"" and not any(w in err for w in ("Wrote ", "Exported", "Backup written"))
    assert still_device(full, "full")
    assert partials(tmp_path) == []


@pytest.mark.parametrize("name", OUTPUTS)
def test_dash_is_standard_output(tmp_path, name):
    db = logged(tmp_path)
    code, out, err = run(db, *door(name, "-"))
    assert code == 0, err
    assert out.startswith(OUTPUTS[name][1])  # the file itself, and nothing else, on stdout
    assert list(tmp_path.glob("-*")) == [] and not (tmp_path / "-").exists()


@pytest.mark.parametrize("name", OUTPUTS)
def test_a_named_pipe_is_written_into_and_stays_a_pipe(tmp_path, name):
    db = logged(tmp_path)
    pipe = fifo(tmp_path)
    reader = Drain(pipe)
    code, _, err = run(db, *door(name, pipe))
    assert code == 0, err
    assert reader.join().startswith(OUTPUTS[name][1])
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


@pytest.mark.parametrize("name", OUTPUTS)
def test_a_pipe_nobody_reads_a_folder_and_a_socket_are_refused(tmp_path, short_wait, sock, name):
    db = logged(tmp_path)
    for target, says in ((fifo(tmp_path), "nothing reads from"), (sock, "is a socket"),
                         (tmp_path / "dir", "is a folder")):
        if target.name == "dir":
            target.mkdir()
            if name == "backup":
                continue  # a folder given to backup means "a backup inside it" (documented)
        code, _, err = run(db, *door(name, target))
        assert code == 2 and one_line(err) and says in err, (target, err)
    assert stat.S_ISFIFO(os.lstat(tmp_path / "pipe").st_mode)
    assert stat.S_ISSOCK(os.lstat(sock).st_mode)
    assert partials(tmp_path) == []


def test_export_to_dev_stdout_in_a_pipe_needs_no_force(tmp_path):
    db = logged(tmp_path, photos=False)
    done = real(db, "export", "-o", "/dev/stdout")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"{") and b'"homekit-export"' in done.stdout


def test_standard_output_on_a_full_device_is_exit_1_one_line(tmp_path, device):
    db = logged(tmp_path)
    for args in (["export", "-o", "-"], ["chart", "-o", "-"], ["backup", "-"]):
        with open(device("full"), "wb") as full:
            done = subprocess.run([HOMEKIT_BIN, "--db", str(db), *args], stdout=full,
                                  stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                  env=cli_env(), timeout=BOUND, text=True)
        assert done.returncode == 1 and one_line(done.stderr), (args, done.stderr)
        assert "No space left on device" in done.stderr


SUFFIXES = {"export": ".json", "chart": ".png", "report": ".pdf", "remind": ".ics",
            "photo export": ".jpg", "photo compare": ".png"}


@pytest.mark.parametrize("name", SUFFIXES)
def test_an_existing_file_still_needs_force_and_is_replaced_whole(tmp_path, name):
    db = logged(tmp_path)
    target = tmp_path / f"mine{SUFFIXES[name]}"
    target.write_bytes(b"the user's own")
    code, _, err = run(db, *door(name, target))
    assert code == 2 and "already exists" in err and target.read_bytes() == b"the user's own"
    code, out, err = run(db, *door(name, target), "--force")
    assert code == 0, err
    assert target.read_bytes().startswith(OUTPUTS[name][1])
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert str(target) in out.decode() + err  # the full path is shown
    assert partials(tmp_path) == []


def test_written_files_are_named_by_their_full_path(tmp_path, monkeypatch):
    db = logged(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(db, "report")
    assert code == 0 and f"to {tmp_path / 'homekit-report.pdf'}" in out.decode(), (out, err)
    code, out, err = run(db, "export", "-o", "log.json")
    assert code == 0 and f"Exported to {tmp_path / 'log.json'} (json)." in err


# -- inputs: photo add ----------------------------------------------------------------


def test_photo_add_refuses_a_pipe_nobody_writes_to_without_creating_the_data_file(
        tmp_path, short_wait):
    db = tmp_path / "new.db"
    code, _, err = run(db, "photo", "add", str(fifo(tmp_path)))
    assert code == 2 and one_line(err)
    assert "nothing came from" in err and "nothing was stored" in err
    assert not db.exists()


def test_photo_add_reads_a_pipe_with_a_writer_and_standard_input(tmp_path):
    db = logged(tmp_path, photos=False)
    pipe = fifo(tmp_path)
    feeder = Feeder(pipe, png_bytes(seed=5))
    code, out, err = run(db, "photo", "add", str(pipe), "--session", "1")
    feeder.join()
    assert code == 0, err
    done = real(db, "photo", "add", "-", "--session", "2", input=png_bytes(seed=6), stdin=None)
    assert done.returncode == 0, done.stderr
    assert out.strip() == b"1" and done.stdout.strip() == b"2"


def test_photo_add_reads_process_substitution(tmp_path):
    db = logged(tmp_path, photos=False)
    (tmp_path / "p.png").write_bytes(png_bytes(seed=7))
    done = bash('"$HK" photo add <(cat p.png) --area chin', db, tmp_path)
    assert done.returncode == 0, done.stderr
    assert real(db, "photo", "list").stdout.count(b"chin") == 1


def test_photo_add_stops_an_endless_device_at_the_bound(tmp_path, device):
    db = tmp_path / "new.db"
    code, _, err = run(db, "photo", "add", str(device("zero")))
    assert code == 2 and one_line(err)
    assert "goes on past 64 MB, the most homekit reads for a photo; nothing was stored" in err
    assert not db.exists()


def test_photo_add_refuses_a_file_over_the_bound_before_reading_it(tmp_path):
    db = tmp_path / "new.db"
    big = tmp_path / "big.jpg"
    with open(big, "wb") as f:
        f.truncate(64 * 2**20 + 1)  # sparse: nothing is written, nothing could be read fast
    code, _, err = run(db, "photo", "add", str(big))
    assert code == 2 and one_line(err)
    assert "is larger than 64 MB, too large for a photo; nothing was stored" in err
    assert not db.exists()


def test_photo_add_refuses_a_folder_a_socket_and_an_empty_device(tmp_path, sock, device):
    db = logged(tmp_path, photos=False)
    for target, says in ((tmp_path, "is a folder, not a file"), (sock, "is a socket"),
                         (device("null"), "is not an image")):
        code, _, err = run(db, "photo", "add", str(target))
        assert code == 2 and one_line(err) and says in err, err
    assert run(db, "photo", "list")[1].startswith(b"No photos")


# -- inputs: import -------------------------------------------------------------------


def export_text(tmp_path: Path) -> bytes:
    db = logged(tmp_path, "source.db", photos=False)
    code, out, err = run(db, "export", "--format", "json")
    assert code == 0, err
    return out


def test_import_refuses_a_pipe_nobody_writes_to(tmp_path, short_wait):
    db = tmp_path / "new.db"
    code, _, err = run(db, "import", str(fifo(tmp_path)))
    assert code == 2 and one_line(err) and "nothing was imported" in err
    assert not db.exists()


def test_import_reads_a_pipe_once_into_a_private_copy(tmp_path, monkeypatch):
    text = export_text(tmp_path)
    db = tmp_path / "new.db"
    seen: list[tuple[Path, int]] = []
    from homekit import files

    spool = files._spool

    def spied(src, kind, head=None):  # the copy: private while it exists
        copy = spool(src, kind, head)
        seen.append((copy, stat.S_IMODE(copy.stat().st_mode)))
        return copy

    monkeypatch.setattr(files, "_spool", spied)
    pipe = fifo(tmp_path)
    feeder = Feeder(pipe, text)
    code, out, err = run(db, "import", str(pipe))
    feeder.join()
    assert code == 0, err
    assert b"Imported 2 sessions" in out and sessions(db) == 2
    ((copy, mode),) = seen  # read once, into one copy
    assert mode == 0o600 and not copy.exists()


def test_export_piped_into_import_and_process_substitution(tmp_path):
    source = logged(tmp_path, "source.db", photos=False)
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    done = bash(f'"$HK" --db {source} export | "$HK" --db {first} import -', source, tmp_path)
    assert done.returncode == 0, done.stderr
    assert b"Imported 2 sessions" in done.stdout and sessions(first) == 2
    done = bash(f'"$HK" --db {second} import <("$HK" --db {source} export --format csv)',
                source, tmp_path)
    assert done.returncode == 0, done.stderr
    assert sessions(second) == 2


def test_import_from_standard_input_that_is_a_database_says_restore_dash(tmp_path):
    db = logged(tmp_path, photos=False)
    done = real(tmp_path / "new.db", "import", "-", input=db.read_bytes(), stdin=None)
    assert done.returncode == 2 and b"homekit restore -)" in done.stderr
    assert not (tmp_path / "new.db").exists()


def test_import_refuses_an_endless_device_at_once_and_an_endless_text_stream_at_the_bound(
        tmp_path, device, monkeypatch):
    db = logged(tmp_path, photos=False)
    code, _, err = run(db, "import", str(device("zero")))  # binary: refused by its first bytes
    assert code == 2 and one_line(err) and "binary data" in err
    monkeypatch.setattr(inputs, "MAX_IMPORT_BYTES", 2**20)
    pipe = fifo(tmp_path)
    feeder = Feeder(pipe, b"session_date,duration_min,notes\n", endless=b"2026-01-01,30,x\n" * 64)
    code, _, err = run(db, "import", str(pipe))
    feeder.join()
    assert code == 2 and one_line(err)
    assert "goes on past 1 MB, the most homekit reads for an import; nothing was imported" in err
    assert sessions(db) == 2


def test_import_refuses_a_file_over_the_bound_a_folder_and_a_socket(tmp_path, sock):
    db = tmp_path / "new.db"
    big = tmp_path / "big.json"
    with open(big, "wb") as f:
        f.truncate(128 * 2**20 + 1)
    for target, says in ((big, "is larger than 128 MB, too large for an import"),
                         (tmp_path, "is a folder, not a file"), (sock, "is a socket")):
        code, _, err = run(db, "import", str(target))
        assert code == 2 and one_line(err) and says in err, err
    assert not db.exists()


def test_the_photos_an_import_lists_go_through_the_same_bounds(tmp_path, short_wait, device):
    import json

    source = logged(tmp_path, "source.db")
    out = tmp_path / "out"
    out.mkdir()
    code, _, err = run(source, "export", "-o", str(out / "log.json"), "--photos", str(out / "ph"))
    assert code == 0, err
    # A FIFO in the export's folder is read with the bound; a symlink to a device leads out of
    # the folder, so it is refused before it is opened (domain.containment).
    for swap, says in ((lambda p: (p.unlink(), os.mkfifo(p)), "nothing came from"),
                       (lambda p: (p.unlink(), os.symlink(device("zero"), p)),
                        "is a symbolic link out of the export's folder")):
        target = tmp_path / f"t{len(says)}.db"
        doc = json.loads((out / "log.json").read_text())
        photo = out / doc["profiles"][0]["photos"][0]["file"]
        saved = photo.read_bytes()
        swap(photo)
        code, _, err = run(target, "import", str(out / "log.json"))
        assert code == 2 and one_line(err) and says in err, err
        assert not target.exists() or sessions(target) == 0
        photo.unlink()
        photo.write_bytes(saved)


# -- inputs: restore ------------------------------------------------------------------


def backup_of(tmp_path: Path) -> Path:
    db = logged(tmp_path, "source.db", photos=False)
    code, _, err = run(db, "backup", str(tmp_path / "b.db"))
    assert code == 0, err
    return tmp_path / "b.db"


def test_restore_from_standard_input_process_substitution_and_a_pipe(tmp_path):
    backup = backup_of(tmp_path)
    db = tmp_path / "new.db"
    done = real(db, "restore", "-", input=backup.read_bytes(), stdin=None)
    assert done.returncode == 0, done.stderr
    assert b"from standard input (2 sessions" in done.stdout and sessions(db) == 2
    done = bash(f'"$HK" --db {tmp_path / "b2.db"} restore <(cat b.db)', db, tmp_path)
    assert done.returncode == 0, done.stderr
    assert sessions(tmp_path / "b2.db") == 2
    pipe = fifo(tmp_path)
    feeder = Feeder(pipe, backup.read_bytes())
    code, out, err = run(tmp_path / "b3.db", "restore", str(pipe))
    feeder.join()
    assert code == 0, err
    assert sessions(tmp_path / "b3.db") == 2


def test_restore_refusals_leave_no_data_file_behind(tmp_path, short_wait, device, sock):
    db = tmp_path / "new.db"
    big = tmp_path / "big.db"
    with open(big, "wb") as f:
        f.write(b"SQLite format 3\x00")
        f.truncate(4 * 2**30 + 1)  # sparse
    for target, says in ((fifo(tmp_path), "nothing came from"),
                         (device("zero"), "is not a SQLite database"),
                         (device("null"), "is not a SQLite database"),
                         (big, "is larger than 4 GB, too large for a backup"),
                         (tmp_path, "is a folder, not a file"), (sock, "is a socket")):
        code, _, err = run(db, "restore", str(target))
        assert code == 2 and one_line(err) and says in err and "nothing was restored" in err, err
        assert not db.exists()
    assert partials(tmp_path) == []


def test_restore_stops_a_stream_that_goes_on_past_the_bound(tmp_path, monkeypatch):
    backup = backup_of(tmp_path)
    monkeypatch.setattr(inputs, "MAX_BACKUP_BYTES", backup.stat().st_size + 100)
    pipe = fifo(tmp_path)
    feeder = Feeder(pipe, backup.read_bytes(), endless=b"\0" * 4096)
    code, _, err = run(tmp_path / "new.db", "restore", str(pipe))
    feeder.join()
    assert code == 2 and one_line(err) and "goes on past" in err
    assert not (tmp_path / "new.db").exists()


def test_a_refused_replica_leaves_nothing_behind_and_is_named_by_its_url(tmp_path):
    import signal

    from homekit.storage.replica import find_litestream

    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE notes (text)")
    conn.execute("INSERT INTO notes VALUES ('not homekit')")
    conn.commit()
    conn.close()
    url = (tmp_path / "replica").as_uri()
    proc = subprocess.Popen([find_litestream(), "replicate", "-log-level", "debug", str(foreign),
                             url], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert proc.stdout is not None
        for line in proc.stdout:  # until the first snapshot is in the replica
            if "ltx file uploaded" in line:
                break
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(BOUND)
    folder = tmp_path / "target"
    folder.mkdir()
    db = folder / "homekit.db"
    code, _, err = run(db, "restore", "--from-replica", url)
    assert code == 2 and one_line(err), err
    assert f"{url} is not a homekit data file; nothing was restored" in err
    assert list(folder.iterdir()) == []  # no data file, no backups folder, no temporary copy


def test_a_pipe_nobody_writes_to_is_refused_within_seconds_by_default(tmp_path):
    """The real wait, once, in a real process: the command ends on its own (the bound on
    the wait is the test's own limit, not a timing assertion)."""
    done = real(tmp_path / "new.db", "import", str(fifo(tmp_path)))
    assert done.returncode == 2
    assert f"nothing came from {tmp_path / 'pipe'} for 5 seconds".encode() in done.stderr
    assert inputs.STREAM_WAIT_SECONDS == 5.0


# -- the file layer itself ------------------------------------------------------------


def test_a_stream_copy_is_removed_afterwards_and_regular_files_are_not_copied(tmp_path):
    from homekit.files import regular_copy

    plain = tmp_path / "log.csv"
    plain.write_text("session_date\n")
    with regular_copy(plain, "import") as source:
        assert source.path == plain and not source.copied and source.folder == tmp_path
    pipe = fifo(tmp_path)
    feeder = Feeder(pipe, b"session_date\n")
    with regular_copy(pipe, "import") as source:
        copy = source.path
        assert source.copied and copy.read_bytes() == b"session_date\n"
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600 and source.name == str(pipe)
    feeder.join()
    assert not copy.exists()


def test_a_terminal_is_never_read_or_written(tmp_path):
    import pty

    from homekit.domain.errors import InvalidInput
    from homekit.files import read_bytes, write_output

    leader, follower = pty.openpty()
    try:
        tty = os.ttyname(follower)
        with pytest.raises(InvalidInput) as refused:
            read_bytes(tty, "import")
        assert refused.value.code == "input_terminal"
        with pytest.raises(InvalidInput) as refused:
            write_output(tty, b"x", replace=False)
        assert refused.value.code == "output_terminal"
    finally:
        os.close(leader)
        os.close(follower)
