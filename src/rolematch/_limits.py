"""Size limits applied before and during reading."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["DEFAULT_LIMITS", "Limits"]


class Limits(BaseModel):
    """Upper bounds on one input; anything larger raises ``DocumentTooLargeError``.

    The defaults fit any real resume with a wide margin (resumes are 1-3 pages).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_bytes: int = Field(10 * 1024 * 1024, gt=0, description="Largest input file, in bytes.")
    max_pages: int = Field(20, gt=0, description="Most pages read from a PDF.")
    max_chars: int = Field(200_000, gt=0, description="Most characters of extracted text.")
    max_uncompressed_bytes: int = Field(
        50 * 1024 * 1024, gt=0, description="Most bytes a DOCX may unpack to (zip-bomb guard)."
    )
    max_zip_entries: int = Field(2_000, gt=0, description="Most entries in a DOCX package.")


DEFAULT_LIMITS = Limits()
