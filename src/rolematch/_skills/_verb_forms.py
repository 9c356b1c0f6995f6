"""Verb forms of skills named by a noun and a nominalization: "hyperparameter tuning" is also "tuned the
hyperparameters", "model deployment" "deployed 12 models", "feature engineering" "engineered features".

Derived from the taxonomy's forms as inference rules (spaCy ``Matcher`` token patterns, which the
inference extractor runs beside the data file's rules on :class:`VerbFormIndex`: one dictionary look-up
per word instead of a pattern per rule), by the taxonomy's ``verb_forms`` settings: suffix rules
turn the nominalization into its verbs (``-ing``, ``-ment``, ``-ization``/``-isation``, ``-ation``,
``-ction``), the ``irregular`` table covers the rest. A rule matches a verb form, a few words, then
the noun or its plural. After a past form ("tuned", "deployed": plainly a verb) up to ``max_gap``
words that are not ``function_words`` nor clause punctuation may stand between ("deployed 12
production models"); after the other forms, which are nouns too ("engineering teams", "tests",
"training budget"), only ``gap_words`` (determiners, quantifiers: "tuning the hyperparameters") and
numbers ("deploying 12 models"). An "-ing" head whose verb has an irregular past takes it from
``irregular_past`` ("writing": wrote, written).

Guards against ordinary prose: a noun in ``generic_nouns`` ("data", "team") derives nothing; a
singular noun followed by another word is a compound's first half ("engineered a feature store",
"deployed model registry") and is not a match, unless that word is a function word.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from ._taxonomy import InferenceRule, Taxonomy, VerbFormSettings

__all__ = [
    "Inflections",
    "RuleParts",
    "VerbFormIndex",
    "VerbFormRule",
    "VerbFormSpec",
    "derive_verb_rules",
    "derive_verb_specs",
    "verb_forms_of",
    "verb_rule_of",
]

# Tokens that end the phrase: clause and list punctuation.
_PUNCTUATION = [".", ",", ";", ":", "!", "?", "•", "(", ")", "[", "]", "/", "|", "&", "+", "=", '"', "\n", "\n\n"]
# A form of two words of letters, with any white space around and between them.
_TWO_WORDS = re.compile(r"\s*([a-z]+)\s+([a-z]+)\s*")
# A number in a gap after a form that is also a noun: "deploying 12 models", "tuning 1,000+ models".
_NUMBER = r"\d[\d,.]*[+k]?"
_IS_NUMBER = re.compile(_NUMBER)
_VOWELS = frozenset("aeiou")


class Inflections(NamedTuple):
    """The verb forms of a nominalization, sorted: past forms, and the others (which are nouns too)."""

    past: tuple[str, ...]  # tuned, deployed
    other: tuple[str, ...]  # tune, tunes, tuning

    @property
    def every(self) -> set[str]:
        """All of them."""
        return {*self.past, *self.other}


class VerbFormRule(InferenceRule):
    """An inference rule derived from a form of the shape "<noun> <nominalization>"."""

    #: The taxonomy form the rule is the verb form of ("hyperparameter tuning").
    noun_form: str
    past: tuple[str, ...]
    other: tuple[str, ...]
    nouns: tuple[str, ...]
    #: The singular spellings of the noun: a match ending in one needs no word after it.
    singular: frozenset[str]
    function_words: frozenset[str]

    def explain(self, words: str) -> str:
        """Says the matched words are the verb form of the taxonomy's form."""
        return f"inferred: {words!r} is the verb form of {self.noun_form!r}"

    def accepts(self, lower: list[str], end: int) -> bool:
        """A singular noun must not go on into a compound: "engineered a feature store" is no feature engineering."""
        if lower[end - 1] not in self.singular or end >= len(lower):
            return True
        following = lower[end]
        return not following.isalpha() or following in self.function_words


class VerbFormSpec(NamedTuple):
    """What a derived rule is made of: the skill, the taxonomy form, the verb forms and the nouns.

    Cheap to make for the ~1,000 forms at start-up; the :class:`VerbFormRule` (a pydantic model) is made
    from it only for the rules that match (see :func:`verb_rule_of`).
    """

    skill: str
    noun_form: str
    past: tuple[str, ...]
    other: tuple[str, ...]
    nouns: tuple[str, ...]
    noun: str


def derive_verb_rules(taxonomy: Taxonomy) -> list[VerbFormRule]:
    """One rule per skill form of the shape "<noun> <nominalization>", by ``taxonomy.verb_forms``.

    A phrase two skills would derive ("<verbs> <noun>" from forms of both) derives neither.
    """
    settings = taxonomy.verb_forms
    if settings is None:
        return []
    shared = RuleParts.of(settings)
    return [verb_rule_of(spec, settings, shared) for spec in derive_verb_specs(taxonomy)]


