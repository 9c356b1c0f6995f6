"""The HTTP API with job postings: /v1/jobs/parse, /v1/match with a posting or without a level,
/v1/rank, multipart field names, and roles loaded from ROLEMATCH_ROLES_DIR."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed")
from fastapi.testclient import TestClient

import rolematch
from conftest import AS_OF, EXAMPLES, ROOT
from rolematch._server import ServerSettings, create_app
from rolematch.errors import DataFileError

KEY = "test-key-0123456789abcdef"
AUTH = {"X-API-Key": KEY}
QUERY = {"as_of": AS_OF.isoformat()}
JOBS = ROOT / "tests" / "fixtures" / "jobs"
JSON_JOB = JOBS / "de-04_de_energy.json"
TEXT_JOB = JOBS / "mle-02_mle_prose.txt"
RANKED = ["mid-ml-engineer.md", "junior-ml-engineer.docx", "senior-ml-engineer.txt"]

Files = list[tuple[str, tuple[str, bytes, str]]]


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    app = create_app(ServerSettings(api_keys=(KEY,), max_upload_bytes=2_000_000, max_pages=3))
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def own_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Roles registered by a test stay in it: register_role is process-wide."""
    from rolematch._match import _roles

    monkeypatch.setattr(_roles, "_registry", {})


def _part(field: str, path: Path, data: bytes | None = None) -> tuple[str, tuple[str, bytes, str]]:
    return (field, (path.name, path.read_bytes() if data is None else data, "application/octet-stream"))


def _error(response: Any) -> tuple[int, str]:
    return response.status_code, response.json()["error"]["code"]


def _ranking_bytes(rows: list[rolematch.RankedResume]) -> bytes:
    return b"[" + b",".join(row.model_dump_json().encode() for row in rows) + b"]"


# ---------------------------------------------------------------- /v1/jobs/parse


def test_parse_a_posting_from_multipart_text_and_a_json_resume_job(client: TestClient) -> None:
    data = JSON_JOB.read_bytes()
    upload = client.post("/v1/jobs/parse", params=QUERY, headers=AUTH, files=[_part("job", JSON_JOB)])
    assert upload.status_code == 200, upload.text
    assert upload.content == rolematch.parse_job(data, as_of=AS_OF).model_dump_json().encode()

    job = json.loads(data)
    as_object = client.post("/v1/jobs/parse", params=QUERY, headers=AUTH, json={"job": job})
    assert as_object.status_code == 200, as_object.text
    # The object is read as the JSON file it would be: the library on the same bytes gives the same posting.
    expected = rolematch.parse_job(json.dumps(job).encode(), as_of=AS_OF)
    assert as_object.content == expected.model_dump_json().encode()
    posting = rolematch.JobPosting.model_validate_json(as_object.content)
    assert (posting.title, posting.company, posting.level, posting.source.format) == (
        "Data Engineer",
        "Gulfline Energy Services",
        "mid",
        "json_job",
    )
    assert posting.requirements == rolematch.parse_job(JSON_JOB, as_of=AS_OF).requirements

    text = TEXT_JOB.read_text(encoding="utf-8")
    as_text = client.post("/v1/jobs/parse", params=QUERY, headers=AUTH, json={"job_text": text})
    assert as_text.status_code == 200, as_text.text
    assert as_text.content == rolematch.parse_job_text(text, as_of=AS_OF).model_dump_json().encode()
    raw = client.post("/v1/jobs/parse", params=QUERY, headers=AUTH, content=TEXT_JOB.read_bytes())
    assert raw.status_code == 200 and raw.json()["title"] == as_text.json()["title"]


def test_a_posting_rolematch_cannot_read_gets_its_typed_error(client: TestClient) -> None:
    cases: list[tuple[dict[str, Any], int, str]] = [
        ({"json": {"job_text": "Hello there, nice to meet you."}}, 422, "empty_job"),
        ({"files": [("job", ("p.txt", b"We are a friendly team.\nApply today.", "text/plain"))]}, 422, "empty_job"),
        ({"content": b""}, 422, "empty_document"),
        ({"content": b"\x89PNG\r\n\x1a\n" + bytes(300)}, 415, "unsupported_format"),
        ({"content": b"x" * 2_100_000}, 413, "document_too_large"),
        ({"json": {"job": {"basics": {"name": "Ana"}}}}, 415, "unsupported_format"),  # a resume, not a job
        ({"json": {"job_text": "x", "job": {"title": "x"}}}, 422, "invalid_request"),
        ({"json": {"text": "a resume"}}, 422, "invalid_request"),
    ]
    for body, status, code in cases:
        response = client.post("/v1/jobs/parse", headers=AUTH, **body)
        assert _error(response) == (status, code), (body.keys(), response.text)
    empty = client.post(
        "/v1/match", params=QUERY, headers=AUTH, json={"text": "Ana Lima\nPython", "job_text": "Nice to meet you."}
    )
    assert _error(empty) == (422, "empty_job")


