"""Experience entries: title, organisation, location, dates and bullets.

The section's lines become *rows* and each row gets a role from its own features:

- ``date``: a header line that carries the job's dates (a range split over two lines, as narrow
  date columns and wrapped headers leave it, is joined first, see :func:`join_split_range`);
- ``header``: a short line that names something (title, organisation, location): title words,
  organisation words, a place, or mostly capitalised words;
- ``content``: bullets, sentences, verb-led lines, long lines;
- ``noise``: duration notes ("3 years 2 months") and glyph-only lines.

Jobs are then assembled around their dates, using what the section itself shows about its layout
(its neighbours decide a row's job): the header rows that come before the first dated row tell how
many header lines precede each date ("Title / Company / Dates" as Indeed exports it, "Company /
Title / Dates" as LinkedIn does); when the section opens with a date, header lines follow it. A
location line right after a date belongs to that date's job. A sentence that says what something
*is* ("Airbus SE is a European multinational ...") describes the employer: it is skipped over, not
read as a header.

Inside a job, the fragments of its header rows are scored as title (title words) and organisation
(organisation words). Where that is ambiguous the section's own majority decides: the slot (line
relative to the date, fragment on the line) that holds the title in the clear entries holds it in
the others, so titles and companies do not swap from one job to the next.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from .._data import parsing_vocabulary
from ..resume import Bullet, ExperienceEntry, Period, Span, YearMonth
from ._dates import DateRange, find_date_ranges, join_margin_date, join_split_range, months_between
from ._lines import Line, split_lines

__all__ = ["find_experience", "organization_score", "split_fragments", "title_score"]

_CONNECTORS = frozenset(
    {"and", "or", "of", "the", "to", "by", "with", "in", "for", "a", "an", "on", "at", "from", "using"}
    | {"via", "as", "into", "&", "-", "–", "—"}
)
_SEPARATORS = re.compile(r"\t+| +[|•·◦–—-] +|\s*\|\s*| at | @ |\s*[()]\s*|\s*,\s+|;\s*")
_TRIM = " \t,;:|•·◦–—-()[]"
_TRIM_KEEP_BRACKETS = " \t,;:|•·◦–—-"
_MAX_HEADER_CHARS = 110
_MAX_HEADER_WORDS = 12
_MAX_NAME_WORDS = 6
# "3 years 2 months", "(1 yr)", "5+ years": LinkedIn prints how long a company or role lasted.
_DURATION = re.compile(
    r"^\(?\s*(?:\d+\+?\s*(?:years?|yrs?|months?|mos?)\.?\s*(?:and\s+)?)+\)?$"
    r"|^\(?\s*less than (?:a|one|1) (?:year|month)\s*\)?$",
    re.IGNORECASE,
)
# A sentence that says what something is describes an employer or a product, not a job header.
_DESCRIBES = re.compile(r"\b(?:is|are|was|were)\s+(?:a|an|the|one)\b", re.IGNORECASE)
# Irregular past tenses that open achievement lines; regular ones are found by their "-ed".
_IRREGULAR_VERBS = frozenset(
    {"led", "built", "made", "ran", "drove", "wrote", "took", "won", "set", "grew", "cut", "oversaw", "taught"}
    | {"sold", "gave", "kept", "brought", "began", "held", "met", "spent", "shipped", "responsible", "worked"}
    | {"handled", "involved"}
)
_SEASON = re.compile(r"\b(?:spring|summer|fall|autumn|winter)\b", re.IGNORECASE)
_NOTE = re.compile(r"\([^()]{0,40}\)")
# Only a line with a digit can open a range whose end is on the next line: a cheap test first.
_MAY_CONTINUE = re.compile(r"\d")
_SPELL_JOINER = re.compile(r"^\s*(?:and|&|,)\s*$", re.IGNORECASE)


@functools.cache
def _vocabulary() -> tuple[frozenset[str], frozenset[str], frozenset[str], re.Pattern[str]]:
    vocab = parsing_vocabulary()
    places = sorted({*vocab.region_codes, *vocab.regions, *vocab.countries}, key=len, reverse=True)
    regions = "|".join(re.escape(c) for c in places)
    countries = "|".join(re.escape(c) for c in sorted(vocab.countries, key=len, reverse=True))
    arrangements = "|".join(re.escape(c) for c in vocab.work_arrangements)
    city = r"[A-Z][A-Za-z.'\u00c0-\u024f-]*(?: [A-Z][A-Za-z.'\u00c0-\u024f-]*){0,2}"
    location = re.compile(
        rf"(?<![\w])(?:{city},\s*(?:{regions})(?![\w])(?:,\s*(?:{countries})(?![\w]))?"
        rf"|(?:{arrangements})(?![\w])(?:\s*\((?:[^)]{{0,30}})\))?)"
    )
    return (
        frozenset(w.lower() for w in vocab.title_words),
        frozenset(w.lower() for w in vocab.title_modifiers),
        frozenset(w.lower() for w in vocab.organization_words),
        location,
    )


@functools.cache
def _field_label() -> re.Pattern[str]:
    labels = parsing_vocabulary().field_labels
    groups = "|".join(
        rf"(?P<{field}>{'|'.join(re.escape(label) for label in sorted(names, key=len, reverse=True))})"
        for field, names in labels.items()
        if field in ("title", "organization", "dates") and names
    )
    return re.compile(rf"^\s*(?:{groups})\s*(?::|\t|\s[-–]\s|\s{{2,}})\s*", re.IGNORECASE)


def _labelled(text: str) -> tuple[str | None, str]:
    """The field a row's label names ("Employer: Acme Corp" -> organization) and the text after it."""
    match = _field_label().match(text) if parsing_vocabulary().field_labels else None
    if match is None:
        return None, text
    return match.lastgroup, text[match.end() :]


