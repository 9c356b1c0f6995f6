"""Matching: a ``Resume`` against one level of a role gives a ``FitReport``; against all, an ``Assessment``.

Every number comes from the role file's ``scoring`` block; every requirement result lists the
mentions (spans of ``Resume.text``) that support it and the role-file line that defines it. The
matcher reads skills, experience entries (titles, dates) and education only: never the contact
block, so names, addresses and contact details cannot move a score. This module composes the
steps (``_levels``) and picks the best level; the scoring itself lives in ``_scoring``, ``_fit``,
``_salary`` and ``_advice``.
"""

from __future__ import annotations

from datetime import date

from .._skills import Taxonomy, default_taxonomy
from ..resume import Resume
from ._levels import match_level, prepare
from ._report import Assessment, FitReport
from ._roles import Role

__all__ = ["assess_resume", "match_resume"]


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
    return match_level(resume, role, role.level(level_id), as_of, location, industry, taxonomy, None)


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
    prepared = prepare(resume, role, as_of, taxonomy)  # the same for every level
    reports = {
        level.id: match_level(resume, role, level, as_of, location, industry, taxonomy, prepared)
        for level in role.spec.levels
    }
    best = _best_level(reports, role)
    reasons = [_reason(best, best=True)]
    reasons += [_reason(report, best=False) for level_id, report in reports.items() if level_id != best.level]
    return Assessment(role=role.id, best_level=best.level, reasons=reasons, reports=reports)


def _fits_years(report: FitReport) -> bool:
    """Whether the relevant years fall inside the level's expected range."""
    fit = report.experience
    return fit.relevant_years >= fit.expected_min and (
        fit.expected_max is None or fit.relevant_years <= fit.expected_max
    )


def _best_level(reports: dict[str, FitReport], role: Role) -> FitReport:
    """The highest score; ties go to the level whose years range holds the candidate's, then the lower level."""
    order = {level_id: i for i, level_id in enumerate(role.level_ids)}
    return max(reports.values(), key=lambda r: (r.score, _fits_years(r), -order[r.level]))


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
