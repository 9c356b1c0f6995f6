"""A parsed job posting as a recruiter reads it: facts, must-haves, nice-to-haves, duties, warnings."""

from __future__ import annotations

from .._job import JobPosting, JobRequirement
from ._ranking import money

__all__ = ["render_job"]


def _asks_for(requirement: JobRequirement, posting: JobPosting) -> str:
    """'Python or Scala; SQL', or what else the line is read as, or why it is not scored."""
    if not requirement.groups:
        if posting.education is not None and posting.education.start == requirement.start:
            return "read as the education expectation"
        if posting.years is not None and posting.years.start == requirement.start:
            return "read as the years expectation"
        return "not scored: names no skill rolematch knows"
    parts = []
    for group in requirement.groups:
        names = " or ".join(group.names)
        parts.append(names if group.needed == 1 or len(group.names) == 1 else f"{group.needed} of {names}")
    return "; ".join(parts)


def _pay(posting: JobPosting) -> str:
    salary = posting.salary
    if salary is None:
        return "not stated (a report uses the library role's band, when the title matches one)"
    per = f" per {salary.period}"
    if salary.min is not None and salary.max is not None and salary.min != salary.max:
        figure = f"{money(salary.min, salary.currency)}-{money(salary.max, salary.currency)}"
    elif salary.min is not None:
        figure = money(salary.min, salary.currency) + ("" if salary.max is not None else "+")
    else:
        figure = f"up to {money(salary.max or 0, salary.currency)}"
    return f"{figure}{per} ({salary.text!r})"


def render_job(posting: JobPosting) -> str:
    """The posting as Markdown: what it asks for, each line quoted with what rolematch reads in it."""
    title = posting.title or "(no title found)"
    lines = [f"# {title}" + (f" — {posting.company}" if posting.company else ""), ""]
    facts = [posting.location or "location not stated", posting.remote or "remote or not: not stated"]
    facts.append(posting.employment_type or "employment type not stated")
    lines.append(" · ".join(facts))
    lines.append(f"- level: {posting.level} ({'; '.join(posting.level_reasons)})")
    if posting.family:
        lines.append(f"- library role: {posting.family}")
    if posting.years is not None:
        span = f"{posting.years.min:g}" if posting.years.min is not None else "?"
        span += f"-{posting.years.max:g}" if posting.years.max is not None else "+"
        lines.append(f"- years: {span} ({posting.years.text!r})")
    if posting.education is not None:
        education = posting.education
        preferred = f", {education.preferred_level.value} preferred" if education.preferred_level else ""
        fields = f" in {', '.join(education.fields)}" if education.fields else ""
        lines.append(f"- education: {education.level.value}{preferred}{fields}")
    lines.append(f"- salary: {_pay(posting)}")
    for heading, requirements in (("Must-haves", posting.must), ("Nice-to-haves", posting.nice)):
        lines += ["", f"## {heading}", ""]
        lines += [f"- {r.text}  \n  → {_asks_for(r, posting)} (line {r.line}, {r.why})" for r in requirements] or [
            "- none found"
        ]
    if posting.responsibilities:
        lines += ["", "## Responsibilities", ""]
        for duty in posting.responsibilities:
            lines.append(f"- {duty.text}" + (f"  \n  → shows {', '.join(duty.skills)}" if duty.skills else ""))
    if posting.warnings:
        lines += ["", "## Warnings", ""] + [f"- {w.code}: {w.message}" for w in posting.warnings]
    lines += [
        "",
        f"_sha256 {posting.digest[:16]}; {', '.join(f'{k} {v}' for k, v in sorted(posting.versions.items()))}_",
    ]
    return "\n".join(lines) + "\n"
