"""The ``rolematch`` command line (Typer for commands and help, Rich for terminal output).

Exit codes: 0 everything worked; 1 some inputs failed (each has its own error row or message);
2 usage errors (bad options, unknown role or level, unreadable role file).
"""

from __future__ import annotations

import time
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from ._api import assess, match, parse_resume
from ._batch import BatchProgress, BatchSummary, run_batch
from ._cli_job import job_command
from ._isolation import Isolation
from ._job import parse_job, role_from_job
from ._match import DEFAULT_ROLE, FitReport, Role, get_role, list_roles
from ._present import expected_pay, fit_report_json_schema, must_haves, render_assessment, render_report
from ._version import __version__
from .errors import DataFileError, RolematchError, UnknownRoleError
from .resume import Resume

__all__ = ["app", "main"]

app = typer.Typer(
    name="rolematch",
    help="Read resumes and tell how well each candidate fits a role at a level, with evidence.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
roles_app = typer.Typer(help="The roles rolematch knows: `rolematch roles` lists them.", invoke_without_command=True)
app.add_typer(roles_app, name="roles")
audit_app = typer.Typer(help="Audit: replay logged decisions, compute impact ratios.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")
app.command("job")(job_command)

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)


class ReportFormat(str, Enum):
    """How ``match`` and ``assess`` print."""

    text = "text"
    markdown = "markdown"
    json = "json"


class BatchFormat(str, Enum):
    """The batch output file's format."""

    jsonl = "jsonl"
    csv = "csv"
    html = "html"


RoleOption = Annotated[
    str, typer.Option("--role", help="Role id (see `rolematch roles`) or the path of a role file (.yaml, .json).")
]
JobOption = Annotated[
    Path | None,
    typer.Option(
        "--job", help="Match against a job posting file instead of a role (text, Markdown, HTML, PDF, DOCX, JSON)."
    ),
]
AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="Date open ranges ('Present') end at, YYYY-MM-DD; default today.")
]
LocationOption = Annotated[
    str | None, typer.Option("--location", help="The job's location; places the salary in the band.")
]
IndustryOption = Annotated[
    str | None, typer.Option("--industry", help="The job's industry; places the salary in the band.")
]
StrictOption = Annotated[
    bool,
    typer.Option(
        "--strict", help="No verdict above the role's strict cap (partial fit) unless every must-have is met."
    ),
]


def _as_of(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2026-11-21", param_hint="--as-of") from None


def _role_or_exit(role: str, level: str | None, job: Path | None) -> Role:
    """The role a command matches against (a role id or file's, or a posting's); usage errors exit 2."""
    try:
        if job is not None:
            if role != DEFAULT_ROLE:
                raise ValueError("give --role or --job, not both")
            found = role_from_job(parse_job(job))
        else:
            found = get_role(role)
        if level is not None:
            found.level(level)
    except (UnknownRoleError, DataFileError, ValueError) as error:
        raise _usage_error(error) from None
    except RolematchError as error:
        err.out(f"error: {job}: {error}")
        raise typer.Exit(2) from None
    return found


def _usage_error(error: Exception) -> typer.Exit:
    err.out(f"error: {error}")
    return typer.Exit(2)


def _print_report(report: FitReport, fmt: ReportFormat) -> None:
    if fmt is ReportFormat.json:
        out.out(report.model_dump_json(indent=2))
    elif fmt is ReportFormat.markdown or not out.is_terminal:
        out.out(render_report(report))
    else:
        out.print(Markdown(render_report(report)))


def _parse_or_exit(path: Path, as_of: date | None) -> Resume:
    try:
        return parse_resume(path, as_of=as_of)
    except RolematchError as error:
        err.out(f"error: {path}: {error}")
        raise typer.Exit(1) from None


@app.command("match")
def match_command(
    file: Annotated[Path, typer.Argument(help="A resume: PDF, DOCX, text, Markdown or JSON Resume.")],
    role: RoleOption = DEFAULT_ROLE,
    level: Annotated[
        str | None, typer.Option("--level", help="Level id; default: the most senior level the evidence supports.")
    ] = None,
    as_of: AsOfOption = None,
    location: LocationOption = None,
    industry: IndustryOption = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", help="text (terminal), markdown or json.")
    ] = ReportFormat.text,
    blind: Annotated[bool, typer.Option("--blind", help="Mask names, contacts, addresses and links.")] = False,
    strict: StrictOption = False,
    job: JobOption = None,
) -> None:
    """Print one resume's fit report for a role level, or for a job posting (--job)."""
    found = _role_or_exit(role, level, job)
    resume = _parse_or_exit(file, _as_of(as_of))
    if found.posting is not None:
        location = location or found.posting.location
    report = match(resume, role=found, level=level, location=location, industry=industry, blind=blind, strict=strict)
    _print_report(report, fmt)


