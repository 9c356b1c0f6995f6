"""Real resumes written outside this project (../shared/corpus/pdfs): layout must not change the answer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import AS_OF
from rolematch import Resume, SectionKind, parse_resume

RENDERS = [
    "template_single-column.pdf",
    "template_modern-single-column.pdf",
    "template_two-column.pdf",
    "template_modern-two-column.pdf",
]
# The two-column renders move the links from the header to a LINKS sidebar section; contact
# blocks are not content, so the comparison is over content sections.
_NOT_CONTENT = {SectionKind.HEADER, SectionKind.CONTACT}


def _content_sections(resume: Resume) -> set[SectionKind]:
    return {s.kind for s in resume.sections if s.kind not in _NOT_CONTENT}


def _facts(resume: Resume) -> object:
    return (
        _content_sections(resume),
        [
            (e.title, e.organization, e.location, e.start, e.end, e.is_current, len(e.bullets))
            for e in resume.experience
        ],
        resume.total_experience_years,
        [(e.level, e.field, e.institution, e.year) for e in resume.education],
        resume.contact.name,
        resume.contact.emails,
        resume.contact.phones,
        [link.url for link in resume.contact.links],
    )


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_four_renders_of_one_resume_agree(corpus_pdfs: Path, reader: str) -> None:
    resumes = [parse_resume(corpus_pdfs / name, as_of=AS_OF, pdf_reader=reader) for name in RENDERS]
    first = resumes[0]
    assert _content_sections(first) == {
        SectionKind.SUMMARY, SectionKind.EXPERIENCE, SectionKind.EDUCATION, SectionKind.PROJECTS, SectionKind.SKILLS,
    }  # fmt: skip
    assert [(e.title, e.organization) for e in first.experience] == [
        ("Senior Software Engineer", "Stripe"),
        ("Software Engineer", "Figma"),
        ("Software Engineer", "Notion"),
    ]
    assert [(str(e.start), str(e.end) if e.end else None) for e in first.experience] == [
        ("2023-01", None),
        ("2021-06", "2022-12"),
        ("2019-07", "2021-05"),
    ]
    # Jul 2019 - Nov 2026 with no gaps: 89 months.
    assert first.total_experience_years == round(89 / 12, 2)
    assert first.contact.name == "John Doe"
    for name, resume in zip(RENDERS[1:], resumes[1:], strict=False):
        assert _facts(resume) == _facts(first), name


def test_both_readers_read_the_renders_alike(corpus_pdfs: Path) -> None:
    for name in RENDERS:
        fast = parse_resume(corpus_pdfs / name, as_of=AS_OF, pdf_reader="pdfium")
        reference = parse_resume(corpus_pdfs / name, as_of=AS_OF, pdf_reader="pdfplumber")
        # Same characters in the same order; the readers may place an odd space differently.
        assert "".join(fast.text.split()) == "".join(reference.text.split()), name
        assert _facts(fast) == _facts(reference), name


def test_two_column_renders_are_read_column_by_column(corpus_pdfs: Path) -> None:
    for name in ("template_two-column.pdf", "template_modern-two-column.pdf"):
        resume = parse_resume(corpus_pdfs / name, as_of=AS_OF)
        assert resume.source.columns == 2
        text = resume.text
        # The left column (experience) is read whole before the sidebar (skills).
        assert text.index("strategic Redis caching layers") < text.index("Go Python Node.js")
        assert text.startswith(("JOHN DOE", "John Doe"))
        assert "community-driven" in text and "\ufffe" not in text


def _tex_words(source: str) -> list[str]:
    """The words a LaTeX source prints, roughly: commands dropped, their text arguments kept."""
    body = source[source.index("\\begin{document}") : source.index("\\end{document}")]
    body = re.sub(r"(?<!\\)%.*", "", body)
    body = re.sub(r"\\href\{[^}]*\}", "", body)
    body = re.sub(r"\\(begin|end)\{[^}]*\}(\{[^}]*\})?", " ", body)
    body = re.sub(r"\\[a-zA-Z]+\*?(\[[^\]]*\])?", " ", body)
    body = body.replace("\\&", "&").replace("\\%", "%").replace("\\$", "$").replace("\\_", "_")
    body = body.replace("--", "–").replace("~", " ")
    body = re.sub(r"[{}$\\]", " ", body)
    return _words(body)


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-z0-9][A-Za-z0-9.+#'/&-]*", text) if len(w) > 1]


def test_sb2nov_pdf_text_matches_its_tex_source_in_order(corpus_pdfs: Path) -> None:
    import difflib

    tex = _tex_words((corpus_pdfs / "sb2nov_onecolumn_resume.tex").read_text(encoding="utf-8"))
    for reader in ("pdfium", "pdfplumber"):
        pdf = _words(parse_resume(corpus_pdfs / "sb2nov_onecolumn_resume.pdf", pdf_reader=reader).text)
        matcher = difflib.SequenceMatcher(a=tex, b=pdf, autojunk=False)
        matched = sum(block.size for block in matcher.get_matching_blocks())
        # Every word of the PDF comes from the source in the same order, and the source's
        # words nearly all appear (the rest are macro arguments the template does not print).
        assert matched / len(pdf) >= 0.97, reader
        assert matched / len(tex) >= 0.95, reader


def test_sb2nov_structure(corpus_pdfs: Path) -> None:
    resume = parse_resume(corpus_pdfs / "sb2nov_onecolumn_resume.pdf", as_of=AS_OF)
    assert resume.contact.name == "Sourabh Bajaj"
    assert [(e.title, e.organization) for e in resume.experience] == [
        ("Software Engineer", "Google"),
        ("Senior Software Engineer", "Coursera"),
        ("Data Scientist", "Lucena Research"),
        ("Research and Teaching Assistant", "Georgia Institute of Technology"),
    ]
    assert [(e.level.value if e.level else None, e.field) for e in resume.education] == [
        ("master", "Computer Science"),
        ("bachelor", "Electrical and Electronics"),
    ]


def test_four_renders_give_the_same_skills(corpus_pdfs: Path) -> None:
    skill_sets = {
        name: {e.skill_id for e in parse_resume(corpus_pdfs / name, as_of=AS_OF).distinct_skills()} for name in RENDERS
    }
    first = skill_sets[RENDERS[0]]
    assert len(first) >= 40
    assert {"python", "go", "typescript", "kubernetes", "postgresql", "system_design", "mentoring"} <= first
    for name, skills in skill_sets.items():
        assert skills == first, (name, sorted(skills ^ first))
