"""Matching: a ``Resume`` against one level of a role gives a ``FitReport``; against all, an ``Assessment``.

Every number comes from the role file's ``scoring`` block; every requirement result lists the
mentions (spans of ``Resume.text``) that support it and the role-file line that defines it. The
matcher reads skills, experience entries (titles, dates) and education only: never the contact
block, so names, addresses and contact details cannot move a score. This module composes the
steps (``_levels``) and picks the best level: the most senior one the evidence supports, not the
one with the highest score (easier levels score higher by construction). The scoring itself lives
in ``_scoring``, ``_fit``, ``_salary`` and ``_advice``.
"""

from __future__ import annotations

from datetime import date

from .._skills import Taxonomy, default_taxonomy
from ..resume import Resume
from ._levels import match_level, over_range_words, prepare, unmet_words, verdict_for
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
    strict: bool = False,
) -> FitReport:
    """The fit of ``resume`` for one level of ``role`` (``strict``: see :func:`match_level`)."""
    taxonomy = taxonomy or default_taxonomy()
    return match_level(resume, role, role.level(level_id), as_of, location, industry, taxonomy, None, strict=strict)


def assess_resume(
    resume: Resume,
    role: Role,
    *,
    as_of: date,
    location: str | None = None,
    industry: str | None = None,
    taxonomy: Taxonomy | None = None,
    strict: bool = False,
) -> Assessment:
    """Every level of ``role`` for ``resume``, and the most senior level the evidence supports, with reasons."""
    taxonomy = taxonomy or default_taxonomy()
    prepared = prepare(resume, role, as_of, taxonomy)  # the same for every level
    reports = {
        level.id: match_level(resume, role, level, as_of, location, industry, taxonomy, prepared, strict=strict)
        for level in role.spec.levels
    }
    ordered = [reports[level_id] for level_id in role.level_ids]  # most junior first
    evidence = {report.level: _evidence_verdict(report, role) for report in ordered}
    why_not = {report.level: _why_not_supported(report, evidence[report.level], role) for report in ordered}
    supported = [report for report in ordered if not why_not[report.level]]
    best = supported[-1] if supported else ordered[0]
    reasons = [_best_reason(best, evidence[best.level], ordered, why_not)]
    reasons += [_reason(report, why_not[report.level]) for report in ordered]
    return Assessment(role=role.id, best_level=best.level, reasons=reasons, reports=reports)


def _support_verdict(role: Role) -> str:
    """The verdict from which a level counts as supported (default: the best one the score alone can give)."""
    scoring = role.spec.scoring
    if scoring.best_level_min_verdict is not None:
        return scoring.best_level_min_verdict
    return next(band.verdict for band in reversed(scoring.ranked_verdicts()) if not band.requires_all_musts)


def _evidence_verdict(report: FitReport, role: Role) -> str:
    """The verdict without the strict cap: strict mode judges verdicts, not where a candidate's level is.

    Otherwise a lead engineer missing one soft must-have everywhere would be placed junior.
    """
    if not report.strict:
        return report.verdict
    musts = [r for r in report.requirements if r.kind == "must"]
    level = role.level(report.level)
    return verdict_for(report.score, musts, report.experience.relevant_years, level, role.spec.scoring, strict=False)[0]


def _why_not_supported(report: FitReport, verdict: str, role: Role) -> list[str]:
    """Why the evidence does not support ``report``'s level (nothing: it does).

    A level is supported when the candidate has at least its expected years (above the range
    counts: over-qualification lowers the score instead) and its ``verdict`` (without the strict
    cap) reaches the role's ``best_level_min_verdict``, or every must-have is met.
    """
    bands = [band.verdict for band in role.spec.scoring.ranked_verdicts()]
    needed = _support_verdict(role)
    fit = report.experience
    musts = [r for r in report.requirements if r.kind == "must"]
    reasons = []
    if fit.relevant_years < fit.expected_min:
        reasons.append(f"{fit.relevant_years:g} relevant years, below the {fit.expected_min:g} it expects")
    if bands.index(verdict) < bands.index(needed) and any(r.status != "met" for r in musts):
        reasons.append(f"{verdict}, below {needed}, with {unmet_words(musts)}")
    return reasons


def _best_reason(best: FitReport, verdict: str, ordered: list[FitReport], why_not: dict[str, list[str]]) -> str:
    """Why ``best``: the evidence supports it, and what the next more senior level lacks."""
    position = [report.level for report in ordered].index(best.level)
    fit = best.experience
    shown = verdict if verdict == best.verdict else f"{verdict} before the strict cap"
    evidence = f"{shown}, {fit.relevant_years:g} relevant years vs {best.expected_years} expected"
    if why_not[best.level]:
        words = f"best fit - {best.level}: no level is supported by the evidence, so the most junior "
        words += f"({', and '.join(why_not[best.level])})"
    elif position + 1 == len(ordered):
        return f"best fit - {best.level}: the most senior level, and the evidence supports it ({evidence})"
    else:
        words = f"best fit - {best.level}: the most senior level the evidence supports ({evidence})"
    if position + 1 < len(ordered):
        above = ordered[position + 1]
        words += f"; not {above.level}: {', and '.join(why_not[above.level])}"
    return words


def _reason(report: FitReport, why_not: list[str]) -> str:
    musts = [r for r in report.requirements if r.kind == "must"]
    met = sum(r.status == "met" for r in musts)
    fit = report.experience
    words = [
        f"{report.level}: score {report.score:g} ({report.verdict})",
        f"{met}/{len(musts)} must-haves met",
        f"{fit.relevant_years:g} relevant years vs {report.expected_years} expected{over_range_words(fit)}",
    ]
    if fit.latest_title and fit.title_seniority:
        words.append(f"latest title {fit.latest_title!r} reads as {fit.title_seniority}")
    missing = [r.name for r in musts if r.status == "missing"]
    if missing:
        words.append("missing: " + ", ".join(missing[:3]))
    words.append("supported" if not why_not else "not supported")
    return "; ".join(words)
