"""Issue 19, items 11, 12, 14 and 15: the example ATS client against a real server, offline docs pages,
HTTP advice in HTTP errors, and the licence in the repository and the wheel."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed")
import httpx
from fastapi.testclient import TestClient

from conftest import AS_OF, EXAMPLES, ROOT
from pdfwriter import Text, write_pdf
from rolematch import Isolation, Limits, parse_resume, parse_text
from rolematch._match import get_role
from rolematch._read._ocr import ocr_unavailable
from rolematch._server import ServerSettings, create_app
from rolematch.errors import RolematchError

KEY = "test-key-0123456789abcdef"
AUTH = {"X-API-Key": KEY}
QUERY = {"as_of": AS_OF.isoformat()}
CLIENT = EXAMPLES / "ats_client.py"
# Words of the library's Python API that mean nothing to a caller over HTTP.
PYTHON_NAMES = ("load_role", "register_role", "parse_text", "parse_resume", "rolematch.", "Limits.", "Isolation.")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _environment(**variables: str) -> dict[str, str]:
    """This process's environment without any rolematch key, plus ``variables``."""
    env = {k: v for k, v in os.environ.items() if k not in {"ROLEMATCH_API_KEY", "ROLEMATCH_API_KEYS"}}
    return {**env, **variables}


# ---------------------------------------------------------------- item 11: the example ATS client


@pytest.fixture(scope="module")
def live_server() -> Iterator[str]:
    """``rolematch serve`` on a free loopback port, started as the README starts it (ROLEMATCH_API_KEYS)."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "rolematch", "serve", "--port", str(port)],
        env=_environment(ROLEMATCH_API_KEYS=KEY),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None, "rolematch serve exited"
            time.sleep(0.2)
        else:
            pytest.fail("rolematch serve was not ready within 90 s")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(scope="module")
def resumes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("resumes")
    for name in ("mid-ml-engineer.md", "senior-ml-engineer.txt"):
        shutil.copy(EXAMPLES / name, folder / name)
    return folder


def _run_client(folder: Path, base: str, **variables: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CLIENT), str(folder), "--level", "mid"],
        env=_environment(ROLEMATCH_URL=base, **variables),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "variables",
    [{"ROLEMATCH_API_KEY": "wrong-key-0123456789abcdef"}, {"ROLEMATCH_API_KEYS": "wrong-key-0123456789abcdef"}],
)
def test_ats_client_exits_non_zero_when_requests_fail(
    live_server: str, resumes: Path, variables: dict[str, str]
) -> None:
    result = _run_client(resumes, live_server, **variables)
    assert result.returncode == 1, result
    assert result.stderr.count("401 unauthorized") == 2, result.stderr
    assert "2 of 2 requests failed" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "variables",
    [
        {"ROLEMATCH_API_KEYS": KEY},  # the server's variable, as the README exports it
        {"ROLEMATCH_API_KEYS": f" {KEY} ,other-key-0123456789abcdef"},  # the first of several
        {"ROLEMATCH_API_KEY": KEY},
        {"ROLEMATCH_API_KEY": KEY, "ROLEMATCH_API_KEYS": "other-key-0123456789abcdef"},  # the client's own first
    ],
)
def test_ats_client_uses_the_key_of_either_variable(live_server: str, resumes: Path, variables: dict[str, str]) -> None:
    result = _run_client(resumes, live_server, **variables)
    assert result.returncode == 0, result
    ranked = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(ranked) == 2 and ranked[0].split()[0] == "1", result.stdout
    assert {"mid-ml-engineer.md", "senior-ml-engineer.txt"} <= set(result.stdout.split())
    assert result.stderr == ""


def test_ats_client_fails_when_the_service_is_unreachable_or_no_key_is_set(resumes: Path) -> None:
    nobody = f"http://127.0.0.1:{_free_port()}"
    unreachable = _run_client(resumes, nobody, ROLEMATCH_API_KEY=KEY)
    assert unreachable.returncode == 1 and "cannot reach" in unreachable.stderr, unreachable
    assert "Traceback" not in unreachable.stderr
    no_key = _run_client(resumes, nobody)
    assert no_key.returncode == 2 and "ROLEMATCH_API_KEYS" in no_key.stderr, no_key


def _client_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ats_client", CLIENT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_server_quickstart_and_the_client_agree() -> None:
    """The key variable the README's quickstart exports is the one the server reads and the client accepts."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## ATS integrations: the HTTP service", 1)[1].split("\n## ", 1)[0]
    exported = re.findall(r"export (ROLEMATCH_\w+)=", section)
    assert exported == ["ROLEMATCH_API_KEYS"], exported
    assert "python examples/ats_client.py" in section
    client = _client_module()
    assert ServerSettings.from_env({"ROLEMATCH_API_KEYS": KEY}).api_keys == (KEY,)
    assert client.api_key({"ROLEMATCH_API_KEYS": KEY}) == KEY
    assert client.api_key({"ROLEMATCH_API_KEYS": f"{KEY},second-key-0123456789abcdef"}) == KEY
    assert client.api_key({"ROLEMATCH_API_KEY": "mine-0123456789abcdef", "ROLEMATCH_API_KEYS": KEY}) != KEY


