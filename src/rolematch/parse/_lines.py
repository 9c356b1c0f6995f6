"""Lines of the resume text with their offsets: the unit the structural parsers work on."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["BULLETS", "Line", "split_lines"]

# After clean-up, filled bullets are "•" and hollow ones "◦"; plain-text resumes also use these.
BULLETS = ("• ", "◦ ", "- ", "* ", "– ", "+ ", "> ")


@dataclass(frozen=True, slots=True)
class Line:
    """One line: its text (stripped by the reader's clean-up) and offsets into the resume text."""

    start: int
    end: int
    text: str

    @property
    def bullet(self) -> str | None:
        """The bullet glyph this line starts with, if any."""
        for glyph in BULLETS:
            if self.text.startswith(glyph):
                return glyph[0]
        return None

    @property
    def content_start(self) -> int:
        """Offset of the first character after any bullet."""
        return self.start + (2 if self.bullet else 0)

    @property
    def content(self) -> str:
        """The text after any bullet."""
        return self.text[2:] if self.bullet else self.text


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
