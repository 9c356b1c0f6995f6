"""The query parameters the endpoints share, with their limits and OpenAPI descriptions."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Query

__all__ = [
    "AsOfParam",
    "AssessRoleParam",
    "BlindParam",
    "IndustryParam",
    "LocationParam",
    "MatchLevelParam",
    "MatchLocationParam",
    "MatchRoleParam",
    "RoleParam",
    "StrictParam",
]

RoleParam = Annotated[str, Query(description="Role id (GET /v1/roles).", min_length=1, max_length=64)]
AssessRoleParam = Annotated[
    str | None,
    Query(
        description="Role id (GET /v1/roles); default: every known role, the best-fitting one reported "
        "(`summary`: 'looks like a mid data engineer'; `roles`: each role's fit).",
        min_length=1,
        max_length=64,
    ),
]
MatchRoleParam = Annotated[
    str | None,
    Query(
        description="Role id (GET /v1/roles); default ml-engineer. Not with a job posting in the body, "
        "which is its own role.",
        min_length=1,
        max_length=64,
    ),
]
MatchLevelParam = Annotated[
    str | None,
    Query(
        description="Level id, e.g. junior, mid, senior. Default: the best-fitting level of the role, or the "
        "posting's level when the body has a job posting.",
        min_length=1,
        max_length=64,
    ),
]
AsOfParam = Annotated[date | None, Query(description="Date open ranges ('Present') end at; default today.")]
LocationParam = Annotated[str | None, Query(description="The job's location (salary placement).", max_length=200)]
MatchLocationParam = Annotated[
    str | None,
    Query(
        description="The job's location (salary placement); default the job posting's, if the body has one.",
        max_length=200,
    ),
]
BlindParam = Annotated[bool, Query(description="Mask names, contacts, addresses and links in the report.")]
IndustryParam = Annotated[str | None, Query(description="The job's industry (salary placement).", max_length=200)]
StrictParam = Annotated[
    bool, Query(description="Require every must-have met for a fit verdict above partial fit (the role file's cap).")
]
