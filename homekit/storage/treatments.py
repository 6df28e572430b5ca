"""The treatments and products tables, and the sessions as the treatments' rules read them."""

from __future__ import annotations

import datetime as dt
import sqlite3

from homekit.domain.errors import InvalidInput, NotFound
from homekit.domain.treatments import Mark
from homekit.storage.core import StoreCore as Store

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from homekit.domain.treatments.uses import ProductUse

_MARK = "id, session_date, treatment, depth_mm, areas"
_PRODUCT = "id, used_on, kind, notes"


def _mark(row: sqlite3.Row | tuple) -> Mark:
    sid, day, treatment, depth, areas = row
    return Mark(sid, dt.date.fromisoformat(day), treatment, depth,
                tuple(a for a in areas.split(",") if a))


def _product(row: sqlite3.Row | tuple) -> ProductUse:
    from homekit.domain.treatments.uses import ProductUse  # (defined when a file holds one)

    pid, day, kind, notes = row
    return ProductUse(pid, dt.date.fromisoformat(day), kind, notes)


# -- sessions as marks ---------------------------------------------------------------

def marks_between(store: Store, profile_id: int, first: dt.date, last: dt.date,
                  exclude_id: int | None = None, treatment: str | None = None) -> list[Mark]:
    """The sessions dated `first` to `last` (one treatment's, or all), in date order: an
    index range."""
    if treatment is None:
        rows = store._q(
            f"SELECT {_MARK} FROM sessions WHERE profile_id = ? AND id IS NOT ? "
            "AND session_date BETWEEN ? AND ? ORDER BY session_date, id",
            (profile_id, exclude_id, first.isoformat(), last.isoformat()))
    else:
        rows = store._q(
            f"SELECT {_MARK} FROM sessions WHERE profile_id = ? AND treatment = ? "
            "AND id IS NOT ? AND session_date BETWEEN ? AND ? ORDER BY session_date, id",
            (profile_id, treatment, exclude_id, first.isoformat(), last.isoformat()))
    return [_mark(r) for r in rows]

def treatment_counts(store: Store, profile_id: int) -> dict[str, tuple[int, Mark]]:
    """Each treatment the profile has sessions of: how many, and its latest session."""
    found: dict[str, tuple[int, Mark]] = {}
    for name, count in store._q(
            "SELECT treatment, count(*) FROM sessions WHERE profile_id = ? "
            "GROUP BY treatment ORDER BY treatment", (profile_id,)):
        last = store._q(f"SELECT {_MARK} FROM sessions WHERE profile_id = ? AND treatment = ? "
                       "ORDER BY session_date DESC, id DESC LIMIT 1", (profile_id, name))[0]
        found[name] = (int(count), _mark(last))
    return found

def treatment_days(store: Store, profile_id: int) -> dict[dt.date, str]:
    """The dates of the sessions of another treatment than microdermabrasion, with it (two
    on one day: both, joined by '+'), for the redness chart's marks."""
    found: dict[dt.date, str] = {}
    for day, name in store._x(
            "SELECT session_date, treatment FROM sessions WHERE profile_id = ? "
            "AND treatment != 'microdermabrasion' ORDER BY session_date, id", (profile_id,)):
        key = dt.date.fromisoformat(day)
        found[key] = f"{found[key]}+{name}" if key in found else name
    return found

# -- a profile's treatments ----------------------------------------------------------

def treatment_settings(store: Store, profile_id: int) -> dict[str, tuple[bool, int | None, int | None]]:
    """The profile's rows of `treatments`: name -> (custom, interval, target)."""
    return {name: (bool(custom), interval, target) for name, custom, interval, target in
            store._q("SELECT name, custom, min_interval_days, target_sessions FROM treatments "
                    "WHERE profile_id = ? ORDER BY name", (profile_id,))}

def add_custom_treatment(store: Store, profile_id: int, name: str, interval: int,
                         created_at: str) -> None:
    cur = store._x(
        "INSERT INTO treatments (profile_id, name, custom, min_interval_days, created_at) "
        "VALUES (?, ?, 1, ?, ?) ON CONFLICT DO NOTHING",
        (profile_id, name, interval, created_at))
    if cur.rowcount == 0:
        raise InvalidInput(f"treatment {name!r} exists", code="treatment_exists",
                           name=name, builtin=False)

