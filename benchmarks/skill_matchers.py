"""Exact/alias form look-up: the extractor's per-token dictionary look-up against three one-pass matchers.

Each matcher is built over the shipped taxonomy's forms (lower-cased token sequences, and exact text
for case-sensitive short forms) and must give the same candidate set, ``(start token, end token, form)``,
as ``TaxonomySkillExtractor._candidates`` on every text: the generated resumes of ``tests/variants.py``
and the SkillSpan dev ads. Printed: build time, time per text (medians of alternating rounds).

- ``dict``: the current look-up (per token, the form lengths starting with that word, then a tuple key).
- ``pyahocorasick``: an Aho-Corasick automaton over the tokens joined by a separator, a separator on
  both sides of every key so matches fall on token boundaries (needs ``pip install pyahocorasick``).
- ``regex``: one compiled trie-shaped alternation per form length, in a look-ahead so overlapping
  matches are all found (Python's ``re`` takes the first alternative that matches at a position, so
  one alternation over every length would miss the shorter forms inside longer ones).
- ``phrasematcher``: spaCy's ``PhraseMatcher`` (LOWER and ORTH) on the already-built ``Doc``.

Run: ``.venv/bin/python benchmarks/skill_matchers.py [--rounds N]``.
"""

from __future__ import annotations

import argparse
import itertools
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(ROOT / "benchmarks")]

from rolematch._nlp import get_pipeline  # noqa: E402
from rolematch._skills import ExtractionContext, SkillRegistry, TaxonomySkillExtractor  # noqa: E402
from rolematch._skills._context import TokenTable  # noqa: E402
from rolematch._skills._taxonomy import SkillForm, Taxonomy  # noqa: E402

# Joins tokens; a token never holds it in these texts (checked below: a text that does is skipped).
_SEP = "\x1f"

Found = set[tuple[int, int, str, bool]]
Matcher = Callable[[Any, TokenTable], Found]


def _tables(taxonomy: Taxonomy) -> tuple[dict[tuple[str, ...], SkillForm], dict[tuple[str, ...], SkillForm]]:
    """The extractor's two tables: lower-cased keys and case-sensitive keys, first form per key."""
    extractor = TaxonomySkillExtractor(taxonomy)
    return extractor._by_lower, extractor._by_orth


def _as_set(candidates: list[Any]) -> Found:
    return {(c.start, c.end, c.form.text, c.form.case_sensitive) for c in candidates}


def build_extractor(taxonomy: Taxonomy) -> Matcher:
    """The extractor's own ``_candidates`` (which also makes Candidate objects and sorts them)."""
    extractor = TaxonomySkillExtractor(taxonomy)
    return lambda doc, tokens: _as_set(extractor._candidates(tokens))


def build_dict(taxonomy: Taxonomy) -> Matcher:
    """The extractor's look-up loop alone, giving the same tuples as the other matchers."""
    extractor = TaxonomySkillExtractor(taxonomy)
    plans = (
        (extractor._by_lower, extractor._lower_lengths),
        (extractor._by_orth, extractor._orth_lengths),
    )

    def find(doc: Any, tokens: TokenTable) -> Found:
        found: Found = set()
        for words, (table, lengths) in zip((tokens.lower, tokens.text), plans, strict=True):
            count = len(words)
            for start, word in enumerate(words):
                sizes = lengths.get(word)
                if sizes is None:
                    continue
                for size in sizes:
                    if start + size > count:
                        break
                    form = table.get(tuple(words[start : start + size]))
                    if form is not None:
                        found.add((start, start + size, form.text, form.case_sensitive))
        return found

    return find


def build_aho(taxonomy: Taxonomy) -> Matcher:
    import ahocorasick

    automata = []
    for table in _tables(taxonomy):
        automaton = ahocorasick.Automaton()
        for key, form in table.items():
            automaton.add_word(_SEP + _SEP.join(key) + _SEP, (len(key), form))
        automaton.make_automaton()
        automata.append(automaton)

    def find(doc: Any, tokens: TokenTable) -> Found:
        found: Found = set()
        for automaton, words in zip(automata, (tokens.lower, tokens.text), strict=True):
            joined = _SEP + _SEP.join(words) + _SEP
            # joined position of the separator after token i -> i + 1
            after = dict(zip(itertools.accumulate(len(w) + 1 for w in words), range(1, len(words) + 1), strict=True))
            for end, (size, form) in automaton.iter(joined):
                stop = after[end]
                found.add((stop - size, stop, form.text, form.case_sensitive))
        return found

    return find


def _trie_pattern(keys: list[str]) -> str:
    """A regular expression matching exactly ``keys``, shaped as their trie (shared prefixes factored)."""
    trie: dict[str, Any] = {}
    for key in keys:
        node = trie
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not optional else "(?:" + "|".join(branches) + ")"
        if optional:
            body = "(?:" + "|".join(branches) + ")?"
        return body

    return render(trie)


