"""How long a chart takes to draw: 10 and 1,000 sessions, with and without importing matplotlib.

Run on demand:  python benchmarks/bench_charts.py [--repeat N]
(tests/test_benchmarks.py runs it with --tiny, once on small series, so that CI sees it work)

"warm" is drawing and rendering a PNG in a process that has already imported matplotlib (the
app's second chart, or a resize); "cold" is a fresh process: import matplotlib, then draw (the
`homekit chart` command, or the app's first chart). Medians over the repeats; the machine's
load shows in the spread, so compare ratios more than absolute numbers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from homekit.domain.models import Profile, Redness, Session  # noqa: E402
from homekit.domain.series import ChartSeries, chart_series  # noqa: E402

NOW = dt.datetime(2026, 11, 25, 9, 30)


def series_of(n: int) -> ChartSeries:
    """n sessions a week (or a little more) apart, ending before NOW, with fading redness."""
    start = NOW.date() - dt.timedelta(days=8 * n)
    sessions = []
    day = start
    for i in range(n):
        fade = 10 + (i * 37) % 120
        red = (Redness(i, i, f"{day}T20:00", (i * 7) % 5, fade),)
        sessions.append(Session(day, redness=red, id=i, profile_id=1))
        day += dt.timedelta(days=7 + i % 3)
    return chart_series(Profile(1, "me", n + 4, 7), sessions, NOW)


def warm(kind: str, n: int, repeat: int) -> float:
    from homekit.charts.figure import figure
    from homekit.charts.files import render_png

    series = series_of(n)
    render_png(figure(series, kind))  # first draw fills font caches: not what we measure
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        render_png(figure(series, kind))
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def text(kind: str, n: int, repeat: int) -> float:
    from homekit.charts.text import text_chart

    series = series_of(n)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        text_chart(series, kind, 80, 22)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


COLD = """
import json, sys, time
sys.path.insert(0, {root!r})
from benchmarks.bench_charts import series_of
series = series_of({n})
t0 = time.perf_counter()
import matplotlib.figure
t1 = time.perf_counter()
from homekit.charts.files import render_png
from homekit.charts.figure import figure
render_png(figure(series, {kind!r}))
t2 = time.perf_counter()
print(json.dumps([t1 - t0, t2 - t0]))
"""


def cold(kind: str, n: int, repeat: int) -> tuple[float, float]:
    """(import matplotlib, import + first draw) in fresh processes, medians."""
    root = str(Path(__file__).resolve().parent.parent)
    imports, totals = [], []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", COLD.format(root=root, n=n, kind=kind)],
                             capture_output=True, text=True, check=True)
        imp, total = json.loads(out.stdout)
        imports.append(imp)
        totals.append(total)
    return statistics.median(imports), statistics.median(totals)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--tiny", action="store_true", help="once, 10 and 50 sessions (CI)")
    args = parser.parse_args(argv)
    repeat, sizes = (1, (10, 50)) if args.tiny else (args.repeat, (10, 1000))
    ms = 1000
    before = os.getloadavg()[0]
    lines = ["| chart | sessions | warm draw (ms) | cold: import (ms) | cold: import + draw (ms) "
             "| cold / warm | text chart 80x22 (ms) |", "|---|---:|---:|---:|---:|---:|---:|"]
    results = {}
    for kind in ("progress", "redness"):
        for n in sizes:
            w = warm(kind, n, repeat)
            imp, total = cold(kind, n, 1 if args.tiny else max(3, repeat // 2))
            t = text(kind, n, repeat)
            results[(kind, n)] = w
            lines.append(f"| {kind} | {n:,} | {w * ms:.0f} | {imp * ms:.0f} | {total * ms:.0f} "
                         f"| {total / w:.1f}x | {t * ms:.1f} |")
    after = os.getloadavg()[0]
    line = "python benchmarks/bench_charts.py" + (" --tiny" if args.tiny else f" --repeat {repeat}")
    print(f"Measured {dt.date.today().isoformat()} with `{line}` on {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; load average {before:.2f} at the start, "
          f"{after:.2f} at the end. Medians of {repeat} warm runs and of the fresh processes.\n")
    print("\n".join(lines))
    for kind in ("progress", "redness"):
        ratio = results[(kind, sizes[1])] / results[(kind, sizes[0])]
        print(f"\n{kind}: {sizes[1]:,} sessions take {ratio:.1f}x as long as {sizes[0]} (warm)")


if __name__ == "__main__":
    main()
