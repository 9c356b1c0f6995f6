"""The candidate's own statement of their total experience, kept as a second signal.

"Total IT experience: 9 years 8 months", "9+ yrs of experience", "over 10 years of professional
experience". The dated entries decide ``total_experience_years``; this statement only checks them.
"""

from __future__ import annotations

import re

from ..resume import ExperienceEntry, ParseWarning, Span, StatedExperience

__all__ = ["find_stated_experience", "years_warnings"]

_NUMBER = r"(?P<years>\d{1,2}(?:\.\d{1,2})?)\s*\+?"
_YEARS = r"\s*(?:years?|yrs?)\.?"
_MONTHS = r"(?:\s*(?:and\s+|,\s*)?(?P<months>\d{1,2})\s*(?:months?|mos?)\.?)?"
_HEDGE = r"(?:(?:about|around|over|nearly|almost|more\s+than|approximately|approx\.?|~)\s*)?"
_TOTAL = re.compile(
    # "Total IT experience: 9 years 8 months", "Overall experience of 6 yrs"
    r"\b(?:total|overall)\s+(?:[A-Za-z/&-]+\s+){0,3}?(?:experience|exp\.?)\s*(?:of|:|-|–|is|=)?\s*"
    rf"{_HEDGE}{_NUMBER}{_YEARS}{_MONTHS}",
    re.IGNORECASE,
)
# "9+ yrs of experience", "over 10 years of professional experience": the pattern once was
# _HEDGE + _COUNTED, scanned at every character (0.13 ms a resume). The number opens the scan now
# (a digit: the regex engine skips to the next one in C) and the hedge is looked for just before it.
_COUNTED = re.compile(
    rf"{_NUMBER}{_YEARS}{_MONTHS}\s+(?:of\s+)?(?:[A-Za-z/&-]+\s+){{0,4}}?(?:experience|exp\b)",
    re.IGNORECASE,
)
_HEDGE_WORDS = r"about|around|over|nearly|almost|more\s+than|approximately|approx\.?|~"
_HEDGE_BEFORE = re.compile(rf"(?:{_HEDGE_WORDS})\s*\Z", re.IGNORECASE)
_LONGEST_HEDGE = len("approximately")
# Above this, a statement is a typo or a different unit, not a career.
_MAX_YEARS = 60.0
_TOLERANCE_YEARS = 1.0


def _hedge_start(text: str, number: int, floor: int) -> int:
    """Where a match of ``_HEDGE + _COUNTED`` whose number starts at ``number`` starts: at the hedge
    before the number ("over 10 years"), if one ends there, else at the number.

    The leftmost hedge wins, as in a scan of the whole pattern; none starts before ``floor`` (the end
    of the previous match).
    """
    start = number
    while start > floor and text[start - 1].isspace():
        start -= 1  # the hedge's trailing whitespace
    lowest = start - _LONGEST_HEDGE
    if text[max(floor, start - 4) : start].lower() == "than":  # "more  than": whitespace inside
        before = start - 4
        while before > floor and text[before - 1].isspace():
            before -= 1
        lowest = min(lowest, before - len("more"))
    hedge = _HEDGE_BEFORE.search(text, max(floor, lowest), number)
    return number if hedge is None else hedge.start()


def _counted(text: str) -> list[tuple[int, re.Match[str]]]:
    """Each match of ``_HEDGE + _COUNTED`` as a scan of the whole pattern finds it: (start, match)."""
    found = []
    floor = 0
    for match in _COUNTED.finditer(text):
        found.append((_hedge_start(text, match.start(), floor), match))
        floor = match.end()
    return found


def find_stated_experience(text: str) -> StatedExperience | None:
    """The first statement of total experience in the text, if any."""
    lowered = text.lower()
    found = [(m.start(), m) for m in _TOTAL.finditer(text)] if "total" in lowered or "overall" in lowered else []
    # Sorted by start, the "total" statement first on a tie (a stable sort over the two lists).
    matches = sorted([*found, *_counted(text)], key=lambda pair: pair[0])
    for start, match in matches:
        years = float(match.group("years")) + (int(match.group("months")) / 12 if match.group("months") else 0.0)
        if 0 < years <= _MAX_YEARS:
            return StatedExperience(
                years=round(years, 2),
                text=" ".join(text[start : match.end()].split()),
                span=Span(start=start, end=match.end()),
            )
    return None


def years_warnings(
    entries: list[ExperienceEntry], total_years: float, stated: StatedExperience | None, has_experience_section: bool
) -> list[ParseWarning]:
    """Warnings when the years cannot be trusted: undated jobs, no jobs, or a stated total that disagrees."""
    warnings: list[ParseWarning] = []
    undated = sum(1 for entry in entries if entry.start is None)
    if entries and 0 < undated < len(entries):
        warnings.append(
            ParseWarning(
                code="undated_jobs",
                message=f"{undated} of {len(entries)} jobs have no dates; they add nothing to the years of experience",
            )
        )
    if not entries:
        where = "the experience section" if has_experience_section else "the resume"
        warnings.append(
            ParseWarning(
                code="no_jobs_found",
                message=f"no jobs were recognised in {where}; years of experience are unknown",
            )
        )
    if stated is not None and abs(stated.years - total_years) > _TOLERANCE_YEARS:
        warnings.append(
            ParseWarning(
                code="years_disagree",
                message=(
                    f'the resume states {stated.years:g} years ("{stated.text}") but its dated jobs add up to '
                    f"{total_years:g}"
                ),
            )
        )
    return warnings