# ---------------------------------------------------------------- /v1/match with a posting


def test_match_with_a_posting_three_ways_gives_the_library_report(client: TestClient) -> None:
    resume, posting = EXAMPLES / "senior-ml-engineer.txt", TEXT_JOB
    library = rolematch.match(resume, job=posting.read_bytes(), as_of=AS_OF)
    assert library.job is not None and library.level == rolematch.parse_job(posting, as_of=AS_OF).level

    multipart = client.post(
        "/v1/match", params=QUERY, headers=AUTH, files=[_part("file", resume), _part("job", posting)]
    )
    by_text = client.post(
        "/v1/match",
        params=QUERY,
        headers=AUTH,
        json={"text": resume.read_text(encoding="utf-8"), "job_text": posting.read_text(encoding="utf-8")},
    )
    for response in (multipart, by_text):
        assert response.status_code == 200, response.text
        assert response.content == library.model_dump_json().encode()
    ats = client.post("/v1/match/ats", params=QUERY, headers=AUTH, files=[_part("file", resume), _part("job", posting)])
    assert ats.status_code == 200 and ats.json()["metadata"]["level"] == library.level

    # A JSON Resume job object, read as the JSON file it would be, and a JSON Resume resume.
    job = json.loads(JSON_JOB.read_bytes())
    cv = json.loads((EXAMPLES / "junior-ml-engineer.json").read_bytes())
    as_objects = client.post("/v1/match", params=QUERY, headers=AUTH, json={"json_resume": cv, "job": job})
    expected = rolematch.match(json.dumps(cv).encode(), job=json.dumps(job).encode(), as_of=AS_OF)
    assert as_objects.status_code == 200, as_objects.text
    assert as_objects.content == expected.model_dump_json().encode()
    as_files = client.post(
        "/v1/match",
        params=QUERY,
        headers=AUTH,
        files=[
            _part("file", EXAMPLES / "junior-ml-engineer.json", json.dumps(cv).encode()),
            _part("job", JSON_JOB, json.dumps(job).encode()),
        ],
    )
    assert as_files.content == as_objects.content


def test_the_posting_location_is_the_default_and_the_query_wins(client: TestClient) -> None:
    text, job_text = (EXAMPLES / "mid-ml-engineer.md").read_text(encoding="utf-8"), TEXT_JOB.read_text(encoding="utf-8")
    resume, posting = rolematch.parse_text(text, as_of=AS_OF), rolematch.parse_job_text(job_text, as_of=AS_OF)
    assert posting.location and posting.salary is None  # the salary is placed by location
    salaries = []
    for location in (None, posting.location, "London"):
        params = {**QUERY, **({"location": location} if location else {})}
        response = client.post("/v1/match", params=params, headers=AUTH, json={"text": text, "job_text": job_text})
        expected = rolematch.match(resume, job=posting, location=location or posting.location, as_of=AS_OF)
        assert response.status_code == 200 and response.content == expected.model_dump_json().encode()
        salaries.append(response.json()["salary"])
    assert salaries[0] == salaries[1] != salaries[2]


def test_a_role_with_a_posting_is_refused_and_a_level_must_be_the_postings(client: TestClient) -> None:
    files = [_part("file", EXAMPLES / "mid-ml-engineer.md"), _part("job", TEXT_JOB)]
    both = client.post("/v1/match", params={**QUERY, "role": "ml-engineer"}, headers=AUTH, files=files)
    assert _error(both) == (422, "invalid_request") and "role" in both.json()["error"]["message"]
    ranked = client.post("/v1/rank", params={"role": "ml-engineer"}, headers=AUTH, files=files)
    assert _error(ranked) == (422, "invalid_request")
    level = rolematch.parse_job(TEXT_JOB, as_of=AS_OF).level
    same = client.post("/v1/match", params={**QUERY, "level": level}, headers=AUTH, files=files)
    assert same.status_code == 200 and same.json()["level"] == level
    other = client.post("/v1/match", params={**QUERY, "level": "junior"}, headers=AUTH, files=files)
    assert _error(other) == (404, "invalid_role")


