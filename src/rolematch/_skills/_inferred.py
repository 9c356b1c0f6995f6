"""Inferred skills: what people did ("mentored two junior engineers") shows a skill (mentoring), by the
taxonomy's ``inferences`` rules and the verb forms derived from its forms ("tuned the hyperparameters")."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from .._nlp import get_pipeline
from ..errors import DataFileError
from ..resume import SkillMention, SkillMethod
from ._context import ExtractionContext, SkillExtractor
from ._patterns import _FastPattern, _longest_spans, _TokenView
from ._taxonomy import InferenceRule, Taxonomy
from ._verb_forms import RuleParts, VerbFormIndex, VerbFormSpec, derive_verb_specs, verb_rule_of

__all__ = ["InferredSkillExtractor"]


class InferredSkillExtractor(SkillExtractor):
    """Skills inferred from what people did, by the taxonomy's ``inferences`` rules (spaCy ``Matcher``)
    and the rules :mod:`._verb_forms` derives from its forms.

    "mentored two junior engineers" shows mentoring; "presented results to executives" shows
    communication; "reviewed pull requests" shows code review; "tuned the hyperparameters" is the verb
    form of "hyperparameter tuning".
    """

    name = "inference"

    def __init__(self, taxonomy: Taxonomy) -> None:
        from spacy.matcher import Matcher

        self.taxonomy = taxonomy
        nlp = get_pipeline()
        self._matcher = Matcher(nlp.vocab, validate=True)
        # The data file's rules first: where one of them and a derived rule find a skill at the same
        # place, the data file's explanation is kept. A derived rule is made when it first matches:
        # making all ~1,000 of them was most of the cost of building the default registry.
        self._derived: list[VerbFormSpec] = derive_verb_specs(taxonomy)
        self._rules: list[InferenceRule | None] = [*taxonomy.inferences, *[None] * len(self._derived)]
        self._rule_parts = RuleParts.of(taxonomy.verb_forms) if taxonomy.verb_forms is not None else None
        # Derived rules are valid by construction and run on their own index (see ._verb_forms).
        self._verb_index = (
            VerbFormIndex(self._derived, taxonomy.verb_forms, first_index=len(taxonomy.inferences))
            if self._derived and taxonomy.verb_forms is not None
            else None
        )
        for index, rule in enumerate(taxonomy.inferences):
            try:
                self._matcher.add(f"rm_rule_{index}", rule.patterns)
            except ValueError as error:  # spaCy's MatchPatternError lists every bad token
                where = " + ".join(taxonomy.sources)
                raise DataFileError(f"{where}: inference rule {index} ({rule.skill}): {error}") from None
        self._keys = {nlp.vocab.strings[f"rm_rule_{i}"]: i for i in range(len(taxonomy.inferences))}
        # spaCy's Matcher validated the patterns above; the common shapes run on a compiled
        # backtracking matcher anchored at their first words, the rest on spaCy's Matcher.
        self._fast: dict[str, list[tuple[int, _FastPattern]]] = {}
        self._slow = Matcher(nlp.vocab)
        self._has_slow = False
        for index, rule in enumerate(taxonomy.inferences):
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
        lower = view.lower
        # Only the tokens some pattern starts with, found in C: most tokens start none.
        for position in itertools.compress(itertools.count(), map(self._fast.__contains__, lower)):
            for index, pattern in self._fast[lower[position]]:
                end = pattern.longest_from(view, position)
                if end is not None:
                    by_rule.setdefault(index, set()).add((position, end))
        if self._has_slow:
            for key, start, end in self._slow(doc):
                by_rule.setdefault(self._keys[key], set()).add((start, end))
        if self._verb_index is not None:
            by_rule.update(self._verb_index.find(view.lower))  # its rule indices follow the data file's
        known = {(m.skill_id, m.span.start) for m in found}
        mentions = []
        for index in sorted(by_rule):
            rule = self._rule(index)
            spans = {span for span in by_rule[index] if rule.accepts(view.lower, span[1])}
            for first, stop in _longest_spans(spans):
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
                        explanation=rule.explain(words),
                    )
                )
        return sorted(mentions, key=lambda m: m.span.start)

    def _rule(self, index: int) -> InferenceRule:
        """Rule ``index``: the data file's, or a derived one (made on first use)."""
        rule = self._rules[index]
        if rule is None:
            settings = self.taxonomy.verb_forms
            assert settings is not None  # derived rules exist only with verb-form settings
            spec = self._derived[index - len(self.taxonomy.inferences)]
            rule = self._rules[index] = verb_rule_of(spec, settings, self._rule_parts)
        return rule
