"""The HTTP service for ATS integrations (``pip install "rolematch[server]"``; ``rolematch serve``)."""

from __future__ import annotations

from ._app import create_app
from ._requests import JobRequest, MatchRequest, RankRequest, TextResume
from ._responses import ApiError, ErrorResponse
from ._settings import ServerSettings

__all__ = [
    "ApiError",
    "ErrorResponse",
    "JobRequest",
    "MatchRequest",
    "RankRequest",
    "ServerSettings",
    "TextResume",
    "create_app",
]
