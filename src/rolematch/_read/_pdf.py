"""PDF readers: PDFium (default) and pdfplumber (reference), behind one interface.

Each reader turns a page into positioned words; :mod:`._layout` puts them in reading order.
"""

from __future__ import annotations

import ctypes
import io
import re
import threading
from collections.abc import Sequence
from typing import NamedTuple, Protocol

from .._limits import Limits
from ..errors import (
    CorruptDocumentError,
    DocumentTooLargeError,
    EncryptedDocumentError,
    NoTextLayerError,
)
from ._furniture import drop_furniture_lines, find_page_furniture
from ._layout import Word, page_rows, rows_lines

__all__ = ["PDF_READERS", "PdfPage", "PdfReader", "PdfText", "PdfiumReader", "PlumberReader", "read_pdf"]

# PDFium is not thread-safe, not even across documents: concurrent calls crash or corrupt the
# process (pypdfium2's documentation). Every PDFium call in this module holds this lock; the
# batch engine uses processes, so it costs nothing there.
_PDFIUM_LOCK = threading.Lock()

# Characters PDFium puts where a word was broken at a line end; kept on the word's left part so
# the clean-up step can rejoin it.
_HYPHEN_MARKS = "\ufffe\x02"


class PdfText:
    """The pages of a PDF as lines in reading order, and how many furniture lines were left out."""

    __slots__ = ("columns", "furniture", "pages", "text")

    def __init__(self, text: str, pages: int, columns: int, furniture: int = 0) -> None:
        self.text = text
        self.pages = pages
        self.columns = columns
        self.furniture = furniture


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
    """PDFium through pypdfium2: words from the text page with one box lookup per word end."""

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
                        result.append(PdfPage(width, _pdfium_words(textpage, height, pdfium_c), height))
                    finally:
                        textpage.close()
                finally:
                    page.close()
            return result
        except pdfium.PdfiumError as error:
            raise CorruptDocumentError(f"the PDF cannot be read: {error}") from None
        finally:
            document.close()


# A word: a run of non-space characters, ended early by a hyphen mark (PDFium's U+FFFE / U+0002
# where the layout broke a word), which stays with the part before it.
_PDF_WORD = re.compile("[^\\s\ufffe\x02]*[\ufffe\x02]|[^\\s\ufffe\x02]+")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _pdfium_words(textpage: object, page_height: float, pdfium_c: object) -> list[Word]:
    text: str = textpage.get_text_range()  # type: ignore[attr-defined]
    raw = textpage.raw  # type: ignore[attr-defined]
    get_box = pdfium_c.FPDFText_GetLooseCharBox  # type: ignore[attr-defined]
    rect = pdfium_c.FS_RECTF()  # type: ignore[attr-defined]
    rect_ref = ctypes.byref(rect)

    # PDFium counts a character outside the Basic Multilingual Plane as two (UTF-16 units).
    char_index: list[int] | None = None
    if _ASTRAL.search(text):
        char_index = []
        position = 0
        for ch in text:
            char_index.append(position)
            position += 2 if ord(ch) > 0xFFFF else 1

    def box(i: int) -> tuple[float, float, float, float]:
        get_box(raw, char_index[i] if char_index is not None else i, rect_ref)
        return rect.left, rect.right, rect.top, rect.bottom

    return [_word_from(text, start, end, box, page_height) for start, end in word_spans(text)]


def word_spans(text: str) -> list[tuple[int, int]]:
    """Where the words of a PDFium text range are: runs of non-space characters, cut after a hyphen mark."""
    return [match.span() for match in _PDF_WORD.finditer(text)]


def _word_from(text: str, start: int, end: int, box: object, page_height: float) -> Word:
    l0, r0, t0, b0 = box(start)  # type: ignore[operator]
    l1, r1, t1, b1 = box(end - 1) if end - 1 > start else (l0, r0, t0, b0)  # type: ignore[operator]
    return Word(
        x0=min(l0, l1),
        x1=max(r0, r1),
        top=page_height - max(t0, t1),
        bottom=page_height - min(b0, b1),
        text=text[start:end],
    )


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
    """Text of a PDF in reading order, pages separated by a blank line."""
    pages = reader.pages(data, limits)
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
    text = "\n\n".join(t for t in page_texts if t.strip())
    if not text.strip():
        if pages:
            raise NoTextLayerError(
                f"the PDF has {len(pages)} page(s) but no text layer (a scan or image); run OCR on it first"
            )
        raise CorruptDocumentError("the PDF has no pages")
    return PdfText(text, len(pages), columns, dropped)
