"""The token-pattern engine the inference rules run on: spaCy ``Matcher`` patterns of literal words,
word sets and bounded gaps, compiled to small backtracking matchers.

Same matches as spaCy's Matcher for these shapes (``tests/test_skills.py`` compares them), at a
fraction of the cost; patterns of other shapes are left to spaCy's Matcher (see :mod:`._inferred`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from ._context import TokenTable

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["_FastPattern", "_TokenView", "_longest_spans"]


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


class _Step(NamedTuple):
    """One pattern token: its test, how many tokens it may match, and a fast form of its test.

    Most tests are one word-set test (``LOWER`` in a set, ``TEXT`` not in a set); those keep the
    attribute, the set and the sense, so the matcher reads the list directly without a call.
    """

    test: _TokenTest
    low: int
    high: int
    attr: str | None  # the view's list one word-set test reads, or None: call ``test``
    words: frozenset[str]
    negate: bool


def _compile_token(spec: dict[str, Any], view_attr: dict[str, str]) -> _Step | None:
    """A spaCy token pattern as a :class:`_Step`, or None when it uses what this does not support."""
    counts = _counts(str(spec.get("OP", "")))
    if counts is None:
        return None
    tests: list[_TokenTest] = []
    sets: list[tuple[str, frozenset[str], bool]] = []
    for key, value in spec.items():
        if key == "OP":
            continue
        check = _attribute_test(key, value, view_attr)
        if check is None:
            return None
        tests.append(check)
        word_set = _word_set(key, value, view_attr)
        if word_set is not None:
            sets.append(word_set)

    def test(view: _TokenView, i: int) -> bool:
        return all(check(view, i) for check in tests)

    low, high = counts
    if len(tests) == 1 and len(sets) == 1:
        attr, words, negate = sets[0]
        return _Step(test, low, high, attr, words, negate)
    return _Step(test, low, high, None, frozenset(), False)


def _word_set(key: str, value: object, view_attr: dict[str, str]) -> tuple[str, frozenset[str], bool] | None:
    """An attribute test as (attribute, words, negate) when it is a word or word-set test, else None."""
    attr = view_attr.get(key)
    fold = key == "LOWER"
    if attr is not None and isinstance(value, str):
        return attr, frozenset({value.lower() if fold else value}), False
    if attr is not None and isinstance(value, dict) and set(value) in ({"IN"}, {"NOT_IN"}):
        ((operator, items),) = value.items()
        return attr, frozenset(str(x).lower() if fold else str(x) for x in items), operator == "NOT_IN"
    return None


def _counts(op: str) -> tuple[int, int] | None:
    """How many tokens an ``OP`` lets a pattern token match (none: once; ``?``; ``{n,m}`` with an upper bound)."""
    if op == "":
        return 1, 1
    if op == "?":
        return 0, 1
    bounds = re.fullmatch(r"\{(\d*),(\d*)\}", op)
    if bounds and bounds.group(2):
        return int(bounds.group(1) or 0), int(bounds.group(2))
    return None  # "*", "+", "!" or an unbounded "{n,}": spaCy's Matcher runs those


def _attribute_test(key: str, value: object, view_attr: dict[str, str]) -> _TokenTest | None:
    """The test of one attribute of a token pattern (``LOWER``, ``ORTH``, ``IN`` sets, flags), or None."""
    attr = view_attr.get(key)
    fold = key == "LOWER"
    if attr is not None and isinstance(value, str):
        return _attr_equals(attr, value.lower() if fold else value)
    if attr is not None and isinstance(value, dict) and set(value) in ({"IN"}, {"NOT_IN"}):
        ((operator, items),) = value.items()
        words = frozenset(str(x).lower() if fold else str(x) for x in items)
        return _attr_in(attr, words, negate=operator == "NOT_IN")
    if key in ("LIKE_NUM", "IS_ALPHA") and isinstance(value, bool):
        return _flag(key, value)
    return None


class _FastPattern:
    """A Matcher pattern of literal words, word sets and bounded gaps, matched by backtracking.

    Same matches as spaCy's Matcher for these shapes (``tests/test_skills.py`` compares them), at a
    fraction of the cost: spaCy's Matcher tests every token against every rule state.
    """

    _ATTRS: ClassVar[dict[str, str]] = {"LOWER": "lower", "ORTH": "text", "TEXT": "text"}

    def __init__(self, steps: list[_Step]) -> None:
        self.steps = steps

    @classmethod
    def compile(cls, pattern: list[dict[str, Any]]) -> _FastPattern | None:
        steps = []
        for spec in pattern:
            step = _compile_token(spec, cls._ATTRS)
            if step is None:
                return None
            steps.append(step)
        if not steps or steps[0].low < 1:
            return None  # must start with a required token, so it can be anchored
        return cls(steps)

    def longest_from(self, view: _TokenView, start: int) -> int | None:
        """End of the longest match starting at ``start``, or None.

        The positions every step can reach, step by step (each reached once, however many ways):
        the longest match ends at the last step's furthest position. The same answer as trying
        every count of every step, without repeating the work of the steps after it.
        """
        size = len(view.lower)
        positions: Iterable[int] = (start,)
        for step in self.steps:
            reached: set[int]
            if step.attr is not None and step.low == step.high == 1:  # one word of a set: the common step
                column, words, negate = view.lower if step.attr == "lower" else view.text, step.words, step.negate
                reached = {p + 1 for p in positions if p < size and (column[p] in words) is not negate}
            else:
                reached = set()
                for position in positions:
                    reached.update(_ends(view, step, position, size))
            if not reached:
                return None
            positions = reached
        return max(positions)


def _ends(view: _TokenView, step: _Step, position: int, size: int) -> range:
    """Where ``step`` can end when it starts at ``position``: after ``low`` up to ``high`` matching tokens."""
    stop = min(size, position + step.high)
    cursor = position
    if step.attr is not None:
        words, negate = step.words, step.negate
        column = view.lower if step.attr == "lower" else view.text
        while cursor < stop and (column[cursor] in words) is not negate:
            cursor += 1
    else:
        while cursor < stop and step.test(view, cursor):
            cursor += 1
    return range(position + step.low, cursor + 1)


def _longest_spans(spans: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping token spans, longest first then leftmost: ``spacy.util.filter_spans`` on offsets."""
    chosen: list[tuple[int, int]] = []
    seen: set[int] = set()
    for start, end in sorted(spans, key=lambda span: (span[1] - span[0], -span[0]), reverse=True):
        if start not in seen and end - 1 not in seen:
            chosen.append((start, end))
            seen.update(range(start, end))
    return sorted(chosen)
