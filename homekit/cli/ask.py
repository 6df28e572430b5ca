"""Questions the CLI asks on a terminal (never in scripts): the skin question, the checklist,
and "delete this?"."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

from homekit import words
from homekit.cli.output import say
from homekit.domain import checklist
from homekit.domain.errors import InvalidInput


def on_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def confirm_delete(question: str, yes: bool, command: str = "delete") -> bool:
    """Go ahead with a delete: `--yes` given, or y typed at the terminal. Anything else,
    end of input included, deletes nothing (and says so); without a terminal it is a refusal,
    since a script cannot answer."""
    if yes:
        return True
    if not sys.stdin.isatty():
        raise InvalidInput(words.delete_needs_yes(command))
    try:
        # input() prints its prompt as it is: a note written by raw SQL may hold terminal
        # control characters.
        answer = input(words.control_free(question))
    except EOFError:
        answer = ""
    if answer.strip().lower() in ("y", "yes"):
        return True
    say(words.NOTHING_DELETED)
    return False


Found = TypeVar("Found")
Done = TypeVar("Done")


def delete_asked(item_id: int, yes: bool, find: Callable[[int], Found],
                 delete: Callable[[int], Done], question: Callable[[Found], str],
                 deleted: Callable[[Done], str]) -> int:
    """A `delete ID` command: find the record (a refusal if there is none), ask about it
    (`--yes` answers), delete it, and say what went and the way back (`deleted` gets what
    `delete` returned). 0 when deleted; 1 when the answer was no."""
    if not confirm_delete(question(find(item_id)), yes):
        return 1
    say(deleted(delete(item_id)))
    return 0


def yes_no(question: str) -> bool | None:
    """y/n on the terminal; None when the answer is neither (or input ends)."""
    try:
        answer = input(words.control_free(f"{question} [y/n] ")).strip().lower()
    except EOFError:
        return None
    if answer in ("y", "yes"):
        return True
    if answer in ("n", "no"):
        return False
    return None


def condition() -> tuple[bool, bool] | None:
    """(has the condition, acknowledged), or None when not answered."""
    has = yes_no(words.CONDITION_QUESTION)
    if has is None:
        return None
    if not has:
        return False, False
    print(words.CONDITION_WARNING, file=sys.stderr)
    ack = yes_no(words.CONDITION_ACK_QUESTION)
    return True, bool(ack)


def checklist_answers() -> tuple[str, ...]:
    """Ask each checklist item; the ids answered yes (a no stops asking)."""
    print(words.CHECKLIST_START, file=sys.stderr)
    confirmed: list[str] = []
    for item in checklist.CHECKLIST:
        if not yes_no(words.checklist_question(item)):
            break
        confirmed.append(item.id)
    return tuple(confirmed)
