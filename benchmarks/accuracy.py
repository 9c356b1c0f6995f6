"""Field-level accuracy of the parse (``make accuracy``): precision, recall and F1 against truth.

Two labelled corpora are scored, each per layout and overall:

- the generated layout corpus, ``tests/fixtures/layouts/<id>.<ext>`` with ``<id>.truth.json``
  (the format is in the generator's contract), each parsed with the truth's ``as_of``;
- the shared corpus, ``../shared/corpus/pdfs``: sb2nov's truth is derived at run time from its
  ``.tex`` source; the other PDFs are annotated by hand in ``benchmarks/truth/shared/*.json``.

Fields: job titles, companies, start months, end months (strings "YYYY-MM", "YYYY" or "present";
a job whose truth has no dates makes every parsed date a false positive), degree levels,
institutions and skills. Text fields match when ``rapidfuzz.fuzz.token_set_ratio`` of the
case-folded strings is at least 85. Parsed jobs (and degrees) are paired one-to-one with the truth
by an optimal assignment on how many fields agree, so a parse that shifts every title onto the
next job pairs by company and dates and scores the shifted titles as misses. Precision is correct
over parsed values, recall correct over true values. Skills: recall is the share of the truth's
skills-list phrases that some skill mention (its surface or canonical name) matches; precision is
the share of mentions inside a skills section that match a truth phrase. Years: the share of
resumes whose ``total_experience_years`` is within one year of the truth, and the mean absolute
error.

The round trip needs no labels: each parsed resume is written back with
``Resume.to_json_resume()``, rendered again by ``layoutgen.render`` in two other text, Markdown or
DOCX layouts (and, for a sample, one PDF layout: those producers take seconds a file), re-parsed,
and its jobs compared with the first parse (agreement = 2 x agreeing values / all values).

    python benchmarks/accuracy.py [--layouts a,b] [--json PATH] [--fixtures DIR] [--round-trip-pdf N]

It reports and never gates: the exit code is 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import rolematch  # noqa: E402
from rolematch import Resume, SectionKind, SkillMention  # noqa: E402

logging.getLogger("pdfminer").setLevel(logging.ERROR)  # pdfplumber's font warnings are not results

FIXTURES = ROOT / "tests" / "fixtures" / "layouts"
HANDWRITTEN = ROOT / "tests" / "fixtures" / "handwritten"
CORPUS_PDFS = ROOT.parent / "shared" / "corpus" / "pdfs"
SHARED_TRUTH = ROOT / "benchmarks" / "truth" / "shared"
SB2NOV_TEX = "sb2nov_onecolumn_resume.tex"
# The shared corpus has no reference date of its own; the tests' date (tests/conftest.py).
DEFAULT_AS_OF = date(2026, 11, 21)
THRESHOLD = 85
JOB_FIELDS = ("title", "company", "start", "end")
EDUCATION_FIELDS = ("degree", "institution")
FIELDS = (*JOB_FIELDS, *EDUCATION_FIELDS, "skills")
ROUND_TRIP_FIELDS = JOB_FIELDS
ROUND_TRIP_LAYOUTS = 2  # other text/markdown/docx layouts each resume is rendered in
ROUND_TRIP_PDF_SAMPLE = 12  # resumes also rendered in one PDF layout (seconds a file)
PRESENT = "present"


# ---------------------------------------------------------------------------------------------
# The comparable shape of a resume: what the truth says and what the parse says, as plain values.


@dataclass(frozen=True)
class Job:
    """One job as compared: dates as "YYYY-MM", "YYYY" or "present"; None where absent."""

    title: str | None = None
    company: str | None = None
    start: str | None = None
    end: str | None = None

    def value(self, name: str) -> str | None:
        """The field ``name`` (one of JOB_FIELDS)."""
        return getattr(self, name)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Degree:
    """One education entry as compared: its level (an EducationLevel value) and institution."""

    degree: str | None = None
    institution: str | None = None

    def value(self, name: str) -> str | None:
        """The field ``name`` (one of EDUCATION_FIELDS)."""
        return getattr(self, name)  # type: ignore[no-any-return]


@dataclass
class Truth:
    """The labels of one resume file."""

    name: str
    layout: str
    group: str
    source: Path
    format: str  # text, markdown, docx or pdf
    as_of: date
    jobs: list[Job]
    education: list[Degree] | None  # None: education was not annotated
    skills: list[str] | None  # None: the skills list was not annotated
    total_years: float | None


@dataclass
class Prediction:
    """What the parse of one file gave, in the compared shape."""

    jobs: list[Job]
    education: list[Degree]
    skills: list[SkillMention]
    total_years: float

    @classmethod
    def empty(cls) -> Prediction:
        """A parse that failed: nothing extracted, zero years."""
        return cls(jobs=[], education=[], skills=[], total_years=0.0)

    @classmethod
    def of(cls, resume: Resume) -> Prediction:
        """The compared shape of a parsed resume."""
        return cls(
            jobs=jobs_of(resume),
            education=degrees_of(resume),
            skills=list(resume.skills),
            total_years=resume.total_experience_years,
        )


def jobs_of(resume: Resume) -> list[Job]:
    """A resume's experience entries as comparable jobs (a current job ends "present")."""
    jobs = []
    for entry in resume.experience:
        end = PRESENT if entry.is_current else (str(entry.end) if entry.end else None)
        jobs.append(
            Job(
                title=entry.title or None,
                company=entry.organization or None,
                start=str(entry.start) if entry.start else None,
                end=end,
            )
        )
    return jobs


