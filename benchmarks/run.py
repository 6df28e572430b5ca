"""Run the CLI and scale benchmarks, then write the results into the docs' benchmark page
(docs/proof/benchmarks.md, between its bench markers) and the time-against-log-size plot into
assets/scale.png.

    python benchmarks/run.py                 # CLI: 15 rounds; scale: 5 rounds (3 at 100,000)
    python benchmarks/run.py --quick         # 5 and 2 rounds, sizes 100 and 10,000 only
    python benchmarks/run.py --tiny          # once, small files; prints, writes nothing (CI)

The app's first paint has its own benchmark (benchmarks/bench_tui_startup.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_cli  # noqa: E402
import bench_scale  # noqa: E402
from common import ROOT, nproc  # noqa: E402

NOTES = ROOT / "docs" / "proof" / "benchmarks.md"
PLOT = ROOT / "assets" / "scale.png"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def ms(seconds: list[float]) -> str:
    return f"{statistics.median(seconds) * 1000:.0f}"


def spread(seconds: list[float]) -> str:
    return f"{min(seconds) * 1000:.0f}-{max(seconds) * 1000:.0f}"


def rss(kib: list[int]) -> str:
    return f"{max(kib) / 1024:.0f}"


def cpu_ms(run: dict) -> float:
    """The median CPU time (user + system) of a variant's runs, in ms."""
    return statistics.median(run["cpu"]) * 1000


def cli_table(res: dict) -> list[str]:
    lines = []
    for kind, title in (("read", "Read"), ("write", "Write")):
        runs = res[kind]
        names = list(runs)
        floor = cpu_ms(runs[names[0]])
        hk = cpu_ms(runs[next(n for n in names if n.startswith("homekit"))])
        lines += [f"**{title}** ({len(runs[names[0]]['seconds'])} runs each, interleaved; "
                  "ratios of CPU time)", "",
                  "| command | CPU ms | wall ms (min-max) | x floor | x homekit | peak RSS MiB |",
                  "|---|---:|---:|---:|---:|---:|"]
        for name in names:
            cpu = cpu_ms(runs[name])
            lines.append(f"| `{name.removeprefix('floor: ')}`{' (floor)' if name == names[0] else ''}"
                         f" | {cpu:.0f} | {ms(runs[name]['seconds'])} "
                         f"({spread(runs[name]['seconds'])}) | {cpu / floor:.2f} | "
                         f"{cpu / hk:.2f} | {rss(runs[name]['rss_kib'])} |")
        lines.append("")
    missing = [p for p, path in res.get("peers", {}).items() if not path]
    if missing:
        lines.append(f"Not installed, so not measured: {', '.join(missing)}.")
        lines.append("")
    return lines


def scale_table(res: dict) -> list[str]:
    sizes = [str(n) for n in res["sizes"]]
    head = " | ".join(f"{int(n):,} sessions" for n in sizes)
    lines = [f"Sessions spread over {res['profiles']} profiles; median CPU ms (median wall ms), "
             "then peak RSS MiB; the last column is the CPU time at the largest size over the "
             "CPU time at the smallest.", "",
             f"| operation | {head} | growth |", "|---|" + "---:|" * (len(sizes) + 1)]
    for op, by_size in res["ops"].items():
        cells = [f"{cpu_ms(by_size[n]):.0f} ({ms(by_size[n]['seconds'])}), "
                 f"{rss(by_size[n]['rss_kib'])} MiB" if n in by_size else "-" for n in sizes]
        growth = cpu_ms(by_size[sizes[-1]]) / cpu_ms(by_size[sizes[0]])
        lines.append(f"| {op} | {' | '.join(cells)} | x{growth:.1f} |")
    for note in res.get("skipped", []):
        lines.append(f"\nSkipped: {note}.")
    return lines + [""]


def plot(res: dict) -> None:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7, 4.2), dpi=120)
    ax = fig.add_subplot()
    sizes = res["sizes"]
    for op, by_size in res["ops"].items():
        xs = [n for n in sizes if str(n) in by_size]
        ys = [cpu_ms(by_size[str(n)]) for n in xs]
        ax.plot(xs, ys, marker="o", label=op)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(f"sessions in the file ({res['profiles']} profiles)")
    ax.set_ylabel("median CPU time, ms (fresh process)")
    ax.set_title(f"homekit: time against log size ({nproc()} cores, {dt.date.today()})")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    PLOT.parent.mkdir(exist_ok=True)
    fig.savefig(PLOT)


def write_notes(cli: dict, scale: dict, command: str, load: tuple[float, float]) -> None:
    body = [START,
            f"Measured {dt.date.today().isoformat()} on {nproc()} cores "
            f"({platform.machine()}, Python {platform.python_version()}, "
            f"{platform.system()}), with `{command}`; load average {load[0]:.2f} at the start, "
            f"{load[1]:.2f} at the end. Shared machines are noisy: read the "
            "ratios of CPU time, which compare runs interleaved in one session.", "",
            "### CLI against the floor and two self-tracking CLIs", "", *cli_table(cli),
            "### Scale", "", *scale_table(scale),
            "![time against log size](../assets/scale.png)", END]
    text = NOTES.read_text() if NOTES.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    if START not in text:
        text += f"\n{START}\n{END}\n"
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    NOTES.write_text(before + "\n".join(body) + after)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--tiny", action="store_true",
                    help="once, on small files, printing the tables instead of writing them (CI)")
    args = ap.parse_args()
    load_before = os.getloadavg()[0]
    if args.tiny:
        cli = bench_cli.main(["--tiny"])
        scale = bench_scale.main(["--tiny"])
        print("\n".join(cli_table(cli) + scale_table(scale)))
        return
    if args.quick:
        cli = bench_cli.main(["--rounds", "5"])
        scale = bench_scale.main(["--rounds", "2", "--sizes", "100,10000"])
    else:
        cli = bench_cli.main([])
        scale = bench_scale.main([])
    write_notes(cli, scale, "python benchmarks/run.py" + (" --quick" if args.quick else ""),
                (load_before, os.getloadavg()[0]))
    plot(scale)
    print(f"\nwrote {NOTES.relative_to(ROOT)} and {PLOT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
