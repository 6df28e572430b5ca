"""Forms that ask before their changes are dropped: Escape (and quitting) on a form whose
fields differ from what was last saved asks first; an untouched form just closes."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Checkbox, Input, RadioSet, Select, SelectionList

from homekit import words


def form_state(root: Widget, skip: tuple[str, ...] = ()) -> tuple[Hashable, ...]:
    """What the fields under `root` hold: text, ticks, choices (not the focus or the cursor)."""
    state: list[Hashable] = []
    for w in root.query("Input, Checkbox, RadioSet, Select, SelectionList"):
        if w.id in skip or isinstance(w.parent, RadioSet):
            continue
        if isinstance(w, Input):
            state.append((w.id, w.value))
        elif isinstance(w, Checkbox):
            state.append((w.id, w.value))
        elif isinstance(w, RadioSet):
            state.append((w.id, w.pressed_index))
        elif isinstance(w, Select):
            state.append((w.id, repr(w.value)))
        elif isinstance(w, SelectionList):
            state.append((w.id, tuple(sorted(map(str, w.selected)))))
    return tuple(state)


class GuardsChanges(Screen):
    """A screen with a form: `remember_state()` once it shows what is saved, and again after
    each save (of the part saved: the id of its container); `leave(go)` runs `go` at once when
    nothing changed, else after a yes."""

    #: Fields that are not part of what the form saves (e.g. a chooser that acts at once).
    NOT_SAVED: tuple[str, ...] = ()

    def _part(self, part: str) -> Widget:
        return self.query_one(f"#{part}") if part else self

    def _saved(self) -> dict[str, tuple[Hashable, ...]]:
        """Per part (a container's id; '' the whole screen), its fields as last saved."""
        if not hasattr(self, "_saved_states"):
            self._saved_states: dict[str, tuple[Hashable, ...]] = {}
        return self._saved_states

    def remember_state(self, *parts: str) -> None:
        for part in parts or ("",):
            self._saved()[part] = form_state(self._part(part), self.NOT_SAVED)

    def forget_state(self) -> None:
        self._saved().clear()

    def unsaved_changes(self) -> bool:
        """The fields differ from what was last saved (what quitting and Escape ask about)."""
        saved = self._saved()
        if not saved or not self.is_mounted:
            return False
        return any(form_state(self._part(part), self.NOT_SAVED) != state
                   for part, state in saved.items())

    def leave(self, go: Callable[[], object]) -> None:
        if not self.unsaved_changes():
            go()
            return
        from homekit.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                go()

        self.app.push_screen(ConfirmScreen(words.UNSAVED_TITLE, words.LEAVE_UNSAVED, yes="Leave"),
                             answered)
