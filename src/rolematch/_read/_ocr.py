"""OCR: scanned pages and images to positioned words, read by Tesseract (the ``ocr`` extra).

The engine gives words with boxes and confidences; they become the same :class:`Word` boxes the
PDF readers produce, so the column and reading-order code of :mod:`._layout` and the furniture
code read a scan as they read a PDF page. Each word's box takes the height of its text line (a
PDF word's box is its font's, whatever its letters): a comma or an apostrophe then sits in its
row instead of starting one of its own.

Why Tesseract (through tesserocr, in process) and not RapidOCR: on the 21 scans rendered from the
examples it found every skill of the text versions and the same years on all (RapidOCR: 76.5% of
the skills, the same years on 16), at 1.0 s a page against 8.2, with word boxes and word
confidences of its own and a per-page time limit inside the engine; RapidOCR's Chinese-English
models give lines and run words together ("SeniorMachineLearningEngineer") at 150 dpi.
``benchmarks/ocr.py`` measures both; docs/readers.md has the table.

Words read with low confidence are marked in the text by a Unicode noncharacter (meant for such
internal use) after their last character, which also carries the confidence; :func:`unmark` takes
the marks out of the finished text and returns where those words are, so the parse can say when a
skill rests on them alone.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from pydantic import BaseModel, ConfigDict, Field

from .._limits import Limits
from ..errors import DocumentTooLargeError, ParseTimeoutError
from ._images import PageImage, prepare_for_ocr
from ._layout import Word

if TYPE_CHECKING:
    from PIL.Image import Image

    from ._pdf import PdfPage

__all__ = [
    "EXTRA_HINT",
    "LOW_CONFIDENCE_MEAN",
    "LOW_CONFIDENCE_WORD",
    "OcrEngine",
    "OcrInfo",
    "OcrUnavailableError",
    "OcrWord",
    "TesseractEngine",
    "ocr_engine",
    "ocr_pages",
    "ocr_unavailable",
    "unmark",
    "use_engine",
]

EXTRA_HINT = "pip install 'rolematch[ocr]'"
# Unicode noncharacters U+FDD0-U+FDED (meant for a program's internal use), one per two points of
# confidence below LOW_CONFIDENCE_WORD.
_FIRST_MARK = 0xFDD0
_MARK_STEPS = 30
_MARKS = re.compile("[\ufdd0-\ufdef]")
# A word below this confidence (0-100) is marked; a page or document whose mean word confidence is
# below LOW_CONFIDENCE_MEAN needs a person to check it. Clean scans of the examples read at 91-96,
# the turned and noisy ones at 88-94; a blurred phone photo falls into the 60s.
LOW_CONFIDENCE_WORD = 60.0
LOW_CONFIDENCE_MEAN = 80.0
# Words below this confidence that hold no letter or digit are specks of dirt read as punctuation.
_SPECK_CONFIDENCE = 50.0
# Tesseract's English model has no bullet: a round bullet comes out as one of these, alone at the
# start of its line; an en dash between dates often comes out as "=" or "~".
_BULLET_LOOKALIKES = {glyph: "•" for glyph in "•·¢©®@*«»e€&+"} | {"o": "◦", "◦": "◦", "°": "◦"}
_DASH_LOOKALIKES = frozenset("=~—–")
# A capital I read as a small l in a short all-capital word: "Al" for AI, "Cl/CD" for CI/CD.
_ACRONYM_WITH_L = re.compile(r"\b[A-Z][A-Z]{0,2}l[A-Zl]{0,2}\b")
_TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/usr/local/share/tesseract-ocr/tessdata",
    "/opt/homebrew/share/tessdata",
    "/opt/local/share/tessdata",
)


class OcrUnavailableError(Exception):
    """No OCR engine can run here; the message says what to install."""


class OcrWord(NamedTuple):
    """A word an engine read: its box in the image's pixels (top-down), its text and confidence (0-100)."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    confidence: float
    first_in_line: bool = False


class OcrEngine(Protocol):
    """Reads the words of one grey page image."""

    name: str

    def words(self, image: Image, dpi: float, timeout: float) -> tuple[list[OcrWord], bool]:
        """The words of ``image`` (at ``dpi``) and whether the engine finished within ``timeout`` seconds."""
        ...


class OcrInfo(BaseModel):
    """How OCR read a document (or why it could not): the facts behind the ``ocr_used`` warnings."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)  # built when first used (start-up)

    engine: str | None = Field(description="The engine and its version; None when none could run.")
    pages: list[int] = Field(default_factory=list, description="The pages read through OCR (from 1).")
    words: int = 0
    mean_confidence: float | None = Field(default=None, description="Mean word confidence, 0-100.")
    skew: list[float] = Field(default_factory=list, description="Degrees each OCR-ed page was turned straight by.")
    low_confidence: list[tuple[int, int, float]] = Field(
        default_factory=list,
        description="Words read with a confidence below LOW_CONFIDENCE_WORD: (start, end, confidence) in the text.",
    )
    unread_pages: list[int] = Field(
        default_factory=list, description="Pages that are scans and were not read, for want of an engine."
    )
    unavailable: str | None = Field(default=None, description="Why no engine could run, and what to install.")


# ---------------------------------------------------------------------------- the engine


def _tessdata() -> str:
    """The folder holding Tesseract's English model, or OcrUnavailableError saying how to get it."""
    candidates = [os.environ.get("TESSDATA_PREFIX", ""), *_TESSDATA_DIRS]
    for folder in candidates:
        if not folder:
            continue
        for where in (Path(folder), Path(folder) / "tessdata"):
            if (where / "eng.traineddata").is_file():
                return str(where)
    raise OcrUnavailableError(
        "Tesseract's English model (eng.traineddata) is not installed: apt-get install tesseract-ocr-eng "
        "(brew install tesseract), or set TESSDATA_PREFIX to the folder that holds it"
    )


