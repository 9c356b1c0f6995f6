"""A tolerant view of any JSON Resume, the per-file style choices, and the record of what a layout showed.

Layouts never read the JSON Resume dict directly: they read a :class:`View`, which fills every missing or
malformed field with an empty value, so ``render`` works on any dict. While a layout writes a job it also
notes in a :class:`Record` exactly what it printed (title, company, location, the dates at the precision
shown); the truth file is built from that record, so the truth is what a reader sees, not what the
content dict holds.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

# Degree names the generator writes, and the EducationLevel a careful reader assigns to each. Keys are
# compared after lower-casing and dropping dots and spaces, so "B.Tech" and "BTech" are one entry.
_LEVELS: dict[str, str] = {}
for _level, _names in {
    "doctorate": ["Ph.D.", "PhD", "Doctorat", "Dr. rer. nat.", "Dr.-Ing.", "Doctor of Philosophy", "EdD"],
    "master": [
        "M.S.",
        "MS",
        "M.Sc.",
        "MSc",
        "M.Tech",
        "M.E.",
        "MCA",
        "MBA",
        "M.B.A.",
        "M.Com",
        "M.Ed",
        "M.A.",
        "MA",
        "MEng",
        "MSN",
        "Master",
        "Master of Science",
        "Master of Business Administration",
        "Dipl.-Ing.",
        "Diplom-Ingenieur",
        "Diplôme d'Ingénieur",
        # PGDM is a two-year postgraduate management programme that AICTE rates equal to an MBA.
        "PGDM",
        "M.Sc Nursing",
    ],
    "bachelor": [
        "B.S.",
        "BS",
        "B.Sc.",
        "BSc",
        "B.A.",
        "BA",
        "BA (Hons)",
        "BSc (Hons)",
        "B.E.",
        "B.E",
        "B.Tech",
        "BCA",
        "B.Com",
        "BBA",
        "B.Ed",
        "BSN",
        "B.Sc Nursing",
        "BEng",
        "Licence",
        "Bachelor of Science",
        "Bachelor of Engineering",
        "Bachelor of Technology",
        "Bachelor of Arts",
    ],
    "associate": ["A.S.", "AS", "A.A.", "ADN", "Associate of Science", "Associate Degree in Nursing"],
    "certificate": ["GNM", "PGCE", "Diploma", "Polytechnic Diploma", "BTS"],
    "secondary": [
        "10th",
        "12th",
        "SSC",
        "HSC",
        "CBSE",
        "ICSE",
        "Class X",
        "Class XII",
        "A-levels",
        "A-Levels",
        "GCSE",
        "Abitur",
        "Baccalauréat",
        "High School Diploma",
    ],
}.items():
    for _name in _names:
        _LEVELS[re.sub(r"[.\s]", "", _name.lower())] = _level


def degree_level(degree: str) -> str | None:
    """The EducationLevel value of a degree name the generator knows, else None (no guessing)."""
    key = re.sub(r"[.\s]", "", degree.lower())
    if key in _LEVELS:
        return _LEVELS[key]
    # "Class XII (CBSE)" or "SSC (Maharashtra Board)": the part before the bracket names the level.
    head = re.sub(r"[.\s]", "", degree.split("(")[0].lower())
    return _LEVELS.get(head)


@dataclass(frozen=True)
class YM:
    """A year and, when known, a month."""

    year: int
    month: int | None = None

    @property
    def index(self) -> int:
        """Months since year 0, a bare year counting from its January (rolematch's rule)."""
        return self.year * 12 + (self.month or 1) - 1

    def iso(self, *, year_only: bool = False) -> str:
        """``YYYY-MM``, or ``YYYY`` when the month is unknown or not shown."""
        if year_only or self.month is None:
            return f"{self.year:04d}"
        return f"{self.year:04d}-{self.month:02d}"


def parse_date(value: Any) -> YM | None:
    """A JSON Resume date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); None for anything else."""
    if not isinstance(value, str):
        return None
    match = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-\d{1,2})?)?\s*", value)
    if not match:
        return None
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    if not 1000 <= year <= 9999 or (month is not None and not 1 <= month <= 12):
        return None
    return YM(year, month)


