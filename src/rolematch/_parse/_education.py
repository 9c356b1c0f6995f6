"""Education entries: degree level, field, institution and year.

Each line of an education section is one of: a *degree* line (it names a degree, a school-leaving
exam or a board), an *institution* line (a university, college or school), a *date* line (a date
and little else: "May 2014 | Ithaca, NY"), a *detail* line (GPA, coursework, honours, a thesis, a
faculty of the university, a field of study on its own line) or *other* (a name the vocabulary does
not know, such as "BITS Pilani").

Lines are grouped into entries the way ``_experience`` groups dated lines: the kind of the
section's first line is the kind that opens an entry in this layout (institution first, degree
first or date first). A new entry starts when a line repeats what the current entry already has
(a second degree, a second institution, a second date line) or when a line of the opening kind
comes after the current entry's degree. Details always stay with the entry above them.

Names of degrees are data (``degrees:`` in ``rolematch_data/parsing.yaml``), as are institution
words, exam boards, school words, field-of-study words and detail words.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field
from enum import Enum

from .._data import parsing_vocabulary
from ..resume import EducationEntry, EducationLevel, Span
from ._dates import find_date_ranges
from ._experience import split_fragments
from ._lines import Line, split_lines

__all__ = ["degree_levels", "find_education"]

_HAS_DIGIT = re.compile(r"\d")

# "Bachelor of Science", "Master of Engineering", ...: the degree's kind, part of its name.
_DEGREE_KIND = re.compile(
    r"^\s*(?:of\s+)?(?:(?:the\s+)?(?:applied\s+)?(?:science|arts|engineering|technology|business administration"
    r"|fine arts|philosophy|laws|education|commerce|computer applications|mathematics|music|design"
    r"|public health|public policy|information technology|medicine|surgery|pharmacy|architecture))\b"
    r"(?=\s*(?:in|,|-|–|—|:|\(|\)|;|\||$|\t))",
    re.IGNORECASE,
)
# "B.Sc. (Hons)", "BA Honours": the honours mark belongs to the degree, not to the field.
_HONOURS = re.compile(r"^\s*\(?\s*(?:honou?rs|hons?)\b\.?\s*\)?", re.IGNORECASE)
# How a field follows the degree: "in"/"of" (certain), "(" (a stream: "Class XII (PCM)"),
# a comma or dash (maybe a field, maybe the school), or nothing ("MSc Mathematics").
_FIELD_LEAD = re.compile(
    r"^\s*(?:'s)?\s*(?:degree)?\s*(?P<sep>\bin\b|\bof\b|\(|,|\s[-–—]\s|[-–—:|])?\s*", re.IGNORECASE
)
_FIELD_END = re.compile(
    r"\s*(?:[;|()\t·•]|,|\s[-–—]\s|\bGPA\b|\bgrade\b|\bminor\b|\bat\b|\bfrom\b|\bcgpa\b|\bwith\b|\d)", re.IGNORECASE
)
_BRACKETED = re.compile(r"\s*\(([^()]{1,20})\)")
_EDGE_CONNECTORS = re.compile(r"^(?:(?:from|at|in|of)(?:\s+|$))+|(?:\s+(?:from|at|in|of))+$", re.IGNORECASE)
_WORK_AFTER = re.compile(r"(?:'s)?\s+(?:thesis|dissertation|project|projects)\b", re.IGNORECASE)
_TRAILING_CONNECTOR = re.compile(r"\s+(?:in|of)$", re.IGNORECASE)
_FRAGMENT_START = re.compile(r".*(?:[,|\t;(]|\s[-–—]\s)")
# Fragments of a line for deciding whether a degree name sits inside an institution's name.
_PIECES = re.compile(r"[^,|;\t()]+")
# Where an education line splits into degree, field, institution, place, dates and grade. Unlike
# experience headers, " at " does not split: "University of Texas at Austin" is one name.
_SEPARATORS = re.compile(r"\t+| +[|•·◦–—-] +|\s*\|\s*|\s*[()]\s*|\s*,\s+|;\s*| - ")
_TRIM = " \t,;:|•·◦–—-()[]"
# Words that say what kind of programme, not what was studied ("Dual Degree", "Integrated").
_PROGRAMME_WORDS = frozenset({
    "dual", "degree", "integrated", "programme", "program", "course", "honours", "honors",
})  # fmt: skip
# Grades: never a field or an institution. "CGPA: 8.1/10", "85%", "3.8 / 4.0", "First Class".
_GRADE = re.compile(
    r"\b(?:c?gpa|sgpa|cpi|percentage|marks|aggregate|score|division)\b|\d+(?:\.\d+)?\s*%"
    r"|\b\d{1,3}(?:\.\d+)?\s*/\s*(?:4|5|7|10|100)(?:\.0+)?\b|\b(?:first|second|third)\s+class\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20\d\d)(?!\d)")
# Words before a contextual name that keep it a degree: "Class 10th", "Std XII".
_CONTEXT_PREFIX = re.compile(r"^(?:(?:class|std|standard|grade|form|s\.?\s?no|sr\.?\s?no)\b[.\s]*)*$", re.IGNORECASE)
# Column headings of an education table ("Qualification | Institute | Board | Year | %").
_TABLE_HEADINGS = frozenset({
    "qualification", "qualifications", "degree", "course", "examination", "exam", "institution",
    "institute", "school", "college", "university", "board", "year", "years", "percentage", "cgpa",
    "gpa", "marks", "grade", "specialization", "stream", "passing", "score", "name", "class",
})  # fmt: skip
_CONNECTORS = frozenset({
    "of", "the", "and", "&", "for", "in", "at", "de", "des", "du", "la", "le", "di", "del", "der", "für",
})  # fmt: skip
_MAX_DETAIL_WORDS = 14
# "Licence in Information Technology", "Intermediate en Sciences": a name, "in", a field.
_STUDIED = re.compile(r"\s+(?:in|en)\s+([^,;|\t()]+)", re.IGNORECASE)
# A line that ends mid-name ("University of", "BEng in", "Accounting and", "École Nationale d'").
_OPEN_END = re.compile(
    r"(?:^|\s)(?:of|and|&|for|in|at|the|de|des|du|la|le|di|del|der|für|und|y|et|d'|l')$|[-–/,]$", re.IGNORECASE
)
# A line that starts mid-name: a lower-case word or a connector ("of Technology", "d'Ingénieurs").
_OPEN_START = re.compile(r"^(?:[a-zà-ÿ]|(?:of|and|for|de|des|du|der|und|&)\s)")
# The cells of a table row: tabs, or pipes with or without spaces around.
_CELL_SEPARATOR = re.compile(r"\t+|\s*\|\s*")
# Headings of the column that names the qualification; the other columns follow its rows.
_QUALIFICATION_HEADINGS = frozenset({
    "qualification", "qualifications", "degree", "degrees", "course", "examination", "exam", "programme", "program",
})  # fmt: skip
_MAX_WRAPPED_WORDS = 4  # a name's first line before its institution word ("Northumbria Vale")


class _Kind(Enum):
    DEGREE = "degree"
    INSTITUTION = "institution"
    DATE = "date"
    DETAIL = "detail"
    FIELD = "field"
    OTHER = "other"
    TABLE_HEADING = "table heading"


@dataclass(frozen=True, slots=True)
class _DegreeMatch:
    level: EducationLevel
    match: re.Match[str]
    embedded: bool  # part of an institution or board name ("St. Mary's High School")


def _spelled(name: str) -> str:
    """A vocabulary name as a regex: "." also matches ". " ("B. Tech"), a space any whitespace."""
    out: list[str] = []
    for index, char in enumerate(name):
        following = name[index + 1 : index + 2]
        if char == ".":
            out.append(r"\." if following == " " else r"\.\s?")
        elif char == " ":
            out.append(r"\s+")
        else:
            out.append(re.escape(char))
    return "".join(out)


def _alternation(names: list[str]) -> str:
    return "|".join(_spelled(n) for n in sorted(names, key=len, reverse=True))


def _word_pattern(body: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{body})\.?(?!\w)")


@functools.cache
def _degree_patterns() -> list[tuple[EducationLevel, re.Pattern[str], bool]]:
    """(level, pattern, contextual) for every level, highest level first."""
    patterns: list[tuple[EducationLevel, re.Pattern[str], bool]] = []
    for level in EducationLevel:
        names = parsing_vocabulary().degrees.get(level)
        if names is None:
            continue
        alternatives = [f"(?i:{_alternation(names.patterns)})"]
        if names.case_sensitive:
            # ", MA" / ", MS" after a city are state codes, not degrees.
            alternatives.append(rf"(?<!, )(?:{_alternation(names.case_sensitive)})")
        patterns.append((level, _word_pattern("|".join(alternatives)), False))
        contextual = []
        if names.contextual:
            contextual.append(f"(?i:{_alternation(names.contextual)})")
        if names.contextual_case_sensitive:
            contextual.append(_alternation(names.contextual_case_sensitive))
        if contextual:
            patterns.append((level, _word_pattern("|".join(contextual)), True))
    return patterns


_FIRST_WORD = re.compile(r"\w+")


def _trie(words: set[str]) -> str:
    """The words as one regular expression that branches letter by letter ("b(?:a|sc?)"): the engine
    tries a few first letters at a word's start, not every word of a long alternation."""
    children: dict[str, set[str]] = {}
    for word in words:
        children.setdefault(word[:1], set()).add(word[1:])
    ended = "" in children
    branches = [re.escape(first) + _trie(rests) for first, rests in sorted(children.items()) if first]
    if not branches:
        return ""
    if len(branches) == 1 and not ended:
        return branches[0]
    return f"(?:{'|'.join(branches)}){'?' if ended else ''}"


