"""Fixtures for the app's tests: real temporary files, the clock fixed at 2026-11-25 09:30."""

from __future__ import annotations

import pytest

from homekit.services import Homekit
from tests.conftest import NOW


@pytest.fixture
def hk(store) -> Homekit:
    """Services on a truly fresh file (no profile): the app's first run asks everything.
    (The root `hk` fixture answers the skin question; the app's tests do it through `ready`.)"""
    return Homekit(store, now=lambda: NOW)


@pytest.fixture
def ready(hk: Homekit) -> Homekit:
    """A profile 'me' that has answered the skin question (no), so logging is allowed."""
    hk.profiles.create_profile("me", make_default=True)
    hk.profiles.record_skin_condition(False, False)
    return hk
