"""Issue 14 ("up"): costs flat with the log, as ratios to a 100-session file in the same run.

    python benchmarks/bench_issue14.py [--rounds 7] [--json out.json]
    python benchmarks/bench_issue14.py --tiny   # once, 1,000 sessions against 100 (CI)
    python benchmarks/bench_issue14.py --only cli [--baseline SRC] [--kinds]   (the CLI part)

Files, filled by direct SQL (common.fill; the rule's triggers check every row): *small* = 100
sessions in one profile; *scale* = 100,000 sessions in 20 profiles, the one shown holding 5,000
(weekly, about 96 years back). Each measurement is a fresh process; variants interleave.
- CLI: `status --json`, `history --limit 1 --json`, `chart --text`, `chart -o x.png` (wall, CPU).
- App (headless 120x36, Pilot in a child): dashboard first paint; `h` to the history's first
  rows, `g` to the first chart, `k` to the next; the longest event-loop stall over h, g, k.
- First paint of the welcome screen and of the dashboard against a bare Textual app with the
  same widgets (bench_tui_startup.py). Start-up: status and log against the floor and watson.
- Export (`--all-profiles`, JSON, CSV) and its import into a new file: peak RSS 10k vs 100k.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_tui_startup as startup  # noqa: E402
from common import HOMEKIT, clean_env, fill, interleave, run_once  # noqa: E402

SIZE = (120, 36)
#: The large file's sessions and profiles, and the middle file's sessions (--tiny: smaller).
SCALE = [100_000, 20, 10_000]
#: Untimed rounds before the timed ones (--tiny: none).
WARMUP = [1]


# -- children ------------------------------------------------------------------------------


def child_keys(db: str, out: str) -> None:
    """h, escape, g, k on the app started as a user starts it; writes the times (ms) and the
    longest event-loop stall (ms)."""
    import asyncio

    from textual.pilot import Pilot

    from homekit.tui.screens.chart import ChartScreen
    from homekit.tui.screens.dashboard import DashboardScreen
    from homekit.tui.screens.history import HistoryScreen, HistoryTable

    async def scenario(app) -> None:  # noqa: ANN001
        pilot = Pilot(app)
        result: dict[str, float] = {}

        async def until(cond) -> None:  # noqa: ANN001
            deadline = time.perf_counter() + 120
            while not cond():
                if time.perf_counter() > deadline:
                    raise TimeoutError
                await asyncio.sleep(0.0005)

        await pilot.pause()
        stall = [0.0]
        ticking = [True]

        async def ticker() -> None:
            last = time.perf_counter()
            while ticking[0]:
                await asyncio.sleep(0.002)
                now = time.perf_counter()
                stall[0] = max(stall[0], now - last - 0.002)
                last = now

        task = asyncio.create_task(ticker())
        t = time.perf_counter()
        await pilot.press("h")
        await until(lambda: isinstance(app.screen, HistoryScreen)
                    and app.screen.query_one(HistoryTable).row_count > 0)
        result["h"] = (time.perf_counter() - t) * 1000
        await pilot.press("escape")
        await until(lambda: isinstance(app.screen, DashboardScreen))
        await pilot.pause()
        t = time.perf_counter()
        await pilot.press("g")
        await until(lambda: isinstance(app.screen, ChartScreen)
                    and app.screen.text_chart is not None)
        result["g"] = (time.perf_counter() - t) * 1000
        first = app.screen.text_chart
        t = time.perf_counter()
        await pilot.press("k")
        await until(lambda: app.screen.text_chart is not first)
        result["k"] = (time.perf_counter() - t) * 1000
        ticking[0] = False
        await task
        result["stall"] = stall[0] * 1000
        Path(out).write_text(json.dumps(result))
        app.exit()

    tasks = []
    startup.through_the_command(
        db, startup.dashboard_ready,
        lambda app: tasks.append(asyncio.get_running_loop().create_task(scenario(app))))


# -- the parent ----------------------------------------------------------------------------


def app_keys(db: Path, out: Path) -> dict[str, float]:
    out.unlink(missing_ok=True)
    startup.in_terminal([sys.executable, __file__, "--child", "keys", str(db), str(out)],
                        startup.terminal_env())
    return json.loads(out.read_text())


def paint(kind: str, db: Path | None, out: Path) -> float:
    """First paint (ms) of a bare app (`bare`: the dashboard's widgets, `bare-welcome`: the
    welcome screen's, `bare-dashboard`: the dashboard's replica), the dashboard (`homekit`) or
    the welcome screen (`welcome`), each in a terminal of its own (bench_tui_startup)."""
    return startup.measure([kind] if db is None else [kind, str(db)], out)[0]


def app_part(folder: Path, small: Path, scale: Path, rounds: int,
             trees: dict[str, str | None]) -> dict[str, dict[str, list[float]]]:
    """First paints (bare apps, dashboard, welcome) and h, g, k with the longest stall, for
    each tree (name -> PYTHONPATH holding another homekit, or None: the installed one),
    interleaved round by round.

    Each tree's bytecode is compiled first, as `pip install` does: with
    PYTHONDONTWRITEBYTECODE set (as in some shells and CI), every child would otherwise compile
    homekit from source while Textual, installed by pip, loads precompiled bytecode. The .pyc
    files this writes are removed afterwards: the source tree is left as it was."""
    import compileall

    import homekit

    folders = [Path(p) / "homekit" if p else Path(homekit.__file__).parent for p in trees.values()]
    before = {f for folder in folders for f in folder.rglob("*.pyc")}
    try:
        for folder_of in folders:
            compileall.compile_dir(str(folder_of), quiet=1)
        return {name: {} for name in trees} | _app_rounds(folder, small, scale, rounds, trees)
    finally:
        for folder_of in folders:
            for pyc in set(folder_of.rglob("*.pyc")) - before:
                pyc.unlink(missing_ok=True)


def _app_rounds(folder: Path, small: Path, scale: Path, rounds: int,
                trees: dict[str, str | None]) -> dict[str, dict[str, list[float]]]:
    env = clean_env()
    out = folder / "out.txt"
    new, no_profile = folder / "new.db", folder / "no-profile.db"
    subprocess.run([sys.executable, "-c", "import sys; from homekit.storage import open_store; "
                    "open_store(sys.argv[1]).close()", str(no_profile)], check=True, env=env)
    apps: dict[str, dict[str, list[float]]] = {name: {} for name in trees}
    for r in range(-WARMUP[0], rounds):
      for name, path in trees.items():
        if path:
            os.environ["PYTHONPATH"] = path
        else:
            os.environ.pop("PYTHONPATH", None)
        new.unlink(missing_ok=True)
        sample = {
            "paint bare": paint("bare", None, out),
            "paint bare welcome": paint("bare-welcome", None, out),
            "paint bare dashboard": paint("bare-dashboard", None, out),
            "paint dashboard small": paint("homekit", small, out),
            "paint dashboard scale": paint("homekit", scale, out),
            "paint welcome": paint("welcome", new, out),
            "paint welcome (file exists)": paint("welcome", no_profile, out),
        }
        for size, db in (("small", small), ("scale", scale)):
            for key, value in app_keys(db, out).items():
                sample[f"{key} {size}"] = value
        if r >= 0:
            for key, value in sample.items():
                apps[name].setdefault(key, []).append(value)
    os.environ.pop("PYTHONPATH", None)
    return apps


def cpu_once(argv: list[str], env: dict[str, str]) -> float:
    """CPU seconds (user + system) of one fresh process: steadier than wall time on a busy
    machine, and what start-up work costs."""
    proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return usage.ru_utime + usage.ru_stime


def start_up(folder: Path, small: Path, rounds: int) -> dict[str, list[float]]:
    """status --json and log against the `python -c 'import sqlite3'` floor and watson, in
    wall and CPU seconds (each round logs into a fresh copy of the 100-session file)."""
    import shutil

    from common import peer_bin

    env = clean_env()
    watson = peer_bin("watson")
    wenv = clean_env(WATSON_DIR=str(folder / "watson"))
    (folder / "watson").mkdir(exist_ok=True)
    variants = {
        "floor": lambda r: [sys.executable, "-c", "import sqlite3"],
        # The standard library the CLI is built on, with no homekit code: the lower bound of
        # any `homekit` command that keeps argparse, json, pathlib and dataclasses.
        "stdlib": lambda r: [sys.executable, "-c",
                             "import sqlite3, argparse, json, pathlib, dataclasses"],
        "status --json": lambda r: [HOMEKIT, "--db", str(small), "status", "--json"],
        "log": lambda r: [HOMEKIT, "--db", shutil.copy(small, folder / f"log-{r}.db"), "log"],
    }
    if watson:
        variants["watson status"] = lambda r: [watson, "status"]
    out: dict[str, list[float]] = {}
    for r in range(-WARMUP[0], rounds * 2):
        for name, argv in variants.items():
            cmd = argv(r)
            e = wenv if name.startswith("watson") else env
            t = time.perf_counter()
            cpu = cpu_once(cmd, e)
            wall = time.perf_counter() - t
            if r >= 0:
                out.setdefault(f"{name} wall", []).append(wall)
                out.setdefault(f"{name} cpu", []).append(cpu)
    return out


def med(values: list[float]) -> float:
    return statistics.median(values)


def main() -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--tiny", action="store_true",
                    help="once, 1,000 sessions against 100 (CI: the benchmark runs)")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--only", choices=("cli", "app"),
                    help="run only this part (cli: the commands; app: the app's measurements)")
    ap.add_argument("--baseline", type=Path, metavar="SRC",
                    help="with --only: also run the homekit package in SRC (a folder holding "
                    "homekit/, e.g. `git archive OLD homekit | tar -x -C SRC`), interleaved")
    ap.add_argument("--kinds", action="store_true",
                    help="with --only cli: also `chart --text --kind redness` and `--kind all`")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        kind, *rest = args.child
        child_keys(*rest)
        return {}
    if args.tiny:
        args.rounds = 1
        SCALE[:] = [1_000, 2, 500]
        WARMUP[0] = 0
    if args.only == "cli":
        return cli_only(args)
    result: dict = {"load_before": os.getloadavg(), "rounds": args.rounds}
    with tempfile.TemporaryDirectory(prefix="hk-bench-14-") as tmp:
        folder = Path(tmp)
        small, scale, mid = folder / "small.db", folder / "scale.db", folder / "mid.db"
        fill(small, 100, 1)
        fill(scale, SCALE[0], SCALE[1])
        if not args.only:
            fill(mid, SCALE[2], SCALE[1])
        env = clean_env()
        if args.only == "app":
            trees = {"app": None}
            if args.baseline:
                trees["app baseline"] = str(args.baseline.resolve())
            result.update(app_part(folder, small, scale, args.rounds, trees))
            result["load_after"] = os.getloadavg()
            report(result)
            if args.json:
                args.json.write_text(json.dumps(result, indent=1))
            return result

        def cli(db: Path, *argv: str):  # noqa: ANN202
            return lambda r: run_once([HOMEKIT, "--db", str(db), *argv], env, cwd=tmp)

        ops = {}
        argvs = (("status", ("status", "--json")),
                 ("history --limit 1", ("history", "--limit", "1", "--json")),
                 ("chart --text", ("chart", "--text")),
                 ("chart -o x.png", ("chart", "-o", str(folder / "x.png"), "--force")))
        for label, argv in argvs:
            ops[(label, "small")] = cli(small, *argv)
            ops[(label, "scale")] = cli(scale, *argv)
        runs = interleave({f"{a}|{b}": fn for (a, b), fn in ops.items()}, args.rounds, warmup=WARMUP[0])
        result["cli"] = {k: {"seconds": v.seconds, "rss_kib": v.rss_kib} for k, v in runs.items()}
        cpu: dict[str, list[float]] = {}
        for _ in range(args.rounds):  # CPU seconds as well: steadier on a busy machine
            for label, argv in argvs:
                for size, db in (("small", small), ("scale", scale)):
                    cpu.setdefault(f"{label}|{size}", []).append(
                        cpu_once([HOMEKIT, "--db", str(db), *argv], env))
        result["cli_cpu"] = cpu

        result.update(app_part(folder, small, scale, args.rounds, {"app": None}))

        memory: dict[str, int] = {}
        for n, db in (("10000", mid), ("100000", scale)):
            for fmt in ("json", "csv"):
                export = folder / f"export-{n}.{fmt}"
                memory[f"export {fmt} {n}"] = run_once(
                    [HOMEKIT, "--db", str(db), "export", "--all-profiles", "-o", str(export)],
                    env)[1]
                target = folder / f"import-{n}-{fmt}.db"
                memory[f"import {fmt} {n}"] = run_once(
                    [HOMEKIT, "--db", str(target), "import", str(export)], env)[1]
        result["memory_kib"] = memory
        result["start_up"] = start_up(folder, small, args.rounds)
    result["load_after"] = os.getloadavg()
    report(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return result


CLI_ARGVS = (("status", ("status", "--json")),
             ("history --limit 1", ("history", "--limit", "1", "--json")),
             ("chart --text", ("chart", "--text")),
             ("chart -o x.png", ("chart", "-o", "x.png", "--force")))
KIND_ARGVS = (("chart --text --kind redness", ("chart", "--text", "--kind", "redness")),
              ("chart --text --kind all", ("chart", "--text", "--kind", "all")))


def cli_only(args: argparse.Namespace) -> dict:
    """The CLI part alone: wall and CPU per command on both files, each variant (this homekit,
    and the `--baseline` one) in turn every round; `chart -o` writes into the temp folder."""
    result: dict = {"load_before": os.getloadavg(), "rounds": args.rounds, "cpu": {}, "wall": {}}
    argvs = CLI_ARGVS + (KIND_ARGVS if args.kinds else ())
    builds = {"now": clean_env()}
    if args.baseline:
        builds["baseline"] = clean_env(PYTHONPATH=str(args.baseline.resolve()))
    with tempfile.TemporaryDirectory(prefix="hk-bench-14-") as tmp:
        folder = Path(tmp)
        small, scale = folder / "small.db", folder / "scale.db"
        fill(small, 100, 1)
        fill(scale, SCALE[0], SCALE[1])
        for r in range(-WARMUP[0], args.rounds):
            for label, argv in argvs:
                for build, env in builds.items():
                    for size, db in (("small", small), ("scale", scale)):
                        cmd = [HOMEKIT, "--db", str(db), *argv]
                        t = time.perf_counter()
                        proc = subprocess.Popen(cmd, env=env, cwd=tmp, stdin=subprocess.DEVNULL,
                                                stdout=subprocess.DEVNULL,
                                                stderr=subprocess.DEVNULL)
                        _, status, usage = os.wait4(proc.pid, 0)
                        wall = time.perf_counter() - t
                        if os.waitstatus_to_exitcode(status) != 0:
                            raise RuntimeError(f"{' '.join(cmd)} failed")
                        if r >= 0:
                            key = f"{build}|{label}|{size}"
                            result["wall"].setdefault(key, []).append(wall)
                            result["cpu"].setdefault(key, []).append(usage.ru_utime + usage.ru_stime)
    result["load_after"] = os.getloadavg()
    print(f"load average before {result['load_before']}, after {result['load_after']}")
    print(f"| build | operation | 100 sessions ms | {SCALE[0]:,} sessions ms | ratio |")
    print("|---|---|---:|---:|---:|")
    for label, _ in argvs:
        for build in builds:
            for unit in ("wall", "cpu"):
                a = med(result[unit][f"{build}|{label}|small"]) * 1000
                b = med(result[unit][f"{build}|{label}|scale"]) * 1000
                print(f"| {build} | `{label}` ({unit}) | {a:.0f} | {b:.0f} | {b / a:.2f} |")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return result


def report_app(app: dict[str, list[float]]) -> None:
    print(f"| operation | 100 sessions ms | {SCALE[0]:,} sessions ms | ratio |")
    print("|---|---:|---:|---:|")
    for label, key in (("app first paint (dashboard)", "paint dashboard"), ("`h` to first rows", "h"),
                       ("`g` to first chart", "g"), ("`k` to next chart", "k")):
        small = med(app[f"{key} small"])
        scale = med(app[f"{key} scale"])
        print(f"| {label} | {small:.0f} | {scale:.0f} | {scale / small:.2f} |")
    print(f"| longest event-loop stall (h, g, k) | {med(app['stall small']):.0f} "
          f"(max {max(app['stall small']):.0f}) | "
          f"{med(app['stall scale']):.0f} (max {max(app['stall scale']):.0f}) | |")
    print("| first paint | reference ms | ms | ratio |")
    print("|---|---:|---:|---:|")
    bare = med(app["paint bare"])
    same = med(app["paint bare welcome"]) if "paint bare welcome" in app else None
    for label in ("welcome", "welcome (file exists)", "dashboard small"):
        value = med(app[f"paint {label}"])
        print(f"| {label} vs bare app (dashboard's widgets) | {bare:.0f} | {value:.0f} | "
              f"{value / bare:.2f} |")
        if same and label.startswith("welcome"):
            print(f"| {label} vs bare app (welcome's widgets) | {same:.0f} | {value:.0f} | "
                  f"{value / same:.2f} |")
    if "paint bare dashboard" in app:
        replica = med(app["paint bare dashboard"])
        value = med(app["paint dashboard small"])
        print(f"| dashboard small vs its replica in bare Textual | {replica:.0f} | {value:.0f} | "
              f"{value / replica:.2f} |")


def report(res: dict) -> None:
    print(f"load average before {res['load_before']}, after {res['load_after']}")
    if "cli" not in res:
        for name in ("app baseline", "app"):
            if name in res:
                print(f"\n{name}:")
                report_app(res[name])
        return
    print(f"| operation | 100 sessions ms | {SCALE[0]:,} sessions ms | ratio |")
    print("|---|---:|---:|---:|")
    cli, cpu = res["cli"], res["cli_cpu"]
    for label in ("status", "history --limit 1", "chart --text", "chart -o x.png"):
        a, b = med(cli[f"{label}|small"]["seconds"]) * 1000, med(cli[f"{label}|scale"]["seconds"]) * 1000
        print(f"| `{label}` (wall) | {a:.0f} | {b:.0f} | {b / a:.2f} |")
        a, b = med(cpu[f"{label}|small"]) * 1000, med(cpu[f"{label}|scale"]) * 1000
        print(f"| `{label}` (CPU) | {a:.0f} | {b:.0f} | {b / a:.2f} |")
    report_app(res["app"])
    up = res["start_up"]
    for unit in ("wall", "cpu"):
        floor = med(up[f"floor {unit}"])
        for name in ("stdlib", "status --json", "log", "watson status"):
            if f"{name} {unit}" in up:
                value = med(up[f"{name} {unit}"])
                print(f"| `{name}` vs `python -c 'import sqlite3'` ({unit}) | {floor * 1000:.0f} | "
                      f"{value * 1000:.0f} | {value / floor:.2f} |")
    mem = res["memory_kib"]
    for what in ("export json", "export csv", "import json", "import csv"):
        a, b = mem[f"{what} 10000"] / 1024, mem[f"{what} 100000"] / 1024
        print(f"| peak RSS {what} ({SCALE[2]:,} vs {SCALE[0]:,}, MiB) | {a:.0f} | {b:.0f} | "
              f"{b / a:.2f} |")


if __name__ == "__main__":
    main()
