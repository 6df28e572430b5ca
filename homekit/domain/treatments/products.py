"""Active products: the kinds, and the hold of a retinoid or acid on a resurfacing session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from homekit.domain.errors import InvalidInput
from homekit.domain.treatments.floors import is_resurfacing
from homekit.domain.vocabulary import PRODUCT_HOLD_DAYS

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from homekit.domain.treatments.marks import Mark
    from homekit.domain.treatments.uses import ProductHold, ProductUse

#: Product kinds a user logs; the first two hold back a resurfacing session.
PRODUCT_KINDS: tuple[str, ...] = ("retinoid", "acid", "other")
HOLDING_KINDS: tuple[str, ...] = ("retinoid", "acid")
#: (PRODUCT_HOLD_DAYS, how long a holding product holds: in the vocabulary, for log --help.)


def clears_on(used_on: dt.date) -> dt.date:
    """The first day a product used on `used_on` no longer holds a resurfacing session."""
    return used_on + dt.timedelta(days=PRODUCT_HOLD_DAYS + 1)


def product_holds(candidate: Mark, products: Iterable[ProductUse],
                  despite: Iterable[str] = ()) -> list[ProductHold]:
    """Retinoids and acids used on the session's day or in the PRODUCT_HOLD_DAYS before it,
    for a resurfacing session; kinds in `despite` are let through. Latest first."""
    if not is_resurfacing(candidate.treatment, candidate.depth_mm):
        return []
    passed = set(despite)
    holding = [p for p in products if p.kind in HOLDING_KINDS and p.kind not in passed
               and 0 <= (candidate.date - p.used_on).days <= PRODUCT_HOLD_DAYS]
    if not holding:
        return []
    from homekit.domain.treatments.uses import ProductHold  # (built only when one holds)

    held = [ProductHold(p, candidate.date) for p in holding]
    return sorted(held, key=lambda h: (h.product.used_on, h.product.id or 0), reverse=True)


def product_kind(text: str) -> str:
    kind = text.strip().lower()
    if kind not in PRODUCT_KINDS:
        raise InvalidInput(f"unknown product kind {text!r}", field="kind",
                           code="unknown_product_kind", kind=text, known=PRODUCT_KINDS)
    return kind


def despite_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
    """The product kinds a session is logged despite, checked, once each, in HOLDING_KINDS
    order (`other` holds nothing back, so nothing is logged despite it)."""
    given = {product_kind(k) for k in kinds}
    if given - set(HOLDING_KINDS):
        raise InvalidInput("only a retinoid or an acid holds a session back", field="despite",
                           code="despite_not_holding", kinds=HOLDING_KINDS)
    return tuple(k for k in HOLDING_KINDS if k in given)
