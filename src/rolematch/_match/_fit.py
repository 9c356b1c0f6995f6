"""Experience and education fit: role-relevant years, title seniority and degree against a level.

A job counts toward years in the role in full by its title or its production duties, as related
(at the role's weight) by a related title or the role's technical skills shown in it; the latest
relevant title's seniority words place it at a level. Education compares the highest
degree and its field with the level's expectation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .._parse import total_experience_years
from .._skills import Taxonomy
from ..resume import EducationLevel, ExperienceEntry, Resume, SkillMention
from ._build import built
from ._evidence import Classified, work_mentions
from ._report import ExperienceFit
from ._role_index import LevelIndex, RoleIndex, role_index
from ._roles import LevelSpec, Role

__all__ = ["RelevantExperience", "education_fit", "experience_fit", "relevant_experience"]

_EDUCATION_RANK = {
    EducationLevel.SECONDARY: 0,
    EducationLevel.CERTIFICATE: 1,
    EducationLevel.ASSOCIATE: 2,
    EducationLevel.BACHELOR: 3,
    EducationLevel.MASTER: 4,
    EducationLevel.DOCTORATE: 5,
}


def _title_has(title: str, pattern: re.Pattern[str] | None) -> bool:
    return pattern is not None and pattern.search(title) is not None


def _relevance(
    entry: ExperienceEntry, shown: set[str], role: Role, index: RoleIndex, technical: frozenset[str], duties: set[str]
) -> str:
    """``in_role``, ``related`` or ``none``: what a job's years count for in the role.

    A title of the role counts in full. A related title (data scientist for an ML engineer), or a
    job showing enough of the role's technical skills (``shown``: the skills its work mentions
    show; ``technical``: the role's), counts as related. A job with a related
    title that shows a production duty of the role (deploying, serving, monitoring models) is the
    role's work and counts in full; a job related by its skills alone stays related, whatever it
    shows (a backend developer who trained one model is not a data scientist).
    """
    spec = role.spec
    title = (entry.title or "").lower()
    if _title_has(title, index.relevant_titles):
        return "in_role"
    related_title = _title_has(title, index.related_titles)
    if not related_title and len(shown & technical) < spec.relevant_min_skills:
        return "none"
    return "in_role" if related_title and shown & duties else "related"


@dataclass(frozen=True)
class RelevantExperience:
    """The jobs that count toward years in the role, and those years.

    ``years`` is what the role counts: ``in_role_years`` in full plus ``related_years`` (related
    jobs' time not already in the role) at ``related_weight``.
    """

    entries: list[int]
    related_entries: list[int]
    work: list[SkillMention]  # mentions that show the candidate's own work in a job (see _evidence)
    in_role_years: float
    related_years: float
    related_weight: float
    latest_title: str | None = None  # of the most recent job in the role (else related), what its words place
    title_tier: int | None = None  # the level the latest title's seniority words point to
    has_dated: bool = False  # whether the resume has dated experience at all

    @property
    def years(self) -> float:
        """The years that count toward the role."""
        return round(self.in_role_years + self.related_weight * self.related_years, 2)

    @property
    def career_years(self) -> float:
        """In-role and related years, unweighted: what over-qualification reads."""
        return round(self.in_role_years + self.related_years, 2)


def relevant_experience(
    resume: Resume,
    role: Role,
    as_of: date,
    taxonomy: Taxonomy,
    kinds: list[Classified],
    positions: list[int] | None = None,
) -> RelevantExperience:
    """Which jobs of ``resume`` are in ``role`` or related to it, and the years they add up to
    (``kinds``: the evidence kinds of the mentions at ``positions``, default all).

    The mentions left out must be of skills the role does not read a job's work for
    (``RoleIndex.counted``): what a job shows is only ever compared with those.
    """
    index = role_index(role)
    # Only work counts: a wish, a course, a negation or an audience written in a job's bullets
    # does not make the job part of the role.
    if positions is None:
        work = work_mentions(resume, kinds)
    else:
        work = [
            resume.skills[p]
            for p, found in zip(positions, kinds, strict=True)
            if found.kind == "work" and resume.skills[p].experience_index is not None
        ]
    shown: dict[int | None, set[str]] = {}  # by job: the skills its work shows, gathered in one pass
    for mention in work:
        shown.setdefault(mention.experience_index, set()).add(mention.skill_id)
    technical, duties = index.technical_skills(taxonomy), set(role.spec.production_duty_skills)
    relevance = [
        _relevance(e, shown.get(i, set()), role, index, technical, duties) for i, e in enumerate(resume.experience)
    ]
    in_role = [i for i, kind in enumerate(relevance) if kind == "in_role"]
    related = [i for i, kind in enumerate(relevance) if kind == "related"]
    in_role_years = total_experience_years([resume.experience[i] for i in in_role], as_of)
    both = total_experience_years([resume.experience[i] for i in in_role + related], as_of)
    latest = _latest(resume, in_role or related)
    title = resume.experience[latest].title if latest is not None else None
    return RelevantExperience(
        entries=in_role,
        related_entries=related,
        work=work,
        in_role_years=in_role_years,
        related_years=round(both - in_role_years, 2),
        related_weight=role.spec.related_weight if related else 1.0,
        latest_title=title,
        title_tier=index.title_tier(title),
        has_dated=any(e.start is not None for e in resume.experience),
    )


def years_over_range(career_years: float, expected_max: float | None) -> float:
    """Years of in-role and related work above the level's range (0 when inside it).

    Over-qualification reads the career unweighted: counting a related career at its weight
    halves it, which would make a 12-year software engineer look inside a mid range.
    """
    if expected_max is None or career_years <= expected_max:
        return 0.0
    return round(career_years - expected_max, 2)


def _years_score(relevant: RelevantExperience, role: Role, level: LevelSpec) -> float:
    """A share of the minimum below the level's range (weighted years); a penalty per year above it
    (unweighted years, see ``years_over_range``); 1 inside it."""
    scoring = role.spec.scoring.experience
    expected = level.expected_years
    years = relevant.years
    if years < expected.min:
        return years / expected.min if expected.min else 1.0
    over = years_over_range(relevant.career_years, expected.max)
    if over:
        return max(scoring.floor, 1 - scoring.over_max_penalty_per_year * over)
    return 1.0


def _leadership_signals(work: list[SkillMention], duty_skills: frozenset[str]) -> list[str]:
    """Work mentions inside jobs of the skills the level's responsibility requirements ask for."""
    # The level's leadership and communication requirements (role data) say which skills are signals.
    return sorted({f"{m.name}: {m.surface!r}" for m in work if m.skill_id in duty_skills})


def experience_fit(
    resume: Resume, role: Role, level: LevelIndex, relevant: RelevantExperience
) -> tuple[ExperienceFit, float, bool]:
    """The experience fit for ``level``, its score, and whether the resume has dated experience at all."""
    scoring = role.spec.scoring.experience
    years = relevant.years
    expected = level.spec.expected_years
    years_score = _years_score(relevant, role, level.spec)
    tier = relevant.title_tier
    title_score = None if tier is None else {0: 1.0, 1: 0.5}.get(abs(tier - level.position), 0.0)
    if title_score is None:
        score = years_score
    else:
        total = scoring.years_weight + scoring.title_weight
        score = (scoring.years_weight * years_score + scoring.title_weight * title_score) / total
    fit = built(
        ExperienceFit,
        relevant_years=years,
        in_role_years=relevant.in_role_years,
        related_years=relevant.related_years,
        related_weight=relevant.related_weight,
        total_years=resume.total_experience_years,
        relevant_entries=list(relevant.entries),
        related_entries=list(relevant.related_entries),
        expected_min=expected.min,
        expected_max=expected.max,
        years_score=round(years_score, 4),
        latest_title=relevant.latest_title,
        title_seniority=role_index(role).level_ids[tier] if tier is not None else None,
        title_score=title_score,
        leadership_signals=_leadership_signals(relevant.work, level.duty_skills),
    )
    return fit, round(score, 4), relevant.has_dated


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


def education_fit(resume: Resume, level: LevelSpec) -> tuple[float, bool, str | None]:
    """The education score for ``level``, whether the resume names a degree, and the words for it."""
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