def _words(fragment: str) -> list[str]:
    # Lower case first, once: it neither makes nor takes spaces, nor ".,&/" (one call, not one a word).
    return [w for w in (w.strip(".,&/") for w in fragment.lower().split()) if w]


@functools.lru_cache(maxsize=8192)
def title_score(fragment: str) -> float:
    """How much a fragment reads like a job title: head words count most, modifiers a little."""
    heads, modifiers, _, _ = _vocabulary()
    words = _words(fragment)
    if not words:
        return 0.0
    score = 2.0 if words[-1] in heads else 0.0
    score += sum(1.0 for w in words[:-1] if w in heads) + sum(0.5 for w in words if w in modifiers)
    return score


@functools.lru_cache(maxsize=8192)
def organization_score(fragment: str) -> float:
    """How much a fragment reads like an organisation name."""
    _, _, org_words, _ = _vocabulary()
    return sum(1.0 for w in _words(fragment) if w in org_words)


def split_fragments(text: str) -> tuple[list[str], str | None]:
    """Fragments of a header line with dates removed, and the location found in it (if any)."""
    fragments, location = _split_fragments(text)
    return list(fragments), location


@functools.lru_cache(maxsize=8192)
def _split_fragments(text: str) -> tuple[tuple[str, ...], str | None]:
    # Memoised: the row roles, the job fields, the sections' heading style and education all ask.
    _, _, _, location_re = _vocabulary()
    text = _NOTE.sub(_keep_name_in_brackets, text)
    location = None
    match = next((m for m in location_re.finditer(text) if _plausible_place(m.group(0))), None)
    if match:
        location = match.group(0).strip()
        text = text[: match.start()] + "\t" + text[match.end() :]
    fragments: list[str] = []
    for piece in (f.strip(_TRIM) for f in _SEPARATORS.split(text)):
        if fragments and _is_legal_suffix(piece):
            fragments[-1] = f"{fragments[-1]}, {piece}"  # "Kaito Electronics Co., Ltd."
        elif len(piece) > 1 and any(map(str.isalpha, piece)):
            fragments.append(piece)
    return tuple(fragments), location


def _plausible_place(found: str) -> bool:
    """A "City, Region" match whose city holds an organisation or title word is a name and a place
    ("Sterling Crest Bank Plc, Victoria"), not a place."""
    city = found.split(",", 1)[0]
    return organization_score(city) == 0 and title_score(city) == 0


def _keep_name_in_brackets(match: re.Match[str]) -> str:
    """Brackets holding a name stay ("(AWS)"); a note ("(part-time)", "(a Castellan Group company)",
    "(Unilever subsidiary)") goes: it qualifies the line and is not a title or an organisation."""
    words = match.group(0)[1:-1].split()
    note = any(w[:1].islower() and w.lower() not in _CONNECTORS for w in words) or any(
        w.lower() in _CONNECTORS for w in words[:1]
    )
    return "\t" if note else match.group(0)


@functools.cache
def _places() -> frozenset[str]:
    vocab = parsing_vocabulary()
    return frozenset(p.lower() for p in (*vocab.cities, *vocab.regions, *vocab.countries))


def _without_place(value: str) -> tuple[str, str | None]:
    """A labelled value without the place after its last comma ("Infosys Limited, Bengaluru"), or
    without its address ("Volta S.A., Polígono Los Olivos, 28906 Getafe (Spain)")."""
    _, _, _, location_re = _vocabulary()
    name, *address = (part.strip() for part in value.split(", "))
    if address and any(any(map(str.isdigit, part)) for part in address):
        while address and _is_legal_suffix(address[0]):
            name = f"{name}, {address.pop(0)}"
        return name.strip(_TRIM), ", ".join(address)
    country = re.search(r"\s*\(([^()]+)\)\s*$", value)
    if country and country.group(1).strip().lower() in _places():
        # "Talleres Gil S.L., Alcorcón (Spain)": the country in brackets ends the address.
        head, comma, _town = value[: country.start()].rpartition(", ")
        if comma and head.strip():
            return head.strip(_TRIM), value[len(head) + 2 :].strip()
        return value[: country.start()].strip(_TRIM), country.group(1).strip()
    match = location_re.search(value)
    if match and match.end() >= len(value.rstrip(" .")) and match.start() > 0:
        return value[: match.start()].strip(_TRIM), match.group(0).strip()
    head, comma, tail = value.rpartition(",")
    if comma and head.strip() and tail.strip().lower() in _places():
        return head.strip(_TRIM), tail.strip()
    return value, None


