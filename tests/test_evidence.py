"""Evidence kinds: a wish, a course, a hedge, a negation or someone else is not the candidate's skill.

Unit tests give each kind in several wordings (and the look-alikes that are plain work); the
metamorphic tests check that an objective or a course list cannot talk a score up, that the
audience of a presentation does not matter, that a negated skill gives no evidence, and that
reports stay byte-for-byte deterministic.
"""

from __future__ import annotations

import functools
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rolematch
from conftest import AS_OF, EXAMPLES
from rolematch import assess, match, parse_text
from rolematch._match import get_role
from rolematch._match._evidence import EvidenceReader, classify_all, work_mentions
from rolematch._skills import default_registry

_JOB = "Sam Lee\nData Analyst\n\nEXPERIENCE\nData Analyst, Acme Corp, Chicago, IL (Jan 2022 - Dec 2026)\n{}\n"


def _kinds(text: str) -> dict[str, str]:
    """The evidence kind of every mention of the resume ``text``, by the mention's text (last wins)."""
    resume = parse_text(text, as_of=AS_OF)
    reader = EvidenceReader(resume, default_registry().taxonomy)
    return {m.surface: reader.classify(m).kind for m in resume.skills}


def _kind_in_job(bullet: str, surface: str) -> str:
    kinds = _kinds(_JOB.format(bullet))
    assert surface in kinds, (bullet, kinds)
    return kinds[surface]


# ---------------------------------------------------------------- kinds by place


def test_the_place_gives_the_kind_when_no_cue_speaks() -> None:
    kinds = _kinds(
        "Jo Doe\nSUMMARY\nData engineer who likes Java.\n\nEXPERIENCE\nData Engineer, Acme (2022 - Present)\n"
        "• Built ETL pipelines in Python.\n\nPROJECTS\n• Chess engine trained with PyTorch.\n\n"
        "SKILLS\nKubernetes, Terraform\n"
    )
    assert kinds["Python"] == "work"
    assert kinds["PyTorch"] == "project"
    assert kinds["Kubernetes"] == "skills_list"
    assert kinds["Java"] == "summary"


# ---------------------------------------------------------------- aspiration


@pytest.mark.parametrize(
    ("bullet", "surface"),
    [
        ("- Eager to grow into an MLOps role working with Kubernetes.", "Kubernetes"),
        ("- Looking to move into machine learning engineering.", "machine learning engineering"),
        ("- Keen to apply PyTorch to real products.", "PyTorch"),
        ("- Hoping to specialise in computer vision.", "computer vision"),
        ("- Interested in reinforcement learning and LLMs.", "LLMs"),
        ("- My goal is to build Kubernetes platforms for ML.", "Kubernetes"),
        ("- Seeking a role where I can use TensorFlow every day.", "TensorFlow"),
        ("- Would love to work with Apache Spark at scale.", "Apache Spark"),
        ("- Aspiring data scientist with a taste for regression models.", "regression models"),
        ("- Planning to transition into deep learning research.", "deep learning"),
    ],
)
def test_a_wish_is_an_aspiration(bullet: str, surface: str) -> None:
    assert _kind_in_job(bullet, surface) == "aspiration"


@pytest.mark.parametrize("heading", ["CAREER OBJECTIVE", "Objective", "Career Goals"])
def test_an_objective_section_is_an_aspiration_throughout(heading: str) -> None:
    kinds = _kinds(f"Jo Doe\n{heading}\nTo work on Kubernetes and MLOps in a product team.\n\nSKILLS\nExcel\n")
    assert kinds["Kubernetes"] == kinds["MLOps"] == "aspiration"


def test_an_inline_objective_is_an_aspiration() -> None:
    kinds = _kinds("Jo Doe\nObjective: To obtain a machine learning position using Python.\n\nSKILLS\nExcel\n")
    assert kinds["Python"] == "aspiration"


# ---------------------------------------------------------------- course


