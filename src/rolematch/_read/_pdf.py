"""PDF readers: PDFium (default) and pdfplumber (reference), behind one interface.

Each reader turns a page into positioned words; :mod:`._layout` puts them in reading order.
Pages that are scans (no words but something drawn, or a stamp of a few words over a page-sized
image) are rendered and read through OCR (:mod:`._scan`) when the ``ocr`` extra is installed; the
other pages of the PDF stay text.
"""

from __future__ import annotations

import io
import math
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol

from .._limits import Limits
from ..errors import (
    CorruptDocumentError,
    DocumentTooLargeError,
    EncryptedDocumentError,
    NoTextLayerError,
)
from ._furniture import drop_furniture_lines, find_page_furniture
from ._layout import Word, page_rows, rows_lines
from ._pdfium_words import pdfium_words, word_spans

if TYPE_CHECKING:
    from ._images import PageImage
    from ._ocr import OcrInfo

__all__ = [
    "PDF_READERS",
    "PdfPage",
    "PdfReader",
    "PdfText",
    "PdfiumReader",
    "PlumberReader",
    "lay_out_pages",
    "read_pdf",
    "render_page",
    "scanned_pages",
    "word_spans",
]

# PDFium is not thread-safe, not even across documents: concurrent calls crash or corrupt the
# process (pypdfium2's documentation). Every PDFium call in this module holds this lock; the
# batch engine uses processes, so it costs nothing there.
_PDFIUM_LOCK = threading.Lock()

# Characters PDFium puts where a word was broken at a line end; kept on the word's left part so
# the clean-up step can rejoin it.
_HYPHEN_MARKS = "\ufffe\x02"


class PdfText:
    """The pages of a PDF as lines in reading order, and how many furniture lines were left out."""

    __slots__ = ("columns", "furniture", "ocr", "pages", "text")

    def __init__(self, text: str, pages: int, columns: int, furniture: int = 0, ocr: OcrInfo | None = None) -> None:
        self.text = text
        self.pages = pages
        self.columns = columns
        self.furniture = furniture
        self.ocr = ocr  # how the scanned pages were read through OCR, if any page is a scan


class PdfPage(NamedTuple):
    """A page as a reader sees it: its width, its words and its height (points).

    The height places the top and bottom margins where running headers and footers sit. A
    reader written for an earlier version may return ``(width, words)`` pairs; the text's own
    extent then stands in for the page.
    """

    width: float
    words: list[Word]
    height: float | None = None


class PdfReader(Protocol):
    """Turns PDF bytes into positioned words, page by page."""

    name: str

    def pages(self, data: bytes, limits: Limits) -> Sequence[PdfPage]:
        """Each page's size and words. Raises the read errors of :mod:`rolematch.errors`."""
        ...


def _check_page_count(count: int, limits: Limits) -> None:
    if count > limits.max_pages:
        raise DocumentTooLargeError(f"the PDF has {count} pages; the limit is {limits.max_pages} (Limits.max_pages)")


class PdfiumReader:
    """PDFium through pypdfium2: words from the text page with one box lookup per word end (:mod:`._pdfium_words`)."""

    name = "pdfium"

    def pages(self, data: bytes, limits: Limits) -> list[PdfPage]:
        with _PDFIUM_LOCK:
            return self._pages(data, limits)

    def _pages(self, data: bytes, limits: Limits) -> list[PdfPage]:
        import pypdfium2 as pdfium
        import pypdfium2.raw as pdfium_c

        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            if getattr(error, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
                raise EncryptedDocumentError(
                    "the PDF is password-protected; remove the password and try again"
                ) from None
            raise CorruptDocumentError(f"the PDF cannot be opened: {error}") from None
        try:
            _check_page_count(len(document), limits)
            result = []
            for index in range(len(document)):
                page = document[index]
                try:
                    width, height = page.get_size()
                    textpage = page.get_textpage()
                    try:
                        result.append(PdfPage(width, pdfium_words(textpage, height, pdfium_c), height))
                    finally:
                        textpage.close()
                finally:
                    page.close()
            return result
        except pdfium.PdfiumError as error:
            raise CorruptDocumentError(f"the PDF cannot be read: {error}") from None
        finally:
            document.close()


class PlumberReader:
    """pdfplumber (pdfminer.six): the reference reader, slower, pure Python."""

    name = "pdfplumber"

    def pages(self, data: bytes, limits: Limits) -> list[PdfPage]:
        import logging

        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfminer.psexceptions import PSException

        # pdfminer logs a warning per glyph of some fonts (missing FontBBox); they say nothing
        # about the text and would flood a batch's output.
        logging.getLogger("pdfminer").setLevel(logging.ERROR)
        try:
            try:
                pdf = pdfplumber.open(io.BytesIO(data))
            except Exception as wrapped:
                # pdfplumber wraps pdfminer's errors in PdfminerException(original).
                inner = wrapped.args[0] if wrapped.args and isinstance(wrapped.args[0], Exception) else None
                raise (inner or wrapped) from None
        except (PDFPasswordIncorrect, PDFEncryptionError):
            raise EncryptedDocumentError("the PDF is password-protected; remove the password and try again") from None
        except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as error:
            raise CorruptDocumentError(f"the PDF cannot be opened: {error}") from None
        except Exception as error:  # pdfminer raises bare errors on broken files
            if "password" in str(error).lower() or "encrypt" in type(error).__name__.lower():
                raise EncryptedDocumentError("the PDF is password-protected") from None
            raise CorruptDocumentError(f"the PDF cannot be opened: {error}") from None
        try:
            _check_page_count(len(pdf.pages), limits)
            result = []
            for page in pdf.pages:
                words = [
                    Word(x0=w["x0"], x1=w["x1"], top=w["top"], bottom=w["bottom"], text=w["text"])
                    for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)
                ]
                result.append(PdfPage(float(page.width), words, float(page.height)))
                page.close()
            return result
        except (DocumentTooLargeError, EncryptedDocumentError):
            raise
        except Exception as error:  # pdfminer raises bare errors on broken files
            raise CorruptDocumentError(f"the PDF cannot be read: {error}") from None
        finally:
            pdf.close()


