"""Several home treatments on one skin: their floors, the windows between them, and the
products that hold a session back. Pure rules: pass dates in; refusals are facts.

- Each treatment has a floor: the fewest days between two of its sessions for one person. A
  profile may lengthen a treatment's interval, never shorten it below the floor.
  Microneedling's floor depends on the needle depth: the larger of the two sessions' floors
  holds between them (a 1.0 mm session needs 28 days before the next, whatever its depth).
- Resurfacing treatments (microdermabrasion, microneedling from 0.5 mm, peel, dermaplaning)
  hold each other back for CONFLICT_WINDOW_DAYS on overlapping areas, in both directions. No
  area given means every area. LED and custom treatments conflict with nothing.
- A retinoid or an acid used in the PRODUCT_HOLD_DAYS before a resurfacing session (or on its
  day) holds it back; the session may be logged despite it, and that choice is recorded.
  `other` products are recorded and reported, and hold nothing back.
"""

from homekit.domain.treatments.floors import *  # noqa: F403
from homekit.domain.treatments.products import *  # noqa: F403

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from homekit.domain.treatments.clashes import IntervalClash as IntervalClash
    from homekit.domain.treatments.clashes import WindowClash as WindowClash
    from homekit.domain.treatments.marks import Mark as Mark
    from homekit.domain.treatments.marks import Treatment as Treatment
    from homekit.domain.treatments.standing_of import Standing as Standing
    from homekit.domain.treatments.standing_of import of_profile as of_profile
    from homekit.domain.treatments.standing_of import standing as standing
    from homekit.domain.treatments.standing_of import standings as standings
    from homekit.domain.treatments.uses import ProductHold as ProductHold
    from homekit.domain.treatments.uses import ProductUse as ProductUse

#: The classes (and the standings that make theirs), defined only when one is used: a
#: command's parser takes the floors' constants and validators and defines none; a status on a
#: file with no product and no clash never defines those.
_APART = {"IntervalClash": "clashes", "WindowClash": "clashes", "Mark": "marks",
          "Treatment": "marks", "Standing": "standing_of", "of_profile": "standing_of",
          "standing": "standing_of", "standings": "standing_of", "ProductHold": "uses",
          "ProductUse": "uses"}


def __getattr__(name: str) -> object:
    if name in _APART:
        from importlib import import_module

        module = import_module(f"{__name__}.{_APART[name]}")
        # All of its names at once. (No module here is named as one of the package's names:
        # importing it would make that name the module, where callers mean the function.)
        globals().update({n: getattr(module, n) for n, m in _APART.items() if m == _APART[name]})
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
