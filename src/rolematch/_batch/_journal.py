"""The rows a batch keeps on disk, and the private files it writes.

``OUT.partial.jsonl``, the journal, gets one JSON row per line as inputs are decided: written with
a single ``write`` and flushed, so a killed run leaves at most a torn last line, which a resumed
run cuts off. ``OUT.rows.jsonl``, the record, holds every row of the last finished run (in input
order), so that a later ``resume=True`` reuses the rows of unchanged inputs instead of redoing
them: the CSV and HTML outputs cannot be read back, and the JSONL output is ranked and may be
blinded. Rows are found in either by content hash.

A row of a decided input carries its audit entry (``audit``, the exact line). The parent writes
the row to the journal, then the entry to the audit log; a run killed between the two leaves a
last row whose entry is missing, which :func:`ensure_logged` adds when the run is resumed. So each
decided input has exactly one entry, however the run ends.

Every file here names people (file names, reports, ids): each is created with mode 0600 from the
start (``os.open`` with the mode, or ``mkstemp``), never opened up and then narrowed. A file that
already exists and is appended to keeps its mode.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, Literal

__all__ = [
    "JOURNAL_SUFFIX",
    "RECORD_SUFFIX",
    "ensure_logged",
    "full_rows",
    "light",
    "open_private_append",
    "read_rows",
    "write_private",
    "write_record",
]

JOURNAL_SUFFIX = ".partial.jsonl"
RECORD_SUFFIX = ".rows.jsonl"

Store = Literal["journal", "record"]

_OUTPUT_KEYS = ("file", "sha256", "status", "duplicate_of", "error")
_AUDIT_TAIL = 1 << 20  # how much of the audit log's end is searched for a row's entry


def open_private_append(path: Path) -> BinaryIO:
    """``path`` opened for appending bytes; created with mode 0600 if it does not exist."""
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600)
    return os.fdopen(descriptor, "ab")


def write_private(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write ``path`` through ``write`` into a temporary file (mode 0600) moved over it in one step.

    Readers see the old file or the new one, never half of one, and the new one is never more open
    than 0600, whatever mode an older file of that name had.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def light(row: dict[str, Any], offset: int | None, store: Store | None) -> dict[str, Any]:
    """What ranking needs of a row; the full row stays in ``store`` at ``offset``."""
    kept = {k: row.get(k) for k in ("file", "sha256", "status", "error", "duplicate_of", "settings")}
    kept["score"] = row["report"]["score"] if row.get("report") else None
    kept["offset"] = offset
    kept["store"] = store
    return kept


def read_rows(path: Path, store: Store, *, repair: bool) -> tuple[dict[str, dict[str, Any]], str | None]:
    """Light rows of ``path`` by content hash, and the audit entry of its last row (if it has one).

    A torn last line (a run killed while writing it) is left out; with ``repair`` it is also cut
    off the file, so that appends start on a clean line.
    """
    rows: dict[str, dict[str, Any]] = {}
    last_audit: str | None = None
    if not path.exists():
        return rows, None
    data = path.read_bytes()
    good_end = 0
    for line in data.split(b"\n"):
        end = good_end + len(line) + 1
        if end > len(data):
            break  # the last piece has no newline: the run was killed while writing it
        try:
            row = json.loads(line)
        except ValueError:
            break
        if isinstance(row, dict):
            last_audit = row.get("audit") if isinstance(row.get("audit"), str) else None
            if row.get("sha256"):
                rows[row["sha256"]] = light(row, good_end, store)
        good_end = end
    if repair and good_end != len(data):
        with path.open("r+b") as handle:
            handle.truncate(good_end)
    return rows, last_audit


def ensure_logged(audit_path: Path, lines: str) -> bool:
    """Append ``lines`` (a journalled row's audit entry) to the audit log unless its end holds them.

    Only the last row of a journal can lack its entry (rows and entries are written in turn, by
    one process), so looking at the end of the log is enough. True when the entry was added.
    """
    try:
        with audit_path.open("rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            handle.seek(max(0, size - _AUDIT_TAIL))
            tail = handle.read()
    except FileNotFoundError:
        tail = b""
    if lines.encode("utf-8") in tail:
        return False
    from .._audit import AuditLog

    AuditLog(path=audit_path).write(lines)
    return True


class _Stores:
    """The journal and the record, opened when first read from."""

    def __init__(self, paths: dict[Store, Path]) -> None:
        self.paths = paths
        self.handles: dict[Store, BinaryIO] = {}
        self.stack = contextlib.ExitStack()

    def __enter__(self) -> _Stores:
        return self

    def __exit__(self, *_: object) -> None:
        self.stack.close()

    def line(self, row: dict[str, Any]) -> bytes:
        store: Store = row["store"]
        if store not in self.handles:
            self.handles[store] = self.stack.enter_context(self.paths[store].open("rb"))
        handle = self.handles[store]
        handle.seek(row["offset"])
        return handle.readline()


def write_record(record: Path, journal: Path, rows: list[dict[str, Any]]) -> None:
    """Write every stored row of ``rows`` (from the journal or the old record) as the new record.

    Each row's ``offset`` and ``store`` are then updated to point into the new record.
    """
    moved: list[tuple[dict[str, Any], int]] = []

    def write(stream: BinaryIO) -> None:
        with _Stores({"journal": journal, "record": record}) as stores:
            for row in rows:
                if row.get("offset") is None:
                    continue  # duplicates and errors known before reading: redone in no time
                moved.append((row, stream.tell()))
                stream.write(stores.line(row))

    write_private(record, write)
    for row, offset in moved:
        row["offset"], row["store"] = offset, "record"


def full_rows(record: Path, ranked: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Ranked rows with their full reports read back from the record, one at a time."""
    with record.open("rb") as handle:
        for kept in ranked:
            row: dict[str, Any] = {k: kept[k] for k in _OUTPUT_KEYS if kept.get(k)}
            if kept.get("offset") is not None:
                handle.seek(kept["offset"])
                stored = json.loads(handle.readline())
                stored.pop("audit", None)  # for the audit log; outputs are as they were without it
                row = {**stored, "file": kept["file"]}
            row["rank"] = kept.get("rank")
            yield row
