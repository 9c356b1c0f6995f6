"""JSON Resume (jsonresume.org schema) mapped straight to the structured model.

The structured fields come from the JSON; a plain-text rendering is built alongside so that every
span (and later every piece of evidence) points at readable text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..resume import Bullet, EducationEntry, ExperienceEntry, Resume, SectionKind, Span, YearMonth
from ._dates import months_between
from ._education import _degree

__all__ = ["RenderedJsonResume", "render_json_resume", "to_json_resume"]

_ISO_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-\d{1,2})?")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _text(value: Any) -> str:
    """A string field, or '' when it is missing or of the wrong type (hostile JSON is common)."""
    return " ".join(value.split()) if isinstance(value, str) else ""


def _items(value: Any, limit: int = 200) -> list[Any]:
    return value[:limit] if isinstance(value, list) else []


def _objects(value: Any, limit: int = 200) -> list[dict[str, Any]]:
    return [item for item in _items(value, limit) if isinstance(item, dict)]


def _date(value: Any) -> YearMonth | None:
    match = _ISO_DATE.match(value) if isinstance(value, str) else None
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2)) if match.group(2) else None
    if not 1900 <= year <= 2100 or (month is not None and not 1 <= month <= 12):
        return None
    return YearMonth(year=year, month=month)


def _show(date: YearMonth | None) -> str:
    if date is None:
        return ""
    return f"{_MONTH_NAMES[date.month - 1]} {date.year}" if date.month else str(date.year)


@dataclass
class RenderedJsonResume:
    """Text rendered from a JSON Resume, with the entries read from its fields."""

    text: str
    experience: list[ExperienceEntry] = field(default_factory=list)
    education: list[EducationEntry] = field(default_factory=list)


class _Writer:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def line(self, text: str) -> Span:
        start = self.length
        self.parts.append(text + "\n")
        self.length += len(text) + 1
        return Span(start=start, end=start + len(text))

    def heading(self, title: str) -> None:
        if self.parts:
            self.line("")
        self.line(title)


def _write_basics(out: _Writer, data: dict[str, Any]) -> None:
    """The name, the headline, one line of contacts and the summary."""
    basics = data.get("basics") if isinstance(data.get("basics"), dict) else {}
    assert isinstance(basics, dict)
    for key in ("name", "label"):
        if _text(basics.get(key)):
            out.line(_text(basics.get(key)))
    location = basics.get("location") if isinstance(basics.get("location"), dict) else {}
    assert isinstance(location, dict)
    place = ", ".join(p for p in (_text(location.get("city")), _text(location.get("region"))) if p)
    contacts = [_text(basics.get(k)) for k in ("email", "phone", "url")] + [place]
    contacts += [_text(p.get("url")) for p in _objects(basics.get("profiles"))]
    if any(contacts):
        out.line(" | ".join(c for c in contacts if c))
    if _text(basics.get("summary")):
        out.heading("Summary")
        out.line(_text(basics.get("summary")))


def _write_job(out: _Writer, job: dict[str, Any], as_of_index: int) -> ExperienceEntry:
    """A work (or volunteer) item's lines, and its entry."""
    start, end = _date(job.get("startDate")), _date(job.get("endDate"))
    is_current = start is not None and not _text(job.get("endDate"))
    title, organization = _text(job.get("position")) or None, _text(job.get("name")) or None
    dates = f"{_show(start)} – {'Present' if is_current else _show(end)}" if start else ""
    first = out.line("\t".join(p for p in (title or "", dates) if p) or (organization or "Role"))
    out.line("\t".join(p for p in (organization or "", _text(job.get("location"))) if p))
    bullets = []
    for sentence in [_text(job.get("summary"))] + [_text(h) for h in _items(job.get("highlights"))]:
        if sentence:
            span = out.line(f"• {sentence}")
            bullets.append(Bullet(text=sentence, span=Span(start=span.start + 2, end=span.end)))
    interval = months_between(start, end, as_of_index) if start else None
    return ExperienceEntry(
        title=title,
        organization=organization,
        location=_text(job.get("location")) or None,
        start=start,
        end=None if is_current else end,
        is_current=is_current,
        date_text=dates or None,
        months=None if interval is None else interval[1] - interval[0],
        span=Span(start=first.start, end=out.length - 1),
        bullets=bullets,
    )