@app.command("assess")
def assess_command(
    file: Annotated[Path, typer.Argument(help="A resume file.")],
    role: Annotated[
        str | None,
        typer.Option("--role", help="Role id or role file's path; default: every known role, the best-fitting shown."),
    ] = None,
    as_of: AsOfOption = None,
    location: LocationOption = None,
    industry: IndustryOption = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", help="text, markdown or json.")] = ReportFormat.text,
    strict: StrictOption = False,
) -> None:
    """Score a resume at every level of a role (of every role without --role), best level first."""
    if role is not None:
        _role_or_exit(role, None, None)
    resume = _parse_or_exit(file, _as_of(as_of))
    assessment = assess(resume, role=role, location=location, industry=industry, strict=strict)
    if fmt is ReportFormat.json:
        out.out(assessment.model_dump_json(indent=2))
        return
    ordered = sorted(assessment.reports.values(), key=lambda r: (r.level != assessment.best_level, -r.score))
    table = Table("level", "score", "verdict", "must-haves met", "years (expected)", "salary expectation")
    for report in ordered:
        musts = [r for r in report.requirements if r.kind == "must"]
        met = sum(r.status == "met" for r in musts)
        salary = report.salary
        table.add_row(
            report.level + (" (best)" if report.level == assessment.best_level else ""),
            f"{report.score:g}",
            report.verdict,
            f"{met}/{len(musts)}",
            f"{report.experience_years:g} ({report.expected_years})",
            expected_pay(salary.model_dump(mode="json")),
        )
    if out.is_terminal and fmt is ReportFormat.text:
        if assessment.summary:
            out.print(f"The resume {assessment.summary}.")
        out.print(table)
        out.print(Markdown("\n".join(f"- {reason}" for reason in assessment.reasons)))
    else:
        out.out(render_assessment(assessment))


def _progress_printer(total: int) -> tuple[object, object]:
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


