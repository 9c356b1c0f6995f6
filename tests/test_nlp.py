"""The tokenizer work-around: same tokens as the stock tokenizer, built once per process."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from rolematch import parse_resume
from rolematch._nlp import dropped_special_cases
from rolematch._parse import get_pipeline

STOCK = spacy.blank("en").tokenizer


def _tokens(tokenizer: object, text: str) -> list[tuple[str, str]]:
    return [(t.text, t.whitespace_) for t in tokenizer(text)]  # type: ignore[operator]


def test_pipeline_is_built_once() -> None:
    assert get_pipeline() is get_pipeline()


def test_the_workaround_drops_only_whitespace_and_em_dash_rules() -> None:
    dropped = dropped_special_cases()
    assert dropped and all(key.isspace() or key == "\u2014" for key in dropped)


def test_the_pipeline_has_the_stock_rules_less_the_dropped_ones() -> None:
    ours = get_pipeline().tokenizer.rules  # type: ignore[attr-defined]
    stock = STOCK.rules  # type: ignore[attr-defined]
    dropped = set(dropped_special_cases())
    assert set(stock) - set(ours) == dropped
    assert ours == {key: value for key, value in stock.items() if key not in dropped}
    assert get_pipeline().lang == "en"


def test_tokens_equal_the_stock_tokenizer_on_every_example() -> None:
    ours = get_pipeline().tokenizer
    for path in sorted(EXAMPLES.iterdir()):
        text = parse_resume(path).text
        assert _tokens(ours, text) == _tokens(STOCK, text), path.name


_SPECIALS = ["\n", "\t", "—", "–", "•", " can't ", "don't", "e.g.", "U.S.", "C++", ":)", "\xa0", "  "]
_resume_alphabet = st.sampled_from([*list("abcXYZ019 .,;:-()/+#@&%$'\""), *_SPECIALS])


@settings(max_examples=300, deadline=None)
@given(st.lists(_resume_alphabet, max_size=200).map("".join))
def test_tokens_equal_the_stock_tokenizer_on_generated_text(text: str) -> None:
    assert _tokens(get_pipeline().tokenizer, text) == _tokens(STOCK, text)


def test_building_the_pipeline_leaves_spacys_english_alone() -> None:
    """A user's own spacy.blank("en") in the same process keeps every stock rule."""
    get_pipeline()
    theirs = spacy.blank("en")
    assert type(theirs).__name__ == "English"
    assert theirs.tokenizer.rules == STOCK.rules  # type: ignore[attr-defined]
