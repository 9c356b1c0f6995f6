"""What the parse says about a document read through OCR: its warnings and its unsure evidence.

:func:`ocr_warnings` gives ``ocr_used`` (the engine, the pages and the mean word confidence),
``ocr_low_confidence`` when that mean is low (role files list it in ``review_warnings``, so the
report needs a person) and ``scan_not_read`` when a PDF's scanned pages went unread for want of
an engine. :func:`mark_low_confidence` adds to the explanation of every mention of a skill found
only in words OCR was unsure of, so that the evidence says so. ``parse_document`` calls both.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..resume import ParseWarning, SkillMention
from ._ocr import LOW_CONFIDENCE_MEAN, OcrInfo

__all__ = ["mark_low_confidence", "ocr_warnings"]


def _pages(numbers: Sequence[int]) -> str:
    return ("page " if len(numbers) == 1 else "pages ") + ", ".join(str(n) for n in numbers)


def ocr_warnings(ocr: OcrInfo | None) -> list[ParseWarning]:
    """The parse warnings of a document's OCR facts (none for a document OCR never touched)."""
    if ocr is None:
        return []
    if ocr.engine is None:
        verb = "is a scan" if len(ocr.unread_pages) == 1 else "are scans"
        return [
            ParseWarning(
                code="scan_not_read",
                message=f"{_pages(ocr.unread_pages)} of the PDF {verb} and went unread: {ocr.unavailable}",
            )
        ]
    mean = ocr.mean_confidence
    turned = [angle for angle in ocr.skew if angle]
    straightened = f"; straightened by {', '.join(f'{a:g}' for a in turned)} degrees" if turned else ""
    warnings = [
        ParseWarning(
            code="ocr_used",
            message=f"read through OCR ({ocr.engine}) on {_pages(ocr.pages)}: {ocr.words} words, mean word "
            f"confidence {mean if mean is not None else 0:g}%{straightened}",
        )
    ]
    if mean is not None and mean < LOW_CONFIDENCE_MEAN:
        warnings.append(
            ParseWarning(
                code="ocr_low_confidence",
                message=f"OCR's mean word confidence is {mean:g}%, under {LOW_CONFIDENCE_MEAN:g}%: "
                "check the text against the scan",
            )
        )
    return warnings


def mark_low_confidence(mentions: list[SkillMention], ocr: OcrInfo | None) -> list[SkillMention]:
    """``mentions`` with the explanation of each mention of a skill that only low-confidence OCR words
    show ending in a note that says so (with the lowest confidence among those words)."""
    if ocr is None or not ocr.low_confidence or not mentions:
        return mentions
    spans = sorted(ocr.low_confidence)

    def unsure(mention: SkillMention) -> float | None:
        """The lowest confidence among the low-confidence words under the mention, if it lies on any."""
        found = [conf for start, end, conf in spans if start < mention.span.end and mention.span.start < end]
        return min(found) if found else None

    lowest: dict[str, float] = {}
    sure: set[str] = set()
    for mention in mentions:
        confidence = unsure(mention)
        if confidence is None:
            sure.add(mention.skill_id)
        else:
            lowest[mention.skill_id] = min(confidence, lowest.get(mention.skill_id, 100.0))
    if not lowest.keys() - sure:
        return mentions
    return [
        mention.model_copy(
            update={
                "explanation": f"{mention.explanation}; read by OCR from low-confidence words "
                f"({lowest[mention.skill_id]:.0f}%): check the scan"
            }
        )
        if mention.skill_id in lowest and mention.skill_id not in sure
        else mention
        for mention in mentions
    ]
