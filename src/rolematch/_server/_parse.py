"""``/v1/parse``: the structured resume, as the library parses it."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from ..resume import Resume
from ._auth import authenticate
from ._params import AsOfParam
from ._requests import RESUME_BODY
from ._responses import ERROR_RESPONSES, as_json
from ._upload import UploadDep

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(authenticate)], responses=ERROR_RESPONSES, tags=["parse"])


@router.post("/v1/parse", response_model=Resume, openapi_extra=RESUME_BODY)
async def parse_endpoint(upload: UploadDep, as_of: AsOfParam = None) -> Response:
    """The structured resume: sections, contacts, experience, education, skills with evidence."""
    return as_json(await upload.resume(as_of))
