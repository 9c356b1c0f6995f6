"""The resume in a request body: a multipart upload, JSON, or the raw file bytes.

The bytes are read into memory with a size cap (multipart bodies are parsed in memory rather
than spooled to temporary files), never logged and never written to disk. The content type the
caller sends is not trusted: the reader sniffs the bytes.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, Request
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .._api import parse_resume, parse_text
from ..resume import Resume
from ._errors import Failure
from ._state import Service, ServiceDep
from ._work import run_bounded

__all__ = ["RESUME_BODY", "TextResume", "Upload", "UploadDep", "upload"]

# Multipart framing around the file: boundaries and part headers.
_MULTIPART_OVERHEAD = 16 * 1024


class TextResume(BaseModel):
    """A resume as JSON: plain text, or a JSON Resume object (jsonresume.org)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, min_length=1)
    json_resume: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> TextResume:
        if (self.text is None) == (self.json_resume is None):
            raise ValueError("give exactly one of `text` and `json_resume`")
        return self


RESUME_BODY: dict[str, Any] = {
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
"""The ``openapi_extra`` of an endpoint that takes a resume (FastAPI cannot describe a body it does not parse)."""


class Upload:
    """The resume a request carries, read only when :meth:`resume` is awaited.

    Lazy on purpose: an endpoint first validates its query (422) and looks up the role and level
    (404), and only then reads and parses the body, so a bad query costs no parsing and is never
    answered with an upload error. An eagerly read body would be read before FastAPI has
    finished validating the query.
    """

    def __init__(self, request: Request, state: Service) -> None:
        self._request = request
        self._state = state

    async def resume(self, as_of: date | None) -> Resume:
        """The parsed resume (parsing runs on the bounded thread pool within the time budget)."""
        source = _source(await self._body(), self._request.headers.get("content-type", ""))
        limits, isolation = self._state.limits, self._state.settings.isolation
        if isinstance(source, str):
            return await run_bounded(
                self._state, lambda: parse_text(source, as_of=as_of, limits=limits, isolation=isolation)
            )
        return await run_bounded(
            self._state, lambda: parse_resume(source, as_of=as_of, limits=limits, isolation=isolation)
        )

    async def _body(self) -> bytes:
        """The body, refused (413 ``document_too_large``) as soon as it is known to exceed the cap."""
        max_bytes = self._state.settings.max_upload_bytes
        cap = max_bytes + _MULTIPART_OVERHEAD
        declared = self._request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > cap:
            raise Failure("document_too_large", f"the upload is {declared} bytes; the limit is {max_bytes}")
        chunks, size = [], 0
        async for chunk in self._request.stream():
            size += len(chunk)
            if size > cap:
                raise Failure("document_too_large", f"the upload exceeds the limit of {max_bytes} bytes")
            chunks.append(chunk)
        return b"".join(chunks)


async def upload(request: Request, state: ServiceDep) -> Upload:
    """Dependency: the request's resume, not read yet (see :class:`Upload`)."""
    return Upload(request, state)


UploadDep = Annotated[Upload, Depends(upload)]


def _source(body: bytes, content_type: str) -> str | bytes:
    """What to parse: text to read as text, or file bytes whose format is sniffed.

    The media type is compared case-insensitively; the header itself is passed on as sent, since a
    multipart boundary is case-sensitive (browsers send ``----WebKitFormBoundaryAbC...``).
    """
    media_type = content_type.lower()
    if media_type.startswith("multipart/form-data"):
        return _multipart_file(body, content_type)
    if media_type.startswith("application/json"):
        try:
            payload = TextResume.model_validate(json.loads(body or b"null"))
        except (ValueError, ValidationError) as error:
            raise Failure("invalid_request", f"the JSON body is not a resume: {_short(error)}") from None
        if payload.text is not None:
            return payload.text
        return json.dumps(payload.json_resume).encode("utf-8")
    return body


def _multipart_file(body: bytes, content_type: str) -> bytes:
    """The ``file`` part (or the first part with a filename) of a multipart body, parsed in memory.

    python-multipart's ``FormParser`` would do the part bookkeeping, but it refuses a part
    without a ``name`` (which is chosen here when it has a filename) and decodes base64 and
    quoted-printable transfer encodings; its low-level parser keeps the answers as they were.
    """
    from python_multipart.multipart import MultipartParser, parse_options_header

    _, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if not boundary:
        raise Failure("invalid_request", "the multipart body has no boundary")
    parts: list[tuple[dict[bytes, bytes], bytearray]] = []
    header: dict[str, bytes] = {}

    def on_part_begin() -> None:
        parts.append(({}, bytearray()))

    def on_part_data(data: bytes, start: int, end: int) -> None:
        parts[-1][1].extend(data[start:end])

    def on_header_field(data: bytes, start: int, end: int) -> None:
        header["field"] = header.get("field", b"") + data[start:end]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        header["value"] = header.get("value", b"") + data[start:end]

    def on_header_end() -> None:
        parts[-1][0][header.get("field", b"").lower()] = header.get("value", b"")
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
        raise Failure("invalid_request", f"the multipart body is malformed: {error}") from None
    return _file_part(
        [(parse_options_header(headers.get(b"content-disposition", b""))[1], data) for headers, data in parts]
    )


def _file_part(parts: list[tuple[dict[bytes, bytes], bytearray]]) -> bytes:
    """The data of the part named ``file``, else of the first part with a filename (parts: disposition, data)."""
    chosen = None
    for disposition, data in parts:
        if disposition.get(b"name") == b"file":
            return bytes(data)
        if chosen is None and b"filename" in disposition:
            chosen = data
    if chosen is None:
        raise Failure("invalid_request", "the multipart body needs a file part named `file`")
    return bytes(chosen)


def _short(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in error.errors())
    return str(error)
