"""Experience entries in the layouts real applicants send: job headers over several lines, ranges
split over two lines, several spells, stated totals, side-column headings."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolematch import parse_text
from rolematch._parse._dates import find_date_ranges, join_split_range
from rolematch._parse._experience import find_experience
from rolematch._parse._lines import split_lines

AS_OF = date(2026, 11, 21)

INDEED = """Ananya Chavan
Bengaluru, Karnataka

Total IT experience: 9 years 8 months

WORK EXPERIENCE

Senior Systems Engineer

Infosys Limited - Bengaluru, Karnataka

January 2018 to Present

Responsible for network maintenance and upgrades across three data centres
〓 Configured VLAN and OSPF routing for 40 branch offices
\uf0b7 Managed Active Directory and DHCP for 2,000 users

Systems Engineer

Tata Consultancy Services - Chennai, Tamil Nadu

June 2014 to December 2017

Handled L2 support tickets for banking clients
❖ Wrote shell scripts to automate backups

Intern

Airbus SE - Toulouse, France

Summer 2012 and 2013

Airbus SE is a European multinational aerospace corporation.
➢ Built test rigs for avionics software
"""

LINKEDIN = """Contact
www.linkedin.com/in/jdoe

Experience
Northwind Traders
Staff Engineer
January 2019 - Present (5 years 11 months)
San Francisco, California
Led the platform team building model serving on Kubernetes.
Contoso
3 years 2 months
Senior Software Engineer
March 2017 - December 2018 (1 year 10 months)
Seattle, Washington
Software Engineer
November 2015 - February 2017 (1 year 4 months)
Seattle, Washington
"""

SPLIT = """Jane Roe

Experience
Acme Robotics, Boston, MA
Senior Software Engineer    June 2020 –
Present
• Built the perception stack in C++ and Python for warehouse robots.
• Led a team of four engineers.
Globex Inc, Cambridge, MA
Software Engineer    Aug 2016 – May 2020
• Wrote data pipelines with Spark.
Software Developer, XYZ, Anywhere, USA, July 2016 - June 2018
"""

MARGIN = """Jane Roe

