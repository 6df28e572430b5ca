"""Treatments, conflict windows and products in words: refusals, lists, a session's label."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from homekit.domain import treatments as t
from homekit.domain.errors import HomekitError
from homekit.words.base import in_days, plural
from homekit.words.errors import _ERRORS
from homekit.words.undo import UNDO_HINT_CLI

#: Where the floors come from: shown by `treatment list` and the guide.
FLOOR_NOTE = ("The floors come from dermatology and device guidance; a profile may lengthen "
              "them, never shorten them")
#: What homekit is: said wherever a hold is explained.
INFORMS = "homekit informs and holds back; it never diagnoses"


def depth_text(depth: float | None) -> str:
    return "" if depth is None else f"{depth:g} mm"


def treatment_label(treatment: str, depth: float | None = None) -> str:
    """`microneedling 0.5 mm`, `peel`."""
    return f"{treatment} {depth_text(depth)}" if depth is not None else treatment


def floor_text(name: str) -> str:
    """A treatment's floor as `treatment list` shows it."""
    if name == t.MICRONEEDLING:
        tiers = ", ".join(f"up to {deepest:g} mm {days} days" for deepest, days in
                          t.NEEDLING_FLOORS)
        return f"{tiers}; deeper than {t.MAX_DEPTH_MM:g} mm is not a home treatment"
    days = t.floor_days(name)
    return f"{days} day{'s' if days != 1 else ''}"


def despite_text(kinds: tuple[str, ...] | list[str]) -> str:
    """`logged despite a retinoid and an acid`, or ''."""
    if not kinds:
        return ""
    return "logged despite " + " and ".join(_a(k) for k in kinds)


def _a(kind: str) -> str:
    return f"an {kind}" if kind[:1] in "aeiou" else f"a {kind}"


NO_PRODUCTS = "No product use logged yet (homekit product log KIND)."


def treatment_lines(found: list[t.Treatment]) -> list[str]:
    """`treatment list`: each treatment, its floor, this profile's interval and target."""
    lines = []
    width = max(len(x.name) for x in found) + 2
    for x in found:
        own = f"; this profile: {x.interval_days} days" if (
            x.interval_days and x.interval_days > x.floor_days) else ""
        target = f"; target {x.target_sessions}" if x.target_sessions else ""
        what = "resurfacing" if t.is_resurfacing(x.name, t.MAX_DEPTH_MM) else "not resurfacing"
        if x.name == t.MICRONEEDLING:
            what = f"resurfacing from {t.RESURFACING_DEPTH_MM:g} mm"
        floor = floor_text(x.name) if x.builtin else f"{x.floor_days} days (your own)"
        lines.append(f"{x.name:<{width}}{floor}{own}{target}; {what}")
    lines.append("")
    lines.append(f"Resurfacing treatments stay {t.CONFLICT_WINDOW_DAYS} days apart on the same "
                 f"area; a retinoid or an acid holds them back for {t.PRODUCT_HOLD_DAYS} days. "
                 f"{FLOOR_NOTE}; {INFORMS}.")
    return lines


def treatment_added(x: t.Treatment) -> str:
    return (f"Added treatment {x.name}: at least {plural(x.min_interval_days, 'day')} between "
            f"two of its sessions (log one: homekit log --treatment {x.name})")


def treatment_changed(x: t.Treatment) -> str:
    target = f"target {x.target_sessions} sessions" if x.target_sessions else "no target"
    return (f"{x.name}: at least {plural(x.min_interval_days, 'day')} between sessions, "
            f"{target}")


def product_logged(p: t.ProductUse) -> str:
    return f"Logged product use {product_line(p)}"


def delete_product_question(p: t.ProductUse) -> str:
    return f"Delete the product use {product_line(p)}? [y/N] "


def product_deleted(p: t.ProductUse) -> str:
    return f"Deleted the {p.kind} use of {p.used_on} (id {p.id}). {UNDO_HINT_CLI}"


def product_line(p: t.ProductUse) -> str:
    held = p.kind in t.HOLDING_KINDS
    tail = (f"holds resurfacing sessions until {t.clears_on(p.used_on)}" if held
            else "recorded; holds nothing back")
    notes = f"  {p.notes}" if p.notes else ""
    return f"id {p.id}  {p.used_on}  {p.kind:<8}  {tail}{notes}"


def standing_line(s: t.Standing, today: dt.date) -> str:
    """`peel: 2 sessions, last 2026-11-20; next 2026-12-04 (in 9 days): conflict, product`."""
    done = f"{s.sessions_done} session{'s' if s.sessions_done != 1 else ''}"
    if s.target_sessions:
        done += f" of {s.target_sessions}"
    last = f", last {s.last_session_date}" if s.last_session_date else ""
    if s.eligible_now:
        nxt = "eligible today"
    else:
        day = s.next_eligible_date
        when = (f"next {day} ({in_days((day - today).days)})" if day and day > today
                else "held")
        nxt = f"{when}: {', '.join(s.blocked_by)}"
    return f"{s.name}: {done}{last}; {nxt}"