# ---------------------------------------------------------------- /v1/match without a level


@pytest.mark.parametrize("name", ["junior-ml-engineer.docx", "senior-ml-engineer.txt"])
def test_match_without_a_level_uses_the_best_level(client: TestClient, name: str) -> None:
    source = EXAMPLES / name
    response = client.post("/v1/match", params=QUERY, headers=AUTH, files=[_part("file", source)])
    assert response.status_code == 200, response.text
    assert response.json()["level"] == rolematch.assess(source, as_of=AS_OF, role="ml-engineer").best_level
    assert response.content == rolematch.match(source, as_of=AS_OF).model_dump_json().encode()


def test_match_without_a_level_is_audited_once(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    settings = ServerSettings(api_keys=(KEY,), audit_log=str(log))
    with TestClient(create_app(settings)) as client:
        response = client.post(
            "/v1/match", params=QUERY, headers=AUTH, files=[_part("file", EXAMPLES / "mid-ml-engineer.md")]
        )
    assert response.status_code == 200
    (entry,) = rolematch.AuditLog.read(log)
    library = tmp_path / "library.jsonl"
    rolematch.match(EXAMPLES / "mid-ml-engineer.md", as_of=AS_OF, audit=rolematch.AuditLog(path=library))
    (expected,) = rolematch.AuditLog.read(library)
    assert (entry.input_sha256, entry.report_sha256) == (expected.input_sha256, expected.report_sha256)


# ---------------------------------------------------------------- /v1/rank


@pytest.mark.parametrize("with_posting", [False, True])
def test_rank_orders_as_the_library_does(client: TestClient, with_posting: bool) -> None:
    sources = [EXAMPLES / name for name in RANKED]
    files: Files = [_part("file", source) for source in sources]
    if with_posting:
        files.append(_part("job", TEXT_JOB))
    response = client.post("/v1/rank", params=QUERY, headers=AUTH, files=files)
    assert response.status_code == 200, response.text
    library = rolematch.rank(sources, job=TEXT_JOB if with_posting else None, as_of=AS_OF)
    assert [row["source"] for row in response.json()] == [row.source for row in library]
    assert sorted(row.source for row in library) == sorted(RANKED)
    assert response.content == _ranking_bytes(library)
    if with_posting:
        assert {row["level"] for row in response.json()} == {rolematch.parse_job(TEXT_JOB, as_of=AS_OF).level}


def test_rank_takes_json_resumes_labelled_by_position_and_a_level(client: TestClient) -> None:
    texts = [(EXAMPLES / name).read_text(encoding="utf-8") for name in ("mid-ml-engineer.md", "senior-ml-engineer.txt")]
    cv = json.loads((EXAMPLES / "junior-ml-engineer.json").read_bytes())
    body = {"resumes": [{"text": texts[0]}, {"json_resume": cv}, {"text": texts[1]}]}
    response = client.post("/v1/rank", params={**QUERY, "level": "mid"}, headers=AUTH, json=body)
    assert response.status_code == 200, response.text
    resumes = [
        rolematch.parse_text(texts[0], as_of=AS_OF),
        rolematch.parse_resume(json.dumps(cv).encode(), as_of=AS_OF),
        rolematch.parse_text(texts[1], as_of=AS_OF),
    ]
    library = rolematch.rank(resumes, level="mid", labels=["resume 1", "resume 2", "resume 3"])
    assert response.content == _ranking_bytes(library)
    with_job = client.post("/v1/rank", params=QUERY, headers=AUTH, json={**body, "job_text": TEXT_JOB.read_text()})
    expected = rolematch.rank(
        resumes, job=TEXT_JOB.read_text(), as_of=AS_OF, labels=["resume 1", "resume 2", "resume 3"]
    )
    assert with_job.status_code == 200 and with_job.content == _ranking_bytes(expected)


def test_too_many_resumes_are_refused(client: TestClient) -> None:
    small = b"Ana Lima\nPython and SQL\n"
    for count in (51, 60):
        files = [("file", (f"cv{i}.txt", small, "text/plain")) for i in range(count)]
        response = client.post("/v1/rank", headers=AUTH, files=files)
        assert _error(response) == (413, "too_many_resumes") and "50" in response.json()["error"]["message"]
    body = {"resumes": [{"text": "Ana Lima\nPython"}] * 51}
    assert _error(client.post("/v1/rank", headers=AUTH, json=body)) == (413, "too_many_resumes")
    assert _error(client.post("/v1/rank", headers=AUTH, json={"resumes": []})) == (422, "invalid_request")


def test_an_unreadable_resume_fails_the_ranking_naming_it(client: TestClient) -> None:
    files = [("file", ("good.txt", (EXAMPLES / "senior-ml-engineer.txt").read_bytes(), "text/plain"))]
    files.append(("file", ("empty.txt", b"", "text/plain")))
    response = client.post("/v1/rank", headers=AUTH, files=files)
    assert _error(response) == (422, "empty_document")
    assert response.json()["error"]["message"].startswith("empty.txt: ")


# ---------------------------------------------------------------- multipart field names


@pytest.mark.parametrize("path", ["/v1/match", "/v1/match/ats", "/v1/assess", "/v1/parse", "/v1/rank"])
def test_a_wrong_multipart_field_names_the_expected_ones(client: TestClient, path: str) -> None:
    resume = EXAMPLES / "mid-ml-engineer.md"
    wrong = client.post(path, params=QUERY, headers=AUTH, files=[_part("resume", resume)])
    assert _error(wrong) == (422, "invalid_request")
    message = wrong.json()["error"]["message"]
    assert "'resume'" in message and "`file`" in message
    missing = client.post(path, params=QUERY, headers=AUTH, files=[_part("job", TEXT_JOB)])
    assert _error(missing) == (422, "invalid_request") and "`file`" in missing.json()["error"]["message"]
    nameless = client.post(
        path,
        params=QUERY,
        headers={**AUTH, "Content-Type": "multipart/form-data; boundary=b"},
        content=b'--b\r\nContent-Disposition: form-data; filename="cv.txt"\r\n\r\nAna Lima\r\n--b--\r\n',
    )
    assert _error(nameless) == (422, "invalid_request") and "`file`" in nameless.json()["error"]["message"]


def test_parse_and_assess_take_no_posting_and_match_one_resume(client: TestClient) -> None:
    resume = EXAMPLES / "mid-ml-engineer.md"
    for path in ("/v1/parse", "/v1/assess"):
        response = client.post(path, headers=AUTH, files=[_part("file", resume), _part("job", TEXT_JOB)])
        assert _error(response) == (422, "invalid_request") and "'job'" in response.json()["error"]["message"]
        assert _error(client.post(path, headers=AUTH, json={"text": "Ana", "job_text": "x"})) == (
            422,
            "invalid_request",
        )
    two = client.post("/v1/match", headers=AUTH, files=[_part("file", resume), _part("file", resume)])
    assert _error(two) == (422, "invalid_request")
    jobs = client.post(
        "/v1/match", headers=AUTH, files=[_part("file", resume), _part("job", TEXT_JOB), _part("job", TEXT_JOB)]
    )
    assert _error(jobs) == (422, "invalid_request")
    posting_only = client.post("/v1/jobs/parse", headers=AUTH, files=[_part("file", resume)])
    assert _error(posting_only) == (422, "invalid_request") and "`job`" in posting_only.json()["error"]["message"]


# ---------------------------------------------------------------- roles


def test_role_ids_are_never_read_as_file_paths(client: TestClient) -> None:
    """get_role also takes a role file's path; a client must not make the server read its files."""
    for role in ("/etc/hostname", "pyproject.yaml", "../rolematch_data/roles/ml-engineer.yaml"):
        response = client.post("/v1/match", params={"role": role, "level": "mid"}, headers=AUTH, json={"text": "x"})
        assert _error(response) == (404, "invalid_role"), response.text
        assert _error(client.post("/v1/assess", params={"role": role}, headers=AUTH, json={"text": "x"})) == (
            404,
            "invalid_role",
        )
    assert _error(client.get("/v1/roles/mkdocs.yml", headers=AUTH)) == (404, "invalid_role")


def _role_file(folder: Path, role_id: str) -> Path:
    text = (ROOT / "rolematch_data" / "roles" / "ml-engineer.yaml").read_text(encoding="utf-8")
    assert "\nid: ml-engineer\n" in text
    path = folder / f"{role_id}.yaml"
    path.write_text(text.replace("\nid: ml-engineer\n", f"\nid: {role_id}\n", 1), encoding="utf-8")
    return path


@pytest.mark.usefixtures("own_registry")
def test_roles_dir_roles_are_listed_and_matched(tmp_path: Path) -> None:
    _role_file(tmp_path, "ml-engineer-acme")
    (tmp_path / "notes.txt").write_text("not a role file", encoding="utf-8")
    settings = ServerSettings.from_env({"ROLEMATCH_API_KEYS": KEY, "ROLEMATCH_ROLES_DIR": str(tmp_path)})
    assert settings.roles_dir == str(tmp_path)
    with TestClient(create_app(settings)) as client:
        ids = [role["id"] for role in client.get("/v1/roles", headers=AUTH).json()]
        assert "ml-engineer-acme" in ids and "ml-engineer" in ids
        assert ids == rolematch.list_roles()
        role = client.get("/v1/roles/ml-engineer-acme", headers=AUTH).json()
        assert [level["id"] for level in role["levels"]] == ["junior", "mid", "senior"]
        source = EXAMPLES / "mid-ml-engineer.md"
        response = client.post(
            "/v1/match",
            params={**QUERY, "role": "ml-engineer-acme", "level": "mid"},
            headers=AUTH,
            files=[_part("file", source)],
        )
        assert response.status_code == 200 and response.json()["role"] == "ml-engineer-acme"
        assert response.json()["score"] == rolematch.match(source, level="mid", as_of=AS_OF).score


@pytest.mark.usefixtures("own_registry")
def test_a_broken_role_file_stops_the_service_naming_it(tmp_path: Path) -> None:
    good = _role_file(tmp_path, "acme-good")
    broken = _role_file(tmp_path, "acme-broken")
    settings = ServerSettings(api_keys=(KEY,), roles_dir=str(tmp_path))
    broken.write_text(broken.read_text(encoding="utf-8").replace("\nlevels:", "\nlvls:"), encoding="utf-8")
    # At start-up (a file broken after the settings were made): one exception, naming the file and the problem.
    app = create_app(settings)
    with (
        pytest.raises(
            DataFileError,
            match=r"^\[invalid_data_file\] ROLEMATCH_ROLES_DIR: .*acme-broken\.yaml: levels: Field required",
        ) as raised,
        TestClient(app),
    ):
        pass  # pragma: no cover - the start-up fails
    assert raised.value.__cause__ is None and raised.value.__suppress_context__
    assert "acme-good" not in rolematch.list_roles()  # all or nothing

    # Before: the settings (what `rolematch serve` makes first) refuse the folder in one line.
    env = {"ROLEMATCH_API_KEYS": KEY, "ROLEMATCH_ROLES_DIR": str(tmp_path)}
    with pytest.raises(ValueError, match=r"acme-broken\.yaml: levels: Field required"):
        ServerSettings.from_env(env)
    broken.unlink()
    (tmp_path / "copy.yml").write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ValueError, match="role id 'acme-good' is defined twice"):
        ServerSettings.from_env(env)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ValueError, match=r"holds no \.yaml, \.yml or \.json role file"):
        ServerSettings.from_env({**env, "ROLEMATCH_ROLES_DIR": str(empty)})
    with pytest.raises(ValueError, match="is not a folder"):
        ServerSettings.from_env({**env, "ROLEMATCH_ROLES_DIR": str(tmp_path / "nowhere")})


def test_assess_without_a_role_tries_every_role_as_the_library_does(client: TestClient) -> None:
    source = EXAMPLES / "mid-ml-engineer.md"
    response = client.post("/v1/assess", params=QUERY, headers=AUTH, files=[_part("file", source)])
    assert response.status_code == 200, response.text
    expected = rolematch.assess(source, as_of=AS_OF)
    assert expected.summary and expected.roles and len(expected.roles) == len(rolematch.list_roles())
    assert response.content == expected.model_dump_json().encode()
    named = client.post(
        "/v1/assess", params={**QUERY, "role": "data-engineer"}, headers=AUTH, files=[_part("file", source)]
    )
    assert named.status_code == 200 and named.json()["role"] == "data-engineer" and named.json()["roles"] == []
