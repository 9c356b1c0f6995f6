"""Sections from their headings, in the many spellings and casings resumes use."""

from __future__ import annotations

import functools
import re

from .._data import parsing_vocabulary
from ..resume import Section, SectionKind, Span
from ._dates import find_date_ranges
from ._experience import organization_score, split_fragments, title_score
from ._lines import Line, split_lines

__all__ = ["find_sections", "heading_kind"]

_HAS_DIGIT = re.compile(r"\d")

_DECORATION = re.compile(r"[\s:|#*=_~.\-–—•◦]+")
_MAX_HEADING_WORDS = 6
# Kinds whose body commonly holds "Label: items" lines that must not start new sections.
_NO_INLINE_INSIDE = {SectionKind.EXPERIENCE, SectionKind.PROJECTS, SectionKind.SKILLS}
# Kinds whose capitalised lines are usually sub-headings of their own ("PROGRAMMING", "GRADUATE").
_SUBHEADED_KINDS = {SectionKind.SKILLS, SectionKind.COURSEWORK, SectionKind.EDUCATION}


def _normalise(text: str) -> str:
    return _DECORATION.sub(" ", text.lower().replace("&", " and ")).strip()


@functools.cache
def _heading_table() -> dict[str, SectionKind]:
    table: dict[str, SectionKind] = {}
    for kind, phrases in parsing_vocabulary().section_headings.items():
        for phrase in phrases:
            table.setdefault(_normalise(phrase), kind)
    return table


@functools.cache
def _head_words() -> dict[str, SectionKind]:
    return {word.lower(): kind for kind, words in parsing_vocabulary().section_head_words.items() for word in words}


_MAX_HEAD_WORD_HEADING = 5


def _kind_by_last_word(line: str) -> SectionKind | None:
    """An unlisted heading named by its last word ("Contract Experience"), when set as a heading."""
    words = line.rstrip(":").split()
    if not words or len(words) > _MAX_HEAD_WORD_HEADING:
        return None
    last = words[-1].strip(":.").lower()
    kind = _head_words().get(last) or _head_words().get(last.removesuffix("s"))  # "Experiences"
    if kind is None or _HAS_DIGIT.search(line) is not None:
        return None
    styled = _all_caps(line) or all(w[:1].isupper() or w.lower() in _SMALL_WORDS for w in words)
    return kind if styled else None


_SMALL_WORDS = frozenset({"and", "of", "the", "in", "&", "for", "with", "or"})


@functools.cache
def _spaceless_table() -> dict[str, SectionKind]:
    return {phrase.replace(" ", ""): kind for phrase, kind in _heading_table().items()}


@functools.lru_cache(maxsize=8192)
def heading_kind(line: str) -> SectionKind | None:
    """The section kind a whole line names, or None when it is not a heading.

    Letter-spaced headings ("E X P E R I E N C E", or "EXPER IENCE" where a PDF reader split a
    tracked-out word) are read without their spaces when the line is in capitals. Memoised by the
    line: every line of every resume is asked, and headings and boilerplate lines recur.
    """
    if len(line) > 60 or line.startswith(("• ", "◦ ")) or line.rstrip().endswith((".", ",")):
        return None
    if line.count(" ") < _MAX_HEADING_WORDS:
        kind = _heading_table().get(_normalise(line))
        if kind is not None:
            return kind
    if _all_caps(line):
        kind = _spaceless_table().get(_normalise(line).replace(" ", ""))
        if kind is not None:
            return kind
    return _kind_by_last_word(line)


def _inline_heading(line: Line) -> SectionKind | None:
    """A "Skills: Python, SQL" line: a heading phrase, a colon, then content."""
    head, colon, rest = line.text.partition(":")
    if not colon or not rest.strip() or line.bullet:
        return None
    return heading_kind(head)


_MAX_STYLED_WORDS = 5
_TOP_LINES = 3  # the name and title lines at the top are never headings
_DATES_AHEAD = 3  # a job or school header has its dates within this many lines


def _all_caps(text: str) -> bool:
    # str.isupper: every cased character is upper case and there is one (C speed, per line).
    return text.isupper() and sum(1 for c in text if c.isalpha()) >= 3


