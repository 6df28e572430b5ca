"""The pre-session checklist: the same items in the app and the CLI, stored with each session.

A session's checklist is None when it was not asked (scripts that give no `--checked`,
imports, sessions logged before the checklist existed), else the ids of the items confirmed.
A "no" to a blocking item refuses the session with that item's reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from homekit.domain.errors import InvalidInput
from homekit.domain.vocabulary import CHECKLIST_IDS


@dataclass(frozen=True)
class ChecklistItem:
    """One question of the before-session checklist; a "no" to a blocking one refuses it."""

    id: str
    question: str  # asked as "yes/no"; "yes" is the safe answer
    reason: str  # why a "no" refuses the session
    blocking: bool = True


CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem("glasses", "Protective glasses are on and cover my eyes",
                  "protective glasses must cover your eyes during every session"),
    ChecklistItem("clean", "My skin is clean and dry",
                  "treat only clean, dry skin: wash and dry it first"),
    ChecklistItem("intact", "No active breakout, cold sore, open wound or sunburn on the areas",
                  "never treat skin with an active breakout, cold sore, open wound or sunburn: "
                  "wait until it has healed"),
    ChecklistItem("no-exfoliant", "No retinoid or acid exfoliant on the areas in the last 3 days",
                  "stop retinoids and acid exfoliants 3 days before a session"),
)

# Their ids, CHECKLIST_IDS, are in the vocabulary, for `log --help` (a test keeps the two in
# step).
_BY_ID = {i.id: i for i in CHECKLIST}


def item(item_id: str) -> ChecklistItem:
    return _BY_ID[item_id]


def parse_checked(text: str) -> tuple[str, ...]:
    """`glasses,clean` -> the ids, in checklist order; unknown ids are refused."""
    given = [p.strip().lower() for p in text.split(",") if p.strip()]
    unknown = [p for p in given if p not in _BY_ID]
    if unknown:
        raise InvalidInput(f"unknown checklist item {unknown[0]!r}; choose from: "
                           + ", ".join(CHECKLIST_IDS), field="checked", code="unknown_check",
                           item=unknown[0])
    return tuple(i for i in CHECKLIST_IDS if i in given)


def refused(confirmed: Iterable[str]) -> list[ChecklistItem]:
    """The blocking items not confirmed, in checklist order."""
    done = set(confirmed)
    return [i for i in CHECKLIST if i.blocking and i.id not in done]


def to_text(confirmed: tuple[str, ...] | None) -> str | None:
    return None if confirmed is None else ",".join(confirmed)


def from_text(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    return tuple(i for i in text.split(",") if i)