def _is_legal_suffix(piece: str) -> bool:
    """A fragment that only completes a company name: "Ltd.", "Inc", "LLC", "GmbH & Co. KG"."""
    _, _, org_words, _ = _vocabulary()
    words = _words(piece)
    return bool(words) and len(words) <= 3 and all(w in org_words and len(w) <= 6 for w in words)


def _is_location_only(text: str) -> bool:
    fragments, location = split_fragments(text)
    return location is not None and not fragments


# --- rows and their roles ---------------------------------------------------------------------


@dataclass
class _Row:
    line: Line
    text: str  # what the row says after its bullet, dates blanked out with a tab
    role: str  # "date", "header", "content" or "noise"
    dates: DateRange | None = None
    spells: list[DateRange] = field(default_factory=list)
    extra_lines: list[Line] = field(default_factory=list)  # a line whose start finished this row's dates


_ABBREVIATIONS = ("inc.", "ltd.", "co.", "corp.", "llc.", "s.a.", "jr.", "sr.", "st.", "e.v.")


def _is_sentence(text: str) -> bool:
    """Prose, not a header: ends with a full stop after several words, or holds a semicolon clause."""
    if text.endswith(".") and not text.lower().endswith(_ABBREVIATIONS) and len(text.split()) >= 5:
        return True
    return ";" in text and len(text.split()) >= 8


def _verb_led(text: str) -> bool:
    """An achievement line: opens with a past tense and goes on in lower case."""
    words = text.split()
    if len(words) < 3:
        return False
    first = words[0].lower().strip(".,:")
    if not (first in _IRREGULAR_VERBS or (first.endswith("ed") and len(first) > 4)):
        return False
    return any(w[:1].islower() and w.lower() not in _CONNECTORS for w in words[1:])


_WORD_BREAKS = re.compile(r"[\s,/|]+")


def _header_like(text: str) -> bool:
    """A short line that names something: a title, an organisation, a place."""
    stripped = text.strip(_TRIM)
    if not stripped or len(stripped) > _MAX_HEADER_CHARS or _is_sentence(stripped):
        return False
    if stripped[0].islower() or _DESCRIBES.search(stripped):
        return False
    # A note in brackets ("(part-time)", "(per diem)") says nothing about the line's shape.
    bare = _NOTE.sub(" ", stripped)
    words = [w for w in _WORD_BREAKS.split(bare) if any(map(str.isalpha, w))]
    if not words or len(words) > _MAX_HEADER_WORDS:
        return False
    named = title_score(bare) > 0 or organization_score(bare) > 0
    if _verb_led(bare) and not named:  # "Registered Nurse" and "Certified ... Assistant" are titles
        return False
    if named or _is_location_only(stripped):
        return True
    names, place = split_fragments(stripped)
    if place is not None and names and len(" ".join(names).split()) <= _MAX_NAME_WORDS:
        return True  # "Nordwave Logistics Sp. z o.o. – Gdańsk, Poland": a name and its place
    content_words = [w for w in words if w.lower() not in _CONNECTORS]
    capitalised = sum(1 for w in content_words if w[:1].isupper() or w[:1].isdigit())
    return capitalised >= 0.75 * max(1, len(content_words))


def _told(text: str) -> bool:
    """A sentence around the dates ("I worked with Microsoft from ... to ..."), not a header."""
    words = [w for w in text.split() if any(map(str.isalpha, w)) and w.lower() not in _CONNECTORS]
    lower = sum(1 for w in words if w[:1].islower())
    sentence = text.rstrip().endswith(".") and len(text.split()) >= 8
    return len(words) >= 5 and (lower * 2 >= len(words) or (sentence and lower * 4 >= len(words)))


def _content_glyphs(lines: list[Line]) -> set[str]:
    """Bullet glyphs used for content: those on long or sentence-like lines, or on lines none of
    which names anything a job header holds (short bullets: "• Reports", "• Cash handling")."""
    bulleted = [line for line in lines if line.marker]
    used: Counter[str] = Counter()
    content: set[str] = set()
    for line in bulleted:
        glyph = line.text[0]
        used[glyph] += 1
        if len(line.text) > 60 or line.text.endswith("."):
            content.add(glyph)
    short = {glyph for glyph, count in used.items() if count >= 2 and glyph not in content}
    for line in bulleted if short else ():
        if line.text[0] in short and _names_something(line.content):
            short.discard(line.text[0])
    return content | short


def _names_something(text: str) -> bool:
    """Whether a line names what a job header holds: a title, an organisation, a place or dates."""
    if title_score(text) > 0 or organization_score(text) > 0:
        return True
    return bool(find_date_ranges(text)) or split_fragments(text)[1] is not None


