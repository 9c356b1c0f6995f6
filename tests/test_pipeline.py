"""One decision sequence behind every door: library, batch engine, HTTP service and ``audit verify``.

The same input through each gives the same report bytes and the same audit entry digest; and
the taxonomy a resume was parsed with is the one that judges it.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import rolematch
from rolematch import AuditLog, SkillRegistry, load_taxonomy
from rolematch._audit import report_sha256, verify
from rolematch._match import get_role, match_resume
from rolematch.errors import TaxonomyMismatchError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
AS_OF = date(2026, 11, 21)
KEY = "pipeline-test-key-0123456789"


@pytest.mark.parametrize(
    ("name", "blind"), [("senior-ml-engineer.txt", False), ("lead-ml-engineer-two-column.pdf", True)]
)
def test_every_door_gives_the_same_report_and_audit_digest(tmp_path: Path, name: str, blind: bool) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from rolematch._server import ServerSettings, create_app

    source = EXAMPLES / name
    level, location = "senior", "Seattle, WA"

    # The library.
    library_log = AuditLog(path=tmp_path / "library.jsonl")
    library = rolematch.match(source, level=level, as_of=AS_OF, location=location, blind=blind, audit=library_log)

    # The batch engine (in-process worker, isolation on as by default).
    rolematch.run_batch(
        [source], tmp_path / "batch.jsonl", level=level, as_of=AS_OF, location=location, blind=blind,
        audit_log=tmp_path / "batch-audit.jsonl",
    )  # fmt: skip
    (row,) = [json.loads(line) for line in (tmp_path / "batch.jsonl").read_text(encoding="utf-8").splitlines()]

    # The HTTP service.
    settings = ServerSettings(api_keys=(KEY,), audit_log=str(tmp_path / "server.jsonl"))
    with TestClient(create_app(settings)) as client:
        response = client.post(
            "/v1/match",
            params={"level": level, "as_of": AS_OF.isoformat(), "location": location, "blind": blind},
            headers={"X-API-Key": KEY},
            files={"file": (name, source.read_bytes(), "application/octet-stream")},
        )
    assert response.status_code == 200, response.text
    server = rolematch.FitReport.model_validate_json(response.content)

    assert response.content == library.model_dump_json().encode("utf-8")
    assert report_sha256(server) == report_sha256(library)
    # Batch rows are written with sorted keys: the same report, compared as JSON values.
    assert row["report"] == json.loads(library.model_dump_json())

    entries = {
        door: AuditLog.read(tmp_path / file)
        for door, file in (("library", "library.jsonl"), ("batch", "batch-audit.jsonl"), ("server", "server.jsonl"))
    }
    digests = {door: (e.input_sha256, e.report_sha256, e.parameters["blind"]) for door, (e,) in entries.items()}
    assert len(set(digests.values())) == 1, digests

    # audit verify replays the entry through the same sequence.
    (entry,) = entries["server"]
    replay = verify(entry, source)
    assert replay.identical, replay.differences
    assert replay.report is not None and report_sha256(replay.report) == report_sha256(library)


def test_a_text_input_is_named_by_the_hash_of_its_text_at_every_door(tmp_path: Path) -> None:
    """The server used to log an empty digest for text; the library hashed the text."""
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from rolematch._server import ServerSettings, create_app

    text = (EXAMPLES / "senior-ml-engineer.txt").read_text(encoding="utf-8")
    log = AuditLog(path=tmp_path / "library.jsonl")
    rolematch.match(rolematch.parse_text(text, as_of=AS_OF), level="mid", audit=log)
    settings = ServerSettings(api_keys=(KEY,), audit_log=str(tmp_path / "server.jsonl"))
    with TestClient(create_app(settings)) as client:
        response = client.post(
            "/v1/match",
            params={"level": "mid", "as_of": AS_OF.isoformat()},
            headers={"X-API-Key": KEY},
            json={"text": text},
        )
    assert response.status_code == 200, response.text
    (library,), (server,) = AuditLog.read(tmp_path / "library.jsonl"), AuditLog.read(tmp_path / "server.jsonl")
    assert library.input_sha256 == server.input_sha256 != ""
    assert library.report_sha256 == server.report_sha256


def test_a_blind_assessment_is_audited_as_blind_and_verifies(tmp_path: Path) -> None:
    """assess(blind=True) used to record blind=False, so verify replayed an unblinded report."""
    source = EXAMPLES / "lead-ml-engineer-two-column.pdf"
    log = AuditLog(path=tmp_path / "audit.jsonl")
    assessment = rolematch.assess(source, as_of=AS_OF, blind=True, audit=log, role="ml-engineer")
    (entry,) = AuditLog.read(tmp_path / "audit.jsonl")
    assert entry.parameters["blind"] is True and entry.level == assessment.best_level
    assert verify(entry, source).identical


# ---------------------------------------------------------------- the taxonomy that parsed is the one that judges

_ACME = """
categories:
  internal_tool: {label: Internal tools, group: technology}
