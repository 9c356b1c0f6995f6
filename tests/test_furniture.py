"""Page furniture (running headers and footers, page numbers, "last updated" notes) is not content."""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Sequence

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rolematch
from pdfwriter import Text, flow, write_pdf
from rolematch._limits import DEFAULT_LIMITS, Limits
from rolematch._read import PdfiumReader, read_document
from rolematch._read._furniture import (
    _maybe_anywhere,
    _removable_anywhere,
    guess_name,
    has_furniture_feature,
    is_page_number,
    is_running_header,
    is_updated_note,
    strip_text_furniture,
)
from rolematch._read._layout import Word

# -- PDF: position and repetition ----------------------------------------------------------------

_CONTACT_FOOTER = "ana@example.com · github.com/analima"


def _three_page_pdf() -> bytes:
    """Three pages with a running header (pages 2-3), a dated footer with the page number, a
    contact footer on every page, and body lines that repeat: a job title and a date range."""
    pages: list[list[Text]] = []
    bodies = [
        ["EXPERIENCE", ("Software Engineer", "2019 - 2021"), "Acme Corp", "• Built the billing service"],
        [("Software Engineer", "2019 - 2021"), "Globex", "• Ran the data platform", "EDUCATION"],
        ["BSc Computer Science, Uni Lisboa", "SKILLS", "Python, SQL, Kubernetes"],
    ]
    for number, body in enumerate(bodies, start=1):
        runs = [Text(40, 60, "Ana Lima", 16, bold=True)] if number == 1 else []
        if number > 1:
            runs.append(Text(40, 40, f"Ana Lima – Curriculum Vitae – Page {number}", 8))
            # The first row of pages 2 and 3 at the same height: the same title opening two pages
            # is content, not a header.
            runs.append(Text(40, 100, "Machine Learning Engineer", 10, bold=True))
        runs += flow(body, x=40, y=160, leading=16, right_x=450)
        if number < 3:
            # A date range at the same place near the bottom of two pages: content.
            runs += flow([("Data Engineer", "2020 - 2022")], x=40, y=720, right_x=450)
        runs += [
            Text(40, 760, "February 10, 2026", 8),
            Text(290, 760, "Résumé", 8),
            Text(560, 760, str(number), 8),
            Text(40, 776, _CONTACT_FOOTER, 8),
        ]
        pages.append(runs)
    return write_pdf(pages)


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_running_headers_footers_and_page_numbers_leave_a_pdf(reader: str) -> None:
    document = read_document(_three_page_pdf(), pdf_reader=reader)
    lines = document.text.splitlines()
    assert not [line for line in lines if "Curriculum Vitae" in line or "February" in line or "Résumé" in line]
    assert not [line for line in lines if line.strip() in {"1", "2", "3"}]
    # Contact details in a footer on every page are kept, once.
    assert lines.count(_CONTACT_FOOTER) == 1
    # Body lines that repeat stay, in reading order.
    assert sum("Software Engineer" in line and "2019 - 2021" in line for line in lines) == 2
    assert lines.count("Machine Learning Engineer") == 2
    assert sum("Data Engineer" in line and "2020 - 2022" in line for line in lines) == 2
    body = [line for line in lines if line and line != _CONTACT_FOOTER]
    assert body[:3] == ["Ana Lima", "EXPERIENCE", "Software Engineer\t2019 - 2021"]
    assert body[-3:] == ["BSc Computer Science, Uni Lisboa", "SKILLS", "Python, SQL, Kubernetes"]
    # Two running headers, three dated footers, two later copies of the contact footer.
    assert document.furniture == 7


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_a_lone_page_number_at_the_foot_of_one_page_goes_but_a_number_in_the_body_stays(reader: str) -> None:
    runs = flow(["Ana Lima", "LANGUAGES", "Portuguese, English", "Team size", "3"], x=40, y=60)
    runs.append(Text(300, 770, "1"))
    document = read_document(write_pdf([runs]), pdf_reader=reader)
    assert document.text.splitlines() == ["Ana Lima", "LANGUAGES", "Portuguese, English", "Team size", "3"]
    assert document.furniture == 1


def test_the_deedy_last_updated_note_and_moderncv_footers_are_gone(corpus_pdfs: object) -> None:
    from pathlib import Path

    folder = Path(str(corpus_pdfs))
    deedy = read_document(folder / "deedy" / "deedy_resume-openfont.pdf")
    assert "Last Updated" not in deedy.text and deedy.text.startswith("Debarghya Das")
    classic = read_document(folder / "moderncv" / "template_classic_green.pdf")
    assert not {"1/4", "2/4", "3/4", "4/4"} & set(classic.text.splitlines())
    casual = read_document(folder / "moderncv" / "template_casual_orange.pdf")
    assert "additional information" not in casual.text
    # The contact footer of every page survives once: the style prints contacts nowhere else.
    assert casual.text.count("john@doe.org") == 1
    assert rolematch.parse_resume(folder / "moderncv" / "template_casual_orange.pdf").contact.emails == ["john@doe.org"]


