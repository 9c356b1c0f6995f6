"""``/v1/roles``: the roles the service judges against, with their levels, must-haves and salary bands."""

from __future__ import annotations

import re

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from .._match import Role, get_role, list_roles
from ..errors import UnknownRoleError
from ._auth import authenticate
from ._responses import ERROR_RESPONSES

__all__ = ["LevelInfo", "RoleInfo", "role_by_id", "role_info", "role_infos", "router"]

# What a role id looks like (role files' `id`). Anything else is refused before the lookup: the
# library's get_role also takes a role file's path, which must never be a client's to choose.
_ROLE_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")

router = APIRouter(dependencies=[Depends(authenticate)], responses=ERROR_RESPONSES, tags=["roles"])


class LevelInfo(BaseModel):
    """One level of a role: what it asks for and what it pays."""

    id: str
    name: str
    titles: list[str]
    expected_years: str
    must_haves: list[str]
    nice_to_haves: list[str]
    salary_low: int | None
    salary_high: int | None
    salary_typical: int | None
    salary_basis: str = Field(description="What the band's figures are, or why the level has no band.")
    salary_n: int | None = Field(default=None, description="Survey rows behind a band derived from data.")


class RoleInfo(BaseModel):
    """A role and its levels."""

    id: str
    name: str
    version: str
    currency: str
    period: str
    source: str
    caveat: str
    levels: list[LevelInfo]


@router.get("/v1/roles", response_model=list[RoleInfo])
async def roles_endpoint() -> list[RoleInfo]:
    """Every role with its levels, must-haves and salary bands."""
    return role_infos()


@router.get("/v1/roles/{name}", response_model=RoleInfo)
async def role_endpoint(name: str) -> RoleInfo:
    """One role with its levels, must-haves and salary bands."""
    return role_info(name)


def role_by_id(name: str) -> Role:
    """The role with id ``name`` (``UnknownRoleError``, 404, for anything else: never a file path)."""
    if not _ROLE_ID.fullmatch(name):
        raise UnknownRoleError(f"no role {name!r}; known roles: {list_roles()}")
    return get_role(name)


def role_infos() -> list[RoleInfo]:
    """Every installed role, in ``list_roles()`` order."""
    return [role_info(role_id) for role_id in list_roles()]


def role_info(name: str) -> RoleInfo:
    """The role ``name`` (``UnknownRoleError`` if there is none)."""
    role = role_by_id(name)
    levels = []
    for level in role.spec.levels:
        years = level.expected_years
        band = level.salary
        levels.append(
            LevelInfo(
                id=level.id,
                name=level.name,
                titles=level.titles,
                expected_years=f"{years.min:g}+" if years.max is None else f"{years.min:g}-{years.max:g}",
                must_haves=[r.name for r in level.requirements if r.kind == "must"],
                nice_to_haves=[r.name for r in level.requirements if r.kind == "nice"],
                salary_low=band.low if band else None,
                salary_high=band.high if band else None,
                salary_typical=band.typical if band else None,
                salary_basis=band.basis if band else f"no band: {level.salary_note}",
                salary_n=band.n if band else None,
            )
        )
    spec = role.spec
    return RoleInfo(
        id=role.id,
        name=spec.name,
        version=spec.version,
        currency=spec.salary.currency,
        period=spec.salary.period,
        source=spec.source.document,
        caveat=spec.source.caveat,
        levels=levels,
    )
