"""Exact and alias matching: the taxonomy's names, aliases, misspellings and short forms in a resume.

Forms are looked up as token sequences; an ambiguous form is kept only when the context rules of
:mod:`._ambiguity` accept it where it stands.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

from ..resume import SkillMention, SkillMethod
from ._ambiguity import AmbiguityRules, Anchor, Candidate
from ._context import ExtractionContext, SkillExtractor, TokenTable
from ._taxonomy import SkillForm, Taxonomy

__all__ = ["TaxonomySkillExtractor"]

_KIND_ORDER = {"name": 0, "short_form": 1, "alias": 2, "misspelling": 3}


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
        # What the scan reads: the one-word forms by their word, the lengths of the longer forms by their
        # first two words, and every beginning (two words or more) of a longer form, to stop extending as
        # soon as no form can follow.
        self._lower_single, self._lower_pairs = _split_by_length(self._by_lower)
        self._orth_single, self._orth_pairs = _split_by_length(self._by_orth)
        self._stems = frozenset(
            key[:size] for table in (self._by_lower, self._by_orth) for key in table for size in range(2, len(key) + 1)
        )
        self._role_nouns = frozenset(w.lower() for w in taxonomy.context.role_nouns)
        self._categories: dict[str, str] = {}  # skill id -> category, filled as skills are met
        self._described: dict[int, tuple[SkillMethod, str]] = {}  # id(form) -> _describe(form), filled as met
        self._ambiguity = AmbiguityRules(taxonomy)

    def _candidates(self, tokens: TokenTable) -> list[Candidate]:
        found: list[tuple[int, bool, int, int, str, int, Candidate]] = []
        ends, starts = tokens.end, tokens.start
        for words, table, single, pairs in (
            (tokens.lower, self._by_lower, self._lower_single, self._lower_pairs),
            (tokens.text, self._by_orth, self._orth_single, self._orth_pairs),
        ):
            # Only the tokens that begin some form, found in C: most tokens begin none.
            matches = [
                (start, start + 1, single[words[start]])
                for start in itertools.compress(itertools.count(), map(single.__contains__, words))
            ]
            for start in itertools.compress(itertools.count(), map(pairs.__contains__, itertools.pairwise(words))):
                matches += self._longer_forms(words, table, start, pairs[words[start], words[start + 1]])
            for start, stop, form in matches:
                # Longest first; then unambiguous, then names before aliases, then position:
                # deterministic. The running number keeps equal keys in the order found.
                found.append(
                    (
                        starts[start] - ends[stop - 1],
                        form.ambiguous,
                        _KIND_ORDER[form.kind],
                        start,
                        form.skill_id,
                        len(found),
                        Candidate(start, stop, form),
                    )
                )
        found.sort()
        return [entry[-1] for entry in found]

    def _longer_forms(
        self, words: list[str], table: dict[tuple[str, ...], SkillForm], start: int, sizes: tuple[int, ...]
    ) -> list[tuple[int, int, SkillForm]]:
        """The forms of two words or more (``sizes``, ascending) starting at token ``start``, with their ends."""
        matches = []
        for size in sizes:
            stop = start + size
            if stop > len(words):
                break
            key = tuple(words[start:stop])
            if key not in self._stems:
                break  # no form begins with these words, nor a longer one
            form = table.get(key)
            if form is not None:
                matches.append((start, stop, form))
        return matches

    def extract(self, context: ExtractionContext, found: Sequence[SkillMention]) -> list[SkillMention]:
        tokens = context.tokens
        # Category labels ("Databases:") and duration notes ("(3 years)") are never skills, nor anchors.
        candidates = [
            c
            for c in self._candidates(tokens)
            if not context.in_label_or_note(tokens.start[c.start], tokens.end[c.end - 1])
        ]
        mentions = []
        for candidate, reason in self._accepted(context, candidates):
            if self._names_a_role(tokens, candidate):
                context.refuse(tokens.start[candidate.start], tokens.end[candidate.end - 1])
            else:
                mentions.append(self._mention(context, candidate, reason))
        return sorted(mentions, key=lambda m: m.span.start)

    def _accepted(self, context: ExtractionContext, candidates: list[Candidate]) -> list[tuple[Candidate, str]]:
        """The candidates that keep their tokens, each with why it was accepted ("" for an unambiguous form).

        Every candidate is taken longest first, so a multi-word form wins over a shorter form inside
        it even when it is the ambiguous one ("SQL Developer" the tool over "SQL"); an ambiguous
        candidate takes its tokens only when the context rules accept it, and refused ones are
        marked so later extractors leave them alone.
        """
        tokens = context.tokens
        anchors = self._anchors(context, candidates)
        # Tokens of any skill form, ambiguous or not: a list neighbour may be separated by other names
        # ("node.js react go").
        named = bytearray(len(tokens.text) + 1)
        for candidate in candidates:
            named[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
        pairable = self._ambiguity.pairable(candidates, len(tokens.text) + 1)
        taken = bytearray(len(tokens.text) + 1)
        accepted: list[tuple[Candidate, str]] = []
        for candidate in candidates:
            if any(taken[candidate.start : candidate.end]):
                continue
            reason = ""
            if candidate.form.ambiguous:
                verdict = self._ambiguity.judge(context, candidate, anchors, named, pairable)
                if not verdict.accepted:
                    context.refuse(tokens.start[candidate.start], tokens.end[candidate.end - 1])
                    continue
                reason = verdict.reason
                # Accepted, it is evidence for the ambiguous names still to come ("pandas" for "Flask").
                bisect.insort(anchors, self._anchor(context, candidate))
            taken[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
            accepted.append((candidate, reason))
        return accepted

    def _anchors(self, context: ExtractionContext, candidates: list[Candidate]) -> list[Anchor]:
        """Anchors for the context rules: the unambiguous matches, longest first, in token order."""
        provisional = bytearray(len(context.tokens.text) + 1)
        anchors: list[Anchor] = []
        for candidate in candidates:
            if not candidate.form.ambiguous and not any(provisional[candidate.start : candidate.end]):
                provisional[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
                anchors.append(self._anchor(context, candidate))
        anchors.sort()
        return anchors

    def _anchor(self, context: ExtractionContext, candidate: Candidate) -> Anchor:
        skill_id = candidate.form.skill_id
        unit = context.unit_of(context.tokens.start[candidate.start])
        category = self._categories.get(skill_id)
        if category is None:
            category = self._categories[skill_id] = self.taxonomy[skill_id].category
        return candidate.start, candidate.end, unit, category, skill_id

    def _names_a_role(self, tokens: TokenTable, candidate: Candidate) -> bool:
        """ "Java Developer", "DevOps engineers": the skill names a role, not something the person used."""
        return candidate.end < len(tokens.lower) and tokens.lower[candidate.end] in self._role_nouns

    def _mention(self, context: ExtractionContext, candidate: Candidate, reason: str) -> SkillMention:
        tokens = context.tokens
        form = candidate.form
        # By identity: every form comes from this extractor's tables, which keep it alive.
        described = self._described.get(id(form))
        if described is None:
            described = self._described[id(form)] = self._describe(form)
        method, how = described
        explanation = how + (f"; ambiguous, accepted because {reason}" if reason else "")
        return context.mention(
            form.skill_id,
            tokens.start[candidate.start],
            tokens.end[candidate.end - 1],
            method=method,
            similarity=1.0,
            extractor=self.name,
            explanation=explanation,
        )

    def _describe(self, form: SkillForm) -> tuple[SkillMethod, str]:
        """How a mention of ``form`` was found, and the start of its explanation."""
        skill = self.taxonomy[form.skill_id]
        if form.kind == "name" and not form.variant:
            method, how = SkillMethod.EXACT, f"the name {skill.name!r}"
        elif form.variant:
            method, how = SkillMethod.ALIAS, f"{form.text!r}, another case of a form of {skill.name}"
        elif form.kind == "short_form":
            method, how = SkillMethod.ALIAS, f"the case-sensitive short form {form.text!r} of {skill.name}"
        else:
            method, how = SkillMethod.ALIAS, f"the {form.kind} {form.text!r} of {skill.name}"
        return method, f"matched {how}"


def _split_by_length(
    table: dict[tuple[str, ...], SkillForm],
) -> tuple[dict[str, SkillForm], dict[tuple[str, str], tuple[int, ...]]]:
    """The one-word forms of ``table`` by their word, and the lengths of the longer ones (ascending) by
    their first two words."""
    single = {key[0]: form for key, form in table.items() if len(key) == 1}
    sizes: dict[tuple[str, str], set[int]] = {}
    for key in table:
        if len(key) > 1:
            sizes.setdefault((key[0], key[1]), set()).add(len(key))
    return single, {pair: tuple(sorted(lengths)) for pair, lengths in sizes.items()}