@pytest.mark.parametrize(
    ("line", "surface"),
    [
        ("Coursera: Machine Learning Specialization", "Machine Learning"),
        ("Deep Learning with PyTorch (Udemy)", "PyTorch"),
        ("edX - Introduction to Kubernetes", "Kubernetes"),
        ("Completed an online course on Docker", "Docker"),
        ("AWS Certified Machine Learning (in progress)", "Machine Learning"),
        ("Currently pursuing the AWS Machine Learning Specialty certification", "Machine Learning"),
        ("Relevant coursework: Machine Learning, Statistics", "Machine Learning"),
        ("Data science bootcamp: Python, SQL and Tableau", "Tableau"),
        ("Designing ML Systems with Kubernetes (Udacity)", "Kubernetes"),
        ("system design for Production (Coursera)", "system design"),
    ],
)
def test_a_course_taken_is_a_course(line: str, surface: str) -> None:
    kinds = _kinds(f"Jo Doe\nSUMMARY\nAnalyst.\n\nEDUCATION\nBA in History, State University, 2019\n{line}\n")
    assert kinds[surface] == "course", kinds


def test_a_course_the_candidate_gave_is_not_a_course_taken() -> None:
    kinds = _kinds(
        "Jo Doe\nSUMMARY\nAnalyst.\n\nEDUCATION\nBA in History, State University, 2019\n"
        "Created Udemy courses on Python\nTaught a course on deep learning\n"
    )
    assert kinds["Python"] == kinds["deep learning"] == "skills_list"


@pytest.mark.parametrize("heading", ["Online Courses", "TRAINING", "Professional Development", "Courses"])
def test_a_course_section_is_a_course_throughout(heading: str) -> None:
    kinds = _kinds(f"Jo Doe\nSUMMARY\nAnalyst.\n\n{heading}\nPractical Kubernetes\nMLOps Fundamentals\n")
    assert kinds["Kubernetes"] == kinds["MLOps"] == "course"


# ---------------------------------------------------------------- hedged


@pytest.mark.parametrize(
    ("bullet", "surface"),
    [
        ("- Familiar with Docker and Kubernetes.", "Kubernetes"),
        ("- Some exposure to Apache Airflow.", "Apache Airflow"),
        ("- Basic knowledge of SQL and Tableau.", "Tableau"),
        ("- Python (basic), SQL", "Python"),
        ("- Currently learning Kubernetes on weekends.", "Kubernetes"),
        ("- Beginner Python; advanced Excel.", "Python"),
        ("- Limited experience with TensorFlow.", "TensorFlow"),
    ],
)
def test_a_hedge_is_hedged(bullet: str, surface: str) -> None:
    assert _kind_in_job(bullet, surface) == "hedged"


def test_a_hedge_stays_in_its_list_item() -> None:
    kinds = _kinds(_JOB.format("- Python (basic), SQL, Kubernetes"))
    assert kinds["Python"] == "hedged"
    assert kinds["SQL"] == kinds["Kubernetes"] == "work"


# ---------------------------------------------------------------- negated


@pytest.mark.parametrize(
    ("bullet", "surface"),
    [
        ("- No experience with Kubernetes yet.", "Kubernetes"),
        ("- Never used Apache Spark in production.", "Apache Spark"),
        ("- Have not worked with TensorFlow.", "TensorFlow"),
        ("- Did not use Docker on this team.", "Docker"),
        ("- Built the reporting stack without Airflow.", "Airflow"),
        ("- Neither Docker nor Kubernetes were available.", "Kubernetes"),
        ("- Haven't touched PyTorch.", "PyTorch"),
    ],
)
def test_a_negation_is_negated(bullet: str, surface: str) -> None:
    assert _kind_in_job(bullet, surface) == "negated"


def test_a_negation_covers_its_list_and_stops_at_but() -> None:
    kinds = _kinds(_JOB.format("- No experience with Kubernetes, Docker or Helm, but built Java services."))
    assert kinds["Kubernetes"] == kinds["Docker"] == kinds["Helm"] == "negated"
    assert kinds["Java"] == "work"


# ---------------------------------------------------------------- counterpart


