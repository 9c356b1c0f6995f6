"""HTML templates printed to PDF (Chromium or WeasyPrint) and a LaTeX template for pdfTeX."""

from __future__ import annotations

import dataclasses
import random
from html import escape as _esc

from ._common import contact_line, degree_text, edu_line, edu_year, skills_lines
from ._model import MONTHS, Record, Style, View, show_dates

_BASE_CSS = """
@page { size: A4; margin: 16mm 15mm; }
body { font-family: 'DejaVu Sans', 'Liberation Sans', sans-serif; font-size: 9.5pt; color: #222; margin: 0; }
h1 { font-size: 20pt; margin: 0 0 2pt 0; } h2 { font-size: 11pt; text-transform: uppercase; letter-spacing: 1pt;
border-bottom: 1px solid #888; margin: 10pt 0 4pt 0; } p { margin: 1pt 0; } ul { margin: 2pt 0 4pt 0; padding-left: 0; }
li { list-style: none; margin: 0 0 1pt 0; padding-left: 12pt; text-indent: -12pt; }
"""


def esc(text: str) -> str:
    """HTML-escape text."""
    return _esc(text, quote=True)


def _page(title: str, css: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title>'
        f"<style>{_BASE_CSS}{css}</style></head><body>{body}</body></html>"
    )


def _items(lines: list[str], glyph: str) -> str:
    if not lines:
        return ""
    return "<ul>" + "".join(f"<li>{esc(glyph)} {esc(line)}</li>" for line in lines) + "</ul>"


def _education_block(view: View, record: Record) -> str:
    if not view.education:
        return ""
    return "<h2>Education</h2>" + "".join(f"<p>{esc(edu_line(e, record))}</p>" for e in view.education)


def _skills_block(view: View, style: Style, record: Record, *, form: str | None = None) -> str:
    lines = skills_lines(view.skills, style, record, form=form)
    return "<h2>Skills</h2>" + "".join(f"<p>{esc(line)}</p>" for line in lines) if lines else ""


def _summary_block(view: View, style: Style) -> str:
    if not view.summary:
        return ""
    return f"<h2>{esc(style.summary_heading)}</h2>" + "".join(f"<p>{esc(s)}</p>" for s in view.summary)


def sidebar(view: View, style: Style, record: Record) -> str:
    """Contact, skills, languages and education in a shaded left sidebar; experience in the main column."""
    side = ["<h2>Contact</h2>"] + [f"<p>{esc(p)}</p>" for p in [view.phone, view.email, view.location] if p]
    side.append(_skills_block(view, style, record, form="lines" if style.skills_form == "lines" else "category"))
    if view.languages:
        side.append("<h2>Languages</h2>" + "".join(f"<p>{esc(x)}</p>" for x in view.languages))
    if view.education:
        side.append("<h2>Education</h2>")
        for edu in view.education:
            record.edu(edu)
            side.append(
                f"<p><b>{esc(degree_text(edu))}</b></p><p>{esc(edu.institution)}</p><p>{esc(edu_year(edu))}</p>"
            )
    main = [f"<h1>{esc(view.name)}</h1>", f"<p class=label>{esc(view.label)}</p>", _summary_block(view, style)]
    if view.jobs:
        main.append("<h2>Experience</h2>")
    for job in view.jobs:
        dates = show_dates(job, style)
        record.job(job, dates)
        main.append(
            f"<div class=job><div class=row><b>{esc(job.title)}</b><span>{esc(dates.joined(style.dash))}</span></div>"
            f"<p><i>{esc(', '.join(p for p in [job.company, job.location] if p))}</i></p>"
            + (f"<p>{esc(job.summary)}</p>" if job.summary else "")
            + _items(job.highlights, style.bullet)
            + "</div>"
        )
    css = """
    .wrap { display: flex; } .side { width: 30%; background: #eef2f5; padding: 8pt; box-sizing: border-box; }
    .main { width: 70%; padding: 0 0 0 12pt; } .row { display: flex; justify-content: space-between; }
    .job { margin-bottom: 6pt; } .label { font-size: 11pt; color: #446; }
    """
    body = f"<div class=wrap><div class=side>{''.join(side)}</div><div class=main>{''.join(main)}</div></div>"
    return _page(f"{view.name} - Resume", css, body)


