"""The structured resume: what the parse stage produces and every later stage reads.

All character offsets (``Span``) index :attr:`Resume.text`, so any fact can be shown in context.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "Bullet",
    "Contact",
    "EducationEntry",
    "EducationLevel",
    "ExperienceEntry",
    "Link",
    "LinkKind",
    "ParseWarning",
    "Period",
    "Resume",
    "Section",
    "SectionKind",
    "SkillEvidence",
    "SkillMention",
    "SkillMethod",
    "SourceFormat",
    "SourceInfo",
    "Span",
    "StatedExperience",
    "YearMonth",
]

# Built when first used (pydantic's defer_build), not at import: a model that a process never
# validates or dumps costs it nothing (start-up time).
_MODEL_CONFIG = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Span(BaseModel):
    """A half-open range ``[start, end)`` of character offsets into ``Resume.text``."""

    model_config = _MODEL_CONFIG

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        return self


class YearMonth(BaseModel):
    """A date as precise as a resume gives it: a year, or a year and a month."""

    model_config = _MODEL_CONFIG

    year: int = Field(ge=1900, le=2100)
    month: int | None = Field(default=None, ge=1, le=12)

    @property
    def month_index(self) -> int:
        """Months since year 0, counting a bare year from its January."""
        return self.year * 12 + (self.month or 1) - 1

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"


class SectionKind(str, Enum):
    """The kinds of resume section rolematch recognises."""

    HEADER = "header"
    SUMMARY = "summary"
    EXPERIENCE = "experience"
    EDUCATION = "education"
    SKILLS = "skills"
    PROJECTS = "projects"
    CERTIFICATIONS = "certifications"
    PUBLICATIONS = "publications"
    AWARDS = "awards"
    LANGUAGES = "languages"
    VOLUNTEER = "volunteer"
    INTERESTS = "interests"
    REFERENCES = "references"
    COURSEWORK = "coursework"
    CONTACT = "contact"
    OTHER = "other"


class Section(BaseModel):
    """A section of the resume: its kind, the heading as written, and where it lies."""

    model_config = _MODEL_CONFIG

    kind: SectionKind
    heading: str | None = Field(description="The heading as written; None for the header block.")
    span: Span = Field(description="From the heading's first character to the section's end.")
    body: Span = Field(description="The section's content, after the heading line.")


class LinkKind(str, Enum):
    """What a link points to."""

    LINKEDIN = "linkedin"
    GITHUB = "github"
    GITLAB = "gitlab"
    STACKOVERFLOW = "stackoverflow"
    KAGGLE = "kaggle"
    SCHOLAR = "scholar"
    WEBSITE = "website"


class Link(BaseModel):
    """A web link found in the resume."""

    model_config = _MODEL_CONFIG

    url: str = Field(description="Normalised with a scheme, e.g. https://github.com/jdoe.")
    kind: LinkKind
    span: Span


class Contact(BaseModel):
    """Contact details. The matcher never reads these; they exist for ATS hand-off."""

    model_config = _MODEL_CONFIG

    name: str | None = None
    name_span: Span | None = None
    emails: list[str] = Field(default_factory=list)
    phones: list[str] = Field(default_factory=list, description="E.164 when the number parses.")
    links: list[Link] = Field(default_factory=list)


class Bullet(BaseModel):
    """One bullet or sentence of an experience entry."""

    model_config = _MODEL_CONFIG

    text: str
    span: Span


class Period(BaseModel):
    """One spell of work when an entry's dates name several ("Summer 2012 and 2013")."""

    model_config = _MODEL_CONFIG

    start: YearMonth
    end: YearMonth | None = Field(default=None, description="None while the spell is current.")


class ExperienceEntry(BaseModel):
    """One job (or internship, research post, ...) from an experience section."""

    model_config = _MODEL_CONFIG

    title: str | None = None
    organization: str | None = None
    location: str | None = None
    start: YearMonth | None = None
    end: YearMonth | None = Field(default=None, description="None while the job is current.")
    is_current: bool = False
    date_text: str | None = Field(default=None, description="The dates as written.")
    months: int | None = Field(default=None, description="Length in months up to as_of.")
    periods: list[Period] = Field(
        default_factory=list,
        description="The separate spells when the dates name several; empty when start and end say it all.",
    )
    span: Span
    bullets: list[Bullet] = Field(default_factory=list)


class EducationLevel(str, Enum):
    """Degree levels, highest first."""

    DOCTORATE = "doctorate"
    MASTER = "master"
    BACHELOR = "bachelor"
    ASSOCIATE = "associate"
    CERTIFICATE = "certificate"
    SECONDARY = "secondary"


class EducationEntry(BaseModel):
    """One degree, diploma or certificate programme."""

    model_config = _MODEL_CONFIG

    level: EducationLevel | None = None
    degree: str | None = Field(default=None, description="The degree as written.")
    field: str | None = None
    institution: str | None = None
    year: int | None = Field(default=None, description="Graduation (or latest) year.")
    span: Span


class StatedExperience(BaseModel):
    """The total experience the resume states about itself ("Total IT experience: 9 years 8 months")."""

    model_config = _MODEL_CONFIG

    years: float = Field(ge=0)
    text: str = Field(description="The statement as written.")
    span: Span


class ParseWarning(BaseModel):
    """Something that lowers trust in what was parsed.

    Codes from reading scans: ``ocr_used`` (OCR read some pages: the engine, the pages and the mean
    word confidence), ``ocr_low_confidence`` (that mean is low: check the text against the scan) and
    ``scan_not_read`` (a PDF page is a scan and no OCR engine was installed to read it). Role files
    list the codes that make a report need human review (``oversight.review_warnings``).
    """

    model_config = _MODEL_CONFIG

    code: str
    message: str


