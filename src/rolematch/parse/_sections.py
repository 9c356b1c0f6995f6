"""Sections from their headings, in the many spellings and casings resumes use."""

from __future__ import annotations

import functools
import re

from .._data import parsing_vocabulary
from ..resume import Section, SectionKind, Span
from ._lines import Line, split_lines

__all__ = ["find_sections", "heading_kind"]

_DECORATION = re.compile(r"[\s:|#*=_~.\-–—•◦]+")
_MAX_HEADING_WORDS = 6
# Kinds whose body commonly holds "Label: items" lines that must not start new sections.
_NO_INLINE_INSIDE = {SectionKind.EXPERIENCE, SectionKind.PROJECTS, SectionKind.SKILLS}


def _normalise(text: str) -> str:
    return _DECORATION.sub(" ", text.lower().replace("&", " and ")).strip()


@functools.cache
def _heading_table() -> dict[str, SectionKind]:
    table: dict[str, SectionKind] = {}
    for kind, phrases in parsing_vocabulary().section_headings.items():
        for phrase in phrases:
            table.setdefault(_normalise(phrase), kind)
    return table


def heading_kind(line: str) -> SectionKind | None:
    """The section kind a whole line names, or None when it is not a heading."""
    if len(line) > 60 or line.count(" ") >= _MAX_HEADING_WORDS or line.startswith(("• ", "◦ ")):
        return None
    if line.rstrip().endswith((".", ",")):
        return None
    return _heading_table().get(_normalise(line))


def _inline_heading(line: Line) -> SectionKind | None:
    """A "Skills: Python, SQL" line: a heading phrase, a colon, then content."""
    head, colon, rest = line.text.partition(":")
    if not colon or not rest.strip() or line.bullet:
        return None
    return heading_kind(head)


def find_sections(text: str) -> list[Section]:
    """Sections in document order; text before the first heading is the ``header`` section."""
    lines = split_lines(text)
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
