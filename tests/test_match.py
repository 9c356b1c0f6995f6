"""Matching: role files, requirement kinds, scores, salary, and the properties every report keeps."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rolematch
from conftest import AS_OF, EXAMPLES, ROOT
from rolematch import DataFileError, FitReport, UnknownRoleError, assess, load_role, match, parse_text, rank

SEED = ROOT.parent / "shared" / "seed" / "ml-engineer-careers.txt"
ML_EXAMPLES = {
    "junior-ml-engineer.docx": "junior",
    "junior-ml-engineer.json": "junior",
    "mid-ml-engineer.md": "mid",
    "senior-ml-engineer.txt": "senior",
    "lead-ml-engineer-two-column.pdf": "senior",
}
NON_ML_EXAMPLES = ["marketing-analyst.txt", "registered-nurse.txt"]


@pytest.fixture(scope="module")
def resumes() -> dict[str, rolematch.Resume]:
    return {name: rolematch.parse_resume(EXAMPLES / name, as_of=AS_OF) for name in [*ML_EXAMPLES, *NON_ML_EXAMPLES]}


def _role_spec() -> rolematch.Role:
    from rolematch._match import get_role

    return get_role("ml-engineer")


# ---------------------------------------------------------------- role file


def test_builtin_role_has_three_levels_with_sourced_requirements() -> None:
    role = _role_spec()
    assert "ml-engineer" in rolematch.list_roles()
    assert role.level_ids == ["junior", "mid", "senior"]
    for level in role.spec.levels:
        kinds = {r.kind for r in level.requirements}
        assert "must" in kinds and level.titles and level.responsibilities
        for item in [*level.requirements, *level.responsibilities]:
            assert item.line and item.quote
    junior = role.level("junior")
    assert {r.id for r in junior.requirements if r.kind == "nice"} == {"cloud_ml_platforms", "mlops_basics"}


def test_every_quote_is_from_the_seed_document() -> None:
    if not SEED.exists():
        pytest.skip(f"the seed document is absent (expected at {SEED})")
    seed = re.sub(r"\s+", " ", SEED.read_text(encoding="utf-8").replace("\\$", "$"))
    role = _role_spec()
    quotes = [role.spec.salary.overall.quote] if role.spec.salary.overall else []
    for level in role.spec.levels:
        quotes += [level.salary.quote] + [i.quote for i in [*level.requirements, *level.responsibilities]]
        quotes += [level.education.quote] if level.education else []
        quotes += [level.expected_years_quote] if level.expected_years_quote else []
    for quote in quotes:
        assert re.sub(r"\s+", " ", quote) in seed, quote


def test_salary_figures_equal_the_seed() -> None:
    role = _role_spec()
    bands = {level.id: (level.salary.low, level.salary.high, level.salary.typical) for level in role.spec.levels}
    assert bands["junior"] == (125_000, 208_000, 133_000)
    assert bands["mid"][:2] == (133_000, 230_000)
    assert bands["senior"] == (192_000, 290_000, 233_000)
    overall = role.spec.salary.overall
    assert overall is not None and (overall.low, overall.high, overall.typical) == (134_000, 215_000, 169_000)
    assert role.spec.source.caveat == "Glassdoor via the source article, at the time of writing; may have changed."
    assert role.spec.salary.currency == "USD" and role.spec.salary.period == "year"


_MINIMAL_ROLE = """
id: tiny
name: Tiny role
version: "1"
source: {document: d, salary_source: s, caveat: c}
scoring:
  evidence_strength: {experience: 1.0, skills: 0.5, other: 0.4}
  recency: [{within_years: 100, factor: 1.0}]
  implied_factor: 0.85
  met_threshold: 0.75
  category_weights: {skills: 60, experience: 20, responsibilities: 10, education: 10}
  missing_data: {skills: zero, experience: zero, responsibilities: zero, education: neutral}
  experience: {years_weight: 1, title_weight: 0, over_max_penalty_per_year: 0.1, floor: 0.4}
  nice_to_have_bonus: 5
  verdicts: [{min_score: 50, verdict: fit}, {min_score: 0, verdict: no fit}]
