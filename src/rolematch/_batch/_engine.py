"""The batch engine: many resumes, one role, every input ending as exactly one row.

Inputs (``_inputs``) are files, folders, glob patterns and the files inside ZIP bundles, each
known by the SHA-256 of its bytes: a renamed file is not matched twice, and duplicate files are
reported as duplicates. Rows stream to a journal (``OUT.partial.jsonl``, see ``_journal``) as
inputs are decided. When every input has a row, the rows are kept as the record
``OUT.rows.jsonl``, the ranked output is written to a temporary file and moved over ``OUT`` in one
step, and the journal is removed. ``resume=True`` reuses the rows of the journal and of the record
that were made from the same bytes with the same settings (role and its file's hash, level,
``as_of``, location, industry, blind, strict, rolematch version): an interrupted run continues, a
finished one does only its new and changed inputs, and the output is rewritten complete and ranked.

Workers are forked processes: the parent builds the spaCy pipeline, the skills registry and the
role once, the children inherit them, receive paths and send back small rows (the measured facts
found ``nlp.pipe(n_process=...)`` slower than one process because the parent rebuilds every Doc).
A worker makes a decision's audit entry but does not write it: the parent writes it right after
journalling the row, so each decided input has exactly one entry, also across kills and resumes.
SIGINT and SIGTERM stop a run cleanly (``_interrupt``): the pool is stopped, the journal kept,
and :class:`BatchInterrupted` raised. With a Dask client (``_cluster``) the cluster's workers are
another source of the same results, and everything else (plan, journal, audit, output) is this.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import multiprocessing
import multiprocessing.pool
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal

from .._api import parse_resume
from .._audit import AuditLog
from .._isolation import Isolation, close_readers
from .._match import DEFAULT_ROLE, Role, get_role
from .._pipeline import Decision, assessment_for, report_for, taxonomy_for
from .._read import Source
from .._skills import default_registry
from .._version import __version__
from ..errors import RolematchError, SourceNotFoundError
from ._inputs import BatchInput, collect_inputs, expand_inputs, read_member
from ._interrupt import BatchInterrupted, SignalGuard, Stopped, quiet_worker_signals, start_quiet_pool
from ._journal import (
    JOURNAL_SUFFIX,
    RECORD_SUFFIX,
    ensure_logged,
    full_rows,
    light,
    open_private_append,
    read_rows,
    write_private,
    write_record,
)

if TYPE_CHECKING:
    from distributed import Client

    from .._job import JobPosting
    from ._cluster import ClusterRun

__all__ = ["BatchInterrupted", "BatchProgress", "BatchSummary", "run_batch"]

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
    resumed: int = field(default=0, metadata={"doc": "rows reused from an earlier run, interrupted or finished"})
    failures: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0
    top: list[dict[str, Any]] = field(default_factory=list, repr=False)

    @property
    def rate(self) -> float:
        """Resumes per second processed in this run (resumed rows excluded)."""
        processed = self.total - self.resumed
        return processed / self.elapsed if self.elapsed > 0 else 0.0


@dataclass(frozen=True)
class _Job:
    index: int
    name: str  # the row's file: a path, or bundle.zip!/path/inside
    sha256: str | None
    path: str  # the file to read (the bundle, for a member)
    member: str | None = None


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
    pdf_reader: str = "pdfium"


# Bumped when rows gain a field, so that resumed rows made before are made again.
_ROW_FORMAT = 2


@dataclass
class _HeldAudit(AuditLog):
    """Makes a decision's audit entry without writing it: the parent writes it with the row."""

    held: list[str] = field(default_factory=list)

    def write(self, lines: str) -> None:
        """Keep ``lines`` for the row instead of appending them to a file."""
        self.held.append(lines)


def _error_row(name: str, sha256: str | None, code: str, message: str) -> dict[str, Any]:
    return {"file": name, "sha256": sha256, "status": "error", "error": {"code": code, "message": message}}


