"""What the service answers: the error shape, its OpenAPI description, and report bodies as the library writes them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi.responses import Response
from pydantic import BaseModel, Field

__all__ = ["ERROR_RESPONSES", "ApiError", "ErrorResponse", "as_json", "as_json_array"]


class ApiError(BaseModel):
    """What went wrong, with a stable code."""

    code: str = Field(description="Stable code: unsupported_format, encrypted_document, invalid_role, ...")
    message: str


class ErrorResponse(BaseModel):
    """Every error the API returns has this shape."""

    error: ApiError


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": description}
    for status, description in [
        (400, "Malformed request body"),
        (401, "Missing or wrong API key"),
        (404, "Unknown role or level"),
        (413, "Upload too large (bytes or pages), or too many resumes"),
        (415, "Not a resume or job posting format rolematch reads"),
        (
            422,
            "Invalid parameters, or a resume or posting that cannot be read (encrypted, scanned, corrupt, empty)",
        ),
        (503, "The request ran out of its time budget"),
    ]
}
"""The error responses of every ``/v1`` endpoint, for the OpenAPI document."""


def as_json(model: BaseModel) -> Response:
    """``model`` as a JSON response, serialised by the library itself."""
    # The library's own serialisation, so API and library output are the same bytes.
    return Response(content=model.model_dump_json(), media_type="application/json")


def as_json_array(models: Sequence[BaseModel]) -> Response:
    """``models`` as a JSON array, each serialised by the library itself (as :func:`as_json`)."""
    content = b"[" + b",".join(model.model_dump_json().encode("utf-8") for model in models) + b"]"
    return Response(content=content, media_type="application/json")
