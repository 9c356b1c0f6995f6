"""Warnings for anything that lowers trust in a parse: little text, no sections, other
languages, garbled text."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence

from .._read import looks_like_mojibake
from ..resume import ParseWarning

__all__ = ["quality_warnings"]

_MIN_CHARS = 300
_MIN_WORDS = 60
_CID = re.compile(r"\(cid:\d+\)")
_OTHER_LANGUAGES = ("de", "fr", "es", "pt", "it", "nl")

_NON_LATIN = re.compile("[^\u0000-\u024f]")
_BAD_CHARS = re.compile("[\ue000-\uf8ff\x00-\x08\x0b-\x1f]")
_WORD = re.compile(r"[^\W_]")


@functools.cache
def _stop_words() -> dict[str, frozenset[str]]:
    """spaCy's stop-word lists, loaded from their own files.

    Importing ``spacy.lang.de.stop_words`` would first run ``spacy.lang.de``'s package init,
    which loads that language's whole tokenizer data: 3 s for six languages instead of 10 ms.
    """
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("spacy")
    assert spec is not None and spec.origin is not None
    lang = Path(spec.origin).parent / "lang"
    words = {}
    for code in ("en", *_OTHER_LANGUAGES):
        path = lang / code / "stop_words.py"
        file_spec = importlib.util.spec_from_file_location(f"_rolematch_stop_words_{code}", path)
        assert file_spec is not None and file_spec.loader is not None
        module = importlib.util.module_from_spec(file_spec)
        file_spec.loader.exec_module(module)
        words[code] = frozenset(module.STOP_WORDS)
    return words


@functools.cache
def _languages_of_stop_words() -> dict[str, tuple[str, ...]]:
    """Each stop word and the languages whose list holds it: one lookup per word instead of one per language."""
    languages: dict[str, list[str]] = {}
    for code, words in _stop_words().items():
        for word in words:
            languages.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in languages.items()}


def _language(tokens: Sequence[str]) -> str | None:
    """The language whose stop words are most frequent, when the evidence is clear."""
    alpha = list(map(str.lower, filter(str.isalpha, tokens)))
    if len(alpha) < 40:
        return None
    # One search over the words joined when they are all Latin, as in English resumes.
    if _NON_LATIN.search(" ".join(alpha)) is not None:
        latin = len(alpha) - sum(map(bool, map(_NON_LATIN.search, alpha)))
        if latin < 0.5 * len(alpha):
            return "non-latin"
    languages_of = _languages_of_stop_words()
    # Each distinct word once (Counter counts in C), then only the stop words among them.
    counts = Counter(alpha)
    hits: Counter[str] = Counter()
    for word in counts.keys() & languages_of.keys():
        for code in languages_of[word]:
            hits[code] += counts[word]
    rates = {code: hits[code] / len(alpha) for code in _stop_words()}
    # English stop words overlap others ("a", "in", "de"); demand a clear lead over English.
    best = max(_OTHER_LANGUAGES, key=lambda c: rates[c])
    if rates[best] > 0.08 and rates[best] > 1.5 * rates["en"]:
        return best
    return None


def _garbled_share(text: str) -> float:
    """Share of characters that only broken extraction produces."""
    if not text:
        return 0.0
    bad = text.count("\ufffd") + sum(len(m) for m in _CID.findall(text))
    bad += len(_BAD_CHARS.findall(text))
    return bad / len(text)


def quality_warnings(text: str, tokens: Sequence[str], section_count: int) -> list[ParseWarning]:
    """Warnings about the text as a whole."""
    warnings = []
    words = sum(map(bool, map(_WORD.search, tokens)))
    if len(text) < _MIN_CHARS or words < _MIN_WORDS:
        warnings.append(
            ParseWarning(
                code="little_text",
                message=f"only {words} words of text were found; the resume may be incomplete",
            )
        )
    if section_count == 0:
        warnings.append(ParseWarning(code="no_sections", message="no section headings were recognised"))
    language = _language(tokens)
    if language is not None:
        warnings.append(
            ParseWarning(
                code="non_english",
                message=f"the text looks {'non-Latin-script' if language == 'non-latin' else language}; "
                "rolematch reads English resumes",
            )
        )
    share = _garbled_share(text)
    if share > 0.02 or looks_like_mojibake(text[:20_000]):
        warnings.append(
            ParseWarning(code="garbled_text", message=f"the text looks garbled ({share:.1%} unreadable characters)")
        )
    return warnings
