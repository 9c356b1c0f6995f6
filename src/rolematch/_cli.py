"""The ``rolematch`` command line (Typer for commands and help, Rich for terminal output).

Exit codes: 0 everything worked; 1 some inputs failed (each has its own error row or message);
2 usage errors (bad options, unknown role or level, unreadable role file).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markdown import Markdown
from rich.table import Table

from ._api import assess, match, parse_resume
from ._cli_batch import batch_command
from ._cli_common import (
    AsOfOption,
    BlindOption,
    Command,
    FormatOption,
    IndustryOption,
    JobOption,
    LocationOption,
    PdfReaderName,
    ReaderOption,
    ReportFormat,
    RoleOption,
    StrictOption,
    as_of_date,
    err,
    out,
    print_markdown,
    role_or_exit,
    usage_error,
)
from ._cli_job import job_command
from ._match import DEFAULT_ROLE, Assessment, FitReport, get_role, list_roles
from ._present import expected_pay, fit_report_json_schema, render_assessment, render_report
from ._present._plain import plain_table, plain_text
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
roles_app = typer.Typer(
    help="The roles rolematch knows: `rolematch roles` (or `rolematch roles list`) lists them.",
    invoke_without_command=True,
)
app.add_typer(roles_app, name="roles")
audit_app = typer.Typer(help="Audit: replay logged decisions, compute impact ratios.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")
app.command("job", cls=Command)(job_command)
app.command("batch", cls=Command)(batch_command)

ResumeArgument = Annotated[
    Path,
    typer.Argument(metavar="RESUME", help="A resume: PDF, DOCX, text, Markdown or JSON Resume."),
]


def _print_report(report: FitReport, fmt: ReportFormat | None) -> None:
    if fmt is ReportFormat.json:
        out.out(report.model_dump_json(indent=2))
    else:
        print_markdown(render_report(report), fmt)


def _parse_or_exit(path: Path, as_of: str | None, reader: PdfReaderName = PdfReaderName.pdfium) -> Resume:
    when = as_of_date(as_of)
    try:
        return parse_resume(path, as_of=when, pdf_reader=reader.value)
    except RolematchError as error:
        err.out(f"error: {path}: {error}")
        raise typer.Exit(1) from None


@app.command("match", cls=Command)
def match_command(
    file: ResumeArgument,
    role: RoleOption = DEFAULT_ROLE,
    level: Annotated[
        str | None,
        typer.Option(
            "--level", metavar="LEVEL", help="Level id; default: the most senior level the evidence supports."
        ),
    ] = None,
    as_of: AsOfOption = None,
    location: LocationOption = None,
    industry: IndustryOption = None,
    fmt: FormatOption = None,
    blind: BlindOption = False,
    strict: StrictOption = False,
    job: JobOption = None,
    reader: ReaderOption = PdfReaderName.pdfium,
) -> None:
    """Print one resume's fit report for a role level, or for a job posting (--job)."""
    found = role_or_exit(role, level, job)
    resume = _parse_or_exit(file, as_of, reader)
    if found.posting is not None:
        location = location or found.posting.location
    report = match(resume, role=found, level=level, location=location, industry=industry, blind=blind, strict=strict)
    _print_report(report, fmt)


@app.command("assess", cls=Command)
def assess_command(
    file: ResumeArgument,
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            metavar="ROLE",
            help="Role id or role file's path; default: every known role, the best-fitting shown.",
        ),
    ] = None,
    as_of: AsOfOption = None,
    location: LocationOption = None,
    industry: IndustryOption = None,
    fmt: FormatOption = None,
    blind: BlindOption = False,
    strict: StrictOption = False,
    reader: ReaderOption = PdfReaderName.pdfium,
) -> None:
    """Score a resume at every level of a role (of every role without --role), best level first."""
    if role is not None:
        role_or_exit(role, None, None)
    resume = _parse_or_exit(file, as_of, reader)
    assessment = assess(resume, role=role, location=location, industry=industry, blind=blind, strict=strict)
    if fmt is ReportFormat.json:
        out.out(assessment.model_dump_json(indent=2))
        return
    if fmt is ReportFormat.markdown or (not out.is_terminal and fmt is None):
        print_markdown(render_assessment(assessment), fmt)
        return
    rows = _level_rows(assessment)
    if not out.is_terminal:  # plain text: the terminal's table and reasons, without markup
        head, _, rest = render_assessment(assessment).partition("\n\n")
        out.out("\n\n".join([head, "\n".join(plain_table(rows)), plain_text(rest)]))
        return
    if assessment.summary:
        out.print(f"The resume {assessment.summary}.")
    table = Table(*rows[0])
    for row in rows[1:]:
        table.add_row(*row)
    out.print(table)
    out.print(Markdown("\n".join(f"- {reason}" for reason in assessment.reasons)))


def _level_rows(assessment: Assessment) -> list[list[str]]:
    """A header and one row per level, best level first, then by score."""
    ordered = sorted(assessment.reports.values(), key=lambda r: (r.level != assessment.best_level, -r.score))
    rows = [["level", "score", "verdict", "must-haves met", "years (expected)", "salary expectation"]]
    for report in ordered:
        musts = [r for r in report.requirements if r.kind == "must"]
        met = sum(r.status == "met" for r in musts)
        rows.append(
            [
                report.level + (" (best)" if report.level == assessment.best_level else ""),
                f"{report.score:g}",
                report.verdict,
                f"{met}/{len(musts)}",
                f"{report.experience_years:g} ({report.expected_years})",
                expected_pay(report.salary.model_dump(mode="json")),
            ]
        )
    return rows


