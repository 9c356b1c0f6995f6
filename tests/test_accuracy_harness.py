"""The accuracy harness (benchmarks/accuracy.py): its scoring, its truths, and the label-free round trip."""

from __future__ import annotations

import itertools
import json
import re
import sys
from datetime import date
from pathlib import Path
from random import Random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rolematch
from rolematch import EducationLevel, ExperienceEntry, Span, YearMonth
from rolematch._parse import total_experience_years

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import accuracy  # noqa: E402
from accuracy import Degree, Job, Tally  # noqa: E402

AS_OF = date(2026, 11, 21)
TRUTH = [
    Job("Senior Systems Engineer", "Infosys Limited", "2018-01", "present"),
    Job("Network Administrator", "Wipro Technologies", "2014-07", "2017-12"),
    Job("Help Desk Technician", "Tata Consultancy Services", "2012", "2014"),
]


def _all(tallies: dict[str, Tally]) -> list[tuple[float | None, float | None, float | None]]:
    return [(t.precision, t.recall, t.f1) for t in tallies.values()]


# --- scoring -------------------------------------------------------------------------------------------


def test_perfect_prediction_scores_one() -> None:
    assert _all(accuracy.score_jobs(list(TRUTH), TRUTH)) == [(1.0, 1.0, 1.0)] * 4
    degrees = [Degree("bachelor", "Anna University"), Degree("master", "IIT Madras")]
    assert _all(accuracy.score_education(list(degrees), degrees)) == [(1.0, 1.0, 1.0)] * 2


def test_shifted_titles_count_as_misses() -> None:
    # Every title moved onto the next job: companies and dates pair the jobs, so no title is right.
    shifted = [
        Job(TRUTH[i + 1].title if i + 1 < len(TRUTH) else None, job.company, job.start, job.end)
        for i, job in enumerate(TRUTH)
    ]
    tallies = accuracy.score_jobs(shifted, TRUTH)
    assert (tallies["title"].hit_truth, tallies["title"].predicted, tallies["title"].truth) == (0, 2, 3)
    assert tallies["title"].f1 == 0.0
    for name in ("company", "start", "end"):
        assert (tallies[name].precision, tallies[name].recall) == (1.0, 1.0)


def test_empty_prediction_has_recall_zero() -> None:
    for tally in accuracy.score_jobs([], TRUTH).values():
        assert (tally.precision, tally.recall, tally.f1) == (None, 0.0, 0.0)
    tally = accuracy.score_skills([], ["Python", "SQL"])
    assert (tally.precision, tally.recall) == (None, 0.0)


def test_dates_and_levels_compare_exactly_text_fuzzily() -> None:
    truth = [Job("Software Engineer", "Google LLC", "2019-07", "present")]
    predicted = [Job("SOFTWARE  ENGINEER", "Google", "2019", None)]
    tallies = accuracy.score_jobs(predicted, truth)
    assert tallies["title"].hit_truth == tallies["company"].hit_truth == 1  # case and spacing, a subset of tokens
    assert tallies["start"].hit_truth == 0  # "2019" is not "2019-07"
    assert (tallies["end"].predicted, tallies["end"].hit_truth) == (0, 0)  # not current: "present" missed
    assert not accuracy.same_text("Java", "JavaScript")
    assert accuracy.score_education([Degree("master", "X")], [Degree("bachelor", "X")])["degree"].hit_truth == 0


def test_invented_dates_are_false_positives() -> None:
    # moderncv's truth: jobs without dates; a parse that reads dates anyway loses precision only there.
    truth = [Job("Job title", "Employer", None, None)]
    tallies = accuracy.score_jobs([Job("Job title", "Employer", "2020", "2021")], truth)
    assert (tallies["start"].precision, tallies["start"].recall) == (0.0, None)
    assert tallies["title"].f1 == 1.0


def test_skills_recall_over_phrases_precision_over_skills_section() -> None:
    resume = rolematch.parse_text(
        "Jane Roe\nEXPERIENCE\nData Engineer\nAcme Corp\nJan 2020 - Present\nBuilt pipelines in Kafka.\n\n"
        "SKILLS\nPython, SQL, Docker\n",
        as_of=AS_OF,
    )
    tally = accuracy.score_skills(resume.skills, ["Python", "SQL", "Docker", "Fortran"])
    assert (tally.hit_truth, tally.truth) == (3, 4)
    assert tally.precision == 1.0  # Kafka, outside the skills list, is not judged
    assert accuracy.score_skills(resume.skills, ["Python"]).precision == pytest.approx(1 / 3)


def test_tally_sums() -> None:
    total = Tally()
    total.add(Tally(predicted=2, truth=3, hit_predicted=1, hit_truth=1))
    total.add(Tally(predicted=1, truth=1, hit_predicted=1, hit_truth=1))
    assert total.precision == pytest.approx(2 / 3)
    assert total.recall == 0.5
    assert total.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(0, 4), min_size=1, max_size=5), min_size=1, max_size=5), st.data())
