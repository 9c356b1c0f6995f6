"""The HTTP service for ATS integrations (``pip install "rolematch[server]"``; ``rolematch serve``)."""

from __future__ import annotations

from ._app import ApiError, ErrorResponse, TextResume, create_app
from ._settings import ServerSettings

__all__ = ["ApiError", "ErrorResponse", "ServerSettings", "TextResume", "create_app"]
