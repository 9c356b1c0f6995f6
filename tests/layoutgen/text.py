"""Plain-text and Markdown layouts: Indeed and LinkedIn exports, a Naukri-style Indian CV, an ATS resume, Markdown."""

from __future__ import annotations

import dataclasses
import random
import zlib

from ._common import contact_line, degree_text, duration, edu_line, edu_year, skills_lines
from ._model import YM, Record, Style, View, show_dates

AS_OF = YM(2026, 11)


def _bullets(lines: list[str], glyph: str, indent: str = "") -> list[str]:
    return [f"{indent}{glyph} {line}" for line in lines]


def indeed(view: View, style: Style, record: Record) -> str:
    """Indeed's resume text: each field on its own line with blank lines between, ``January 2018 to Present``."""
    style = dataclasses.replace(style, seasons=False)  # Indeed's form has month and year fields only
    slug = "-".join(view.name.split()) or "Candidate"
    out = [view.name]
    headline = view.jobs[0] if view.jobs else None
    if headline and headline.title and headline.company:
        out.append(f"{headline.title} - {headline.company}")
    if view.location:
        out.append(view.location)
    out.append(f"Email me on Indeed: indeed.com/r/{slug}/{zlib.crc32(slug.encode()):08x}{len(slug):04x}")
    out.append("")
    for line in view.summary:
        out += [line, ""]
    if view.jobs:
        out += ["WORK EXPERIENCE", ""]
    for job in view.jobs:
        dates = show_dates(job, style, date_format="month", current_word="Present")
        record.job(job, dates)
        if job.title:
            out += [job.title, ""]
        company = " - ".join(p for p in [job.company, job.location] if p)
        if company:
            out += [company, ""]
        if dates.start_text:
            out += [dates.joined(" to "), ""]
        body = ([job.summary] if job.summary else []) + job.highlights
        if body:
            out += ["\n".join(body), ""]
    if view.education:
        out += ["EDUCATION", ""]
    for edu in view.education:
        record.edu(edu)
        if degree_text(edu):
            out += [degree_text(edu), ""]
        if edu.institution:
            out += [edu.institution, ""]
        years = " to ".join(str(d.year) for d in (edu.start, edu.end) if d)
        if years:
            out += [years, ""]
    lines = skills_lines(view.skills, style, record, form="indeed")
    if lines:
        out += ["SKILLS", "", *lines, ""]
    if view.languages:
        out += ["ADDITIONAL INFORMATION", "", "Languages: " + ", ".join(view.languages), ""]
    return "\n".join(out)


def linkedin(view: View, style: Style, record: Record) -> str:
    """The text of LinkedIn's "Save to PDF": sidebar first, then company / title / dates (duration) / location."""
    style = dataclasses.replace(style, seasons=False)  # LinkedIn always writes month and year
    slug = "".join(view.name.lower().split()) or "member"
    out = ["Contact"]
    out += [p for p in [view.email, view.phone] if p]
    out += [f"www.linkedin.com/in/{slug}-{zlib.crc32(slug.encode()) % 997:03d} (LinkedIn)", ""]
    top = [k for g in view.skills for k in g.keywords][:3]  # LinkedIn prints only the three top skills
    record.skills.extend(top)
    if top:
        out += ["Top Skills", *top, ""]
    if view.languages:
        out += ["Languages", *view.languages, ""]
    out += [view.name]
    if view.label:
        out.append(view.label)
    if view.location:
        out.append(view.location)
    out.append("")
    if view.summary:
        out += ["Summary", *view.summary, ""]
    if view.jobs:
        out += ["Experience", ""]
    page, lines_on_page = 1, len(out)
    for job in view.jobs:
        dates = show_dates(job, style, date_format="month", current_word="Present")
        record.job(job, dates)
        block = [p for p in [job.company, job.title] if p]
        if job.start:
            end = job.end or AS_OF
            if end.month is not None:
                months = end.index - job.start.index + 1
            else:  # a bare-year range counts as rolematch counts it: 2014 - 2018 is four years
                months = (end.year - job.start.year) * 12 or 12
            block.append(f"{dates.joined(' - ')} ({duration(months)})")
        if job.location:
            block.append(job.location)
        block += [*job.highlights, ""]
        if lines_on_page + len(block) > 48:
            # pdftotext keeps LinkedIn's footer where the page broke.
            out += [f"Page {page} of {{pages}}", ""]
            page, lines_on_page = page + 1, 0
        out += block
        lines_on_page += len(block)
    if view.education:
        out += ["Education"]
    for edu in view.education:
        record.edu(edu)
        out.append(edu.institution or "")
        years = " - ".join(str(d.year) for d in (edu.start, edu.end) if d)
        detail = ", ".join(p for p in [edu.degree, edu.area] if p)
        out.append(f"{detail} · ({years})" if years else detail)
        out.append("")
    out += [f"Page {page} of {{pages}}"]
    return "\n".join(out).replace("{pages}", str(page))


