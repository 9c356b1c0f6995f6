"""The audit trail: one JSON line per decision, and a replay that checks it is reproducible."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .._match import FitReport, Role

__all__ = ["AuditEntry", "AuditLog", "VerifyResult", "report_sha256"]


def report_sha256(report: FitReport) -> str:
    """Hash of the report's exact JSON: equal hashes mean byte-for-byte equal reports."""
    return hashlib.sha256(report.model_dump_json().encode("utf-8")).hexdigest()


class AuditEntry(BaseModel):
    """One decision: what went in (by hash, never content), with what, and what came out."""

    model_config = ConfigDict(extra="forbid", defer_build=True)  # built when first used (start-up)

    timestamp: str
    input_sha256: str = Field(description="SHA-256 of the resume's bytes (never the content itself).")
    role: str
    role_sha256: str = Field(description="SHA-256 of the role file the score used.")
    versions: dict[str, str]
    as_of: date
    parameters: dict[str, Any] = Field(description="level, location, industry, blind, strict.")
    score: float
    level: str
    verdict: str
    needs_human_review: bool
    report_sha256: str
    reviewer: str | None = Field(default=None, description="Who reviewed the decision (filled in by people).")
    override: str | None = Field(default=None, description="A reviewer's decision when it differs.")


@dataclass
class AuditLog:
    """Where audit entries go: a JSON-lines file (appended, one write per line) and/or a logger."""

    path: Path | None = None
    logger: logging.Logger | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(
        self,
        report: FitReport,
        *,
        input_sha256: str,
        role: Role,
        location: str | None = None,
        industry: str | None = None,
        blind: bool = False,
        strict: bool = False,
    ) -> AuditEntry:
        """Append the entry for ``report`` (through :meth:`write`) and return it."""
        entry = AuditEntry(
            timestamp=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            input_sha256=input_sha256,
            role=role.id,
            role_sha256=role.sha256,
            versions=report.versions,
            as_of=report.as_of,
            parameters={
                "level": report.level,
                "location": location,
                "industry": industry,
                "blind": blind,
                "strict": strict,
            },
            score=report.score,
            level=report.level,
            verdict=report.verdict,
            needs_human_review=report.needs_human_review,
            report_sha256=report_sha256(report),
        )
        self.write(entry.model_dump_json() + "\n")
        return entry

    def write(self, lines: str) -> None:
        """Append entries already made, as whole JSON lines (``AuditEntry.model_dump_json()`` + newline).

        The file is created with mode 0600 (it names inputs and decisions); an existing one keeps its
        mode. The lines go in one ``write``, so that writers sharing a log never interleave them.
        """
        if self.path is not None:
            data = lines.encode("utf-8")
            with self._lock:
                descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600)
                try:
                    written = os.write(descriptor, data)
                    while written < len(data):  # a regular file takes it all at once; this is for the rest
                        written += os.write(descriptor, data[written:])
                finally:
                    os.close(descriptor)
        if self.logger is not None:
            for line in lines.splitlines():
                self.logger.info(line)

    @staticmethod
    def read(path: str | os.PathLike[str]) -> list[AuditEntry]:
        """Every entry of a log file."""
        text = Path(path).read_text(encoding="utf-8")
        return [AuditEntry.model_validate(json.loads(line)) for line in text.splitlines() if line.strip()]


@dataclass
class VerifyResult:
    """What a replay found."""

    identical: bool
    differences: list[str]
    report: FitReport | None = None


def verify(entry: AuditEntry, source: str | os.PathLike[str] | bytes) -> VerifyResult:
    """Replay ``entry`` against the stored input and say whether the report is identical."""
    # Imported here: the pipeline imports this package (to record decisions).
    from .._match import get_role
    from .._parse import parse_document
    from .._pipeline import Decision, report_for, taxonomy_for
    from .._read import read_document, read_source_bytes

    data = read_source_bytes(source)
    differences = []
    digest = hashlib.sha256(data).hexdigest()
    if digest != entry.input_sha256:
        return VerifyResult(
            False, [f"input hash {digest[:12]} is not the logged {entry.input_sha256[:12]}: another file"]
        )
    role = get_role(entry.role)
    if role.sha256 != entry.role_sha256:
        differences.append(f"role file changed: {role.sha256[:12]} now, {entry.role_sha256[:12]} logged")
    params = entry.parameters
    resume = parse_document(read_document(data), as_of=entry.as_of)
    decision = Decision(
        role,
        params["level"],
        params.get("location"),
        params.get("industry"),
        bool(params.get("blind")),
        bool(params.get("strict")),  # entries from before strict existed were not strict
    )
    report = report_for(resume, decision, taxonomy=taxonomy_for(resume, None))
    for name in ("score", "level", "verdict"):
        if getattr(report, name) != getattr(entry, name):
            differences.append(f"{name}: {getattr(report, name)!r} now, {getattr(entry, name)!r} logged")
    for key, value in entry.versions.items():
        if report.versions.get(key) != value:
            differences.append(f"version {key}: {report.versions.get(key)} now, {value} logged")
    if report_sha256(report) != entry.report_sha256:
        differences.append("the report's bytes differ from the logged hash")
    return VerifyResult(not differences, differences, report)
