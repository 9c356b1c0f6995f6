"""Experience entries: title, organisation, location, dates and bullets.

Lines of an experience section are either *content* (bullets and their wrapped continuation
lines) or *header-like* (short lines naming a job). A maximal run of header-like lines is a
block; each date range in a block starts an entry, and the content that follows belongs to the
block's last entry. The fragments of a block's lines (split at tabs, pipes, bullets, dashes,
commas, "at") are classified as location, title (by title words) or organisation.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from .._data import parsing_vocabulary
from ..resume import Bullet, ExperienceEntry, Span
from ._dates import DateRange, find_date_ranges, months_between
from ._lines import Line, split_lines

__all__ = ["find_experience", "split_fragments"]

_CONNECTORS = {
    "and",
    "or",
    "of",
    "the",
    "to",
    "by",
    "with",
    "in",
    "for",
    "a",
    "an",
    "on",
    "at",
    "from",
    "using",
    "via",
    "as",
    "into",
}
_SEPARATORS = re.compile(r"\t+| +[|•·◦–—-] +|\s*\|\s*| at | @ |\s*[()]\s*|\s*,\s+|;\s*")
_TRIM = " \t,;:|•·◦–—-()[]"
_MAX_HEADER_CHARS = 110


@functools.cache
def _vocabulary() -> tuple[frozenset[str], frozenset[str], frozenset[str], re.Pattern[str]]:
    vocab = parsing_vocabulary()
    regions = "|".join(re.escape(c) for c in sorted(vocab.region_codes, key=len, reverse=True))
    countries = "|".join(re.escape(c) for c in sorted(vocab.countries, key=len, reverse=True))
    arrangements = "|".join(re.escape(c) for c in vocab.work_arrangements)
    city = r"[A-Z][A-Za-z.'\u00c0-\u024f-]*(?: [A-Z][A-Za-z.'\u00c0-\u024f-]*){0,2}"
    location = re.compile(
        rf"(?<![\w])(?:{city},\s*(?:{regions}|{countries})(?![\w])(?:,\s*(?:{countries}))?"
        rf"|(?:{arrangements})(?![\w])(?:\s*\((?:[^)]{{0,30}})\))?)"
    )
    return (
        frozenset(w.lower() for w in vocab.title_words),
        frozenset(w.lower() for w in vocab.title_modifiers),
        frozenset(w.lower() for w in vocab.organization_words),
        location,
    )


def _words(fragment: str) -> list[str]:
    return [w.strip(".,&/").lower() for w in fragment.split() if w.strip(".,&/")]


def title_score(fragment: str) -> float:
    """How much a fragment reads like a job title: head words count most, modifiers a little."""
    heads, modifiers, _, _ = _vocabulary()
    words = _words(fragment)
    if not words:
        return 0.0
    score = 2.0 if words[-1] in heads else 0.0
    score += sum(1.0 for w in words[:-1] if w in heads) + sum(0.5 for w in words if w in modifiers)
    return score


def organization_score(fragment: str) -> float:
    """How much a fragment reads like an organisation name."""
    _, _, org_words, _ = _vocabulary()
    return sum(1.0 for w in _words(fragment) if w in org_words)


def split_fragments(text: str) -> tuple[list[str], str | None]:
    """Fragments of a header line with dates removed, and the location found in it (if any)."""
    _, _, _, location_re = _vocabulary()
    location = None
    match = location_re.search(text)
    if match:
        location = match.group(0).strip()
        text = text[: match.start()] + "\t" + text[match.end() :]
    fragments = [f.strip(_TRIM) for f in _SEPARATORS.split(text)]
    return [f for f in fragments if len(f) > 1 and any(c.isalpha() for c in f)], location


@dataclass
class _Group:
    lines: list[Line]
    dates: DateRange | None
    date_line: Line | None
    content: list[Line] = field(default_factory=list)


def _content_glyphs(lines: list[Line]) -> set[str]:
    """Bullet glyphs used for content: those on long or sentence-like lines."""
    counts: Counter[str] = Counter()
    for line in lines:
        if line.bullet and (len(line.text) > 60 or line.text.endswith(".")):
            counts[line.bullet] += 1
    return set(counts) if counts else set()


def _anchor(line: Line) -> DateRange | None:
    """The dates a header line carries: a range, or lone dates at the line's edge."""
    if len(line.text) > _MAX_HEADER_CHARS:
        return None
    found = find_date_ranges(line.text)
    if not found:
        return None
    ranges = [r for r in found if r.end is None or r.end != r.start]
    if ranges:
        return ranges[0]
    # Lone dates ("2022", "Summer 2012 and 2013") count only at a line's edge, as layouts put them.
    first, last = found[0], found[-1]
    rest = (line.text[: first.start_offset] + line.text[last.end_offset :]).strip(_TRIM)
    at_edge = last.end_offset >= len(line.text.rstrip(" )")) - 1 or first.start_offset <= 1
    if not at_edge and rest:
        return None
    if first is last:
        return first
    return DateRange(
        first.start_offset,
        last.end_offset,
        first.start,
        last.end,
        False,
        line.text[first.start_offset : last.end_offset],
    )


_ABBREVIATIONS = ("inc.", "ltd.", "co.", "corp.", "llc.", "s.a.", "jr.", "sr.", "st.")


def _is_sentence(text: str) -> bool:
    """Prose, not a header: ends with a full stop after several words, or holds a semicolon clause."""
    if text.endswith(".") and not text.lower().endswith(_ABBREVIATIONS) and len(text.split()) >= 5:
        return True
    return ";" in text and len(text.split()) >= 8


