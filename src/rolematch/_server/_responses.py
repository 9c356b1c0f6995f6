"""What the service answers: the error shape, its OpenAPI description, and report bodies as the library writes them."""

from __future__ import annotations

from typing import Any

from fastapi.responses import Response
from pydantic import BaseModel, Field

__all__ = ["ERROR_RESPONSES", "ApiError", "ErrorResponse", "as_json"]


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
        (413, "Upload too large (bytes or pages)"),
        (415, "Not a resume format rolematch reads"),
        (422, "Invalid parameters, or a resume that cannot be read (encrypted, scanned, corrupt, empty)"),
        (503, "The request ran out of its time budget"),
    ]
}
"""The error responses of every ``/v1`` endpoint, for the OpenAPI document."""


def as_json(model: BaseModel) -> Response:
    """``model`` as a JSON response, serialised by the library itself."""
    # The library's own serialisation, so API and library output are the same bytes.
    return Response(content=model.model_dump_json(), media_type="application/json")