@pytest.mark.parametrize(
    ("bullet", "surface"),
    [
        ("- Presented dashboards to clinical leadership.", "leadership"),
        ("- Worked with the DevOps team on releases.", "DevOps"),
        ("- Handed models to software engineering for model deployment.", "software engineering"),
        ("- Handed models to software engineering for model deployment.", "model deployment"),
        ("- Shared findings with the machine learning team.", "machine learning"),
        ("- Received requirements from product management.", "product management"),
        ("- Mentored by the deep learning group.", "deep learning"),
        ("- Reported to the head of data science.", "data science"),
        ("- Built weekly dashboards for leadership.", "leadership"),
        ("- Escalated incidents to the MLOps group.", "MLOps"),
        ("- Demoed prototypes to product management every sprint.", "product management"),
        ("- Coordinated with DevOps on release dates.", "DevOps"),
    ],
)
def test_someone_else_is_a_counterpart(bullet: str, surface: str) -> None:
    assert _kind_in_job(bullet, surface) == "counterpart"


# ---------------------------------------------------------------- look-alikes that are the candidate's work


@pytest.mark.parametrize(
    ("bullet", "surface"),
    [
        ("- Migrated billing services to Kubernetes.", "Kubernetes"),
        ("- Worked with deep learning and regression models.", "deep learning"),
        ("- Not only trained PyTorch models but deployed them.", "PyTorch"),
        ("- Wrote tooling in languages including but not limited to Python and Java.", "Python"),
        ("- Led the transition into MLOps for three teams.", "MLOps"),
        ("- Taught a course on deep learning to 40 students.", "deep learning"),
        ("- Deployed models without downtime using Kubernetes.", "Kubernetes"),
        ("- Never missed a deadline while shipping Apache Spark jobs.", "Apache Spark"),
        ("- Recognized for leadership of the analytics guild.", "leadership"),
        ("- Built tooling for deep learning research.", "deep learning"),
        ("- Updated dashboards to reflect machine learning metrics.", "machine learning"),
        ("- Deployed Kubernetes clusters for the team (basic setup).", "Kubernetes"),
    ],
)
def test_look_alikes_stay_work(bullet: str, surface: str) -> None:
    assert _kind_in_job(bullet, surface) == "work"


def test_a_cue_never_reaches_the_next_bullet_or_sentence() -> None:
    kinds = _kinds(
        _JOB.format("- Familiar with Docker.\n- Deployed Kubernetes clusters.\n- Eager to mentor.\n- Used Spark.")
    )
    assert kinds["Docker"] == "hedged" and kinds["Kubernetes"] == "work" and kinds["Spark"] == "work"
    kinds = _kinds("Jo Doe\nSUMMARY\nLooking to grow. Built Java services for five years.\n\nSKILLS\nExcel\n")
    assert kinds["Java"] == "summary"


def test_a_wrapped_line_stays_one_sentence() -> None:
    kinds = _kinds(
        "Jo Doe\nSUMMARY\nEager to grow into a role leading MLOps and\nKubernetes deployments.\n\nSKILLS\nExcel\n"
    )
    assert kinds["Kubernetes"] == "aspiration"


def test_work_mentions_are_what_a_job_shows() -> None:
    resume = parse_text(
        _JOB.format("- Built ETL in Python.\n- No experience with Kubernetes.\n- Eager to learn PyTorch."), as_of=AS_OF
    )
    assert [m.surface for m in work_mentions(resume, classify_all(resume, default_registry().taxonomy))] == [
        "ETL",
        "Python",
    ]


# ---------------------------------------------------------------- weights


def _requirement(report: rolematch.FitReport, requirement_id: str) -> rolematch.RequirementResult:
    return next(r for r in [*report.requirements, *report.responsibilities] if r.id == requirement_id)


@pytest.mark.parametrize(
    "bullet",
    ["- Familiar with Python.", "- Completed Coursera: Python for Everybody.", "- Python (beginner)"],
)
def test_a_course_or_a_hedge_is_partial_never_met(bullet: str) -> None:
    report = match(parse_text(_JOB.format(bullet), as_of=AS_OF), level="junior")
    python = _requirement(report, "python")
    assert python.status == "partial"
    assert re.search(r"kind: (hedged|course) x[0-9.]+ \(", python.evidence[0].why)


@pytest.mark.parametrize(
    "bullet",
    ["- Hope to write Python every day.", "- No experience with Python.", "- Worked with the Python team."],
)
def test_a_wish_a_negation_or_someone_else_counts_nothing(bullet: str) -> None:
    report = match(parse_text(_JOB.format(bullet), as_of=AS_OF), level="junior")
    python = _requirement(report, "python")
    assert python.status == "missing" and not python.evidence and not python.found