class SkillMethod(str, Enum):
    """How a skill mention was found, strongest first."""

    EXACT = "exact"  # the canonical name, in any case
    ALIAS = "alias"  # an alias, misspelling or case-sensitive short form
    FUZZY = "fuzzy"  # a near spelling of a name or alias (rapidfuzz ratio)
    INFERRED = "inferred"  # what the resume says the person did ("mentored two engineers")


_METHOD_RANK = {SkillMethod.EXACT: 3, SkillMethod.ALIAS: 2, SkillMethod.FUZZY: 1, SkillMethod.INFERRED: 0}


class SkillMention(BaseModel):
    """One place in the resume that shows a skill, and why the extractor says so."""

    model_config = _MODEL_CONFIG

    skill_id: str = Field(description="Stable id from the skills taxonomy.")
    name: str = Field(description="Canonical skill name.")
    category: str
    surface: str = Field(description="The text as written in the resume.")
    span: Span
    section: SectionKind | None = Field(default=None, description="Kind of the section holding the mention.")
    experience_index: int | None = Field(
        default=None, description="Index into Resume.experience of the entry holding the mention."
    )
    method: SkillMethod
    similarity: float = Field(
        ge=0.0,
        le=1.0,
        description="1.0 for exact and alias; the rapidfuzz ratio / 100 for fuzzy; the rule's confidence for inferred.",
    )
    extractor: str = Field(description="Name of the extractor that found it.")
    explanation: str = Field(description="Why the extractor accepted it, in words.")

    @property
    def strength(self) -> tuple[float, int, int, int]:
        """Sort key: higher is stronger evidence (similarity, then method, then work context, then earlier)."""
        return (self.similarity, _METHOD_RANK[self.method], self.experience_index is not None, -self.span.start)


class SkillEvidence(BaseModel):
    """One distinct skill of a resume with its strongest mention and how often it is mentioned."""

    model_config = _MODEL_CONFIG

    skill_id: str
    name: str
    category: str
    mentions: int = Field(ge=1)
    strongest: SkillMention
    in_experience: bool = Field(description="Whether any mention lies inside an experience entry.")


# "image": a PNG, JPEG, TIFF or WebP scan or photo, read through OCR (the ``ocr`` extra). A PDF
# whose pages are scans stays "pdf"; the ``ocr_used`` warning says which pages OCR read.
SourceFormat = Literal["pdf", "docx", "text", "markdown", "html", "json_resume", "image"]


class SourceInfo(BaseModel):
    """Where the text came from and how it was read."""

    model_config = _MODEL_CONFIG

    format: SourceFormat
    reader: str | None = None
    pages: int | None = None
    columns: int | None = Field(default=None, description="Most text columns found on one page.")
    bytes: int | None = None
    sha256: str | None = Field(default=None, description="Hash of the input bytes.")


class Resume(BaseModel):
    """A parsed resume. Offsets in every ``Span`` index :attr:`text`."""

    model_config = _MODEL_CONFIG

    text: str
    source: SourceInfo
    sections: list[Section]
    contact: Contact
    experience: list[ExperienceEntry]
    total_experience_years: float = Field(
        description="Union of all experience ranges (overlaps merged), open ranges ending at as_of."
    )
    stated_experience: StatedExperience | None = Field(
        default=None,
        description="What the resume says its total experience is; a check on the dated entries, never a substitute.",
    )
    education: list[EducationEntry]
    skills: list[SkillMention] = Field(
        default_factory=list, description="Every skill mention, in document order (see distinct_skills)."
    )
    skills_taxonomy: str | None = Field(
        default=None,
        description="The taxonomy the skills were read with (version and files). Matching with another one "
        "is refused (TaxonomyMismatchError): requirements would be judged against skills it never looked for.",
    )
    warnings: list[ParseWarning]
    as_of: date
    rolematch_version: str

    def sections_of(self, kind: SectionKind) -> list[Section]:
        """The sections of one kind, in document order."""
        return [section for section in self.sections if section.kind is kind]

    def section_at(self, offset: int) -> Section | None:
        """The section that holds character ``offset``, if any."""
        for section in self.sections:
            if section.span.start <= offset < section.span.end:
                return section
        return None

    def span_text(self, span: Span) -> str:
        """The text a span covers."""
        return self.text[span.start : span.end]

    def to_json_resume(self) -> dict[str, Any]:
        """What was parsed, as a JSON Resume object (basics, work, education, skills).

        Feed it back to :func:`rolematch.parse_text` or render it in another layout: the round trip
        checks that parsing does not depend on layout.
        """
        from ._parse._jsonresume import to_json_resume

        return to_json_resume(self)

    def distinct_skills(self) -> list[SkillEvidence]:
        """The distinct skills, each with its strongest mention; strongest and most-mentioned first."""
        by_skill: dict[str, list[SkillMention]] = {}
        for mention in self.skills:
            by_skill.setdefault(mention.skill_id, []).append(mention)
        evidence = [
            SkillEvidence(
                skill_id=skill_id,
                name=mentions[0].name,
                category=mentions[0].category,
                mentions=len(mentions),
                strongest=max(mentions, key=lambda m: m.strength),
                in_experience=any(m.experience_index is not None for m in mentions),
            )
            for skill_id, mentions in by_skill.items()
        ]
        evidence.sort(
            key=lambda e: (-e.strongest.similarity, -_METHOD_RANK[e.strongest.method], -e.mentions, e.skill_id)
        )
        return evidence
