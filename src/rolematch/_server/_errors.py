"""Errors as JSON with a stable code: the caller's mistakes are 4xx, never 500, and bodies are never logged."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import RolematchError
from ._responses import ApiError, ErrorResponse

__all__ = ["Failure", "error_response", "install_error_handlers"]

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


class Failure(Exception):
    """A request the service refuses, with the stable ``code`` its answer carries."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def error_response(code: str, message: str) -> JSONResponse:
    """The JSON error answer for ``code``, with its status (400 for a code without one)."""
    body = ErrorResponse(error=ApiError(code=code, message=message))
    return JSONResponse(status_code=_STATUS.get(code, 400), content=body.model_dump())


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
    body = ErrorResponse(error=ApiError(code=code, message=str(error.detail)))
    # Keep the exception's headers: a 405 must say which methods are allowed (RFC 9110).
    return JSONResponse(status_code=error.status_code, content=body.model_dump(), headers=error.headers)


async def _on_bug(_: Request, error: Exception) -> JSONResponse:
    log.error("internal error: %s", type(error).__name__)  # never the body: it holds the resume
    return JSONResponse(
        status_code=500,
        content=ErrorResponse(error=ApiError(code="internal_error", message="an internal error")).model_dump(),
    )