# ---------------------------------------------------------------- item 12: /docs and /redoc offline


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a network connection fails the test (the ASGI test client opens none)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


_CONTENT_TYPES = {".js": "javascript", ".css": "text/css", ".png": "image/png", ".json": "application/json"}


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
@pytest.mark.usefixtures("no_network")
def test_docs_pages_load_every_asset_from_the_service(page: str) -> None:
    with TestClient(create_app(ServerSettings(api_keys=(KEY,)))) as client:
        response = client.get(page)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
        html = response.text
        for outside in ("https://", "http://", "cdn.", "fonts.googleapis", "//"):
            assert outside not in html, f"{page} refers to {outside!r}"
        urls = re.findall(r"""(?:src|href|spec-url)=["']([^"']+)["']|url: ?'([^']+)'""", html)
        referenced = {a or b for a, b in urls}
        assets = {url for url in referenced if Path(url).suffix in {".js", ".css", ".png"}}
        # The page's script, its stylesheet (Swagger UI) or not (ReDoc), its icon and the OpenAPI document.
        assert "/openapi.json" in referenced
        assert any(url.endswith(".js") for url in assets) and any(url.endswith(".png") for url in assets)
        assert page != "/docs" or any(url.endswith(".css") for url in assets)
        for url in sorted(referenced):
            assert url.startswith("/"), url
            answer = client.get(url)
            assert answer.status_code == 200, url
            assert _CONTENT_TYPES[Path(url).suffix] in answer.headers["content-type"], (url, answer.headers)
            assert len(answer.content) > 500, url
        if page == "/docs":
            script = next(url for url in assets if url.endswith(".js"))
            # Swagger UI 5: the first to render OpenAPI 3.1, which is what FastAPI writes.
            assert b"isOAS31" in client.get(script).content
            assert client.get("/openapi.json").json()["openapi"].startswith("3.1")


def test_docs_assets_stay_out_of_the_openapi_document() -> None:
    paths = create_app(ServerSettings(api_keys=(KEY,))).openapi()["paths"]
    assert not [path for path in paths if path.startswith(("/docs", "/redoc"))]


# ---------------------------------------------------------------- item 14: HTTP advice in HTTP errors


def _error(response: httpx.Response) -> tuple[int, str, str]:
    error = response.json()["error"]
    return response.status_code, error["code"], error["message"]


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + bytes(300)


def _scan() -> bytes:
    return write_pdf([], raw_content=[b"0.5 g 50 50 200 300 re f"])


def _two_pages() -> bytes:
    return write_pdf([[Text(40, 40, "Ana Lima, page one")], [Text(40, 40, "Python and SQL, page two")]])


