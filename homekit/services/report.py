"""The report for a skin professional: facts gathered here, words in homekit.words.report
(handed in by the caller: the services speak no sentences), the PDF in homekit.charts.report
(charts) and homekit.charts.pdf_writer (fpdf2); written owner-only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from homekit.domain import rules

if TYPE_CHECKING:
    from homekit.domain.document import Document
    from homekit.domain.report import ReportFacts
    from homekit.services.context import Context
    from homekit.services.outcomes import ReportFile
    from homekit.services.photos import Photos
    from homekit.services.sessions import Sessions
    from homekit.services.status import Status

    #: What puts the report's facts into words (homekit.words.report.report_document).
    Wording = Callable[[ReportFacts], Document]


class Report:
    """The report's facts, and the PDF drawn from them and the words the caller gives."""

    def __init__(self, ctx: Context, status: Status, sessions: Sessions, photos: Photos) -> None:
        self.ctx = ctx
        self.status = status
        self.sessions = sessions
        self.photos = photos

    def report_facts(self, since: dt.date | None = None, until: dt.date | None = None,
                     full: bool = False) -> ReportFacts:
        """What the report shows; `full`: every session row by row (no summaries)."""
        from homekit.domain import photos as photo_rules
        from homekit.domain.report import ReportFacts, in_period, warnings_of
        from homekit.domain.series import chart_series

        profile = self.ctx.profile()
        everything = self.sessions.history(newest_first=False)  # each with its number (Session.number)
        chosen = [s for s in everything if in_period(s.session_date, since, until)]
        photos = [p for p in self.photos.photos() if in_period(p.taken_on, since, until)]
        dates = [s.session_date for s in everything]
        return ReportFacts(
            profile=profile,
            status=self.status.status(),
            since=since,
            until=until,
            sessions=tuple(chosen),
            warnings=tuple(warnings_of(chosen, self.ctx.now(), everything)),
            series=chart_series(profile, chosen, self.ctx.now()),
            photo_pairs=tuple(photo_rules.first_and_latest_by_area(photos)),
            photo_count=len(photos),
            planned_dates=tuple(rules.planned_dates(dates, profile.min_interval_days,
                                                    profile.target_sessions, self.ctx.today())),
            first_session_date=dates[0] if dates else None,
            full=full,
        )

    def report_bytes(self, wording: Wording, since: dt.date | None = None,
                     until: dt.date | None = None,
                     full: bool = False) -> tuple[bytes, int, ReportFacts]:
        """The PDF, its page count and its facts; `wording` puts the facts into words
        (`homekit.words.report.report_document`)."""
        from homekit.charts.report import render_report
        from homekit.domain.report import photo_key

        facts = self.report_facts(since, until, full)
        doc = wording(facts)
        photos = {photo_key(p.id): self.photos.photo_bytes(p.id)
                  for pair in facts.photo_pairs for p in pair if p is not None}
        data, pages = render_report(doc, facts.series, photos)
        return data, pages, facts

    def write_report(self, path: Path | str, wording: Wording, *, since: dt.date | None = None,
                     until: dt.date | None = None, force: bool = False,
                     full: bool = False) -> ReportFile:
        """Write the PDF to `path` (homekit.files: `-`, a device, a new or, with `force`, an
        existing file); the full path is in what it returns."""
        from homekit.files import check_output, write_output
        from homekit.services.outcomes import ReportFile

        check_output(path, replace=force)
        data, pages, facts = self.report_bytes(wording, since, until, full)
        target = write_output(path, data, replace=force)
        return ReportFile(target, pages, len(facts.sessions), facts.photo_count)
