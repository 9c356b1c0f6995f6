"""Dates and date ranges in the forms resumes use.

``Mar 2024 – Present``, ``01/2021 – present``, ``2019–present``, ``June 2025 to August 2025``,
``Sept 2015 - Jun 2020``, ``2014-2018``, ``(07/2013 – 05/2016)``, ``Summer 2012``, a year alone.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..resume import YearMonth
from ._lazy import lazy_pattern

__all__ = ["DateRange", "find_date_ranges", "join_margin_date", "join_split_range", "months_between"]

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
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH_NUMBER = r"(?:0?[1-9]|1[0-2])"
_DATE = (
    rf"(?:{_DAY}\s*[/.-]\s*{_MONTH_NUMBER}\s*[/.-]\s*{_YEAR}"  # 01/03/2019, 31.12.2019 (day first)
    rf"|{_MONTH_NUMBER}\s*[/.-]\s*(?:1[3-9]|2\d|3[01])\s*[/.-]\s*{_YEAR}"  # 03/15/2019 (month first)
    rf"|{_MONTH}\s+{_DAY}(?:st|nd|rd|th)?,?\s+{_YEAR}"  # Sept 15, 2019
    rf"|{_DAY}(?:st|nd|rd|th)?\s+{_MONTH}\s*,?\s*{_YEAR}"  # 21 January 2015, 1st March 2019
    rf"|{_MONTH}\s*(?:,|/|-|\.)?\s*'?{_YEAR}"  # Mar 2024, March, 2024, Jan/2020, Jan-2020
    rf"|{_SEASON}\s+{_YEAR}"  # Summer 2012
    rf"|Q[1-4]\s*[/-]?\s*{_YEAR}"  # Q3 2018
    rf"|{_MONTH_NUMBER}\s*[/.]\s*{_YEAR}"  # 01/2021, 7.2013
    rf"|{_YEAR}\s*[/.-]\s*(?:0[1-9]|1[0-2])(?![\d])"  # 2021-01
    rf"|{_YEAR})"
)
# What every date opens with: a digit, an apostrophe, or the first letter of a month, a season or
# "Q3" (case-insensitive, as the patterns it opens). Put right after a pattern's look-behind, it
# turns away most word starts with one character test before the dozen date shapes are tried.
_DATE_START = r"(?=[\dJFMASONDQW'’])"
# Inside a range only (alone they read as days): "Sept 15 – Present", "Jan '19", "Jan-19", "'09 – '11".
_SHORT_YEAR_DATE = rf"(?:{_MONTH}\s*(?:['’-]\s*|\s)\d{{2}}(?![\d/:])|['’]\d{{2}}(?!\d))"
_OPEN = (
    r"(?:(?:till|until|up\s+to|upto|to)\s+(?:present|now|date|today)|present|current(?:ly)?|now|today|ongoing"
    r"|date|tbd|onwards?|continuing)"
)
_JOIN = r"(?:\s*(?:[-–—~→]+|\bto\b|\buntil\b|\btill\b|\bthrough\b|\bthru\b|(?<=\s)à(?=\s))\s*)"
# "2015-18", "2009–11": an end year written with its last two digits.
_SHORT_END = r"\d{2}(?![\w/.])"
_RANGE = lazy_pattern(
    rf"(?<![\w/.'’]){_DATE_START}(?P<start>{_DATE}|{_SHORT_YEAR_DATE}){_JOIN}"
    rf"(?P<end>{_DATE}|{_SHORT_YEAR_DATE}|{_OPEN}|(?P<short>{_SHORT_END}))(?![\w/])",
    re.IGNORECASE,
)
# "since 04.2019", "seit 2019": a range open from its start.
_SINCE = lazy_pattern(rf"\b(?:since|seit|depuis|desde)\s+(?P<start>{_DATE})(?![\w/])", re.IGNORECASE)
# A range broken over two lines or two cells: "June 2020 –" / "Present", or "June 2020" / "– Present".
_DANGLING_START = lazy_pattern(
    rf"(?<![\w/.]){_DATE_START}(?P<start>{_DATE}){_JOIN}(?P<month>{_MONTH}\s*,?)?$", re.IGNORECASE
)  # "June 2020 –", or "February 2020 — February" whose year wrapped
_LEADING_YEAR = lazy_pattern(rf"^'?(?P<end>{_YEAR})(?![\w/])")
_LEADING_END = lazy_pattern(rf"^(?P<end>{_DATE}|{_OPEN})(?![\w/])", re.IGNORECASE)
# "2021 – Machine Learning Engineer, Initech" / "Present ...": a left date column whose end wrapped.
_LEADING_DANGLING = lazy_pattern(rf"^(?P<start>{_DATE}){_JOIN}(?!\s*(?:{_DATE}|{_OPEN})(?![\w/]))(?=\S)", re.IGNORECASE)
_TRAILING_DATE = lazy_pattern(rf"(?<![\w/.]){_DATE_START}(?P<start>{_DATE})\s*$", re.IGNORECASE)
_LEADING_JOINED_END = lazy_pattern(
    rf"^\s*(?:[-–—~→]+|to|until|till|through|thru)\s*(?P<end>{_DATE}|{_OPEN})(?![\w/])", re.IGNORECASE
)
_SINGLE = lazy_pattern(rf"(?<![\w/.$]){_DATE_START}(?P<start>{_DATE})(?![\w/%])", re.IGNORECASE)
_OPEN_RE = lazy_pattern(_OPEN, re.IGNORECASE)
_TWO_DIGITS = re.compile(r"\d\d")
# One cheap scan before the full grammar: most lines hold no year at all.
_YEARISH = lazy_pattern(
    r"(?:19[5-9]|20\d)\d|['’]\d\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s'’-]*\d\d",
    re.IGNORECASE,
)
_PIECES = lazy_pattern(
    rf"(?P<month>{_MONTH})|(?P<season>{_SEASON})|Q(?P<quarter>[1-4])|(?P<year>{_YEAR})|(?P<number>\d{{1,2}})",
    re.IGNORECASE,
)
_FULL_DATE = lazy_pattern(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")
_CENTURY_PIVOT = 40  # "'39" is 2039 and "'41" is 1941: resumes span living memory


@dataclass(frozen=True, slots=True)
class DateRange:
    """A range found in text: offsets into the text searched, and the parsed ends."""

    start_offset: int
    end_offset: int
    start: YearMonth
    end: YearMonth | None  # None: open ("Present")
    is_current: bool
    text: str

    @property
    def is_point(self) -> bool:
        """A lone date: the range ends in the month (or year) it starts.

        ``end == start`` says the same through pydantic's ``__eq__``, a Python call per comparison.
        """
        end = self.end
        return end is not None and end.year == self.start.year and end.month == self.start.month


@functools.lru_cache(maxsize=4096)
def _parse_date(text: str, *, short_year: bool = False, end: bool = False) -> YearMonth | None:
    """The date a matched piece of text names; ``short_year`` lets two digits stand for a year.

    A quarter is its first month as a start and its last month as an ``end``. Memoised by the
    surface string: a few hundred spellings ("Jan 2020", "2019") make up most dates, in lines
    never seen before (a YearMonth is frozen, so one instance serves every range).
    """
    full = _FULL_DATE().match(text)
    if full:
        first, second, full_year = (int(group) for group in full.groups())
        # Day first (Europass, most of the world) unless the second number cannot be a month:
        # 03/15/2019 is month first.
        full_month = first if second > 12 else second
        return YearMonth(year=full_year, month=full_month) if 1 <= full_month <= 12 else None
    month: int | None = None
    year: int | None = None
    numbers: list[int] = []
    for piece in _PIECES().finditer(text):
        if piece.group("month"):
            month = _MONTHS[piece.group("month")[:3].lower()]
        elif piece.group("season"):
            month = _SEASONS[piece.group("season").lower()]
        elif piece.group("quarter"):
            month = 3 * int(piece.group("quarter")) - (0 if end else 2)
        elif piece.group("year"):
            year = int(piece.group("year"))
        elif piece.group("number"):
            numbers.append(int(piece.group("number")))
    if year is None and short_year and numbers:
        year = _full_year(numbers[-1])
        numbers = numbers[:-1]
    if month is None and numbers:
        month = numbers[0]
    if year is None or (month is not None and not 1 <= month <= 12):
        return None
    return YearMonth(year=year, month=month)


def _full_year(two_digits: int) -> int:
    return (2000 if two_digits < _CENTURY_PIVOT else 1900) + two_digits


def find_date_ranges(text: str, *, singles: bool = True) -> list[DateRange]:
    """Date ranges in ``text``, in order; with ``singles``, lone dates count as one-point ranges.

    Memoised by the text: the section, experience, education and quality passes each read the
    same header lines, and a batch sees the same date strings again and again.
    """
    return list(_date_ranges(text, singles))


@functools.lru_cache(maxsize=8192)
def _date_ranges(text: str, singles: bool) -> tuple[DateRange, ...]:
    found: list[DateRange] = []
    # Every date holds a year (four digits, or two after a month or an apostrophe); two digits in
    # a row, a scan at C speed, turn away most lines before the slower year scan.
    if not _TWO_DIGITS.search(text) or not _YEARISH().search(text):
        return ()
    taken: list[tuple[int, int]] = []
    for match in _RANGE().finditer(text):
        start = _parse_date(match.group("start"), short_year=True)
        end_text = match.group("end")
        is_open = bool(_OPEN_RE().fullmatch(end_text.strip()))
        if is_open:
            end = None
        elif match.group("short") is not None:
            # "2015-18": the end shares the start's century; a bare number that cannot follow the
            # start ("2019-05" read as a month is matched above) is no range.
            end = None if start is None else YearMonth(year=start.year // 100 * 100 + int(end_text))
            if end is not None and (end.year <= start.year or start.month is not None):  # type: ignore[union-attr]
                end = None
        else:
            end = _parse_date(end_text, short_year=True, end=True)
        if start is None or (end is None and not is_open):
            continue
        found.append(DateRange(match.start(), match.end(), start, end, is_open, match.group(0)))
        taken.append((match.start(), match.end()))
    lowered = text.lower()
    since = "since" in lowered or "seit" in lowered or "depuis" in lowered or "desde" in lowered
    for match in _SINCE().finditer(text) if since else ():
        if any(a <= match.start() < b for a, b in taken):
            continue
        start = _parse_date(match.group("start"))
        if start is not None:
            found.append(DateRange(match.start(), match.end(), start, None, True, match.group(0)))
            taken.append((match.start(), match.end()))
    if singles:
        for match in _SINGLE().finditer(text):
            if any(a <= match.start() < b for a, b in taken):
                continue
            date = _parse_date(match.group("start"))
            if date is not None:
                found.append(DateRange(match.start(), match.end(), date, date, False, match.group(0)))
    found.sort(key=lambda r: r.start_offset)
    return tuple(found)


def join_split_range(first: str, second: str) -> tuple[DateRange, int] | None:
    """A date range that starts at the end of ``first`` and ends at the start of ``second``.

    Returns the range (offsets into ``first``: the start date and its joiner) and how many
    characters of ``second`` the end date takes; None when the two lines hold no such range.
    Narrow date columns (``2021 –`` beside the title, ``Present`` below it) and wrapped header
    lines split ``June 2020 – Present`` this way.
    """
    first = first.rstrip()
    second = second.lstrip()
    dangling = _DANGLING_START().search(first) or _LEADING_DANGLING().match(first)
    end_month = dangling.groupdict().get("month") if dangling is not None else None
    if dangling is not None:
        end_match = (_LEADING_YEAR if end_month else _LEADING_END)().match(second)
    else:
        dangling = _TRAILING_DATE().search(first)
        end_match = _LEADING_JOINED_END().match(second) if dangling is not None else None
    if dangling is None or end_match is None:
        return None
    if any(r.end_offset > dangling.start() for r in find_date_ranges(first, singles=False)):
        return None  # the date ends a whole range already
    start = _parse_date(dangling.group("start"))
    end_text = f"{end_month} {end_match.group('end')}" if end_month else end_match.group("end")
    is_open = bool(_OPEN_RE().fullmatch(end_text.strip()))
    end = None if is_open else _parse_date(end_text)
    if start is None or (end is None and not is_open):
        return None
    text = f"{first[dangling.start() : dangling.end()].strip()} {second[: end_match.end()].strip()}"
    return DateRange(dangling.start(), dangling.end(), start, end, is_open, text), end_match.end()


# A narrow left date column wraps the date itself: "Sept" beside the title, "2019–Present" on the
# next line, or "Jan" / "2012–Dec" / "2014". The pieces open their lines.
_LEADING_MONTH = lazy_pattern(rf"^(?P<month>{_MONTH})\s+(?!'?{_YEAR}\b)(?=\S)", re.IGNORECASE)
_MARGIN_WORD = rf"(?:{_YEAR}|{_MONTH}|{_OPEN}|[-–—]+|\bto\b)"
_MARGIN_PIECE = lazy_pattern(rf"^{_MARGIN_WORD}(?:\s*{_MARGIN_WORD})*(?![\w/])", re.IGNORECASE)
_MAX_MARGIN_LINES = 2


def join_margin_date(first: str, following: list[str]) -> tuple[DateRange, list[int]] | None:
    """A range whose pieces open ``first`` (a lone month) and the lines after it.

    Returns the range (offsets into ``first``: its month) and how many characters of each
    following line it takes; None unless the pieces make one whole range.
    """
    month = _LEADING_MONTH().match(first)
    if month is None:
        return None
    candidate = month.group("month")
    taken: list[int] = []
    for line in following[:_MAX_MARGIN_LINES]:
        piece = _MARGIN_PIECE().match(line.lstrip())
        if piece is None:
            return None
        candidate = f"{candidate} {piece.group(0)}"
        taken.append(len(line) - len(line.lstrip()) + piece.end())
        ranges = find_date_ranges(candidate, singles=False)
        if ranges and ranges[0].start_offset == 0 and ranges[0].end_offset >= len(candidate.rstrip(" -–—")):
            found = ranges[0]
            return DateRange(0, month.end(), found.start, found.end, found.is_current, candidate), taken
    return None


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
