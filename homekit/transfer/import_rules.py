"""The import's rules per treatment: each session to insert against its treatment's interval
(its nearest neighbours of that treatment, in the file and stored) and, when it resurfaces,
the conflict windows (the resurfacing sessions of other treatments within the window)."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import replace
from typing import Any

from homekit.domain import treatments
from homekit.domain.errors import InvalidInput, RuleViolation
from homekit.domain.treatments import Mark
from homekit.transfer.import_plan import ImportTarget, Problem
from homekit.transfer.reader import ImportFile


def rule_problems(file: ImportFile, target: ImportTarget) -> list[Problem]:
    """Each session to insert against its treatment's interval (its nearest neighbours of
    that treatment, in the file and stored) and, when it resurfaces, the conflict windows
    (the resurfacing sessions of other treatments within the window)."""
    problems = _unknown_treatments(file, target)
    problems += _interval_problems(file, target)
    problems += _window_problems(file, target)
    problems.sort(key=lambda p: p.line)
    return problems


def _unknown_treatments(file: ImportFile, target: ImportTarget) -> list[Problem]:
    known = target.custom()
    return [Problem(file.line(target.refs[i]), dt.date.fromordinal(target.dates[i]).isoformat(),
                    InvalidInput(code="import_unknown_treatment", treatment=name,
                                 profile=target.profile.name))
            for i, name in enumerate(target.kinds)
            if not treatments.is_builtin(name) and name not in known]


def _file_mark(target: ImportTarget, i: int) -> treatments.Mark:
    return treatments.Mark(-1 - i, dt.date.fromordinal(target.dates[i]), target.kinds[i],
                           target.depths[i], target.areas[i])


def _other(file: ImportFile, target: ImportTarget, other: Mark) -> dict[str, Any]:
    """The facts naming the other session of a clash: its date, its line in the file (None:
    it is stored) and its id (None: a stored session not named by its id)."""
    stored = other.id is None or other.id >= 0
    return {"other": other.date, "other_id": other.id if stored else None,
            "other_line": None if stored else file.line(target.refs[-1 - (other.id or 0)])}


def _interval_problems(file: ImportFile, target: ImportTarget) -> list[Problem]:
    dates = target.dates
    problems = []
    for name in dict.fromkeys(target.kinds):
        mine = [i for i, k in enumerate(target.kinds) if k == name]
        # Sorted by date, file order on a tie; line numbers are looked up only for a message.
        order = sorted(mine, key=dates.__getitem__)
        stored = sorted((m for m in target.stored_marks if m.treatment == name),
                        key=lambda m: m.date)
        stored_days = [m.date for m in stored]
        own = target.interval(name)
        for i, at in enumerate(order):
            candidate = _file_mark(target, at)
            near: dict[dt.date, treatments.Mark] = {}  # file neighbours first: stored wins
            for j in (i + 1, i - 1):
                if 0 <= j < len(order):
                    near[dt.date.fromordinal(dates[order[j]])] = _file_mark(target, order[j])
            k = bisect.bisect_left(stored_days, candidate.date)
            for m in stored[max(0, k - 1): k + 1]:
                near[m.date] = m
            clash = treatments.interval_clash(replace(candidate, id=None), near.values(), own)
            if clash is None:
                continue
            problems.append(Problem(
                file.line(target.refs[at]), candidate.date.isoformat(),
                RuleViolation(code="import_too_close", date=candidate.date, treatment=name,
                              profile=target.profile.name, interval=clash.interval_days,
                              **_other(file, target, clash.other)), rule=True))
    return problems


def _window_problems(file: ImportFile, target: ImportTarget) -> list[Problem]:
    marks = [_file_mark(target, i) for i in range(len(target.dates))]
    resurfacing = sorted((m for m in [*marks, *target.stored_marks]
                          if treatments.is_resurfacing(m.treatment, m.depth_mm)),
                         key=lambda m: m.date)
    days = [m.date for m in resurfacing]
    reach = dt.timedelta(days=treatments.CONFLICT_WINDOW_DAYS - 1)
    problems = []
    for m in marks:
        if not treatments.is_resurfacing(m.treatment, m.depth_mm):
            continue
        low = bisect.bisect_left(days, m.date - reach)
        high = bisect.bisect_right(days, m.date + reach)
        clash = treatments.window_clash(m, [o for o in resurfacing[low:high] if o is not m])
        if clash is None:
            continue
        problems.append(Problem(
            file.line(target.refs[-1 - (m.id or 0)]), m.date.isoformat(),
            RuleViolation(code="import_window_clash", date=m.date, treatment=m.treatment,
                          gap_days=clash.gap_days, other_treatment=clash.other.treatment,
                          areas=tuple(clash.areas), window=clash.window_days,
                          **_other(file, target, clash.other)), rule=True))
    return problems