@functools.cache
def _degree_starts() -> re.Pattern[str] | None:
    """Where a degree name may start: the first word of a name, as a whole word.

    Every name of :func:`_degree_patterns` opens with a word and goes on with a character no word
    holds (".", "-", a space) or ends, so each of their matches starts at a match of this one, and
    the dozen patterns are tried at those few places only. None when a name opens otherwise.
    """
    cased: set[str] = set()
    caseless: set[str] = set()
    for names in parsing_vocabulary().degrees.values():
        groups = ((names.patterns, caseless), (names.contextual, caseless))
        for group, words in (*groups, (names.case_sensitive, cased), (names.contextual_case_sensitive, cased)):
            for name in group:
                first = _FIRST_WORD.match(name)
                if first is None:
                    return None
                words.add(first.group())
    alternatives = [f"(?i:{_trie(caseless)})"] + ([_trie(cased)] if cased else [])
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)")


def _matches_at(pattern: re.Pattern[str], line: str, starts: list[int]) -> list[re.Match[str]]:
    """``pattern.finditer(line)`` when every match starts at one of ``starts`` (in order)."""
    found: list[re.Match[str]] = []
    taken = 0
    for start in starts:
        if start >= taken:
            match = pattern.match(line, start)  # look-behinds still see the text before ``start``
            if match is not None:
                found.append(match)
                taken = match.end()
    return found


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    return re.compile(rf"(?<!\w)(?:{_alternation(phrases)})(?!\w)", re.IGNORECASE)


