"""The fit report: what the match stage produces for one resume and one role level."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..resume import SectionKind, SkillMethod

__all__ = [
    "Assessment",
    "CategoryScore",
    "Evidence",
    "ExperienceFit",
    "FitReport",
    "JobRef",
    "RankedResume",
    "Recommendation",
    "RequirementResult",
    "RoleFit",
    "SalaryExpectation",
    "SalaryFactor",
]

# Built when first used (pydantic's defer_build), not at import: a model that a process never
# validates or dumps costs it nothing (start-up time).
_MODEL_CONFIG = ConfigDict(extra="forbid", frozen=True, defer_build=True)

Status = Literal["met", "partial", "missing"]


#: What a mention says about the candidate, strongest first (``_evidence`` decides it).
EvidenceKind = Literal[
    "work", "project", "skills_list", "summary", "aspiration", "course", "hedged", "negated", "counterpart"
]


class Evidence(BaseModel):
    """One piece of resume text that supports a requirement, and how much it counts."""

    model_config = _MODEL_CONFIG

    text: str = Field(description="The resume text of the mention.")
    start: int = Field(ge=0, description="Offset in Resume.text.")
    end: int = Field(ge=0)
    section: SectionKind | None
    skill: str = Field(description="Taxonomy id of the skill mentioned.")
    counts_for: str = Field(description="The requirement's skill it counts for (the same, or one it implies).")
    method: SkillMethod
    similarity: float
    experience_index: int | None = Field(description="Index into Resume.experience, when in a job.")
    strength: float = Field(
        ge=0, le=1, description="Section weight x recency x method confidence x evidence kind x implication."
    )
    kind: EvidenceKind = Field(
        description="What the text says about the candidate: work in a job, a project, a skills list, a summary, "
        "an aspiration, a course, a hedged mention, a negation, or someone else (counterpart)."
    )
    why: str = Field(description="How the mention was found and why it counts this much.")


class RequirementResult(BaseModel):
    """A must-have, nice-to-have or key responsibility of the level, and what the resume shows for it."""

    model_config = _MODEL_CONFIG

    id: str
    name: str
    kind: Literal["must", "nice", "responsibility"]
    category: Literal["skills", "responsibilities"]
    weight: float
    status: Status
    score: float = Field(ge=0, le=1, description="Mean strength of the best `needed` distinct skills.")
    skills: list[str] = Field(description="The acceptable skills (taxonomy ids) from the role file.")
    needed: int = Field(ge=1, description="How many distinct skills of the list make it met.")
    found: list[str] = Field(description="Distinct skills of the list the resume shows, strongest first.")
    evidence: list[Evidence]
    quote: str = Field(description="The sentence of the role's source document this comes from.")
    role_line: int | None = Field(description="Line of the role file that defines it.")


class CategoryScore(BaseModel):
    """One scoring category: its score, its weight, and whether the resume had data for it."""

    model_config = _MODEL_CONFIG

    name: Literal["skills", "experience", "responsibilities", "education"]
    score: float = Field(ge=0, le=1)
    weight: float = Field(ge=0)
    has_data: bool
    counted: bool = Field(description="False when the resume had no data and the role counts that as neutral.")
    detail: str


class ExperienceFit(BaseModel):
    """Years and titles against the level's expectation."""

    model_config = _MODEL_CONFIG

    relevant_years: float = Field(
        description="Years that count toward the role: jobs in the role in full, plus related years at their "
        "weight (overlaps merged, up to as_of)."
    )
    in_role_years: float = Field(default=0.0, description="Union of the jobs in the role, counted in full.")
    related_years: float = Field(
        default=0.0, description="Union of related jobs (not overlapping jobs in the role), before their weight."
    )
    related_weight: float = Field(default=1.0, description="What a related year counts, from the role file.")
    total_years: float
    relevant_entries: list[int] = Field(description="Indexes into Resume.experience of the jobs in the role.")
    related_entries: list[int] = Field(
        default_factory=list, description="Indexes into Resume.experience of the related jobs."
    )
    expected_min: float
    expected_max: float | None
    years_score: float
    latest_title: str | None
    title_seniority: str | None = Field(description="The level the latest relevant title's words point to.")
    title_score: float | None
    leadership_signals: list[str] = Field(
        description="Evidence in jobs for the level's leadership and communication requirements (mentoring, ...)."
    )


class SalaryFactor(BaseModel):
    """A job factor the caller gave that moved the expectation, and the source's words for it."""

    model_config = _MODEL_CONFIG

    factor: Literal["location", "industry"]
    value: str
    direction: Literal["up", "down"]
    because: str


