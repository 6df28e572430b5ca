"""Photos and the report: time and peak memory of fresh `homekit` processes.

Run on demand (pytest never collects it):  python benchmarks/bench_photos.py [--rounds N]

Measures `photo add` of a 12-megapixel JPEG (4000 x 3000, with EXIF and GPS), `photo compare`
of two stored photos, and `report` for 10, 100 and 1,000 sessions with 20 photos, next to the
plain `chart --kind all` command on the same files. Medians of N rounds, variants interleaved;
peak RSS is the child's own (wait4).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import HOMEKIT, clean_env, fill, interleave, run_once  # noqa: E402

AREAS = ("cheeks", "nose", "chin", "forehead")


def twelve_megapixels(path: Path) -> Path:
    """A 4000 x 3000 JPEG with photo-like noise (so it compresses like a photo), EXIF and GPS."""
    from PIL import Image

    noise = Image.effect_noise((4000, 3000), 40).convert("RGB")
    tone = Image.new("RGB", noise.size, (214, 168, 150))
    im = Image.blend(noise, tone, 0.7)
    exif = Image.Exif()
    exif[306] = "2026:10:01 09:00:00"
    exif.get_ifd(0x8825)[1] = "N"
    im.save(path, "JPEG", quality=92, exif=exif)
    return path


def add_photos(db: Path, count: int) -> None:
    """`count` stored photos over the areas, through the services (cleaned as usual)."""
    from PIL import Image

    from homekit.services import Homekit

    hk = Homekit.open(db)
    try:
        sessions = hk.history(newest_first=False)
        for i in range(count):
            buf = io.BytesIO()
            noise = Image.effect_noise((1536, 2048), 30 + i).convert("RGB")
            Image.blend(noise, Image.new("RGB", noise.size, (220, 170, 150)), 0.7).save(
                buf, "JPEG", quality=90)
            session = sessions[i * len(sessions) // count] if sessions else None
            hk.add_photo(buf.getvalue(), session_id=session.id if session else None,
                         area=AREAS[i % len(AREAS)], name=f"bench {i}")
    finally:
        hk.close()


def prepare(root: Path) -> None:
    """The files, made in a child process: a parent that held the 12 MP image in memory would
    pass its pages on to every forked child and inflate their measured peak RSS."""
    big = twelve_megapixels(root / "12mp.jpg")
    print(f"12-megapixel source: {big.stat().st_size / 1e6:.1f} MB", file=sys.stderr)
    for n in (10, 100, 1000):
        fill(root / f"h{n}.db", n, profiles=1)
        add_photos(root / f"h{n}.db", 20)
    fill(root / "add.db", 10, profiles=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--prepare", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        prepare(Path(args.prepare))
        return
    env = clean_env()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        subprocess.run([sys.executable, __file__, "--prepare", str(root)], check=True)
        big = root / "12mp.jpg"
        dbs = {n: root / f"h{n}.db" for n in (10, 100, 1000)}
        add_db = root / "add.db"

        def cmd(db: Path, *argv: str) -> list[str]:
            return [HOMEKIT, "--db", str(db), *argv]

        variants = {
            "photo add (12 MP JPEG)": lambda r: run_once(cmd(add_db, "photo", "add", str(big)),
                                                         env),
            "photo compare": lambda r: run_once(
                cmd(dbs[10], "photo", "compare", "-o", str(root / "c.png"), "--force"), env),
        }
        for n, db in dbs.items():
            variants[f"report, {n:,} sessions + 20 photos"] = (
                lambda r, db=db: run_once(cmd(db, "report", "-o", str(root / "r.pdf"), "--force"),
                                          env))
            variants[f"chart --kind all, {n:,} sessions"] = (
                lambda r, db=db: run_once(cmd(db, "chart", "--kind", "all", "-o",
                                              str(root / "c.png")), env))
        variants["status (for scale)"] = lambda r: run_once(cmd(dbs[1000], "status"), env)
        results = interleave(variants, args.rounds)
        pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", (root / "r.pdf").read_bytes()))
        print(f"# {dt.date.today()}, {args.rounds} rounds, medians; last report: {pages} pages, "
              f"{(root / 'r.pdf').stat().st_size / 1e6:.1f} MB")
        print("| command | median (ms) | spread (ms) | peak RSS (MiB) |")
        print("|---|---:|---:|---:|")
        for name, runs in results.items():
            print(f"| {name} | {runs.median * 1000:.0f} | {runs.spread} | {runs.rss_mib:.0f} |")


if __name__ == "__main__":
    main()
