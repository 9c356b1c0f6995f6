"""A posting's facts: title, company, location, remote or not, employment type, years, education, level.

Labelled fields ("Location: Denver, CO", "Job type: Contract") win; then the title line
("Senior Data Engineer | Acme | Denver, CO", "Senior Data Engineer at Acme"); then words anywhere.
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from .._match._region import country_of
from .._parse._education import degree_levels
from ..resume import EducationLevel
from ._model import EducationRequired, YearsRequired
from ._parts import Item, heading_kind
from ._vocabulary import JobLevel, job_vocabulary, phrase_pattern

__all__ = ["Facts", "asks_for_degree", "education_required", "facts_of", "level_of", "years_required"]

Remote = Literal["remote", "hybrid", "onsite"]
Employment = Literal["full-time", "part-time", "contract", "internship", "temporary"]
_REMOTE_ORDER: tuple[Remote, ...] = ("hybrid", "remote", "onsite")
_EMPLOYMENT_ORDER: tuple[Employment, ...] = ("contract", "internship", "part-time", "temporary", "full-time")

_LABEL = re.compile(r"^\s*[*_]*(?P<label>[A-Za-z][A-Za-z /&-]{1,30}?)[*_]*\s*:\s*[*_]*(?P<value>.+?)[*_]*\s*$")
_LABELS = {
    "title": {"job title", "title", "position", "role", "job", "position title"},
    "company": {"company", "employer", "organization", "organisation", "hiring company", "client"},
    "location": {"location", "locations", "office", "based in", "work location", "job location", "city"},
    "type": {"employment type", "job type", "type", "contract type", "employment", "schedule", "work type"},
    "remote": {"remote", "workplace type", "work model", "work arrangement", "workplace", "work setting"},
}
_TITLE_SPLIT = re.compile(r"\s+(?:\||—|–|-|@|at)\s+|\s*\|\s*|,\s+")
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
_NUM = r"(?:\d{1,2}(?:\.\d)?|" + "|".join(_NUMBER_WORDS) + ")"
_YEARS = re.compile(
    rf"(?:(?P<least>at least|minimum of|min\.?|a minimum of|over|more than)\s+)?(?P<low>{_NUM})\s*(?:\(\d+\)\s*)?"
    rf"(?:(?P<plus>\+)|\s*(?:-|–|to)\s*(?P<high>{_NUM})\s*\+?|\s+or more)?\s*(?:years?|yrs?)\b",
    re.I,
)
_EXPERIENCE = re.compile(r"experience|industry|professional|working|work|hands-on|background|track record", re.I)


class Facts(dict[str, str | None]):
    """Title, company, location, remote and employment type, where found (a plain mapping)."""


def _labelled(lines: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in lines[:40]:
        match = _LABEL.match(line)
        if not match:
            continue
        label = match.group("label").strip().lower()
        for field, names in _LABELS.items():
            if label in names and field not in found:
                found[field] = match.group("value").strip()
    return found


def _looks_like_title(line: str) -> bool:
    words = line.split()
    if not any(c.isalnum() for c in line) or not words or len(words) > 14:
        return False
    if line.rstrip().endswith((".", "!", "?", ":")):
        return False
    kind, is_heading = heading_kind(line)
    return not (is_heading and kind is not None)


@functools.cache
def _words() -> tuple[re.Pattern[str], dict[str, Remote], re.Pattern[str], dict[str, Employment]]:
    vocabulary = job_vocabulary()
    remote = {w.lower(): kind for kind, words in vocabulary.remote_words.items() for w in words}
    types = {w.lower(): kind for kind, words in vocabulary.employment_types.items() for w in words}
    return phrase_pattern(list(remote)), remote, phrase_pattern(list(types)), types


def _remote(text: str) -> Remote | None:
    pattern, kind_of, _, _ = _words()
    kinds = {kind_of[m.group(0).lower()] for m in pattern.finditer(text)}
    # A hybrid posting names the office and home both.
    return next((kind for kind in _REMOTE_ORDER if kind in kinds), None)


def _employment(text: str) -> Employment | None:
    _, _, pattern, kind_of = _words()
    kinds = {kind_of[m.group(0).lower()] for m in pattern.finditer(text)}
    return next((kind for kind in _EMPLOYMENT_ORDER if kind in kinds), None)


_PART_SPLIT = re.compile(r"\s+(?:\||·|—|–|•|@|at)\s+|\s*[|·•]\s*|\s+-\s+")
_HIRING = re.compile(r"^(?P<company>.+?) is (?:hiring|looking for|seeking)\b(?: an?)?(?P<title>[^!.]*)", re.I)
_INTRO = re.compile(
    r"^(?:at )?(?P<company>[A-Z][\w&.'-]*(?: (?:[A-Z&][\w&.'-]*|of|and|for)){0,5})"
    r"(?:,| is an?\b| is the\b| builds\b| connects\b| helps\b| makes\b| moves\b| reads\b| provides\b| has\b)"
)


def _plain(line: str) -> str:
    return re.sub(r"^[#=*_>\s-]+|[#=*_\s]+$", "", line).replace("**", "").strip()


def _place(part: str) -> str | None:
    """A location in a header part, without postal codes and remote words ("Remote (United States)":
    United States; "Manchester (Ancoats)": Manchester); None when it names no known place."""
    outside = re.sub(r"\([^)]*\)", "", part)
    inner = " ".join(re.findall(r"\(([^)]*)\)", part))
    for candidate in (outside, inner):
        candidate = re.sub(r"\b\d{4,6}(?:-\d{4})?\b", "", candidate)
        candidate = _remote_words_removed(candidate).strip(" ,;-–")
        if candidate and country_of(candidate):
            return candidate
    return None


def _remote_words_removed(text: str) -> str:
    pattern, _, types, _ = _words()
    return " ".join(types.sub(" ", pattern.sub(" ", text)).split())


def _title_of(line: str) -> tuple[str, list[str]]:
    """A title line's title and the header parts after it ("Data Engineer at Acme (Denver, CO)")."""
    text = _plain(line)
    text = re.split(r"\s[›»>]\s", text)[-1]  # breadcrumbs: Careers › Data › Junior Data Scientist
    parts = [p.strip() for p in _PART_SPLIT.split(text) if p.strip()] or [text.strip()]
    title, rest = parts[0], parts[1:]
    kept: list[str] = []
    for part in rest:  # "Registered Nurse - Medical/Surgical" keeps its unit; "- Contract (6 months)" goes
        if (
            _place(part)
            or _remote(part)
            or _employment(part)
            or (not kept and rest and part == rest[0] and " at " in f" {text} ")
        ):
            break
        kept.append(part)
    if kept and " - " in text:
        title = " - ".join([title, *kept])
        rest = rest[len(kept) :]
    return title, rest


