"""The column finder: its vectorised gutter search equals the plain row-by-row scan it replaced."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rolematch._read._layout import (
    _BIN,
    _MIN_RUN_FRACTION,
    _MIN_SIDE_ROWS,
    Word,
    _find_gutter,
    _rows,
    _segments,
    _widest_stretch_middle,
)


def _reference_find_gutter(rows: list[list[Word]], page_width: float, unit: float) -> tuple[float, int, int] | None:
    """The row-by-row scan (rolematch 0.1.0): for each row, close the runs it blocks, then extend the rest."""
    n_rows = len(rows)
    if n_rows < 2 * _MIN_SIDE_ROWS:
        return None
    xs = np.arange(0.15 * page_width, 0.85 * page_width, _BIN)
    n_bins = len(xs)
    covered = np.zeros((n_rows, n_bins), dtype=bool)
    has_left = np.zeros((n_rows, n_bins), dtype=bool)
    has_right = np.zeros((n_rows, n_bins), dtype=bool)
    for r, row in enumerate(rows):
        segments = _segments(row, unit)
        for x0, x1 in segments:
            a = int(np.searchsorted(xs, x0, side="left"))
            b = int(np.searchsorted(xs, x1, side="right"))
            covered[r, a:b] = True
        has_left[r] = xs > segments[0][0]
        has_right[r] = xs < max(x1 for _, x1 in segments)
    best: tuple[int, int, int, int] | None = None
    run_start = np.zeros(n_bins, dtype=np.int64)
    left_rows = np.zeros(n_bins, dtype=np.int64)
    right_rows = np.zeros(n_bins, dtype=np.int64)
    both_rows = np.zeros(n_bins, dtype=np.int64)
    for r in range(n_rows + 1):
        blocked = covered[r] if r < n_rows else np.ones(n_bins, dtype=bool)
        valid = blocked & (left_rows >= _MIN_SIDE_ROWS) & (right_rows >= _MIN_SIDE_ROWS) & (both_rows >= 2)
        if valid.any():
            lengths = np.where(valid, r - run_start, -1)
            b = _widest_stretch_middle(lengths == lengths.max())
            length = int(lengths[b])
            if best is None or length > best[0]:
                best = (length, b, int(run_start[b]), r - 1)
        if r == n_rows:
            break
        run_start = np.where(blocked, r + 1, run_start)
        open_row = ~blocked
        left_rows = np.where(blocked, 0, left_rows + (open_row & has_left[r]))
        right_rows = np.where(blocked, 0, right_rows + (open_row & has_right[r]))
        both_rows = np.where(blocked, 0, both_rows + (open_row & has_left[r] & has_right[r]))
    if best is None or best[0] < max(2 * _MIN_SIDE_ROWS, _MIN_RUN_FRACTION * n_rows):
        return None
    return float(xs[best[1]]), best[2], best[3]


# Words on a 612-point page: rows 14 points apart, each word somewhere across the width, so
# layouts range from one column to two or three with gaps, sidebars and full-width lines.
_word = st.tuples(
    st.integers(min_value=0, max_value=45),  # row
    st.floats(min_value=20, max_value=560, allow_nan=False),  # x0
    st.floats(min_value=4, max_value=200, allow_nan=False),  # width
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_word, min_size=0, max_size=160), st.sampled_from([6.0, 9.0, 12.0]))
def test_the_vectorised_gutter_search_equals_the_row_by_row_scan(
    words: list[tuple[int, float, float]], unit: float
) -> None:
    placed = [
        Word(x0=x0, x1=min(x0 + width, 600.0), top=row * 14.0, bottom=row * 14.0 + 10, text="w")
        for row, x0, width in words
    ]
    rows = _rows(placed)
    assert _find_gutter(rows, 612.0, unit) == _reference_find_gutter(rows, 612.0, unit)


def test_a_two_column_page_has_its_gutter_found() -> None:
    words = []
    for row in range(20):
        words.append(Word(x0=40, x1=250, top=row * 14.0, bottom=row * 14.0 + 10, text="left"))
        words.append(Word(x0=330, x1=560, top=row * 14.0, bottom=row * 14.0 + 10, text="right"))
    found = _find_gutter(_rows(words), 612.0, 10.0)
    assert found is not None
    x, first, last = found
    assert 250 < x < 330 and (first, last) == (0, 19)


@st.composite
def _column_layouts(draw: st.DrawFn) -> list[Word]:
    """Pages with a gutter somewhere, rows that fill one side, both or the full width, and stray words."""
    gutter = draw(st.floats(min_value=150, max_value=450))
    gap = draw(st.floats(min_value=4, max_value=40))
    words = []
    for row in range(draw(st.integers(min_value=0, max_value=40))):
        top = row * 14.0
        kind = draw(st.sampled_from(["left", "right", "both", "both", "full", "none"]))
        if kind in ("left", "both"):
            x0 = draw(st.floats(min_value=20, max_value=gutter - gap - 5))
            words.append(Word(x0=x0, x1=gutter - gap, top=top, bottom=top + 10, text="l"))
        if kind in ("right", "both"):
            x1 = draw(st.floats(min_value=gutter + gap + 5, max_value=590))
            words.append(Word(x0=gutter + gap, x1=x1, top=top, bottom=top + 10, text="r"))
        if kind == "full":
            words.append(Word(x0=30, x1=580, top=top, bottom=top + 10, text="f"))
    return words


@settings(max_examples=400, deadline=None)
@given(_column_layouts(), st.sampled_from([6.0, 9.0, 12.0]))
def test_the_gutter_search_equals_the_scan_on_column_layouts(words: list[Word], unit: float) -> None:
    rows = _rows(words)
    assert _find_gutter(rows, 612.0, unit) == _reference_find_gutter(rows, 612.0, unit)


def _reference_word_spans(text: str) -> list[tuple[int, int]]:
    """The character loop the reader used before (rolematch 0.1.0)."""
    spans, start = [], -1
    for i, ch in enumerate(text + " "):
        breaks_after = ch in "\ufffe\x02"
        if ch.isspace() and not breaks_after:
            if start >= 0:
                spans.append((start, i))
                start = -1
            continue
        if start < 0:
            start = i
        if breaks_after:
            spans.append((start, i + 1))
            start = -1
    return spans


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"ab-. \t\n\u00a0\u2028\ufffe\x02\u3000", "\U0001f600"]), max_size=60))
def test_pdf_word_spans_equal_the_character_loop(text: str) -> None:
    from rolematch._read._pdf import word_spans

    assert word_spans(text) == _reference_word_spans(text)


def _job_page(bullets_per_job: list[int]) -> list[Word]:
    """Jobs as pdfTeX sets them: company and place, title and dates (at the right margin), bullets."""
    words: list[Word] = []
    row = 0

    def put(x0: float, x1: float, text: str) -> None:
        words.append(Word(x0=x0, x1=x1, top=row * 14.0, bottom=row * 14.0 + 10, text=text))

    for number, bullets in enumerate(bullets_per_job):
        put(40, 160, f"Company{number}")
        put(470, 560, f"Place{number}")
        row += 1
        put(40, 150, f"Title{number}")
        put(470, 560, f"Dates{number}")
        row += 1
        for _ in range(bullets):
            put(50, 420, "bullet")
            row += 1
    return words


def test_right_margin_dates_are_read_beside_their_titles() -> None:
    from rolematch._read._layout import page_lines

    lines, columns = page_lines(_job_page([3, 0, 2, 0, 3]), 612.0)
    assert columns == 1
    assert "Title0\tDates0" in lines and "Title1\tDates1" in lines and "Title3\tDates3" in lines


def test_a_sidebar_is_still_read_as_a_column() -> None:
    from rolematch._read._layout import page_lines

    words = []
    for row in range(30):
        words.append(Word(x0=200, x1=560, top=row * 14.0, bottom=row * 14.0 + 10, text=f"main{row}"))
    for row in range(12):  # the sidebar's own leading: its rows fall between the main rows
        top = row * 17.0 + 3
        words.append(Word(x0=30, x1=150, top=top, bottom=top + 10, text=f"side{row}"))
    lines, columns = page_lines(words, 612.0)
    assert columns == 2
    assert lines[:12] == [f"side{row}" for row in range(12)]


def test_a_sidebar_on_the_main_leading_is_still_a_column() -> None:
    """Sidebar rows that share every line with the main column, in sections of several lines."""
    from rolematch._read._layout import page_lines

    words = []
    side_rows = [*range(0, 6), *range(8, 14), *range(16, 21)]
    for row in range(40):
        words.append(Word(x0=200, x1=560, top=row * 14.0, bottom=row * 14.0 + 10, text=f"main{row}"))
    for row in side_rows:
        words.append(Word(x0=30, x1=150, top=row * 14.0, bottom=row * 14.0 + 10, text=f"side{row}"))
    lines, columns = page_lines(words, 612.0)
    assert columns == 2
    assert lines[: len(side_rows)] == [f"side{row}" for row in side_rows]


def test_one_short_block_of_right_aligned_cells_is_read_with_its_rows() -> None:
    """Two degrees' places and years at the right margin, beside a long column of lines."""
    from rolematch._read._layout import page_lines

    words = []
    for row in range(16):
        words.append(Word(x0=40, x1=300, top=row * 14.0, bottom=row * 14.0 + 10, text=f"line{row}"))
    for row, text in ((2, "Munich"), (3, "2010–2012"), (4, "Bonn"), (5, "2006–2010")):
        words.append(Word(x0=500, x1=560, top=row * 14.0, bottom=row * 14.0 + 10, text=text))
    lines, _ = page_lines(words, 612.0)
    assert "line3\t2010–2012" in lines and "line5\t2006–2010" in lines