def test_http_errors_give_http_advice_and_name_no_python_call() -> None:
    settings = ServerSettings(api_keys=(KEY,), max_pages=1, max_upload_bytes=200_000)
    answers: dict[str, list[str]] = {}
    with TestClient(create_app(settings)) as client:

        def record(response: httpx.Response) -> str:
            status, code, message = _error(response)
            assert 400 <= status < 500, (status, code, message)
            answers.setdefault(code, []).append(message)
            return message

        text = {"text": "Ana Lima\nPython engineer"}
        for unknown_role in (
            client.post("/v1/match", params={**QUERY, "role": "astronaut"}, headers=AUTH, json=text),
            client.post("/v1/assess", params={**QUERY, "role": "astronaut"}, headers=AUTH, json=text),
            client.post("/v1/rank", params={**QUERY, "role": "astronaut"}, headers=AUTH, json={"resumes": [text]}),
            client.get("/v1/roles/astronaut", headers=AUTH),
            client.get("/v1/roles/Not.An.Id", headers=AUTH),  # refused before the lookup
        ):
            assert "GET /v1/roles lists the role ids" in record(unknown_role)
        for unknown_level in (
            client.post("/v1/match", params={**QUERY, "level": "principal"}, headers=AUTH, json=text),
            client.post("/v1/match", params={"role": "data-engineer", "level": "staff"}, headers=AUTH, json=text),
        ):
            message = record(unknown_level)
            assert "give one of them as `level`" in message and "'junior', 'mid', 'senior'" in message
        scanned = record(client.post("/v1/parse", headers=AUTH, content=_scan()))
        if ocr_unavailable() is None:  # an engine read the blank scan: nothing to advise but a better scan
            assert "found no text" in scanned
        else:
            assert "send the text in a JSON body" in scanned and "pip install" not in scanned
        picture = record(client.post("/v1/parse", headers=AUTH, files={"file": ("cv.png", _png(), "image/png")}))
        ranked = record(client.post("/v1/rank", headers=AUTH, files=[("file", ("cv.png", _png(), "image/png"))]))
        assert ranked.startswith("cv.png: ")
        if ocr_unavailable() is None:  # an engine tried the broken PNG: it says what it reads
            assert "OCR reads PNG, JPEG, TIFF and WebP" in picture
        else:
            assert "send the text in a JSON body" in picture and "JSON body" in ranked
        pages = record(client.post("/v1/parse", headers=AUTH, content=_two_pages()))
        assert "(the service's page limit)" in pages
        record(client.post("/v1/parse", headers=AUTH, content=b"%PDF-1.7 broken"))
        record(client.post("/v1/parse", headers=AUTH, content=b""))
        record(client.post("/v1/parse", headers=AUTH, content=b"x" * 300_000))
        record(client.post("/v1/parse", headers=AUTH, files={"resume": ("cv.txt", b"Ana", "text/plain")}))
        record(client.post("/v1/parse", headers={"X-API-Key": "wrong-key-0123456789abcdef"}, json=text))
        record(client.post("/v1/jobs/parse", headers=AUTH, json={"job_text": "Lunch at noon."}))
        assert "lists the endpoints" in record(client.get("/v2/match", headers=AUTH))
        assert "Allow header" in record(client.get("/v1/match", headers=AUTH))
    hurried = ServerSettings(api_keys=(KEY,), isolation=Isolation(timeout=0.001))
    with TestClient(create_app(hurried)) as client:
        pdf = (EXAMPLES / "lead-ml-engineer-two-column.pdf").read_bytes()
        slow = record(client.post("/v1/parse", headers=AUTH, content=pdf))
        assert "(the service's limit for reading one document)" in slow and "send a smaller document" in slow
    expected = {
        "invalid_role",
        "no_text_layer",
        "unsupported_format",
        "document_too_large",
        "corrupt_document",
        "empty_document",
        "invalid_request",
        "unauthorized",
        "empty_job",
        "not_found",
        "method_not_allowed",
        "parse_timeout",
    }
    assert expected <= set(answers), expected - set(answers)
    for code, messages in answers.items():
        for message in messages:
            assert not [name for name in PYTHON_NAMES if name in message], (code, message)


def _library_error(work: Callable[[], object]) -> RolematchError:
    with pytest.raises(RolematchError) as caught:
        work()
    return caught.value


