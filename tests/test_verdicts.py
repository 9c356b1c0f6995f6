"""Verdicts that agree with the evidence, and the best level as the most senior one the evidence supports.

Issue 17: a "strong fit" with partial must-haves, a 93.1 "good fit" next to an 85.4 "strong fit"
with nothing to say why, and a 6-year ML engineer placed junior because easier levels score higher.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import rolematch
from conftest import AS_OF, EXAMPLES
from rolematch import AuditLog, DataFileError, FitReport, RequirementResult, assess, match, parse_text
from rolematch._audit import verify
from rolematch._cli import app
from rolematch._match import Role, RoleFile, get_role
from rolematch._match._levels import verdict_for
from rolematch._match._roles import parse_role

EXAMPLE_FILES = sorted(p for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".md", ".json", ".docx", ".pdf"})
ROLE = get_role("ml-engineer")
SCORING = ROLE.spec.scoring
BANDS = [band.verdict for band in SCORING.ranked_verdicts()]  # lowest first


def _musts(report: FitReport) -> list[RequirementResult]:
    return [r for r in report.requirements if r.kind == "must"]


def _check_report(report: FitReport) -> None:
    """The properties every report keeps: strong fit only with every must-have met, and a reason that fits."""
    musts = _musts(report)
    unmet = [r for r in musts if r.status != "met"]
    if report.verdict == "strong fit":
        assert not unmet, (report.level, report.verdict_reason)
        assert report.verdict_reason == f"all {len(musts)} must-haves met, score {report.score:g} >= 80"
    assert f"score {report.score:g}" in report.verdict_reason
    if unmet and report.score >= 80:  # a score in the strong band with another verdict says which must-haves
        for result in unmet:
            assert result.name in report.verdict_reason, (result.name, report.verdict_reason)
        assert report.verdict != "strong fit"
    if report.verdict_reason.startswith("all "):
        assert not unmet
    partial = [r for r in musts if r.status == "partial"]
    if partial and re.search(r"\bpartial: ", report.verdict_reason):
        assert re.search(rf"\b{len(partial)} must-haves? partial: ", report.verdict_reason)


# ---------------------------------------------------------------- strong fit needs every must-have met


@pytest.fixture(scope="module")
def example_texts() -> dict[str, str]:
    return {path.name: rolematch.parse_resume(path, as_of=AS_OF).text for path in EXAMPLE_FILES}


def test_every_example_report_keeps_the_verdict_properties() -> None:
    for path in EXAMPLE_FILES:
        for report in assess(path, as_of=AS_OF, role="ml-engineer").reports.values():
            _check_report(report)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_strong_fit_always_has_every_must_have_met(example_texts: dict[str, str], data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(example_texts)))
    lines = example_texts[name].splitlines()
    removed = data.draw(st.sets(st.integers(0, max(len(lines) - 1, 0)), max_size=max(1, len(lines) // 3)))
    text = "\n".join(line for i, line in enumerate(lines) if i not in removed)
    try:
        resume = parse_text(text, as_of=AS_OF)
    except rolematch.RolematchError:
        return
    for strict in (False, True):
        for report in assess(resume, strict=strict, role="ml-engineer").reports.values():
            _check_report(report)
            if strict and report.verdict in ("strong fit", "good fit"):
                assert all(r.status == "met" for r in _musts(report))


# ---------------------------------------------------------------- a small role to exercise each rule

_ROLE = """
id: verdict-rules
name: Verdict rules
version: "1"
source: {document: d, salary_source: s, caveat: c}
scoring:
  evidence_strength: {experience: 1.0, skills: 0.5, other: 0.4}
  recency: [{within_years: 100, factor: 1.0}]
  implied_factor: 0.85
  met_threshold: 0.75
  category_weights: {skills: 100, experience: 0, responsibilities: 0, education: 0}
  missing_data: {skills: zero, experience: neutral, responsibilities: neutral, education: neutral}
  experience: {years_weight: 1, title_weight: 0, over_max_penalty_per_year: 0.1, floor: 0.4}
  nice_to_have_bonus: 0
  verdicts:
    - {min_score: 40, verdict: strong fit, requires_all_musts: true}
    - {min_score: 30, verdict: good fit}
    - {min_score: 20, verdict: partial fit}
    - {min_score: 0, verdict: weak fit}
  verdict_caps: {knockout_missing: weak fit, below_min_years: partial fit, strict: partial fit}
