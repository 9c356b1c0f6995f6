"""``/v1/assess``: every level of a role for a resume, and the best-fitting one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from .._match import DEFAULT_ROLE, Assessment, Role, list_roles
from .._pipeline import Decision, assessment_across, assessment_for, taxonomy_for
from ._auth import authenticate
from ._params import AsOfParam, AssessRoleParam, BlindParam, IndustryParam, LocationParam, StrictParam
from ._requests import RESUME_BODY
from ._responses import ERROR_RESPONSES, as_json
from ._roles import role_by_id
from ._state import Service, ServiceDep
from ._upload import Upload, UploadDep
from ._work import run_bounded

__all__ = ["AssessQuery", "assess_query", "assessment", "router"]

router = APIRouter(dependencies=[Depends(authenticate)], responses=ERROR_RESPONSES, tags=["match"])


@dataclass(frozen=True)
class AssessQuery:
    """A valid assessment query: the decision to make (every level), the roles to try when none was
    named (every known role, as the library's ``assess``), and the date open ranges end at."""

    decision: Decision
    as_of: date | None
    every_role: list[Role] | None = None


async def assess_query(
    role: AssessRoleParam = None,
    as_of: AsOfParam = None,
    location: LocationParam = None,
    industry: IndustryParam = None,
    blind: BlindParam = False,
    strict: StrictParam = False,
) -> AssessQuery:
    """Dependency: the query of an assessment, with its role looked up (404 ``invalid_role`` if unknown)."""
    found = role_by_id(role or DEFAULT_ROLE)
    every = [role_by_id(role_id) for role_id in list_roles()] if role is None else None
    return AssessQuery(Decision(found, None, location, industry, blind, strict), as_of, every)


async def assessment(state: Service, query: AssessQuery, upload: Upload) -> Assessment:
    """Read the upload and assess it at every level of the role (of every role, when none was named)."""
    resume = await upload.resume(query.as_of)
    every = query.every_role

    def work() -> Assessment:
        taxonomy = taxonomy_for(resume, None)
        if every is not None:
            return assessment_across(resume, every, query.decision, taxonomy=taxonomy, audit=state.audit)
        return assessment_for(resume, query.decision, taxonomy=taxonomy, audit=state.audit)

    return await run_bounded(state, work)


@router.post("/v1/assess", response_model=Assessment, openapi_extra=RESUME_BODY)
async def assess_endpoint(
    query: Annotated[AssessQuery, Depends(assess_query)], upload: UploadDep, state: ServiceDep
) -> Response:
    """Every level of a role for a resume, and the best-fitting level with its reasons."""
    return as_json(await assessment(state, query, upload))
