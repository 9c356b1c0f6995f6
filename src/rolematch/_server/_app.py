"""The HTTP service: the library's models over FastAPI, safe by default.

Resume bytes are read into memory with a size cap (multipart bodies are parsed in memory rather
than spooled to temporary files), never logged and never written to disk. The content type the
caller sends is not trusted: the reader sniffs the bytes. CPU-bound work runs on a bounded thread
pool with a time budget, so the event loop keeps answering health checks.

No ``from __future__ import annotations`` here: FastAPI reads the annotations of the nested
endpoint functions at run time.
"""

import hmac
import json
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import anyio
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from .._api import parse_resume, parse_text
from .._audit import AuditLog
from .._limits import Limits
from .._match import DEFAULT_ROLE, Assessment, FitReport, get_role, list_roles
from .._pipeline import Decision, assessment_for, report_for, taxonomy_for
from .._present import AtsAssessmentStatus, ats_status
from .._skills import default_registry
from .._version import __version__
from ..errors import RolematchError
from ..resume import Resume
from ._settings import ServerSettings

__all__ = ["ErrorResponse", "create_app"]

log = logging.getLogger("rolematch.server")
T = TypeVar("T")

# Status of each error code: the caller's mistakes are 4xx, never 500.
_STATUS = {
    "unsupported_format": 415,
    "document_too_large": 413,
    "encrypted_document": 422,
    "no_text_layer": 422,
    "corrupt_document": 422,
    "empty_document": 422,
    "read_error": 422,
    "source_not_found": 400,
    "invalid_role": 404,
    "invalid_data_file": 400,
    "invalid_request": 422,
    "unauthorized": 401,
    "not_found": 404,
    "method_not_allowed": 405,
    "timeout": 503,
    "parse_timeout": 422,
    "resource_limit_exceeded": 422,
}
# Multipart framing around the file: boundaries and part headers.
_MULTIPART_OVERHEAD = 16 * 1024


class ApiError(BaseModel):
    """What went wrong, with a stable code."""

    code: str = Field(description="Stable code: unsupported_format, encrypted_document, invalid_role, ...")
    message: str


class ErrorResponse(BaseModel):
    """Every error the API returns has this shape."""

    error: ApiError