@app.command("batch")
def batch_command(
    inputs: Annotated[list[str], typer.Argument(help="Resume files, folders (recursed) or glob patterns.")],
    output: Annotated[Path, typer.Option("--out", help="Output file: .jsonl, .csv or .html.")],
    role: RoleOption = DEFAULT_ROLE,
    level: Annotated[str | None, typer.Option("--level", help="Level id; default: each resume's best level.")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Worker processes.")] = 1,
    fmt: Annotated[BatchFormat | None, typer.Option("--format", help="Default: from --out's extension.")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted run with the same --out.")] = False,
    as_of: AsOfOption = None,
    location: LocationOption = None,
    industry: IndustryOption = None,
    top: Annotated[int, typer.Option("--top", min=0, help="Shortlist rows to print at the end.")] = 20,
    parse_timeout: Annotated[float, typer.Option("--parse-timeout", min=0.1, help="Seconds per file.")] = 10.0,
    parse_memory_mb: Annotated[int, typer.Option("--parse-memory-mb", min=64, help="Memory per file, MB.")] = 512,
    no_isolation: Annotated[
        bool, typer.Option("--no-isolation", help="Read files in the worker itself, without limits (trusted input).")
    ] = False,
    blind: Annotated[
        bool, typer.Option("--blind", help="Mask personal data; name candidates by id (key in OUT.key.csv).")
    ] = False,
    audit_log: Annotated[
        Path | None, typer.Option("--audit-log", help="Audit log file (default: OUT.audit.jsonl).")
    ] = None,
    no_audit: Annotated[bool, typer.Option("--no-audit", help="Do not write an audit log.")] = False,
    strict: StrictOption = False,
    job: JobOption = None,
) -> None:
    """Match every resume against a role, or a job posting (--job), and write one ranked row per input."""
    from ._batch import expand_inputs

    found = _role_or_exit(role, level, job)
    total = len(expand_inputs(inputs))
    bar, update = _progress_printer(total)
    isolation = None if no_isolation else Isolation(timeout=parse_timeout, memory_mb=parse_memory_mb)
    audit = None if no_audit else (audit_log or output.with_name(output.name + ".audit.jsonl"))
    arguments = (
        inputs,
        output,
        found,
        level,
        workers,
        fmt,
        resume,
        as_of,
        location,
        industry,
        update,
        isolation,
        blind,
        audit,
        strict,
    )
    try:
        if bar is not None:
            with bar:  # type: ignore[attr-defined]
                summary = _run(*arguments)
        else:
            summary = _run(*arguments)
    except ValueError as error:
        raise _usage_error(error) from None
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


def _run(
    inputs: list[str],
    output: Path,
    role: Role,
    level: str | None,
    workers: int,
    fmt: BatchFormat | None,
    resume: bool,
    as_of: str | None,
    location: str | None,
    industry: str | None,
    update: object,
    isolation: Isolation | None,
    blind: bool,
    audit: Path | None,
    strict: bool,
) -> BatchSummary:
    return run_batch(
        inputs,
        output,
        role=role,
        level=level,
        workers=workers,
        output_format=fmt.value if fmt else None,
        resume=resume,
        as_of=_as_of(as_of),
        location=location,
        industry=industry,
        progress=update,  # type: ignore[arg-type]
        isolation=isolation,
        blind=blind,
        audit_log=audit,
        strict=strict,
    )


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


@roles_app.callback()
def roles_list(context: typer.Context) -> None:
    """List the known roles and their levels."""
    if context.invoked_subcommand is not None:
        return
    for role_id in list_roles():
        role = get_role(role_id)
        out.out(f"{role.id}: {role.spec.name} ({role.source})")
        for level in role.spec.levels:
            band = level.salary
            pay = (
                f"no band ({level.salary_note})"
                if band is None
                else f"{band.low:,}-{band.high:,} {role.spec.salary.currency}"
            )
            basis = "" if band is None or band.n is None else f", n={band.n} ({band.years})"
            out.out(f"  {level.id}: {pay}{basis}")


@roles_app.command("show")
def roles_show(name: Annotated[str, typer.Argument(help="Role id.")]) -> None:
    """Must-haves, nice-to-haves, expected years and salary band of every level of a role."""
    try:
        role = get_role(name)
    except UnknownRoleError as error:
        raise _usage_error(error) from None
    lines = [f"# {role.spec.name} ({role.id}, version {role.spec.version})", ""]
    currency = role.spec.salary.currency
    for level in role.spec.levels:
        band = level.salary
        years = level.expected_years
        span = f"{years.min:g}+" if years.max is None else f"{years.min:g}-{years.max:g}"
        pay = (
            f"no band ({level.salary_note})"
            if band is None
            else f"{band.low:,}-{band.high:,} {currency} per {role.spec.salary.period}, typical {band.typical:,} "
            f"({band.basis}" + (f"; n={band.n}, {band.years}" if band.n is not None else "") + ")"
        )
        lines += [
            f"## {level.id}: {level.name}",
            f"- expected years: {span}" + (f" (assumption: {years.assumption})" if years.assumption else ""),
            f"- salary: {pay}",
            "- must-haves: " + "; ".join(r.name for r in level.requirements if r.kind == "must"),
            "- nice-to-haves: " + ("; ".join(r.name for r in level.requirements if r.kind == "nice") or "-"),
            "",
        ]
    lines.append(role.spec.source.caveat)
    text = "\n".join(lines)
    out.print(Markdown(text)) if out.is_terminal else out.out(text)


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option("--host", help="Interface to bind; loopback by default.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Server processes.")] = 1,
    no_auth: Annotated[
        bool, typer.Option("--no-auth", help="Turn API-key authentication off (local use only).")
    ] = False,
    api_keys_file: Annotated[
        Path | None, typer.Option("--api-keys-file", help="A file with one API key per line.")
    ] = None,
) -> None:
    """Serve the HTTP API (needs the server extra: pip install "rolematch[server]")."""
    import os

    try:
        import uvicorn

        from ._server import ServerSettings
    except ImportError:
        err.out('error: the HTTP service needs the server extra: pip install "rolematch[server]"')
        raise typer.Exit(2) from None
    if no_auth:
        os.environ["ROLEMATCH_AUTH"] = "off"
    if api_keys_file is not None:
        os.environ["ROLEMATCH_API_KEYS_FILE"] = str(api_keys_file)
    from pydantic import ValidationError

    try:
        ServerSettings.from_env()  # fail here, not in every worker, when no key is configured
    except ValidationError as error:
        raise _usage_error(
            ValueError("; ".join(e["msg"].removeprefix("Value error, ") for e in error.errors()))
        ) from None
    except (ValueError, OSError) as error:
        raise _usage_error(error) from None
    if no_auth and host not in {"127.0.0.1", "localhost", "::1"}:
        err.out(f"warning: authentication is off and the service listens on {host}")
    uvicorn.run("rolematch._server:create_app", factory=True, host=host, port=port, workers=workers)


