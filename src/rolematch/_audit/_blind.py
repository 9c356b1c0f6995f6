"""Blind reports: personal data masked in everything a first-round reviewer reads."""

from __future__ import annotations

import re

from .._match import FitReport, RequirementResult
from ..resume import Resume, SectionKind

__all__ = ["MASK", "blind_report", "identifying_strings"]

MASK = "[redacted]"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|net|io|dev|me|ai)/\S*", re.IGNORECASE)
_PHONE = re.compile(r"\+?\d[\d\s().-]{6,}\d")


def identifying_strings(resume: Resume) -> list[str]:
    """Strings that identify the person: name and its parts, emails, links, and the contact lines."""
    found: set[str] = set()
    contact = resume.contact
    if contact.name:
        found.add(contact.name)
        found.update(part for part in re.split(r"[\s,.]+", contact.name) if len(part) > 1)
    found.update(contact.emails)
    for link in contact.links:
        found.add(link.url)
        found.add(resume.text[link.span.start : link.span.end])
    for section in resume.sections:
        if section.kind in (SectionKind.HEADER, SectionKind.CONTACT):
            for line in resume.text[section.body.start : section.body.end].splitlines():
                # On a line with contact details, the segments that are contacts or places (a comma, as in
                # "Seattle, WA", or a digit, as in a street number) identify the person; a headline does not.
                if not (_EMAIL.search(line) or _PHONE.search(line) or _URL.search(line)):
                    continue
                for segment in re.split(r"[|•·;\t]| {2,}", line):
                    segment = segment.strip(" *_")
                    if _EMAIL.search(segment) or _PHONE.search(segment) or _URL.search(segment):
                        found.add(segment)
                    elif "," in segment or any(c.isdigit() for c in segment):
                        found.update(part.strip() for part in segment.split(",") if len(part.strip()) > 2)
    return sorted((s for s in found if s.strip()), key=len, reverse=True)


def _mask(text: str, strings: list[str]) -> str:
    for value in strings:
        text = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", MASK, text, flags=re.IGNORECASE)
    text = _EMAIL.sub(MASK, text)
    text = _URL.sub(MASK, text)
    return _PHONE.sub(MASK, text)


def blind_report(report: FitReport, resume: Resume) -> FitReport:
    """The report with names, contacts, addresses and links masked wherever they could appear."""
    strings = identifying_strings(resume)

    def requirement(result: RequirementResult) -> RequirementResult:
        evidence = [
            e.model_copy(update={"text": _mask(e.text, strings), "why": _mask(e.why, strings)}) for e in result.evidence
        ]
        return result.model_copy(update={"evidence": evidence})

    experience = report.experience.model_copy(
        update={
            "latest_title": _mask(report.experience.latest_title, strings) if report.experience.latest_title else None,
            "leadership_signals": [_mask(s, strings) for s in report.experience.leadership_signals],
        }
    )
    return report.model_copy(
        update={
            "requirements": [requirement(r) for r in report.requirements],
            "responsibilities": [requirement(r) for r in report.responsibilities],
            "experience": experience,
            "education": _mask(report.education, strings) if report.education else None,
            "blind": True,
        }
    )
