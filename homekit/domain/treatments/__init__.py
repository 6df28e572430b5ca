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
from homekit.domain.treatments.standing import *  # noqa: F403