def test_every_evidence_says_its_kind_and_weight() -> None:
    report = match(EXAMPLES / "senior-ml-engineer.txt", level="senior", as_of=AS_OF)
    whys = [e.why for r in [*report.requirements, *report.responsibilities] for e in r.evidence]
    assert whys and all(re.search(r"kind: [a-z_]+ x[0-9.]+ \(", why) for why in whys)
    kinds = get_role("ml-engineer").spec.scoring.evidence_kinds  # the role file's weights
    assert kinds["work"] == 1.0 and kinds["aspiration"] == kinds["counterpart"] == kinds["negated"] == 0.0


def test_a_listed_skill_still_counts_less_than_a_used_one_and_repeats_add_nothing() -> None:
    used = match(parse_text(_JOB.format("- Built pipelines in Python."), as_of=AS_OF), level="junior")
    listed = parse_text(_JOB.format("- Built pipelines.") + "\nSKILLS\nPython, Python, Python\n", as_of=AS_OF)
    once = parse_text(_JOB.format("- Built pipelines.") + "\nSKILLS\nPython\n", as_of=AS_OF)
    assert _requirement(used, "python").score > _requirement(match(listed, level="junior"), "python").score
    assert match(listed, level="junior").score == match(once, level="junior").score


# ---------------------------------------------------------------- metamorphic: objectives and courses

_TEXT_EXAMPLES = sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".md"})
_ML_SKILLS = [
    "machine learning", "MLOps", "deep learning", "Kubernetes", "PyTorch", "TensorFlow", "Python", "NLP",
    "computer vision", "model deployment", "Docker", "Apache Spark", "data pipelines", "leadership",
    "stakeholder management", "system design", "mentoring", "LLMs", "scikit-learn", "feature engineering", "CI/CD",
    "AWS SageMaker", "regression", "classification", "ETL", "model monitoring", "microservices", "Java", "C++",
]  # fmt: skip
_WISHES = [
    "Eager to grow into a senior machine learning engineer role leading {}",
    "Looking to move into a role working with {}",
    "Interested in {}",
    "Hoping to build a career in {}",
    "Keen to get hands-on with {}",
    "My goal is to work on {}",
    "Seeking a position using {}",
    "Want to transition into {}",
    "Would love to work with {}",
    "Excited about {}",
    "Passionate about {}",
    "Planning to specialise in {}",
    "Aspiring ML engineer focused on {}",
    "Hope to lead {} projects",
    "Motivated to learn {}",
]
_OBJECTIVE_HEADINGS = ["Objective", "Career Objective", "Career Goals", "OBJECTIVE", None]
_PROVIDERS = ["Coursera", "Udemy", "edX", "Udacity", "DataCamp", "Pluralsight", "LinkedIn Learning", "fast.ai"]
_TITLES = ["{} for Production", "Intro to {}", "{} Bootcamp", "Practical {}", "{} Specialization", "{} Fundamentals"]
_COURSE_FORMS = ["{p}: {t}", "{t} ({p})", "{t} — {p}", "{p} course: {t}"]
_COURSE_HEADINGS = ["Courses", "Online Courses", "Training", "Professional Development", "COURSES", None]
_NON_ML_JOBS = [
    ("Store Manager", "Northside Grocers", ("Managed a team of 14 staff across two shifts.", "Cut waste by 9%.")),
    ("Teacher", "Lincoln Middle School", ("Taught algebra to 120 students a year.", "Ran the chess club.")),
    ("Accountant", "Baker & Lane LLP", ("Prepared monthly close in Excel for 30 clients.", "Audited expenses.")),
    ("Registered Nurse", "Mercy Hospital", ("Cared for 6 patients per shift.", "Charted in Epic.")),
    ("Marketing Coordinator", "Bright Foods", ("Planned email campaigns for five brands.", "Tracked promotions.")),
]

# The largest score change each metamorphic family saw, and how many examples it tried (read in reports).
OBSERVED: dict[str, list[float]] = {}


def _observe(family: str, change: float) -> None:
    seen = OBSERVED.setdefault(family, [0, 0.0])
    seen[0] += 1
    seen[1] = max(seen[1], change)


@functools.cache
def _example(name: str) -> str:
    return (EXAMPLES / name).read_text(encoding="utf-8")