def degrees_of(resume: Resume) -> list[Degree]:
    """A resume's education entries as comparable degrees."""
    return [
        Degree(degree=entry.level.value if entry.level else None, institution=entry.institution or None)
        for entry in resume.education
    ]


# ---------------------------------------------------------------------------------------------
# Scoring


@dataclass
class Tally:
    """Counts behind one field's precision and recall.

    ``hit_predicted`` counts parsed values judged correct, ``hit_truth`` true values found; they
    are equal for paired fields and differ for skills (several mentions can find one phrase).
    """

    predicted: int = 0
    truth: int = 0
    hit_predicted: int = 0
    hit_truth: int = 0

    def add(self, other: Tally) -> None:
        """Add another tally's counts to this one."""
        self.predicted += other.predicted
        self.truth += other.truth
        self.hit_predicted += other.hit_predicted
        self.hit_truth += other.hit_truth

    @property
    def precision(self) -> float | None:
        """Correct parsed values over parsed values; None when nothing was parsed."""
        return self.hit_predicted / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        """True values found over true values; None when the truth has none."""
        return self.hit_truth / self.truth if self.truth else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall; None unless both are defined.

        A parse that finds nothing where the truth has values has recall 0 and F1 0.
        """
        p, r = self.precision, self.recall
        if r is None:
            return None
        if p is None:
            return 0.0 if r == 0 else None
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        """The counts and ratios, for --json."""
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "predicted": self.predicted,
            "truth": self.truth,
            "hit_predicted": self.hit_predicted,
            "hit_truth": self.hit_truth,
        }


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def text_similarity(a: str | None, b: str | None) -> float:
    """``token_set_ratio`` of the case-folded strings, 0-100; 0 when either is missing or blank."""
    if not a or not b or not a.strip() or not b.strip():
        return 0.0
    return float(fuzz.token_set_ratio(_fold(a), _fold(b)))


def same_text(a: str | None, b: str | None) -> bool:
    """Whether two text values match (fuzzy, at the THRESHOLD)."""
    return text_similarity(a, b) >= THRESHOLD


def same_value(name: str, a: str | None, b: str | None) -> bool:
    """Whether two values of field ``name`` match: dates and degree levels exactly, text fuzzily."""
    if a is None or b is None:
        return False
    if name in {"start", "end", "degree"}:
        return a == b
    return same_text(a, b)


def assign(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """A maximum-weight one-to-one pairing of rows and columns (Hungarian method, O(n^2 m)).

    Every row is paired when there are at least as many columns, and the other way round. Returns
    (row, column) pairs sorted by row.
    """
    rows = len(weights)
    columns = len(weights[0]) if rows else 0
    if not rows or not columns:
        return []
    transposed = rows > columns
    matrix = [list(column) for column in zip(*weights, strict=True)] if transposed else [list(r) for r in weights]
    n, m = len(matrix), len(matrix[0])
    infinity = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j]: the row (1-based) paired with column j; 0 = none
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        slack = [infinity] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], infinity, 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                cost = -matrix[i0 - 1][j - 1] - u[i0] - v[j]
                if cost < slack[j]:
                    slack[j], way[j] = cost, j0
                if slack[j] < delta:
                    delta, j1 = slack[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    slack[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    pairs = [(owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j]]
    if transposed:
        pairs = [(b, a) for a, b in pairs]
    return sorted(pairs)


def _pair_weight(
    fields: Sequence[str], predicted: Job | Degree, truth: Job | Degree, i: int, j: int, size: int
) -> float:
    """How well a parsed entry fits a true one: the number of agreeing fields dominates.

    Ties are broken first by the raw text similarity (under a tenth of a field), then by how close
    the two positions are (under a hundredth), so that with equal evidence the n-th parsed job
    pairs with the n-th true one.
    """
    agree = sum(same_value(name, predicted.value(name), truth.value(name)) for name in fields)
    texts = [name for name in fields if name in {"title", "company", "institution"}]
    closeness = sum(text_similarity(predicted.value(name), truth.value(name)) for name in texts) / (100 * len(texts))
    return agree + 0.09 * closeness + 0.009 * (1 - abs(i - j) / size)


def score_entries(
    fields: Sequence[str], predicted: Sequence[Job | Degree], truth: Sequence[Job | Degree]
) -> dict[str, Tally]:
    """Per-field tallies of parsed entries against true ones, paired one-to-one.

    Unpaired entries still count: their values are parsed-but-wrong or true-but-missed.
    """
    size = max(len(predicted), len(truth), 1)
    weights = [[_pair_weight(fields, p, t, i, j, size) for j, t in enumerate(truth)] for i, p in enumerate(predicted)]
    pairs = assign(weights)
    tallies = {name: Tally() for name in fields}
    for name, tally in tallies.items():
        tally.predicted = sum(entry.value(name) is not None for entry in predicted)
        tally.truth = sum(entry.value(name) is not None for entry in truth)
        hits = sum(same_value(name, predicted[i].value(name), truth[j].value(name)) for i, j in pairs)
        tally.hit_predicted = tally.hit_truth = hits
    return tallies


def score_jobs(predicted: Sequence[Job], truth: Sequence[Job]) -> dict[str, Tally]:
    """Tallies for titles, companies, start and end of parsed jobs against the true ones."""
    return score_entries(JOB_FIELDS, predicted, truth)


def score_education(predicted: Sequence[Degree], truth: Sequence[Degree]) -> dict[str, Tally]:
    """Tallies for degree levels and institutions."""
    return score_entries(EDUCATION_FIELDS, predicted, truth)


def score_skills(mentions: Sequence[SkillMention], truth: Sequence[str]) -> Tally:
    """Recall over the truth's skill phrases (any mention's surface or name), precision over skills-section mentions."""
    names = [(m.surface, m.name) for m in mentions]
    found = sum(any(same_text(phrase, s) or same_text(phrase, n) for s, n in names) for phrase in truth)
    listed = [m for m in mentions if m.section is SectionKind.SKILLS]
    correct = sum(any(same_text(m.surface, p) or same_text(m.name, p) for p in truth) for m in listed)
    return Tally(predicted=len(listed), truth=len(truth), hit_predicted=correct, hit_truth=found)


@dataclass
class Score:
    """Tallies of one resume or a group of resumes, with years errors and failures."""

    fields: dict[str, Tally] = field(default_factory=lambda: {name: Tally() for name in FIELDS})
    years_errors: list[float] = field(default_factory=list)
    resumes: int = 0
    failures: int = 0

    def add(self, other: Score) -> None:
        """Add another score's counts to this one."""
        for name, tally in other.fields.items():
            self.fields[name].add(tally)
        self.years_errors.extend(other.years_errors)
        self.resumes += other.resumes
        self.failures += other.failures

    @property
    def within_one_year(self) -> float | None:
        """Share of resumes whose total years are within one year of the truth."""
        errors = self.years_errors
        return sum(e <= 1.0 + 1e-9 for e in errors) / len(errors) if errors else None

    @property
    def years_mae(self) -> float | None:
        """Mean absolute error of total years."""
        return sum(self.years_errors) / len(self.years_errors) if self.years_errors else None

    def as_dict(self) -> dict[str, Any]:
        """All figures, for --json."""
        return {
            "resumes": self.resumes,
            "failures": self.failures,
            "fields": {name: tally.as_dict() for name, tally in self.fields.items()},
            "years": {"resumes": len(self.years_errors), "within_1_year": self.within_one_year, "mae": self.years_mae},
        }


