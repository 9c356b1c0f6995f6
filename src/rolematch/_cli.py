"""The ``rolematch`` command line. For now: ``rolematch parse PATH...``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from ._api import parse_resume
from ._version import __version__
from .errors import RolematchError
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
    args = parser.parse_args(argv)
    if args.command == "parse":
        return _parse_command(args)
    parser.error(f"unknown command {args.command}")  # pragma: no cover - argparse exits first
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