def test_a_document_that_would_be_left_empty_is_kept_as_it_is() -> None:
    pdf = write_pdf([[Text(40, 40, f"Page {i}")] for i in range(1, 4)])
    document = read_document(pdf)
    assert document.text.split() == ["Page", "1", "Page", "2", "Page", "3"] and document.furniture == 0
    text = read_document(b"Page 1 of 2\f- 2 -")
    assert (text.text, text.furniture) == ("Page 1 of 2\n\n- 2 -", 0)


class _PairsReader:
    """A reader written before page heights: ``(width, words)`` pairs."""

    name = "pairs"

    def pages(self, data: bytes, limits: Limits) -> Sequence[tuple[float, list[Word]]]:
        return [(page.width, page.words) for page in PdfiumReader().pages(data, limits)]


def test_a_reader_without_page_heights_still_works() -> None:
    document = read_document(_three_page_pdf(), pdf_reader=_PairsReader())  # type: ignore[arg-type]
    assert "Curriculum Vitae" not in document.text
    assert document.text.count(_CONTACT_FOOTER) == 1
    assert document.text.count("2019 - 2021") == 2


# -- text ------------------------------------------------------------------------------------------


def test_page_numbers_and_updated_notes_leave_text_wherever_they_stand() -> None:
    text = (
        "Ana Lima\nLast updated on 12 March 2025\nExperience\nSoftware Engineer, Acme\t2019 - 2021\n"
        "• Built the billing service\nPage 2 of 3\n• Ran the on-call rota\n- 3 -\nUpdated: 2025-03\n"
        "Skills\nPython 3, SQL\nUpdated legacy billing code to Python 3 in 2019\n"
    )
    document = read_document(text.encode())
    assert document.text.splitlines() == [
        "Ana Lima",
        "Experience",
        "Software Engineer, Acme\t2019 - 2021",
        "• Built the billing service",
        "• Ran the on-call rota",
        "Skills",
        "Python 3, SQL",
        "Updated legacy billing code to Python 3 in 2019",
    ]
    assert document.furniture == 4
    assert rolematch.parse_text(text).text == document.text


def test_headers_and_footers_between_form_feeds_leave_text() -> None:
    pages = [
        "Ana Lima\nana@example.com\nExperience\nSoftware Engineer, Acme\n2019 - 2021\n• Built things\n1",
        "Ana Lima – Résumé – 2\nSoftware Engineer, Globex\n2019 - 2021\n• Ran things\n2",
        "Ana Lima – Résumé – 3\nEducation\nBSc, Uni Lisboa\n3",
    ]
    text, removed = strip_text_furniture("\f".join(pages))
    lines = [line for line in text.splitlines() if line]
    assert lines == [
        "Ana Lima",
        "ana@example.com",
        "Experience",
        "Software Engineer, Acme",
        "2019 - 2021",
        "• Built things",
        "Software Engineer, Globex",
        "2019 - 2021",
        "• Ran things",
        "Education",
        "BSc, Uni Lisboa",
    ]
    assert removed == 5


def test_a_dated_header_repeated_like_a_page_break_leaves_text_but_repeated_content_stays() -> None:
    body = [f"• Did thing {i} with Python" for i in range(10)]
    chunks = []
    for _ in range(3):
        chunks += ["February 10, 2026 Résumé Ana Lima", "Software Engineer", "2019 - 2021", *body]
    text, removed = strip_text_furniture("\n".join(chunks))
    lines = text.splitlines()
    assert removed == 3 and "February 10, 2026 Résumé Ana Lima" not in lines
    assert lines.count("Software Engineer") == 3 and lines.count("2019 - 2021") == 3


def test_docx_page_numbers_in_headers_and_footers_are_left_out() -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Ana Lima · ana@example.com"
    document.sections[0].header.add_paragraph("Ana Lima | Résumé | 1")
    document.add_paragraph("Experience")
    document.add_paragraph("Data Engineer, Acme (2020 - 2022)")
    footer = document.sections[0].footer
    footer.paragraphs[0].text = "github.com/analima"
    footer.add_paragraph("Page 1 of 2")
    footer.add_paragraph("2")
    buffer = io.BytesIO()
    document.save(buffer)
    read = read_document(buffer.getvalue())
    assert read.text.splitlines() == [
        "Ana Lima · ana@example.com",
        "Experience",
        "Data Engineer, Acme (2020 - 2022)",
        "github.com/analima",
    ]
    assert read.furniture == 3


