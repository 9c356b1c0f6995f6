"""PDF reader timings on ../shared/corpus/pdfs: ms per page for each reader, side by side.

Run: .venv/bin/python benchmarks/readers.py [--repeat N]
Each reader reads every corpus PDF N times in the same run; medians are printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from rolematch._read import PDF_READERS, read_document

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "pdfs"


def _time(function: object, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()  # type: ignore[operator]
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    files = sorted(CORPUS.glob("*.pdf"))
    if not files:
        print(f"skipped: the shared corpus is absent (expected PDFs in {CORPUS})")
        return 0
    import pdfplumber

    def plumber_extract_text(data: bytes) -> None:
        import io

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page.extract_text()

    print(f"{'file':38} {'pdfium ms/page':>15} {'pdfplumber ms/page':>19} {'plumber extract_text':>21}")
    totals = {"pdfium": 0.0, "pdfplumber": 0.0, "extract_text": 0.0}
    pages_total = 0
    for path in files:
        data = path.read_bytes()
        pages = read_document(data).pages or 1
        pages_total += pages
        row = {}
        for name in ("pdfium", "pdfplumber"):
            row[name] = _time(lambda name=name, data=data: read_document(data, pdf_reader=name), args.repeat) / pages
            totals[name] += row[name] * pages
        row["extract_text"] = _time(lambda data=data: plumber_extract_text(data), args.repeat) / pages
        totals["extract_text"] += row["extract_text"] * pages
        print(
            f"{path.name:38} {row['pdfium'] * 1000:15.1f} {row['pdfplumber'] * 1000:19.1f} "
            f"{row['extract_text'] * 1000:21.1f}"
        )
    mean = {k: v / pages_total * 1000 for k, v in totals.items()}
    print(
        f"{'all (' + str(pages_total) + ' pages)':38} {mean['pdfium']:15.1f} {mean['pdfplumber']:19.1f} "
        f"{mean['extract_text']:21.1f}"
    )
    print(f"pdfium is {mean['pdfplumber'] / mean['pdfium']:.1f}x faster than pdfplumber (both with column layout)")
    print(f"pdfium is {mean['extract_text'] / mean['pdfium']:.1f}x faster than pdfplumber's plain extract_text")
    print(f"readers: {', '.join(PDF_READERS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
