"""The shape of a full screen around one table of rows (the adverse events, the photos): a
header, what the screen shows above and below the table, the footer; the columns are set and
the rows read once mounted, and the highlighted row is found by its key."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.coordinate import Coordinate
from textual.widgets import DataTable, Header

from homekit.tui.screens.base import HomekitScreen
from homekit.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from textual.app import ComposeResult

T = TypeVar("T")


class TableScreen(HomekitScreen[T]):
    """Subclasses give the table's id and columns, what stands above and below it, and
    `refresh_rows` (read the rows and fill the table)."""

    TABLE_ID = "table"
    COLUMNS: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield Header()
        yield from self.compose_above()
        yield DataTable(id=self.TABLE_ID, cursor_type="row", zebra_stripes=True)
        yield from self.compose_below()
        yield Footer()

    def compose_above(self) -> ComposeResult:
        return iter(())

    def compose_below(self) -> ComposeResult:
        return iter(())

    def on_mount(self) -> None:
        self.table.add_columns(*self.COLUMNS)
        self.refresh_rows()

    def refresh_rows(self) -> None:
        raise NotImplementedError

    @property
    def table(self) -> DataTable:
        return self.query_one(f"#{self.TABLE_ID}", DataTable)

    def selected_key(self) -> str | None:
        """The key of the highlighted row; None when the table is empty."""
        table = self.table
        if table.row_count == 0 or table.cursor_row < 0:
            return None
        return table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
