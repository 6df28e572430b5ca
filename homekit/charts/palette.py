"""The charts' colours (Okabe-Ito, safe for colour-blind readers), for both renderers.

Plain data, no matplotlib: the figure and the app's text chart take their colours from here,
so the two always agree.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Palette:
    background: str
    text: str
    grid: str
    done: str  # blue
    plan: str  # orange
    target: str  # bluish green
    lasting: str  # orange / yellow
    severe: str  # vermillion
    fade: str  # sky blue / blue

    def roles(self) -> dict[str, str]:
        """Colours by text-chart role (`title` is a style, not a colour)."""
        return {"done": self.done, "session": self.done, "plan": self.plan,
                "target": self.target, "lasting": self.lasting, "severe": self.severe,
                "fade": self.fade, "title": "bold"}


LIGHT = Palette("#ffffff", "#1a1a1a", "#d9d9d9", "#0072B2", "#E69F00", "#009E73",
                "#E69F00", "#D55E00", "#56B4E9")
DARK = Palette("#1e1e1e", "#e6e6e6", "#444444", "#56B4E9", "#E69F00", "#009E73",
               "#F0E442", "#FF7F50", "#0072B2")
