"""A save that changes nothing writes nothing and makes no undo step, for every form's service;
a form's changes are only the fields it changed (tri-state fields stay "not noted")."""

from __future__ import annotations

import datetime as dt

from homekit.domain.models import SessionChanges, SessionDraft
from homekit.services import Homekit


def written(hk: Homekit) -> int:
    return hk.ctx.store.conn.total_changes


def test_changes_between_what_a_form_showed_and_what_it_saves():
    shown = SessionDraft(dt.date(2026, 11, 10), glasses_worn=True, notes="a")
    same = SessionChanges.between(shown, shown)
    assert same.is_empty()
    stored = SessionDraft(dt.date(2026, 11, 10), notes="a")  # glasses not noted
    assert same.apply(stored) == stored
    changed = SessionChanges.between(shown, SessionDraft(dt.date(2026, 11, 10), glasses_worn=True,
                                                         notes="", duration_min=40))
    assert changed == SessionChanges(duration_min=40, clear=frozenset({"notes"}))
    unticked = SessionChanges.between(shown, SessionDraft(dt.date(2026, 11, 10),
                                                          glasses_worn=False, notes="a"))
    assert unticked.apply(stored).glasses_worn is False


def test_an_unchanged_session_edit_writes_nothing(hk: Homekit):
    sid = hk.sessions.log_session(SessionDraft(dt.date(2026, 11, 10), duration_min=30)).session.id
    before = written(hk)
    assert hk.sessions.edit_session(sid, SessionChanges(duration_min=30)) == hk.sessions.session(sid)
    assert written(hk) == before and hk.undo.undo_steps() == []


def test_an_unchanged_redness_correction_writes_nothing(hk: Homekit):
    sid = hk.sessions.log_session(SessionDraft(dt.date(2026, 11, 10)), redness_severity=2,
                         faded_after_min=15).session.id
    red = hk.sessions.session(sid).redness[0]
    before = written(hk)
    again, _ = hk.redness.edit_redness(red.id, severity=2, faded_after_min=15, notes=red.notes)
    assert again == red and written(hk) == before and hk.undo.undo_steps() == []
    hk.redness.edit_redness(red.id, severity=3, faded_after_min=15)
    assert [s.kind for s in hk.undo.undo_steps()] == ["redness_edited"]


def test_unchanged_profile_settings_and_answers_write_nothing(hk: Homekit):
    hk.safety.record_medical(isotretinoin="never", blood_thinners=True, acknowledged=True)
    profile = hk.profile()
    before = written(hk)
    hk.profiles.update_profile(target_sessions=profile.target_sessions,
                      min_interval_days=profile.min_interval_days, new_name=profile.name)
    hk.plan.set_reminder_time(hk.plan.reminder_time())
    hk.profiles.record_skin_condition(False, acknowledged=False)
    hk.safety.record_medical(isotretinoin="never", blood_thinners=True, acknowledged=True)
    assert hk.profile() == profile and written(hk) == before and hk.undo.undo_steps() == []
