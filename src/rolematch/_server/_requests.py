"""What a request body may hold: the JSON bodies, and the OpenAPI description of every body.

FastAPI cannot describe a body it does not parse (the service reads bodies itself, see
:mod:`._upload`), so each endpoint that takes documents gets its ``requestBody`` from here.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "JOB_BODY",
    "MATCH_BODY",
    "MAX_RESUMES",
    "RANK_BODY",
    "RESUME_BODY",
    "JobRequest",
    "MatchRequest",
    "RankRequest",
    "TextResume",
]

MAX_RESUMES = 50
"""The most resumes one ``/v1/rank`` request may carry."""

_FORBID = ConfigDict(extra="forbid")
_JOB_TEXT = Field(default=None, min_length=1, description="A job posting as text (Markdown is fine).")
_JOB = Field(default=None, description="A job posting in JSON Resume's job schema (title, qualifications, ...).")


class TextResume(BaseModel):
    """A resume as JSON: plain text, or a JSON Resume object (jsonresume.org)."""

    model_config = _FORBID

    text: str | None = Field(default=None, min_length=1)
    json_resume: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> TextResume:
        if (self.text is None) == (self.json_resume is None):
            raise ValueError("give exactly one of `text` and `json_resume`")
        return self


def _at_most_one_posting(job_text: str | None, job: dict[str, Any] | None) -> None:
    if job_text is not None and job is not None:
        raise ValueError("give at most one of `job_text` and `job`")


class MatchRequest(TextResume):
    """A resume as JSON (``text`` or ``json_resume``), and optionally the job posting to match it against."""

    job_text: str | None = _JOB_TEXT
    job: dict[str, Any] | None = _JOB

    @model_validator(mode="after")
    def _one_posting(self) -> MatchRequest:
        _at_most_one_posting(self.job_text, self.job)
        return self


class RankRequest(BaseModel):
    """Resumes to rank, as JSON, and optionally the job posting to rank them for."""

    model_config = _FORBID

    # The cap is checked by the service (413 ``too_many_resumes``, as for multipart), not here.
    resumes: list[TextResume] = Field(min_length=1, json_schema_extra={"maxItems": MAX_RESUMES})
    job_text: str | None = _JOB_TEXT
    job: dict[str, Any] | None = _JOB

    @model_validator(mode="after")
    def _one_posting(self) -> RankRequest:
        _at_most_one_posting(self.job_text, self.job)
        return self


class JobRequest(BaseModel):
    """A job posting as JSON: text, or an object in JSON Resume's job schema."""

    model_config = _FORBID

    job_text: str | None = _JOB_TEXT
    job: dict[str, Any] | None = _JOB

    @model_validator(mode="after")
    def _exactly_one(self) -> JobRequest:
        if (self.job_text is None) == (self.job is None):
            raise ValueError("give exactly one of `job_text` and `job`")
        return self


def _inline(model: type[BaseModel]) -> dict[str, Any]:
    """``model``'s JSON schema with its ``$defs`` written in place: it is embedded in the OpenAPI
    document, where ``#/$defs/...`` would point nowhere (the models are not recursive)."""
    schema = model.model_json_schema()
    definitions = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                return resolve(definitions[node["$ref"].rsplit("/", 1)[-1]])
            return {key: resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    resolved: dict[str, Any] = resolve(schema)
    return resolved


_BINARY = {"type": "string", "format": "binary"}
_RAW = {"application/pdf": {"schema": _BINARY}, "application/octet-stream": {"schema": _BINARY}}
_SNIFFED = "The format is sniffed from the content, not taken from the content type."


def _body(description: str, multipart: dict[str, Any], model: type[BaseModel], *, raw: bool) -> dict[str, Any]:
    content: dict[str, Any] = {
        "multipart/form-data": {"schema": multipart},
        "application/json": {"schema": _inline(model)},
    }
    if raw:
        content.update(_RAW)
    return {"requestBody": {"required": True, "description": f"{description} {_SNIFFED}", "content": content}}


RESUME_BODY = _body(
    "The resume: a multipart upload (field `file`), JSON with `text` or `json_resume`, or the raw file bytes.",
    {"type": "object", "properties": {"file": _BINARY}, "required": ["file"]},
    TextResume,
    raw=True,
)
"""The ``openapi_extra`` of an endpoint that takes one resume."""

MATCH_BODY = _body(
    "The resume, and optionally a job posting to match it against instead of a role: a multipart upload "
    "(field `file`, the resume; field `job`, the posting), JSON with `text` or `json_resume` and optionally "
    "`job_text` or `job` (JSON Resume's job schema), or the raw resume bytes.",
    {"type": "object", "properties": {"file": _BINARY, "job": _BINARY}, "required": ["file"]},
    MatchRequest,
    raw=True,
)
"""The ``openapi_extra`` of ``/v1/match`` and ``/v1/match/ats``."""

RANK_BODY = _body(
    f"1 to {MAX_RESUMES} resumes, and optionally a job posting to rank them for: a multipart upload (field "
    "`file` once per resume, its file name labels it; field `job`, the posting), JSON with `resumes` "
    "(each `text` or `json_resume`, labelled `resume 1`, `resume 2`, ...) and optionally `job_text` or `job`, "
    "or the raw bytes of one resume.",
    {
        "type": "object",
        "properties": {
            "file": {"type": "array", "items": _BINARY, "minItems": 1, "maxItems": MAX_RESUMES},
            "job": _BINARY,
        },
        "required": ["file"],
    },
    RankRequest,
    raw=True,
)
"""The ``openapi_extra`` of ``/v1/rank``."""

JOB_BODY = _body(
    "The job posting (text, Markdown, HTML, PDF, DOCX, or JSON Resume's job schema): a multipart upload "
    "(field `job`), JSON with `job_text` or `job` (an object in JSON Resume's job schema), or the raw file bytes.",
    {"type": "object", "properties": {"job": _BINARY}, "required": ["job"]},
    JobRequest,
    raw=True,
)
"""The ``openapi_extra`` of ``/v1/jobs/parse``."""
