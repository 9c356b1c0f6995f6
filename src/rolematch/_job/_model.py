"""What ``parse_job`` gives: a job posting's facts, requirement groups and duties, each with its text span."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..resume import EducationLevel, ParseWarning
from ._vocabulary import JobLevel

__all__ = [
    "EducationRequired",
    "JobDuty",
    "JobPosting",
    "JobRequirement",
    "JobSource",
    "SkillGroup",
    "StatedSalary",
    "YearsRequired",
]

_MODEL_CONFIG = ConfigDict(extra="forbid", frozen=True)


class SkillGroup(BaseModel):
    """Skills of which the posting needs ``needed``: alternatives ("Python or Scala") stay one group."""

    model_config = _MODEL_CONFIG

    skills: list[str] = Field(min_length=1, description="Taxonomy ids, in the order the posting names them.")
    names: list[str] = Field(description="The taxonomy's names of `skills`.")
    surfaces: list[str] = Field(description="The posting's words for them.")
    needed: int = Field(default=1, ge=1)


class JobRequirement(BaseModel):
    """One requirement line (bullet or sentence) of the posting, must-have or nice-to-have."""

    model_config = _MODEL_CONFIG

    id: str = Field(description="Stable id within the posting (must_1, nice_2, ...).")
    kind: Literal["must", "nice"]
    text: str = Field(description="The posting's sentence, as written.")
    start: int = Field(ge=0, description="Offset in JobPosting.text.")
    end: int = Field(ge=0)
    line: int = Field(ge=1, description="1-based line of JobPosting.text.")
    heading: str | None = Field(description="The heading the line sits under, if any.")
    why: str = Field(description="What made it a must-have or a nice-to-have.")
    groups: list[SkillGroup] = Field(description="What it asks for; empty when it names no known skill.")


class JobDuty(BaseModel):
    """A responsibility the posting states, with the skills it names."""

    model_config = _MODEL_CONFIG

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    line: int = Field(ge=1)
    skills: list[str]


class YearsRequired(BaseModel):
    """Years of experience the posting asks for."""

    model_config = _MODEL_CONFIG

    min: float | None
    max: float | None
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class EducationRequired(BaseModel):
    """The lowest degree the posting asks for, a higher one it prefers, and the fields it names."""

    model_config = _MODEL_CONFIG

    level: EducationLevel
    preferred_level: EducationLevel | None
    fields: list[str]
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class StatedSalary(BaseModel):
    """Pay the posting states: never anything a resume says."""

    model_config = _MODEL_CONFIG

    min: int | None
    max: int | None
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    period: Literal["hour", "day", "month", "year"]
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class JobSource(BaseModel):
    """Facts about the input the posting came from."""

    model_config = _MODEL_CONFIG

    format: Literal["text", "markdown", "html", "pdf", "docx", "json_job"]
    bytes: int = Field(ge=0)
    sha256: str


class JobPosting(BaseModel):
    """A parsed job posting: its facts, requirements and duties, each traceable to its text."""

    model_config = _MODEL_CONFIG

    title: str | None
    company: str | None
    location: str | None
    remote: Literal["remote", "hybrid", "onsite"] | None
    employment_type: Literal["full-time", "part-time", "contract", "internship", "temporary"] | None
    level: JobLevel
    level_reasons: list[str] = Field(description="Why this level: the title word, or the years asked for.")
    family: str | None = Field(description="The library role the title belongs to (its pay band and years rules).")
    years: YearsRequired | None
    education: EducationRequired | None
    requirements: list[JobRequirement]
    responsibilities: list[JobDuty]
    salary: StatedSalary | None
    warnings: list[ParseWarning]
    text: str = Field(description="The posting's text, as read; spans index into it.")
    source: JobSource
    as_of: date
    versions: dict[str, str]

    @property
    def must(self) -> list[JobRequirement]:
        """The must-have requirements."""
        return [r for r in self.requirements if r.kind == "must"]

    @property
    def nice(self) -> list[JobRequirement]:
        """The nice-to-have requirements."""
        return [r for r in self.requirements if r.kind == "nice"]

    @property
    def digest(self) -> str:
        """The SHA-256 of the posting's input: how reports and audit logs name it."""
        return self.source.sha256

    def to_json_resume(self) -> dict[str, Any]:
        """The posting in JSON Resume's job schema (``jsonresume/job-schema.json``)."""
        out: dict[str, Any] = {}
        if self.title:
            out["title"] = self.title
        if self.company:
            out["company"] = self.company
        if self.employment_type:
            out["type"] = {"full-time": "Full-time", "part-time": "Part-time", "contract": "Contract"}.get(
                self.employment_type, self.employment_type.capitalize()
            )
        if self.location:
            out["location"] = {"address": self.location}
        if self.remote:
            out["remote"] = {"remote": "Full", "hybrid": "Hybrid", "onsite": "None"}[self.remote]
        if self.salary is not None:
            out["salary"] = self.salary.text
        out["experience"] = {"junior": "Entry-level", "mid": "Mid-level"}.get(self.level, self.level.capitalize())
        if self.responsibilities:
            out["responsibilities"] = [d.text for d in self.responsibilities]
        qualifications = [r.text for r in self.must]
        if qualifications:
            out["qualifications"] = qualifications
        skills = [
            {"name": r.text, "level": "Required" if r.kind == "must" else "Preferred", "keywords": _keywords(r)}
            for r in self.requirements
            if r.groups
        ]
        if skills:
            out["skills"] = skills
        out["meta"] = {"version": self.versions.get("jobs_vocabulary", ""), "sha256": self.digest}
        return out


def _keywords(requirement: JobRequirement) -> list[str]:
    return [name for group in requirement.groups for name in group.names]
