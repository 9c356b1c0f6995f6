"""Every error rolematch raises on purpose, in one hierarchy.

Each class has a stable ``code`` (for logs, CLIs and HTTP payloads) and a message that says what
went wrong and what the caller can do about it. Callers catch :class:`RolematchError` to handle
all of them; nothing else escapes the public entry points for bad input.
"""

from __future__ import annotations

__all__ = [
    "ClusterError",
    "CorruptDocumentError",
    "DataFileError",
    "DocumentTooLargeError",
    "EmptyDocumentError",
    "EmptyJobError",
    "EncryptedDocumentError",
    "NoTextLayerError",
    "ParseTimeoutError",
    "ReadError",
    "ResourceLimitExceededError",
    "RolematchError",
    "SkillExtractorError",
    "SourceNotFoundError",
    "TaxonomyMismatchError",
    "UnknownRoleError",
    "UnsupportedFormatError",
]


class RolematchError(Exception):
    """Base class of every error rolematch raises for bad input, data or configuration."""

    code: str = "rolematch_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class ReadError(RolematchError):
    """A document could not be turned into text."""

    code = "read_error"


class SourceNotFoundError(ReadError):
    """The path given as a resume does not exist or is not a readable file."""

    code = "source_not_found"


class UnsupportedFormatError(ReadError):
    """The bytes are not a format rolematch reads (sniffed from content, not the file name)."""

    code = "unsupported_format"


class EncryptedDocumentError(ReadError):
    """The document is password-protected for reading."""

    code = "encrypted_document"


class NoTextLayerError(ReadError):
    """The document has pages but no text layer (a scan or a picture of text): OCR is needed."""

    code = "no_text_layer"


class CorruptDocumentError(ReadError):
    """The document claims a format but its structure is broken or truncated."""

    code = "corrupt_document"


class EmptyDocumentError(ReadError):
    """The document holds no text at all."""

    code = "empty_document"


class DocumentTooLargeError(ReadError):
    """The document exceeds a configured limit (bytes, pages or characters)."""

    code = "document_too_large"


class EmptyJobError(ReadError):
    """A job posting was read, but it states no requirement rolematch can recognise."""

    code = "empty_job"


class ClusterError(RolematchError):
    """A Dask cluster cannot run a batch: workers without rolematch or with another version, or the
    scheduler gone. The rows already journalled are kept; ``resume=True`` continues once it is fixed."""

    code = "cluster_error"


class DataFileError(RolematchError):
    """A shipped or user data file (taxonomy, role, parsing vocabulary) failed validation."""

    code = "invalid_data_file"


class SkillExtractorError(RolematchError):
    """A registered skill extractor returned a mention the registry cannot accept."""

    code = "invalid_extractor_output"


class TaxonomyMismatchError(RolematchError):
    """A resume parsed with one skills taxonomy was given to a matcher with another."""

    code = "taxonomy_mismatch"


class UnknownRoleError(RolematchError):
    """No role (or no level of a role) by the name asked for."""

    code = "invalid_role"


class ParseTimeoutError(ReadError):
    """Reading the document took longer than the isolation time limit; the worker was stopped."""

    code = "parse_timeout"


class ResourceLimitExceededError(ReadError):
    """Reading the document exceeded the isolation memory or CPU limit; the worker was stopped."""

    code = "resource_limit_exceeded"