def _spells(text: str, found: list[DateRange]) -> list[DateRange]:
    """Lone dates joined by "and" (``Summer 2012 and 2013``) are separate spells."""
    if len(found) < 2:
        return []
    spells = [found[0]]
    for left, right in itertools.pairwise(found):
        if not (left.is_point and right.is_point):
            return []
        if not _SPELL_JOINER.match(text[left.end_offset : right.start_offset]):
            return []
        season = _SEASON.search(spells[-1].text)
        if season and right.start.month is None and spells[-1].start.month is not None:
            # "Summer 2012 and 2013": the season carries over to the later year.
            date = YearMonth(year=right.start.year, month=spells[-1].start.month)
            right = DateRange(
                right.start_offset, right.end_offset, date, date, False, f"{season.group(0)} {right.text}"
            )
        spells.append(right)
    return spells


def _anchor(text: str) -> tuple[DateRange | None, list[DateRange]]:
    """The dates a header line carries (a range, or lone dates at the line's edge), and its spells."""
    if len(text) > _MAX_HEADER_CHARS:
        return None, []
    found = find_date_ranges(text)
    if not found:
        return None, []
    ranges = [r for r in found if not r.is_point]
    if ranges:
        return ranges[0], []
    # Lone dates ("2022", "Summer 2012 and 2013") count only at a line's edge, as layouts put them.
    first, last = found[0], found[-1]
    rest = (text[: first.start_offset] + text[last.end_offset :]).strip(_TRIM)
    at_edge = last.end_offset >= len(text.rstrip(" )")) - 1 or first.start_offset <= 1
    if not at_edge and rest:
        return None, []
    spells = _spells(text, found)
    if first is last:
        return first, []
    whole = DateRange(
        first.start_offset, last.end_offset, first.start, last.end, False, text[first.start_offset : last.end_offset]
    )
    return whole, spells


def _blank(text: str, dates: DateRange) -> str:
    return text[: dates.start_offset] + "\t" + text[dates.end_offset :]


def _rows(lines: list[Line]) -> list[_Row]:
    """Each line's role, with ranges split over two lines joined onto the first."""
    glyphs = _content_glyphs(lines)
    rows: list[_Row] = []
    taken: dict[int, int] = {}  # line index -> characters an earlier row's dates took from it
    for index, line in enumerate(lines):
        carried = taken.pop(index, 0)
        text = line.text[carried:].strip() if carried else line.content
        if not text:
            rows[-1].extra_lines.append(line)
            continue
        if line.marker and line.text[0] in glyphs:
            rows.append(_Row(line, text, "content"))
            continue
        dates, spells = _anchor(text)
        following = lines[index + 1] if index + 1 < len(lines) else None
        if (
            following is not None
            and (dates is None or dates.is_point)
            and len(text) <= _MAX_HEADER_CHARS
            and _MAY_CONTINUE.search(text)
        ):
            joined = join_split_range(text, following.text)
            if joined is not None:
                dates, taken[index + 1] = joined
                spells = []
        if following is not None and dates is None:
            margin = join_margin_date(text, [other.text for other in lines[index + 1 : index + 3]])
            if margin is not None:
                dates, parts = margin
                taken.update({index + 1 + number: length for number, length in enumerate(parts)})
                spells = []
        if dates is not None and _told(_blank(text, dates)):
            rows.append(_Row(line, text, "content"))
        elif dates is not None:
            rows.append(_Row(line, _blank(text, dates), "date", dates, spells))
        elif _DURATION.match(text.strip(_TRIM) or "0 years") or not any(c.isalnum() for c in text):
            rows.append(_Row(line, text, "noise"))
        elif _header_like(text):
            rows.append(_Row(line, text, "header"))
        else:
            rows.append(_Row(line, text, "content"))
    return rows


# --- assembling jobs --------------------------------------------------------------------------


@dataclass
class _Job:
    anchor: int | None  # index of the date row
    rows: list[int]  # header rows, in order
    content: list[int] = field(default_factory=list)
    # Set for a chronology of dated events: where the job ends (None while current).
    until: tuple[YearMonth | None, bool] | None = None


def _run(rows: list[_Row], start: int, step: int, limit: int) -> int:
    """How many header rows follow (step 1) or precede (step -1) ``start``, noise skipped."""
    count, index = 0, start + step
    while 0 <= index < len(rows) and count < limit:
        role = rows[index].role
        if role == "header":
            count += 1
        elif role != "noise":
            break
        index += step
    return count


def _describes_above(rows: list[_Row], index: int) -> bool:
    """A content row that describes the header row above it (an employer's one-line profile)."""
    if index == 0 or rows[index - 1].role != "header":
        return False
    above = rows[index - 1].text.split()
    text = rows[index].text
    return bool(_DESCRIBES.search(text)) or (bool(above) and text.split()[:1] == above[:1])


