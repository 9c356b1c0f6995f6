"""The fuzzy extractor's first few hundred keys are scored against every choice (no index built yet):
the answers are the indexes' answers, and once the budget is spent the indexes are built."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolematch._skills import FuzzySkillExtractor, _fuzzy, default_taxonomy
from rolematch._skills._nearest import NearestChoices, best_by_scoring_all

_keys = st.text(alphabet="abcdeflmnoprstuy+#.", min_size=1, max_size=18)


@settings(max_examples=200, deadline=None)
@given(st.lists(_keys, max_size=8), st.lists(_keys, min_size=1, max_size=10), st.sampled_from([70, 80, 90, 95]))
def test_scoring_every_choice_answers_like_the_indexes(keys: list[str], choices: list[str], cutoff: int) -> None:
    choices = sorted(set(choices))
    assert best_by_scoring_all(keys, choices, cutoff) == NearestChoices(choices, cutoff).best_many(keys)


def test_on_the_taxonomy_too() -> None:
    extractor = FuzzySkillExtractor(default_taxonomy())
    choices = extractor._choice_keys
    rng = random.Random(7)
    keys = [k[:3] + k[4:] for k in choices[::9]] + [k + "s" for k in choices[5::13]] + ["tensorfloww", "kubernates"]
    keys += ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 30))) for _ in range(100)]
    assert best_by_scoring_all(keys, choices, 90) == NearestChoices(choices, 90).best_many(keys)


def test_the_indexes_are_built_once_the_budget_is_spent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_fuzzy, "_UNINDEXED_KEYS", 3)
    extractor = FuzzySkillExtractor(default_taxonomy())
    first = extractor._best_matches(["kubernates", "tensorflw"])
    assert extractor._nearest is None  # two keys: scored against every choice
    second = extractor._best_matches(["pytorchh", "scikitlearnn"])
    assert extractor._nearest is not None  # two more would pass the budget of three
    indexed = NearestChoices(extractor._choice_keys, extractor.cutoff)
    assert first == indexed.best_many(["kubernates", "tensorflw"])
    assert second == indexed.best_many(["pytorchh", "scikitlearnn"])
