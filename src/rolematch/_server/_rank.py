"""``/v1/rank``: several resumes ranked best first for one role, one level, or a job posting."""

from __future__ import annotations

from functools import partial

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from .._match import FitReport, RankedResume
from .._present import rank_reports
from ..errors import RolematchError
from ._auth import authenticate
from ._match import MatchQuery, MatchQueryDep, decide, target
from ._requests import RANK_BODY
from ._responses import ERROR_RESPONSES, as_json_array
from ._state import Service, ServiceDep
from ._upload import RANK, Upload, UploadDep
from ._work import run_bounded

__all__ = ["ranking", "router"]

router = APIRouter(dependencies=[Depends(authenticate)], responses=ERROR_RESPONSES, tags=["match"])


async def ranking(state: Service, query: MatchQuery, upload: Upload) -> list[RankedResume]:
    """Read the upload's resumes and rank them: each at the query's level, else at its own best level.

    Resumes are parsed and matched one after another, each parse and each match on the bounded
    thread pool with the time budget (as one ``/v1/match`` each), so a large ranking does not hold
    a worker thread from other requests. An unreadable resume fails the request with its error
    code, its message naming the resume (as the library's ``rank`` does).
    """
    contents = await upload.contents(RANK)
    decision = await target(state, upload, query, contents.job)
    labelled: list[tuple[str, FitReport]] = []
    for number, document in enumerate(contents.resumes, start=1):
        label = document.filename or f"resume {number}"
        try:
            resume = await upload.parse_resume(document, query.as_of)
        except RolematchError as error:
            raise type(error)(f"{label}: {error.message}") from None
        labelled.append((label, await run_bounded(state, partial(decide, resume, decision, state.audit))))
    return rank_reports(labelled)


@router.post("/v1/rank", response_model=list[RankedResume], openapi_extra=RANK_BODY)
async def rank_endpoint(query: MatchQueryDep, upload: UploadDep, state: ServiceDep) -> Response:
    """Resumes best first, with each one's report: at ``level``, at each one's best level, or for a job posting."""
    return as_json_array(await ranking(state, query, upload))