@audit_app.command("verify")
def audit_verify(
    log: Annotated[Path, typer.Argument(help="An audit log (JSON lines).")],
    input_file: Annotated[Path, typer.Option("--input", help="The resume the entry was made from.")],
    line: Annotated[
        int | None, typer.Option("--line", min=1, help="Entry number (default: the last entry for this input).")
    ] = None,
) -> None:
    """Replay a logged decision against its input and check the report is identical."""
    import hashlib

    from ._audit import AuditLog, verify

    entries = AuditLog.read(log)
    if line is not None:
        if line > len(entries):
            raise _usage_error(ValueError(f"the log has {len(entries)} entries"))
        entry = entries[line - 1]
    else:
        digest = hashlib.sha256(input_file.read_bytes()).hexdigest()
        matching = [e for e in entries if e.input_sha256 == digest]
        if not matching:
            raise _usage_error(ValueError(f"no entry in {log} is for {input_file} (sha256 {digest[:12]})"))
        entry = matching[-1]
    result = verify(entry, input_file)
    out.out(f"entry: {entry.timestamp} {entry.role}/{entry.level} score {entry.score:g} ({entry.verdict})")
    if result.identical:
        out.out("identical: the replay gives the same report, byte for byte")
        return
    out.out("DIFFERENT:\n" + "\n".join(f"- {d}" for d in result.differences))
    raise typer.Exit(1)


