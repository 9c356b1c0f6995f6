"""Present stage: fit reports as readable Markdown and ranked tables, and the report's JSON Schema.

Reads the match stage's models only; nothing here changes a score.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .._match import Assessment, FitReport, RankedResume, RequirementResult, SalaryExpectation
from ._ats import AtsAssessmentStatus, ats_status
from ._ranking import expected_pay, money, must_haves, pay_range, rank_reports, rank_rows

if TYPE_CHECKING:
    from ._job import render_job

__all__ = [
    "AtsAssessmentStatus",
    "ats_status",
    "expected_pay",
    "fit_report_json_schema",
    "money",
    "must_haves",
    "pay_range",
    "rank_reports",
    "rank_rows",
    "render_assessment",
    "render_job",
    "render_ranking",
    "render_report",
]


def __getattr__(name: str) -> Any:
    # Postings are rendered by the job commands only: the job stage is imported when first asked for.
    if name == "render_job":
        from ._job import render_job

        return render_job
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_MARK = {"met": "met", "partial": "partial", "missing": "MISSING"}


def _requirement_lines(result: RequirementResult, text_of: dict[int, str] | None = None) -> list[str]:
    need = f", needs {result.needed}" if result.needed > 1 else ""
    line = f"- **{result.name}** ({result.kind}, weight {result.weight:g}{need}): "
    line += f"{_MARK[result.status]}, {result.score:.2f}"
    if result.role_line:
        line += f" [role file line {result.role_line}]"
    lines = [line]
    for evidence in result.evidence:
        section = evidence.section.value if evidence.section else "-"
        via = f" -> {evidence.counts_for}" if evidence.counts_for != evidence.skill else ""
        lines.append(
            f'  - "{evidence.text}" ({section}, chars {evidence.start}-{evidence.end}, {evidence.method.value}'
            f"{via}, counts {evidence.strength:.2f})"
        )
    return lines


def render_report(report: FitReport) -> str:
    """A fit report as Markdown: score, categories, each requirement with its evidence, salary, advice."""
    out = [
        f"# {report.role_name}, {report.level_name}: {report.score:g}/100 ({report.verdict})",
        "",
        f"Verdict: {report.verdict}{' (strict)' if report.strict else ''}: {report.verdict_reason}.",
        "",
        f"_{report.advisory}_" + (" Personal data is masked (blind mode)." if report.blind else ""),
        "",
        f"Experience: {report.experience_years:g} role-relevant years (of {report.experience.total_years:g} in total); "
        f"the level expects {report.expected_years}.",
    ]
    if report.experience.latest_title:
        seniority = report.experience.title_seniority or "?"
        out.append(f"Latest relevant title: {report.experience.latest_title!r} (reads as {seniority}).")
    if report.education:
        out.append(f"Education: {report.education}.")
    if report.needs_human_review:
        out.append("**Needs human review**: " + "; ".join(report.review_reasons) + ".")
    if report.experience.leadership_signals:
        out.append("Leadership evidence in jobs: " + "; ".join(report.experience.leadership_signals[:5]) + ".")
    out += ["", "## Categories", "", "| category | score | weight | data |", "|---|---|---|---|"]
    for category in report.categories:
        data = "yes" if category.has_data else ("no (neutral)" if not category.counted else "no (counts 0)")
        out.append(f"| {category.name} | {category.score:.2f} | {category.weight:g} | {data} |")
    out += ["", "## Requirements", ""]
    for result in report.requirements:
        out += _requirement_lines(result)
    if report.responsibilities:
        out += ["", "## Key responsibilities", ""]
        for result in report.responsibilities:
            out += _requirement_lines(result)
    out += ["", "## Salary expectation", "", *_salary_lines(report.salary)]
    if report.recommendations:
        out += ["", "## What would raise the score", ""]
        for recommendation in report.recommendations:
            out.append(f"- ({recommendation.impact:g} pts) {recommendation.text}")
    out += ["", "## Not considered by this score", ""] + [f"- {item}" for item in report.not_considered]
    versions = ", ".join(f"{k} {v}" for k, v in sorted(report.versions.items()))
    out += ["", f"_as of {report.as_of.isoformat()}; {versions}_", ""]
    return "\n".join(out)


def _salary_lines(salary: SalaryExpectation) -> list[str]:
    """The salary block: the expected figure in its band (or why there is none), its factors, notes and source."""
    as_json = salary.model_dump(mode="json")
    if salary.expected is not None and salary.typical is not None:
        first = (
            f"{money(salary.expected, salary.currency)} per {salary.period} expected, in a band of "
            f"{pay_range(as_json)} (typical {money(salary.typical, salary.currency)}; {salary.basis})."
        )
    elif salary.expected is not None:
        first = f"{expected_pay(as_json)} expected, from a range of {pay_range(as_json)} ({salary.basis})."
    else:
        first = f"No expected pay; band: {pay_range(as_json)} ({salary.basis})."
    lines = [first]
    lines += [f'- {f.factor} {f.value!r} moved it {f.direction}: "{f.because}"' for f in salary.factors]
    lines += [f"- {note}" for note in salary.notes]
    lines.append(f"Source: {salary.source}. {salary.caveat}")
    return lines


def render_assessment(assessment: Assessment) -> str:
    """Every level's score and the best level with its reasons (and every role's fit, when all were tried)."""
    lines = [f"Best level for {assessment.role}: {assessment.best_level}", ""]
    if assessment.summary:
        lines[1:1] = [f"The resume {assessment.summary}."]
    lines += [f"- {reason}" for reason in assessment.reasons]
    if assessment.roles:
        lines += ["", "Every role, best first (top score of any level; level placed, its score and verdict):"]
        lines += [f"- {f.role}: {f.top_score:g}; {f.best_level} {f.score:g}, {f.verdict}" for f in assessment.roles]
    return "\n".join(lines)


def render_ranking(rows: Sequence[RankedResume]) -> str:
    """A ranked table: rank, resume, level, score, verdict, top gaps, salary expectation."""
    lines = [
        "| # | resume | level | score | verdict | top gaps | salary expectation |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        report = row.report
        gaps = must_haves(report.model_dump(mode="json"), met=False)[:2]
        salary = report.salary.model_dump(mode="json")
        pay = f"{expected_pay(salary)} ({pay_range(salary)})"
        lines.append(
            f"| {row.rank} | {row.source} | {row.level} | {row.score:g} | {row.verdict} | "
            f"{'; '.join(gaps) or '-'} | {pay} |"
        )
    return "\n".join(lines)


def fit_report_json_schema() -> str:
    """The JSON Schema of :class:`~rolematch.FitReport`, as the text shipped in ``docs/``."""
    schema: dict[str, Any] = FitReport.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://rolematch.invalid/schemas/fit-report.schema.json"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
