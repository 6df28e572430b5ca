"""What the app says (words/notices.py), built from facts alone: no app, no terminal."""

from __future__ import annotations

import datetime as dt

from homekit import words
from homekit.domain.models import Profile, Redness, Session, SessionDraft
from tests.conftest import TODAY

DAY = dt.date(2026, 11, 18)  # a Wednesday
HOSTILE = "[b]x[/b] [@click=app.quit]\x1b[31m"


def _session(n_redness: int = 0) -> Session:
    """Session id 12, the third by date: the number (3) is what every notice says."""
    red = tuple(Redness(i + 1, 12, "2026-11-18T10:00", 2, 10, session_number=3)
                for i in range(n_redness))
    return Session(DAY, redness=red, number=3, id=12, profile_id=1)


def test_session_notices_name_the_session_and_its_day():
    s = _session()
    assert words.session_title(s) == "Session #3 of 2026-11-18 (Wed)"
    assert words.session_updated_app(s) == "Updated session #3 of 2026-11-18 (Wed)."
    assert words.session_deleted_app(s) == (
        "Deleted session #3 of 2026-11-18 (Wed). Press u (or ctrl+z) to undo.")
    assert words.session_logged_app(s, dt.date(2026, 11, 25), 0) == (
        "Logged session #3 of 2026-11-18 (Wed). Next eligible date: 2026-11-25 (Wed), eligible now.")


def test_counts_are_singular_or_plural():
    assert words.delete_session_question_app(_session()) == (
        "Delete session #3 of 2026-11-18 (Wed)? (Press u (or ctrl+z) to undo.)")
    assert " and its 1 redness observation?" in words.delete_session_question_app(_session(1))
    assert " and its 2 redness observations?" in words.delete_session_question_app(_session(2))
    assert words.delete_profile_question_app("me", 1).startswith("Delete profile 'me' and its 1 session? ")
    assert words.delete_profile_question_app("me", 3).startswith("Delete profile 'me' and its 3 sessions? ")
    assert words.edit_title(_session(), 0) == "Edit session #3 of 2026-11-18 (Wed)"
    assert words.edit_title(_session(), 1).endswith(" \u00b7 1 photo (key o on the dashboard)")
    assert words.edit_title(_session(), 2).endswith(" \u00b7 2 photos (key o on the dashboard)")
    assert words.reminders_written_app(1, None, "r.ics").startswith("Wrote 1 reminder to r.ics. ")
    assert words.reminders_written_app(3, DAY, "r.ics").startswith(
        "Wrote 3 reminders, the first on 2026-11-18 (Wed) to r.ics. ")
    assert words.reminders_written_app(3, DAY, "r.ics", 1).startswith(
        "Wrote 3 reminders, the first on 2026-11-18 (Wed) (1 no longer planned: cancelled) "
        "to r.ics. ")
    assert words.photos_summary(0).startswith("No photos yet.")
    assert words.photos_summary(1).startswith("1 photo. ")
    assert words.photos_summary(4).startswith("4 photos. ")


def test_redness_notices():
    red = Redness(7, 12, "2026-11-18T10:00", 3, None, session_number=3)
    assert words.redness_recorded_app(red) == "Session #3: 3 marked, still red."
    assert words.observation_deleted_app(red) == (
        "Deleted the observation 3 marked, still red of session #3.")
    assert words.redness_deleted_app(_session()) == (
        "Deleted a redness observation of session #3 of 2026-11-18 (Wed). "
        "Press u (or ctrl+z) to undo.")
    assert words.delete_redness_question_app(red) == (
        "Delete the redness observation 3 marked, still red of 2026-11-18 10:00? "
        "(Press u (or ctrl+z) to undo.)")
    assert words.redness_dialog_title(_session()) == "Redness after session #3 of 2026-11-18 (Wed)"
    assert words.redness_alert_title(True) == "Pause and consult a professional"
    assert words.redness_alert_title(False) == "Watch this redness"


def test_the_dashboard_cards(hk):
    assert words.last_session_card(None, TODAY) == "none yet"
    assert words.last_session_card(TODAY, TODAY) == "2026-11-25 (Wed)\ntoday"
    assert words.last_session_card(DAY, TODAY) == "2026-11-18 (Wed)\n7 days ago"
    st = hk.status.status()
    assert words.next_session(st) == "eligible now"
    assert words.sessions_progress(st) == f"Sessions 0 of {st.target_sessions}"
    assert words.next_card_title(st) == "Next session · at least 7 days apart"
    hk.sessions.log_session(SessionDraft(TODAY, glasses_worn=True))
    st = hk.status.status()
    assert words.next_session(st) == "next session on 2026-12-02 (Wed), in 7 days"
    assert words.projected_card_title(False) == "Projected end"


def test_hostile_names_stay_text():
    """A name is shown as typed: nothing is parsed, nothing is dropped (the widgets escape)."""
    p = Profile(1, HOSTILE, target_sessions=8, min_interval_days=10)
    assert words.now_using_profile(p) == f"Now using profile {HOSTILE}."
    assert words.profile_title(p.name) == f"Profile {HOSTILE}"
    assert words.profile_saved_app(p, "09:00") == (
        f"Profile {HOSTILE}: target 8 sessions, at least 10 days apart; reminders at 09:00.")
    assert repr(HOSTILE) in words.delete_profile_question_app(HOSTILE, 2)  # quoted, escapes visible


def test_app_texts_reuse_the_shared_ones():
    assert words.GLASSES_NOTICE == "Protective glasses must cover your eyes during every session."
    assert words.CONDITION_STILL_BLOCKED.startswith(words.CONDITION_BLOCKED_APP)
    assert words.NOT_SAVED_FIX == "Not saved: please correct the fields marked in red."
    assert words.next_eligible(DAY, 3) == "Next eligible date: 2026-11-18 (Wed), in 3 days"


def test_no_two_topic_modules_define_the_same_name():
    """`homekit.words` star-imports its topic modules: a name defined in two of them would
    silently give one UI the other's sentence."""
    import importlib
    import inspect
    import pkgutil

    import homekit.words as package

    owners: dict[str, list[str]] = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"homekit.words.{info.name}")
        source = inspect.getsource(module)
        for name, value in vars(module).items():
            if name.startswith("_") or inspect.ismodule(value):
                continue
            if inspect.isfunction(value) or inspect.isclass(value):
                if value.__module__ != module.__name__:
                    continue  # imported from elsewhere
            elif f"\n{name} =" not in source and f"\n{name}: " not in source:
                continue
            owners.setdefault(name, []).append(info.name)
    assert {n: m for n, m in owners.items() if len(m) > 1} == {}


def test_the_report_notice_counts_its_pages():
    assert words.report_written_app(1, "r.pdf").startswith("Wrote the report (1 page) to r.pdf.")
    assert words.report_written_app(3, "r.pdf").startswith("Wrote the report (3 pages) to r.pdf.")


def test_the_app_asks_for_the_hour_observation_as_past_and_the_next_days_as_now():
    # A session logged days after it took place owes its first observation all the same: the
    # app asks what it was about an hour after, not how red the skin is now.
    from homekit.domain.followup import Followup

    when = dt.date(2026, 12, 1)
    hour = Followup(1, when, "hour", dt.datetime(2026, 12, 1, 0, 0), 1)
    assert words.followup_text_app(hour) == (
        "How red was the skin about an hour after session #1 of 2026-12-01 (Tue)? "
        "Not recorded yet: press r.")
    next_day = Followup(1, when, "next_day", dt.datetime(2026, 12, 2, 0, 0), 1)
    assert words.followup_text_app(next_day).startswith("How red is the skin now? Session #1")
