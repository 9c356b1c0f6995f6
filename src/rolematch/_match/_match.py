"""Matching: a ``Resume`` against one level of a role gives a ``FitReport``.

Every number comes from the role file's ``scoring`` block; every requirement result lists the
mentions (spans of ``Resume.text``) that support it and the role-file line that defines it. The
matcher reads skills, experience entries (titles, dates) and education only: never the contact
block, so names, addresses and contact details cannot move a score.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .._data import data_version
from .._parse import total_experience_years
from .._skills import Taxonomy, default_taxonomy
from .._version import __version__
from ..resume import EducationLevel, ExperienceEntry, Resume, SkillMention, SkillMethod
from ._report import (
    Assessment,
    CategoryScore,
    Evidence,
    ExperienceFit,
    FitReport,
    Recommendation,
    RequirementResult,
    SalaryExpectation,
    SalaryFactor,
)
from ._roles import CategoryName, LevelSpec, RequirementSpec, ResponsibilitySpec, Role, Scoring

__all__ = ["assess_resume", "match_resume"]

_EDUCATION_RANK = {
    EducationLevel.SECONDARY: 0,
    EducationLevel.CERTIFICATE: 1,
    EducationLevel.ASSOCIATE: 2,
    EducationLevel.BACHELOR: 3,
    EducationLevel.MASTER: 4,
    EducationLevel.DOCTORATE: 5,
}
_MAX_EVIDENCE = 4


@dataclass(frozen=True)
class _Weighted:
    """A mention with the strength the role's scoring gives it."""

    mention: SkillMention
    strength: float
    why: str
    implied: frozenset[str] = frozenset()  # every skill the mention's skill implies


class _Mentions:
    """The weighted mentions, indexed by the skills they are of and the skills they imply.

    A requirement then visits only the mentions that can count for it, in document order.
    """

    def __init__(self, weighted: list[_Weighted]) -> None:
        self.weighted = weighted
        self._by_skill: dict[str, list[int]] = {}
        for position, entry in enumerate(weighted):
            for reached in (entry.mention.skill_id, *entry.implied):
                self._by_skill.setdefault(reached, []).append(position)

    def relevant(self, skills: list[str]) -> list[_Weighted]:
        """Mentions of, or implying, any of ``skills``, in their original order."""
        positions = sorted({p for skill in skills for p in self._by_skill.get(skill, ())})
        return [self.weighted[p] for p in positions]


def _as_of_index(as_of: date) -> int:
    return as_of.year * 12 + as_of.month - 1


def _recency(entry: ExperienceEntry, as_of: date, scoring: Scoring) -> tuple[float, str]:
    """The recency factor of a job and the words for it."""
    if entry.is_current:
        years = 0.0
    elif entry.end is not None:
        years = max(0.0, (_as_of_index(as_of) - entry.end.month_index) / 12)
    elif entry.start is not None:
        years = max(0.0, (_as_of_index(as_of) - entry.start.month_index) / 12)
    else:
        return scoring.recency[-1].factor, "undated job"
    for step in scoring.recency:
        if years <= step.within_years:
            ended = "current job" if entry.is_current else f"job ended {years:.1f} years before as_of"
            return step.factor, ended
    return scoring.recency[-1].factor, f"job ended {years:.1f} years before as_of"


def _weigh(resume: Resume, scoring: Scoring, as_of: date, taxonomy: Taxonomy) -> list[_Weighted]:
    weighted = []
    for mention in resume.skills:
        section = mention.section.value if mention.section else "other"
        strength = scoring.evidence_strength.get(section, scoring.evidence_strength.get("other", 0.4))
        parts = [f"{section} section x{strength:g}"]
        if mention.experience_index is not None:
            factor, words = _recency(resume.experience[mention.experience_index], as_of, scoring)
            strength *= factor
            parts.append(f"{words} x{factor:g}")
        if mention.method in (SkillMethod.FUZZY, SkillMethod.INFERRED):
            strength *= mention.similarity
            parts.append(f"{mention.method.value} x{mention.similarity:g}")
        implied = taxonomy.implied(mention.skill_id) if mention.skill_id in taxonomy else []
        weighted.append(_Weighted(mention, strength, ", ".join(parts), frozenset(implied)))
    return weighted


