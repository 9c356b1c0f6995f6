"""Page furniture: running headers and footers, page numbers and "last updated" notes.

None of it is resume content, and left in the text it turns into a company, a job, a date or a
graduation year downstream ("February 10, 2026  Résumé  1" is a date and a number; "John Doe -
Curriculum Vitae - Page 2" splits the entry it interrupts). Two mechanisms, both general:

* **By position and repetition** (PDF pages, and text pages separated by form feeds): a line at
  the top or bottom edge of a page is furniture when it is only a page number, or when it
  repeats on another page at the same place, its digits aside, with the digits that differ
  counting pages (``1/4``, ``2/4``; never years, so ``2019 - 2021`` / ``2020 - 2022`` are not
  one line). A repeated edge line that holds contact details, or plain words with no page number
  or date, is kept once (its first copy): moderncv prints the contact details in every page's
  footer, and a letterhead repeated on a cover letter is still the header of page one.
* **By shape**, wherever a line stands: ``Page 2 of 3``, ``- 2 -``, ``Last updated on 12 March
  2025``, ``Updated: 2025-03``; a line with a page number at one end and the owner's name or
  "Résumé"/"CV" in it (a running header); and a short line with a page number or a dated
  note repeated at least three times, well apart (a header every page of a pasted PDF).

Lines without one of these features are never removed (``tests/test_furniture.py`` checks it
with hypothesis, and that removing furniture twice removes nothing more).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from ._layout import Word, _line

__all__ = [
    "drop_furniture_lines",
    "find_page_furniture",
    "guess_name",
    "has_furniture_feature",
    "is_edge_furniture",
    "is_page_number",
    "is_running_header",
    "is_updated_note",
    "strip_text_furniture",
]

# The share of the page height, at the top and at the bottom, where running headers and footers
# sit: moderncv's footers start 13% above an A4 page's bottom edge, Word's and Chromium's within 10%.
_BAND = 0.15
# Numbers that count pages: at most three digits, so a year never passes for a page number.
_NUM = r"\d{1,3}"
_PAGE_WORD = r"(?:page|pg\.?|p\.|seite|página|pagina|pág\.?)"
_OF = r"(?:of|/|von|de|sur|di)"
_DASH = r"\-–—"  # inside a character class
# "Page 2", "Page 2 of 3", "p. 2/3": a page word makes any number a page number.
_PAGE_PHRASE = rf"{_PAGE_WORD}\s*{_NUM}(?:\s*{_OF}\s*{_NUM})?"
# "- 2 -": a number between dashes is a page number wherever it stands.
_DASHED = rf"[{_DASH}]\s*{_NUM}\s*[{_DASH}]"
_PAGE_ANYWHERE = re.compile(
    rf"^[\s|•·(\[{_DASH}]*(?:{_PAGE_PHRASE}|{_NUM}\s+of\s+{_NUM})[\s|•·)\]{_DASH}.]*$|^{_DASHED}$", re.IGNORECASE
)
# At a page's edge a bare number, or "2/3", is a page number too; in running text it may not be.
_PAGE_AT_EDGE = re.compile(rf"^\s*({_NUM})(?:\s*/\s*({_NUM}))?\s*$")
# A page number at one end of a line, set off from the rest by a separator.
_SEPARATOR = rf"[\s|•·,:{_DASH}]"
_PAGE_TOKEN = rf"(?:{_PAGE_PHRASE}|{_DASHED}|{_NUM}\s*(?:/|of)\s*{_NUM})"
# A bare number needs a wide gap or a bar or dash before it ("Résumé<TAB>1", "John Doe | 2"):
# "Python 3" and "1 John Doe, Title" are not page numbers.
_WIDE = r"(?:\t|\s{2,}|\s*[|•·–—]\s*|\s-\s)"
_PAGE_AT_END = re.compile(rf"(?:(?:^|{_SEPARATOR}){_PAGE_TOKEN}|(?:^|{_WIDE}){_NUM})[\s.)\]]*$", re.IGNORECASE)
_PAGE_AT_START = re.compile(rf"^[\s(\[]*(?:{_PAGE_TOKEN}(?:{_SEPARATOR}|$)|{_NUM}(?:{_WIDE}|$))", re.IGNORECASE)
# Page numbers that say so: a page word or dashes anywhere, or "2/3", "2 of 3" at an end. A bare
# number does not ("Python 3", "Project 2"), nor do a phone number's or an ISO date's dashes.
_PAGE_PHRASE_ANYWHERE = re.compile(rf"(?<![^\W\d_]){_PAGE_PHRASE}\b|(?:^|\s){_DASHED}(?:\s|$)", re.IGNORECASE)
_COUNT_AT_AN_END = re.compile(
    rf"(?:^|{_SEPARATOR}){_NUM}\s*(?:/|of)\s*{_NUM}[\s.)\]]*$|^[\s(\[]*{_NUM}\s*(?:/|of)\s*{_NUM}{_SEPARATOR}",
    re.IGNORECASE,
)
# "Page 2 of 3" in full is a page number on any line, with nothing else to go by.
_FULL_PAGE_OF = re.compile(rf"\b(?:page|seite|página|pagina)\s*{_NUM}\s*{_OF}\s*{_NUM}\b", re.IGNORECASE)
_CV_WORD = re.compile(r"\b(?:curriculum vitae|résumé|resumé|résume|resume|cv|vita|lebenslauf)\b", re.IGNORECASE)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:19|20)\d\d"
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)?"
# A calendar date: a month name with a year, or day, month and year in figures; a bare year is
# not one (it is how date ranges and graduation years are written).
_DATE = re.compile(
    rf"\b(?:(?:{_ORDINAL}\s+)?{_MONTH}\s+(?:{_ORDINAL},?\s+)?{_YEAR}"
    rf"|\d{{1,2}}[./-]\d{{1,2}}[./-](?:{_YEAR}|\d\d)|{_YEAR}-\d\d(?:-\d\d)?|\d{{1,2}}/{_YEAR})\b",
    re.IGNORECASE,
)
# Dates that are only a date: what follows "Updated".
_DATE_ONLY = re.compile(rf"^(?:{_MONTH}|{_ORDINAL}|{_YEAR}|\d{{1,2}}|[\s,./{_DASH}])+$", re.IGNORECASE)
_HAS_YEAR_OR_MONTH = re.compile(rf"\b(?:{_YEAR}|{_MONTH})", re.IGNORECASE)
_UPDATED = re.compile(
    r"^[\s(\[*_]*(?:(?:this\s+)?(?:cv|résumé|resume|curriculum vitae)\s*[,:]?\s*)?(?:last\s+)?"
    r"(?:updated?|modified|revised)(?:\s+(?:on|in|at|as\s+of))?\s*[:\-–—]?\s*(?P<date>.+?)[\s)\].*_]*$",
    re.IGNORECASE,
)
_DATE_RANGE = re.compile(
    rf"(?:{_YEAR}|present|current|now|today)\s*(?:[{_DASH}]|to|until|till)\s*(?:{_MONTH}\s+)?"
    rf"(?:{_YEAR}|present|current|now|today)",
    re.IGNORECASE,
)
_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+|https?://|\bwww\.|\b[\w-]+\.(?:com|org|net|io|dev|me|de|uk|fr)\b"
    r"|\+?\d[\d ().-]{7,}\d",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_HAS_DIGIT = re.compile(r"\d")
_SPACES = re.compile(r"\s+")
# A likely name: the first line of a resume, two to four capitalised words.
_NAME = re.compile(r"^(?:[A-ZÀ-Þ][\w'’.-]*\s+){1,3}[A-ZÀ-Þ][\w'’.-]*$")
_MAX_PAGES_WITHOUT_COUNT = 9  # "2/9" counts pages; "3/12", "12/25" are dates
_LONG = 200  # no furniture line is longer, even with its spacing
_SHORT = 100  # furniture lines are short; a longer line is a sentence
_REPEATS = 3  # a dated or numbered line repeated this often in text without page breaks ...
_REPEAT_GAP = 8  # ... with at least this many lines between copies is a header of each page


def _key(line: str) -> str:
    """The line as compared across pages: digits and spacing normalised, case folded."""
    return _DIGITS.sub("#", _SPACES.sub(" ", line).strip()).casefold()


def is_page_number(line: str, *, at_edge: bool = False, page_count: int | None = None) -> bool:
    """Whether the line is only a page number: ``Page 2 of 3``, ``- 2 -``; at a page's edge also ``2``, ``2/3``.

    At an edge, the numbers must fit the document's ``page_count`` when it is known ("2/4" on a
    four-page PDF), or at least look like a page count ("2/3", not "12/25", a date).
    """
    line = line.strip()
    if _PAGE_ANYWHERE.match(line):
        return True
    if not at_edge:
        return False
    match = _PAGE_AT_EDGE.match(line)
    if match is None:
        return False
    page, of = int(match.group(1)), match.group(2)
    if of is None:
        return page_count is None or 0 <= page <= page_count
    if page_count is not None:
        return 0 < page <= int(of) == page_count
    return 0 < page <= int(of) <= _MAX_PAGES_WITHOUT_COUNT


def is_updated_note(line: str) -> bool:
    """Whether the line is a "last updated" note: ``Last updated on 12 March 2025``, ``Updated: 2025-03``."""
    match = _UPDATED.match(line)
    if match is None:
        return False
    date = match.group("date").strip()
    # A digit too ("Updated March" alone is too little to go by), which every shape here has.
    return bool(_DATE_ONLY.match(date)) and bool(_HAS_YEAR_OR_MONTH.search(date)) and bool(_HAS_DIGIT.search(date))


def _page_at_an_end(line: str) -> bool:
    return bool(_PAGE_AT_END.search(line) or _PAGE_AT_START.match(line))


def is_running_header(line: str, name: str | None = None) -> bool:
    """Whether the line is a running header or footer with a page number at one end.

    The rest must name the document: "Résumé", "CV" or "Curriculum Vitae", or the owner's
    ``name`` (``John Doe - Page 2``, ``February 10, 2026  Résumé  1``); "Page 2 of 3" in full
    needs nothing more. A citation ending "p. 12" names neither, and stays.
    """
    text = line.strip()  # wide gaps kept: they set a bare page number off
    if not text or len(text) > _SHORT or not _page_at_an_end(text):
        return False
    if _FULL_PAGE_OF.search(text):
        return True
    return bool(_CV_WORD.search(text)) or bool(name and name.casefold() in text.casefold())


def _says_page(line: str) -> bool:
    """A page number that says so: "Page 2", "- 2 -", "2/3" or "2 of 3" at an end."""
    return bool(_PAGE_PHRASE_ANYWHERE.search(line) or _COUNT_AT_AN_END.search(line))


def _dated_note(line: str) -> bool:
    """A date with words beside it (a print date in a footer), but not a date range."""
    if not _DATE.search(line) or _DATE_RANGE.search(line):
        return False
    return any(ch.isalpha() for ch in _DATE.sub("", line))


def has_furniture_feature(line: str, name: str | None = None) -> bool:
    """Whether a line has a shape this module removes by, wherever it stands.

    Every line :func:`strip_text_furniture` removes has one of these features, or repeats at
    the edges of pages (between form feeds).
    """
    return (
        is_page_number(line, at_edge=True)
        or is_updated_note(line)
        or is_running_header(line, name)
        or _says_page(line)
        or _dated_note(line)
    )


def guess_name(lines: Iterable[str]) -> str | None:
    """The owner's name: the first non-blank line without digits, if it looks like one.

    Lines with digits are passed over (every furniture feature has one), so removing furniture
    never changes the guess, which keeps the removal idempotent.
    """
    for line in lines:
        text = line.strip()
        if text and not _HAS_DIGIT.search(text):
            return text if len(text) <= 40 and _NAME.match(text) else None
    return None


# What every line :func:`_removable_anywhere` accepts has: a number of at most three digits at
# its end or its start (past spaces, brackets, bars and dashes), a page word at its start, or an
# "updated" word. A line ending in a year, as most lines with digits in a resume do, has none;
# string methods tell in a fraction of the time of one regular expression.
_SPACE_CHARS = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace())
_TAIL = _SPACE_CHARS + ".)]|•·-–—"
_HEAD = _SPACE_CHARS + "([|•·-–—"
_DIGIT_CHARS = "0123456789"
_PAGE_WORD_STARTS = ("page", "pg", "p.", "pág", "pagi", "pági", "seit")


def _maybe_anywhere(line: str) -> bool:
    tail = line.rstrip(_TAIL)
    if 0 < len(tail) - len(tail.rstrip(_DIGIT_CHARS)) <= 3:
        return True
    head = line.lstrip(_HEAD)
    if 0 < len(head) - len(head.lstrip(_DIGIT_CHARS)) <= 3 or head[:4].lower().startswith(_PAGE_WORD_STARTS):
        return True
    lower = line.lower()
    return "updat" in lower or "modif" in lower or "revis" in lower


def _removable_anywhere(line: str, name: str | None) -> bool:
    return is_page_number(line) or is_updated_note(line) or is_running_header(line, name)


def is_edge_furniture(line: str, name: str | None = None) -> bool:
    """Whether a line known to sit in a page's header or footer is furniture.

    A bare ``2`` or ``2/3`` counts as a page number there, besides what counts anywhere.
    """
    return is_page_number(line, at_edge=True) or _removable_anywhere(line, name)


# -- repetition across pages ------------------------------------------------------------------


@dataclass(slots=True)  # not frozen: a frozen one costs a microsecond more to make
class _EdgeLine:
    """A line at a page's top or bottom edge."""

    page: int
    index: int  # the line's index on its page (PDF: its row's index among the page's rows)
    side: str  # "top" or "bottom"
    text: str
    top: float | None = None  # PDF only: where it sits
    height: float = 0.0


