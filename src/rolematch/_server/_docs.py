"""``/docs`` (Swagger UI) and ``/redoc`` (ReDoc) served with their files from this machine, never a CDN.

FastAPI's own docs pages load Swagger UI and ReDoc from jsDelivr (and ReDoc's fonts from Google),
so on a network without internet access they are blank. FastAPI's documented remedy
(https://fastapi.tiangolo.com/how-to/custom-docs-ui-assets/) is done here: the app is created with
``docs_url=None, redoc_url=None``, the files are mounted with ``StaticFiles`` and the pages come
from ``get_swagger_ui_html`` / ``get_redoc_html`` pointing at them.

The files come with the server extra's ``fastapi-offline`` package (MIT; Swagger UI is
Apache-2.0 and ReDoc MIT, their licences ship with it): Swagger UI 5, which renders the OpenAPI
3.1 document FastAPI writes (the ``swagger-ui-bundle`` package still ships Swagger UI 4, which
does not), and ReDoc 2's standalone bundle.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

__all__ = ["ASSETS_URL", "DOCS_URL", "REDOC_URL", "asset_directory", "install_docs"]

DOCS_URL = "/docs"
"""Swagger UI."""
REDOC_URL = "/redoc"
"""ReDoc."""
ASSETS_URL = "/docs/assets"
"""Where the pages' JavaScript, CSS and icon are served from."""

_OAUTH2_REDIRECT_URL = "/docs/oauth2-redirect"
# The files the pages load, all in the package's `static` folder.
_SWAGGER_JS = "swagger-ui-bundle.js"
_SWAGGER_CSS = "swagger-ui.css"
_REDOC_JS = "redoc.standalone.js"
_FAVICON = "favicon.png"
# No request leaves for validator.swagger.io (Swagger UI's online validator badge).
_SWAGGER_PARAMETERS = {"validatorUrl": None}


def asset_directory() -> Path:
    """The folder holding the Swagger UI and ReDoc files (RuntimeError naming the package if any is missing)."""
    try:
        folder = Path(str(resources.files("fastapi_offline").joinpath("static")))
    except ModuleNotFoundError:
        raise RuntimeError('the HTTP service needs fastapi-offline: pip install "rolematch[server]"') from None
    missing = [name for name in (_SWAGGER_JS, _SWAGGER_CSS, _REDOC_JS, _FAVICON) if not (folder / name).is_file()]
    if missing:
        raise RuntimeError(f"fastapi-offline's {folder} lacks {', '.join(missing)}; reinstall rolematch[server]")
    return folder


def install_docs(app: FastAPI) -> None:
    """Serve ``/docs`` and ``/redoc`` on ``app`` (created with ``docs_url=None, redoc_url=None``) with local files."""
    app.mount(ASSETS_URL, StaticFiles(directory=asset_directory()), name="docs-assets")
    title = app.title

    @app.get(DOCS_URL, include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        root = _root(request)
        return get_swagger_ui_html(
            openapi_url=root + (app.openapi_url or ""),
            title=f"{title} - Swagger UI",
            swagger_js_url=f"{root}{ASSETS_URL}/{_SWAGGER_JS}",
            swagger_css_url=f"{root}{ASSETS_URL}/{_SWAGGER_CSS}",
            swagger_favicon_url=f"{root}{ASSETS_URL}/{_FAVICON}",
            oauth2_redirect_url=root + _OAUTH2_REDIRECT_URL,
            swagger_ui_parameters={**(app.swagger_ui_parameters or {}), **_SWAGGER_PARAMETERS},
        )

    @app.get(_OAUTH2_REDIRECT_URL, include_in_schema=False)
    async def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get(REDOC_URL, include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        root = _root(request)
        return get_redoc_html(
            openapi_url=root + (app.openapi_url or ""),
            title=f"{title} - ReDoc",
            redoc_js_url=f"{root}{ASSETS_URL}/{_REDOC_JS}",
            redoc_favicon_url=f"{root}{ASSETS_URL}/{_FAVICON}",
            with_google_fonts=False,  # ReDoc falls back to the browser's fonts
        )


def _root(request: Request) -> str:
    """The path the app is mounted under behind a proxy (``--root-path``), as FastAPI's own docs pages use it."""
    return str(request.scope.get("root_path", "")).rstrip("/")