# Control characters and lone surrogates cannot be stored in DOCX XML or typed into a resume; drop them.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _text(value: Any) -> str:
    """A field as one clean string: non-strings (None, numbers, lists) become '' or their str()."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    text = _UNPRINTABLE.sub("", value if isinstance(value, str) else str(value))
    return text.strip() if isinstance(value, str) else " ".join(text.split())


def _lines(value: Any) -> list[str]:
    return [line.strip() for line in _text(value).splitlines() if line.strip()] if isinstance(value, str) else []


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


@dataclass
class Job:
    """One ``work`` entry, every field present (possibly empty)."""

    title: str
    company: str
    location: str
    start: YM | None
    end: YM | None
    highlights: list[str]
    summary: str


@dataclass
class Edu:
    """One ``education`` entry."""

    institution: str
    area: str
    degree: str
    start: YM | None
    end: YM | None
    score: str


@dataclass
class SkillGroup:
    """One ``skills`` entry: a category name (may be empty) and its keywords."""

    name: str
    keywords: list[str]


@dataclass
class View:
    """Everything a layout prints, read tolerantly from a JSON Resume dict."""

    name: str
    label: str
    email: str
    phone: str
    location: str
    summary: list[str]
    jobs: list[Job]
    education: list[Edu]
    skills: list[SkillGroup]
    languages: list[str]


def location_text(location: Any) -> str:
    """``basics.location`` as a person writes it: city, then region or country code."""
    if isinstance(location, str):
        return _text(location)
    loc = _dict(location)
    parts = [_text(loc.get("city")), _text(loc.get("region")) or _text(loc.get("countryCode"))]
    return ", ".join(p for p in parts if p)


def view_of(resume: Any) -> View:
    """Read a JSON Resume dict, whatever is missing or of the wrong type."""
    data = _dict(resume)
    basics = _dict(data.get("basics"))
    jobs = []
    for raw in _list(data.get("work")):
        item = _dict(raw)
        jobs.append(
            Job(
                title=_text(item.get("position")),
                company=_text(item.get("name")) or _text(item.get("company")),
                location=location_text(item.get("location")),
                start=parse_date(item.get("startDate")),
                end=parse_date(item.get("endDate")),
                highlights=[_text(h) for h in _list(item.get("highlights")) if _text(h)],
                summary=_text(item.get("summary")),
            )
        )
    education = []
    for raw in _list(data.get("education")):
        item = _dict(raw)
        education.append(
            Edu(
                institution=_text(item.get("institution")),
                area=_text(item.get("area")),
                degree=_text(item.get("studyType")),
                start=parse_date(item.get("startDate")),
                end=parse_date(item.get("endDate")),
                score=_text(item.get("score")),
            )
        )
    skills = []
    for raw in _list(data.get("skills")):
        item = _dict(raw)
        keywords = [_text(k) for k in _list(item.get("keywords")) if _text(k)]
        name = _text(item.get("name"))
        if keywords or name:
            skills.append(SkillGroup(name=name, keywords=keywords))
    languages = [
        _text(_dict(x).get("language")) for x in _list(data.get("languages")) if _text(_dict(x).get("language"))
    ]
    return View(
        name=_text(basics.get("name")),
        label=_text(basics.get("label")),
        email=_text(basics.get("email")),
        phone=_text(basics.get("phone")),
        location=location_text(basics.get("location")),
        summary=_lines(basics.get("summary")),
        jobs=jobs,
        education=education,
        skills=skills,
        languages=languages,
    )


@dataclass(frozen=True)
class Style:
    """The per-file choices a layout allows: how dates, bullets, skills and headings look."""

    date_format: str  # "mon" Jan 2018, "month" January 2018, "mm/yyyy", "iso" 2018-01, "year" 2018
    current_word: str  # Present, Current, till date, to date
    dash: str  # between the two dates: " - ", " – ", " to ", "–"
    bullet: str
    skills_form: str  # "comma", "category", "indeed", "lines", "pipes"
    summary_heading: str
    seasons: bool  # write a June-August range inside one year as "Summer 2012"
    rng_seed: int  # for any further layout-specific choice


def choose_style(
    layout: str,
    variant: int,
    *,
    date_formats: tuple[str, ...],
    current_words: tuple[str, ...] = ("Present", "Current", "Present", "till date", "to date"),
    dashes: tuple[str, ...] = (" - ", " – ", " to ", " — "),
    bullets: tuple[str, ...] = ("•", "-", "*", "▪", "➢", "❖"),
    skills_forms: tuple[str, ...] = ("comma", "category", "lines", "pipes"),
    summary_headings: tuple[str, ...] = ("SUMMARY", "PROFESSIONAL SUMMARY", "OBJECTIVE", "PROFILE"),
) -> Style:
    """A deterministic style for ``(layout, variant)`` drawn from the layout's allowed choices."""
    rng = random.Random(f"{layout}:{variant}")
    date_format = rng.choice(date_formats)
    return Style(
        date_format=date_format,
        current_word=rng.choice(current_words),
        dash=rng.choice(dashes),
        bullet=rng.choice(bullets),
        skills_form=rng.choice(skills_forms),
        summary_heading=rng.choice(summary_headings),
        seasons=date_format != "year" and rng.random() < 0.5,
        rng_seed=rng.randrange(1 << 30),
    )


