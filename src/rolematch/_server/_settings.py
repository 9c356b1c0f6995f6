"""Server settings: API keys, limits and time budget, from arguments or the environment."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .._isolation import Isolation
from .._limits import DEFAULT_LIMITS

__all__ = ["ServerSettings"]


class ServerSettings(BaseModel):
    """How the HTTP service runs. Authentication is on unless ``auth_enabled`` is explicitly False."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    api_keys: tuple[str, ...] = Field(default=(), description="Accepted keys (X-API-Key or Bearer).")
    auth_enabled: bool = True
    max_upload_bytes: int = Field(default=DEFAULT_LIMITS.max_bytes, gt=0)
    max_pages: int = Field(default=DEFAULT_LIMITS.max_pages, gt=0)
    request_timeout: float = Field(default=30.0, gt=0, description="Seconds of work allowed per request.")
    threads: int = Field(default=2, ge=1, le=64, description="Requests worked on at once per server process.")
    audit_log: str | None = Field(
        default=None, description="Audit log file; the `rolematch.audit` logger gets every entry either way."
    )
    isolation: Isolation | None = Field(
        default=Isolation(), description="Read uploads in a child process with limits; None turns it off."
    )
    roles_dir: str | None = Field(
        default=None,
        description="A folder of role files (.yaml, .yml, .json) registered at start-up, replacing roles of the "
        "same id; registered roles are process-wide, like rolematch.register_role.",
    )

    @model_validator(mode="after")
    def _keys_when_auth(self) -> ServerSettings:
        if self.auth_enabled and not self.api_keys:
            raise ValueError(
                "authentication is on but no API key is configured: set ROLEMATCH_API_KEYS or ROLEMATCH_API_KEYS_FILE "
                "(or disable authentication for local use with ROLEMATCH_AUTH=off / --no-auth)"
            )
        if any(len(key) < 16 for key in self.api_keys):
            raise ValueError("API keys must be at least 16 characters long")
        return self

    @model_validator(mode="after")
    def _roles_dir_is_valid(self) -> ServerSettings:
        # Checked here, so that `rolematch serve` reports a bad folder or role file in one line before
        # starting (as a missing key); the service loads and registers the files again at start-up
        # (create_app's lifespan), where a file broken since stops it.
        if self.roles_dir is None:
            return self
        if not Path(self.roles_dir).is_dir():
            raise ValueError(f"ROLEMATCH_ROLES_DIR: {self.roles_dir} is not a folder")
        from ..errors import DataFileError
        from ._roles_dir import load_roles_dir

        try:
            load_roles_dir(self.roles_dir)
        except DataFileError as error:
            raise ValueError(error.message) from None
        return self

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> ServerSettings:
        """Settings from ``ROLEMATCH_*`` variables (keys: comma-separated, or one per line in a file)."""
        env = dict(os.environ if environ is None else environ)
        keys = [k.strip() for k in env.get("ROLEMATCH_API_KEYS", "").split(",") if k.strip()]
        key_file = env.get("ROLEMATCH_API_KEYS_FILE")
        if key_file:
            keys += [line.strip() for line in Path(key_file).read_text(encoding="utf-8").splitlines() if line.strip()]
        values: dict[str, object] = {
            "api_keys": tuple(keys),
            "auth_enabled": env.get("ROLEMATCH_AUTH", "on").strip().lower() not in {"off", "0", "false", "no"},
        }
        for name, field in (
            ("ROLEMATCH_MAX_UPLOAD_BYTES", "max_upload_bytes"),
            ("ROLEMATCH_MAX_PAGES", "max_pages"),
            ("ROLEMATCH_THREADS", "threads"),
        ):
            if env.get(name):
                values[field] = int(env[name])
        if env.get("ROLEMATCH_REQUEST_TIMEOUT"):
            values["request_timeout"] = float(env["ROLEMATCH_REQUEST_TIMEOUT"])
        if env.get("ROLEMATCH_AUDIT_LOG"):
            values["audit_log"] = env["ROLEMATCH_AUDIT_LOG"]
        if env.get("ROLEMATCH_ROLES_DIR"):
            values["roles_dir"] = env["ROLEMATCH_ROLES_DIR"]
        if env.get("ROLEMATCH_ISOLATION", "on").strip().lower() in {"off", "0", "false", "no"}:
            values["isolation"] = None
        else:
            values["isolation"] = Isolation(
                timeout=float(env.get("ROLEMATCH_PARSE_TIMEOUT", 10)),
                memory_mb=int(env.get("ROLEMATCH_PARSE_MEMORY_MB", 512)),
                cpu_seconds=int(env.get("ROLEMATCH_PARSE_CPU_SECONDS", 10)),
            )
        return cls.model_validate(values)
