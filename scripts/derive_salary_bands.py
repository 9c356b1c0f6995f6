"""Derive the roles' US pay bands from the ai-jobs.net salary survey and write them into the role files.

Reads ``../shared/data/salaries/ds_salaries_2023.csv`` (relative to the project root; CC0, work years
2020-2023; see ``../shared/data/README.md``), keeps US full-time rows (``employment_type == FT`` and
``company_location == US``), maps job titles to role families with the reviewed table ``FAMILIES``
below and the survey's experience levels to ours (EN junior, MI mid, SE senior; EX is not used), and
for each role and level computes n, p25, median and p75 of ``salary_in_usd`` and the work years
the rows cover. Quartiles are the 'inclusive' method of ``statistics.quantiles`` (linear
interpolation between order statistics, numpy's default); figures are rounded to the nearest 1,000
USD. A level with fewer than ``MIN_ROWS`` rows gets a ``salary_note`` saying so instead of a band.

The blocks are written between marker comments in each role file::

    # BEGIN derived salary (junior): scripts/derive_salary_bands.py writes this block; do not edit
    salary: {...}
    # END derived salary (junior)

so that running the script again changes nothing. ``--check`` writes nothing and exits 1 when a
role file's blocks differ from what the data gives. The seed role ``ml-engineer`` keeps the seed
document's bands: the script never writes it, but prints the survey's ML-engineer figures beside
them as a cross-check. It also prints the survey titles no family takes, with their row counts.

Usage: ``python scripts/derive_salary_bands.py [--check] [--data PATH]``
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import statistics
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

import rolematch

ROOT = Path(__file__).resolve().parent.parent
ROLES_DIR = ROOT / "rolematch_data" / "roles"
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "salaries" / "ds_salaries_2023.csv"

SURVEY = "ai-jobs.net salary survey (CC0)"
MIN_ROWS = 10  # fewer rows than this make no band: quartiles of a handful of self-reports say little
ROUND_TO = 1000  # USD; self-reported salaries do not support more precision
LEVELS = {"EN": "junior", "MI": "mid", "SE": "senior"}  # EX (executive) is no level of ours
LEVEL_NAMES = {"EN": "EN (entry)", "MI": "MI (mid)", "SE": "SE (senior)"}
BASIS = "p25-p75 and median of salary in USD, US full-time rows"

# Survey titles of each role, reviewed by hand against the survey's 2023 title list (titles are
# free text; "ML" is spelled out first, see _normalise). A title joins a family only when it names
# the same job, with or without a seniority word (the survey's experience level gives the level):
# - data-scientist: titles that name a data scientist. Left out: Applied Scientist, Research
#   Scientist, Machine Learning Scientist, AI Scientist (research and ML-science tracks, paid as a
#   different job); Data Science Manager / Head / Director (management); Data Science Consultant,
#   Data Science Lead, Data Science Tech Lead, Data Science Engineer (name the field, not the job).
# - data-engineer: titles that name a data engineer, plus ETL Developer and Data Infrastructure
#   Engineer (building and running data pipelines and stores is the data engineer's work). Left
#   out: Analytics Engineer and Data Analytics Engineer (analytics engineering sits between analyst
#   and engineer), Data Architect, Cloud Data Architect, Data Modeler, Cloud Database Engineer,
#   Data Operations Engineer, Data Manager.
# - data-analyst: titles that name a data analyst. Left out: BI Analyst, BI Developer and Business
#   Intelligence Engineer (O*NET's separate Business Intelligence Analysts occupation), Data
#   Quality Analyst and Data Operations Analyst (specialised), Data Analytics Manager / Lead /
#   Consultant / Specialist, Data Specialist.
# - mlops-engineer: MLOps Engineer and Machine Learning Infrastructure Engineer (an ML platform
#   engineer). Data Operations Engineer is DataOps, not MLOps.
# - backend-engineer: none. The survey covers data and AI jobs; it has no software or backend
#   engineer title, so this role gets no band from it.
# - ai-engineer: AI Developer. NLP Engineer, Computer Vision Engineer and Deep Learning Engineer are
#   ML specialisations, not engineers of LLM applications, and the survey predates most such titles.
FAMILIES: dict[str, tuple[str, ...]] = {
    "data-scientist": (
        "Data Scientist",
        "Applied Data Scientist",
        "Lead Data Scientist",
        "Principal Data Scientist",
        "Data Scientist Lead",
    ),
    "data-engineer": (
        "Data Engineer",
        "Big Data Engineer",
        "Cloud Data Engineer",
        "BI Data Engineer",
        "Lead Data Engineer",
        "Principal Data Engineer",
        "Data Infrastructure Engineer",
        "ETL Developer",
    ),
    "data-analyst": (
        "Data Analyst",
        "Business Data Analyst",
        "BI Data Analyst",
        "Financial Data Analyst",
        "Product Data Analyst",
        "Lead Data Analyst",
        "Principal Data Analyst",
    ),
    "mlops-engineer": ("MLOps Engineer", "Machine Learning Infrastructure Engineer"),
    "backend-engineer": (),
    "ai-engineer": ("AI Developer",),
}

# The seed role's family, for the cross-check only (its bands come from the seed document).
ML_ENGINEER_ROLE = "ml-engineer"
ML_ENGINEER_TITLES = (
    "Machine Learning Engineer",  # also "ML Engineer", spelled out by _normalise
    "Machine Learning Software Engineer",
    "Applied Machine Learning Engineer",
    "Principal Machine Learning Engineer",
    "Machine Learning Developer",
)

_BLOCK = re.compile(
    r"^(?P<indent>[ ]*)# BEGIN derived salary \((?P<level>[a-z0-9_-]+)\)[^\n]*\n"
    r"(?P<body>.*?)"
    r"^(?P=indent)# END derived salary \((?P=level)\)[ ]*$",
    re.MULTILINE | re.DOTALL,
)


@dataclass(frozen=True)
class Row:
    """One US full-time survey row: the normalised title, the survey level, the year and the pay."""

    title: str
    level: str
    year: int
    salary: int


@dataclass(frozen=True)
class Cell:
    """The survey rows of one role at one level, and their figures (None below MIN_ROWS rows)."""

    role: str
    level: str  # survey code: EN, MI, SE
    rows: tuple[Row, ...]

    @property
    def n(self) -> int:
        """Rows behind the figures."""
        return len(self.rows)

    @property
    def shipped(self) -> bool:
        """Whether there are enough rows for a band."""
        return self.n >= MIN_ROWS

    def quartiles(self) -> tuple[int, int, int]:
        """p25, median and p75 of the salaries, rounded to ROUND_TO (needs at least two rows)."""
        p25, median, p75 = statistics.quantiles([r.salary for r in self.rows], n=4, method="inclusive")
        return _round(p25), _round(median), _round(p75)

    def years(self) -> str:
        """The work years the rows cover, as 'first-last'."""
        years = [r.year for r in self.rows]
        return f"{min(years)}-{max(years)}"

    def titles(self) -> str:
        """The survey titles behind the rows, most rows first, with their counts."""
        counts = Counter(r.title for r in self.rows).most_common()
        return ", ".join(f"{title} ({n})" for title, n in sorted(counts, key=lambda c: (-c[1], c[0])))


def _round(value: float) -> int:
    """To the nearest ROUND_TO, halves up."""
    return math.floor(value / ROUND_TO + 0.5) * ROUND_TO


def _normalise(title: str) -> str:
    """One spelling per title: whitespace collapsed, "ML" spelled out ("ML Engineer")."""
    title = " ".join(title.split())
    return re.sub(r"\bML\b", "Machine Learning", title)


def read_rows(path: Path) -> list[Row]:
    """The survey's US full-time rows, at every level (EX too: the unmapped-title list counts it)."""
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            if record["employment_type"] != "FT" or record["company_location"] != "US":
                continue
            rows.append(
                Row(
                    title=_normalise(record["job_title"]),
                    level=record["experience_level"],
                    year=int(record["work_year"]),
                    salary=int(record["salary_in_usd"]),
                )
            )
    return rows


