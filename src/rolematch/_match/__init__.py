"""Match stage: a ``Resume`` against a role level gives a ``FitReport`` (never reads contact details)."""

from __future__ import annotations

from ._match import assess_resume, match_resume
from ._report import (
    Assessment,
    CategoryScore,
    Evidence,
    ExperienceFit,
    FitReport,
    JobRef,
    RankedResume,
    Recommendation,
    RequirementResult,
    RoleFit,
    SalaryExpectation,
    SalaryFactor,
)
from ._roles import DEFAULT_ROLE, Role, RoleFile, get_role, list_roles, load_role, parse_role, register_role

__all__ = [
    "DEFAULT_ROLE",
    "Assessment",
    "CategoryScore",
    "Evidence",
    "ExperienceFit",
    "FitReport",
    "JobRef",
    "RankedResume",
    "Recommendation",
    "RequirementResult",
    "Role",
    "RoleFile",
    "RoleFit",
    "SalaryExpectation",
    "SalaryFactor",
    "assess_resume",
    "get_role",
    "list_roles",
    "load_role",
    "match_resume",
    "parse_role",
    "register_role",
]
