"""Words with boxes from a PDFium text page, with as few Python-level steps per word as PDFium allows.

A word's box is the union of the loose boxes of its first and last characters (what the layout
has always used; a change would move the reading order of some pages). PDFium has no call that
returns many loose boxes at once, so the boxes are still looked up one character at a time, but
the calls are driven by ``map`` straight into one ctypes array, through pointer objects made once
(ctypes converts nothing per call), and the words' spans and coordinates are worked out for the
whole page at once with numpy: about half the time of a Python loop with a call, a tuple
and a ``Word`` per word.
"""

from __future__ import annotations

import ctypes
import re
import threading
from collections.abc import Callable
from itertools import repeat
from typing import Any

import numpy as np

from ._layout import Word, make_words

__all__ = ["pdfium_words", "word_spans"]

# A word: a run of non-space characters, ended early by a hyphen mark (PDFium's U+FFFE / U+0002
# where the layout broke a word), which stays with the part before it; a mark alone is a word.
# (Written without the alternation "X*M|X+", which matched the same spans backtracking.)
_PDF_WORD = re.compile("[^\\s\ufffe\x02]+[\ufffe\x02]?|[\ufffe\x02]")
_SPAN = re.Match.span
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_LAST_SPACE = 0x3000  # no code point past U+3000 is a space (IDEOGRAPHIC SPACE is the last)

_RECT = 16  # bytes of an FS_RECTF: left, top, right, bottom as C floats
_loose_box: list[Callable[[Any, int, Any], int]] = []


def word_spans(text: str) -> list[tuple[int, int]]:
    """Where the words of a PDFium text range are: runs of non-space characters, cut after a hyphen mark."""
    return list(map(_SPAN, _PDF_WORD.finditer(text)))


def pdfium_words(textpage: Any, page_height: float, pdfium_c: Any) -> list[Word]:
    """The words of a PDFium text page (pypdfium2 ``PdfTextPage``) in text order, boxes top-down."""
    text: str = textpage.get_text_range()
    starts, ends = _word_bounds(text)
    if not len(starts):
        return []
    # PDFium counts a character outside the Basic Multilingual Plane as two (UTF-16 units).
    char_index: np.ndarray | None = None
    if _ASTRAL.search(text):
        wide = np.fromiter(map(ord, text), dtype=np.int64, count=len(text)) > 0xFFFF
        char_index = np.arange(len(text)) + np.cumsum(wide) - wide
    boxes = _bulk_boxes(textpage, starts, ends, char_index, pdfium_c)
    if boxes is None:
        spans = list(zip(starts.tolist(), ends.tolist(), strict=True))
        index = None if char_index is None else char_index.tolist()
        return _words_one_by_one(textpage, text, spans, index, page_height, pdfium_c)
    first, last = boxes
    # min()/max() of two floats as Python computes them (the second only when strictly lower /
    # higher), so that even a NaN from a broken font gives the words it always gave.
    x0 = np.where(last[:, 0] < first[:, 0], last[:, 0], first[:, 0])
    x1 = np.where(last[:, 2] > first[:, 2], last[:, 2], first[:, 2])
    top = page_height - np.where(last[:, 1] > first[:, 1], last[:, 1], first[:, 1])
    bottom = page_height - np.where(last[:, 3] < first[:, 3], last[:, 3], first[:, 3])
    texts = list(map(text.__getitem__, map(slice, starts.tolist(), ends.tolist())))
    return make_words(x0.tolist(), x1.tolist(), top.tolist(), bottom.tolist(), texts)


def _word_bounds(text: str) -> tuple[np.ndarray, np.ndarray]:
    """The spans of :func:`word_spans` as arrays of starts and ends, found for the whole page at
    once over the characters' code points instead of one regular-expression match per word."""
    if not text:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    table = _space_table()
    space = table[np.minimum(codes, len(table) - 1)]  # the table's last entry (past U+3000) is False
    mark = (codes == 0xFFFE) | (codes == 0x02)
    plain = ~(space | mark)
    # A word starts at a non-space after anything but a plain character (a mark after one stays
    # with its word), and ends after a mark or after a plain character before a space or the end.
    after_plain = np.zeros_like(plain)
    after_plain[1:] = plain[:-1]
    before_space = np.ones_like(space)
    before_space[:-1] = space[1:]
    starts = np.flatnonzero(~space & ~after_plain)
    ends = np.flatnonzero(mark | (plain & before_space)) + 1
    return starts, ends


_SPACE_TABLE: list[np.ndarray] = []


