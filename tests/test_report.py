"""`homekit report`: a PDF with the right pages, images and footers, the same bytes every time."""

from __future__ import annotations

import datetime as dt
import io
import stat

import pytest
from pypdf import PdfReader

from homekit.cli import main
from homekit.domain.models import SessionDraft
from homekit.services import Homekit
from homekit.storage import open_store
from tests.images import png_bytes

START = dt.date(2024, 1, 1)


def fill(db, sessions: int, photos: int = 0, areas: tuple[str, ...] = ("cheeks", "nose")) -> None:
    store = open_store(db)
    hk = Homekit(store, now=lambda: dt.datetime(2026, 11, 25, 9, 30))
    hk.profiles.record_skin_condition(True, acknowledged=True)
    ids = []
    for i in range(sessions):
        day = START + dt.timedelta(days=7 * i)
        draft = SessionDraft(day, duration_min=40, areas=("forehead", "cheeks"), device_level=2,
                             glasses_worn=i != 1, stinging=i % 3)
        ids.append(hk.sessions.log_session(draft, redness_severity=(3 if i == 2 else 1),
                                  faded_after_min=(200 if i == 2 else 10)).session.id)
    for j in range(photos):
        hk.photos.add_photo(png_bytes(320, 240, seed=j), session_id=ids[j % len(ids)],
                     area=areas[j % len(areas)])
    store.close()


def report(capsys, db, out, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), "report", "-o", str(out), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def images_on(page) -> int:  # noqa: ANN001
    resources = page.get("/Resources") or {}
    xobjects = resources.get("/XObject") or {}
    return sum(1 for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image")


def test_report_pages_images_footer_and_same_bytes(tmp_path, capsys):
    db = tmp_path / "h.db"
    fill(db, sessions=5, photos=4)
    pdf = tmp_path / "r.pdf"
    code, out, err = report(capsys, db, pdf)
    assert code == 0, err
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    pages = len(reader.pages)
    assert f"({pages} pages)" in out
    assert pages == 3  # the text, the charts, the photos
    texts = [p.extract_text() for p in reader.pages]
    for n, text in enumerate(texts, start=1):
        assert f"page {n} of {pages}" in text
    first = texts[0]
    for expected in ("Profile", "at least 7 days between sessions", "eczema or acne rosacea",
                     "Questions to bring", "Warnings and how they were lifted",
                     "Protective glasses were not worn", "Lifted", "2024-01-15"):
        assert expected in first, expected
    assert images_on(reader.pages[-1]) == 4  # each photo its own image, two areas
    assert "/CreationDate" not in reader.metadata if reader.metadata else True
    data = pdf.read_bytes()
    assert report(capsys, db, pdf)[0] == 2  # exists: refused
    assert report(capsys, db, pdf, "--force")[0] == 0
    assert pdf.read_bytes() == data  # deterministic


def test_long_log_shows_the_last_sessions_and_full_flows_with_the_table_header_again(
        tmp_path, capsys):
    db = tmp_path / "h.db"
    fill(db, sessions=130)
    pdf = tmp_path / "r.pdf"
    assert report(capsys, db, pdf)[0] == 0
    texts = [p.extract_text() for p in PdfReader(pdf).pages]
    joined = "".join(texts)
    day = lambda i: (START + dt.timedelta(days=7 * i)).isoformat()  # noqa: E731
    assert f"111 {day(110)}" in joined and f"110 {day(109)}" not in joined  # the last 20
    assert "Earlier sessions, summarised" in joined
    assert report(capsys, db, pdf, "--full", "--force")[0] == 0
    reader = PdfReader(pdf)
    texts = [p.extract_text() for p in reader.pages]
    table_pages = [t for t in texts if "Stinging Glasses Worst redness" in t]
    assert len(table_pages) >= 3  # the header comes back on every page of the table
    assert "Earlier sessions" not in "".join(texts)
    assert all(images_on(p) == 0 for p in reader.pages if "Charts" not in p.extract_text())


def test_period_and_bad_arguments(tmp_path, capsys):
    db = tmp_path / "h.db"
    fill(db, sessions=6)
    pdf = tmp_path / "r.pdf"
    code, _, err = report(capsys, db, pdf, "--from", "2024-01-10", "--to", "2024-01-25")
    assert code == 0, err
    text = PdfReader(pdf).pages[0].extract_text()
    assert "2 sessions" in text and "2024-01-10 to 2024-01-25" in text
    assert "2024-01-01" not in text.split("Sessions\n", 1)[-1]
    code, _, err = report(capsys, db, tmp_path / "x.pdf", "--from", "2024-02-01", "--to", "2024-01-01")
    assert code == 2 and "after" in err
    code, _, err = report(capsys, db, tmp_path / "x.png")
    assert code == 2 and ".pdf" in err
    code, _, err = report(capsys, db, tmp_path / "missing" / "x.pdf")
    assert code == 2 and "does not exist" in err


@pytest.mark.parametrize("sessions", [0])
def test_an_empty_log_still_gives_a_report(tmp_path, capsys, sessions):
    db = tmp_path / "h.db"
    fill(db, sessions=sessions)
    assert report(capsys, db, tmp_path / "r.pdf")[0] == 0
    assert "No sessions in this period" in PdfReader(tmp_path / "r.pdf").pages[0].extract_text()