Experience
2021 – Machine Learning Engineer, Initech, Berlin
Present Trained ranking models for the search team.
2015 – 2021 Data Analyst, Umbrella Corp, Hamburg
Built the weekly sales forecast.
"""


def _jobs(text: str) -> list[tuple[str | None, str | None, str | None, str | None]]:
    resume = parse_text(text, as_of=AS_OF)
    return [
        (e.title, e.organization, str(e.start) if e.start else None, "present" if e.is_current else str(e.end))
        for e in resume.experience
    ]


def test_indeed_headers_over_three_lines_with_blank_lines() -> None:
    assert _jobs(INDEED) == [
        ("Senior Systems Engineer", "Infosys Limited", "2018-01", "present"),
        ("Systems Engineer", "Tata Consultancy Services", "2014-06", "2017-12"),
        ("Intern", "Airbus SE", "2012-06", "2013-08"),
    ]


def test_unusual_bullet_glyphs_are_bullets_and_an_employer_description_is_not_a_company() -> None:
    resume = parse_text(INDEED, as_of=AS_OF)
    first = resume.experience[0]
    assert [b.text for b in first.bullets][1:] == [
        "Configured VLAN and OSPF routing for 40 branch offices",
        "Managed Active Directory and DHCP for 2,000 users",
    ]
    assert all(
        e.organization != "Airbus SE is a European multinational aerospace corporation" for e in resume.experience
    )


def test_two_spells_are_two_periods_not_one_range() -> None:
    resume = parse_text(INDEED, as_of=AS_OF)
    intern = resume.experience[2]
    assert [(str(p.start), str(p.end)) for p in intern.periods] == [("2012-06", "2012-08"), ("2013-06", "2013-08")]
    assert intern.months == 6
    # 8y11m at Infosys (through the as_of month), 3y7m at TCS, 6 months of internships.
    assert resume.total_experience_years == pytest.approx((107 + 43 + 6) / 12, abs=0.01)


def test_a_stated_total_that_disagrees_is_kept_and_flagged() -> None:
    resume = parse_text(INDEED, as_of=AS_OF)
    assert resume.stated_experience is not None
    assert resume.stated_experience.years == pytest.approx(9.67, abs=0.01)
    assert resume.span_text(resume.stated_experience.span) == "Total IT experience: 9 years 8 months"
    assert "years_disagree" in [w.code for w in resume.warnings]


def test_linkedin_company_then_title_then_dates_then_location() -> None:
    assert _jobs(LINKEDIN) == [
        ("Staff Engineer", "Northwind Traders", "2019-01", "present"),
        ("Senior Software Engineer", "Contoso", "2017-03", "2018-12"),
        ("Software Engineer", "Contoso", "2015-11", "2017-02"),
    ]
    resume = parse_text(LINKEDIN, as_of=AS_OF)
    assert [e.location for e in resume.experience] == ["San Francisco, California", *["Seattle, Washington"] * 2]


def test_a_range_split_over_two_lines_keeps_present() -> None:
    assert _jobs(SPLIT) == [
        ("Senior Software Engineer", "Acme Robotics", "2020-06", "present"),
        ("Software Engineer", "Globex Inc", "2016-08", "2020-05"),
        ("Software Developer", "XYZ", "2016-07", "2018-06"),
    ]


def test_a_left_date_margin_whose_present_wraps_to_the_next_line() -> None:
    assert _jobs(MARGIN) == [
        ("Machine Learning Engineer", "Initech", "2021", "present"),
        ("Data Analyst", "Umbrella Corp", "2015", "2021"),
    ]


def test_dates_in_a_header_line_never_end_up_in_the_title() -> None:
    resume = parse_text(SPLIT, as_of=AS_OF)
    for entry in resume.experience:
        assert entry.title is not None and not find_date_ranges(entry.title)


def test_undated_jobs_and_resumes_without_jobs_are_flagged() -> None:
    undated = (
        "Jane Roe\n\nExperience\nData Analyst\nGlobex Inc\n• Built the weekly forecast.\n"
        + SPLIT.split("Experience\n")[1]
    )
    resume = parse_text(undated, as_of=AS_OF)
    assert "undated_jobs" in [w.code for w in resume.warnings]
    nothing = parse_text("Jane Roe\n\nSummary\nI like building things with data and people.\n", as_of=AS_OF)
    assert nothing.experience == []
    assert "no_jobs_found" in [w.code for w in nothing.warnings]


def test_side_column_headings_become_sections_of_their_own() -> None:
    text = (
        "PRIYA NAIR\nData Engineer\nPune, Maharashtra\n\nEXPERIENCE\nData Engineer\n"
        "Globex Analytics Pvt Ltd - Pune, Maharashtra\nMarch 2019 to Present\n"
        "• Built Spark pipelines feeding a Snowflake warehouse for 30 teams.\n"
        "MY SUPERPOWERS\nCalm under pressure\nFast learner\nEDUCATION\nB.E in Computer Engineering\n"
    )
    resume = parse_text(text, as_of=AS_OF)
    kinds = [(s.kind.value, s.heading) for s in resume.sections]
    assert ("other", "MY SUPERPOWERS") in kinds
    assert [b.text for b in resume.experience[0].bullets] == [
        "Built Spark pipelines feeding a Snowflake warehouse for 30 teams."
    ]


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("Engineer   June 2020 –", "Present", ("2020-06", None, 7)),
        ("2021 –", "Present Trained models", ("2021", None, 7)),
        ("Jan 2019", "– Dec 2020", ("2019-01", "2020-12", 10)),
        ("Leeds · February 2020 — February", "2024", ("2020-02", "2024-02", 4)),
        ("Jan 2019 - Mar 2020", "– Dec 2020", None),
        ("Some text", "Present", None),
    ],
)
def test_join_split_range(first: str, second: str, expected: tuple[str, str | None, int] | None) -> None:
    joined = join_split_range(first, second)
    if expected is None:
        assert joined is None
        return
    dates, taken = joined
    assert (str(dates.start), str(dates.end) if dates.end else None, taken) == expected


_PIECES = st.sampled_from(
    [*"ab AB12–-,.|\t•〓❖", "2019", "Jan 2020", " – ", "Present", "Engineer", "Inc", "Summer", " and "]
)
_LINE = st.lists(_PIECES, max_size=10).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, max_size=12))
def test_find_experience_never_raises_and_spans_index_the_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    for entry in find_experience(text, 0, len(text), 2026 * 12 + 10):
        assert 0 <= entry.span.start <= entry.span.end <= len(text)
        for bullet in entry.bullets:
            assert 0 <= bullet.span.start <= bullet.span.end <= len(text)
        if entry.start is not None and entry.end is not None:
            assert entry.months is None or entry.months >= 0


_MONTHS = ["Jan", "March", "Sept", "December", "06/", ""]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(_MONTHS),
    st.integers(min_value=1990, max_value=2025),
    st.sampled_from(["Present", "Current", "Dec 2025", "2026"]),
    st.sampled_from(["–", "-", "to"]),
    st.booleans(),
)
def test_splitting_a_header_range_over_two_lines_keeps_its_ends(
    month: str, year: int, end: str, joiner: str, dash_on_second_line: bool
) -> None:
    """Metamorphic: moving the end of a dated header's range onto the next line changes nothing read."""
    start = f"{month}{'' if month.endswith('/') or not month else ' '}{year}"
    header = f"Data Engineer, Globex Inc    {start} {joiner} {end}"
    cut = f"{start}\n{joiner} {end}" if dash_on_second_line else f"{start} {joiner}\n{end}"
    whole = f"Experience\n{header}\n• Built pipelines with Spark.\n"
    split = whole.replace(f"{start} {joiner} {end}", cut)
    assert len(split_lines(split)) == len(split_lines(whole)) + 1
    a, b = parse_text(whole, as_of=AS_OF).experience, parse_text(split, as_of=AS_OF).experience
    assert [(e.start, e.end, e.is_current, e.title, e.organization) for e in a] == [
        (e.start, e.end, e.is_current, e.title, e.organization) for e in b
    ]


