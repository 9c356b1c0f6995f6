"""``/v1/roles``: the roles the service judges against, with their levels, must-haves and salary bands."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from .._match import get_role, list_roles
from ._auth import authenticate
from ._responses import ERROR_RESPONSES

__all__ = ["LevelInfo", "RoleInfo", "role_info", "role_infos", "router"]

router = APIRouter(dependencies=[Depends(authenticate)], responses=ERROR_RESPONSES, tags=["roles"])


class LevelInfo(BaseModel):
    """One level of a role: what it asks for and what it pays."""

    id: str
    name: str
    titles: list[str]
    expected_years: str
    must_haves: list[str]
    nice_to_haves: list[str]
    salary_low: int
    salary_high: int
    salary_typical: int
    salary_basis: str


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


def role_infos() -> list[RoleInfo]:
    """Every installed role, in ``list_roles()`` order."""
    return [role_info(role_id) for role_id in list_roles()]


def role_info(name: str) -> RoleInfo:
    """The role ``name`` (``UnknownRoleError`` if there is none)."""
    role = get_role(name)
    levels = []
    for level in role.spec.levels:
        years = level.expected_years
        levels.append(
            LevelInfo(
                id=level.id,
                name=level.name,
                titles=level.titles,
                expected_years=f"{years.min:g}+" if years.max is None else f"{years.min:g}-{years.max:g}",
                must_haves=[r.name for r in level.requirements if r.kind == "must"],
                nice_to_haves=[r.name for r in level.requirements if r.kind == "nice"],
                salary_low=level.salary.low,
                salary_high=level.salary.high,
                salary_typical=level.salary.typical,
                salary_basis=level.salary.basis,
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
