"""Scans rendered from the shipped examples, made on demand into a temporary folder (never committed).

Each example is printed as a reader sees it: its text laid out on letter pages with Pillow (a
bold first line and bold all-capital headings, the part after a tab set flush right, long lines
wrapped), or, for the PDF, its page rasterised with PDFium. Three variants per example:

- ``300dpi``: a clean 300 dpi PNG;
- ``150dpi``: a clean 150 dpi TIFF (a fax-like, small image that the reader upscales);
- ``rotated-noisy``: 300 dpi, turned by 1.5 degrees, with grey noise and dust specks, saved as a
  JPEG (a page put crooked on a scanner or photographed).

Used by tests/test_ocr.py and benchmarks/ocr.py; ``make_scans(folder)`` returns what it wrote.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SOURCES = [
    "senior-ml-engineer.txt",
    "mid-ml-engineer.md",
    "junior-ml-engineer.docx",
    "junior-ml-engineer.json",
    "lead-ml-engineer-two-column.pdf",
    "marketing-analyst.txt",
    "registered-nurse.txt",
]
VARIANTS = ("300dpi", "150dpi", "rotated-noisy")

_PAGE_INCHES = (8.5, 11.0)
_MARGIN_INCHES = 0.6
_FONT_POINTS = 10.0
_LEADING = 1.3
_FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts")


@dataclass(frozen=True)
class Scan:
    """A rendered scan: its file, the example it shows and how it was made."""

    path: Path
    source: Path
    variant: str
    dpi: int


def _font(points: float, dpi: int, *, bold: bool = False) -> Any:
    """DejaVu Sans at ``points`` for ``dpi``; Pillow's own scalable font where DejaVu is not installed."""
    from PIL import ImageFont

    size = round(points * dpi / 72)
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in _FONT_DIRS:
        path = Path(folder) / name
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def example_text(source: Path) -> str:
    """The text of an example as rolematch reads it (a JSON Resume as the text it is rendered to)."""
    import rolematch

    return rolematch.parse_resume(source).text


def _wrap(line: str, font: Any, width: float) -> list[str]:
    """``line`` broken at spaces so that each piece fits ``width`` pixels; bullets' pieces indented."""
    if font.getlength(line) <= width:
        return [line]
    indent = "   " if line.startswith(("•", "◦")) else ""
    words, pieces, current = line.split(" "), [], ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and font.getlength(candidate) > width:
            pieces.append(current)
            current = indent + word
        else:
            current = candidate
    pieces.append(current)
    return pieces


def render_text(text: str, dpi: int) -> list[Any]:
    """``text`` printed on letter pages at ``dpi``: grey-scale Pillow images, one per page."""
    from PIL import Image, ImageDraw

    width, height = (round(inches * dpi) for inches in _PAGE_INCHES)
    margin = round(_MARGIN_INCHES * dpi)
    regular, bold = _font(_FONT_POINTS, dpi), _font(_FONT_POINTS, dpi, bold=True)
    title = _font(_FONT_POINTS * 1.4, dpi, bold=True)
    step = round(_FONT_POINTS * _LEADING * dpi / 72)
    pages: list[Any] = []
    draw: Any = None
    y = height
    for index, raw in enumerate(text.split("\n")):
        left, _, right = raw.partition("\t")
        font = title if index == 0 else bold if left.isupper() and any(c.isalpha() for c in left) else regular
        right_width = font.getlength(right) + dpi // 4 if right else 0
        pieces = _wrap(left, font, width - 2 * margin - right_width) if left else [""]
        for number, piece in enumerate(pieces):
            line_step = round(step * 1.4) if font is title else step
            if y + line_step > height - margin:
                pages.append(Image.new("L", (width, height), 255))
                draw, y = ImageDraw.Draw(pages[-1]), margin
            draw.text((margin, y), piece, font=font, fill=0)
            if right and number == 0:
                draw.text((width - margin - font.getlength(right), y), right, font=font, fill=0)
            y += line_step
    return pages