@functools.cache
def _vocabulary() -> tuple[
    frozenset[str], re.Pattern[str] | None, re.Pattern[str] | None, frozenset[str], frozenset[str]
]:
    vocab = parsing_vocabulary()
    return (
        frozenset(w.lower() for w in vocab.institution_words),
        _phrase_pattern(vocab.education_boards),
        _phrase_pattern(vocab.school_words),
        frozenset(w.lower() for w in vocab.field_words),
        frozenset(w.lower() for w in vocab.education_details),
    )


_WORD_TRIM = ".,()[]:;'\""


def _words(text: str) -> list[str]:
    # Lower case first, once (it neither makes nor takes spaces nor the trimmed marks), and trim
    # with a C-level map: no Python frame a word.
    return list(filter(None, map(str.strip, text.lower().split(), itertools.repeat(_WORD_TRIM))))


def _is_institution(fragment: str) -> bool:
    institution_words, _, schools, _, _ = _vocabulary()
    if set(_words(fragment)) & institution_words:
        return True
    return bool(schools and schools.search(fragment))


def _is_board(fragment: str) -> bool:
    _, boards, _, _, _ = _vocabulary()
    return bool(boards and boards.search(fragment))


def _is_school(fragment: str) -> bool:
    """A secondary school's name ("Kendriya Vidyalaya", "Lincoln High School")."""
    _, _, schools, _, _ = _vocabulary()
    return bool(schools and schools.search(fragment))


def _is_field(fragment: str) -> bool:
    """Made of field-of-study words ("Computer Science and Engineering", "PCM")."""
    _, _, _, field_words, _ = _vocabulary()
    words = _words(fragment.replace("&", " and ").replace("/", " "))
    content = [w for w in words if w not in _CONNECTORS]
    return bool(content) and any(w in field_words for w in content)


def _all_field_words(fragment: str) -> bool:
    _, _, _, field_words, _ = _vocabulary()
    institution_words = _vocabulary()[0]
    words = [w for w in _words(fragment.replace("&", " and ")) if w not in _CONNECTORS]
    return bool(words) and all(
        w in field_words or w in institution_words or w in {"department", "faculty"} for w in words
    )


def _has_context(line: str, match: re.Match[str]) -> bool:
    """Whether a contextual name ("10th", "Intermediate", "XII") is used as a qualification here."""
    before = re.sub(r"[^\w.\s]|\d(?!\w)", " ", line[: match.start()]).strip()
    if not _CONTEXT_PREFIX.match(before):
        return False
    after = line[match.end() :].split()
    # "Intermediate knowledge of Spanish": a lower-case word running on is prose.
    if after and after[0][:1].islower() and after[0].lower() not in _CONNECTORS:
        return False
    if len(line.split()) <= 3:
        return True
    # "Licence in Information Technology": a field of study after "in" makes it a qualification.
    studied = _STUDIED.match(line, match.end())
    if studied and _is_field(studied.group(1)):
        return True
    return bool(_YEAR.search(line) or _GRADE.search(line) or _is_board(line) or _is_institution(line))