def derive_verb_specs(taxonomy: Taxonomy) -> list[VerbFormSpec]:
    """What :func:`derive_verb_rules` derives, in the same order, without making the rules."""
    settings = taxonomy.verb_forms
    if settings is None:
        return []
    generic = {w.lower() for w in settings.generic_nouns}
    derived: dict[tuple[Inflections, str], tuple[str, str]] = {}
    clashes: set[tuple[Inflections, str]] = set()
    # A few hundred heads ("tuning", "management") serve thousands of forms; None for a head that
    # is no nominalization the rules know (most of them: "learning" is one, "science" is not).
    heads: dict[str, Inflections | None] = {}
    two_words = _TWO_WORDS.fullmatch
    for skill in taxonomy.skills.values():
        for form in (skill.name, *skill.aliases):
            # Two words of letters, however spaced (as " ".join(form.lower().split()) reads it).
            match = two_words(form.lower())
            if match is None:
                continue
            noun, head = match.groups()
            if noun in generic or len(noun) < 3:
                continue
            if head in heads:
                inflections = heads[head]
            else:
                found = verb_forms_of(head, settings)
                inflections = heads[head] = found if found.past or found.other else None
            if inflections is None:
                continue
            text = f"{noun} {head}"
            if skill.ambiguous and text in {" ".join(f.lower().split()) for f in skill.ambiguous}:
                continue
            key = (inflections, noun)
            owner = derived.setdefault(key, (skill.id, text))
            if owner[0] != skill.id:
                clashes.add(key)
    return [
        VerbFormSpec(skill_id, text, inflections.past, inflections.other, tuple(sorted({noun, _plural(noun)})), noun)
        for (inflections, noun), (skill_id, text) in derived.items()
        if (inflections, noun) not in clashes
    ]


class RuleParts(NamedTuple):
    """The parts every derived rule of one taxonomy shares: its two gap tokens and the function words."""

    free_gap: dict[str, Any]  # after a past form
    word_gap: dict[str, Any]  # after the other forms
    function_words: frozenset[str]

    @classmethod
    def of(cls, settings: VerbFormSettings) -> RuleParts:
        """The shared parts under ``settings``."""
        bound = f"{{0,{settings.max_gap}}}"
        return cls(
            free_gap={"LOWER": {"NOT_IN": sorted(blockers(settings))}, "OP": bound},
            word_gap={"LOWER": {"REGEX": _gap_word_pattern(settings)}, "OP": bound},
            function_words=frozenset(w.lower() for w in settings.function_words),
        )


def verb_rule_of(spec: VerbFormSpec, settings: VerbFormSettings, shared: RuleParts | None = None) -> VerbFormRule:
    """The inference rule of a derived spec: a verb form, a gap, then the noun or its plural.

    ``shared`` is ``RuleParts.of(settings)``, made once for many rules.
    """
    shared = shared or RuleParts.of(settings)
    last = {"LOWER": {"IN": list(spec.nouns)}}
    patterns: list[list[dict[str, Any]]] = [
        [{"LOWER": {"IN": list(spec.past)}}, shared.free_gap, last],
        [{"LOWER": {"IN": list(spec.other)}}, shared.word_gap, last],
    ]
    # Built from validated settings and checked words: model_construct skips validating ~1,000
    # rules again.
    return VerbFormRule.model_construct(
        skill=spec.skill,
        because=f"the verb form of {spec.noun_form!r}",
        confidence=settings.confidence,
        patterns=patterns,
        noun_form=spec.noun_form,
        past=spec.past,
        other=spec.other,
        nouns=spec.nouns,
        singular=frozenset({spec.noun}),
        function_words=shared.function_words,
    )


def _gap_word_pattern(settings: VerbFormSettings) -> str:
    """The regular expression of a gap word after a form that is also a noun: a listed word or a number."""
    words = "|".join(re.escape(w.lower()) for w in sorted(settings.gap_words))
    return f"^(?:{words}|{_NUMBER})$" if words else f"^{_NUMBER}$"


def blockers(settings: VerbFormSettings) -> frozenset[str]:
    """Tokens that may not stand between a verb and its noun: function words and clause punctuation."""
    return frozenset(w.lower() for w in settings.function_words) | frozenset(_PUNCTUATION)