def _space_table() -> np.ndarray:
    """Whether each code point up to U+3000 (the last one) is ``\\s`` to :data:`_PDF_WORD`, and one
    False entry past them; made on first use. ``\\s`` is ``str.isspace``, which ``str.split`` splits
    at: the pieces of all code points in order are the runs between spaces (0.4 ms once,
    not 1-2 ms for asking each code point)."""
    if not _SPACE_TABLE:
        everything = np.arange(_LAST_SPACE + 1, dtype=np.uint32).tobytes().decode("utf-32-le")
        table = np.ones(_LAST_SPACE + 2, dtype=bool)
        table[-1] = False
        for piece in everything.split():
            table[ord(piece[0]) : ord(piece[-1]) + 1] = False
        _SPACE_TABLE.append(table)
    return _SPACE_TABLE[0]


def _loose_box_function(pdfium_c: Any) -> Callable[[Any, int, Any], int]:
    """FPDFText_GetLooseCharBox(text_page, index, FS_RECTF*) without argument types: called with
    ``c_void_p`` objects for the pointers and a plain int for the index, ctypes passes them as
    they are. pypdfium2's prototype checks and converts a typed pointer on every call, and even
    ``c_void_p`` argument types make a new object from each int: two to three times the call."""
    if not _loose_box:
        original = pdfium_c.FPDFText_GetLooseCharBox
        # The same function pointer class (so the same calling convention) at the same address.
        function = type(original)(ctypes.cast(original, ctypes.c_void_p).value or 0)
        function.argtypes = None
        function.restype = ctypes.c_int
        _loose_box.append(function)
    return _loose_box[0]


class _RectPool:
    """One buffer of FS_RECTF boxes for every page, with a ``c_void_p`` made once for each slot.

    Pages are read one at a time (PDFium is not thread-safe; :mod:`._pdf` holds a lock around it),
    and this pool has its own lock too, so that no two callers share its slots.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.buffer: ctypes.Array[ctypes.c_float] = (ctypes.c_float * 0)()
        self.slots: list[ctypes.c_void_p] = []

    def reserve(self, size: int) -> None:
        """At least ``size`` slots (call with the lock held)."""
        if size > len(self.slots):
            size = max(size, 2 * len(self.slots), 1024)
            self.buffer = (ctypes.c_float * (4 * size))()
            base = ctypes.addressof(self.buffer)
            self.slots = list(map(ctypes.c_void_p, range(base, base + _RECT * size, _RECT)))


_POOL = _RectPool()


def _bulk_boxes(
    textpage: Any, starts: np.ndarray, ends: np.ndarray, char_index: np.ndarray | None, pdfium_c: Any
) -> tuple[np.ndarray, np.ndarray] | None:
    """The loose boxes (left, top, right, bottom) of each word's first and last characters, or
    None when PDFium refuses a character (the one-by-one path then gives the words as it always did)."""
    count = len(starts)
    # A one-character word's last character is its first: one lookup serves both.
    multi = ends - 1 > starts
    positions = np.concatenate([starts, (ends - 1)[multi]])
    lookups = (positions if char_index is None else char_index[positions]).tolist()
    size = len(lookups)
    page = ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)  # NULL: every lookup fails
    function = _loose_box_function(pdfium_c)
    with _POOL.lock:
        _POOL.reserve(size)
        # map stops at the end of the lookups; all() at the first refused one.
        if not all(map(function, repeat(page, size), lookups, _POOL.slots)):
            return None
        boxes = np.frombuffer(memoryview(_POOL.buffer), dtype=np.float32, count=4 * size).reshape(size, 4)
        boxes = boxes.astype(np.float64)
    last_rows = np.arange(count)
    last_rows[multi] = np.arange(count, size)
    return boxes[:count], boxes[last_rows]


def _words_one_by_one(
    textpage: Any,
    text: str,
    spans: list[tuple[int, int]],
    char_index: list[int] | None,
    page_height: float,
    pdfium_c: Any,
) -> list[Word]:
    """One box lookup per word end through pypdfium2's prototype; a refused lookup leaves the
    previous character's box in place, as this reader always did."""
    raw = textpage.raw
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)

    def box(i: int) -> tuple[float, float, float, float]:
        get_box(raw, char_index[i] if char_index is not None else i, rect_ref)
        return rect.left, rect.right, rect.top, rect.bottom

    words = []
    for start, end in spans:
        l0, r0, t0, b0 = box(start)
        l1, r1, t1, b1 = box(end - 1) if end - 1 > start else (l0, r0, t0, b0)
        words.append(
            Word(
                x0=min(l0, l1),
                x1=max(r0, r1),
                top=page_height - max(t0, t1),
                bottom=page_height - min(b0, b1),
                text=text[start:end],
            )
        )
    return words
