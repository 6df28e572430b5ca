"""The report for a skin professional in words: one function a section, in reading order.

`report_document` runs every function of SECTIONS over the report's facts; each returns the
sections it writes (none when it has nothing to say). A new part of the report (a treatment,
an adverse event, the skin type) is a fact in homekit.domain.report and one function here.
Imported only when a report is written (homekit status never loads it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from homekit.domain.document import (
    Bullets,
    Document,
    Fields,
    Paragraph,
    Section,
    Table,
)
from homekit.domain.models import STINGING_LEVELS, Session
from homekit.domain.report import (
    RECENT_SESSIONS,
    ReportFacts,
    Summary,
    WarningFact,
    WarningGroup,
    questions,
)
from homekit.domain.treatments import (
    CONFLICT_WINDOW_DAYS,
    HOLDING_KINDS,
    PRODUCT_HOLD_DAYS,
    clears_on,
)
from homekit.words.alerts import redness_alert_text
from homekit.words.base import control_free, day, fade_short, fade_words, plural, skin_type_text
from homekit.words.report_events import events_glance, events_section
from homekit.words.report_figures import charts_section as charts_section
from homekit.words.report_figures import photos_section as photos_section
from homekit.words.scales import redness_label

TITLE = "Home microdermabrasion: report for a skin professional"
DISCLAIMER = "Recorded by the user at home with a consumer kit; not a diagnosis."
#: The language every sentence of the report is written in (BCP 47).
LANG = "en"
TREATMENT = "microdermabrasion"


def _yes_no(value: bool | None, yes: str = "yes", no: str = "no") -> str:
    return "not answered" if value is None else (yes if value else no)


_QUESTIONS: dict[str, Callable[[dict[str, Any]], str]] = {
    "condition": lambda f: "I have eczema or acne rosacea on record: is microdermabrasion safe "
                           "for my skin at all, and what should I watch for?",
    "serious_redness": lambda f: "Redness was severe or lasted a day after the "
                                 + ("session of " if len(f["dates"]) == 1 and not f["earlier"]
                                    else "sessions of ")
                                 + ", ".join(d.isoformat() for d in f["dates"])
                                 + (f" (and {plural(f['earlier'], 'earlier session')})"
                                    if f["earlier"] else "")
                                 + ": should I pause, lower the level or stop?",
    "lasting_redness": lambda f: f"Redness lasted longer than an hour after "
                                 f"{plural(f['count'], 'session')}: is that expected for my skin?",
    "stinging": lambda f: f"Stinging was moderate or strong in {plural(f['count'], 'session')}: "
                          "should I lower the level?",
    "level": lambda f: f"I now use device level {f['level']}: is that right for my skin?",
    "interval": lambda f: f"I wait at least {f['days']} days between sessions: is that the right "
                          "interval for me (clinics often use 14 to 28)?",
    "target": lambda f: f"Is a course of {f['target']} sessions right for what I want to improve?",
    "after_target": lambda f: f"After {f['done']} sessions: should I continue, space them out "
                              "for maintenance, or stop?",
    "photos": lambda f: "Do the photos show the change you would expect at this point?",
    "open_events": lambda f: (f"{plural(f['count'], 'adverse event')} "
                              f"{'is' if f['count'] == 1 else 'are'} not resolved: may I go "
                              "on, and what should I do meanwhile?"),
    "events": lambda f: (f"I logged {plural(f['count'], 'adverse event')}: should I change "
                         "anything to avoid another?"),
}


def _period(facts: ReportFacts) -> str:
    if not (facts.since or facts.until):
        return "the whole log"
    return (f"{facts.since.isoformat() if facts.since else 'the start'} to "
            f"{(facts.until or facts.status.today).isoformat()}")


def profile_section(facts: ReportFacts) -> list[Section]:
    p = facts.profile
    rows = [
        ("Profile", control_free(p.name)),
        ("Target", plural(p.target_sessions, "session")),
        ("Interval", f"at least {p.min_interval_days} days between sessions"),
        ("Eczema or acne rosacea", _yes_no(p.has_skin_condition, "yes: eczema or acne rosacea",
                                           "no")),
    ]
    if p.condition_acknowledged_at:
        rows.append(("Warning acknowledged", p.condition_acknowledged_at[:10]))
    rows.append(("Skin type (Fitzpatrick)", skin_type_text(p.skin_type)))
    rows.append(("Log started", day(facts.first_session_date) if facts.first_session_date
                 else "no session logged yet"))
    return [Section("Profile", (Fields(tuple(rows)),))]


def glance_section(facts: ReportFacts) -> list[Section]:
    st, sessions = facts.status, facts.sessions
    shown = facts.shown_sessions
    in_report = f"{plural(len(sessions), 'session')}, {facts.total_minutes} minutes in all"
    if facts.earlier_sessions:
        in_report += (f"; the last {len(shown)} row by row, the "
                      f"{len(facts.earlier_sessions)} before them summarised")
    rows = [
        ("Sessions done", f"{st.sessions_done} of {st.target_sessions} "
                          f"({min(100, round(100 * st.sessions_done / max(1, st.target_sessions)))}%)"),
        ("In this report", in_report),
        ("First / last session", f"{day(sessions[0].session_date) if sessions else '-'}"
                                 f"  /  {day(sessions[-1].session_date) if sessions else '-'}"),
        ("Planned", f"{plural(len(facts.planned_dates), 'more session')}; next eligible "
                    f"{day(st.next_eligible_date) if st.next_eligible_date else 'now'}"),
        ("Projected completion", day(st.projected_completion_date)),
        ("Photos", f"{facts.photo_count} in this period"),
        ("Adverse events", events_glance(facts)),
    ]
    return [Section("The course at a glance", (Fields(tuple(rows)),))]


def questions_section(facts: ReportFacts) -> list[Section]:
    asked = tuple(_QUESTIONS[code](f) for code, f in questions(facts))
    return [Section("Questions to bring", (Bullets(asked),))]


def lift_text(w: WarningFact) -> str:
    """How a warning ended, in the terms of the gate that `homekit status` reads."""
    by = w.lifted_by
    on = f"the session of {by.session_date.isoformat()} (#{by.number})" if by is not None else ""
    seen = w.faded_seen
    if w.lift == "faded" and seen is not None:
        return (f"Lifted: recorded gone ({fade_words(seen.severity, seen.faded_after_min)}), "
                f"seen {seen.observed_at.replace('T', ' ')}.")
    return {
        "open": "Not lifted yet: still red; record when it fades.",
        "blocks": "Not lifted: logging is blocked until it is recorded faded or a skin "
                  "professional clears it (as homekit status shows).",
        "cleared": f"Lifted: a skin professional's clearance, given at {on}.",
        "logged_after": f"Never recorded faded; {on} was logged after it.",
        "glasses": f"Lifted: glasses worn again at {on}.",
    }.get(w.lift, "Not lifted yet.")


def _group_line(g: WarningGroup) -> str:
    what = ("Protective glasses were not worn" if g.kind == "no_glasses"
            else "Severe redness, or redness not gone after a day" if g.serious
            else "Redness that lasted longer than an hour")
    span = (g.first.isoformat() if g.first == g.last
            else f"{g.first.isoformat()} to {g.last.isoformat()}")
    lifted = ("all lifted" if not g.not_lifted else
              "not lifted yet" if g.not_lifted == g.count else f"{g.not_lifted} not lifted yet")
    return f"{what}: {plural(g.count, 'earlier session')} ({span}); {lifted}."


def warnings_section(facts: ReportFacts) -> list[Section]:
    items = []
    p = facts.profile
    if p.has_skin_condition:
        ack = (f"acknowledged on {p.condition_acknowledged_at[:10]}" if p.condition_acknowledged_at
               else "not acknowledged: logging is blocked")
        items.append(f"Eczema or acne rosacea on record; the warning was {ack}.")
    items += [_group_line(g) for g in facts.earlier_warnings]
    for w in facts.shown_warnings:
        when = f"{w.session.session_date.isoformat()} (session #{w.session.number})"
        what = redness_alert_text(w.alert) if w.alert else "Protective glasses were not worn."
        items.append(f"{when}: {what} {lift_text(w)}")
    return [Section("Warnings and how they were lifted",
                    (Bullets(tuple(control_free(i) for i in items) or ("None fired.",)),))]


SESSION_HEADER = ("#", "Date", "Min", "Areas", "Level", "Stinging", "Glasses",
                  "Worst redness (0-4)", "Faded", "Notes")


def session_row(facts: ReportFacts, s: Session) -> tuple[str, ...]:
    worst = s.worst_redness
    faded = "-" if worst is None else fade_short(worst.severity, worst.faded_after_min)
    note = s.notes.strip().splitlines()[0][:200] if s.notes.strip() else ""
    if s.treatment != TREATMENT or s.despite:  # the treatment and the hold passed, first
        label = s.treatment if s.depth_mm is None else f"{s.treatment} {s.depth_mm:g} mm"
        held = f", despite {' and '.join(s.despite)}" if s.despite else ""
        note = f"[{label}{held}] {note}".strip()
    return tuple(control_free(c) for c in (
        str(s.number), s.session_date.isoformat(),
        "-" if s.duration_min is None else str(s.duration_min),
        ", ".join(s.areas) or "-",
        "-" if s.device_level is None else str(s.device_level),
        "-" if s.stinging is None else STINGING_LEVELS[s.stinging],
        {True: "yes", False: "NO", None: "-"}[s.glasses_worn],
        "-" if worst is None else redness_label(worst.severity),
        faded, note,
    ))


TREATMENT_HEADER = ("Treatment", "Sessions", "First", "Last", "Logged despite a product")
PRODUCT_HEADER = ("Date", "Product", "Holds resurfacing until", "Notes")


def treatments_section(facts: ReportFacts) -> list[Section]:
    """Every treatment and every product use of the period (none: no section, the report as
    before treatments)."""
    by: dict[str, list[Session]] = {}
    for s in facts.sessions:
        by.setdefault(s.treatment, []).append(s)
    if set(by) <= {TREATMENT} and not facts.products:
        return []
    rows = tuple(
        (name, str(len(done)), done[0].session_date.isoformat(),
         done[-1].session_date.isoformat(), str(sum(1 for s in done if s.despite)))
        for name, done in sorted(by.items()))
    product_rows = tuple(
        tuple(control_free(c) for c in (
            p.used_on.isoformat(), p.kind,
            clears_on(p.used_on).isoformat() if p.kind in HOLDING_KINDS else "holds nothing",
            p.notes.strip().splitlines()[0][:200] if p.notes.strip() else ""))
        for p in facts.products)
    intro = (f"Resurfacing treatments stay {CONFLICT_WINDOW_DAYS} days apart on the same area; "
             f"a retinoid or an acid holds them back for {PRODUCT_HOLD_DAYS} days. A session "
             "logged despite a product says so in its notes below.")
    return [Section("Treatments and products", (
        Paragraph(intro),
        Table(TREATMENT_HEADER, rows, empty="No sessions in this period."),
        Table(PRODUCT_HEADER, product_rows, empty="No product use logged in this period."),
    ))]


def sessions_section(facts: ReportFacts) -> list[Section]:
    shown = facts.shown_sessions
    if facts.full or not facts.earlier_sessions:
        intro = "Every session of the period, oldest first."
    else:
        intro = (f"The last {len(shown)} sessions of the period (at least {RECENT_SESSIONS}, and "
                 "the whole current course), oldest first; the earlier ones are summarised "
                 "after this table. homekit report --full lists every session.")
    table = Table(SESSION_HEADER, tuple(session_row(facts, s) for s in shown),
                  empty="No sessions in this period.")
    return [Section("Sessions", (Paragraph(intro), table))]


def _summary_row(s: Summary) -> tuple[str, ...]:
    when = str(s.start.year) if s.by_year else s.start.strftime("%Y-%m")
    levels = ("" if not s.levels else f", level {s.levels[0]}" if len(s.levels) == 1
              else f", levels {s.levels[0]}-{s.levels[-1]}")
    worst = "-" if s.worst_redness is None else redness_label(s.worst_redness)
    treatment = f"{TREATMENT}{levels}" + (f"; {', '.join(s.areas)}" if s.areas else "")
    return (when, str(s.sessions), str(s.minutes), worst, str(s.warnings), control_free(treatment))


def earlier_section(facts: ReportFacts) -> list[Section]:
    earlier = facts.earlier
    if not earlier:
        return []
    yearly = [s for s in earlier if s.by_year]
    intro = (f"The {plural(len(facts.earlier_sessions), 'session')} before those above, "
             "by month" + (", and by year before " + earlier[len(yearly)].start.strftime("%Y-%m")
                           if yearly and len(yearly) < len(earlier) else
                           " (by year)" if yearly else "")
             + ": how many, the minutes, the worst redness, the warnings that fired, and the "
               "treatment.")
    header = ("Period", "Sessions", "Minutes", "Worst redness", "Warnings", "Treatment")
    return [Section("Earlier sessions, summarised",
                    (Paragraph(intro), Table(header, tuple(_summary_row(s) for s in earlier))))]


#: The report's sections in reading order: each turns the facts into zero or more sections.
SECTIONS: tuple[Callable[[ReportFacts], list[Section]], ...] = (
    profile_section,
    glance_section,
    questions_section,
    warnings_section,
    treatments_section,
    events_section,
    sessions_section,
    earlier_section,
    charts_section,
    photos_section,
)


def report_document(facts: ReportFacts) -> Document:
    """The report's words, section by section, ready for the PDF writer."""
    name = control_free(facts.profile.name)
    return Document(
        title=TITLE,
        subtitle=f"{name} \u00b7 {_period(facts)} \u00b7 as of {facts.status.today.isoformat()}",
        lang=LANG,
        sections=tuple(s for make in SECTIONS for s in make(facts)),
        disclaimer=DISCLAIMER,
        footer=f"homekit report \u00b7 {name}",
        page_of="page {page} of {pages}",
    )
