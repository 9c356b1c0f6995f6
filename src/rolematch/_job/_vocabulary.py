"""The job-posting vocabulary (``rolematch_data/jobs.yaml``): headings, cues and level words, validated."""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .._data import load_yaml_model

__all__ = ["JobLevel", "JobVocabulary", "PartKind", "job_vocabulary", "phrase_pattern"]

JobLevel = Literal["junior", "mid", "senior", "lead", "principal"]
PartKind = Literal["must", "nice", "responsibilities", "benefits", "about", "process"]
_STRICT = ConfigDict(extra="forbid", frozen=True)


class YearsLevel(BaseModel):
    """At least ``min`` years required makes a posting this level (when its title says none)."""

    model_config = _STRICT

    min: float = Field(ge=0)
    level: JobLevel


class YearsSpan(BaseModel):
    """Expected years of a level."""

    model_config = _STRICT

    min: float = Field(ge=0)
    max: float | None = None


class PostingRole(BaseModel):
    """How a role made from a posting weighs its parts."""

    model_config = _STRICT

    must_weight: float = Field(gt=0)
    nice_weight: float = Field(gt=0)
    responsibility_weight: float = Field(gt=0)


class JobVocabulary(BaseModel):
    """Schema of ``jobs.yaml``."""

    model_config = _STRICT

    version: str
    headings: dict[PartKind, list[str]]
    must_cues: list[str]
    nice_cues: list[str]
    prose_requirement_cues: list[str]
    prose_responsibility_cues: list[str]
    example_cues: list[str]
    level_words: dict[JobLevel, list[str]]
    years_levels: list[YearsLevel] = Field(min_length=1)
    level_fallback: dict[JobLevel, JobLevel]
    default_years: dict[JobLevel, YearsSpan]
    employment_types: dict[Literal["full-time", "part-time", "contract", "internship", "temporary"], list[str]]
    remote_words: dict[Literal["remote", "hybrid", "onsite"], list[str]]
    salary_periods: dict[Literal["hour", "day", "month", "year"], list[str]]
    currencies: dict[str, list[str]]
    degree_field_categories: list[str] = Field(default_factory=list)
    posting_role: PostingRole


def phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    """One case-insensitive alternation of ``phrases`` as whole words, longest first."""
    ordered = sorted({p.lower() for p in phrases}, key=lambda p: (-len(p), p))
    body = "|".join(re.escape(p) for p in ordered)
    return re.compile(rf"(?<![\w$€£¥₹])(?:{body})(?![\w])", re.IGNORECASE)


@functools.cache
def job_vocabulary() -> JobVocabulary:
    """The shipped vocabulary, loaded once."""
    text = resources.files("rolematch_data").joinpath("jobs.yaml").read_text(encoding="utf-8")
    return load_yaml_model(text, JobVocabulary, source="rolematch_data/jobs.yaml")
