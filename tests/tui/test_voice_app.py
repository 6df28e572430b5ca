"""The app at 80x24: every screen and dialog shows how to get help and how to quit, whole;
less frequent keys are in help and the palette (homekit's commands only); a key means one
thing; forms ask before their changes are dropped; nothing is cut at the right edge."""

from __future__ import annotations

from textual.widgets import Button, Checkbox, Input, RadioSet
from textual.widgets._footer import FooterKey
from tui_helpers import app_for, async_test, log, press, settle

from homekit.services import Homekit
from homekit.tui.screens.chart import ChartScreen
from homekit.tui.screens.confirm import ConfirmScreen
from homekit.tui.screens.dashboard import DashboardScreen
from homekit.tui.screens.edit_session import EditSessionScreen
from homekit.tui.screens.first_run import FirstRunScreen
from homekit.tui.screens.help import HelpScreen
from homekit.tui.screens.history import HistoryScreen
from homekit.tui.screens.log_session import SAFETY_CHECKS, LogSessionScreen
from homekit.tui.screens.observations import ObservationsScreen
from homekit.tui.screens.photos import PhotosScreen
from homekit.tui.screens.profile import ProfileScreen
from homekit.tui.screens.redness import RednessScreen
from homekit.tui.screens.session_detail import SessionDetailScreen
from homekit.tui.widgets.footer import Footer
from homekit.tui.widgets.marks import LongTick
from tests.images import png_bytes

SMALL = (80, 24)


def footer(app) -> list[str]:  # noqa: ANN001
    """The footer's keys as `key description`, after checking each is drawn whole."""
    keys = list(app.screen.query_one(Footer).query(FooterKey))
    for k in keys:
        assert 0 <= k.region.x and k.region.right <= SMALL[0], (k.key_display, k.region)
        assert k.region.width >= len(k.key_display) + len(k.description) + 1
    return [f"{k.key_display} {k.description}" for k in keys]


def assert_way_out(app, *, typing: bool = False) -> list[str]:  # noqa: ANN001
    shown = footer(app)
    help_key, quit_key = ("f1 Help", "^q Quit") if typing else ("? Help", "q Quit")
    if isinstance(app.screen, HelpScreen):
        assert "esc Close" in shown and quit_key in shown, shown
    else:
        assert help_key in shown and quit_key in shown, (type(app.screen).__name__, shown)
    return shown


def filled(hk: Homekit) -> tuple[int, int]:
    hk.profiles.create_profile("me", make_default=True)
    hk.profiles.record_skin_condition(False, False)
    first = log(hk, "2026-11-01", duration_min=40, redness=2, faded=10)
    hk.redness.add_redness(first, 1, 5)
    second = log(hk, "2026-11-15", duration_min=35)
    hk.photos.add_photo(png_bytes(seed=1), session_id=first, area="cheeks")
    hk.photos.add_photo(png_bytes(seed=2), session_id=second, area="cheeks")
    return first, second


async def visit(pilot, key: str, screen_type: type) -> None:  # noqa: ANN001
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(pilot.app.screen, screen_type), (key, pilot.app.screen)


@async_test
async def test_the_welcome_screen_shows_the_way_out(hk):
    async with app_for(hk).run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, FirstRunScreen)
        # the name field has the focus: q and ? would be typed, so the keys that work there
        assert assert_way_out(pilot.app, typing=True)[:2] == ["f1 Help", "^q Quit"]
        await visit(pilot, "f1", HelpScreen)
        assert_way_out(pilot.app)
        await visit(pilot, "escape", FirstRunScreen)
        pilot.app.set_focus(pilot.app.screen.query_one("#start", Button))
        await settle(pilot)
        assert assert_way_out(pilot.app)[:2] == ["? Help", "q Quit"]
        await pilot.press("q")
        await settle(pilot)
    assert pilot.app.return_code in (None, 0) and not pilot.app.is_running


