"""Pieces every layout shares: skills lists in their several written forms, education lines, durations."""

from __future__ import annotations

import zlib

from ._model import MONTHS, Edu, Record, SkillGroup, Style, View


def skill_years(keyword: str) -> str:
    """Indeed's "(3 years)" annotation: fictional but stable for a keyword."""
    years = zlib.crc32(keyword.encode()) % 9
    if years == 0:
        return "Less than 1 year"
    return "1 year" if years == 1 else f"{years} years"


def skills_lines(groups: list[SkillGroup], style: Style, record: Record, *, form: str | None = None) -> list[str]:
    """The skills list as lines of text in the style's form; records every keyword written."""
    record.skill_list(groups)
    form = form or style.skills_form
    flat = [k for g in groups for k in g.keywords]
    if not flat:
        return []
    if form == "comma":
        return [", ".join(flat)]
    if form == "indeed":
        return [", ".join(f"{k} ({skill_years(k)})" for k in flat)]
    if form == "lines":
        return [f"{style.bullet} {k}" for k in flat]
    if form == "pipes":
        return [" | ".join(g.keywords) for g in groups if g.keywords]
    # "category": one "Category: a, b, c" line per group; a group without a name is a bare list.
    return [f"{g.name}: {', '.join(g.keywords)}" if g.name else ", ".join(g.keywords) for g in groups if g.keywords]


def degree_text(edu: Edu) -> str:
    """ "B.Tech in Computer Science", or the degree or field alone when only one is known."""
    if edu.degree and edu.area:
        return f"{edu.degree} in {edu.area}"
    return edu.degree or edu.area


def edu_year(edu: Edu) -> str:
    """The year a reader would quote for the entry (its end, else its start), or ''."""
    shown = edu.end or edu.start
    return str(shown.year) if shown else ""


def edu_line(edu: Edu, record: Record, *, sep: str = ", ") -> str:
    """One-line education entry: degree in field, institution, year (and score when given)."""
    record.edu(edu)
    parts = [degree_text(edu), edu.institution, edu_year(edu)]
    line = sep.join(p for p in parts if p)
    return f"{line} ({edu.score})" if edu.score else line


def duration(months: int) -> str:
    """LinkedIn's "(5 years 11 months)" wording of an inclusive month count."""
    years, rest = divmod(max(months, 1), 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years > 1 else ''}")
    if rest:
        parts.append(f"{rest} month{'s' if rest > 1 else ''}")
    return " ".join(parts)


def month_name(month: int) -> str:
    """January..December."""
    return MONTHS[month - 1]


def contact_line(view: View, sep: str = " | ") -> str:
    """Location, phone and email on one line, skipping whatever is missing."""
    return sep.join(p for p in [view.location, view.phone, view.email] if p)