oversight: {advisory: a, not_considered: [n], review_warnings: [little_text]}
salary: {currency: EUR, period: year}
levels:
  - id: one
    name: One
    titles: [Tiny Engineer]
    expected_years: {min: 0, max: 5}
    salary: {low: 50000, high: 70000, typical: 60000, basis: b, quote: q}
    requirements:
      - {id: rust, name: Rust, kind: must, category: skills, weight: 1, skills: [rust], quote: q}
"""


def test_a_user_role_file_loads_registers_and_matches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rolematch._match import _roles

    monkeypatch.setattr(_roles, "_registry", {})  # registered only for this test
    path = tmp_path / "tiny.yaml"
    path.write_text(_MINIMAL_ROLE, encoding="utf-8")
    role = load_role(path)
    rolematch.register_role(role, replace=True)
    assert "tiny" in rolematch.list_roles()
    resume = parse_text(
        "EXPERIENCE\nSystems Engineer\nAcme | 2022 - Present\n• Rewrote the parser in Rust on Linux.\n", as_of=AS_OF
    )
    report = match(resume, role="tiny", level="one")
    assert report.requirements[0].status == "met" and report.salary.currency == "EUR"
    json_path = tmp_path / "tiny.json"
    import yaml

    json_path.write_text(json.dumps(yaml.safe_load(_MINIMAL_ROLE)), encoding="utf-8")
    assert load_role(json_path).id == "tiny"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("kind: must", "kind: maybe"), r"levels\.0\.requirements\.0\.kind \(line 2[0-9]\)"),
        (("skills: [rust]", "skills: [no_such_skill]"), r"unknown skill 'no_such_skill'"),
        (("typical: 60000", "typical: 90000"), r"need low <= typical <= high"),
        (("id: tiny", "id: Tiny Role"), r"id \(line 2\)"),
        (("weight: 1, skills", "weight: -1, skills"), r"weight"),
        (("levels:", "levelz:"), r"levelz"),
    ],
)
def test_invalid_role_files_name_the_field_and_line(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(_MINIMAL_ROLE.replace(*change), encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        load_role(path)


def test_unknown_role_or_level_is_a_clear_error(resumes: dict[str, rolematch.Resume]) -> None:
    with pytest.raises(UnknownRoleError, match="known roles"):
        match(resumes["mid-ml-engineer.md"], role="astronaut", level="mid")
    with pytest.raises(UnknownRoleError, match=r"levels are \['junior', 'mid', 'senior'\]"):
        match(resumes["mid-ml-engineer.md"], level="principal")


# ---------------------------------------------------------------- requirement kinds


def _requirement(report: FitReport, requirement_id: str) -> rolematch.RequirementResult:
    return next(r for r in [*report.requirements, *report.responsibilities] if r.id == requirement_id)


def _resume(bullets: str, skills: str = "") -> rolematch.Resume:
    text = f"Jo Doe\nEXPERIENCE\nMachine Learning Engineer\nAcme | Jan 2024 - Present\n{bullets}\n"
    if skills:
        text += f"SKILLS\n{skills}\n"
    return parse_text(text, as_of=AS_OF)


def test_a_skill_used_in_a_job_meets_and_a_listed_one_is_partial() -> None:
    used = match(_resume("• Built training pipelines in Python."), level="junior")
    listed = match(_resume("• Built training pipelines.", skills="Python, SQL"), level="junior")
    assert _requirement(used, "python").status == "met"
    assert _requirement(listed, "python").status == "partial"
    assert used.score > listed.score
    evidence = _requirement(listed, "python").evidence[0]
    assert evidence.section is rolematch.SectionKind.SKILLS and evidence.strength == 0.5


def test_at_least_n_of_a_group() -> None:
    one = match(_resume("• Trained regression models on sales data."), level="junior")
    two = match(_resume("• Trained regression and classification models on sales data."), level="junior")
    assert _requirement(one, "ml_fundamentals").status == "partial"
    assert _requirement(two, "ml_fundamentals").status == "met"
    assert set(_requirement(two, "ml_fundamentals").found) == {"regression", "classification"}


def test_a_specific_skill_counts_for_the_broader_one_it_implies() -> None:
    report = match(_resume("• Shipped models on Amazon SageMaker."), level="junior")
    cloud = _requirement(report, "cloud_ml_platforms")
    assert cloud.status == "met"
    assert cloud.evidence[0].skill == "aws_sagemaker" and cloud.evidence[0].counts_for == "cloud_ml_platforms"


def test_inferred_evidence_meets_responsibilities() -> None:
    report = match(_resume("• Mentored two junior engineers and reviewed pull requests."), level="mid")
    mentoring = _requirement(report, "mentoring")
    assert mentoring.status == "met"
    assert {e.method for e in mentoring.evidence} & {rolematch.SkillMethod.INFERRED, rolematch.SkillMethod.ALIAS}


def test_buzzword_lists_cannot_look_senior(resumes: dict[str, rolematch.Resume]) -> None:
    buzzwords = parse_text(
        "Sam Roe\nSUMMARY\nSenior ML engineer.\nSKILLS\nPython, PyTorch, TensorFlow, Kubernetes, AWS, MLOps, "
        "system design, "
        "leadership, stakeholder management, deep learning, NLP, computer vision, regression, classification\n",
        as_of=AS_OF,
    )
    senior = match(buzzwords, level="senior")
    assert senior.score < 60
    assert all(r.status != "met" for r in senior.requirements if r.kind == "must")
    assert senior.score < match(resumes["senior-ml-engineer.txt"], level="senior").score - 30


# ---------------------------------------------------------------- examples and ranking


def test_examples_are_placed_at_their_level(resumes: dict[str, rolematch.Resume]) -> None:
    for name, level in ML_EXAMPLES.items():
        assessment = assess(resumes[name], role="ml-engineer")
        assert assessment.best_level == level, (name, assessment.reasons)
        assert assessment.reasons[0].startswith("best fit")


def test_non_ml_resumes_score_below_every_ml_resume(resumes: dict[str, rolematch.Resume]) -> None:
    for level in ("junior", "mid", "senior"):
        ml = [match(resumes[n], level=level).score for n in ML_EXAMPLES]
        other = [match(resumes[n], level=level).score for n in NON_ML_EXAMPLES]
        assert max(other) < min(ml), (level, ml, other)


def test_rank_orders_best_first(resumes: dict[str, rolematch.Resume]) -> None:
    rows = rank([EXAMPLES / n for n in [*NON_ML_EXAMPLES, *ML_EXAMPLES]], as_of=AS_OF)
    assert [r.rank for r in rows] == list(range(1, 8))
    assert [r.score for r in rows] == sorted((r.score for r in rows), reverse=True)
    assert {r.source for r in rows[-2:]} == set(NON_ML_EXAMPLES)
    assert {r.source: r.level for r in rows if r.source in ML_EXAMPLES} == ML_EXAMPLES


# ---------------------------------------------------------------- salary


def test_salary_comes_from_the_band_and_moves_with_the_job() -> None:
    resume = _resume("• Built models in Python. My current salary is $500,000 and I expect $650,000.")
    plain = match(resume, level="senior").salary
    assert (plain.low, plain.high, plain.typical, plain.expected) == (192_000, 290_000, 233_000, 233_000)
    hub = match(resume, level="senior", location="San Francisco, CA", industry="AI startup").salary
    assert plain.expected < hub.expected <= hub.high and len(hub.factors) == 2
    small = match(resume, level="senior", industry="small firm").salary
    assert hub.low <= small.expected < plain.expected
    assert small.factors[0].because.startswith("those in smaller firms")
    assert "may have changed" in plain.caveat
    hr = plain.hr_open()
    assert hr["ranges"][0] == {
        "intervalCode": "Year",
        "minimumAmount": {"value": 192_000, "currency": "USD"},
        "maximumAmount": {"value": 290_000, "currency": "USD"},
    }


# ---------------------------------------------------------------- metamorphic properties

_SENIOR_TEXT = (EXAMPLES / "senior-ml-engineer.txt").read_text(encoding="utf-8")


def _score(text: str, level: str = "senior") -> float:
    return match(parse_text(text, as_of=AS_OF), level=level).score


def test_contact_details_never_change_the_score() -> None:
    base = _score(_SENIOR_TEXT)
    swapped = (
        _SENIOR_TEXT.replace("Priya Raman", "John Smith")
        .replace("priya.raman@example.com", "js@example.org")
        .replace("(206) 555-0199", "+44 20 7946 0958")
        .replace("Seattle, WA |", "221B Baker Street, London |")
    )
    assert swapped != _SENIOR_TEXT
    assert _score(swapped) == base


def test_section_order_never_changes_the_score() -> None:
    blocks = re.split(r"\n(?=(?:EXPERIENCE|EDUCATION|SKILLS)\n)", _SENIOR_TEXT)
    assert len(blocks) == 4
    header, *sections = blocks
    reordered = "\n".join([header, *reversed(sections)])
    assert _score(reordered) == _score(_SENIOR_TEXT)


_BULLETS = st.sampled_from(
    [
        "• Deployed PyTorch models to Kubernetes with CI/CD and model monitoring.",
        "• Mentored three engineers and reviewed code every week.",
        "• Built ETL pipelines in Spark and Airflow.",
        "• Led the migration of the feature store to Google Cloud Vertex AI.",
        "• Presented results to executives and product stakeholders.",
        "• Tuned hyperparameters of gradient boosting and regression models in Python.",
    ]
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_BULLETS, st.sampled_from(["junior", "mid", "senior"]))
def test_adding_a_relevant_bullet_never_lowers_the_score(bullet: str, level: str) -> None:
    text = (EXAMPLES / "mid-ml-engineer.md").read_text(encoding="utf-8")
    anchor = "- Built ETL pipelines with Spark and dbt feeding a Snowflake warehouse."
    assert anchor in text
    more = text.replace(anchor, anchor + "\n- " + bullet.removeprefix("• "))
    assert _score(more, level) >= _score(text, level)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(_SENIOR_TEXT)), st.integers(0, 300), st.text(max_size=40))
def test_reports_keep_their_invariants_on_mutated_resumes(position: int, cut: int, insert: str) -> None:
    text = _SENIOR_TEXT[:position] + insert + _SENIOR_TEXT[position + cut :]
    try:
        resume = parse_text(text, as_of=AS_OF)
    except rolematch.RolematchError:
        return
    for report in assess(resume, role="ml-engineer").reports.values():
        assert 0 <= report.score <= 100
        for result in [*report.requirements, *report.responsibilities]:
            assert 0 <= result.score <= 1
            for evidence in result.evidence:
                assert resume.text[evidence.start : evidence.end] == evidence.text


# ---------------------------------------------------------------- determinism and schema


def test_same_input_same_report_byte_for_byte(resumes: dict[str, rolematch.Resume]) -> None:
    first = match(EXAMPLES / "lead-ml-engineer-two-column.pdf", level="senior", as_of=AS_OF).model_dump_json()
    second = match(EXAMPLES / "lead-ml-engineer-two-column.pdf", level="senior", as_of=AS_OF).model_dump_json()
    assert first == second
    report = FitReport.model_validate_json(first)
    assert set(report.versions) == {"rolematch", "parsing_data", "skills_taxonomy", "role"}
    assert report.as_of == AS_OF


def test_the_shipped_json_schema_is_current() -> None:
    shipped = (ROOT / "docs" / "fit-report.schema.json").read_text(encoding="utf-8")
    assert shipped == rolematch.fit_report_json_schema(), "run: python scripts/export_schema.py"


def test_text_rendering_shows_evidence_and_sources(resumes: dict[str, rolematch.Resume]) -> None:
    text = rolematch.render_report(match(resumes["mid-ml-engineer.md"], level="mid"))
    assert text.startswith("# Machine Learning Engineer, Mid-Level Machine Learning Engineer:")
    assert "role file line" in text and "chars " in text and "## What would raise the score" in text
    assert "may have changed" in text
