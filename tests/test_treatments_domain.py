"""The treatments' rules in the domain: floors, depths, windows, product holds, standing."""

from __future__ import annotations

import datetime as dt

import pytest

from homekit.domain import treatments as t
from homekit.domain.errors import InvalidInput

D = dt.date(2026, 11, 1)


def day(n: int) -> dt.date:
    return D + dt.timedelta(days=n)


def mark(n: int, treatment: str = "microdermabrasion", depth: float | None = None,
         areas: tuple[str, ...] = (), sid: int | None = None) -> t.Mark:
    return t.Mark(sid if sid is not None else 100 + n, day(n), treatment, depth, areas)


@pytest.mark.parametrize(("treatment", "depth", "floor"), [
    ("microdermabrasion", None, 7), ("peel", None, 14), ("dermaplaning", None, 21),
    ("led", None, 1), ("microneedling", 0.2, 3), ("microneedling", 0.3, 3),
    ("microneedling", 0.31, 14), ("microneedling", 0.5, 14), ("microneedling", 0.75, 28),
    ("microneedling", 1.0, 28),
])
def test_floors(treatment: str, depth: float | None, floor: int) -> None:
    assert t.floor_days(treatment, depth) == floor


def test_depth_deeper_than_a_millimetre_is_refused_with_facts() -> None:
    with pytest.raises(InvalidInput) as caught:
        t.parse_depth("1.5")
    assert caught.value.code == "depth_too_deep" and caught.value.exit_code == 2
    assert caught.value.facts == {"depth": 1.5, "max_depth": 1.0}
    assert t.parse_depth("0.25") == 0.25 and t.parse_depth("1.0mm") == 1.0
    for bad in ("0", "-0.5", "abc", "0.123", ""):
        with pytest.raises(InvalidInput) as caught:
            t.parse_depth(bad)
        assert caught.value.code == "bad_depth"


def test_depth_only_and_always_for_microneedling() -> None:
    with pytest.raises(InvalidInput) as caught:
        t.session_depth("microneedling", None)
    assert caught.value.code == "depth_missing"
    with pytest.raises(InvalidInput) as caught:
        t.session_depth("peel", 0.5)
    assert caught.value.code == "depth_not_needed"
    assert t.session_depth("microneedling", 0.5) == 0.5
    assert t.session_depth("led", None) is None


def test_a_profile_lengthens_an_interval_never_shortens_it() -> None:
    assert t.check_interval("peel", 20) == 20
    with pytest.raises(InvalidInput) as caught:
        t.check_interval("peel", 13)
    assert caught.value.code == "interval_below_floor"
    assert caught.value.facts["floor"] == 14
    assert t.check_interval("microneedling", 3) == 3  # the shallowest depth's floor
    with pytest.raises(InvalidInput):
        t.check_interval("dermaplaning", 7)
    with pytest.raises(InvalidInput):
        t.check_interval("my-mask", 0)
    assert t.check_interval("my-mask", 1) == 1


def test_names() -> None:
    assert t.treatment_name("PEEL") == "peel"
    assert t.treatment_name("my-mask", ["my-mask"]) == "my-mask"
    with pytest.raises(InvalidInput) as caught:
        t.treatment_name("laser")
    assert caught.value.code == "unknown_treatment"
    assert t.new_treatment_name("Gua-Sha") == "gua-sha"
    for bad, code in (("peel", "treatment_exists"), ("1x", "bad_treatment_name"),
                      ("a b", "bad_treatment_name"), ("x" * 41, "bad_treatment_name")):
        with pytest.raises(InvalidInput) as caught:
            t.new_treatment_name(bad)
        assert caught.value.code == code


@pytest.mark.parametrize(("treatment", "depth", "resurfacing"), [
    ("microdermabrasion", None, True), ("peel", None, True), ("dermaplaning", None, True),
    ("led", None, False), ("microneedling", 0.3, False), ("microneedling", 0.49, False),
    ("microneedling", 0.5, True), ("microneedling", 1.0, True), ("my-mask", None, False),
])
def test_resurfacing(treatment: str, depth: float | None, resurfacing: bool) -> None:
    assert t.is_resurfacing(treatment, depth) is resurfacing


def test_interval_is_per_treatment_and_the_larger_depth_floor_holds() -> None:
    # a peel 1 day after microdermabrasion is not an interval question
    assert t.interval_clash(mark(1, "peel"), [mark(0)]) is None
    clash = t.interval_clash(mark(10, "peel"), [mark(0, "peel"), mark(30, "peel")])
    assert clash is not None and clash.other.date == day(0) and clash.interval_days == 14
    # a shallow session 5 days after a 1.0 mm one: the deep one's 28 days hold
    clash = t.interval_clash(mark(5, "microneedling", 0.25), [mark(0, "microneedling", 1.0)])
    assert clash is not None and clash.interval_days == 28
    assert t.interval_clash(mark(3, "microneedling", 0.25),
                            [mark(0, "microneedling", 0.3)]) is None
    # the profile's longer interval
    assert t.interval_clash(mark(3, "led"), [mark(0, "led")]) is None
    assert t.interval_clash(mark(3, "led"), [mark(0, "led")], 5) is not None
    # an edit is not judged against itself
    assert t.interval_clash(mark(1, sid=7), [mark(0, sid=7)]) is None