class TesseractEngine:
    """Tesseract 5 (LSTM) through tesserocr, in process: one engine per thread, loaded once."""

    def __init__(self) -> None:
        try:
            import tesserocr
        except ImportError:
            raise OcrUnavailableError(f"the ocr extra is not installed: {EXTRA_HINT}") from None
        self._tesserocr: Any = tesserocr
        self._path = _tessdata()
        banner = tesserocr.tesseract_version().split()
        self.name = f"tesseract {banner[1]}" if len(banner) > 1 else "tesseract"
        self._local = threading.local()
        try:
            self._api()  # loads the model now, so that a broken install says so here
        except RuntimeError as error:
            raise OcrUnavailableError(f"Tesseract cannot load its English model from {self._path}: {error}") from None

    def _api(self) -> Any:
        # An API object is not thread-safe; a forked reader child gets its own copy in memory.
        api = getattr(self._local, "api", None)
        if api is None:
            tesserocr = self._tesserocr
            api = tesserocr.PyTessBaseAPI(
                path=self._path, lang="eng", psm=tesserocr.PSM.AUTO, oem=tesserocr.OEM.LSTM_ONLY
            )
            self._local.api = api
        return api

    def words(self, image: Image, dpi: float, timeout: float) -> tuple[list[OcrWord], bool]:
        """Words with their text lines' heights, and whether Tesseract finished within ``timeout``."""
        tesserocr = self._tesserocr
        api = self._api()
        api.SetImage(image)
        api.SetSourceResolution(round(dpi))
        finished = bool(api.Recognize(timeout=max(1, round(timeout * 1000))))
        words: list[OcrWord] = []
        iterator = api.GetIterator()
        word_level, line_level = tesserocr.RIL.WORD, tesserocr.RIL.TEXTLINE
        line_box: tuple[int, int, int, int] | None = None
        if iterator is not None:
            for item in tesserocr.iterate_level(iterator, word_level):
                first = bool(item.IsAtBeginningOf(line_level))
                if first or line_box is None:
                    line_box = item.BoundingBox(line_level)
                try:
                    text = item.GetUTF8Text(word_level)
                except RuntimeError:  # tesserocr's "No text returned": a blob that is no word
                    continue
                box = item.BoundingBox(word_level)
                if not text or not text.strip() or box is None:
                    continue
                top, bottom = (line_box[1], line_box[3]) if line_box else (box[1], box[3])
                confidence = float(item.Confidence(word_level))
                words.append(OcrWord(box[0], min(top, box[1]), box[2], max(bottom, box[3]), text.strip(), confidence,
                                     first))  # fmt: skip
        api.Clear()
        return words, finished


_engine_lock = threading.Lock()
_engine: OcrEngine | None = None
_engine_pid = 0
_override: Callable[[], OcrEngine] | None = None


def ocr_engine() -> OcrEngine:
    """The OCR engine of this process (Tesseract), loaded on first use; OcrUnavailableError if none can run."""
    global _engine, _engine_pid
    if _override is not None:
        return _override()
    with _engine_lock:
        if _engine is None or _engine_pid != os.getpid():
            _engine, _engine_pid = TesseractEngine(), os.getpid()
        return _engine


def ocr_unavailable() -> str | None:
    """Why no OCR engine can run here (what to install), or None when one can."""
    try:
        ocr_engine()
    except OcrUnavailableError as error:
        return str(error)
    return None


def use_engine(factory: Callable[[], OcrEngine] | None) -> None:
    """Read with the engine ``factory`` makes instead of Tesseract (benchmarks and tests); None restores it."""
    global _override
    _override = factory


# ---------------------------------------------------------------------------- pages


class OcrPages(NamedTuple):
    """Pages read through OCR, as a PDF reader gives them, and the figures for :class:`OcrInfo`."""

    pages: list[PdfPage]
    confidences: list[list[float]]  # each page's words'
    skew: list[float]
    engine: str

    def only(self, keep: Sequence[int]) -> OcrPages:
        """These figures for the pages at positions ``keep`` only."""
        pages, confidences = [self.pages[i] for i in keep], [self.confidences[i] for i in keep]
        return OcrPages(pages, confidences, [self.skew[i] for i in keep], self.engine)


