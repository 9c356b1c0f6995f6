"""The documents in a request body (resumes, a job posting): a multipart upload, JSON, or the raw file bytes.

The bytes are read into memory with a size cap (multipart bodies are parsed in memory rather
than spooled to temporary files), never logged and never written to disk. The content type the
caller sends is not trusted: the readers sniff the bytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, Request
from pydantic import BaseModel, ValidationError

from .._api import parse_resume, parse_text
from .._isolation import run_isolated
from ..resume import Resume
from ._body import multipart_parts, read_body
from ._errors import Failure
from ._requests import MAX_RESUMES, JobRequest, MatchRequest, RankRequest, TextResume
from ._state import Service, ServiceDep
from ._work import run_bounded

if TYPE_CHECKING:
    from .._job import JobPosting

__all__ = ["JOB", "MATCH", "RANK", "RESUME", "Contents", "Document", "Shape", "Upload", "UploadDep", "upload"]

# Multipart framing around the files: boundaries and part headers.
_MULTIPART_OVERHEAD = 16 * 1024


@dataclass(frozen=True)
class Document:
    """One document of a body: text to read as text (``str``), or file bytes whose format is sniffed."""

    data: str | bytes
    filename: str | None = None


@dataclass(frozen=True)
class Contents:
    """What a body carries: its resumes (in order) and the job posting, if any."""

    resumes: list[Document]
    job: Document | None


@dataclass(frozen=True)
class Shape:
    """What an endpoint's body may hold."""

    fields: tuple[str, ...] = ("file",)
    """Multipart field names: ``file`` (a resume), ``job`` (a posting)."""
    model: type[BaseModel] = TextResume
    """The JSON body."""
    max_resumes: int = 1
    """Most resumes (0: the body is a posting)."""
    documents: int = 1
    """How many documents of up to ``max_upload_bytes`` the body may hold in all."""

    @property
    def expected(self) -> str:
        """The multipart fields, for messages."""
        names = {"file": "`file` (the resume)", "job": "`job` (the job posting)"}
        if self.max_resumes > 1:
            names["file"] = f"`file` (one part per resume, at most {self.max_resumes})"
        if "file" in self.fields and "job" in self.fields:
            names["job"] = "`job` (a job posting, optional)"
        return "this endpoint takes " + " and ".join(names[field] for field in self.fields)


RESUME = Shape()
"""One resume (``/v1/parse``, ``/v1/assess``)."""
MATCH = Shape(fields=("file", "job"), model=MatchRequest, documents=2)
"""One resume and maybe a posting (``/v1/match``)."""
RANK = Shape(fields=("file", "job"), model=RankRequest, max_resumes=MAX_RESUMES, documents=2)
"""Resumes and maybe a posting (``/v1/rank``): the body's byte cap is that of MATCH, whatever the count."""
JOB = Shape(fields=("job",), model=JobRequest, max_resumes=0)
"""One posting (``/v1/jobs/parse``)."""


class Upload:
    """The documents a request carries, read only when asked for.

    Lazy on purpose: an endpoint first validates its query (422) and looks up the role and level
    (404), and only then reads and parses the body, so a bad query costs no parsing and is never
    answered with an upload error. An eagerly read body would be read before FastAPI has
    finished validating the query. (A level given without a role is checked once the body is
    read, since a job posting in it would be the role; still before anything is parsed.)
    """

    def __init__(self, request: Request, state: Service) -> None:
        self._request = request
        self._state = state

    async def contents(self, shape: Shape) -> Contents:
        """The body's documents, not parsed yet (422 ``invalid_request`` if it does not fit ``shape``)."""
        limit = self._state.settings.max_upload_bytes * shape.documents
        overhead = _MULTIPART_OVERHEAD * (2 if shape.max_resumes > 1 else 1)
        body = await read_body(self._request, limit=limit, cap=limit + overhead)
        # The media type is compared case-insensitively; the header itself is passed on as sent,
        # since a multipart boundary is case-sensitive (browsers send ----WebKitFormBoundaryAbC...).
        content_type = self._request.headers.get("content-type", "")
        media_type = content_type.lower()
        if media_type.startswith("multipart/form-data"):
            contents = _from_multipart(body, content_type, shape)
        elif media_type.startswith("application/json"):
            contents = _from_json(body, shape)
        elif shape.max_resumes:
            contents = Contents([Document(body)], None)
        else:
            contents = Contents([], Document(body))
        if len(contents.resumes) > shape.max_resumes:
            raise _too_many(shape)
        return contents

    async def resume(self, as_of: date | None) -> Resume:
        """The body's one resume, parsed (``/v1/parse``, ``/v1/assess``)."""
        return await self.parse_resume((await self.contents(RESUME)).resumes[0], as_of)

    async def job(self, as_of: date | None) -> JobPosting:
        """The body's job posting, parsed (``/v1/jobs/parse``)."""
        posting = (await self.contents(JOB)).job
        if posting is None:  # pragma: no cover - a JOB body always carries one
            raise Failure("invalid_request", "the body holds no job posting")
        return await run_bounded(self._state, lambda: self.read_job(posting, as_of))

    async def parse_resume(self, document: Document, as_of: date | None) -> Resume:
        """``document`` parsed as a resume (on the bounded thread pool within the time budget)."""
        limits, isolation = self._state.limits, self._state.settings.isolation
        source = document.data
        if isinstance(source, str):
            text = source
            return await run_bounded(
                self._state, lambda: parse_text(text, as_of=as_of, limits=limits, isolation=isolation)
            )
        return await run_bounded(
            self._state, lambda: parse_resume(source, as_of=as_of, limits=limits, isolation=isolation)
        )

    def read_job(self, document: Document, as_of: date | None) -> JobPosting:
        """``document`` parsed as a job posting, in a child process under the app's isolation limits.

        Blocking: call it on the bounded thread pool. A posting is untrusted bytes like a resume
        (PDF, DOCX, HTML), so it gets the same limits; ``parse_job`` itself has no isolation.
        """
        from .._job import JobPosting, parse_job, parse_job_text

        limits, isolation = self._state.limits, self._state.settings.isolation
        source = document.data

        def work() -> JobPosting:
            if isinstance(source, str):
                return parse_job_text(source, as_of=as_of, limits=limits)
            return parse_job(source, as_of=as_of, limits=limits)

        if isolation is None:
            return work()
        return JobPosting.model_validate_json(run_isolated(lambda: work().model_dump_json(), isolation))