def test_assignment_is_optimal(rows: list[list[int]], data: st.DataObject) -> None:
    width = data.draw(st.integers(1, 5))
    weights = [[float(v) for v in (row * width)[:width]] for row in rows]
    pairs = accuracy.assign(weights)
    assert len(pairs) == min(len(weights), width)
    assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
    if len(weights) <= width:
        best = max(
            sum(weights[i][j] for i, j in enumerate(p)) for p in itertools.permutations(range(width), len(weights))
        )
    else:
        best = max(
            sum(weights[i][j] for j, i in enumerate(p)) for p in itertools.permutations(range(len(weights)), width)
        )
    assert sum(weights[i][j] for i, j in pairs) == pytest.approx(best)


_TITLES = ["Software Engineer", "Staff Nurse", "Data Analyst", "Marketing Manager", "Teacher", "Data Scientist"]
_COMPANIES = ["Acme", "Globex Corporation", "Infosys", "NHS Trust", "Siemens AG"]
_DATES = [None, "2014", "2016-03", "2019-11", "2021-01"]
_jobs = st.lists(
    st.builds(
        Job,
        st.sampled_from([None, *_TITLES]),
        st.sampled_from([None, *_COMPANIES]),
        st.sampled_from(_DATES),
        st.sampled_from([*_DATES, "present"]),
    ),
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(_jobs, st.randoms(use_true_random=False))
def test_truth_in_any_order_scores_perfectly(truth: list[Job], rng: Random) -> None:
    shuffled = list(truth)
    rng.shuffle(shuffled)
    for tally in accuracy.score_jobs(shuffled, truth).values():
        assert tally.hit_truth == tally.truth == tally.predicted


# --- truth: the years rule, sb2nov's .tex, the hand annotations -----------------------------------------


def test_union_years_follows_the_truth_format() -> None:
    as_of = date(2026, 11, 1)
    assert accuracy.union_years([("2014", "2018")], as_of) == 4.0
    assert accuracy.union_years([("2019", "2019")], as_of) == 1.0
    # Current: Jan 2018 through Nov 2026 inclusive is 107 months (the format note's example says 8.83, one month short).
    assert accuracy.union_years([("2018-01", None)], as_of) == 8.92
    assert accuracy.union_years([("2020-01", "2020-12"), ("2020-06", "2021-05")], as_of) == 1.42  # overlap once
    assert accuracy.union_years([("2030-01", None)], as_of) == 0.0


_ym = st.builds(YearMonth, year=st.integers(2000, 2027), month=st.one_of(st.none(), st.integers(1, 12)))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_ym, st.one_of(st.none(), _ym)), max_size=5))
def test_union_years_agrees_with_the_library(ranges: list[tuple[YearMonth, YearMonth | None]]) -> None:
    # The truth format says total_years uses the library's rule; the harness's own copy must agree.
    entries = [ExperienceEntry(start=s, end=e, is_current=e is None, span=Span(start=0, end=0)) for s, e in ranges]
    expected = total_experience_years(entries, AS_OF)
    assert accuracy.union_years([(str(s), None if e is None else str(e)) for s, e in ranges], AS_OF) == expected


def test_sb2nov_reader_on_a_snippet() -> None:
    tex = r"""\newcommand{\resumeSubheading}[4]{#1}
\begin{document}
\section{Education}
  \resumeSubheading
    {Some University}{Town, ST}
    {Bachelor of Arts in History; GPA: 3.1}{Sept 2008 -- May 2012}
\section{Experience}
  \resumeSubheading{Acme \& Sons}{Town, ST}{Clerk}{June 2012 -- Present}
%  \resumeSubheading{Commented Out}{X}{Ghost}{Jan 2001 -- Jan 2002}
  \resumeSubheading{Globex}{Town, ST}{Intern}{Summer 2011}
\section{Skills}
  \item{\textbf{Languages}{: Python, SQL}}
\end{document}"""
    data = accuracy.sb2nov_truth(tex)
    assert data["jobs"] == [
        {
            "title": "Clerk",
            "company": "Acme & Sons",
            "location": "Town, ST",
            "start": "2012-06",
            "end": None,
            "current": True,
        },
        {
            "title": "Intern",
            "company": "Globex",
            "location": "Town, ST",
            "start": "2011-06",
            "end": "2011-06",
            "current": False,
        },
    ]
    assert data["education"] == [
        {"degree": "Bachelor of Arts in History", "level": "bachelor", "institution": "Some University", "year": 2012}
    ]
    assert data["skills"] == ["Python", "SQL"]


