"""The fuzzy extractor's one-pass word scan and the nearest-spelling indexes give what the plain
algorithms give: the spans and keys looked up, and the candidates and best choices found."""

from __future__ import annotations

import bisect
import functools
import re

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from conftest import EXAMPLES
from rolematch._skills import FuzzySkillExtractor, SkillRegistry, default_taxonomy
from rolematch._skills._context import ExtractionContext
from rolematch._skills._fuzzy import _STRIP_END, _WORD_RUN, _merged, _word_fuzzy_key
from rolematch._skills._nearest import NearestChoices, _SegmentIndex, allowed_distance
from rolematch.resume import Section, SectionKind, Span

_TOOL_MARKS = re.compile(r"[A-Z]")
_TOOL_SYMBOLS = re.compile(r"[\d+#.]")


@functools.cache
def _extractor() -> FuzzySkillExtractor:
    return FuzzySkillExtractor(default_taxonomy())


def _reference_words(
    context: ExtractionContext, covered_ranges: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], list[bool], list[bool], list[bool], list[int]]:
    """The words as first written: a covered mask, the words, then per word its flags (tool-like,
    marked, on a skills-list line) and logical line."""
    text = context.text
    covered = np.zeros(len(text) + 1, dtype=bool)
    for start, end in covered_ranges:
        covered[start:end] = True
    covered_before = np.concatenate(([0], np.cumsum(covered))).tolist()
    words = []
    for match in _WORD_RUN.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in _STRIP_END:
            end -= 1
        if end > start and covered_before[end] == covered_before[start]:
            words.append((start, end))
    count = len(words)
    tool, marked, listed, units = [False] * count, [False] * count, [False] * count, [0] * count
    line_starts = context._line_starts
    next_line, line_listed, unit = 0, False, 0
    for i, (start, end) in enumerate(words):
        if start >= next_line:
            line = bisect.bisect_right(line_starts, start) - 1
            next_line = line_starts[line + 1] if line + 1 < len(line_starts) else len(text) + 1
            line_listed, unit = context.in_skills_list(start), context.unit_of(start)
        listed[i], units[i] = line_listed, unit
        surface = text[start:end]
        if not (surface.isalpha() and surface.islower()):
            marked[i] = bool(_TOOL_MARKS.search(surface) or _TOOL_SYMBOLS.search(surface))
            tool[i] = _reference_tool_like(text, start, surface)
    return words, tool, marked, listed, units


def _reference_candidates(
    extractor: FuzzySkillExtractor, context: ExtractionContext, covered_ranges: list[tuple[int, int]]
) -> dict[str, list[tuple[int, int]]]:
    """The spans and keys fuzzy matching looks up, word by word as first written."""
    text = context.text
    words, tool, marked, listed, units = _reference_words(context, covered_ranges)
    count = len(words)

    def key(i: int) -> str | None:
        surface = text[words[i][0] : words[i][1]]
        return None if surface.lower() in extractor._stop_words else _word_fuzzy_key(surface)

    candidates: dict[str, list[tuple[int, int]]] = {}

    def consider(key: str, span: tuple[int, int]) -> None:
        if len(key) >= extractor.min_length and key not in extractor._guarded_keys and not key.isdigit():
            candidates.setdefault(key, []).append(span)

    for i, (start, end) in enumerate(words):
        alone = tool[i] or listed[i]
        if not (alone or (i < count - 1 and marked[i + 1])):
            continue
        first = key(i)
        if first is None:
            continue
        if alone:
            consider(first, (start, end))
        if i < count - 1 and units[i] == units[i + 1] and text[end : words[i + 1][0]].isspace():
            second = key(i + 1)
            if second is not None:
                consider(first + second, (start, words[i + 1][1]))
    return candidates


def _reference_tool_like(text: str, start: int, surface: str) -> bool:
    if _TOOL_MARKS.search(surface, 1) or _TOOL_SYMBOLS.search(surface):
        return True
    if not surface[:1].isupper():
        return False
    before = text[max(0, start - 16) : start].rstrip(" \t")
    return bool(before) and before[-1] not in "\n.!?:;•◦-*–·"


def _context(text: str, sections: tuple[Section, ...] = ()) -> ExtractionContext:
    return ExtractionContext(
        text=text, doc=SkillRegistry.tokenize(text), taxonomy=default_taxonomy(), sections=sections
    )


