"""Parsing the shipped examples and hand-written cases: entries, education, contacts, warnings."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import AS_OF, EXAMPLES
from rolematch import EducationLevel, LinkKind, SectionKind, parse_resume, parse_text


def _jobs(name: str) -> list[tuple[str | None, str | None, str | None, str | None, bool]]:
    resume = parse_resume(EXAMPLES / name, as_of=AS_OF)
    return [
        (
            e.title,
            e.organization,
            str(e.start) if e.start else None,
            str(e.end) if e.end else None,
            e.is_current,
        )
        for e in resume.experience
    ]


def test_senior_text_example() -> None:
    assert _jobs("senior-ml-engineer.txt") == [
        ("Senior Machine Learning Engineer", "Northwind Commerce", "2021-03", None, True),
        ("Machine Learning Engineer", "Contoso Analytics", "2017-06", "2021-02", False),
        ("Software Engineer", "Fabrikam Labs", "2014", "2017", False),
    ]
    resume = parse_resume(EXAMPLES / "senior-ml-engineer.txt", as_of=AS_OF)
    assert resume.total_experience_years == 12.5
    assert resume.experience[0].location == "Seattle, WA"
    assert resume.experience[0].bullets[0].text.startswith("Led the end-to-end redesign")
    assert [(e.level, e.field) for e in resume.education] == [
        (EducationLevel.MASTER, "Computer Science"),
        (EducationLevel.BACHELOR, "Electrical Engineering"),
    ]


def test_markdown_example_with_dates_below_titles() -> None:
    assert _jobs("mid-ml-engineer.md") == [
        ("Machine Learning Engineer", "Tidewater Logistics", "2023-06", None, True),
        ("Data Scientist", "Harbor Insurance", "2021-09", "2023-05", False),
        ("Data Analyst Intern", "Harbor Insurance", "2021-06", "2021-08", False),
    ]


def test_docx_example() -> None:
    assert _jobs("junior-ml-engineer.docx") == [
        ("Associate Machine Learning Engineer", "Hudson Media", "2024-07", None, True),
        ("Machine Learning Intern", "Empire Robotics", "2023-06", "2023-08", False),
    ]


def test_two_column_pdf_example() -> None:
    assert _jobs("lead-ml-engineer-two-column.pdf") == [
        ("Lead Machine Learning Engineer", "Meridian Search", "2019", None, True),
        ("Senior Machine Learning Engineer", "Albion Bank", "2015-09", "2019-12", False),
        ("Software Engineer", "Thames Software", "2012", "2015", False),
    ]
    resume = parse_resume(EXAMPLES / "lead-ml-engineer-two-column.pdf", as_of=AS_OF)
    assert resume.education[0].level is EducationLevel.DOCTORATE
    assert resume.education[0].institution == "University of Edinburgh"


def test_json_resume_maps_fields_directly() -> None:
    resume = parse_resume(EXAMPLES / "junior-ml-engineer.json", as_of=AS_OF)
    assert resume.source.format == "json_resume"
    assert resume.contact.name == "Amelia Chen"
    intern = resume.experience[0]
    assert (intern.title, intern.organization, str(intern.start), str(intern.end)) == (
        "Machine Learning Intern", "Brightline Health", "2025-06", "2025-08",
    )  # fmt: skip
    assert intern.months == 3
    for bullet in intern.bullets:
        assert resume.text[bullet.span.start : bullet.span.end] == bullet.text
    assert resume.education[0].level is EducationLevel.BACHELOR
    assert resume.education[0].year == 2025
    assert {s.kind for s in resume.sections} >= {
        SectionKind.EXPERIENCE,
        SectionKind.EDUCATION,
        SectionKind.SKILLS,
    }


def test_json_resume_with_wrong_types_is_read_without_crashing() -> None:
    data = {
        "basics": {"name": 5, "profiles": "x"},
        "work": [{"position": ["x"], "startDate": 2020}, "junk"],
        "education": {},
    }
    resume = parse_resume(json.dumps(data).encode())
    assert resume.experience[0].title is None and resume.experience[0].start is None


def test_contacts() -> None:
    resume = parse_resume(EXAMPLES / "senior-ml-engineer.txt")
    assert resume.contact.name == "Priya Raman"
    assert resume.contact.emails == ["priya.raman@example.com"]
    assert resume.contact.phones == ["+12065550199"]
    assert [(link.kind, link.url) for link in resume.contact.links] == [
        (LinkKind.LINKEDIN, "https://linkedin.com/in/priya-raman-ml"),
        (LinkKind.GITHUB, "https://github.com/praman"),
    ]
    for link in resume.contact.links:
        assert link.url.endswith(resume.span_text(link.span))


def test_international_phone_and_credentials_after_name() -> None:
    assert parse_resume(EXAMPLES / "mid-ml-engineer.md").contact.phones == ["+351912345678"]
    assert parse_resume(EXAMPLES / "registered-nurse.txt").contact.name == "Maria Gonzalez"


def test_date_ranges_are_not_phone_numbers() -> None:
    resume = parse_text("Ana Lima\nExperience\nEngineer, Acme\t2019 - 2021\n• Did 2019-2020 work.\n")
    assert resume.contact.phones == []


@pytest.mark.parametrize(
    ("line", "level", "field"),
    [
        ("Ph.D. in Statistics, Stanford University, 2020", EducationLevel.DOCTORATE, "Statistics"),
        ("M.S. Computer Science — Georgia Tech, 2018", EducationLevel.MASTER, "Computer Science"),
        ("MBA, Wharton School, 2015", EducationLevel.MASTER, None),
        ("Bachelor of Science, Computer Science", EducationLevel.BACHELOR, "Computer Science"),
        ("B.Tech in Electronics, IIT Delhi, 2012", EducationLevel.BACHELOR, "Electronics"),
        ("Associate of Applied Science in Networking, 2010", EducationLevel.ASSOCIATE, "Networking"),
        ("Data Science Bootcamp, General Assembly, 2021", EducationLevel.CERTIFICATE, "Data Science"),
    ],
)
def test_degree_levels_and_fields(line: str, level: EducationLevel, field: str | None) -> None:
    resume = parse_text(f"Ana Lima\n\nEducation\n{line}\n")
    assert resume.education[0].level is level
    assert resume.education[0].field == field


def test_state_codes_are_not_degrees() -> None:
    resume = parse_text("Ana Lima\n\nEducation\nHarvard University, Cambridge, MA\nBachelor of Arts in History, 2010\n")
    assert len(resume.education) == 1
    assert resume.education[0].level is EducationLevel.BACHELOR
    assert resume.education[0].institution == "Harvard University"


def test_warnings() -> None:
    short = parse_text("Ana Lima\nData engineer")
    assert {"little_text", "no_sections"} <= {w.code for w in short.warnings}
    german = parse_text(
        "Erfahrung\n" + "Ich habe mit dem Team und der Firma an den Daten gearbeitet und die Modelle für unsere Kunden "
        "entwickelt, die auf einer neuen Plattform mit vielen Nutzern laufen. " * 4
    )
    assert "non_english" in {w.code for w in german.warnings}
    garbled = parse_text("Experience\n" + "(cid:12)(cid:34)(cid:56) \ufffd\ufffd " * 40)
    assert "garbled_text" in {w.code for w in garbled.warnings}
    clean = parse_resume(EXAMPLES / "senior-ml-engineer.txt")
    assert clean.warnings == []


def test_parse_is_deterministic_byte_for_byte() -> None:
    for path in sorted(EXAMPLES.iterdir()):
        assert parse_resume(path, as_of=AS_OF).model_dump_json() == parse_resume(path, as_of=AS_OF).model_dump_json()


def test_resume_round_trips_through_json() -> None:
    from rolematch import Resume

    resume = parse_resume(EXAMPLES / "senior-ml-engineer.txt", as_of=AS_OF)
    assert Resume.model_validate_json(resume.model_dump_json()) == resume


_mojibake_prone = st.lists(
    st.sampled_from([*"aZ .,!\n\t\u00a0ÃÂÐÎâ€™œžŸ¢£©®°±²³µ¹º»¼½¾ØÙВГРСЂўβΓ•‚Ä√≈×│░", "Ã©", "â€™", "Ã¼"]),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=40), _mojibake_prone, st.text(max_size=40))
def test_the_windowed_mojibake_check_equals_ftfys_is_bad(before: str, middle: str, after: str) -> None:
    from ftfy.badness import is_bad

    from rolematch._read import looks_like_mojibake

    text = before + middle + after
    assert looks_like_mojibake(text) == bool(is_bad(text))


def test_ftfys_badness_patterns_fit_the_mojibake_window() -> None:
    """The window assumes every badness match is at most 7 characters long: re-check it on ftfy upgrades."""
    try:
        import re._parser as sre_parse  # type: ignore[import-not-found,unused-ignore]
    except ImportError:  # Python 3.10
        import sre_parse  # type: ignore[no-redef,unused-ignore]

    from ftfy.badness import BADNESS_RE

    from rolematch._read._text import _MOJIBAKE_REACH, _badness_pattern

    _, widest = sre_parse.parse(BADNESS_RE.pattern, BADNESS_RE.flags).getwidth()
    assert widest < _MOJIBAKE_REACH
    assert _badness_pattern().pattern == BADNESS_RE.pattern  # the module loaded alone is ftfy's own
