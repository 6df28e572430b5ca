"""The report's figures in words: the charts' text alternatives and the photo pairs with their
captions (split from report, which writes the text sections and assembles the document)."""

from __future__ import annotations

from homekit.domain.document import (
    Figure,
    Figures,
    Paragraph,
    Section,
)
from homekit.domain.photos import label
from homekit.domain.report import (
    ReportFacts,
    photo_key,
)
from homekit.words.base import control_free, plural
from homekit.words.help import PHOTO_GUIDANCE
from homekit.words.scales import REDNESS_SCALE_SHORT, REDNESS_SCALE_TEXT


def _chart_alts(facts: ReportFacts) -> tuple[str, str]:
    from homekit.words.base import progress_title

    series = facts.series
    done = series.session_dates
    if done:
        span = f"{plural(len(done), 'session')} from {done[0].isoformat()} to {done[-1].isoformat()}"
    else:
        span = "no session yet"
    plan = (f"; the plan adds {plural(len(series.plan_dates) - 1, 'session')} to "
            f"{series.plan_dates[-1].isoformat()}" if len(series.plan_dates) > 1 else "")
    progress = (f"Progress chart: sessions done over time ({span}) against the target of "
                f"{series.target}{plan}. {progress_title(series)}.")
    points = series.redness
    if points:
        worst = max(points, key=lambda p: (p.severity, p.session_date))
        lasting = sum(1 for p in points if p.lasting)
        redness = (f"Redness chart: the worst redness after each of {plural(len(points), 'session')}"
                   f" on the scale {REDNESS_SCALE_SHORT}, and the minutes "
                   f"it took to fade. Highest: {worst.severity} {worst.severity_word} on "
                   f"{worst.session_date.isoformat()}; {plural(lasting, 'session')} with redness "
                   f"that lasted or was still there.")
    else:
        redness = "Redness chart: no redness recorded yet."
    return control_free(progress), control_free(redness)


def charts_section(facts: ReportFacts) -> list[Section]:
    progress, redness = _chart_alts(facts)
    return [Section("Charts", (
        Figure("chart:progress", progress, "Sessions done, the target and the plan."),
        Figure("chart:redness", redness,
               "The worst redness after each session, and how long it took to fade."),
        Paragraph(REDNESS_SCALE_TEXT + "."),
    ), new_page=True)]


def photos_section(facts: ReportFacts) -> list[Section]:
    if not facts.photo_pairs:
        return []
    out = [Section("First and latest photo of each area and view", (Paragraph(PHOTO_GUIDANCE),),
                   new_page=True)]
    for first, last in facts.photo_pairs:
        area = control_free(label(first))
        group = "area and view" if first.view else "area"
        figures = [Figure(photo_key(first.id),
                          f"Photo of the {area} taken on {first.taken_on.isoformat()}, the first "
                          f"of this {group} ({first.width} by {first.height} pixels).",
                          f"{first.taken_on.isoformat()} \u00b7 first photo")]
        if last is not None:
            gap = (last.taken_on - first.taken_on).days
            figures.append(Figure(
                photo_key(last.id),
                f"Photo of the {area} taken on {last.taken_on.isoformat()}, the latest of this "
                f"{group}, {plural(gap, 'day')} after the first ({last.width} by {last.height} "
                "pixels).",
                f"{last.taken_on.isoformat()} \u00b7 latest \u00b7 {plural(gap, 'day')} later"))
        out.append(Section(area.capitalize(), (Figures(tuple(figures)),), level=3))
    return out