def _embedded(line: str, match: re.Match[str], level: EducationLevel) -> bool:
    """A degree name inside an institution's or a board's name: "Higher Secondary School", "Board of
    Intermediate Education", "St. Mary's High School" (but not "Data Science Bootcamp")."""
    for piece in _PIECES.finditer(line):
        if piece.start() <= match.start() and match.end() <= piece.end():
            before = line[piece.start() : match.start()]
            following = line[match.end() : piece.end()].split()[:1]
            if following and (_is_institution(following[0]) or _is_board(following[0])):
                return True  # "Higher Secondary School", "CBSE Board"
            if re.search(r"\b(?:of|for)\s+$", before) and (_is_institution(before) or _is_board(before)):
                return True  # "Board of Intermediate Education"
            # "St. Mary's High School": a school-type name ending a longer name.
            return (
                level is EducationLevel.SECONDARY and any(map(str.isalpha, before)) and _is_institution(match.group(0))
            )
    return False


@functools.lru_cache(maxsize=4096)
def _degree_matches(line: str) -> tuple[_DegreeMatch, ...]:
    """Every degree name in a line that is used as one (each line is asked several times: cached)."""
    found: list[_DegreeMatch] = []
    starts_pattern = _degree_starts()
    starts = None if starts_pattern is None else [m.start() for m in starts_pattern.finditer(line)]
    if starts == []:
        return ()
    for level, pattern, contextual in _degree_patterns():
        for match in pattern.finditer(line) if starts is None else _matches_at(pattern, line, starts):
            if contextual and not _has_context(line, match):
                continue
            found.append(_DegreeMatch(level, match, _embedded(line, match, level)))
    # Of two overlapping names the longer is the one written ("High School Diploma", not "Diploma").
    kept = [
        m
        for m in found
        if not any(
            o is not m
            and o.match.start() < m.match.end()
            and m.match.start() < o.match.end()
            and len(o.match.group(0)) > len(m.match.group(0))
            for o in found
        )
    ]
    # "Master thesis", "Bachelor project": the word right after makes it a piece of work.
    return tuple(m for m in kept if not _WORK_AFTER.match(line, m.match.end()))


def degree_levels(text: str) -> list[EducationLevel]:
    """The degree levels ``text`` names ("BS/MS in Statistics": master, bachelor), highest first."""
    return [found.level for found in _degree_matches(text) if not found.embedded]


def _degree(line: str) -> tuple[EducationLevel, re.Match[str]] | None:
    """The degree a line names: the highest level, the earliest of equals; None if it names none."""
    named = [m for m in _degree_matches(line) if not m.embedded]
    if not named:
        return None
    best = min(named, key=lambda m: (_LEVEL_RANK[m.level], m.match.start()))
    return best.level, best.match


# Levels in their declared order, highest first: the rank min() sorts by (no list per call).
_LEVEL_RANK = {level: rank for rank, level in enumerate(EducationLevel)}


def _is_grade(fragment: str) -> bool:
    return bool(_GRADE.search(fragment))


def _clean_field(text: str) -> str:
    text = text.strip(" .,-–—:;|·•")
    # An unbalanced bracket left by the cut: "Computer Science)" / "(Hons".
    if text.count(")") > text.count("("):
        text = text.replace(")", "")
    if text.count("(") > text.count(")"):
        text = text.replace("(", "")
    return text.strip(" .,-–—:;|·•")


def _field_and_degree(line: str, match: re.Match[str]) -> tuple[str, str | None]:
    degree_end = match.end()
    after = line[degree_end:]
    # "Master of Science in X": "of <kind>" is part of the degree's name; "MSc Mathematics" is not.
    kind = _DEGREE_KIND.match(after)
    if kind and (after.lstrip().lower().startswith("of ") or match.group(0).lower().rstrip(".").endswith("of")):
        degree_end += kind.end()
    honours = _HONOURS.match(line[degree_end:])
    if honours:
        degree_end += honours.end()
    # "Bachelor of Engineering (B.E.)": the short form in brackets repeats the degree.
    short = _BRACKETED.match(line, degree_end)
    if short and _degree(short.group(1)) is not None:
        degree_end = short.end()
    degree = _TRAILING_CONNECTOR.sub("", line[match.start() : degree_end].strip(" ,"))
    if match.group(0).rstrip().lower().endswith((" in", " of")):
        degree_end = match.start() + len(degree)  # "BS IN X": the "in" leads the field
    # "Data Science Bootcamp": a field can come before a degree word that ends its phrase.
    before = line[: match.start()]
    lead = _FRAGMENT_START.match(before)
    prefix = before[lead.end() :] if lead else before
    if (
        prefix.strip()
        and not any(map(str.isdigit, prefix))
        and _is_field(prefix)
        and not _is_institution(prefix)
        and not _is_board(prefix)
        and not _degree_matches(prefix)
    ):
        return degree, _clean_field(prefix)
    rest = line[degree_end:]
    lead_match = _FIELD_LEAD.match(rest)
    separator = (lead_match.group("sep") or "").strip().lower() if lead_match else ""
    rest = rest[lead_match.end() :] if lead_match else rest
    end = _FIELD_END.search(rest)
    candidate = _clean_field(rest[: end.start()] if end else rest)
    if (
        not candidate
        or len(candidate) > 60
        or _is_institution(candidate)
        or _is_board(candidate)
        or _is_grade(candidate)
        or _degree_matches(candidate)
        or sum(map(str.isalpha, candidate)) < 2
        or set(_words(candidate)) <= _PROGRAMME_WORDS
    ):
        return degree, None
    # After a comma or a dash the phrase may be the school: "B.Tech, Manipal" names no field.
    if separator not in ("in", "of", "(", "") and not _is_field(candidate):
        return degree, None
    if separator == "" and split_fragments(candidate)[1] is not None:
        return degree, None  # "MS Boston, MA": a location
    return degree, candidate


