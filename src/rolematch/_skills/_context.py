"""The extension API of skill extraction: the shared :class:`ExtractionContext`, :class:`TokenTable`
and the :class:`SkillExtractor` base class.

Modelled on presidio-analyzer's recognizers: every extractor has a ``name``, reads a shared
:class:`ExtractionContext`, and returns :class:`~rolematch.resume.SkillMention` objects whose
``explanation`` says why they fired. :class:`~rolematch._skills.SkillRegistry` runs them in order;
each one sees what the earlier ones found. The context also knows what is never a skill in a
resume's lists: category labels ("Databases:") and duration or level notes ("(3 years)").
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .._data import parsing_vocabulary
from ..resume import ExperienceEntry, Section, SectionKind, SkillMention, SkillMethod
from ._taxonomy import Taxonomy

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["ExtractionContext", "SkillExtractor", "TokenTable", "is_level_note"]


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
# What separates the items of a skills list written on one line.
_LIST_SEPARATORS = re.compile(r"[,;|•·/]")
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


def _label_shaped(match: re.Match[str]) -> bool:
    """Whether a "Label: rest" line has the shape of a category label and its list, whatever its section."""
    label, rest = match.group("label"), match.group("rest")
    if rest.startswith("//") or len(label.split()) > _LABEL_MAX_WORDS or _ITEM_SPLIT.search(label):
        return False  # "https://...", a sentence with a colon, or a list before the colon
    rest = rest.strip()
    if rest and is_level_note(_ITEM_SPLIT.split(rest, maxsplit=1)[0]):
        return False  # "Python: 5 years", "English: Native, French: B2": the label is the skill
    # "Java: e.g. Mission Control, YourKit": the label is the requirement, then examples
    return not _EXAMPLES.match(rest)


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
        is_space = list(map(str.isspace, texts))
        return cls(
            text=texts,
            # Token by token: slicing a lower-cased copy of the text measured slower than this.
            lower=list(map(str.lower, texts)),
            start=starts,
            end=ends,
            space_after=columns[:, 2].astype(bool).tolist(),
            is_space=is_space,
            word_index=list(itertools.accumulate(map(operator.not_, is_space), initial=-1))[1:],
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
        # Only a line with a colon can hold a label.
        lines = zip(self._line_starts, self.text.split("\n"), strict=True)
        labels = (self._label_on_line(start, line) for start, line in lines if ":" in line)
        return [label for label in labels if label is not None]

    def _label_on_line(self, start: int, line: str) -> tuple[int, int] | None:
        """The character range of the category label on ``line``, which starts at ``start``, or None."""
        match = _LABEL_LINE.match(line)
        if match is None or not _label_shaped(match):
            return None
        rest = match.group("rest").strip()
        section = self.section_at(start)
        in_skills_section = section is not None and section.kind in (SectionKind.SKILLS, SectionKind.LANGUAGES)
        if not rest or in_skills_section or self.in_skills_list(start) or _list_like(rest):
            return start + match.start("label"), start + match.end("label")
        return None

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
    def _masked_tokens(self) -> bytearray:
        """Marks the tokens that overlap a category label or a duration note: a span of tokens none of
        which is marked is in neither (see :meth:`in_label_or_note`), without asking."""
        tokens = self.tokens
        marks = bytearray(len(tokens.text) + 1)
        starts, ends = tokens.start, tokens.end
        for low, high in self._masked:
            first = bisect.bisect_right(ends, low)  # the first token ending after the range starts
            last = bisect.bisect_left(starts, high)  # the first token starting at or after its end
            if first < last:
                marks[first:last] = b"\x01" * (last - first)
        return marks

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
        starts, ends, is_space = tokens.start, tokens.end, tokens.is_space
        inside = bytearray(len(starts))
        # Notes are in text order and do not overlap, tokens too: the tokens of a note are the run from
        # the first starting in it while they end inside it.
        for note_start, note_end in self.notes:
            i = bisect.bisect_left(starts, note_start)
            while i < len(starts) and ends[i] <= note_end:
                inside[i] = not is_space[i]
                i += 1
        return list(itertools.accumulate(inside, initial=0))

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
        # Each line stripped and counted once: it is the current line of one pair and the previous of the next.
        lines = [line.strip() for line in self.text.split("\n")]
        words = self._line_words
        for index in range(1, len(lines)):
            previous, current = lines[index - 1], lines[index]
            wrapped = (
                previous
                and current
                and not previous.endswith((".", "!", "?", ";", ":"))
                and not current.startswith(("•", "◦", "-", "*", "–", "·"))
                and words[index - 1] > 4
                and words[index] > 1
            )
            if not wrapped:
                starts.append(index)
        return starts

    @functools.cached_property
    def _line_words(self) -> list[int]:
        """For each line, how many white-space separated words it holds."""
        return [len(line.split()) for line in self.text.split("\n")]

    @functools.cached_property
    def _line_units(self) -> list[int]:
        """For each line, the index of its logical line (see :attr:`_unit_starts`)."""
        begins = bytearray(len(self._line_starts))
        for line in self._unit_starts:
            begins[line] = 1
        return list(itertools.accumulate(begins, initial=-1))[1:]

    def unit_of(self, offset: int) -> int:
        """Index of the logical line (a bullet or sentence run, however the layout wrapped it) at ``offset``."""
        line = self.line_of(offset)
        return self._line_units[line] if line >= 0 else -1

    def units_of(self, offsets: list[int]) -> list[int]:
        """:meth:`unit_of` of each of ``offsets`` (none negative), in one call."""
        line_starts, units = self._line_starts, self._line_units
        return [units[bisect.bisect_right(line_starts, offset) - 1] for offset in offsets]

    def unit_bounds(self, unit: int) -> tuple[int, int]:
        """The characters ``[start, end)`` of logical line ``unit``: ``unit_of`` gives ``unit`` exactly there."""
        starts = self._unit_starts
        end = self._line_starts[starts[unit + 1]] if unit + 1 < len(starts) else len(self.text) + 1
        return self._line_starts[starts[unit]], end

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
        index = self._section_index(offset)
        return self.sections[index] if index >= 0 else None

    def _section_index(self, offset: int) -> int:
        """The index in ``sections`` of the one holding character ``offset``, -1 for none."""
        index = bisect.bisect_right(self._section_starts, offset) - 1
        return index if index >= 0 and offset < self._section_ends[index] else -1

    @functools.cached_property
    def _section_ends(self) -> list[int]:
        # Plain ints: reading ``span.end`` off a pydantic model per question cost more than the bisect.
        return [s.span.end for s in self.sections]

    @functools.cached_property
    def _section_kinds(self) -> list[SectionKind]:
        return [s.kind for s in self.sections]

    @functools.cached_property
    def _experience_bounds(self) -> tuple[list[int], list[int], bool]:
        """The entries' starts and ends, and whether they are in text order without overlapping (then
        the entry holding an offset is the last one starting at or before it)."""
        starts = [entry.span.start for entry in self.experience]
        ends = [entry.span.end for entry in self.experience]
        ordered = all(end <= following for end, following in zip(ends, starts[1:], strict=False)) and all(
            start <= end for start, end in zip(starts, ends, strict=True)
        )
        return starts, ends, ordered

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
        return self._line_words[self.line_of(offset)] <= 8 or len(_LIST_SEPARATORS.findall(line)) >= 2

    def experience_at(self, offset: int) -> int | None:
        """Index into ``experience`` of the entry holding character ``offset``."""
        starts, ends, ordered = self._experience_bounds
        if ordered:
            index = bisect.bisect_right(starts, offset) - 1
            return index if index >= 0 and offset < ends[index] else None
        for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
            if start <= offset < end:
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
        section = self._section_index(start)
        # One validation call with the span as a mapping: validating a Span object first cost a
        # Python-level call more per mention, for the same model.
        return _validate_mention(
            {
                "skill_id": skill_id,
                "name": skill.name,
                "category": skill.category,
                "surface": self.text[start:end],
                "span": {"start": start, "end": end},
                "section": self._section_kinds[section] if section >= 0 else None,
                "experience_index": self.experience_at(start),
                "method": method,
                "similarity": similarity if similarity == 1.0 else round(similarity, 4),
                "extractor": extractor,
                "explanation": explanation,
            }
        )


# The model's validator itself: ``SkillMention.model_validate`` adds a Python-level call per mention.
_validate_mention: Callable[[dict[str, object]], SkillMention] = SkillMention.__pydantic_validator__.validate_python


class SkillExtractor(ABC):
    """Base class of extractors. Subclass it and register an instance with a ``SkillRegistry``."""

    #: Unique name, shown in every mention the extractor returns.
    name: str = "extractor"

    @abstractmethod
    def extract(self, context: ExtractionContext, found: Sequence[SkillMention]) -> list[SkillMention]:
        """Mentions in ``context``; ``found`` holds what earlier extractors returned."""