def cells(rows: list[Row], role: str, titles: tuple[str, ...]) -> dict[str, Cell]:
    """The role's rows at each of our levels, by survey level code."""
    wanted = set(titles)
    return {code: Cell(role, code, tuple(r for r in rows if r.level == code and r.title in wanted)) for code in LEVELS}


def block_body(cell: Cell, indent: str, has_titles: bool) -> str:
    """The YAML lines between a level's markers: a band, or the note saying why there is none."""
    if not cell.shipped:
        rows = "row" if cell.n == 1 else "rows"
        note = f"{cell.n} US full-time {rows} in the survey at this level, fewer than the {MIN_ROWS} a band needs"
        lines = [] if has_titles else ["# The survey (data and AI jobs) has no title of this role."]
        lines.append(f'salary_note: "{note}"')
        return "".join(f"{indent}{line}\n" for line in lines)
    low, typical, high = cell.quartiles()
    quote = f"{SURVEY}, titles: {cell.titles()}; level {LEVEL_NAMES[cell.level]}, US full-time, {cell.years()}"
    return (
        f"{indent}salary: {{low: {low}, high: {high}, typical: {typical}, n: {cell.n}, "
        f'years: "{cell.years()}",\n'
        f'{indent}  basis: "{BASIS}",\n'
        f'{indent}  quote: "{quote}"}}\n'
    )


def render(text: str, path: Path, role_cells: dict[str, Cell], has_titles: bool) -> str:
    """The role file's text with every derived block rewritten from the data."""
    by_level = {LEVELS[code]: cell for code, cell in role_cells.items()}
    found = [m.group("level") for m in _BLOCK.finditer(text)]
    if sorted(found) != sorted(by_level) or len(set(found)) != len(found):
        raise SystemExit(f"{path}: need one derived-salary block per level {sorted(by_level)}, found {found}")

    def replace(match: re.Match[str]) -> str:
        indent, level = match.group("indent"), match.group("level")
        head = match.group(0).split("\n", 1)[0]
        return f"{head}\n{block_body(by_level[level], indent, has_titles)}{indent}# END derived salary ({level})"

    return _BLOCK.sub(replace, text)


