"""The query parameters the endpoints share, with their limits and OpenAPI descriptions."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Query

__all__ = ["AsOfParam", "BlindParam", "IndustryParam", "LevelParam", "LocationParam", "RoleParam", "StrictParam"]

RoleParam = Annotated[str, Query(description="Role id (GET /v1/roles).", min_length=1, max_length=64)]
LevelParam = Annotated[str, Query(description="Level id, e.g. junior, mid, senior.", min_length=1, max_length=64)]
AsOfParam = Annotated[date | None, Query(description="Date open ranges ('Present') end at; default today.")]
LocationParam = Annotated[str | None, Query(description="The job's location (salary placement).", max_length=200)]
BlindParam = Annotated[bool, Query(description="Mask names, contacts, addresses and links in the report.")]
IndustryParam = Annotated[str | None, Query(description="The job's industry (salary placement).", max_length=200)]
StrictParam = Annotated[
    bool, Query(description="Require every must-have met for a fit verdict above partial fit (the role file's cap).")
]