class TextResume(BaseModel):
    """A resume as JSON: plain text, or a JSON Resume object (jsonresume.org)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, min_length=1)
    json_resume: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> "TextResume":
        if (self.text is None) == (self.json_resume is None):
            raise ValueError("give exactly one of `text` and `json_resume`")
        return self


class LevelInfo(BaseModel):
    """One level of a role: what it asks for and what it pays."""

    id: str
    name: str
    titles: list[str]
    expected_years: str
    must_haves: list[str]
    nice_to_haves: list[str]
    salary_low: int
    salary_high: int
    salary_typical: int
    salary_basis: str


class RoleInfo(BaseModel):
    """A role and its levels."""

    id: str
    name: str
    version: str
    currency: str
    period: str
    source: str
    caveat: str
    levels: list[LevelInfo]


class Health(BaseModel):
    """Liveness or readiness."""

    status: str
    version: str


RoleParam = Annotated[str, Query(description="Role id (GET /v1/roles).", min_length=1, max_length=64)]
LevelParam = Annotated[str, Query(description="Level id, e.g. junior, mid, senior.", min_length=1, max_length=64)]
AsOfParam = Annotated[date | None, Query(description="Date open ranges ('Present') end at; default today.")]
LocationParam = Annotated[str | None, Query(description="The job's location (salary placement).", max_length=200)]
BlindParam = Annotated[bool, Query(description="Mask names, contacts, addresses and links in the report.")]
IndustryParam = Annotated[str | None, Query(description="The job's industry (salary placement).", max_length=200)]


class _Failure(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _error(code: str, message: str) -> JSONResponse:
    body = ErrorResponse(error=ApiError(code=code, message=message))
    return JSONResponse(status_code=_STATUS.get(code, 400), content=body.model_dump())


_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": description}
    for status, description in [
        (400, "Malformed request body"),
        (401, "Missing or wrong API key"),
        (404, "Unknown role or level"),
        (413, "Upload too large (bytes or pages)"),
        (415, "Not a resume format rolematch reads"),
        (422, "Invalid parameters, or a resume that cannot be read (encrypted, scanned, corrupt, empty)"),
        (503, "The request ran out of its time budget"),
    ]
}

_RESUME_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "The resume: a multipart upload (field `file`), JSON with `text` or `json_resume`, "
        "or the raw file bytes. The format is sniffed from the content, not taken from the content type.",
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            },
            "application/json": {"schema": TextResume.model_json_schema()},
            "application/pdf": {"schema": {"type": "string", "format": "binary"}},
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}


def _multipart_file(body: bytes, content_type: str) -> bytes:
    """The ``file`` part (or the first part with a filename) of a multipart body, parsed in memory."""
    from python_multipart.multipart import MultipartParser, parse_options_header

    _, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if not boundary:
        raise _Failure("invalid_request", "the multipart body has no boundary")
    parts: list[dict[str, Any]] = []
    header: dict[str, bytes] = {}

    def on_part_begin() -> None:
        parts.append({"headers": {}, "data": bytearray()})

    def on_part_data(data: bytes, start: int, end: int) -> None:
        parts[-1]["data"] += data[start:end]

    def on_header_field(data: bytes, start: int, end: int) -> None:
        header["field"] = header.get("field", b"") + data[start:end]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        header["value"] = header.get("value", b"") + data[start:end]

    def on_header_end() -> None:
        parts[-1]["headers"][header.get("field", b"").lower()] = header.get("value", b"")
        header.clear()

    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": on_part_begin,
            "on_part_data": on_part_data,
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_header_end": on_header_end,
        },
    )
    try:
        parser.write(body)
        parser.finalize()
    except Exception as error:  # python-multipart raises several types for malformed bodies
        raise _Failure("invalid_request", f"the multipart body is malformed: {error}") from None
    chosen = None
    for part in parts:
        _, disposition = parse_options_header(part["headers"].get(b"content-disposition", b""))
        if disposition.get(b"name") == b"file" or (chosen is None and b"filename" in disposition):
            chosen = part
            if disposition.get(b"name") == b"file":
                break
    if chosen is None:
        raise _Failure("invalid_request", "the multipart body needs a file part named `file`")
    return bytes(chosen["data"])


def create_app(settings: ServerSettings | None = None) -> FastAPI:
    """The FastAPI application. ``settings`` default to ``ServerSettings.from_env()``."""
    settings = settings or ServerSettings.from_env()
    limits = Limits(max_bytes=settings.max_upload_bytes, max_pages=settings.max_pages)
    limiter = anyio.CapacityLimiter(settings.threads)
    state = {"ready": False}
    keys = [key.encode() for key in settings.api_keys]
    audit = AuditLog(
        path=Path(settings.audit_log) if settings.audit_log else None, logger=logging.getLogger("rolematch.audit")
    )

    def warm() -> None:
        default_registry()
        for role_id in list_roles():
            get_role(role_id)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await anyio.to_thread.run_sync(warm)  # once per server process, before taking requests
        state["ready"] = True
        yield

    app = FastAPI(
        title="rolematch",
        version=__version__,
        summary="How well a resume fits a role level, with the evidence for every claim.",
        lifespan=lifespan,
    )

    api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="An API key.")
    bearer = HTTPBearer(auto_error=False, description="The API key as a bearer token.")

    async def authenticate(
        api_key: Annotated[str | None, Depends(api_key_header)],
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> None:
        if not settings.auth_enabled:
            return
        given = api_key or (credentials.credentials if credentials else None)
        if not given:
            raise _Failure("unauthorized", "an API key is required (X-API-Key header or Authorization: Bearer)")
        candidate = given.encode()
        # Compare with every key, without stopping early, so timing says nothing about which matched.
        matched = False
        for key in keys:
            matched |= hmac.compare_digest(candidate, key)
        if not matched:
            raise _Failure("unauthorized", "the API key is not valid")

    protected = [Depends(authenticate)]

    async def run(work: Callable[[], T]) -> T:
        try:
            with anyio.fail_after(settings.request_timeout):
                return await anyio.to_thread.run_sync(work, limiter=limiter, abandon_on_cancel=True)
        except TimeoutError:
            raise _Failure("timeout", f"the request took longer than {settings.request_timeout:g} s") from None

    async def read_resume(request: Request, as_of: date | None) -> Resume:
        declared = request.headers.get("content-length")
        cap = settings.max_upload_bytes + _MULTIPART_OVERHEAD
        if declared and declared.isdigit() and int(declared) > cap:
            raise _Failure(
                "document_too_large", f"the upload is {declared} bytes; the limit is {settings.max_upload_bytes}"
            )
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > cap:
                raise _Failure(
                    "document_too_large", f"the upload exceeds the limit of {settings.max_upload_bytes} bytes"
                )
            chunks.append(chunk)
        body = b"".join(chunks)
        content_type = request.headers.get("content-type", "").lower()
        if content_type.startswith("multipart/form-data"):
            data = _multipart_file(body, content_type)
            return await run(lambda: parse_resume(data, as_of=as_of, limits=limits, isolation=settings.isolation))
        if content_type.startswith("application/json"):
            try:
                payload = TextResume.model_validate(json.loads(body or b"null"))
            except (ValueError, ValidationError) as error:
                raise _Failure("invalid_request", f"the JSON body is not a resume: {_short(error)}") from None
            if payload.text is not None:
                text = payload.text
                return await run(lambda: parse_text(text, as_of=as_of, limits=limits, isolation=settings.isolation))
            encoded = json.dumps(payload.json_resume).encode("utf-8")
            return await run(lambda: parse_resume(encoded, as_of=as_of, limits=limits, isolation=settings.isolation))
        return await run(lambda: parse_resume(body, as_of=as_of, limits=limits, isolation=settings.isolation))

    @app.exception_handler(_Failure)
    async def on_failure(_: Request, error: _Failure) -> JSONResponse:
        return _error(error.code, error.message)

    @app.exception_handler(RolematchError)
    async def on_rolematch_error(_: Request, error: RolematchError) -> JSONResponse:
        return _error(error.code, error.message)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in item.get('loc', ()))}: {item.get('msg', '')}" for item in error.errors()
        )
        return _error("invalid_request", problems or "the request is not valid")

    @app.exception_handler(StarletteHTTPException)
    async def on_http(_: Request, error: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized"}.get(
            error.status_code, "invalid_request"
        )
        body = ErrorResponse(error=ApiError(code=code, message=str(error.detail)))
        # Keep the exception's headers: a 405 must say which methods are allowed (RFC 9110).
        return JSONResponse(status_code=error.status_code, content=body.model_dump(), headers=error.headers)

    @app.exception_handler(Exception)
    async def on_bug(_: Request, error: Exception) -> JSONResponse:
        log.error("internal error: %s", type(error).__name__)  # never the body: it holds the resume
        return JSONResponse(
            status_code=500,
            content=ErrorResponse(error=ApiError(code="internal_error", message="an internal error")).model_dump(),
        )

    def _json(model: BaseModel) -> Response:
        # The library's own serialisation, so API and library output are the same bytes.
        return Response(content=model.model_dump_json(), media_type="application/json")

    @app.get("/healthz", response_model=Health, tags=["health"])
    async def healthz() -> Health:
        """The process is alive."""
        return Health(status="ok", version=__version__)

    @app.get("/readyz", response_model=Health, responses={503: {"model": Health}}, tags=["health"])
    async def readyz() -> Response:
        """The pipeline is loaded and requests will be answered at full speed."""
        if not state["ready"]:
            return JSONResponse(status_code=503, content=Health(status="loading", version=__version__).model_dump())
        return _json(Health(status="ready", version=__version__))

    @dataclass(frozen=True)
    class MatchQuery:
        level: str
        role: str
        as_of: date | None
        location: str | None
        industry: str | None
        blind: bool

    def match_query(
        level: LevelParam,
        role: RoleParam = DEFAULT_ROLE,
        as_of: AsOfParam = None,
        location: LocationParam = None,
        industry: IndustryParam = None,
        blind: BlindParam = False,
    ) -> MatchQuery:
        return MatchQuery(level, role, as_of, location, industry, blind)

    async def fit(request: Request, query: MatchQuery) -> FitReport:
        """Read the upload and match it: the shared body of /v1/match and /v1/match/ats."""
        found = get_role(query.role)
        found.level(query.level)
        decision = Decision(found, query.level, query.location, query.industry, query.blind)
        resume = await read_resume(request, query.as_of)
        return await run(lambda: report_for(resume, decision, taxonomy=taxonomy_for(resume, None), audit=audit))

    @app.post(
        "/v1/match",
        response_model=FitReport,
        responses=_ERRORS,
        openapi_extra=_RESUME_BODY,
        dependencies=protected,
        tags=["match"],
    )
    async def match_endpoint(request: Request, query: Annotated[MatchQuery, Depends(match_query)]) -> Response:
        """The fit report of a resume for one level of a role."""
        return _json(await fit(request, query))

    @app.post(
        "/v1/match/ats",
        response_model=AtsAssessmentStatus,
        responses=_ERRORS,
        openapi_extra=_RESUME_BODY,
        dependencies=protected,
        tags=["match"],
    )
    async def match_ats_endpoint(request: Request, query: Annotated[MatchQuery, Depends(match_query)]) -> Response:
        """The fit report in an ATS assessment partner's status shape, with an HR Open pay range."""
        return _json(ats_status(await fit(request, query)))

    @app.post(
        "/v1/assess",
        response_model=Assessment,
        responses=_ERRORS,
        openapi_extra=_RESUME_BODY,
        dependencies=protected,
        tags=["match"],
    )
    async def assess_endpoint(
        request: Request,
        role: RoleParam = DEFAULT_ROLE,
        as_of: AsOfParam = None,
        location: LocationParam = None,
        industry: IndustryParam = None,
        blind: BlindParam = False,
    ) -> Response:
        """Every level of a role for a resume, and the best-fitting level with its reasons."""
        decision = Decision(get_role(role), None, location, industry, blind)
        resume = await read_resume(request, as_of)
        return _json(
            await run(lambda: assessment_for(resume, decision, taxonomy=taxonomy_for(resume, None), audit=audit))
        )

    @app.post(
        "/v1/parse",
        response_model=Resume,
        responses=_ERRORS,
        openapi_extra=_RESUME_BODY,
        dependencies=protected,
        tags=["parse"],
    )
    async def parse_endpoint(request: Request, as_of: AsOfParam = None) -> Response:
        """The structured resume: sections, contacts, experience, education, skills with evidence."""
        return _json(await read_resume(request, as_of))

    @app.get("/v1/roles", response_model=list[RoleInfo], responses=_ERRORS, dependencies=protected, tags=["roles"])
    async def roles_endpoint() -> list[RoleInfo]:
        """Every role with its levels, must-haves and salary bands."""
        return [_role_info(role_id) for role_id in list_roles()]

    @app.get("/v1/roles/{name}", response_model=RoleInfo, responses=_ERRORS, dependencies=protected, tags=["roles"])
    async def role_endpoint(name: str) -> RoleInfo:
        """One role with its levels, must-haves and salary bands."""
        return _role_info(name)

    return app


def _role_info(name: str) -> RoleInfo:
    role = get_role(name)
    levels = []
    for level in role.spec.levels:
        years = level.expected_years
        levels.append(
            LevelInfo(
                id=level.id,
                name=level.name,
                titles=level.titles,
                expected_years=f"{years.min:g}+" if years.max is None else f"{years.min:g}-{years.max:g}",
                must_haves=[r.name for r in level.requirements if r.kind == "must"],
                nice_to_haves=[r.name for r in level.requirements if r.kind == "nice"],
                salary_low=level.salary.low,
                salary_high=level.salary.high,
                salary_typical=level.salary.typical,
                salary_basis=level.salary.basis,
            )
        )
    spec = role.spec
    return RoleInfo(
        id=role.id,
        name=spec.name,
        version=spec.version,
        currency=spec.salary.currency,
        period=spec.salary.period,
        source=spec.source.document,
        caveat=spec.source.caveat,
        levels=levels,
    )


def _short(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in error.errors())
    return str(error)