def score_resume(prediction: Prediction, truth: Truth) -> Score:
    """Every field of one parsed resume against its truth."""
    score = Score(resumes=1)
    for name, tally in score_jobs(prediction.jobs, truth.jobs).items():
        score.fields[name] = tally
    if truth.education is not None:
        for name, tally in score_education(prediction.education, truth.education).items():
            score.fields[name] = tally
    if truth.skills is not None:
        score.fields["skills"] = score_skills(prediction.skills, truth.skills)
    if truth.total_years is not None:
        score.years_errors.append(abs(prediction.total_years - truth.total_years))
    return score


# ---------------------------------------------------------------------------------------------
# Truth: the contract's years rule, the generated corpus, the hand annotations, sb2nov's .tex


def _year_month(value: str) -> tuple[int, int | None]:
    year, _, month = value.partition("-")
    return int(year), int(month) if month else None


def union_years(ranges: Iterable[tuple[str, str | None]], as_of: date) -> float:
    """Years covered by the union of (start, end) ranges, by the truth format's rule.

    Months are counted to ``as_of`` (a current job, end None, counts through the as_of month); a
    month end counts its whole month; a bare-year start counts from its January; a bare-year end
    counts up to that year's start when the range spans years ("2014 - 2018" is 4 years) and the
    whole year when it does not. Written here from the rule, not taken from the parser, so that a
    slip in one shows against the other.
    """
    last_month = as_of.year * 12 + as_of.month  # exclusive
    intervals = []
    for start, end in ranges:
        start_year, start_month = _year_month(start)
        first = start_year * 12 + (start_month or 1) - 1
        if end is None:
            last = last_month
        else:
            end_year, end_month = _year_month(end)
            if end_month is not None:
                last = end_year * 12 + end_month
            elif end_year > start_year:
                last = end_year * 12
            else:
                last = end_year * 12 + 12
        last = min(last, last_month)
        if last > first:
            intervals.append((first, last))
    months = 0
    reach = -1
    for first, last in sorted(intervals):
        first = max(first, reach)
        if last > first:
            months += last - first
            reach = last
    return round(months / 12, 2)


