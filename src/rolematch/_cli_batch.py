"""``rolematch batch``: many resumes against one role, with a progress line, a shortlist and clean interruption.

Ctrl-C (SIGINT) and SIGTERM end a run with one line on stderr: how many inputs are saved in the
journal, and the ``--resume`` command that continues the run (exit 130 and 143, as shells report
a process ended by those signals). Inputs that do not exist are a usage error (exit 2) before
anything runs or is written.

``--scheduler ADDRESS`` runs the batch on a Dask cluster (the ``dask`` extra): a scheduler's
address (``tcp://host:8786``), or ``local:N`` for a cluster of N processes on this machine. Inputs
may then also be fsspec URLs (``s3://bucket/resumes/``), which the workers read.
"""

from __future__ import annotations

import contextlib
import glob
import importlib.util
import inspect
import os
import shlex
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from types import FrameType
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from ._batch import BatchProgress, BatchSummary, expand_inputs, run_batch
from ._batch._urls import split_urls
from ._cli_common import (
    AsOfOption,
    IndustryOption,
    JobOption,
    LocationOption,
    PdfReaderName,
    ReaderOption,
    RoleOption,
    StrictOption,
    as_of_date,
    err,
    out,
    role_or_exit,
    usage_error,
)
from ._isolation import Isolation
from ._match import DEFAULT_ROLE, Role
from ._present import expected_pay, must_haves
from .errors import ClusterError

__all__ = ["batch_command"]


class BatchFormat(str, Enum):
    """The batch output file's format."""

    jsonl = "jsonl"
    csv = "csv"
    html = "html"


ProgressCallback = Callable[[BatchProgress], None]


def _progress_printer(total: int) -> tuple[Progress | None, ProgressCallback]:
    """A Rich progress bar on a terminal; plain lines every few seconds otherwise."""
    if err.is_terminal:
        bar = Progress(
            TextColumn("matching"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:.1f}/s, {task.fields[failed]} failed"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=err,
        )
        task = bar.add_task("batch", total=total, rate=0.0, failed=0)

        def update(state: BatchProgress) -> None:
            bar.update(task, completed=state.done, total=state.total, rate=state.rate, failed=state.failed)

        return bar, update
    last = [0.0]

    def plain(state: BatchProgress) -> None:
        now = time.monotonic()
        if now - last[0] >= 2.0 or state.done == state.total:
            last[0] = now
            eta = f", ETA {state.eta:.0f}s" if state.eta is not None else ""
            err.out(f"progress: {state.done}/{state.total}, {state.rate:.1f}/s, {state.failed} failed{eta}")

    return None, plain


def _missing(inputs: list[str]) -> list[str]:
    """Inputs that name no existing file or folder and are no pattern matching a file."""
    missing = []
    for item in inputs:
        if Path(item).exists():
            continue
        if glob.has_magic(item) and any(Path(p).is_file() for p in glob.glob(item, recursive=True)):
            continue
        missing.append(item)
    return missing


def _check_inputs(inputs: list[str], scheduler: str | None = None) -> int:
    """The number of input files (URLs counted once each: the workers list them); a usage error when
    an input is missing, a URL is given without a cluster, or nothing is to be read."""
    local, urls = split_urls(inputs)
    if urls and scheduler is None:
        raise usage_error(
            ValueError(
                f"URL inputs are read by a Dask cluster's workers: add --scheduler (local:N on this machine) "
                f"to read {urls[0]}"
            )
        )
    missing = _missing(local)
    if missing:
        names = ", ".join(missing)
        raise usage_error(ValueError(f"no such file, folder or matching pattern: {names} (nothing was run)"))
    total = len(expand_inputs(local)) + len(urls)
    if total == 0:
        raise usage_error(ValueError(f"no files to read in {', '.join(inputs)} (nothing was run)"))
    return total


@dataclass
class _Interruption:
    """The signal that ended the run, and where the run stood when it came."""

    signal: int | None = None
    state: BatchProgress | None = None


