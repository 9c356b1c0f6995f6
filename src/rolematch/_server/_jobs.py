"""``/v1/jobs/parse``: the structured job posting, as the library parses it."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from .._job import JobPosting
from ._auth import authenticate
from ._params import AsOfParam
from ._requests import JOB_BODY
from ._responses import ERROR_RESPONSES, as_json
from ._upload import UploadDep

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(authenticate)], responses=ERROR_RESPONSES, tags=["jobs"])


@router.post("/v1/jobs/parse", response_model=JobPosting, openapi_extra=JOB_BODY)
async def parse_job_endpoint(upload: UploadDep, as_of: AsOfParam = None) -> Response:
    """The structured job posting: facts, level, must-have and nice-to-have requirements, duties and stated pay."""
    return as_json(await upload.job(as_of))
