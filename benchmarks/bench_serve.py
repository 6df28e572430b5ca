"""The app in a browser tab (`homekit serve`) against the same app in a terminal, and the
docs' screenshot of the page.

Run on demand (needs the test extra and Debian's chromium; tests/test_benchmarks.py runs it with
--tiny, so that CI sees it work):

    python benchmarks/bench_serve.py                      # 7 rounds
    python benchmarks/bench_serve.py --rounds 11 --screenshot assets/serve-browser.png

Each round, interleaved so machine noise hits both alike, on one demo file (`homekit demo`):
- terminal: `homekit --db demo.db` spawned in tmux (100x30), timed until its screen shows
  the dashboard's sessions line;
- browser tab: a new tab of an already running headless Chromium opens the page of an
  already running `homekit serve` (the page, its script, the websocket, a new app process),
  timed until the screen the page received shows the same line; then the tab is closed and
  the time until its app process has ended is taken too.
Also reported: the resident memory of the server and of one tab's app process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.served import CHROMIUM, CHROMIUM_ARGS, Server, Tab, gone, wait_for  # noqa: E402

HOMEKIT = str(Path(sys.executable).with_name("homekit"))
SEEN = "Sessions 5 of 8"  # the demo log's progress line, on the dashboard
VIEWPORT = {"width": 1000, "height": 640}


def terminal_round(db: Path, socket: str) -> float:
    def tmux(*args: str) -> str:
        return subprocess.run(["tmux", "-L", socket, "-f", "/dev/null", *args],
                              capture_output=True, text=True, timeout=60).stdout

    t0 = time.perf_counter()
    tmux("new-session", "-d", "-s", "hk", "-x", "100", "-y", "30", f"{HOMEKIT} --db {db}")
    wait_for(lambda: SEEN in tmux("capture-pane", "-p", "-t", "hk"), "the dashboard in tmux",
             lambda: time.sleep(0.01))
    elapsed = time.perf_counter() - t0
    tmux("kill-server")
    return elapsed


def browser_round(context, server: Server) -> tuple[float, float, int]:
    t0 = time.perf_counter()
    tab = Tab(context, server.url)
    wait_for(lambda: SEEN in tab.text(), "the dashboard in the page",
             lambda: tab.page.wait_for_timeout(10))
    shown = time.perf_counter() - t0
    apps = server.apps()
    rss = apps[0].memory_info().rss if apps else 0
    pid = apps[0].pid if apps else 0
    t1 = time.perf_counter()
    tab.page.close()
    wait_for(lambda: gone(pid), "the app to end", lambda: time.sleep(0.01))
    return shown, time.perf_counter() - t1, rss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--screenshot", type=Path, help="also write the page's screenshot here")
    parser.add_argument("--tiny", action="store_true", help="one round (CI: the benchmark runs)")
    args = parser.parse_args()
    if args.tiny:
        args.rounds = 1
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="homekit-bench-serve-"))
    db = folder / "demo.db"
    subprocess.run([HOMEKIT, "demo", "--db", str(db)], check=True, capture_output=True)
    server = Server(db, folder)
    terminal: list[float] = []
    page: list[float] = []
    ended: list[float] = []
    rss: list[int] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport=VIEWPORT)
            browser_round(context, server)  # warm: the browser's first page, the OS caches
            for _ in range(args.rounds):
                terminal.append(terminal_round(db, f"bench-serve-{os.getpid()}"))
                shown, gone_after, app_rss = browser_round(context, server)
                page.append(shown)
                ended.append(gone_after)
                rss.append(app_rss)
            if args.screenshot:
                tab = Tab(context, server.url)
                tab.wait_for("History")  # the footer: the app has the keyboard's focus
                tab.page.wait_for_timeout(500)
                tab.page.screenshot(path=str(args.screenshot))
                tab.page.close()
            browser.close()
        server_rss = __import__("psutil").Process(server.process.pid).memory_info().rss
    finally:
        server.stop()

    def ms(values: list[float]) -> str:
        return (f"{statistics.median(values) * 1000:.0f} ms "
                f"({min(values) * 1000:.0f}-{max(values) * 1000:.0f})")

    load = os.getloadavg()
    print(f"{args.rounds} rounds, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
          f"{os.cpu_count()} cores")
    print(f"terminal (tmux), spawn to dashboard:      {ms(terminal)}")
    print(f"browser tab, open to dashboard:           {ms(page)}")
    print(f"ratio browser / terminal (medians):       "
          f"{statistics.median(page) / statistics.median(terminal):.2f}")
    print(f"tab closed to its app process ended:      {ms(ended)}")
    print(f"resident memory: server {server_rss / 2**20:.0f} MiB, "
          f"one tab's app {statistics.median(rss) / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
