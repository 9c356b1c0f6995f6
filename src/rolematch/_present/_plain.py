"""Plain text from the Markdown the renderers write: what ``--format text`` prints when output is piped.

The renderers (``render_report``, ``render_assessment``, ``render_job``, ``rolematch roles show``)
write a small, known subset of Markdown: ATX headings, pipe tables, ``-`` lists, ``**bold**``,
``_emphasis_``, inline code, links and hard breaks (two trailing spaces). This turns that subset
into text a person reads in a mail or a log: headings underlined, tables as aligned columns,
emphasis marks and escapes removed. The words are the same; only the markup goes.
"""

from __future__ import annotations

import re

__all__ = ["plain_table", "plain_text"]

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
# Emphasis only where Markdown would read it: not inside words such as skills_taxonomy or 2*3*4.
_EMPHASIS = re.compile(r"(?<![\w*\\])([*_])(?=[^\s*_])(.+?)(?<=[^\s\\])\1(?![\w*])")
_CODE = re.compile(r"`([^`]+)`")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def _link(match: re.Match[str]) -> str:
    text, url = match.group(1), match.group(2)
    return text if text == url else f"{text} ({url})"


def _inline(text: str) -> str:
    """A line's text without emphasis, code marks, link syntax or backslash escapes."""
    parts = _CODE.split(text)
    # Odd parts were inside backticks: their text is kept exactly as written.
    for index in range(0, len(parts), 2):
        piece = _LINK.sub(_link, parts[index])
        piece = _BOLD.sub(r"\2", piece)
        piece = _EMPHASIS.sub(r"\2", piece)
        parts[index] = _ESCAPE.sub(r"\1", piece)
    return "".join(parts)


def _cells(line: str) -> list[str]:
    """A pipe-table row's cells (escaped pipes kept inside their cell)."""
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return [_inline(cell.strip()) for cell in re.split(r"(?<!\\)\|", body)]


def plain_table(rows: list[list[str]]) -> list[str]:
    """Rows (the first a header) as left-aligned columns two spaces apart."""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    sizes = [max(len(row[column]) for row in rows) for column in range(width)]
    return ["  ".join(cell.ljust(size) for cell, size in zip(row, sizes, strict=True)).rstrip() for row in rows]


def _is_table_row(line: str) -> bool:
    return line.lstrip().startswith("|") and line.rstrip().endswith("|")


def plain_text(markdown: str) -> str:
    """``markdown`` (the renderers' subset) as plain text; the trailing newline, if any, is kept."""
    lines = markdown.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if _is_table_row(line) and index + 1 < len(lines) and _TABLE_RULE.match(lines[index + 1]):
            rows = [_cells(line)]
            index += 2
            while index < len(lines) and _is_table_row(lines[index]):
                rows.append(_cells(lines[index]))
                index += 1
            out += plain_table(rows)
            continue
        heading = _HEADING.match(line)
        if heading:
            text = _inline(heading.group(2))
            out += [text, ("=" if len(heading.group(1)) == 1 else "-") * len(text)]
        elif line.lstrip().startswith(">"):
            out.append("  " + _inline(line.lstrip()[1:].lstrip()))
        else:
            out.append(_inline(line.rstrip()))
        index += 1
    return "\n".join(out)
