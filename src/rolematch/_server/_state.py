"""What every request of one app shares: settings, limits, the bounded thread pool, API keys, audit log, readiness.

The state lives on ``app.state`` (one per :func:`create_app` call), so two apps in one process
never share keys, limits or a thread pool. Roles are the exception: those of ``roles_dir`` are
registered process-wide, as ``rolematch.register_role`` does.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, cast

import anyio
from fastapi import Depends, FastAPI, Request

from .._audit import AuditLog
from .._limits import Limits
from ._settings import ServerSettings

__all__ = ["Service", "ServiceDep", "attach", "service", "service_of"]

_ATTRIBUTE = "rolematch_service"


@dataclass
class Service:
    """One app's shared state; ``ready`` turns true once the pipeline is loaded."""

    settings: ServerSettings
    limits: Limits
    limiter: anyio.CapacityLimiter
    keys: tuple[bytes, ...]
    audit: AuditLog
    ready: bool = False

    @classmethod
    def from_settings(cls, settings: ServerSettings) -> Service:
        """The state an app with ``settings`` starts with (not ready yet)."""
        audit_path = Path(settings.audit_log) if settings.audit_log else None
        return cls(
            settings=settings,
            limits=Limits(max_bytes=settings.max_upload_bytes, max_pages=settings.max_pages),
            limiter=anyio.CapacityLimiter(settings.threads),
            keys=tuple(key.encode() for key in settings.api_keys),
            audit=AuditLog(path=audit_path, logger=logging.getLogger("rolematch.audit")),
        )


def attach(app: FastAPI, state: Service) -> None:
    """Give ``app`` its shared state."""
    setattr(app.state, _ATTRIBUTE, state)


def service_of(app: FastAPI) -> Service:
    """The shared state of ``app`` (see :func:`attach`)."""
    return cast("Service", getattr(app.state, _ATTRIBUTE))


async def service(request: Request) -> Service:
    """Dependency: the shared state of the app answering ``request``."""
    # Async, so FastAPI calls it on the event loop instead of handing it to a worker thread.
    return service_of(request.app)


ServiceDep = Annotated[Service, Depends(service)]
