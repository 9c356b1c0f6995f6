"""Skill extractors: small recognizers that each find mentions one way and say why.

Modelled on presidio-analyzer's recognizers: every extractor has a ``name``, reads a shared
:class:`ExtractionContext`, and returns :class:`~rolematch.resume.SkillMention` objects whose
``explanation`` says why they fired. :class:`~rolematch._skills.SkillRegistry` runs them in order;
each one sees what the earlier ones found.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from .._data import parsing_vocabulary
from .._nlp import get_pipeline
from ..errors import DataFileError
from ..resume import ExperienceEntry, Section, SectionKind, SkillMention, SkillMethod, Span
from ._nearest import NearestChoices
from ._taxonomy import SkillForm, Taxonomy

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "ExtractionContext",
    "FuzzySkillExtractor",
    "InferredSkillExtractor",
    "PatternSkillExtractor",
    "SkillExtractor",
    "TaxonomySkillExtractor",
    "TokenTable",
    "fuzzy_key",
]


@functools.cache
def _skills_labels() -> frozenset[str]:
    headings = parsing_vocabulary().section_headings.get(SectionKind.SKILLS, [])
    return frozenset(_label_key(h) for h in headings)


def _label_key(text: str) -> str:
    return re.sub(r"[^a-z]+", " ", text.lower().replace("&", " and ")).strip()


# Words of a proficiency or duration note: "(3 years)", "(Less than 1 year)", "(10+ years)", "Native",
# "B2", "Expert". Such a note says how well or how long, never which skill.
_LEVEL_WORDS = frozenset({
    "less", "than", "over", "more", "about", "around", "approx", "approximately", "nearly", "almost", "under",
    "up", "to", "of", "and", "or", "plus", "year", "years", "yr", "yrs", "month", "months", "mo", "mos", "week",
    "weeks", "exp", "experience", "experienced", "expert", "expertise", "advanced", "intermediate", "beginner",
    "basic", "basics", "elementary", "novice", "proficient", "proficiency", "fluent", "fluently", "fluency",
    "native", "bilingual", "conversational", "professional", "working", "full", "limited", "good", "excellent",
    "strong", "fair", "moderate", "familiar", "familiarity", "mother", "tongue", "speaker", "level", "knowledge",
    "reading", "writing", "speaking", "written", "spoken", "hands", "on", "one", "two", "three", "four", "five",
    "six", "seven", "eight", "nine", "ten",
})  # fmt: skip
_LEVEL_TOKEN = re.compile(r"[^\W_]+")
_RATING = re.compile(r"[★☆●○◉◯■□]")
_CEFR = re.compile(r"[abc][12]")
# A parenthesised note: "(3 years)", "[Expert]".
_NOTE = re.compile(r"\(([^()\n]{1,48})\)|\[([^\[\]\n]{1,48})\]")
# "Label: rest" at the start of a line, after an optional bullet. The label is at most a few words.
_LABEL_LINE = re.compile(r"[ \t]*(?:[•◦▪►‣·*–—-][ \t]*)?(?P<label>[^\W\d_][^:\n]{0,59}?)[ \t]*:(?P<rest>[^\n]*)")
_LABEL_MAX_WORDS = 5
_ITEM_SPLIT = re.compile(r"[,;|•·]")
# After a colon, examples of the label rather than its members: "Networking: e.g. Wireshark" asks for networking.
_EXAMPLES = re.compile(r"(?i)(?:e\.?\s?g\b|i\.?\s?e\b|such as\b|for example\b|for instance\b|including\b)")


def is_level_note(text: str) -> bool:
    """Whether ``text`` only says how long or how well ("3 years", "Less than 1 year", "Native", "B2", "★★★☆").

    Such a note follows a skill in real lists ("ORACLE (3 years)", "English: Native"); it is never
    a skill itself.
    """
    words = _LEVEL_TOKEN.findall(text.lower())
    if not words:
        return bool(_RATING.search(text))
    return all(w in _LEVEL_WORDS or w.isdigit() or _CEFR.fullmatch(w) for w in words)


def _list_like(text: str) -> bool:
    """Two or more short items between list separators ("Java, JSP, Oracle")."""
    items = [item for item in _ITEM_SPLIT.split(text) if item.strip()]
    return len(items) >= 2 and all(len(item.split()) <= 6 for item in items)


@dataclass(frozen=True)
class TokenTable:
    """A document's tokens as plain lists, read from the ``Doc`` once.

    Making a spaCy ``Token`` object costs about as much as tokenising the word did; extractors
    read these lists instead of iterating the ``Doc`` again and again.
    """

    text: list[str]
    lower: list[str]
    start: list[int]  # character offsets
    end: list[int]
    space_after: list[bool]
    is_space: list[bool]
    word_index: list[int]  # index among non-space tokens: distances must not depend on line breaks

    @classmethod
    def of(cls, doc: Doc, *, text: str | None = None) -> TokenTable:
        """The table of ``doc``; ``lower`` and ``is_space`` equal spaCy's ``lower_`` and ``is_space``.

        ``text`` is the string ``doc`` was made from, when the caller has it (``doc.text`` is
        rebuilt token by token otherwise). Offsets and lengths come from one ``Doc.to_array``
        call and the words are sliced from ``text``: no spaCy ``Token`` object is made.
        """
        from spacy.attrs import IDX, LENGTH, SPACY

        if not len(doc):
            return cls(text=[], lower=[], start=[], end=[], space_after=[], is_space=[], word_index=[])
        columns = doc.to_array([IDX, LENGTH, SPACY])
        starts: list[int] = columns[:, 0].tolist()
        ends: list[int] = (columns[:, 0] + columns[:, 1]).tolist()
        # A text of another length cannot be the doc's: fall back to the doc's own.
        source = text if text is not None and len(text) == ends[-1] + int(columns[-1, 2]) else doc.text
        texts = [source[start:end] for start, end in zip(starts, ends, strict=True)]
        is_space = [t.isspace() for t in texts]
        return cls(
            text=texts,
            lower=[t.lower() for t in texts],
            start=starts,
            end=ends,
            space_after=columns[:, 2].astype(bool).tolist(),
            is_space=is_space,
            word_index=[n - 1 for n in itertools.accumulate(not space for space in is_space)],
        )


@dataclass
class ExtractionContext:
    """What every extractor reads: the text, its tokens, its sections and experience entries."""

    text: str
    doc: Doc
    taxonomy: Taxonomy
    sections: Sequence[Section] = ()
    experience: Sequence[ExperienceEntry] = ()
    _line_starts: list[int] = field(default_factory=list, repr=False)
    _section_starts: list[int] = field(default_factory=list, repr=False)
    _refused: list[tuple[int, int]] = field(default_factory=list, repr=False)

    _organizations: list[tuple[int, int]] = field(default_factory=list, repr=False)
    _list_lines: dict[int, bool] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        self._section_starts = [s.span.start for s in self.sections]
        for entry in self.experience:
            if entry.organization:
                start = self.text.find(entry.organization, entry.span.start, entry.span.end)
                if start >= 0:
                    self._organizations.append((start, start + len(entry.organization)))
        self._refused = list(self._organizations)

    def in_organization_name(self, start: int, end: int) -> bool:
        """Inside an employer's name ("Figma", "Northwind Analytics"): a workplace, not a skill."""
        return any(start < o_end and o_start < end for o_start, o_end in self._organizations)

    @functools.cached_property
    def notes(self) -> list[tuple[int, int]]:
        """Character ranges of parenthesised duration or level notes: "(3 years)", "(Less than 1 year)", "(Native)".

        Indeed writes every skill of a list with one ("ORACLE (3 years), JSP (Less than 1 year)"). A
        note is not part of the skill's name and no skill is read inside it.
        """
        return [
            match.span()
            for match in _NOTE.finditer(self.text)
            if is_level_note(match.group(1) if match.group(1) is not None else match.group(2))
        ]

    @functools.cached_property
    def list_labels(self) -> list[tuple[int, int]]:
        """Character ranges of category labels: the "Operating Systems" of "Operating Systems: Windows, Linux".

        A label is the text before a colon at the start of a line, at most five words, when the line
        is in a skills section or a skills list, or what follows is a list of short items, or when
        nothing follows. It names
        the kind of what the list holds, so it is never a mention itself ("Databases", "Networking",
        "Languages"). A skill given a level ("Python: 5 years", "English: Native") is not a label, nor
        a topic followed by examples ("Networking: e.g. Wireshark", as job ads write requirements).
        """
        labels = []
        for start in self._line_starts:
            end = self.text.find("\n", start)
            line = self.text[start : end if end >= 0 else len(self.text)]
            match = _LABEL_LINE.match(line) if ":" in line else None
            if match is None or match.group("rest").startswith("//"):
                continue
            label, rest = match.group("label"), match.group("rest").strip()
            if len(label.split()) > _LABEL_MAX_WORDS or _ITEM_SPLIT.search(label):
                continue
            first_item = _ITEM_SPLIT.split(rest, maxsplit=1)[0]
            if rest and is_level_note(first_item):
                continue  # "Python: 5 years", "English: Native, French: B2": the label is the skill
            if _EXAMPLES.match(rest):
                continue  # "Java: e.g. Mission Control, YourKit": the label is the requirement, then examples
            section = self.section_at(start)
            in_skills_section = section is not None and section.kind in (SectionKind.SKILLS, SectionKind.LANGUAGES)
            if not rest or in_skills_section or self.in_skills_list(start) or _list_like(rest):
                labels.append((start + match.start("label"), start + match.end("label")))
        return labels

    def in_label_or_note(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a category label or lies in a duration note (see :attr:`list_labels`).

        A span across a note ("mentored (2 years) junior engineers", an inferred skill) is not in it.
        """
        label_starts, label_ends, note_starts, note_ends = self._mask_bounds
        # Both are in text order and do not overlap: only the last one starting before can hold the span.
        label = bisect.bisect_left(label_starts, end) - 1
        if label >= 0 and label_ends[label] > start:
            return True
        note = bisect.bisect_right(note_starts, start) - 1
        return note >= 0 and end <= note_ends[note]

    @functools.cached_property
    def _mask_bounds(self) -> tuple[list[int], list[int], list[int], list[int]]:
        labels, notes = self.list_labels, self.notes
        return [a for a, _ in labels], [b for _, b in labels], [a for a, _ in notes], [b for _, b in notes]

    @functools.cached_property
    def _masked(self) -> list[tuple[int, int]]:
        return sorted(self.list_labels + self.notes)

    @functools.cached_property
    def _note_words_before(self) -> list[int]:
        """For each token index k, how many non-space tokens before k lie in a note (prefix counts)."""
        tokens = self.tokens
        if not self.notes or not tokens.text:
            return [0] * (len(tokens.text) + 1)
        note_starts, note_ends = (np.array(column) for column in zip(*self.notes, strict=True))
        starts, ends = np.array(tokens.start), np.array(tokens.end)
        # The note starting last at or before each token (notes are in text order and do not overlap).
        index = np.searchsorted(note_starts, starts, side="right") - 1
        inside = (index >= 0) & (ends <= note_ends[index.clip(0)]) & ~np.array(tokens.is_space)
        return [0, *np.cumsum(inside).tolist()]

    def in_note(self, token: int) -> bool:
        """Whether token ``token`` lies in a duration or level note."""
        before = self._note_words_before
        return before[token + 1] > before[token]

    def gap(self, first_token: int, second_token: int) -> int:
        """Words between two tokens, not counting duration or level notes ("ORACLE (3 years), JSP" are neighbours)."""
        low, high = sorted((first_token, second_token))
        if not self.notes:
            return self.word_distance(low, high)
        before = self._note_words_before
        return self.word_distance(low, high) - (before[high] - before[low + 1])

    @functools.cached_property
    def _unit_starts(self) -> list[int]:
        """Line indices where a logical line begins: soft-wrapped lines (PDF columns) join their predecessor."""
        starts = [0]
        lines = self.text.split("\n")
        for index in range(1, len(lines)):
            previous, current = lines[index - 1].strip(), lines[index].strip()
            wrapped = (
                previous
                and current
                and not previous.endswith((".", "!", "?", ";", ":"))
                and not current.startswith(("•", "◦", "-", "*", "–", "·"))
                and len(previous.split()) > 4
                and len(current.split()) > 1
            )
            if not wrapped:
                starts.append(index)
        return starts

    def unit_of(self, offset: int) -> int:
        """Index of the logical line (a bullet or sentence run, however the layout wrapped it) at ``offset``."""
        return bisect.bisect_right(self._unit_starts, self.line_of(offset)) - 1

    @functools.cached_property
    def tokens(self) -> TokenTable:
        """The document's tokens as plain lists (see :class:`TokenTable`)."""
        # The doc was made from the text with line breaks as spaces (SkillRegistry.tokenize).
        return TokenTable.of(self.doc, text=self.text.replace("\n", " "))

    def word_distance(self, first_token: int, second_token: int) -> int:
        """How many non-space tokens apart two tokens are."""
        index = self.tokens.word_index
        return abs(index[second_token] - index[first_token])

    def refuse(self, start: int, end: int) -> None:
        """Mark ``[start, end)`` as examined and turned down, so later extractors leave it alone."""
        self._refused.append((start, end))

    @property
    def refused(self) -> list[tuple[int, int]]:
        """Character ranges earlier extractors turned down (an ambiguous form out of context, a role name),
        with category labels and duration notes, which are never skills."""
        return [*self._refused, *self._masked]

    def line_of(self, offset: int) -> int:
        """Index of the line holding character ``offset``."""
        return bisect.bisect_right(self._line_starts, offset) - 1

    def line_text(self, offset: int) -> str:
        """The whole line holding character ``offset``."""
        index = self.line_of(offset)
        end = self._line_starts[index + 1] - 1 if index + 1 < len(self._line_starts) else len(self.text)
        return self.text[self._line_starts[index] : end]

    def section_at(self, offset: int) -> Section | None:
        """The section holding character ``offset``."""
        index = bisect.bisect_right(self._section_starts, offset) - 1
        if index >= 0 and offset < self.sections[index].span.end:
            return self.sections[index]
        return None

    def in_skills_list(self, offset: int) -> bool:
        """On a list-like line of a skills section, or on a "Skills: ..." / "Tech stack: ..." line anywhere.

        Prose inside a skills section ("I excel at building teams.") is not a list.
        """
        index = self.line_of(offset)
        if index not in self._list_lines:
            self._list_lines[index] = self._is_skills_list(offset)
        return self._list_lines[index]

    def _is_skills_list(self, offset: int) -> bool:
        line = self.line_text(offset)
        label, colon, _ = line.partition(":")
        if colon and _label_key(label) in _skills_labels():
            return True
        section = self.section_at(offset)
        if section is None or section.kind not in (SectionKind.SKILLS, SectionKind.LANGUAGES):
            return False
        words = len(line.split())
        separators = sum(line.count(c) for c in ",;|•·/")
        return words <= 8 or separators >= 2

    def experience_at(self, offset: int) -> int | None:
        """Index into ``experience`` of the entry holding character ``offset``."""
        for index, entry in enumerate(self.experience):
            if entry.span.start <= offset < entry.span.end:
                return index
        return None

    def mention(
        self,
        skill_id: str,
        start: int,
        end: int,
        *,
        method: SkillMethod,
        similarity: float,
        extractor: str,
        explanation: str,
    ) -> SkillMention:
        """A mention of ``skill_id`` at ``[start, end)`` with its section and experience entry filled in."""
        skill = self.taxonomy[skill_id]
        section = self.section_at(start)
        return SkillMention(
            skill_id=skill_id,
            name=skill.name,
            category=skill.category,
            surface=self.text[start:end],
            span=Span(start=start, end=end),
            section=section.kind if section else None,
            experience_index=self.experience_at(start),
            method=method,
            similarity=round(similarity, 4),
            extractor=extractor,
            explanation=explanation,
        )


class SkillExtractor(ABC):
    """Base class of extractors. Subclass it and register an instance with a ``SkillRegistry``."""

    #: Unique name, shown in every mention the extractor returns.
    name: str = "extractor"

    @abstractmethod
    def extract(self, context: ExtractionContext, found: Sequence[SkillMention]) -> list[SkillMention]:
        """Mentions in ``context``; ``found`` holds what earlier extractors returned."""


# ---------------------------------------------------------------------------- exact and alias

_LIST_SEPARATORS = frozenset({",", "/", "|", ";", "&", "and", "or", "(", ")", "•", "·", "-", "+"})


@dataclass(frozen=True)
class _Candidate:
    start: int  # token indices
    end: int
    form: SkillForm


# An accepted unambiguous match the context rules read: start and end token, logical line, category, skill id.
_Anchor = tuple[int, int, int, str, str]
# A version number after a product name: "7/8/10", "XP/7", "11g", "3.x", "v2.1". Not a bare number
# ("Go 2 miles"), a year ("Spring 2021") or years ("Spring 2020/2021").
_YEARS = re.compile(r"(?:19|20)\d\d(?:/(?:19|20)?\d\d)*")
_VERSION = re.compile(
    r"(?i)(?:v?\d+(?:\.(?:\d+|x))+|\d+(?:\.\d+)*[a-z]{1,2}|(?:\d+[a-z]?|xp|vista)(?:/(?:\d+[a-z]?|xp|vista))+)"
)


class TaxonomySkillExtractor(SkillExtractor):
    """Names, aliases, misspellings and short forms from the taxonomy, with context rules for ambiguous forms.

    Forms are matched as token sequences, looked up by their first token: lower-cased tokens, and
    exact text for case-sensitive short forms (the matches spaCy's ``PhraseMatcher`` would give;
    a test compares them). Overlaps go to the longest match, ambiguous or not ("Windows XP" over
    the XP practice, "SQL Developer" over SQL). An ambiguous form (Go, R, Excel, Spark ...) is kept
    only when nothing vetoes it (``go-to-market``, ``R&D``, ``excel at``) and the context is
    technical: a skills list, another skill nearby on the same line, a version after it ("Windows
    7/8/10"), or a cue word. A skill whose ambiguous forms are common words of one ecosystem
    ("poetry", "chef", "toad") needs that ecosystem nearby (its ``context_skills``,
    ``context_categories`` or ``context_words``). Category labels ("Databases:") and duration notes
    ("(3 years)") are never read as skills.
    """

    name = "taxonomy"

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        # Token sequences of every form, looked up by their first token: the same matches as spaCy's
        # PhraseMatcher on LOWER / ORTH, without making a spaCy lexeme for each of the thousands of
        # forms when the process starts (that alone took 0.25 s).
        self._by_lower: dict[tuple[str, ...], SkillForm] = {}
        self._by_orth: dict[tuple[str, ...], SkillForm] = {}
        self._lower_lengths: dict[str, tuple[int, ...]] = {}
        self._orth_lengths: dict[str, tuple[int, ...]] = {}
        tokens = taxonomy.form_tokens()
        for form in taxonomy.forms:
            words = tokens[form.text]
            key = words if form.case_sensitive else tuple(w.lower() for w in words)
            table = self._by_orth if form.case_sensitive else self._by_lower
            if key and key not in table:
                table[key] = form
        for table, lengths in ((self._by_lower, self._lower_lengths), (self._by_orth, self._orth_lengths)):
            by_first: dict[str, set[int]] = {}
            for key in table:
                by_first.setdefault(key[0], set()).add(len(key))
            lengths.update({first: tuple(sorted(sizes)) for first, sizes in by_first.items()})
        rules = taxonomy.context
        self._cues = frozenset(w.lower() for w in rules.cue_words)
        self._reject_next = frozenset(w.lower() for w in rules.reject_next)
        self._reject_prev = frozenset(w.lower() for w in rules.reject_prev)
        self._reject_sections = frozenset(rules.reject_sections)
        self._role_nouns = frozenset(w.lower() for w in rules.role_nouns)

    def _candidates(self, tokens: TokenTable) -> list[_Candidate]:
        candidates = []
        for words, table, lengths in (
            (tokens.lower, self._by_lower, self._lower_lengths),
            (tokens.text, self._by_orth, self._orth_lengths),
        ):
            count = len(words)
            for start, word in enumerate(words):
                sizes = lengths.get(word)
                if sizes is None:
                    continue
                for size in sizes:
                    if start + size > count:
                        break
                    form = table.get(tuple(words[start : start + size])) if size > 1 else table.get((word,))
                    if form is not None:
                        candidates.append(_Candidate(start, start + size, form))
        # Longest first; then unambiguous, then names before aliases, then position: deterministic.
        order = {"name": 0, "short_form": 1, "alias": 2, "misspelling": 3}
        ends, starts = tokens.end, tokens.start
        candidates.sort(
            key=lambda c: (
                starts[c.start] - ends[c.end - 1],
                c.form.ambiguous,
                order[c.form.kind],
                c.start,
                c.form.skill_id,
            )
        )
        return candidates

    def extract(self, context: ExtractionContext, found: Sequence[SkillMention]) -> list[SkillMention]:
        tokens = context.tokens
        # Category labels ("Databases:") and duration notes ("(3 years)") are never skills, nor anchors.
        candidates = [
            c
            for c in self._candidates(tokens)
            if not context.in_label_or_note(tokens.start[c.start], tokens.end[c.end - 1])
        ]
        # Anchors for the context rules: the unambiguous matches, longest first.
        provisional = bytearray(len(tokens.text) + 1)
        anchors: list[_Anchor] = []
        for candidate in candidates:
            if not candidate.form.ambiguous and not any(provisional[candidate.start : candidate.end]):
                provisional[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
                skill_id = candidate.form.skill_id
                unit = context.unit_of(tokens.start[candidate.start])
                anchors.append((candidate.start, candidate.end, unit, self.taxonomy[skill_id].category, skill_id))
        anchors.sort()
        # Tokens of any skill form, ambiguous or not: a list neighbour may be separated by other names
        # ("node.js react go").
        named = bytearray(len(tokens.text) + 1)
        for candidate in candidates:
            named[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
        # Then every candidate longest first, so a multi-word form wins over a shorter form inside it
        # even when it is the ambiguous one ("SQL Developer" the tool over "SQL"); an ambiguous
        # candidate takes its tokens only when its context accepts it.
        taken = bytearray(len(tokens.text) + 1)
        accepted: list[tuple[_Candidate, str]] = []
        for candidate in candidates:
            if any(taken[candidate.start : candidate.end]):
                continue
            reason = ""
            if candidate.form.ambiguous:
                reason = self._context_reason(context, candidate, anchors, named)
                if not reason:
                    context.refuse(tokens.start[candidate.start], tokens.end[candidate.end - 1])
                    continue
                # Accepted, it is evidence for the ambiguous names still to come ("pandas" for "Flask").
                skill_id = candidate.form.skill_id
                unit = context.unit_of(tokens.start[candidate.start])
                category = self.taxonomy[skill_id].category
                bisect.insort(anchors, (candidate.start, candidate.end, unit, category, skill_id))
            taken[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
            accepted.append((candidate, reason))
        mentions = []
        for candidate, reason in accepted:
            if self._names_a_role(tokens, candidate):
                context.refuse(tokens.start[candidate.start], tokens.end[candidate.end - 1])
            else:
                mentions.append(self._mention(context, candidate, reason))
        return sorted(mentions, key=lambda m: m.span.start)

    def _names_a_role(self, tokens: TokenTable, candidate: _Candidate) -> bool:
        """ "Java Developer", "DevOps engineers": the skill names a role, not something the person used."""
        return candidate.end < len(tokens.lower) and tokens.lower[candidate.end] in self._role_nouns

    def _mention(self, context: ExtractionContext, candidate: _Candidate, reason: str) -> SkillMention:
        tokens = context.tokens
        form = candidate.form
        skill = self.taxonomy[form.skill_id]
        if form.kind == "name" and not form.variant:
            method, how = SkillMethod.EXACT, f"the name {skill.name!r}"
        elif form.variant:
            method, how = SkillMethod.ALIAS, f"{form.text!r}, another case of a form of {skill.name}"
        elif form.kind == "short_form":
            method, how = SkillMethod.ALIAS, f"the case-sensitive short form {form.text!r} of {skill.name}"
        else:
            method, how = SkillMethod.ALIAS, f"the {form.kind} {form.text!r} of {skill.name}"
        explanation = f"matched {how}" + (f"; ambiguous, accepted because {reason}" if reason else "")
        return context.mention(
            form.skill_id,
            tokens.start[candidate.start],
            tokens.end[candidate.end - 1],
            method=method,
            similarity=1.0,
            extractor=self.name,
            explanation=explanation,
        )

    @staticmethod
    def _list_items(context: ExtractionContext, line: int, other: int) -> bool:
        """Two adjacent short lines: items of a one-per-line list."""
        if abs(line - other) != 1:
            return False
        return all(len(context.line_text(context._line_starts[n]).split()) <= 4 for n in (line, other))

    def _vetoed(self, context: ExtractionContext, candidate: _Candidate) -> bool:
        """A veto: a names-live-here section, or a word right before or after that makes it an ordinary word."""
        tokens = context.tokens
        skill = self.taxonomy[candidate.form.skill_id]
        section = context.section_at(tokens.start[candidate.start])
        if section is not None and section.kind in self._reject_sections:
            return True
        if candidate.end < len(tokens.text):
            word = tokens.lower[candidate.end]
            attached = not tokens.space_after[candidate.end - 1]
            if word in {w.lower() for w in skill.reject_next} or (
                word in self._reject_next and (attached or word not in {"-"})
            ):
                return True
        if candidate.start > 0:
            word = tokens.lower[candidate.start - 1]
            attached = not tokens.space_after[candidate.start - 1]
            if word in {w.lower() for w in skill.reject_prev} or (
                word in self._reject_prev and (attached or word not in {"-"})
            ):
                return True
        return False

    def _needs_list(self, context: ExtractionContext, candidate: _Candidate) -> bool:
        """Spellings that count only in a list: another case than the taxonomy's ("spark", "ORACLE"), and
        forms ending in a role noun ("SQL Developer" is a tool in a list and a job title in prose)."""
        form = candidate.form
        if form.variant or context.tokens.lower[candidate.end - 1] in self._role_nouns:
            return True
        surface = context.text[context.tokens.start[candidate.start] : context.tokens.end[candidate.end - 1]]
        return surface == surface.lower() and form.text != form.text.lower()

    def _is_related(self, skill_id: str, anchor_skill: str, anchor_category: str) -> bool:
        """Whether an anchor is of the ecosystem a restricted skill needs (its context skills or categories)."""
        skill = self.taxonomy[skill_id]
        if anchor_category in skill.context_categories:
            return True
        wanted = skill.context_skills
        return anchor_skill in wanted or any(s in wanted for s in self.taxonomy.implied(anchor_skill))

    def _context_reason(
        self, context: ExtractionContext, candidate: _Candidate, anchors: list[_Anchor], named: bytearray
    ) -> str:
        """Why an ambiguous candidate is a skill here, or "" when it is not.

        ``named`` marks the tokens of every skill form found, which may stand between list items.
        """
        if self._vetoed(context, candidate):
            return ""
        tokens = context.tokens
        skill = self.taxonomy[candidate.form.skill_id]
        first, last = candidate.start, candidate.end - 1
        first_char = tokens.start[first]
        needs_list = self._needs_list(context, candidate)
        restricted = skill.needs_related_context
        in_list = context.in_skills_list(first_char)
        if in_list and not restricted:
            return "it is in a skills list"
        unit = context.unit_of(first_char)
        line = context.line_of(first_char)
        section = context.section_at(first_char)
        window = self.taxonomy.context.window
        # Only anchors a few dozen tokens away can be near (word distance <= token distance), unless a
        # restricted skill in a skills list looks for its ecosystem anywhere in the section.
        reach = 4 * window + 8
        low = bisect.bisect_left(anchors, (candidate.start - reach,))
        high = bisect.bisect_right(anchors, (candidate.end + reach,))
        nearby = anchors[low:high]
        if restricted and in_list:
            nearby = anchors
        listed_neighbour = in_list
        for start, end, anchor_unit, category, anchor_skill in nearby:
            if start < candidate.end and candidate.start < end:
                continue  # inside the candidate itself ("SQL" of "SQL Developer")
            before = end <= candidate.start
            gap = context.gap(end - 1, candidate.start) if before else context.gap(last, start)
            between = range(end, candidate.start) if before else range(candidate.end, start)
            # Only separators, duration notes or other names between them: items of one list
            # ("Toad, SQL Developer", "ORACLE (3 years), JSP", "node.js react go").
            separated = (needs_list or restricted) and (
                gap <= window
                and all(
                    tokens.is_space[i] or tokens.text[i] in _LIST_SEPARATORS or named[i] or context.in_note(i)
                    for i in between
                )
            )
            same_unit = anchor_unit == unit or self._list_items(context, line, context.line_of(tokens.start[start]))
            anchor = context.text[tokens.start[start] : tokens.end[end - 1]]
            if restricted:
                listed_neighbour = listed_neighbour or (separated and same_unit)
                if not self._is_related(skill.id, anchor_skill, category):
                    continue
                same_list = in_list and section is not None and context.section_at(tokens.start[start]) is section
                if (same_unit and (separated if needs_list else gap <= window)) or same_list:
                    return f"a related skill ({anchor!r}) is near it"
                continue
            if (separated if needs_list else gap <= window) and same_unit:
                return f"another skill ({anchor!r}) is next to it"
        if needs_list and not listed_neighbour:
            return ""
        version = self._version_after(context, candidate)
        if version and not restricted:
            return f"a version ({version!r}) follows it"
        words = {w.lower() for w in skill.context_words} if restricted else self._cues
        cue_window = self.taxonomy.context.cue_window
        low_token = max(0, candidate.start - 2 * cue_window)
        high_token = min(len(tokens.text), candidate.end + 2 * cue_window)
        for i in range(low_token, high_token):
            if tokens.is_space[i] or candidate.start <= i < candidate.end or context.unit_of(tokens.start[i]) != unit:
                continue
            reference = candidate.start if i < candidate.start else last
            if context.word_distance(i, reference) > cue_window:
                continue
            if tokens.lower[i] in words:
                return f"the {'word' if restricted else 'cue word'} {tokens.text[i]!r} is next to it"
        return ""

    @staticmethod
    def _version_after(context: ExtractionContext, candidate: _Candidate) -> str:
        """The version number right after a capitalised product name ("Windows 7/8/10", "Oracle 11g/10"), or ""."""
        tokens = context.tokens
        form = candidate.form.text
        if candidate.end >= len(tokens.text) or len(form) < 2 or not form[:1].isupper() or candidate.form.variant:
            return ""
        following = tokens.text[candidate.end]
        if not _VERSION.fullmatch(following) or _YEARS.fullmatch(following):
            return ""
        return following


# ---------------------------------------------------------------------------- fuzzy

_KEY_DROP = re.compile(r"[^\w+#.]|_")
_STRIP = "()[]{},;:!?\"'“”‘’*|<>"
_STRIP_END = _STRIP + "."
# A word: leading punctuation skipped, then everything up to the next space.
_WORD_RUN = re.compile(r"[^\s()\[\]{},;:!?\"'“”‘’*|<>][^\s]*")
_TOOL_MARKS = re.compile(r"[A-Z]")  # searched from the second character: "PyTorch", "NumPy"
_TOOL_SYMBOLS = re.compile(r"[\d+#.]")


def fuzzy_key(text: str) -> str:
    """The string fuzzy matching compares: lower case, without spaces, hyphens and most punctuation.

    ``+ # .`` are kept, so C, C++, C# and .NET stay distinct (rapidfuzz's ``default_process``
    would map them all to ``c``/``net``).
    """
    return _KEY_DROP.sub("", text.lower())


_VERSION_SUFFIX = re.compile(r"v?[\d.x]+")


def _different_word(candidate: str, choice: str) -> bool:
    """One key inside the other is a different word ("commerce"/"ecommerce"), unless the rest is a version."""
    if candidate == choice:
        return False
    if choice in candidate:
        return not _VERSION_SUFFIX.fullmatch(candidate.replace(choice, "", 1))
    return candidate in choice


class FuzzySkillExtractor(SkillExtractor):
    """Near spellings ("Tensorflow2", "Py-Torch", "Kubernates") of unambiguous names and aliases.

    Runs only on words no earlier extractor claimed, on words and word pairs whose key is at
    least ``min_length`` characters, with ``fuzz.ratio`` (the scorer the measured facts found
    safest: WRatio and token_set_ratio map Java to JavaScript and data to Data Science).
    """

    name = "fuzzy"

    def __init__(self, taxonomy: Taxonomy, *, cutoff: float = 90.0, min_length: int = 5) -> None:
        from spacy.lang.en.stop_words import STOP_WORDS

        self.taxonomy = taxonomy
        self.cutoff = cutoff
        self.min_length = min_length
        self._stop_words = frozenset(STOP_WORDS)
        self._role_nouns = frozenset(w.lower() for w in taxonomy.context.role_nouns)
        # Keys of forms that need context or case: fuzzy matching must not bring back what those rules refused.
        self._guarded_keys = {fuzzy_key(f.text) for f in taxonomy.forms if f.ambiguous or f.case_sensitive}
        choices: dict[str, SkillForm] = {}
        for form in taxonomy.forms:
            key = fuzzy_key(form.text)
            if not form.ambiguous and not form.case_sensitive and len(key) >= min_length:
                choices.setdefault(key, form)
        self._choice_keys = sorted(choices)
        self._choice_forms = [choices[k] for k in self._choice_keys]
        self._nearest: NearestChoices | None = None  # built on first use: start-up pays only for what runs

    @staticmethod
    def _tool_like(text: str, start: int, surface: str) -> bool:
        """Whether a word in prose could be a misspelt tool name.

        Lower-case words ("linked", "objectives") and capitalised words that merely start a
        sentence or bullet ("Sharing") are ordinary words far more often than misspelt tools.
        """
        if _TOOL_MARKS.search(surface, 1) or _TOOL_SYMBOLS.search(surface):
            return True
        if not surface[:1].isupper():
            return False
        before = text[max(0, start - 16) : start].rstrip(" \t")
        return bool(before) and before[-1] not in "\n.!?:;•◦-*–·"

    def _words(self, context: ExtractionContext, covered: np.ndarray) -> list[tuple[int, int]]:
        """Whitespace-delimited words not covered by earlier mentions, trimmed of punctuation."""
        text = context.text
        # covered_before[i]: covered characters before i, so a range is free when the counts agree.
        covered_before = np.concatenate(([0], np.cumsum(covered))).tolist()
        words = []
        for match in _WORD_RUN.finditer(text):
            start, end = match.span()
            while end > start and text[end - 1] in _STRIP_END:
                end -= 1
            if end > start and covered_before[end] == covered_before[start]:
                words.append((start, end))
        return words

    def _candidates(self, context: ExtractionContext, words: list[tuple[int, int]]) -> dict[str, list[tuple[int, int]]]:
        """Keys to look up, with the spans (words and adjacent word pairs) they come from.

        A span is looked at when it is tool-like (see :meth:`_tool_like`) or on a skills-list line.
        Its key is the concatenation of its words' keys, and it is skipped when any word is a stop word.
        """
        text = context.text
        count = len(words)
        # Per word: whether it is tool-like at its place, whether it carries a mark that makes any
        # span holding it tool-like, and whether its line is a skills list. Most words are plain
        # lower-case prose ("objectives"): none of these, and nothing more is computed for them.
        tool, marked, listed = [False] * count, [False] * count, [False] * count
        for i, (start, end) in enumerate(words):
            surface = text[start:end]
            listed[i] = context.in_skills_list(start)
            if not (surface.isalpha() and surface.islower()):
                marked[i] = bool(_TOOL_MARKS.search(surface) or _TOOL_SYMBOLS.search(surface))
                tool[i] = self._tool_like(text, start, surface)
        keys: dict[int, str | None] = {}  # word index -> key, or None for a stop word

        def key_of(i: int) -> str | None:
            if i not in keys:
                surface = text[words[i][0] : words[i][1]]
                keys[i] = None if surface.lower() in self._stop_words else fuzzy_key(surface)
            return keys[i]

        candidates: dict[str, list[tuple[int, int]]] = {}

        def consider(key: str, span: tuple[int, int]) -> None:
            if len(key) >= self.min_length and key not in self._guarded_keys and not key.isdigit():
                candidates.setdefault(key, []).append(span)

        for i, (start, end) in enumerate(words):
            if not (tool[i] or listed[i] or (i + 1 < count and marked[i + 1])):
                continue
            first = key_of(i)
            if first is None:
                continue
            if tool[i] or listed[i]:
                consider(first, (start, end))
            following = i + 1
            if (
                following < count
                and text[end : words[following][0]].isspace()
                and context.unit_of(start) == context.unit_of(words[following][0])
            ):
                second = key_of(following)
                if second is not None:
                    consider(first + second, (start, words[following][1]))
        return candidates

    def extract(self, context: ExtractionContext, found: Sequence[SkillMention]) -> list[SkillMention]:
        text = context.text
        covered = np.zeros(len(text) + 1, dtype=bool)
        for mention in found:
            covered[mention.span.start : mention.span.end] = True
        for start, end in context.refused:
            covered[start:end] = True
        candidates = self._candidates(context, self._words(context, covered))
        if not candidates:
            return []
        keys = sorted(candidates)
        best = self._best_matches(keys)
        hits: list[tuple[float, int, int, int]] = []  # -score, start, end, choice
        for key, (score, choice) in zip(keys, best, strict=True):
            if score >= self.cutoff and not _different_word(key, self._choice_keys[choice]):
                for start, end in candidates[key]:
                    if not self._names_a_role(text[start:end], self._choice_forms[choice].text):
                        hits.append((-score, start, end, choice))
        hits.sort(key=lambda h: (h[0], -(h[2] - h[1]), h[1]))
        taken = bytearray(len(text) + 1)
        mentions = []
        for negative_score, start, end, choice in hits:
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            form = self._choice_forms[choice]
            score = -negative_score
            mentions.append(
                context.mention(
                    form.skill_id,
                    start,
                    end,
                    method=SkillMethod.FUZZY,
                    similarity=score / 100,
                    extractor=self.name,
                    explanation=f"{text[start:end]!r} is {score:.0f}% similar to {form.text!r} "
                    f"({self.taxonomy[form.skill_id].name}; rapidfuzz ratio, cutoff {self.cutoff:.0f})",
                )
            )
        return sorted(mentions, key=lambda m: m.span.start)

    def _names_a_role(self, surface: str, form: str) -> bool:
        """Whether a near spelling is a job title: it ends in a role noun the form does not end in.

        "Financial Analyst" is 91% similar to "financial analysis" and "Data Analyst" to "data
        analysis", but they name what someone was, not a skill they showed.
        """
        last = surface.split()[-1].lower() if surface.split() else ""
        return last in self._role_nouns and form.split()[-1].lower() != last

    def _best_matches(self, keys: list[str]) -> list[tuple[float, int]]:
        """For each key, the best (score, choice index) among the choices, (0.0, -1) for none."""
        if self._nearest is None:
            self._nearest = NearestChoices(self._choice_keys, self.cutoff)
        return self._nearest.best_many(keys)


# ---------------------------------------------------------------------------- inferred


class _TokenView:
    """Per-document token attributes the compiled patterns read, computed once."""

    def __init__(self, doc: Doc, tokens: TokenTable | None = None) -> None:
        self.doc = doc
        tokens = tokens or TokenTable.of(doc)
        self.lower = tokens.lower
        self.text = tokens.text


_TokenTest = Callable[["_TokenView", int], bool]


def _attr_equals(attr: str, wanted: str) -> _TokenTest:
    def test(view: _TokenView, i: int) -> bool:
        return bool(getattr(view, attr)[i] == wanted)

    return test


def _attr_in(attr: str, allowed: frozenset[str], *, negate: bool = False) -> _TokenTest:
    def test(view: _TokenView, i: int) -> bool:
        return (getattr(view, attr)[i] in allowed) is not negate

    return test


def _flag(name: str, wanted: bool) -> _TokenTest:
    def test(view: _TokenView, i: int) -> bool:
        value = view.doc[i].like_num if name == "LIKE_NUM" else view.text[i].isalpha()
        return bool(value) is wanted

    return test


def _compile_token(spec: dict[str, Any], view_attr: dict[str, str]) -> tuple[_TokenTest, int, int] | None:
    """A spaCy token pattern as (test, min count, max count), or None when it uses what this does not support."""
    op = str(spec.get("OP", ""))
    bounds = re.fullmatch(r"\{(\d*),(\d*)\}", op)
    if op == "":
        low, high = 1, 1
    elif op == "?":
        low, high = 0, 1
    elif bounds and bounds.group(2):
        low, high = int(bounds.group(1) or 0), int(bounds.group(2))
    else:
        return None
    tests: list[_TokenTest] = []
    for key, value in spec.items():
        if key == "OP":
            continue
        attr = view_attr.get(key)
        fold = key == "LOWER"
        if attr is not None and isinstance(value, str):
            tests.append(_attr_equals(attr, value.lower() if fold else value))
        elif attr is not None and isinstance(value, dict) and set(value) in ({"IN"}, {"NOT_IN"}):
            ((operator, items),) = value.items()
            words = frozenset(str(x).lower() if fold else str(x) for x in items)
            tests.append(_attr_in(attr, words, negate=operator == "NOT_IN"))
        elif key in ("LIKE_NUM", "IS_ALPHA") and isinstance(value, bool):
            tests.append(_flag(key, value))
        else:
            return None

    def test(view: _TokenView, i: int) -> bool:
        return all(check(view, i) for check in tests)

    return test, low, high


class _FastPattern:
    """A Matcher pattern of literal words, word sets and bounded gaps, matched by backtracking.

    Same matches as spaCy's Matcher for these shapes (``tests/test_skills.py`` compares them), at a
    fraction of the cost: spaCy's Matcher tests every token against every rule state.
    """

    _ATTRS: ClassVar[dict[str, str]] = {"LOWER": "lower", "ORTH": "text", "TEXT": "text"}

    def __init__(self, steps: list[tuple[_TokenTest, int, int]]) -> None:
        self.steps = steps

    @classmethod
    def compile(cls, pattern: list[dict[str, Any]]) -> _FastPattern | None:
        steps = []
        for spec in pattern:
            step = _compile_token(spec, cls._ATTRS)
            if step is None:
                return None
            steps.append(step)
        if not steps or steps[0][1] < 1:
            return None  # must start with a required token, so it can be anchored
        return cls(steps)

    def longest_from(self, view: _TokenView, start: int) -> int | None:
        """End of the longest match starting at ``start``, or None."""
        return self._match(view, start, 0)

    def _match(self, view: _TokenView, position: int, step: int) -> int | None:
        if step == len(self.steps):
            return position
        test, low, high = self.steps[step]
        ends = [position]
        cursor = position
        size = len(view.lower)
        while len(ends) - 1 < high and cursor < size and test(view, cursor):
            cursor += 1
            ends.append(cursor)
        best: int | None = None
        for count in range(len(ends) - 1, low - 1, -1):
            end = self._match(view, ends[count], step + 1)
            if end is not None and (best is None or end > best):
                best = end
        return best


def _longest_spans(spans: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping token spans, longest first then leftmost: ``spacy.util.filter_spans`` on offsets."""
    chosen: list[tuple[int, int]] = []
    seen: set[int] = set()
    for start, end in sorted(spans, key=lambda span: (span[1] - span[0], -span[0]), reverse=True):
        if start not in seen and end - 1 not in seen:
            chosen.append((start, end))
            seen.update(range(start, end))
    return sorted(chosen)


class InferredSkillExtractor(SkillExtractor):
    """Skills inferred from what people did, by the taxonomy's ``inferences`` rules (spaCy ``Matcher``).

    "mentored two junior engineers" shows mentoring; "presented results to executives" shows
    communication; "reviewed pull requests" shows code review.
    """

    name = "inference"

    def __init__(self, taxonomy: Taxonomy) -> None:
        from spacy.matcher import Matcher

        self.taxonomy = taxonomy
        nlp = get_pipeline()
        self._matcher = Matcher(nlp.vocab, validate=True)
        self._rules = list(taxonomy.inferences)
        for index, rule in enumerate(self._rules):
            try:
                self._matcher.add(f"rm_rule_{index}", rule.patterns)
            except ValueError as error:  # spaCy's MatchPatternError lists every bad token
                where = " + ".join(taxonomy.sources)
                raise DataFileError(f"{where}: inference rule {index} ({rule.skill}): {error}") from None
        self._keys = {nlp.vocab.strings[f"rm_rule_{i}"]: i for i in range(len(self._rules))}
        # spaCy's Matcher validated the patterns above; the common shapes run on a compiled
        # backtracking matcher anchored at their first words, the rest on spaCy's Matcher.
        self._fast: dict[str, list[tuple[int, _FastPattern]]] = {}
        self._slow = Matcher(nlp.vocab)
        self._has_slow = False
        for index, rule in enumerate(self._rules):
            for pattern in rule.patterns:
                compiled = _FastPattern.compile(pattern)
                first = pattern[0].get("LOWER") if pattern else None
                words = [first] if isinstance(first, str) else (first.get("IN") if isinstance(first, dict) else None)
                if compiled is None or not isinstance(words, list) or not words:
                    self._slow.add(f"rm_rule_{index}", [pattern])
                    self._has_slow = True
                    continue
                for word in words:
                    self._fast.setdefault(str(word).lower(), []).append((index, compiled))

    def extract(self, context: ExtractionContext, found: Sequence[SkillMention]) -> list[SkillMention]:
        if not self._rules:
            return []
        doc = context.doc
        tokens = context.tokens
        view = _TokenView(doc, tokens)
        by_rule: dict[int, set[tuple[int, int]]] = {}
        for position, word in enumerate(view.lower):
            for index, pattern in self._fast.get(word, ()):
                end = pattern.longest_from(view, position)
                if end is not None:
                    by_rule.setdefault(index, set()).add((position, end))
        if self._has_slow:
            for key, start, end in self._slow(doc):
                by_rule.setdefault(self._keys[key], set()).add((start, end))
        known = {(m.skill_id, m.span.start) for m in found}
        mentions = []
        for index in sorted(by_rule):
            rule = self._rules[index]
            for first, stop in _longest_spans(by_rule[index]):
                start, end = tokens.start[first], tokens.end[stop - 1]
                if (rule.skill, start) in known:
                    continue
                known.add((rule.skill, start))
                words = context.text[start:end].replace("\n", " ")  # as the tokens read it
                mentions.append(
                    context.mention(
                        rule.skill,
                        start,
                        end,
                        method=SkillMethod.INFERRED,
                        similarity=rule.confidence,
                        extractor=self.name,
                        explanation=f"inferred: {rule.because} ({words!r})",
                    )
                )
        return sorted(mentions, key=lambda m: m.span.start)


# ---------------------------------------------------------------------------- user patterns


class PatternSkillExtractor(SkillExtractor):
    """A user's regular expressions for one skill, like presidio's ``PatternRecognizer``.

    >>> PatternSkillExtractor("acme_ml", [r"\\bAcme ?ML\\b"], name="acme")  # doctest: +SKIP
    """

    def __init__(
        self,
        skill_id: str,
        patterns: Sequence[str],
        *,
        name: str | None = None,
        method: SkillMethod = SkillMethod.ALIAS,
        similarity: float = 1.0,
        flags: int = re.IGNORECASE,
    ) -> None:
        self.skill_id = skill_id
        self.name = name or f"pattern:{skill_id}"
        self.method = method
        self.similarity = similarity
        self._patterns = [re.compile(p, flags) for p in patterns]

    def extract(self, context: ExtractionContext, found: Sequence[SkillMention]) -> list[SkillMention]:
        mentions = []
        for pattern in self._patterns:
            for match in pattern.finditer(context.text):
                if match.end() > match.start():
                    mentions.append(
                        context.mention(
                            self.skill_id,
                            match.start(),
                            match.end(),
                            method=self.method,
                            similarity=self.similarity,
                            extractor=self.name,
                            explanation=f"matched the pattern {pattern.pattern!r}",
                        )
                    )
        return mentions
