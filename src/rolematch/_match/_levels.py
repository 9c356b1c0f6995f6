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
from ._build import built
from ._evidence import kinds_at
from ._fit import RelevantExperience, education_fit, experience_fit, relevant_experience, years_over_range
from ._memo import memo_of
from ._report import CategoryScore, ExperienceFit, FitReport, Recommendation, RequirementResult
from ._role_index import LevelIndex, LevelReach, expected_years_text, role_index
from ._role_schema import VerdictBand
from ._roles import CategoryName, LevelSpec, Role, Scoring
from ._scoring import Mentions, evaluate, weigh, weighted_mean

__all__ = [
    "Prepared",
    "expected_years_text",
    "match_level",
    "over_range_words",
    "prepare",
    "unmet_words",
    "verdict_for",
]

# A category's score, whether the resume has data for it, and the words for it.
_CategoryValues = dict[CategoryName, tuple[float, bool, str]]


@dataclass(frozen=True)
class Prepared:
    """What every level of a role reads of a resume: computed once when an assessment scores all levels."""

    mentions: Mentions
    relevant: RelevantExperience  # experience entries that count toward years in the role, and the years


def prepare(resume: Resume, role: Role, as_of: date, taxonomy: Taxonomy) -> Prepared:
    """The weighted mentions and role-relevant experience of ``resume`` for ``role``.

    Worked out once per resume object, role, taxonomy and ``as_of`` (``_memo``): matching the
    resume at another level, or again, reads none of it again.
    """
    memo = memo_of(resume)
    key = ("prepared", id(role), id(taxonomy), as_of)
    cached: tuple[Role, object, Taxonomy, Prepared] | None = memo.get(key)
    if cached is not None and cached[0] is role and cached[1] is role.spec and cached[2] is taxonomy:
        return cached[3]
    # What each mention says of the candidate, read once per resume, and only for the mentions
    # that can count for this role.
    positions = role_index(role).counted(resume.skills, taxonomy)
    kinds = kinds_at(resume, taxonomy, positions)
    prepared = Prepared(
        mentions=Mentions(weigh(resume, role.spec.scoring, as_of, kinds, positions)),
        relevant=relevant_experience(resume, role, as_of, taxonomy, kinds, positions),
    )
    # The role and taxonomy are held, so that their ids are never another's while kept.
    memo[key] = (role, role.spec, taxonomy, prepared)
    return prepared


class _Results:
    """A level's requirement and responsibility results, and the groups the categories read."""

    def __init__(self, requirements: list[RequirementResult], responsibilities: list[RequirementResult]) -> None:
        self.requirements = requirements
        self.responsibilities = responsibilities
        self.musts = [r for r in requirements if r.kind == "must"]
        self.nices = [r for r in requirements if r.kind == "nice"]  # the bonus
        self.skills_items = [r for r in self.musts if r.category == "skills"]  # the skills category
        # Responsibility must-haves and key responsibilities: the responsibilities category.
        self.duty_items = [r for r in self.musts if r.category == "responsibilities"] + responsibilities


def _evaluate_level(
    level: LevelIndex, reach: LevelReach, mentions: Mentions, taxonomy: Taxonomy, scoring: Scoring
) -> _Results:
    found = mentions.found(reach, taxonomy, scoring)
    return _Results(
        requirements=[evaluate(item, found) for item in level.requirements],
        responsibilities=[evaluate(item, found) for item in level.responsibilities],
    )


def _category_values(
    resume: Resume,
    level: LevelIndex,
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
            f"{fit.relevant_years:g} relevant years, expected {level.expected_years}" + over_range_words(fit),
        ),
        "responsibilities": (
            weighted_mean(duty_items),
            bool(resume.experience),
            f"{duties_met}/{len(duty_items)} responsibilities and leadership items met",
        ),
        "education": (education_score, has_education, education_words or "no degree found"),
    }