@functools.cache
def _assessed(text: str) -> tuple[str, dict[str, float]]:
    assessment = assess(parse_text(text, as_of=AS_OF), role="ml-engineer")
    return assessment.best_level, {level: report.score for level, report in assessment.reports.items()}


@st.composite
def _non_ml_resume(draw: st.DrawFn) -> str:
    """A generated resume of a person outside ML: jobs, a degree and an office skills list."""
    jobs = draw(st.lists(st.sampled_from(_NON_ML_JOBS), min_size=1, max_size=3, unique=True))
    lines = ["Alex Morgan", jobs[0][0], "", "Summary", f"{jobs[0][0]} with years of hands-on work.", "", "Experience"]
    for index, (title, org, bullets) in enumerate(jobs):
        lines += [f"{title}, {org} ({2016 + 3 * index} – {2019 + 3 * index})", *(f"- {b}" for b in bullets), ""]
    lines += ["Education", "Bachelor of Arts in Communications, State University, 2015", "", "Skills"]
    lines.append(", ".join(draw(st.lists(st.sampled_from(["Excel", "Outlook", "Salesforce", "Tableau"]), min_size=1))))
    return "\n".join(lines) + "\n"


_BASES = st.one_of(st.sampled_from(_TEXT_EXAMPLES).map(_example), _non_ml_resume())


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _insert(text: str, heading: str | None, lines: list[str], where: str) -> str:
    """``lines`` under ``heading`` as a section at the top or the end, or (no heading) in the summary."""
    block = "\n".join(([heading] if heading else []) + lines)
    if where == "end":
        return text.rstrip("\n") + "\n\n" + block + "\n"
    summary = re.search(r"(?im)^(?:#+ )?(?:profile|summary|professional summary)\s*\n(?:\s*\n)?", text)
    if where == "summary" and summary is not None:
        end = text.find("\n\n", summary.end())
        end = len(text.rstrip("\n")) if end < 0 else end
        return text[:end] + "\n" + "\n".join(lines) + text[end:]
    first_break = text.find("\n\n")
    return text[:first_break] + "\n\n" + block + text[first_break:]


def _assert_not_talked_up(family: str, text: str, changed: str) -> None:
    best, scores = _assessed(text)
    new_best, new_scores = _assessed(changed)
    change = max(new_scores[level] - scores[level] for level in scores)
    _observe(family, change)
    assert new_best == best, (best, new_best, changed)
    assert change <= 3.0, (change, changed)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    _BASES,
    st.lists(
        st.tuples(st.sampled_from(_WISHES), st.lists(st.sampled_from(_ML_SKILLS), min_size=1, max_size=5)),
        min_size=1,
        max_size=3,
    ),
    st.sampled_from(_OBJECTIVE_HEADINGS),
    st.sampled_from(["top", "end", "summary"]),
)
def test_an_objective_cannot_talk_a_score_up(
    text: str, wishes: list[tuple[str, list[str]]], heading: str | None, where: str
) -> None:
    lines = [wish.format(_join(skills)) + "." for wish, skills in wishes]
    _assert_not_talked_up("objective", text, _insert(text, heading, lines, where))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    _BASES,
    st.lists(
        st.tuples(
            st.sampled_from(_PROVIDERS),
            st.sampled_from(_TITLES),
            st.sampled_from(_ML_SKILLS),
            st.sampled_from(_COURSE_FORMS),
        ),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(_COURSE_HEADINGS),
    st.sampled_from(["top", "end", "summary"]),
    st.booleans(),
)
def test_a_course_list_cannot_talk_a_score_up(
    text: str, courses: list[tuple[str, str, str, str]], heading: str | None, where: str, one_line: bool
) -> None:
    lines = [form.format(p=provider, t=title.format(skill)) for provider, title, skill, form in courses]
    _assert_not_talked_up("course", text, _insert(text, heading, ["; ".join(lines)] if one_line else lines, where))


# ---------------------------------------------------------------- metamorphic: audiences, negation, determinism

_AUDIENCES = ["leadership", "executives", "management", "senior leadership", "the leadership team", "upper management"]
_SUBJECTS = ["dashboards", "quarterly results", "the ML roadmap", "model findings", "deep learning results"]