def _claim_after(rows: list[_Row], jobs: list[_Job], owner: list[int | None], after: int) -> None:
    """A place line, or the rest of a wrapped header, right after the dates belongs to their job."""
    for number, job in enumerate(jobs):
        assert job.anchor is not None
        index, taken = job.anchor + 1, 0
        while index < len(rows) and owner[index] is None:
            row = rows[index]
            if row.role == "noise" or (row.role == "header" and _is_location_only(row.text)):
                pass
            elif row.role == "header" and taken < after:
                taken += 1
            else:
                break
            owner[index] = number
            job.rows.append(index)
            index += 1


def _claim_before(rows: list[_Row], jobs: list[_Job], owner: list[int | None], before: int) -> None:
    """The ``before`` header rows above each date row (noise skipped) are its job's; so is an
    employer's one-line profile among them."""
    for number, job in enumerate(jobs):
        assert job.anchor is not None
        index, taken = job.anchor - 1, 0
        while index >= 0 and owner[index] is None and taken < before:
            row = rows[index]
            if row.role == "header":
                taken += 1
            elif row.role == "content" and _describes_above(rows, index):
                job.content.append(index)
                owner[index] = number
                index -= 1
                continue
            elif row.role != "noise":
                break
            owner[index] = number
            job.rows.append(index)
            index -= 1


def _undated_between(rows: list[_Row], jobs: list[_Job], owner: list[int | None]) -> None:
    """A short run of unclaimed header rows naming a title, followed by content, is an undated job."""
    run: list[int] = []
    for index, row in enumerate(rows):
        if owner[index] is None and row.role == "header":
            run.append(index)
            continue
        if (
            owner[index] is None
            and row.role == "content"
            and 1 <= len(run) <= 3
            # Between dated jobs the bar is higher: a whole row that ends in a title word.
            and any(title_score(rows[i].text) >= 2 for i in run)
        ):
            jobs.append(_Job(anchor=None, rows=list(run)))
            for i in run:
                owner[i] = len(jobs) - 1
        run = []


def _dated_jobs(rows: list[_Row], anchors: list[int]) -> list[_Job]:
    owner: list[int | None] = [None] * len(rows)
    jobs = [_Job(anchor=a, rows=[a]) for a in anchors]
    for number, anchor in enumerate(anchors):
        owner[anchor] = number
    dates_lead = _run(rows, anchors[0], -1, 3) == 0
    before = 0 if dates_lead else _run(rows, anchors[0], -1, 3)
    after = min(2, _run(rows, anchors[0], 1, 2)) if dates_lead else 0
    _claim_after(rows, jobs, owner, after)
    if before:
        _claim_before(rows, jobs, owner, before)
    _undated_between(rows, jobs, owner)
    # Everything else belongs to the job whose rows come last before it.
    current: int | None = None
    for index in range(len(rows)):
        if owner[index] is not None:
            current = owner[index]
            continue
        if current is not None:
            jobs[current].content.append(index)
    for job in jobs:
        job.rows.sort()
        job.content.sort()
    return sorted(jobs, key=lambda job: job.rows[0])


def _names_a_title(rows: list[_Row], run: list[int]) -> bool:
    """Whether a run of header rows names a job title: an undated job needs one, or placeholder
    and side-column lines ("Vocational", "year--year", "City") would pass for jobs."""
    return any(title_score(fragment) >= 2 for i in run for fragment in split_fragments(rows[i].text)[0])


def _undated_jobs(rows: list[_Row]) -> list[_Job]:
    """Without dates, a short run of header rows naming a title, followed by content, is a job."""
    jobs: list[_Job] = []
    run: list[int] = []
    for index, row in enumerate(rows):
        if row.role == "header":
            run.append(index)
            continue
        if row.role == "content":
            if run and len(run) <= 3 and _names_a_title(rows, run):
                jobs.append(_Job(anchor=None, rows=run))
            if jobs and (not run or len(run) <= 3):
                jobs[-1].content.append(index)
        run = []
    return jobs


# --- reading a job's fields -------------------------------------------------------------------


_LABELLED = 10.0  # a labelled field outweighs anything its words say


@dataclass(frozen=True)
class _Fragment:
    text: str
    slot: tuple[int, int]  # (row relative to the date row, fragment on the row)
    on_date_row: bool
    title: float
    organization: float
    row: str = ""  # the row's text, so that a title can be quoted as written


def _fragments(rows: list[_Row], job: _Job) -> tuple[list[_Fragment], str | None]:
    anchor = job.anchor if job.anchor is not None else job.rows[-1]
    fragments: list[_Fragment] = []
    location = None
    # Labelled fields below the header ("Name and address of employer  Volta S.A., ...") are header
    # fields wherever they stand in the job.
    labelled = [i for i in job.content if _labelled(rows[i].text)[0] in ("title", "organization")]
    for index in sorted({*job.rows, *labelled}):
        field, row_text = _labelled(rows[index].text)
        if field == "dates":
            continue
        if field is not None:  # the label decides; the value is not split at its commas
            value, where = _without_place(row_text.strip(_TRIM_KEEP_BRACKETS))
            location = location or where
            title, organization = (_LABELLED, 0.0) if field == "title" else (0.0, _LABELLED)
            if value:
                fragments.append(_Fragment(value, (index - anchor, 0), index == job.anchor, title, organization))
            continue
        found, where = split_fragments(row_text)
        location = location or where
        found = [f for f in found if not _DURATION.match(f)]
        for number, text in enumerate(found):
            slot = (index - anchor, number)
            fragments.append(
                _Fragment(text, slot, index == job.anchor, title_score(text), organization_score(text), row_text)
            )
    return fragments, location