def test_dated_posts_under_a_research_heading_are_experience_and_citations_are_not() -> None:
    text = (
        "Jane Roe\n\nEXPERIENCE\nGLOBEX | SOFTWARE ENGINEER\nJan 2015 - Present | New York, NY\n"
        "• Built the ranking service.\n\nRESEARCH\nROBOT LEARNING LAB | RESEARCHER\nJan 2013 – Dec 2014 | Ithaca, NY\n"
        "Worked on planning robot trajectories from user feedback.\n\nPUBLICATIONS\n"
        "J. Roe and A. Smith. Learning trajectories from feedback. ICRA, 2014.\n"
    )
    resume = parse_text(text, as_of=AS_OF)
    assert [(s.kind.value, s.heading) for s in resume.sections][1:] == [
        ("experience", "EXPERIENCE"),
        ("experience", "RESEARCH"),
        ("publications", "PUBLICATIONS"),
    ]
    assert [e.title for e in resume.experience] == ["SOFTWARE ENGINEER", "RESEARCHER"]


def test_jobs_told_in_sentences() -> None:
    text = (
        "Jane Roe\n\nExperience\n"
        "I worked with Microsoft from January 2015 to Aug 2017 as a software developer on the Azure portal.\n"
        "Then I joined Contoso Ltd as a Data Engineer from September 2017 to present, building pipelines.\n"
    )
    assert _jobs(text) == [
        ("software developer", "Microsoft", "2015-01", "2017-08"),
        ("Data Engineer", "Contoso Ltd", "2017-09", "present"),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "Registered Nurse, Cardiac Unit (per diem)\nSt. Luke's Hospital | Mar 2021 – Present\n• Triage\n"
            "Certified Nursing Assistant (part-time)\nMaple Care Home | Jul 2018 – Feb 2021\n• Rounds\n",
            [
                ("Registered Nurse, Cardiac Unit", "St. Luke's Hospital", "2021-03", "present"),
                ("Certified Nursing Assistant", "Maple Care Home", "2018-07", "2021-02"),
            ],
            id="titles-led-by-a-past-participle-and-bracketed-notes",
        ),
        pytest.param(
            "Head of Operations, Logistics — Northwind Ltd          2016 – 2020\n• Ran depots\n"
            "Analyst, Pricing — Contoso Inc          2012 – 2016\n• Models\n",
            [
                ("Head of Operations, Logistics", "Northwind Ltd", "2016", "2020"),
                ("Analyst, Pricing", "Contoso Inc", "2012", "2016"),
            ],
            id="a-comma-inside-the-title",
        ),
        pytest.param(
            "Design Engineer, Hoshino Precision Co., Ltd.    2013 – 2017\n• Gearboxes\n",
            [("Design Engineer", "Hoshino Precision Co., Ltd.", "2013", "2017")],
            id="a-legal-suffix-after-a-comma",
        ),
        pytest.param(
            "2017–2022     Fabrikam Foods      Buyer\n2014–2017     Tailspin Toys       Assistant Buyer\n",
            [("Buyer", "Fabrikam Foods", "2017", "2022"), ("Assistant Buyer", "Tailspin Toys", "2014", "2017")],
            id="columns-made-of-spaces",
        ),
        pytest.param(
            "Employer: Fabrikam Foods\nPosition: Buyer\nPeriod: 03/2017 – 06/2022\n\n"
            "Employer: Tailspin Toys\nPosition: Assistant Buyer\nPeriod: 01/2014 – 02/2017\n",
            [
                ("Buyer", "Fabrikam Foods", "2017-03", "2022-06"),
                ("Assistant Buyer", "Tailspin Toys", "2014-01", "2017-02"),
            ],
            id="labelled-fields",
        ),
        pytest.param(
            "NORTHWIND TRADERS, Lyon            2009 – 2019\nRegional Director (2015 – 2019)\n• Ran the region\n"
            "Branch Manager (2009 – 2015)\n• Ran a branch\n",
            [
                ("Regional Director", "NORTHWIND TRADERS", "2015", "2019"),
                ("Branch Manager", "NORTHWIND TRADERS", "2009", "2015"),
            ],
            id="a-company-line-dated-over-its-roles",
        ),
        pytest.param(
            "COO\nTailspin Toys (a Fabrikam group company) — Austin, TX   2019 – Present\n• Ran operations\n",
            [("COO", "Tailspin Toys", "2019", "present")],
            id="a-bracketed-note-is-not-the-company",
        ),
        pytest.param(
            "Store Lead, Fabrikam Foods\n• Rota\n• Stock\n• Cash\nCashier, Tailspin Toys\n• Till\n• Returns\n",
            [("Store Lead", "Fabrikam Foods", None, None), ("Cashier", "Tailspin Toys", None, None)],
            id="short-bullets-are-content",
        ),
    ],
)
def test_header_forms_real_resumes_use(body: str, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    jobs = _jobs("Jane Roe\n\nExperience\n" + body)
    assert [(t, o, s, e if s else None) for t, o, s, e in jobs] == expected


def test_a_history_of_dated_events_reads_as_jobs_that_run_on() -> None:
    text = (
        "Hana Sato\n\nCAREER HISTORY\n"
        "2008/04   Joined Hoshino Precision Co., Ltd. — Design Engineer\n"
        "2013/07   Promoted to Senior Design Engineer, Hoshino Precision Co., Ltd.\n"
        "2016/02   Resigned from Hoshino Precision Co., Ltd.\n"
        "2016/05   Joined Aoba Robotics Inc. — Engineering Manager\n"
        "          Currently employed\n"
    )
    assert _jobs(text) == [
        ("Design Engineer", "Hoshino Precision Co., Ltd.", "2008-04", "2013-06"),
        ("Senior Design Engineer", "Hoshino Precision Co., Ltd.", "2013-07", "2016-02"),
        ("Engineering Manager", "Aoba Robotics Inc.", "2016-05", "present"),
    ]


def test_europass_labels_with_an_employer_address() -> None:
    text = (
        "Work experience\n\n"
        "Dates                           01/02/2020 – today\n"
        "Occupation or position held     Maintenance Planner\n"
        "Main activities and responsibilities\n"
        "                                Planned shutdowns for two compressor stations\n"
        "Name and address of employer    Caldera Energía S.L., Avenida del Puerto 12, 46024 Valencia (Spain)\n\n"
        "Dates                           01/09/2016 – 31/01/2020\n"
        "Occupation or position held     Maintenance Technician\n"
        "Name and address of employer    Ferroval S.A., Sagunto (Spain)\n"
    )
    assert _jobs("Luis Marín\n\n" + text) == [
        ("Maintenance Planner", "Caldera Energía S.L.", "2020-02", "present"),
        ("Maintenance Technician", "Ferroval S.A.", "2016-09", "2020-01"),
    ]


def test_a_narrow_date_column_that_wraps_the_date_itself() -> None:
    """moderncv's left column: "Sept" beside the title, "2019–Present" below it; "Jan" / "2012–Dec" / "2014"."""
    text = (
        "Jane Roe\n\nExperience\n"
        "Sept Senior Data Engineer, Globex Logistics, Hamburg\n"
        "2019–Present General description of the role.\n"
        "2015–2019 Data Engineer, Initech GmbH, Berlin\n"
        "Description line 1\n"
        "Jan Junior Analyst, Umbrella Corp, Munich\n"
        "2012–Dec Description\n"
        "2014\n"
    )
    assert _jobs(text) == [
        ("Senior Data Engineer", "Globex Logistics", "2019-09", "present"),
        ("Data Engineer", "Initech GmbH", "2015", "2019"),
        ("Junior Analyst", "Umbrella Corp", "2012-01", "2014-12"),
    ]


def test_undated_lines_without_a_job_title_are_not_jobs() -> None:
    """moderncv's placeholders and side-column labels must not pass for jobs."""
    text = "Jane Roe\n\nExperience\nVocational\nyear--year\nCity\nGeneral description no longer than two lines.\n"
    assert parse_text(text, as_of=AS_OF).experience == []