skills:
  - {id: acmeflow, name: AcmeFlow, category: internal_tool, implies: [python]}
"""

_RESUME = """Sam Doe

Experience
Machine Learning Engineer, Northwind, Jan 2019 - Present
- Built training pipelines in AcmeFlow and shipped models to production.

Skills
AcmeFlow
"""


@pytest.fixture(scope="module")
def acme(tmp_path_factory: pytest.TempPathFactory) -> SkillRegistry:
    path = tmp_path_factory.mktemp("acme") / "acme.yaml"
    path.write_text(_ACME, encoding="utf-8")
    return SkillRegistry(load_taxonomy(path))


def _python_status(report: rolematch.FitReport) -> str:
    (python,) = [r for r in report.requirements if r.id == "python"]
    return python.status


def test_matching_uses_the_taxonomy_the_resume_was_parsed_with(acme: SkillRegistry) -> None:
    resume = rolematch.parse_text(_RESUME, as_of=AS_OF, skills=acme)
    assert "acmeflow" in {m.skill_id for m in resume.skills}
    direct = match_resume(resume, get_role("ml-engineer"), "mid", as_of=AS_OF, taxonomy=acme.taxonomy)
    assert _python_status(direct) == "met"  # AcmeFlow implies Python under the custom taxonomy
    assert _python_status(rolematch.match(resume, level="mid", skills=acme)) == "met"
    assert _python_status(rolematch.match(_RESUME.encode(), level="mid", as_of=AS_OF, skills=acme)) == "met"
    assessed = rolematch.assess(resume, skills=acme, role="ml-engineer")
    assert _python_status(assessed.reports["mid"]) == "met"
    (ranked,) = rolematch.rank([resume], level="mid", skills=acme)
    assert _python_status(ranked.report) == "met"


def test_a_resume_given_to_another_taxonomy_is_refused(acme: SkillRegistry) -> None:
    resume = rolematch.parse_text(_RESUME, as_of=AS_OF, skills=acme)
    for call in (
        lambda: rolematch.match(resume, level="mid"),
        lambda: rolematch.assess(resume, role="ml-engineer"),
        lambda: rolematch.rank([resume], level="mid"),
    ):
        with pytest.raises(TaxonomyMismatchError, match="pass skills="):
            call()
    plain = rolematch.parse_text(_RESUME, as_of=AS_OF)
    with pytest.raises(TaxonomyMismatchError):
        rolematch.match(plain, level="mid", skills=acme)
    assert _python_status(rolematch.match(plain, level="mid")) != "met"  # no AcmeFlow in the built-in taxonomy


def test_a_resume_from_json_without_the_field_still_matches() -> None:
    """Resumes saved before the field existed carry no taxonomy label; they match as before."""
    resume = rolematch.parse_text(_RESUME, as_of=AS_OF)
    data = json.loads(resume.model_dump_json())
    del data["skills_taxonomy"]
    old = rolematch.Resume.model_validate(data)
    assert rolematch.match(old, level="mid").score == rolematch.match(resume, level="mid").score