async def upload(request: Request, state: ServiceDep) -> Upload:
    """Dependency: the request's documents, not read yet (see :class:`Upload`)."""
    return Upload(request, state)


UploadDep = Annotated[Upload, Depends(upload)]


def _too_many(shape: Shape) -> Failure:
    return Failure("too_many_resumes", f"at most {shape.max_resumes} resumes per request; send the rest in another")


def _from_multipart(body: bytes, content_type: str, shape: Shape) -> Contents:
    """The documents of a multipart body: ``file`` parts are resumes, a ``job`` part the posting."""
    # Room for two parts too many, so that a wrong field name gets the message naming the right ones.
    max_parts = shape.max_resumes + ("job" in shape.fields) + 2
    too_many = (
        _too_many(shape)
        if shape.max_resumes > 1
        else Failure("invalid_request", f"the multipart body has more than {max_parts} parts; {shape.expected}")
    )
    parts = multipart_parts(body, content_type, max_parts=max_parts, too_many=too_many)
    resumes: list[Document] = []
    jobs: list[Document] = []
    for part in parts:
        if part.name not in shape.fields:
            field = f"field {part.name!r}" if part.name else "a part without a field name"
            raise Failure("invalid_request", f"the multipart body has {field}; {shape.expected}")
        (resumes if part.name == "file" else jobs).append(Document(part.data, part.filename))
    if len(jobs) > 1:
        raise Failure("invalid_request", f"the multipart body has {len(jobs)} `job` parts; give one")
    if shape.max_resumes == 1 and len(resumes) > 1:
        raise Failure("invalid_request", f"the multipart body has {len(resumes)} `file` parts; give one")
    if shape.max_resumes and not resumes:
        raise Failure("invalid_request", f"the multipart body needs a file part named `file`; {shape.expected}")
    if not shape.max_resumes and not jobs:
        raise Failure("invalid_request", f"the multipart body needs a part named `job`; {shape.expected}")
    return Contents(resumes, jobs[0] if jobs else None)


def _from_json(body: bytes, shape: Shape) -> Contents:
    """The documents of a JSON body, which must be ``shape.model``."""
    try:
        payload = shape.model.model_validate(json.loads(body or b"null"))
    except (ValueError, ValidationError) as error:
        what = "a job posting" if not shape.max_resumes else "resumes" if shape.max_resumes > 1 else "a resume"
        raise Failure("invalid_request", f"the JSON body is not {what}: {_short(error)}") from None
    resumes: list[TextResume] = []
    if isinstance(payload, RankRequest):
        resumes = payload.resumes
    elif isinstance(payload, TextResume):  # MatchRequest too
        resumes = [payload]
    job = None
    if isinstance(payload, (MatchRequest, RankRequest, JobRequest)):
        job = _json_document(payload.job_text, payload.job)
    return Contents([_resume_document(r) for r in resumes], job)


def _resume_document(resume: TextResume) -> Document:
    """A JSON resume's text, or its JSON Resume object as the JSON file it would be."""
    if resume.text is not None:
        return Document(resume.text)
    return Document(json.dumps(resume.json_resume).encode("utf-8"))


def _json_document(text: str | None, value: dict[str, Any] | None) -> Document | None:
    """Text to read as text, or a JSON object to read as the JSON file it would be (None: neither given)."""
    if text is not None:
        return Document(text)
    return Document(json.dumps(value).encode("utf-8")) if value is not None else None


def _short(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in error.errors())
    return str(error)
