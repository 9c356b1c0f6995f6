"""Inferred skills: what people did ("mentored two junior engineers") shows a skill (mentoring), by the
taxonomy's ``inferences`` rules."""

from __future__ import annotations

from collections.abc import Sequence

from .._nlp import get_pipeline
from ..errors import DataFileError
from ..resume import SkillMention, SkillMethod
from ._context import ExtractionContext, SkillExtractor
from ._patterns import _FastPattern, _longest_spans, _TokenView
from ._taxonomy import Taxonomy

__all__ = ["InferredSkillExtractor"]


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
