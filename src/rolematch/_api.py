"""The public entry points: parse a resume from a file, bytes, a file object or raw text."""

from __future__ import annotations

import hashlib
import pickle
import threading
from collections.abc import Iterable, Sequence
from datetime import date
from os import PathLike
from pathlib import Path

from ._audit import AuditLog, blind_report
from ._isolation import Isolation, ReaderProcess, run_isolated
from ._limits import DEFAULT_LIMITS, Limits
from ._match import DEFAULT_ROLE, Assessment, FitReport, RankedResume, Role, assess_resume, get_role, match_resume
from ._parse import parse_document
from ._parse._sections import find_sections
from ._read import Document, PdfReader, Source, read_document, read_source_bytes, read_text
from ._skills import SkillRegistry, default_registry
from .errors import EmptyDocumentError
from .resume import Resume, SkillMention

__all__ = ["assess", "extract_skills", "match", "parse_resume", "parse_text", "rank"]


def parse_resume(
    source: Source,
    *,
    as_of: date | None = None,
    limits: Limits = DEFAULT_LIMITS,
    pdf_reader: str | PdfReader = "pdfium",
    skills: SkillRegistry | None = None,
    isolation: Isolation | None = None,
) -> Resume:
    """Read and parse a resume given as a path, bytes or a binary file object.

    The format (PDF, DOCX, JSON Resume, plain text or Markdown) is sniffed from the content.
    ``as_of`` (default: today) is the date open ranges ("Present") end at, so that results are
    reproducible. ``skills`` is a :class:`~rolematch.SkillRegistry` with your own taxonomy or
    extractors (default: the built-in one). ``isolation`` reads the bytes in a child process with
    time, memory and CPU limits (on by default in batch and server; see docs/security.md). Raises
    a :class:`~rolematch.errors.RolematchError` subclass for bad input.
    """
    if isolation is None:
        document = read_document(source, limits=limits, pdf_reader=pdf_reader)
        return parse_document(document, as_of=as_of, skills=skills)
    data = read_source_bytes(source, limits)  # size check before anything is handed to a reader
    if skills is None and isinstance(pdf_reader, str):
        # The common case goes to a long-lived reader child with warm caches.
        return _isolated(("bytes", data, as_of, limits, pdf_reader), isolation)
    registry = skills or default_registry()  # built here once, inherited by the child

    def work() -> str:
        document = read_document(data, limits=limits, pdf_reader=pdf_reader)
        return parse_document(document, as_of=as_of, skills=registry).model_dump_json()

    return Resume.model_validate_json(run_isolated(work, isolation))


_readers = threading.local()


def _handle(request: bytes) -> str:
    """In the reader child: one pickled request to a Resume's JSON."""
    kind, *fields = pickle.loads(request)  # from our own parent process only
    if kind == "bytes":
        data, as_of, limits, pdf_reader = fields
        document = read_document(data, limits=limits, pdf_reader=pdf_reader)
    else:
        document, as_of = fields
    return parse_document(document, as_of=as_of).model_dump_json()


def close_readers() -> None:
    """Stop this thread's reader children (they also stop when the process exits)."""
    for reader in (getattr(_readers, "by_isolation", None) or {}).values():
        reader.close()
    _readers.by_isolation = {}


def _isolated(request: tuple[object, ...], isolation: Isolation) -> Resume:
    """A request to this thread's reader child for ``isolation`` (started on first use)."""
    readers: dict[Isolation, ReaderProcess] = getattr(_readers, "by_isolation", None) or {}
    _readers.by_isolation = readers
    reader = readers.get(isolation)
    if reader is None:
        default_registry()  # built before the fork, so the child inherits it
        reader = readers[isolation] = ReaderProcess(_handle, isolation)
    return Resume.model_validate_json(reader.request(pickle.dumps(request)))


def parse_text(
    text: str,
    *,
    as_of: date | None = None,
    limits: Limits = DEFAULT_LIMITS,
    skills: SkillRegistry | None = None,
    isolation: Isolation | None = None,
) -> Resume:
    """Parse a resume given as text (already extracted by the caller); ``isolation`` as in parse_resume."""
    if not isinstance(text, str):
        raise TypeError(f"parse_text takes a str, not {type(text).__name__}; use parse_resume for files and bytes")
    if not text.strip():
        raise EmptyDocumentError("the text is empty")
    encoded = text.encode("utf-8", "surrogatepass")
    document = Document(
        format="text",
        text=read_text(text, limits=limits),
        reader="text",
        bytes=len(encoded),
        sha256=hashlib.sha256(encoded).hexdigest(),
    )
    if isolation is None:
        return parse_document(document, as_of=as_of, skills=skills)
    if skills is None:
        return _isolated(("document", document, as_of), isolation)
    return Resume.model_validate_json(
        run_isolated(lambda: parse_document(document, as_of=as_of, skills=skills).model_dump_json(), isolation)
    )