def _votes(all_fragments: list[list[_Fragment]]) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The slots that hold titles and organisations in the entries where the words make it clear."""
    titles: Counter[tuple[int, int]] = Counter()
    organizations: Counter[tuple[int, int]] = Counter()
    for fragments in all_fragments:
        clear_titles = [f for f in fragments if f.title >= 2 and f.organization == 0]
        if len(clear_titles) == 1:
            titles[clear_titles[0].slot] += 1
        clear_orgs = [f for f in fragments if f.organization >= 1 and f.title == 0]
        if len(clear_orgs) == 1:
            organizations[clear_orgs[0].slot] += 1
    title_slot = titles.most_common(1)[0][0] if titles else None
    org_slot = organizations.most_common(1)[0][0] if organizations else None
    if org_slot == title_slot:
        org_slot = None
    return title_slot, org_slot


def _title_and_organization(
    fragments: list[_Fragment], title_slot: tuple[int, int] | None, org_slot: tuple[int, int] | None
) -> tuple[str | None, str | None]:
    if not fragments:
        return None, None

    def as_title(f: _Fragment) -> float:
        return (
            f.title - 1.5 * f.organization + (1.5 if f.slot == title_slot else 0.0) + (0.25 if f.on_date_row else 0.0)
        )

    order = {id(f): i for i, f in enumerate(fragments)}
    best = max(fragments, key=lambda f: (as_title(f), -order[id(f)]))
    if as_title(best) <= 0:
        # No title words and no layout evidence: the organisation slot, if known, rules itself out.
        candidates = [f for f in fragments if f.slot != org_slot] or fragments
        best = candidates[0]
    rest = [f for f in fragments if f is not best]
    if not rest:
        return best.text, None

    def as_organization(f: _Fragment) -> float:
        return f.organization - 0.5 * f.title + (1.5 if f.slot == org_slot else 0.0)

    organization = max(rest, key=lambda f: (as_organization(f), -order[id(f)]))
    title = best.text
    # "Vice President, Sales — Acme Corp": what follows the title on its row, before the
    # organisation and not a place, is the rest of the title the comma split off.
    for following in fragments[order[id(best)] + 1 :]:
        if following is organization or following.slot[0] != best.slot[0] or following.organization > 0:
            break
        if following.text.lower() in _places() or _is_location_only(following.text):
            break
        if organization.slot[0] == best.slot[0] and organization.slot[1] < following.slot[1]:
            break
        title = _as_written(best.row, title, following.text)
        break  # one qualifier: "Team Leader – Customer Care", not the account after it
    return title, organization.text


def _as_written(row: str, head: str, tail: str) -> str:
    """``head`` continued up to ``tail`` as the row writes it ("Banking Officer (Graduate Trainee)")."""
    start = row.find(head)
    end = row.find(tail, start + len(head)) if start >= 0 else -1
    if start < 0 or end < 0:
        return f"{head}, {tail}"
    close = end + len(tail)
    if row[close : close + 1] == ")" and "(" in row[start:end]:
        close += 1
    return " ".join(row[start:close].split())


def _bullets(text: str, content: list[_Row]) -> list[Bullet]:
    spans: list[list[int]] = []
    has_glyphs = any(row.line.marker for row in content)
    for row in content:
        line = row.line
        starts_new = bool(line.marker) or not spans or (not has_glyphs and line.text[:1].isupper())
        if starts_new:
            spans.append([line.content_start, line.end])
        else:
            spans[-1][1] = line.end
    return [Bullet(text=" ".join(text[a:b].split()), span=Span(start=a, end=b)) for a, b in spans if text[a:b].strip()]


def _season_end(dates: DateRange) -> YearMonth | None:
    """A lone season ("Summer 2012") lasts three months; any other lone date ends where it starts."""
    if dates.is_point and dates.start.month and _SEASON.search(dates.text):
        index = dates.start.month_index + 2
        return YearMonth(year=index // 12, month=index % 12 + 1)
    return dates.end


def _dates_of(
    anchor: _Row, job: _Job, as_of_index: int
) -> tuple[YearMonth, YearMonth | None, bool, str, list[Period], int | None]:
    """(start, end, is current, date text, periods, months) of a job whose date row is ``anchor``."""
    dates = anchor.dates
    assert dates is not None
    start, end, is_current = dates.start, _season_end(dates), dates.is_current
    if job.until is not None:
        end, is_current = job.until
    periods: list[Period] = []
    if anchor.spells:
        periods = [Period(start=spell.start, end=_season_end(spell)) for spell in anchor.spells]
        end = periods[-1].end
    spells = [(p.start, p.end) for p in periods] or [(start, end)]
    intervals = [months_between(first, last, as_of_index) for first, last in spells]
    months = None
    if any(interval is not None for interval in intervals):
        months = sum(interval[1] - interval[0] for interval in intervals if interval is not None)
    return start, end, is_current, dates.text.strip(), periods, months


def _span(rows: list[_Row], job: _Job) -> Span:
    """From the job's first line to its last: a header row's extra lines count, a content row's do not.

    Rows are in document order and their lines do not overlap, so the first and the last row
    decide (no list of every line to take the min and max of).
    """
    first = min(job.rows[0], job.content[0]) if job.content else job.rows[0]
    last_header, last = job.rows[-1], max(job.rows[-1], job.content[-1]) if job.content else job.rows[-1]
    extra = rows[last].extra_lines if last == last_header else []
    return Span(start=rows[first].line.start, end=(extra[-1] if extra else rows[last].line).end)


def _entry(
    text: str,
    rows: list[_Row],
    job: _Job,
    names: tuple[str | None, str | None],
    location: str | None,
    as_of_index: int,
) -> ExperienceEntry:
    start = end = None
    is_current = False
    months = None
    date_text = None
    periods: list[Period] = []
    anchor = rows[job.anchor] if job.anchor is not None else None
    if anchor is not None and anchor.dates is not None:
        start, end, is_current, date_text, periods, months = _dates_of(anchor, job, as_of_index)
    return ExperienceEntry(
        title=names[0],
        organization=names[1],
        location=location,
        start=start,
        end=end,
        is_current=is_current,
        date_text=date_text,
        months=months,
        periods=periods,
        span=_span(rows, job),
        bullets=_bullets(text, [rows[index] for index in job.content]),
    )


# "worked with Microsoft from January 2015 to Aug 2017 as a developer": a job told in a sentence.
_PROSE_ORGANIZATION = re.compile(
    r"\b(?:with|at|for|joined)\s+(?P<org>(?:[A-Z][\w&.'-]*)(?:\s+(?:&\s+)?[A-Z][\w&.'-]*){0,4})"
)
_PROSE_TITLE = re.compile(
    r"\b(?:as|was)\s+(?:an?\s+|the\s+)?(?P<title>[A-Za-z][A-Za-z/&-]*(?:\s+[A-Za-z][A-Za-z/&-]*){0,4}?)"
    r"(?=\s+(?:at|with|for|from|in|on|and)\b|\s*[,.;(]|\s*$)"
)


def _prose_entries(text: str, rows: list[_Row], as_of_index: int) -> list[ExperienceEntry]:
    """Jobs told in sentences, for sections that have no job headers at all."""
    entries: list[ExperienceEntry] = []
    for row in rows:
        if row.role != "content":
            continue
        for dates in find_date_ranges(row.text, singles=False):
            before = row.text[: dates.start_offset]
            organizations = list(_PROSE_ORGANIZATION.finditer(before))
            if not organizations:
                continue
            organization = organizations[-1].group("org").strip()
            title_match = next((m for m in _PROSE_TITLE.finditer(row.text) if title_score(m.group("title")) > 0), None)
            interval = months_between(dates.start, dates.end, as_of_index)
            offset = row.line.content_start
            entries.append(
                ExperienceEntry(
                    title=title_match.group("title") if title_match else None,
                    organization=organization,
                    start=dates.start,
                    end=dates.end,
                    is_current=dates.is_current,
                    date_text=dates.text.strip(),
                    months=None if interval is None else interval[1] - interval[0],
                    span=Span(start=offset, end=row.line.end),
                    bullets=[
                        Bullet(
                            text=" ".join(text[offset : row.line.end].split()),
                            span=Span(start=offset, end=row.line.end),
                        )
                    ],
                )
            )
    return entries


def _whole_title(fragments: list[_Fragment], title: str | None) -> str | None:
    """A role under its company's line: its title is its row, places aside ("Vice President, Supply Chain")."""
    head = next((f for f in fragments if title is not None and title.startswith(f.text)), None)
    if head is None:
        return title
    parts = [f.text for f in fragments if f.slot[0] == head.slot[0] and f.text.lower() not in _places()]
    return ", ".join(parts) or title