def verify_loaded(path: Path, role_cells: dict[str, Cell]) -> list[str]:
    """Problems when the file, loaded as a role, does not carry each level's figures in that level."""
    try:
        role = rolematch.load_role(path)
    except rolematch.RolematchError as error:
        return [str(error)]
    problems = []
    for code, cell in role_cells.items():
        level = role.level(LEVELS[code])
        if cell.shipped and (level.salary is None or level.salary.n != cell.n):
            problems.append(f"{path.name}: level {level.id} should carry the band of {cell.n} rows")
        if not cell.shipped and level.salary_note is None:
            problems.append(f"{path.name}: level {level.id} should carry a salary_note ({cell.n} rows)")
    return problems


def table(all_cells: dict[str, dict[str, Cell]]) -> list[str]:
    """The figures as a Markdown table (the one docs/matching.md shows)."""
    lines = [
        "| role | level | n | p25 | median | p75 | years | band |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for role, role_cells in all_cells.items():
        for code, cell in role_cells.items():
            # Figures of a level without a band are not shown: too few rows to mean anything.
            if cell.shipped:
                p25, median, p75 = (f"{v:,}" for v in cell.quartiles())
                years = cell.years()
            else:
                p25 = median = p75 = years = "-"
            band = "yes" if cell.shipped else f"no (n < {MIN_ROWS})"
            lines.append(f"| {role} | {LEVELS[code]} | {cell.n} | {p25} | {median} | {p75} | {years} | {band} |")
    return lines


def seed_cross_check(rows: list[Row]) -> list[str]:
    """The survey's ML-engineer figures beside the seed's bands (the script does not write them)."""
    spec = yaml.safe_load((ROLES_DIR / f"{ML_ENGINEER_ROLE}.yaml").read_text(encoding="utf-8"))
    seed = {level["id"]: level.get("salary") or {} for level in spec["levels"]}
    lines = [
        "| level | survey n | survey p25 | survey median | survey p75 | seed low | seed typical | seed high |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for code, cell in cells(rows, ML_ENGINEER_ROLE, ML_ENGINEER_TITLES).items():
        level = LEVELS[code]
        survey = [f"{v:,}" for v in cell.quartiles()] if cell.n >= 2 else ["-"] * 3
        band = seed.get(level, {})
        seeded = [f"{band[k]:,}" if k in band else "-" for k in ("low", "typical", "high")]
        lines.append(f"| {level} | {cell.n} | {' | '.join(survey)} | {' | '.join(seeded)} |")
    return lines


def unmapped(rows: list[Row]) -> list[str]:
    """Survey titles no family (and not the ML-engineer cross-check) takes, with US full-time rows."""
    taken = {t for titles in FAMILIES.values() for t in titles} | set(ML_ENGINEER_TITLES)
    counts = Counter(r.title for r in rows if r.title not in taken)
    return [f"{n:4d}  {title}" for title, n in sorted(counts.items(), key=lambda c: (-c[1], c[0]))]


def main(argv: list[str] | None = None) -> int:
    """Derive, print, and write (or with --check compare) the role files' salary blocks."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a role file differs")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"the survey CSV (default {DEFAULT_DATA})")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no survey at {args.data} (see ../shared/data/README.md)", file=sys.stderr)
        return 2
    rows = read_rows(args.data)
    # Every US full-time row, at every level, for the unmapped-title list.
    all_us = [r for r in rows if r.level in LEVELS or r.level == "EX"]
    rows = [r for r in rows if r.level in LEVELS]
    all_cells = {role: cells(rows, role, titles) for role, titles in FAMILIES.items()}

    print(f"{SURVEY}: {len(all_us)} US full-time rows ({len(rows)} at EN/MI/SE); bands need n >= {MIN_ROWS};")
    print(f"figures rounded to the nearest {ROUND_TO:,} USD.\n")
    print("\n".join(table(all_cells)))
    print(f"\nCross-check: survey ML engineers ({', '.join(ML_ENGINEER_TITLES)}) beside the seed's bands")
    print("\n".join(seed_cross_check(rows)))
    print("\nSurvey titles left unmapped (US full-time rows, all levels):")
    print("\n".join(unmapped(all_us)))

    stale = []
    for role, role_cells in all_cells.items():
        path = ROLES_DIR / f"{role}.yaml"
        text = path.read_text(encoding="utf-8")
        new = render(text, path, role_cells, bool(FAMILIES[role]))
        if new != text:
            stale.append(path)
            if not args.check:
                path.write_text(new, encoding="utf-8")
    problems = [
        p for role, role_cells in all_cells.items() for p in verify_loaded(ROLES_DIR / f"{role}.yaml", role_cells)
    ]
    if args.check:
        for path in stale:
            print(f"differs from the data: {path.relative_to(ROOT)}", file=sys.stderr)
    else:
        for path in stale:
            print(f"wrote {path.relative_to(ROOT)}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if (args.check and stale) or problems:
        return 1
    print("\nrole files agree with the data" if args.check else "\ndone")
    return 0


if __name__ == "__main__":
    sys.exit(main())
