"""Shared fixtures: paths to the shipped examples and the third-party corpus (never copied here)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CORPUS = ROOT.parent / "shared" / "corpus"
AS_OF = date(2026, 11, 21)


@pytest.fixture(scope="session")
def corpus_pdfs() -> Path:
    """The public PDF corpus, or a skip with the reason when it is absent."""
    folder = CORPUS / "pdfs"
    if not (folder / "template_single-column.pdf").exists():
        pytest.skip(f"the shared corpus is absent (expected at {folder}); corpus tests need it")
    return folder
