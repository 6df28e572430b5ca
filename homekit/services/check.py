"""Is the data file healthy? `homekit check`, and what opening the file changed."""

from __future__ import annotations

from dataclasses import dataclass, field

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

    from homekit.services.context import Context
    from homekit.storage.health import FileHealth


@dataclass(frozen=True)
class OpenNotices:
    """What opening the file put right: rule triggers put back, files made owner-only (or
    that could not be; `ModeChange.new` is None)."""

    repaired: list[str] = field(default_factory=list)
    mode_changes: list[Any] = field(default_factory=list)


class Check:
    """The health of the open file, and what opening it put right."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def open_notices(self) -> OpenNotices:
        """Facts of the open, to tell the user once (the CLI prints them on stderr)."""
        return OpenNotices(list(self.ctx.store.repaired), list(self.ctx.store.mode_changes))

    def check_file(self) -> FileHealth:
        """Integrity, schema, migration record, every row and the modes of the data file."""
        from homekit.storage.health import health

        return health(self.ctx.store)
