"""Readers: sniffing, every input kind, every format, clean-up, and typed errors."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest

import rolematch
from conftest import EXAMPLES
from pdfwriter import Text, flow, write_pdf
from rolematch import (
    CorruptDocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    EncryptedDocumentError,
    Limits,
    NoTextLayerError,
    SourceNotFoundError,
    UnsupportedFormatError,
    parse_resume,
)
from rolematch._read import clean_text, read_document

RESUME_TEXT = "Ana Lima\n\nExperience\nData Engineer, Acme\t2020 - 2022\n• Built pipelines in Spark.\n"


# -- input kinds and sniffing ------------------------------------------------------------------


def test_path_bytes_and_file_object_give_the_same_resume(tmp_path: Path) -> None:
    path = EXAMPLES / "senior-ml-engineer.txt"
    data = path.read_bytes()
    from_path = parse_resume(path).model_dump_json()
    assert parse_resume(str(path)).model_dump_json() == from_path
    assert parse_resume(data).model_dump_json() == from_path
    assert parse_resume(io.BytesIO(data)).model_dump_json() == from_path


def test_format_is_sniffed_from_content_not_extension(tmp_path: Path) -> None:
    disguised = tmp_path / "resume.txt"
    disguised.write_bytes((EXAMPLES / "lead-ml-engineer-two-column.pdf").read_bytes())
    assert parse_resume(disguised).source.format == "pdf"
    docx_as_pdf = tmp_path / "resume.pdf"
    docx_as_pdf.write_bytes((EXAMPLES / "junior-ml-engineer.docx").read_bytes())
    assert parse_resume(docx_as_pdf).source.format == "docx"


def test_every_example_format_is_read() -> None:
    formats = {parse_resume(p).source.format for p in EXAMPLES.iterdir()}
    assert formats == {"pdf", "docx", "text", "markdown", "json_resume"}


def test_wrong_python_types_are_type_errors() -> None:
    with pytest.raises(TypeError):
        parse_resume(12345)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        parse_resume(io.StringIO("text"))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        rolematch.parse_text(b"bytes")  # type: ignore[arg-type]


# -- plain text --------------------------------------------------------------------------------


def test_latin1_and_utf16_text_are_decoded() -> None:
    text = RESUME_TEXT.replace("Ana Lima", "José Muñoz")
    assert "José Muñoz" in parse_resume(text.encode("cp1252")).text
    assert "José Muñoz" in parse_resume(text.encode("utf-16")).text


def test_utf8_decoded_as_latin1_upstream_is_repaired() -> None:
    mojibake = "José Muñoz — Zürich\n".encode().decode("cp1252") + RESUME_TEXT
    resume = parse_resume(mojibake.encode("utf-8"))
    assert resume.text.startswith("José Muñoz")
    assert "Zürich" in resume.text


def test_markdown_is_unwrapped() -> None:
    resume = parse_resume(EXAMPLES / "mid-ml-engineer.md")
    assert resume.source.format == "markdown"
    assert "#" not in resume.text and "**" not in resume.text
    assert "Machine Learning Engineer — Tidewater Logistics" in resume.text


# -- clean-up ----------------------------------------------------------------------------------


def test_clean_text_repairs_ligatures_hyphenation_bullets_and_whitespace() -> None:
    raw = (
        "ﬁne-tuned e\ufb03cient models\r\n"
        "built open\ufffe\r\nsource tools and more\n"
        "a commu\u00adnity\n"
        "stream\u00ad\nlined work\n"
        "\uf0b7   first item\n"
        "  \u25e6 sub item\n"
        "cloud-\nnative stack\n"
        "wide\u00a0\u2003gap\u200b here\t\t right\n\n\n\nend"
    )
    assert clean_text(raw) == (
        "fine-tuned efficient models\n"
        "built open-source\ntools and more\n"
        "a community\n"
        "streamlined\nwork\n"
        "• first item\n"
        "◦ sub item\n"
        "cloud-native\nstack\n"
        "wide gap here\tright\n\nend"
    )


# -- DOCX --------------------------------------------------------------------------------------


def _docx_bytes(build: object) -> bytes:
    document = docx.Document()
    build(document)  # type: ignore[operator]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_lists_tables_and_headers_in_order() -> None:
    def build(document: docx.document.Document) -> None:
        document.sections[0].header.paragraphs[0].text = "Ana Lima · ana@example.com"
        document.add_paragraph("Experience")
        document.add_paragraph("Data Engineer, Acme (2020 - 2022)")
        document.add_paragraph("Built pipelines in Spark.", style="List Bullet")
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "Languages"
        table.cell(0, 1).text = "Python, SQL"
        document.sections[0].footer.paragraphs[0].text = "github.com/analima"

    resume = parse_resume(_docx_bytes(build))
    assert resume.text.splitlines() == [
        "Ana Lima · ana@example.com",
        "Experience",
        "Data Engineer, Acme (2020 - 2022)",
        "• Built pipelines in Spark.",
        "Languages\tPython, SQL",
        "github.com/analima",
    ]
    assert resume.experience[0].organization == "Acme"
    assert resume.contact.links[0].url == "https://github.com/analima"


def test_docx_text_boxes_are_read() -> None:
    resume = parse_resume(EXAMPLES / "junior-ml-engineer.docx")
    assert resume.contact.emails == ["kenji.sato@example.com"]  # from the page header


# -- PDF ---------------------------------------------------------------------------------------


def _two_column_pdf() -> bytes:
    left = [
        "EXPERIENCE",
        ("ML Engineer", "2020 - 2023"),
        "Acme Corp",
        "• Trained models in PyTorch",
        "• Deployed them",
        "• Monitored them",
    ]
    right = ["SKILLS", "Python", "PyTorch", "Docker", "Kubernetes", "SQL"]
    runs = [Text(40, 40, "Ana Lima", 16, bold=True)]
    runs += flow(left, x=40, y=80, right_x=240) + flow(right, x=400, y=80)
    return write_pdf([runs])


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_two_column_pdf_is_read_column_by_column(reader: str) -> None:
    document = read_document(_two_column_pdf(), pdf_reader=reader)
    assert document.columns == 2
    lines = document.text.splitlines()
    assert lines[0] == "Ana Lima"
    assert lines.index("SKILLS") > lines.index("• Monitored them")
    assert lines[lines.index("SKILLS") + 1 :] == ["Python", "PyTorch", "Docker", "Kubernetes", "SQL"]
    assert "ML Engineer\t2020 - 2023" in lines


def test_pdf_hyphenated_line_end_is_rejoined() -> None:
    runs = flow(["Built open-", "source tools for data"], x=40, y=40)
    assert "open-source\ntools" in read_document(write_pdf([runs]), pdf_reader="pdfplumber").text


# -- errors ------------------------------------------------------------------------------------


def test_empty_inputs() -> None:
    for data in (b"", b"   \n\t "):
        with pytest.raises(EmptyDocumentError):
            parse_resume(data)
    with pytest.raises(EmptyDocumentError):
        rolematch.parse_text("  \n ")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceNotFoundError):
        parse_resume(tmp_path / "nope.pdf")
    with pytest.raises(SourceNotFoundError):
        parse_resume(tmp_path)


@pytest.mark.parametrize(
    ("data", "phrase"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "OCR"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, ".doc"),
        (b"{\\rtf1\\ansi hello}", "RTF"),
        (b"\x00\x01\x02\x03binary" * 20, "binary"),
        (json.dumps({"name": "not a resume"}).encode(), "JSON Resume"),
        (b"<!DOCTYPE html><html><body>cv</body></html>", "HTML"),
    ],
)
def test_unsupported_formats_say_what_they_are(data: bytes, phrase: str) -> None:
    with pytest.raises(UnsupportedFormatError, match=phrase):
        parse_resume(data)


def test_zip_that_is_not_docx() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(UnsupportedFormatError, match="not a DOCX"):
        parse_resume(buffer.getvalue())


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_truncated_pdf_is_corrupt(reader: str) -> None:
    data = (EXAMPLES / "lead-ml-engineer-two-column.pdf").read_bytes()
    with pytest.raises((CorruptDocumentError, NoTextLayerError)):
        parse_resume(data[: len(data) // 3], pdf_reader=reader)
    with pytest.raises(CorruptDocumentError):
        parse_resume(b"%PDF-1.7\n" + b"garbage " * 50, pdf_reader=reader)


def test_truncated_docx_is_corrupt() -> None:
    data = (EXAMPLES / "junior-ml-engineer.docx").read_bytes()
    with pytest.raises(CorruptDocumentError):
        parse_resume(data[:2000])


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_image_only_pdf_needs_ocr(reader: str) -> None:
    data = write_pdf([], raw_content=[b"0.5 g 50 50 200 300 re f"])
    with pytest.raises(NoTextLayerError, match="OCR"):
        parse_resume(data, pdf_reader=reader)


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_encrypted_pdf(reader: str, tmp_path: Path) -> None:
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(io.BytesIO(_two_column_pdf())) as pdf:
        pdf.save(tmp_path / "locked.pdf", encryption=pikepdf.Encryption(user="secret", owner="owner"))
    with pytest.raises(EncryptedDocumentError):
        parse_resume(tmp_path / "locked.pdf", pdf_reader=reader)


def test_owner_password_only_pdf_is_readable(tmp_path: Path) -> None:
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(io.BytesIO(_two_column_pdf())) as pdf:
        pdf.save(tmp_path / "restricted.pdf", encryption=pikepdf.Encryption(user="", owner="owner"))
    assert "PyTorch" in parse_resume(tmp_path / "restricted.pdf").text


def test_limits() -> None:
    with pytest.raises(DocumentTooLargeError, match="max_bytes"):
        parse_resume(RESUME_TEXT.encode() * 10, limits=Limits(max_bytes=100))
    many_pages = write_pdf([[Text(40, 40, f"page {i}")] for i in range(5)])
    with pytest.raises(DocumentTooLargeError, match="max_pages"):
        parse_resume(many_pages, limits=Limits(max_pages=4))
    assert parse_resume(many_pages, limits=Limits(max_pages=5)).source.pages == 5
    with pytest.raises(DocumentTooLargeError, match="max_chars"):
        rolematch.parse_text(RESUME_TEXT * 100, limits=Limits(max_chars=1000))


def test_docx_zip_bomb_is_refused_before_unpacking() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" + b"a" * 20_000_000 + b">")
    with pytest.raises(DocumentTooLargeError, match="zip bomb"):
        parse_resume(buffer.getvalue())


def test_errors_have_codes_and_messages() -> None:
    with pytest.raises(rolematch.RolematchError) as caught:
        parse_resume(b"\x89PNG\r\n\x1a\n")
    assert caught.value.code == "unsupported_format"
    assert str(caught.value).startswith("[unsupported_format] ")


def test_pdfs_read_from_many_threads_at_once() -> None:
    """PDFium is not thread-safe; the reader serialises it, so threaded servers cannot crash it."""
    from concurrent.futures import ThreadPoolExecutor

    data = (EXAMPLES / "lead-ml-engineer-two-column.pdf").read_bytes()
    expected = read_document(data).text
    with ThreadPoolExecutor(max_workers=4) as pool:
        texts = list(pool.map(lambda _: read_document(data).text, range(24)))
    assert texts == [expected] * 24
