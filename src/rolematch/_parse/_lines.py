"""Lines of the resume text with their offsets: the unit the structural parsers work on."""

from __future__ import annotations

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


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """Non-blank lines of ``text[start:end]`` with absolute offsets."""
    end = len(text) if end is None else end
    lines: list[Line] = []
    position = start
    while position < end:
        newline = text.find("\n", position, end)
        line_end = end if newline < 0 else newline
        chunk = text[position:line_end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk.rstrip())
            content = chunk[lead:trail]
            lines.append(Line(position + lead, position + trail, content, bullet_length(content)))
        position = line_end + 1
    return lines
