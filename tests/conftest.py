"""Shared fixtures: paths to the shipped examples and the third-party corpus (never copied here)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

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


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m rolematch ARGS`` in a fresh process, as a user runs it, with a wide terminal."""
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "rolematch", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSON Lines file, blank lines skipped."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
