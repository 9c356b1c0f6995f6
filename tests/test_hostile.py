"""Hostile and broken inputs: a typed error or a correct result, within time and memory limits."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

import rolematch
from conftest import AS_OF, EXAMPLES
from hostile import make_hostile
from rolematch import Isolation, RolematchError, parse_resume
from rolematch._batch import run_batch
from rolematch._isolation import close_readers
from rolematch._read._ocr import ocr_unavailable

EXPECTED = {
    "encrypted PDF, user password": "encrypted_document",
    "encrypted PDF, owner password only": "result",
    "truncated PDF": "corrupt_document",
    "zero-byte file": "empty_document",
    "random bytes named .pdf": "unsupported_format",
    "image-only PDF (no text layer)": "no_text_layer",
    "1,000-page PDF": "document_too_large",
    "deeply nested PDF objects": "result",
    "PDF with JavaScript and an embedded file": "result",
    "DOCX zip bomb": "document_too_large",
    "DOCX with billion-laughs entities": "corrupt_document",
    "DOCX that is really a PDF": "result",
    "cp1252 text": "result",
    "mixed-encoding text": "result",
    "20 MB text file": "document_too_large",
    "one 5 MB line": "document_too_large",
    "NUL bytes in text": "unsupported_format",
    "right-to-left and zero-width characters": "result",
    "JSON Resume with wrong types and huge arrays": "result",
    "200-page scanned PDF": "document_too_large",
}
# Images are read through OCR only with the ocr extra; without it they are refused unread.
OCR = ocr_unavailable() is None
EXPECTED.update(
    {
        "PNG of 30,000 x 30,000 pixels": "document_too_large" if OCR else "unsupported_format",
        "truncated JPEG": "corrupt_document" if OCR else "unsupported_format",
        "200-page TIFF scan": "document_too_large" if OCR else "unsupported_format",
    }
)
# The bomb's outcome depends on how much memory the reader needs on this machine; either way it
# must be typed and bounded. A reader that survives it finds a blank page (no_text_layer); it has
# survived when OCR tests ran earlier in the same process (once in three such runs here).
BOUNDED = {"FlateDecode bomb (300 MB)": {"resource_limit_exceeded", "result", "corrupt_document", "no_text_layer"}}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_hostile(tmp_path_factory.mktemp("hostile"))


def _outcome(path: Path, isolation: Isolation | None) -> str:
    try:
        parse_resume(path, as_of=AS_OF, isolation=isolation)
    except RolematchError as error:
        return error.code
    return "result"


def test_the_corpus_has_every_kind(corpus: dict[str, Path]) -> None:
    assert set(corpus) == set(EXPECTED) | set(BOUNDED)
    assert len(corpus) >= 15


@pytest.mark.parametrize("kind", sorted([*EXPECTED, *BOUNDED]))
def test_isolated_parse_gives_a_typed_error_or_a_result(corpus: dict[str, Path], kind: str) -> None:
    isolation = Isolation(timeout=10, memory_mb=512, cpu_seconds=10)
    start = time.monotonic()
    outcome = _outcome(corpus[kind], isolation)
    assert time.monotonic() - start < isolation.timeout + 5
    close_readers()  # collect the reading child, so its peak memory is counted below
    assert outcome in BOUNDED.get(kind, {EXPECTED.get(kind)}), (kind, outcome)
    # The reading child's peak memory stays under its own limit plus what it inherited.
    children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    own_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert children_mb < own_mb + isolation.memory_mb + 64


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_readers_alone_fail_typed_too(corpus: dict[str, Path], kind: str) -> None:
    """Without isolation (the library's default) the same inputs give the same typed outcomes."""
    assert _outcome(corpus[kind], None) == EXPECTED[kind]


def test_a_slow_input_is_stopped_at_the_time_limit(corpus: dict[str, Path]) -> None:
    start = time.monotonic()
    with pytest.raises(rolematch.ParseTimeoutError, match=r"Isolation\.timeout"):
        parse_resume(EXAMPLES / "senior-ml-engineer.txt", isolation=Isolation(timeout=0.001))
    assert time.monotonic() - start < 5


def test_a_batch_of_hostile_files_loses_nothing_and_matches_the_good_one(
    corpus: dict[str, Path], tmp_path: Path
) -> None:
    good = tmp_path / "good"
    good.mkdir()
    (good / "senior.txt").write_bytes((EXAMPLES / "senior-ml-engineer.txt").read_bytes())
    inputs = [str(p) for p in corpus.values()] + [str(good / "senior.txt")]
    summary = run_batch(inputs, tmp_path / "out.jsonl", as_of=AS_OF, workers=2)
    assert summary.total == len(inputs)
    assert summary.matched + summary.failed + summary.duplicates == len(inputs)
    import json

    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["file"] for r in rows) == sorted(inputs)
    senior = next(r for r in rows if r["file"].endswith("senior.txt"))
    assert senior["status"] == "ok" and senior["report"]["level"] == "senior"
