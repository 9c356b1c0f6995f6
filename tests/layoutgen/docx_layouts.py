"""DOCX layouts written with python-docx: a table grid, two section columns, floating text boxes."""

from __future__ import annotations

import io
import random
import zipfile
from datetime import datetime
from xml.sax.saxutils import escape

import docx
from docx.enum.section import WD_SECTION_START
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt

from ._common import contact_line, degree_text, edu_line, edu_year, skills_lines
from ._model import Record, Style, View, show_dates

_FIXED = datetime(2026, 1, 1)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _document() -> docx.document.Document:
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10)
    document.core_properties.author = "layoutgen"
    document.core_properties.last_modified_by = "layoutgen"
    document.core_properties.created = _FIXED
    document.core_properties.modified = _FIXED
    document.core_properties.revision = 1
    return document


def _save(document: docx.document.Document) -> bytes:
    """Save with fixed zip timestamps, so the same content gives the same bytes."""
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def _bullet(container: object, text: str, glyph: str) -> None:
    # A typed glyph, as many people make bullets, rather than Word's numbering: the glyph is in the text.
    paragraph = container.add_paragraph(f"{glyph}\t{text}")  # type: ignore[attr-defined]
    paragraph.paragraph_format.left_indent = Pt(14)
    paragraph.paragraph_format.first_line_indent = Pt(-14)
    paragraph.paragraph_format.space_after = Pt(0)


def _bold(container: object, text: str, size: float | None = None) -> None:
    paragraph = container.add_paragraph()  # type: ignore[attr-defined]
    run = paragraph.add_run(text)
    run.bold = True
    if size:
        run.font.size = Pt(size)
    paragraph.paragraph_format.space_after = Pt(0)


def _plain(container: object, text: str, *, italic: bool = False) -> None:
    paragraph = container.add_paragraph()  # type: ignore[attr-defined]
    run = paragraph.add_run(text)
    run.italic = italic
    paragraph.paragraph_format.space_after = Pt(0)


def table_layout(view: View, style: Style, record: Record) -> bytes:
    """Experience as a borderless two-column table (dates left), education as a gridded table."""
    document = _document()
    document.add_heading(view.name or "Resume", level=0)
    if view.label:
        _plain(document, view.label)
    contact = contact_line(view)
    if contact:
        _plain(document, contact)
    if view.summary:
        document.add_heading(style.summary_heading.title(), level=1)
        for line in view.summary:
            _plain(document, line)
    if view.jobs:
        document.add_heading("Professional Experience", level=1)
        table = document.add_table(rows=0, cols=2)
        for job in view.jobs:
            dates = show_dates(job, style)
            record.job(job, dates)
            row = table.add_row().cells
            row[0].width, row[1].width = Pt(110), Pt(370)
            row[0].paragraphs[0].text = dates.joined(style.dash)
            right = row[1]
            right.paragraphs[0].add_run(job.title).bold = True
            place = ", ".join(p for p in [job.company, job.location] if p)
            if place:
                _plain(right, place, italic=True)
            if job.summary:
                _plain(right, job.summary)
            for line in job.highlights:
                _bullet(right, line, style.bullet)
    if view.education:
        document.add_heading("Education", level=1)
        grid = document.add_table(rows=1, cols=4)
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, ["Degree", "Institution", "Year", "Score"], strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        for edu in view.education:
            record.edu(edu)
            cells = grid.add_row().cells
            for cell, text in zip(cells, [degree_text(edu), edu.institution, edu_year(edu), edu.score], strict=True):
                cell.text = text
    if view.skills:
        document.add_heading("Skills", level=1)
        if style.skills_form == "category":
            record.skill_list(view.skills)
            skills = document.add_table(rows=0, cols=2)
            for group in view.skills:
                cells = skills.add_row().cells
                cells[0].text = group.name
                cells[1].text = ", ".join(group.keywords)
        else:
            for line in skills_lines(view.skills, style, record):
                _plain(document, line)
    return _save(document)