@pytest.mark.parametrize(
    ("line", "page_number", "at_edge"),
    [
        ("Page 2 of 3", True, True),
        ("- 2 -", True, True),
        ("— 4 —", True, True),
        ("Page 2", True, True),
        ("2/3", False, True),
        ("7", False, True),
        ("12/25", False, False),  # a date, even at an edge
        ("2019", False, False),
        ("2019 - 2021", False, False),
    ],
)
def test_page_number_shapes(line: str, page_number: bool, at_edge: bool) -> None:
    assert is_page_number(line) is page_number
    assert is_page_number(line, at_edge=True) is at_edge


def test_updated_notes_and_running_headers() -> None:
    for note in ("Last updated on 12 March 2025", "Updated: 2025-03", "Last Updated on 21st January 2015"):
        assert is_updated_note(note)
    for content in ("Updated legacy billing in 2019", "Updated 2019 systems to Kubernetes", "Updated"):
        assert not is_updated_note(content)
    assert is_running_header("John Doe – Curriculum Vitae – Page 2")
    assert is_running_header("February 10, 2026    Résumé    1")
    assert is_running_header("John Doe\t2", name="John Doe")
    for content in (
        "[1] John Doe. Title, year.",
        "Nature 2020, p. 12",
        "Python 3",
        "Led a CV team of 5",
        "Curriculum Development Lead | 3",
    ):
        assert not is_running_header(content, name="John Doe")


# -- properties ------------------------------------------------------------------------------------

_CONTENT = [
    "Ana Lima",
    "Experience",
    "Software Engineer",
    "Software Engineer, Acme\t2019 - 2021",
    "2019 - 2021",
    "Jan 2020 - Present",
    "March 2020",
    "• Built pipelines in Python 3",
    "Team of 5",
    "[1] Ana Lima. Title, 2020.",
    "Updated the billing system in 2019",
    "GPA 3.8/4.0",
    "Project 2",
    "Acme Corp",
    "+1-123-456-7890",
    "Curriculum Development Lead | 3",
    "Released 2019-05-12",
    "ana@example.com",
]
_FURNITURE = st.one_of(
    st.builds(lambda n, m: f"Page {n} of {m}", st.integers(1, 9), st.integers(1, 9)),
    st.builds(lambda n: f"- {n} -", st.integers(1, 99)),
    st.builds(lambda n: str(n), st.integers(1, 9)),
    st.builds(lambda n: f"Ana Lima – Résumé – {n}", st.integers(1, 9)),
    st.sampled_from(["Last updated on 12 March 2025", "Updated: 2025-03", "February 10, 2026 CV"]),
)
_LINE = st.one_of(st.sampled_from(_CONTENT), _FURNITURE, st.text(alphabet="abcdeAB 12-/:\t", min_size=0, max_size=20))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_LINE, st.just("\f")), min_size=1, max_size=60))
def test_only_furniture_is_removed_and_removing_it_again_removes_nothing(parts: list[str]) -> None:
    text = "\n".join(parts).replace("\n\f\n", "\f")
    out, removed = strip_text_furniture(text)
    lines = [line for line in text.replace("\f", "\n").split("\n") if line.strip()]
    name = guess_name(lines)
    # Repeats are counted as the module compares lines: spacing, case and digits aside.
    copies = Counter(re.sub(r"\d+", "#", " ".join(line.split())).casefold() for line in lines)
    gone = Counter(lines) - Counter(line for line in out.split("\n") if line.strip())
    assert sum(gone.values()) == removed
    for line in gone:
        # A line without a furniture feature goes only when it repeats at the edges of pages.
        repeats = copies[re.sub(r"\d+", "#", " ".join(line.split())).casefold()] >= 2
        assert has_furniture_feature(line, name) or ("\f" in text and repeats), line
    again, removed_again = strip_text_furniture(out)
    assert (again, removed_again) == (out, 0)


_PIECE = st.sampled_from(
    ["Page", "page", "Pagina", "pág.", "Seite", "p.", "pg", "of", "/", "-", "–", "|", "•", "(", ")", "[", "]",
     "Résumé", "CV", "Ana Lima", "Updated", "Last updated on", "March", "2025", "12", "1", "3", "2019", " ", "\t"]
)  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(_PIECE, min_size=1, max_size=8), st.sampled_from([" ", "", "  "]))
def test_the_quick_filter_lets_every_removable_line_through(pieces: list[str], joiner: str) -> None:
    line = joiner.join(pieces)
    if _removable_anywhere(line, "Ana Lima"):
        assert _maybe_anywhere(line)


def test_furniture_removal_keeps_the_read_stage_within_its_limits() -> None:
    text = ("Software Engineer\n2019 - 2021\n" * 2000)[: DEFAULT_LIMITS.max_chars]
    assert strip_text_furniture(text) == (text, 0)
