"""Read stage: bytes in, text with layout out (or a JSON Resume object).

Nothing here knows about resumes' structure; :mod:`rolematch._parse` does that.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, BinaryIO, Union

from pydantic import BaseModel, ConfigDict, Field

from .._limits import DEFAULT_LIMITS, Limits
from ..errors import DocumentTooLargeError, EmptyDocumentError, SourceNotFoundError, UnsupportedFormatError
from ..resume import SourceFormat
from ._clean import clean_text
from ._furniture import strip_text_furniture
from ._images import IMAGE_NAMES, image_format
from ._ocr import OcrInfo, unmark
from ._pdf import PDF_READERS, PdfiumReader, PdfReader, PdfText, PlumberReader, read_pdf
from ._sniff import load_json_resume, sniff
from ._text import decode_text, looks_like_markdown, looks_like_mojibake, strip_markdown

__all__ = [
    "PDF_READERS",
    "Document",
    "OcrInfo",
    "PdfReader",
    "PdfiumReader",
    "PlumberReader",
    "Source",
    "clean_text",
    "looks_like_mojibake",
    "read_document",
    "read_source_bytes",
    "read_text",
]

Source = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, BinaryIO]


class Document(BaseModel):
    """What a reader produced: cleaned text, or a JSON Resume object, plus facts about the input."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)  # built when first used (start-up)

    format: SourceFormat
    text: str
    json_resume: dict[str, Any] | None = None
    reader: str | None = None
    pages: int | None = None
    columns: int | None = None
    bytes: int
    sha256: str
    furniture: int = Field(
        default=0,
        description=(
            "Lines left out as page furniture: running headers and footers, page numbers, 'last updated' notes."
        ),
    )
    ocr: OcrInfo | None = Field(
        default=None,
        description="How pages were read through OCR (an image, a PDF's scanned pages), or which scans went unread.",
    )


def read_source_bytes(source: Source, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of a path, a bytes-like object or a binary file object, within ``limits.max_bytes``."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        try:
            size = path.stat().st_size
            if not path.is_file():
                raise SourceNotFoundError(f"{path} is not a file")
            if size > limits.max_bytes:
                raise _too_large(size, limits)
            data = path.read_bytes()
        except FileNotFoundError:
            raise SourceNotFoundError(f"no such file: {path}") from None
        except PermissionError:
            raise SourceNotFoundError(f"no permission to read {path}") from None
        except IsADirectoryError:
            raise SourceNotFoundError(f"{path} is a directory, not a file") from None
    elif hasattr(source, "read"):
        chunk = source.read(limits.max_bytes + 1)
        if isinstance(chunk, str):
            raise TypeError("open the file in binary mode ('rb'); for text use rolematch.parse_text")
        data = bytes(chunk)
    else:
        raise TypeError(f"a resume source is a path, bytes or a binary file object, not {type(source).__name__}")
    if len(data) > limits.max_bytes:
        raise _too_large(len(data), limits)
    return data


def _too_large(size: int, limits: Limits) -> DocumentTooLargeError:
    return DocumentTooLargeError(f"the input is {size} bytes; the limit is {limits.max_bytes} (Limits.max_bytes)")


def read_document(
    source: Source, *, limits: Limits = DEFAULT_LIMITS, pdf_reader: str | PdfReader = "pdfium", html: bool = False
) -> Document:
    """Read a file of any supported format, sniffed from its content; HTML pages only with ``html=True``
    (job postings: a resume saved as a web page is not read yet)."""
    data = read_source_bytes(source, limits)
    if not data.strip():
        raise EmptyDocumentError("the input is empty")
    digest = hashlib.sha256(data).hexdigest()
    kind = sniff(data)
    common: dict[str, Any] = {"bytes": len(data), "sha256": digest}
    if kind == "json":
        resume = load_json_resume(data)
        return Document(format="json_resume", text="", json_resume=resume, reader="json", **common)
    if kind == "pdf":
        reader = PDF_READERS[pdf_reader] if isinstance(pdf_reader, str) else pdf_reader
        return _paged("pdf", read_pdf(data, reader=reader, limits=limits), reader.name, limits, common)
    if kind == "image":
        image = image_format(data) or "PNG"
        if html:
            # A job posting's source format has no "image" yet.
            raise UnsupportedFormatError(f"a {IMAGE_NAMES[image]} job posting is not read; pass its text")
        from ._scan import read_image

        return _paged("image", read_image(data, image, limits), None, limits, common)
    if kind == "html":
        if not html:
            raise UnsupportedFormatError("HTML resumes are not supported yet; save the page as PDF or text")
        from ._html import html_to_text  # html.parser is imported when a page is first read

        raw, _ = decode_text(data)
        text, furniture = _finish(html_to_text(raw), limits)
        return Document(format="html", text=text, reader="html", furniture=furniture, **common)
    if kind == "docx":
        from ._docx import read_docx  # zipfile and the DOCX walker are imported when a DOCX is first read

        body, header_furniture = read_docx(data, limits=limits)
        text, furniture = _finish(body, limits)
        return Document(format="docx", text=text, reader="docx", furniture=header_furniture + furniture, **common)
    raw, encoding = decode_text(data)
    fmt: SourceFormat = "text"
    if looks_like_markdown(raw):
        raw, fmt = strip_markdown(raw), "markdown"
    text, furniture = _finish(raw, limits)
    return Document(format=fmt, text=text, reader=f"text:{encoding}", furniture=furniture, **common)


def _paged(fmt: SourceFormat, read: PdfText, reader: str | None, limits: Limits, common: dict[str, Any]) -> Document:
    """A PDF's or an image's Document; words read through OCR with low confidence located in its text."""
    text, furniture = _finish(read.text, limits)
    ocr = read.ocr
    if ocr is not None and ocr.engine is not None:
        text, low = unmark(text)
        ocr = ocr.model_copy(update={"low_confidence": low})
        reader = f"{reader}+{ocr.engine}" if reader else ocr.engine
    return Document(
        format=fmt,
        text=text,
        reader=reader,
        pages=read.pages,
        columns=read.columns,
        furniture=read.furniture + furniture,
        ocr=ocr,
        **common,
    )


def _finish(text: str, limits: Limits) -> tuple[str, int]:
    """Checked, furniture-free and cleaned text, and how many furniture lines went."""
    if len(text) > limits.max_chars:
        raise DocumentTooLargeError(
            f"the document holds {len(text)} characters of text; the limit is {limits.max_chars} (Limits.max_chars)"
        )
    # Before clean-up, which turns form feeds (page breaks) into blank lines.
    stripped, furniture = strip_text_furniture(text)
    cleaned = clean_text(stripped)
    if not cleaned and furniture:
        # Furniture frames content: a text that would be left with nothing is kept as it is.
        cleaned, furniture = clean_text(text), 0
    text = cleaned
    if not text:
        raise EmptyDocumentError("the document contains no text")
    return text, furniture


def read_text(text: str, *, limits: Limits = DEFAULT_LIMITS) -> str:
    """Clean raw text handed over by a caller, with the same limits as a file's text."""
    return _finish(text, limits)[0]