def _truth_job(item: dict[str, Any]) -> Job:
    start = item.get("start") or None
    end = item.get("end") or None
    # The format's null end means current; an annotation with no dates at all says current: false.
    if end is None and item.get("current", start is not None):
        end = PRESENT
    return Job(title=item.get("title") or None, company=item.get("company") or None, start=start, end=end)


def _truth_degree(item: dict[str, Any]) -> Degree:
    return Degree(degree=item.get("level") or None, institution=item.get("institution") or None)


def _total_years(data: dict[str, Any], as_of: date) -> float:
    if data.get("total_years") is not None:
        return float(data["total_years"])
    return union_years(((job["start"], job.get("end")) for job in data.get("jobs", []) if job.get("start")), as_of)


def load_generated(folder: Path) -> list[Truth]:
    """The generated corpus: each ``<id>.truth.json`` with the resume file of the same id."""
    truths = []
    for path in sorted(folder.glob("*.truth.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:  # e.g. a file the generator is rewriting right now
            print(f"  {path.name}: unreadable ({error}); left out")
            continue
        identifier = data.get("id") or path.name.removesuffix(".truth.json")
        sources = [p for p in folder.glob(f"{identifier}.*") if not p.name.endswith(".truth.json")]
        if len(sources) != 1:
            print(f"  {path.name}: {len(sources)} resume files for id {identifier!r}; left out")
            continue
        as_of = date.fromisoformat(data["as_of"]) if data.get("as_of") else DEFAULT_AS_OF
        layout = data.get("layout") or identifier.rsplit("-", 1)[0]
        fmt = data.get("format") or sources[0].suffix.lstrip(".")
        truths.append(_truth(data, identifier, layout, layout, sources[0], fmt, as_of))
    return truths


def load_shared(corpus: Path, truth_folder: Path) -> tuple[list[Truth], list[str]]:
    """The shared corpus PDFs with their truths, and the files named in a truth that are absent."""
    truths: list[Truth] = []
    missing: list[str] = []
    tex = corpus / SB2NOV_TEX
    if tex.is_file():
        data = sb2nov_truth(tex.read_text(encoding="utf-8"))
        data["files"] = [tex.with_suffix(".pdf").name]
        data["name"] = "sb2nov"
        truths.extend(_shared_truths(data, corpus, missing))
    for path in sorted(truth_folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        data.setdefault("name", path.stem)
        truths.extend(_shared_truths(data, corpus, missing))
    return truths, missing


def _shared_truths(data: dict[str, Any], corpus: Path, missing: list[str]) -> list[Truth]:
    as_of = date.fromisoformat(data["as_of"]) if data.get("as_of") else DEFAULT_AS_OF
    truths = []
    for name in data["files"]:
        source = corpus / name
        if not source.is_file():
            missing.append(name)
            continue
        stem = name.removesuffix(".pdf")
        truths.append(_truth(data, stem, stem, data["name"], source, "pdf", as_of))
    return truths


def _truth(data: dict[str, Any], name: str, layout: str, group: str, source: Path, fmt: str, as_of: date) -> Truth:
    """One truth from its JSON fields: the jobs, degrees, skills and years a reader sees."""
    return Truth(
        name=name,
        layout=layout,
        group=group,
        source=source,
        format=fmt,
        as_of=as_of,
        jobs=[_truth_job(j) for j in data.get("jobs", [])],
        education=[_truth_degree(e) for e in data["education"]] if "education" in data else None,
        skills=data.get("skills"),
        total_years=_total_years(data, as_of),
    )


_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# Every spelling of a month the .tex may use: the full name, its three-letter abbreviation, "Sept".
_MONTHS = {
    **{m: n for n, m in enumerate(_MONTH_NAMES, 1)},
    **{m[:3]: n for n, m in enumerate(_MONTH_NAMES, 1)},
    "sept": 9,
}
# A season dates from its first month, the usual reading of "Summer 2012" as a YYYY-MM.
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_DATE = re.compile(r"\b(?:([a-z]+)\.?\s+)?((?:19|20)\d\d)\b|\b(present|current|now)\b", re.IGNORECASE)
# Rough degree-level words for reading the .tex's degree lines (truth side only).
_LEVELS = [
    ("doctorate", r"\b(?:ph\.?\s?d|doctor|doctorate|d\.?phil)\b"),
    ("master", r"\b(?:master|m\.?\s?s\.?c?|m\.?eng|mba|m\.?a)\b"),
    ("bachelor", r"\b(?:bachelor|b\.?\s?s\.?c?|b\.?eng|b\.?tech|b\.?e|b\.?a)\b"),
    ("associate", r"\bassociate\b"),
    ("certificate", r"\b(?:certificate|diploma)\b"),
    ("secondary", r"\b(?:high school|secondary)\b"),
]


def _dates(text: str) -> tuple[str | None, str | None, bool]:
    """Start, end and whether current, from a date string like "Oct 2016 -- Present"."""
    found: list[str] = []
    current = False
    for match in _DATE.finditer(text):
        if match.group(3):
            current = True
            continue
        word, year = (match.group(1) or "").lower(), match.group(2)
        month = _MONTHS.get(word) or _SEASONS.get(word)
        found.append(f"{year}-{month:02d}" if month else year)
    if not found:
        return None, None, False
    return found[0], None if current else (found[-1] if len(found) > 1 else found[0]), current


def _level(degree: str) -> str | None:
    for level, pattern in _LEVELS:
        if re.search(pattern, degree, re.IGNORECASE):
            return level
    return None


def _braced(text: str, at: int) -> tuple[str, int] | None:
    """The balanced ``{...}`` group starting at ``at`` (after blanks), and the offset after it."""
    while at < len(text) and text[at].isspace():
        at += 1
    if at >= len(text) or text[at] != "{":
        return None
    depth = 0
    for end in range(at, len(text)):
        if text[end] == "{" and text[end - 1] != "\\":
            depth += 1
        elif text[end] == "}" and text[end - 1] != "\\":
            depth -= 1
            if depth == 0:
                return text[at + 1 : end], end + 1
    return None


def _plain(latex: str) -> str:
    """LaTeX argument text as read: commands dropped, braces removed, escapes and dashes resolved."""
    text = latex.replace(r"\&", "&").replace(r"\%", "%").replace("---", "—").replace("--", "–")
    text = re.sub(r"\\[a-zA-Z]+\*?(\[[^\]]*\])?", " ", text)
    return " ".join(text.replace("{", " ").replace("}", " ").split())


def sb2nov_truth(tex: str) -> dict[str, Any]:
    """Jobs, education and skills of sb2nov's one-column resume, read from its LaTeX source.

    Each ``\\resumeSubheading{#1}{#2}{#3}{#4}`` is a heading block: in Experience #1 is the company,
    #2 the location, #3 the title and #4 the dates; in Education #1 is the institution, #3 the
    degree (before any "; GPA") and #4 the dates, the last year being the graduation year. Skills
    are the comma lists after ``{: ...}`` in a Skills section (commented out in the current file).
    """
    body = "\n".join(re.sub(r"(?<!\\)%.*", "", line) for line in tex.splitlines())
    body = body[body.find(r"\begin{document}") :]
    data: dict[str, Any] = {"jobs": [], "education": [], "skills": []}
    sections = re.split(r"\\section\{([^}]*)\}", body)
    for heading, content in zip(sections[1::2], sections[2::2], strict=True):
        kind = heading.strip().lower()
        for match in re.finditer(r"\\resumeSubheading(?![A-Za-z])", content):
            args, at = [], match.end()
            for _ in range(4):
                group = _braced(content, at)
                if group is None:
                    break
                args.append(_plain(group[0]))
                at = group[1]
            if len(args) < 4:
                continue
            start, end, current = _dates(args[3])
            if "experience" in kind:
                data["jobs"].append(
                    {
                        "title": args[2],
                        "company": args[0],
                        "location": args[1],
                        "start": start,
                        "end": end,
                        "current": current,
                    }
                )
            elif "education" in kind:
                degree = args[2].split(";")[0].strip()
                year = (end or start or "").split("-")[0]
                data["education"].append(
                    {
                        "degree": degree,
                        "level": _level(degree),
                        "institution": args[0],
                        "year": int(year) if year else None,
                    }
                )
        if "skill" in kind:
            for listed in re.findall(r"\{:\s*([^{}]*)\}", content):
                data["skills"].extend(s.strip() for s in _plain(listed).split(",") if s.strip())
    return data


# ---------------------------------------------------------------------------------------------
# Running and printing


def parse_file(path: Path, as_of: date) -> Resume | None:
    """The library's normal read path; None when it raises a RolematchError (scored as nothing found)."""
    try:
        return rolematch.parse_resume(path, as_of=as_of)
    except rolematch.RolematchError as error:
        print(f"  {path.name}: {type(error).__name__}: {error}")
        return None
    except Exception as error:  # a parser bug on one file is a figure of this report, not its end
        print(f"  {path.name}: unexpected {type(error).__name__}: {error}")
        return None


def score_corpus(truths: Sequence[Truth]) -> tuple[dict[str, Score], list[tuple[Truth, Resume]]]:
    """Scores per layout (in first-seen order) and the parsed resumes, for the round trip."""
    by_layout: dict[str, Score] = {}
    parsed: list[tuple[Truth, Resume]] = []
    for truth in truths:
        resume = parse_file(truth.source, truth.as_of)
        prediction = Prediction.of(resume) if resume else Prediction.empty()
        score = score_resume(prediction, truth)
        if resume is None:
            score.failures = 1
        else:
            parsed.append((truth, resume))
        by_layout.setdefault(truth.layout, Score()).add(score)
    return by_layout, parsed


def _cell(tally: Tally) -> str:
    def pct(value: float | None) -> str:
        return "  -" if value is None else f"{round(value * 100):3d}"

    return f"{pct(tally.precision)}/{pct(tally.recall)}/{pct(tally.f1)}"


def print_table(by_layout: dict[str, Score]) -> Score:
    """One row per layout and an overall row; returns the overall score."""
    overall = Score()
    for score in by_layout.values():
        overall.add(score)
    width = max([len(name) for name in by_layout] + [7])
    print(f"  {'layout':{width}s} {'n':>4s} " + " ".join(f"{name:^11s}" for name in FIELDS) + "   ±1y    MAE")
    rows = [*by_layout.items(), ("overall", overall)]
    for name, score in rows:
        if name == "overall":
            print("  " + "-" * (width + 6 + 12 * len(FIELDS) + 13))
        within, mae = score.within_one_year, score.years_mae
        years = f"{'-' if within is None else f'{within * 100:.0f}%':>5s} {'-' if mae is None else f'{mae:.2f}':>6s}"
        failed = f" ({score.failures} failed to parse)" if score.failures else ""
        print(
            f"  {name:{width}s} {score.resumes:4d} "
            + " ".join(_cell(score.fields[f]) for f in FIELDS)
            + f" {years}{failed}"
        )
    return overall


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def print_years(label: str, score: Score) -> None:
    """The years line of one corpus."""
    errors = score.years_errors
    if not errors:
        print(f"years ({label}): no resumes with a true total")
        return
    within = sum(e <= 1.0 + 1e-9 for e in errors)
    print(
        f"years ({label}): within ±1 year {within}/{len(errors)} ({within / len(errors):.0%}), "
        f"mean absolute error {score.years_mae:.2f} years"
    )


def run_corpus(label: str, truths: Sequence[Truth]) -> tuple[dict[str, Any], list[tuple[Truth, Resume]], Score]:
    """Parse, score and print one corpus; its figures for --json and its parsed resumes."""
    start = time.perf_counter()
    by_layout, parsed = score_corpus(truths)
    elapsed = time.perf_counter() - start
    print(
        f"{label}: {_plural(len(truths), 'resume')} in {_plural(len(by_layout), 'layout')}, parsed in {elapsed:.1f} s; "
        "each cell precision/recall/F1 in %, '-' where undefined"
    )
    overall = print_table(by_layout)
    figures = {
        "layouts": {name: score.as_dict() for name, score in by_layout.items()},
        "overall": overall.as_dict(),
        "seconds": round(elapsed, 2),
    }
    return figures, parsed, overall


# ---------------------------------------------------------------------------------------------
# Round trip: parse -> JSON Resume -> render in other layouts -> parse -> compare


def round_trip_available() -> str | None:
    """Why the round trip cannot run, or None when it can."""
    if not hasattr(Resume, "to_json_resume"):
        return "Resume.to_json_resume() is not in this rolematch yet"
    try:
        import layoutgen
    except ImportError as error:
        return f"layoutgen is not importable ({error})"
    missing = [name for name in ("render", "available_layouts") if not hasattr(layoutgen, name)]
    if missing:
        return f"layoutgen has no {' or '.join(missing)} yet"
    return None


def layout_formats() -> dict[str, str]:
    """Each layout this machine can render, with the format it makes (text, markdown, docx, pdf)."""
    import layoutgen

    formats = {}
    for name in layoutgen.available_layouts():
        spec = layoutgen.LAYOUTS.get(name) if isinstance(getattr(layoutgen, "LAYOUTS", None), dict) else None
        formats[name] = str(getattr(spec, "format", "pdf"))  # unknown: treat as slow
    return formats


def other_layouts(own: str, available: Sequence[str], count: int, seed: int) -> list[str]:
    """``count`` layouts other than ``own``, rotating through ``available`` so each gets used."""
    others = [name for name in available if name != own]
    if not others:
        return []
    offset = seed % len(others)
    rotated = others[offset:] + others[:offset]
    return rotated[:count]


def compare_parses(first: Resume, second: Resume) -> dict[str, Tally]:
    """Job-field tallies of a re-parse against the first parse (the first plays the truth)."""
    return score_jobs(jobs_of(second), jobs_of(first))


def agreement(tallies: Iterable[Tally]) -> float | None:
    """2 x agreeing values / all values on both sides (1.0 when the two parses agree exactly)."""
    hits = total = 0
    for tally in tallies:
        hits += tally.hit_predicted + tally.hit_truth
        total += tally.predicted + tally.truth
    return hits / total if total else None


def round_trip_one(
    resume: Resume, targets: Sequence[str], render: Callable[[dict[str, Any], str], bytes]
) -> list[tuple[str, dict[str, Tally] | str]]:
    """Each target layout with its tallies against the first parse, or with the error that stopped it."""
    results: list[tuple[str, dict[str, Tally] | str]] = []
    try:
        json_resume = resume.to_json_resume()
    except Exception as error:  # a failure of the method under test is a result, not a crash
        return [(target, f"to_json_resume: {type(error).__name__}: {error}") for target in targets]
    for target in targets:
        try:
            data = render(json_resume, target)
            second = rolematch.parse_resume(data, as_of=resume.as_of)
        except Exception as error:  # reported per layout; the run goes on
            results.append((target, f"{type(error).__name__}: {error}"))
            continue
        results.append((target, compare_parses(resume, second)))
    return results


def spread(items: Sequence[Any], count: int) -> list[Any]:
    """``count`` items spread evenly over ``items`` (all of them when there are fewer)."""
    if count <= 0:
        return []
    if len(items) <= count:
        return list(items)
    step = len(items) / count
    return [items[int(k * step)] for k in range(count)]


def run_round_trip(parsed: Sequence[tuple[Truth, Resume]], pdf_sample: int) -> dict[str, Any]:
    """The round trip: every parsed resume through two text/markdown/docx layouts, a sample through PDF ones.

    PDF producers (Chromium, LibreOffice, pdfTeX) take seconds a file, so only ``pdf_sample``
    resumes, spread over the corpus, go through one PDF layout each, rotating over those layouts.
    """
    reason = round_trip_available()
    if reason:
        print(f"round trip: not available ({reason})")
        return {"available": False, "reason": reason}
    import layoutgen

    formats = layout_formats()
    fast = [name for name, kind in formats.items() if kind != "pdf"]
    slow = [name for name, kind in formats.items() if kind == "pdf"]
    plan = [
        (truth, resume, other_layouts(truth.layout, fast, ROUND_TRIP_LAYOUTS, n))
        for n, (truth, resume) in enumerate(parsed)
    ]
    if slow:
        for n, (truth, resume) in enumerate(spread(parsed, pdf_sample)):
            plan.append((truth, resume, other_layouts(truth.layout, slow, 1, n)))
    start = time.perf_counter()
    by_target: dict[str, dict[str, Tally]] = {name: {f: Tally() for f in ROUND_TRIP_FIELDS} for name in formats}
    renders = dict.fromkeys(formats, 0)
    errors = dict.fromkeys(formats, 0)
    first_errors: list[str] = []
    for truth, resume, targets in plan:
        for target, outcome in round_trip_one(resume, targets, layoutgen.render):
            renders[target] += 1
            if isinstance(outcome, str):
                errors[target] += 1
                if len(first_errors) < 5:
                    first_errors.append(f"{truth.name} -> {target}: {outcome.splitlines()[0][:200]}")
                continue
            for name, tally in outcome.items():
                by_target[target][name].add(tally)
    elapsed = time.perf_counter() - start
    overall = {name: Tally() for name in ROUND_TRIP_FIELDS}
    for tallies in by_target.values():
        for name, tally in tallies.items():
            overall[name].add(tally)
    print(
        f"round trip: {len(parsed)} parsed resumes -> to_json_resume -> {ROUND_TRIP_LAYOUTS} text/markdown/docx "
        f"layouts each, {min(pdf_sample, len(parsed)) if slow else 0} of them also one PDF layout -> parse again "
        f"({sum(renders.values())} renders in {elapsed:.1f} s); agreement with the first parse in %:"
    )
    width = max([len(name) for name in formats] + [7])
    header = " ".join(f"{name:>7s}" for name in ROUND_TRIP_FIELDS)
    print(f"  {'layout':{width}s} {'format':>8s} {'files':>5s} {header}     all  errors")
    figures: dict[str, Any] = {"available": True, "resumes": len(parsed), "seconds": round(elapsed, 2), "layouts": {}}
    rows = [(name, formats[name], by_target[name]) for name in formats if renders[name]]
    for name, kind, tallies in [*rows, ("overall", "", overall)]:
        shares = [agreement([tallies[f]]) for f in ROUND_TRIP_FIELDS]
        whole = agreement(tallies.values())
        count = renders[name] if name != "overall" else sum(renders.values())
        failed = errors[name] if name != "overall" else sum(errors.values())
        if name == "overall":
            print("  " + "-" * (width + 16 + 8 * len(ROUND_TRIP_FIELDS) + 16))
        cells = " ".join(f"{'-' if v is None else f'{v * 100:.0f}':>7s}" for v in shares)
        print(
            f"  {name:{width}s} {kind:>8s} {count:5d} {cells} {'-' if whole is None else f'{whole * 100:.0f}':>7s} "
            f"{failed:7d}"
        )
        figures["layouts"][name] = {
            "format": kind,
            "renders": count,
            "errors": failed,
            "agreement": whole,
            "fields": {
                f: {**tallies[f].as_dict(), "agreement": v} for f, v in zip(ROUND_TRIP_FIELDS, shares, strict=True)
            },
        }
    for line in first_errors:
        print(f"  error: {line}")
    return figures


# ---------------------------------------------------------------------------------------------


def _selected(truths: Sequence[Truth], wanted: set[str] | None) -> list[Truth]:
    if not wanted:
        return list(truths)
    return [t for t in truths if t.layout in wanted or t.group in wanted]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the corpora (generated, hand-written, shared) and the round trip; print the tables; always exit 0."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--layouts", help="comma-separated layout names (or shared groups: sb2nov, deedy, ...)")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--fixtures", type=Path, default=FIXTURES, help="the generated corpus folder")
    parser.add_argument(
        "--round-trip-pdf",
        type=int,
        default=ROUND_TRIP_PDF_SAMPLE,
        help=f"resumes that also go through one PDF layout in the round trip (default {ROUND_TRIP_PDF_SAMPLE})",
    )
    args = parser.parse_args(argv)
    wanted = {name.strip() for name in args.layouts.split(",") if name.strip()} if args.layouts else None
    results: dict[str, Any] = {"threshold": THRESHOLD, "layouts_filter": sorted(wanted) if wanted else None}
    parsed: list[tuple[Truth, Resume]] = []
    overalls: dict[str, Score] = {}

    generated = _selected(load_generated(args.fixtures), wanted) if args.fixtures.is_dir() else []
    if generated:
        results["generated"], done, overalls["generated"] = run_corpus(f"generated corpus ({args.fixtures})", generated)
        parsed.extend(done)
    else:
        print(
            f"generated corpus: no truth files{' for these layouts' if wanted else ''} in {args.fixtures} "
            "(scripts/make_layout_corpus.py writes them)"
        )
        results["generated"] = None
    print()

    handwritten = _selected(load_generated(HANDWRITTEN), wanted) if HANDWRITTEN.is_dir() else []
    if handwritten:
        results["handwritten"], done, overalls["handwritten"] = run_corpus(
            f"hand-written corpus ({HANDWRITTEN})", handwritten
        )
        parsed.extend(done)
        print()

    shared, missing = load_shared(CORPUS_PDFS, SHARED_TRUTH) if CORPUS_PDFS.is_dir() else ([], [])
    shared = _selected(shared, wanted)
    if shared:
        results["shared"], done, overalls["shared"] = run_corpus(f"shared corpus ({CORPUS_PDFS})", shared)
        parsed.extend(done)
    else:
        print(f"shared corpus: nothing to score (expected PDFs in {CORPUS_PDFS})")
        results["shared"] = None
    if missing:
        print(f"  named in a truth file but absent: {', '.join(missing)}")
    print()

    for label, overall in overalls.items():
        print_years(label, overall)
    print()
    results["round_trip"] = run_round_trip(parsed, args.round_trip_pdf)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