def _without_dates(text: str) -> str:
    for found in find_date_ranges(text):
        text = text.replace(found.text, "\t")
    return text


def _fragments(text: str) -> list[str]:
    """The parts of a line between separators, dates removed; parts without letters dropped."""
    parts = (f.strip(_TRIM) for f in _SEPARATORS.split(_without_dates(text)))
    return [f for f in parts if len(f) > 1 and any(map(str.isalpha, f))]


def _is_table_heading(text: str) -> bool:
    words = _words(text.replace("/", " ").replace("|", " "))
    hits = sum(1 for w in words if w in _TABLE_HEADINGS)
    return hits >= 2 and hits >= len(words) / 2 and not _HAS_DIGIT.search(text) is not None


def _is_detail(text: str) -> bool:
    _, _, _, _, details = _vocabulary()
    words = _words(text)
    if not words:
        return True
    if len(words) > _MAX_DETAIL_WORDS:
        return True
    opening = " ".join(words[:3])
    if any(w in details for w in words[:2]) or any(d in opening for d in details if " " in d):
        return True
    lower = sum(1 for w in text.split() if w[:1].islower())
    if len(words) >= 5 and lower * 2 > len(words):
        return True  # prose: "Ranked 10th in the district science olympiad"
    label, colon, _ = text.partition(":")
    if colon and len(label.split()) <= 3 and not _is_institution(label):
        return True  # "Relevant courses: ...", "Thesis: ...", "Advisor: ..."
    fragments = _fragments(text)
    return bool(fragments) and all(_is_grade(f) for f in fragments)


def _kind(text: str) -> _Kind:
    if _is_table_heading(text):
        return _Kind.TABLE_HEADING
    if _degree(text) is not None:
        return _Kind.DEGREE
    has_date = bool(find_date_ranges(text))
    # A place ("Ithaca, NY") says nothing about the kind of line: a date line often carries one.
    fragments, _ = split_fragments(_without_dates(text))
    if any(_is_institution(f) and not _all_field_words(f) for f in fragments):
        return _Kind.INSTITUTION
    if _is_detail(text):
        return _Kind.DETAIL
    if has_date and sum(len(f.split()) for f in fragments) <= 2:
        return _Kind.DATE  # "Dec 2014 | Ithaca, NY", "Expected May 2027", "Grad. May 2011"
    if fragments and all(_all_field_words(f) for f in fragments):
        # "Computer Science and Engineering" on its own line; "College of Engineering" (a faculty).
        return _Kind.FIELD if not any(_is_institution(f) for f in fragments) else _Kind.DETAIL
    if _is_board(text):
        return _Kind.DEGREE if _has_year_or_grade(text) else _Kind.DETAIL
    return _Kind.OTHER


def _has_year_or_grade(text: str) -> bool:
    return bool(_YEAR.search(text) or _GRADE.search(text))


@dataclass
class _Group:
    lines: list[tuple[Line, _Kind]] = field(default_factory=list)

    def has(self, *kinds: _Kind) -> bool:
        return any(kind in kinds for _, kind in self.lines)

    @property
    def has_institution(self) -> bool:
        return any(
            kind is _Kind.INSTITUTION or (kind is _Kind.DEGREE and _names_institution(line.content))
            for line, kind in self.lines
        )

    @property
    def has_date(self) -> bool:
        return any(
            kind in (_Kind.DATE, _Kind.INSTITUTION, _Kind.DEGREE) and find_date_ranges(line.content)
            for line, kind in self.lines
        )


def _names_institution(text: str) -> bool:
    fragments = _fragments(text)
    return any(_is_institution(f) and not _degree(f) for f in fragments)


