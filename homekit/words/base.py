"""The words of the log itself: dates, sessions, status, safety texts, charts, and the
escaping of terminal control characters in anything shown."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from homekit.domain.vocabulary import REDNESS_LEVELS, SKIN_TYPE_NUMERALS, STINGING_LEVELS

if TYPE_CHECKING:
    from collections.abc import Callable

    from homekit.domain.models import Redness, Session
    from homekit.domain.series import ChartSeries

# -- safety texts ---------------------------------------------------------------------

CONDITION_WARNING = (
    "Microdermabrasion is not suitable for people with eczema or acne rosacea: it can cause "
    "serious outbreaks. Please consult a skin professional before using the kit."
)
CONDITION_BLOCKED_APP = "Logging stays blocked until you acknowledge the warning."
CONDITION_BLOCKED_CLI = (
    "Logging stays blocked until you acknowledge: homekit profile condition yes --acknowledge"
)
GLASSES_WARNING = "protective glasses must cover your eyes during every session."
# (INTERVAL_HINT, said by `profile add --help` too: homekit.words.help)


#: The Fitzpatrick skin types as the scale describes them (type 1 first): how skin reacts to
#: the sun. Shown so that a user can choose; homekit draws no conclusion from the answer.
SKIN_TYPE_WORDS: tuple[str, ...] = (
    "pale white skin; always burns, never tans",
    "white skin; usually burns, tans with difficulty",
    "light brown skin; sometimes burns mildly, tans gradually",
    "moderate brown skin; rarely burns, tans easily",
    "dark brown skin; very rarely burns, tans very easily",
    "deeply pigmented dark brown to black skin; never burns",
)
SKIN_TYPE_NOTE = ("Fitzpatrick skin type, as you describe your skin: for the report and a "
                  "professional, not a diagnosis.")


def skin_type_text(n: int | None) -> str:
    """`III (light brown skin; ...)`, or `not given`."""
    if n is None:
        return "not given"
    return f"{SKIN_TYPE_NUMERALS[n - 1]} ({SKIN_TYPE_WORDS[n - 1]})"


def day(d: dt.date | None) -> str:
    """`2026-12-01 (Tue)`: ISO date with the weekday beside it."""
    return "-" if d is None else f"{d.isoformat()} ({d.strftime('%a')})"


def plural(n: int, word: str) -> str:
    """`1 session`, `2 sessions`: the count and the word, with an s unless it is one."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def and_its_observations(redness: tuple[object, ...]) -> str:
    """` and its 2 redness observations` after a session's name (nothing when it has none)."""
    return f" and its {plural(len(redness), 'redness observation')}" if redness else ""


def in_days(n: int) -> str:
    if n == 0:
        return "eligible now"
    return f"in {n} day{'s' if n != 1 else ''}"


def fade_words(severity: int, faded_after_min: int | None) -> str:
    """How a redness ended, decided once for every view: `no redness` (severity 0, whatever
    else is stored), `still red`, or `faded after 10 min`."""
    if severity == 0:
        return "no redness"
    return "still red" if faded_after_min is None else f"faded after {faded_after_min} min"


def fade_short(severity: int, faded_after_min: int | None) -> str:
    """`fade_words` for a narrow column: `no redness`, `still red`, `10 min`."""
    words = fade_words(severity, faded_after_min)
    return words.removeprefix("faded after ")


def redness_words(r: Redness) -> str:
    """`2 mild, faded after 10 min`, `3 marked, still red`, or `0 none`."""
    if r.severity == 0:
        return "0 none"
    return f"{r.severity} {REDNESS_LEVELS[r.severity]}, {fade_words(r.severity, r.faded_after_min)}"


def redness_text(r: Redness | None) -> str:
    if r is None:
        return "none recorded"
    return f"{redness_words(r)} (session #{r.session_number})"


def session_text(s: Session) -> str:
    """`#3 2026-11-30 (Mon)  id 7  at 20:30 ...`: the session's number (its place by date),
    then the id that commands such as `homekit edit ID` take."""
    parts = [f"#{s.number} {day(s.session_date)}", f"id {s.id}"]
    if s.treatment != "microdermabrasion" or s.depth_mm is not None:
        parts.append(s.treatment if s.depth_mm is None else f"{s.treatment} {s.depth_mm:g} mm")
    if s.start_time:
        parts.append(f"at {s.start_time}")
    if s.duration_min is not None:
        parts.append(f"{s.duration_min} min")
    if s.areas:
        parts.append(", ".join(s.areas))
    if s.device_level is not None:
        parts.append(f"level {s.device_level}")
    if s.glasses_worn is not None:
        parts.append("glasses worn" if s.glasses_worn else "NO glasses")
    if s.stinging is not None:
        parts.append(f"stinging {STINGING_LEVELS[s.stinging]}")
    worst = s.worst_redness
    if worst is not None:
        parts.append(f"redness {worst.severity_word}")
    if s.cleared_by_professional:
        parts.append("cleared by a professional")
    if s.despite:
        parts.append("logged despite " + " and ".join(s.despite))
    line = "  ".join(parts)
    if s.notes:
        first = s.notes.splitlines()[0] if s.notes.strip() else ""
        line += f"  \u2014 {first[:60]}"
    return line


