"""The layout corpus generator: deterministic, tolerant of any JSON Resume, and its committed fixtures valid."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layoutgen import LAYOUTS, available_layouts, build_case, make_resume, render
from layoutgen._model import YM, ShownJob, total_years

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "layouts"
# Renders that need no external program: these are the ones CI can run.
LOCAL = [name for name, layout in LAYOUTS.items() if layout.producer in {"text", "markdown", "python-docx"}]
LEVELS = {"doctorate", "master", "bachelor", "associate", "certificate", "secondary", None}
PRODUCERS = {"text", "markdown", "python-docx", "libreoffice", "chromium", "weasyprint", "pdftex", "reportlab"}


def _text_of(data: bytes, layout: str) -> str:
    if LAYOUTS[layout].format == "docx":
        document = docx.Document(io.BytesIO(data))
        parts = [p.text for p in document.paragraphs]
        parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        # Text boxes live inside runs; their paragraphs are w:txbxContent descendants.
        parts += [node.text or "" for node in document.element.body.iter() if node.tag.endswith("}t")]
        return "\n".join(parts)
    return data.decode("utf-8")


def test_local_layouts_are_always_available() -> None:
    assert set(LOCAL) <= set(available_layouts())
    assert len(LAYOUTS) >= 12


@pytest.mark.parametrize("layout", LOCAL)
def test_content_and_truth_are_deterministic(layout: str) -> None:
    first = build_case(make_resume(7), layout, case_id="x", seed=7)
    second = build_case(make_resume(7), layout, case_id="x", seed=7)
    assert first[1] == second[1]
    assert first[0] == second[0]  # DOCX zips carry fixed timestamps, so even the bytes repeat


@pytest.mark.parametrize("layout", LOCAL)
def test_truth_values_are_printed_in_the_file(layout: str) -> None:
    for seed in range(6):
        data, truth = build_case(make_resume(seed), layout, case_id="x", seed=seed)
        text = _text_of(data, layout)
        for job in truth["jobs"]:
            for key in ("title", "company", "location"):
                if job[key]:
                    assert job[key] in text, (layout, seed, key, job[key])
        for skill in truth["skills"]:
            assert skill in text


@pytest.mark.parametrize("layout", LOCAL)
@pytest.mark.parametrize(
    "resume",
    [
        {},
        {"basics": {"name": "Only Name"}},
        {"work": [{"name": "Acme"}], "education": [{}], "skills": [{"keywords": []}]},
        {"basics": None, "work": "not a list", "education": [None, 3], "skills": [{"name": "Tools"}]},
        {"work": [{"position": "Engineer", "startDate": "2019-13"}, {"position": "Dev", "startDate": "2020-02-15"}]},
    ],
)
def test_render_accepts_json_resumes_with_missing_fields(layout: str, resume: dict[str, Any]) -> None:
    assert isinstance(render(resume, layout), bytes)


def test_render_round_trips_a_parsed_resume() -> None:
    import rolematch

    parsed = rolematch.parse_text(render(make_resume(3), "ats-text").decode())
    for layout in LOCAL:
        assert render(parsed.to_json_resume(), layout)


_dates = st.one_of(st.none(), st.text(max_size=10), st.from_regex(r"\A(19|20)\d\d(-(0[1-9]|1[0-2]))?\Z"))
_scalars = st.one_of(st.none(), st.text(max_size=30), st.integers(), st.booleans())
_jobs = st.fixed_dictionaries(
    {},
    optional={
        "name": _scalars,
        "position": _scalars,
        "location": _scalars,
        "startDate": _dates,
        "endDate": _dates,
        "summary": _scalars,
        "highlights": st.lists(_scalars, max_size=3),
    },
)
_resumes = st.fixed_dictionaries(
    {},
    optional={
        "basics": st.fixed_dictionaries({}, optional={"name": _scalars, "summary": _scalars, "location": _scalars}),
        "work": st.lists(_jobs, max_size=4),
        "education": st.lists(st.dictionaries(st.sampled_from(["institution", "studyType", "endDate"]), _scalars)),
        "skills": st.lists(st.fixed_dictionaries({}, optional={"name": _scalars, "keywords": st.lists(_scalars)})),
    },
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(resume=_resumes, layout=st.sampled_from(LOCAL))
def test_rendering_never_crashes(resume: dict[str, Any], layout: str) -> None:
    data, truth = build_case(resume, layout, case_id="h", seed=1)
    assert isinstance(data, bytes)
    assert truth["total_years"] >= 0


def test_total_years_follows_rolematchs_rule() -> None:
    as_of = YM(2026, 11)
    jobs = [
        ShownJob("a", "b", None, "2014", "2018", False),  # four years
        ShownJob("c", "d", None, "2016-06", "2017-05", False),  # inside the first range: adds nothing
        ShownJob("e", "f", None, "2026-01", None, True),  # Jan-Nov 2026: eleven months
    ]
    assert total_years(jobs, as_of) == round((48 + 11) / 12, 2)


def _fixture_truths() -> list[Path]:
    return sorted(FIXTURES.glob("*.truth.json"))


def test_fixtures_exist_and_stay_small() -> None:
    truths = _fixture_truths()
    assert len(truths) >= 100
    assert len({json.loads(p.read_text(encoding="utf-8"))["layout"] for p in truths}) >= 12
    assert sum(p.stat().st_size for p in FIXTURES.iterdir()) < 8_000_000


@pytest.mark.parametrize("path", _fixture_truths(), ids=lambda p: p.name.removesuffix(".truth.json"))
def test_every_fixture_has_a_valid_truth(path: Path) -> None:
    truth = json.loads(path.read_text(encoding="utf-8"))
    layout = LAYOUTS[truth["layout"]]
    assert truth["id"] == path.name.removesuffix(".truth.json")
    assert (FIXTURES / f"{truth['id']}.{layout.ext}").is_file()
    assert truth["producer"] == layout.producer in PRODUCERS
    assert truth["format"] == layout.format
    for job in truth["jobs"]:
        assert set(job) == {"title", "company", "location", "start", "end", "current"}
        assert job["current"] == (job["start"] is not None and job["end"] is None)
        for value in (job["start"], job["end"]):
            assert value is None or len(value) in (4, 7)
    for edu in truth["education"]:
        assert edu["level"] in LEVELS
    year, month = (int(x) for x in truth["as_of"].split("-")[:2])
    assert truth["total_years"] == total_years([ShownJob(**j) for j in truth["jobs"]], YM(year, month))
    if layout.producer in {"text", "markdown", "python-docx"}:
        # The truth is reproducible from the content it stores.
        data, again = build_case(truth["json_resume"], truth["layout"], case_id=truth["id"], seed=truth["seed"])
        assert again == truth
        assert data == (FIXTURES / f"{truth['id']}.{layout.ext}").read_bytes()
