"""Reading order for positioned words: full-width rows, then each column top to bottom.

Both PDF readers reduce a page to words with boxes and hand them here, so the column logic is
written once. The approach (see docs/readers.md): group words into rows, find the vertical gutter
that stays empty over the longest run of rows while text lies on both sides of it, and read the
rows above that run, then the left column, then the right column, then what follows. Columns are
searched again inside each column, so three-column pages work too.
"""

from __future__ import annotations

import itertools
import math
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import attrgetter

import numpy as np

__all__ = ["Word", "make_words", "page_lines", "page_rows", "rows_lines"]

_BIN = 2.0  # points per gutter-search bin
_MIN_SIDE_ROWS = 3  # a column needs text on at least this many rows
_MIN_RUN_FRACTION = 0.3  # the gutter must run along this share of the page's rows
_MAX_DEPTH = 3
_LABEL_GAP = 2.5  # line heights between two clusters of row labels
_MAX_LABEL_CLUSTER = 3  # rows one under the other in a cluster of labels (place, dates, grade)
# Cells on every row of the other side may run longer (jobs without bullets), but not on average:
# a sidebar set on the main column's leading has longer runs of lines.
_MAX_ALIGNED_CLUSTER_MEAN = 4
_MAX_LABEL_WORDS = 3  # a date, a place: labels are short


