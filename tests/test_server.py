"""The HTTP API: every endpoint, authentication, limits and error codes; schemathesis; a live server."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

pytest.importorskip("fastapi", reason="the server extra is not installed")
import httpx
from fastapi.testclient import TestClient

import rolematch
from conftest import AS_OF, EXAMPLES, ROOT
from rolematch._server import ServerSettings, create_app

KEY = "test-key-0123456789abcdef"
AUTH = {"X-API-Key": KEY}
QUERY = {"as_of": AS_OF.isoformat()}


@pytest.fixture(scope="module")
def client() -> TestClient:
    app = create_app(ServerSettings(api_keys=(KEY,), max_upload_bytes=2_000_000, max_pages=3))
    with TestClient(app) as test_client:
        yield test_client  # type: ignore[misc]


def _upload(path: Path) -> dict[str, tuple[str, bytes, str]]:
    return {"file": (path.name, path.read_bytes(), "application/octet-stream")}


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    assert client.get("/readyz").json()["status"] == "ready"


@pytest.mark.parametrize(
    "headers",
    [{}, {"X-API-Key": "wrong-key-0123456789abcdef"}, {"Authorization": "Bearer wrong"}, {"Authorization": KEY}],
)
def test_requests_without_a_valid_key_get_401(client: TestClient, headers: dict[str, str]) -> None:
    response = client.post("/v1/match", params={"level": "mid"}, headers=headers, json={"text": "x"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert client.get("/v1/roles", headers=headers).status_code == 401


def test_bearer_tokens_work_too(client: TestClient) -> None:
    assert client.get("/v1/roles", headers={"Authorization": f"Bearer {KEY}"}).status_code == 200


def test_auth_needs_keys_unless_explicitly_off() -> None:
    with pytest.raises(ValueError, match="no API key is configured"):
        ServerSettings.from_env({})
    settings = ServerSettings.from_env({"ROLEMATCH_AUTH": "off"})
    with TestClient(create_app(settings)) as open_client:
        assert open_client.get("/v1/roles").status_code == 200


@pytest.mark.parametrize(
    "name",
    ["lead-ml-engineer-two-column.pdf", "junior-ml-engineer.docx", "mid-ml-engineer.md", "junior-ml-engineer.json"],
)
def test_match_upload_equals_the_library_report(client: TestClient, name: str) -> None:
    response = client.post("/v1/match", params={**QUERY, "level": "mid"}, headers=AUTH, files=_upload(EXAMPLES / name))
    assert response.status_code == 200, response.text
    library = rolematch.match(EXAMPLES / name, level="mid", as_of=AS_OF)
    assert response.content == library.model_dump_json().encode()


def test_match_accepts_json_text_json_resume_and_raw_bytes(client: TestClient) -> None:
    text = (EXAMPLES / "senior-ml-engineer.txt").read_text(encoding="utf-8")
    by_text = client.post("/v1/match", params={**QUERY, "level": "senior"}, headers=AUTH, json={"text": text})
    assert (
        by_text.status_code == 200
        and by_text.json()["score"] == rolematch.match(rolematch.parse_text(text, as_of=AS_OF), level="senior").score
    )
    resume = json.loads((EXAMPLES / "junior-ml-engineer.json").read_text(encoding="utf-8"))
    by_json = client.post("/v1/match", params={**QUERY, "level": "junior"}, headers=AUTH, json={"json_resume": resume})
    assert by_json.status_code == 200 and by_json.json()["level"] == "junior"
    raw = client.post(
        "/v1/match",
        params={**QUERY, "level": "senior"},
        headers={**AUTH, "Content-Type": "text/plain"},  # a wrong content type: the bytes are sniffed
        content=(EXAMPLES / "lead-ml-engineer-two-column.pdf").read_bytes(),
    )
    assert raw.status_code == 200 and raw.json()["level"] == "senior"


def test_a_browser_multipart_boundary_with_capitals_is_read(client: TestClient) -> None:
    """Browsers send boundaries like ----WebKitFormBoundaryAbC; the boundary is case-sensitive."""
    boundary = "----WebKitFormBoundaryQx7TgYh2ZkLmN0pA"
    data = (EXAMPLES / "senior-ml-engineer.txt").read_bytes()
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="cv.txt"\r\n'
            f"Content-Type: text/plain\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    response = client.post(
        "/v1/match",
        params={**QUERY, "level": "senior"},
        headers={**AUTH, "Content-Type": f"multipart/form-data; boundary={boundary}"},
        content=body,
    )
    assert response.status_code == 200, response.text
    assert response.json()["score"] == rolematch.match(data, level="senior", as_of=AS_OF).score


def test_strict_is_a_query_parameter_of_match_and_assess(client: TestClient) -> None:
    source = EXAMPLES / "lead-ml-engineer-two-column.pdf"
    strict = client.post(
        "/v1/match", params={**QUERY, "level": "senior", "strict": True}, headers=AUTH, files=_upload(source)
    )
    expected = rolematch.match(source, level="senior", as_of=AS_OF, strict=True)
    assert strict.status_code == 200 and strict.json()["strict"] is True
    assert (strict.json()["verdict"], strict.json()["verdict_reason"]) == (expected.verdict, expected.verdict_reason)
    assessed = client.post("/v1/assess", params={**QUERY, "strict": True}, headers=AUTH, files=_upload(source))
    assert assessed.status_code == 200
    assert all(report["strict"] for report in assessed.json()["reports"].values())


def test_assess_parse_roles_and_ats_export(client: TestClient) -> None:
    upload = _upload(EXAMPLES / "junior-ml-engineer.docx")
    assessed = client.post("/v1/assess", params=QUERY, headers=AUTH, files=upload)
    assert assessed.status_code == 200 and assessed.json()["best_level"] == "junior"
    parsed = client.post("/v1/parse", params=QUERY, headers=AUTH, files=upload)
    resume = rolematch.Resume.model_validate_json(parsed.content)
    assert resume.contact.name and resume.skills
    roles = client.get("/v1/roles", headers=AUTH).json()
    assert [r["id"] for r in roles] == rolematch.list_roles() and "ml-engineer" in rolematch.list_roles()
    role = client.get("/v1/roles/ml-engineer", headers=AUTH).json()
    assert [(lv["id"], lv["salary_low"], lv["salary_high"]) for lv in role["levels"]] == [
        ("junior", 125_000, 208_000),
        ("mid", 133_000, 230_000),
        ("senior", 192_000, 290_000),
    ]
    ats = client.post(
        "/v1/match/ats",
        params={**QUERY, "level": "mid", "location": "Seattle"},
        headers=AUTH,
        files=_upload(EXAMPLES / "mid-ml-engineer.md"),
    ).json()
    assert ats["partner_status"] == "complete" and 0 <= ats["partner_score"] <= 100
    assert all(isinstance(v, str) for v in ats["metadata"].values()) and ats["metadata"]["level"] == "mid"
    assert ats["pay_range"]["ranges"][0]["intervalCode"] == "Year"


def _encrypted_pdf(tmp: Path) -> bytes:
    import pikepdf

    path = tmp / "locked.pdf"
    with pikepdf.open(EXAMPLES / "lead-ml-engineer-two-column.pdf") as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(owner="o", user="secret"))
    return path.read_bytes()


def test_errors_are_json_with_stable_codes(client: TestClient, tmp_path: Path) -> None:
    cases = [
        ({"level": "mid"}, {"content": b"\x89PNG\r\n\x1a\n" + bytes(300)}, 415, "unsupported_format"),
        ({"level": "mid"}, {"content": _encrypted_pdf(tmp_path)}, 422, "encrypted_document"),
        ({"level": "mid"}, {"content": b"%PDF-1.7 broken"}, 422, "corrupt_document"),
        ({"level": "mid"}, {"content": b""}, 422, "empty_document"),
        ({"level": "mid"}, {"content": b"x" * 2_100_000}, 413, "document_too_large"),
        ({"level": "mid"}, {"json": {"text": "a", "json_resume": {}}}, 422, "invalid_request"),
        (
            {"level": "mid"},
            {"content": b"{not json", "headers": {"Content-Type": "application/json"}},
            422,
            "invalid_request",
        ),
        ({"level": "principal"}, {"json": {"text": "hello"}}, 404, "invalid_role"),
        ({"level": "mid", "role": "astronaut"}, {"json": {"text": "hello"}}, 404, "invalid_role"),
        ({"level": "mid", "as_of": "yesterday"}, {"json": {"text": "hello"}}, 422, "invalid_request"),
        ({"level": ""}, {"json": {"text": "hello"}}, 422, "invalid_request"),  # without a level: the best one
    ]
    for params, body, status, code in cases:
        headers = {**AUTH, **body.pop("headers", {})}  # type: ignore[dict-item]
        response = client.post("/v1/match", params=params, headers=headers, **body)  # type: ignore[arg-type]
        assert (response.status_code, response.json()["error"]["code"]) == (status, code), (params, response.text)
    assert client.get("/v1/roles/astronaut", headers=AUTH).json()["error"]["code"] == "invalid_role"
    assert client.get("/nowhere").json()["error"]["code"] == "not_found"


def test_page_limit_and_time_budget(tmp_path: Path) -> None:
    from pdfwriter import Text, write_pdf

    two_pages = write_pdf([[Text(40, 40, "Ana Lima, page one")], [Text(40, 40, "Python and SQL, page two")]])
    strict = create_app(ServerSettings(api_keys=(KEY,), max_pages=1))
    with TestClient(strict) as client:
        response = client.post("/v1/parse", headers=AUTH, content=two_pages)
        assert (response.status_code, response.json()["error"]["code"]) == (413, "document_too_large")
    hurried = create_app(ServerSettings(api_keys=(KEY,), request_timeout=0.001))
    with TestClient(hurried) as client:
        response = client.post(
            "/v1/match",
            params={"level": "mid"},
            headers=AUTH,
            files=_upload(EXAMPLES / "lead-ml-engineer-two-column.pdf"),
        )
        assert (response.status_code, response.json()["error"]["code"]) == (503, "timeout")


def test_the_published_openapi_document_is_current() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from export_openapi import openapi_text

    assert (ROOT / "docs" / "openapi.json").read_text(encoding="utf-8") == openapi_text(), (
        "run scripts/export_openapi.py"
    )


# ---------------------------------------------------------------- schemathesis

schemathesis = pytest.importorskip("schemathesis")
_schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(ServerSettings(api_keys=(KEY,))))


@_schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema_and_never_fails_with_5xx(case: schemathesis.Case) -> None:
    # Every check but "schema-valid data is accepted": any bytes fit the upload schema, and the
    # service rightly refuses bytes that are not a resume (415/422 with a code) after sniffing them.
    from schemathesis.specs.openapi.checks import positive_data_acceptance

    case.call_and_validate(headers=AUTH, excluded_checks=[positive_data_acceptance])


# ---------------------------------------------------------------- the real server


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_the_real_server_over_http() -> None:
    port = _free_port()
    env = {**os.environ, "ROLEMATCH_API_KEYS": KEY}
    server = subprocess.Popen(
        [sys.executable, "-m", "rolematch", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        response = httpx.post(
            f"{base}/v1/match",
            params={**QUERY, "level": "senior"},
            headers=AUTH,
            files=_upload(EXAMPLES / "senior-ml-engineer.txt"),
            timeout=30,
        )
        assert response.status_code == 200
        assert (
            response.json()["score"]
            == rolematch.match(EXAMPLES / "senior-ml-engineer.txt", level="senior", as_of=AS_OF).score
        )
        assert httpx.get(f"{base}/v1/roles", timeout=10).status_code == 401
    finally:
        server.terminate()
        server.wait(timeout=30)