def _write_school(out: _Writer, school: dict[str, Any]) -> EducationEntry:
    """An education item's lines, and its entry."""
    start, end = _date(school.get("startDate")), _date(school.get("endDate"))
    study, area = _text(school.get("studyType")), _text(school.get("area"))
    first = out.line("\t".join(p for p in (_text(school.get("institution")), _show(end)) if p) or "School")
    out.line(" in ".join(p for p in (study, area) if p))
    for course in _items(school.get("courses"), 50):
        if _text(course):
            out.line(f"• {_text(course)}")
    found = _degree(study) if study else None
    return EducationEntry(
        level=found[0] if found else None,
        degree=study or None,
        field=area or None,
        institution=_text(school.get("institution")) or None,
        year=end.year if end else (start.year if start else None),
        span=Span(start=first.start, end=out.length - 1),
    )


# The other sections: key, heading, and the fields that make an item's line.
_OTHER_SECTIONS = (
    ("projects", "Projects", ("name", "description")),
    ("certificates", "Certifications", ("name", "issuer")),
    ("awards", "Awards", ("title", "awarder")),
    ("publications", "Publications", ("name", "publisher")),
    ("languages", "Languages", ("language", "fluency")),
    ("interests", "Interests", ("name",)),
)


def _write_rest(out: _Writer, data: dict[str, Any]) -> None:
    """Skills, then projects, certificates, awards, publications, languages and interests."""
    skills = _objects(data.get("skills"))
    if skills:
        out.heading("Skills")
    for skill in skills:
        keywords = ", ".join(_text(k) for k in _items(skill.get("keywords")) if _text(k))
        out.line(": ".join(p for p in (_text(skill.get("name")), keywords) if p))
    for key, heading, fields in _OTHER_SECTIONS:
        items = _objects(data.get(key))
        if items:
            out.heading(heading)
        for item in items:
            out.line(" – ".join(_text(item.get(f)) for f in fields if _text(item.get(f))) or "-")
            for highlight in _items(item.get("highlights")) + _items(item.get("keywords")):
                if _text(highlight):
                    out.line(f"• {_text(highlight)}")


def render_json_resume(data: dict[str, Any], as_of_index: int) -> RenderedJsonResume:
    """Render the resume to text and map its work and education entries."""
    out = _Writer()
    result = RenderedJsonResume(text="")
    _write_basics(out, data)
    jobs = _objects(data.get("work")) + [
        {**v, "name": v.get("organization")} for v in _objects(data.get("volunteer")) if v.get("position")
    ]
    if jobs:
        out.heading("Experience")
    result.experience.extend(_write_job(out, job, as_of_index) for job in jobs)
    schools = _objects(data.get("education"))
    if schools:
        out.heading("Education")
    result.education.extend(_write_school(out, school) for school in schools)
    _write_rest(out, data)
    result.text = "".join(out.parts).rstrip("\n")
    return result


def _iso(date: YearMonth | None) -> str | None:
    if date is None:
        return None
    return f"{date.year:04d}-{date.month:02d}" if date.month else f"{date.year:04d}"


def _dropped_none(item: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in item.items() if value not in (None, "", [])}


def to_json_resume(resume: Resume) -> dict[str, Any]:
    """What was parsed, in the JSON Resume schema (jsonresume.org): basics, work, education, skills.

    Dates are ``YYYY-MM`` (or ``YYYY`` when the resume gave only a year); a current job has no
    ``endDate``. Skills are grouped by taxonomy category, each keyword as written in the resume.
    """
    contact = resume.contact
    basics: dict[str, Any] = _dropped_none(
        {
            "name": contact.name,
            "email": contact.emails[0] if contact.emails else None,
            "phone": contact.phones[0] if contact.phones else None,
            "profiles": [{"network": link.kind.value, "url": link.url} for link in contact.links],
        }
    )
    work = [
        _dropped_none(
            {
                "name": entry.organization,
                "position": entry.title,
                "location": entry.location,
                "startDate": _iso(entry.start),
                "endDate": None if entry.is_current else _iso(entry.end),
                "highlights": [bullet.text for bullet in entry.bullets],
            }
        )
        for entry in resume.experience
    ]
    education = [
        _dropped_none(
            {
                "institution": entry.institution,
                "area": entry.field,
                "studyType": entry.degree,
                "endDate": None if entry.year is None else f"{entry.year:04d}",
            }
        )
        for entry in resume.education
    ]
    keywords: dict[str, dict[str, None]] = {}
    for mention in resume.skills:
        if mention.section is SectionKind.SKILLS:
            keywords.setdefault(mention.category, {})[mention.surface] = None
    skills = [{"name": category, "keywords": list(words)} for category, words in keywords.items()]
    return _dropped_none({"basics": basics, "work": work, "education": education, "skills": skills})
