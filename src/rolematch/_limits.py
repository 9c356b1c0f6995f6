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
    max_image_pixels: int = Field(
        50_000_000,
        gt=0,
        description="Most pixels in one image, image frame or PDF page rendered for OCR (decompression-bomb "
        "guard, checked from the header before anything is decoded; a 300 dpi letter page is 8.4 million).",
    )
    max_ocr_pages: int = Field(
        10, gt=0, description="Most pages read through OCR in one document (a scanned page takes about a second)."
    )
    ocr_page_seconds: float = Field(
        5.0,
        gt=0,
        description="Time budget for the OCR of one page; a page that takes longer stops the read "
        "(ParseTimeoutError). Inside an isolated reader the isolation's own limits apply as well.",
    )


DEFAULT_LIMITS = Limits()
