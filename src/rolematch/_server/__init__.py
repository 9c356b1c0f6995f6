"""The HTTP service for ATS integrations (``pip install "rolematch[server]"``; ``rolematch serve``)."""

from __future__ import annotations

from ._app import create_app
from ._responses import ApiError, ErrorResponse
from ._settings import ServerSettings
from ._upload import TextResume

__all__ = ["ApiError", "ErrorResponse", "ServerSettings", "TextResume", "create_app"]
