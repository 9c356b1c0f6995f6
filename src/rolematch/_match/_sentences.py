"""The text around a skill mention, as :mod:`._evidence` reads it: sentences, tokens and cue phrases.

A resume's text is cut into sentences (a sentence, a list line or a bullet: cuts at sentence ends,
bullets, new lines that do not run on, and section headings); a sentence is tokenised only when a
mention in it is read, and only split into lower-case words when it is plain (``read_sentence``:
no word in it that a cue, a counterpart or a hedge needs, as in most list lines). Each token knows
whether it lies inside a skill mention's text (masked: never a cue). The cue phrases of
``rolematch_data/parsing.yaml`` (``evidence_cues``) are found in a sentence in one pass over its
tokens, all lists at once.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Final, NamedTuple

from .._data import EvidenceCues, parsing_vocabulary
from ..resume import Section

__all__ = [
    "Cues",
    "Headings",
    "Masks",
    "Phrases",
    "Place",
    "Sentence",
    "cues",
    "headed_blocks",
    "heading_key",
    "read_sentence",
    "sentence_starts",
]

# A word, with the joiners skill names and contractions use inside it ("C++", "CI/CD", "didn't"), or
# one punctuation character.
_TOKEN = re.compile(r"[^\W_](?:[\w'’+#./&-]*[\w+#])?|[^\w\s]")
# The same tokens, quicker to find (split keeps them, the spaces between them too): the lookbehind
# gives back the joiners a word may not end with; in ASCII text a letter or digit is "[^\W_]".
_FAST_TOKEN = re.compile(r"([^\W_][\w'’+#./&-]*(?<![-'’./&])|[^\w\s])")
_ASCII_TOKEN = re.compile(r"([A-Za-z0-9][\w'’+#./&-]*(?<![-'’./&])|[^\w\s])")
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)")
_INLINE_BULLET = re.compile(r"\s[•◦▪►‣]\s")
_BULLETS = "•◦▪►‣"
_BULLET_BETWEEN_SPACES = re.compile(rf"[{_BULLETS}](?<=\s.)(?=\s)")
_BULLET_START = re.compile(r"(?:[•◦▪►‣*·]|[-–—](?=\s)|\d{1,2}[.)](?=\s))")
_ABBREVIATIONS = frozenset({"e.g", "i.e", "etc", "vs", "inc", "dr", "mr", "mrs", "ms", "st", "no", "approx", "incl"})
_LINE_JOINERS = (",", ":", "/", "&", "(", "-", "–", "+")
_JOINING_WORDS = frozenset({
    "and", "or", "of", "with", "to", "in", "for", "the", "a", "an", "on", "at", "as", "by", "from", "into", "using",
    "including", "across", "via", "like", "such",
})  # fmt: skip
_VERB_WINDOW = 6  # how far before a preposition its verb may be ("presented quarterly results to")
_CUE_WINDOW: Final = 40  # tokens a hedge or negation is looked for before a mention (its list may be long)
_VERB_ENDINGS = ("", "s", "es", "ed", "d", "ing", "ings", "ation", "ations", "ion", "ions", "ment", "ments")


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(_low(m.group()) for m in _TOKEN.finditer(phrase))


def _low(text: str) -> str:
    return text.lower().replace("’", "'")


@dataclass(frozen=True)
class Phrases:
    """Cue phrases as word tuples, by first word, longest first ("no experience" before "no")."""

    name: str
    by_first: dict[str, tuple[tuple[str, ...], ...]]


def _phrases(name: str, phrases: Iterable[str]) -> Phrases:
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted({_words(p) for p in phrases if _words(p)}, key=lambda w: (-len(w), w)):
        by_first.setdefault(words[0], []).append(words)
    return Phrases(name, {first: tuple(group) for first, group in by_first.items()})


@functools.lru_cache(maxsize=4096)  # the same heading lines are asked for by every mention under them
def heading_key(text: str) -> str:
    """A heading as compared with the cue headings: lower case, words only, "&" as "and"."""
    return re.sub(r"[^\w'&]+", " ", text.lower().replace("’", "'")).replace("&", "and").strip()


@functools.cache
def _forms(stems: tuple[str, ...]) -> frozenset[str]:
    """Every regular form of ``stems``: "present" gives presented, presenting, presentation(s), ...;
    "submit" submitted; "share" sharing."""
    forms: set[str] = set()
    for stem in filter(None, stems):
        bases = {stem, stem + stem[-1]} | ({stem[:-1]} if stem.endswith("e") else set())
        forms.update(base + ending for base in bases for ending in _VERB_ENDINGS)
        forms.add(stem)
    return frozenset(forms)


# Each phrase list that starts a phrase with a word: (its index in ``Cues.lists``, its phrases).
_FirstWord = tuple[tuple[int, tuple[tuple[str, ...], ...]], ...]


@dataclass(frozen=True)
class Cues:
    """The shipped cue lists, as word tuples and sets."""

    aspiration_headings: frozenset[str]
    course_headings: frozenset[str]
    sentence: dict[str, Phrases]
    course_words: Phrases
    item: dict[str, Phrases]
    before: frozenset[str]
    not_cues: Phrases
    breaks: frozenset[str]
    teaching: tuple[str, ...]
    verbs: dict[str, tuple[str, ...]]
    soft_verbs: dict[str, tuple[str, ...]]
    groups: frozenset[str]
    determiners: frozenset[str]
    ends: frozenset[str]
    handoff: tuple[str, ...]
    stops: frozenset[str]  # words that show prose goes on after a mention, not its item's name
    lists: tuple[Phrases, ...]  # every phrase list above, the not-a-cue phrases last
    first_words: dict[str, _FirstWord]  # so that one look-up per token finds the phrases of every list
    heading_words: tuple[str, ...] | None  # a word of every cue heading, as lower-case text: see ``_heading_lines``
    cue_words: frozenset[str]  # a word of each phrase of every list but the not-a-cue phrases: see ``_cue_words``
    triggers: frozenset[str]  # a sentence without any of these words is plain: see ``read_sentence``


def _cue_words(lists: tuple[Phrases, ...]) -> frozenset[str]:
    """A word of each phrase of ``lists`` (its longest: the rarest): a sentence holding none of them
    holds none of the phrases."""
    return frozenset(
        max(phrase, key=lambda w: (len(w), w))
        for phrases in lists
        for group in phrases.by_first.values()
        for phrase in group
    )


def _first_words(lists: tuple[Phrases, ...]) -> dict[str, _FirstWord]:
    merged: dict[str, list[tuple[int, tuple[tuple[str, ...], ...]]]] = {}
    for which, phrases in enumerate(lists):
        for first, group in phrases.by_first.items():
            merged.setdefault(first, []).append((which, group))
    return {first: tuple(entries) for first, entries in merged.items()}


def _heading_words(keys: Iterable[str]) -> tuple[str, ...] | None:
    """Words one of which any line holding one of the heading keys holds as written (lower-cased):
    the longest plain word of each key (ASCII letters, never an "and" that may stand for "&"), and
    of those only the ones no other holds ("goal" finds "goals" too). None when a key has none."""
    longest: set[str] = set()
    for key in keys:
        plain = [word for word in key.split() if word.isascii() and word.isalpha() and "and" not in word]
        if not plain:
            return None
        longest.add(max(plain, key=lambda word: (len(word), word)))
    return tuple(sorted(w for w in longest if not any(other != w and other in w for other in longest)))


@functools.cache
def cues() -> Cues:
    """The cue lists of ``parsing.yaml``, read once."""
    found: EvidenceCues = parsing_vocabulary().evidence_cues
    counterparts = found.counterparts
    sentence: dict[str, Phrases] = {
        kind: _phrases(f"sentence {kind}", phrases) for kind, phrases in found.sentence.items()
    }
    course_words = _phrases("course words", found.course_words)
    item: dict[str, Phrases] = {kind: _phrases(f"item {kind}", phrases) for kind, phrases in found.item.items()}
    not_cues = _phrases("not cues", found.not_cues)
    lists = (*sentence.values(), course_words, *item.values(), not_cues)
    verbs = {_low(p): tuple(_low(v) for v in verbs) for p, verbs in counterparts.prepositions.items()}
    before = frozenset(_low(w) for w in found.before.get("hedged", []))
    cue_words = _cue_words(lists[:-1])  # the not-a-cue phrases only ever block a cue
    aspiration_headings = frozenset(heading_key(h) for h in found.headings.get("aspiration", []))
    course_headings = frozenset(heading_key(h) for h in found.headings.get("course", []))
    return Cues(
        aspiration_headings=aspiration_headings,
        course_headings=course_headings,
        sentence=sentence,
        course_words=course_words,
        item=item,
        before=before,
        not_cues=not_cues,
        breaks=frozenset(_low(w) for w in found.phrase_breaks),
        teaching=tuple(_low(w) for w in found.teaching_verbs),
        verbs=verbs,
        soft_verbs={_low(p): tuple(_low(v) for v in verbs) for p, verbs in counterparts.soft_skill_objects.items()},
        groups=frozenset(_low(w) for w in counterparts.group_nouns),
        determiners=frozenset(_low(w) for w in counterparts.determiners),
        ends=frozenset(_low(w) for w in counterparts.phrase_ends),
        handoff=tuple(_low(w) for w in counterparts.handoff_verbs),
        stops=frozenset(_low(w) for w in [*counterparts.phrase_ends, *found.phrase_breaks]),
        lists=lists,
        first_words=_first_words(lists),
        heading_words=_heading_words(aspiration_headings | course_headings),
        cue_words=cue_words,
        # And the counterpart prepositions ("by" and "from" too: a passive, a giver), the hedges right before.
        triggers=cue_words | frozenset(verbs) | before,
    )


class Place(NamedTuple):
    """Where a mention is in its sentence, and what the cues need to know of it."""

    first: int  # its first and last token
    last: int
    inferred: bool  # an inferred phrase ("never led a team") may hold its own cue
    group: str  # technology, concept, soft_skill: a tool is never an audience
    doing: bool  # in a job or a project

    def after(self, cue: tuple[int, int]) -> bool:
        """Whether the mention comes after the cue (or, inferred, holds it before its last word)."""
        cue_first, cue_last = cue
        return cue_last < self.first or (self.inferred and self.first <= cue_first and cue_last < self.last)


class Masks:
    """The text of the skill mentions (found by name, not inferred): no cue is read inside it."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(set(spans))
        self.starts = [start for start, _ in ordered]
        self.ends = [end for _, end in ordered]
        # The furthest end of the spans before each index: a token overlaps a span when the furthest
        # end of those starting before the token's end lies past the token's start.
        self.reach = [-1, *itertools.accumulate((end for _, end in ordered), max)]

    def flags(self, starts: list[int], ends: list[int]) -> list[bool]:
        """Whether each token (``starts``/``ends``, in text order) overlaps a mention's text."""
        count = len(starts)
        flags = [False] * count
        if not self.starts or not count:
            return flags
        span_starts, reach = self.starts, self.reach
        first_start = starts[0]
        # Only the spans starting before the last token's end and reaching past the first's start
        # can overlap a token: a few of them, each marking a run of tokens by bisection.
        index = bisect.bisect_left(span_starts, ends[-1])
        while index > 0 and reach[index] > first_start:
            index -= 1
            span_start = span_starts[index]
            span_end = self.ends[index]
            if span_end <= first_start:
                continue
            low = bisect.bisect_right(ends, span_start)
            high = bisect.bisect_left(starts, span_end)
            if low < high:
                flags[low:high] = [True] * (high - low)
        return flags