def test_windows_both_directions_overlapping_areas_only() -> None:
    cheeks = ("cheeks",)
    before = t.window_clash(mark(6, "peel", areas=cheeks), [mark(0, areas=("cheeks", "nose"))])
    assert before is not None and before.clears_on == day(7) and before.areas == ("cheeks",)
    after = t.window_clash(mark(0, "peel", areas=cheeks), [mark(3, "dermaplaning", areas=cheeks)])
    assert after is not None and after.gap_days == 3
    assert t.window_clash(mark(7, "peel", areas=cheeks), [mark(0, areas=cheeks)]) is None
    assert t.window_clash(mark(1, "peel", areas=cheeks), [mark(0, areas=("neck",))]) is None
    # no area: every area
    assert t.window_clash(mark(1, "peel"), [mark(0, areas=("neck",))]) is not None
    assert t.window_clash(mark(1, "peel", areas=("neck",)), [mark(0)]) is not None
    # LED and shallow needling conflict with nothing, either way
    assert t.window_clash(mark(1, "led"), [mark(0)]) is None
    assert t.window_clash(mark(1, "peel"), [mark(0, "led")]) is None
    assert t.window_clash(mark(1, "peel"), [mark(0, "microneedling", 0.3)]) is None
    assert t.window_clash(mark(1, "peel"), [mark(0, "microneedling", 0.5)]) is not None
    # the same treatment: its interval, not a window
    assert t.window_clash(mark(1), [mark(0)]) is None


def test_products_hold_resurfacing_sessions_for_three_days() -> None:
    retinoid = t.ProductUse(1, day(0), "retinoid")
    acid = t.ProductUse(2, day(1), "acid")
    other = t.ProductUse(3, day(2), "other")
    holds = t.product_holds(mark(3), [retinoid, acid, other])
    assert [h.product.kind for h in holds] == ["acid", "retinoid"]
    assert holds[1].clears_on == day(4)
    assert t.product_holds(mark(4), [retinoid]) == []
    assert [h.product.kind for h in t.product_holds(mark(0), [retinoid])] == ["retinoid"]
    assert t.product_holds(mark(3), [retinoid], despite=["retinoid"]) == []
    assert t.product_holds(mark(3, "led"), [retinoid]) == []
    assert t.product_holds(mark(3, "microneedling", 0.3), [retinoid]) == []
    # a product used after the session does not hold it
    assert t.product_holds(mark(0), [t.ProductUse(4, day(1), "acid")]) == []
    with pytest.raises(InvalidInput) as caught:
        t.product_kind("vitamin-c")
    assert caught.value.code == "unknown_product_kind"
    assert t.despite_kinds(["acid", "RETINOID", "acid"]) == ("retinoid", "acid")
    with pytest.raises(InvalidInput) as caught:
        t.despite_kinds(["other"])
    assert caught.value.code == "despite_not_holding"


def test_standing() -> None:
    peel = t.Treatment("peel", 14)
    s = t.standing(peel, 1, mark(0, "peel"), [mark(10)], [t.ProductUse(1, day(11), "acid")],
                   day(12), ["redness"])
    assert s.blocked_by == ("interval", "conflict", "product", "redness")
    assert s.next_eligible_date == day(17)  # the window after microdermabrasion on day 10
    assert s.conflict is not None and s.conflict.date == day(10)
    assert s.hold is not None and s.hold.clears_on == day(15)
    assert not s.eligible_now
    free = t.standing(t.Treatment("led", 1), 0, None, [mark(11)], [], day(12))
    assert free.eligible_now and free.next_eligible_date is None
    assert free.to_json()["blocked_by"] == []
    needling = t.Treatment("microneedling", 3)
    s = t.standing(needling, 1, mark(0, "microneedling", 1.0), [], [], day(12))
    assert s.next_eligible_date == day(28) and s.blocked_by == ("interval",)


def test_importing_a_module_of_the_package_first_leaves_its_names_as_they_are():
    # Python makes a package's attribute of each submodule it imports: a module named as one
    # of the package's lazy names (the function `standing`) would replace it for later callers.
    import pkgutil
    import subprocess
    import sys

    for module in pkgutil.iter_modules(t.__path__):
        script = (f"import homekit.domain.treatments.{module.name}\n"
                  "import types\nfrom homekit.domain import treatments as t\n"
                  "print([n for n in t._APART if isinstance(vars(t).get(n), types.ModuleType)])")
        run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             timeout=60)
        assert run.stdout.strip() == "[]", (module.name, run.stdout, run.stderr[-400:])
