"""A DataTable that says when the user scrolls or moves near the end of the loaded rows."""

from __future__ import annotations

from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable

#: Rows from the end at which the next page is wanted.
MARGIN = 20


class HistoryTable(DataTable):
    class NearEnd(Message):
        """The view or the cursor is close to the last loaded row."""

    def near_end(self) -> bool:
        if not self.row_count or not self.size.height:
            return False  # empty, or not laid out yet
        last_visible = self.scroll_y + self.size.height
        return max(last_visible, self.cursor_row) >= self.row_count - MARGIN

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if new_value > old_value and self.near_end():
            self.post_message(self.NearEnd())

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        if new.row > old.row and self.near_end():
            self.post_message(self.NearEnd())