class Sentence:
    """The tokens of one sentence (or list line, or bullet) and the cues found in it.

    Tokens are parallel lists: ``starts``, ``ends``, ``lows`` (lower case, "’" as "'"), ``is_word``
    (a word, not punctuation) and ``masked`` (inside the text of a skill mention: never a cue).
    ``unmasked`` holds the words and marks outside the mentions' text; ``cued`` says whether any cue
    phrase occurs in the sentence (most sentences hold none).
    """

    def __init__(
        self, text: str, start: int, end: int, masks: Masks, split: tuple[list[str], list[str]] | None = None
    ) -> None:
        self.text = text
        # Split at the tokens, the text between them (only spaces and underscores) kept: every part's
        # offset is the running sum of the lengths before it, all in C.
        parts, self.lows = split or _split(text[start:end])
        offsets = list(itertools.accumulate(map(len, parts), initial=start))
        groups = parts[1::2]
        self.starts, self.ends = offsets[1:-1:2], offsets[2::2]
        self.is_word = [group[0].isalnum() for group in groups]
        self.masked = masks.flags(self.starts, self.ends)
        self.size = len(groups)
        # Read at once, not as cached properties: every mention of the sentence asks for them.
        self.unmasked = frozenset(low for low, masked in zip(self.lows, self.masked, strict=True) if not masked)
        table = cues()
        if table.cue_words.isdisjoint(self.lows):  # no cue phrase can be in it: nothing to look for
            self._found: dict[str, list[tuple[int, int]]] = {phrases.name: [] for phrases in table.lists}
            self.cued = False
        else:
            self._found = self._find_cues()
            self.cued = any(self._found[phrases.name] for phrases in table.lists[:-1])

    def span_of(self, start: int, end: int) -> tuple[int, int] | None:
        """Token indexes of the first and last token a character span overlaps."""
        first = bisect.bisect_right(self.ends, start)
        last = bisect.bisect_left(self.starts, end) - 1
        return (first, last) if first <= last else None

    def nearest_before(self, phrases: Phrases | None, place: Place) -> list[tuple[int, int]]:
        """The cues of ``phrases`` within a window before the mention, nearest first."""
        found = self.find(phrases)
        if not found:
            return found
        index = bisect.bisect_left(found, (place.last if place.inferred else place.first, -1))
        low = bisect.bisect_left(found, (place.first - _CUE_WINDOW, -1))
        return [cue for cue in reversed(found[low:index]) if place.after(cue)]

    def words(self, first: int, last: int) -> str:
        """The text of tokens ``first`` to ``last`` as written."""
        return self.text[self.starts[first] : self.ends[last]]

    def _find_cues(self) -> dict[str, list[tuple[int, int]]]:
        """Where each cue list's phrases occur: (first, last) token indexes, the longest phrase of
        the list first at each place, a list's phrases never overlapping, all lists in one pass."""
        table = cues()
        lists = table.lists
        raw: list[list[tuple[int, int]]] = [[] for _ in lists]
        taken = [-1] * len(lists)  # the last token of each list's latest phrase
        lows, masked = self.lows, self.masked
        for index, low in enumerate(lows):
            entries = table.first_words.get(low)
            if entries is None or masked[index]:
                continue
            for which, phrases in entries:
                if index <= taken[which]:
                    continue
                for phrase in phrases:
                    last = index + len(phrase) - 1
                    if len(phrase) == 1 or (
                        tuple(lows[index : last + 1]) == phrase and not any(masked[index : last + 1])
                    ):
                        raw[which].append((index, last))
                        taken[which] = last
                        break
        blocked = raw[-1]  # a cue inside a not-a-cue phrase ("not only") is none
        return {
            phrases.name: [
                (first, last)
                for first, last in found
                if not any(b_first <= last and first <= b_last for b_first, b_last in blocked)
            ]
            if blocked
            else found
            for phrases, found in zip(lists, raw, strict=True)
        }

    def find(self, phrases: Phrases | None) -> list[tuple[int, int]]:
        """Where any of ``phrases`` occurs outside a not-a-cue phrase ("not only")."""
        return self._found[phrases.name] if phrases is not None else []

    def find_all(self, *phrases: Phrases | None) -> list[tuple[int, int]]:
        """Where any of several phrase lists occurs, in order."""
        lists = [p for p in phrases if p is not None and self._found[p.name]]
        if len(lists) < 2:
            return self._found[lists[0].name] if lists else []
        key = "+".join(p.name for p in lists)
        cached = self._found.get(key)
        if cached is None:
            cached = self._found[key] = sorted(cue for p in lists for cue in self.find(p))
        return cached

    def verb_before(self, index: int, stems: tuple[str, ...], *, clause: bool = False) -> str | None:
        """A word inflecting one of ``stems`` within a few words before token ``index``, as written
        (``clause``: only in the same clause, not across a colon or a bracket)."""
        forms = _forms(stems)
        lows, is_word, masked = self.lows, self.is_word, self.masked
        seen = 0
        for k in range(index - 1, -1, -1):
            low = lows[k]
            if not is_word[k]:
                if clause and low not in {",", "'"}:
                    break
                continue
            # A mention's word is a verb only when inflected: "Collaborated" and "presentations" are,
            # "design" in "system design" is not.
            if low in forms and not (masked[k] and low in stems):
                return self.words(k, k)
            seen += 1
            if seen >= _VERB_WINDOW:
                break
        return None


