"""Fairness and audit: blind reports, the audit log and its replay, impact ratios (NYC LL144).

Sits above the match stage: it reads reports and resumes, never changes a score.
"""

from __future__ import annotations

from ._blind import MASK, blind_report, identifying_strings
from ._impact import ImpactRow, ImpactTable, impact_ratios
from ._log import AuditEntry, AuditLog, VerifyResult, report_sha256, verify

__all__ = [
    "MASK",
    "AuditEntry",
    "AuditLog",
    "ImpactRow",
    "ImpactTable",
    "VerifyResult",
    "blind_report",
    "identifying_strings",
    "impact_ratios",
    "report_sha256",
    "verify",
]
