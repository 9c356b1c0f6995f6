"""Advice: what would raise a fit score, each recommendation with the score points at stake.

Every requirement not met gets one (what evidence would meet it); so do too few role-relevant
years and a missing degree when the level expects one. Ordered by impact, largest first.
"""

from __future__ import annotations

from .._skills import Taxonomy
from ._build import built
from ._report import EvidenceKind, ExperienceFit, Recommendation, RequirementResult
from ._roles import LevelSpec

__all__ = ["recommendations"]


def _impact(result: RequirementResult, category_share: dict[str, float], category_totals: dict[str, float]) -> float:
    """Score points a requirement would add if met (nice-to-haves: their share of the bonus)."""
    share = (
        category_share.get(result.category, 0.0) * result.weight / max(category_totals.get(result.category, 1.0), 1e-9)
    )
    return round(100 * share * (1 - result.score), 1) if result.kind != "nice" else round(5 * (1 - result.score), 1)


def _requirement_text(result: RequirementResult, taxonomy: Taxonomy) -> str:
    """What the resume lacks for a requirement not met, and what evidence would meet it."""
    skills = taxonomy.skills  # the mapping itself: a look-up through the taxonomy's methods costs a call each
    missing_skills = [s for s in result.skills if s not in result.found] or result.skills
    names = [skills[s].name for s in missing_skills if s in skills][:4]
    if result.status == "missing":
        return (
            f"{result.name}: the resume shows none of {', '.join(names)}. If you have this experience, "
            "describe it in a job or project bullet: what you built with it and the result."
        )
    if len(result.found) < result.needed:
        return (
            f"{result.name}: needs {result.needed} of {', '.join(names)}...; the resume shows "
            f"{', '.join(skills[s].name for s in result.found)}. "
            f"Show {result.needed - len(result.found)} more in your work."
        )
    strongest = max(result.evidence, key=lambda e: e.strength, default=None)
    shown = _PARTLY_SHOWN.get(strongest.kind if strongest else "skills_list", "shown only weakly")
    return f"{result.name}: {shown}; describe a recent job or project where you used it and what came of it."


# Why a requirement whose skills all appear is still partial, by the kind of its strongest evidence.
_PARTLY_SHOWN: dict[EvidenceKind, str] = {
    "work": "shown in a job, but not a recent one or only indirectly",
    "project": "shown in projects, not in a job",
    "skills_list": "listed as a skill, but no job or project shows it in use",
    "summary": "named in the summary, but no job or project shows it in use",
    "course": "shown only through a course or certification",
    "hedged": "shown only with a hedge such as 'familiar with' or 'basic'",
}


def _experience_advice(experience: ExperienceFit, experience_share: float) -> Recommendation:
    gap = experience.expected_min - experience.relevant_years
    return built(
        Recommendation,
        target="experience",
        text=(
            f"The level expects {experience.expected_min:g}+ years of role-relevant experience; the resume "
            f"shows {experience.relevant_years:g}. Date every relevant job, internship or research post so it "
            "counts."
        ),
        impact=round(100 * experience_share * min(1.0, gap / max(experience.expected_min, 1)), 1),
    )


def recommendations(
    results: list[RequirementResult],
    taxonomy: Taxonomy,
    category_share: dict[str, float],
    category_totals: dict[str, float],
    experience: ExperienceFit,
    experience_share: float,
    education_missing: bool,
    level: LevelSpec,
) -> list[Recommendation]:
    """What would raise the score, largest impact first (then by target)."""
    advice = [
        built(
            Recommendation,
            target=result.id,
            text=_requirement_text(result, taxonomy),
            impact=_impact(result, category_share, category_totals),
        )
        for result in results
        if result.status != "met"
    ]
    if experience.relevant_years < experience.expected_min:
        advice.append(_experience_advice(experience, experience_share))
    if education_missing and level.education is not None:
        advice.append(
            built(
                Recommendation,
                target="education",
                text=(
                    "No degree was found; list your highest degree and field "
                    f"(the level expects {level.education.level.value})."
                ),
                impact=0.0,
            )
        )
    advice.sort(key=lambda r: (-r.impact, r.target))
    return advice
