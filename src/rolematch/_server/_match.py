"""``/v1/match`` and ``/v1/match/ats``: the fit report of a resume for one level of a role or of a job posting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from .._audit import AuditLog
from .._match import DEFAULT_ROLE, FitReport, Role, get_role
from .._pipeline import Decision, assessment_for, report_for, taxonomy_for
from .._present import AtsAssessmentStatus, ats_status
from .._skills import default_registry
from ..resume import Resume
from ._auth import authenticate
from ._errors import Failure
from ._params import (
    AsOfParam,
    BlindParam,
    IndustryParam,
    MatchLevelParam,
    MatchLocationParam,
    MatchRoleParam,
    StrictParam,
)
from ._requests import MATCH_BODY
from ._responses import ERROR_RESPONSES, as_json
from ._roles import role_by_id
from ._state import Service, ServiceDep
from ._upload import MATCH, Document, Upload, UploadDep
from ._work import run_bounded

__all__ = ["MatchQuery", "MatchQueryDep", "decide", "fit", "match_query", "router", "target"]

router = APIRouter(dependencies=[Depends(authenticate)], responses=ERROR_RESPONSES, tags=["match"])


@dataclass(frozen=True)
class MatchQuery:
    """A valid match query. ``role`` is None when none was given (the default role, or a posting's)."""

    role: Role | None
    level: str | None
    as_of: date | None
    location: str | None = None
    industry: str | None = None
    blind: bool = False
    strict: bool = False


async def match_query(
    level: MatchLevelParam = None,
    role: MatchRoleParam = None,
    as_of: AsOfParam = None,
    location: MatchLocationParam = None,
    industry: IndustryParam = None,
    blind: BlindParam = False,
    strict: StrictParam = False,
) -> MatchQuery:
    """Dependency: the query of a match, with a given role and level looked up (404 ``invalid_role`` if unknown)."""
    found = role_by_id(role) if role is not None else None
    if found is not None and level is not None:
        found.level(level)
    return MatchQuery(found, level, as_of, location, industry, blind, strict)


MatchQueryDep = Annotated[MatchQuery, Depends(match_query)]


async def target(state: Service, upload: Upload, query: MatchQuery, job: Document | None) -> Decision:
    """What to decide: the query's role (or the default one), or the role behind the body's job posting.

    Level None means each resume's best level. With a posting: its level, and its location unless
    the query gives one; a ``role`` in the query too is refused (422) before anything is parsed.
    """
    if job is None:
        role = query.role or get_role(DEFAULT_ROLE)
        if query.level is not None:
            role.level(query.level)  # the default role's levels were not checked with the query
        return Decision(role, query.level, query.location, query.industry, query.blind, query.strict)
    if query.role is not None:
        raise Failure(
            "invalid_request",
            "give a `role` query parameter or a job posting in the body, not both: the posting is the role",
        )

    def posting_role() -> tuple[Role, str | None]:
        from .._job import role_from_job

        posting = upload.read_job(job, query.as_of)
        return role_from_job(posting, taxonomy=default_registry().taxonomy), posting.location

    role, posting_location = await run_bounded(state, posting_role)
    if query.level is not None:
        role.level(query.level)  # 404 unless it is the posting's level
    level = query.level or role.level_ids[0]
    return Decision(role, level, query.location or posting_location, query.industry, query.blind, query.strict)


def decide(resume: Resume, decision: Decision, audit: AuditLog) -> FitReport:
    """The audited report of ``resume``: at ``decision.level``, or without one at its best level.

    Blocking: call it on the bounded thread pool. Without a level this is the library's
    ``match(level=None)``: every level assessed, the best level's report kept and audited once.
    """
    taxonomy = taxonomy_for(resume, None)
    if decision.level is not None:
        return report_for(resume, decision, taxonomy=taxonomy, audit=audit)
    assessment = assessment_for(resume, decision, taxonomy=taxonomy, audit=audit)
    return assessment.reports[assessment.best_level]


async def fit(state: Service, query: MatchQuery, upload: Upload) -> FitReport:
    """Read the upload and match it: the shared work of /v1/match and /v1/match/ats."""
    contents = await upload.contents(MATCH)
    decision = await target(state, upload, query, contents.job)
    resume = await upload.parse_resume(contents.resumes[0], query.as_of)
    return await run_bounded(state, lambda: decide(resume, decision, state.audit))


@router.post("/v1/match", response_model=FitReport, openapi_extra=MATCH_BODY)
async def match_endpoint(query: MatchQueryDep, upload: UploadDep, state: ServiceDep) -> Response:
    """The fit report of a resume for one level of a role, or for a job posting sent with it."""
    return as_json(await fit(state, query, upload))


@router.post("/v1/match/ats", response_model=AtsAssessmentStatus, openapi_extra=MATCH_BODY)
async def match_ats_endpoint(query: MatchQueryDep, upload: UploadDep, state: ServiceDep) -> Response:
    """The fit report in an ATS assessment partner's status shape, with an HR Open pay range."""
    return as_json(ats_status(await fit(state, query, upload)))
