"""A hostile corpus, generated on demand (never committed): broken, crafted and oversized inputs.

``make_hostile(folder)`` writes one file per kind and returns {kind: path}. Used by
tests/test_hostile.py and benchmarks/hostile_inputs.py. The scans among them (a 30,000 x 30,000
PNG, a truncated JPEG, a 200-page scanned PDF and TIFF) are rendered from the examples with
tests/ocr_scans.py.
"""

from __future__ import annotations

import io
import json
import random
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GOOD_PDF = EXAMPLES / "lead-ml-engineer-two-column.pdf"
GOOD_DOCX = EXAMPLES / "junior-ml-engineer.docx"
GOOD_TEXT = EXAMPLES / "senior-ml-engineer.txt"


def _pikepdf_page_pdf(path: Path, build: object) -> None:
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(612, 792))
    build(pdf, pdf.pages[0])  # type: ignore[operator]
    pdf.save(path)


def _image_only(pdf: object, page: object) -> None:
    import pikepdf

    image = pikepdf.Stream(
        pdf, bytes(range(256)) * 4, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
        Width=32, Height=32, ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8,
    )  # fmt: skip
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))  # type: ignore[attr-defined]
    page.Contents = pikepdf.Stream(pdf, b"q 400 0 0 400 100 200 cm /Im0 Do Q")  # type: ignore[attr-defined]


def _flate_bomb(pdf: object, page: object) -> None:
    import pikepdf

    # 300 MB of spaces in a content stream that is 300 KB on disk.
    compressed = zlib.compress(b" " * (300 * 1024 * 1024), 9)
    stream = pikepdf.Stream(pdf, compressed)
    stream.Filter = pikepdf.Name.FlateDecode
    page.Contents = stream  # type: ignore[attr-defined]


def _deep_nesting(pdf: object, page: object) -> None:
    import pikepdf

    raw = b"[" * 100_000 + b"]" * 100_000
    page.Contents = pikepdf.Stream(pdf, b"BT /F1 12 Tf 72 720 Td (Deep) Tj ET " + raw)  # type: ignore[attr-defined]


def _javascript_and_attachment(path: Path) -> None:
    import pikepdf

    with pikepdf.open(GOOD_PDF) as pdf:
        pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('hi')"))
        pdf.attachments["payload.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ" + bytes(1000), filename="payload.exe")
        pdf.save(path)


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def huge_png(width: int = 30_000, height: int = 30_000) -> bytes:
    """A valid, blank 1-bit PNG of ``width`` x ``height`` pixels, written row by row (never held decoded).

    30,000 x 30,000 is 900 million pixels, 112 MB packed and 900 MB as grey: a decompression bomb
    of about 110 KB.
    """
    row = b"\x00" + b"\xff" * ((width + 7) // 8)  # filter byte, then white pixels
    packer = zlib.compressobj(9)
    compressed = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", compressed) + _png_chunk(b"IEND", b"")
    )


def _scan_page(dpi: int = 100) -> Any:
    """The senior example rendered as a grey page at ``dpi`` (a low-resolution scan)."""
    from ocr_scans import render_text

    return render_text(GOOD_TEXT.read_text(encoding="utf-8"), dpi)[0]


