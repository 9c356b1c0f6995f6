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


def bullet_length(text: str) -> int:
    """Characters of the bullet (glyph and the spaces after it) that open ``text``; 0 when none."""
    for glyph in BULLETS:
        if text.startswith(glyph):
            return 2
    if text and unicodedata.category(text[0]) in _BULLET_CATEGORIES and len(text) > 1:
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

    @property
    def bullet(self) -> str | None:
        """The bullet glyph this line starts with, if any."""
        return self.text[0] if bullet_length(self.text) else None

    @property
    def content_start(self) -> int:
        """Offset of the first character after any bullet."""
        return self.start + bullet_length(self.text)

    @property
    def content(self) -> str:
        """The text after any bullet."""
        return self.text[bullet_length(self.text) :]


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
            lines.append(Line(position + lead, position + trail, chunk[lead:trail]))
        position = line_end + 1
    return lines
