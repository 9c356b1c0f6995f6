"""A fit report in the shapes ATS integrations map from: an assessment partner's status, HR Open pay."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .._match import FitReport
from ._ranking import expected_pay

__all__ = ["AtsAssessmentStatus", "ats_status"]


class AtsAssessmentStatus(BaseModel):
    """The status an ATS assessment partner reports: a score, a flat metadata map and a summary.

    Field names follow the common partner-status shape (``partner_status``, ``partner_score``,
    ``metadata``, ``summary``); ``pay_range`` is the salary band as an HR Open remuneration package.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    partner_status: Literal["complete"] = "complete"
    partner_score: float = Field(ge=0, le=100)
    partner_profile_url: str | None = None
    summary: str
    metadata: dict[str, str] = Field(description="Flat string map: role, level, verdict, category scores, gaps.")
    pay_range: dict[str, Any] = Field(description="HR Open (HR-JSON) remuneration package of the level's band.")


def ats_status(report: FitReport, *, profile_url: str | None = None) -> AtsAssessmentStatus:
    """Map a fit report to the partner-status shape."""
    musts = [r for r in report.requirements if r.kind == "must"]
    met = [r.name for r in musts if r.status == "met"]
    gaps = [r.name for r in musts if r.status != "met"]
    metadata = {
        "role": report.role,
        "level": report.level,
        "verdict": report.verdict,
        "must_haves_met": f"{len(met)}/{len(musts)}",
        "gaps": "; ".join(gaps) or "-",
        "experience_years": f"{report.experience_years:g}",
        "expected_years": report.expected_years,
        "salary_expected": (
            f"{report.salary.expected} {report.salary.currency}/{report.salary.period}"
            if report.salary.expected is not None
            else expected_pay(report.salary.model_dump(mode="json"))
        ),
        "as_of": report.as_of.isoformat(),
        **{f"score_{c.name}": f"{c.score:.2f}" for c in report.categories},
        **{f"version_{k}": v for k, v in sorted(report.versions.items())},
    }
    summary = (
        f"{report.level_name}: {report.score:g}/100 ({report.verdict}); {len(met)} of {len(musts)} must-haves met"
        + (f"; gaps: {', '.join(gaps[:3])}" if gaps else "")
        + f"; {report.experience_years:g} relevant years (expected {report.expected_years})."
    )
    return AtsAssessmentStatus(
        partner_score=report.score,
        partner_profile_url=profile_url,
        summary=summary,
        metadata=metadata,
        pay_range=report.salary.hr_open(),
    )
