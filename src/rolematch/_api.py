"""The public entry points: parse a resume from a file, bytes, a file object or raw text."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from datetime import date
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Union

from ._isolation import Isolation, read_in_child, run_isolated
from ._limits import DEFAULT_LIMITS, Limits
from ._match import DEFAULT_ROLE, Assessment, FitReport, RankedResume, Role, get_role, list_roles
from ._parse import parse_document
from ._parse._sections import find_sections
from ._pipeline import Decision, assessment_across, assessment_for, report_for, taxonomy_for
from ._read import Document, PdfReader, Source, read_document, read_source_bytes, read_text
from ._skills import SkillRegistry, default_registry
from .errors import EmptyDocumentError
from .resume import Resume, SkillMention

if TYPE_CHECKING:
    from ._audit import AuditLog
    from ._job import JobPosting

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
        return Resume.model_validate_json(read_in_child(("bytes", data, as_of, limits, pdf_reader), isolation))
    registry = skills or default_registry()  # built here once, inherited by the child

    def work() -> str:
        document = read_document(data, limits=limits, pdf_reader=pdf_reader)
        return parse_document(document, as_of=as_of, skills=registry).model_dump_json()

    return Resume.model_validate_json(run_isolated(work, isolation))


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
        return Resume.model_validate_json(read_in_child(("document", document, as_of), isolation))
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
JobSource = Union["JobPosting", str, "os.PathLike[str]", bytes]


def _posting_of(job: JobSource, as_of: date | None, skills: SkillRegistry | None) -> JobPosting:
    """A parsed posting: as given, from text (a ``str``), or read from a file (a path or bytes)."""
    from ._job import JobPosting, parse_job, parse_job_text

    if isinstance(job, JobPosting):
        return job
    if isinstance(job, str):
        return parse_job_text(job, as_of=as_of, skills=skills)
    return parse_job(job, as_of=as_of, skills=skills)


def _role_for(
    role: str | Role | None, job: JobSource | None, as_of: date | None, skills: SkillRegistry | None
) -> tuple[Role, str | None]:
    """The role to match against (a role id or file's, or the one behind a posting) and the posting's location."""
    if job is None:
        return get_role(role if role is not None else DEFAULT_ROLE), None
    if role is not None:
        raise ValueError("give a role or a job posting, not both")
    from ._job import role_from_job

    posting = _posting_of(job, as_of, skills)
    return role_from_job(posting, taxonomy=(skills or default_registry()).taxonomy), posting.location


def _resume_of(source: MatchSource, as_of: date | None, skills: SkillRegistry | None) -> Resume:
    if isinstance(source, Resume):
        if as_of is not None and as_of != source.as_of:
            raise ValueError(
                f"the resume was parsed as of {source.as_of}, not {as_of}; parse it again with as_of={as_of}"
            )
        return source
    return parse_resume(source, as_of=as_of, skills=skills)


def match(
    source: MatchSource,
    *,
    role: str | Role | None = None,
    level: str | None = None,
    job: JobSource | None = None,
    as_of: date | None = None,
    location: str | None = None,
    industry: str | None = None,
    blind: bool = False,
    audit: AuditLog | None = None,
    skills: SkillRegistry | None = None,
    strict: bool = False,
) -> FitReport:
    """How well a resume fits one level of a role, with evidence for every requirement.

    ``source`` is a parsed :class:`Resume` or anything :func:`parse_resume` reads. ``location``
    and ``industry`` describe the job (not the candidate) and only place the salary expectation
    within the level's band. ``blind=True`` masks names, contacts, addresses and links wherever
    they could appear in the report. ``audit`` records the decision (hashes, never content).
    ``skills`` is the registry to parse with and whose taxonomy judges the requirements (default:
    the built-in one); a Resume parsed with another taxonomy raises
    :class:`~rolematch.errors.TaxonomyMismatchError`. ``strict=True`` gives no verdict above the
    role's strict cap ("partial fit" for the built-in role) unless every must-have is met.

    ``role`` is a role id or a :class:`Role` (default: the built-in ML engineer); ``job`` is a job
    posting instead: a :class:`JobPosting`, its text (a ``str``), or a file (a path or bytes). The
    report then quotes the posting's lines, takes its pay from the posting when it states one, and
    its location places the salary unless ``location`` is given. Without ``level``: the posting's
    level, or for a role the most senior level the evidence supports (see :func:`assess`).
    Raises :class:`~rolematch.UnknownRoleError` for an unknown role or level.
    """
    found, posting_location = _role_for(role, job, as_of, skills)
    if level is not None:
        found.level(level)  # an unknown level fails before any reading
    resume = _resume_of(source, as_of, skills)
    if level is None and job is None:
        decision = Decision(found, None, location, industry, blind, strict)
        assessment = assessment_for(resume, decision, taxonomy=taxonomy_for(resume, skills))
        level = assessment.best_level
    decision = Decision(found, level or found.level_ids[0], location or posting_location, industry, blind, strict)
    return report_for(resume, decision, taxonomy=taxonomy_for(resume, skills), audit=audit)


def assess(
    source: MatchSource,
    *,
    role: str | Role | None = None,
    as_of: date | None = None,
    location: str | None = None,
    industry: str | None = None,
    blind: bool = False,
    audit: AuditLog | None = None,
    skills: SkillRegistry | None = None,
    strict: bool = False,
) -> Assessment:
    """Every level of a role for one resume, and the most senior level the evidence supports, with reasons.

    Without ``role``, every known role is tried (``list_roles()``): the result is the assessment of
    the role that fits best, its ``summary`` says so ("looks like a mid-level data engineer") and
    ``roles`` lists every role's fit. ``blind``, ``audit``, ``skills`` and ``strict`` as in
    :func:`match` (strict changes the verdicts, not the best level); the audit log records the best
    level's report.
    """
    resume = _resume_of(source, as_of, skills)
    taxonomy = taxonomy_for(resume, skills)
    if role is None:
        decision = Decision(get_role(DEFAULT_ROLE), None, location, industry, blind, strict)
        roles = [get_role(role_id) for role_id in list_roles()]
        return assessment_across(resume, roles, decision, taxonomy=taxonomy, audit=audit)
    decision = Decision(get_role(role), None, location, industry, blind, strict)
    return assessment_for(resume, decision, taxonomy=taxonomy, audit=audit)


def rank(
    sources: Iterable[MatchSource],
    *,
    role: str | Role | None = None,
    level: str | None = None,
    job: JobSource | None = None,
    as_of: date | None = None,
    location: str | None = None,
    industry: str | None = None,
    labels: Sequence[str] | None = None,
    skills: SkillRegistry | None = None,
    strict: bool = False,
) -> list[RankedResume]:
    """Resumes best first: by their score at ``level``, or with no level at each one's best level.

    ``labels`` name the sources in the result (default: file names, or position). Ties keep a
    stable order by label. ``job``, ``skills`` and ``strict`` as in :func:`match` (with a posting, every
    resume at the posting's level). An unreadable source raises its ``RolematchError``.
    """
    from ._present import rank_reports  # the present stage is not needed before a ranking

    found, posting_location = _role_for(role, job, as_of, skills)
    if level is not None:
        found.level(level)
    elif job is not None:
        level = found.level_ids[0]
    decision = Decision(found, level, location or posting_location, industry, strict=strict)
    labelled = []
    for index, source in enumerate(sources):
        resume = _resume_of(source, as_of, skills)
        taxonomy = taxonomy_for(resume, skills)
        if level is None:
            assessment = assessment_for(resume, decision, taxonomy=taxonomy)
            report = assessment.reports[assessment.best_level]
        else:
            report = report_for(resume, decision, taxonomy=taxonomy)
        labelled.append((labels[index] if labels is not None else _label(source, index), report))
    return rank_reports(labelled)


def _label(source: MatchSource, index: int) -> str:
    if isinstance(source, (str, PathLike)):
        return Path(source).name
    if isinstance(source, Resume):
        return source.contact.name or f"resume {index + 1}"
    name = getattr(source, "name", None)
    return Path(name).name if isinstance(name, str) else f"resume {index + 1}"
