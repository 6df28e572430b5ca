"""Live replication of the data file with Litestream (the optional extra `replica`).

Litestream is the engine; this module only finds its binary, writes its configuration,
runs it in the foreground and reads its log. Litestream needs (see litestream.io/tips):
- WAL mode: the file is always opened in WAL mode (db.py);
- a busy timeout of at least 5 s, as it takes short write locks when it checkpoints:
  homekit waits 10 s by default (HOMEKIT_BUSY_TIMEOUT; keep it >= 5 while replicating);
- no competing checkpoints: homekit never runs `wal_checkpoint(RESTART|TRUNCATE)` (a test
  keeps it so) and leaves SQLite's automatic checkpoint at its default, which is PASSIVE and
  never waits or restarts the WAL under Litestream (whose own read lock holds it back). A
  homekit log writes a few pages a week, far from the write load at which the tips advise
  turning automatic checkpoints off;
- the file is never deleted and recreated: a restore copies into the live file (backup.py).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from homekit.domain.errors import InvalidInput, StorageError
from homekit.storage.replica_log import LogLine as LogLine
from homekit.storage.replica_log import Progress as Progress

#: Replica types Litestream 0.5 knows (its `replica.url` schemes).
SCHEMES = ("file", "s3", "gs", "abs", "sftp", "webdav", "webdavs", "nats", "oss")
#: Where to look for the binary before PATH (tests, unusual installs).
BINARY_ENV = "HOMEKIT_LITESTREAM"
DEFAULT_SYNC_INTERVAL = "1s"
#: Seconds a restore may take before homekit gives up (a stalled network destination).
RESTORE_TIMEOUT = 600
_DURATION = re.compile(r"(\d+(\.\d+)?(ms|s|m|h))+")


def find_litestream() -> str:
    """The path of the `litestream` binary, or a StorageError naming the extra to install."""
    named = os.environ.get(BINARY_ENV)
    if named:  # exactly this one
        candidates = [named]
    else:
        # Installed by pip into the same scripts folder as homekit, which may not be on PATH.
        candidates = [str(Path(sysconfig.get_path("scripts")) / "litestream"),
                      str(Path(sys.executable).with_name("litestream")),
                      shutil.which("litestream") or ""]
    for path in candidates:
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    raise StorageError(code="replica_missing")


def check_url(url: str) -> str:
    """A Litestream replica URL, or InvalidInput saying what is wrong with it."""
    url = url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise InvalidInput(field="url", code="replica_bad_url",
                           url=url, schemes=SCHEMES)
    if scheme == "file":
        if parts.netloc not in ("", "localhost") or not parts.path.startswith("/"):
            raise InvalidInput(field="url",
                               code="replica_bad_url", url=url, schemes=SCHEMES)
    elif not parts.netloc:
        raise InvalidInput(field="url", code="replica_bad_url",
                           url=url, schemes=SCHEMES)
    if any(ord(c) < 32 for c in url):
        raise InvalidInput(field="url", code="replica_bad_url",
                           url=url, schemes=SCHEMES)
    return url


def check_interval(text: str) -> str:
    """A Go duration such as 1s, 500ms or 1m (Litestream's syntax)."""
    if not _DURATION.fullmatch(text):
        raise InvalidInput(field="interval",
                           code="replica_bad_interval", text=text)
    return text


def config_yaml(db_path: Path, url: str, sync_interval: str = DEFAULT_SYNC_INTERVAL) -> str:
    """A litestream.yml that replicates `db_path` to `url` (strings quoted as JSON, valid YAML)."""
    q = json.dumps
    return (
        "# litestream.yml for homekit: run it with\n"
        "#   litestream replicate -config litestream.yml\n"
        "# Credentials for s3:// and others come from the environment (e.g. AWS_ACCESS_KEY_ID).\n"
        "# Litestream expands $VARIABLES in this file: with a $ in a path, add -no-expand-env.\n"
        "dbs:\n"
        f"  - path: {q(str(Path(db_path).resolve()))}\n"
        f"    monitor-interval: {q(sync_interval)}\n"
        "    replica:\n"
        f"      url: {q(url)}\n"
        f"      sync-interval: {q(sync_interval)}\n"
    )


def lock_path(db_path: Path) -> Path:
    """The lock file of `homekit replicate` on `db_path`: beside it, named after it."""
    return Path(f"{db_path}-replicate.lock")


@contextmanager
def replication_lock(db_path: Path) -> Iterator[None]:
    """Hold the lock that lets one `homekit replicate` run on a data file at a time.

    Two Litestream processes on one file would both checkpoint and both write the replica.
    The lock is an flock on `<data file>-replicate.lock` (mode 600, never followed through a
    symlink), which the kernel releases when the process ends, however it ends; the file
    stays, holding the last holder's process id. A second one is refused at once.
    """
    import fcntl

    path = lock_path(db_path)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        raise StorageError(code="replica_lock",
                           path=path, problem=exc.strerror or str(exc)) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip()
            raise StorageError(code="replica_running",
                               path=db_path, pid=holder if holder.isdigit() else "") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        yield
    finally:
        os.close(fd)


def run(
    config: str,
    on_progress: Callable[[Progress], None],
    *,
    binary: str | None = None,
) -> int:
    """Run `litestream replicate` on `config` in the foreground until it stops.

    Returns 0 after a clean stop (SIGINT or SIGTERM to this process is forwarded once; a
    second one kills it, 130). Raises StorageError when Litestream cannot start, or fails
    before anything reached the destination (a bad or unreachable destination).
    """
    binary = binary or find_litestream()
    with _config_file(config) as path:
        proc = subprocess.Popen(
            [binary, "replicate", "-config", str(path), "-no-expand-env", "-log-level", "debug"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, errors="replace", umask=0o077, start_new_session=True,
        )
        stopping: list[int] = []

        def forward(signum: int, _frame: object) -> None:
            if stopping:
                proc.kill()
            else:
                proc.send_signal(signal.SIGINT)
            stopping.append(signum)

        main = threading.current_thread() is threading.main_thread()
        old = {s: signal.signal(s, forward) for s in (signal.SIGINT, signal.SIGTERM)} if main else {}
        try:
            failure = _follow(proc, on_progress, stopping)
            code = proc.wait()
        finally:
            for s, handler in old.items():
                signal.signal(s, handler)
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    if failure:
        raise StorageError(failure, code="replica_failed", problem=failure)
    if len(stopping) > 1:
        return 130
    if code != 0 and not stopping:
        raise StorageError(code="replica_failed",
                           problem=f"litestream stopped (exit {code})")
    return 0


def _follow(proc: subprocess.Popen[str], on_progress: Callable[[Progress], None],
            stopping: list[int]) -> str:
    """Read the log until Litestream exits; the problem that made it fail, or ''."""
    assert proc.stdout is not None
    progress = Progress()
    last_error = ""
    for raw in proc.stdout:
        line = LogLine.parse(raw)
        if line.msg == "ltx file uploaded":
            txid = int(line.fields.get("maxTXID", "0") or "0", 16)
            progress = Progress(progress.uploads + 1, max(txid, progress.txid),
                                line.fields.get("time", ""), "")
            on_progress(progress)
        elif line.level == "ERROR":
            last_error = line.error
            if progress.uploads == 0 and not stopping:
                # Nothing has ever reached the destination: it is wrong or out of reach.
                proc.send_signal(signal.SIGINT)
                stopping.append(signal.SIGINT)
                proc.wait()
                return last_error
            progress = Progress(progress.uploads, progress.txid, progress.at, line.error)
            on_progress(progress)
    proc.wait()
    if proc.returncode not in (0, None) and not stopping:
        return last_error or f"litestream stopped (exit {proc.returncode})"
    return ""


@contextmanager
def _config_file(config: str) -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="homekit-litestream-"))  # mode 700
    path = folder / "litestream.yml"
    try:
        path.write_text(config, encoding="utf-8")
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def restored_copy(url: str, near: Path | None, timestamp: str | None = None,
                  *, binary: str | None = None) -> Iterator[Path]:
    """Restore the replica at `url` into a private temporary file beside `near` (in the
    temporary folder when there is no such folder yet); yields it.

    The folder (mode 700) and everything in it are removed afterwards.
    """
    binary = binary or find_litestream()
    beside = Path(near).parent if near is not None else None
    folder = Path(tempfile.mkdtemp(prefix=".homekit-replica-",
                                   dir=beside if beside is not None and beside.is_dir() else None))
    out = folder / "restored.db"
    cmd = [binary, "restore", "-o", str(out)]
    if timestamp:
        cmd += ["-timestamp", timestamp]
    try:
        try:
            done = subprocess.run(cmd + [url], stdin=subprocess.DEVNULL, capture_output=True,
                                  text=True, errors="replace", umask=0o077, timeout=RESTORE_TIMEOUT)
        except subprocess.TimeoutExpired:
            problem = f"no answer from the replica within {RESTORE_TIMEOUT} s"
            raise StorageError(problem, code="replica_failed", problem=problem) from None
        if done.returncode != 0 or not out.exists():
            lines = [LogLine.parse(x) for x in (done.stderr + done.stdout).splitlines() if x]
            errors = [x.error for x in lines if x.level == "ERROR"] or [x.msg for x in lines]
            problem = errors[-1] if errors else f"litestream restore failed (exit {done.returncode})"
            code = "replica_empty" if "no matching backup" in problem else "replica_failed"
            raise StorageError(problem, code=code, problem=problem, url=url)
        yield out
    finally:
        shutil.rmtree(folder, ignore_errors=True)