@functools.cache
def _gap_words() -> frozenset[str]:
    return frozenset(g.lower() for g in parsing_vocabulary().career_gaps)


def _is_gap(fragments: list[_Fragment]) -> bool:
    return any(f.text.lower().strip(" .") in _gap_words() for f in fragments)


def _interval(rows: list[_Row], job: _Job, as_of_index: int) -> tuple[int, int] | None:
    dates = rows[job.anchor].dates if job.anchor is not None else None
    if dates is None:
        return None
    return months_between(dates.start, _season_end(dates), as_of_index)


def _group_headers(
    rows: list[_Row], jobs: list[_Job], read: list[tuple[list[_Fragment], str | None]], as_of_index: int
) -> dict[int, int]:
    """Jobs that are a company's own dated line above its roles: each role's index -> its group's.

    "GLOBEX CORPORATION, Springfield  2010 – 2018" / "Senior Manager (2014 – 2018)" / "Manager
    (2010 – 2014)": a dated line without a job title whose range holds the ranges of the dated jobs
    right after it names their employer; it is not a job of its own.
    """
    members: dict[int, int] = {}
    for number, (job, (fragments, _)) in enumerate(zip(jobs, read, strict=True)):
        outer = _interval(rows, job, as_of_index)
        if outer is None or not fragments or any(f.title > 0 for f in fragments):
            continue
        inside = []
        for later in range(number + 1, len(jobs)):
            inner = _interval(rows, jobs[later], as_of_index)
            if inner is None or not (outer[0] <= inner[0] and inner[1] <= outer[1]):
                break
            inside.append(later)
        if inside:
            members.update(dict.fromkeys(inside, number))
    return members


