"""Education entries: degree level, field, institution and year."""

from __future__ import annotations

import functools
import re

from .._data import parsing_vocabulary
from ..resume import EducationEntry, EducationLevel, Span
from ._dates import find_date_ranges
from ._experience import split_fragments
from ._lines import Line, split_lines

__all__ = ["find_education"]

# "Bachelor of Science", "Master of Engineering", ...: the degree's kind, part of its name.
_DEGREE_KIND = re.compile(
    r"^\s*(?:of\s+)?(?:(?:the\s+)?(?:applied\s+)?(?:science|arts|engineering|technology|business administration"
    r"|fine arts|philosophy|laws|education|commerce|computer applications|mathematics|music|design"
    r"|public health|public policy|information technology))\b(?=\s*(?:in|,|-|–|—|:|\(|;|\||$|\t))",
    re.IGNORECASE,
)
_FIELD_LEAD = re.compile(r"^\s*(?:'s)?\s*(?:degree)?\s*(?:in|of|,|-|–|—|:|\()?\s*", re.IGNORECASE)
_FIELD_END = re.compile(
    r"\s*(?:[;|(\t]|,|\s[-–—]\s|\bGPA\b|\bgrade\b|\bminor\b|\bat\b|\bfrom\b|\bcgpa\b|\d)", re.IGNORECASE
)


@functools.cache
def _degree_patterns() -> list[tuple[EducationLevel, re.Pattern[str]]]:
    patterns = []
    for level in EducationLevel:
        names = parsing_vocabulary().degrees.get(level)
        if names is None:
            continue
        insensitive = "|".join(re.escape(p) for p in sorted(names.patterns, key=len, reverse=True))
        alternatives = [rf"(?i:{insensitive})\.?"]
        if names.case_sensitive:
            sensitive = "|".join(re.escape(p) for p in names.case_sensitive)
            # ", MA" / ", MS" after a city are state codes, not degrees.
            alternatives.append(rf"(?<!, )(?:{sensitive})\.?")
        patterns.append((level, re.compile(rf"(?<![A-Za-z])(?:{'|'.join(alternatives)})(?![A-Za-z])")))
    return patterns


@functools.cache
def _institution_words() -> frozenset[str]:
    return frozenset(w.lower() for w in parsing_vocabulary().institution_words)


def _degree(line: str) -> tuple[EducationLevel, re.Match[str]] | None:
    for level, pattern in _degree_patterns():
        match = pattern.search(line)
        if match:
            return level, match
    return None


def _is_institution(fragment: str) -> bool:
    words = {w.strip(".,()").lower() for w in fragment.split()}
    return bool(words & _institution_words())


_FRAGMENT_START = re.compile(r".*(?:[,|\t;(]|\s[-–—]\s)")


def _field_and_degree(line: str, match: re.Match[str]) -> tuple[str, str | None]:
    degree_end = match.end()
    after = line[degree_end:]
    # "Master of Science in X": "of <kind>" is part of the degree's name; "MSc Mathematics" is not.
    kind = _DEGREE_KIND.match(after)
    if kind and (after.lstrip().lower().startswith("of ") or match.group(0).lower().endswith("of")):
        degree_end += kind.end()
    degree = line[match.start() : degree_end].strip(" ,")
    # "Data Science Bootcamp": the field comes before a degree word that ends its phrase.
    before = line[: match.start()]
    lead = _FRAGMENT_START.match(before)
    prefix = before[lead.end() :] if lead else before
    if prefix.strip() and any(c.isalpha() for c in prefix) and not _is_institution(prefix):
        return degree, prefix.strip(" .,-–—:")
    rest = line[degree_end:]
    lead = _FIELD_LEAD.match(rest)
    rest = rest[lead.end() :] if lead else rest
    end = _FIELD_END.search(rest)
    field = rest[: end.start()] if end else rest
    field = field.strip(" .,-–—:")
    if not field or _is_institution(field) or len(field) > 60:
        return degree, None
    return degree, field


def _groups(lines: list[Line]) -> list[list[Line]]:
    degree_lines = [i for i, line in enumerate(lines) if _degree(line.content)]
    if not degree_lines:
        return [lines] if lines else []
    degree_first = degree_lines[0] == 0
    groups: list[list[Line]] = []
    pending: list[Line] = []
    for i, line in enumerate(lines):
        if i in degree_lines:
            groups.append([*pending, line])
            pending = []
        elif degree_first and groups:
            groups[-1].append(line)
        else:
            pending.append(line)
    if pending:
        groups[-1].extend(pending)
    return groups


def _entry(group: list[Line]) -> EducationEntry | None:
    level = None
    degree = field = institution = None
    for line in group:
        found = _degree(line.content)
        if found and level is None:
            level = found[0]
            degree, field = _field_and_degree(line.content, found[1])
    years = [r.end.year if r.end else r.start.year for line in group for r in find_date_ranges(line.content)]
    candidates: list[str] = []
    for line in group:
        content = line.content
        for r in find_date_ranges(content):
            content = content.replace(r.text, "\t")
        fragments, _ = split_fragments(content)
        if degree is not None:
            fragments = [f for f in fragments if degree not in f and (field is None or field != f)]
        candidates.extend(fragments)
    named = [f for f in candidates if _is_institution(f)]
    if named:
        institution = named[0]
    elif candidates and (group[0].content != group[-1].content or level is None):
        institution = candidates[0]
    if level is None and institution is None:
        return None
    return EducationEntry(
        level=level,
        degree=degree,
        field=field,
        institution=institution,
        year=max(years) if years else None,
        span=Span(start=group[0].start, end=group[-1].end),
    )


def find_education(text: str, start: int, end: int) -> list[EducationEntry]:
    """Entries of one education section body ``text[start:end]``."""
    lines = split_lines(text, start, end)
    entries = []
    for group in _groups(lines):
        entry = _entry(group)
        if entry is not None:
            entries.append(entry)
    return entries
