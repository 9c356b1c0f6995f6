"""Batch matching: folders of resumes to one ranked, resumable output (JSONL, CSV or HTML), here or on Dask."""

from __future__ import annotations

from ._engine import BatchInterrupted, BatchProgress, BatchSummary, run_batch
from ._inputs import expand_inputs
from ._outputs import CSV_COLUMNS, write_output

__all__ = [
    "CSV_COLUMNS",
    "BatchInterrupted",
    "BatchProgress",
    "BatchSummary",
    "expand_inputs",
    "run_batch",
    "write_output",
]
