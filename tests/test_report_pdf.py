"""The report as a clinical document: tagged (PDF/UA structure), PDF/A-2 metadata, photos at
full resolution, no text over a photo, hostile text as text, a few pages for a lifetime log.

The structure is read back with pikepdf (tests/pdf_checks.py) and with `pdfua`, an
independent checker of the machine-checkable subset of PDF/UA-1; the pages are rendered with
poppler's pdftoppm and the text boxes read with pdfminer.six.
"""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
import subprocess
import sys

import pikepdf
import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTImage, LTTextLine
from pypdf import PdfReader

from homekit.domain.models import SessionDraft
from homekit.services import Homekit
from homekit.words.report import report_document
from tests.conftest import NOW, TODAY
from tests.images import picture
from tests.pdf_checks import all_problems, elements, open_pdf, role

HOSTILE = "$\\foo$ <script>alert(1)</script> \u202eevil\u202c \x07bell \U0001F600 \u6f22\u5b57 \ufdfd"


def jpeg(width: int, height: int, seed: int = 0) -> bytes:
    buf = io.BytesIO()
    picture(width, height, seed).save(buf, "JPEG", quality=90)
    return buf.getvalue()


def open_hk(db) -> Homekit:
    return Homekit.open(db, now=lambda: NOW)


def small_log(db, photos: bool = True) -> None:
    hk = open_hk(db)
    hk.profiles.record_skin_condition(False, acknowledged=False)
    ids = []
    for i in range(5):
        draft = SessionDraft(TODAY - dt.timedelta(days=7 * (5 - i)), duration_min=40,
                             areas=("cheeks",), device_level=2, glasses_worn=i != 1,
                             stinging=i % 3, notes=f"note {i}")
        ids.append(hk.sessions.log_session(draft, redness_severity=3 if i == 2 else 1,
                                  faded_after_min=200 if i == 2 else 10).session.id)
    if photos:
        # a portrait photo at the stored size limit, and a landscape one
        hk.photos.add_photo(jpeg(1536, 2048, 1), session_id=ids[0], area="cheeks")
        hk.photos.add_photo(jpeg(2048, 1536, 2), session_id=ids[-1], area="cheeks")
        hk.photos.add_photo(jpeg(900, 1200, 3), session_id=ids[1], area="nose")
    hk.close()


