"""The batch engine: many resumes, one role, every input ending as exactly one row.

Rows stream to a journal (``OUT.partial.jsonl``) as workers finish: one JSON object per line,
written with a single ``write`` and flushed, so a killed run leaves at most a torn last line,
which ``resume=True`` drops and redoes. Inputs are identified by the SHA-256 of their bytes, so a
renamed file is not matched twice and duplicate files are reported as duplicates. When every
input has a row, the ranked output is written to a temporary file and moved over ``OUT`` in one
step, and the journal is removed.

Workers are forked processes: the parent builds the spaCy pipeline, the skills registry and the
role once, the children inherit them, receive paths and send back small rows (the measured facts
found ``nlp.pipe(n_process=...)`` slower than one process because the parent rebuilds every Doc).
"""

from __future__ import annotations

import glob
import hashlib
import json
import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .._api import parse_resume
from .._audit import AuditLog
from .._isolation import Isolation
from .._match import DEFAULT_ROLE, Role, get_role
from .._pipeline import Decision, assessment_for, report_for, taxonomy_for
from .._skills import default_registry
from .._version import __version__
from ..errors import RolematchError, SourceNotFoundError

if TYPE_CHECKING:
    from .._job import JobPosting

__all__ = ["BatchProgress", "BatchSummary", "expand_inputs", "run_batch"]

OutputFormat = Literal["jsonl", "csv", "html"]


@dataclass(frozen=True)
class BatchProgress:
    """Where a batch run stands, passed to the progress callback after every row."""

    done: int
    total: int
    failed: int
    elapsed: float
    skipped: int = 0  # rows that needed no work (duplicates, rows resumed from an earlier run)

    @property
    def rate(self) -> float:
        """Resumes matched per second so far in this run."""
        return (self.done - self.skipped) / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left at the current rate, if known."""
        return (self.total - self.done) / self.rate if self.rate > 0 else None


@dataclass
class BatchSummary:
    """What a batch run did."""

    out: Path
    total: int
    matched: int
    failed: int
    duplicates: int
    resumed: int = field(default=0, metadata={"doc": "rows taken from an earlier, interrupted run"})
    failures: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0
    top: list[dict[str, Any]] = field(default_factory=list, repr=False)

    @property
    def rate(self) -> float:
        """Resumes per second processed in this run (resumed rows excluded)."""
        processed = self.total - self.resumed
        return processed / self.elapsed if self.elapsed > 0 else 0.0


def expand_inputs(inputs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files, folders (recursed) and glob patterns as a sorted list of files, each once.

    A name that is neither an existing path nor a pattern matching something is kept, so that it
    ends as an error row (source_not_found) rather than vanishing.
    """
    found: dict[str, Path] = {}
    for item in inputs:
        text = os.fspath(item)
        path = Path(text)
        if path.is_dir():
            candidates = [p for p in path.rglob("*") if p.is_file()]
        elif path.exists():
            candidates = [path]
        elif glob.has_magic(text):
            candidates = [Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file()]
        else:
            candidates = [path]
        for candidate in candidates:
            if any(part.startswith(".") for part in candidate.parts[len(path.parts) - 1 :] if part not in (".", "..")):
                continue  # hidden files and folders inside a folder input
            found.setdefault(str(candidate), candidate)
    return [found[key] for key in sorted(found)]


def _hash(path: Path) -> str | None:
    try:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError:
        return None


@dataclass(frozen=True)
class _Job:
    index: int
    path: str
    sha256: str | None


@dataclass(frozen=True)
class _Settings:
    role: Role  # a role file's or one made from a job posting; children get it with the settings
    level: str | None
    as_of: date
    location: str | None
    industry: str | None
    isolation: Isolation | None
    blind: bool = False
    audit_path: str | None = None
    strict: bool = False


def _error_row(job: _Job, code: str, message: str) -> dict[str, Any]:
    return {"file": job.path, "sha256": job.sha256, "status": "error", "error": {"code": code, "message": message}}


def _process(job: _Job, settings: _Settings) -> dict[str, Any]:
    """One input to one row. Never raises: any failure becomes an error row with its reason."""
    if job.sha256 is None:
        return _error_row(job, SourceNotFoundError.code, f"cannot read {job.path}")
    try:
        resume = parse_resume(Path(job.path), as_of=settings.as_of, isolation=settings.isolation)
        decision = Decision(
            settings.role,
            settings.level,
            settings.location,
            settings.industry,
            settings.blind,
            settings.strict,
        )
        audit = AuditLog(path=Path(settings.audit_path)) if settings.audit_path is not None else None
        taxonomy = taxonomy_for(resume, None)
        if settings.level is None:
            assessment = assessment_for(resume, decision, taxonomy=taxonomy, audit=audit)
            report = assessment.reports[assessment.best_level]
            levels = {name: r.score for name, r in assessment.reports.items()}
        else:
            report = report_for(resume, decision, taxonomy=taxonomy, audit=audit)
            levels = {settings.level: report.score}
    except RolematchError as error:
        return _error_row(job, error.code, error.message)
    except Exception as error:
        return _error_row(job, "internal_error", f"{type(error).__name__}: {error}")
    return {
        "file": job.path,
        "sha256": job.sha256,
        "status": "ok",
        "level_scores": levels,
        "report": report.model_dump(mode="json"),
    }