def _counts_pages(group: Sequence[_EdgeLine]) -> bool:
    """Whether copies that differ only in digits differ in a page count (``1/4``, ``2/4``), not a year."""
    numbers = [[int(n) for n in _DIGITS.findall(line.text)] for line in group]
    if len({len(n) for n in numbers}) != 1:
        return False
    for column in zip(*numbers, strict=True):
        if len(set(column)) == 1:
            continue
        if max(column) > 999 or any(b <= a for a, b in pairwise(column)):
            return False
    return True


def _repeated(group: Sequence[_EdgeLine]) -> list[_EdgeLine]:
    """The copies of one edge line that have a copy on another page at the same place."""
    found = []
    for line in group:
        for other in group:
            if other.page == line.page:
                continue
            if line.top is not None and other.top is not None:
                tolerance = max(2.0, 0.5 * min(line.height, other.height))
                if abs(line.top - other.top) > tolerance:
                    continue
            found.append(line)
            break
    return found


def _edge_furniture(edges: Sequence[_EdgeLine], page_count: int, *, placed: bool) -> set[tuple[int, int]]:
    """(page, index) of the edge lines that are furniture.

    A repeated line with a page number that says so, digits that count pages, or a dated note is
    furniture from two pages on. A line with only words (or a bare date) must repeat on three
    pages and most of them, and at the same place when ``placed``: the first row of a page sits
    at the same height on every page, so two job titles that each open a page would otherwise
    pass for a header.
    """
    removed: set[tuple[int, int]] = set()
    groups: dict[tuple[str, str], list[_EdgeLine]] = defaultdict(list)
    for line in edges:
        if is_page_number(line.text, at_edge=True, page_count=page_count):
            removed.add((line.page, line.index))
        else:
            groups[(line.side, _key(line.text))].append(line)
    for group in groups.values():
        copies = sorted(_repeated(group) if placed else group, key=lambda line: (line.page, line.index))
        on_pages = len({line.page for line in copies})
        text = copies[0].text if copies else ""
        # The dates of an entry are content however often they repeat.
        if on_pages < 2 or _DATE_RANGE.search(text) or not _counts_pages(copies):
            continue
        varying = len({tuple(_DIGITS.findall(line.text)) for line in copies}) > 1  # page numbers counting
        strong = varying or _says_page(text) or _dated_note(text)
        if not strong and (on_pages < 3 or 2 * on_pages <= page_count):
            continue
        # Contact details, or plain words (a letterhead), are content once: keep the first copy.
        # A line with a page number or a date in it is furniture on every page.
        keep_first = bool(_CONTACT.search(text)) or not (strong or _DATE.search(text))
        removed.update((line.page, line.index) for line in copies[1 if keep_first else 0 :])
    return removed