class VerbFormIndex:
    """Finds the matches of derived rules with one dictionary look-up per word: the same spans as their
    patterns on spaCy's ``Matcher`` (``tests/test_skill_forms.py`` compares them), where trying ~1,000
    patterns one by one would cost more than all other extraction."""

    def __init__(
        self, rules: Sequence[VerbFormRule | VerbFormSpec], settings: VerbFormSettings, *, first_index: int = 0
    ) -> None:
        self._max_gap = settings.max_gap
        self._blockers = blockers(settings)
        self._gap_words = frozenset(w.lower() for w in settings.gap_words)
        # verb form -> noun -> index of the rule (numbered from ``first_index``), for past and other forms
        self._past: dict[str, dict[str, int]] = {}
        self._other: dict[str, dict[str, int]] = {}
        for index, rule in enumerate(rules, start=first_index):
            for table, verbs in ((self._past, rule.past), (self._other, rule.other)):
                for verb in verbs:
                    by_noun = table.setdefault(verb, {})
                    for noun in rule.nouns:
                        by_noun.setdefault(noun, index)
        self._verbs = frozenset(self._past) | frozenset(self._other)

    def find(self, lower: Sequence[str]) -> dict[int, set[tuple[int, int]]]:
        """The token spans each rule matches in ``lower`` (the lower-cased tokens), by rule index."""
        found: dict[int, set[tuple[int, int]]] = {}
        # Only the words that are some verb form, found in C: most words are none.
        for start in itertools.compress(itertools.count(), map(self._verbs.__contains__, lower)):
            word = lower[start]
            nouns = self._past.get(word)
            if nouns is not None:
                self._scan(lower, start, nouns, found, past=True)
            nouns = self._other.get(word)
            if nouns is not None:
                self._scan(lower, start, nouns, found, past=False)
        return found

    def _scan(
        self,
        lower: Sequence[str],
        start: int,
        nouns: dict[str, int],
        found: dict[int, set[tuple[int, int]]],
        *,
        past: bool,
    ) -> None:
        """Record the nouns after the verb form at ``start``, across the gap its kind of form allows."""
        for end in range(start + 1, min(len(lower), start + self._max_gap + 2)):
            index = nouns.get(lower[end])
            if index is not None:
                found.setdefault(index, set()).add((start, end + 1))
            word = lower[end]
            if (word in self._blockers) if past else (word not in self._gap_words and not _IS_NUMBER.fullmatch(word)):
                break  # nor a noun further on: this word cannot stand in the gap


def verb_forms_of(head: str, settings: VerbFormSettings) -> Inflections:
    """The inflections of the verbs of a nominalization ("tuning": tuned; tune, tunes, tuning); none when
    it is not one the rules know."""
    irregular = settings.irregular.get(head)
    if irregular is None and not head.endswith(_NOMINAL_ENDINGS):
        return _NO_INFLECTIONS  # most heads of two-word forms ("science", "learning" aside): asked in one C call
    if irregular is not None:
        verbs = [verb.lower() for verb in irregular]
    elif head.endswith("ing") and len(head) >= 6:
        inflections = _from_gerund(head)
        past = settings.irregular_past.get(head)
        if past is not None:
            inflections = Inflections(tuple(sorted({p.lower() for p in past})), inflections.other)
        return inflections
    else:
        verbs = next(
            (
                [head[: -len(suffix)] + ending for ending in endings]
                for suffix, endings in _SUFFIXES
                if head.endswith(suffix) and len(head) - len(suffix) >= 3
            ),
            [],
        )
    forms = [_inflect(verb) for verb in verbs]
    return Inflections(tuple(sorted({f[0] for f in forms})), tuple(sorted({o for f in forms for o in f[1]})))


# Nominalization suffixes and the verb endings they stand for, most specific first:
# optimization -> optimize/optimise, automation -> automate, detection -> detect, deployment -> deploy.
_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ization", ("ize", "ise")),
    ("isation", ("ise", "ize")),
    ("ation", ("ate",)),
    ("ction", ("ct",)),
    ("ment", ("",)),
)


# What a head must end with for the rules below to make anything of it (besides the irregular table).
_NOMINAL_ENDINGS = ("ing", *(suffix for suffix, _ in _SUFFIXES))
_NO_INFLECTIONS = Inflections((), ())


def _from_gerund(head: str) -> Inflections:
    """The verb forms of an "-ing" word: the past and the -ing form come straight from the stem (tun-ed,
    plann-ed, engineer-ed); the base may have lost an "e" (tune) or doubled a consonant (plan), and where
    that is unsure both spellings are made (a spelling no one writes never matches)."""
    stem = head[:-3]
    past = stem[:-1] + "ied" if stem.endswith("y") and stem[-2] not in _VOWELS else stem + "ed"
    bases = {stem}
    if len(stem) >= 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS | {"s"}:
        bases.add(stem[:-1])  # planning -> plan, modelling -> model
    elif (stem[-1] not in _VOWELS | {"w", "x", "y"} and stem[-2] in _VOWELS) or stem[-1] in "cvz":
        bases.add(stem + "e")  # tuning -> tune, optimizing -> optimize
    return Inflections((past,), tuple(sorted({head, *(_third_person(base) for base in bases), *bases})))


def _inflect(verb: str) -> tuple[str, set[str]]:
    """A regular verb's past (deployed) and other forms (deploy, deploys, deploying)."""
    if verb.endswith("e"):
        past, gerund = verb + "d", verb[:-1] + "ing"
    elif verb.endswith("y") and verb[-2] not in _VOWELS:
        past, gerund = verb[:-1] + "ied", verb + "ing"
    else:
        past, gerund = verb + "ed", verb + "ing"
    return past, {verb, _third_person(verb), gerund}


def _third_person(verb: str) -> str:
    if verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        return verb[:-1] + "ies"
    if verb.endswith(("s", "x", "z", "ch", "sh")):
        return verb + "es"
    return verb + "s"


def _plural(noun: str) -> str:
    """The regular plural of a noun ("model" -> "models", "query" -> "queries"); a noun already ending in
    "s" ("sales", "analytics") is left as it is."""
    if noun.endswith("s"):
        return noun
    return _third_person(noun)
