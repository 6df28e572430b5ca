"""History's filter: text in notes or areas, and a date range, typed above the table."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual import on
from textual.screen import Screen
from textual.widgets import Input

from homekit import words
from homekit.domain import validate
from homekit.domain.errors import InvalidInput
from homekit.tui.widgets.history_table import HistoryTable
from homekit.tui.widgets.plain import Static


class HistoryFilter(Screen):
    """The filter's inputs (#search, #since, #until) drive `load()` of the history screen."""

    search: str | None
    since: dt.date | None
    until: dt.date | None

    def load(self) -> None:
        raise NotImplementedError

    def _filter_value(self, input_id: str) -> Any:
        box = self.query_one(f"#{input_id}", Input)
        if input_id == "search":
            return box.value.strip() or None
        try:
            value = validate.parse_date(box.value) if box.value.strip() else None
        except InvalidInput:
            box.set_class(True, "-invalid")
            raise
        box.set_class(False, "-invalid")
        return value

    @on(Input.Changed, "#history-filter Input")
    def _filter_changed(self) -> None:
        try:
            self.search, self.since, self.until = (
                self._filter_value(i) for i in ("search", "since", "until"))
        except InvalidInput:
            self.query_one("#history-summary", Static).update(words.DATE_FORMAT_HINT)
            return
        self.load()

    @on(Input.Submitted, "#history-filter Input")
    def _filter_done(self) -> None:
        self.query_one(HistoryTable).focus()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()