def _split(piece: str) -> tuple[list[str], list[str]]:
    """``piece`` split at its tokens (the text between them kept), and the tokens lowered ("’" as "'")."""
    parts = (_ASCII_TOKEN if piece.isascii() else _FAST_TOKEN).split(piece)
    groups = parts[1::2]
    # Lowered at once: no token holds a new line, and the new line stops "Σ" from reading its neighbours.
    return parts, "\n".join(groups).lower().replace("’", "'").split("\n") if groups else []


def read_sentence(text: str, start: int, end: int, masks: Callable[[], Masks]) -> Sentence | None:
    """The sentence of ``text`` from ``start`` to ``end``, or None when it is plain: it holds none
    of the words (``Cues.triggers``) without which no cue, counterpart or hedge is found in it, so
    a mention in it is what its place makes it. Most sentences are plain; their tokens' offsets
    and masks are never worked out."""
    split = _split(text[start:end])
    if cues().triggers.isdisjoint(split[1]):
        return None
    return Sentence(text, start, end, masks(), split)


def _line_breaks(text: str) -> Iterable[int]:
    """Offsets where a new line starts a new sentence: after a blank line, at a bullet, or at a
    capital after a line that does not run on ("... on AWS and / Kubernetes" runs on)."""
    offset = 0
    lines = text.split("\n")
    stripped = [line.strip() for line in lines]
    for line, current, nxt in zip(lines, stripped, stripped[1:], strict=False):
        offset += len(line) + 1
        if not current or not nxt or _BULLET_START.match(nxt):
            yield offset
            continue
        last_word = current.rsplit(None, 1)[-1].lower()
        runs_on = current.endswith(_LINE_JOINERS) or last_word in _JOINING_WORDS or nxt[0].islower()
        if not runs_on:
            yield offset