oversight: {advisory: a, not_considered: [n], review_warnings: [little_text]}
salary: {currency: EUR, period: year}
levels:
  - id: one
    name: One
    titles: [Tiny Engineer]
    expected_years: {min: 3, max: 10}
    min_years: 0
    salary: {low: 50000, high: 70000, typical: 60000, basis: b, quote: q}
    requirements:
      - {id: python, name: Python, kind: must, category: skills, weight: 1, skills: [python], quote: q, knockout: true}
      - {id: java, name: Java, kind: must, category: skills, weight: 1, skills: [java], quote: q}
"""


def _tiny(text: str = _ROLE) -> Role:
    return parse_role(text, source="verdict-rules.yaml")


def _job(bullet: str, skills: str = "", start: str = "Jan 2020") -> rolematch.Resume:
    text = f"Jo Doe\nEXPERIENCE\nSoftware Engineer\nAcme | {start} - Present\n• {bullet}\n"
    if skills:
        text += f"SKILLS\n{skills}\n"
    return parse_text(text, as_of=AS_OF)


def test_must_haves_all_partial_are_never_a_strong_fit() -> None:
    report = match(_job("Kept the lights on.", skills="Python, Java"), role=_tiny(), level="one")
    assert [r.status for r in _musts(report)] == ["partial", "partial"]
    assert report.score >= 40  # the strong band's score ...
    assert report.verdict == "good fit"  # ... but not its verdict, and the reason says why
    assert report.verdict_reason == (
        "2 must-haves partial: Python, Java: strong fit needs every must-have met; score 50 alone gives strong fit"
    )


def test_the_shipped_role_gives_no_strong_fit_with_a_partial_must_have() -> None:
    lead = match(EXAMPLES / "lead-ml-engineer-two-column.pdf", level="senior", as_of=AS_OF)
    partial = [r.name for r in _musts(lead) if r.status == "partial"]
    assert partial and lead.score >= 80
    assert lead.verdict == "good fit"
    assert lead.verdict_reason.startswith(f"1 must-have partial: {partial[0]}: strong fit needs every must-have met")


def test_all_must_haves_met_is_a_strong_fit_with_its_reason() -> None:
    report = match(_job("Built services in Python and Java."), role=_tiny(), level="one")
    assert report.verdict == "strong fit"
    assert report.verdict_reason == "all 2 must-haves met, score 100 >= 40"


def test_a_missing_knockout_caps_the_verdict() -> None:
    report = match(_job("Built services in Java."), role=_tiny(), level="one")
    assert report.score == 50 and report.verdict == "weak fit"
    assert report.verdict_reason.startswith("knock-out missing: Python: at most weak fit")
    assert report.verdict_reason.endswith("score 50 alone gives strong fit")
    # The same resume without the knock-out: the must-have still counts, but only as a must-have.
    lenient = _tiny(_ROLE.replace(", knockout: true", ""))
    assert match(_job("Built services in Java."), role=lenient, level="one").verdict == "good fit"


def test_the_shipped_role_marks_python_a_knockout_at_every_level() -> None:
    for level in ROLE.spec.levels:
        assert [r.id for r in level.requirements if r.knockout] == ["python"]
    assert SCORING.verdict_caps.knockout_missing == "weak fit"


def test_fewer_years_than_the_level_minimum_cap_the_verdict() -> None:
    role = _tiny(_ROLE.replace("min_years: 0", "min_years: 2"))
    report = match(_job("Built services in Python and Java.", start="Jan 2026"), role=role, level="one")
    assert report.score == 100 and report.experience.relevant_years < 2
    assert report.verdict == "partial fit"
    years = report.experience.relevant_years
    assert report.verdict_reason == (
        f"{years:g} relevant years, below the level's minimum 2: at most partial fit; score 100 alone gives strong fit"
    )


def test_the_shipped_levels_minimum_years() -> None:
    mid, senior = ROLE.level("mid"), ROLE.level("senior")
    assert (mid.min_years, senior.min_years) == (3, 5)
    musts = [_result(r.id, r.name, "met") for r in mid.requirements if r.kind == "must"]
    assert verdict_for(95.0, musts, 2.5, mid, SCORING, strict=False)[0] == "partial fit"
    assert verdict_for(95.0, musts, 3.0, mid, SCORING, strict=False)[0] == "strong fit"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("kind: must, category: skills, weight: 1, skills: [java]", "only a must-have can be a knock-out"),
        ("below_min_years: partial fit", "names the verdict 'no such fit'"),
        ("min_years: 0", "min_years 9.0 is above expected_years.min 3.0"),
    ],
)
def test_the_schema_checks_the_new_rules(change: str, message: str) -> None:
    bad = {
        "kind: must, category: skills, weight: 1, skills: [java]": (
            "kind: nice, category: skills, weight: 1, skills: [java], knockout: true"
        ),
        "below_min_years: partial fit": "below_min_years: no such fit",
        "min_years: 0": "min_years: 9",
    }[change]
    with pytest.raises(DataFileError, match=re.escape(message)):
        _tiny(_ROLE.replace(change, bad))


# ---------------------------------------------------------------- strict mode


def test_strict_mode_needs_every_must_have_met_above_partial_fit() -> None:
    resume = _job("Built services in Python.", skills="Java")
    lenient = match(resume, role=_tiny(), level="one")
    strict = match(resume, role=_tiny(), level="one", strict=True)
    assert lenient.score == strict.score == 75
    assert (lenient.verdict, strict.verdict) == ("good fit", "partial fit")
    assert (lenient.strict, strict.strict) == (False, True)
    assert (
        strict.verdict_reason
        == "strict: 1 must-have partial: Java: at most partial fit; score 75 alone gives strong fit"
    )
    met = _job("Built services in Python and Java.")
    assert match(met, role=_tiny(), level="one", strict=True).verdict == "strong fit"


def test_strict_mode_on_a_shipped_example() -> None:
    resume = rolematch.parse_resume(EXAMPLES / "mid-ml-engineer.md", as_of=AS_OF)
    lenient = match(resume, level="mid")
    strict = match(resume, level="mid", strict=True)
    assert lenient.verdict == "good fit" and strict.verdict == "partial fit"
    assert strict.verdict_reason.startswith("strict: ")
    assessment = assess(resume, strict=True, role="ml-engineer")
    for report in assessment.reports.values():
        assert report.strict and (report.verdict in ("weak fit", "partial fit") or not _unmet(report))


def _unmet(report: FitReport) -> list[RequirementResult]:
    return [r for r in _musts(report) if r.status != "met"]


def test_strict_threads_through_rank_and_the_cli(tmp_path: Path) -> None:
    source = EXAMPLES / "mid-ml-engineer.md"
    (row,) = rolematch.rank([source], level="mid", as_of=AS_OF, strict=True)
    assert row.verdict == "partial fit" and row.report.strict
    runner = CliRunner()
    for command in (["match", "--level", "mid"], ["match"], ["assess"]):
        result = runner.invoke(
            app, [*command, str(source), "--as-of", AS_OF.isoformat(), "--format", "json", "--strict"]
        )
        assert result.exit_code == 0, result.output
        data = json.loads(result.output)
        reports = data["reports"].values() if "reports" in data else [data]
        assert all(report["strict"] for report in reports)
    result = runner.invoke(
        app, ["match", "--level", "mid", str(source), "--as-of", AS_OF.isoformat(), "--format", "json"]
    )
    assert json.loads(result.output)["verdict"] == "good fit"


def test_batch_strict_rows_and_resume_with_other_settings(tmp_path: Path) -> None:
    source = EXAMPLES / "mid-ml-engineer.md"
    out = tmp_path / "rows.jsonl"
    common: dict[str, Any] = {"level": "mid", "as_of": AS_OF, "isolation": None, "audit_log": tmp_path / "a.jsonl"}
    rolematch.run_batch([source], out, strict=True, **common)
    (row,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert row["report"]["verdict"] == "partial fit" and row["report"]["strict"] is True
    (entry,) = AuditLog.read(tmp_path / "a.jsonl")
    assert entry.parameters["strict"] is True and verify(entry, source).identical

    from rolematch._batch._engine import _Settings, _settings_key
    from rolematch._match import get_role

    keys = {
        _settings_key(_Settings(get_role("ml-engineer"), "mid", AS_OF, None, None, None, strict=strict))
        for strict in (False, True)
    }
    assert len(keys) == 2  # a resumed run with the other setting redoes its rows
    summary = rolematch.run_batch([source], out, resume=True, strict=False, **common)
    assert summary.resumed == 0
    (row,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert row["report"]["verdict"] == "good fit"


# ---------------------------------------------------------------- verdict rules, property by property


def _result(requirement_id: str, name: str, status: str) -> RequirementResult:
    score = {"met": 1.0, "partial": 0.5, "missing": 0.0}[status]
    return RequirementResult(
        id=requirement_id, name=name, kind="must", category="skills", weight=1, status=status,  # type: ignore[arg-type]
        score=score, skills=["python"], needed=1, found=[], evidence=[], quote="q", role_line=None,
    )  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    level_id=st.sampled_from(["junior", "mid", "senior"]),
    statuses=st.data(),
    score=st.floats(0, 100).map(lambda x: round(x, 1)),
    years=st.floats(0, 20).map(lambda x: round(x, 2)),
    strict=st.booleans(),
)
def test_verdict_rules(level_id: str, statuses: st.DataObject, score: float, years: float, strict: bool) -> None:
    level = ROLE.level(level_id)
    specs = [r for r in level.requirements if r.kind == "must"]
    drawn = statuses.draw(
        st.lists(st.sampled_from(["met", "partial", "missing"]), min_size=len(specs), max_size=len(specs))
    )
    musts = [_result(spec.id, spec.name, status) for spec, status in zip(specs, drawn, strict=True)]
    verdict, reason = verdict_for(score, musts, years, level, SCORING, strict=strict)
    reached = max(i for i, band in enumerate(SCORING.ranked_verdicts()) if score >= band.min_score)
    rank = BANDS.index(verdict)
    unmet = [m for m in musts if m.status != "met"]
    assert rank <= reached
    if verdict == "strong fit":
        assert not unmet
    if any(spec.knockout and m.status == "missing" for spec, m in zip(specs, musts, strict=True)):
        assert verdict == "weak fit"
    if level.min_years is not None and years < level.min_years:
        assert rank <= BANDS.index("partial fit")
    if strict and unmet:
        assert rank <= BANDS.index("partial fit")
    if rank < reached:
        assert reason.endswith(f"score {score:g} alone gives {BANDS[reached]}")
    else:
        assert f"score {score:g}" in reason and "alone gives" not in reason
    if unmet and (rank == reached or BANDS[reached] == "strong fit"):  # a verdict below strong says which
        for must in unmet:
            assert must.name in reason, (must.name, reason)
    assert reason.startswith("all ") == (not unmet and rank == reached)


# ---------------------------------------------------------------- best level: the most senior one supported

# A machine learning engineer with 6-7 years of production work and no mentoring: junior scores
# highest (its must-haves are easy and fully met), but the evidence supports mid-level work.
SIX_YEARS = """Robin Example
robin@example.com

