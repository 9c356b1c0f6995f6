"""Role files: the schema (pydantic models) a role file's YAML or JSON must follow; unknown fields are refused."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from .._data import empty_list
from ..resume import EducationLevel, SectionKind
from ._report import EvidenceKind

__all__ = [
    "CategoryName",
    "EducationExpectation",
    "ExperienceScoring",
    "LevelSpec",
    "Oversight",
    "RecencyStep",
    "RequirementSpec",
    "ResponsibilitySpec",
    "RoleFile",
    "RoleSource",
    "SalaryBand",
    "SalaryPlacement",
    "SalarySpec",
    "Scoring",
    "VerdictBand",
    "VerdictCaps",
    "YearsExpectation",
]

# Built when first used (pydantic's defer_build), not at import: a model that a process never
# validates or dumps costs it nothing (start-up time).
_STRICT = ConfigDict(extra="forbid", frozen=True, defer_build=True)
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
CategoryName = Literal["skills", "experience", "responsibilities", "education"]


class RequirementSpec(BaseModel):
    """A must-have or nice-to-have: a group of acceptable skills, how many are needed, and its weight."""

    model_config = _STRICT

    id: Identifier
    name: str = Field(min_length=1)
    kind: Literal["must", "nice"]
    category: Literal["skills", "responsibilities"]
    weight: float = Field(gt=0)
    skills: list[str] = Field(
        min_length=1, description="Taxonomy ids; a mention of any, or of a skill implying one, counts."
    )
    min_distinct: int = Field(default=1, ge=1, description="How many distinct skills of the list make it met.")
    quote: str = Field(min_length=1, description="The sentence of the source document this comes from.")
    knockout: bool = Field(
        default=False,
        description="A must-have without which the verdict is capped (scoring.verdict_caps.knockout_missing).",
    )
    assumption: str | None = None
    line: int | None = Field(default=None, description="Line in the role file (filled in at load).")

    @model_validator(mode="after")
    def _enough_skills(self) -> RequirementSpec:
        if self.min_distinct > len(self.skills):
            raise ValueError(f"min_distinct {self.min_distinct} is more than the {len(self.skills)} skills listed")
        if self.knockout and self.kind != "must":
            raise ValueError("only a must-have can be a knock-out")
        return self


class ResponsibilitySpec(BaseModel):
    """A key responsibility of the level and the skills that show someone has carried it."""

    model_config = _STRICT

    id: Identifier
    name: str = Field(min_length=1)
    weight: float = Field(gt=0)
    skills: list[str] = Field(min_length=1)
    quote: str = Field(min_length=1)
    line: int | None = None


class YearsExpectation(BaseModel):
    """Years of role-relevant experience a level expects (``max`` None: no upper bound)."""

    model_config = _STRICT

    min: float = Field(ge=0)
    max: float | None = Field(default=None, ge=0)
    assumption: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> YearsExpectation:
        if self.max is not None and self.max < self.min:
            raise ValueError(f"max {self.max} is below min {self.min}")
        return self


class EducationExpectation(BaseModel):
    """The degree a level expects, in which fields, and optionally a preferred higher degree."""

    model_config = _STRICT

    level: EducationLevel
    preferred_level: EducationLevel | None = None
    fields: list[str] = Field(default_factory=empty_list)
    quote: str
    assumption: str | None = None


class SalaryBand(BaseModel):
    """A pay band from the role file: never from anything a resume says."""

    model_config = _STRICT

    low: int = Field(gt=0)
    high: int = Field(gt=0)
    typical: int = Field(gt=0)
    basis: str
    quote: str
    typical_assumption: str | None = None
    n: int | None = Field(default=None, ge=1, description="Rows of the salary survey behind the figures, if derived.")
    years: str | None = Field(default=None, description="The years the figures cover ('2022-2023').")

    @model_validator(mode="after")
    def _ordered(self) -> SalaryBand:
        if not self.low <= self.typical <= self.high:
            raise ValueError(f"need low <= typical <= high, got {self.low}, {self.typical}, {self.high}")
        return self


class SalaryPlacement(BaseModel):
    """A factor of the job (location, industry) that moves the expectation up or down the band."""

    model_config = _STRICT

    factor: Literal["location", "industry"]
    direction: Literal["up", "down"]
    step: float = Field(gt=0, le=1, description="Fraction of the band the expectation moves.")
    values: list[str] = Field(min_length=1)
    because: str


class SalarySpec(BaseModel):
    """Currency, period, the all-levels reference band and the placement rules."""

    model_config = _STRICT

    currency: str = Field(pattern=r"^[A-Z]{3}$")
    period: Literal["year", "month", "hour"]
    region: str | None = Field(
        default=None,
        pattern=r"^[A-Z]{2}$",
        description="ISO country code of the place the bands describe (US); a job located elsewhere gets no "
        "expected pay from them, and the report says so. None: the bands name no place.",
    )
    overall: SalaryBand | None = None
    placement: list[SalaryPlacement] = Field(default_factory=empty_list)


class LevelSpec(BaseModel):
    """One level of a role: titles, expectations, salary band, requirements and responsibilities."""

    model_config = _STRICT

    id: Identifier
    name: str
    titles: list[str] = Field(min_length=1)
    seniority_words: list[str] = Field(default_factory=empty_list)
    expected_years: YearsExpectation
    expected_years_quote: str | None = None
    min_years: float | None = Field(
        default=None,
        ge=0,
        description="Role-relevant years below which the verdict is capped (scoring.verdict_caps.below_min_years); "
        "at most expected_years.min. None: no cap.",
    )
    education: EducationExpectation | None = None
    salary: SalaryBand | None = Field(
        default=None, description="The level's pay band; None: no band (see salary_note)."
    )
    salary_note: str | None = Field(default=None, description="Why the level has no band (too few survey rows).")
    category_weights: dict[CategoryName, float] | None = None
    requirements: list[RequirementSpec] = Field(min_length=1)
    responsibilities: list[ResponsibilitySpec] = Field(default_factory=empty_list)
    line: int | None = None

    @model_validator(mode="after")
    def _min_years_below_expected(self) -> LevelSpec:
        if self.min_years is not None and self.min_years > self.expected_years.min:
            raise ValueError(f"min_years {self.min_years} is above expected_years.min {self.expected_years.min}")
        if (self.salary is None) == (self.salary_note is None):
            raise ValueError("give a salary band or a salary_note saying why there is none (not both)")
        return self


class ExperienceScoring(BaseModel):
    """How years and titles make the experience score."""

    model_config = _STRICT

    years_weight: float = Field(ge=0)
    title_weight: float = Field(ge=0)
    over_max_penalty_per_year: float = Field(ge=0, le=1)
    floor: float = Field(ge=0, le=1)


class RecencyStep(BaseModel):
    """Mentions in jobs that ended within ``within_years`` of ``as_of`` count ``factor``."""

    model_config = _STRICT

    within_years: float = Field(gt=0)
    factor: float = Field(gt=0, le=1)


class VerdictBand(BaseModel):
    """A verdict for scores at or above ``min_score`` (with ``requires_all_musts``: and every must-have met)."""

    model_config = _STRICT

    min_score: float = Field(ge=0, le=100)
    verdict: str = Field(min_length=1)
    requires_all_musts: bool = Field(
        default=False, description="The band needs every must-have met (a partial one is not enough)."
    )


class VerdictCaps(BaseModel):
    """The highest verdict a report can have, whatever its score, when the evidence falls short.

    Each names a verdict of ``scoring.verdicts``; None: no cap. A knock-out or strict rule with
    no cap named falls to the lowest band.
    """

    model_config = _STRICT

    knockout_missing: str | None = Field(default=None, description="A knock-out must-have is missing.")
    below_min_years: str | None = Field(default=None, description="Relevant years are below the level's min_years.")
    strict: str | None = Field(default=None, description="Strict mode, and a must-have is not met.")


_NO_CAPS = VerdictCaps()


class Scoring(BaseModel):
    """The scoring rules of a role: every number the matcher uses comes from here."""

    model_config = _STRICT

    evidence_strength: dict[str, float]
    evidence_kinds: dict[
        EvidenceKind,
        Annotated[float, Field(ge=0, le=1)],
    ] = Field(
        default_factory=dict,
        description="What a mention of each evidence kind counts (times its section weight); kinds left out count 1.",
    )
    evidence_kind_caps: dict[Literal["course", "hedged"], Annotated[float, Field(gt=0, lt=1)]] = Field(
        default_factory=dict,
        description="Share of met_threshold a course or hedged mention may reach: partial, never met.",
    )
    recency: list[RecencyStep] = Field(min_length=1)
    implied_factor: float = Field(gt=0, le=1)
    met_threshold: float = Field(gt=0, le=1)
    category_weights: dict[CategoryName, float]
    missing_data: dict[CategoryName, Literal["neutral", "zero"]]
    experience: ExperienceScoring
    nice_to_have_bonus: float = Field(ge=0, le=20)
    verdicts: list[VerdictBand] = Field(min_length=1)
    verdict_caps: VerdictCaps = _NO_CAPS
    best_level_min_verdict: str | None = Field(
        default=None,
        description="assess: a level is supported from this verdict on (or with every must-have met), when the "
        "candidate also has its expected years; default: the highest band that does not require all must-haves.",
    )

    @model_validator(mode="after")
    def _known_sections(self) -> Scoring:
        known = {kind.value for kind in SectionKind} | {"other"}
        unknown = set(self.evidence_strength) - known
        if unknown:
            raise ValueError(f"evidence_strength names unknown sections {sorted(unknown)}; known: {sorted(known)}")
        if not any(v.min_score == 0 for v in self.verdicts):
            raise ValueError("verdicts need a band with min_score 0")
        if any(v.min_score == 0 and v.requires_all_musts for v in self.verdicts):
            raise ValueError("the band with min_score 0 cannot require all must-haves: it is what is left")
        return self

    @model_validator(mode="after")
    def _known_verdicts(self) -> Scoring:
        names = [v.verdict for v in self.verdicts]
        if len(set(names)) != len(names):
            raise ValueError(f"verdict names repeat: {names}")
        scores = [v.min_score for v in self.verdicts]
        if len(set(scores)) != len(scores):
            raise ValueError(f"verdict min_scores repeat: {scores}")
        named = {**self.verdict_caps.model_dump(), "best_level_min_verdict": self.best_level_min_verdict}
        for field_name, verdict in named.items():
            if verdict is not None and verdict not in names:
                raise ValueError(f"{field_name} names the verdict {verdict!r}, which is not one of {names}")
        return self

    def ranked_verdicts(self) -> list[VerdictBand]:
        """The bands from the lowest score up: a band's index is its rank."""
        return sorted(self.verdicts, key=lambda v: v.min_score)