@async_test
async def test_every_screen_and_dialog_shows_help_and_quit_whole_at_80x24(hk):
    filled(hk)
    async with app_for(hk).run_test(size=SMALL) as pilot:
        app = pilot.app
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        dashboard = assert_way_out(app)
        assert dashboard[:6] == ["l Log", "r Redness", "h History", "g Chart", "o Photos",
                                 "p Profile"]
        for key, screen_type in (("h", HistoryScreen), ("enter", SessionDetailScreen),
                                 ("e", EditSessionScreen), ("escape", SessionDetailScreen),
                                 ("r", RednessScreen), ("escape", SessionDetailScreen),
                                 ("d", ConfirmScreen), ("n", SessionDetailScreen),
                                 ("escape", HistoryScreen), ("down", HistoryScreen),
                                 ("f", ObservationsScreen),
                                 ("escape", HistoryScreen), ("question_mark", HelpScreen),
                                 ("escape", HistoryScreen), ("escape", DashboardScreen),
                                 ("g", ChartScreen), ("escape", DashboardScreen),
                                 ("o", PhotosScreen), ("escape", DashboardScreen),
                                 ("p", ProfileScreen), ("escape", DashboardScreen),
                                 ("l", LogSessionScreen)):
            await visit(pilot, key, screen_type)
            typing = isinstance(app.screen.focused, Input)
            assert_way_out(app, typing=typing)
        # the log dialog's steps: the safety check, then the form (typing in the date)
        screen = app.screen
        assert isinstance(screen, LogSessionScreen) and screen.step == "safety"
        for check_id, _ in SAFETY_CHECKS:
            screen.query_one(f"#check-{check_id}", Checkbox).value = True
        await press(pilot, "#safety-continue")
        await settle(pilot)
        assert screen.step == "form"
        assert assert_way_out(app, typing=True)[:2] == ["esc Back", "^s Save"]
        await visit(pilot, "f1", HelpScreen)  # help from inside a dialog, while typing
        await visit(pilot, "escape", LogSessionScreen)


@async_test
async def test_help_and_the_palette_hold_every_key_of_the_screen_and_only_homekits(ready):
    for day in ("2026-11-01", "2026-11-15"):
        log(ready, day)
    async with app_for(ready).run_test(size=SMALL) as pilot:
        app = pilot.app
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Write calendar reminders", "Write the PDF report", "Undo", "Help",
                "Quit"} <= set(titles)
        assert not {"Keys", "Screenshot", "Theme", "Maximize", "Minimize", "Focus Next",
                    "Copy selected text"} & set(titles)
        await visit(pilot, "h", HistoryScreen)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Correct or delete a redness observation", "Sort by the next column",
                "Reverse the order", "Open the session"} <= set(titles)
        await visit(pilot, "question_mark", HelpScreen)
        keys = str(app.screen.query_one("#help-keys").render())
        assert "Keys on this screen (history)" in keys
        lines = {" ".join(x.split()) for x in keys.splitlines()}
        for line in ("f Correct or delete a redness observation", "s Sort by the next column",
                     "v Reverse the order", "/ Search notes and areas", "e Edit the session"):
            assert line in lines, lines
        assert "Correct or delete a redness observation" in keys
        assert "Sort by the next column" in keys and "Reverse the order" in keys
        everywhere = str(app.screen.query_one("#help-everywhere").render())
        assert "u or ctrl+z" in everywhere and "ctrl+p" in everywhere


@async_test
async def test_o_means_photos_and_only_photos(ready):
    log(ready, "2026-11-15", redness=2)
    async with app_for(ready).run_test(size=SMALL) as pilot:
        await settle(pilot)
        await visit(pilot, "h", HistoryScreen)
        await pilot.press("o")  # not "fix redness" here any more
        await settle(pilot)
        assert isinstance(pilot.app.screen, HistoryScreen)
        await visit(pilot, "f", RednessScreen)  # one observation: its correction
        await visit(pilot, "escape", HistoryScreen)
        await visit(pilot, "escape", DashboardScreen)
        await visit(pilot, "o", PhotosScreen)
    for screen in (HistoryScreen, SessionDetailScreen, DashboardScreen):
        keys = {k for b in screen.BINDINGS for k in b.key.split(",")}  # type: ignore[union-attr]
        assert ("o" in keys) is (screen is DashboardScreen)


@async_test
async def test_the_profile_screen_fits_80x24_saves_with_ctrl_s_and_asks_on_escape(ready):
    ready.profiles.create_profile("ana")
    async with app_for(ready).run_test(size=SMALL) as pilot:
        app = pilot.app
        await settle(pilot)
        await visit(pilot, "p", ProfileScreen)
        screen = app.screen
        for widget in screen.query("Input, Button, Select, Switch, RadioSet, Checkbox"):
            widget.scroll_visible(animate=False, immediate=True)
            await pilot.pause()
            assert widget.region.right <= SMALL[0] - 1, (widget.id, widget.region)  # scrollbar
        # no X in an empty tick box
        assert "X" not in str(screen.query_one("#isotretinoin-ack").render())
        # Escape with nothing changed: back at once
        await visit(pilot, "escape", DashboardScreen)
        await visit(pilot, "p", ProfileScreen)
        app.screen.query_one("#target", Input).value = "9"
        await visit(pilot, "escape", ConfirmScreen)  # asks
        await visit(pilot, "n", ProfileScreen)  # stays, the edit kept
        assert app.screen.query_one("#target", Input).value == "9"
        app.screen.query_one("#isotretinoin", Input).value = "never"
        await pilot.press("ctrl+s")  # saves the settings and the medical answers
        await settle(pilot)
        assert ready.profile().target_sessions == 9 and ready.profile().isotretinoin == "never"
        await visit(pilot, "escape", DashboardScreen)  # saved: nothing to ask
        await visit(pilot, "p", ProfileScreen)
        app.screen.query_one("#name", Input).value = "me2"
        await visit(pilot, "escape", ConfirmScreen)
        await visit(pilot, "y", DashboardScreen)  # left without saving
    assert ready.profile_name() == "me"