def _truncated_jpeg() -> bytes:
    buffer = io.BytesIO()
    _scan_page(150).save(buffer, "JPEG", quality=85)
    data = buffer.getvalue()
    return data[: len(data) // 2]


def _many_page_scan_pdf(path: Path, pages: int) -> None:
    """A PDF of ``pages`` image-only pages that all show one JPEG scan (small on disk)."""
    import pikepdf

    buffer = io.BytesIO()
    page_image = _scan_page(100)
    page_image.save(buffer, "JPEG", quality=60)
    pdf = pikepdf.new()
    image = pikepdf.Stream(
        pdf, buffer.getvalue(), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Filter=pikepdf.Name.DCTDecode,
        Width=page_image.width, Height=page_image.height, ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8,
    )  # fmt: skip
    for _ in range(pages):
        pdf.add_blank_page(page_size=(612, 792))
        page = pdf.pages[-1]
        page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
        page.Contents = pikepdf.Stream(pdf, b"q 612 0 0 792 0 0 cm /Im0 Do Q")
    pdf.save(path)


def _many_page_tiff(pages: int) -> bytes:
    """A TIFF of ``pages`` frames, each the scan page in black and white (Group 4, a fax's coding)."""
    frame = _scan_page(100).convert("1")
    buffer = io.BytesIO()
    frame.save(buffer, "TIFF", save_all=True, append_images=[frame] * (pages - 1), compression="group4")
    return buffer.getvalue()


def _docx_with_document(document_xml: bytes, *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(GOOD_DOCX) as original, zipfile.ZipFile(buffer, "w", compression) as copy:
        for item in original.infolist():
            data = document_xml if item.filename == "word/document.xml" else original.read(item.filename)
            copy.writestr(item.filename, data)
    return buffer.getvalue()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""


def make_hostile(folder: Path) -> dict[str, Path]:
    """One file per hostile kind, in ``folder``."""
    import pikepdf

    folder.mkdir(parents=True, exist_ok=True)
    made: dict[str, Path] = {}

    def put(kind: str, name: str, data: bytes | None = None) -> Path:
        path = folder / name
        if data is not None:
            path.write_bytes(data)
        made[kind] = path
        return path

    pdf_bytes = GOOD_PDF.read_bytes()
    with pikepdf.open(GOOD_PDF) as pdf:
        pdf.save(
            put("encrypted PDF, user password", "encrypted-user.pdf"),
            encryption=pikepdf.Encryption(owner="o", user="u"),
        )
        pdf.save(
            put("encrypted PDF, owner password only", "encrypted-owner.pdf"),
            encryption=pikepdf.Encryption(owner="o", user=""),
        )
    put("truncated PDF", "truncated.pdf", pdf_bytes[: len(pdf_bytes) // 2])
    put("zero-byte file", "empty.pdf", b"")
    put("random bytes named .pdf", "random.pdf", random.Random(7).randbytes(50_000))
    _pikepdf_page_pdf(put("image-only PDF (no text layer)", "scan.pdf"), _image_only)
    thousand = pikepdf.new()
    for _ in range(1000):
        thousand.add_blank_page()
    thousand.save(put("1,000-page PDF", "thousand-pages.pdf"))
    _pikepdf_page_pdf(put("FlateDecode bomb (300 MB)", "flate-bomb.pdf"), _flate_bomb)
    _pikepdf_page_pdf(put("deeply nested PDF objects", "nested.pdf"), _deep_nesting)
    _javascript_and_attachment(put("PDF with JavaScript and an embedded file", "javascript.pdf"))
    put("DOCX zip bomb", "zip-bomb.docx", _docx_with_document(b"<" + b" " * (200 * 1024 * 1024) + b">"))
    put("DOCX with billion-laughs entities", "billion-laughs.docx", _docx_with_document(BILLION_LAUGHS))
    put("DOCX that is really a PDF", "really-a-pdf.docx", pdf_bytes)
    text = GOOD_TEXT.read_text(encoding="utf-8")
    put("cp1252 text", "cp1252.txt", (text + "\nCafé résumé naïve – “quotes”\n").encode("cp1252", "replace"))
    put("mixed-encoding text", "mixed.txt", text.encode("utf-8") + "Café résumé\n".encode("latin-1"))
    put("20 MB text file", "huge.txt", ((text + "\n") * (20 * 1024 * 1024 // len(text))).encode("utf-8"))
    put("one 5 MB line", "one-line.txt", b"Python " * (5 * 1024 * 1024 // 7))
    put("NUL bytes in text", "nul.txt", text.encode("utf-8").replace(b"\n", b"\x00\n"))
    put(
        "right-to-left and zero-width characters",
        "bidi.txt",
        ("\u202e\u200b" + text.replace("Python", "Py\u200bthon\u200f")).encode("utf-8"),
    )
    put("PNG of 30,000 x 30,000 pixels", "huge.png", huge_png())
    put("truncated JPEG", "truncated.jpg", _truncated_jpeg())
    _many_page_scan_pdf(put("200-page scanned PDF", "scan-200-pages.pdf"), 200)
    put("200-page TIFF scan", "scan-200-pages.tiff", _many_page_tiff(200))
    resume = json.loads((EXAMPLES / "junior-ml-engineer.json").read_text(encoding="utf-8"))
    resume["basics"]["name"] = ["not", "a", "string"]
    resume["work"] = [{"position": 7, "startDate": {"y": 1}, "highlights": "x" * 10} for _ in range(50_000)]
    put("JSON Resume with wrong types and huge arrays", "wrong-types.json", json.dumps(resume).encode())
    return made
