"""``/v1/assess``: every level of a role for a resume, and the best-fitting one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from .._match import DEFAULT_ROLE, Assessment, get_role
from .._pipeline import Decision, assessment_for, taxonomy_for
from ._auth import authenticate
from ._params import AsOfParam, BlindParam, IndustryParam, LocationParam, RoleParam, StrictParam
from ._responses import ERROR_RESPONSES, as_json
from ._state import Service, ServiceDep
from ._upload import RESUME_BODY, Upload, UploadDep
from ._work import run_bounded

__all__ = ["AssessQuery", "assess_query", "assessment", "router"]

router = APIRouter(dependencies=[Depends(authenticate)], responses=ERROR_RESPONSES, tags=["match"])


@dataclass(frozen=True)
class AssessQuery:
    """A valid assessment query: the decision to make (every level), and the date open ranges end at."""

    decision: Decision
    as_of: date | None


async def assess_query(
    role: RoleParam = DEFAULT_ROLE,
    as_of: AsOfParam = None,
    location: LocationParam = None,
    industry: IndustryParam = None,
    blind: BlindParam = False,
    strict: StrictParam = False,
) -> AssessQuery:
    """Dependency: the query of an assessment, with its role looked up (404 ``invalid_role`` if unknown)."""
    return AssessQuery(Decision(get_role(role), None, location, industry, blind, strict), as_of)


async def assessment(state: Service, query: AssessQuery, upload: Upload) -> Assessment:
    """Read the upload and assess it at every level of the role."""
    resume = await upload.resume(query.as_of)
    return await run_bounded(
        state, lambda: assessment_for(resume, query.decision, taxonomy=taxonomy_for(resume, None), audit=state.audit)
    )


@router.post("/v1/assess", response_model=Assessment, openapi_extra=RESUME_BODY)
async def assess_endpoint(
    query: Annotated[AssessQuery, Depends(assess_query)], upload: UploadDep, state: ServiceDep
) -> Response:
    """Every level of a role for a resume, and the best-fitting level with its reasons."""
    return as_json(await assessment(state, query, upload))
