"""OCR engines side by side on scans rendered from the examples: seconds per page and accuracy.

    python benchmarks/ocr.py [--quick] [-v]

Every example is rendered at 300 and 150 dpi and as a turned (1.5 degrees), noisy 300 dpi JPEG
(tests/ocr_scans.py, into a temporary folder) and read through the same pipeline with each engine
that is installed: Tesseract (the ``ocr`` extra, rolematch's engine) and RapidOCR when
``rapidocr-onnxruntime`` is installed (it is not a dependency: ``pip install rapidocr-onnxruntime``
to compare). Accuracy is the share of the text version's skills that the scan's parse finds, and
whether the total years of experience are equal. Seconds per page are the engine's own (the
recognition), then the whole read and parse. ``--quick``: the 300 dpi scans only.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import rolematch  # noqa: E402
from ocr_scans import EXAMPLES, SOURCES, VARIANTS, make_scan  # noqa: E402
from rolematch._parse import parse_document  # noqa: E402
from rolematch._read import read_document  # noqa: E402
from rolematch._read._ocr import OcrEngine, OcrUnavailableError, OcrWord, TesseractEngine, use_engine  # noqa: E402

AS_OF = date(2026, 11, 21)
# RapidOCR has no time limit of its own and takes several seconds a page: no per-page budget here.
LIMITS = rolematch.Limits(ocr_page_seconds=600)


class RapidOcrEngine:
    """RapidOCR (PP-OCRv4 models inside the wheel, ONNX Runtime) behind rolematch's engine interface.

    It reads text lines; a line's box is split among its words in proportion to their characters,
    each word taking the line's score.
    """

    def __init__(self) -> None:
        try:
            from importlib.metadata import version

            from rapidocr_onnxruntime import RapidOCR
        except ImportError:
            raise OcrUnavailableError("rapidocr-onnxruntime is not installed") from None
        self._engine = RapidOCR()
        self.name = f"rapidocr-onnxruntime {version('rapidocr-onnxruntime')}"

    def words(self, image: Any, dpi: float, timeout: float) -> tuple[list[OcrWord], bool]:
        import numpy as np

        found, _ = self._engine(np.asarray(image.convert("RGB")))
        words = []
        for box, text, score in found or []:
            xs, ys = [point[0] for point in box], [point[1] for point in box]
            left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
            step = (right - left) / max(1, len(text))
            for index, match in enumerate(re.finditer(r"\S+", text)):
                words.append(
                    OcrWord(left + match.start() * step, top, left + match.end() * step, bottom, match.group(),
                            float(score) * 100, index == 0)
                )  # fmt: skip
        return words, True


class Timed:
    """An engine that adds up the time its inner engine spends recognising, and the pages."""

    def __init__(self, inner: OcrEngine) -> None:
        self.inner, self.name, self.seconds, self.pages = inner, inner.name, 0.0, 0

    def words(self, image: Any, dpi: float, timeout: float) -> tuple[list[OcrWord], bool]:
        start = time.perf_counter()
        try:
            return self.inner.words(image, dpi, timeout)
        finally:
            self.seconds += time.perf_counter() - start
            self.pages += 1


@dataclass
class Figures:
    """One engine's results over the scans."""

    engine: str
    unavailable: str | None = None
    pages: int = 0
    ocr_seconds: float = 0.0
    read_seconds: float = 0.0
    coverage: list[float] = field(default_factory=list)
    years_equal: int = 0
    confidence: list[float] = field(default_factory=list)
    rows: list[str] = field(default_factory=list)

    @property
    def scans(self) -> int:
        return len(self.coverage)


ENGINES: dict[str, Callable[[], OcrEngine]] = {"tesseract": TesseractEngine, "rapidocr": RapidOcrEngine}


def measure(quick: bool = False, engines: tuple[str, ...] = ("tesseract", "rapidocr")) -> list[Figures]:
    """Each engine's figures over the rendered scans (an engine that cannot run says why)."""
    variants = ("300dpi",) if quick else VARIANTS
    results = []
    with tempfile.TemporaryDirectory(prefix="rolematch-ocr-") as name:
        folder = Path(name)
        scans = [make_scan(EXAMPLES / source, variant, folder) for source in SOURCES for variant in variants]
        references = {source: rolematch.parse_resume(EXAMPLES / source, as_of=AS_OF) for source in SOURCES}
        for key in engines:
            try:
                timed = Timed(ENGINES[key]())
            except OcrUnavailableError as error:
                results.append(Figures(engine=key, unavailable=str(error)))
                continue
            use_engine(_always(timed))
            try:
                results.append(_run(timed, scans, references))
            finally:
                use_engine(None)
    return results


def _always(engine: OcrEngine) -> Callable[[], OcrEngine]:
    return lambda: engine


def _run(timed: Timed, scans: list[Any], references: dict[str, rolematch.Resume]) -> Figures:
    figures = Figures(engine=timed.name)
    timed.inner.words(_warm_page(), 300.0, 600.0)  # models loaded before the clock starts
    for scan in scans:
        reference = references[scan.source.name]
        wanted = {e.skill_id for e in reference.distinct_skills()}
        start = time.perf_counter()
        try:
            # parse_resume's own two steps, so that the OCR facts are at hand.
            document = read_document(scan.path, limits=LIMITS)
            resume = parse_document(document, as_of=AS_OF)
        except rolematch.RolematchError as error:
            figures.coverage.append(0.0)
            figures.rows.append(f"{scan.path.name}: {error}")
            continue
        figures.read_seconds += time.perf_counter() - start
        found = {e.skill_id for e in resume.distinct_skills()}
        coverage = len(found & wanted) / len(wanted) if wanted else 1.0
        same_years = resume.total_experience_years == reference.total_experience_years
        figures.coverage.append(coverage)
        figures.years_equal += same_years
        if document.ocr is not None and document.ocr.mean_confidence is not None:
            figures.confidence.append(document.ocr.mean_confidence)
        figures.rows.append(
            f"{scan.path.name}: skills {coverage:.0%}, years {resume.total_experience_years:g} "
            f"(text {reference.total_experience_years:g}), missing {sorted(wanted - found)}"
        )
    figures.pages, figures.ocr_seconds = timed.pages, timed.seconds
    return figures


def _warm_page() -> Any:
    from PIL import Image, ImageDraw

    image = Image.new("L", (600, 100), 255)
    ImageDraw.Draw(image).text((10, 40), "warm up", fill=0)
    return image


def table(results: list[Figures]) -> str:
    """The comparison as a Markdown table."""
    lines = [
        "| engine | scans | OCR s/page | read+parse s/page | skills found (mean, worst) | years equal "
        "| mean word confidence |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in results:
        if f.unavailable:
            lines.append(f"| {f.engine} | not run: {f.unavailable} | | | | | |")
            continue
        pages = max(1, f.pages)
        confidence = f"{statistics.mean(f.confidence):.1f}" if f.confidence else "-"
        lines.append(
            f"| {f.engine} | {f.scans} | {f.ocr_seconds / pages:.2f} | {f.read_seconds / pages:.2f} | "
            f"{statistics.mean(f.coverage):.1%}, {min(f.coverage):.0%} | {f.years_equal}/{f.scans} | {confidence} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="the 300 dpi scans only")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per scan")
    args = parser.parse_args()
    results = measure(args.quick)
    print(table(results))
    if args.verbose:
        for figures in results:
            for row in figures.rows:
                print(f"  {figures.engine}: {row}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