class Oversight(BaseModel):
    """What every report says about its own limits, and which parse warnings call for a person."""

    model_config = _STRICT

    advisory: str
    not_considered: list[str]
    review_warnings: list[str] = Field(description="Parse warning codes that make a report need human review.")


class RoleSource(BaseModel):
    """Where the role's knowledge comes from."""

    model_config = _STRICT

    document: str
    salary_source: str
    caveat: str


class RoleFile(BaseModel):
    """Schema of a role file (YAML or JSON)."""

    model_config = _STRICT

    id: Identifier
    name: str
    version: str
    source: RoleSource
    relevant_title_words: list[str] = Field(
        default_factory=empty_list, description="Title words of jobs in the role: their years count in full."
    )
    relevant_min_skills: int = Field(
        default=2, ge=1, description="Distinct role skills a job without a listed title must show to count as related."
    )
    related_title_words: list[str] = Field(
        default_factory=empty_list, description="Title words of related jobs: their years count at `related_weight`."
    )
    related_weight: float = Field(default=1.0, ge=0, le=1, description="What a year in a related job counts.")
    production_duty_skills: list[str] = Field(
        default_factory=empty_list,
        description="Duties that make a related job one in the role (deploying, serving, monitoring models).",
    )
    scoring: Scoring
    oversight: Oversight
    salary: SalarySpec
    levels: list[LevelSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> RoleFile:
        level_ids = [level.id for level in self.levels]
        if len(set(level_ids)) != len(level_ids):
            raise ValueError(f"level ids repeat: {level_ids}")
        for level in self.levels:
            ids = [r.id for r in level.requirements] + [r.id for r in level.responsibilities]
            if len(set(ids)) != len(ids):
                raise ValueError(f"level {level.id!r}: requirement and responsibility ids repeat")
        return self
