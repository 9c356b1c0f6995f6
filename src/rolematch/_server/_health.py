"""Liveness and readiness: ``/healthz`` and ``/readyz`` (no key needed, so orchestrators can probe)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from .._version import __version__
from ._responses import as_json
from ._state import Service, ServiceDep

__all__ = ["Health", "router"]

router = APIRouter(tags=["health"])


class Health(BaseModel):
    """Liveness or readiness."""

    status: str
    version: str


@router.get("/healthz", response_model=Health)
async def healthz() -> Health:
    """The process is alive."""
    return Health(status="ok", version=__version__)


@router.get("/readyz", response_model=Health, responses={503: {"model": Health}})
async def readyz(state: ServiceDep) -> Response:
    """The pipeline is loaded and requests will be answered at full speed."""
    return _readiness(state)


def _readiness(state: Service) -> Response:
    if not state.ready:
        return JSONResponse(status_code=503, content=Health(status="loading", version=__version__).model_dump())
    return as_json(Health(status="ready", version=__version__))