def _evaluate(
    item: RequirementSpec | ResponsibilitySpec,
    kind: Literal["must", "nice", "responsibility"],
    mentions: _Mentions,
    taxonomy: Taxonomy,
    scoring: Scoring,
) -> RequirementResult:
    wanted = list(item.skills)
    best: dict[str, tuple[float, _Weighted, str, float]] = {}  # counts_for -> strength, mention, why, factor
    for entry in mentions.relevant(wanted):
        skill_id = entry.mention.skill_id
        if skill_id in wanted:
            counts_for, factor, via = skill_id, 1.0, ""
        else:
            target = next((s for s in wanted if s in entry.implied), None)
            if target is None:
                continue
            counts_for, factor = target, scoring.implied_factor
            via = f", implies {taxonomy[target].name} x{factor:g}"
        strength = round(entry.strength * factor, 4)
        current = best.get(counts_for)
        key = (strength, -entry.mention.span.start)
        if current is None or key > (current[0], -current[1].mention.span.start):
            best[counts_for] = (strength, entry, via, factor)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[1][1].mention.span.start, kv[0]))
    needed = item.min_distinct if isinstance(item, RequirementSpec) else 1
    score = round(sum(v[0] for _, v in ranked[:needed]) / needed, 4)
    status: Literal["met", "partial", "missing"] = (
        "met" if score >= scoring.met_threshold else ("partial" if score > 0 else "missing")
    )
    evidence = [
        Evidence(
            text=entry.mention.surface,
            start=entry.mention.span.start,
            end=entry.mention.span.end,
            section=entry.mention.section,
            skill=entry.mention.skill_id,
            counts_for=counts_for,
            method=entry.mention.method,
            similarity=entry.mention.similarity,
            experience_index=entry.mention.experience_index,
            strength=strength,
            why=f"{entry.mention.explanation}; counts {strength:.2f} ({entry.why}{via})",
        )
        for counts_for, (strength, entry, via, _factor) in ranked[:_MAX_EVIDENCE]
    ]
    return RequirementResult(
        id=item.id,
        name=item.name,
        kind=kind,
        category=item.category if isinstance(item, RequirementSpec) else "responsibilities",
        weight=item.weight,
        status=status,
        score=score,
        skills=wanted,
        needed=needed,
        found=[counts_for for counts_for, _ in ranked],
        evidence=evidence,
        quote=item.quote,
        role_line=item.line,
    )


def _weighted_mean(results: list[RequirementResult]) -> float:
    total = sum(r.weight for r in results)
    return round(sum(r.weight * r.score for r in results) / total, 4) if total else 0.0