def rasterise_pdf(source: Path, dpi: int) -> list[Any]:
    """Each page of a PDF rendered at ``dpi`` with PDFium, as grey-scale Pillow images."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(source.read_bytes())
    try:
        return [document[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(len(document))]
    finally:
        document.close()


def pages_of(source: Path, dpi: int) -> list[Any]:
    """The pages of an example as a printer at ``dpi`` would put them on paper."""
    if source.suffix == ".pdf":
        return rasterise_pdf(source, dpi)
    return render_text(example_text(source), dpi)


def degrade(image: Any, *, angle: float = 1.5, seed: int = 7) -> Any:
    """``image`` turned by ``angle`` degrees on a white ground, with grey noise and dust specks."""
    import numpy as np
    from PIL import Image

    turned = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    rng = np.random.default_rng(seed)
    pixels = np.asarray(turned, dtype=np.float32)
    pixels += rng.normal(0, 20, pixels.shape)
    specks = rng.random(pixels.shape)
    pixels[specks < 0.002] = 0
    pixels[specks > 0.998] = 255
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L")


def _stack(pages: Sequence[Any]) -> Any:
    """Pages one under the other in one tall image (a long screenshot), for single-image formats."""
    from PIL import Image

    if len(pages) == 1:
        return pages[0]
    width = max(p.width for p in pages)
    tall = Image.new("L", (width, sum(p.height for p in pages)), 255)
    top = 0
    for page in pages:
        tall.paste(page, (0, top))
        top += page.height
    return tall


def save_image(pages: Sequence[Any], path: Path, dpi: int) -> Path:
    """``pages`` written to ``path`` in the format its suffix names (TIFF and PDF keep the pages apart)."""
    suffix = path.suffix.lower()
    info = {"dpi": (dpi, dpi)}
    if suffix in {".tif", ".tiff"}:
        pages[0].save(path, save_all=True, append_images=list(pages[1:]), compression="tiff_deflate", **info)
    elif suffix == ".pdf":
        pages[0].save(path, save_all=True, append_images=list(pages[1:]), resolution=float(dpi))
    elif suffix in {".jpg", ".jpeg"}:
        _stack(pages).save(path, quality=80, **info)
    elif suffix == ".webp":
        _stack(pages).save(path, lossless=True)
    else:
        _stack(pages).save(path, **info)
    return path


def make_scan(source: Path, variant: str, folder: Path) -> Scan:
    """One variant of one example, written into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{source.stem}-{source.suffix.lstrip('.')}-{variant}"
    if variant == "300dpi":
        return Scan(save_image(pages_of(source, 300), folder / f"{stem}.png", 300), source, variant, 300)
    if variant == "150dpi":
        return Scan(save_image(pages_of(source, 150), folder / f"{stem}.tiff", 150), source, variant, 150)
    if variant == "rotated-noisy":
        pages = [degrade(page, seed=n) for n, page in enumerate(pages_of(source, 300))]
        return Scan(save_image(pages, folder / f"{stem}.jpg", 300), source, variant, 300)
    raise ValueError(f"unknown variant {variant!r}; one of {', '.join(VARIANTS)}")


def make_scans(folder: Path, sources: Sequence[str] = SOURCES, variants: Sequence[str] = VARIANTS) -> list[Scan]:
    """Every variant of every example, written into ``folder``."""
    return [make_scan(EXAMPLES / name, variant, folder) for name in sources for variant in variants]


def image_pdf(pages: Sequence[Any], dpi: int) -> bytes:
    """An image-only PDF of ``pages`` (no text layer), as a scanner writes one."""
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", save_all=True, append_images=list(pages[1:]), resolution=float(dpi))
    return buffer.getvalue()


def mixed_pdf(text_pdf: bytes, scanned_pages: Sequence[Any], dpi: int) -> bytes:
    """The pages of ``text_pdf`` followed by image-only pages: a PDF partly typed, partly scanned."""
    import pypdfium2 as pdfium

    combined = pdfium.PdfDocument.new()
    for part in (text_pdf, image_pdf(scanned_pages, dpi)):
        document = pdfium.PdfDocument(part)
        combined.import_pages(document)
        document.close()
    buffer = io.BytesIO()
    combined.save(buffer)
    combined.close()
    return buffer.getvalue()
