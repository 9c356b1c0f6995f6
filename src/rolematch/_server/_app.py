"""The HTTP service: the library's models over FastAPI, safe by default.

:func:`create_app` only assembles: shared state (:mod:`._state`), error handlers
(:mod:`._errors`), one router per resource, the docs pages with their files served locally
(:mod:`._docs`), and the lifespan that loads the pipeline. Resume bytes are read in memory with a
size cap and never logged or written to disk (:mod:`._upload`); CPU-bound work runs on a bounded
thread pool with a time budget (:mod:`._work`), so the event loop keeps answering health checks.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from fastapi import FastAPI

from .._match import get_role, list_roles
from .._skills import default_registry
from .._version import __version__
from ..errors import RolematchError
from . import _assess, _health, _jobs, _match, _parse, _rank, _roles
from ._docs import install_docs
from ._errors import install_error_handlers
from ._roles_dir import register_roles_dir
from ._settings import ServerSettings
from ._state import Service, attach, service_of

__all__ = ["create_app"]

# In the order the endpoints were written; the OpenAPI document sorts its paths anyway.
_ROUTERS = (
    _health.router,
    _match.router,
    _assess.router,
    _parse.router,
    _roles.router,
    _jobs.router,
    _rank.router,
)

# Parsed once at start-up so that the job parser's vocabulary and patterns are loaded before the
# first request (and inherited by the children that read postings).
_WARM_POSTING = "Data Engineer\n\nRequirements\n- Python and SQL\n"


def create_app(settings: ServerSettings | None = None) -> FastAPI:
    """The FastAPI application. ``settings`` default to ``ServerSettings.from_env()``."""
    settings = settings or ServerSettings.from_env()
    app = FastAPI(
        title="rolematch",
        version=__version__,
        summary="How well a resume fits a role level, with the evidence for every claim.",
        lifespan=_lifespan,
        # Served by install_docs with files from this machine: FastAPI's own pages load them from a CDN.
        docs_url=None,
        redoc_url=None,
    )
    attach(app, Service.from_settings(settings))
    install_error_handlers(app)
    install_docs(app)
    for router in _ROUTERS:
        app.include_router(router)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    state = service_of(app)
    # Once per server process, before taking requests; a bad role file stops the start-up here.
    await anyio.to_thread.run_sync(_warm, state.settings)
    state.ready = True
    yield


def _warm(settings: ServerSettings) -> None:
    from .._job import parse_job_text

    default_registry()
    if settings.roles_dir is not None:
        register_roles_dir(settings.roles_dir)
    for role_id in list_roles():
        get_role(role_id)
    with contextlib.suppress(RolematchError):  # a warm-up: what the parser makes of it does not matter
        parse_job_text(_WARM_POSTING)
