"""Placeholder chart screen until the charts issue lands (its owner replaces this file)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class ChartScreen(Screen):
    """Progress and redness charts: not written yet."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, hk: Any) -> None:
        super().__init__()
        self.hk = hk

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Charts are coming in a later version.", id="chart-placeholder")
        yield Footer()
