"""rolematch: read resumes into structured, evidence-backed data.

The public surface is exactly ``__all__``; everything else lives in private modules.
"""

from __future__ import annotations

from ._api import extract_skills, parse_resume, parse_text
from ._limits import Limits
from ._version import __version__
from .errors import (
    CorruptDocumentError,
    DataFileError,
    DocumentTooLargeError,
    EmptyDocumentError,
    EncryptedDocumentError,
    NoTextLayerError,
    ReadError,
    RolematchError,
    SkillExtractorError,
    SourceNotFoundError,
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
    Resume,
    Section,
    SectionKind,
    SkillEvidence,
    SkillMention,
    SkillMethod,
    SourceInfo,
    Span,
    YearMonth,
)
from .skills import (
    ExtractionContext,
    PatternSkillExtractor,
    SkillExtractor,
    SkillRegistry,
    Taxonomy,
    load_taxonomy,
)

__all__ = [
    "Bullet",
    "Contact",
    "CorruptDocumentError",
    "DataFileError",
    "DocumentTooLargeError",
    "EducationEntry",
    "EducationLevel",
    "EmptyDocumentError",
    "EncryptedDocumentError",
    "ExperienceEntry",
    "ExtractionContext",
    "Limits",
    "Link",
    "LinkKind",
    "NoTextLayerError",
    "ParseWarning",
    "PatternSkillExtractor",
    "ReadError",
    "Resume",
    "RolematchError",
    "Section",
    "SectionKind",
    "SkillEvidence",
    "SkillExtractor",
    "SkillExtractorError",
    "SkillMention",
    "SkillMethod",
    "SkillRegistry",
    "SourceInfo",
    "SourceNotFoundError",
    "Span",
    "Taxonomy",
    "UnsupportedFormatError",
    "YearMonth",
    "__version__",
    "extract_skills",
    "load_taxonomy",
    "parse_resume",
    "parse_text",
]