def moderncv(view: View, style: Style, record: Record) -> str:
    """moderncv's look: years in a left margin column (``2021 –`` then ``Present`` below), entry on the right."""
    style = dataclasses.replace(style, date_format="year")
    rows = []
    for job in view.jobs:
        dates = show_dates(job, style)
        record.job(job, dates)
        # An open range puts the end word under the start year, as moderncv's margin column does.
        left = f"{esc(dates.start_text)} –<br>{esc(dates.end_text)}" if dates.current else esc(dates.joined("–"))
        body = f"<b>{esc(job.title)}</b>, <i>{esc(job.company)}</i>" + (
            f", {esc(job.location)}" if job.location else ""
        )
        body += (f"<p>{esc(job.summary)}</p>" if job.summary else "") + _items(job.highlights, style.bullet)
        rows.append(f"<tr><td class=d>{left}</td><td>{body}</td></tr>")
    edu_rows = []
    for edu in view.education:
        record.edu(edu)
        where = ", ".join(p for p in [edu.institution, edu.score] if p)
        edu_rows.append(
            f"<tr><td class=d>{esc(edu_year(edu))}</td>"
            f"<td><b>{esc(degree_text(edu))}</b>, <i>{esc(where)}</i></td></tr>"
        )
    skill_rows = []
    record.skill_list(view.skills)
    for group in view.skills:
        skill_rows.append(f"<tr><td class=d>{esc(group.name)}</td><td>{esc(', '.join(group.keywords))}</td></tr>")

    def section(title: str, content: list[str]) -> str:
        return f"<tr><td class=d></td><td><h2>{title}</h2></td></tr>{''.join(content)}" if content else ""

    summary = [f"<tr><td class=d></td><td>{esc(s)}</td></tr>" for s in view.summary]
    css = """
    body { font-family: 'Latin Modern Sans', 'DejaVu Sans', sans-serif; } h1 { color: #3873b3; font-weight: normal; }
    table { border-collapse: collapse; width: 100%; } td { vertical-align: top; padding: 2pt 4pt; }
    td.d { width: 22%; text-align: right; color: #555; } h2 { color: #3873b3; border: 0; margin: 6pt 0 0 0; }
    """
    body = (
        f"<h1>{esc(view.name)}</h1><p><i>{esc(view.label)}</i></p><p>{esc(contact_line(view, ' · '))}</p><table>"
        + section("Summary", summary)
        + section("Experience", rows)
        + section("Education", edu_rows)
        + section("Skills", skill_rows)
        + "</table>"
    )
    return _page(f"{view.name} — CV", css, body)


def split_range(view: View, style: Style, record: Record) -> str:
    """A narrow column where the date range breaks after the dash: ``June 2020 –`` / ``Present``."""
    style = dataclasses.replace(style, date_format="month", seasons=False, dash=" – ")
    parts = [f"<h1>{esc(view.name)}</h1><p>{esc(contact_line(view))}</p>", _summary_block(view, style)]
    if view.jobs:
        parts.append("<h2>Work History</h2>")
    for job in view.jobs:
        dates = show_dates(job, style)
        record.job(job, dates)
        place = ", ".join(p for p in [job.company, job.location] if p)
        if dates.start_text and dates.end_text:
            when = f"{esc(dates.start_text)} –<br>{esc(dates.end_text)}"
        else:
            when = esc(dates.joined(" – "))
        parts.append(
            f"<p><b>{esc(job.title)}</b></p><p>{esc(place)} | {when}</p>" + _items(job.highlights, style.bullet)
        )
    parts += [_education_block(view, record), _skills_block(view, style, record)]
    css = "body { width: 95mm; font-family: 'Liberation Serif', serif; font-size: 10pt; }"
    return _page(f"{view.name} Resume", css, "".join(parts))


def inline_dates(view: View, style: Style, record: Record) -> str:
    """One line per job: ``Software Developer, XYZ, Anywhere, USA, July 2016 - June 2018``."""
    style = dataclasses.replace(style, seasons=False)
    parts = [f"<h1>{esc(view.name)}</h1><p>{esc(view.label)}</p><p>{esc(contact_line(view, ' • '))}</p>"]
    parts.append(_summary_block(view, style))
    if view.jobs:
        parts.append("<h2>Experience</h2>")
    for job in view.jobs:
        dates = show_dates(job, style)
        record.job(job, dates)
        line = ", ".join(p for p in [job.title, job.company, job.location, dates.joined(style.dash)] if p)
        parts.append(f"<p><b>{esc(line)}</b></p>" + (f"<p>{esc(job.summary)}</p>" if job.summary else ""))
        parts.append(_items(job.highlights, style.bullet))
    parts += [_education_block(view, record), _skills_block(view, style, record)]
    css = "body { font-family: 'Liberation Sans', sans-serif; } h2 { border: 0; color: #0a5; }"
    return _page(f"Resume of {view.name}", css, "".join(parts))


def _updated(style: Style) -> str:
    rng = random.Random(style.rng_seed)
    return f"{MONTHS[rng.randrange(12)]} {rng.randrange(1, 28)}, {rng.choice([2025, 2026])}"


