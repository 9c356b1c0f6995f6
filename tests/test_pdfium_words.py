"""PDFium word boxes read in bulk equal the one-lookup-per-word path, and ``make_words`` equals ``Word``."""

from __future__ import annotations

import math
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import CORPUS, EXAMPLES
from rolematch._read._layout import Word, make_words
from rolematch._read._pdfium_words import _words_one_by_one, pdfium_words, word_spans

PDFS = sorted(EXAMPLES.glob("*.pdf")) + sorted((CORPUS / "pdfs").rglob("*.pdf"))
LAYOUTS = sorted((Path(__file__).parent / "fixtures" / "layouts").glob("*.pdf"))[:20]


def _key(word: Word) -> tuple[object, ...]:
    """A word's fields, NaN made comparable (a broken font's box)."""
    fields = (word.x0, word.x1, word.top, word.bottom, word.text)
    return tuple("nan" if isinstance(v, float) and math.isnan(v) else v for v in fields)


@pytest.mark.parametrize("path", PDFS + LAYOUTS, ids=lambda p: p.name)
def test_bulk_boxes_equal_one_lookup_per_word(path: Path) -> None:
    pdf = pdfium.PdfDocument(path.read_bytes())
    try:
        for page in pdf:
            height = page.get_height()
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            bulk = pdfium_words(textpage, height, pdfium_c)
            one_by_one = _words_one_by_one(textpage, text, word_spans(text), None, height, pdfium_c)
            assert [_key(w) for w in bulk] == [_key(w) for w in one_by_one]
    finally:
        pdf.close()


_FLOATS = st.floats(allow_nan=False, width=64, min_value=-1e6, max_value=1e6)


@given(st.lists(st.tuples(_FLOATS, _FLOATS, _FLOATS, _FLOATS, st.text(max_size=5)), max_size=30))
def test_make_words_equals_word(rows: list[tuple[float, float, float, float, str]]) -> None:
    columns = [list(column) for column in zip(*rows, strict=True)] if rows else [[], [], [], [], []]
    made = make_words(*columns)
    expected = [Word(*row) for row in rows]
    assert made == expected
    assert [repr(w) for w in made] == [repr(w) for w in expected]
    assert [hash(w) for w in made] == [hash(w) for w in expected]


def test_make_words_refuses_columns_of_unequal_length() -> None:
    with pytest.raises(ValueError, match="equal length"):
        make_words([1.0], [2.0], [3.0], [4.0], [])
