"""The scales a user rates on, named and described once: the app, the CLI (help and output),
the charts and the report all take their words from here (a test checks that they agree).

The redness scale is a five-point erythema scale in the style clinicians use (0 none to 4
severe, after the visual erythema grades of dermatology trials); the level words are the
domain's (`REDNESS_LEVELS`, which the validator accepts), the descriptions are here.
"""

from __future__ import annotations

from homekit.domain.vocabulary import REDNESS_LEVELS, STINGING_LEVELS

#: The redness scale's name, wherever the scale is shown.
REDNESS_SCALE_NAME = "Redness (erythema) scale 0-4, clinician-style"
#: The redness chart's axis: the scale's short name.
REDNESS_AXIS = "Worst redness (erythema 0-4)"
#: What each redness level looks like (index = level), so the choice is the same each day.
REDNESS_DESCRIPTIONS: tuple[str, ...] = (
    "no redness",
    "barely visible pink",
    "clearly pink, no discomfort",
    "red, warm or tight",
    "deep red, swollen, or painful",
)
#: The stinging scale's name.
STINGING_SCALE_NAME = "Stinging scale 0-3"


def redness_label(level: int) -> str:
    """`2 mild`: a level as every table, cell and chart shows it."""
    return f"{level} {REDNESS_LEVELS[level]}"


def redness_level_text(level: int) -> str:
    """`2 mild: clearly pink, no discomfort`: a level with its description."""
    return f"{redness_label(level)}: {REDNESS_DESCRIPTIONS[level]}"


#: `0 none, 1 faint, 2 mild, 3 marked, 4 severe`: the scale in one line (CLI help).
REDNESS_SCALE_SHORT = ", ".join(redness_label(i) for i in range(len(REDNESS_LEVELS)))
#: The scale with every description, in one line (the report's legend, the chart's text).
REDNESS_SCALE_TEXT = (f"{REDNESS_SCALE_NAME}: "
                      + "; ".join(redness_level_text(i) for i in range(len(REDNESS_LEVELS))))
#: The help of a `--severity` option: the scale's name and every level with its words.
REDNESS_HELP = (f"{REDNESS_SCALE_NAME}: "
                + ", ".join(f"{redness_label(i)} ({REDNESS_DESCRIPTIONS[i]})"
                            for i in range(len(REDNESS_LEVELS))))
#: `0 none, 1 slight, 2 moderate, 3 strong`.
STINGING_SCALE_SHORT = ", ".join(f"{i} {w}" for i, w in enumerate(STINGING_LEVELS))
