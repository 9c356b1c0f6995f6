"""Level scoring: a ``Resume`` against one level of a role gives a ``FitReport``.

The steps: evaluate the level's requirements and responsibilities, fold them with the experience
and education fit into four category scores, weigh those into the overall score and verdict, then
add the salary expectation and the recommendations. Every number comes from the role file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .._data import data_version
from .._skills import Taxonomy
from .._version import __version__
from ..resume import Resume
from ._advice import recommendations
from ._fit import RelevantExperience, education_fit, experience_fit, relevant_experience
from ._report import CategoryScore, ExperienceFit, FitReport, Recommendation, RequirementResult
from ._roles import CategoryName, LevelSpec, Role, Scoring
from ._salary import salary_expectation
from ._scoring import Mentions, evaluate, weigh, weighted_mean

__all__ = ["Prepared", "expected_years_text", "match_level", "prepare"]

# A category's score, whether the resume has data for it, and the words for it.
_CategoryValues = dict[CategoryName, tuple[float, bool, str]]


@dataclass(frozen=True)
class Prepared:
    """What every level of a role reads of a resume: computed once when an assessment scores all levels."""

    mentions: Mentions
    relevant: RelevantExperience  # experience entries that count toward years in the role, and the years


def prepare(resume: Resume, role: Role, as_of: date, taxonomy: Taxonomy) -> Prepared:
    """The weighted mentions and role-relevant experience of ``resume`` for ``role``."""
    return Prepared(
        mentions=Mentions(weigh(resume, role.spec.scoring, as_of, taxonomy)),
        relevant=relevant_experience(resume, role, as_of, taxonomy),
    )


@dataclass(frozen=True)
class _Results:
    """A level's requirement and responsibility results, and the groups the categories read."""

    requirements: list[RequirementResult]
    responsibilities: list[RequirementResult]

    @property
    def musts(self) -> list[RequirementResult]:
        """The must-haves."""
        return [r for r in self.requirements if r.kind == "must"]

    @property
    def nices(self) -> list[RequirementResult]:
        """The nice-to-haves: the bonus."""
        return [r for r in self.requirements if r.kind == "nice"]

    @property
    def skills_items(self) -> list[RequirementResult]:
        """Skill must-haves: the skills category."""
        return [r for r in self.musts if r.category == "skills"]

    @property
    def duty_items(self) -> list[RequirementResult]:
        """Responsibility must-haves and key responsibilities: the responsibilities category."""
        return [r for r in self.musts if r.category == "responsibilities"] + self.responsibilities


def _evaluate_level(level: LevelSpec, mentions: Mentions, taxonomy: Taxonomy, scoring: Scoring) -> _Results:
    return _Results(
        requirements=[evaluate(r, r.kind, mentions, taxonomy, scoring) for r in level.requirements],
        responsibilities=[evaluate(r, "responsibility", mentions, taxonomy, scoring) for r in level.responsibilities],
    )


def expected_years_text(level: LevelSpec) -> str:
    """The level's expected years as words: ``4-6`` or ``7+``."""
    expected = level.expected_years
    if expected.max is None:
        return f"{expected.min:g}+"
    return f"{expected.min:g}-{expected.max:g}"


def _category_values(
    resume: Resume,
    level: LevelSpec,
    results: _Results,
    experience: tuple[ExperienceFit, float, bool],
    education: tuple[float, bool, str | None],
) -> _CategoryValues:
    skills_items, duty_items = results.skills_items, results.duty_items
    fit, experience_score, has_experience = experience
    education_score, has_education, education_words = education
    skills_met = sum(r.status == "met" for r in skills_items)
    duties_met = sum(r.status == "met" for r in duty_items)
    return {
        "skills": (
            weighted_mean(skills_items),
            bool(resume.skills),
            f"{skills_met}/{len(skills_items)} skill must-haves met",
        ),
        "experience": (
            experience_score,
            has_experience,
            f"{fit.relevant_years:g} relevant years, expected {expected_years_text(level)}",
        ),
        "responsibilities": (
            weighted_mean(duty_items),
            bool(resume.experience),
            f"{duties_met}/{len(duty_items)} responsibilities and leadership items met",
        ),
        "education": (education_score, has_education, education_words or "no degree found"),
    }


