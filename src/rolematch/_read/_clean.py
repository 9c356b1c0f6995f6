"""Text repair shared by every reader: ligatures, hyphenation, bullets, odd whitespace."""

from __future__ import annotations

import re

__all__ = ["clean_text"]

# Line-end hyphen marks: PDFium's U+FFFE / U+0002 (a hyphen the layout broke a word at) keep a
# hyphen when rejoined, because resume compounds ("open-source", "cloud-native") break there far
# more often than hyphenated syllables; a soft hyphen was never visible, so it joins without one.
_HYPHEN_MARK = "\x00"
_SOFT_MARK = "\x01"

_TRANSLATE = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\ufffe": _HYPHEN_MARK,
        "\x02": _HYPHEN_MARK,
        "\u00ad": _SOFT_MARK,
        "\r": "\n",
        "\f": "\n\n",
        "\v": "\n",
        "\u2028": "\n",
        "\u2029": "\n\n",
        "\u00a0": " ",
        "\u1680": " ",
        **{chr(c): " " for c in range(0x2000, 0x200B)},
        "\u202f": " ",
        "\u205f": " ",
        "\u3000": " ",
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u200e": None,
        "\u200f": None,
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        # Symbol/Wingdings bullets that Word exports into the private use area.
        "\uf0b7": "•",
        "\uf0a7": "▪",
        "\uf076": "❖",
        "\uf0d8": "➢",
        "\uf0fc": "✓",
        "\uf0a8": "□",
        **{chr(c): None for c in range(0x00, 0x20) if chr(c) not in "\t\n\x00\x01\x02\f\v\r"},
        "\x7f": None,
    }
)

# Bullet glyphs, normalised to two families: filled ones and hollow ones (a resume often uses the
# second for sub-items, and the parser reads the difference).
_FILLED_BULLETS = "•●▪■◆►▸‣➢➤✓✔❖∙⁃⦁◼★"
_HOLLOW_BULLETS = "◦○□◇▫▹☐"
# A bullet opening a line (lines are stripped by then). Every pattern here opens with a literal or
# a character class, so the regular expression engine skips to candidates at C speed instead of
# trying each position of the text; the look-behinds put after that first character say where
# it must stand.
_BULLET_LINE = re.compile(rf"([{_FILLED_BULLETS}{_HOLLOW_BULLETS}])(?<=^.)[ \t]*", re.MULTILINE)
# Only the runs that change: one space between words is left alone (no call per word). A whole
# run of two or more, or a lone tab.
_SPACES = re.compile(r"[ \t](?:[ \t]+|(?<=\t))")
_BLANK_LINES = re.compile(r"\n\n\n+")
_MARK_AT_LINE_END = re.compile(rf"([{_HYPHEN_MARK}{_SOFT_MARK}])[ \t]*\n[ \t]*(\S*)")
# A visible hyphen at a line end between letters, continued by a lower-case word: the same break
# PDFium marks with U+FFFE, as pdfplumber and text exports show it.
_HYPHEN_AT_LINE_END = re.compile(r"-(?<=[A-Za-z]-)[ \t]*\n[ \t]*([a-z]\S*)")
# The characters _TRANSLATE maps: str.translate looks every character of the text up in its
# table (about 90 ns each once a bullet makes the text non-ASCII), so only their runs go through it.
_TRANSLATED = re.compile("[" + "".join(re.escape(chr(code)) for code in _TRANSLATE) + "]+")


def _translate(match: re.Match[str]) -> str:
    return match.group().translate(_TRANSLATE)


def _bullet(match: re.Match[str]) -> str:
    glyph = match.group(1)
    return ("◦" if glyph in _HOLLOW_BULLETS else "•") + " "


# Three spaces or more inside a line are a column gap in plain-text exports ("2016–2021    Acme
# Corp    Data Analyst"), as a tab is; two are often a sentence gap.
_COLUMN_GAP_SPACES = 3


def _spaces(match: re.Match[str]) -> str:
    run = match.group(0)
    return "\t" if "\t" in run or len(run) >= _COLUMN_GAP_SPACES else " "


def _rejoin(match: re.Match[str]) -> str:
    joiner = "-" if match.group(1) == _HYPHEN_MARK else ""
    return f"{joiner}{match.group(2)}\n"


def clean_text(text: str) -> str:
    """Repair extraction artefacts while keeping the line layout.

    Ligatures are expanded, broken words are rejoined on the first line (the rest of the line
    layout is kept), bullets are normalised to ``•`` / ``◦`` followed by one space, runs of
    spaces collapse (a run holding a tab, or of three spaces or more, becomes one tab), lines
    are stripped, and at most one blank line separates blocks.
    """
    text = _TRANSLATED.sub(_translate, text.replace("\r\n", "\n"))
    if _HYPHEN_MARK in text or _SOFT_MARK in text:
        text = _MARK_AT_LINE_END.sub(_rejoin, text)
        text = text.replace(_HYPHEN_MARK, "-").replace(_SOFT_MARK, "")
    text = _HYPHEN_AT_LINE_END.sub(r"-\1\n", text)
    text = _SPACES.sub(_spaces, text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _BULLET_LINE.sub(_bullet, text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()
