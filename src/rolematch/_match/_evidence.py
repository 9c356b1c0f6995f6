"""Evidence kinds: what the words around a skill mention say about the candidate.

A mention in a job's lines is the candidate's work; the same word in a wish ("eager to grow into
MLOps"), a course ("Udemy: Kubernetes for ML"), a hedge ("familiar with Docker"), a negation ("no
experience with Spark") or a phrase naming someone else ("presented dashboards to clinical
leadership") is not. :class:`EvidenceReader` reads the resume text around a mention's span (its
sentence and list item, its section's heading, its job) and says which kind it is and why;
``_scoring`` weighs it with :func:`weigh_kind`. Cues reach forward only and stop at the end of
their sentence, so a cue in one bullet never touches the next. The cue words are language
knowledge and live in ``rolematch_data/parsing.yaml`` (``evidence_cues``); the weights are below.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Literal

from .._data import EvidenceCues, parsing_vocabulary
from .._skills import Taxonomy
from ..resume import Resume, Section, SectionKind, SkillMention, SkillMethod
from ._role_schema import Scoring

__all__ = ["Classified", "EvidenceKind", "EvidenceReader", "classify_all", "weigh_kind", "work_mentions"]

EvidenceKind = Literal[
    "work", "project", "skills_list", "summary", "aspiration", "course", "hedged", "negated", "counterpart"
]

# The kind a section gives a mention no cue speaks for. Interests are what someone likes to read
# about, not what they did.
_BASE_KINDS: Final[dict[SectionKind, EvidenceKind]] = {
    SectionKind.EXPERIENCE: "work", SectionKind.VOLUNTEER: "work", SectionKind.PROJECTS: "project",
    SectionKind.PUBLICATIONS: "project", SectionKind.SKILLS: "skills_list", SectionKind.LANGUAGES: "skills_list",
    SectionKind.CERTIFICATIONS: "skills_list", SectionKind.EDUCATION: "skills_list", SectionKind.AWARDS: "skills_list",
    SectionKind.COURSEWORK: "course", SectionKind.INTERESTS: "aspiration",
}  # fmt: skip

# A word, with the joiners skill names and contractions use inside it ("C++", "CI/CD", "didn't"), or
# one punctuation character.
_TOKEN = re.compile(r"[^\W_](?:[\w'’+#./&-]*[\w+#])?|[^\w\s]")
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)")
_INLINE_BULLET = re.compile(r"\s[•◦▪►‣]\s")
_BULLET_START = re.compile(r"(?:[•◦▪►‣*·]|[-–—](?=\s)|\d{1,2}[.)](?=\s))")
_ABBREVIATIONS = frozenset({"e.g", "i.e", "etc", "vs", "inc", "dr", "mr", "mrs", "ms", "st", "no", "approx", "incl"})
_LINE_JOINERS = (",", ":", "/", "&", "(", "-", "–", "+")
_JOINING_WORDS = frozenset({
    "and", "or", "of", "with", "to", "in", "for", "the", "a", "an", "on", "at", "as", "by", "from", "into", "using",
    "including", "across", "via", "like", "such",
})  # fmt: skip
_NOTE_OPENERS = frozenset({"(", "[", "-", "–", "—", ":"})
_ITEM_SEPARATORS = frozenset({",", ";", "|", "·", "•"})
_LIST_JOINERS = frozenset({",", "/", "&", "(", ")", "-", "–", ":", "and", "or", "nor"})
_GAP_BEFORE = 4  # words a hedge or negation may reach over to its first mention ("no prior hands-on work with")
_GAP_AFTER = 2  # and between the mentions of its list ("Kubernetes clusters or Helm")
_MODIFIERS = 3  # words between a preposition and the mention naming someone ("to the VP of data science")
_VERB_WINDOW = 6  # how far before a preposition its verb may be ("presented quarterly results to")
_NOTE_LENGTH = 12  # tokens of a note after a mention ("(in progress since 2025)")
_CUE_WINDOW = 40  # tokens a hedge or negation is looked for before a mention (its list may be long)
_ADJECTIVE_ENDINGS = ("al", "ive", "ic", "ary", "ior", "ous", "ful", "ing", "ed")
_VERB_ENDINGS = ("", "s", "es", "ed", "d", "ing", "ings", "ation", "ations", "ion", "ions", "ment", "ments")


@dataclass(frozen=True)
class Classified:
    """The evidence kind of one mention and the words that decided it."""

    kind: EvidenceKind
    reason: str


def weigh_kind(found: Classified, strength: float, scoring: Scoring) -> tuple[float, str]:
    """``strength`` times the role's weight for the kind, capped for courses and hedges, and why.

    The weights and caps are the role file's (``scoring.evidence_kinds``, ``evidence_kind_caps``).
    """
    factor = scoring.evidence_kinds.get(found.kind, 1.0)
    weighted = strength * factor
    words = f"kind: {found.kind} x{factor:g} ({found.reason})"
    share = scoring.evidence_kind_caps.get(found.kind) if found.kind in ("course", "hedged") else None
    met_threshold = scoring.met_threshold
    if share is not None:
        cap = round(met_threshold * share, 4)
        if weighted > cap:
            weighted = cap
            words += f", capped at {cap:g} below met {met_threshold:g}"
    return weighted, words


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(_low(m.group()) for m in _TOKEN.finditer(phrase))


def _low(text: str) -> str:
    return text.lower().replace("’", "'")


@dataclass(frozen=True)
class _Phrases:
    """Cue phrases as word tuples, by first word, longest first ("no experience" before "no")."""

    name: str
    by_first: dict[str, tuple[tuple[str, ...], ...]]


def _phrases(name: str, phrases: Iterable[str]) -> _Phrases:
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted({_words(p) for p in phrases if _words(p)}, key=lambda w: (-len(w), w)):
        by_first.setdefault(words[0], []).append(words)
    return _Phrases(name, {first: tuple(group) for first, group in by_first.items()})


@functools.lru_cache(maxsize=4096)  # the same heading lines are asked for by every mention under them
def _heading_key(text: str) -> str:
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


@dataclass(frozen=True)
class _Cues:
    """The shipped cue lists, as word tuples and sets."""

    aspiration_headings: frozenset[str]
    course_headings: frozenset[str]
    sentence: dict[str, _Phrases]
    course_words: _Phrases
    item: dict[str, _Phrases]
    before: frozenset[str]
    not_cues: _Phrases
    breaks: frozenset[str]
    teaching: tuple[str, ...]
    verbs: dict[str, tuple[str, ...]]
    soft_verbs: dict[str, tuple[str, ...]]
    groups: frozenset[str]
    determiners: frozenset[str]
    ends: frozenset[str]
    handoff: tuple[str, ...]
    stops: frozenset[str]  # words that show prose goes on after a mention, not its item's name


@functools.cache
def _cues() -> _Cues:
    cues: EvidenceCues = parsing_vocabulary().evidence_cues
    counterparts = cues.counterparts
    return _Cues(
        aspiration_headings=frozenset(_heading_key(h) for h in cues.headings.get("aspiration", [])),
        course_headings=frozenset(_heading_key(h) for h in cues.headings.get("course", [])),
        sentence={kind: _phrases(f"sentence {kind}", phrases) for kind, phrases in cues.sentence.items()},
        course_words=_phrases("course words", cues.course_words),
        item={kind: _phrases(f"item {kind}", phrases) for kind, phrases in cues.item.items()},
        before=frozenset(_low(w) for w in cues.before.get("hedged", [])),
        not_cues=_phrases("not cues", cues.not_cues),
        breaks=frozenset(_low(w) for w in cues.phrase_breaks),
        teaching=tuple(_low(w) for w in cues.teaching_verbs),
        verbs={_low(p): tuple(_low(v) for v in verbs) for p, verbs in counterparts.prepositions.items()},
        soft_verbs={_low(p): tuple(_low(v) for v in verbs) for p, verbs in counterparts.soft_skill_objects.items()},
        groups=frozenset(_low(w) for w in counterparts.group_nouns),
        determiners=frozenset(_low(w) for w in counterparts.determiners),
        ends=frozenset(_low(w) for w in counterparts.phrase_ends),
        handoff=tuple(_low(w) for w in counterparts.handoff_verbs),
        stops=frozenset(_low(w) for w in [*counterparts.phrase_ends, *cues.phrase_breaks]),
    )


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    low: str
    word: bool
    masked: bool  # inside the text of a skill mention: never a cue


class _Sentence:
    """The tokens of one sentence (or list line, or bullet) and the cues found in it."""

    def __init__(self, text: str, start: int, end: int, masks: _Masks) -> None:
        self.text = text
        self.tokens = [
            _Token(m.start(), m.end(), _low(m.group()), m.group()[0].isalnum(), masks.cover(m.start(), m.end()))
            for m in _TOKEN.finditer(text, start, end)
        ]
        self.starts = [t.start for t in self.tokens]
        self.ends = [t.end for t in self.tokens]
        self._found: dict[str, list[tuple[int, int]]] = {}
        self._blocked: list[tuple[int, int]] | None = None

    def span_of(self, start: int, end: int) -> tuple[int, int] | None:
        """Token indexes of the first and last token a character span overlaps."""
        first = bisect.bisect_right(self.ends, start)
        last = bisect.bisect_left(self.starts, end) - 1
        return (first, last) if first <= last else None

    def nearest_before(self, phrases: _Phrases | None, place: _Place) -> list[tuple[int, int]]:
        """The cues of ``phrases`` within a window before the mention, nearest first."""
        found = self.find(phrases)
        index = bisect.bisect_left(found, (place.last if place.inferred else place.first, -1))
        low = bisect.bisect_left(found, (place.first - _CUE_WINDOW, -1))
        return [cue for cue in reversed(found[low:index]) if place.after(cue)]

    def words(self, first: int, last: int) -> str:
        """The text of tokens ``first`` to ``last`` as written."""
        return self.text[self.tokens[first].start : self.tokens[last].end]

    def _matches_at(self, index: int, phrase: tuple[str, ...]) -> bool:
        if index + len(phrase) > len(self.tokens):
            return False
        return all(
            not t.masked and t.low == w for t, w in zip(self.tokens[index : index + len(phrase)], phrase, strict=False)
        )

    def _raw(self, phrases: _Phrases) -> list[tuple[int, int]]:
        """Where any of ``phrases`` occurs: (first, last) token indexes, longest phrase first at each place."""
        found = []
        taken = -1
        for index, token in enumerate(self.tokens):
            if index <= taken or token.masked:
                continue
            for phrase in phrases.by_first.get(token.low, ()):
                if self._matches_at(index, phrase):
                    found.append((index, index + len(phrase) - 1))
                    taken = index + len(phrase) - 1
                    break
        return found

    def find(self, phrases: _Phrases | None) -> list[tuple[int, int]]:
        """Where any of ``phrases`` occurs outside a not-a-cue phrase ("not only")."""
        if phrases is None:
            return []
        cached = self._found.get(phrases.name)
        if cached is None:
            if self._blocked is None:
                self._blocked = self._raw(_cues().not_cues)
            blocked = self._blocked
            cached = [
                (first, last)
                for first, last in self._raw(phrases)
                if not any(b_first <= last and first <= b_last for b_first, b_last in blocked)
            ]
            self._found[phrases.name] = cached
        return cached

    def find_all(self, *phrases: _Phrases | None) -> list[tuple[int, int]]:
        """Where any of several phrase lists occurs, in order."""
        key = "+".join(p.name for p in phrases if p is not None)
        cached = self._found.get(key)
        if cached is None:
            cached = self._found[key] = sorted(cue for p in phrases for cue in self.find(p))
        return cached

    def verb_before(self, index: int, stems: tuple[str, ...], *, clause: bool = False) -> str | None:
        """A word inflecting one of ``stems`` within a few words before token ``index``, as written
        (``clause``: only in the same clause, not across a colon or a bracket)."""
        forms = _forms(stems)
        seen = 0
        for k in range(index - 1, -1, -1):
            token = self.tokens[k]
            if not token.word:
                if clause and token.low not in {",", "'"}:
                    break
                continue
            # A mention's word is a verb only when inflected: "Collaborated" and "presentations" are,
            # "design" in "system design" is not.
            if token.low in forms and not (token.masked and token.low in stems):
                return self.words(k, k)
            seen += 1
            if seen >= _VERB_WINDOW:
                break
        return None


class _Masks:
    """The text of the skill mentions (found by name, not inferred): no cue is read inside it."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(set(spans))
        self.longest = max((e - s for s, e in self.spans), default=0)

    def cover(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a mention's text."""
        index = bisect.bisect_left(self.spans, (end, end))
        while index > 0 and self.spans[index - 1][0] >= start - self.longest:
            index -= 1
            if self.spans[index][1] > start:
                return True
        return False


def _verb_ish(token: _Token) -> bool:
    return token.word and not token.masked and len(token.low) > 4 and token.low.endswith(("ing", "ed"))


def _line_breaks(text: str) -> Iterable[int]:
    """Offsets where a new line starts a new sentence: after a blank line, at a bullet, or at a
    capital after a line that does not run on ("... on AWS and / Kubernetes" runs on)."""
    offset = 0
    lines = text.split("\n")
    for line, following in itertools.pairwise(lines):
        offset += len(line) + 1
        current, nxt = line.strip(), following.strip()
        if not current or not nxt or _BULLET_START.match(nxt):
            yield offset
            continue
        last_word = current.rsplit(None, 1)[-1].lower()
        runs_on = current.endswith(_LINE_JOINERS) or last_word in _JOINING_WORDS or nxt[0].islower()
        if not runs_on:
            yield offset


def _sentence_starts(text: str, sections: list[Section]) -> list[int]:
    """Where sentences start: sentence ends, new bullets and lines, and section headings."""
    cuts = {0}
    for section in sections:
        cuts.update((section.span.start, section.body.start))
    for match in _SENTENCE_END.finditer(text):
        before = text[max(0, match.start() - 12) : match.start()].rsplit(None, 1)
        word = before[-1].lower() if before else ""
        if match.group() == "." and (word in _ABBREVIATIONS or len(word) == 1):
            continue
        cuts.add(match.end())
    cuts.update(m.start() + 1 for m in _INLINE_BULLET.finditer(text))
    cuts.update(_line_breaks(text))
    return sorted(c for c in cuts if c < len(text))


class EvidenceReader:
    """Says what kind of evidence each skill mention of one resume is (sentences found once)."""

    def __init__(self, resume: Resume, taxonomy: Taxonomy) -> None:
        self._resume = resume
        self._taxonomy = taxonomy
        self._starts = _sentence_starts(resume.text, resume.sections)
        self._masks = _Masks((m.span.start, m.span.end) for m in resume.skills if m.method is not SkillMethod.INFERRED)
        self._sentences: dict[int, _Sentence] = {}
        self._blocks = _headed_blocks(resume.text, resume.sections)
        self._section_starts = [section.span.start for section in resume.sections]

    def _headed(self, kind: str, section: Section | None, offset: int) -> str | None:
        """The heading that makes text at ``offset`` that kind: its section's, or a heading-like line
        above it in the same paragraph ("Career Goals" is no section, still a heading)."""
        cues = _cues()
        heading = _heading_kind(section, cues.aspiration_headings if kind == "aspiration" else cues.course_headings)
        if heading is not None:
            return heading
        # Blocks end at their paragraph's end, so the nearest one starting before ``offset`` is the one.
        blocks = self._blocks.get(kind, [])
        index = bisect.bisect_right(blocks, (offset, len(self._resume.text) + 1)) - 1
        return blocks[index][2] if index >= 0 and offset < blocks[index][1] else None

    def _section_at(self, offset: int) -> Section | None:
        """``Resume.section_at`` by bisection (sections are in document order and do not overlap)."""
        index = bisect.bisect_right(self._section_starts, offset) - 1
        sections = self._resume.sections
        return sections[index] if index >= 0 and offset < sections[index].span.end else None

    def _sentence_at(self, offset: int) -> _Sentence:
        index = max(0, bisect.bisect_right(self._starts, offset) - 1)
        sentence = self._sentences.get(index)
        if sentence is None:
            start = self._starts[index] if self._starts else 0
            end = self._starts[index + 1] if index + 1 < len(self._starts) else len(self._resume.text)
            sentence = _Sentence(self._resume.text, start, end, self._masks)
            self._sentences[index] = sentence
        return sentence

    def classify(self, mention: SkillMention) -> Classified:
        """The evidence kind of ``mention`` and why: the first that applies of negated, counterpart,
        aspiration, course and hedged, else what its section makes it."""
        section = self._section_at(mention.span.start)
        base = _base(mention, section)
        # A mention is read in the sentence it ends in: an inferred phrase may start on the line before.
        sentence = self._sentence_at(max(mention.span.start, mention.span.end - 1))
        tokens = sentence.span_of(mention.span.start, mention.span.end)
        if tokens is None:
            return base
        place = _Place(
            first=tokens[0],
            last=tokens[1],
            inferred=mention.method is SkillMethod.INFERRED,
            group=self._group(mention),
            doing=base.kind in ("work", "project"),
        )
        start = mention.span.start
        coursework = section is not None and section.kind is SectionKind.COURSEWORK
        return (
            _negated(sentence, place)
            or _counterpart(sentence, place)
            or _aspiration(sentence, place, self._headed("aspiration", section, start))
            or _course(sentence, place, "coursework" if coursework else self._headed("course", section, start))
            or _hedged(sentence, place)
            or base
        )

    def _group(self, mention: SkillMention) -> str:
        """The category group of the mention's skill; an unknown category counts as a tool."""
        categories = self._taxonomy.categories
        return categories[mention.category].group if mention.category in categories else "technology"


def classify_all(resume: Resume, taxonomy: Taxonomy) -> list[Classified]:
    """The evidence kind of every skill mention of ``resume``, in the order of ``resume.skills``.

    Read once per resume: scoring and the years in the role both use it.
    """
    reader = EvidenceReader(resume, taxonomy)
    return [reader.classify(mention) for mention in resume.skills]


def work_mentions(resume: Resume, kinds: list[Classified]) -> list[SkillMention]:
    """The mentions in jobs that show the candidate's own work: not a wish, a course, a hedge, a
    negation or someone else written in a job's bullets. What a job "shows" should be these.
    ``kinds`` is :func:`classify_all` of the resume."""
    return [
        m
        for m, found in zip(resume.skills, kinds, strict=True)
        if m.experience_index is not None and found.kind == "work"
    ]


@dataclass(frozen=True)
class _Place:
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


def _base(mention: SkillMention, section: Section | None) -> Classified:
    """The kind the place of a mention gives it when no cue says otherwise."""
    if mention.experience_index is not None:
        return Classified("work", "in a job's lines")
    kind = _BASE_KINDS.get(section.kind, "summary") if section else "summary"
    name = section.kind.value if section else "other"
    return Classified(kind, f"in the {name} section")


def _heading_kind(section: Section | None, headings: frozenset[str]) -> str | None:
    """The section's heading as written when it is one of ``headings``."""
    if section is None or section.heading is None:
        return None
    return section.heading.strip() if _heading_key(section.heading) in headings else None


# A line that is only a heading, or a "Heading: text" line; never a bullet ("- Goal: cut churn" is a job's).
_HEADING_LINE = re.compile(
    r"^[ \t]*(?:#+[ \t]*|\*\*|__)?(?P<head>[^\W\d_][^\n:*]{0,39}?)[ \t]*(?:\*\*|__)?"
    r"[ \t]*(?::[ \t]*(?P<rest>[^\n]*))?$",
    re.MULTILINE,
)


def _headed_blocks(text: str, sections: list[Section]) -> dict[str, list[tuple[int, int, str]]]:
    """Text under a heading-like line of an aspiration or course heading, to the paragraph's end, by
    kind: (start, end, heading). "Career Goals" or "Courses: ..." need not be a known section."""
    cues = _cues()
    section_starts = sorted(section.span.start for section in sections)
    blocks: dict[str, list[tuple[int, int, str]]] = {}
    for match in _HEADING_LINE.finditer(text):
        key = _heading_key(match.group("head"))
        kind = "aspiration" if key in cues.aspiration_headings else "course" if key in cues.course_headings else None
        if kind is None:
            continue
        start = match.start("rest") if match.group("rest") else match.end() + 1
        blank = text.find("\n\n", start)
        later = bisect.bisect_right(section_starts, match.start())
        end = min(blank if blank >= 0 else len(text), *section_starts[later : later + 1], len(text))
        blocks.setdefault(kind, []).append((start, max(start, end), match.group("head").strip()))
    return blocks


# ---------------------------------------------------------------- negated and hedged


def _reaches(sentence: _Sentence, cue_last: int, place: _Place) -> bool:
    """Whether a hedge or negation ending at token ``cue_last`` covers the mention.

    It covers the words after it up to a phrase break, a clause after a comma ("..., using
    Kubernetes"), or too many words without a mention: "no experience with Kubernetes, Docker or
    Helm" covers all three, "never missed a deadline while running Spark" does not reach Spark.
    """
    cues = _cues()
    gap, limit = 0, _GAP_BEFORE
    tokens = sentence.tokens
    for k in range(cue_last + 1, max(place.first, cue_last + 1)):
        token = tokens[k]
        if token.masked:
            gap, limit = 0, _GAP_AFTER
        elif token.low in _LIST_JOINERS:
            if k + 1 < len(tokens) and token.low in {",", "and"} and _verb_ish(tokens[k + 1]):
                return False
        elif not token.word or token.low in cues.breaks:
            return False
        else:
            gap += 1
            if gap > limit:
                return False
    return True


def _negated(sentence: _Sentence, place: _Place) -> Classified | None:
    for cue_first, cue_last in sentence.nearest_before(_cues().sentence.get("negated"), place):
        following = sentence.tokens[cue_last + 1] if cue_last + 1 < len(sentence.tokens) else None
        if following is not None and (following.low == "." or following.low[:1].isdigit()):
            continue  # "No. 1", "no 2 ranking"
        if _reaches(sentence, cue_last, place):
            return Classified("negated", f"cue '{sentence.words(cue_first, cue_last)}' before it")
    return None


def _note_after(sentence: _Sentence, last: int, phrases: _Phrases | None) -> str | None:
    """A cue in the note that ends the mention's list item: "Python (basic)", "Spark - beginner",
    "AWS Certified Machine Learning (in progress)"."""
    tokens = sentence.tokens
    stops = _cues().stops
    opener = last + 1
    while opener < len(tokens) and tokens[opener].word and opener - last <= _GAP_BEFORE:
        if tokens[opener].low in stops:
            return None  # prose goes on: "Kubernetes clusters for the team (basic setup)"
        opener += 1  # the rest of the item's name: "AWS Certified Machine Learning (in progress)"
    if opener >= len(tokens) or tokens[opener].low not in _NOTE_OPENERS:
        return None
    closer = ")" if tokens[opener].low == "(" else "]" if tokens[opener].low == "[" else None
    end = opener + 1
    while end < min(len(tokens), opener + _NOTE_LENGTH) and tokens[end].low != closer:
        if not closer and tokens[end].low in _ITEM_SEPARATORS:
            break
        end += 1
    found = sentence.find(phrases)
    for cue_first, cue_last in found[bisect.bisect_left(found, (opener + 1, -1)) :]:
        if cue_first >= end:
            break
        if cue_last < end:
            return sentence.words(cue_first, cue_last)
    return None


def _label(sentence: _Sentence, first: int, phrases: _Phrases | None) -> str | None:
    """A cue that labels the list the mention is in: "Learning: Rust, Go"."""
    tokens = sentence.tokens
    opening = 0
    while opening < len(tokens) and not tokens[opening].word:
        opening += 1  # a bullet
    found = sentence.find(phrases)[:1]  # sorted: a label is the first cue
    for cue_first, cue_last in found:
        if cue_first == opening and cue_last + 1 < first and tokens[cue_last + 1].low == ":":
            return sentence.words(cue_first, cue_last)
    return None


def _hedged(sentence: _Sentence, place: _Place) -> Classified | None:
    cues = _cues()
    for cue_first, cue_last in sentence.nearest_before(cues.sentence.get("hedged"), place):
        if _reaches(sentence, cue_last, place):
            return Classified("hedged", f"cue '{sentence.words(cue_first, cue_last)}' before it")
    first = place.first
    before = sentence.tokens[first - 1] if first > 0 else None
    if before is not None and not before.masked and before.low in cues.before:
        return Classified("hedged", f"cue '{sentence.words(first - 1, first - 1)}' right before it")
    item = cues.item.get("hedged")
    note = _note_after(sentence, place.last, item)
    if note is not None:
        return Classified("hedged", f"cue '{note}' in its note")
    label = _label(sentence, first, item)
    return Classified("hedged", f"cue '{label}' labels its list") if label is not None else None


# ---------------------------------------------------------------- aspiration and course


def _aspiration(sentence: _Sentence, place: _Place, heading: str | None) -> Classified | None:
    cues = _cues()
    if heading is not None:
        return Classified("aspiration", f"in the '{heading}' section")
    # Any wish earlier in the sentence will do: the earliest is the first to look at.
    cue = next((cue for cue in sentence.find(cues.sentence.get("aspiration"))[:2] if place.after(cue)), None)
    return Classified("aspiration", f"cue '{sentence.words(*cue)}' earlier in the sentence") if cue else None


def _course(sentence: _Sentence, place: _Place, heading: str | None) -> Classified | None:
    """A course, MOOC or bootcamp taken (anywhere in the sentence: "Kubernetes for ML (Udemy)")."""
    cues = _cues()
    if heading is not None:
        return Classified("course", f"in the '{heading}' section")
    # "course completion rates" in a job or a project is its subject, not a course taken
    places = sentence.find_all(cues.sentence.get("course"), None if place.doing else cues.course_words)
    split = bisect.bisect_left(places, (place.first, -1))
    for cue_first, cue_last in [*places[max(0, split - 3) : split][::-1], *places[split : split + 3]]:
        taught = sentence.verb_before(cue_first, cues.teaching, clause=True)  # "Designing ML Systems (Udacity)"
        if taught is None and (cue_last < place.first or cue_first > place.last or place.inferred):
            return Classified("course", f"cue '{sentence.words(cue_first, cue_last)}' in the same sentence")
    item = cues.item.get("course")
    note = _note_after(sentence, place.last, item) or _label(sentence, place.first, item)
    return Classified("course", f"cue '{note}' next to it") if note is not None else None


# ---------------------------------------------------------------- counterpart


def _modifier(token: _Token) -> bool:
    """A word that may stand between a preposition and the people it names ("clinical", "senior")."""
    low = token.low
    if token.masked or low in _cues().determiners or low in _cues().groups:
        return True
    return "-" in low or low.endswith(_ADJECTIVE_ENDINGS)


def _preposition_before(sentence: _Sentence, first: int, *, strict: bool) -> int | None:
    """The counterpart preposition that opens the phrase holding token ``first``.

    Only determiners and a few other words may stand between (``strict``: adjective-like ones,
    so that "to deploy Kubernetes" is no audience).
    """
    cues = _cues()
    others = 0
    for k in range(first - 1, -1, -1):
        token = sentence.tokens[k]
        if token.low in {"and", "or", "&", "of"}:
            continue  # "to product and engineering leadership", "to the head of data science"
        if not token.word:
            return None
        if token.low in cues.verbs and not token.masked:
            return k
        if token.low in cues.ends:
            return None
        if token.low in cues.determiners:
            continue
        if strict and not _modifier(token):
            return None
        others += 1
        if others > _MODIFIERS:
            return None
    return None


def _group_after(sentence: _Sentence, last: int) -> str | None:
    """A group noun closing the phrase after the mention ("DevOps team", "ML platform group")."""
    cues = _cues()
    for k in range(last + 1, min(last + 4, len(sentence.tokens))):
        token = sentence.tokens[k]
        if not token.word or (token.low in cues.ends and not token.masked):
            return None
        low = token.low.removesuffix("'s")
        if low in cues.groups and not token.masked:
            return sentence.words(k, k)
    return None


def _phrase_ends_after(sentence: _Sentence, last: int) -> bool:
    """Whether the phrase ends within two words of the mention ("to ML leadership.", "to leadership on X")."""
    cues = _cues()
    for k in range(last + 1, last + 4):
        if k >= len(sentence.tokens):
            return True
        token = sentence.tokens[k]
        if not token.word or token.low in cues.ends or token.low[:1].isdigit():
            return True
    return False


def _counterpart(sentence: _Sentence, place: _Place) -> Classified | None:
    """Someone else, not the candidate's skill: an audience, a team, a counterpart, a recipient."""
    cues = _cues()
    preposition = _preposition_before(sentence, place.first, strict=False)
    if preposition is not None:
        prep = sentence.tokens[preposition].low
        group = _group_after(sentence, place.last)
        if group is not None:
            return Classified("counterpart", f"'{prep} ... {group}' names a group, not the candidate")
        if _audience(sentence, place, preposition):
            verb = sentence.verb_before(preposition, (*cues.verbs[prep], *cues.soft_verbs.get(prep, ())))
            return Classified("counterpart", f"'{verb} ... {prep}' names an audience, not the candidate")
    return _recipients_job(sentence, place.first) or _done_to_candidate(sentence, place) or _given(sentence, place)


def _audience(sentence: _Sentence, place: _Place, preposition: int) -> bool:
    """Whether the mention ends the object of its verb's preposition: "presented dashboards to
    clinical leadership", "worked with leadership" (a soft skill), never "moved to Kubernetes"."""
    cues = _cues()
    if place.group == "technology" or _preposition_before(sentence, place.first, strict=True) is None:
        return False
    if not _phrase_ends_after(sentence, place.last):
        return False
    prep = sentence.tokens[preposition].low
    if sentence.verb_before(preposition, cues.verbs[prep]) is not None:
        return True
    return place.group == "soft_skill" and sentence.verb_before(preposition, cues.soft_verbs.get(prep, ())) is not None


def _recipients_job(sentence: _Sentence, first: int) -> Classified | None:
    """'Handed models to engineering for deployment': the deployment is engineering's."""
    cues = _cues()
    tokens = sentence.tokens
    for words, k in enumerate(range(first - 1, 0, -1)):
        if not tokens[k].word or words > _GAP_BEFORE:
            return None
        if tokens[k].low in {"for", "to"} and not tokens[k].masked:
            recipient = _preposition_before(sentence, k, strict=False)
            if recipient is None or tokens[recipient].low != "to":
                return None
            verb = sentence.verb_before(recipient, cues.handoff)
            if verb is None:
                return None
            return Classified("counterpart", f"'{verb} ... to ... {tokens[k].low}' is the recipient's job")
    return None


def _done_to_candidate(sentence: _Sentence, place: _Place) -> Classified | None:
    """'Mentored by the deep learning group', 'trained by senior engineers': the candidate was
    mentored, did not mentor (an inferred phrase may start with the passive verb)."""
    cues = _cues()
    tokens = sentence.tokens
    verb = place.first if place.inferred else place.last
    if verb + 2 >= len(tokens) or tokens[verb + 1].low != "by" or not tokens[verb].low.endswith("ed"):
        return None
    if tokens[verb + 2].low in cues.determiners or _group_after(sentence, verb + 1) is not None:
        return Classified("counterpart", f"'{sentence.words(verb, verb + 1)}' says it was done to the candidate")
    return None


def _given(sentence: _Sentence, place: _Place) -> Classified | None:
    """'Received mentorship from senior engineers': a soft skill someone else gave the candidate."""
    tokens = sentence.tokens
    after = place.last + 1
    if place.group != "soft_skill" or after >= len(tokens) or tokens[after].low not in {"from", "by"}:
        return None
    verb = sentence.verb_before(place.first, _cues().verbs.get("from", ()))
    if verb is None or _group_after(sentence, after) is None:
        return None
    return Classified("counterpart", f"'{verb} ... {tokens[after].low}' says someone else gave it")
