"""The one sequence from a parsed resume to a decided, blinded and audited report or assessment.

read -> parse -> **decide**: match one level (or assess every level), blind what names the
candidate when asked, and record the decision in the audit log. The library (``match``,
``assess``, ``rank``), the batch engine, the HTTP service and ``audit verify`` all call these
functions; none keeps a sequence of its own, so the same input gives the same report bytes and
the same audit entry whichever door it came in by (``tests/test_pipeline.py``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ._match import Assessment, FitReport, Role, RoleFit, assess_resume, match_resume
from ._skills import SkillRegistry, Taxonomy, default_registry
from .errors import TaxonomyMismatchError
from .resume import Resume

if TYPE_CHECKING:
    from ._audit import AuditLog

__all__ = ["Decision", "assessment_across", "assessment_for", "input_digest", "report_for", "taxonomy_for"]


@dataclass(frozen=True)
class Decision:
    """What to decide about a resume: a role, one of its levels, the job's facts, whether to blind.

    ``location`` and ``industry`` describe the job, never the candidate; they only place the
    salary within the level's band. ``strict`` holds any verdict above the role's strict cap
    (``scoring.verdict_caps.strict``) unless every must-have is met.
    """

    role: Role
    level: str | None = None
    location: str | None = None
    industry: str | None = None
    blind: bool = False
    strict: bool = False


def taxonomy_for(resume: Resume, skills: SkillRegistry | None) -> Taxonomy:
    """The taxonomy to match ``resume`` with: the one of ``skills`` (default: the built-in registry).

    Raises :class:`TaxonomyMismatchError` when the resume was parsed with another one: its
    skills were looked for with other names and rules, so requirements would be judged wrongly.
    """
    taxonomy = (skills or default_registry()).taxonomy
    label = taxonomy.label
    if resume.skills_taxonomy is not None and resume.skills_taxonomy != label:
        raise TaxonomyMismatchError(
            f"the resume was parsed with the skills taxonomy {resume.skills_taxonomy}, not {label}; "
            "pass skills= the registry it was parsed with (or parse it again with this one)"
        )
    return taxonomy


def input_digest(resume: Resume) -> str:
    """The audit log's name for the input: the SHA-256 of its bytes (of its text when it came as text)."""
    return resume.source.sha256 or hashlib.sha256(resume.text.encode("utf-8")).hexdigest()


def report_for(resume: Resume, decision: Decision, *, taxonomy: Taxonomy, audit: AuditLog | None = None) -> FitReport:
    """The fit report of ``resume`` at ``decision.level``: matched, blinded if asked, and audited."""
    if decision.level is None:
        raise ValueError("report_for needs a level; assessment_for decides every level")
    report = match_resume(
        resume,
        decision.role,
        decision.level,
        as_of=resume.as_of,
        location=decision.location,
        industry=decision.industry,
        taxonomy=taxonomy,
        strict=decision.strict,
    )
    return _finish(report, resume, decision, audit)


def assessment_for(
    resume: Resume, decision: Decision, *, taxonomy: Taxonomy, audit: AuditLog | None = None
) -> Assessment:
    """Every level of ``decision.role`` for ``resume``; blinded if asked; the best level's report audited."""
    assessment = assess_resume(
        resume,
        decision.role,
        as_of=resume.as_of,
        location=decision.location,
        industry=decision.industry,
        taxonomy=taxonomy,
        strict=decision.strict,
    )
    if not decision.blind and audit is None:
        return assessment
    reports = {
        level: (_blind_report(report, resume) if decision.blind else report)
        for level, report in assessment.reports.items()
    }
    _record(reports[assessment.best_level], resume, decision, audit)
    return assessment.model_copy(update={"reports": reports})


def assessment_across(
    resume: Resume, roles: list[Role], decision: Decision, *, taxonomy: Taxonomy, audit: AuditLog | None = None
) -> Assessment:
    """Every role of ``roles`` for ``resume``: the assessment of the role that fits best (by the highest
    score any of its levels reaches), with every role's fit and a summary ("looks like a mid data
    engineer"); blinded and audited as :func:`assessment_for` does, for that role only."""
    found = []
    for role in roles:
        assessment = assessment_for(resume, replace(decision, role=role), taxonomy=taxonomy)
        best = assessment.reports[assessment.best_level]
        top = max(report.score for report in assessment.reports.values())
        found.append((assessment, RoleFit(
            role=role.id, role_name=role.spec.name, best_level=assessment.best_level, score=best.score,
            verdict=best.verdict, top_score=top,
        )))  # fmt: skip
    found.sort(key=lambda pair: (-pair[1].top_score, pair[1].role))
    chosen, winner = found[0]
    if audit is not None:
        role = next(r for r in roles if r.id == winner.role)
        _record(chosen.reports[chosen.best_level], resume, replace(decision, role=role), audit)
    summary = _summary(chosen, [fit for _, fit in found])
    return chosen.model_copy(update={"summary": summary, "roles": [fit for _, fit in found]})


def _summary(chosen: Assessment, fits: list[RoleFit]) -> str:
    """'looks like a mid data engineer (...)', or that no known role fits well."""
    winner = fits[0]
    report = chosen.reports[chosen.best_level]
    placed = f"{chosen.best_level} {winner.role_name.lower()}"
    detail = f"{winner.role} at {chosen.best_level}: {report.score:g}, {report.verdict}; top {winner.top_score:g}"
    if report.verdict == "weak fit":
        summary = f"fits none of the known roles well (closest: {placed}; {detail})"
    else:
        article = "an" if placed[0] in "aeiou" else "a"
        summary = f"looks like {article} {placed} ({detail})"
    if len(fits) > 1:
        summary += f"; next: {fits[1].role_name.lower()} (top {fits[1].top_score:g})"
    return summary


def _blind_report(report: FitReport, resume: Resume) -> FitReport:
    """``report`` with what names the candidate masked (:func:`rolematch._audit.blind_report`)."""
    # The audit package is imported when a report is first blinded: a plain match never needs it.
    from ._audit import blind_report as blind

    return blind(report, resume)


def _finish(report: FitReport, resume: Resume, decision: Decision, audit: AuditLog | None) -> FitReport:
    if decision.blind:
        report = _blind_report(report, resume)
    _record(report, resume, decision, audit)
    return report


def _record(report: FitReport, resume: Resume, decision: Decision, audit: AuditLog | None) -> None:
    if audit is not None:
        audit.record(
            report,
            input_sha256=input_digest(resume),
            role=decision.role,
            location=decision.location,
            industry=decision.industry,
            blind=decision.blind,
            strict=decision.strict,
        )
