"""Scans read through OCR: images and scanned PDF pages, their layout, confidence, limits and errors.

Scans are rendered from the shipped examples at test time (tests/ocr_scans.py), never committed.
Tests that need Tesseract skip, with the reason, where the ``ocr`` extra or its English model is
absent; the others put a stand-in engine in its place (``use_engine``), so the plumbing (layout,
warnings, evidence, limits) is tested everywhere.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import rolematch
from conftest import AS_OF, EXAMPLES, ROOT
from ocr_scans import (
    SOURCES,
    VARIANTS,
    degrade,
    image_pdf,
    make_scan,
    mixed_pdf,
    pages_of,
    render_text,
)
from rolematch import (
    CorruptDocumentError,
    DocumentTooLargeError,
    Limits,
    NoTextLayerError,
    ParseTimeoutError,
    UnsupportedFormatError,
    parse_resume,
)
from rolematch._read import _ocr, read_document
from rolematch._read._images import PageImage, prepare_for_ocr, skew_angle
from rolematch._read._ocr import OcrWord, ocr_unavailable, unmark, use_engine

REASON = ocr_unavailable()
needs_ocr = pytest.mark.skipif(REASON is not None, reason=f"no OCR engine here: {REASON}")
COVERAGE = 0.85


@pytest.fixture(scope="module")
def scan_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("scans")


def _skills(resume: rolematch.Resume) -> set[str]:
    return {evidence.skill_id for evidence in resume.distinct_skills()}


def _png(image: Any, dpi: int = 300) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(dpi, dpi))
    return buffer.getvalue()


# -- accuracy on scans of the examples --------------------------------------------------------


@needs_ocr
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name", SOURCES)
def test_scans_of_the_examples_keep_their_skills_and_years(name: str, variant: str, scan_folder: Path) -> None:
    text_version = parse_resume(EXAMPLES / name, as_of=AS_OF)
    scan = make_scan(EXAMPLES / name, variant, scan_folder)
    scanned = parse_resume(scan.path, as_of=AS_OF)
    wanted = _skills(text_version)
    coverage = len(_skills(scanned) & wanted) / len(wanted)
    assert coverage >= COVERAGE, (sorted(wanted - _skills(scanned)), scanned.text)
    assert scanned.total_experience_years == text_version.total_experience_years, scanned.text
    assert scanned.source.format == "image"
    assert scanned.source.reader is not None and scanned.source.reader.startswith("tesseract")


@needs_ocr
def test_every_image_format_is_read(tmp_path: Path) -> None:
    page = pages_of(EXAMPLES / "registered-nurse.txt", 200)[0]
    expected = _skills(parse_resume(EXAMPLES / "registered-nurse.txt", as_of=AS_OF))
    for fmt, options in (("PNG", {}), ("JPEG", {"quality": 85}), ("TIFF", {}), ("WEBP", {"lossless": True})):
        buffer = io.BytesIO()
        page.save(buffer, fmt, **options)
        resume = parse_resume(buffer.getvalue(), as_of=AS_OF)
        assert resume.source.format == "image", fmt
        assert len(_skills(resume) & expected) >= COVERAGE * len(expected), (fmt, resume.text)


@needs_ocr
def test_a_scanned_pdf_is_read_through_ocr() -> None:
    source = EXAMPLES / "senior-ml-engineer.txt"
    text_version = parse_resume(source, as_of=AS_OF)
    resume = parse_resume(image_pdf(pages_of(source, 200), 200), as_of=AS_OF)
    assert resume.source.format == "pdf"
    assert resume.source.reader is not None and resume.source.reader.startswith("pdfium+tesseract")
    assert len(_skills(resume) & _skills(text_version)) >= COVERAGE * len(_skills(text_version))
    assert resume.total_experience_years == text_version.total_experience_years


@needs_ocr
def test_a_mixed_pdf_keeps_its_text_pages_as_text() -> None:
    typed = (EXAMPLES / "lead-ml-engineer-two-column.pdf").read_bytes()
    typed_text = read_document(typed).text
    document = read_document(mixed_pdf(typed, pages_of(EXAMPLES / "registered-nurse.txt", 300), 300))
    assert document.pages == 2
    assert document.ocr is not None and document.ocr.pages == [2]
    # The text page is read exactly as on its own; the scan follows it.
    assert document.text.startswith(typed_text)
    assert "Registered Nurse" in document.text[len(typed_text) :]


def _with_text_stamp(pdf: bytes, text: str) -> bytes:
    """``pdf`` with a line of real text drawn over its first page (a scanning app's stamp)."""
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
        resources = page.obj.get("/Resources", pikepdf.Dictionary())
        resources.Font = pikepdf.Dictionary(F9=font)
        page.obj.Resources = resources
        page.contents_add(pikepdf.Stream(document, f"BT /F9 8 Tf 20 12 Td ({text}) Tj ET".encode()), prepend=False)
        buffer = io.BytesIO()
        document.save(buffer)
    return buffer.getvalue()


@needs_ocr
def test_a_scan_under_a_stamp_is_read_and_a_designed_page_keeps_its_text() -> None:
    resume = pages_of(EXAMPLES / "registered-nurse.txt", 150)
    stamped = read_document(_with_text_stamp(image_pdf(resume, 150), "Scanned with ScanApp"))
    assert stamped.ocr is not None and stamped.ocr.pages == [1]
    assert "Registered Nurse" in stamped.text
    from PIL import Image

    background = Image.linear_gradient("L").resize((1275, 1650))
    designed = read_document(_with_text_stamp(image_pdf([background], 150), "Ana Lima, Data Engineer"))
    assert designed.ocr is None
    assert designed.text == "Ana Lima, Data Engineer"


@needs_ocr
def test_ocr_words_go_through_the_column_layout(scan_folder: Path) -> None:
    """The two-column example scanned reads column by column, in the order its PDF reads."""
    pdf = parse_resume(EXAMPLES / "lead-ml-engineer-two-column.pdf", as_of=AS_OF)
    scan = parse_resume(
        make_scan(EXAMPLES / "lead-ml-engineer-two-column.pdf", "300dpi", scan_folder).path, as_of=AS_OF
    )
    assert scan.source.columns == pdf.source.columns == 2
    headings = ["SUMMARY", "EXPERIENCE", "EDUCATION", "SKILLS", "LANGUAGES"]
    assert [scan.text.index(h) for h in headings] == sorted(scan.text.index(h) for h in headings)
    assert [s.kind for s in scan.sections] == [s.kind for s in pdf.sections]


@needs_ocr
def test_isolated_ocr_gives_the_same_resume(scan_folder: Path) -> None:
    scan = make_scan(EXAMPLES / "registered-nurse.txt", "150dpi", scan_folder)
    alone = parse_resume(scan.path, as_of=AS_OF)
    isolated = parse_resume(scan.path, as_of=AS_OF, isolation=rolematch.Isolation())
    assert isolated.model_dump_json() == alone.model_dump_json()


@needs_ocr
def test_the_cli_parses_a_scan(scan_folder: Path) -> None:
    from typer.testing import CliRunner

    from rolematch._cli import app

    scan = make_scan(EXAMPLES / "registered-nurse.txt", "300dpi", scan_folder)
    result = CliRunner().invoke(app, ["parse", str(scan.path), "--as-of", AS_OF.isoformat()])
    assert result.exit_code == 0, result.output
    assert "image" in result.output


@needs_ocr
def test_a_page_over_its_time_budget_stops_the_read(scan_folder: Path) -> None:
    scan = make_scan(EXAMPLES / "senior-ml-engineer.txt", "300dpi", scan_folder)
    with pytest.raises(ParseTimeoutError, match=r"Limits\.ocr_page_seconds"):
        parse_resume(scan.path, limits=Limits(ocr_page_seconds=0.05))


# -- preparing images (Pillow and numpy only) ------------------------------------------------


@pytest.mark.parametrize("angle", [-3.0, -1.2, 0.0, 1.5, 4.0])
def test_skew_is_measured(angle: float) -> None:
    page = render_text((EXAMPLES / "marketing-analyst.txt").read_text(encoding="utf-8"), 150)[0]
    turned = page.rotate(angle, expand=True, fillcolor=255)
    assert skew_angle(turned) == pytest.approx(angle, abs=0.1)


def test_a_small_scan_is_upscaled_and_a_crooked_one_straightened() -> None:
    page = degrade(render_text("EXPERIENCE\nData Engineer, Acme\t2020 - 2023\n" * 12, 150)[0], angle=2.0)
    image, dpi, skew = prepare_for_ocr(PageImage(page, 150.0), Limits())
    assert dpi == pytest.approx(300)
    assert image.width >= 2 * page.width - 2
    assert skew == pytest.approx(2.0, abs=0.1)
    # Not upscaled past the pixel limit, however small the image says its resolution is (turning it
    # straight adds the corners' margin: 7% at 2 degrees).
    image, dpi, _ = prepare_for_ocr(PageImage(page, 150.0), Limits(max_image_pixels=page.width * page.height))
    assert image.width * image.height <= page.width * page.height * 1.1


# -- a stand-in engine: confidence, warnings and evidence --------------------------------------

LINES = [
    ("Ana Lima", 95.0),
    ("EXPERIENCE", 95.0),
    ("Data Engineer, Acme Corp", 95.0),
    ("Jan 2019 – Dec 2023", 95.0),
    ("• Built pipelines in Spark and Airflow.", 95.0),
    ("SKILLS", 95.0),
    ("Python, Airflow, Terraform", 95.0),
]


class StandIn:
    """Reads the lines it is given, at the confidences given, wherever the image is."""

    name = "stand-in 1.0"

    def __init__(self, lines: list[tuple[str, float]], low: dict[str, float] | None = None) -> None:
        self.lines, self.low, self.calls = lines, low or {}, 0

    def words(self, image: Any, dpi: float, timeout: float) -> tuple[list[OcrWord], bool]:
        self.calls += 1
        unit = dpi / 300 * 25  # pixels per character at 10 points
        words = []
        seen: dict[str, int] = {}
        for row, (line, confidence) in enumerate(self.lines):
            x, top = 150.0, 150.0 + row * 3 * unit
            for index, word in enumerate(line.split(" ")):
                seen[word] = seen.get(word, 0) + 1
                # A word listed in `low` is unsure at its last appearance only.
                last = seen[word] == sum(w == word for text, _ in self.lines for w in text.split(" "))
                sure = self.low.get(word, confidence) if last else confidence
                words.append(OcrWord(x, top, x + len(word) * unit, top + 2 * unit, word, sure, index == 0))
                x += (len(word) + 1) * unit
        return words, True


@pytest.fixture
def blank_page() -> bytes:
    from PIL import Image

    return _png(Image.new("L", (1275, 1650), 255), 150)


@pytest.fixture
def engine() -> Iterator[None]:
    yield
    use_engine(None)


def test_low_confidence_words_mark_the_skills_they_alone_show(blank_page: bytes, engine: None) -> None:
    use_engine(lambda: StandIn(LINES, low={"Terraform": 31.0, "Airflow,": 40.0}))
    resume = parse_resume(blank_page, as_of=AS_OF)
    assert resume.source.format == "image" and resume.source.reader == "stand-in 1.0"
    codes = [w.code for w in resume.warnings]
    assert "ocr_used" in codes and "ocr_low_confidence" not in codes
    used = next(w for w in resume.warnings if w.code == "ocr_used")
    assert "stand-in 1.0" in used.message and "page 1" in used.message and "confidence" in used.message
    evidence = {e.skill_id: e for e in resume.distinct_skills()}
    # Terraform rests on one unsure word; Airflow is unsure in the skills list but sure in the bullet.
    assert "low-confidence" in evidence["terraform"].strongest.explanation
    assert "31%" in evidence["terraform"].strongest.explanation
    assert "low-confidence" not in evidence["apache_airflow"].strongest.explanation
    assert "low-confidence" not in evidence["python"].strongest.explanation
    assert resume.total_experience_years == 5.0


def test_a_low_mean_confidence_needs_human_review(blank_page: bytes, engine: None) -> None:
    use_engine(lambda: StandIn([(line, 55.0) for line, _ in LINES]))
    resume = parse_resume(blank_page, as_of=AS_OF)
    low = next(w for w in resume.warnings if w.code == "ocr_low_confidence")
    assert "55%" in low.message
    report = rolematch.match(resume, role="data-engineer", level="mid")
    assert report.needs_human_review
    assert any(reason.startswith("ocr_low_confidence") for reason in report.review_reasons)


def test_every_role_file_reviews_low_confidence_scans() -> None:
    import yaml

    roles = sorted((ROOT / "rolematch_data" / "roles").glob("*.yaml"))
    assert roles
    for path in roles:
        review = yaml.safe_load(path.read_text(encoding="utf-8"))["oversight"]["review_warnings"]
        assert {"ocr_low_confidence", "scan_not_read"} <= set(review), path.name


def test_marks_carry_word_positions_and_confidences() -> None:
    mark = _ocr._mark
    text = f"Python{mark(31)}, Airflow\nSpark{mark(58)} and\tK8s{mark(2)}"
    clean, spans = unmark(text)
    assert clean == "Python, Airflow\nSpark and\tK8s"
    assert [clean[s:e] for s, e, _ in spans] == ["Python", "Spark", "K8s"]
    assert [c for _, _, c in spans] == [31.0, 59.0, 3.0]
    assert unmark("no marks") == ("no marks", [])


def test_image_limits_hold_without_decoding(blank_page: bytes, engine: None) -> None:
    stand_in = StandIn(LINES)
    use_engine(lambda: stand_in)
    with pytest.raises(DocumentTooLargeError, match=r"Limits\.max_image_pixels"):
        parse_resume(blank_page, limits=Limits(max_image_pixels=1000))
    two_pages = image_pdf(pages_of(EXAMPLES / "registered-nurse.txt", 100) * 2, 100)
    with pytest.raises(DocumentTooLargeError, match=r"Limits\.max_ocr_pages"):
        parse_resume(two_pages, limits=Limits(max_ocr_pages=1))
    assert stand_in.calls == 0


def test_broken_images_fail_typed(engine: None) -> None:
    use_engine(lambda: StandIn(LINES))
    jpeg = io.BytesIO()
    pages_of(EXAMPLES / "registered-nurse.txt", 100)[0].save(jpeg, "JPEG")
    with pytest.raises(CorruptDocumentError, match="truncated"):
        parse_resume(jpeg.getvalue()[:3000])
    with pytest.raises(UnsupportedFormatError, match="OCR"):
        parse_resume(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with pytest.raises(UnsupportedFormatError, match="GIF"):
        parse_resume(b"GIF89a" + b"\x00" * 64)


def test_an_image_job_posting_is_refused_typed(blank_page: bytes, engine: None) -> None:
    use_engine(lambda: StandIn(LINES))
    with pytest.raises(UnsupportedFormatError, match="job posting"):
        rolematch.parse_job(blank_page)


# -- without an engine ----------------------------------------------------------------------


@pytest.fixture
def no_tesserocr(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the ocr extra were not installed: tesserocr cannot be imported and no engine is loaded."""
    monkeypatch.setitem(sys.modules, "tesserocr", None)
    monkeypatch.setattr(_ocr, "_engine", None)


def test_without_the_extra_images_are_refused_naming_it(blank_page: bytes, no_tesserocr: None) -> None:
    with pytest.raises(UnsupportedFormatError, match=r"OCR.*pip install 'rolematch\[ocr\]'"):
        parse_resume(blank_page)


def test_without_the_extra_a_scanned_pdf_names_it(no_tesserocr: None) -> None:
    scan = image_pdf(pages_of(EXAMPLES / "registered-nurse.txt", 100), 100)
    with pytest.raises(NoTextLayerError, match=r"OCR.*pip install 'rolematch\[ocr\]'"):
        parse_resume(scan)


def test_without_the_extra_a_mixed_pdf_keeps_its_text_and_says_what_went_unread(no_tesserocr: None) -> None:
    typed = (EXAMPLES / "lead-ml-engineer-two-column.pdf").read_bytes()
    resume = parse_resume(mixed_pdf(typed, pages_of(EXAMPLES / "registered-nurse.txt", 100), 100), as_of=AS_OF)
    assert resume.text == parse_resume(typed, as_of=AS_OF).text
    unread = next(w for w in resume.warnings if w.code == "scan_not_read")
    assert "page 2" in unread.message and "rolematch[ocr]" in unread.message


def test_without_the_english_model_the_message_says_how_to_get_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pytest.importorskip("tesserocr", reason="tesserocr (the ocr extra) is not installed")
    monkeypatch.setattr(_ocr, "_TESSDATA_DIRS", ())
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    monkeypatch.setattr(_ocr, "_engine", None)
    assert "tesseract-ocr-eng" in (ocr_unavailable() or "")


def test_text_inputs_are_untouched_by_ocr() -> None:
    """Inputs with text never reach OCR: no OCR facts, no OCR warnings."""
    for path in EXAMPLES.iterdir():
        if path.suffix in {".txt", ".md", ".json", ".docx", ".pdf"}:
            assert read_document(path).ocr is None, path
            assert not [w for w in parse_resume(path).warnings if w.code.startswith(("ocr", "scan"))]
