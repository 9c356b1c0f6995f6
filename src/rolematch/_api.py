"""The public entry points: parse a resume from a file, bytes, a file object or raw text."""

from __future__ import annotations

import hashlib
from datetime import date

from ._limits import DEFAULT_LIMITS, Limits
from .errors import EmptyDocumentError
from .parse import parse_document
from .parse._sections import find_sections
from .read import Document, PdfReader, Source, read_document, read_text
from .resume import Resume, SkillMention
from .skills import SkillRegistry, default_registry

__all__ = ["extract_skills", "parse_resume", "parse_text"]


def parse_resume(
    source: Source,
    *,
    as_of: date | None = None,
    limits: Limits = DEFAULT_LIMITS,
    pdf_reader: str | PdfReader = "pdfium",
    skills: SkillRegistry | None = None,
) -> Resume:
    """Read and parse a resume given as a path, bytes or a binary file object.

    The format (PDF, DOCX, JSON Resume, plain text or Markdown) is sniffed from the content.
    ``as_of`` (default: today) is the date open ranges ("Present") end at, so that results are
    reproducible. ``skills`` is a :class:`~rolematch.SkillRegistry` with your own taxonomy or
    extractors (default: the built-in one). Raises a :class:`~rolematch.errors.RolematchError`
    subclass for bad input.
    """
    document = read_document(source, limits=limits, pdf_reader=pdf_reader)
    return parse_document(document, as_of=as_of, skills=skills)


def parse_text(
    text: str,
    *,
    as_of: date | None = None,
    limits: Limits = DEFAULT_LIMITS,
    skills: SkillRegistry | None = None,
) -> Resume:
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
    return parse_document(document, as_of=as_of, skills=skills)


def extract_skills(text: str, *, skills: SkillRegistry | None = None) -> list[SkillMention]:
    """Skill mentions in any text (a resume fragment, a job ad), with sections found from its headings.

    Lighter than :func:`parse_text`: no contacts, dates or experience entries, so mentions carry
    a section but no experience entry.
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_skills takes a str, not {type(text).__name__}")
    return (skills or default_registry()).extract(text, sections=find_sections(text))
