"""A posting's parts and items: which heading each line sits under, and whether each bullet or sentence
is a must-have, a nice-to-have, a duty, or neither.

The part comes from the heading above ("Requirements", "Preferred qualifications", "What you'll
do"); cue words in the item override it ("Spark is a plus" under "Requirements" is nice to have).
Text under no known heading (prose postings, introductions) is read sentence by sentence: a
sentence that states a requirement or a duty in the posting's usual words becomes one.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from ._vocabulary import PartKind, job_vocabulary, phrase_pattern

__all__ = ["Item", "ItemKind", "heading_kind", "items_of"]

ItemKind = Literal["must", "nice", "duty", "other"]

_BULLET = re.compile(r"^\s*(?:[-*•·–—▪◦●○■□➢►>]|\d{1,2}[.)]|[a-z][.)](?=\s))\s+")
_MARKUP = re.compile(r"[#*_`>|]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])")
_MAX_HEADING_WORDS = 8


@dataclass(frozen=True)
class Item:
    """One bullet or sentence of a posting, with where it is and what it is."""

    text: str
    start: int
    end: int
    line: int
    kind: ItemKind
    part: PartKind | None
    heading: str | None
    why: str


@functools.cache
def _heading_table() -> dict[str, PartKind]:
    return {p.lower(): kind for kind, phrases in job_vocabulary().headings.items() for p in phrases}


@functools.cache
def _cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    vocabulary = job_vocabulary()
    return (
        phrase_pattern(vocabulary.must_cues),
        phrase_pattern(vocabulary.nice_cues),
        phrase_pattern(vocabulary.prose_requirement_cues),
        phrase_pattern(vocabulary.prose_responsibility_cues),
    )


def _normal(text: str) -> str:
    """A line as a heading is compared: no markup, no closing colon, single spaces, lower case."""
    text = _MARKUP.sub(" ", text).replace("’", "'")
    return " ".join(text.split()).strip(" :-–—.!").lower()


@functools.cache
def _heading_phrases() -> re.Pattern[str]:
    return phrase_pattern(list(_heading_table()))


def _contained_kind(normal: str) -> PartKind | None:
    """The part of the heading phrases inside ``normal`` ("You'll be a great fit if you have": must):
    a nice-to-have phrase first ("Preferred qualifications"), then benefits and process, then the rest."""
    table = _heading_table()
    found = [m.group(0).lower() for m in _heading_phrases().finditer(normal)]
    if not found:
        return None
    # A nice-to-have heading often says "you have" too ("Bonus points if you have"): kinds rank first.
    rank = {"nice": 0, "benefits": 1, "process": 2, "must": 3, "responsibilities": 4, "about": 5}
    return table[min(found, key=lambda p: (rank[table[p]], -len(p)))]


def _marked(stripped: str) -> bool:
    """Whether a line is marked as a heading: a colon at its end, Markdown, bold, or capitals."""
    letters = [c for c in stripped if c.isalpha()]
    return (
        stripped.endswith(":")
        or stripped.startswith("#")
        or (stripped.startswith(("**", "__")) and stripped.rstrip(":").endswith(("**", "__")))
        or (len(letters) >= 4 and all(c.isupper() for c in letters))
    )


def heading_kind(line: str) -> tuple[PartKind | None, bool]:
    """The part a heading line opens, and whether the line is a heading at all.

    A heading is a known phrase on its own ("Requirements"), or with a few words after it
    ("Requirements for this role"); a line marked as a heading (a colon at the end, Markdown,
    bold, capitals) is read by the longest known phrase it contains ("You'll be a great fit if you
    have:"), and opens a part rolematch does not know when it holds none ("Our stack:").
    """
    stripped = line.strip()
    if not stripped or _BULLET.match(stripped):
        return None, False
    normal = _normal(stripped)
    words = normal.split()
    if not words or len(words) > _MAX_HEADING_WORDS or stripped.rstrip("*_ ").endswith((".", ",", ";")):
        return None, False
    table = _heading_table()
    if normal in table:
        return table[normal], True
    for size in range(min(len(words), 6), 0, -1):
        kind = table.get(" ".join(words[:size]))
        if kind is not None and len(words) <= size + 3:
            return kind, True
    if _marked(stripped):
        return _contained_kind(normal), True
    return None, False


def _inline_heading(line: str) -> tuple[PartKind | None, int]:
    """'Requirements: Python and SQL' -> (must, offset of 'Python'); (None, 0) when there is none."""
    label, colon, rest = line.partition(":")
    if not colon or not rest.strip() or len(label.split()) > 5:
        return None, 0
    normal = _normal(label)
    kind = _heading_table().get(normal) or _contained_kind(normal)
    if kind is None:
        return None, 0
    return kind, len(label) + 1 + (len(rest) - len(rest.lstrip()))


def _kind(text: str, part: PartKind | None, heading: str | None) -> tuple[ItemKind, str]:
    """What an item is, from its part and its own cue words, and why."""
    must_cue, nice_cue, prose_requirement, prose_duty = _cues()
    # "(telemetry preferred)" qualifies a detail, not the requirement around it.
    nice = nice_cue.search(re.sub(r"\([^)]*\)", " ", text))
    under = f"under {heading!r}" if heading else "outside any heading"
    if part == "nice":
        return "nice", under
    if part == "must":
        if nice:
            return "nice", f"cue {nice.group(0)!r} ({under})"
        return "must", under
    if part == "responsibilities":
        if nice and prose_requirement.search(text):
            return "nice", f"cue {nice.group(0)!r} ({under})"
        return "duty", under
    if part in ("benefits", "about", "process"):
        return "other", under
    requirement = prose_requirement.search(text)
    if requirement:
        if nice:
            return "nice", f"cue {nice.group(0)!r} in a sentence stating a requirement ({under})"
        return "must", f"cue {requirement.group(0)!r} ({under})"
    must = must_cue.search(text)
    if must and re.search(r"\bexperience\b|\byears?\b|\bknowledge\b|\bskills?\b", text, re.I):
        return "must", f"cue {must.group(0)!r} ({under})"
    duty = prose_duty.search(text)
    if duty:
        return "duty", f"cue {duty.group(0)!r} ({under})"
    return "other", under


_CLAUSE = re.compile(r";\s+|,\s+(?=(?:ideally|preferably|bonus|a plus|nice to have|optionally)\b)", re.I)


def _split(separator: re.Pattern[str], text: str, offset: int) -> list[tuple[str, int, int]]:
    """The non-empty pieces of ``text`` between matches of ``separator``, with their offsets."""
    bounds = []
    position = 0
    for match in separator.finditer(text):
        bounds.append((position, match.start()))
        position = match.end()
    bounds.append((position, len(text)))
    return [(text[a:b], offset + a, offset + b) for a, b in bounds if text[a:b].strip()]


def _clauses(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """A requirement split where a clause of another kind may start: "Strong Python; Go is a plus"."""
    return _split(_CLAUSE, text, start)


def items_of(text: str) -> list[Item]:
    """Every bullet and sentence of ``text`` with its part and kind, in order."""
    items: list[Item] = []
    part: PartKind | None = None
    heading: str | None = None
    listed = after_blank = False  # the part's lines are bullets; a blank line was just passed
    offset = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line_start = offset
        offset += len(raw) + 1
        if not raw.strip():
            after_blank = True
            continue
        kind_of_heading, is_heading = heading_kind(raw)
        if is_heading:
            part, heading = kind_of_heading, raw.strip().strip("#*: ").strip()
            listed = after_blank = False
            continue
        bullet = _BULLET.match(raw)
        if listed and after_blank and not bullet:
            part = heading = None  # prose after a part's list, past a blank line: the list has ended
        listed, after_blank = listed or bool(bullet), False
        inline, skip = _inline_heading(raw)
        line_part, line_heading = (inline, raw[: raw.index(":")].strip()) if inline else (part, heading)
        body_start = skip or (bullet.end() if bullet else len(raw) - len(raw.lstrip()))
        body = raw[body_start:].rstrip()
        pieces = [(body, line_start + body_start, line_start + body_start + len(body))]
        if not bullet:
            pieces = _split(_SENTENCE_END, body, line_start + body_start)
        for piece, start, end in [c for p in pieces for c in _clauses(*p)]:
            kind, why = _kind(piece, line_part, line_heading)
            items.append(Item(piece.strip(), start, end, number, kind, line_part, line_heading, why))
    return _outside_parts_are_prose(items)


_EXPLICIT = re.compile(
    r"\b(?:is|are) required\b|\bmust (?:have|be|know)\b|\bmandatory\b|\b(?:is|are|be) a plus\b|\bpreferred\b"
    r"|\bnice to have\b",
    re.I,
)


def _outside_parts_are_prose(items: list[Item]) -> list[Item]:
    """In a posting that lists its requirements under headings, sentences outside them (the company's
    introduction: "we're looking for a senior engineer to lead our streaming work") state none, unless
    they say so outright ("Python is required")."""
    if not any(item.part in ("must", "nice") for item in items):
        return items
    return [
        item
        if item.part is not None or item.kind == "other" or _EXPLICIT.search(item.text)
        else Item(
            item.text,
            item.start,
            item.end,
            item.line,
            "other",
            None,
            item.heading,
            item.why + "; prose beside listed requirements",
        )
        for item in items
    ]
