"""Progress photos and the report for a skin professional."""

from __future__ import annotations

from homekit.domain.models import REDNESS_LEVELS, STINGING_LEVELS
from homekit.words.base import control_free, day, shown
from homekit.words.errors import _ERRORS

# -- photos and the report --------------------------------------------------------------

PHOTO_GUIDANCE = (
    "For photos you can compare: same light, same distance and angle, no makeup, "
    "taken before the session."
)
PHOTO_EXPORT_HINT = "see it with: homekit photo export {id} -o photo-{id}.jpg"


def photo_line(p: object) -> str:
    """`#3 2026-11-02 (Mon)  cheeks  session 12  1536x2048  'after peel'`."""
    from homekit.domain.photos import Photo

    assert isinstance(p, Photo)
    parts = [f"#{p.id}", day(p.taken_on), p.area_label]
    parts.append(f"session {p.session_id}" if p.session_id is not None else "no session")
    parts.append(f"{p.width}x{p.height}")
    line = "  ".join(parts)
    if p.notes.strip():
        line += f"  \u2014 {p.notes.splitlines()[0][:60]}"
    return control_free(line)


def _session_part(n: int | None) -> str:
    return f"session {n}" if n is not None else "no session"


def comparison_captions(c: object) -> list[str]:
    """The captions under the two photos: date, session number, and the days between."""
    from homekit.domain.photos import Comparison

    assert isinstance(c, Comparison)
    days = c.days_between
    return [
        f"{c.first.taken_on.isoformat()} \u00b7 {_session_part(c.first_session)}",
        f"{c.last.taken_on.isoformat()} \u00b7 {_session_part(c.last_session)} \u00b7 "
        f"{days} day{'s' if days != 1 else ''} later",
    ]


def comparison_title(c: object) -> str:
    from homekit.domain.photos import Comparison

    assert isinstance(c, Comparison)
    return control_free(f"{c.first.area_label.capitalize()}: first and latest photo")


_ERRORS.update({
    "photo_missing": lambda f, e: f"{shown(f['name'])} does not exist; nothing was stored",
    "photo_unreadable": lambda f, e: f"cannot read {shown(f['name'])} ({f['reason']}); "
                                     "nothing was stored",
    "photo_not_image": lambda f, e: (
        f"{shown(f['name'])} is not an image homekit can read (JPEG, PNG, WebP; HEIC with "
        "pillow-heif); nothing was stored"),
    "photo_damaged": lambda f, e: (
        f"{shown(f['name'])} is damaged or cut short; nothing was stored"),
    "path_outside": lambda f, e: (
        f"{f['ref']!r} " + {"absolute": "is an absolute path",
                            "parent": "climbs out of the export's folder (..)",
                            "link": "is a symbolic link out of the export's folder"}[f["why"]]
        + "; import reads photos only from inside the folder of the export"),
    "photos_dir_outside": lambda f, e: (
        f"the photos folder {shown(f['path'])} is not inside {shown(f['base'])}, the export's "
        "folder: import reads photos only from inside it; choose a folder there"),
    "photo_too_narrow": lambda f, e: (
        f"{shown(f['name'])} is {f['width']} x {f['height']} pixels: its long side may be at "
        f"most {f['limit']} times its short side; nothing was stored"),
    "photo_bomb": lambda f, e: (
        f"{shown(f['name'])} is too large to open safely (more than "
        f"{f['limit'] // 10**6} million pixels); nothing was stored"),
    "photo_file_too_big": lambda f, e: (
        f"{shown(f['name'])} is larger than {f['limit'] // 2**20} MB, too large for a photo; "
        "nothing was stored"),
    "unknown_photo": lambda f, e: f"no photo with id {f['id']} (see: homekit photo list)",
    "no_photos": lambda f, e: "no photos stored yet; add one with: homekit photo add FILE",
    "no_photos_to_compare": lambda f, e: f"no photos of {f['area']} (see: homekit photo list)",
    "one_photo_only": lambda f, e: (
        f"only one photo of {f['area']} (#{f['id']}); add a later one to compare"),
    "output_exists": lambda f, e: f"{shown(f['path'])} already exists; add --force to replace it",
    "output_folder_missing": lambda f, e: f"folder {shown(f['path'])} does not exist",
    "compare_needs_png": lambda f, e: f"{shown(f['path'])}: the comparison is written as .png",
})


def _yes_no(value: bool | None, yes: str = "yes", no: str = "no") -> str:
    return "not answered" if value is None else (yes if value else no)


_QUESTIONS = {
    "condition": lambda f: "I have eczema or acne rosacea on record: is microdermabrasion safe "
                           "for my skin at all, and what should I watch for?",
    "serious_redness": lambda f: "Redness was severe or lasted a day after the session(s) of "
                                 + ", ".join(d.isoformat() for d in f["dates"])
                                 + ": should I pause, lower the level or stop?",
    "lasting_redness": lambda f: f"Redness lasted longer than an hour after {f['count']} "
                                 "session(s): is that expected for my skin?",
    "stinging": lambda f: f"Stinging was moderate or strong in {f['count']} session(s): "
                          "should I lower the level?",
    "level": lambda f: f"I now use device level {f['level']}: is that right for my skin?",
    "interval": lambda f: f"I wait at least {f['days']} days between sessions: is that the right "
                          "interval for me (clinics often use 14 to 28)?",
    "target": lambda f: f"Is a course of {f['target']} sessions right for what I want to improve?",
    "after_target": lambda f: f"After {f['done']} sessions: should I continue, space them out "
                              "for maintenance, or stop?",
    "photos": lambda f: "Do the photos show the change you would expect at this point?",
}