@audit_app.command("impact")
def audit_impact(
    results: Annotated[Path, typer.Argument(help="Batch output (.jsonl or .csv) with a score per resume.")],
    demographics: Annotated[
        Path, typer.Argument(help="The employer's CSV: a `file` or `sha256` column, then one column per attribute.")
    ],
    threshold: Annotated[
        float | None, typer.Option("--threshold", help="Selection score; default: scoring rate above the median.")
    ] = None,
    min_share: Annotated[
        float, typer.Option("--min-share", min=0, max=0.5, help="Leave out smaller categories.")
    ] = 0.0,
) -> None:
    """Selection or scoring rates and impact ratios per category (NYC Local Law 144 style)."""
    import csv
    import json

    from ._audit import impact_ratios

    scores: dict[str, float] = {}
    if results.suffix.lower() == ".jsonl":
        for text in results.read_text(encoding="utf-8").splitlines():
            row = json.loads(text)
            if row.get("status") == "ok":
                for key in (row["file"], Path(row["file"]).name, row.get("sha256") or ""):
                    scores[key] = row["report"]["score"]
    else:
        for row in csv.DictReader(results.open(encoding="utf-8")):
            if row.get("status") == "ok":
                for key in (row["file"], Path(row["file"]).name, row.get("sha256") or ""):
                    scores[key] = float(row["score"])
    groups: dict[str, dict[str, str]] = {}
    with demographics.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        id_column = "sha256" if reader.fieldnames and "sha256" in reader.fieldnames else "file"
        for row in reader:
            key = row.pop(id_column)
            groups[key] = {k: v for k, v in row.items() if v}
    try:
        table = impact_ratios(scores, groups, threshold=threshold, min_share=min_share)
    except ValueError as error:
        raise _usage_error(error) from None
    out.out(table.to_markdown())
    flagged = table.flagged()
    if flagged:
        out.out("\nbelow the four-fifths rule: " + ", ".join(f"{r.dimension}={r.category}" for r in flagged))


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the fit report."""
    out.out(fit_report_json_schema(), end="")


@app.command("parse")
def parse_command(
    paths: Annotated[list[Path], typer.Argument(help="Resume files or folders (recursed).")],
    as_of: AsOfOption = None,
    reader: Annotated[str, typer.Option("--reader", help="PDF reader: pdfium or pdfplumber.")] = "pdfium",
    as_json: Annotated[bool, typer.Option("--json", help="Print each Resume as JSON.")] = False,
) -> None:
    """Parse resumes and show what was found (no matching)."""
    from ._batch import expand_inputs

    failures = 0
    for path in expand_inputs(paths):
        try:
            resume = parse_resume(path, as_of=_as_of(as_of), pdf_reader=reader)
        except RolematchError as error:
            failures += 1
            out.out(f"== {path}\n   error: {error}")
            continue
        out.out(resume.model_dump_json(indent=2) if as_json else _summary(path, resume))
    if failures:
        raise typer.Exit(1)


def _summary(path: Path, resume: Resume) -> str:
    lines = [f"== {path} ({resume.source.format}, reader {resume.source.reader})"]
    lines.append("   sections: " + ", ".join(s.kind.value for s in resume.sections))
    lines.append(f"   experience: {resume.total_experience_years:.1f} years in {len(resume.experience)} entries")
    for entry in resume.experience:
        end = "present" if entry.is_current else (str(entry.end) if entry.end else "?")
        start = str(entry.start) if entry.start else "?"
        lines.append(f"     - {entry.title or '?'} @ {entry.organization or '?'} ({start} - {end})")
    for school in resume.education:
        level = school.level.value if school.level else "?"
        lines.append(
            f"   education: {level} | {school.field or '?'} | {school.institution or '?'} | {school.year or '?'}"
        )
    distinct = resume.distinct_skills()
    if distinct:
        shown = ", ".join(e.name for e in distinct[:12])
        more = f" (+{len(distinct) - 12} more)" if len(distinct) > 12 else ""
        lines.append(f"   skills: {len(distinct)} distinct in {len(resume.skills)} mentions: {shown}{more}")
    if resume.warnings:
        lines.append("   warnings: " + "; ".join(f"{w.code}: {w.message}" for w in resume.warnings))
    return "\n".join(lines)


def _version(value: bool) -> None:
    if value:
        out.out(f"rolematch {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Read resumes and tell how well each candidate fits a role at a level, with evidence."""


def main() -> None:
    """Entry point of the ``rolematch`` console script."""
    app(prog_name="rolematch")


if __name__ == "__main__":  # pragma: no cover
    main()
