"""parse_job on hand-written postings with truth labels, pay in every form, must vs nice under every heading
style, level inference, bad input, and matching a resume against a posting."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rolematch
from rolematch import EmptyJobError, JobPosting, parse_job, parse_job_text, role_from_job
from rolematch._job._pay import find_salary
from rolematch.errors import DocumentTooLargeError, RolematchError, UnsupportedFormatError

ROOT = Path(__file__).resolve().parents[1]
JOBS = ROOT / "tests" / "fixtures" / "jobs"
EXAMPLES = ROOT / "examples"
JOB_SCHEMA = ROOT.parent / "shared" / "corpus" / "jsonresume" / "job-schema.json"
SAMPLE_JOB = ROOT.parent / "shared" / "corpus" / "jsonresume" / "sample.job.json"
AS_OF = date(2026, 11, 21)


def _postings() -> list[tuple[Path, dict[str, Any]]]:
    found = []
    for path in sorted(JOBS.iterdir()):
        if path.name == "README.md" or path.name.endswith(".truth.json"):
            continue
        truth = path.with_name(path.name.rsplit(".", 1)[0] + ".truth.json")
        found.append((path, json.loads(truth.read_text(encoding="utf-8"))))
    return found


POSTINGS = _postings()
PARSED = {path.name: parse_job(path, as_of=AS_OF) for path, _ in POSTINGS}


def _same(a: object, b: object) -> bool:
    return str(a or "").strip().lower() == str(b or "").strip().lower()


def _normal(text: str) -> str:
    return text.lower().replace("’", "'").replace("‘", "'")


# ---------------------------------------------------------------- the labelled postings


def test_the_corpus_has_every_format() -> None:
    formats = {PARSED[path.name].source.format for path, _ in POSTINGS}
    assert {"text", "markdown", "html", "json_job"} <= formats
    assert len(POSTINGS) == 16


@pytest.mark.parametrize("field", ["level", "remote", "employment_type"])
def test_facts_match_the_truth(field: str) -> None:
    wrong = [
        (p.name, getattr(PARSED[p.name], field), t[field])
        for p, t in POSTINGS
        if not _same(getattr(PARSED[p.name], field), t[field])
    ]
    assert wrong == []


def test_years_education_and_pay_match_the_truth() -> None:
    for path, truth in POSTINGS:
        posting = PARSED[path.name]
        years = truth["years"]
        got_years = (posting.years.min, posting.years.max) if posting.years else None
        assert got_years == ((years["min"], years["max"]) if years else None), path.name
        education = posting.education.level.value.replace("doctorate", "phd") if posting.education else None
        assert education == truth["education"], path.name
        salary = truth["salary"]
        got = posting.salary
        expected = (salary["min"], salary["max"], salary["currency"], salary["period"]) if salary else None
        assert ((got.min, got.max, got.currency, got.period) if got else None) == expected, path.name


def test_titles_companies_and_locations_hold_their_figures() -> None:
    # Figures when parse_job landed (tests/fixtures/jobs/README.md): they may rise, never fall.
    counts = {
        field: sum(_same(getattr(PARSED[p.name], field), t[field]) for p, t in POSTINGS)
        for field in ("title", "company", "location")
    }
    assert counts["title"] >= 15 and counts["company"] >= 13 and counts["location"] >= 11, counts


def test_requirement_lines_are_must_or_nice_as_labelled() -> None:
    wrong = []
    total = 0
    for path, truth in POSTINGS:
        posting = PARSED[path.name]
        for kind in ("must", "nice"):
            for entry in truth[kind]:
                if not entry["skills"]:
                    continue
                total += 1
                text = _normal(entry["text"])
                hits = [r for r in posting.requirements if _normal(r.text)[:40] in text or text[:40] in _normal(r.text)]
                if not any(r.kind == kind for r in hits):
                    wrong.append((path.name, kind, entry["text"][:60]))
    assert total >= 130
    assert wrong == []


def test_perks_and_company_blurbs_are_not_requirements() -> None:
    for path, truth in POSTINGS:
        posting = PARSED[path.name]
        for phrase in truth.get("not_requirements", []):
            assert not [r for r in posting.requirements if _normal(phrase)[:30] in _normal(r.text) and r.groups], (
                path.name,
                phrase,
            )


def test_every_requirement_quotes_its_posting_line() -> None:
    for posting in PARSED.values():
        for requirement in posting.requirements:
            assert posting.text[requirement.start : requirement.end].strip() == requirement.text
            assert requirement.text in posting.text.split("\n")[requirement.line - 1]
        for group in (g for r in posting.requirements for g in r.groups):
            assert len(group.skills) == len(group.names) == len(group.surfaces) and group.needed >= 1


# ---------------------------------------------------------------- pay


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Salary: $150,000 - $180,000", (150_000, 180_000, "USD", "year")),
        ("Compensation: 150k–180k base", (150_000, 180_000, "USD", "year")),
        ("$70/hour, night shift", (70, 70, "USD", "hour")),
        ("Gehalt: €60.000 – €75.000", (60_000, 75_000, "EUR", "year")),
        ("USD 120K+ and equity", (120_000, None, "USD", "year")),
        ("£55,000 to £65,000 per annum", (55_000, 65_000, "GBP", "year")),
        ("Pay: $45 - $55 per hour", (45, 55, "USD", "hour")),
        ("The pay range is 130,000 to 160,000 USD", (130_000, 160_000, "USD", "year")),
        ("Base salary up to $200k", (None, 200_000, "USD", "year")),
        ("CA$205,000 – CA$245,000", (205_000, 245_000, "CAD", "year")),
    ],
)
def test_every_pay_form(text: str, expected: tuple[object, ...]) -> None:
    found = find_salary(text)
    assert found is not None
    assert (found.min, found.max, found.currency, found.period) == expected
    assert text[found.start : found.end] == found.text


@pytest.mark.parametrize(
    "text",
    ["5+ years of experience with Python", "We offer a 401(k) match", "Team of 12 across 3 offices", "Up to 25 days"],
)
def test_figures_that_are_not_pay(text: str) -> None:
    assert find_salary(text) is None


@given(
    low=st.integers(30, 400).map(lambda k: k * 1000),
    spread=st.integers(0, 100).map(lambda k: k * 1000),
    style=st.sampled_from(
        ["${low:,} - ${high:,}", "{lk}k–{hk}k", "USD {low:,} to {high:,}", "£{low:,} to £{high:,} per annum"]
    ),
)
@settings(max_examples=60, deadline=None)
def test_pay_ranges_read_back_in_every_style(low: int, spread: int, style: str) -> None:
    high = low + spread
    text = "Salary: " + style.format(low=low, high=high, lk=low // 1000, hk=high // 1000)
    found = find_salary(text)
    assert found is not None and (found.min, found.max) == (low, high)


# ---------------------------------------------------------------- must vs nice, levels


@pytest.mark.parametrize(
    ("must_heading", "nice_heading"),
    [
        ("Requirements", "Nice to have"),
        ("Minimum qualifications:", "Preferred qualifications:"),
        ("## What you'll need", "## Bonus points"),
        ("You have", "Bonus points if you have"),
        ("**Must have**", "**Good to have**"),
        ("WHAT WE'RE LOOKING FOR", "DESIRABLE"),
    ],
)
def test_must_and_nice_follow_their_headings(must_heading: str, nice_heading: str) -> None:
    text = (
        f"Data Engineer\nAcme Freight\n\n{must_heading}\n- 3+ years of Python and SQL\n- Apache Airflow\n\n"
        f"{nice_heading}\n- dbt\n- Kafka streaming\n"
    )
    posting = parse_job_text(text, as_of=AS_OF)
    kinds = {name: r.kind for r in posting.requirements for g in r.groups for name in g.names}
    assert kinds["Python"] == kinds["SQL"] == kinds["Apache Airflow"] == "must"
    assert kinds["dbt"] == kinds["Apache Kafka"] == "nice"


def test_cue_words_override_the_heading() -> None:
    text = (
        "Data Scientist\n\nQualifications\n- Python is required\n- Spark experience is a plus\n"
        "- SQL; Scala is a bonus\n"
    )
    kinds = {n: r.kind for r in parse_job_text(text).requirements for g in r.groups for n in g.names}
    assert kinds == {"Python": "must", "Apache Spark": "nice", "SQL": "must", "Scala": "nice"}


def test_prose_after_a_list_is_not_part_of_it() -> None:
    text = (
        "Data Engineer\n\nNice to have\n- dbt\n- Kafka\n\n"
        "Candidates must be authorized to work in the US. Benefits include a 401(k) and Python conference tickets.\n"
    )
    posting = parse_job_text(text)
    assert [r.text for r in posting.nice] == ["dbt", "Kafka"]
    assert all("Python" not in r.text for r in posting.requirements)


def test_alternatives_stay_one_group() -> None:
    text = "ML Engineer\n\nRequirements\n- Python or Scala, and SQL\n- Experience with AWS, GCP or Azure\n"
    groups = [g.names for r in parse_job_text(text).requirements for g in r.groups]
    assert ["Python", "Scala"] in groups and ["SQL"] in groups
    assert any(set(g) >= {"Amazon Web Services", "Google Cloud Platform", "Microsoft Azure"} for g in groups), groups


@pytest.mark.parametrize(
    ("title", "years", "level"),
    [
        ("Junior Data Analyst", "1+ years", "junior"),
        ("Senior Data Engineer", "2+ years", "senior"),
        ("Staff Machine Learning Engineer", "5+ years", "lead"),
        ("Principal Backend Engineer", "", "principal"),
        ("Data Scientist", "at least 6 years", "senior"),
        ("Data Scientist", "3-5 years", "mid"),
        ("Data Scientist", "1 year", "junior"),
    ],
)
def test_level_from_title_words_then_years(title: str, years: str, level: str) -> None:
    line = f"- {years} of experience with Python and SQL" if years else "- Python and SQL"
    posting = parse_job_text(f"{title}\n\nRequirements\n{line}\n")
    assert posting.level == level
    assert posting.level_reasons


# ---------------------------------------------------------------- formats and bad input


def test_html_drops_scripts_styles_and_chrome() -> None:
    page = (
        "<!DOCTYPE html><html><head><style>li{color:red}</style><script>var x='<li>Java</li>'</script></head>"
        "<body><nav><a>Home</a></nav><h1>Data Engineer</h1><h2>Requirements</h2><ul><li>Python &amp; SQL</li>"
        "</ul><footer>Kafka Inc</footer></body></html>"
    )
    posting = parse_job(page.encode())
    assert posting.source.format == "html" and posting.title == "Data Engineer"
    names = {n for r in posting.requirements for g in r.groups for n in g.names}
    assert names == {"Python", "SQL"}
    assert "var x" not in posting.text and "Kafka" not in posting.text


@pytest.mark.skipif(not SAMPLE_JOB.is_file(), reason="needs ../shared/corpus/jsonresume/sample.job.json")
def test_json_resume_job_round_trip() -> None:
    posting = parse_job(SAMPLE_JOB, as_of=AS_OF)
    assert posting.source.format == "json_job"
    assert (posting.title, posting.company, posting.remote, posting.level) == (
        "Web Developer",
        "Microsoft",
        "hybrid",
        "mid",
    )
    assert posting.years is not None and posting.years.min == 3
    names = {n for r in posting.requirements for g in r.groups for n in g.names}
    assert {"JavaScript", "HTML", "CSS"} <= names
    out = posting.to_json_resume()
    schema = json.loads(JOB_SCHEMA.read_text(encoding="utf-8"))
    kinds = {"string": str, "array": list, "object": dict}
    for key, value in out.items():
        expected = schema["properties"][key].get("type")
        assert expected is None or isinstance(value, kinds[expected]), key
    assert out["remote"] in schema["properties"]["remote"]["enum"]
    again = parse_job(json.dumps(out).encode(), as_of=AS_OF)
    assert (again.title, again.company, again.remote) == (posting.title, posting.company, posting.remote)


@pytest.mark.parametrize("field", ["skills", "qualifications", "responsibilities", "location", "salary", "title"])
def test_a_json_job_with_odd_field_types_gets_a_posting_or_a_typed_error(field: str) -> None:
    job = {"title": "Data Engineer", "qualifications": ["Python and SQL"], field: 5}
    try:
        posting = parse_job(json.dumps(job).encode())
    except RolematchError:
        return
    assert isinstance(posting, JobPosting)


def test_a_posting_without_requirements_is_an_empty_job() -> None:
    with pytest.raises(EmptyJobError) as raised:
        parse_job_text("Join our friendly team!\n\nWe value kindness and great coffee.\n")
    assert raised.value.code == "empty_job"


def test_size_limits_and_junk_get_typed_errors() -> None:
    with pytest.raises(DocumentTooLargeError):
        parse_job(b"Requirements\n- Python\n" * 700_000)
    with pytest.raises(UnsupportedFormatError):
        parse_job(b"\x00\x01\x02binary" * 50)
    with pytest.raises(UnsupportedFormatError, match="job posting"):
        parse_job(json.dumps({"basics": {"name": "A resume"}}).encode())


@given(st.text(min_size=1, max_size=400))
@settings(max_examples=80, deadline=None)
def test_any_text_gives_a_posting_or_a_typed_error(text: str) -> None:
    try:
        posting = parse_job_text(text)
    except RolematchError:
        return
    assert isinstance(posting, JobPosting)
    for requirement in posting.requirements:
        assert posting.text[requirement.start : requirement.end].strip() == requirement.text


# ---------------------------------------------------------------- matching against a posting


def _role_file_posting() -> str:
    """A posting written from ml-engineer.yaml's senior level: its own quotes as the posting's lines."""
    level = rolematch._match.get_role("ml-engineer").level("senior")
    musts = [r.quote for r in level.requirements if r.kind == "must"]
    nices = [r.quote for r in level.requirements if r.kind == "nice"]
    duties = [r.quote for r in level.responsibilities]
    unique = lambda lines: list(dict.fromkeys(lines))  # noqa: E731
    return "\n".join(
        ["Senior Machine Learning Engineer", "", "Requirements", *[f"- {q}" for q in unique(musts)], "",
         "Nice to have", *[f"- {q}" for q in unique(nices)], "",
         "Responsibilities", *[f"- {q}" for q in unique(duties)]]
    )  # fmt: skip


def test_the_role_files_own_senior_requirements_rank_the_examples_as_the_role_file_does() -> None:
    examples = sorted(p for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".md", ".json", ".docx", ".pdf"})
    resumes = [rolematch.parse_resume(p, as_of=AS_OF) for p in examples]
    posting = parse_job_text(_role_file_posting(), as_of=AS_OF)
    assert posting.level == "senior" and posting.family == "ml-engineer"
    by_role = [rolematch.match(r, role="ml-engineer", level="senior").score for r in resumes]
    by_posting = [rolematch.match(r, job=posting).score for r in resumes]
    # Every pair the role file sets 10+ points apart is in the same order. (Closer pairs may swap: a
    # posting is one level, so a title's seniority cannot be set against the role's other levels.)
    pairs = [(i, j) for i in range(len(resumes)) for j in range(len(resumes)) if by_role[i] >= by_role[j] + 10]
    assert len(pairs) >= 15
    assert [(i, j) for i, j in pairs if by_posting[i] <= by_posting[j]] == [], (by_role, by_posting)
    assert max(range(len(resumes)), key=lambda i: by_posting[i]) == max(range(len(resumes)), key=lambda i: by_role[i])


def test_a_report_against_a_posting_names_it_and_quotes_its_lines() -> None:
    path = JOBS / "ds-01_senior_ds_marketplace.md"
    posting = PARSED[path.name]
    report = rolematch.match(EXAMPLES / "mid-ml-engineer.md", job=posting, as_of=AS_OF)
    assert report.job is not None and report.job.sha256 == posting.digest and report.job.title == posting.title
    assert report.level == posting.level == "senior"
    lines = posting.text.split("\n")
    for result in report.requirements:
        assert result.role_line is not None and result.quote in lines[result.role_line - 1]
    assert report.salary.origin == "posting" and report.salary.low == 150_000 and report.salary.high == 180_000
    assert rolematch.match(EXAMPLES / "mid-ml-engineer.md", job=posting, as_of=AS_OF) == report  # deterministic


def test_the_same_posting_as_text_path_or_object_gives_one_report() -> None:
    path = JOBS / "de-02_de_contract_staffing.txt"
    resume = rolematch.parse_resume(EXAMPLES / "mid-ml-engineer.md", as_of=AS_OF)
    from_path = rolematch.match(resume, job=path)
    from_text = rolematch.match(resume, job=path.read_text(encoding="utf-8"))
    assert from_path.score == from_text.score and from_path.requirements == from_text.requirements


def test_a_role_and_a_posting_are_exclusive() -> None:
    with pytest.raises(ValueError, match="not both"):
        rolematch.match(EXAMPLES / "mid-ml-engineer.md", role="ml-engineer", job="Requirements\n- Python\n")


def test_role_from_job_quotes_and_weighs_the_posting() -> None:
    posting = PARSED["de-01_senior_de_freight.md"]
    role = role_from_job(posting)
    level = role.spec.levels[0]
    assert role.level_ids == ["senior"] and role.posting is posting
    assert {r.kind for r in level.requirements} == {"must", "nice"}
    for requirement in level.requirements:
        assert requirement.quote in posting.text and requirement.line is not None
    assert all(re.fullmatch(r"(must|nice)_\d+_\d+", r.id) for r in level.requirements)
