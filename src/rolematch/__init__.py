"""rolematch: read resumes into structured, evidence-backed data.

The public surface is exactly ``__all__``; everything else lives in private modules.
"""

from __future__ import annotations

import importlib as _importlib
from typing import TYPE_CHECKING, Any

from ._gc import paused_gc as _paused_gc

# What the import makes (modules, classes, pydantic, numpy) lives as long as the process: with the
# collector paused it is not walked by a hundred young collections on its way to the oldest
# generation (see rolematch._gc).
with _paused_gc():
    from ._api import assess, extract_skills, match, parse_resume, parse_text, rank
    from ._isolation import Isolation
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

if TYPE_CHECKING:
    from ._audit import AuditEntry, AuditLog, ImpactRow, ImpactTable, impact_ratios
    from ._batch import BatchInterrupted, BatchProgress, BatchSummary, run_batch
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
    from ._present import fit_report_json_schema, render_assessment, render_ranking, render_report
    from ._server import ServerSettings, create_app

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


# Parts a first report does not need are imported when first asked for, so that `import rolematch`
# stays light (start-up is a target of the benchmarks); the HTTP service also needs the server extra
# (FastAPI), so `import rolematch` works without it.
_LAZY = {
    **dict.fromkeys(("AuditEntry", "AuditLog", "ImpactRow", "ImpactTable", "impact_ratios"), "_audit"),
    **dict.fromkeys(("BatchInterrupted", "BatchProgress", "BatchSummary", "run_batch"), "_batch"),
    **dict.fromkeys(
        (
            "EducationRequired",
            "JobDuty",
            "JobPosting",
            "JobRequirement",
            "JobSource",
            "SkillGroup",
            "StatedSalary",
            "YearsRequired",
            "parse_job",
            "parse_job_text",
            "role_from_job",
        ),
        "_job",
    ),
    **dict.fromkeys(("fit_report_json_schema", "render_assessment", "render_ranking", "render_report"), "_present"),
    **dict.fromkeys(("ServerSettings", "create_app"), "_server"),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'rolematch' has no attribute {name!r}")
    value = getattr(_importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