def find_page_furniture(pages: Sequence[tuple[list[list[Word]], float | None]]) -> list[list[_EdgeLine]]:
    """Each page's header, footer and page-number rows.

    ``pages`` holds each page's rows of words, top to bottom (:func:`~._layout.page_rows`), and
    its height (None when the reader does not know it; the text's own extent stands in). Only
    the first and last rows, those in the top and bottom ``_BAND`` of the page, are looked at, so
    the cost is a few rows a page.
    """
    edges: list[_EdgeLine] = []
    for number, (rows, height) in enumerate(pages):
        if not rows:
            continue
        top = 0.0 if height else min(w.top for w in rows[0])
        bottom = height if height else max(w.bottom for w in rows[-1])
        band = _BAND * (bottom - top)
        # Rows are sorted by their first word's middle: the edges are runs from either end.
        first = 0
        while first < len(rows) and rows[first][0].middle < top + band:
            edges.append(_edge_row(number, first, "top", rows[first]))
            first += 1
        last = len(rows) - 1
        while last >= first and rows[last][0].middle > bottom - band:
            edges.append(_edge_row(number, last, "bottom", rows[last]))
            last -= 1
    removed = _edge_furniture(edges, len(pages), placed=True)
    # The "anywhere" shapes too, while the rows are at hand: an "updated" note in a header.
    name = guess_name(e.text for e in edges if e.page == 0 and e.side == "top")
    removed.update((e.page, e.index) for e in edges if _maybe_anywhere(e.text) and _removable_anywhere(e.text, name))
    found: list[list[_EdgeLine]] = [[] for _ in pages]
    # Furniture frames content: a document that would be left with nothing is kept as it is.
    if removed and len(removed) < sum(len(rows) for rows, _ in pages):
        for edge in edges:
            if (edge.page, edge.index) in removed:
                found[edge.page].append(edge)
    return found