def _is_relevant(
    entry_index: int, entry: ExperienceEntry, resume: Resume, role: Role, role_skills: frozenset[str]
) -> bool:
    """A job counts toward years in the role by its title, or by the role's technical skills shown in it."""
    title = (entry.title or "").lower()
    if any(re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", title) for word in role.spec.relevant_title_words):
        return True
    shown = {m.skill_id for m in resume.skills if m.experience_index == entry_index and m.skill_id in role_skills}
    return len(shown) >= role.spec.relevant_min_skills


def _title_tier(title: str | None, role: Role) -> int | None:
    """Index of the level whose seniority words the title uses (a title without any: the plain level)."""
    if not title:
        return None
    words = set(re.findall(r"[a-z]+", title.lower()))
    for index, level in reversed(list(enumerate(role.spec.levels))):
        if words & {w.lower() for w in level.seniority_words}:
            return index
    plain = [i for i, level in enumerate(role.spec.levels) if not level.seniority_words]
    return plain[0] if plain else None


_TECHNICAL_SKILLS: weakref.WeakKeyDictionary[Taxonomy, weakref.WeakKeyDictionary[Role, frozenset[str]]] = (
    weakref.WeakKeyDictionary()
)


def _technical_skills(role: Role, taxonomy: Taxonomy) -> frozenset[str]:
    """The role's skills at any level, without soft skills (computed once per role file and taxonomy).

    Soft skills (teamwork at a cafe) do not make a job part of an ML career; technical skills do.
    """
    by_role = _TECHNICAL_SKILLS.setdefault(taxonomy, weakref.WeakKeyDictionary())
    if role not in by_role:
        items: list[RequirementSpec | ResponsibilitySpec] = []
        for spec_level in role.spec.levels:
            items += spec_level.requirements
            items += spec_level.responsibilities
        by_role[role] = frozenset(
            s for item in items for s in item.skills if taxonomy.category_group(taxonomy[s].category) != "soft_skill"
        )
    return by_role[role]


@dataclass(frozen=True)
class _Prepared:
    """What every level of a role reads of a resume: computed once when an assessment scores all levels."""

    mentions: _Mentions
    relevant: list[int]  # experience entries that count toward years in the role
    years: float


def _prepare(resume: Resume, role: Role, as_of: date, taxonomy: Taxonomy) -> _Prepared:
    role_skills = _technical_skills(role, taxonomy)
    relevant = [i for i, e in enumerate(resume.experience) if _is_relevant(i, e, resume, role, role_skills)]
    return _Prepared(
        mentions=_Mentions(_weigh(resume, role.spec.scoring, as_of, taxonomy)),
        relevant=relevant,
        years=total_experience_years([resume.experience[i] for i in relevant], as_of),
    )


def _experience(resume: Resume, role: Role, level: LevelSpec, prepared: _Prepared) -> tuple[ExperienceFit, float, bool]:
    scoring = role.spec.scoring.experience
    relevant, years = prepared.relevant, prepared.years
    expected = level.expected_years
    if years < expected.min:
        years_score = years / expected.min if expected.min else 1.0
    elif expected.max is not None and years > expected.max:
        years_score = max(scoring.floor, 1 - scoring.over_max_penalty_per_year * (years - expected.max))
    else:
        years_score = 1.0
    latest = _latest(resume, relevant)
    title = resume.experience[latest].title if latest is not None else None
    tier = _title_tier(title, role)
    level_index = role.level_ids.index(level.id)
    title_score = None if tier is None else {0: 1.0, 1: 0.5}.get(abs(tier - level_index), 0.0)
    if title_score is None:
        score = years_score
    else:
        total = scoring.years_weight + scoring.title_weight
        score = (scoring.years_weight * years_score + scoring.title_weight * title_score) / total
    # The level's leadership and communication requirements (role data) say which skills are signals.
    duty_skills = {s for r in level.requirements if r.category == "responsibilities" for s in r.skills}
    signals = sorted(
        {
            f"{m.name}: {m.surface!r}"
            for m in resume.skills
            if m.skill_id in duty_skills and m.experience_index is not None
        }
    )
    fit = ExperienceFit(
        relevant_years=years,
        total_years=resume.total_experience_years,
        relevant_entries=relevant,
        expected_min=expected.min,
        expected_max=expected.max,
        years_score=round(years_score, 4),
        latest_title=title,
        title_seniority=role.level_ids[tier] if tier is not None else None,
        title_score=title_score,
        leadership_signals=signals,
    )
    has_data = any(e.start is not None for e in resume.experience)
    return fit, round(score, 4), has_data


def _latest(resume: Resume, indices: list[int]) -> int | None:
    """The most recent of the given entries (current first, then by end and start)."""
    if not indices:
        return None

    def key(i: int) -> tuple[int, int, int]:
        entry = resume.experience[i]
        end = entry.end.month_index if entry.end else (entry.start.month_index if entry.start else -1)
        start = entry.start.month_index if entry.start else -1
        return (1 if entry.is_current else 0, end, start)

    return max(indices, key=lambda i: (key(i), -i))


def _education(resume: Resume, level: LevelSpec) -> tuple[float, bool, str | None]:
    expectation = level.education
    if not resume.education:
        return 0.0, False, None
    if expectation is None:
        return 1.0, True, "the level states no education expectation"
    ranked = [e for e in resume.education if e.level is not None]
    if not ranked:
        return 0.0, False, None
    highest = max(ranked, key=lambda e: _EDUCATION_RANK[e.level])  # type: ignore[index]
    assert highest.level is not None
    rank, needed = _EDUCATION_RANK[highest.level], _EDUCATION_RANK[expectation.level]
    text = " ".join(filter(None, [highest.field, highest.degree])).lower()
    field_ok = not expectation.fields or any(f.lower() in text for f in expectation.fields)
    if rank >= needed:
        preferred = expectation.preferred_level
        score = 1.0 if preferred is None or rank >= _EDUCATION_RANK[preferred] else 0.9
        if not field_ok:
            score *= 0.8
    else:
        score = 0.4 if rank >= _EDUCATION_RANK[EducationLevel.CERTIFICATE] else 0.2
    field = highest.field or "an unnamed field"
    words = f"{highest.level.value} in {field}; the level expects {expectation.level.value}"
    if expectation.fields:
        words += f" in {', '.join(expectation.fields[:4])}" + ("" if field_ok else " (field differs)")
    return round(score, 4), True, words


def _salary(role: Role, level: LevelSpec, location: str | None, industry: str | None) -> SalaryExpectation:
    band = level.salary
    spec = role.spec.salary
    position = (band.typical - band.low) / (band.high - band.low) if band.high > band.low else 0.0
    factors = []
    given = {"location": (location or "").lower(), "industry": (industry or "").lower()}
    for rule in spec.placement:
        value = given[rule.factor]
        hit = next(
            (v for v in rule.values if value and re.search(rf"(?<![a-z]){re.escape(v.lower())}(?![a-z])", value)), None
        )
        if hit:
            position += rule.step if rule.direction == "up" else -rule.step
            factors.append(SalaryFactor(factor=rule.factor, value=hit, direction=rule.direction, because=rule.because))
    position = min(1.0, max(0.0, position))
    expected = band.typical if not factors else int(round((band.low + position * (band.high - band.low)) / 1000) * 1000)
    return SalaryExpectation(
        currency=spec.currency,
        period=spec.period,
        low=band.low,
        high=band.high,
        typical=band.typical,
        expected=expected,
        factors=factors,
        source=f"{role.spec.source.salary_source} ({role.spec.source.document}); {role.source}, level {level.id}",
        basis=band.basis,
        caveat=role.spec.source.caveat,
    )


def _recommendations(
    results: list[RequirementResult],
    taxonomy: Taxonomy,
    category_share: dict[str, float],
    category_totals: dict[str, float],
    experience: ExperienceFit,
    experience_share: float,
    education_missing: bool,
    level: LevelSpec,
) -> list[Recommendation]:
    recommendations = []
    for result in results:
        if result.status == "met":
            continue
        share = (
            category_share.get(result.category, 0.0)
            * result.weight
            / max(category_totals.get(result.category, 1.0), 1e-9)
        )
        impact = (
            round(100 * share * (1 - result.score), 1) if result.kind != "nice" else round(5 * (1 - result.score), 1)
        )
        missing_skills = [s for s in result.skills if s not in result.found] or result.skills
        names = [taxonomy[s].name for s in missing_skills if s in taxonomy][:4]
        if result.status == "missing":
            text = (
                f"{result.name}: the resume shows none of {', '.join(names)}. If you have this experience, "
                "describe it in a job or project bullet: what you built with it and the result."
            )
        elif len(result.found) < result.needed:
            text = (
                f"{result.name}: needs {result.needed} of {', '.join(names)}...; the resume shows "
                f"{', '.join(taxonomy[s].name for s in result.found)}. "
                f"Show {result.needed - len(result.found)} more in your work."
            )
        else:
            where = sorted({e.section.value for e in result.evidence if e.section is not None}) or ["other"]
            text = (
                f"{result.name}: shown only in the {'/'.join(where)} section or outside recent jobs; describe a "
                "recent job or project where you used it and what came of it."
            )
        recommendations.append(Recommendation(target=result.id, text=text, impact=impact))
    if experience.relevant_years < experience.expected_min:
        gap = experience.expected_min - experience.relevant_years
        recommendations.append(
            Recommendation(
                target="experience",
                text=(
                    f"The level expects {experience.expected_min:g}+ years of role-relevant experience; the resume "
                    f"shows {experience.relevant_years:g}. Date every relevant job, internship or research post so it "
                    "counts."
                ),
                impact=round(100 * experience_share * min(1.0, gap / max(experience.expected_min, 1)), 1),
            )
        )
    if education_missing and level.education is not None:
        recommendations.append(
            Recommendation(
                target="education",
                text=(
                    "No degree was found; list your highest degree and field "
                    f"(the level expects {level.education.level.value})."
                ),
                impact=0.0,
            )
        )
    recommendations.sort(key=lambda r: (-r.impact, r.target))
    return recommendations


def match_resume(
    resume: Resume,
    role: Role,
    level_id: str,
    *,
    as_of: date,
    location: str | None = None,
    industry: str | None = None,
    taxonomy: Taxonomy | None = None,
) -> FitReport:
    """The fit of ``resume`` for one level of ``role``."""
    taxonomy = taxonomy or default_taxonomy()
    return _match_level(resume, role, role.level(level_id), as_of, location, industry, taxonomy, None)


def _match_level(
    resume: Resume,
    role: Role,
    level: LevelSpec,
    as_of: date,
    location: str | None,
    industry: str | None,
    taxonomy: Taxonomy,
    prepared: _Prepared | None,
) -> FitReport:
    scoring = role.spec.scoring
    prepared = prepared or _prepare(resume, role, as_of, taxonomy)
    mentions = prepared.mentions
    requirements = [_evaluate(r, r.kind, mentions, taxonomy, scoring) for r in level.requirements]
    responsibilities = [_evaluate(r, "responsibility", mentions, taxonomy, scoring) for r in level.responsibilities]
    musts = [r for r in requirements if r.kind == "must"]
    nices = [r for r in requirements if r.kind == "nice"]
    skills_items = [r for r in musts if r.category == "skills"]
    duty_items = [r for r in musts if r.category == "responsibilities"] + responsibilities
    experience, experience_score, has_experience = _experience(resume, role, level, prepared)
    education_score, has_education, education_words = _education(resume, level)
    weights = level.category_weights or scoring.category_weights
    skills_met = sum(r.status == "met" for r in skills_items)
    duties_met = sum(r.status == "met" for r in duty_items)
    values: dict[CategoryName, tuple[float, bool, str]] = {
        "skills": (
            _weighted_mean(skills_items),
            bool(resume.skills),
            f"{skills_met}/{len(skills_items)} skill must-haves met",
        ),
        "experience": (
            experience_score,
            has_experience,
            f"{experience.relevant_years:g} relevant years, expected {_expected(level)}",
        ),
        "responsibilities": (
            _weighted_mean(duty_items),
            bool(resume.experience),
            f"{duties_met}/{len(duty_items)} responsibilities and leadership items met",
        ),
        "education": (education_score, has_education, education_words or "no degree found"),
    }
    categories = []
    for name, (value, has_data, detail) in values.items():
        categories.append(
            CategoryScore(
                name=name,
                score=round(value if has_data else 0.0, 4),
                weight=weights.get(name, 0.0),
                has_data=has_data,
                counted=has_data or scoring.missing_data.get(name, "zero") == "zero",
                detail=detail,
            )
        )
    counted_categories = [c for c in categories if c.counted]
    total_weight = sum(c.weight for c in counted_categories)
    base = 100 * sum(c.weight * c.score for c in counted_categories) / total_weight if total_weight else 0.0
    bonus = scoring.nice_to_have_bonus * _weighted_mean(nices) if nices else 0.0
    score = round(min(100.0, max(0.0, base + bonus)), 1)
    any_must_missing = any(r.status == "missing" for r in musts)
    verdict = next(
        v.verdict
        for v in sorted(scoring.verdicts, key=lambda v: -v.min_score)
        if score >= v.min_score and not (v.requires_all_musts and any_must_missing)
    )
    share: dict[str, float] = {
        c.name: (c.weight / total_weight if total_weight and c.counted else 0.0) for c in categories
    }
    totals = {
        "skills": sum(r.weight for r in skills_items),
        "responsibilities": sum(r.weight for r in duty_items),
    }
    review = [f"{w.code}: {w.message}" for w in resume.warnings if w.code in role.spec.oversight.review_warnings]
    recommendations = _recommendations(
        [*requirements, *responsibilities],
        taxonomy,
        share,
        totals,
        experience,
        share.get("experience", 0.0),
        not has_education,
        level,
    )
    return FitReport(
        role=role.id,
        role_name=role.spec.name,
        level=level.id,
        level_name=level.name,
        score=score,
        verdict=verdict,
        categories=categories,
        requirements=requirements,
        responsibilities=responsibilities,
        experience=experience,
        experience_years=experience.relevant_years,
        expected_years=_expected(level),
        education=education_words,
        salary=_salary(role, level, location, industry),
        recommendations=recommendations,
        advisory=role.spec.oversight.advisory,
        not_considered=list(role.spec.oversight.not_considered),
        needs_human_review=bool(review),
        review_reasons=review,
        versions={
            "rolematch": __version__,
            "parsing_data": data_version(),
            "skills_taxonomy": taxonomy.version,
            "role": f"{role.id}@{role.spec.version}",
        },
        as_of=as_of,
    )


def _expected(level: LevelSpec) -> str:
    expected = level.expected_years
    if expected.max is None:
        return f"{expected.min:g}+"
    return f"{expected.min:g}-{expected.max:g}"


def assess_resume(
    resume: Resume,
    role: Role,
    *,
    as_of: date,
    location: str | None = None,
    industry: str | None = None,
    taxonomy: Taxonomy | None = None,
) -> Assessment:
    """Every level of ``role`` for ``resume``, and the best-fitting one with reasons."""
    taxonomy = taxonomy or default_taxonomy()
    prepared = _prepare(resume, role, as_of, taxonomy)  # the same for every level
    reports = {
        level.id: _match_level(resume, role, level, as_of, location, industry, taxonomy, prepared)
        for level in role.spec.levels
    }

    def fits_years(report: FitReport) -> bool:
        fit = report.experience
        return fit.relevant_years >= fit.expected_min and (
            fit.expected_max is None or fit.relevant_years <= fit.expected_max
        )

    order = {level_id: i for i, level_id in enumerate(role.level_ids)}
    best = max(reports.values(), key=lambda r: (r.score, fits_years(r), -order[r.level]))
    reasons = [_reason(best, best=True)]
    reasons += [_reason(report, best=False) for level_id, report in reports.items() if level_id != best.level]
    return Assessment(role=role.id, best_level=best.level, reasons=reasons, reports=reports)


def _reason(report: FitReport, *, best: bool) -> str:
    musts = [r for r in report.requirements if r.kind == "must"]
    met = sum(r.status == "met" for r in musts)
    fit = report.experience
    words = [
        f"{report.level}: score {report.score:g} ({report.verdict})",
        f"{met}/{len(musts)} must-haves met",
        f"{fit.relevant_years:g} relevant years vs {report.expected_years} expected",
    ]
    if fit.latest_title and fit.title_seniority:
        words.append(f"latest title {fit.latest_title!r} reads as {fit.title_seniority}")
    missing = [r.name for r in musts if r.status == "missing"]
    if missing and not best:
        words.append("missing: " + ", ".join(missing[:3]))
    return ("best fit - " if best else "") + "; ".join(words)
