"""Demo data: a new file with a realistic log, so every screen and chart has something to show.

Five sessions 10 to 14 days apart ending a few days before today, redness that is marked
after the first session and fades faster each time, as a skin used to the kit would.
"""

from __future__ import annotations

import datetime as dt
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from homekit.domain.errors import InvalidInput
from homekit.domain.models import SessionDraft

if TYPE_CHECKING:
    from homekit.services.context import Context
    from homekit.services.outcomes import DemoResult
    from homekit.services.profiles import Profiles

#: Days between the demo sessions, then days from the last one to today.
GAPS = (12, 11, 13, 10)
LAST_DAYS_AGO = 4
#: (severity, minutes to fade) after each session: marked and slow at first, then faint.
REDNESS = ((3, 120), (2, 75), (2, 40), (1, 20), (1, 10))
NOTES = (
    "First try, lowest level. Forehead and cheeks only.",
    "Level up by one. Slight sting on the nose.",
    "",
    "Skin smoother; redness gone before lunch.",
    "Routine session, applied moisturiser after.",
)
DEMO_TARGET = 8
#: Sessions (by place in the log) with a photo of the cheeks taken that evening.
PHOTO_SESSIONS = (0, 2, 4)


def refuse_existing(path: Path) -> None:
    """Demo data goes only into a new (missing or empty) file, never over a real log."""
    p = Path(path).expanduser()
    try:
        info = p.stat()
    except FileNotFoundError:
        return
    except OSError:
        return  # opening the file will say what is wrong with the path
    if not stat.S_ISREG(info.st_mode) or info.st_size > 0:
        raise InvalidInput(code="demo_needs_new_file", path=p)


class Demo:
    """A new file filled with a realistic log."""

    def __init__(self, ctx: Context, profiles: Profiles) -> None:
        self.ctx = ctx
        self.profiles = profiles

    def fill_demo(self) -> DemoResult:
        """Fill the (new, empty) file (this one) with the demo log, dated relative to today."""
        from homekit.services import Homekit
        from homekit.services.outcomes import DemoResult

        if self.ctx.store.profiles():
            raise InvalidInput(code="demo_needs_new_file",
                               path=self.ctx.data_file)
        name = self.ctx.profile_name()  # --profile NAME, else 'me'
        today = self.ctx.today()
        last = today - dt.timedelta(days=LAST_DAYS_AGO)
        dates = [last]
        for gap in reversed(GAPS):
            dates.insert(0, dates[0] - dt.timedelta(days=gap))
        self.profiles.create_profile(name, DEMO_TARGET, 7, make_default=True)
        self.profiles.record_skin_condition(False, acknowledged=False)
        logged = []
        for i, day in enumerate(dates):
            level = min(1 + i, 3)
            draft = SessionDraft(
                session_date=day,
                start_time=f"{20 + i % 2}:{'15' if i % 2 else '30'}",
                duration_min=(35, 40, 45, 45, 40)[i],
                areas=("forehead", "cheeks") if i == 0 else ("forehead", "cheeks", "nose", "chin"),
                device_level=level,
                glasses_worn=True,
                stinging=(1, 2, 1, 0, 0)[i],
                notes=NOTES[i],
            )
            severity, faded = REDNESS[i]
            # Logged that evening, as a user would: created_at and the redness time match the day.
            logged_at = dt.datetime.combine(day, dt.time.fromisoformat(draft.start_time or "20:00"))
            logged_at += dt.timedelta(minutes=draft.duration_min or 0)
            that_evening = Homekit(self.ctx.store, name, now=_fixed(logged_at))
            logged.append(that_evening.sessions.log_session(
                draft, redness_severity=severity, faded_after_min=faded).session)
            if i in PHOTO_SESSIONS:
                from homekit.charts.demo_photos import demo_photo

                that_evening.photos.add_photo(demo_photo(i, len(GAPS)), session_id=logged[-1].id,
                                       area="cheeks", notes="Demo photo (drawn, not a real face)",
                                       name="demo photo")
        return DemoResult(self.ctx.data_file, name, len(dates), dates[0], dates[-1])


def _fixed(moment: dt.datetime) -> Callable[[], dt.datetime]:
    return lambda: moment