@async_test
async def test_escape_on_a_filled_log_form_asks_and_quit_asks_too(ready):
    async with app_for(ready).run_test(size=SMALL) as pilot:
        app = pilot.app
        await settle(pilot)
        await visit(pilot, "l", LogSessionScreen)
        screen = app.screen
        assert isinstance(screen, LogSessionScreen)
        for check_id, _ in SAFETY_CHECKS:
            screen.query_one(f"#check-{check_id}", Checkbox).value = True
        await press(pilot, "#safety-continue")
        await settle(pilot)
        await visit(pilot, "escape", DashboardScreen)  # untouched form: closes
        await visit(pilot, "l", LogSessionScreen)
        screen = app.screen
        for check_id, _ in SAFETY_CHECKS:
            screen.query_one(f"#check-{check_id}", Checkbox).value = True
        await press(pilot, "#safety-continue")
        await settle(pilot)
        screen.query_one("#duration", Input).value = "40"
        await visit(pilot, "escape", ConfirmScreen)
        await visit(pilot, "escape", LogSessionScreen)  # no: the form is still there
        assert screen.query_one("#duration", Input).value == "40"
        await visit(pilot, "ctrl+q", ConfirmScreen)  # quitting asks as well
        assert app.screen.id == "quit-question"
        await visit(pilot, "n", LogSessionScreen)
        await visit(pilot, "escape", ConfirmScreen)
        await visit(pilot, "y", DashboardScreen)
    assert ready.sessions.history() == []


@async_test
async def test_a_start_time_later_than_now_is_refused_under_the_field(ready):
    async with app_for(ready).run_test(size=SMALL) as pilot:
        await settle(pilot)
        await visit(pilot, "l", LogSessionScreen)
        screen = pilot.app.screen
        for check_id, _ in SAFETY_CHECKS:
            screen.query_one(f"#check-{check_id}", Checkbox).value = True
        await press(pilot, "#safety-continue")
        await settle(pilot)
        screen.query_one("#time", Input).value = "21:00"  # NOW is 09:30
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LogSessionScreen)
        error = screen.query_one("#time").parent.error
        assert error and "cannot start at 21:00: it is 09:30 now" in error
    assert ready.sessions.history() == []


@async_test
async def test_the_eczema_acknowledgement_is_read_whole_at_80_columns(hk):
    async with app_for(hk).run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        screen.query_one("#condition", RadioSet).query_one("#condition-yes").value = True
        await settle(pilot)
        tick = screen.query_one("#condition-ack", LongTick)
        tick.scroll_visible(animate=False, immediate=True)
        await pilot.pause()
        assert tick.region.right <= SMALL[0] - 1 and tick.region.width > 0
        text = " ".join(str(line) for line in tick.render().wrap(tick.content_size.width))
        assert "take responsibility for using the kit" in " ".join(text.split())


@async_test
async def test_the_acknowledgement_in_the_log_dialog_and_the_profile(hk):
    hk.profiles.create_profile("me", make_default=True)
    async with app_for(hk).run_test(size=SMALL) as pilot:
        await settle(pilot)
        await visit(pilot, "l", LogSessionScreen)
        screen = pilot.app.screen
        screen.query_one("#condition", RadioSet).query_one("#condition-yes").value = True
        await settle(pilot)
        tick = screen.query_one("#condition-ack", LongTick)
        tick.scroll_visible(animate=False, immediate=True)
        await pilot.pause()
        assert 0 < tick.region.width and tick.region.right <= SMALL[0] - 2
        assert tick.content_size.height >= 1
        assert tick.content_size.width + 4 >= len("I have read this warning")


def test_every_dialog_binds_help_and_quit():
    """A dialog's keys stop at the dialog (Textual does not pass them on to the app): each
    dialog class binds help and quit itself, so that the footer can show them and they work."""
    import importlib
    import pkgutil

    from textual.binding import Binding
    from textual.screen import ModalScreen

    import homekit.tui.screens as screens

    for info in pkgutil.iter_modules(screens.__path__):
        importlib.import_module(f"homekit.tui.screens.{info.name}")

    def subclasses(cls: type) -> set[type]:
        return {c for s in cls.__subclasses__() for c in {s, *subclasses(s)}}

    dialogs = [c for c in subclasses(ModalScreen) if c.__module__.startswith("homekit")]
    assert len(dialogs) >= 6
    for dialog in dialogs:
        actions = {b.action for cls in dialog.__mro__
                   for b in cls.__dict__.get("BINDINGS", ()) if isinstance(b, Binding)}
        assert "app.quit" in actions, dialog
        assert "app.help" in actions or dialog is HelpScreen, dialog
