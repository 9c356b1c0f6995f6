"""Section headings in their many spellings and casings."""

from __future__ import annotations

import pytest

from rolematch import SectionKind, parse_text
from rolematch._parse._sections import heading_kind


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("EXPERIENCE", SectionKind.EXPERIENCE),
        ("Work Experience", SectionKind.EXPERIENCE),
        ("PROFESSIONAL EXPERIENCE:", SectionKind.EXPERIENCE),
        ("Employment History", SectionKind.EXPERIENCE),
        ("work history", SectionKind.EXPERIENCE),
        ("Education", SectionKind.EDUCATION),
        ("EDUCATION & TRAINING", SectionKind.EDUCATION),
        ("Academic Background", SectionKind.EDUCATION),
        ("Skills", SectionKind.SKILLS),
        ("TECHNICAL SKILLS", SectionKind.SKILLS),
        ("Skills & Awards", SectionKind.SKILLS),
        ("Core Competencies", SectionKind.SKILLS),
        ("Summary", SectionKind.SUMMARY),
        ("PROFESSIONAL SUMMARY", SectionKind.SUMMARY),
        ("Profile", SectionKind.SUMMARY),
        ("Objective", SectionKind.SUMMARY),
        ("Projects", SectionKind.PROJECTS),
        ("Personal Projects", SectionKind.PROJECTS),
        ("Certifications", SectionKind.CERTIFICATIONS),
        ("Licenses & Certifications", SectionKind.CERTIFICATIONS),
        ("Publications", SectionKind.PUBLICATIONS),
        ("Honors and Awards", SectionKind.AWARDS),
        ("Languages", SectionKind.LANGUAGES),
        ("Volunteer Experience", SectionKind.VOLUNTEER),
        ("Interests", SectionKind.INTERESTS),
        ("References", SectionKind.REFERENCES),
        ("Relevant Coursework", SectionKind.COURSEWORK),
        ("LINKS", SectionKind.CONTACT),
        ("== Experience ==", SectionKind.EXPERIENCE),
    ],
)
def test_heading_spellings(line: str, kind: SectionKind) -> None:
    assert heading_kind(line) is kind


@pytest.mark.parametrize(
    "line",
    [
        "Experience with Python and SQL.",
        "• Skills",
        "Senior Software Engineer",
        "John Doe",
        "Education matters, always.",
    ],
)
def test_lines_that_are_not_headings(line: str) -> None:
    assert heading_kind(line) is None


def test_sections_partition_the_text_in_order() -> None:
    text = (
        "Ana Lima\nana@example.com\n\nSummary\nData engineer.\n\nWork Experience\n"
        "Data Engineer, Acme\t2020 - 2022\n• Built pipelines.\n\nEducation\nBSc in Physics, USP, 2019\n"
        "\nTechnical Skills\nPython, SQL\n"
    )
    resume = parse_text(text)
    kinds = [s.kind for s in resume.sections]
    assert kinds == [
        SectionKind.HEADER,
        SectionKind.SUMMARY,
        SectionKind.EXPERIENCE,
        SectionKind.EDUCATION,
        SectionKind.SKILLS,
    ]
    assert resume.text[resume.sections[2].body.start :].startswith("Data Engineer, Acme")
    for a, b in zip(resume.sections, resume.sections[1:], strict=False):
        assert a.span.end <= b.span.start


def test_inline_heading_starts_a_section_outside_skills() -> None:
    resume = parse_text("Ana Lima\nEducation\nBSc Physics, USP, 2019\nSkills: Python, SQL, Spark\n")
    skills = resume.sections_of(SectionKind.SKILLS)
    assert len(skills) == 1
    assert resume.span_text(skills[0].body) == "Python, SQL, Spark"


def test_no_headings_gives_one_section_and_a_warning() -> None:
    resume = parse_text("just a few words about me and what I like to do on weekends\n" * 3)
    assert [s.kind for s in resume.sections] == [SectionKind.OTHER]
    assert "no_sections" in {w.code for w in resume.warnings}