def format_date(ym: YM, date_format: str) -> str:
    """One date as the style writes it; a bare year stays a bare year whatever the style."""
    if ym.month is None or date_format == "year":
        return str(ym.year)
    if date_format == "mon":
        return f"{MONTHS[ym.month - 1][:3]} {ym.year}"
    if date_format == "month":
        return f"{MONTHS[ym.month - 1]} {ym.year}"
    if date_format == "mm/yyyy":
        return f"{ym.month:02d}/{ym.year}"
    return f"{ym.year:04d}-{ym.month:02d}"


@dataclass
class ShownJob:
    """What a layout printed for one job (the truth of that job)."""

    title: str | None
    company: str | None
    location: str | None
    start: str | None
    end: str | None
    current: bool


@dataclass
class ShownDates:
    """A job's dates as printed: the two halves, and the truth values they mean."""

    start_text: str
    end_text: str
    start: str | None
    end: str | None
    current: bool

    def joined(self, dash: str) -> str:
        """``start<dash>end``, or one date when the range is a single season or missing a half."""
        if self.start_text and self.end_text:
            if dash.strip() == "to" and self.end_text.startswith(("to ", "till ")):
                dash = " - "  # nobody writes "Jan 2018 to to date"
            return f"{self.start_text}{dash}{self.end_text}"
        return self.start_text or self.end_text


def show_dates(
    job: Job, style: Style, *, date_format: str | None = None, current_word: str | None = None
) -> ShownDates:
    """Format a job's dates and say what they mean at the precision shown.

    A June to August range within one year is written "Summer 2012" when the style allows: a reader
    takes a summer as June through August, so the truth keeps those months.
    """
    fmt = date_format or style.date_format
    word = current_word or style.current_word
    start, end = job.start, job.end
    if start is None:
        # No start: nothing a reader could count, so no dates are printed at all.
        return ShownDates("", "", None, None, False)
    year_only = fmt == "year"
    if style.seasons and end and start.month == 6 and end.month == 8 and start.year == end.year and not year_only:
        return ShownDates(f"Summer {start.year}", "", start.iso(), end.iso(), False)
    start_text = format_date(start, fmt)
    if end is None:
        return ShownDates(start_text, word, start.iso(year_only=year_only), None, True)
    return ShownDates(
        start_text, format_date(end, fmt), start.iso(year_only=year_only), end.iso(year_only=year_only), False
    )


@dataclass
class Record:
    """What the layout wrote, filled in as it writes."""

    jobs: list[ShownJob] = field(default_factory=list)
    education: list[dict[str, Any]] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)

    def job(self, job: Job, dates: ShownDates, *, location: bool = True) -> None:
        """Note a job as printed; ``location=False`` when the layout does not print the job's location."""
        self.jobs.append(
            ShownJob(
                title=job.title or None,
                company=job.company or None,
                location=(job.location or None) if location else None,
                start=dates.start,
                end=dates.end,
                current=dates.current,
            )
        )

    def edu(self, edu: Edu, *, year: bool = True) -> None:
        """Note an education entry as printed (``year=False`` when the layout leaves the year out)."""
        shown_year = (edu.end or edu.start) if year else None
        self.education.append(
            {
                "degree": edu.degree or None,
                "level": degree_level(edu.degree) if edu.degree else None,
                "field": edu.area or None,
                "institution": edu.institution or None,
                "year": shown_year.year if shown_year else None,
            }
        )

    def skill_list(self, groups: list[SkillGroup]) -> None:
        """Note every keyword printed in the skills list."""
        for group in groups:
            self.skills.extend(group.keywords)


def total_years(jobs: list[ShownJob], as_of: YM) -> float:
    """Union of the shown ranges up to ``as_of``, months/12 to two decimals (rolematch's rule)."""
    as_of_index = as_of.index
    intervals = []
    for job in jobs:
        start = parse_date(job.start)
        if start is None:
            continue
        end = parse_date(job.end)
        first = start.index
        if end is None:
            last = as_of_index + 1
        elif end.month is not None:
            last = end.index + 1
        elif end.year > start.year:
            last = end.year * 12  # "2014 - 2018" is four years
        else:
            last = end.year * 12 + 12  # "2014 - 2014" is that whole year
        last = min(last, as_of_index + 1)
        if last > first:
            intervals.append((first, last))
    months = 0
    current_start, current_end = -1, -1
    for start_index, end_index in sorted(intervals):
        if start_index > current_end:
            months += current_end - current_start
            current_start, current_end = start_index, end_index
        else:
            current_end = max(current_end, end_index)
    months += current_end - current_start
    return round(months / 12, 2)
