"""A second connection for worker threads: a sqlite3 connection stays on its own thread."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from homekit.services import Homekit


def twin_args(hk: Homekit) -> tuple[object, str, object]:
    """What a worker needs to open its own services; call on the UI thread."""
    return hk.store.path, hk.profile_name(), hk.now


@contextmanager
def twin_services(args: tuple[object, str, object]) -> Iterator[Homekit]:
    """Services on the same file, profile and clock, for use inside one worker thread."""
    from homekit.storage import open_store

    path, profile, now = args
    store = open_store(path)  # type: ignore[arg-type]
    try:
        yield Homekit(store, profile, now=now)  # type: ignore[arg-type]
    finally:
        store.close()
