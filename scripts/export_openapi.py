"""Write the HTTP API's OpenAPI document to docs/openapi.json (tests check it is current)."""

from __future__ import annotations

import json
from pathlib import Path

from rolematch._server import ServerSettings, create_app

TARGET = Path(__file__).resolve().parent.parent / "docs" / "openapi.json"


def openapi_text() -> str:
    """The OpenAPI document of the app with default settings (authentication on)."""
    app = create_app(ServerSettings(api_keys=("documentation-only-key",)))
    return json.dumps(app.openapi(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    TARGET.write_text(openapi_text(), encoding="utf-8")
    print(f"wrote {TARGET}")
