"""rolematch: read resumes into structured, evidence-backed data.

The public surface is exactly ``__all__``; everything else lives in private modules.
"""

from __future__ import annotations

from ._api import parse_resume, parse_text
from ._limits import Limits
from ._version import __version__
from .errors import (
    CorruptDocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    EncryptedDocumentError,
    NoTextLayerError,
    ReadError,
    RolematchError,
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
    SourceInfo,
    Span,
    YearMonth,
)

__all__ = [
    "Bullet",
    "Contact",
    "CorruptDocumentError",
    "DocumentTooLargeError",
    "EducationEntry",
    "EducationLevel",
    "EmptyDocumentError",
    "EncryptedDocumentError",
    "ExperienceEntry",
    "Limits",
    "Link",
    "LinkKind",
    "NoTextLayerError",
    "ParseWarning",
    "ReadError",
    "Resume",
    "RolematchError",
    "Section",
    "SectionKind",
    "SourceInfo",
    "SourceNotFoundError",
    "Span",
    "UnsupportedFormatError",
    "YearMonth",
    "__version__",
    "parse_resume",
    "parse_text",
]