def _inline_bullets(text: str) -> Iterable[int]:
    """Where ``_INLINE_BULLET`` finds a bullet: found by the bullet (quicker to look for than a
    space), and, as its matches take the space after the bullet, never a bullet right after it."""
    if not any(bullet in text for bullet in _BULLETS):
        return  # most texts have none: a few searches in C
    taken = -3
    for match in _BULLET_BETWEEN_SPACES.finditer(text):
        at = match.start()
        if at != taken + 2:
            yield at
            taken = at


def sentence_starts(text: str, sections: list[Section]) -> list[int]:
    """Where sentences start: sentence ends, new bullets and lines, and section headings."""
    cuts = {0}
    for section in sections:
        cuts.update((section.span.start, section.body.start))
    for match in _SENTENCE_END.finditer(text):
        if match.group() == ".":  # a period ends no abbreviation or initial ("e.g.", "J. Smith")
            before = text[max(0, match.start() - 12) : match.start()].rsplit(None, 1)
            word = before[-1].lower() if before else ""
            if word in _ABBREVIATIONS or len(word) == 1:
                continue
        cuts.add(match.end())
    cuts.update(_inline_bullets(text))
    cuts.update(_line_breaks(text))
    return sorted(c for c in cuts if c < len(text))


# A line that is only a heading, or a "Heading: text" line; never a bullet ("- Goal: cut churn" is a job's).
_HEADING_LINE = re.compile(
    r"^[ \t]*(?:#+[ \t]*|\*\*|__)?(?P<head>[^\W\d_][^\n:*]{0,39}?)[ \t]*(?:\*\*|__)?"
    r"[ \t]*(?::[ \t]*(?P<rest>[^\n]*))?$",
    re.MULTILINE,
)
_HEAD_LENGTH = 40  # the most characters of a heading in ``_HEADING_LINE``


