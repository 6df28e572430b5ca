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

import sys
from array import array
from pathlib import Path
from typing import Any

from homekit.domain import validate
from homekit.domain.errors import InvalidInput, NotFound
from homekit.domain.models import DEFAULT_PROFILE, Profile, Session, SessionImport
from homekit.domain.treatments import Mark
from homekit.transfer import rows, rows_extras
from homekit.transfer.formats import COMPARED_FIELDS
from homekit.transfer.import_plan import BadImportData as BadImportData
from homekit.transfer.import_plan import ImportPlan as ImportPlan
from homekit.transfer.import_plan import ImportReport as ImportReport
from homekit.transfer.import_plan import ImportRuleViolation as ImportRuleViolation
from homekit.transfer.import_plan import ImportTarget as ImportTarget
from homekit.transfer.import_plan import Problem as Problem
from homekit.transfer.import_plan import Source as Source
from homekit.transfer.import_rules import rule_problems
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
                name = validate.profile_name(rows._text(written, "profile_name"))
                profile = rows.profile_settings(name, raw.settings, stamp, text=raw.text)
            except InvalidInput as exc:
                problems.append(Problem(file.line(raw.ref), "", exc, of_profile=True))
                continue
            try:
                kept, used = rows_extras.profile_extras(raw.settings, raw.text)
            except InvalidInput as exc:
                problems.append(Problem(file.line(raw.ref), "", exc, of_profile=True))
                continue
            key = validate.name_key(name)
            settings[key] = profile  # a profile without sessions is carried over too
            if key in targets and not targets[key].exists:
                targets[key].profile = profile  # the last settings written win
            target = _target(hk, targets, settings, profile.name, stamp)
            target.treatments, target.products = kept, used
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
            problems.append(Problem(file.line(raw.ref), date_text, exc))
            continue
        same = target.stored.get((item.draft.session_date, item.draft.treatment))
        fields = compared if file.kind == "csv" else COMPARED_FIELDS & raw.values.keys()
        if same is not None and _identical(same, item, fields):
            continue
        if id(target) not in index:
            index[id(target)] = list(targets.values()).index(target)
        plan.slots[-1] = index[id(target)]
        target.dates.append(item.draft.session_date.toordinal())
        target.refs.append(raw.ref)
        target.observations += len(item.redness)
        target.kinds.append(sys.intern(item.draft.treatment))
        target.depths.append(item.draft.depth_mm)
        target.areas.append(item.draft.areas)
    for target in targets.values():
        problems.extend(rule_problems(file, target))
    if problems:
        _refuse(file, plan.total, problems)
    return plan


def _target(hk: Source, targets: dict[str, ImportTarget], settings: dict[str, Profile],
            written: Any, stamp: str) -> ImportTarget:
    name = hk.profile_name() if written is None else validate.profile_name(
        rows._text(written, "profile_name"))
    key = validate.name_key(name)  # "Ana" and "ana" are one profile
    if key in targets:
        return targets[key]
    stored = hk.stored_log(name)
    if stored is not None:
        target = ImportTarget(stored[0], True, {(s.session_date, s.treatment): s
                                                for s in stored[1]})
        target.settings = hk.stored_settings(stored[0].id)
        target.stored_marks = [Mark(None, s.session_date, s.treatment, s.depth_mm, s.areas)
                               for s in stored[1]]
    elif key in settings:
        target = ImportTarget(settings[key], False)
    elif written is None and name != DEFAULT_PROFILE:
        raise NotFound(code="unknown_profile", name=name)
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
        "treatment": d.treatment, "depth_mm": d.depth_mm, "despite": d.despite,
    }
    theirs = {
        "start_time": stored.start_time, "duration_min": stored.duration_min,
        "areas": stored.areas, "device_level": stored.device_level,
        "glasses_worn": stored.glasses_worn, "stinging": stored.stinging, "notes": stored.notes,
        "redness": sorted((r.observed_at, r.severity, r.faded_after_min, r.notes)
                          for r in stored.redness),
        "treatment": stored.treatment, "depth_mm": stored.depth_mm, "despite": stored.despite,
    }
    return all(mine[f] == theirs[f] for f in fields)


def _refuse(file: ImportFile, total: int, problems: list[Problem]) -> None:
    problems.sort(key=lambda p: p.line)
    if any(not p.rule for p in problems):
        raise BadImportData(file.short, total, problems)
    raise ImportRuleViolation(file.short, total, problems)
