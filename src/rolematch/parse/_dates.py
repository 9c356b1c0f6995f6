"""Dates and date ranges in the forms resumes use.

``Mar 2024 – Present``, ``01/2021 – present``, ``2019–present``, ``June 2025 to August 2025``,
``Sept 2015 - Jun 2020``, ``2014-2018``, ``(07/2013 – 05/2016)``, ``Summer 2012``, a year alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..resume import YearMonth

__all__ = ["DateRange", "find_date_ranges", "join_split_range", "months_between"]

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
# A range broken over two lines or two cells: "June 2020 –" / "Present", or "June 2020" / "– Present".
_DANGLING_START = re.compile(
    rf"(?<![\w/.])(?P<start>{_DATE}){_JOIN}(?P<month>{_MONTH}\s*,?)?$", re.IGNORECASE
)  # "June 2020 –", or "February 2020 — February" whose year wrapped
_LEADING_YEAR = re.compile(rf"^'?(?P<end>{_YEAR})(?![\w/])")
_LEADING_END = re.compile(rf"^(?P<end>{_DATE}|{_OPEN})(?![\w/])", re.IGNORECASE)
# "2021 – Machine Learning Engineer, Initech" / "Present ...": a left date column whose end wrapped.
_LEADING_DANGLING = re.compile(rf"^(?P<start>{_DATE}){_JOIN}(?!\s*(?:{_DATE}|{_OPEN})(?![\w/]))(?=\S)", re.IGNORECASE)
_TRAILING_DATE = re.compile(rf"(?<![\w/.])(?P<start>{_DATE})\s*$", re.IGNORECASE)
_LEADING_JOINED_END = re.compile(
    rf"^\s*(?:[-–—~→]+|to|until|till|through|thru)\s*(?P<end>{_DATE}|{_OPEN})(?![\w/])", re.IGNORECASE
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


def join_split_range(first: str, second: str) -> tuple[DateRange, int] | None:
    """A date range that starts at the end of ``first`` and ends at the start of ``second``.

    Returns the range (offsets into ``first``: the start date and its joiner) and how many
    characters of ``second`` the end date takes; None when the two lines hold no such range.
    Narrow date columns (``2021 –`` beside the title, ``Present`` below it) and wrapped header
    lines split ``June 2020 – Present`` this way.
    """
    first = first.rstrip()
    second = second.lstrip()
    dangling = _DANGLING_START.search(first) or _LEADING_DANGLING.match(first)
    end_month = dangling.groupdict().get("month") if dangling is not None else None
    if dangling is not None:
        end_match = (_LEADING_YEAR if end_month else _LEADING_END).match(second)
    else:
        dangling = _TRAILING_DATE.search(first)
        end_match = _LEADING_JOINED_END.match(second) if dangling is not None else None
    if dangling is None or end_match is None:
        return None
    if any(r.end_offset > dangling.start() for r in find_date_ranges(first, singles=False)):
        return None  # the date ends a whole range already
    start = _parse_date(dangling.group("start"))
    end_text = f"{end_month} {end_match.group('end')}" if end_month else end_match.group("end")
    is_open = bool(_OPEN_RE.fullmatch(end_text.strip()))
    end = None if is_open else _parse_date(end_text)
    if start is None or (end is None and not is_open):
        return None
    text = f"{first[dangling.start() : dangling.end()].strip()} {second[: end_match.end()].strip()}"
    return DateRange(dangling.start(), dangling.end(), start, end, is_open, text), end_match.end()


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