def two_column_layout(view: View, style: Style, record: Record) -> bytes:
    """Word section columns: contact, skills and education in a narrow left column, experience on the right."""
    document = _document()
    heading = document.add_paragraph()
    run = heading.add_run(view.name or "Resume")
    run.bold, run.font.size = True, Pt(20)
    if view.label:
        _plain(document, view.label)
    # A continuous section break starts the two columns below the name.
    document.add_section(WD_SECTION_START.CONTINUOUS)
    section = document.sections[-1]
    cols = section._sectPr.find(qn("w:cols"))
    if cols is None:
        cols = parse_xml('<w:cols xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
        section._sectPr.append(cols)
    cols.set(qn("w:num"), "2")
    cols.set(qn("w:space"), "360")
    cols.set(qn("w:equalWidth"), "0")
    for width in (2900, 6100):
        col = parse_xml(f'<w:col xmlns:w="{_W}" w:w="{width}" w:space="360"/>')
        cols.append(col)
    _bold(document, "CONTACT")
    for part in [view.phone, view.email, view.location]:
        if part:
            _plain(document, part)
    if view.skills:
        _bold(document, "SKILLS")
        for line in skills_lines(
            view.skills, style, record, form="lines" if style.skills_form != "category" else "category"
        ):
            _plain(document, line)
    if view.education:
        _bold(document, "EDUCATION")
        for edu in view.education:
            record.edu(edu)
            _plain(document, degree_text(edu))
            if edu.institution:
                _plain(document, edu.institution, italic=True)
            year = " ".join(p for p in [edu_year(edu), edu.score] if p)
            if year:
                _plain(document, year)
    if view.languages:
        _bold(document, "LANGUAGES")
        _plain(document, ", ".join(view.languages))
    document.paragraphs[-1].add_run().add_break(WD_BREAK.COLUMN)
    if view.summary:
        _bold(document, style.summary_heading)
        for line in view.summary:
            _plain(document, line)
    if view.jobs:
        _bold(document, "EXPERIENCE")
    for job in view.jobs:
        dates = show_dates(job, style)
        record.job(job, dates)
        _bold(document, " | ".join(p for p in [job.title, job.company] if p))
        meta = " · ".join(p for p in [job.location, dates.joined(style.dash)] if p)
        if meta:
            _plain(document, meta, italic=True)
        if job.summary:
            _plain(document, job.summary)
        for line in job.highlights:
            _bullet(document, line, style.bullet)
    return _save(document)


_VML = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word"'
)


def _text_box(lines: list[tuple[str, bool]], *, box_id: int, left: int, top: int, width: int, height: int) -> object:
    """A floating VML text box (Word's classic form) holding ``(text, bold)`` paragraphs."""
    paragraphs = "".join(
        f'<w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r>{"<w:rPr><w:b/></w:rPr>" if bold else ""}'
        f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
        for text, bold in lines
    )
    return parse_xml(
        f"<w:r {_VML}><w:pict>"
        f'<v:shape id="TextBox{box_id}" o:spid="_x0000_s10{box_id:02d}" type="#_x0000_t202" filled="f" stroked="t" '
        f'style="position:absolute;margin-left:{left}pt;margin-top:{top}pt;width:{width}pt;height:{height}pt;'
        f'z-index:{box_id};mso-position-horizontal-relative:margin;mso-position-vertical-relative:margin">'
        f"<v:textbox><w:txbxContent>{paragraphs}</w:txbxContent></v:textbox>"
        '<w10:wrap type="square"/></v:shape></w:pict></w:r>'
    )


def textbox_layout(view: View, style: Style, record: Record) -> bytes:
    """Name and contact in a text box across the top, skills in a text box at the right beside experience."""
    rng = random.Random(style.rng_seed)
    document = _document()
    header: list[tuple[str, bool]] = [(view.name or "Resume", True)]
    header += [(p, False) for p in [view.label, contact_line(view)] if p]
    skills: list[tuple[str, bool]] = [("SKILLS", True)]
    skills += [
        (line, False) for line in skills_lines(view.skills, style, record, form=rng.choice(["lines", "category"]))
    ]
    anchor = document.add_paragraph()
    anchor._p.append(_text_box(header, box_id=1, left=0, top=0, width=470, height=52))
    if len(skills) > 1:
        anchor._p.append(_text_box(skills, box_id=2, left=330, top=70, width=140, height=14 * len(skills) + 20))
    anchor.paragraph_format.space_after = Pt(58)
    body_width = Pt(320) if len(skills) > 1 else None
    if view.summary:
        _bold(document, style.summary_heading)
        for line in view.summary:
            _plain(document, line)
    if view.jobs:
        _bold(document, "WORK EXPERIENCE")
    for job in view.jobs:
        dates = show_dates(job, style)
        record.job(job, dates)
        _bold(document, job.title)
        line = ", ".join(p for p in [job.company, job.location] if p)
        range_text = dates.joined(style.dash)
        _plain(document, f"{line} ({range_text})" if range_text and line else line or range_text)
        if job.summary:
            _plain(document, job.summary)
        for item in job.highlights:
            _bullet(document, item, style.bullet)
    if view.education:
        _bold(document, "EDUCATION")
    for edu in view.education:
        _plain(document, edu_line(edu, record))
    if body_width is not None:
        # Keep the body clear of the skills box on the right.
        for paragraph in document.paragraphs[1:]:
            paragraph.paragraph_format.right_indent = Pt(150)
    return _save(document)