def over_range_words(fit: ExperienceFit) -> str:
    """Words for years above the level's range (over-qualified), or nothing.

    The role's ``over_max_penalty_per_year`` takes that much off the years score per year above
    the range (down to its floor); saying so keeps a lower experience score from looking arbitrary.
    """
    over = years_over_range(round(fit.in_role_years + fit.related_years, 2), fit.expected_max)
    if not over:
        return ""
    career = f", {fit.related_years:g} related years counted in full" if fit.related_years else ""
    return f" ({over:g} above the range: over-qualified{career}, years score {fit.years_score:g})"


def _categories(values: _CategoryValues, weights: dict[CategoryName, float], scoring: Scoring) -> list[CategoryScore]:
    """Each category's score and weight; one without data counts (as 0) only if the role file says ``zero``."""
    return [
        built(
            CategoryScore,
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


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def unmet_words(musts: list[RequirementResult]) -> str:
    """The must-haves not met, by status and in the role file's order: ``1 must-have partial: Python``."""
    partial = [r.name for r in musts if r.status == "partial"]
    missing = [r.name for r in musts if r.status == "missing"]
    groups = []
    if partial:
        groups.append(f"{_plural(len(partial), 'must-have')} partial: {', '.join(partial)}")
    if missing:
        label = f"{len(missing)}" if partial else _plural(len(missing), "must-have")
        groups.append(f"{label} missing: {', '.join(missing)}")
    return " and ".join(groups)


def _musts_words(musts: list[RequirementResult]) -> str:
    met = sum(r.status == "met" for r in musts)
    if not musts:
        return "no must-haves"
    if met == len(musts):
        return f"all {_plural(len(musts), 'must-have')} met"
    return f"{met}/{len(musts)} must-haves met ({unmet_words(musts)})"


def _limits(
    musts: list[RequirementResult],
    years: float,
    level: LevelSpec,
    scoring: Scoring,
    strict: bool,
    reached: int,
    bands: list[VerdictBand],
    knockouts: frozenset[str],
) -> list[tuple[int, str]]:
    """The rules that hold the verdict below the band the score reaches: (highest rank allowed, why)."""
    caps = scoring.verdict_caps
    unmet = [r for r in musts if r.status != "met"]
    limits: list[tuple[int, str]] = []
    if unmet:
        allowed = reached
        while bands[allowed].requires_all_musts:  # the band with min_score 0 never does (schema)
            allowed -= 1
        strict_cap = (_rank(bands, caps.strict) if caps.strict else 0) if strict else len(bands)
        if strict_cap < allowed:  # one limit per cause: strict says it when it holds the verdict lower
            limits.append((strict_cap, f"strict: {unmet_words(unmet)}: at most {bands[strict_cap].verdict}"))
        elif allowed < reached:
            limits.append((allowed, f"{unmet_words(unmet)}: {bands[reached].verdict} needs every must-have met"))
    missing_knockouts = [r.name for r in musts if r.id in knockouts and r.status == "missing"]
    if missing_knockouts:
        cap = _rank(bands, caps.knockout_missing) if caps.knockout_missing else 0
        limits.append((cap, f"knock-out missing: {', '.join(missing_knockouts)}: at most {bands[cap].verdict}"))
    if level.min_years is not None and years < level.min_years and caps.below_min_years is not None:
        cap = _rank(bands, caps.below_min_years)
        below = f"{years:g} relevant years, below the level's minimum {level.min_years:g}"
        limits.append((cap, f"{below}: at most {bands[cap].verdict}"))
    return sorted((limit for limit in limits if limit[0] < reached), key=lambda limit: limit[0])


def _rank(bands: list[VerdictBand], verdict: str) -> int:
    """The rank of ``verdict``: the index of the last band of that name (as a dict of them would say)."""
    return max(index for index, band in enumerate(bands) if band.verdict == verdict)


def verdict_for(
    score: float, musts: list[RequirementResult], years: float, level: LevelSpec, scoring: Scoring, *, strict: bool
) -> tuple[str, str]:
    """The verdict and the reason for it.

    The score picks the highest band it reaches; a band that requires every must-have is skipped
    while one is partial or missing; knock-outs, the level's ``min_years`` and strict mode cap it
    (``scoring.verdict_caps``). The reason names each rule that held the verdict down, lowest cap
    first, then the score, so a high score with a lower verdict never goes unexplained.
    """
    knockouts = frozenset(r.id for r in level.requirements if r.knockout)
    return _verdict(score, musts, years, level, scoring, strict, scoring.ranked_verdicts(), knockouts)


def _verdict(
    score: float,
    musts: list[RequirementResult],
    years: float,
    level: LevelSpec,
    scoring: Scoring,
    strict: bool,
    bands: list[VerdictBand],
    knockouts: frozenset[str],
) -> tuple[str, str]:
    """:func:`verdict_for` with the role's ranked bands and the level's knock-outs already worked out."""
    reached = max(index for index, band in enumerate(bands) if score >= band.min_score)
    limits = _limits(musts, years, level, scoring, strict, reached, bands, knockouts)
    if limits:
        final = limits[0][0]
        words = [why for _, why in limits] + [f"score {score:g} alone gives {bands[reached].verdict}"]
        return bands[final].verdict, "; ".join(words)
    if reached == 0 and len(bands) > 1:
        score_words = f"score {score:g} < {bands[1].min_score:g}"
    else:
        score_words = f"score {score:g} >= {bands[reached].min_score:g}"
    return bands[reached].verdict, f"{_musts_words(musts)}, {score_words}"


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


def _review_reasons(resume: Resume, review_warnings: frozenset[str]) -> list[str]:
    """The parse warnings the role's oversight says a person should look at."""
    return [f"{w.code}: {w.message}" for w in resume.warnings if w.code in review_warnings]


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
    *,
    strict: bool = False,
) -> FitReport:
    """The fit of ``resume`` for ``level`` of ``role`` (``prepared`` reused across levels when given).

    ``strict``: a verdict above the role's strict cap needs every must-have met.
    """
    spec = role.spec
    scoring = spec.scoring
    index = role_index(role)
    indexed = index.level(level, role)
    # Given what was prepared, every level of the role is being read (an assessment): the keys of
    # all of them are worked out at once, in one pass over the mentions.
    every_level = prepared is not None and indexed is index.levels.get(level.id)
    reach = index.reach(None if every_level else indexed, taxonomy)
    prepared = prepared or prepare(resume, role, as_of, taxonomy)
    results = _evaluate_level(indexed, reach, prepared.mentions, taxonomy, scoring)
    experience = experience_fit(resume, role, indexed, prepared.relevant)
    education = education_fit(resume, level)
    values = _category_values(resume, indexed, results, experience, education)
    categories = _categories(values, indexed.weights, scoring)
    score = _overall_score(categories, results.nices, scoring)
    review = _review_reasons(resume, index.review_warnings)
    fit, education_words = experience[0], education[2]
    verdict, verdict_reason = _verdict(
        score, results.musts, fit.relevant_years, level, scoring, strict, index.bands, indexed.knockouts
    )
    fields = {
        "role": spec.id,
        "role_name": spec.name,
        "level": level.id,
        "level_name": level.name,
        "score": score,
        "verdict": verdict,
        "verdict_reason": verdict_reason,
        "strict": strict,
        "categories": categories,
        "requirements": results.requirements,
        "responsibilities": results.responsibilities,
        "experience": fit,
        "experience_years": fit.relevant_years,
        "expected_years": indexed.expected_years,
        "education": education_words,
        "salary": index.salary(role, level, location, industry),
        "recommendations": _advice(results, categories, fit, education[1], level, taxonomy),
        "advisory": spec.oversight.advisory,
        "not_considered": list(spec.oversight.not_considered),
        "needs_human_review": bool(review),
        "review_reasons": review,
        "job": index.job,
        "versions": _versions(role, taxonomy),
        "as_of": as_of,
    }
    if type(as_of) is not date or type(strict) is not bool:  # a caller's odd value: validation converts it
        return FitReport(**fields)
    return built(FitReport, **fields)