def ocr_pages(
    images: Sequence[Callable[[], PageImage]],
    limits: Limits,
    *,
    numbers: Sequence[int] | None = None,
    engine: OcrEngine | None = None,
) -> OcrPages:
    """Each page image (made on demand, so one page at a time is in memory) read into words.

    ``numbers`` are the pages' numbers in the document, for messages. Word boxes are in points
    (1/72 inch) of the straightened page. Raises ``ParseTimeoutError`` when a page takes longer
    than ``limits.ocr_page_seconds`` (rendering and clean-up included), ``DocumentTooLargeError``
    beyond ``limits.max_ocr_pages`` pages, and ``OcrUnavailableError`` when no engine can run.
    """
    from ._pdf import PdfPage

    if len(images) > limits.max_ocr_pages:
        raise DocumentTooLargeError(
            f"{len(images)} pages need OCR; the limit is {limits.max_ocr_pages} (Limits.max_ocr_pages)"
        )
    engine = engine or ocr_engine()
    pages: list[PdfPage] = []
    confidences: list[list[float]] = []
    skews: list[float] = []
    for number, make in zip(numbers or range(1, len(images) + 1), images, strict=True):
        start = time.monotonic()
        image, dpi, skew = prepare_for_ocr(make(), limits)
        remaining = limits.ocr_page_seconds - (time.monotonic() - start)
        found, finished = engine.words(image, dpi, remaining) if remaining > 0 else ([], False)
        if not finished or time.monotonic() - start > limits.ocr_page_seconds:
            raise ParseTimeoutError(
                f"OCR of page {number} took longer than {limits.ocr_page_seconds:g} s and was stopped "
                "(Limits.ocr_page_seconds)"
            )
        words, kept = _page_words(found, 72.0 / dpi)
        pages.append(PdfPage(image.width * 72.0 / dpi, words, image.height * 72.0 / dpi))
        confidences.append(kept)
        skews.append(skew)
    return OcrPages(pages, confidences, skews, engine.name)


def _capital_i(match: re.Match[str]) -> str:
    return match.group().replace("l", "I")


def _normalised(word: OcrWord) -> str | None:
    """What a word of one glyph that OCR misreads stands for: a bullet at a line's start, a dash
    between words; None for anything else."""
    text = word.text
    if word.first_in_line and len(text) <= 2 and all(glyph in _BULLET_LOOKALIKES for glyph in text):
        return _BULLET_LOOKALIKES[text[0]]
    return "–" if len(text) == 1 and not word.first_in_line and text in _DASH_LOOKALIKES else None


def _page_words(found: Sequence[OcrWord], scale: float) -> tuple[list[Word], list[float]]:
    """The engine's words as layout words in points, low-confidence ones marked, specks dropped."""
    words, confidences = [], []
    for word in found:
        normal = _normalised(word)
        readable = normal is not None or any(ch.isalnum() for ch in word.text)
        if not readable and word.confidence < _SPECK_CONFIDENCE:
            continue
        if normal is not None:
            # The glyph is known from where it stands, however unsure the engine was of its shape.
            words.append(Word(x0=word.x0 * scale, x1=word.x1 * scale, top=word.top * scale,
                              bottom=word.bottom * scale, text=normal))  # fmt: skip
            continue
        text = _ACRONYM_WITH_L.sub(_capital_i, _MARKS.sub("", word.text))
        if readable and word.confidence < LOW_CONFIDENCE_WORD:
            text += _mark(word.confidence)
        words.append(Word(x0=word.x0 * scale, x1=word.x1 * scale, top=word.top * scale,
                          bottom=word.bottom * scale, text=text))  # fmt: skip
        confidences.append(word.confidence)
    return words, confidences


def ocr_info(read: OcrPages, pages: list[int]) -> OcrInfo:
    """The figures of an OCR read, before the finished text places its low-confidence words."""
    every = [confidence for page in read.confidences for confidence in page]
    mean = round(sum(every) / len(every), 1) if every else None
    return OcrInfo(engine=read.engine, pages=pages, words=len(every), mean_confidence=mean, skew=read.skew)


def _mark(confidence: float) -> str:
    """The mark after a low-confidence word: one of 30 noncharacters, so that it carries the confidence."""
    return chr(_FIRST_MARK + max(0, min(_MARK_STEPS - 1, int(confidence) // 2)))


def unmark(text: str) -> tuple[str, list[tuple[int, int, float]]]:
    """``text`` without low-confidence marks, and the (start, end, confidence) of each marked word.

    A marked word runs back from its mark to the white space before it; its confidence is read
    from the mark to within two points.
    """
    if not _MARKS.search(text):
        return text, []
    pieces: list[str] = []
    spans: list[tuple[int, int, float]] = []
    length = word_start = position = 0
    for match in _MARKS.finditer(text):
        piece = text[position : match.start()]
        cut = max(piece.rfind(" "), piece.rfind("\t"), piece.rfind("\n"))
        if cut >= 0:
            word_start = length + cut + 1
        pieces.append(piece)
        length += len(piece)
        if word_start < length:
            spans.append((word_start, length, float((ord(match.group()) - _FIRST_MARK) * 2 + 1)))
        word_start, position = length, match.end()
    pieces.append(text[position:])
    return "".join(pieces), spans