def _categories(values: _CategoryValues, weights: dict[CategoryName, float], scoring: Scoring) -> list[CategoryScore]:
    """Each category's score and weight; one without data counts (as 0) only if the role file says ``zero``."""
    return [
        CategoryScore(
            name=name,
            score=round(value if has_data else 0.0, 4),
            weight=weights.get(name, 0.0),
            has_data=has_data,
            counted=has_data or scoring.missing_data.get(name, "zero") == "zero",
            detail=detail,
        )
        for name, (value, has_data, detail) in values.items()
    ]


def _counted_weight(categories: list[CategoryScore]) -> float:
    return sum(c.weight for c in categories if c.counted)


def _overall_score(categories: list[CategoryScore], nices: list[RequirementResult], scoring: Scoring) -> float:
    """Weighted mean of the counted categories x 100, plus the nice-to-have bonus, within 0-100."""
    counted_categories = [c for c in categories if c.counted]
    total_weight = _counted_weight(categories)
    base = 100 * sum(c.weight * c.score for c in counted_categories) / total_weight if total_weight else 0.0
    bonus = scoring.nice_to_have_bonus * weighted_mean(nices) if nices else 0.0
    return round(min(100.0, max(0.0, base + bonus)), 1)


def _verdict(score: float, musts: list[RequirementResult], scoring: Scoring) -> str:
    """The highest verdict band the score reaches (bands that require every must-have skip a missing one)."""
    any_must_missing = any(r.status == "missing" for r in musts)
    return next(
        v.verdict
        for v in sorted(scoring.verdicts, key=lambda v: -v.min_score)
        if score >= v.min_score and not (v.requires_all_musts and any_must_missing)
    )


def _advice(
    results: _Results,
    categories: list[CategoryScore],
    experience: ExperienceFit,
    has_education: bool,
    level: LevelSpec,
    taxonomy: Taxonomy,
) -> list[Recommendation]:
    """Recommendations, each weighed by its category's share of the counted weight."""
    total_weight = _counted_weight(categories)
    share: dict[str, float] = {
        c.name: (c.weight / total_weight if total_weight and c.counted else 0.0) for c in categories
    }
    totals = {
        "skills": sum(r.weight for r in results.skills_items),
        "responsibilities": sum(r.weight for r in results.duty_items),
    }
    return recommendations(
        [*results.requirements, *results.responsibilities],
        taxonomy,
        share,
        totals,
        experience,
        share.get("experience", 0.0),
        not has_education,
        level,
    )


def _review_reasons(resume: Resume, role: Role) -> list[str]:
    """The parse warnings the role's oversight says a person should look at."""
    return [f"{w.code}: {w.message}" for w in resume.warnings if w.code in role.spec.oversight.review_warnings]


def _versions(role: Role, taxonomy: Taxonomy) -> dict[str, str]:
    return {
        "rolematch": __version__,
        "parsing_data": data_version(),
        "skills_taxonomy": taxonomy.version,
        "role": f"{role.id}@{role.spec.version}",
    }


def match_level(
    resume: Resume,
    role: Role,
    level: LevelSpec,
    as_of: date,
    location: str | None,
    industry: str | None,
    taxonomy: Taxonomy,
    prepared: Prepared | None,
) -> FitReport:
    """The fit of ``resume`` for ``level`` of ``role`` (``prepared`` reused across levels when given)."""
    scoring = role.spec.scoring
    prepared = prepared or prepare(resume, role, as_of, taxonomy)
    results = _evaluate_level(level, prepared.mentions, taxonomy, scoring)
    experience = experience_fit(resume, role, level, prepared.relevant)
    education = education_fit(resume, level)
    values = _category_values(resume, level, results, experience, education)
    categories = _categories(values, level.category_weights or scoring.category_weights, scoring)
    score = _overall_score(categories, results.nices, scoring)
    review = _review_reasons(resume, role)
    fit, education_words = experience[0], education[2]
    return FitReport(
        role=role.id,
        role_name=role.spec.name,
        level=level.id,
        level_name=level.name,
        score=score,
        verdict=_verdict(score, results.musts, scoring),
        categories=categories,
        requirements=results.requirements,
        responsibilities=results.responsibilities,
        experience=fit,
        experience_years=fit.relevant_years,
        expected_years=expected_years_text(level),
        education=education_words,
        salary=salary_expectation(role, level, location, industry),
        recommendations=_advice(results, categories, fit, education[1], level, taxonomy),
        advisory=role.spec.oversight.advisory,
        not_considered=list(role.spec.oversight.not_considered),
        needs_human_review=bool(review),
        review_reasons=review,
        versions=_versions(role, taxonomy),
        as_of=as_of,
    )