def drop_furniture_lines(lines: list[str], furniture: Sequence[_EdgeLine]) -> tuple[list[str], int]:
    """A page's lines in reading order without its furniture rows, and how many went.

    Furniture is taken out of the finished lines rather than out of the rows before the reading
    order is worked out, so that the column search sees the page as it is: taking a centred page
    number away can open a gutter that splits titles from their right-aligned dates. A top row is
    looked for from the first line down, a bottom row from the last line up, spacing aside; a row
    that the layout split between columns is not found, and stays.
    """
    kept = list(lines)
    dropped = 0
    for edge in sorted(furniture, key=lambda e: e.side == "bottom"):
        wanted = " ".join(edge.text.split())
        indices = range(len(kept)) if edge.side == "top" else range(len(kept) - 1, -1, -1)
        for i in indices:
            if " ".join(kept[i].split()) == wanted:
                del kept[i]
                dropped += 1
                break
    return kept, dropped


def _edge_row(page: int, index: int, side: str, row: list[Word]) -> _EdgeLine:
    heights = sorted(w.height for w in row)
    row_top = min(w.top for w in row)
    # With tabs at wide gaps, as the page's text will have it.
    text = _line(row, heights[len(heights) // 2] or 10.0)
    return _EdgeLine(page, index, side, text, row_top, max(w.bottom for w in row) - row_top)


# -- text ---------------------------------------------------------------------------------------


def strip_text_furniture(text: str) -> tuple[str, int]:
    """Text without its page furniture, and how many lines were removed.

    Pages are the parts between form feeds; their first and last two lines are their edges. Page
    breaks become blank lines in the result (as :func:`~._clean.clean_text` makes them anyway),
    so the function is idempotent. A removed line is deleted, so a paragraph broken by a page
    footer is joined again.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages = text.split("\f")
    removed: set[tuple[int, int]] = set()
    if len(pages) > 1:
        edges: list[_EdgeLine] = []
        for number, page in enumerate(pages):
            lines = page.split("\n")
            filled = [i for i, line in enumerate(lines) if line.strip()]
            for side, indices in (("top", filled[:2]), ("bottom", filled[-2:])):
                edges.extend(_EdgeLine(number, i, side, lines[i]) for i in indices)
        removed = _edge_furniture(edges, len(pages), placed=False)
    name = guess_name(match.group() for match in _LINE.finditer(text))
    # Every shape removed here holds a digit: the lines without one are passed over by one
    # search over the whole page, not looked at one by one.
    candidates: list[_Candidate] = []
    for number, page in enumerate(pages):
        index = start = 0
        digit = _HAS_DIGIT.search(page)
        while digit is not None:
            # From one line with a digit to the next, skipping the others in one search.
            line_start = page.rfind("\n", 0, digit.start()) + 1
            line_end = page.find("\n", digit.start())
            if line_end < 0:
                line_end = len(page)
            index += page.count("\n", start, line_start)
            start = line_start
            line = page[line_start:line_end]
            digit = _HAS_DIGIT.search(page, line_end)
            if len(line) > _LONG or (removed and (number, index) in removed):
                continue
            if _maybe_anywhere(line) and _removable_anywhere(line, name):
                removed.add((number, index))
            else:
                candidates.append(_Candidate(number, index, line_start, line))
    removed.update((c.page, c.index) for c in _repeated_notes(candidates, pages))
    if not removed:
        return text.replace("\f", "\n\n"), 0
    by_page: dict[int, set[int]] = defaultdict(set)
    for number, index in removed:
        by_page[number].add(index)
    out = []
    for number, page in enumerate(pages):
        gone = by_page.get(number)
        out.append("\n".join(line for i, line in enumerate(page.split("\n")) if i not in gone) if gone else page)
    return "\n\n".join(out), len(removed)


_LINE = re.compile(r"[^\n]+")
_NON_BLANK_LINE = re.compile(r"^[^\S\n]*\S", re.MULTILINE)


@dataclass(slots=True)  # not frozen: a frozen one costs a microsecond more to make
class _Candidate:
    """A line with a digit: where it is (page, line index, offset in its page) and its text."""

    page: int
    index: int
    offset: int
    line: str


def _repeated_notes(candidates: Sequence[_Candidate], pages: Sequence[str]) -> list[_Candidate]:
    """Short numbered or dated lines that repeat at least ``_REPEATS`` times, well apart.

    Apart is counted in non-blank lines, so removing lines (or turning page breaks into blank
    lines) only brings the other copies closer: what this keeps it keeps again.
    """
    groups: dict[str, list[_Candidate]] = defaultdict(list)
    for candidate in candidates:
        text = candidate.line.strip()
        if len(text) <= _SHORT:
            groups[_DIGITS.sub("#", text)].append(candidate)  # copies are exact but for the page number
    found: list[_Candidate] = []
    before: list[int] | None = None  # non-blank lines on the pages before each page
    for group in groups.values():
        if len(group) < _REPEATS:
            continue
        text = group[0].line
        if not (_says_page(text) or _dated_note(text)):
            continue
        if not _counts_pages([_EdgeLine(i, 0, "", c.line) for i, c in enumerate(group)]):
            continue
        if before is None:
            before = [0]
            for page in pages:
                before.append(before[-1] + len(_NON_BLANK_LINE.findall(page)))
        places = [before[c.page] + len(_NON_BLANK_LINE.findall(pages[c.page], 0, c.offset)) for c in group]
        if min(b - a for a, b in pairwise(places)) >= _REPEAT_GAP:
            found.extend(group)
    return found