def extract_skills(text: str, *, skills: SkillRegistry | None = None) -> list[SkillMention]:
    """Skill mentions in any text (a resume fragment, a job ad), with sections found from its headings.

    Lighter than :func:`parse_text`: no contacts, dates or experience entries, so mentions carry
    a section but no experience entry.
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_skills takes a str, not {type(text).__name__}")
    return (skills or default_registry()).extract(text, sections=find_sections(text))


MatchSource = Resume | Source


def _resume_of(source: MatchSource, as_of: date | None) -> Resume:
    if isinstance(source, Resume):
        if as_of is not None and as_of != source.as_of:
            raise ValueError(
                f"the resume was parsed as of {source.as_of}, not {as_of}; parse it again with as_of={as_of}"
            )
        return source
    return parse_resume(source, as_of=as_of)


def match(
    source: MatchSource,
    *,
    role: str | Role = DEFAULT_ROLE,
    level: str,
    as_of: date | None = None,
    location: str | None = None,
    industry: str | None = None,
    blind: bool = False,
    audit: AuditLog | None = None,
) -> FitReport:
    """How well a resume fits one level of a role, with evidence for every requirement.

    ``source`` is a parsed :class:`Resume` or anything :func:`parse_resume` reads. ``location``
    and ``industry`` describe the job (not the candidate) and only place the salary expectation
    within the level's band. ``blind=True`` masks names, contacts, addresses and links wherever
    they could appear in the report. ``audit`` records the decision (hashes, never content).
    Raises :class:`~rolematch.UnknownRoleError` for an unknown role or level.
    """
    resume = _resume_of(source, as_of)
    found = get_role(role)
    report = match_resume(resume, found, level, as_of=resume.as_of, location=location, industry=industry)
    return _finish(report, resume, found, location, industry, blind, audit)


def _finish(
    report: FitReport,
    resume: Resume,
    role: Role,
    location: str | None,
    industry: str | None,
    blind: bool,
    audit: AuditLog | None,
) -> FitReport:
    if blind:
        report = blind_report(report, resume)
    if audit is not None:
        digest = resume.source.sha256 or hashlib.sha256(resume.text.encode("utf-8")).hexdigest()
        audit.record(report, input_sha256=digest, role=role, location=location, industry=industry, blind=blind)
    return report


def assess(
    source: MatchSource,
    *,
    role: str | Role = DEFAULT_ROLE,
    as_of: date | None = None,
    location: str | None = None,
    industry: str | None = None,
    blind: bool = False,
    audit: AuditLog | None = None,
) -> Assessment:
    """Every level of a role for one resume, and the best-fitting level with its reasons.

    ``blind`` and ``audit`` as in :func:`match`; the audit log records the best level's report.
    """
    resume = _resume_of(source, as_of)
    found = get_role(role)
    assessment = assess_resume(resume, found, as_of=resume.as_of, location=location, industry=industry)
    if not blind and audit is None:
        return assessment
    reports = {
        level_id: (blind_report(report, resume) if blind else report) for level_id, report in assessment.reports.items()
    }
    _finish(reports[assessment.best_level], resume, found, location, industry, False, audit)
    return assessment.model_copy(update={"reports": reports})


def rank(
    sources: Iterable[MatchSource],
    *,
    role: str | Role = DEFAULT_ROLE,
    level: str | None = None,
    as_of: date | None = None,
    location: str | None = None,
    industry: str | None = None,
    labels: Sequence[str] | None = None,
) -> list[RankedResume]:
    """Resumes best first: by their score at ``level``, or with no level at each one's best level.

    ``labels`` name the sources in the result (default: file names, or position). Ties keep a
    stable order by label. An unreadable source raises its ``RolematchError``.
    """
    found = get_role(role)
    rows = []
    for index, source in enumerate(sources):
        resume = _resume_of(source, as_of)
        label = labels[index] if labels is not None else _label(source, index)
        if level is None:
            assessment = assess_resume(resume, found, as_of=resume.as_of, location=location, industry=industry)
            report = assessment.reports[assessment.best_level]
        else:
            report = match_resume(resume, found, level, as_of=resume.as_of, location=location, industry=industry)
        rows.append((label, report))
    rows.sort(key=lambda row: (-row[1].score, row[0]))
    return [
        RankedResume(
            rank=i, source=label, level=report.level, score=report.score, verdict=report.verdict, report=report
        )
        for i, (label, report) in enumerate(rows, start=1)
    ]


def _label(source: MatchSource, index: int) -> str:
    if isinstance(source, (str, PathLike)):
        return Path(source).name
    if isinstance(source, Resume):
        return source.contact.name or f"resume {index + 1}"
    name = getattr(source, "name", None)
    return Path(name).name if isinstance(name, str) else f"resume {index + 1}"
