"""Import: check every row, then store all of them in one transaction, or none.

Sessions identical to stored ones (same profile and date, same values in every column the
file has, `created_at` aside) are skipped, so importing a file twice adds nothing. The weekly
rule is checked against the stored log and within the file with `rules.find_conflict`, given
only each date's nearest neighbours, so a 100,000-session file is checked in n log n.

Two passes over the file, so memory does not grow with it: the first checks every row and
keeps only the dates (small) of the sessions to insert; the second reads the rows again and
inserts them in batches, inside the one transaction.
"""

from __future__ import annotations

import bisect
import datetime as dt
from array import array
from pathlib import Path
from typing import Any

from homekit.domain import rules, validate
from homekit.domain.errors import InvalidInput, NotFound
from homekit.domain.models import DEFAULT_PROFILE, Profile, Session, SessionImport
from homekit.transfer import rows
from homekit.transfer.formats import COMPARED_FIELDS
from homekit.transfer.import_plan import BadImportData as BadImportData
from homekit.transfer.import_plan import ImportPlan as ImportPlan
from homekit.transfer.import_plan import ImportReport as ImportReport
from homekit.transfer.import_plan import ImportRuleViolation as ImportRuleViolation
from homekit.transfer.import_plan import ImportTarget as ImportTarget
from homekit.transfer.import_plan import Problem as Problem
from homekit.transfer.import_plan import Source as Source
from homekit.transfer.raw import RawProfile, Unsupported
from homekit.transfer.reader import ImportFile


def plan_import(source: Source, file: ImportFile, dry_run: bool) -> tuple[ImportPlan, ImportReport]:
    """Check every row of `file` against the stored log: what to insert, per profile."""
    try:
        plan = _plan(source, file)
    except Unsupported:  # not laid out as homekit writes JSON: read it whole
        plan = _plan(source, file.whole())
    return plan, _report(plan, dry_run)


def _report(plan: ImportPlan, dry_run: bool) -> ImportReport:
    report = ImportReport(Path(plan.file.name), dry_run, name=plan.file.short)
    for t in plan.targets.values():
        report.sessions_added += len(t.dates)
        report.observations_added += t.observations
        if not t.exists:
            report.profiles_created.append(t.profile.name)
    report.identical_skipped = plan.total - report.sessions_added
    return report


def _plan(hk: Source, file: ImportFile) -> ImportPlan:
    """Check every row, reading the file once; raise listing each bad one, or return the
    plan: per profile, the dates of the sessions to insert."""
    now = hk.now()
    plan = ImportPlan(file, {}, array("l"), now.isoformat(timespec="seconds"), now.date())
    targets, stamp = plan.targets, plan.stamp
    problems: list[Problem] = []
    settings: dict[str, Profile] = {}
    index: dict[int, int] = {}  # id(target) -> its place in `targets`
    compared = COMPARED_FIELDS & file.columns
    for raw in file.rows():
        if isinstance(raw, RawProfile):
            try:
                written = hk.profile_name() if raw.name is None and raw.text else raw.name
                name = validate.profile_name(rows._text(written, "profile name"))
                profile = rows.profile_settings(name, raw.settings, stamp, text=raw.text)
            except InvalidInput as exc:
                problems.append(Problem(file.line(raw.ref), "", f"profile: {exc}"))
                continue
            key = validate.name_key(name)
            settings[key] = profile  # a profile without sessions is carried over too
            if key in targets and not targets[key].exists:
                targets[key].profile = profile  # the last settings written win
            _target(hk, targets, settings, profile.name, stamp)
            continue
        plan.total += 1
        plan.slots.append(-1)
        date_text = str(raw.values.get("session_date") or "")
        if raw.problem:
            problems.append(Problem(file.line(raw.ref), date_text, raw.problem))
            continue
        try:
            target = _target(hk, targets, settings, raw.profile, stamp)
            item = rows.session(raw.values, plan.today, stamp)
        except NotFound:
            raise
        except InvalidInput as exc:
            problems.append(Problem(file.line(raw.ref), date_text, str(exc)))
            continue
        same = target.stored.get(item.draft.session_date)
        fields = compared if file.kind == "csv" else COMPARED_FIELDS & raw.values.keys()
        if same is not None and _identical(same, item, fields):
            continue
        if id(target) not in index:
            index[id(target)] = list(targets.values()).index(target)
        plan.slots[-1] = index[id(target)]
        target.dates.append(item.draft.session_date.toordinal())
        target.refs.append(raw.ref)
        target.observations += len(item.redness)
    for target in targets.values():
        problems.extend(_rule_problems(file, target))
    if problems:
        _refuse(file, plan.total, problems)
    return plan