def bulk_log(db, sessions: int, target: int = 6) -> None:
    """`sessions` weekly sessions up to last week, by bulk SQL (a lifetime of them), every
    third with redness, every 50th without glasses."""
    hk = open_hk(db)
    hk.profiles.record_skin_condition(False, acknowledged=False)
    hk.close()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE profiles SET target_sessions = ?", (target,))
    rows = [(1, (TODAY - dt.timedelta(days=7 * (sessions - i))).isoformat(), "09:00",
             30 + i % 30, "cheeks,nose", 1 + i % 5, 0 if i % 50 == 7 else 1, i % 4, f"bulk {i}",
             "2026-01-01T09:00:00") for i in range(sessions)]
    conn.executemany(
        "INSERT INTO sessions (profile_id, session_date, start_time, duration_min, areas, "
        "device_level, glasses_worn, stinging, notes, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        rows)
    conn.execute(
        "INSERT INTO redness (session_id, observed_at, severity, faded_after_min, notes) "
        "SELECT id, session_date || 'T20:00', id % 5, 10 + id % 90, '' FROM sessions "
        "WHERE id % 3 = 0")
    conn.execute("COMMIT")
    conn.close()


def report(db, **kw) -> tuple[bytes, int]:
    hk = open_hk(db)
    try:
        data, pages, _ = hk.report.report_bytes(report_document, **kw)
    finally:
        hk.close()
    return data, pages


@pytest.fixture(scope="module")
def small_report(tmp_path_factory) -> bytes:
    db = tmp_path_factory.mktemp("r") / "h.db"
    small_log(db)
    return report(db)[0]


def test_the_report_passes_the_structure_checks(small_report):
    assert all_problems(small_report) == []


def test_the_report_passes_the_pdfua_checker(tmp_path, small_report):
    from pdfua import validate

    path = tmp_path / "r.pdf"
    path.write_bytes(small_report)
    checked = validate(str(path))
    assert [(f.rule_id, f.message) for f in checked.findings] == []
    assert checked.skipped == ()  # every one of its rules ran


def test_the_structure_reads_in_order_with_headings_tables_and_described_figures(small_report):
    with open_pdf(small_report) as pdf:
        found = [(role(pdf, e), e) for e, _ in elements(pdf)]
        roles = [r for r, _ in found]
        assert roles[0] == "Document" and roles[1] == "H1"
        assert roles.count("H1") == 1 and roles.count("Table") >= 3 and "L" in roles
        assert roles.count("H3") == 2  # one heading a photographed area
        figures = [e for r, e in found if r == "Figure"]
        assert len(figures) == 2 + 3  # two charts, three photos
        alts = [str(e.Alt) for e in figures]
        assert alts[0].startswith("Progress chart: sessions done over time (5 sessions")
        assert alts[1].startswith("Redness chart:") and "3 marked" in alts[1]
        assert "Photo of the cheeks taken on" in alts[2] and "1536 by 2048 pixels" in alts[2]
        headers = [e for r, e in found if r == "TH" and e.A.Scope == "/Column"]
        assert len(headers) == 10  # the sessions table's header, once (repeats are artifacts)


def test_photos_are_their_own_jpegs_at_full_resolution(tmp_path, small_report):
    db = tmp_path / "h.db"
    small_log(db)
    hk = open_hk(db)
    stored = {hk.photos.photo_bytes(p.id) for p in hk.photos.photos()}
    hk.close()
    with open_pdf(small_report) as pdf:
        embedded = {}
        for page in pdf.pages:
            for image in page.Resources.get("/XObject", {}).values():
                if image.get("/Subtype") == "/Image" and image.get("/Filter") == "/DCTDecode":
                    embedded[image.read_raw_bytes()] = (int(image.Width), int(image.Height))
    assert set(embedded) == stored  # the stored bytes, not a re-encoded or scaled copy
    assert sorted(embedded.values()) == [(900, 1200), (1536, 2048), (2048, 1536)]


def test_no_text_is_drawn_over_an_image(small_report):
    """pdfminer's text lines against the images' boxes, on every page."""
    def overlap(a, b) -> bool:
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    def collect(node, images: list, lines: list) -> None:  # noqa: ANN001
        for child in node:
            if isinstance(child, LTImage):
                images.append(child.bbox)
            elif isinstance(child, LTTextLine):
                lines.append((child.bbox, child.get_text().strip()))
            elif hasattr(child, "__iter__"):
                collect(child, images, lines)

    images_seen = 0
    for layout in extract_pages(io.BytesIO(small_report)):
        images: list = []
        lines: list = []
        collect(layout, images, lines)
        images_seen += len(images)
        for box, text in lines:
            assert not [i for i in images if overlap(box, i)], (layout.pageid, text)
        for i, a in enumerate(images):  # nor an image over another
            assert not [b for b in images[i + 1:] if overlap(a, b)]
    assert images_seen == 5


def test_every_page_renders_with_poppler(tmp_path, small_report):
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(small_report)
    run = subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "p")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and run.stderr == ""
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) == len(PdfReader(pdf).pages)
    from PIL import Image

    for page in pages:  # every page has ink on it
        with Image.open(page) as im:
            assert im.convert("L").getextrema()[0] < 100


def test_same_log_same_bytes_and_no_dates_or_versions(tmp_path, small_report):
    db = tmp_path / "h.db"
    small_log(db)
    again, _ = report(db)
    assert again == small_report
    for leak in (b"CreationDate", b"ModDate", b"fpdf", b"Producer", b"CreateDate"):
        assert leak not in again, leak