@contextmanager
def _signals_interrupt(interruption: _Interruption) -> Iterator[None]:
    """SIGINT and SIGTERM raise KeyboardInterrupt in this process, so the run unwinds (pool ended, journal
    closed) instead of dying mid-write; processes forked meanwhile (pool workers) just exit, quietly.

    The engine may hold signals itself while it runs (and raise its own KeyboardInterrupt); this
    covers the rest of the command. A signal ignored on entry (a background job's SIGINT) stays
    ignored, and outside the main thread (where no handler can be set) nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    parent = os.getpid()

    def interrupt(number: int, frame: FrameType | None) -> None:
        if os.getpid() != parent:
            os._exit(128 + number)  # a worker: the parent reports; a traceback here would be noise
        interruption.signal = number
        raise KeyboardInterrupt

    previous = {}
    for number in (signal.SIGINT, signal.SIGTERM):
        if signal.getsignal(number) is not signal.SIG_IGN:
            previous[number] = signal.signal(number, interrupt)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _word(value: object) -> str:
    return str(value.value if isinstance(value, Enum) else value)


def _resume_command(context: typer.Context, pinned: dict[str, object]) -> str:
    """The command line that continues this run: its arguments, the options it was given (``pinned``
    values replacing theirs), and --resume."""
    words = context.command_path.split()
    for param in context.command.params:
        value: Any = pinned.get(param.name or "", context.params.get(param.name or ""))
        if param.param_type_name == "argument":
            words += [_word(v) for v in value or []]
        elif value is True:
            words.append(param.opts[0])
        elif value not in (None, False, param.default):
            words += [param.opts[0], _word(value)]
    if "--resume" not in words:
        words.append("--resume")
    return shlex.join(words)


def _report_interruption(
    context: typer.Context, stop: KeyboardInterrupt, interruption: _Interruption, request: _Request, total: int
) -> typer.Exit:
    """The one line an interrupted run prints, and its exit (130 for SIGINT, 143 for SIGTERM).

    ``stop`` is the engine's interruption when it raised one (it says which signal and how many
    inputs are saved where); otherwise a plain KeyboardInterrupt from this command's handler.
    """
    number = getattr(stop, "signal", None) or interruption.signal or signal.SIGINT
    output = request.output
    journal = Path(getattr(stop, "journal", None) or output.with_name(output.name + ".partial.jsonl"))
    state = interruption.state
    done = getattr(stop, "done", None)
    done = done if isinstance(done, int) else (state.done if state is not None else 0)
    counted = getattr(stop, "total", None)  # the engine's count opens ZIP bundles
    total = counted if isinstance(counted, int) else (state.total if state is not None else total)
    saved = f"{done} of {total} inputs are saved in {journal}" if journal.exists() else "no input was finished"
    # The date is pinned: rows are kept only for the same as_of, and today may be over by then.
    command = _resume_command(context, {"as_of": request.as_of.isoformat()})
    err.out(
        f"interrupted by {signal.Signals(number).name}: {saved}; {output} is not written yet. Continue with: {command}"
    )
    return typer.Exit(128 + number)


def _pdf_reader_argument(reader: PdfReaderName) -> dict[str, str]:
    """``pdf_reader`` for run_batch when the engine takes it; pdfium (its reader) needs nothing."""
    if "pdf_reader" in inspect.signature(run_batch).parameters:
        return {"pdf_reader": reader.value}
    if reader is not PdfReaderName.pdfium:
        raise usage_error(ValueError("batch reads PDFs with pdfium only; --reader pdfplumber works with match"))
    return {}


@dataclass(frozen=True)
class _Request:
    """Everything run_batch needs besides the progress callback."""

    inputs: list[str]
    output: Path
    role: Role
    level: str | None
    workers: int
    fmt: BatchFormat | None
    resume: bool
    as_of: date
    location: str | None
    industry: str | None
    isolation: Isolation | None
    blind: bool
    audit: Path | None
    strict: bool
    extra: dict[str, Any]
    scheduler: str | None = None
    shared_fs: bool = False


@contextlib.contextmanager
def _cluster(request: _Request) -> Iterator[dict[str, Any]]:
    """run_batch's cluster arguments: none for a local run, or a client of ``--scheduler``'s cluster."""
    if request.scheduler is None:
        yield {}
        return
    if importlib.util.find_spec("distributed") is None:
        raise usage_error(ValueError("--scheduler needs the dask extra: pip install 'rolematch[dask]'"))
    from ._batch._cluster import connect

    with contextlib.ExitStack() as stack:
        try:
            client = stack.enter_context(connect(request.scheduler))
        except (OSError, TimeoutError) as error:
            err.out(f"error: cannot reach the Dask scheduler at {request.scheduler}: {error}")
            raise typer.Exit(1) from None
        workers = client.nthreads()  # type: ignore[no-untyped-call]
        count, threads = len(workers), sum(workers.values())
        err.out(
            f"cluster: {request.scheduler}, {count} worker{'s' * (count != 1)}, {threads} thread{'s' * (threads != 1)}"
        )
        yield {"client": client, "shared_filesystem": request.shared_fs}


def _run(request: _Request, update: ProgressCallback) -> BatchSummary:
    with _cluster(request) as cluster:
        return _run_batch(request, update, cluster)


def _run_batch(request: _Request, update: ProgressCallback, cluster: dict[str, Any]) -> BatchSummary:
    return run_batch(
        request.inputs,
        request.output,
        role=request.role,
        level=request.level,
        workers=request.workers,
        output_format=request.fmt.value if request.fmt else None,
        resume=request.resume,
        as_of=request.as_of,
        location=request.location,
        industry=request.industry,
        progress=update,
        isolation=request.isolation,
        blind=request.blind,
        audit_log=request.audit,
        strict=request.strict,
        **request.extra,
        **cluster,
    )


def _run_reporting(context: typer.Context, request: _Request, total: int) -> BatchSummary:
    """Run with a progress display; an interruption ends the command with its one line."""
    bar, update = _progress_printer(total)
    interruption = _Interruption()

    def track(state: BatchProgress) -> None:
        interruption.state = state
        update(state)

    with _signals_interrupt(interruption):
        try:
            if bar is None:
                return _run(request, track)
            with bar:
                return _run(request, track)
        except KeyboardInterrupt as stop:  # the engine's own interruption is one too
            raise _report_interruption(context, stop, interruption, request, total) from None
        except ValueError as error:
            raise usage_error(error) from None
        except ClusterError as error:  # the cluster cannot run the batch; the rows made are kept
            command = _resume_command(context, {"as_of": request.as_of.isoformat()})
            err.out(f"error: {error.message}; the rows made so far are kept. Continue with: {command}")
            raise typer.Exit(1) from None


def batch_command(
    context: typer.Context,
    inputs: Annotated[
        list[str], typer.Argument(metavar="INPUT...", help="Resume files, folders (recursed) or glob patterns.")
    ],
    output: Annotated[Path, typer.Option("--out", metavar="FILE", help="Output file: .jsonl, .csv or .html.")],
    role: RoleOption = DEFAULT_ROLE,
    level: Annotated[
        str | None, typer.Option("--level", metavar="LEVEL", help="Level id; default: each resume's best level.")
    ] = None,
    workers: Annotated[int, typer.Option("--workers", metavar="N", min=1, max=64, help="Worker processes.")] = 1,
    fmt: Annotated[BatchFormat | None, typer.Option("--format", help="Default: from --out's extension.")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted run with the same --out.")] = False,
    as_of: AsOfOption = None,
    location: LocationOption = None,
    industry: IndustryOption = None,
    top: Annotated[int, typer.Option("--top", metavar="N", min=0, help="Shortlist rows to print at the end.")] = 20,
    parse_timeout: Annotated[
        float, typer.Option("--parse-timeout", metavar="SECONDS", min=0.1, help="Seconds per file.")
    ] = 10.0,
    parse_memory_mb: Annotated[
        int, typer.Option("--parse-memory-mb", metavar="MB", min=64, help="Memory per file, MB.")
    ] = 512,
    no_isolation: Annotated[
        bool, typer.Option("--no-isolation", help="Read files in the worker itself, without limits (trusted input).")
    ] = False,
    blind: Annotated[
        bool,
        typer.Option(
            "--blind", help="Mask personal data, name candidates by id (key in OUT.key.csv); no contact columns."
        ),
    ] = False,
    audit_log: Annotated[
        Path | None,
        typer.Option("--audit-log", metavar="FILE", help="Audit log file (default: OUT.audit.jsonl)."),
    ] = None,
    no_audit: Annotated[bool, typer.Option("--no-audit", help="Do not write an audit log.")] = False,
    strict: StrictOption = False,
    job: JobOption = None,
    reader: ReaderOption = PdfReaderName.pdfium,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="Run on a Dask cluster: its scheduler (tcp://host:8786), or local:N processes here (dask extra).",
        ),
    ] = None,
    shared_fs: Annotated[
        bool,
        typer.Option(
            "--shared-fs", help="With --scheduler: the workers read the input paths (a shared filesystem); no copying."
        ),
    ] = False,
) -> None:
    """Match every resume against a role, or a job posting (--job), and write one ranked row per input."""
    total = _check_inputs(inputs, scheduler)
    if scheduler is not None and workers != 1:
        raise usage_error(ValueError("--workers is for local runs; with --scheduler the cluster's workers run it"))
    if shared_fs and scheduler is None:
        raise usage_error(ValueError("--shared-fs goes with --scheduler"))
    found = role_or_exit(role, level, job)
    extra = _pdf_reader_argument(reader)
    request = _Request(
        inputs=inputs,
        output=output,
        role=found,
        level=level,
        workers=workers,
        fmt=fmt,
        resume=resume,
        as_of=as_of_date(as_of) or date.today(),
        location=location,
        industry=industry,
        isolation=None if no_isolation else Isolation(timeout=parse_timeout, memory_mb=parse_memory_mb),
        blind=blind,
        audit=None if no_audit else (audit_log or output.with_name(output.name + ".audit.jsonl")),
        strict=strict,
        extra=extra,
        scheduler=scheduler,
        shared_fs=shared_fs,
    )
    summary = _run_reporting(context, request, total)
    failures = ", ".join(f"{code} {count}" for code, count in summary.failures.items()) or "none"
    err.out(
        f"done: {summary.total} inputs, {summary.matched} matched, {summary.failed} failed ({failures}), "
        f"{summary.duplicates} duplicates, {summary.resumed} resumed; {summary.elapsed:.1f}s, "
        f"{summary.rate:.1f} resumes/s; wrote {summary.out}"
    )
    if top:
        _print_ranked(summary, top)
    if summary.failed:
        raise typer.Exit(1)


def _print_ranked(summary: BatchSummary, top: int) -> None:
    """The top of the shortlist, read back from the rows the run kept."""
    rows = summary.top[:top]
    table = Table("#", "resume", "level", "score", "verdict", "top gaps", "salary expectation")
    plain = [
        "| # | resume | level | score | verdict | top gaps | salary expectation |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        report = row.get("report")
        if report is None:
            continue
        gaps = "; ".join(must_haves(report, met=False)[:2])
        pay = expected_pay(report["salary"])
        cells = [
            str(row["rank"]),
            row["file"],
            report["level"],
            f"{report['score']:g}",
            report["verdict"],
            gaps or "-",
            pay,
        ]
        table.add_row(*cells)
        plain.append("| " + " | ".join(cells) + " |")
    if out.is_terminal:
        out.print(table)
    else:
        out.out("\n".join(plain))
