"""Contact details on real headers: names that are not places or titles, links that are links."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import AS_OF
from rolematch import LinkKind, parse_text
from rolematch._parse._contact import find_contact
from rolematch._parse._sections import find_sections

_BODY = "\n\nExperience\nSoftware Engineer, Acme Corp\t2019 - 2021\n• Built the billing service.\n"


def _contact_of(header: str) -> tuple[str | None, list[str]]:
    resume = parse_text(header + _BODY, as_of=AS_OF)
    span, name = resume.contact.name_span, resume.contact.name
    if span is not None and name is not None:
        assert resume.text[span.start : span.end].lower() == name.lower()
    return resume.contact.name, [link.url for link in resume.contact.links]


def test_indeed_link_broken_over_a_line_is_rejoined() -> None:
    text = (
        "Ananya Chavan\nlecturer - oracle tutorials\n\nMumbai, Maharashtra - Email me on Indeed: "
        "indeed.com/r/Ananya-\nChavan/738779ab71971a96\n\nWORK EXPERIENCE\nLecturer\n"
    )
    contact = find_contact(text, find_sections(text))
    [link] = contact.links
    assert link.url == "https://indeed.com/r/Ananya-Chavan/738779ab71971a96"
    assert text[link.span.start : link.span.end] == "indeed.com/r/Ananya-\nChavan/738779ab71971a96"
    assert contact.name == "Ananya Chavan"


def test_linkedin_link_broken_after_a_hyphen_or_slash() -> None:
    text = "John Doe\njohn@doe.com | linkedin.com/in/john-\ndoe-1234 | github.com/\njdoe\nwww.jdoe.dev/\nExperience\n"
    contact = find_contact(text, find_sections(text))
    assert [(link.kind, link.url) for link in contact.links] == [
        (LinkKind.LINKEDIN, "https://linkedin.com/in/john-doe-1234"),
        (LinkKind.GITHUB, "https://github.com/jdoe"),
        (LinkKind.WEBSITE, "https://www.jdoe.dev/"),  # "Experience" is the next heading, not a path
    ]
    spans = [text[link.span.start : link.span.end] for link in contact.links]
    assert spans == ["linkedin.com/in/john-\ndoe-1234", "github.com/\njdoe", "www.jdoe.dev/"]


def test_broken_link_through_the_public_api() -> None:
    name, links = _contact_of("Priya Nair\npriya@example.com\nlinkedin.com/in/priya-\nnair-0a1b2c")
    assert name == "Priya Nair"
    assert links == ["https://linkedin.com/in/priya-nair-0a1b2c"]


def test_tech_names_and_degrees_are_not_links() -> None:
    header = (
        "Wei Zhang\nwei.zhang@example.com | github.com/weizhang | weizhang.dev\n\nSkills\n"
        "ASP.NET, VB.NET, ADO.NET, Node.js, Vue.js, Socket.io, H2O.ai, Express.js\n"
        "Education\nB.Tech/M.Tech Dual Degree, IIT Bombay; B.Com; M.Sc. in Physics (e.g. optics, i.e. lasers)"
    )
    _, links = _contact_of(header)
    assert links == ["https://github.com/weizhang", "https://weizhang.dev"]


def test_real_links_still_count() -> None:
    _, links = _contact_of(
        "Lea Roux\nhttps://lea-roux.fr | www.learoux.io | kaggle.com/learoux | scholar.google.com/citations?user=ab12"
    )
    assert links == [
        "https://lea-roux.fr",
        "https://www.learoux.io",
        "https://kaggle.com/learoux",
        "https://scholar.google.com/citations?user=ab12",
    ]


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("Silicon Valley\nJohn Doe\njohn@doe.com", "John Doe"),
        ("San Francisco, CA\nJane Smith\njane@smith.dev", "Jane Smith"),
        ("Bengaluru, Karnataka\nSenior Systems Engineer\nRahul Sharma\nrahul@example.in", "Rahul Sharma"),
        ("Greater Boston Area\nEmily Clark", "Emily Clark"),
        ("New York City\nDavid Cohen", "David Cohen"),
        ("Pune Maharashtra India\nSneha Kulkarni", "Sneha Kulkarni"),
        ("Senior Systems Engineer\nKarthik Iyer", "Karthik Iyer"),
        ("Machine Learning Enthusiast\nAisha Bello", "Aisha Bello"),
        ("Acme Technologies\nMaria Lopez", "Maria Lopez"),
        ("CURRICULUM VITAE\nPRIYA RAMAN\npriya@example.com", "Priya Raman"),
        ("Resume\nOluwaseun Adeyemi", "Oluwaseun Adeyemi"),
        ("John Doe | Resumé title\nwww.johndoe.com", "John Doe"),
        ("MARIA GONZALEZ, RN\nmaria@example.com", "Maria Gonzalez"),
        # Names that share a word with a place or a surname-like noun are still names.
        ("Austin Miller\nAustin, TX", "Austin Miller"),
        ("Michael Bay\nLos Angeles, CA", "Michael Bay"),
        ("Georgia Smith\nAtlanta, Georgia", "Georgia Smith"),
        ("Ai Weiwei\nBerlin, Germany", "Ai Weiwei"),
    ],
)
def test_name_is_not_a_place_title_heading_or_company(header: str, name: str) -> None:
    assert _contact_of(header)[0] == name


@pytest.mark.parametrize(
    "header",
    ["Silicon Valley\nhello@example.com", "San Francisco, CA\n+1 415 555 0100", "Senior Systems Engineer\nRemote"],
)
def test_no_name_rather_than_a_wrong_one(header: str) -> None:
    assert _contact_of(header)[0] is None


_PIECES = [
    "linkedin.com/in/john-", "indeed.com/r/A-", "\n", "doe-1234", "Chavan/8d9f", "ASP.NET", "B.Tech", "e.g",
    "www.", "https://", "x.com/", "github.com/", "Silicon Valley", "John Doe", ", CA", " | ", "@", ".", "-",
    "Senior Engineer", "+91 98450 12345", "\t", " ",
]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)))
def test_find_contact_never_raises_and_spans_index_the_text(text: str) -> None:
    contact = find_contact(text, find_sections(text))
    spans = [link.span for link in contact.links] + ([contact.name_span] if contact.name_span else [])
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text)
    for link in contact.links:
        assert link.url.startswith(("http://", "https://"))