def _conflict(f: Mapping[str, object], exc: HomekitError) -> str:
    clash = f["clash"]
    assert isinstance(clash, t.WindowClash)
    other, attempted = clash.other, clash.attempted
    areas = ", ".join(clash.areas) if clash.areas else "every area"
    side = "after" if attempted.date >= other.date else "before"
    gap = clash.gap_days
    number = f.get("session_number")
    named = f"session {number} " if number else ""
    head = (f"refused: {treatment_label(attempted.treatment, attempted.depth_mm)} on "
            f"{attempted.date} is {gap} day{'s' if gap != 1 else ''} {side} "
            f"{treatment_label(other.treatment, other.depth_mm)} ({named}on {other.date}) "
            f"on {areas}; resurfacing treatments stay {clash.window_days} days apart on the "
            "same area.")
    if side == "after":
        return f"{head} It clears on {clash.clears_on}."
    return f"{head} Choose an earlier date, or another area."


def _hold(f: Mapping[str, object], exc: HomekitError) -> str:
    hold = f["hold"]
    assert isinstance(hold, t.ProductHold)
    holds = list(f.get("holds") or [hold])  # type: ignore[call-overload]
    kinds = " ".join(f"--despite {k}" for k in dict.fromkeys(h.product.kind for h in holds))
    used = "; ".join(f"{h.product.kind} used on {h.product.used_on}" for h in holds)
    clears = max(h.clears_on for h in holds)
    head = (f"held: {used}, within {t.PRODUCT_HOLD_DAYS} days before a resurfacing session on "
            f"{hold.session_date}; it clears on {clears}.")
    if f.get("app"):
        return head
    return f"{head} Wait until then, or log it anyway with {kinds} (recorded with the session)"


def hold_app(exc: HomekitError) -> str:
    """The app's hold dialog: the products and the day it clears (its buttons are the ways
    out)."""
    return _hold({**exc.facts, "app": True}, exc)


def known_names(f: Mapping[str, object]) -> str:
    return ", ".join(str(k) for k in f.get("known") or ())  # type: ignore[attr-defined]


_ERRORS.update({
    "unknown_treatment": lambda f, e: (
        f"unknown treatment {f['name']!r}; choose from: {known_names(f)} "
        "(add your own: homekit treatment add NAME --interval DAYS)"),
    "bad_treatment_name": (
        "treatment name {name!r} is not allowed: lower-case letters, digits and '-', "
        "a letter first, at most 40 characters"),
    "treatment_exists": lambda f, e: (
        f"{f['name']} is a built-in treatment" if f.get("builtin")
        else f"treatment {f['name']!r} already exists"),
    "bad_depth": (
        "depth {depth!r} is not a needle depth in millimetres (more than 0, two decimals at "
        "most, e.g. 0.25)"),
    "depth_too_deep": (
        "a needle depth of {depth:g} mm is deeper than {max_depth:g} mm: that is not a home "
        "treatment; see a skin professional"),
    "depth_missing": "microneedling needs the needle depth: --depth MM (e.g. 0.25)",
    "depth_not_needed": "{treatment} takes no depth; --depth is for microneedling",
    "interval_below_floor": lambda f, e: (
        f"an interval of {plural(int(f['days']), 'day')} is below the floor of "  # type: ignore[call-overload]
        f"{f['treatment']} ({plural(int(f['floor']), 'day')}); a profile may lengthen an "  # type: ignore[call-overload]
        "interval, never shorten it"),
    "unknown_product_kind": lambda f, e: (
        f"unknown product kind {f['kind']!r}; choose from: "
        f"{', '.join(t.PRODUCT_KINDS)} (retinoid: tretinoin, retinol, adapalene; acid: "
        "AHA/BHA exfoliants)"),
    "despite_not_holding": "--despite takes retinoid or acid: only those hold a session back",
    "unknown_product": "no product use with id {id} (see: homekit product list)",
    "treatment_conflict": _conflict,
    "product_hold": _hold,
})


def treatments_app(standings: list[t.Standing], today: dt.date) -> str:
    """The dashboard's line of treatments: `Treatments: peel 2026-12-11 (conflict) · led now`;
    empty while microdermabrasion is the only one in use."""
    if all(s.name == t.DEFAULT_TREATMENT for s in standings):
        return ""
    parts = []
    for s in standings:
        if s.eligible_now:
            parts.append(f"{s.name} now")
        elif s.next_eligible_date and s.next_eligible_date > today:
            parts.append(f"{s.name} {s.next_eligible_date} ({', '.join(s.blocked_by)})")
        else:
            parts.append(f"{s.name} held ({', '.join(s.blocked_by)})")
    return "Treatments: " + " · ".join(parts)


LOG_TREATMENT = "Treatment"
LOG_DEPTH = "Needle depth (mm)"
OTHER_TREATMENT = "Another treatment"
CHOOSE_AREAS = "Other areas"
CONFLICT_AREAS_NOTE = ("With no area chosen a session covers every area; on other areas the "
                       "window does not apply.")
HOLD_TITLE = "A product holds this session back"
HOLD_WAIT = "Wait"
HOLD_ANYWAY = "Log it anyway"
HOLD_NOTE = ("Logging it anyway records your choice with the session (history, detail and "
             f"report show it). {INFORMS[0].upper()}{INFORMS[1:]}.")