_WORKER_SETTINGS: _Settings | None = None


def _worker_init(settings: _Settings) -> None:
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings


def _settings_key(settings: _Settings) -> str:
    """What decides a row's content besides the input: resuming with other settings redoes the rows."""
    role = settings.role
    parts = [role.id, role.sha256, settings.level, settings.as_of.isoformat(), settings.location, settings.industry]
    return json.dumps([*parts, settings.blind, settings.strict, __version__])


def _encoded(job: _Job, settings: _Settings) -> tuple[int, dict[str, Any], bytes]:
    """A row as the journal line (encoded where it was made) plus the light fields ranking needs."""
    row = {**_process(job, settings), "settings": _settings_key(settings)}
    line = (json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    return job.index, _light(row, None), line


def _worker(job: _Job) -> tuple[int, dict[str, Any], bytes]:
    # Encoding in the worker keeps the parent (one process for all workers) from becoming the bottleneck.
    assert _WORKER_SETTINGS is not None
    return _encoded(job, _WORKER_SETTINGS)


def _light(row: dict[str, Any], offset: int | None) -> dict[str, Any]:
    """What ranking needs of a row; the full row stays in the journal at ``offset``."""
    light = {k: row.get(k) for k in ("file", "sha256", "status", "error", "duplicate_of", "settings")}
    light["score"] = row["report"]["score"] if row.get("report") else None
    light["offset"] = offset
    return light


def _read_journal(path: Path) -> dict[str, dict[str, Any]]:
    """Light rows of an earlier run by content hash; a torn last line (killed mid-write) is cut off."""
    rows: dict[str, dict[str, Any]] = {}
    if not path.exists():
        return rows
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
        if isinstance(row, dict) and row.get("sha256"):
            rows[row["sha256"]] = _light(row, good_end)
        good_end = end
    if good_end != len(data):
        with path.open("r+b") as handle:  # cut the torn tail so appends start on a clean line
            handle.truncate(good_end)
    return rows


def _full_rows(journal: Path, ranked: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Ranked rows with their full reports read back from the journal, one at a time."""
    with journal.open("rb") as handle:
        for light in ranked:
            row: dict[str, Any] = {
                k: light[k] for k in ("file", "sha256", "status", "duplicate_of", "error") if light.get(k)
            }
            if light.get("offset") is not None:
                handle.seek(light["offset"])
                stored = json.loads(handle.readline())
                row = {**stored, "file": light["file"]}
            row["rank"] = light.get("rank")
            yield row


def _run_jobs(jobs: Sequence[_Job], settings: _Settings, workers: int) -> Iterator[tuple[int, dict[str, Any], bytes]]:
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield _encoded(job, settings)
        return
    # Build everything before forking so every child inherits it instead of rebuilding it.
    default_registry()
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(workers, initializer=_worker_init, initargs=(settings,)) as pool:
        yield from pool.imap_unordered(_worker, jobs, chunksize=4)


def _role_for_batch(role: str | Role, job: JobPosting | str | os.PathLike[str] | None, as_of: date | None) -> Role:
    """The role to match every input against: a role's, or the one behind a job posting."""
    if job is None:
        return get_role(role)
    if role != DEFAULT_ROLE:
        raise ValueError("give a role or a job posting, not both")
    from .._job import JobPosting, parse_job, role_from_job

    posting = job if isinstance(job, JobPosting) else parse_job(job, as_of=as_of)
    return role_from_job(posting)


def run_batch(
    inputs: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    role: str | Role = DEFAULT_ROLE,
    level: str | None = None,
    job: JobPosting | str | os.PathLike[str] | None = None,
    workers: int = 1,
    output_format: OutputFormat | None = None,
    resume: bool = False,
    as_of: date | None = None,
    location: str | None = None,
    industry: str | None = None,
    progress: Callable[[BatchProgress], None] | None = None,
    isolation: Isolation | None = Isolation(),  # noqa: B008 - immutable (frozen) settings
    blind: bool = False,
    audit_log: str | os.PathLike[str] | None = None,
    strict: bool = False,
) -> BatchSummary:
    """Match every input against ``role`` and write a ranked output; see the module docstring.

    ``output_format`` defaults to the extension of ``out`` (``.jsonl``, ``.csv``, ``.html``).
    ``resume=True`` keeps the rows of an interrupted run with the same ``out``; without it an
    existing journal is discarded. ``blind=True`` masks personal data in reports and names
    candidates by an id (the ids' files are listed in ``OUT.key.csv``, for the coordinator only).
    ``audit_log`` appends one line per decision (see ``rolematch._audit``). ``strict=True`` gives
    no verdict above the role's strict cap unless every must-have is met (as in ``rolematch.match``);
    rows of an earlier run made without it are redone. ``isolation`` reads
    each input in a child process with time, memory and CPU limits (``None`` turns that off).
    ``role`` is a role id, a role file's path or a :class:`Role`; ``job`` a job posting instead
    (a :class:`JobPosting`, or a posting file's path): every resume is then matched at the posting's
    level, and the output names the posting.
    Raises ``UnknownRoleError`` before doing any work when the role or level does not exist.
    """
    from .._present import rank_rows
    from ._outputs import write_output

    started = time.perf_counter()
    out_path = Path(out)
    fmt = output_format or _format_of(out_path)
    found_role = _role_for_batch(role, job, as_of)
    if level is not None:
        found_role.level(level)
    elif job is not None:
        level = found_role.level_ids[0]
    if location is None and found_role.posting is not None:
        location = found_role.posting.location
    settings = _Settings(
        role=found_role,
        level=level,
        as_of=as_of or date.today(),
        location=location,
        industry=industry,
        isolation=isolation,
        blind=blind,
        audit_path=os.fspath(audit_log) if audit_log is not None else None,
        strict=strict,
    )
    paths = expand_inputs(inputs)
    journal = out_path.with_name(out_path.name + ".partial.jsonl")
    previous = _read_journal(journal) if resume else {}
    if not resume and journal.exists():
        journal.unlink()
    rows: list[dict[str, Any] | None] = [None] * len(paths)
    key = _settings_key(settings)
    first_of: dict[str, int] = {}
    jobs: list[_Job] = []
    resumed = 0
    for index, path in enumerate(paths):
        digest = _hash(path)
        if digest is not None and digest in first_of:
            duplicate = {
                "file": str(path),
                "sha256": digest,
                "status": "duplicate",
                "duplicate_of": str(paths[first_of[digest]]),
            }
            rows[index] = _light(duplicate, None)
            continue
        if digest is not None:
            first_of[digest] = index
            earlier = previous.get(digest)
            # A row is reused only if it was made with the same role, level, date, job and modes.
            if earlier is not None and earlier.get("status") in ("ok", "error") and earlier.get("settings") == key:
                rows[index] = {**earlier, "file": str(path)}  # renamed since: keep the row, use today's name
                resumed += 1
                continue
        jobs.append(_Job(index=index, path=str(path), sha256=digest))
    out_path.parent.mkdir(parents=True, exist_ok=True)
    failed = sum(1 for row in rows if row is not None and row["status"] == "error")
    done = skipped = len(paths) - len(jobs)
    with journal.open("ab") as stream:
        for index, light, line in _run_jobs(jobs, settings, workers):
            offset = stream.tell()
            # One write of one whole line, flushed: a kill leaves at most a torn last line.
            stream.write(line)
            stream.flush()
            rows[index] = {**light, "offset": offset}
            done += 1
            failed += light["status"] == "error"
            if progress is not None:
                elapsed = time.perf_counter() - started
                progress(BatchProgress(done=done, total=len(paths), failed=failed, elapsed=elapsed, skipped=skipped))
    complete = [row for row in rows if row is not None]
    if len(complete) != len(paths):  # pragma: no cover - a broken invariant must not pass silently
        raise RuntimeError(f"{len(paths) - len(complete)} inputs have no row")
    if blind:
        _write_key(complete, out_path)
        ids = {row["file"]: _candidate_id(row) for row in complete}
        complete = [
            {
                **row,
                "file": ids[row["file"]],
                "duplicate_of": ids.get(row.get("duplicate_of") or "", row.get("duplicate_of")),
            }
            for row in complete
        ]
    ranked = rank_rows(complete)
    write_output(_full_rows(journal, ranked), out_path, fmt, role=found_role.spec.name, level=level)
    top = list(_full_rows(journal, ranked[:50]))
    journal.unlink(missing_ok=True)
    failures = Counter(row["error"]["code"] for row in complete if row["status"] == "error")
    return BatchSummary(
        out=out_path,
        total=len(paths),
        matched=sum(row["status"] == "ok" for row in complete),
        failed=sum(failures.values()),
        duplicates=sum(row["status"] == "duplicate" for row in complete),
        resumed=resumed,
        failures=dict(sorted(failures.items())),
        elapsed=time.perf_counter() - started,
        top=top,
    )


def _candidate_id(row: dict[str, Any]) -> str:
    return f"candidate-{(row.get('sha256') or 'unreadable0000')[:12]}"


def _write_key(rows: list[dict[str, Any]], out_path: Path) -> None:
    """Which file each blind candidate id stands for: for the coordinator, not the reviewers."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["candidate", "file"])
    for row in sorted(rows, key=lambda r: r["file"]):
        writer.writerow([_candidate_id(row), row["file"]])
    key = out_path.with_name(out_path.name + ".key.csv")
    key.write_text(buffer.getvalue(), encoding="utf-8")


def _format_of(path: Path) -> OutputFormat:
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("jsonl", "csv", "html"):
        return suffix  # type: ignore[return-value]
    if suffix == "htm":
        return "html"
    raise ValueError(f"cannot tell the output format from {path.name!r}; use .jsonl, .csv or .html, or pass the format")