def _groups(lines: list[Line]) -> list[_Group]:
    kinds = [(line, _kind(line.content)) for line in lines]
    kinds = [(line, kind) for line, kind in kinds if kind is not _Kind.TABLE_HEADING]
    opening = next(
        (kind for _, kind in kinds if kind in (_Kind.DEGREE, _Kind.INSTITUTION, _Kind.DATE, _Kind.OTHER)), None
    )
    # A name the vocabulary does not know opens entries like a known one.
    names = (_Kind.INSTITUTION, _Kind.OTHER)
    groups: list[_Group] = []
    for line, kind in kinds:
        current = groups[-1] if groups else None
        if current is None and kind is _Kind.DETAIL:
            continue  # a note above the first entry belongs to none
        starts = current is None or (
            (kind is _Kind.DEGREE and current.has(_Kind.DEGREE))
            or (kind is _Kind.INSTITUTION and current.has_institution)
            or (kind is _Kind.DATE and current.has_date)
            or (current.has(_Kind.DEGREE) and kind is not _Kind.DEGREE and opening in names and kind in names)
            or (current.has(_Kind.DEGREE) and opening is _Kind.DATE and kind is _Kind.DATE)
        )
        if kind is _Kind.DEGREE and current is not None and not current.has(_Kind.DEGREE):
            # "Anna University" / "B.E." / ...: the degree joins the names above it, unless degrees
            # open the entries here or it names its own school.
            starts = opening is _Kind.DEGREE or (current.has_institution and _names_institution(line.content))
        if kind in (_Kind.DETAIL, _Kind.FIELD) and current is not None:
            starts = False
        if starts:
            groups.append(_Group())
        groups[-1].lines.append((line, kind))
    return groups


def _level_hint(texts: list[str]) -> EducationLevel | None:
    """The level of an entry that names no degree: a school or a board means secondary."""
    for text in texts:
        if _is_school(text) or _is_board(text):
            return EducationLevel.SECONDARY
        for found in _degree_matches(text):
            if found.level is EducationLevel.SECONDARY:
                return found.level
    return None


def _year(group: _Group) -> int | None:
    """The graduation year: the end of the entry's range ("2014 - 2018" -> 2018), the latest date."""
    years: list[int] = []
    for preferred in (True, False):
        for line, kind in group.lines:
            if (kind is not _Kind.DETAIL) is preferred:
                for found in find_date_ranges(line.content):
                    if found.end is not None:
                        years.append(found.end.year)
                    elif not found.is_current:
                        years.append(found.start.year)
        if years:
            return max(years)
    return None


def _degree_line(group: _Group) -> tuple[EducationLevel | None, str | None, str | None, int]:
    """(level, degree, field, index of its line) of the group's first degree line; a field on the
    line right after a degree that names none counts."""
    for index, (line, kind) in enumerate(group.lines):
        found = _degree(line.content) if kind is _Kind.DEGREE else None
        if found:
            degree, field_name = _field_and_degree(line.content, found[1])
            if field_name is None and index + 1 < len(group.lines):
                following, following_kind = group.lines[index + 1]
                if following_kind is _Kind.FIELD:
                    field_name = _clean_field(following.content)
            return found[0], degree, field_name, index
    return None, None, None, -1


def _names(
    group: _Group, degree_index: int, degree: str | None, field_name: str | None
) -> tuple[list[str], list[str], list[str]]:
    """The names the group's lines hold: institutions, boards and others, in order."""
    named: list[str] = []
    boards: list[str] = []
    others: list[str] = []
    for index, (line, kind) in enumerate(group.lines):
        if kind in (_Kind.DETAIL, _Kind.FIELD):
            continue
        content = line.content
        if index == degree_index:
            # The degree and the field are said; the rest of the line may name the school:
            # "MCA from Bangalore University in 2015".
            for said in (degree, field_name):
                if said:
                    content = content.replace(said, "\t", 1)
        for raw in _fragments(content):
            fragment = _EDGE_CONNECTORS.sub("", raw).strip(_TRIM)
            if len(fragment) < 2 or set(_words(fragment)) <= _PROGRAMME_WORDS:
                continue  # "Bachelor's degree in X": "degree" names nothing
            if index == degree_index and _degree(fragment):
                continue
            if _is_grade(fragment) or (field_name is not None and fragment == field_name):
                continue
            if _is_institution(fragment):
                named.append(fragment)
            elif _is_board(fragment):
                boards.append(fragment)
            elif not _degree(fragment) and not _all_field_words(fragment):
                others.append(fragment)
    return named, boards, others


def _entry(group: _Group) -> EducationEntry | None:
    level, degree, field_name, degree_index = _degree_line(group)
    named, boards, others = _names(group, degree_index, degree, field_name)
    if named:
        institution: str | None = named[0]
    elif others and (level is not None or len(group.lines) > 1 or group.lines[0][1] is _Kind.OTHER):
        institution = others[0]
    elif boards and level is not None:
        institution = boards[0]  # a board is the institution only when no school is named
    else:
        institution = None
    if level is None:
        level = _level_hint([line.content for line, _ in group.lines])
    if level is None and not named:
        return None  # a name the vocabulary does not know, with no degree: not evidence of education
    first, last = group.lines[0][0], group.lines[-1][0]
    return EducationEntry(
        level=level,
        degree=degree,
        field=field_name,
        institution=institution,
        year=_year(group),
        span=Span(start=first.start, end=last.end),
    )