@pytest.mark.corpus
def test_sb2nov_truth_from_the_real_tex(corpus_pdfs: Path) -> None:
    data = accuracy.sb2nov_truth((corpus_pdfs / accuracy.SB2NOV_TEX).read_text(encoding="utf-8"))
    assert [(j["company"], j["title"]) for j in data["jobs"]] == [
        ("Google", "Software Engineer"),
        ("Coursera", "Senior Software Engineer"),
        ("Lucena Research", "Data Scientist"),
        ("Georgia Institute of Technology", "Research and Teaching Assistant"),
    ]
    assert (data["jobs"][0]["start"], data["jobs"][0]["current"]) == ("2016-10", True)
    assert [(e["level"], e["year"]) for e in data["education"]] == [("master", 2013), ("bachelor", 2012)]
    assert data["skills"] == []  # its Skills section is commented out


_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")


@pytest.mark.parametrize("path", sorted(accuracy.SHARED_TRUTH.glob("*.json")), ids=lambda p: p.stem)
def test_hand_annotations_are_well_formed(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["files"] and data["jobs"]
    date.fromisoformat(data["as_of"])
    for job in data["jobs"]:
        assert set(job) >= {"title", "company", "start", "end", "current"}
        for value in (job["start"], job["end"]):
            assert value is None or _DATE.match(value), value
        assert not (job["current"] and job["end"])
    levels = {level.value for level in EducationLevel}
    for entry in data["education"]:
        assert entry["level"] is None or entry["level"] in levels
    assert isinstance(data["skills"], list)
    if accuracy.CORPUS_PDFS.is_dir():
        assert [f for f in data["files"] if not (accuracy.CORPUS_PDFS / f).is_file()] == []


# --- the round trip ------------------------------------------------------------------------------------

ROUND_TRIP_FORMATS = {"text", "markdown", "docx"}
ROUND_TRIP_SAMPLE = 12
# Text, Markdown and DOCX layouts drop nothing a parser needs; 99% agreed when this test was written.
ROUND_TRIP_AGREEMENT = 0.9


def test_round_trip_through_other_layouts() -> None:
    """Parse -> to_json_resume -> render in two other text/markdown/docx layouts -> parse: the jobs survive."""
    reason = accuracy.round_trip_available()
    if reason:
        pytest.skip(f"round trip: {reason}")
    import layoutgen

    truths = [t for t in accuracy.load_generated(accuracy.FIXTURES) if t.format in ROUND_TRIP_FORMATS]
    if not truths:
        pytest.skip(f"no text, markdown or docx fixtures in {accuracy.FIXTURES}")
    targets = [name for name, kind in accuracy.layout_formats().items() if kind in ROUND_TRIP_FORMATS]
    assert len(targets) >= 3, f"too few text/markdown/docx layouts render here: {targets}"
    totals = {name: Tally() for name in accuracy.ROUND_TRIP_FIELDS}
    disagreements = []
    for n, truth in enumerate(accuracy.spread(truths, ROUND_TRIP_SAMPLE)):
        first = rolematch.parse_resume(truth.source, as_of=truth.as_of)
        json_resume = first.to_json_resume()
        assert isinstance(json_resume, dict) and isinstance(json_resume.get("work", []), list)
        for target, outcome in accuracy.round_trip_one(
            first, accuracy.other_layouts(truth.layout, targets, 2, n), layoutgen.render
        ):
            assert not isinstance(outcome, str), f"{truth.name} -> {target}: {outcome}"
            for name, tally in outcome.items():
                totals[name].add(tally)
            share = accuracy.agreement(outcome.values())
            if share is not None and share < 1:
                worst = [name for name, tally in outcome.items() if tally.hit_truth < max(tally.truth, tally.predicted)]
                disagreements.append(f"{truth.name} -> {target}: {share:.0%} ({', '.join(worst)})")
    overall = accuracy.agreement(totals.values())
    assert overall is not None, "no job fields in the sample's first parses"
    assert overall >= ROUND_TRIP_AGREEMENT, f"agreement {overall:.0%}; " + "; ".join(disagreements[:8])


def test_round_trip_of_the_shared_corpus(corpus_pdfs: Path) -> None:
    """The real PDFs nobody here made: what was parsed survives rendering in other layouts."""
    reason = accuracy.round_trip_available()
    if reason:
        pytest.skip(f"round trip: {reason}")
    import layoutgen

    targets = [name for name, kind in accuracy.layout_formats().items() if kind in ROUND_TRIP_FORMATS]
    files = sorted(corpus_pdfs.glob("*.pdf")) + sorted((corpus_pdfs / "deedy").glob("*.pdf"))
    totals = {name: Tally() for name in accuracy.ROUND_TRIP_FIELDS}
    for n, path in enumerate(files):
        first = rolematch.parse_resume(path, as_of=AS_OF)
        assert first.experience, path.name
        for target, outcome in accuracy.round_trip_one(
            first, accuracy.other_layouts("", targets, 2, n), layoutgen.render
        ):
            assert not isinstance(outcome, str), f"{path.name} -> {target}: {outcome}"
            for name, tally in outcome.items():
                totals[name].add(tally)
    overall = accuracy.agreement(totals.values())
    assert overall is not None and overall >= ROUND_TRIP_AGREEMENT, overall