def _same_candidates(text: str, covered: list[tuple[int, int]], sections: tuple[Section, ...] = ()) -> None:
    extractor = _extractor()
    expected = _reference_candidates(extractor, _context(text, sections), covered)
    found = extractor._candidates(_context(text, sections), _merged(covered))
    assert {k: sorted(v) for k, v in found.items()} == {k: sorted(v) for k, v in expected.items()}


def test_the_word_scan_finds_what_the_word_by_word_scan_finds_on_the_examples() -> None:
    for path in sorted(EXAMPLES.iterdir()):
        if path.suffix not in {".txt", ".md"}:
            continue
        text = path.read_text(encoding="utf-8")
        # Cover every fifth word, and one range that ends inside a word, as earlier mentions would.
        runs = [m.span() for m in re.finditer(r"\S+", text)]
        covered = [*runs[::5], (runs[3][0], runs[3][0] + 2)] if len(runs) > 3 else []
        third = Span(start=0, end=len(text) // 3)
        sections = (Section(kind=SectionKind.SKILLS, heading="Skills", span=third, body=third),)
        _same_candidates(text, covered, sections)


_PIECES = st.sampled_from(
    ["PyTorch", "Sharing", "kubernates", "Tensorflow2", "C++", "(Java)", "data,", "the", "...", "É lan", "Élan",
     "node.js", "Py-Torch", "linked", "•", "- ", "Skills:", "sql;", "ÉCOLE", "x²", "café", "Kraiqbrou", "42"]
)  # fmt: skip
_GAPS = st.sampled_from([" ", "  ", "\n", " \n", "\t", ". ", ", ", "\n\n", "\u00a0"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(_PIECES, _GAPS), min_size=1, max_size=30),
    st.lists(st.tuples(st.integers(0, 300), st.integers(0, 12)), max_size=6),
)
def test_the_word_scan_finds_what_the_word_by_word_scan_finds(
    parts: list[tuple[str, str]], covers: list[tuple[int, int]]
) -> None:
    text = "".join(piece + gap for piece, gap in parts)
    covered = [(start, start + size) for start, size in covers if start < len(text)]
    _same_candidates(text, covered)


def test_merged_ranges_cover_the_same_characters() -> None:
    ranges = [(5, 9), (0, 2), (2, 3), (7, 12), (20, 20), (15, 14), (30, 31)]
    merged = _merged(ranges)
    assert merged == [(0, 3), (5, 12), (30, 31)]
    assert {i for s, e in merged for i in range(s, e)} == {i for s, e in ranges for i in range(s, e)}


_long_keys = st.text(alphabet="abcde+.", min_size=9, max_size=40)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_long_keys, min_size=1, max_size=6),
    st.lists(_long_keys, min_size=1, max_size=20),
    st.sampled_from([70, 80, 85, 90, 95]),
)
def test_the_segment_index_names_every_choice_that_reaches_the_cutoff(
    keys: list[str], choices: list[str], cutoff: int
) -> None:
    """The candidates hold every choice scoring at least the cutoff, whatever order lengths are first asked in."""
    choices = sorted(set(choices))
    index = _SegmentIndex(choices, cutoff)
    scores = process.cdist(keys, choices, scorer=fuzz.ratio, score_cutoff=cutoff, dtype=np.float32)
    for row, key in enumerate(keys):
        found = index.candidates(key)
        assert {int(c) for c in np.flatnonzero(scores[row])} <= found
        # and no choice out of length reach
        assert all(
            abs(len(key) - len(choices[c])) <= allowed_distance(cutoff, len(key), len(choices[c])) for c in found
        )


def test_best_many_breaks_ties_on_the_lowest_index_like_cdist() -> None:
    choices = ["kubernetes", "kubernetez", "kubernetis", "pytorchh", "pytorcha"]
    keys = ["kubernetex", "pytorch", "kubernetes", "nothing-near"]
    scores = process.cdist(keys, choices, scorer=fuzz.ratio, score_cutoff=80, dtype=np.float32)
    columns = np.argmax(scores, axis=1)
    expected = [(float(scores[r, c]), int(c)) if scores[r, c] > 0 else (0.0, -1) for r, c in enumerate(columns)]
    assert NearestChoices(choices, 80).best_many(keys) == expected