SUMMARY
Machine learning engineer with six years of building and running production ML systems.

EXPERIENCE
Machine Learning Engineer
Northwind Analytics | Mar 2022 - Present
• Built regression and classification models in Python with scikit-learn, pandas and NumPy for churn and pricing.
• Deployed the models to production with Docker and Kubernetes and added model monitoring.
• Did feature engineering and data cleaning on large datasets; wrote unit tests and used Git for every change.
• Collaborated with product managers and data scientists to ship the models in the product.

Machine Learning Engineer
Contoso Retail | Jul 2020 - Feb 2022
• Trained gradient boosting models (XGBoost) and PyTorch networks for demand forecasting in production.
• Wrote ETL pipelines in Python and SQL and tuned hyperparameters in experiments.
• Maintained CI/CD for the model services.

EDUCATION
B.Sc. Computer Science, State University, 2016

SKILLS
Python, PyTorch, scikit-learn, pandas, NumPy, XGBoost, Docker, Kubernetes, SQL, Git
"""


def test_a_six_year_ml_engineer_without_mentoring_is_not_placed_junior() -> None:
    assessment = assess(parse_text(SIX_YEARS, as_of=AS_OF), role="ml-engineer")
    mid = assessment.reports["mid"]
    assert 6 <= mid.experience.relevant_years <= 7
    assert any(r.id == "mentoring" and r.status == "missing" for r in mid.requirements)
    assert assessment.best_level in ("mid", "senior"), assessment.reasons
    first = assessment.reasons[0]
    assert first.startswith(f"best fit - {assessment.best_level}: the most senior level")
    if assessment.best_level == "mid":
        assert "; not senior: " in first and "below the 7 it expects" in first


def _supported(report: FitReport) -> bool:
    fit = report.experience
    years_ok = fit.relevant_years >= fit.expected_min
    return years_ok and (BANDS.index(report.verdict) >= BANDS.index("good fit") or not _unmet(report))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_best_level_is_the_most_senior_supported_level(path: Path) -> None:
    assessment = assess(path, as_of=AS_OF, role="ml-engineer")
    ordered = [assessment.reports[level] for level in ROLE.level_ids]
    supported = [r.level for r in ordered if _supported(r)]
    assert assessment.best_level == (supported[-1] if supported else ROLE.level_ids[0])
    assert assessment.reasons[0].startswith(f"best fit - {assessment.best_level}: ")
    position = ROLE.level_ids.index(assessment.best_level)
    if position + 1 < len(ROLE.level_ids):
        assert f"; not {ROLE.level_ids[position + 1]}: " in assessment.reasons[0]
    assert len(assessment.reasons) == 1 + len(ordered)
    for report, reason in zip(ordered, assessment.reasons[1:], strict=True):
        assert reason.startswith(f"{report.level}: ")
        assert reason.endswith("; not supported") != (report.level in supported)
    # Strict mode changes verdicts, not where the candidate's level is.
    strict = assess(path, as_of=AS_OF, strict=True, role="ml-engineer")
    assert strict.best_level == assessment.best_level
    assert [r.score for r in strict.reports.values()] == [r.score for r in assessment.reports.values()]


def test_strict_mode_does_not_place_a_lead_engineer_junior() -> None:
    strict = assess(EXAMPLES / "lead-ml-engineer-two-column.pdf", as_of=AS_OF, strict=True, role="ml-engineer")
    senior = strict.reports["senior"]
    assert strict.best_level == "senior" and senior.verdict == "partial fit"
    assert "(good fit before the strict cap, " in strict.reasons[0]


def test_over_qualification_counts_against_a_level_and_says_so() -> None:
    junior = match(EXAMPLES / "senior-ml-engineer.txt", level="junior", as_of=AS_OF)
    fit = junior.experience
    career = fit.in_role_years + fit.related_years
    assert fit.expected_max is not None and fit.relevant_years > fit.expected_max
    penalty = SCORING.experience.over_max_penalty_per_year * (career - fit.expected_max)
    assert fit.years_score == round(max(SCORING.experience.floor, 1 - penalty), 4) < 1
    detail = next(c.detail for c in junior.categories if c.name == "experience")
    assert "above the range: over-qualified" in detail
    reasons = assess(EXAMPLES / "senior-ml-engineer.txt", as_of=AS_OF, role="ml-engineer").reasons
    assert any(r.startswith("junior: ") and "over-qualified" in r for r in reasons)


def test_a_related_career_counts_in_full_for_over_qualification() -> None:
    """A long related career counts at the related weight toward a level's minimum, but in full above its
    range: halving 10 years of software work must not make its owner look inside a mid range."""
    text = (
        "Experience\n"
        "Senior Software Engineer, Acme Corp, Jan 2016 - Present\n"
        "- Built REST APIs in Python and Java for payments.\n"
        "- Trained a fraud classifier with scikit-learn.\n"
        "Skills\nPython, Java, SQL, scikit-learn\n"
    )
    mid = match(parse_text(text, as_of=AS_OF), level="mid", as_of=AS_OF)
    fit = mid.experience
    assert fit.in_role_years == 0 and fit.related_years > 10 and fit.related_weight < 1
    assert fit.expected_max is not None and fit.relevant_years <= fit.expected_max < fit.related_years
    over = fit.related_years - fit.expected_max
    penalty = SCORING.experience.over_max_penalty_per_year * over
    assert fit.years_score == round(max(SCORING.experience.floor, 1 - penalty), 4) < 1
    detail = next(c.detail for c in mid.categories if c.name == "experience")
    counted = f"{fit.related_years:g} related years counted in full"
    assert f"{round(over, 2):g} above the range: over-qualified, {counted}" in detail


# ---------------------------------------------------------------- determinism and audit


def test_same_input_twice_gives_the_same_bytes() -> None:
    for strict in (False, True):
        first = assess(parse_text(SIX_YEARS, as_of=AS_OF), strict=strict, role="ml-engineer").model_dump_json()
        second = assess(parse_text(SIX_YEARS, as_of=AS_OF), strict=strict, role="ml-engineer").model_dump_json()
        assert first == second
    path = EXAMPLES / "lead-ml-engineer-two-column.pdf"
    assert (
        match(path, level="senior", as_of=AS_OF, strict=True).model_dump_json()
        == match(path, level="senior", as_of=AS_OF, strict=True).model_dump_json()
    )


def test_audit_verify_replays_a_strict_decision_identically(tmp_path: Path) -> None:
    source = EXAMPLES / "mid-ml-engineer.md"
    log = AuditLog(path=tmp_path / "audit.jsonl")
    report = match(source, level="mid", as_of=AS_OF, strict=True, audit=log)
    assessment = assess(source, as_of=AS_OF, strict=True, audit=log, role="ml-engineer")
    first, second = AuditLog.read(tmp_path / "audit.jsonl")
    assert first.parameters["strict"] is True and first.verdict == report.verdict == "partial fit"
    assert second.parameters["strict"] is True and second.level == assessment.best_level
    for entry in (first, second):
        replay = verify(entry, source)
        assert replay.identical, replay.differences
    lenient = first.model_copy(update={"parameters": {**first.parameters, "strict": False}})
    assert not verify(lenient, source).identical  # the replay really uses the logged mode


def test_role_file_model_round_trips_the_new_fields() -> None:
    spec = RoleFile.model_validate(ROLE.spec.model_dump())
    assert spec.scoring.verdict_caps == SCORING.verdict_caps and spec.scoring.best_level_min_verdict == "good fit"