def build_regex(taxonomy: Taxonomy) -> Matcher:
    compiled: list[tuple[bool, int, re.Pattern[str], dict[str, SkillForm]]] = []
    for case_sensitive, table in zip((False, True), _tables(taxonomy), strict=True):
        by_size: dict[int, dict[str, SkillForm]] = {}
        for key, form in table.items():
            by_size.setdefault(len(key), {})[_SEP + _SEP.join(key) + _SEP] = form
        for size, forms in sorted(by_size.items()):
            # The look-ahead lets matches overlap; the separators on both sides keep them on token boundaries.
            pattern = re.compile("(?=(" + _trie_pattern(sorted(forms)) + "))")
            compiled.append((case_sensitive, size, pattern, forms))

    def find(doc: Any, tokens: TokenTable) -> Found:
        found: Found = set()
        for case_sensitive, words in ((False, tokens.lower), (True, tokens.text)):
            joined = _SEP + _SEP.join(words) + _SEP
            starts = itertools.accumulate((len(w) + 1 for w in words), initial=0)
            token_at = dict(zip(starts, range(len(words)), strict=False))
            for sensitive, size, pattern, forms in compiled:
                if sensitive is not case_sensitive:
                    continue
                for match in pattern.finditer(joined):
                    form = forms[match.group(1)]
                    start = token_at[match.start()]
                    found.add((start, start + size, form.text, form.case_sensitive))
        return found

    return find


def build_phrase(taxonomy: Taxonomy) -> Matcher:
    from spacy.matcher import PhraseMatcher

    nlp = get_pipeline()
    matchers = []
    for attr, table in zip(("LOWER", "ORTH"), _tables(taxonomy), strict=True):
        matcher = PhraseMatcher(nlp.vocab, attr=attr)
        forms = list(table.values())
        for index, form in enumerate(forms):
            matcher.add(f"rm_form_{attr}_{index}", [nlp.make_doc(form.text)])
        keys = {nlp.vocab.strings[f"rm_form_{attr}_{index}"]: form for index, form in enumerate(forms)}
        matchers.append((matcher, keys))

    def find(doc: Any, tokens: TokenTable) -> Found:
        found: Found = set()
        for matcher, keys in matchers:
            for key, start, end in matcher(doc):
                form = keys[key]
                found.add((start, end, form.text, form.case_sensitive))
        return found

    return find


def texts() -> list[str]:
    """The generated resumes (text and Markdown) and the SkillSpan dev ads."""
    from skills import CORPUS, load_ads

    from variants import make_variants

    folder = Path(tempfile.mkdtemp())
    generated = [f.read_text(encoding="utf-8") for f in make_variants(folder, 70) if f.suffix in (".txt", ".md")]
    ads = [ad.text for ad in load_ads(CORPUS / "skillspan_tech_dev.conll")]
    return generated + ads


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    registry = SkillRegistry()
    taxonomy = registry.taxonomy
    corpus = [t for t in texts() if _SEP not in t]
    prepared = []
    for text in corpus:
        context = ExtractionContext(text=text, doc=registry.tokenize(text), taxonomy=taxonomy)
        prepared.append((context.doc, context.tokens))
    builders: dict[str, Callable[[Taxonomy], Matcher]] = {
        "dict": build_dict,
        "extractor": build_extractor,
        "regex": build_regex,
    }
    try:
        import ahocorasick  # noqa: F401

        builders["pyahocorasick"] = build_aho
    except ImportError:
        print("pyahocorasick not installed: skipped (pip install pyahocorasick)")
    builders["phrasematcher"] = build_phrase
    built: dict[str, Matcher] = {}
    for name, build in builders.items():
        start = time.perf_counter()
        built[name] = build(taxonomy)
        print(f"{name:14} build {1000 * (time.perf_counter() - start):8.1f} ms")
    reference = [built["dict"](doc, tokens) for doc, tokens in prepared]
    for name, find in built.items():
        same = all(find(doc, tokens) == want for (doc, tokens), want in zip(prepared, reference, strict=True))
        print(f"{name:14} same candidates as dict on {len(prepared)} texts: {same}")
    times: dict[str, list[float]] = {name: [] for name in built}
    for _ in range(args.rounds):
        for name, find in built.items():  # alternating rounds: the machine's noise falls on all alike
            start = time.perf_counter()
            for doc, tokens in prepared:
                find(doc, tokens)
            times[name].append((time.perf_counter() - start) / len(prepared) * 1000)
    words = statistics.mean(len(tokens.text) for _, tokens in prepared)
    print(f"per text ({len(prepared)} texts, {words:.0f} tokens on average), median of {args.rounds} rounds:")
    for name, values in times.items():
        print(f"{name:14} {statistics.median(values):7.3f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