def _is_fragmentary(text: str) -> bool:
    """A short run of capitalised words that names nothing by itself ("Northumbria Vale", "Technische")."""
    words = text.split()
    return (
        0 < len(words) <= _MAX_WRAPPED_WORDS
        and not any(c.isdigit() or c == "," for c in text)
        and split_fragments(text)[1] is None  # "Boston MA": a place, not the start of a name
        and not _is_detail(text)  # "Dean's List", "Magna Cum Laude"
        and all(w[:1].isupper() or w.lower() in _CONNECTORS for w in words)
        and not _is_institution(text)
        and not _is_board(text)
        and not _all_field_words(text)  # "Administration": the end of a wrapped field, not a name
        and _degree(text) is None
    )


def _continues_text(before: str, after: str) -> bool:
    """Whether ``after`` carries on the name or degree ``before`` broke off: a narrow column or a
    table cell wraps "University of" / "Wexham", "BEng in" / "Accounting and" / "Finance",
    "Ridgefield Institute" / "of Technology", "Northumbria Vale" / "University", "High School" /
    "Diploma"."""
    if not before or not after or any(map(str.isdigit, after[:1])):
        return False
    if find_date_ranges(before) or find_date_ranges(after) or _is_table_heading(before) or _is_table_heading(after):
        return False
    joined = f"{before} {after}"
    if any(m.match.start() < len(before) < m.match.end() for m in _degree_matches(joined)):
        return True  # one degree's name over two lines: "High School" / "Diploma"
    if _degree(after) is not None:
        return False  # a new degree
    if _OPEN_END.search(before):
        return True
    if _is_detail(after):
        return False  # "cum laude", "GPA: 3.8", "Thesis: ...": a line of its own
    if _OPEN_START.match(after):
        return True
    found = _degree(before)
    if found and _all_field_words(after) and not _is_institution(after):
        # "BTS in Business" / "Administration": a field begun on the line above wrapped (after a
        # bare "Bachelor of Technology" a line of field words is the field, a line of its own).
        return _field_and_degree(before, found[1])[1] is not None
    # "Kingsbridge" / "College London": the institution word comes on the second line.
    first = _words(after)[:1]
    return bool(first) and _is_institution(first[0]) and _is_fragmentary(before)


def _continues(previous: Line, line: Line) -> bool:
    """Whether ``line`` is the wrapped rest of ``previous`` (see ``_continues_text``)."""
    before, after = previous.content, line.content
    if line.bullet or _CELL_SEPARATOR.search(before) or _CELL_SEPARATOR.search(after):
        return False  # a new item, or a table row that keeps its own cells apart
    return _continues_text(before, after)


def _join_wrapped(lines: list[Line]) -> list[Line]:
    """Lines with wrapped names joined back into one line each (offsets span both)."""
    joined: list[Line] = []
    for line in lines:
        if joined and _continues(joined[-1], line):
            previous = joined.pop()
            line = Line(previous.start, line.end, f"{previous.text} {line.content}")
        joined.append(line)
    return joined


def _cells(text: str) -> list[str]:
    return [c.strip() for c in _CELL_SEPARATOR.split(text) if c.strip()]


def _heading_cells(text: str) -> list[str] | None:
    """The column headings of a table's heading row ("Degree", "Year<tab>Score", "Qualification |
    Board/University | Year | %"); None when the line is not one."""
    return _headings_among(text, _cells(text))


def _headings_among(text: str, cells: list[str]) -> list[str] | None:
    """:func:`_heading_cells` of a line whose cells are already split."""
    if not cells or _HAS_DIGIT.search(text) is not None:
        return None
    for cell in cells:
        if cell == "%":
            continue
        words = _words(cell.replace("/", " "))
        # Connectors only inside a heading ("Year of Passing"): "University of" is a wrapped name.
        if not (
            0 < len(words) <= 4
            and words[0] in _TABLE_HEADINGS
            and words[-1] in _TABLE_HEADINGS
            and all(w in _TABLE_HEADINGS or w in _CONNECTORS for w in words)
        ):
            return None
    return cells


def _row_line(parts: list[Line], text: str) -> Line:
    """A table row rebuilt from lines that may lie apart: it spans them all."""
    return Line(min(p.start for p in parts), max(p.end for p in parts), text)


def _column_cells(lines: list[Line], position: int, count: int) -> tuple[list[tuple[str, list[Line]]], int] | None:
    """``count`` cells of a column read one cell after another from ``lines[position:]``, wrapped
    cells joined back; with the position after the last. None when the column is shorter."""
    cells: list[tuple[str, list[Line]]] = []
    while position < len(lines) and len(cells) < count:
        line = lines[position]
        if cells and _cells(line.content) == [line.content] and _continues_text(cells[-1][0], line.content):
            text, parts = cells[-1]
            cells[-1] = (f"{text} {line.content}", [*parts, line])
        elif _heading_cells(line.content) is not None and not cells:
            return None
        else:
            cells.append((line.content, [line]))
        position += 1
    # The last cell may still wrap onto the next line ("Northumbria Vale" / "University").
    while cells and position < len(lines) and _continues(cells[-1][1][-1], lines[position]):
        text, parts = cells[-1]
        cells[-1] = (f"{text} {lines[position].content}", [*parts, lines[position]])
        position += 1
    return (cells, position) if len(cells) == count else None