def session_of(s: Session) -> str:
    """`session #3 of 2026-11-30 (Mon)`, as the app names a session in a sentence."""
    return f"session #{s.number} of {day(s.session_date)}"


def about_session(template: str) -> Callable[[Session], str]:
    """A sentence about one session, from a template over it: `{s}` the session (`{s.number}`,
    `{s.id}`, `{s.session_date}`), `{day}` its date with the weekday, `{of}` `session #3 of
    2026-11-30 (Mon)`, `{text}` its whole line (`session_text`), `{observations}` ` and its 2
    redness observations` (or nothing)."""
    def sentence(s: Session) -> str:
        return template.format(s=s, day=day(s.session_date), of=session_of(s),
                               text=session_text(s), observations=and_its_observations(s.redness))
    return sentence


def about_redness(template: str) -> Callable[[Redness], str]:
    """A sentence about one redness observation: `{r}` the observation (`{r.id}`,
    `{r.session_number}`), `{words}` its severity and fading (`redness_words`), `{seen}` when
    it was seen (`2026-11-30 21:10`)."""
    def sentence(r: Redness) -> str:
        return template.format(r=r, words=redness_words(r), seen=r.observed_at.replace("T", " "))
    return sentence


def shown(path: object, limit: int = 120) -> str:
    """A path as a message shows it: on one line (control characters escaped), not too long."""
    text = str(path)
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        text = repr(text)[1:-1]
    return text if len(text) <= limit else text[: limit // 2 - 2] + "..." + text[-limit // 2 + 1:]


def control_free(text: str) -> str:
    """`text` with terminal control characters (ESC, bidi overrides, ...) made visible."""
    return "".join(ch.encode("unicode_escape").decode("ascii") if ch != "\n" and is_control(ch)
                   else ch for ch in text)


def is_control(ch: str) -> bool:
    """A character that steers a terminal instead of showing: C0/C1 controls, DEL, bidi."""
    code = ord(ch)
    return code < 32 or code == 127 or 0x80 <= code < 0xA0 or ch in _BIDI


_BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


# -- charts ---------------------------------------------------------------------------

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def month_year(day: dt.date) -> str:
    """'Oct 2026': for axes that span years."""
    return f"{_MONTHS[day.month - 1]} {day.year}"


def short_day(day: dt.date) -> str:
    """'14 Oct': short, and the same in every locale."""
    return f"{day.day} {_MONTHS[day.month - 1]}"


def progress_title(series: ChartSeries) -> str:
    if series.treatment:
        head = f"{series.treatment}: {series.sessions_done} session"
        head += "" if series.sessions_done == 1 else "s"
        return head + (f" of {series.target}" if series.target else "") + " done"
    if not series.session_dates:
        return f"Nothing logged yet: {series.target} sessions to go"
    if series.target_reached:
        return f"Target reached: {series.sessions_done} of {series.target} sessions done"
    return f"{series.sessions_done} of {series.target} sessions done, {series.sessions_to_go} to go"


def progress_heading(series: ChartSeries) -> str:
    """The text chart's heading: the title and when the target is (or was) reached."""
    title = progress_title(series)
    if series.completion_date is None:
        return title
    when = "reached" if series.target_reached else "target by"
    return f"{title}; {when} {short_day(series.completion_date)} {series.completion_date.year}"


def redness_heading(series: ChartSeries) -> str:
    if not series.redness:
        return "How your skin reacted: no redness recorded yet"
    p = series.redness[-1]
    head = f"How your skin reacted; last: {p.severity_word} on {short_day(p.session_date)}"
    _, severity, faded = p.latest
    if (severity, faded) == (p.severity, p.faded_after_min):
        return f"{head}, {fade_words(severity, faded)}"
    return f"{head}; later seen: {fade_words(severity, faded)}"  # how it ended, not the worst


def lasting_limit(minutes: int) -> str:
    span = "One hour" if minutes == 60 else f"{minutes} minutes"
    return f"{span}: longer is lasting redness"


def chart_name(kind: str) -> str:
    return "progress and redness charts" if kind == "all" else f"{kind} chart"


def chart_written(kind: str, path: object) -> str:
    return f"Wrote {chart_name(kind)} to {path}"


def chart_saved(kind: str, path: object) -> str:
    return f"Saved the {chart_name(kind)} to {path}"
