"""Dates and date ranges in the forms resumes use.

``Mar 2024 – Present``, ``01/2021 – present``, ``2019–present``, ``June 2025 to August 2025``,
``Sept 2015 - Jun 2020``, ``2014-2018``, ``(07/2013 – 05/2016)``, ``Summer 2012``, a year alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..resume import YearMonth

__all__ = ["DateRange", "find_date_ranges", "months_between"]

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_DATE = (
    rf"(?:{_MONTH}\s*,?\s*'?{_YEAR}"  # Mar 2024, March, 2024
    rf"|{_SEASON}\s+{_YEAR}"  # Summer 2012
    rf"|(?:0?[1-9]|1[0-2])\s*[/.]\s*{_YEAR}"  # 01/2021, 7.2013
    rf"|{_YEAR}\s*[/.-]\s*(?:0[1-9]|1[0-2])(?![\d])"  # 2021-01
    rf"|{_YEAR})"
)
_OPEN = r"(?:present|current(?:ly)?|now|today|ongoing|to\s+date|date|till\s+date|tbd)"
_JOIN = r"(?:\s*(?:[-–—~→]+|to|until|till|through|thru)\s*)"
_RANGE = re.compile(
    rf"(?<![\w/.])(?P<start>{_DATE}){_JOIN}(?P<end>{_DATE}|{_OPEN})(?![\w/])",
    re.IGNORECASE,
)
_SINGLE = re.compile(rf"(?<![\w/.$])(?P<start>{_DATE})(?![\w/%])", re.IGNORECASE)
_OPEN_RE = re.compile(_OPEN, re.IGNORECASE)
_ASCII_DIGIT = re.compile(r"[0-9]")
_PIECES = re.compile(
    rf"(?P<month>{_MONTH})|(?P<season>{_SEASON})|(?P<year>{_YEAR})|(?P<number>\d{{1,2}})",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateRange:
    """A range found in text: offsets into the text searched, and the parsed ends."""

    start_offset: int
    end_offset: int
    start: YearMonth
    end: YearMonth | None  # None: open ("Present")
    is_current: bool
    text: str


def _parse_date(text: str) -> YearMonth | None:
    month: int | None = None
    year: int | None = None
    for piece in _PIECES.finditer(text):
        if piece.group("month"):
            month = _MONTHS[piece.group("month")[:3].lower()]
        elif piece.group("season"):
            month = _SEASONS[piece.group("season").lower()]
        elif piece.group("year"):
            year = int(piece.group("year"))
        elif piece.group("number") and month is None:
            month = int(piece.group("number"))
    if year is None or (month is not None and not 1 <= month <= 12):
        return None
    return YearMonth(year=year, month=month)


def find_date_ranges(text: str, *, singles: bool = True) -> list[DateRange]:
    """Date ranges in ``text``, in order; with ``singles``, lone dates count as one-point ranges."""
    found: list[DateRange] = []
    if not _ASCII_DIGIT.search(text):
        return found  # every date holds a year written in ASCII digits: most lines have none
    taken: list[tuple[int, int]] = []
    for match in _RANGE.finditer(text):
        start = _parse_date(match.group("start"))
        end_text = match.group("end")
        is_open = bool(_OPEN_RE.fullmatch(end_text.strip()))
        end = None if is_open else _parse_date(end_text)
        if start is None or (end is None and not is_open):
            continue
        found.append(DateRange(match.start(), match.end(), start, end, is_open, match.group(0)))
        taken.append((match.start(), match.end()))
    if singles:
        for match in _SINGLE.finditer(text):
            if any(a <= match.start() < b for a, b in taken):
                continue
            date = _parse_date(match.group("start"))
            if date is not None:
                found.append(DateRange(match.start(), match.end(), date, date, False, match.group(0)))
        found.sort(key=lambda r: r.start_offset)
    return found


def months_between(start: YearMonth, end: YearMonth | None, as_of_index: int) -> tuple[int, int] | None:
    """Half-open month-index interval of a range, clipped at ``as_of``; None when empty or inverted.

    A month end counts its whole month; a bare-year end counts up to that year's start when the
    range spans years (``2014-2018`` is four years) and the whole year when it does not.
    """
    first = start.month_index
    if end is None:
        last = as_of_index + 1
    elif end.month is not None:
        last = end.month_index + 1
    elif end.year > start.year:
        last = end.year * 12
    else:
        last = end.year * 12 + 12
    last = min(last, as_of_index + 1)
    if last <= first:
        return None
    return first, last