class SalaryExpectation(BaseModel):
    """What the job pays: the posting's own figures when it states them, else the role file's band for
    the level; never anything the resume says. Figures are None where there is no honest number: no
    band (too few survey rows), or a band of one country for a job located in another."""

    model_config = _MODEL_CONFIG

    origin: Literal["posting", "role_band", "none"] = Field(
        description="Where the figures come from: the job posting, the role file's band, or nowhere."
    )
    currency: str
    period: str
    low: int | None
    high: int | None
    typical: int | None = Field(description="The band's typical figure (median) from the source.")
    expected: int | None = Field(
        description="`typical`, moved within the band by the job's location and industry; the posting's midpoint; "
        "None when the figures do not apply to the job's location."
    )
    n: int | None = Field(default=None, description="Survey rows behind a band derived from data.")
    region: str | None = Field(default=None, description="ISO country code of the place the figures describe.")
    location_country: str | None = Field(default=None, description="ISO country code the job's location names.")
    notes: list[str] = Field(default_factory=list, description="What a reader must know about these figures.")
    factors: list[SalaryFactor]
    source: str
    basis: str
    caveat: str

    def hr_open(self) -> dict[str, Any]:
        """The figures as an HR Open (HR-JSON) remuneration package with one range (empty without figures)."""
        interval = {"year": "Year", "month": "Month", "hour": "Hour"}.get(self.period, "Year")
        ranges = []
        if self.low is not None:
            one: dict[str, Any] = {
                "intervalCode": interval,
                "minimumAmount": {"value": self.low, "currency": self.currency},
            }
            if self.high is not None:
                one["maximumAmount"] = {"value": self.high, "currency": self.currency}
            ranges.append(one)
        expected = f"expected {self.expected} {self.currency}" if self.expected is not None else "no expected figure"
        return {
            "basisCode": "Hourly" if self.period == "hour" else "Salaried",
            "ranges": ranges,
            "descriptions": [" ".join([f"{self.basis}; {expected}.", *self.notes, self.caveat]).strip()],
        }


class Recommendation(BaseModel):
    """A concrete change that would raise the score, tied to what it fixes."""

    model_config = _MODEL_CONFIG

    target: str = Field(description="Requirement id, or 'experience' / 'education'.")
    text: str
    impact: float = Field(ge=0, description="Score points at stake (upper bound).")


class JobRef(BaseModel):
    """The job posting a report was matched against."""

    model_config = _MODEL_CONFIG

    title: str | None
    company: str | None
    sha256: str = Field(description="SHA-256 of the posting's input.")
    level: str = Field(description="The level the posting asks for (junior ... principal).")


class FitReport(BaseModel):
    """How well one resume fits one level of one role, with the evidence for every claim."""

    model_config = _MODEL_CONFIG

    role: str
    role_name: str
    level: str
    level_name: str
    score: float = Field(ge=0, le=100)
    verdict: str
    verdict_reason: str = Field(
        description="Why this verdict: the must-haves, knock-outs, years and strict rule that capped it, and the score."
    )
    strict: bool = Field(
        default=False, description="Strict mode: a verdict above the role's strict cap needs every must-have met."
    )
    categories: list[CategoryScore]
    requirements: list[RequirementResult] = Field(description="Must-haves and nice-to-haves.")
    responsibilities: list[RequirementResult]
    experience: ExperienceFit
    experience_years: float = Field(description="Role-relevant years (see experience).")
    expected_years: str = Field(description="The level's expectation, e.g. '4-6' or '7+'.")
    education: str | None = Field(description="How the highest degree compares with the level's expectation.")
    salary: SalaryExpectation
    recommendations: list[Recommendation]
    advisory: str = Field(description="The report supports a person's decision; it never rejects anyone by itself.")
    not_considered: list[str] = Field(description="What the score does not look at.")
    needs_human_review: bool = Field(description="Low confidence in what was read: a person should check it.")
    review_reasons: list[str] = Field(description="Why a review is needed (the parse warnings that trigger one).")
    blind: bool = Field(default=False, description="Personal data was masked in evidence and explanations.")
    job: JobRef | None = Field(
        default=None, description="The job posting matched against (the role is made from it); None for a role file."
    )
    versions: dict[str, str]
    as_of: date


class RoleFit(BaseModel):
    """How one role fits a resume at its best level, when every role was tried."""

    model_config = _MODEL_CONFIG

    role: str
    role_name: str
    best_level: str
    score: float = Field(description="The score at the best level.")
    verdict: str
    top_score: float = Field(description="The highest score of any level (roles are ranked by it).")


class Assessment(BaseModel):
    """Every level of a role for one resume, and the most senior level the evidence supports."""

    model_config = _MODEL_CONFIG

    role: str
    summary: str | None = Field(
        default=None,
        description="When every role was tried: which role and level fit best ('looks like a mid data engineer').",
    )
    roles: list[RoleFit] = Field(
        default_factory=list, description="When every role was tried: each role's fit, best first."
    )
    best_level: str = Field(
        description="The most senior level whose verdict (or met must-haves) and years support it; else the most "
        "junior level."
    )
    reasons: list[str] = Field(
        description="First why the best level and not the next more senior one; then each level's score and evidence."
    )
    reports: dict[str, FitReport]


class RankedResume(BaseModel):
    """One row of a ranking."""

    model_config = _MODEL_CONFIG

    rank: int = Field(ge=1)
    source: str
    level: str
    score: float
    verdict: str
    report: FitReport
