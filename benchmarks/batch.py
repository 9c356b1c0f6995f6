"""Batch throughput: N resumes made from the examples, matched with 1 and with 2 workers.

Usage: ``python benchmarks/batch.py [--count 1000]``. The resumes are written to a temporary
folder (never to git) and removed afterwards. Both runs happen in this one process's session, on
the same files, so the ratio between them is the figure to read; absolute rates vary by machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from rolematch._batch import run_batch  # noqa: E402
from variants import make_variants  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rolematch-batch-") as folder:
        inputs = Path(folder) / "resumes"
        started = time.perf_counter()
        make_variants(inputs, args.count)
        print(f"made {args.count} resumes in {time.perf_counter() - started:.1f}s (txt, md, json, docx, pdf)")
        rates = {}
        for workers in (1, 2):
            out = Path(folder) / f"out-{workers}.csv"
            summary = run_batch([inputs], out, workers=workers, as_of=date(2026, 11, 21))
            rates[workers] = summary.rate
            print(
                f"workers={workers}: {summary.total} inputs, {summary.matched} matched, {summary.failed} failed, "
                f"{summary.duplicates} duplicates in {summary.elapsed:.1f}s = {summary.rate:.1f} resumes/s"
            )
        print(f"speed-up with 2 workers: {rates[2] / rates[1]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
