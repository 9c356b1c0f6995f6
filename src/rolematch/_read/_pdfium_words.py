"""Words with boxes from a PDFium text page, with as few Python-level steps per word as PDFium allows.

A word's box is the union of the loose boxes of its first and last characters (what the layout
has always used; a change would move the reading order of some pages). PDFium has no call that
returns many loose boxes at once, so the boxes are still looked up one character at a time, but
the calls are driven by ``map`` straight into one ctypes array, and the words' coordinates are
worked out for the whole page at once with numpy: about half the time of a Python loop
with a call, a tuple and a ``Word`` per word.
"""

from __future__ import annotations

import ctypes
import re
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

_RECT = 16  # bytes of an FS_RECTF: left, top, right, bottom as C floats
_loose_box: list[Callable[[int, int, int], int]] = []


def word_spans(text: str) -> list[tuple[int, int]]:
    """Where the words of a PDFium text range are: runs of non-space characters, cut after a hyphen mark."""
    return list(map(_SPAN, _PDF_WORD.finditer(text)))


def pdfium_words(textpage: Any, page_height: float, pdfium_c: Any) -> list[Word]:
    """The words of a PDFium text page (pypdfium2 ``PdfTextPage``) in text order, boxes top-down."""
    text: str = textpage.get_text_range()
    spans = word_spans(text)
    if not spans:
        return []
    # PDFium counts a character outside the Basic Multilingual Plane as two (UTF-16 units).
    char_index: list[int] | None = None
    if _ASTRAL.search(text):
        char_index = []
        position = 0
        for ch in text:
            char_index.append(position)
            position += 2 if ord(ch) > 0xFFFF else 1
    boxes = _bulk_boxes(textpage, spans, char_index, pdfium_c)
    if boxes is None:
        return _words_one_by_one(textpage, text, spans, char_index, page_height, pdfium_c)
    first, last = boxes
    # min()/max() of two floats as Python computes them (the second only when strictly lower /
    # higher), so that even a NaN from a broken font gives the words it always gave.
    x0 = np.where(last[:, 0] < first[:, 0], last[:, 0], first[:, 0])
    x1 = np.where(last[:, 2] > first[:, 2], last[:, 2], first[:, 2])
    top = page_height - np.where(last[:, 1] > first[:, 1], last[:, 1], first[:, 1])
    bottom = page_height - np.where(last[:, 3] < first[:, 3], last[:, 3], first[:, 3])
    texts = [text[start:end] for start, end in spans]
    return make_words(x0.tolist(), x1.tolist(), top.tolist(), bottom.tolist(), texts)


def _loose_box_function(pdfium_c: Any) -> Callable[[int, int, int], int]:
    """FPDFText_GetLooseCharBox(text_page, index, FS_RECTF*) taking plain addresses: pypdfium2's
    prototype checks and converts a typed pointer on every call, which costs as much as the call."""
    if not _loose_box:
        original = pdfium_c.FPDFText_GetLooseCharBox
        # The same function pointer class (so the same calling convention) at the same address.
        function = type(original)(ctypes.cast(original, ctypes.c_void_p).value or 0)
        function.argtypes = (ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)
        function.restype = ctypes.c_int
        _loose_box.append(function)
    return _loose_box[0]


def _bulk_boxes(
    textpage: Any, spans: list[tuple[int, int]], char_index: list[int] | None, pdfium_c: Any
) -> tuple[np.ndarray, np.ndarray] | None:
    """The loose boxes (left, top, right, bottom) of each word's first and last characters, or
    None when PDFium refuses a character (the one-by-one path then gives the words as it always did)."""
    count = len(spans)
    firsts = [start for start, _ in spans]
    # A one-character word's last character is its first: one lookup serves both.
    multi = [end - 1 for start, end in spans if end - 1 > start]
    lookups = firsts + multi
    if char_index is not None:
        lookups = [char_index[i] for i in lookups]
    size = len(lookups)
    buffer = (ctypes.c_float * (4 * size))()
    base = ctypes.addressof(buffer)
    page = ctypes.cast(textpage.raw, ctypes.c_void_p).value or 0  # NULL: every lookup fails
    addresses = range(base, base + _RECT * size, _RECT)
    found = list(map(_loose_box_function(pdfium_c), repeat(page, size), lookups, addresses))
    if not all(found):
        return None
    boxes = np.frombuffer(memoryview(buffer), dtype=np.float32).reshape(size, 4).astype(np.float64)
    last_rows = np.arange(count)
    last_rows[[i for i, (start, end) in enumerate(spans) if end - 1 > start]] = np.arange(count, size)
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
