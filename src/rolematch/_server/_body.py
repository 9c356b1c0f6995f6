"""A request body in memory: read with a byte cap, and a multipart body split into its parts.

Nothing here is spooled to disk or logged: multipart bodies are split in memory by
python-multipart's low-level parser, which keeps every part's bytes as they were sent.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from ._errors import Failure

__all__ = ["Part", "multipart_parts", "read_body"]


@dataclass(frozen=True)
class Part:
    """One part of a multipart body: its field name, its file name if it has one, and its bytes."""

    name: str | None
    filename: str | None
    data: bytes


async def read_body(request: Request, *, limit: int, cap: int) -> bytes:
    """The body, refused (413 ``document_too_large``) as soon as it is known to exceed ``cap`` bytes.

    ``limit`` is the figure the caller is told (the documents' allowance, without multipart framing).
    """
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > cap:
        raise Failure("document_too_large", f"the upload is {declared} bytes; the limit is {limit}")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise Failure("document_too_large", f"the upload exceeds the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


class _TooManyParts(Exception):
    """Raised from the parser's callback to stop at the first part past the limit."""


def multipart_parts(body: bytes, content_type: str, *, max_parts: int, too_many: Failure) -> list[Part]:
    """The parts of a multipart body (422 ``invalid_request`` if it is malformed; ``too_many`` past ``max_parts``).

    python-multipart's ``FormParser`` would do the part bookkeeping, but it decodes base64 and
    quoted-printable transfer encodings and spools large parts; its low-level parser keeps the
    bytes as they were, in memory.
    """
    from python_multipart.multipart import MultipartParser, parse_options_header

    _, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if not boundary:
        raise Failure("invalid_request", "the multipart body has no boundary")
    parts: list[tuple[dict[bytes, bytes], bytearray]] = []
    header: dict[str, bytes] = {}

    def on_part_begin() -> None:
        # Counted as parts begin, so a body of many tiny parts costs no more than the limit.
        if len(parts) >= max_parts:
            raise _TooManyParts
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
    except _TooManyParts:
        raise too_many from None
    except Exception as error:  # python-multipart raises several types for malformed bodies
        raise Failure("invalid_request", f"the multipart body is malformed: {error}") from None
    return [_part(parse_options_header(headers.get(b"content-disposition", b""))[1], data) for headers, data in parts]


def _part(disposition: dict[bytes, bytes], data: bytearray) -> Part:
    name = disposition.get(b"name")
    filename = disposition.get(b"filename")
    return Part(
        name=name.decode("utf-8", "replace") if name is not None else None,
        filename=_base_name(filename.decode("utf-8", "replace")) if filename else None,
        data=bytes(data),
    )


def _base_name(filename: str) -> str | None:
    """The file name without any folder a client sent with it (``C:\\cv\\ana.pdf``, ``cv/ana.pdf``)."""
    return filename.replace("\\", "/").rsplit("/", 1)[-1] or None
