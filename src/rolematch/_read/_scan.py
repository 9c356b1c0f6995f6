"""Scans: image files, and the scanned pages of PDFs, read through OCR into the PDF readers' words.

Either way the OCR-ed pages then take the PDF path: furniture, columns and reading order from
:func:`._pdf.lay_out_pages`. Without an engine an image is refused (``unsupported_format``) and a
PDF with no text at all has ``no_text_layer``, each naming the extra to install; a PDF with some
text keeps it, and the pages left unread are listed (the ``scan_not_read`` warning).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from .._limits import Limits
from ..errors import NoTextLayerError, UnsupportedFormatError
from ._images import IMAGE_NAMES, decode_image
from ._ocr import OcrInfo, OcrUnavailableError, ocr_engine, ocr_info, ocr_pages
from ._pdf import PdfPage, PdfText, lay_out_pages, render_page

__all__ = ["no_text_message", "read_image", "read_scanned_pages"]

# A page with a few words of text layer is taken for a scan with a stamp only when OCR reads at
# least twice as many words there, and this many more.
_MORE_WORDS = 10


def read_scanned_pages(
    data: bytes, pages: Sequence[PdfPage], scans: Sequence[int], limits: Limits
) -> tuple[list[PdfPage], OcrInfo | None]:
    """``pages`` with the scans among them (indices ``scans``) replaced by what OCR read on them.

    Without an engine the pages stay as they are and the OcrInfo says which went unread and why;
    None when no page was replaced after all.
    """
    numbers = [index + 1 for index in scans]
    try:
        read = ocr_pages([partial(render_page, data, index, limits) for index in scans], limits, numbers=numbers)
    except OcrUnavailableError as error:
        return list(pages), OcrInfo(engine=None, unread_pages=numbers, unavailable=str(error))
    result = list(pages)
    kept = []
    for position, (index, page) in enumerate(zip(scans, read.pages, strict=True)):
        had = len(pages[index][1])
        if had and len(page.words) < max(2 * had, had + _MORE_WORDS):
            # A few words over a page-sized picture that holds no more text than they do: a
            # designed page with a background image, not a scan with a stamp. Its text layer stays.
            continue
        result[index] = page
        kept.append(position)
    return result, ocr_info(read.only(kept), [numbers[i] for i in kept]) if kept else None


def no_text_message(page_count: int, ocr: OcrInfo | None, scanned: bool) -> str:
    """Why a PDF gave no text, and what to do about it."""
    pages = f"the PDF has {page_count} page(s) but no text layer"
    if ocr is not None and ocr.engine is None:
        return f"{pages} (a scan or image); OCR would read it, but {ocr.unavailable}"
    if ocr is not None:
        return f"{pages}, and OCR ({ocr.engine}) found no text on them (a blank or unreadable scan)"
    if scanned:
        return f"{pages} (a scan or image); run OCR on it first"
    return f"{pages} and nothing drawn on them that OCR could read (blank pages)"


def read_image(data: bytes, fmt: str, limits: Limits) -> PdfText:
    """A PNG, JPEG, TIFF or WebP scan read through OCR, every frame a page.

    Raises ``UnsupportedFormatError`` naming the ``ocr`` extra when no engine can run (checked
    before the image is decoded), the image errors of :func:`._images.decode_image`, and
    ``NoTextLayerError`` when OCR finds no text.
    """
    what = IMAGE_NAMES[fmt]
    try:
        engine = ocr_engine()
    except OcrUnavailableError as error:
        raise UnsupportedFormatError(f"a {what} has no text layer; OCR reads it, but {error}") from None
    frames = decode_image(data, fmt, limits)
    numbers = list(range(1, len(frames) + 1))
    read = ocr_pages(frames, limits, numbers=numbers, engine=engine)
    text, columns, dropped = lay_out_pages(read.pages)
    if not text.strip():
        raise NoTextLayerError(f"OCR ({read.engine}) found no text in the {what} (a blank or unreadable scan)")
    return PdfText(text, len(read.pages), columns, dropped, ocr_info(read, numbers))
