"""Lines of the resume text with their offsets: the unit the structural parsers work on."""

from __future__ import annotations

import bisect
import operator
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["BULLETS", "Line", "bullet_length", "split_lines"]

# After clean-up, filled bullets are "•" and hollow ones "◦"; plain-text resumes also use these.
BULLETS = ("• ", "◦ ", "- ", "* ", "– ", "+ ", "> ")
# Beyond those, any symbol or private-use glyph that opens a line is a bullet: word processors and
# exports use dingbats, geometric shapes and Wingdings code points (〓, , ❖, ➢, ▪) that no
# list can foresee. Letters, digits, brackets and quotes never are.
_BULLET_CATEGORIES = frozenset({"So", "Sm", "Co"})
# Maths symbols that open table rows and rules, not list items ("| 2021 | Acme |", "=====").
_NOT_BULLETS = frozenset("|=<~¬")


def bullet_length(text: str) -> int:
    """Characters of the bullet (glyph and the spaces after it) that open ``text``; 0 when none."""
    if not text or text[0].isalnum():
        return 0  # most lines: one C call
    for glyph in BULLETS:
        if text.startswith(glyph):
            return 2
    if len(text) > 1 and text[0] not in _NOT_BULLETS and unicodedata.category(text[0]) in _BULLET_CATEGORIES:
        rest = text[1:]
        if rest[0].isspace() or unicodedata.category(text[0]) == "Co":
            return 1 + len(rest) - len(rest.lstrip())
    return 0


@dataclass(frozen=True, slots=True)
class Line:
    """One line: its text (stripped by the reader's clean-up) and offsets into the resume text."""

    start: int
    end: int
    text: str
    marker: int = -1  # characters of the opening bullet; computed once, on construction

    def __post_init__(self) -> None:
        if self.marker < 0:
            object.__setattr__(self, "marker", bullet_length(self.text))

    @property
    def bullet(self) -> str | None:
        """The bullet glyph this line starts with, if any."""
        return self.text[0] if self.marker else None

    @property
    def content_start(self) -> int:
        """Offset of the first character after any bullet."""
        return self.start + self.marker

    @property
    def content(self) -> str:
        """The text after any bullet."""
        return self.text[self.marker :] if self.marker else self.text


# A line's content: from its first non-blank character to its last (``\S`` is ``str.isspace``'s
# complement, so this is ``line.strip()``), one match per non-blank line, found in one scan.
_CONTENT = re.compile(r"\S(?:[^\n]*\S)?")


def _scan(text: str, start: int, end: int) -> list[Line]:
    # Most lines open with a letter or a digit: no bullet, and no call to find that out.
    return [
        Line(m.start(), m.end(), line, 0 if line[0].isalnum() else bullet_length(line))
        for m in _CONTENT.finditer(text, start, end)
        for line in (m[0],)
    ]


# The lines of the last whole text split: the section, experience, education and contact passes
# each split a part of the same text, and their lines are the same Line objects. One tuple,
# replaced whole, so threads never see half of it.
_last: tuple[str, list[Line]] | None = None
_START = operator.attrgetter("start")
_END = operator.attrgetter("end")


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """Non-blank lines of ``text[start:end]`` with absolute offsets."""
    global _last  # a one-entry cache
    end = len(text) if end is None else end
    last = _last
    if last is None or last[0] is not text:
        if start or end != len(text):
            return _scan(text, start, end)
        lines = _scan(text, 0, end)
        _last = (text, lines)
        return list(lines)
    lines = last[1]
    # Lines wholly inside the range are the whole text's; a line the range cuts is split anew.
    first = bisect.bisect_left(lines, start, key=_START)
    after = max(first, bisect.bisect_right(lines, end, key=_END))
    head_end = min(lines[first].start, end) if first < len(lines) else end
    tail_start = lines[after - 1].end if after > first else head_end
    # The cut ends are usually empty (a section body starts and ends at line edges): no scan there.
    head = _scan(text, start, head_end) if start < head_end else []
    tail = _scan(text, tail_start, end) if tail_start < end else []
    return [*head, *lines[first:after], *tail]