def _target(hk: Source, targets: dict[str, ImportTarget], settings: dict[str, Profile],
            written: Any, stamp: str) -> ImportTarget:
    name = hk.profile_name() if written is None else validate.profile_name(
        rows._text(written, "profile name"))
    key = validate.name_key(name)  # "Ana" and "ana" are one profile
    if key in targets:
        return targets[key]
    stored = hk.stored_log(name)
    if stored is not None:
        target = ImportTarget(stored[0], True, {s.session_date: s for s in stored[1]})
    elif key in settings:
        target = ImportTarget(settings[key], False)
    elif written is None and name != DEFAULT_PROFILE:
        raise NotFound(f"unknown profile {name!r}", code="unknown_profile", name=name)
    else:
        target = ImportTarget(rows.profile_settings(name, None, stamp), False)
    targets[key] = target
    return target


def _identical(stored: Session, item: SessionImport, fields: set[str] | frozenset[str]) -> bool:
    d = item.draft
    mine = {
        "start_time": d.start_time, "duration_min": d.duration_min, "areas": d.areas,
        "device_level": d.device_level, "glasses_worn": d.glasses_worn,
        "stinging": d.stinging, "notes": d.notes,
        "redness": sorted((r.observed_at, r.severity, r.faded_after_min, r.notes)
                          for r in item.redness),
    }
    theirs = {
        "start_time": stored.start_time, "duration_min": stored.duration_min,
        "areas": stored.areas, "device_level": stored.device_level,
        "glasses_worn": stored.glasses_worn, "stinging": stored.stinging, "notes": stored.notes,
        "redness": sorted((r.observed_at, r.severity, r.faded_after_min, r.notes)
                          for r in stored.redness),
    }
    return all(mine[f] == theirs[f] for f in fields)


def _rule_problems(file: ImportFile, target: ImportTarget) -> list[Problem]:
    interval = target.profile.min_interval_days
    stored = sorted(target.stored)
    dates, refs = target.dates, target.refs
    # Sorted by date, file order on a tie; line numbers are looked up only for a message.
    order = sorted(range(len(dates)), key=dates.__getitem__)
    problems = []
    for i, at in enumerate(order):
        day = dt.date.fromordinal(dates[at])
        near: dict[dt.date, Any] = {}  # candidate date -> its row's ref, or None if stored
        for j in (i + 1, i - 1):  # file neighbours first, so a stored date keeps None
            if 0 <= j < len(order):
                near[dt.date.fromordinal(dates[order[j]])] = refs[order[j]]
        k = bisect.bisect_left(stored, day)
        for d in stored[max(0, k - 1): k + 1]:
            near[d] = None
        conflict = rules.find_conflict(day, near, interval)
        if conflict is None:
            continue
        when = conflict.conflicting.isoformat()
        other_ref = near[conflict.conflicting]
        other = (f"the stored session on {when}" if other_ref is None
                 else f"the session on {when} (line {file.line(other_ref)})")
        if conflict.gap_days == 0:
            where = (f"a different session is already stored on {when}" if other_ref is None
                     else f"{other} has the same date")
        else:
            where = f"{conflict.relation} {other}"
        problems.append(Problem(
            file.line(refs[at]), day.isoformat(),
            f"{where}; sessions of {target.profile.name} must be at least {interval} days apart",
            rule=True,
        ))
    return problems


#: A refused import lists this many problems, then says how many more there are (a whole log
#: written with the wrong dates would otherwise print one line per session: megabytes).
LISTED_PROBLEMS = 50


def _refuse(file: ImportFile, total: int, problems: list[Problem]) -> None:
    problems.sort(key=lambda p: p.line)
    bad_rows = len({p.line for p in problems})
    head = (f"import refused, nothing was stored: {bad_rows} row{'s' if bad_rows != 1 else ''} "
            f"of {total} in {file.short} {'have' if bad_rows != 1 else 'has'} a problem")
    listed = [head, *map(str, problems[:LISTED_PROBLEMS])]
    if len(problems) > LISTED_PROBLEMS:
        listed.append(f"... and {len(problems) - LISTED_PROBLEMS} more "
                      f"(the first {LISTED_PROBLEMS} are listed)")
    message = "\n  ".join(listed)
    if any(not p.rule for p in problems):
        raise BadImportData(message, problems)
    raise ImportRuleViolation(message, problems)