def _header(lines: list[str]) -> tuple[str | None, str | None, str | None]:
    """(title, company, location) from the posting's first lines."""
    head = lines[:8]
    company = None
    for line in head:
        hiring = _HIRING.match(_plain(line))
        if hiring:
            company = hiring.group("company").strip()
    h1 = next((i for i, line in enumerate(lines[:25]) if re.match(r"^#\s", line)), None)
    index = (
        h1
        if h1 is not None
        else next(
            (
                i
                for i, line in enumerate(head)
                if _looks_like_title(_plain(line)) and not _LABEL.match(line) and not _HIRING.match(_plain(line))
            ),
            None,
        )
    )
    if index is None:
        return None, company, None
    title, parts = _title_of(lines[index])
    location = None
    for line in lines[index + 1 : index + 5]:
        if _LABEL.match(line) or (heading_kind(line)[1] and heading_kind(line)[0] is not None):
            continue
        plain = _plain(line)
        if len(plain.split()) > 12:
            break
        parts += [p.strip() for p in _PART_SPLIT.split(plain) if p.strip()]
    for part in parts:
        place = _place(part)
        if place and location is None:
            location = place
        elif (
            company is None
            and not place
            and not _remote(part)
            and not _employment(part)
            and not re.search(r"\d|[$€£]", part)
        ):
            company = re.sub(r"^(?:at|@)\s+", "", part.strip("() "), flags=re.I)
    return title, company, location


def facts_of(text: str) -> Facts:
    """Title, company, location, remote and employment type of the posting ``text``."""
    lines = [line for line in text.split("\n") if line.strip()]
    labelled = _labelled(lines)
    title, company, location = _header(lines)
    if company is None:
        company = _company_in_prose(text)
    labelled_place = labelled.get("location")
    facts = Facts(
        title=labelled.get("title") or title,
        company=labelled.get("company") or company,
        location=(_place(labelled_place) if labelled_place else None) or location or _location_anywhere(lines),
    )
    facts["remote"] = _remote(labelled.get("remote", "")) or _remote(labelled.get("location", "")) or _remote(text)
    facts["employment_type"] = _employment(labelled.get("type", "")) or _employment(text)
    return facts


def _company_in_prose(text: str) -> str | None:
    """'About Acme' as a heading, or a paragraph opening 'Acme is a ...' / 'At Acme, we ...'."""
    about = re.search(
        r"^\s*#*\s*about (?!us\b|the\b|you\b|this\b|our\b)(?P<name>[A-Z][\w&.' -]{1,40})\s*$", text, re.M | re.I
    )
    if about:
        return about.group("name").strip()
    for paragraph in re.findall(r"(?:^|\n\n)([^\n]+)", text)[:8]:
        found = _INTRO.match(_plain(paragraph))
        if (
            found
            and len(found.group("company").split()) <= 5
            and found.group("company").lower() not in {"we", "our", "you"}
        ):
            return found.group("company").strip()
    return None


