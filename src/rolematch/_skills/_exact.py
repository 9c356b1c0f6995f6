"""Exact and alias matching: the taxonomy's names, aliases, misspellings and short forms in a resume.

Forms are looked up as token sequences; an ambiguous form is kept only when the context rules of
:mod:`._ambiguity` accept it where it stands.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Callable, Sequence
from typing import cast

from ..resume import SkillMention, SkillMethod
from ._ambiguity import AmbiguityRules, Anchor, Candidate
from ._context import ExtractionContext, SkillExtractor, TokenTable
from ._taxonomy import SkillForm, Taxonomy

__all__ = ["TaxonomySkillExtractor"]

_KIND_ORDER = {"name": 0, "short_form": 1, "alias": 2, "misspelling": 3}
# A (start, end, form) match as a Candidate in one C call: the named tuple's own constructor is a
# Python-level function, called for every match of every resume.
_as_candidate = cast("Callable[[tuple[int, int, SkillForm]], Candidate]", functools.partial(tuple.__new__, Candidate))


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
        tokens = taxonomy.form_tokens()
        add_lower, add_orth, lower = self._by_lower.setdefault, self._by_orth.setdefault, str.lower
        for form in taxonomy.forms:
            words = tokens[form.text]
            if not words:
                continue
            if form.case_sensitive:
                add_orth(words, form)  # the first form of a key keeps it
            else:
                add_lower(tuple(map(lower, words)), form)
        # What the scan reads: the one-word forms by their word, the lengths of the longer forms by their
        # first two words, and every beginning (two words or more) of a longer form, to stop extending as
        # soon as no form can follow.
        stems: set[tuple[str, ...]] = set()
        self._lower_single, self._lower_pairs = _split_by_length(self._by_lower, stems)
        self._orth_single, self._orth_pairs = _split_by_length(self._by_orth, stems)
        self._stems = frozenset(stems)
        self._orth_firsts = frozenset(key[0] for key in self._orth_pairs)
        # Of each form (by identity: the tables keep them alive), whether it is ambiguous then its kind,
        # as one small integer of the sort key: unambiguous before ambiguous, names before aliases.
        self._ranks = {
            id(form): 4 * form.ambiguous + _KIND_ORDER[form.kind]
            for table in (self._by_lower, self._by_orth)
            for form in table.values()
        }
        self._role_nouns = frozenset(w.lower() for w in taxonomy.context.role_nouns)
        self._categories: dict[str, str] = {}  # skill id -> category, filled as skills are met
        self._described: dict[int, tuple[SkillMethod, str]] = {}  # id(form) -> _describe(form), filled as met
        self._ambiguity = AmbiguityRules(taxonomy)

    def _candidates(self, tokens: TokenTable) -> list[Candidate]:
        lower, text = tokens.lower, tokens.text
        # In the order the sort's running number keeps for equal keys: one-word then longer forms, by
        # lower-cased words then by exact text. Only the tokens that begin some form, found in C: most
        # tokens begin none.
        single, pairs = self._lower_single, self._lower_pairs
        matches = [
            (start, start + 1, single[lower[start]])
            for start in itertools.compress(itertools.count(), map(single.__contains__, lower))
        ]
        for start in itertools.compress(itertools.count(), map(pairs.__contains__, itertools.pairwise(lower))):
            matches += self._longer_forms(lower, self._by_lower, start, pairs[lower[start], lower[start + 1]])
        single, pairs = self._orth_single, self._orth_pairs
        matches += [
            (start, start + 1, single[text[start]])
            for start in itertools.compress(itertools.count(), map(single.__contains__, text))
        ]
        # The case-sensitive forms of several words are a handful ("CI/CD"): found by their first word.
        last = len(text) - 1
        for start in itertools.compress(itertools.count(), map(self._orth_firsts.__contains__, text)):
            sizes = pairs.get((text[start], text[start + 1])) if start < last else None
            if sizes is not None:
                matches += self._longer_forms(text, self._by_orth, start, sizes)
        # Longest first; then unambiguous, then names before aliases, then position, then skill id:
        # deterministic. Length, rank (see _ranks) and position are one integer, compared in one step;
        # the running number keeps equal keys in the order found.
        ranks, starts, ends, span = self._ranks, tokens.start, tokens.end, len(text) + 1
        found = [
            (((starts[start] - ends[stop - 1]) * 8 + ranks[id(form)]) * span + start, form.skill_id, number, match)
            for number, match in enumerate(matches)
            for start, stop, form in (match,)
        ]
        found.sort()
        return [_as_candidate(entry[3]) for entry in found]

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
        candidates = self._candidates(tokens)
        if context.list_labels or context.notes:
            # Category labels ("Databases:") and duration notes ("(3 years)") are never skills, nor anchors.
            # Asked only of the candidates with a token touching one.
            starts, ends, inside, touched = tokens.start, tokens.end, context.in_label_or_note, context._masked_tokens
            candidates = [
                c
                for c in candidates
                if touched.find(1, c.start, c.end) < 0 or not inside(starts[c.start], ends[c.end - 1])
            ]
        mentions = []
        # Accepted candidates never share a token, so their starts differ: in token order, the mentions
        # come out in text order.
        for candidate, reason in sorted(self._accepted(context, candidates)):
            if self._names_a_role(tokens, candidate):
                context.refuse(tokens.start[candidate.start], tokens.end[candidate.end - 1])
            else:
                mentions.append(self._mention(context, candidate, reason))
        return mentions

    def _accepted(self, context: ExtractionContext, candidates: list[Candidate]) -> list[tuple[Candidate, str]]:
        """The candidates that keep their tokens, each with why it was accepted ("" for an unambiguous form).

        Every candidate is taken longest first, so a multi-word form wins over a shorter form inside
        it even when it is the ambiguous one ("SQL Developer" the tool over "SQL"); an ambiguous
        candidate takes its tokens only when the context rules accept it, and refused ones are
        marked so later extractors leave them alone.
        """
        tokens = context.tokens
        taken = bytearray(len(tokens.text) + 1)
        accepted: list[tuple[Candidate, str]] = []
        # What the context rules read, made when the first ambiguous candidate is judged (a resume with
        # none needs none of it).
        evidence: tuple[list[Anchor], bytearray, bytearray] | None = None
        for candidate in candidates:
            start, end, form = candidate
            if taken.find(1, start, end) >= 0:
                continue
            reason = ""
            if form.ambiguous:
                if evidence is None:
                    evidence = self._evidence(context, candidates)
                anchors, named, pairable = evidence
                verdict = self._ambiguity.judge(context, candidate, anchors, named, pairable)
                if not verdict.accepted:
                    context.refuse(tokens.start[start], tokens.end[end - 1])
                    continue
                reason = verdict.reason
                # Accepted, it is evidence for the ambiguous names still to come ("pandas" for "Flask").
                bisect.insort(anchors, self._anchor(context, candidate))
            taken[start:end] = b"\x01" * (end - start)
            accepted.append((candidate, reason))
        return accepted

    def _evidence(
        self, context: ExtractionContext, candidates: list[Candidate]
    ) -> tuple[list[Anchor], bytearray, bytearray]:
        """What the context rules read: the anchors (the unambiguous matches, longest first, in token
        order), the tokens of any skill form, ambiguous or not (a list neighbour may be separated by
        other names: "node.js react go"), and the tokens of the forms that may pair (see
        ``AmbiguityRules.pairable``)."""
        tokens = context.tokens
        size = len(tokens.text) + 1
        provisional = bytearray(size)
        named = bytearray(size)
        chosen: list[Candidate] = []
        for candidate in candidates:
            start, end, form = candidate
            named[start:end] = b"\x01" * (end - start)
            if not form.ambiguous and provisional.find(1, start, end) < 0:
                provisional[start:end] = b"\x01" * (end - start)
                chosen.append(candidate)
        # Their logical lines in one call, and categories from what is remembered.
        units = context.units_of([tokens.start[c.start] for c in chosen])
        anchors = [
            (start, end, unit, self._category(form.skill_id), form.skill_id)
            for (start, end, form), unit in zip(chosen, units, strict=True)
        ]
        anchors.sort()
        return anchors, named, self._ambiguity.pairable(candidates, size)

    def _category(self, skill_id: str) -> str:
        category = self._categories.get(skill_id)
        if category is None:
            category = self._categories[skill_id] = self.taxonomy[skill_id].category
        return category

    def _anchor(self, context: ExtractionContext, candidate: Candidate) -> Anchor:
        skill_id = candidate.form.skill_id
        unit = context.unit_of(context.tokens.start[candidate.start])
        return candidate.start, candidate.end, unit, self._category(skill_id), skill_id

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
    table: dict[tuple[str, ...], SkillForm], stems: set[tuple[str, ...]]
) -> tuple[dict[str, SkillForm], dict[tuple[str, str], tuple[int, ...]]]:
    """The one-word forms of ``table`` by their word, and the lengths of the longer ones (ascending) by
    their first two words; every beginning of two words or more of a longer one is added to ``stems``."""
    single: dict[str, SkillForm] = {}
    sizes: dict[tuple[str, ...], set[int]] = {}
    for key, form in table.items():
        size = len(key)
        if size == 1:
            single[key[0]] = form
            continue
        sizes.setdefault(key[:2], set()).add(size)
        stems.update([key[:2]] if size == 2 else [key[:end] for end in range(2, size + 1)])
    return single, {(pair[0], pair[1]): tuple(sorted(lengths)) for pair, lengths in sizes.items()}