@dataclass(frozen=True, slots=True)
class Word:
    """A word and its box in top-down page coordinates (points)."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


# The slots of Word, set straight through their descriptors: a frozen dataclass's __init__ goes
# through object.__setattr__ field by field, about twice the cost (1.3 vs 0.6 us a word); a PDF
# page makes hundreds of words.
_WORD_SLOTS = tuple(Word.__dict__[name].__set__ for name in ("x0", "x1", "top", "bottom", "text"))


def make_words(
    x0: Sequence[float], x1: Sequence[float], top: Sequence[float], bottom: Sequence[float], text: Sequence[str]
) -> list[Word]:
    """Words from columns of equal length: the same as ``Word(x0[i], x1[i], top[i], bottom[i], text[i])``."""
    if not len(x0) == len(x1) == len(top) == len(bottom) == len(text):
        raise ValueError("make_words needs columns of equal length")  # a short one would leave slots unset
    words = list(map(object.__new__, repeat(Word, len(text))))
    for set_slot, values in zip(_WORD_SLOTS, (x0, x1, top, bottom, text), strict=True):
        deque(map(set_slot, words, values), maxlen=0)  # runs the map in C
    return words


def page_lines(words: Sequence[Word], page_width: float) -> tuple[list[str], int]:
    """Lines of one page in reading order, and the most columns found side by side."""
    return rows_lines(page_rows(words), page_width)


def page_rows(words: Sequence[Word]) -> list[list[Word]]:
    """A page's words grouped into visual rows, top to bottom (the first step of :func:`page_lines`).

    Exposed so that page furniture can be found among the first and last rows before the
    reading order is worked out.
    """
    return _rows(words) if words else []


def rows_lines(rows: list[list[Word]], page_width: float) -> tuple[list[str], int]:
    """Lines of a page's rows in reading order, and the most columns found side by side."""
    if not rows:
        return [], 0
    heights = sorted([h for h in [w.bottom - w.top for row in rows for w in row] if h > 0])  # Word.height, inline
    unit = heights[len(heights) // 2] if heights else 10.0
    return _order(rows, page_width, unit, 0)


def _rows(words: Sequence[Word]) -> list[list[Word]]:
    """Words grouped into visual rows, top to bottom, each row left to right."""
    rows: list[list[Word]] = []
    band_top = band_bottom = 0.0
    # The keys (middle, x0) computed once, inline: sorting the indices by them gives the order
    # sorting the words by them gives (the same keys, the same stable sort).
    keys = [((w.top + w.bottom) / 2, w.x0) for w in words]
    for i in sorted(range(len(keys)), key=keys.__getitem__):
        word, middle = words[i], keys[i][0]
        if rows and band_top <= middle <= band_bottom:
            rows[-1].append(word)
        else:
            rows.append([word])
            # The first word of a row sets its band, so rows of two columns with different line
            # spacing do not chain into one tall row.
            band_top, band_bottom = word.top, word.bottom
    by_x0 = attrgetter("x0")
    for row in rows:
        row.sort(key=by_x0)
    return rows


def _segments(row: list[Word], unit: float) -> list[tuple[float, float]]:
    """Horizontal extents of the runs of words in a row that sit closer than a column gap."""
    segments: list[tuple[float, float]] = []
    for word in row:
        if segments and word.x0 - segments[-1][1] <= 1.2 * unit:
            segments[-1] = (segments[-1][0], max(segments[-1][1], word.x1))
        else:
            segments.append((word.x0, word.x1))
    return segments


_Extents = tuple[list[float], list[float], list[int], list[float], list[float], int]


def _row_extents(rows: list[list[Word]], unit: float) -> _Extents:
    """The segments of every row (starts, ends, owning rows; what :func:`_segments` gives, inline),
    each row's leftmost x0 and rightmost x1, and how many rows have more than one segment."""
    gap = 1.2 * unit
    starts: list[float] = []
    ends: list[float] = []
    owners: list[int] = []
    first_x0: list[float] = []
    last_x1: list[float] = []
    split_rows = 0
    for r, row in enumerate(rows):
        first = len(ends)
        start, end = row[0].x0, row[0].x1
        for word in row[1:]:
            if word.x0 - end <= gap:
                if word.x1 > end:  # max(end, x1), NaN and all
                    end = word.x1
            else:
                starts.append(start)
                ends.append(end)
                start, end = word.x0, word.x1
        starts.append(start)
        ends.append(end)
        owners += [r] * (len(ends) - first)
        first_x0.append(row[0].x0)
        last_x1.append(max(ends[first:]))
        split_rows += len(ends) - first > 1
    return starts, ends, owners, first_x0, last_x1, split_rows


def _find_gutter(rows: list[list[Word]], page_width: float, unit: float) -> tuple[float, int, int] | None:
    """The gutter x and the run of rows [first, last] along which it is empty, if any.

    For every bin of x, runs of rows that leave the bin empty are closed by a covered row (or
    the page's end); a run counts when at least ``_MIN_SIDE_ROWS`` of its rows have text left of
    the bin and as many right of it (two with both). The longest such run wins, the earliest on
    ties, at the middle of the widest stretch of bins that reach it. Each row's open bins are one
    integer used as a bit set, so that the search steps row by row over all bins at once
    (:func:`_longest_open_run`), and only over the bins that stay open long enough for a gutter.
    """
    n_rows = len(rows)
    if n_rows < 2 * _MIN_SIDE_ROWS:
        return None
    starts, ends, owners, first_x0, last_x1, split_rows = _row_extents(rows, unit)
    # Text on both sides of a bin needs a gap inside a row, so a page (or column) with fewer than
    # two rows of separate segments has no gutter: most one-column pages stop here.
    if split_rows < 2:
        return None
    xs = np.arange(0.15 * page_width, 0.85 * page_width, _BIN)
    min_length = max(2 * _MIN_SIDE_ROWS, _MIN_RUN_FRACTION * n_rows)
    # A segment covers the bins from its start to its end, both included (NaN sorts last).
    first_bins = np.searchsorted(xs, np.asarray(starts), side="left")
    end_bins = np.searchsorted(xs, np.asarray(ends), side="right")
    open_rows = _open_bins(first_bins.tolist(), end_bins.tolist(), owners, n_rows, len(xs))
    if open_rows is None:
        return _dense_gutter(xs, first_bins, end_bins, owners, first_x0, last_x1, min_length)
    # Only a bin open on as many rows in a row as a gutter needs can hold one: the columns of a
    # two-column page, and one-column pages, have none, and stop here.
    reach = _long_open_bins(open_rows, math.ceil(min_length))
    if not reach:
        return None
    edges = xs.tolist()
    # Each row's open bins right of its first word's start, and left of its last segment's end.
    lefts = [bits >> k << k for bits, k in zip(open_rows, [bisect_right(edges, x) for x in first_x0], strict=True)]
    rights = [
        bits & ((1 << k) - 1) for bits, k in zip(open_rows, [bisect_left(edges, x) for x in last_x1], strict=True)
    ]
    # A run's counts are at most its bin's counts over the whole page: the bins right of a
    # column's text (open on every row, but with no text right of them) drop out here.
    reach &= _enough_sides(lefts, rights)
    if not reach:
        return None
    found = _longest_open_run(open_rows, lefts, rights, reach)
    if found is None or found[0] < min_length:
        return None
    _, first, last, bins = found
    stretch = np.unpackbits(np.frombuffer(bins.to_bytes(len(xs) // 8 + 1, "little"), dtype=np.uint8), bitorder="little")
    return float(xs[_widest_stretch_middle(stretch[: len(xs)].astype(bool))]), first, last


def _open_bins(
    first_bins: list[int], end_bins: list[int], owners: list[int], n_rows: int, n_bins: int
) -> list[int] | None:
    """Each row's open bins (no segment over them) as a bit set, or None when a segment's bins
    run backwards (a box with its right edge left of its left, or NaN), which only the
    difference arrays of :func:`_dense_gutter` count as they always did."""
    covered = [0] * n_rows
    for a, b, r in zip(first_bins, end_bins, owners, strict=True):
        if b < a:
            return None
        covered[r] |= (1 << b) - (1 << a)
    full = (1 << n_bins) - 1
    return [full & ~bits for bits in covered]


def _long_open_bins(open_rows: list[int], window: int) -> int:
    """The bins open on ``window`` rows in a row, as a bit set."""
    if window > len(open_rows):
        return 0
    # open_in[i]: the bins open on rows i .. i + span - 1, for span doubling up to the window.
    open_in = open_rows
    span = 1
    while 2 * span <= window:
        open_in = [upper & lower for upper, lower in zip(open_in, open_in[span:], strict=False)]
        span *= 2
    reach = 0
    for upper, lower in zip(open_in, open_in[window - span :], strict=False):
        reach |= upper & lower
    return reach


def _enough_sides(lefts: list[int], rights: list[int]) -> int:
    """The bins with text left of them on ``_MIN_SIDE_ROWS`` open rows, as many right, and two both,
    counted as bit sets of "at least k" rows."""
    l1 = l2 = l3 = r1 = r2 = r3 = b1 = b2 = 0
    for left, right in zip(lefts, rights, strict=True):
        l3 |= l2 & left
        l2 |= l1 & left
        l1 |= left
        r3 |= r2 & right
        r2 |= r1 & right
        r1 |= right
        b2 |= b1 & left & right
        b1 |= left & right
    return l3 & r3 & b2


def _longest_open_run(
    open_rows: list[int], lefts: list[int], rights: list[int], reach: int
) -> tuple[int, int, int, int] | None:
    """The longest valid run of open rows among the ``reach`` bins (the earliest closed on ties):
    its length, first and last rows, and the bins it runs along (a bit set).

    Row by row, the bins whose open run started on the same row are one group, with its counts of
    rows with text left of the bin, right of it and both kept as bit sets of "at least k" (the
    counts need only reach ``_MIN_SIDE_ROWS`` and 2). A row closes the runs of its group's bins
    that it covers; the page's end closes all.
    """
    best: tuple[int, int, int, int] | None = None
    # A group: [first row, bins, left >= 1, >= 2, >= 3, right >= 1, >= 2, >= 3, both >= 1, >= 2].
    groups: list[list[int]] = []
    previous = 0
    for r in range(len(open_rows) + 1):
        here = open_rows[r] & reach if r < len(open_rows) else 0
        kept = []
        for group in groups:
            closing = group[1] & ~here
            if closing:
                valid = closing & group[4] & group[7] & group[9]
                if valid and (best is None or r - group[0] > best[0]):
                    best = (r - group[0], group[0], r - 1, valid)
                group[1] &= here
                if not group[1]:
                    continue
            kept.append(group)
        if here:
            left = lefts[r] & reach
            right = rights[r] & reach
            both = left & right
            for g in kept:
                g[4] |= g[3] & left
                g[3] |= g[2] & left
                g[2] |= left
                g[7] |= g[6] & right
                g[6] |= g[5] & right
                g[5] |= right
                g[9] |= g[8] & both
                g[8] |= both
            new = here & ~previous
            if new:
                kept.append([r, new, left, 0, 0, right, 0, 0, both, 0])
        groups, previous = kept, here
    return best


def _dense_gutter(
    xs: np.ndarray,
    first_bins: np.ndarray,
    end_bins: np.ndarray,
    owners: list[int],
    first_x0: list[float],
    last_x1: list[float],
    min_length: float,
) -> tuple[float, int, int] | None:
    """:func:`_find_gutter` over two-dimensional arrays of rows by bins, for the rare page with
    boxes that run backwards: a segment's difference marks then cancel others' as they always did."""
    n_rows, n_bins = len(first_x0), len(xs)
    # covered[r, a:b] for each segment, through a difference array: +1 at a, -1 at b.
    marks = np.zeros((n_rows, n_bins + 1), dtype=np.int32)
    owner = np.asarray(owners)
    np.add.at(marks, (owner, first_bins), 1)
    np.add.at(marks, (owner, end_bins), -1)
    open_rows = np.cumsum(marks, axis=1)[:, :n_bins] <= 0
    open_left = open_rows & (xs[None, :] > np.asarray(first_x0)[:, None])
    open_right = open_rows & (xs[None, :] < np.asarray(last_x1)[:, None])
    open_both = open_left & open_right
    # A run's counts are at most its bin's counts over the whole page: bins that fail these can
    # have no valid run, and the runs are looked for among the others only.
    keep = np.flatnonzero(
        (open_left.sum(axis=0) >= _MIN_SIDE_ROWS)
        & (open_right.sum(axis=0) >= _MIN_SIDE_ROWS)
        & (open_both.sum(axis=0) >= 2)
    )
    if not len(keep):
        return None
    found = _longest_run(open_rows[:, keep], open_left[:, keep], open_right[:, keep], open_both[:, keep])
    if found is None:
        return None
    r, length, lengths, run_start = found
    if length < min_length:
        return None
    stretch = np.zeros(n_bins, dtype=bool)
    stretch[keep] = lengths[r] == length
    b = _widest_stretch_middle(stretch)
    return float(xs[b]), int(run_start[r, int(np.searchsorted(keep, b))]), r - 1


def _longest_run(
    open_rows: np.ndarray, open_left: np.ndarray, open_right: np.ndarray, open_both: np.ndarray
) -> tuple[int, int, np.ndarray, np.ndarray] | None:
    """The row closing the longest valid run (the earliest on ties), its length, every run's
    length by closing row and bin (-1 where none is valid) and where each run starts."""
    n_rows, n_bins = open_rows.shape
    # Row n_rows is a sentinel that closes every run.
    blocked = np.vstack([~open_rows, np.ones((1, n_bins), dtype=bool)])

    def running(flags: np.ndarray) -> np.ndarray:
        """Row-prefix counts: result[r] = flags[:r].sum(axis=0)."""
        return np.vstack([np.zeros((1, n_bins), dtype=np.int64), np.cumsum(flags, axis=0, dtype=np.int64)])

    row_index = np.arange(n_rows + 1)[:, None]
    # The run closed at row r starts after the previous blocked row of its bin.
    last_blocked = np.maximum.accumulate(np.where(blocked, row_index, -1), axis=0)
    run_start = np.vstack([np.zeros((1, n_bins), dtype=np.int64), last_blocked[:-1] + 1])
    bins = np.arange(n_bins)[None, :]

    def within(flags: np.ndarray) -> np.ndarray:
        count = running(flags)
        result: np.ndarray = count - count[run_start, bins]
        return result

    valid = (
        blocked
        & (within(open_left) >= _MIN_SIDE_ROWS)
        & (within(open_right) >= _MIN_SIDE_ROWS)
        & (within(open_both) >= 2)
    )
    lengths = np.where(valid, row_index - run_start, -1)
    longest_per_row = lengths.max(axis=1)
    if longest_per_row.max() < 0:
        return None
    r = int(np.argmax(longest_per_row))  # earliest row closing a longest run
    return r, int(longest_per_row[r]), lengths, run_start


def _widest_stretch_middle(mask: np.ndarray) -> int:
    """The middle bin of the widest run of True bins: the centre of the emptiest gutter."""
    best_start, best_width, start = 0, 0, -1
    for i, flag in enumerate([*mask.tolist(), False]):
        if flag and start < 0:
            start = i
        elif not flag and start >= 0:
            if i - start > best_width:
                best_start, best_width = start, i - start
            start = -1
    return best_start + best_width // 2


def _line(row: list[Word], unit: float) -> str:
    """A row's words joined; a wide gap becomes a tab so that table-like layouts stay readable."""
    if not row:
        return ""
    wide = 2.5 * unit
    previous = row[0]
    parts = [previous.text]
    for word in row[1:]:
        parts.append("\t" if word.x0 - previous.x1 > wide else " ")
        parts.append(word.text)
        previous = word
    return "".join(parts)


def _is_label_column(rows: list[list[Word]], x: float, unit: float) -> bool:
    """Whether the sparser side of a gutter labels the other side's rows rather than being a column.

    A table's date cells, or dates and places pushed to the right margin, sit on the row of the
    line they belong to, in small clusters (a place above a date) far apart from each other with
    the other side's lines between them; a sidebar's lines run on, one under the other. Labels are
    read with their row (a tab apart), so each date stays beside its title instead of being
    gathered in a column of dates.
    """
    left = [row for row in rows if any((w.x0 + w.x1) / 2 < x for w in row)]
    right = [row for row in rows if any((w.x0 + w.x1) / 2 >= x for w in row)]
    sparse, dense = (left, right) if len(left) <= len(right) else (right, left)

    def is_shared(row: list[Word]) -> bool:
        return any((w.x0 + w.x1) / 2 < x for w in row) and any((w.x0 + w.x1) / 2 >= x for w in row)

    # Rows above the first shared one (a heading, a paragraph's short last line) lead into the
    # table; they are read as they stand either way.
    first_shared = next((i for i, row in enumerate(sparse) if is_shared(row)), len(sparse))
    sparse = sparse[first_shared:]
    if len(sparse) < 2 or len(sparse) >= len(dense):
        return False
    shared = sum(1 for row in sparse if is_shared(row))
    # Every row of the sparse side shares its line with the other side: cells of one table, even
    # where a job without bullets puts two clusters close together. A sidebar's own line spacing
    # leaves some of its rows between the other side's rows.
    aligned = shared == len(sparse)
    if not aligned and (shared < 0.8 * len(sparse) or len(sparse) * 2 > len(dense)):
        return False
    middles = [sum(w.middle for w in row) / len(row) for row in sparse]
    cluster, largest, clusters = 1, 1, 1
    for above, below in itertools.pairwise(middles):
        if below - above > _LABEL_GAP * unit:
            cluster, clusters = 1, clusters + 1
        else:
            cluster += 1
            largest = max(largest, cluster)
    if clusters < 2:
        # One short block of cells beside a long run of lines (two degrees' places and years):
        # labels when every row of it shares a line and says little.
        side = [" ".join(w.text for w in row if ((w.x0 + w.x1) / 2 >= x) == (sparse is right)) for row in sparse]
        return (
            aligned
            and len(sparse) <= _MAX_LABEL_CLUSTER + 1
            and len(dense) >= 3 * len(sparse)
            and all(len(text.split()) <= _MAX_LABEL_WORDS for text in side)
        )
    return largest <= _MAX_LABEL_CLUSTER or (aligned and len(sparse) <= _MAX_ALIGNED_CLUSTER_MEAN * clusters)


def _order(rows: list[list[Word]], page_width: float, unit: float, depth: int) -> tuple[list[str], int]:
    gutter = _find_gutter(rows, page_width, unit) if depth < _MAX_DEPTH else None
    if gutter is None:
        return [_line(row, unit) for row in rows], 1
    x, first, last = gutter
    if _is_label_column(rows[first : last + 1], x, unit):
        return [_line(row, unit) for row in rows], 1
    lines = [_line(row, unit) for row in rows[:first]]
    left = [w for row in rows[first : last + 1] for w in row if (w.x0 + w.x1) / 2 < x]
    right = [w for row in rows[first : last + 1] for w in row if (w.x0 + w.x1) / 2 >= x]
    left_lines, left_columns = _order(_rows(left), page_width, unit, depth + 1)
    right_lines, right_columns = _order(_rows(right), page_width, unit, depth + 1)
    rest_lines, rest_columns = _order(rows[last + 1 :], page_width, unit, depth + 1)
    lines += left_lines + right_lines + rest_lines
    return lines, max(left_columns + right_columns, rest_columns)