def _process(job: _Job, settings: _Settings, read: Callable[[], Source] | None = None) -> dict[str, Any]:
    """One input to one row. Never raises: any failure becomes an error row with its reason.

    ``read`` gives the input's bytes where they are not read from ``job.path`` (a cluster's worker
    gets them shipped, or reads a URL); what it raises becomes the row's error, as a read here would.
    """
    if job.sha256 is None:
        return _error_row(job.name, None, SourceNotFoundError.code, f"cannot read {job.name}")
    audit = _HeldAudit() if settings.audit_path is not None else None
    try:
        if read is not None:
            source: Source = read()
        else:
            source = read_member(job.path, job.member) if job.member is not None else Path(job.path)
        resume = parse_resume(
            source, as_of=settings.as_of, isolation=settings.isolation, pdf_reader=settings.pdf_reader
        )
        decision = Decision(
            settings.role,
            settings.level,
            settings.location,
            settings.industry,
            settings.blind,
            settings.strict,
        )
        taxonomy = taxonomy_for(resume, None)
        if settings.level is None:
            assessment = assessment_for(resume, decision, taxonomy=taxonomy, audit=audit)
            report = assessment.reports[assessment.best_level]
            levels = {name: r.score for name, r in assessment.reports.items()}
        else:
            report = report_for(resume, decision, taxonomy=taxonomy, audit=audit)
            levels = {settings.level: report.score}
    except RolematchError as error:
        return _error_row(job.name, job.sha256, error.code, error.message)
    except Exception as error:
        return _error_row(job.name, job.sha256, "internal_error", f"{type(error).__name__}: {error}")
    row = {
        "file": job.name,
        "sha256": job.sha256,
        "status": "ok",
        "level_scores": levels,
        "report": report.model_dump(mode="json"),
    }
    if not settings.blind:
        # For the people reading the output only (CSV and HTML name the candidate); scoring never reads it.
        contact = resume.contact
        row["contact"] = {"name": contact.name, "emails": contact.emails[:1], "phones": contact.phones[:1]}
    if audit is not None and audit.held:
        row["audit"] = "".join(audit.held)
    return row


_WORKER_SETTINGS: _Settings | None = None

_Result = tuple[int, dict[str, Any], bytes, str | None]


def _worker_init(settings: _Settings) -> None:
    global _WORKER_SETTINGS
    quiet_worker_signals()
    _WORKER_SETTINGS = settings


def _settings_key(settings: _Settings) -> str:
    """What decides a row's content besides the input: resuming with other settings redoes the rows."""
    role = settings.role
    parts = [role.id, role.sha256, settings.level, settings.as_of.isoformat(), settings.location, settings.industry]
    return json.dumps([*parts, settings.blind, settings.strict, settings.pdf_reader, __version__, _ROW_FORMAT])


def _encoded(job: _Job, settings: _Settings, read: Callable[[], Source] | None = None) -> _Result:
    """A row as the journal line (encoded where it was made), the light fields ranking needs, and
    its audit entry (for the parent to write once the row is journalled)."""
    return _encode(job.index, _process(job, settings, read), settings)


def _encode(index: int, made: dict[str, Any], settings: _Settings) -> _Result:
    """The result of a row made by :func:`_process`, or by a cluster for an input it lost."""
    row = {**made, "settings": _settings_key(settings)}
    line = (json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    return index, light(row, None, None), line, row.get("audit")


def _worker(job: _Job) -> _Result:
    # Encoding in the worker keeps the parent (one process for all workers) from becoming the bottleneck.
    assert _WORKER_SETTINGS is not None
    return _encoded(job, _WORKER_SETTINGS)


@contextlib.contextmanager
def _results(
    jobs: Sequence[_Job], settings: _Settings, workers: int, guard: SignalGuard
) -> Iterator[Iterator[_Result]]:
    """The jobs' results as they finish; leaving stops the pool, at once if the run is stopped."""
    if workers <= 1 or len(jobs) <= 1:
        yield (_encoded(job, settings) for job in jobs)
        return
    # Build everything before forking so every child inherits it instead of rebuilding it.
    default_registry()
    pool: multiprocessing.pool.Pool | None = None
    try:
        with guard.held():  # a signal while the pool starts stops the run once it has started
            if "fork" in multiprocessing.get_all_start_methods():
                pool = start_quiet_pool(workers, _worker_init, (settings,))
            else:  # pragma: no cover - platforms without fork
                pool = multiprocessing.get_context("spawn").Pool(workers, _worker_init, (settings,))
        yield pool.imap_unordered(_worker, jobs, chunksize=4)
    finally:
        if pool is not None:
            with guard.held():  # nor may one cut the pool's shutdown short
                pool.terminate()


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
    pdf_reader: str = "pdfium",
    client: Client | None = None,
    shared_filesystem: bool = False,
) -> BatchSummary:
    """Match every input against ``role`` and write a ranked output; see the module docstring.

    ``inputs`` are files, folders (recursed), glob patterns and ZIP bundles (each file inside one
    is an input named ``bundle.zip!/path/inside``; a DOCX is a resume, not a bundle).
    ``output_format`` defaults to the extension of ``out`` (``.jsonl``, ``.csv``, ``.html``).
    ``resume=True`` reuses the rows of an interrupted run with the same ``out``, and those of the
    last finished one (kept in ``OUT.rows.jsonl``) whose input bytes and settings are unchanged;
    without it an existing journal is discarded. ``blind=True`` masks personal data in reports and
    names candidates by an id (the ids' files are listed in ``OUT.key.csv``, for the coordinator
    only). ``audit_log`` appends one line per decided input (see ``rolematch._audit``).
    ``pdf_reader`` reads PDFs (``pdfium`` or ``pdfplumber``, as :func:`~rolematch.parse_resume`).
    ``strict=True`` gives no verdict above the role's strict cap unless every must-have is met (as
    in ``rolematch.match``); rows of an earlier run made without it are redone. ``isolation`` reads
    each input in a child process with time, memory and CPU limits (``None`` turns that off).
    ``role`` is a role id, a role file's path or a :class:`Role`; ``job`` a job posting instead
    (a :class:`JobPosting`, or a posting file's path): every resume is then matched at the posting's
    level, and the output names the posting. Files that name people (the output, the key, the
    journal, the record, the audit log) are created with mode 0600.
    ``client`` (a ``distributed.Client``, with the ``dask`` extra) runs the inputs on its Dask
    cluster instead of ``workers`` local processes; rows, outputs, audit log and ``resume`` are as
    in a local run (see docs/scaling.md). The client reads local files and ships their bytes, or,
    with ``shared_filesystem=True``, sends paths the workers read themselves; fsspec URLs
    (``s3://bucket/folder``) are read by the workers.
    Raises ``UnknownRoleError`` before doing any work when the role or level does not exist, and
    :class:`BatchInterrupted` (a ``KeyboardInterrupt``) when SIGINT or SIGTERM stops the run in
    the main thread: the rows journalled so far are kept for ``resume=True``.
    """
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
        pdf_reader=pdf_reader,
    )
    run = _Run(settings, out_path, started, progress)
    if client is not None:
        if workers != 1:
            raise ValueError("workers is for local runs; the cluster's workers run the batch given a client")
        from ._cluster import ClusterRun

        run.cluster = ClusterRun(client, shared_filesystem=shared_filesystem)
    with SignalGuard() as guard:
        try:
            run.plan(inputs, resume)
            run.decide(workers, guard)
            return run.finish(fmt)
        except Stopped as stop:
            close_readers()  # a reader child stopped mid-request must not answer the next one
            raise BatchInterrupted(
                signal=stop.signum, done=run.done, total=run.total, out=out_path, journal=run.journal
            ) from None