def multipage(view: View, style: Style, record: Record, *, running: bool) -> str:
    """A long resume over several pages; ``running`` adds CSS page-margin headers and "Page 2 of 3" footers."""
    parts = [f"<h1>{esc(view.name)}</h1><p>{esc(view.label)}</p><p>{esc(contact_line(view))}</p>"]
    parts.append(_summary_block(view, style))
    if view.jobs:
        parts.append("<h2>Professional Experience</h2>")
    for job in view.jobs:
        dates = show_dates(job, style)
        record.job(job, dates)
        parts.append(
            f"<div class=job><p><b>{esc(job.company)}</b>{' — ' + esc(job.location) if job.location else ''}</p>"
            f"<div class=row><i>{esc(job.title)}</i><span>{esc(dates.joined(style.dash))}</span></div>"
            + (f"<p>{esc(job.summary)}</p>" if job.summary else "")
            + _items(job.highlights, style.bullet)
            + "</div>"
        )
    parts += [_education_block(view, record), _skills_block(view, style, record)]
    updated = _updated(style)
    parts.append(f"<p class=upd>Last updated on {esc(updated)}</p>")
    css = """
    body { font-size: 11pt; line-height: 1.5; } .row { display: flex; justify-content: space-between; }
    .job { margin-bottom: 10pt; } .upd { margin-top: 14pt; font-size: 8pt; color: #777; }
    """
    if running:
        css += f"""
        @page {{ margin: 22mm 15mm;
          @top-left {{ content: "{esc(view.name)} — Résumé"; font-size: 8pt; color: #666; }}
          @top-right {{ content: "{esc(updated)}"; font-size: 8pt; color: #666; }}
          @bottom-center {{ content: "Page " counter(page) " of " counter(pages); font-size: 8pt; }} }}
        """
    return _page("Résumé", css, "".join(parts))


_TEX_SPECIAL = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
                "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}  # fmt: skip


def tex(text: str) -> str:
    """Escape text for LaTeX; glyphs pdfTeX's T1 fonts lack become a plain bullet."""
    out = "".join(_TEX_SPECIAL.get(ch, ch) for ch in text)
    for glyph in "•▪➢❖〓\uf0b7":
        out = out.replace(glyph, r"\textbullet{}")
    return out.replace("–", "--").replace("—", "---")


def latex(view: View, style: Style, record: Record) -> str:
    """A one-column LaTeX resume (sb2nov style): company and location, then title and dates flushed right."""
    style = dataclasses.replace(style, dash=" -- ", bullet="•")
    lines = [
        r"\documentclass[10pt,letterpaper]{article}",
        r"\usepackage[utf8]{inputenc}",  # OT1 Computer Modern: present in texlive-latex-base
        r"\usepackage[margin=0.7in]{geometry}\usepackage{enumitem}\usepackage{titlesec}",
        r"\titleformat{\section}{\large\scshape\raggedright}{}{0em}{}[\titlerule]",
        r"\pagestyle{empty}\setlength{\parindent}{0pt}",
        r"\begin{document}",
        r"\begin{center}{\Huge\scshape "
        + tex(view.name)
        + r"}\\[2pt]"
        + tex(contact_line(view, " $|$ "))
        + r"\end{center}",
    ]
    if view.summary:
        lines += [r"\section{Summary}", r"\\ ".join(tex(s) for s in view.summary)]
    if view.jobs:
        lines.append(r"\section{Experience}")
    for job in view.jobs:
        dates = show_dates(job, style)
        record.job(job, dates)
        lines.append(
            r"\textbf{" + tex(job.company) + r"} \hfill " + tex(job.location) + r"\\"
            r"\textit{" + tex(job.title) + r"} \hfill \textit{" + tex(dates.joined(" -- ")) + r"}"
        )
        if job.summary:
            lines.append(r"\\ " + tex(job.summary))
        if job.highlights:
            lines.append(r"\begin{itemize}[leftmargin=*,noitemsep,topsep=2pt]")
            lines += [r"\item " + tex(h) for h in job.highlights]
            lines.append(r"\end{itemize}")
        else:
            lines.append(r"\\[4pt]")
    if view.education:
        lines.append(r"\section{Education}")
    for edu in view.education:
        record.edu(edu)
        lines.append(
            r"\textbf{" + tex(edu.institution) + r"} \hfill " + tex(edu_year(edu)) + r"\\"
            r"\textit{" + tex(degree_text(edu)) + "}" + (r" \hfill " + tex(edu.score) if edu.score else "") + r"\\[3pt]"
        )
    skill_lines = skills_lines(view.skills, style, record, form="category")
    if skill_lines:
        lines += [r"\section{Technical Skills}", r"\\ ".join(tex(s) for s in skill_lines)]
    lines.append(r"\end{document}")
    return "\n".join(lines)
