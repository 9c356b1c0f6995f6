"""Fuzzy matching: near spellings ("Tensorflow2", "Py-Torch", "Kubernates") of the taxonomy's names.

The keys compared are made by :func:`fuzzy_key`; the nearest-choice search itself lives in
:mod:`._nearest`.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from typing import NamedTuple

from ..resume import SkillMention, SkillMethod
from ._context import ExtractionContext, SkillExtractor
from ._nearest import NearestChoices, best_by_scoring_all
from ._taxonomy import SkillForm, Taxonomy

__all__ = ["FuzzySkillExtractor", "fuzzy_key"]

# How many looked-up keys a fuzzy extractor remembers (about 100 bytes each).
_REMEMBERED_KEYS = 200_000
# How many keys an extractor scores against every choice before it builds the nearest-choice indexes:
# about what building them costs (~25 ms against the shipped taxonomy, ~60 microseconds a key
# unindexed, ~4 indexed). A process that reads one resume (a CLI call) never builds them; a batch
# does within its first few resumes, having paid at most twice the cheaper way.
_UNINDEXED_KEYS = 400
_KEY_DROP = re.compile(r"[^\w+#.]|_")
_STRIP = "()[]{},;:!?\"'“”‘’*|<>"
_STRIP_END = _STRIP + "."
# A word: leading punctuation skipped, then everything up to the next space.
_WORD_RUN = re.compile(r"[^\s()\[\]{},;:!?\"'“”‘’*|<>][^\s]*")
# Marks that make a word tool-like anywhere in prose: an upper-case letter past the first character
# ("PyTorch", "NumPy"), a digit or one of + # . ("C++", "Vue3"). A word is "marked" when it has one of
# them or starts with an upper-case letter.
_TOOLISH = re.compile(r"[\d+#.]|.[A-Z]")
_SENTENCE_ENDS = "\n.!?:;•◦-*–·"


def fuzzy_key(text: str) -> str:
    """The string fuzzy matching compares: lower case, without spaces, hyphens and most punctuation.

    ``+ # .`` are kept, so C, C++, C# and .NET stay distinct (rapidfuzz's ``default_process``
    would map them all to ``c``/``net``).
    """
    return _KEY_DROP.sub("", text.lower())


# The same words come back resume after resume ("Sharing", "Jira-based"): their keys are remembered.
_word_fuzzy_key = functools.lru_cache(maxsize=1 << 16)(fuzzy_key)

_VERSION_SUFFIX = re.compile(r"v?[\d.x]+")


def _mid_sentence(text: str, start: int) -> bool:
    """Whether a word at ``start`` follows something other than a sentence or bullet start."""
    before = text[max(0, start - 16) : start].rstrip(" \t")
    return bool(before) and before[-1] not in _SENTENCE_ENDS


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The non-empty ``[start, end)`` ranges, in order, overlapping and touching ones joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _different_word(candidate: str, choice: str) -> bool:
    """One key inside the other is a different word ("commerce"/"ecommerce"), unless the rest is a version."""
    if candidate == choice:
        return False
    if choice in candidate:
        return not _VERSION_SUFFIX.fullmatch(candidate.replace(choice, "", 1))
    return candidate in choice


class _Words(NamedTuple):
    """The words fuzzy matching may look at: those no earlier mention covers, trimmed of punctuation."""

    starts: list[int]
    ends: list[int]
    alone: list[int]  # words to look at alone: tool-like at their place, or on a skills-list line
    marked: set[int]  # words with a mark (upper case, digit, + # .) that makes a pair holding them tool-like


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
        self._guarded_keys: set[str] = set()
        choices: dict[str, SkillForm] = {}
        for form in taxonomy.forms:
            key = fuzzy_key(form.text)  # once per form: ~7,000 regular-expression calls at start-up
            if form.ambiguous or form.case_sensitive:
                self._guarded_keys.add(key)
            elif len(key) >= min_length:
                choices.setdefault(key, form)
        self._choice_keys = sorted(choices)
        self._choice_forms = [choices[k] for k in self._choice_keys]
        self._nearest: NearestChoices | None = None  # built when it pays (see _UNINDEXED_KEYS)
        self._unindexed = _UNINDEXED_KEYS  # how many more keys may be scored without it
        # key -> (score, choice): a batch of resumes asks about the same words again and again.
        self._best: dict[str, tuple[float, int]] = {}

    @staticmethod
    def _tool_like(text: str, start: int, surface: str) -> bool:
        """Whether a word in prose could be a misspelt tool name.

        Lower-case words ("linked", "objectives") and capitalised words that merely start a
        sentence or bullet ("Sharing") are ordinary words far more often than misspelt tools.
        """
        if _TOOLISH.search(surface):
            return True
        return surface[:1].isupper() and _mid_sentence(text, start)

    def _words(self, context: ExtractionContext, covered: list[tuple[int, int]]) -> _Words:
        """Whitespace-delimited words not covered by earlier mentions, trimmed of punctuation, in one pass
        (see :class:`_Words`).

        Most words are plain lower-case prose ("objectives"): for them the pass only checks coverage and
        which line they are on. Lines are asked about once each, not once per word.
        """
        text = context.text
        words = _Words([], [], [], set())
        starts, ends, alone = words.starts, words.ends, words.alone
        line_starts = context._line_starts
        next_line, line_listed = 0, False  # where the line after the previous word's starts, and its list-ness
        beyond = (len(text) + 1, len(text) + 1)
        stops = iter(covered)
        block = next(stops, beyond)  # the first covered range not yet passed
        for match in _WORD_RUN.finditer(text):
            start = match.start()
            surface = match.group().rstrip(_STRIP_END)
            if not surface:
                continue
            end = start + len(surface)
            while block[1] <= start:  # covered ranges are merged and in order, as the words are
                block = next(stops, beyond)
            if block[0] < end:
                continue
            if start >= next_line:  # move on to the line holding this word
                line = bisect.bisect_right(line_starts, start) - 1
                next_line = line_starts[line + 1] if line + 1 < len(line_starts) else len(text) + 1
                line_listed = context.in_skills_list(start)
            index = len(starts)
            starts.append(start)
            ends.append(end)
            if surface.isalpha() and surface.islower():
                if line_listed:
                    alone.append(index)
                continue
            # _tool_like and the marks, inlined with one search: most words reaching here are "Sharing" or "PyTorch".
            if _TOOLISH.search(surface):
                words.marked.add(index)
                alone.append(index)
                continue
            initial = surface[0]
            if "A" <= initial <= "Z":
                words.marked.add(index)
            if line_listed or (initial.isupper() and _mid_sentence(text, start)):
                alone.append(index)
        return words

    def _candidates(
        self, context: ExtractionContext, covered: list[tuple[int, int]]
    ) -> dict[str, list[tuple[int, int]]]:
        """Keys to look up, with the spans (words and adjacent word pairs) they come from.

        A word is looked at alone when it is tool-like (see :meth:`_tool_like`) or on a skills-list
        line, and so is its pair with the next word; a word is also paired with the next when that one
        carries a mark. A pair's key is the concatenation of its words' keys, and a span is skipped when
        any word is a stop word.
        """
        words = self._words(context, covered)
        starts, ends = words.starts, words.ends
        chosen = set(words.alone)
        keys: dict[int, str | None] = {}  # word index -> key, or None for a stop word; made when first needed
        spans: list[tuple[str, int, int]] = []  # key, start, end
        text = context.text
        last = len(starts) - 1
        for i in sorted(chosen.union(index - 1 for index in words.marked if index > 0)):
            first = keys[i] if i in keys else self._word_key(text[starts[i] : ends[i]])
            if first is None:
                continue
            if i in chosen:
                spans.append((first, starts[i], ends[i]))
            # A pair: only white space between the two words, on one logical line.
            if i == last:
                continue
            gap = text[ends[i] : starts[i + 1]]
            if gap.isspace() and ("\n" not in gap or context.unit_of(starts[i]) == context.unit_of(starts[i + 1])):
                second = keys[i + 1] = self._word_key(text[starts[i + 1] : ends[i + 1]])
                if second is not None:
                    spans.append((first + second, starts[i], ends[i + 1]))
        candidates: dict[str, list[tuple[int, int]]] = {}
        guarded, min_length = self._guarded_keys, self.min_length
        for key, start, end in spans:  # long enough, not guarded and not a number
            if len(key) >= min_length and key not in guarded and not key.isdigit():
                candidates.setdefault(key, []).append((start, end))
        return candidates

    def _word_key(self, surface: str) -> str | None:
        """The key of a word, or None for a stop word."""
        return None if surface.lower() in self._stop_words else _word_fuzzy_key(surface)

    def extract(self, context: ExtractionContext, found: Sequence[SkillMention]) -> list[SkillMention]:
        text = context.text
        candidates = self._candidates(context, _merged([(m.span.start, m.span.end) for m in found] + context.refused))
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
        best = self._best
        unknown = [key for key in keys if key not in best]
        if unknown:
            if self._nearest is None and len(unknown) <= self._unindexed:
                self._unindexed -= len(unknown)
                answers = best_by_scoring_all(unknown, self._choice_keys, self.cutoff)  # the same answers
            else:
                if self._nearest is None:
                    self._nearest = NearestChoices(self._choice_keys, self.cutoff)
                answers = self._nearest.best_many(unknown)
            if len(best) > _REMEMBERED_KEYS:
                best.clear()  # bounded memory in a long-running server; the answers are recomputed
            best.update(zip(unknown, answers, strict=True))
        return [best[key] for key in keys]