def test_every_library_message_with_python_advice_is_rewritten_for_http() -> None:
    """The library's own messages (unchanged for its Python callers) lose their Python advice over HTTP."""
    from rolematch._server._errors import http_message

    errors = [
        _library_error(lambda: get_role("astronaut")),
        _library_error(lambda: parse_resume(b"Ana Lima, Python", limits=Limits(max_bytes=5))),
        _library_error(lambda: parse_text("Ana Lima, Python " * 10, limits=Limits(max_chars=20))),
        _library_error(lambda: parse_resume(_two_pages(), limits=Limits(max_pages=1))),
        *([] if ocr_unavailable() is None else [_library_error(lambda: parse_resume(_scan()))]),
        *([] if ocr_unavailable() is None else [_library_error(lambda: parse_resume(_png()))]),
        _library_error(lambda: parse_resume(EXAMPLES / "senior-ml-engineer.txt", isolation=Isolation(timeout=0.001))),
    ]
    for error in errors:
        library_advice = [name for name in (*PYTHON_NAMES, "pass the text", "on it first") if name in error.message]
        assert library_advice, f"{error.message!r} gives no Python advice: drop it from this test"
        assert error.message != http_message(error.code, error.message)
        assert not [name for name in PYTHON_NAMES if name in http_message(error.code, error.message)], error


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("invalid_data_file", "roles/acme.yaml: levels.0.id (line 12): Field required"),
        ("invalid_extractor_output", "extractor 'x' returned unknown skill 'y'; add it ... (load_taxonomy)"),
        ("taxonomy_mismatch", "pass skills= the registry it was parsed with (or parse it again with this one)"),
    ],
)
def test_the_services_own_faults_are_not_the_callers(code: str, message: str) -> None:
    from rolematch._server._errors import http_message

    told = http_message(code, message)
    assert "service's operator" in told and code in told
    assert message not in told and "skills=" not in told and "load_taxonomy" not in told


# ---------------------------------------------------------------- item 15: the licence


def _pyproject() -> dict[str, object]:
    tomllib = pytest.importorskip("tomllib", reason="tomllib is Python 3.11+")
    return dict(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8")))


def test_the_repository_has_the_mit_licence_pyproject_declares() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n") and "Copyright (c) 2026 rolematch developers" in text
    assert 'THE SOFTWARE IS PROVIDED "AS IS"' in text
    project = _pyproject()["project"]
    assert isinstance(project, dict)
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    build_system = _pyproject()["build-system"]
    assert isinstance(build_system, dict)
    requires: list[str] = build_system["requires"]
    setuptools = next(r for r in requires if r.startswith("setuptools"))
    assert int(re.findall(r">=(\d+)", setuptools)[0]) >= 77, "license-files needs setuptools 77 (PEP 639)"


def _setuptools_major() -> int:
    try:
        from importlib.metadata import version

        return int(version("setuptools").split(".")[0])
    except Exception:
        return 0


@pytest.mark.skipif(
    _setuptools_major() < 77,
    reason="building the wheel offline (--no-build-isolation) needs setuptools>=77 in this environment",
)
def test_the_wheel_carries_the_licence(tmp_path: Path) -> None:
    # Built from a copy, so the build leaves no build/ or egg-info in the work tree.
    source = tmp_path / "source"
    source.mkdir()
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    for folder in ("src", "rolematch_data"):
        shutil.copytree(ROOT / folder, source / folder, ignore=skip)
    out = tmp_path / "wheels"
    build = subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", str(source), "-w", str(out)),
            *("--no-deps", "--no-build-isolation", "--no-index", "--quiet", "--disable-pip-version-check"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    (wheel,) = out.glob("rolematch-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        licence = [name for name in names if re.fullmatch(r"rolematch-[^/]+\.dist-info/licenses/LICENSE", name)]
        assert licence, [name for name in names if ".dist-info/" in name]
        assert archive.read(licence[0]) == (ROOT / "LICENSE").read_bytes()
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "License-Expression: MIT" in metadata and "License-File: LICENSE" in metadata
