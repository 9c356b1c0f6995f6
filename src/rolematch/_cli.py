"""The ``rolematch`` command line: ``parse``, ``rank`` and ``match`` (issue 5 brings the batch engine)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from ._api import assess, match, parse_resume, rank
from ._version import __version__
from .errors import RolematchError
from .present import render_assessment, render_ranking, render_report
from .resume import Resume

__all__ = ["main"]


def _inputs(paths: Sequence[str]) -> Iterator[Path]:
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        else:
            yield path


def _summary(path: Path, resume: Resume) -> str:
    lines = [f"== {path} ({resume.source.format}, reader {resume.source.reader})"]
    contact = resume.contact
    lines.append(
        f"   name: {contact.name or '?'} | emails: {', '.join(contact.emails) or '-'} | "
        f"phones: {', '.join(contact.phones) or '-'} | links: {len(contact.links)}"
    )
    lines.append("   sections: " + ", ".join(s.kind.value for s in resume.sections))
    lines.append(f"   experience: {resume.total_experience_years:.1f} years in {len(resume.experience)} entries")
    for entry in resume.experience:
        end = "present" if entry.is_current else (str(entry.end) if entry.end else "?")
        start = str(entry.start) if entry.start else "?"
        lines.append(
            f"     - {entry.title or '?'} @ {entry.organization or '?'} ({start} - {end}, {len(entry.bullets)} bullets)"
        )
    for school in resume.education:
        lines.append(
            f"   education: {school.level.value if school.level else '?'} | {school.field or '?'} | "
            f"{school.institution or '?'} | {school.year or '?'}"
        )
    distinct = resume.distinct_skills()
    if distinct:
        shown = ", ".join(e.name for e in distinct[:12])
        more = f" (+{len(distinct) - 12} more)" if len(distinct) > 12 else ""
        lines.append(f"   skills: {len(distinct)} distinct in {len(resume.skills)} mentions: {shown}{more}")
    if resume.warnings:
        lines.append("   warnings: " + "; ".join(f"{w.code}: {w.message}" for w in resume.warnings))
    return "\n".join(lines)


def _parse_command(args: argparse.Namespace) -> int:
    as_of = date.fromisoformat(args.as_of) if args.as_of else None
    failures = 0
    for path in _inputs(args.paths):
        try:
            resume = parse_resume(path, as_of=as_of, pdf_reader=args.reader)
        except RolematchError as error:
            failures += 1
            print(f"== {path}\n   error: {error}")
            continue
        print(resume.model_dump_json(indent=2) if args.json else _summary(path, resume))
    return 1 if failures else 0


def _rank_command(args: argparse.Namespace) -> int:
    as_of = date.fromisoformat(args.as_of) if args.as_of else None
    resumes: list[Resume] = []
    labels: list[str] = []
    failures: list[tuple[Path, RolematchError]] = []
    for path in _inputs(args.paths):
        try:
            resumes.append(parse_resume(path, as_of=as_of))
            labels.append(str(path))
        except RolematchError as error:
            failures.append((path, error))
    try:
        rows = rank(
            resumes, role=args.role, level=args.level, labels=labels, location=args.location, industry=args.industry
        )
    except RolematchError as problem:
        print(f"error: {problem}")
        return 2
    scope = f", level {args.level}" if args.level else ", each resume at its best level"
    print(f"Ranking for role {args.role}{scope} ({len(rows)} resumes)\n")
    print(render_ranking(rows))
    for path, failure in failures:
        print(f"error: {path}: {failure}")
    return 1 if failures else 0


def _match_command(args: argparse.Namespace) -> int:
    as_of = date.fromisoformat(args.as_of) if args.as_of else None
    try:
        resume = parse_resume(Path(args.path), as_of=as_of)
        if args.level:
            report = match(resume, role=args.role, level=args.level, location=args.location, industry=args.industry)
            print(report.model_dump_json(indent=2) if args.json else render_report(report))
        else:
            assessment = assess(resume, role=args.role, location=args.location, industry=args.industry)
            best = assessment.reports[assessment.best_level]
            print(
                assessment.model_dump_json(indent=2)
                if args.json
                else render_assessment(assessment) + "\n\n" + render_report(best)
            )
    except RolematchError as error:
        print(f"error: {args.path}: {error}")
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``rolematch`` console script."""
    parser = argparse.ArgumentParser(prog="rolematch", description="Read resumes and match them to roles.")
    parser.add_argument("--version", action="version", version=f"rolematch {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse", help="parse resumes (files or folders) and show what was found")
    parse.add_argument("paths", nargs="+", help="resume files or folders (recursed)")
    parse.add_argument("--as-of", help="date open ranges end at (YYYY-MM-DD; default today)")
    parse.add_argument("--reader", default="pdfium", choices=["pdfium", "pdfplumber"], help="PDF reader")
    parse.add_argument("--json", action="store_true", help="print each Resume as JSON")
    for name, helptext in (
        ("rank", "rank resumes (files or folders) for a role"),
        ("match", "one resume's fit report"),
    ):
        command = commands.add_parser(name, help=helptext)
        if name == "rank":
            command.add_argument("paths", nargs="+", help="resume files or folders (recursed)")
        else:
            command.add_argument("path", help="a resume file")
            command.add_argument("--json", action="store_true", help="print the report as JSON")
        command.add_argument("--role", default="ml-engineer", help="role id (default ml-engineer)")
        command.add_argument("--level", help="level id (default: each resume's best level)")
        command.add_argument("--as-of", help="date open ranges end at (YYYY-MM-DD; default today)")
        command.add_argument("--location", help="the job's location (places the salary within the band)")
        command.add_argument("--industry", help="the job's industry (places the salary within the band)")
    args = parser.parse_args(argv)
    if args.command == "parse":
        return _parse_command(args)
    if args.command == "rank":
        return _rank_command(args)
    if args.command == "match":
        return _match_command(args)
    parser.error(f"unknown command {args.command}")  # pragma: no cover - argparse exits first
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
