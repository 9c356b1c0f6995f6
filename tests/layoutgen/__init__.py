"""Ground-truth layout corpus: render any JSON Resume in realistic layouts and say exactly what each file shows.

``render(json_resume, layout)`` gives the file's bytes; ``build_case`` gives the bytes and the truth dict of
``notes/truth-format.md``. ``LAYOUTS`` lists every layout with its producer and extension;
``available_layouts()`` the ones this machine can render (text, Markdown and DOCX always; PDF layouts only
when their tool, Chromium, LibreOffice, pdfTeX or WeasyPrint, is installed).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import docx_layouts, html, text
from ._model import YM, Record, Style, View, choose_style, total_years, view_of
from ._tools import available, chromium_pdf, libreoffice_pdf, pdflatex_pdf, weasyprint_pdf
from .content import AS_OF, make_resume

__all__ = ["AS_OF", "LAYOUTS", "Layout", "available_layouts", "build_case", "make_resume", "render"]

_ALL_DATES = ("mon", "month", "mm/yyyy", "iso", "year", "mon", "month")
_TEXT_BULLETS = ("•", "-", "*", "▪", "➢", "❖", "〓", "\uf0b7")  # U+F0B7 is Word's Symbol-font bullet
_PDF_BULLETS = ("•", "-", "*", "▪", "➢", "❖")  # glyphs the installed fonts draw


@dataclass(frozen=True)
class Layout:
    """One layout: how it writes a resume, which program makes the file, and what content suits it."""

    name: str
    producer: str  # text | markdown | python-docx | libreoffice | chromium | weasyprint | pdftex
    format: str  # text | markdown | docx | pdf
    ext: str
    write: Callable[[View, Style, Record], bytes]
    date_formats: tuple[str, ...] = _ALL_DATES
    bullets: tuple[str, ...] = _PDF_BULLETS
    regions: tuple[str, ...] = ()  # regions the corpus draws from for this layout (empty: any)
    jobs: tuple[int, int] = (1, 8)  # job count range the corpus draws from

    def style(self, variant: int) -> Style:
        """The style of the ``variant``-th file of this layout."""
        return choose_style(self.name, variant, date_formats=self.date_formats, bullets=self.bullets)


def _utf8(fn: Callable[[View, Style, Record], str]) -> Callable[[View, Style, Record], bytes]:
    return lambda view, style, record: fn(view, style, record).encode("utf-8")


def _via(
    fn: Callable[[View, Style, Record], str], tool: Callable[[str], bytes]
) -> Callable[[View, Style, Record], bytes]:
    return lambda view, style, record: tool(fn(view, style, record))


def _docx_pdf(fn: Callable[[View, Style, Record], bytes]) -> Callable[[View, Style, Record], bytes]:
    return lambda view, style, record: libreoffice_pdf(fn(view, style, record))


def _chromium_headers(html_text: str) -> bytes:
    return chromium_pdf(html_text, header_footer=True)


_INDIA_US = ("india", "us", "india", "uk")
LAYOUTS: dict[str, Layout] = {
    layout.name: layout
    for layout in [
        Layout("indeed-text", "text", "text", "txt", _utf8(text.indeed), regions=_INDIA_US),
        Layout("linkedin-text", "text", "text", "txt", _utf8(text.linkedin)),
        Layout("naukri-text", "text", "text", "txt", _utf8(text.naukri), bullets=_TEXT_BULLETS, regions=("india",)),
        Layout("ats-text", "text", "text", "txt", _utf8(text.ats), bullets=_TEXT_BULLETS),
        Layout("markdown", "markdown", "markdown", "md", _utf8(text.markdown)),
        Layout("docx-table", "python-docx", "docx", "docx", docx_layouts.table_layout, bullets=_TEXT_BULLETS),
        Layout("docx-two-column", "python-docx", "docx", "docx", docx_layouts.two_column_layout, bullets=_TEXT_BULLETS),
        Layout("docx-textbox", "python-docx", "docx", "docx", docx_layouts.textbox_layout, bullets=_TEXT_BULLETS),
        Layout("docx-table-pdf", "libreoffice", "pdf", "pdf", _docx_pdf(docx_layouts.table_layout)),
        Layout("docx-two-column-pdf", "libreoffice", "pdf", "pdf", _docx_pdf(docx_layouts.two_column_layout)),
        Layout("html-sidebar", "chromium", "pdf", "pdf", _via(html.sidebar, chromium_pdf), jobs=(1, 5)),
        Layout("html-split-range", "chromium", "pdf", "pdf", _via(html.split_range, chromium_pdf), jobs=(1, 4)),
        Layout(
            "html-multipage-chrome",
            "chromium",
            "pdf",
            "pdf",
            _via(lambda v, s, r: html.multipage(v, s, r, running=False), _chromium_headers),
            jobs=(5, 8),
        ),
        Layout("html-moderncv", "weasyprint", "pdf", "pdf", _via(html.moderncv, weasyprint_pdf)),
        Layout("html-inline-dates", "weasyprint", "pdf", "pdf", _via(html.inline_dates, weasyprint_pdf)),
        Layout(
            "html-multipage",
            "weasyprint",
            "pdf",
            "pdf",
            _via(lambda v, s, r: html.multipage(v, s, r, running=True), weasyprint_pdf),
            jobs=(6, 8),
        ),
        Layout("latex-article", "pdftex", "pdf", "pdf", _via(html.latex, pdflatex_pdf)),
    ]
}


def available_layouts() -> list[str]:
    """Names of the layouts whose producer runs on this machine."""
    return [name for name, layout in LAYOUTS.items() if available(layout.producer)]


def _render(json_resume: dict[str, Any], layout: str, variant: int) -> tuple[bytes, Record]:
    spec = LAYOUTS[layout]
    record = Record()
    data = spec.write(view_of(json_resume), spec.style(variant), record)
    return data, record


def render(json_resume: dict[str, Any], layout: str, *, variant: int = 0) -> bytes:
    """The file ``layout`` makes of any JSON Resume (missing fields are left out); ``variant`` picks the style."""
    return _render(json_resume, layout, variant)[0]


def build_case(
    json_resume: dict[str, Any], layout: str, *, case_id: str, seed: int, as_of: str = AS_OF
) -> tuple[bytes, dict[str, Any]]:
    """The file and its truth dict (notes/truth-format.md); the style variant is the seed."""
    data, record = _render(json_resume, layout, seed)
    spec = LAYOUTS[layout]
    year, month = (int(x) for x in as_of.split("-")[:2])
    truth = {
        "id": case_id,
        "layout": layout,
        "producer": spec.producer,
        "format": spec.format,
        "as_of": as_of,
        "seed": seed,
        "jobs": [dataclasses.asdict(job) for job in record.jobs],
        "total_years": total_years(record.jobs, YM(year, month)),
        "education": record.education,
        "skills": record.skills,
        "json_resume": json_resume,
    }
    return data, truth