def _may_head(line: str) -> bool:
    """Whether ``line`` may match ``_HEADING_LINE``: its head (after the leading "#"s or "**") starts
    with a letter and runs to a colon or the line's end with at most 40 characters before the spaces and "*"s or "_"s
    that may close it. The pattern is slow to fail on a long line; this is quick."""
    body = line.lstrip(" \t")
    if body.startswith("#"):
        body = body.lstrip("#").lstrip(" \t")
    elif body.startswith(("**", "__")):
        body = body[2:]
    first = body[:1]  # a letter: ``[^\W\d_]``
    if not first.isalnum() or first.isdecimal():
        return False
    return len(body.split(":", 1)[0].rstrip(" \t*_")) <= _HEAD_LENGTH


def _heading_lines(text: str, words: tuple[str, ...] | None) -> Iterable[tuple[int, str]]:
    """The lines of ``text`` that may be a cue heading's, in order, with their offsets: those holding
    one of ``words`` in the lower-cased text (a few fast searches), or every line."""
    lowered = text.lower()
    if words is None or len(lowered) != len(text):  # a letter lowered to two would move the offsets
        offset = 0
        for line in text.split("\n"):
            yield offset, line
            offset += len(line) + 1
        return
    starts: set[int] = set()
    for word in words:
        at = lowered.find(word)
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1
            starts.add(start)
            end = text.find("\n", at)
            at = lowered.find(word, end) if end >= 0 else -1  # the line is taken: on to the next
    for start in sorted(starts):
        end = text.find("\n", start)
        yield start, text[start : end if end >= 0 else len(text)]


