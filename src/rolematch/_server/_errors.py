"""Errors as JSON with a stable code: the caller's mistakes are 4xx, never 500, and bodies are never logged.

Messages come from the library, where they advise a Python caller ("load_role + register_role
adds one", "(Limits.max_pages)"). An HTTP caller can do none of that, so every message is passed
through :func:`http_message` here, in one place, which replaces the library's advice with what
can be done over HTTP; the library's messages stay as they are for the CLI and library users.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import RolematchError
from ._responses import ApiError, ErrorResponse

__all__ = ["Failure", "error_response", "http_message", "install_error_handlers"]

log = logging.getLogger("rolematch.server")

# Status of each error code: the caller's mistakes are 4xx, never 500.
_STATUS = {
    "unsupported_format": 415,
    "document_too_large": 413,
    "encrypted_document": 422,
    "no_text_layer": 422,
    "corrupt_document": 422,
    "empty_document": 422,
    "empty_job": 422,
    "read_error": 422,
    "source_not_found": 400,
    "invalid_role": 404,
    "invalid_data_file": 400,
    "invalid_request": 422,
    "too_many_resumes": 413,
    "unauthorized": 401,
    "not_found": 404,
    "method_not_allowed": 405,
    "timeout": 503,
    "parse_timeout": 422,
    "resource_limit_exceeded": 422,
}

# A resume's text goes in a JSON body's `text`, a posting's in `job_text`; the message cannot tell which it was.
_SEND_TEXT = "send the text in a JSON body (`text` for a resume, `job_text` for a job posting)"

# The library's advice to a Python caller, and what an HTTP caller is told instead.
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r" \(load_role \+ register_role adds one\)"), ""),  # a hint below says what to do instead
    (re.compile(r" \(Limits\.max_bytes\)"), " (the service's size limit per document)"),
    (re.compile(r" \(Limits\.max_pages\)"), " (the service's page limit)"),
    (re.compile(r" \(Limits\.max_chars\)"), " (the service's limit on a document's text)"),
    (re.compile(r" \(Isolation\.\w+\)"), " (the service's limit for reading one document)"),
    (re.compile(r"run OCR (?:and pass the text|on it first)"), f"run OCR on it and {_SEND_TEXT}"),
    (
        re.compile(r"OCR would read it, but .*$"),
        f"this service has no OCR engine to read it (its operator can install the ocr extra): {_SEND_TEXT}",
    ),
    (re.compile(r"pip install 'rolematch\[ocr\]'"), "the service's ocr extra (ask its operator)"),
)

# Advice added for HTTP callers: (code, what the message says (None: anything), what the caller can do).
_HINTS: tuple[tuple[str, re.Pattern[str] | None, str], ...] = (
    ("invalid_role", re.compile(r"\bno role\b"), "GET /v1/roles lists the role ids, each with its levels"),
    (
        "invalid_role",
        re.compile(r"\bhas no level\b"),
        "give one of them as `level`, or leave `level` out for the best-fitting level",
    ),
    ("parse_timeout", None, f"send a smaller document, or {_SEND_TEXT}"),
    ("resource_limit_exceeded", None, f"send a smaller document, or {_SEND_TEXT}"),
    ("not_found", None, "GET /openapi.json (or /docs in a browser) lists the endpoints"),
    ("method_not_allowed", None, "the Allow header lists the methods this path takes"),
)

# Errors of the service's own set-up (its role, skills or plugin files), never of the request:
# their messages name server files and Python calls, and may quote the resume, so the caller gets
# a fixed message and the log only the code.
_SERVICE_FAULTS = frozenset({"invalid_data_file", "invalid_extractor_output", "taxonomy_mismatch"})


def http_message(code: str, message: str) -> str:
    """``message`` as an HTTP caller reads it: the library's Python advice replaced by what to do over HTTP."""
    if code in _SERVICE_FAULTS:
        log.error("service configuration error: %s", code)  # never the message: it may quote the resume
        return (
            f"the service's own set-up (a role, skills or plugin file) failed ({code}), not the request; "
            "tell the service's operator"
        )
    for pattern, replacement in _REWRITES:
        message = pattern.sub(replacement, message)
    hints = [hint for key, said, hint in _HINTS if key == code and (said is None or said.search(message))]
    return "; ".join([message, *hints])


class Failure(Exception):
    """A request the service refuses, with the stable ``code`` its answer carries."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def error_response(
    code: str, message: str, *, status: int | None = None, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    """The JSON error answer for ``code``: its status (400 for a code without one), the message for HTTP callers."""
    body = ErrorResponse(error=ApiError(code=code, message=http_message(code, message)))
    return JSONResponse(status_code=status or _STATUS.get(code, 400), content=body.model_dump(), headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Make every error ``app`` raises an :class:`ErrorResponse`."""
    app.exception_handler(Failure)(_on_failure)
    app.exception_handler(RolematchError)(_on_rolematch_error)
    app.exception_handler(RequestValidationError)(_on_invalid)
    app.exception_handler(StarletteHTTPException)(_on_http)
    app.exception_handler(Exception)(_on_bug)


async def _on_failure(_: Request, error: Failure) -> JSONResponse:
    return error_response(error.code, error.message)


async def _on_rolematch_error(_: Request, error: RolematchError) -> JSONResponse:
    return error_response(error.code, error.message)


async def _on_invalid(_: Request, error: RequestValidationError) -> JSONResponse:
    problems = "; ".join(
        f"{'.'.join(str(p) for p in item.get('loc', ()))}: {item.get('msg', '')}" for item in error.errors()
    )
    return error_response("invalid_request", problems or "the request is not valid")


async def _on_http(_: Request, error: StarletteHTTPException) -> JSONResponse:
    code = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized"}.get(error.status_code, "invalid_request")
    # Keep the exception's headers: a 405 must say which methods are allowed (RFC 9110).
    return error_response(code, str(error.detail), status=error.status_code, headers=error.headers)


async def _on_bug(_: Request, error: Exception) -> JSONResponse:
    log.error("internal error: %s", type(error).__name__)  # never the body: it holds the resume
    return JSONResponse(
        status_code=500,
        content=ErrorResponse(error=ApiError(code="internal_error", message="an internal error")).model_dump(),
    )
