"""An active product's use, and the hold of a retinoid or acid on a resurfacing session
(`homekit.domain.treatments` hands them out by name); apart, so that a read such as `status`
builds their classes only when a file holds a product."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from homekit.domain.records import Record
from homekit.domain.treatments.products import clears_on


@dataclass(frozen=True, eq=False, repr=False)
class ProductUse(Record):
    """One use of an active product."""

    id: int | None
    used_on: dt.date
    kind: str
    notes: str = ""


@dataclass(frozen=True, eq=False, repr=False)
class ProductHold(Record):
    """A retinoid or acid used too shortly before a resurfacing session."""

    product: ProductUse
    session_date: dt.date

    @property
    def clears_on(self) -> dt.date:
        return clears_on(self.product.used_on)