def headed_blocks(text: str, sections: list[Section]) -> dict[str, list[tuple[int, int, str]]]:
    """Text under a heading-like line of an aspiration or course heading, to the paragraph's end, by
    kind: (start, end, heading). "Career Goals" or "Courses: ..." need not be a known section."""
    table = cues()
    section_starts = sorted(section.span.start for section in sections)
    blocks: dict[str, list[tuple[int, int, str]]] = {}
    for offset, line in _heading_lines(text, table.heading_words):  # a match is a whole line
        match = _HEADING_LINE.match(text, offset, offset + len(line)) if _may_head(line) else None
        if match is None:
            continue
        key = heading_key(match.group("head"))
        kind = "aspiration" if key in table.aspiration_headings else "course" if key in table.course_headings else None
        if kind is None:
            continue
        start = match.start("rest") if match.group("rest") else match.end() + 1
        blank = text.find("\n\n", start)
        later = bisect.bisect_right(section_starts, match.start())
        end = min(blank if blank >= 0 else len(text), *section_starts[later : later + 1], len(text))
        blocks.setdefault(kind, []).append((start, max(start, end), match.group("head").strip()))
    return blocks


def _heading_kind(section: Section, headings: frozenset[str]) -> str | None:
    """The section's heading as written when it is one of ``headings``."""
    if section.heading is None:
        return None
    return section.heading.strip() if heading_key(section.heading) in headings else None


class Headings:
    """The aspiration and course headings of a resume: its sections' and heading-like lines'."""

    def __init__(self, text: str, sections: list[Section]) -> None:
        self._sections = sections
        self._blocks = headed_blocks(text, sections)
        self._text_end = len(text) + 1
        self._of_section: dict[int, dict[str, str | None]] = {}  # read once per section, not per mention

    def at(self, kind: str, section: int | None, offset: int) -> str | None:
        """The heading that makes text at ``offset`` (in the section of that index) that kind: its
        section's, or a heading-like line above it in the same paragraph ("Career Goals" is no
        section, still a heading)."""
        if section is not None:
            headings = self._of_section.get(section)
            if headings is None:
                table = cues()
                heading = self._sections[section]
                headings = self._of_section[section] = {
                    "aspiration": _heading_kind(heading, table.aspiration_headings),
                    "course": _heading_kind(heading, table.course_headings),
                }
            if headings[kind] is not None:
                return headings[kind]
        blocks = self._blocks.get(kind)
        if not blocks:
            return None
        # Blocks end at their paragraph's end, so the nearest one starting before ``offset`` is the one.
        index = bisect.bisect_right(blocks, (offset, self._text_end)) - 1
        return blocks[index][2] if index >= 0 and offset < blocks[index][1] else None