def _location_anywhere(lines: list[str]) -> str | None:
    """A 'City, ST' or 'City, Country' on a short line near the top."""
    for line in lines[:12]:
        for match in re.finditer(r"\b([A-Z][a-zA-Z.]+(?: [A-Z][a-zA-Z.]+)*, [A-Z][A-Za-z]+(?: [A-Z][a-z]+)*)\b", line):
            if country_of(match.group(1)):
                return match.group(1)
    return None


def _number(word: str) -> float:
    return float(_NUMBER_WORDS.get(word.lower(), 0) or word)


def years_required(items: list[Item], text: str) -> YearsRequired | None:
    """The years of experience a must-have (else any requirement) line asks for: the first found."""
    for kinds in (("must",), ("nice", "other", "duty")):
        for item in items:
            if item.kind not in kinds:
                continue
            for match in _YEARS.finditer(item.text):
                window = item.text[max(0, match.start() - 60) : match.end() + 60]
                if item.kind != "must" and not _EXPERIENCE.search(window):
                    continue
                if re.search(r"\b(?:within|last|past|next|first|every|old)\s*$", item.text[: match.start()], re.I):
                    continue
                low = _number(match.group("low"))
                high = _number(match.group("high")) if match.group("high") else None
                return YearsRequired(min=low, max=high, text=item.text, start=item.start, end=item.end)
    return None


_DEGREE_WORDS = re.compile(
    r"\b(?:degree|diploma|bachelor'?s?|master'?s?|ph\.?\s?d|doctor(?:ate|al)?|b\.?\s?sc?|m\.?\s?sc?|b\.?a|m\.?a|"
    r"mba|bsn|msn|graduate|undergraduate|university|college)\b",
    re.I,
)
_RANK = {level: rank for rank, level in enumerate(reversed(list(EducationLevel)))}


def asks_for_degree(text: str) -> bool:
    """Whether a line names a degree in words a posting uses for one ("BS/MS in ...", "a degree in ...")."""
    return bool(_DEGREE_WORDS.search(text)) and bool(degree_levels(text))


def education_required(items: list[Item]) -> EducationRequired | None:
    """The lowest degree a must-have line asks for, the highest a nice-to-have prefers, the fields named."""
    required: list[tuple[EducationLevel, Item]] = []
    preferred: list[EducationLevel] = []
    for item in items:
        # "LLM-based" names no Master of Laws: a degree needs its own words nearby.
        levels = degree_levels(item.text) if _DEGREE_WORDS.search(item.text) else []
        if not levels:
            continue
        if item.kind == "must" and not re.search(r"\bpreferred\b|\bideally\b|\ba plus\b", item.text, re.I):
            required.append((min(levels, key=lambda lv: _RANK[lv]), item))
            preferred.extend(lv for lv in levels if _RANK[lv] > _RANK[required[-1][0]])
        elif item.kind in ("must", "nice"):
            preferred.extend(levels)
    if not required:
        return None
    level, item = min(required, key=lambda pair: _RANK[pair[0]])
    best = max(preferred, key=lambda lv: _RANK[lv], default=None)
    return EducationRequired(
        level=level,
        preferred_level=best if best is not None and _RANK[best] > _RANK[level] else None,
        fields=_fields(item.text),
        text=item.text,
        start=item.start,
        end=item.end,
    )


def _fields(text: str) -> list[str]:
    """'... in Computer Science, Statistics or a related field' -> [Computer Science, Statistics]."""
    match = re.search(r"\b(?:in|of)\s+(?P<fields>(?:a |an )?[A-Z][^.;()]*)", text)
    if not match:
        return []
    names = re.split(r",\s*|\s+or\s+|\s+and\s+|/", match.group("fields"))
    fields = []
    for name in names:
        name = name.strip()
        if not name or re.search(r"related|equivalent|similar|quantitative field|discipline|etc", name, re.I):
            continue
        if name[0].isupper():
            fields.append(name.rstrip(" ,"))
    return fields[:6]


def level_of(title: str | None, years: YearsRequired | None) -> tuple[JobLevel, list[str]]:
    """The posting's level from its title's words (strongest first), else from the years it asks for."""
    vocabulary = job_vocabulary()
    if title:
        for level, words in vocabulary.level_words.items():
            found = phrase_pattern(words).search(title)
            if found:
                return level, [f"the title says {found.group(0)!r}"]
    if years is not None and years.min is not None:
        chosen = max((y for y in vocabulary.years_levels if y.min <= years.min), key=lambda y: y.min)
        return chosen.level, [f"{years.min:g}+ years asked for ({years.text!r})"]
    return "mid", ["neither the title nor the years say a level: mid assumed"]
