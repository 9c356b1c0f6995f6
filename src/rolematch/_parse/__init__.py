"""Parse stage: text (or a JSON Resume object) in, a validated :class:`~rolematch.resume.Resume` out."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from .._nlp import get_pipeline
from .._read import Document
from .._read._ocr_notes import mark_low_confidence, ocr_warnings
from .._skills import SkillRegistry, default_registry
from .._version import __version__
from ..resume import (
    Contact,
    EducationEntry,
    ExperienceEntry,
    ParseWarning,
    Resume,
    Section,
    SectionKind,
    SourceInfo,
)
from ._contact import find_contact
from ._dates import months_between
from ._education import find_education
from ._experience import find_experience, title_score
from ._jsonresume import render_json_resume
from ._quality import quality_warnings
from ._sections import find_sections
from ._years import find_stated_experience, years_warnings

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["get_pipeline", "parse_document", "total_experience_years"]

# Sections whose dated entries count toward years of experience.
_EXPERIENCE_KINDS = (SectionKind.EXPERIENCE,)


def total_experience_years(entries: list[ExperienceEntry], as_of: date) -> float:
    """Years covered by the union of the entries' ranges: overlaps and concurrent jobs count once.

    Inverted ranges (end before start) have no interval and so count nothing.
    """
    as_of_index = as_of.year * 12 + as_of.month - 1
    intervals = sorted(
        interval
        for entry in entries
        if entry.start is not None
        for start, end in ([(p.start, p.end) for p in entry.periods] or [(entry.start, entry.end)])
        for interval in [months_between(start, end, as_of_index)]
        if interval is not None
    )
    months = 0
    current_start, current_end = -1, -1
    for start, end in intervals:
        if start > current_end:
            months += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    months += current_end - current_start
    return round(months / 12, 2)


def _entry_warnings(entries: list[ExperienceEntry], has_experience_section: bool) -> list[ParseWarning]:
    warnings = []
    inverted = [e for e in entries if e.start and e.end and e.end.month_index < e.start.month_index]
    if inverted:
        warnings.append(
            ParseWarning(
                code="inverted_dates",
                message=f"{len(inverted)} experience entr(y/ies) end before they start; not counted",
            )
        )
    if has_experience_section and not any(e.start for e in entries):
        warnings.append(
            ParseWarning(
                code="no_experience_dates",
                message="the experience section has no dates; years of experience are unknown",
            )
        )
    return warnings


# Headings such as "Research" name publications in one CV and research posts in another.
_MAYBE_EXPERIENCE_KINDS = (SectionKind.PUBLICATIONS, SectionKind.OTHER)
_TWO_DIGITS = re.compile(r"\d\d")


def _jobs_under_other_headings(
    text: str, sections: list[Section], as_of_index: int
) -> tuple[list[Section], dict[int, list[ExperienceEntry]]]:
    """Sections whose content is dated jobs, each with a job title, are experience whatever the heading.

    Also returns the entries read from each section so made experience (by its position): they are
    that section's experience entries, not read a second time.
    """
    result = []
    found: dict[int, list[ExperienceEntry]] = {}
    for number, section in enumerate(sections):
        # Every start date holds two digits in a row (a year): a body without them has no dated job.
        if section.kind in _MAYBE_EXPERIENCE_KINDS and _TWO_DIGITS.search(text, section.body.start, section.body.end):
            entries = find_experience(text, section.body.start, section.body.end, as_of_index)
            if entries and all(e.start is not None and e.title and title_score(e.title) >= 2 for e in entries):
                section = section.model_copy(update={"kind": SectionKind.EXPERIENCE})
                found[number] = entries
        result.append(section)
    return result, found


# spacy.attrs IDX, LENGTH and SPACY: fixed attribute ids, named here so no spaCy import is needed.
_TOKEN_COLUMNS: list[int | str] = ["IDX", "LENGTH", "SPACY"]


def _token_texts(doc: Doc, text: str) -> list[str]:
    """``[token.text for token in doc]`` without making a spaCy ``Token`` per word.

    Offsets come from one ``Doc.to_array`` call and the words are sliced from the text the doc was
    made from (``SkillRegistry.tokenize``: line breaks as spaces); a doc made otherwise (a text of
    another length, other first or last words) is read token by token.
    """
    if not len(doc):
        return []
    columns = doc.to_array(_TOKEN_COLUMNS)
    starts: list[int] = columns[:, 0].tolist()
    ends: list[int] = (columns[:, 0] + columns[:, 1]).tolist()
    source = text.replace("\n", " ")
    if len(source) == ends[-1] + int(columns[-1, 2]):
        words = [source[start:end] for start, end in zip(starts, ends, strict=True)]
        if words[0] == doc[0].text and words[-1] == doc[-1].text:
            return words
    return [token.text for token in doc]


def parse_document(document: Document, *, as_of: date | None = None, skills: SkillRegistry | None = None) -> Resume:
    """Structure a read document. ``as_of`` (default: today) ends open date ranges.

    ``skills`` is the skill extractor registry (default: the built-in one over the shipped taxonomy).
    """
    as_of = as_of or date.today()
    as_of_index = as_of.year * 12 + as_of.month - 1
    experience: list[ExperienceEntry]
    education: list[EducationEntry]
    if document.json_resume is not None:
        rendered = render_json_resume(document.json_resume, as_of_index)
        text, experience, education = rendered.text, rendered.experience, rendered.education
        sections = find_sections(text)
    else:
        text = document.text
        sections, read = _jobs_under_other_headings(text, find_sections(text), as_of_index)
        experience, education = [], []
        for number, section in enumerate(sections):
            if number in read:
                experience += read[number]
            elif section.kind in _EXPERIENCE_KINDS:
                experience += find_experience(text, section.body.start, section.body.end, as_of_index)
            elif section.kind is SectionKind.EDUCATION:
                education += find_education(text, section.body.start, section.body.end)
    contact = find_contact(text, sections) if text else Contact()
    registry = skills or default_registry()
    # One tokenisation serves the quality checks (which count words, not line breaks) and the skills.
    doc = registry.tokenize(text)
    tokens = _token_texts(doc, text)
    # A skill shown only by words OCR read with low confidence says so in its explanation.
    mentions = mark_low_confidence(
        registry.extract(text, sections=sections, experience=experience, doc=doc), document.ocr
    )
    real_sections = sum(1 for s in sections if s.kind not in (SectionKind.HEADER, SectionKind.OTHER))
    warnings = quality_warnings(text, tokens, real_sections)
    has_experience_section = any(s.kind in _EXPERIENCE_KINDS for s in sections)
    total_years = total_experience_years(experience, as_of)
    stated = find_stated_experience(text)
    warnings += _entry_warnings(experience, has_experience_section)
    warnings += years_warnings(experience, total_years, stated, has_experience_section)
    if document.columns and document.columns > 1:
        warnings.append(
            ParseWarning(
                code="multi_column_layout",
                message=f"read as {document.columns} columns; check the reading order",
            )
        )
    warnings += ocr_warnings(document.ocr)
    return Resume(
        text=text,
        skills_taxonomy=registry.taxonomy.label,
        source=SourceInfo(
            format=document.format,
            reader=document.reader,
            pages=document.pages,
            columns=document.columns,
            bytes=document.bytes,
            sha256=document.sha256,
        ),
        sections=sections,
        contact=contact,
        experience=experience,
        total_experience_years=total_years,
        stated_experience=stated,
        education=education,
        skills=mentions,
        warnings=warnings,
        as_of=as_of,
        rolematch_version=__version__,
    )