def _column_major(lines: list[Line]) -> list[Line] | None:
    """A table some PDF readers give column after column: "Degree", its cells, "Institution", its
    cells, "Year<tab>Score", its rows. The rows rebuilt ("PhD in Economics | University of Wexham
    | 2013"), then the lines no column took; None when the section is not such a table.

    The qualification column fixes the row count (each of its cells opens with a degree name);
    every later column gives that many cells in order, lines between columns left as they were.
    """
    if len(lines) < 4:
        return None
    headings = _heading_cells(lines[0].content)
    if not headings or len(headings) != 1 or not set(_words(headings[0])) & _QUALIFICATION_HEADINGS:
        return None
    degrees: list[tuple[str, list[Line]]] = []
    position = 1
    while position < len(lines) and _heading_cells(lines[position].content) is None:
        line = lines[position]
        if degrees and (_continues_text(degrees[-1][0], line.content) or _degree(line.content) is None):
            text, parts = degrees[-1]
            degrees[-1] = (f"{text} {line.content}", [*parts, line])
        elif _degree(line.content) is not None:
            degrees.append((line.content, [line]))
        else:
            return None  # the first cell names no degree: not a qualification column
        position += 1
    if not degrees or position >= len(lines):
        return None
    rows: list[list[tuple[str, list[Line]]]] = [[cell] for cell in degrees]
    leftover: list[Line] = []
    while position < len(lines):
        heading = _heading_cells(lines[position].content)
        if heading is None:
            leftover.append(lines[position])  # another column of the page, read in between
            position += 1
            continue
        column = _column_cells(lines, position + 1, len(rows))
        if column is None:
            return None
        cells, position = column
        for row, cell in zip(rows, cells, strict=True):
            row.append(cell)
    if all(len(row) == 1 for row in rows):
        return None
    rebuilt = [_row_line([p for _, parts in row for p in parts], " | ".join(t for t, _ in row)) for row in rows]
    return rebuilt + leftover


def _wrapped_rows(lines: list[Line]) -> list[Line]:
    """Table rows whose cells wrap over several lines joined back into one line a row.

    Under a heading row of two or more columns ("Degree<tab>Institution"), a line whose first cell
    carries on the row above's first cell ("M.Sc. in<tab>Northumbria Vale" / "Information<tab>
    University" / "Technology") is more of that row: its cells are added column by column.
    """
    out: list[Line] = []
    width = 0  # columns of the table being read; 0 outside a table
    rows: list[tuple[list[str], list[Line]]] = []

    def flush() -> None:
        # A row on one line stays as written; a wrapped one becomes one line, its cells tab-separated.
        out.extend(parts[0] if len(parts) == 1 else _row_line(parts, "\t".join(cells)) for cells, parts in rows)
        rows.clear()

    for line in lines:
        cells = _cells(line.content)  # split once: the heading test and the row read the same cells
        headings = _headings_among(line.content, cells)
        if headings is not None:
            flush()
            width = len(headings) if len(headings) > 1 else 0
            out.append(line)
            continue
        if not cells:  # a rule drawn with pipes: no cell to add
            flush()
            out.append(line)
            continue
        # A lone cell may carry on any column ("University" under "Northumbria Vale"); several
        # cells line up from the first column.
        offset = next(
            (
                index
                for index, cell in enumerate(rows[-1][0] if width and rows and len(cells) == 1 else [])
                if _continues_text(cell, cells[0])
            ),
            0,
        )
        # A bulleted line opens an item of its own: it never carries on a wrapped cell.
        continues = not line.marker and _continues_text(rows[-1][0][offset], cells[0]) if width and rows else False
        if continues and len(cells) + offset <= width:
            current, parts = rows[-1]
            for index, cell in enumerate(cells, start=offset):
                if index < len(current):
                    current[index] = f"{current[index]} {cell}"
                else:
                    current.append(cell)
            parts.append(line)
        elif width and len(cells) > 1:
            rows.append((cells, [line]))
        else:
            flush()  # a note inside the table ("Thesis: ..."): the table may go on below it
            out.append(line)
    flush()
    return out


def _section_lines(lines: list[Line]) -> list[Line]:
    """The section's lines with tables put back into rows and wrapped lines joined."""
    return _join_wrapped(_column_major(lines) or _wrapped_rows(lines))


def find_education(text: str, start: int, end: int) -> list[EducationEntry]:
    """Entries of one education section body ``text[start:end]``."""
    entries = []
    for group in _groups(_section_lines(split_lines(text, start, end))):
        entry = _entry(group)
        if entry is not None:
            entries.append(entry)
    return entries