PDF_READERS: dict[str, PdfReader] = {"pdfium": PdfiumReader(), "pdfplumber": PlumberReader()}


def read_pdf(data: bytes, *, reader: PdfReader, limits: Limits) -> PdfText:
    """Text of a PDF in reading order, pages separated by a blank line; scanned pages through OCR."""
    pages = reader.pages(data, limits)
    ocr = None
    scans = scanned_pages(data, pages)
    if scans:
        from ._scan import read_scanned_pages

        pages, ocr = read_scanned_pages(data, pages, scans, limits)
    text, columns, dropped = lay_out_pages(pages)
    if not text.strip():
        if pages:
            from ._scan import no_text_message

            raise NoTextLayerError(no_text_message(len(pages), ocr, bool(scans)))
        raise CorruptDocumentError("the PDF has no pages")
    return PdfText(text, len(pages), columns, dropped, ocr)


def lay_out_pages(pages: Sequence[PdfPage]) -> tuple[str, int, int]:
    """Pages of positioned words as text in reading order, the most columns side by side, and how
    many furniture lines were left out."""
    # A reader written before page heights returns (width, words) pairs.
    rows = [page_rows(page[1]) for page in pages]
    furniture = find_page_furniture(
        [(r, page[2] if len(page) > 2 else None) for page, r in zip(pages, rows, strict=True)]
    )
    page_texts: list[str] = []
    columns = dropped = 0
    for page, its_rows, its_furniture in zip(pages, rows, furniture, strict=True):
        lines, page_columns = rows_lines(its_rows, page[0])
        if its_furniture:
            lines, count = drop_furniture_lines(lines, its_furniture)
            dropped += count
        columns = max(columns, page_columns)
        page_texts.append("\n".join(lines))
    return "\n\n".join(t for t in page_texts if t.strip()), columns, dropped


# ---------------------------------------------------------------------------- scanned pages

# A page with fewer words than this may still be a scan: a scanning app's stamp ("Scanned with
# ...") or a fax header over a page-sized picture of the text.
_STAMP_WORDS = 20
_SCAN_IMAGE_SHARE = 0.5  # of the page's area covered by images
_RENDER_DPI = 300.0


def scanned_pages(data: bytes, pages: Sequence[PdfPage]) -> list[int]:
    """Indices of the pages that are scans: no words but something drawn on them, or fewer than
    ``_STAMP_WORDS`` words over images that cover half the page or more."""
    candidates = [i for i, page in enumerate(pages) if len(page[1]) < _STAMP_WORDS]
    if not candidates:
        return []
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            return []  # pdfplumber read what PDFium cannot open: no page is taken for a scan
        try:
            found = []
            for index in candidates:
                if index >= len(document):
                    break
                page = document[index]
                try:
                    if _looks_scanned(page, len(pages[index][1]), pdfium_c):
                        found.append(index)
                finally:
                    page.close()
            return found
        except pdfium.PdfiumError:
            return []
        finally:
            document.close()


def _looks_scanned(page: object, words: int, pdfium_c: object) -> bool:
    raw = page.raw  # type: ignore[attr-defined]
    if not words:
        return bool(pdfium_c.FPDFPage_CountObjects(raw) > 0)  # type: ignore[attr-defined]
    width, height = page.get_size()  # type: ignore[attr-defined]
    covered = 0.0
    for item in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):  # type: ignore[attr-defined]
        bounds = getattr(item, "get_bounds", None) or item.get_pos  # pypdfium2 5 renamed get_pos
        left, bottom, right, top = bounds()
        covered += max(0.0, min(right, width) - max(left, 0.0)) * max(0.0, min(top, height) - max(bottom, 0.0))
    return bool(covered >= _SCAN_IMAGE_SHARE * width * height)


def render_page(data: bytes, index: int, limits: Limits) -> PageImage:
    """Page ``index`` of a PDF rendered grey at 300 dpi (less where that would pass ``limits.max_image_pixels``)."""
    import pypdfium2 as pdfium

    from ._images import PageImage

    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            raise CorruptDocumentError(f"the PDF cannot be opened: {error}") from None
        try:
            page = document[index]
            try:
                width, height = page.get_size()
                scale = _RENDER_DPI / 72
                if width * height * scale * scale > limits.max_image_pixels:
                    scale = math.sqrt(limits.max_image_pixels / (width * height))
                bitmap = page.render(scale=scale, grayscale=True)
                image = bitmap.to_pil().convert("L")  # a copy: the bitmap's buffer goes with it
                bitmap.close()
            finally:
                page.close()
        except pdfium.PdfiumError as error:
            raise CorruptDocumentError(f"page {index + 1} of the PDF cannot be rendered for OCR: {error}") from None
        finally:
            document.close()
    return PageImage(image, 72 * scale)