def set_treatment(store: Store, profile_id: int, name: str, created_at: str, *,
                  interval: int | None = None, target: int | None = None) -> None:
    """Set a built-in or custom treatment's interval or target for the profile (None:
    keep)."""
    store._x(
        "INSERT INTO treatments (profile_id, name, custom, min_interval_days, target_sessions, "
        "created_at) VALUES (?, ?, 0, ?, ?, ?) ON CONFLICT (profile_id, name) DO UPDATE SET "
        "min_interval_days = coalesce(excluded.min_interval_days, min_interval_days), "
        "target_sessions = coalesce(excluded.target_sessions, target_sessions)",
        (profile_id, name, interval, target, created_at))

# -- products ------------------------------------------------------------------------

def insert_product(store: Store, profile_id: int, used_on: dt.date, kind: str, notes: str,
                   created_at: str) -> ProductUse:
    cur = store._x("INSERT INTO products (profile_id, kind, used_on, notes, created_at) "
                  "VALUES (?, ?, ?, ?, ?)",
                  (profile_id, kind, used_on.isoformat(), notes, created_at))
    return product(store, int(cur.lastrowid or 0))

def product(store: Store, product_id: int, profile_id: int | None = None) -> ProductUse:
    rows = store._q(f"SELECT {_PRODUCT} FROM products WHERE id = ? "
                   "AND (? IS NULL OR profile_id = ?)", (product_id, profile_id, profile_id))
    if not rows:
        raise NotFound(f"no product use with id {product_id}", code="unknown_product",
                       id=product_id)
    return _product(rows[0])

def products(store: Store, profile_id: int, first: dt.date | None = None,
             last: dt.date | None = None) -> list[ProductUse]:
    """The product uses from `first` to `last` (None: no bound), oldest first."""
    rows = store._q(
        f"SELECT {_PRODUCT} FROM products WHERE profile_id = ? AND used_on >= ? "
        "AND used_on <= ? ORDER BY used_on, id",
        (profile_id, (first or dt.date.min).isoformat(), (last or dt.date.max).isoformat()))
    return [_product(r) for r in rows]

def delete_product(store: Store, product_id: int) -> None:
    cur = store._x("DELETE FROM products WHERE id = ?", (product_id,))
    if cur.rowcount == 0:
        raise NotFound(f"no product use with id {product_id}", code="unknown_product",
                       id=product_id)

# -- export and import -----------------------------------------------------------------

def profile_extras(store: Store, profile_id: int) -> dict[str, list[dict[str, object]]]:
    """A profile's treatments rows and product uses, as the export formats carry them."""
    treatments = [
        {"name": name, "custom": bool(custom), "min_interval_days": interval,
         "target_sessions": target, "created_at": created}
        for name, custom, interval, target, created in store._q(
            "SELECT name, custom, min_interval_days, target_sessions, created_at "
            "FROM treatments WHERE profile_id = ? ORDER BY name", (profile_id,))]
    products = [
        {"used_on": used_on, "kind": kind, "notes": notes, "created_at": created}
        for used_on, kind, notes, created in store._q(
            "SELECT used_on, kind, notes, created_at FROM products WHERE profile_id = ? "
            "ORDER BY used_on, id", (profile_id,))]
    return {"treatments": treatments, "products": products}

def import_extras(store: Store, profile_id: int, treatments: list[dict[str, object]],
                  products: list[dict[str, object]]) -> None:
    """Store an import's treatments rows (a stored one keeps its values where the file
    gives none) and product uses (an identical stored use is not stored twice)."""
    for t in treatments:
        store._x(
            "INSERT INTO treatments (profile_id, name, custom, min_interval_days, "
            "target_sessions, created_at) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (profile_id, name) DO UPDATE SET "
            "min_interval_days = coalesce(excluded.min_interval_days, min_interval_days), "
            "target_sessions = coalesce(excluded.target_sessions, target_sessions)",
            (profile_id, t["name"], int(bool(t["custom"])), t["min_interval_days"],
             t["target_sessions"], t["created_at"]))
    for p in products:
        store._x(
            "INSERT INTO products (profile_id, kind, used_on, notes, created_at) "
            "SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM products WHERE "
            "profile_id = ? AND kind = ? AND used_on = ? AND notes = ?)",
            (profile_id, p["kind"], p["used_on"], p["notes"], p["created_at"],
             profile_id, p["kind"], p["used_on"], p["notes"]))
