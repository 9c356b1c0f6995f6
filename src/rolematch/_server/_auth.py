"""API-key authentication: an ``X-API-Key`` header or an ``Authorization: Bearer`` token."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from ._errors import Failure
from ._state import ServiceDep

__all__ = ["authenticate"]

# Not auto_error: with authentication off no key is needed, and a missing key must get our code and message.
_api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="An API key.")
_bearer = HTTPBearer(auto_error=False, description="The API key as a bearer token.")


async def authenticate(
    api_key: Annotated[str | None, Depends(_api_key_header)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    state: ServiceDep,
) -> None:
    """Dependency: refuse the request (401 ``unauthorized``) unless it carries one of the app's keys."""
    if not state.settings.auth_enabled:
        return
    given = api_key or (credentials.credentials if credentials else None)
    if not given:
        raise Failure("unauthorized", "an API key is required (X-API-Key header or Authorization: Bearer)")
    candidate = given.encode()
    # Compare with every key, without stopping early, so timing says nothing about which matched.
    matched = False
    for key in state.keys:
        matched |= hmac.compare_digest(candidate, key)
    if not matched:
        raise Failure("unauthorized", "the API key is not valid")
