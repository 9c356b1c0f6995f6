"""Fuzzy matching: near spellings ("Tensorflow2", "Py-Torch", "Kubernates") of the taxonomy's names.

The keys compared are made by :func:`fuzzy_key`; the nearest-choice search itself lives in
:mod:`._nearest`.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence

import numpy as np

from ..resume import SkillMention, SkillMethod
from ._context import ExtractionContext, SkillExtractor
from ._nearest import NearestChoices
from ._taxonomy import SkillForm, Taxonomy

__all__ = ["FuzzySkillExtractor", "fuzzy_key"]

# How many looked-up keys a fuzzy extractor remembers (about 100 bytes each).
_REMEMBERED_KEYS = 200_000
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


# The same words come back resume after resume ("Sharing", "Jira-based"): their keys are remembered.
_word_fuzzy_key = functools.lru_cache(maxsize=1 << 16)(fuzzy_key)

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
        # key -> (score, choice): a batch of resumes asks about the same words again and again.
        self._best: dict[str, tuple[float, int]] = {}

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
        tool, marked, listed, units = self._word_flags(context, words)
        keys: dict[int, str | None] = {}  # word index -> key, or None for a stop word; made when first needed
        candidates: dict[str, list[tuple[int, int]]] = {}
        text = context.text
        last = len(words) - 1
        for i, (start, end) in enumerate(words):
            alone = tool[i] or listed[i]
            if not (alone or (i < last and marked[i + 1])):
                continue
            first = self._word_key(text, words, i, keys)
            if first is None:
                continue
            if alone:
                self._consider(candidates, first, (start, end))
            # A pair: only white space between the two words, on one logical line.
            if i < last and units[i] == units[i + 1] and text[end : words[i + 1][0]].isspace():
                second = self._word_key(text, words, i + 1, keys)
                if second is not None:
                    self._consider(candidates, first + second, (start, words[i + 1][1]))
        return candidates

    def _word_flags(
        self, context: ExtractionContext, words: list[tuple[int, int]]
    ) -> tuple[list[bool], list[bool], list[bool], list[int]]:
        """Per word: whether it is tool-like at its place, whether it carries a mark that makes any span
        holding it tool-like, whether its line is a skills list, and its logical line.

        Most words are plain lower-case prose ("objectives"): none of the first two, and nothing more is
        computed for them. Lines are asked about once each, not once per word.
        """
        text = context.text
        count = len(words)
        tool, marked = [False] * count, [False] * count
        listed, units = [False] * count, [0] * count
        line_starts = context._line_starts
        line, next_line = -1, 0  # the line of the previous word, and where the line after it starts
        line_listed, unit = False, 0
        for i, (start, end) in enumerate(words):
            if start >= next_line:  # words are in text order: move on to the line holding this one
                line = bisect.bisect_right(line_starts, start) - 1
                next_line = line_starts[line + 1] if line + 1 < len(line_starts) else len(text) + 1
                line_listed, unit = context.in_skills_list(start), context.unit_of(start)
            listed[i], units[i] = line_listed, unit
            surface = text[start:end]
            if not (surface.isalpha() and surface.islower()):
                marked[i] = bool(_TOOL_MARKS.search(surface) or _TOOL_SYMBOLS.search(surface))
                tool[i] = self._tool_like(text, start, surface)
        return tool, marked, listed, units

    def _word_key(self, text: str, words: list[tuple[int, int]], i: int, keys: dict[int, str | None]) -> str | None:
        """The key of word ``i``, or None for a stop word (remembered in ``keys``)."""
        if i not in keys:
            surface = text[words[i][0] : words[i][1]]
            keys[i] = None if surface.lower() in self._stop_words else _word_fuzzy_key(surface)
        return keys[i]

    def _consider(self, candidates: dict[str, list[tuple[int, int]]], key: str, span: tuple[int, int]) -> None:
        """Add ``span`` under ``key`` when the key is long enough, not guarded and not a number."""
        if len(key) >= self.min_length and key not in self._guarded_keys and not key.isdigit():
            candidates.setdefault(key, []).append(span)

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
        best = self._best
        unknown = [key for key in keys if key not in best]
        if unknown:
            if self._nearest is None:
                self._nearest = NearestChoices(self._choice_keys, self.cutoff)
            if len(best) > _REMEMBERED_KEYS:
                best.clear()  # bounded memory in a long-running server; the answers are recomputed
            best.update(zip(unknown, self._nearest.best_many(unknown), strict=True))
        return [best[key] for key in keys]
