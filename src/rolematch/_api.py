"""The public entry points: parse a resume from a file, bytes, a file object or raw text."""

from __future__ import annotations

import hashlib
from datetime import date

from ._limits import DEFAULT_LIMITS, Limits
from .errors import EmptyDocumentError
from .parse import parse_document
from .read import Document, PdfReader, Source, read_document, read_text
from .resume import Resume

__all__ = ["parse_resume", "parse_text"]


def parse_resume(
    source: Source,
    *,
    as_of: date | None = None,
    limits: Limits = DEFAULT_LIMITS,
    pdf_reader: str | PdfReader = "pdfium",
) -> Resume:
    """Read and parse a resume given as a path, bytes or a binary file object.

    The format (PDF, DOCX, JSON Resume, plain text or Markdown) is sniffed from the content.
    ``as_of`` (default: today) is the date open ranges ("Present") end at, so that results are
    reproducible. Raises a :class:`~rolematch.errors.RolematchError` subclass for bad input.
    """
    return parse_document(read_document(source, limits=limits, pdf_reader=pdf_reader), as_of=as_of)


def parse_text(text: str, *, as_of: date | None = None, limits: Limits = DEFAULT_LIMITS) -> Resume:
    """Parse a resume given as text (already extracted by the caller)."""
    if not isinstance(text, str):
        raise TypeError(f"parse_text takes a str, not {type(text).__name__}; use parse_resume for files and bytes")
    if not text.strip():
        raise EmptyDocumentError("the text is empty")
    encoded = text.encode("utf-8", "surrogatepass")
    document = Document(
        format="text",
        text=read_text(text, limits=limits),
        reader="text",
        bytes=len(encoded),
        sha256=hashlib.sha256(encoded).hexdigest(),
    )
    return parse_document(document, as_of=as_of)