@roles_app.callback()
def roles_callback(context: typer.Context) -> None:
    """List the known roles and their levels (as `rolematch roles list`)."""
    if context.invoked_subcommand is None:
        roles_list()


@roles_app.command("list", cls=Command)
def roles_list() -> None:
    """List the known roles and their levels."""
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


@roles_app.command("show", cls=Command)
def roles_show(
    name: Annotated[str, typer.Argument(metavar="ROLE", help="Role id or a role file's path.")],
    fmt: FormatOption = None,
) -> None:
    """Must-haves, nice-to-haves, expected years and salary band of every level of a role."""
    try:
        role = get_role(name)
    except (UnknownRoleError, DataFileError) as error:
        raise usage_error(error) from None
    if fmt is ReportFormat.json:
        out.out(role.spec.model_dump_json(indent=2))
        return
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
    print_markdown("\n".join(lines), fmt)


@app.command("serve", cls=Command)
def serve_command(
    host: Annotated[
        str, typer.Option("--host", metavar="HOST", help="Interface to bind; loopback by default.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option("--workers", metavar="N", min=1, max=64, help="Server processes.")] = 1,
    no_auth: Annotated[
        bool, typer.Option("--no-auth", help="Turn API-key authentication off (local use only).")
    ] = False,
    api_keys_file: Annotated[
        Path | None, typer.Option("--api-keys-file", metavar="FILE", help="A file with one API key per line.")
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
        raise usage_error(
            ValueError("; ".join(e["msg"].removeprefix("Value error, ") for e in error.errors()))
        ) from None
    except (ValueError, OSError) as error:
        raise usage_error(error) from None
    if no_auth and host not in {"127.0.0.1", "localhost", "::1"}:
        err.out(f"warning: authentication is off and the service listens on {host}")
    uvicorn.run("rolematch._server:create_app", factory=True, host=host, port=port, workers=workers)


@audit_app.command("verify", cls=Command)
def audit_verify(
    log: Annotated[Path, typer.Argument(metavar="LOG", help="An audit log (JSON lines).")],
    input_file: Annotated[Path, typer.Option("--input", metavar="RESUME", help="The resume the entry was made from.")],
    line: Annotated[
        int | None,
        typer.Option("--line", metavar="N", min=1, help="Entry number (default: the last entry for this input)."),
    ] = None,
) -> None:
    """Replay a logged decision against its input and check the report is identical."""
    import hashlib

    from ._audit import AuditLog, verify

    entries = AuditLog.read(log)
    if line is not None:
        if line > len(entries):
            raise usage_error(ValueError(f"the log has {len(entries)} entries"))
        entry = entries[line - 1]
    else:
        digest = hashlib.sha256(input_file.read_bytes()).hexdigest()
        matching = [e for e in entries if e.input_sha256 == digest]
        if not matching:
            raise usage_error(ValueError(f"no entry in {log} is for {input_file} (sha256 {digest[:12]})"))
        entry = matching[-1]
    result = verify(entry, input_file)
    out.out(f"entry: {entry.timestamp} {entry.role}/{entry.level} score {entry.score:g} ({entry.verdict})")
    if result.identical:
        out.out("identical: the replay gives the same report, byte for byte")
        return
    out.out("DIFFERENT:\n" + "\n".join(f"- {d}" for d in result.differences))
    raise typer.Exit(1)


@audit_app.command("impact", cls=Command)
def audit_impact(
    results: Annotated[
        Path, typer.Argument(metavar="RESULTS", help="Batch output (.jsonl or .csv) with a score per resume.")
    ],
    demographics: Annotated[
        Path,
        typer.Argument(
            metavar="DEMOGRAPHICS",
            help="The employer's CSV: a `file` or `sha256` column, then one column per attribute.",
        ),
    ],
    threshold: Annotated[
        float | None,
        typer.Option("--threshold", metavar="SCORE", help="Selection score; default: scoring rate above the median."),
    ] = None,
    min_share: Annotated[
        float, typer.Option("--min-share", metavar="SHARE", min=0, max=0.5, help="Leave out smaller categories.")
    ] = 0.0,
) -> None:
    """Selection or scoring rates and impact ratios per category (NYC Local Law 144 style)."""
    import csv
    import json

    from ._audit import impact_ratios
    from ._batch._outputs import csv_rows

    scores: dict[str, float] = {}
    if results.suffix.lower() == ".jsonl":
        for text in results.read_text(encoding="utf-8").splitlines():
            row = json.loads(text)
            if row.get("status") == "ok":
                for key in (row["file"], Path(row["file"]).name, row.get("sha256") or ""):
                    scores[key] = row["report"]["score"]
    else:
        for row in csv_rows(results):  # a batch CSV's leading '#' lines (what and when) are skipped
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
        raise usage_error(error) from None
    out.out(table.to_markdown())
    flagged = table.flagged()
    if flagged:
        out.out("\nbelow the four-fifths rule: " + ", ".join(f"{r.dimension}={r.category}" for r in flagged))


@app.command("schema", cls=Command)
def schema_command() -> None:
    """Print the JSON Schema of the fit report."""
    out.out(fit_report_json_schema(), end="")


@app.command("parse", cls=Command)
def parse_command(
    paths: Annotated[list[Path], typer.Argument(metavar="RESUME...", help="Resume files or folders (recursed).")],
    as_of: AsOfOption = None,
    reader: ReaderOption = PdfReaderName.pdfium,
    as_json: Annotated[bool, typer.Option("--json", help="Print each Resume as JSON.")] = False,
) -> None:
    """Parse resumes and show what was found (no matching)."""
    from ._batch import expand_inputs

    failures = 0
    for path in expand_inputs(paths):
        try:
            resume = parse_resume(path, as_of=as_of_date(as_of), pdf_reader=reader.value)
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
