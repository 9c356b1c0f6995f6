"""A minimal PDF writer for tests and example files: positioned Helvetica text, nothing more.

Writing the PDFs ourselves keeps binary fixtures out of git and lets tests state exactly where
each word sits on the page (columns, hyphenated line ends, image-only pages).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    """A run of text with its baseline's left end at (x, y) measured from the page's top-left."""

    x: float
    y: float
    text: str
    size: float = 10.0
    bold: bool = False


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", "replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def write_pdf(
    pages: Sequence[Sequence[Text]],
    *,
    width: float = 612,
    height: float = 792,
    raw_content: Sequence[bytes] | None = None,
) -> bytes:
    """A PDF whose pages hold the given text runs (or raw content streams, for odd cases)."""
    objects: list[bytes] = []
    page_count = len(raw_content) if raw_content is not None else len(pages)
    first_page = 5
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(page_count))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {page_count} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    for index in range(page_count):
        if raw_content is not None:
            stream = raw_content[index]
        else:
            ops = []
            for run in pages[index]:
                font = "/F2" if run.bold else "/F1"
                ops.append(
                    b"BT %s %.1f Tf %.2f %.2f Td (%s) Tj ET"
                    % (font.encode(), run.size, run.x, height - run.y, _escape(run.text))
                )
            stream = b"\n".join(ops)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] "
            f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {first_page + 2 * index + 1} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def flow(
    lines: Sequence[str | tuple[str, str]],
    *,
    x: float,
    y: float,
    leading: float = 13.0,
    size: float = 10.0,
    right_x: float | None = None,
) -> list[Text]:
    """Lay lines out top to bottom; a (left, right) pair puts the right part at ``right_x``."""
    runs = []
    for index, line in enumerate(lines):
        top = y + index * leading
        if isinstance(line, tuple):
            left, right = line
            runs.append(Text(x, top, left, size, bold=True))
            runs.append(Text(right_x if right_x is not None else x + 300, top, right, size))
        elif line:
            runs.append(Text(x, top, line, size, bold=line.isupper()))
    return runs