def _with_bullet(text: str, bullet: str) -> str:
    """``text`` with ``bullet`` added after the first bullet of the first job, in that bullet's style."""
    first = re.search(r"\n([-•] )[^\n]*\n", text)
    assert first is not None
    return text[: first.end()] + first.group(1) + bullet + "\n" + text[first.end() :]


def _audience_change(name: str, subject: str, one: str, other: str) -> float:
    text = _example(name)
    _, first = _assessed(_with_bullet(text, f"Presented {subject} to {one}."))
    _, second = _assessed(_with_bullet(text, f"Presented {subject} to {other}."))
    return max(abs(first[level] - second[level]) for level in first)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(_TEXT_EXAMPLES),
    st.sampled_from(_SUBJECTS),
    st.sampled_from(_AUDIENCES),
    st.sampled_from(_AUDIENCES),
)
def test_the_audience_of_a_presentation_does_not_matter(name: str, subject: str, one: str, other: str) -> None:
    change = _audience_change(name, subject, one, other)
    _observe("audience", change)
    assert change <= 1.0


@pytest.mark.parametrize("name", ["marketing-analyst.txt", "registered-nurse.txt"])
def test_directors_are_an_audience_like_executives(name: str) -> None:
    assert _audience_change(name, "quarterly results", "directors", "executives") <= 1.0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(_TEXT_EXAMPLES),
    st.sampled_from(["Kubernetes", "PyTorch", "TensorFlow", "Docker", "Apache Spark", "MLflow", "Apache Airflow"]),
    st.sampled_from(["No experience with {}.", "Never used {}.", "Have not worked with {} yet.", "Did not use {}."]),
)
def test_a_negated_skill_gives_no_evidence(name: str, skill: str, form: str) -> None:
    text = _example(name)
    changed = _with_bullet(text, form.format(skill))
    resume = parse_text(changed, as_of=AS_OF)
    line_start = changed.index(form.format(skill))
    line = (line_start, line_start + len(form.format(skill)))
    negated = [m for m in resume.skills if line[0] <= m.span.start < line[1] and m.surface == skill]
    assert negated, "the skill is found in the negated line"
    for report in assess(resume, role="ml-engineer").reports.values():
        for result in [*report.requirements, *report.responsibilities]:
            assert all(not (line[0] <= e.start < line[1]) for e in result.evidence), result.id
    _, before = _assessed(text)
    _, after = _assessed(changed)
    change = max(after[level] - before[level] for level in before)
    _observe("negation", change)
    assert change <= 0.0


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_BASES, st.sampled_from(_WISHES), st.sampled_from(_ML_SKILLS), st.sampled_from(_AUDIENCES))
def test_reports_are_deterministic(text: str, wish: str, skill: str, audience: str) -> None:
    changed = _insert(text, "Objective", [wish.format(skill) + "."], "end")
    changed = _with_bullet(changed, f"Familiar with {skill}; presented results to {audience}.")
    first = assess(parse_text(changed, as_of=AS_OF), role="ml-engineer").model_dump_json()
    second = assess(parse_text(changed, as_of=AS_OF), role="ml-engineer").model_dump_json()
    assert first == second


@pytest.mark.parametrize("name", ["marketing-analyst.txt", "registered-nurse.txt", "mid-ml-engineer.md"])
def test_a_negated_or_wished_bullet_inside_a_job_does_not_make_the_job_part_of_the_role(name: str) -> None:
    """What a job shows is its work: a negation or a wish written as a bullet adds no years and no signals."""
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.lstrip().startswith(("- ", "• ", "* ")))
    marker = lines[first].lstrip()[0]
    before = rolematch.assess(rolematch.parse_text(text, as_of=AS_OF), role="ml-engineer")
    for added in (
        f"{marker} No experience with Python, PyTorch or Kubernetes yet.",
        f"{marker} Eager to learn Python, PyTorch and Kubernetes for machine learning.",
    ):
        after = rolematch.assess(
            rolematch.parse_text("\n".join([*lines[: first + 1], added, *lines[first + 1 :]]), as_of=AS_OF),
            role="ml-engineer",
        )
        for level, report in after.reports.items():
            assert report.experience.relevant_years == before.reports[level].experience.relevant_years
            assert report.score <= before.reports[level].score + 1.0, (level, added)
