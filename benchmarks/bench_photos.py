"""Photos and the report: time and peak memory of fresh `homekit` processes.

Run on demand:  python benchmarks/bench_photos.py [--rounds N]   (--tiny: once, small files,
as tests/test_benchmarks.py runs it so that CI sees it work)

Measures `photo add` of a 12-megapixel JPEG (4000 x 3000, with EXIF and GPS), `photo compare`
of two stored photos, and `report` for 10, 100 and 1,000 sessions with 20 photos, next to the
plain `chart --kind all` command on the same files. Medians of N rounds, variants interleaved;
peak RSS is the child's own (wait4).
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

# This folder, not the repository's: the homekit measured is the installed one (or the one
# on PYTHONPATH), never the source tree beside it.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    HOMEKIT,
    PILLOW_CLEANING,
    Sample,
    clean_env,
    fill,
    load,
    machine,
    measure,
    rounds_of,
)

AREAS = ("cheeks", "nose", "chin", "forehead")


def twelve_megapixels(path: Path, size: tuple[int, int] = (4000, 3000)) -> Path:
    """A 4000 x 3000 JPEG with photo-like noise (so it compresses like a photo), EXIF and GPS."""
    from PIL import Image

    noise = Image.effect_noise(size, 40).convert("RGB")
    tone = Image.new("RGB", noise.size, (214, 168, 150))
    im = Image.blend(noise, tone, 0.7)
    exif = Image.Exif()
    exif[306] = "2026:10:01 09:00:00"
    exif.get_ifd(0x8825)[1] = "N"
    im.save(path, "JPEG", quality=92, exif=exif)
    return path


def add_photos(db: Path, count: int, size: tuple[int, int] = (1536, 2048)) -> None:
    """`count` stored photos over the areas, through the services (cleaned as usual)."""
    from PIL import Image

    from homekit.services import Homekit

    hk = Homekit.open(db)
    try:
        sessions = hk.sessions.history(newest_first=False)
        for i in range(count):
            buf = io.BytesIO()
            noise = Image.effect_noise(size, 30 + i).convert("RGB")
            Image.blend(noise, Image.new("RGB", noise.size, (220, 170, 150)), 0.7).save(
                buf, "JPEG", quality=90)
            session = sessions[i * len(sessions) // count] if sessions else None
            hk.photos.add_photo(buf.getvalue(), session_id=session.id if session else None,
                         area=AREAS[i % len(AREAS)], name=f"bench {i}")
    finally:
        hk.close()


def prepare(root: Path, tiny: bool = False) -> None:
    """The files, made in a child process: a parent that held the 12 MP image in memory would
    pass its pages on to every forked child and inflate their measured peak RSS."""
    big = twelve_megapixels(root / "12mp.jpg", (1200, 900) if tiny else (4000, 3000))
    print(f"source photo: {big.stat().st_size / 1e6:.1f} MB", file=sys.stderr)
    for n in SIZES[:1] if tiny else SIZES:
        fill(root / f"h{n}.db", n, profiles=1)
        add_photos(root / f"h{n}.db", 5 if tiny else 20, size=(300, 400) if tiny else (1536, 2048))
    fill(root / "add.db", 10, profiles=1)


SIZES = (10, 100, 1000)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--tiny", action="store_true", help="once, on small files (CI)")
    parser.add_argument("--prepare", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.prepare:
        prepare(Path(args.prepare), args.tiny)
        return
    env = clean_env()
    rounds = 1 if args.tiny else args.rounds
    before = load()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        subprocess.run([sys.executable, __file__, "--prepare", str(root)]
                       + (["--tiny"] if args.tiny else []), check=True)
        big = root / "12mp.jpg"
        dbs = {n: root / f"h{n}.db" for n in (SIZES[:1] if args.tiny else SIZES)}
        photos = 5 if args.tiny else 20

        def run(db: Path, *argv: str) -> Callable[[int], Sample]:
            return lambda r: measure([HOMEKIT, "--db", str(db), *argv], env, cwd=tmp)

        def add(r: int) -> Sample:  # each round into a fresh copy of the same small file
            target = shutil.copy(root / "add.db", root / f"add-{r}.db")
            return measure([HOMEKIT, "--db", str(target), "photo", "add", str(big)], env)

        variants: dict[str, Callable[[int], Sample]] = {
            "Pillow's own cleaning of the photo (open, exif_transpose, thumbnail, save)":
                lambda r: measure([sys.executable, "-c", PILLOW_CLEANING, str(big),
                                   str(root / "p.jpg")], env),
            "photo add (12 MP JPEG, with EXIF and GPS)": add,
            "photo compare": run(dbs[SIZES[0]], "photo", "compare", "-o", str(root / "c.png"),
                                 "--force"),
        }
        for n, db in dbs.items():
            variants[f"report, {n:,} sessions + {photos} photos"] = run(
                db, "report", "-o", str(root / "r.pdf"), "--force")
            variants[f"chart --kind all, {n:,} sessions"] = run(
                db, "chart", "--kind", "all", "-o", str(root / "chart.png"), "--force")
        variants["status (for scale)"] = run(dbs[max(dbs)], "status")
        results = rounds_of(variants, rounds, warmup=0 if args.tiny else 1)
        pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", (root / "r.pdf").read_bytes()))
        size = (root / "r.pdf").stat().st_size / 1e6
    after = load()
    line = "python benchmarks/bench_photos.py" + (" --tiny" if args.tiny else f" --rounds {rounds}")
    print(machine(before, after, line) + f" Medians of {rounds} rounds, each a fresh process; "
          f"peak RSS is the largest of the rounds. The last report: {pages} pages, {size:.1f} MB.")
    status = statistics.median(s.cpu for s in results["status (for scale)"])
    print("\n| command | CPU ms | wall ms | peak RSS MiB | x `status` (CPU) |")
    print("|---|---:|---:|---:|---:|")
    for name, samples in results.items():
        cpu = statistics.median(s.cpu for s in samples)
        wall = statistics.median(s.wall for s in samples)
        rss = max(s.rss_kib for s in samples) / 1024
        print(f"| {name} | {cpu * 1000:.0f} | {wall * 1000:.0f} | {rss:.0f} | {cpu / status:.1f} |")


if __name__ == "__main__":
    main()
