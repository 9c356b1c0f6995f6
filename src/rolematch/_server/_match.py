"""``/v1/match`` and ``/v1/match/ats``: the fit report of a resume for one level of a role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from .._match import DEFAULT_ROLE, FitReport, get_role
from .._pipeline import Decision, report_for, taxonomy_for
from .._present import AtsAssessmentStatus, ats_status
from ._auth import authenticate
from ._params import AsOfParam, BlindParam, IndustryParam, LevelParam, LocationParam, RoleParam, StrictParam
from ._responses import ERROR_RESPONSES, as_json
from ._state import Service, ServiceDep
from ._upload import RESUME_BODY, Upload, UploadDep
from ._work import run_bounded

__all__ = ["MatchQuery", "fit", "match_query", "router"]

router = APIRouter(dependencies=[Depends(authenticate)], responses=ERROR_RESPONSES, tags=["match"])


@dataclass(frozen=True)
class MatchQuery:
    """A valid match query: the decision to make, and the date open ranges end at."""

    decision: Decision
    as_of: date | None


async def match_query(
    level: LevelParam,
    role: RoleParam = DEFAULT_ROLE,
    as_of: AsOfParam = None,
    location: LocationParam = None,
    industry: IndustryParam = None,
    blind: BlindParam = False,
    strict: StrictParam = False,
) -> MatchQuery:
    """Dependency: the query of a match, with its role and level looked up (404 ``invalid_role`` if unknown)."""
    found = get_role(role)
    found.level(level)
    return MatchQuery(Decision(found, level, location, industry, blind, strict), as_of)


MatchQueryDep = Annotated[MatchQuery, Depends(match_query)]


async def fit(state: Service, query: MatchQuery, upload: Upload) -> FitReport:
    """Read the upload and match it: the shared work of /v1/match and /v1/match/ats."""
    resume = await upload.resume(query.as_of)
    return await run_bounded(
        state, lambda: report_for(resume, query.decision, taxonomy=taxonomy_for(resume, None), audit=state.audit)
    )


@router.post("/v1/match", response_model=FitReport, openapi_extra=RESUME_BODY)
async def match_endpoint(query: MatchQueryDep, upload: UploadDep, state: ServiceDep) -> Response:
    """The fit report of a resume for one level of a role."""
    return as_json(await fit(state, query, upload))


@router.post("/v1/match/ats", response_model=AtsAssessmentStatus, openapi_extra=RESUME_BODY)
async def match_ats_endpoint(query: MatchQueryDep, upload: UploadDep, state: ServiceDep) -> Response:
    """The fit report in an ATS assessment partner's status shape, with an HR Open pay range."""
    return as_json(ats_status(await fit(state, query, upload)))