def naukri(view: View, style: Style, record: Record) -> str:
    """An Indian CV as sent through Naukri: labelled fields or ``Company | Role | dates``, marks table, declaration."""
    rng = random.Random(style.rng_seed)
    piped = rng.random() < 0.5
    out = ["CURRICULUM VITAE", "", view.name.upper()]
    out += [
        p for p in [f"Email: {view.email}" if view.email else "", f"Mobile: {view.phone}" if view.phone else ""] if p
    ]
    if view.location:
        out.append(f"Address: {view.location}")
    out.append("")
    if view.summary:
        out += ["Career Objective:", *view.summary, ""]
    if view.jobs:
        out += ["Work Experience:", ""]
    for job in view.jobs:
        dates = show_dates(job, style)
        if piped:
            record.job(job, dates, location=False)
            parts = [job.company, job.title, dates.joined(style.dash)]
            out.append(" | ".join(p for p in parts if p))
        else:
            record.job(job, dates)
            for label, value in [
                ("Organisation", job.company),
                ("Designation", job.title),
                ("Duration", dates.joined(style.dash)),
                ("Location", job.location),
            ]:
                if value:
                    out.append(f"{label}: {value}")
        if job.summary:
            out.append(job.summary)
        if job.highlights:
            out += ["Roles & Responsibilities:", *_bullets(job.highlights, style.bullet)]
        out.append("")
    if view.education:
        out += ["Educational Qualification:", "", "Qualification | Board/University | Year | Percentage"]
    for edu in view.education:
        record.edu(edu)
        degree = f"{edu.degree} ({edu.area})" if edu.degree and edu.area else edu.degree or edu.area
        out.append(" | ".join([degree, edu.institution, edu_year(edu), edu.score or "-"]))
    out.append("")
    lines = skills_lines(view.skills, style, record, form="category" if rng.random() < 0.6 else style.skills_form)
    if lines:
        out += ["Technical Skills:", *lines, ""]
    if view.languages:
        out += ["Personal Details:", f"Languages Known: {', '.join(view.languages)}", "Nationality: Indian", ""]
    out += [
        "Declaration:",
        "I hereby declare that the information furnished above is true to the best of my knowledge.",
        "",
        f"Place: {view.location.split(',')[0] if view.location else ''}",
        f"Date:{' ' * 40}({view.name.upper()})",
    ]
    return "\n".join(out)


def ats(view: View, style: Style, record: Record) -> str:
    """A plain ATS-friendly resume: capital headings, title line, company line, date line, dash bullets."""
    rng = random.Random(style.rng_seed)
    dates_on_title = rng.random() < 0.5
    out = [view.name.upper() if rng.random() < 0.5 else view.name]
    if view.label:
        out.append(view.label)
    contact = contact_line(view)
    if contact:
        out.append(contact)
    out.append("")
    if view.summary:
        out += [style.summary_heading, *view.summary, ""]
    if view.jobs:
        out.append("WORK EXPERIENCE")
    for job in view.jobs:
        dates = show_dates(job, style)
        record.job(job, dates)
        range_text = dates.joined(style.dash)
        if dates_on_title and range_text:
            out.append(f"{job.title}{' ' * max(4, 60 - len(job.title))}{range_text}")
            out.append(", ".join(p for p in [job.company, job.location] if p))
        else:
            out.append(job.title)
            out.append(", ".join(p for p in [job.company, job.location] if p))
            if range_text:
                out.append(range_text)
        if job.summary:
            out.append(job.summary)
        out += _bullets(job.highlights, style.bullet)
        out.append("")
    if view.education:
        out.append("EDUCATION")
    out += [edu_line(edu, record) for edu in view.education]
    out.append("")
    lines = skills_lines(view.skills, style, record)
    if lines:
        out += ["SKILLS", *lines, ""]
    return "\n".join(out)


def markdown(view: View, style: Style, record: Record) -> str:
    """A Markdown resume: ``### Title — Company``, an italic location and date line, list bullets."""
    out = [f"# {view.name}" if view.name else "# Resume", ""]
    if view.label:
        out += [f"**{view.label}**", ""]
    contact = contact_line(view, " · ")
    if contact:
        out += [contact, ""]
    if view.summary:
        out += [f"## {style.summary_heading.title()}", "", *view.summary, ""]
    if view.jobs:
        out += ["## Experience", ""]
    for job in view.jobs:
        dates = show_dates(job, style)
        record.job(job, dates)
        heading = " — ".join(p for p in [job.title, job.company] if p)
        out += [f"### {heading}", ""]
        meta = " | ".join(p for p in [job.location, dates.joined(style.dash)] if p)
        if meta:
            out += [f"*{meta}*", ""]
        if job.summary:
            out += [job.summary, ""]
        if job.highlights:
            out += [*_bullets(job.highlights, "-"), ""]
    if view.education:
        out += ["## Education", ""]
    for edu in view.education:
        record.edu(edu)
        degree = f"**{edu.degree}**" + (f", {edu.area}" if edu.area else "") if edu.degree else edu.area
        parts = [degree, edu.institution]
        line = " — ".join(p for p in parts if p)
        year = edu_year(edu)
        out.append(f"- {line} ({year})" if year else f"- {line}")
    out.append("")
    lines = skills_lines(view.skills, style, record, form="category")
    if lines:
        out += ["## Skills", "", *[f"- {line}" for line in lines], ""]
    return "\n".join(out)