def _is_continuation(line: Line, previous: Line, following: Line | None, glyphs: set[str]) -> bool:
    if not glyphs or line.bullet:
        return False
    first = line.text[:1]
    if not first.isupper():
        return True
    last_word = previous.text.rsplit(None, 1)[-1].lower() if previous.text.split() else ""
    if previous.text.endswith((",", ";", ":", "-", "&")) or last_word in _CONNECTORS:
        return True
    return following is None or _anchor(following) is None


def _blocks(lines: list[Line]) -> list[_Group]:
    glyphs = _content_glyphs(lines)
    groups: list[_Group] = []
    header_run: list[Line] = []
    previous_is_content = False
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        anchor = _anchor(line)
        is_content = line.bullet in glyphs or (
            anchor is None
            and (
                len(line.text) > _MAX_HEADER_CHARS
                or _is_sentence(line.text)
                or (previous_is_content and _is_continuation(line, lines[index - 1], following, glyphs))
                or (
                    not glyphs
                    and bool(groups)
                    and not header_run
                    and groups[-1].content != []
                    and line.text[:1].islower()
                )
            )
        )
        if not is_content:
            header_run.append(line)
            previous_is_content = False
            continue
        if header_run:
            groups.extend(_split_block(header_run))
            header_run = []
        if groups:
            groups[-1].content.append(line)
        previous_is_content = True
    if header_run:
        groups.extend(_split_block(header_run))
    return groups


def _split_block(block: list[Line]) -> list[_Group]:
    """One group per date range in a block.

    When the block opens with a dated line ("Title  Dates" / "Company"), the lines after a date
    belong to it; otherwise ("Company" / "Title  Dates") the lines before a date do.
    """
    anchored = [(line, _anchor(line)) for line in block]
    if not any(dates for _, dates in anchored):
        # An undated block names a job only when short; longer runs are free text.
        return [_Group(lines=list(block), dates=None, date_line=None)] if len(block) <= 3 else []
    dates_lead = anchored[0][1] is not None
    groups: list[_Group] = []
    pending: list[Line] = []
    for line, dates in anchored:
        if dates is not None:
            groups.append(_Group(lines=[*pending, line], dates=dates, date_line=line))
            pending = []
        elif dates_lead and groups:
            groups[-1].lines.append(line)
        else:
            pending.append(line)
    if pending:
        groups[-1].lines.extend(pending)
    return groups


def _bullets(text: str, content: list[Line]) -> list[Bullet]:
    spans: list[list[int]] = []
    has_glyphs = any(line.bullet for line in content)
    for line in content:
        starts_new = bool(line.bullet) or not spans or (not has_glyphs and line.text[:1].isupper())
        if starts_new:
            spans.append([line.content_start, line.end])
        else:
            spans[-1][1] = line.end
    return [Bullet(text=" ".join(text[a:b].split()), span=Span(start=a, end=b)) for a, b in spans if text[a:b].strip()]


def _entry(text: str, group: _Group, as_of_index: int, inherited_org: str | None) -> ExperienceEntry:
    fragments: list[tuple[str, bool]] = []  # (fragment, on the date line)
    location: str | None = None
    for line in group.lines:
        line_text = line.text[2:] if line.bullet else line.text
        if line is group.date_line and group.dates is not None:
            offset = 2 if line.bullet else 0
            a, b = group.dates.start_offset - offset, group.dates.end_offset - offset
            line_text = line_text[:a] + "\t" + line_text[b:]
        found, where = split_fragments(line_text)
        location = location or where
        fragments.extend((f, line is group.date_line) for f in found)

    title: str | None = None
    organization: str | None = None
    if fragments:
        scored = sorted(
            range(len(fragments)),
            key=lambda i: (-(title_score(fragments[i][0]) + (0.25 if fragments[i][1] else 0.0)), i),
        )
        best = scored[0]
        if title_score(fragments[best][0]) > 0:
            title = fragments[best][0]
            rest = [f for i, (f, _) in enumerate(fragments) if i != best]
        else:
            title, rest = fragments[0][0], [f for f, _ in fragments[1:]]
        if rest:
            organization = max(rest, key=lambda f: (organization_score(f), -rest.index(f)))
    if organization is None and len(group.lines) == 1:
        organization = inherited_org

    start = end = None
    is_current = False
    months = None
    date_text = None
    if group.dates is not None:
        start, end, is_current = group.dates.start, group.dates.end, group.dates.is_current
        date_text = group.dates.text.strip()
        interval = months_between(start, end, as_of_index)
        months = None if interval is None else interval[1] - interval[0]
    last = group.content[-1].end if group.content else group.lines[-1].end
    return ExperienceEntry(
        title=title,
        organization=organization,
        location=location,
        start=start,
        end=end,
        is_current=is_current,
        date_text=date_text,
        months=months,
        span=Span(start=group.lines[0].start, end=last),
        bullets=_bullets(text, group.content),
    )


def find_experience(text: str, start: int, end: int, as_of_index: int) -> list[ExperienceEntry]:
    """Entries of one experience section body ``text[start:end]``."""
    entries: list[ExperienceEntry] = []
    for group in _blocks(split_lines(text, start, end)):
        if group.dates is None and not group.content:
            continue
        inherited = entries[-1].organization if entries else None
        entries.append(_entry(text, group, as_of_index, inherited))
    return entries