def _styled_heading(lines: list[Line], index: int) -> bool:
    """An unknown line set like the document's own headings (all capitals, alone on its line).

    Side columns carry headings no vocabulary foresees ("MOST PROUD OF", "A DAY OF MY LIFE"). A
    line in the same style as the recognised headings is one too, unless it reads as a job or
    school header: title or organisation words, a place, digits, or dates in the lines below.
    """
    line = lines[index]
    if not line.text.isupper():
        return False  # most lines, at C speed
    text = line.text.rstrip(":").strip()
    words = text.split()
    if index < _TOP_LINES or line.bullet or not words or len(words) > _MAX_STYLED_WORDS:
        return False
    if not _all_caps(text) or _HAS_DIGIT.search(text) is not None or text.endswith((".", ",", ";")):
        return False
    if title_score(text) > 0 or organization_score(text) > 0 or split_fragments(text)[1] is not None:
        return False
    ahead = lines[index + 1 : index + 1 + _DATES_AHEAD]
    return bool(ahead) and not any(find_date_ranges(following.text) for following in ahead)


def _heading_starts(lines: list[Line]) -> list[tuple[Line, SectionKind, bool]]:
    starts: list[tuple[Line, SectionKind, bool]] = []  # line, kind, heading is inline
    current: SectionKind = SectionKind.HEADER
    for line in lines:
        kind = heading_kind(line.text)
        inline = False
        if kind is None and current not in _NO_INLINE_INSIDE:
            kind = _inline_heading(line)
            inline = kind is not None and kind is not current
            if not inline:
                kind = None
        if kind is not None:
            starts.append((line, kind, inline))
            current = kind
    return starts


def _styled_starts(
    lines: list[Line], starts: list[tuple[Line, SectionKind, bool]]
) -> list[tuple[Line, SectionKind, bool]]:
    """Add the unknown headings set in the style most recognised headings share (all capitals)."""
    whole = [line for line, _, inline in starts if not inline]
    if len(whole) < 2 or sum(_all_caps(line.text) for line in whole) * 2 <= len(whole):
        return starts
    known = {line.start for line, _, _ in starts}
    kinds = {line.start: kind for line, kind, _ in starts}
    merged = list(starts)
    current = SectionKind.HEADER
    for index, line in enumerate(lines):
        current = kinds.get(line.start, current)
        if line.start in known or current in _SUBHEADED_KINDS:
            continue
        if _styled_heading(lines, index):
            merged.append((line, SectionKind.OTHER, False))
    merged.sort(key=lambda start: start[0].start)
    return merged


def find_sections(text: str) -> list[Section]:
    """Sections in document order; text before the first heading is the ``header`` section."""
    lines = split_lines(text)
    starts = _styled_starts(lines, _heading_starts(lines))
    if not starts:
        if not text.strip():
            return []
        return [
            Section(
                kind=SectionKind.OTHER,
                heading=None,
                span=Span(start=0, end=len(text)),
                body=Span(start=0, end=len(text)),
            )
        ]

    sections: list[Section] = []
    first_start = starts[0][0].start
    if text[:first_start].strip():
        end = len(text[:first_start].rstrip())
        sections.append(
            Section(
                kind=SectionKind.HEADER,
                heading=None,
                span=Span(start=0, end=end),
                body=Span(start=0, end=end),
            )
        )
    for index, (line, kind, inline) in enumerate(starts):
        next_start = starts[index + 1][0].start if index + 1 < len(starts) else len(text)
        end = line.start + len(text[line.start : next_start].rstrip())
        if inline:
            colon = line.text.index(":")
            heading = line.text[:colon].strip()
            body_start = line.start + colon + 1
            body_start += len(text[body_start:end]) - len(text[body_start:end].lstrip())
        else:
            heading = line.text
            body_start = min(line.end + 1, end)
        sections.append(
            Section(
                kind=kind,
                heading=heading,
                span=Span(start=line.start, end=end),
                body=Span(start=body_start, end=max(body_start, end)),
            )
        )
    return sections
