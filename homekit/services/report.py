"""The report for a skin professional: facts gathered here, words in homekit.words, PDF in
homekit.charts.report; written owner-only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from homekit.domain import rules
from homekit.services.photos import PhotosService, refuse_existing_output
from homekit.services.status import StatusService

if TYPE_CHECKING:
    from homekit.domain.report import ReportFacts
    from homekit.services.outcomes import ReportFile


class ReportService(PhotosService, StatusService):
    def report_facts(self, since: dt.date | None = None, until: dt.date | None = None) -> ReportFacts:
        from homekit.domain import photos as photo_rules
        from homekit.domain.report import ReportFacts, in_period, warnings_of

        profile = self.profile()
        everything = self.history(newest_first=False)  # each with its number (Session.number)
        chosen = [s for s in everything if in_period(s.session_date, since, until)]
        photos = [p for p in self.photos() if in_period(p.taken_on, since, until)]
        dates = [s.session_date for s in everything]
        return ReportFacts(
            profile=profile,
            status=self.status(),
            since=since,
            until=until,
            sessions=tuple(chosen),
            warnings=tuple(warnings_of(chosen, self.now(), everything)),
            photo_pairs=tuple(photo_rules.first_and_latest_by_area(photos)),
            photo_count=len(photos),
            planned_dates=tuple(rules.planned_dates(dates, profile.min_interval_days,
                                                    profile.target_sessions, self.today())),
        )

    def report_bytes(self, since: dt.date | None = None,
                     until: dt.date | None = None) -> tuple[bytes, int, ReportFacts]:
        from homekit import words
        from homekit.charts.report import render_report
        from homekit.domain.series import chart_series

        facts = self.report_facts(since, until)
        text = words.report_text(facts)
        series = chart_series(facts.profile, facts.sessions, self.now())
        images = [[self.photo_bytes(p.id) for p in pair if p is not None]
                  for pair in facts.photo_pairs]
        data, pages = render_report(text, series, images)  # type: ignore[arg-type]
        return data, pages, facts

    def write_report(self, path: Path, *, since: dt.date | None = None,
                     until: dt.date | None = None, force: bool = False) -> ReportFile:
        from homekit.services.outcomes import ReportFile
        from homekit.storage.files import write_private

        target = refuse_existing_output(path, force)
        data, pages, facts = self.report_bytes(since, until)
        write_private(target, data)
        return ReportFile(target, pages, len(facts.sessions), facts.photo_count)
