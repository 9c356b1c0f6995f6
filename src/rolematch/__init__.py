"""rolematch: read resumes into structured, evidence-backed data.

The public surface is exactly ``__all__``; everything else lives in private modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._api import assess, extract_skills, match, parse_resume, parse_text, rank
from ._audit import AuditEntry, AuditLog, ImpactRow, ImpactTable, impact_ratios
from ._batch import BatchInterrupted, BatchProgress, BatchSummary, run_batch
from ._isolation import Isolation
from ._job import (
    EducationRequired,
    JobDuty,
    JobPosting,
    JobRequirement,
    JobSource,
    SkillGroup,
    StatedSalary,
    YearsRequired,
    parse_job,
    parse_job_text,
    role_from_job,
)
from ._limits import Limits
from ._match import (
    Assessment,
    CategoryScore,
    Evidence,
    ExperienceFit,
    FitReport,
    JobRef,
    RankedResume,
    Recommendation,
    RequirementResult,
    Role,
    RoleFile,
    SalaryExpectation,
    SalaryFactor,
    list_roles,
    load_role,
    register_role,
)
from ._present import fit_report_json_schema, render_assessment, render_ranking, render_report
from ._read import PdfReader, Source
from ._skills import (
    ExtractionContext,
    PatternSkillExtractor,
    SkillExtractor,
    SkillRegistry,
    Taxonomy,
    TaxonomyFile,
    load_taxonomy,
)
from ._version import __version__
from .errors import (
    ClusterError,
    CorruptDocumentError,
    DataFileError,
    DocumentTooLargeError,
    EmptyDocumentError,
    EmptyJobError,
    EncryptedDocumentError,
    NoTextLayerError,
    ParseTimeoutError,
    ReadError,
    ResourceLimitExceededError,
    RolematchError,
    SkillExtractorError,
    SourceNotFoundError,
    TaxonomyMismatchError,
    UnknownRoleError,
    UnsupportedFormatError,
)

if TYPE_CHECKING:
    from ._server import ServerSettings, create_app
from .resume import (
    Bullet,
    Contact,
    EducationEntry,
    EducationLevel,
    ExperienceEntry,
    Link,
    LinkKind,
    ParseWarning,
    Period,
    Resume,
    Section,
    SectionKind,
    SkillEvidence,
    SkillMention,
    SkillMethod,
    SourceInfo,
    Span,
    StatedExperience,
    YearMonth,
)

__all__ = [
    "Assessment",
    "AuditEntry",
    "AuditLog",
    "BatchInterrupted",
    "BatchProgress",
    "BatchSummary",
    "Bullet",
    "CategoryScore",
    "ClusterError",
    "Contact",
    "CorruptDocumentError",
    "DataFileError",
    "DocumentTooLargeError",
    "EducationEntry",
    "EducationLevel",
    "EducationRequired",
    "EmptyDocumentError",
    "EmptyJobError",
    "EncryptedDocumentError",
    "Evidence",
    "ExperienceEntry",
    "ExperienceFit",
    "ExtractionContext",
    "FitReport",
    "ImpactRow",
    "ImpactTable",
    "Isolation",
    "JobDuty",
    "JobPosting",
    "JobRef",
    "JobRequirement",
    "JobSource",
    "Limits",
    "Link",
    "LinkKind",
    "NoTextLayerError",
    "ParseTimeoutError",
    "ParseWarning",
    "PatternSkillExtractor",
    "PdfReader",
    "Period",
    "RankedResume",
    "ReadError",
    "Recommendation",
    "RequirementResult",
    "ResourceLimitExceededError",
    "Resume",
    "Role",
    "RoleFile",
    "RolematchError",
    "SalaryExpectation",
    "SalaryFactor",
    "Section",
    "SectionKind",
    "ServerSettings",
    "SkillEvidence",
    "SkillExtractor",
    "SkillExtractorError",
    "SkillGroup",
    "SkillMention",
    "SkillMethod",
    "SkillRegistry",
    "Source",
    "SourceInfo",
    "SourceNotFoundError",
    "Span",
    "StatedExperience",
    "StatedSalary",
    "Taxonomy",
    "TaxonomyFile",
    "TaxonomyMismatchError",
    "UnknownRoleError",
    "UnsupportedFormatError",
    "YearMonth",
    "YearsRequired",
    "__version__",
    "assess",
    "create_app",
    "extract_skills",
    "fit_report_json_schema",
    "impact_ratios",
    "list_roles",
    "load_role",
    "load_taxonomy",
    "match",
    "parse_job",
    "parse_job_text",
    "parse_resume",
    "parse_text",
    "rank",
    "register_role",
    "render_assessment",
    "render_ranking",
    "render_report",
    "role_from_job",
    "run_batch",
]


# The HTTP service needs the server extra (FastAPI); it is imported when first asked for, so
# `import rolematch` stays light and works without it.
_SERVER_NAMES = frozenset({"ServerSettings", "create_app"})


def __getattr__(name: str) -> Any:
    if name in _SERVER_NAMES:
        from . import _server

        return getattr(_server, name)
    raise AttributeError(f"module 'rolematch' has no attribute {name!r}")