@functools.cache
def _events() -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    verbs = parsing_vocabulary().career_events

    def pattern(kind: str) -> re.Pattern[str] | None:
        words = sorted(verbs.get(kind, []), key=len, reverse=True)
        if not words:
            return None
        return re.compile(rf"^\s*(?:{'|'.join(re.escape(w) for w in words)})\b\s*", re.IGNORECASE)

    return pattern("start"), pattern("end")


_STILL = re.compile(r"\b(?:currently|present|to date|till date|ongoing|still)\b", re.IGNORECASE)


def _chronology(rows: list[_Row], jobs: list[_Job]) -> list[_Job]:
    """A history of dated events, one date a line and oldest first, read as jobs that run on.

    Each job lasts until the month before the next event; an end event ("Resigned from ...")
    closes the job before it in its own month and is not a job. The last job is current when its
    lines say so ("Currently employed"), else it ends where it starts. The event verbs are cut from
    the header so that "Joined Kaito Electronics" names Kaito Electronics.
    """
    dated = [job for job in jobs if job.anchor is not None]
    anchors = [rows[job.anchor].dates for job in dated if job.anchor is not None]
    starts_with, ends_with = _events()
    if (
        len(dated) < 2
        or starts_with is None
        or any(d is None or d.is_current or not d.is_point for d in anchors)
        or any(a.start.month_index > b.start.month_index for a, b in itertools.pairwise(anchors) if a and b)
        or not any(starts_with.match(rows[job.anchor].text) for job in dated if job.anchor is not None)
    ):
        return jobs
    kept: list[_Job] = []
    for number, job in enumerate(dated):
        assert job.anchor is not None
        row = rows[job.anchor]
        if ends_with is not None and ends_with.match(row.text):
            continue
        row.text = starts_with.sub("", row.text, count=1)
        following = dated[number + 1] if number + 1 < len(dated) else None
        if following is None:
            lines = [rows[i].text for i in (*job.rows, *job.content)]
            still = any(_STILL.search(line) for line in lines)
            job.until = (None, True) if still else (row.dates.start if row.dates else None, False)
        else:
            assert following.anchor is not None
            event = rows[following.anchor]
            closes = ends_with is not None and bool(ends_with.match(event.text))
            assert event.dates is not None
            index = event.dates.start.month_index - (0 if closes else 1)
            job.until = (YearMonth(year=index // 12, month=index % 12 + 1), False)
        kept.append(job)
    return kept


def find_experience(text: str, start: int, end: int, as_of_index: int) -> list[ExperienceEntry]:
    """Entries of one experience section body ``text[start:end]``."""
    rows = _rows(split_lines(text, start, end))
    anchors = [index for index, row in enumerate(rows) if row.dates is not None]
    if not anchors:
        told = _prose_entries(text, rows, as_of_index)
        if told:
            return told
    jobs = _chronology(rows, _dated_jobs(rows, anchors)) if anchors else _undated_jobs(rows)
    read = [_fragments(rows, job) for job in jobs]
    title_slot, org_slot = _votes([fragments for fragments, _ in read])
    groups = _group_headers(rows, jobs, read, as_of_index)
    entries: list[ExperienceEntry] = []
    for number, (job, (fragments, location)) in enumerate(zip(jobs, read, strict=True)):
        if number in groups.values():
            continue  # a company's line, read into its roles below
        title, organization = _title_and_organization(fragments, title_slot, org_slot)
        if _is_gap(fragments):
            continue  # "Career Break  Jan 2021 – Oct 2023" dates a gap, not a job
        group = groups.get(number)
        if group is not None:
            group_fragments, group_location = read[group]
            employer = max(group_fragments, key=lambda f: f.organization)
            organization = employer.text
            title = _whole_title(fragments, title)
            location = location or group_location
        elif organization is None and len(fragments) == 1 and entries:
            organization = entries[-1].organization  # one company, several roles
        entries.append(_entry(text, rows, job, (title, organization), location, as_of_index))
    return entries