class _Run:
    """One run's state: its rows (light, in input order), the jobs left, and the counts so far."""

    def __init__(
        self, settings: _Settings, out: Path, started: float, progress: Callable[[BatchProgress], None] | None
    ) -> None:
        self.settings = settings
        self.out = out
        self.started = started
        self.progress = progress
        self.journal = out.with_name(out.name + JOURNAL_SUFFIX)
        self.record = out.with_name(out.name + RECORD_SUFFIX)
        self.audit = AuditLog(path=Path(settings.audit_path)) if settings.audit_path is not None else None
        self.rows: list[dict[str, Any] | None] = []
        self.jobs: list[_Job] = []
        self.total = self.done = self.skipped = self.failed = self.resumed = 0
        self.cluster: ClusterRun | None = None

    def _previous(self) -> dict[str, dict[str, Any]]:
        """Rows of the last finished run and of an interrupted one since (which win), by content hash."""
        previous, _ = read_rows(self.record, "record", repair=False)
        journalled, last_audit = read_rows(self.journal, "journal", repair=True)
        previous.update(journalled)
        if last_audit is not None and self.audit is not None and self.audit.path is not None:
            # A run killed between journalling its last row and logging it: log it now, once.
            ensure_logged(self.audit.path, last_audit)
        return previous

    def plan(self, inputs: Iterable[str | os.PathLike[str]], resume: bool) -> None:
        """Every input's row where it needs no work (errors known before reading, duplicates,
        rows reused from an earlier run), and a job for each of the others."""
        found = collect_inputs(expand_inputs(inputs)) if self.cluster is None else self.cluster.inputs(inputs)
        self.total = len(found)
        previous = self._previous() if resume else {}
        if not resume:
            self.journal.unlink(missing_ok=True)
        self.rows = [None] * len(found)
        key = _settings_key(self.settings)
        first_of: dict[str, int] = {}
        for index, item in enumerate(found):
            digest = item.sha256
            if item.error is not None:
                self.rows[index] = light(_error_row(item.name, digest, *item.error), None, None)
            elif digest is not None and digest in first_of:
                duplicate = {"file": item.name, "sha256": digest, "status": "duplicate"}
                self.rows[index] = light({**duplicate, "duplicate_of": found[first_of[digest]].name}, None, None)
            else:
                if digest is not None:
                    first_of[digest] = index
                self.rows[index] = self._reused(item, previous.get(digest or ""), key)
                if self.rows[index] is None:
                    self.jobs.append(_Job(index, item.name, digest, item.path, item.member))
        self.failed = sum(1 for row in self.rows if row is not None and row["status"] == "error")
        self.done = self.skipped = self.total - len(self.jobs)

    def _reused(self, item: BatchInput, earlier: dict[str, Any] | None, key: str) -> dict[str, Any] | None:
        # A row is reused only if it was made with the same role, level, date, job and modes.
        if earlier is None or earlier.get("status") not in ("ok", "error") or earlier.get("settings") != key:
            return None
        self.resumed += 1
        return {**earlier, "file": item.name}  # renamed since: keep the row, use today's name

    def decide(self, workers: int, guard: SignalGuard) -> None:
        """Run the jobs; journal each row, then log its audit entry, as it comes."""
        self.out.parent.mkdir(parents=True, exist_ok=True)
        if self.cluster is None:
            source = _results(self.jobs, self.settings, workers, guard)
        else:
            source = self.cluster.results(self.jobs, self.settings, guard)
        with open_private_append(self.journal) as stream, source as results:
            for index, kept, line, audit in results:
                self._keep(stream, guard, index, kept, line, audit)
                if self.progress is not None:
                    elapsed = time.perf_counter() - self.started
                    state = BatchProgress(
                        done=self.done, total=self.total, failed=self.failed, elapsed=elapsed, skipped=self.skipped
                    )
                    self.progress(state)

    def _keep(
        self, stream: BinaryIO, guard: SignalGuard, index: int, kept: dict[str, Any], line: bytes, audit: str | None
    ) -> None:
        # Both writes or neither, as far as signals go: an input is never logged without its row,
        # which would log it twice after a resume, nor kept without its entry.
        with guard.held():
            offset = stream.tell()
            # One write of one whole line, flushed: a kill leaves at most a torn last line.
            stream.write(line)
            stream.flush()
            if audit is not None and self.audit is not None:
                self.audit.write(audit)
            self.rows[index] = {**kept, "offset": offset, "store": "journal"}
        self.done += 1
        self.failed += kept["status"] == "error"

    def finish(self, fmt: OutputFormat) -> BatchSummary:
        """Keep the rows as the record, write the ranked output, and drop the journal."""
        from .._present import rank_rows
        from ._outputs import write_output

        complete = [row for row in self.rows if row is not None]
        if len(complete) != self.total:  # pragma: no cover - a broken invariant must not pass silently
            raise RuntimeError(f"{self.total - len(complete)} inputs have no row")
        write_record(self.record, self.journal, complete)
        shown = complete
        if self.settings.blind:
            _write_key(complete, self.out)
            ids = {row["file"]: _candidate_id(row) for row in complete}
            shown = [
                {
                    **row,
                    "file": ids[row["file"]],
                    "duplicate_of": ids.get(row.get("duplicate_of") or "", row.get("duplicate_of")),
                }
                for row in complete
            ]
        ranked = rank_rows(shown)
        role_name = self.settings.role.spec.name
        write_output(full_rows(self.record, ranked), self.out, fmt, role=role_name, level=self.settings.level)
        top = list(full_rows(self.record, ranked[:50]))
        self.journal.unlink(missing_ok=True)
        failures = Counter(row["error"]["code"] for row in complete if row["status"] == "error")
        return BatchSummary(
            out=self.out,
            total=self.total,
            matched=sum(row["status"] == "ok" for row in complete),
            failed=sum(failures.values()),
            duplicates=sum(row["status"] == "duplicate" for row in complete),
            resumed=self.resumed,
            failures=dict(sorted(failures.items())),
            elapsed=time.perf_counter() - self.started,
            top=top,
        )


def _candidate_id(row: dict[str, Any]) -> str:
    return f"candidate-{(row.get('sha256') or 'unreadable0000')[:12]}"


def _write_key(rows: list[dict[str, Any]], out_path: Path) -> None:
    """Which file each blind candidate id stands for: for the coordinator, not the reviewers (mode 0600)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["candidate", "file"])
    for row in sorted(rows, key=lambda r: r["file"]):
        writer.writerow([_candidate_id(row), row["file"]])
    data = buffer.getvalue().encode("utf-8")

    def write(stream: BinaryIO) -> None:
        stream.write(data)

    write_private(out_path.with_name(out_path.name + ".key.csv"), write)


def _format_of(path: Path) -> OutputFormat:
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("jsonl", "csv", "html"):
        return suffix  # type: ignore[return-value]
    if suffix == "htm":
        return "html"
    raise ValueError(f"cannot tell the output format from {path.name!r}; use .jsonl, .csv or .html, or pass the format")