def test_hostile_text_comes_out_as_text_and_quietly(tmp_path):
    """A profile and a note holding TeX, HTML, a bidi override, a bell, emoji and CJK (put
    in behind homekit's back, past its validation): the report is written, nothing on
    stderr, the text extractable as written."""
    db = tmp_path / "h.db"
    small_log(db, photos=False)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE profiles SET name = ?", (HOSTILE[:40],))
    conn.execute("UPDATE sessions SET notes = ? WHERE id = 1", (HOSTILE,))
    conn.commit()
    conn.close()
    code = (f"import datetime as dt, sys\nfrom homekit.services import Homekit\n"
            f"hk = Homekit.open({str(db)!r}, {HOSTILE[:40]!r},\n"
            "                   now=lambda: dt.datetime(2026, 11, 25, 9, 30))\n"
            "from homekit.words.report import report_document\n"
            "data, pages, _ = hk.report.report_bytes(report_document)\nsys.stdout.buffer.write(data)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert run.returncode == 0 and run.stderr == b""
    data = run.stdout
    assert all_problems(data) == []
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    for kept in ("$\\foo$", "<script>alert(1)</script>", "\\u202eevil\\u202c", "\\x07bell",
                 "\U0001F600"):
        assert kept in text, kept
    assert "\u202e" not in text and "\x07" not in text
    # CJK has no glyph in DejaVu Sans: drawn as U+FFFD, the characters kept in /ActualText
    assert "\ufffd" in text
    with pikepdf.open(io.BytesIO(data)) as pdf:
        actual = [str(operands[1].ActualText) for page in pdf.pages
                  for operands, op in pikepdf.parse_content_stream(page)
                  if str(op) == "BDC" and str(operands[0]) == "/Span"]
    assert any("\u6f22\u5b57" in a for a in actual) and "\ufdfd" in actual, actual


def test_log_started_is_the_first_sessions_date(tmp_path):
    db = tmp_path / "h.db"
    hk = open_hk(db)
    hk.profiles.record_skin_condition(False, acknowledged=False)
    hk.sessions.log_session(SessionDraft(TODAY - dt.timedelta(days=30)))  # backdated after the profile
    hk.close()
    text = PdfReader(io.BytesIO(report(db)[0])).pages[0].extract_text()
    first = TODAY - dt.timedelta(days=30)
    assert f"Log started {first.isoformat()}" in text.replace(":", "")


def test_a_lifetime_log_stays_a_few_pages(tmp_path):
    db = tmp_path / "h.db"
    bulk_log(db, 5000)
    data, pages = report(db)
    assert pages <= 12
    assert all_problems(data) == []
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "5000 sessions" in text and "the last 20 row by row" in text
    assert f"4999 {(TODAY - dt.timedelta(days=14)).isoformat()}" in text  # a recent row
    assert "bulk 4979" not in text and "bulk 4980" in text  # earlier ones are not rows
    assert "Earlier sessions, summarised" in text
    last_month = TODAY - dt.timedelta(days=7 * 21)
    assert last_month.strftime("%Y-%m") in text  # months near the end, years before
    assert "1931" in text or "1932" in text
    assert "microdermabrasion, levels 1-5; cheeks, nose" in text
    assert "Protective glasses were not worn: 100 earlier sessions" in text


def test_full_keeps_every_row(tmp_path):
    db = tmp_path / "h.db"
    bulk_log(db, 150)
    short, short_pages = report(db)
    full, full_pages = report(db, full=True)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(full)).pages)
    assert all(f"bulk {i}" in text for i in range(150))
    assert "Earlier sessions" not in text
    assert full_pages > short_pages
    assert all_problems(full) == []
    with open_pdf(full) as pdf:  # a table over several pages is one table
        roles = [role(pdf, e) for e, _ in elements(pdf)]
    assert roles.count("TH") == 10 + 5 + 6  # the header once; the profile, the glance