def report_text(facts: object) -> object:
    """The report's words: profile, the course at a glance, sessions, warnings, questions."""
    from homekit.domain.report import ReportFacts, ReportText, questions

    assert isinstance(facts, ReportFacts)
    p, st = facts.profile, facts.status
    period = "the whole log"
    if facts.since or facts.until:
        period = (f"{facts.since.isoformat() if facts.since else 'the start'} to "
                  f"{facts.until.isoformat() if facts.until else st.today.isoformat()}")
    condition = _yes_no(p.has_skin_condition, "yes: eczema or acne rosacea", "no")
    profile_rows = [
        ("Profile", p.name),
        ("Target", f"{p.target_sessions} sessions"),
        ("Interval", f"at least {p.min_interval_days} days between sessions"),
        ("Eczema or acne rosacea", condition),
    ]
    if p.condition_acknowledged_at:
        profile_rows.append(("Warning acknowledged", p.condition_acknowledged_at[:10]))
    if p.created_at:
        profile_rows.append(("Log started", p.created_at[:10]))
    shown_sessions = facts.sessions
    glance = [
        ("Sessions done", f"{st.sessions_done} of {st.target_sessions} "
                          f"({min(100, round(100 * st.sessions_done / max(1, st.target_sessions)))}%)"),
        ("In this report", f"{len(shown_sessions)} session{'s' if len(shown_sessions) != 1 else ''}"
                           f", {facts.total_minutes} minutes in all"),
        ("First / last session", f"{day(shown_sessions[0].session_date) if shown_sessions else '-'}"
                                 f"  /  {day(shown_sessions[-1].session_date) if shown_sessions else '-'}"),
        ("Planned", f"{len(facts.planned_dates)} more session(s); next eligible "
                    f"{day(st.next_eligible_date) if st.next_eligible_date else 'now'}"),
        ("Projected completion", day(st.projected_completion_date)),
        ("Photos", f"{facts.photo_count} in this period"),
    ]
    header = ("#", "Date", "Min", "Areas", "Level", "Stinging", "Glasses", "Worst redness", "Faded")
    rows = []
    for s in shown_sessions:
        worst = s.worst_redness
        faded = "-" if worst is None or worst.severity == 0 else (
            "still red" if worst.faded_after_min is None else f"{worst.faded_after_min} min")
        rows.append((
            str(facts.numbers.get(s.id, "")), s.session_date.isoformat(),
            "-" if s.duration_min is None else str(s.duration_min),
            ", ".join(s.areas) or "-",
            "-" if s.device_level is None else str(s.device_level),
            "-" if s.stinging is None else STINGING_LEVELS[s.stinging],
            {True: "yes", False: "NO", None: "-"}[s.glasses_worn],
            "-" if worst is None else f"{worst.severity} {REDNESS_LEVELS[worst.severity]}",
            faded,
        ))
    warnings = []
    for w in facts.warnings:
        when = f"{w.session.session_date.isoformat()} (session {facts.numbers.get(w.session.id, '?')})"
        what = w.message if w.kind == "redness" else "Protective glasses were not worn."
        if w.lifted_by is not None:
            how = ("glasses worn again" if w.kind == "no_glasses" else "redness normal again")
            lifted = f" Lifted: {how} at the session of {w.lifted_by.session_date.isoformat()}."
        else:
            lifted = " Not lifted yet."
        warnings.append(control_free(f"{when}: {what}{lifted}"))
    if p.has_skin_condition:
        ack = (f"acknowledged on {p.condition_acknowledged_at[:10]}" if p.condition_acknowledged_at
               else "not acknowledged: logging is blocked")
        warnings.insert(0, f"Eczema or acne rosacea on record; the warning was {ack}.")
    asked = tuple(_QUESTIONS[code](f) for code, f in questions(facts))
    captions = []
    for first, last in facts.photo_pairs:
        title = f"{first.area_label.capitalize()}"
        caps = [f"{first.taken_on.isoformat()} \u00b7 first photo"]
        if last is not None:
            gap = (last.taken_on - first.taken_on).days
            caps.append(f"{last.taken_on.isoformat()} \u00b7 latest \u00b7 {gap} days later")
        captions.append((control_free(title), tuple(caps)))
    return ReportText(
        title="Home microdermabrasion: report for a skin professional",
        subtitle=control_free(f"{p.name} \u00b7 {period} \u00b7 as of {st.today.isoformat()}"),
        sections=(("Profile", tuple(profile_rows)), ("The course at a glance", tuple(glance))),
        table_title="Sessions",
        table_header=header,
        table_rows=tuple(tuple(control_free(c) for c in r) for r in rows),
        warnings_title="Warnings and how they were lifted",
        warnings=tuple(warnings) or ("None fired.",),
        questions_title="Questions to bring",
        questions=asked,
        photos_title="First and latest photo of each area",
        photo_captions=tuple(captions),
        footer=control_free(f"homekit report \u00b7 {p.name} \u00b7 page {{page}} of {{pages}}"),
        disclaimer="Recorded by the user at home with a consumer kit; not a diagnosis.",
    )

_ERRORS.update({
    "photos_need_json": lambda f, e: "--photos needs the JSON format (CSV has no place for photos)",
    "photos_dir_not_folder": lambda f, e: f"{shown(f['path'])} is not a folder",
})
