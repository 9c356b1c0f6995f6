"""Education sections as they are written around the world: levels, fields, institutions, years."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import AS_OF
from rolematch import EducationLevel, parse_resume, parse_text
from rolematch._parse._education import _heading_cells, _section_lines, find_education
from rolematch._parse._lines import split_lines

Row = tuple[EducationLevel | None, str | None, str | None, str | None, int | None]


def _education(body: str) -> list[Row]:
    resume = parse_text(f"Ana Lima\nana@example.com\n\nEducation\n{body.strip()}\n", as_of=AS_OF)
    for entry in resume.education:
        assert 0 <= entry.span.start < entry.span.end <= len(resume.text)
    return [(e.level, e.degree, e.field, e.institution, e.year) for e in resume.education]


S, B, M = EducationLevel.SECONDARY, EducationLevel.BACHELOR, EducationLevel.MASTER


def test_indian_table_with_school_levels_and_boards() -> None:
    body = """
Qualification | Institute | Board/University | Year | Percentage
B.Tech (CSE) | JNTU Hyderabad | JNTU | 2018 | 72%
Intermediate (MPC) | Sri Chaitanya Junior College | Board of Intermediate Education, AP | 2014 | 92%
SSC | Kendriya Vidyalaya | CBSE | 2012 | 88%
"""
    assert _education(body) == [
        (B, "B.Tech", "CSE", "JNTU Hyderabad", 2018),
        (S, "Intermediate", "MPC", "Sri Chaitanya Junior College", 2014),
        (S, "SSC", None, "Kendriya Vidyalaya", 2012),
    ]


def test_class_x_and_xii_rows_name_the_school_not_the_board() -> None:
    body = """
B. Tech (Computer Science and Engineering), Anna University, Chennai | 2012 - 2016 | CGPA: 8.1/10
Class XII, CBSE, Delhi Public School, R.K. Puram | 2012 | 92.4%
Class X, CBSE, Delhi Public School | 2010 | 10 CGPA
"""
    assert _education(body) == [
        (B, "B. Tech", "Computer Science and Engineering", "Anna University", 2016),
        (S, "Class XII", None, "Delhi Public School", 2012),
        (S, "Class X", None, "Delhi Public School", 2010),
    ]


@pytest.mark.parametrize(
    ("line", "level", "degree"),
    [
        ("10th - 2010 - 85%", S, "10th"),
        ("12th, Narayana Junior College, 2014, 94%", S, "12th"),
        ("HSC (State Board), 2012, 91%", S, "HSC"),
        ("Higher Secondary Certificate, Govt. Higher Secondary School, 2013", S, "Higher Secondary Certificate"),
        ("Matriculation, Punjab School Education Board, 2009", S, "Matriculation"),
        ("A-levels: Mathematics, Physics, Chemistry — King's College School, 2011", S, "A-levels"),
        ("GCSE, 2009", S, "GCSE"),
        ("Abitur, Goethe-Gymnasium Frankfurt, 2003", S, "Abitur"),
        ("Baccalauréat S, Lycée Henri IV, 2013", S, "Baccalauréat"),
        ("Baccalaureat scientifique, Lycee Victor Hugo, 2012", S, "Baccalaureat"),
        ("Leaving Certificate, Coláiste Eoin, Dublin, 2010", S, "Leaving Certificate"),
        ("High School Diploma, Lincoln High School, Portland, OR, 2010", S, "High School Diploma"),
        ("B.E., Visvesvaraya Technological University, 2015", B, "B.E."),
        ("BE Mechanical, Pune University, 2011", B, "BE"),
        ("B.Sc, St. Xavier's College, 2012", B, "B.Sc"),
        ("B.Com (Hons), Shri Ram College of Commerce, 2010", B, "B.Com (Hons)"),
        ("MBBS, All India Institute of Medical Sciences, New Delhi, 2015", B, "MBBS"),
        ("BCA, Christ University, 2012", B, "BCA"),
        ("Licence Mathématiques, Université de Lyon, 2016", B, "Licence"),
        ("Laurea in Ingegneria, Politecnico di Milano, 2015", B, "Laurea"),
        ("Diplom-Informatiker (FH), Hochschule Darmstadt, 2005", B, "Diplom-Informatiker (FH)"),
        ("M.Tech, IIT Bombay, 2019", M, "M.Tech"),
        ("M. Tech in VLSI Design, NIT Trichy, 2017", M, "M. Tech"),
        ("MCA from Bangalore University in 2015", M, "MCA"),
        ("M.Sc. Physics, University of Mumbai, 2014", M, "M.Sc."),
        ("PGDM (Finance), IIM Ahmedabad, 2019", M, "PGDM"),
        ("PGDBA, IIM Calcutta, 2020", M, "PGDBA"),
        ("Dipl.-Ing. Maschinenbau, Technische Universität München, 2009", M, "Dipl.-Ing."),
        ("Diplom Physik, Universität Heidelberg, 2008", M, "Diplom"),
        ("Master 2 Informatique, Université Paris-Saclay, 2018", M, "Master 2"),
        ("M2 Data Science, Université Paris-Saclay, 2019", M, "M2"),
        ("Laurea Magistrale in Ingegneria Informatica, Politecnico di Milano, 2017", M, "Laurea Magistrale"),
        ("Máster en Ciencia de Datos, Universidad de Granada, 2020", M, "Máster"),
        ("Postgraduate Diploma in Data Science, IIIT Bangalore, 2021", EducationLevel.CERTIFICATE, None),
    ],
)
def test_degree_forms_map_to_their_level(line: str, level: EducationLevel, degree: str | None) -> None:
    [(found_level, found_degree, _, _, year)] = _education(line)
    assert found_level is level
    if degree is not None:
        assert found_degree == degree
    assert year is not None


@pytest.mark.parametrize(
    "line",
    [
        "Intermediate knowledge of Spanish",
        "Ranked 10th in the district science olympiad",
        "Master thesis: Learning to rank for product search",
    ],
)
def test_ordinary_words_are_not_degrees(line: str) -> None:
    assert _education(line) == []


def test_a_prose_line_above_the_degrees_joins_no_entry() -> None:
    body = "Ranked 10th in the district science olympiad, 2012\nB.Sc. Chemistry, University of Delhi, 2014"
    assert _education(body) == [(B, "B.Sc.", "Chemistry", "University of Delhi", 2014)]


def test_institution_first_layout_keeps_dates_and_grades_with_their_entry() -> None:
    body = """
Anna University, Chennai
B.E. Computer Science and Engineering
2012 - 2016
CGPA 8.1
St. Joseph's Higher Secondary School, Chennai
HSC (State Board), 2012, 91%
"""
    assert _education(body) == [
        (B, "B.E.", "Computer Science and Engineering", "Anna University", 2016),
        (S, "HSC", None, "St. Joseph's Higher Secondary School", 2012),
    ]


def test_degree_first_layout_with_names_the_vocabulary_does_not_know() -> None:
    body = """
MCA
Bangalore University
2015
BCA
Christ University
2012
Bachelor of Technology
Computer Science and Engineering
BITS Pilani
2008 - 2012
"""
    assert _education(body) == [
        (M, "MCA", None, "Bangalore University", 2015),
        (B, "BCA", None, "Christ University", 2012),
        (B, "Bachelor of Technology", "Computer Science and Engineering", "BITS Pilani", 2012),
    ]


def test_one_line_entries_do_not_lend_their_school_to_the_next_degree() -> None:
    body = "B.E., Anna University, 2016\nDelhi Public School, 2012, 88%\nM.Tech, IIT Madras, 2019"
    assert _education(body) == [
        (B, "B.E.", None, "Anna University", 2016),
        (S, None, None, "Delhi Public School", 2012),
        (M, "M.Tech", None, "IIT Madras", 2019),
    ]


def test_date_first_layout() -> None:
    body = """
2012 - 2016
B.E. Mechanical Engineering
Anna University
2010 - 2012
Higher Secondary
Government Higher Secondary School
"""
    assert _education(body) == [
        (B, "B.E.", "Mechanical Engineering", "Anna University", 2016),
        (S, "Higher Secondary", None, "Government Higher Secondary School", 2012),
    ]


def test_small_caps_layout_of_a_latex_template() -> None:
    # As Deedy's two-column LaTeX resume reads: institution, degree, "date | place", details.
    body = """
CORNELL UNIVERSITY
MENG IN COMPUTER SCIENCE
Dec 2014 | Ithaca, NY
CORNELL UNIVERSITY
BS IN COMPUTER SCIENCE
May 2014 | Ithaca, NY
College of Engineering
Magna Cum Laude
Cum. GPA: 3.83 / 4.0
LA MARTINIERE FOR BOYS
Grad. May 2011| Kolkata, India
"""
    assert _education(body) == [
        (M, "MENG", "COMPUTER SCIENCE", "CORNELL UNIVERSITY", 2014),
        (B, "BS", "COMPUTER SCIENCE", "CORNELL UNIVERSITY", 2014),
        (S, None, None, "LA MARTINIERE FOR BOYS", 2011),
    ]


def test_deedy_pdf_education(corpus_pdfs: Path) -> None:
    resume = parse_resume(corpus_pdfs / "deedy" / "deedy_resume-openfont.pdf", as_of=AS_OF)
    assert [(e.level, e.institution, e.year) for e in resume.education] == [
        (M, "CORNELL UNIVERSITY", 2014),
        (B, "CORNELL UNIVERSITY", 2014),
        (S, "LA MARTINIERE FOR BOYS", 2011),
    ]


def test_moderncv_placeholders_give_no_education(corpus_pdfs: Path) -> None:
    # "year–year Degree, Institution, City, Grade." and "Master thesis" name nothing real.
    resume = parse_resume(corpus_pdfs / "moderncv" / "template_classic_green.pdf", as_of=AS_OF)
    assert resume.education == []


@pytest.mark.parametrize(
    ("line", "field", "institution"),
    [
        ("B.Tech, Anna University, 2016", None, "Anna University"),
        ("B.Tech in Computer Science, Anna University, 2016", "Computer Science", "Anna University"),
        ("B.Tech, Computer Science, Anna University, 2016", "Computer Science", "Anna University"),
        ("B.Tech, Manipal, 2016", None, "Manipal"),
        ("MCA from Bangalore University in 2015", None, "Bangalore University"),
        ("M.S. Computer Science — Georgia Tech, 2018", "Computer Science", "Georgia Tech"),
        ("Bachelor of Engineering (B.E.), Computer Science, Anna University, 2016", "Computer Science",
         "Anna University"),
        ("B.Sc. (Hons) Physics, University of Delhi, 2014", "Physics", "University of Delhi"),
        ("B.Tech/M.Tech Dual Degree, IIT Bombay, 2019", None, "IIT Bombay"),
        ("BA Honours in History, University of Leeds, 2015", "History", "University of Leeds"),
        ("Bachelor of Science, Magna Cum Laude, Yale University, 2010", None, "Yale University"),
        ("Bachelor of Science in Computer Science, University of Texas at Austin, 2020", "Computer Science",
         "University of Texas at Austin"),
    ],
)  # fmt: skip
def test_a_school_name_is_not_a_field(line: str, field: str | None, institution: str) -> None:
    [(_, _, found_field, found_institution, _)] = _education(line)
    assert (found_field, found_institution) == (field, institution)


def test_us_layouts_with_tabs_minors_and_gpas() -> None:
    body = """
University of Michigan — Ann Arbor, MI
B.S.E. in Computer Science, Minor in Mathematics\tAug 2016 – May 2020
GPA: 3.9/4.0
Bachelor's degree in Economics (2010–2014)
Associate of Applied Science in Networking, 2008
"""
    assert _education(body) == [
        (B, "B.S.E.", "Computer Science", "University of Michigan", 2020),
        (B, "Bachelor's", "Economics", None, 2014),
        (EducationLevel.ASSOCIATE, "Associate of Applied Science", "Networking", None, 2008),
    ]


def test_grades_are_never_fields_or_institutions() -> None:
    body = "B.E. (CGPA 8.4/10), PES University, 2019\nClass XII - 94.2% - 2015\nB.Com - 3.6/4.0 - 2012"
    rows = _education(body)
    assert [r[2] for r in rows] == [None, None, None]
    assert [r[3] for r in rows] == ["PES University", None, None]


@pytest.mark.parametrize(
    ("body", "year"),
    [
        ("B.Sc. Physics, University of Leeds, 2014 - 2018", 2018),
        ("University of Texas at Austin\nBachelor of Science in Computer Science, Expected May 2027", 2027),
        ("M.Tech, IIT Madras\n2022 - Present", None),
        ("B.A. Economics, McGill University (Sept 2015 – Apr 2019)", 2019),
    ],
)
def test_year_is_the_graduation_year(body: str, year: int | None) -> None:
    assert _education(body)[0][4] == year


def test_details_stay_with_their_entry() -> None:
    body = """
• Bachelor of Science in Nursing, University of Manila, 2011
• GPA: 3.6/4.0
• Relevant coursework: Anatomy, Pharmacology
• High School Diploma, Manila Science High School, 2007
"""
    assert _education(body) == [
        (B, "Bachelor of Science", "Nursing", "University of Manila", 2011),
        (S, "High School Diploma", None, "Manila Science High School", 2007),
    ]


_PIECES = [
    "B.Tech", "10th", "XII", "Intermediate", "CBSE", "Board of", "University", "College", "School",
    "Anna", "2014 - 2018", "Expected May 2027", "85%", "CGPA: 8.1/10", ", ", " | ", "\n", "\t", "(", ")",
    "in ", "Computer Science", "Dipl.-Ing.", "Baccalauréat", "M2", "Master thesis", "• ", "Present",
]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(st.text(max_size=300), st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)),
    st.integers(min_value=0, max_value=20),
)
def test_find_education_never_raises_and_spans_index_the_text(text: str, cut: int) -> None:
    start = min(cut, len(text))
    for entry in find_education(text, start, len(text)):
        assert start <= entry.span.start <= entry.span.end <= len(text)
        assert entry.level is not None or entry.institution is not None


# --- Qualifications read from the names US, UK and Indian nursing and teaching resumes use ---


@pytest.mark.parametrize(
    ("line", "level", "degree"),
    [
        ("BSN, Nursing — Mercy College of Health Sciences (2014)", B, "BSN"),
        ("MSN in Nursing Education, Walden University, 2019", M, "MSN"),
        ("ADN, Valencia College, 2010", EducationLevel.ASSOCIATE, "ADN"),
        ("PGCE Secondary Mathematics, University of Leeds, 2012", EducationLevel.CERTIFICATE, "PGCE"),
        ("GNM, Government School of Nursing, Kolkata, 2009", EducationLevel.CERTIFICATE, "GNM"),
        ("MPH, Emory University, 2017", M, "MPH"),
        ("DNP, Rush University, 2021", EducationLevel.DOCTORATE, "DNP"),
    ],
)
def test_nursing_and_teaching_qualifications(line: str, level: EducationLevel, degree: str) -> None:
    [row] = _education(line)
    assert (row[0], row[1]) == (level, degree)


def test_licence_in_a_field_is_a_degree_without_a_year_on_its_line() -> None:
    body = """
Licence in Economics
Université Paris-Dauphine
2015
"""
    assert _education(body) == [(B, "Licence", "Economics", "Université Paris-Dauphine", 2015)]


def test_educational_qualification_heading_opens_the_education_section() -> None:
    text = """Priya Nair
priya.nair@example.com

Work Experience
Staff Nurse | Apollo Hospitals | 2016 - Present

Educational Qualifications:
Course | Institution | Year | Percentage
B.Sc Nursing | Manipal College of Nursing | 2016 | 78%
HSC | St. Teresa's Convent | 2012 | 88%
"""
    resume = parse_text(text, as_of=AS_OF)
    assert [(e.level, e.institution, e.year) for e in resume.education] == [
        (B, "Manipal College of Nursing", 2016),
        (S, "St. Teresa's Convent", 2012),
    ]


# --- Names and degrees a narrow column or a table cell wrapped over several lines ---


def test_names_wrapped_by_a_narrow_column_are_joined() -> None:
    body = """
Master of Science in Data
Science
Carnegie Mellon
University
2019 - 2021
Bachelor of Engineering in
Electronics and
Communication
National Institute
of Technology Karnataka
2014 - 2018
"""
    assert _education(body) == [
        (M, "Master of Science", "Data Science", "Carnegie Mellon University", 2021),
        (
            B,
            "Bachelor of Engineering",
            "Electronics and Communication",
            "National Institute of Technology Karnataka",
            2018,
        ),
    ]


@pytest.mark.parametrize(
    ("body", "level", "degree"),
    [
        ("Higher Secondary\nCertificate\nGovt. Model School, Thrissur\n2011", S, "Higher Secondary Certificate"),
        (
            "Higher National\nDiploma in Computing\nCoventry University\n2013",
            EducationLevel.ASSOCIATE,
            "Higher National Diploma",
        ),
    ],
)
def test_a_degree_name_wrapped_over_two_lines_is_one_degree(body: str, level: EducationLevel, degree: str) -> None:
    [row] = _education(body)
    assert (row[0], row[1]) == (level, degree)


def test_separate_lines_that_only_look_wrapped_stay_apart() -> None:
    body = """
Bachelor of Technology
Computer Science and Engineering
Stanford University
Stanford, CA
2012
B.S. Economics
University of Texas at Austin
2008
"""
    assert _education(body) == [
        (B, "Bachelor of Technology", "Computer Science and Engineering", "Stanford University", 2012),
        (B, "B.S.", "Economics", "University of Texas at Austin", 2008),
    ]


def test_table_rows_whose_cells_wrap_are_joined_back() -> None:
    body = (
        "Degree\tUniversity\tYear\n"
        "Bachelor of Science in\tUniversity of the\t2012\n"
        "Computer Science\tWitwatersrand\n"
        "BA (Hons) English\tUniversity of\t2015\n"
        "Cape Town\n"
        "Matric\tKing Edward VII School\t2008\n"
    )
    assert _education(body) == [
        (B, "Bachelor of Science", "Computer Science", "University of the Witwatersrand", 2012),
        (B, "BA (Hons)", "English", "University of Cape Town", 2015),
        (S, "Matric", None, "King Edward VII School", 2008),
    ]


def test_a_table_read_column_after_column_is_put_back_into_rows() -> None:
    # How a PDF reader gives a DOCX table: each column's cells in turn, under its own heading.
    body = """
Qualification
B.Com (Hons)
Class XII
Institute
Shri Ram College of
Commerce
Delhi Public School,
R.K. Puram
Year
2019
2016
"""
    assert _education(body) == [
        (B, "B.Com (Hons)", None, "Shri Ram College of Commerce", 2019),
        (S, "Class XII", None, "Delhi Public School", 2016),
    ]


def test_a_column_that_is_short_of_cells_is_not_paired() -> None:
    # Two degrees but one institution: the columns do not line up, so nothing is paired by order.
    body = """
Degree
MBA
B.Tech in Mechanical Engineering
Institution
Indian Institute of Management Lucknow
"""
    rows = _education(body)
    assert [r[0] for r in rows if r[0] is not None] == [M, B]
    assert all(r[3] is None for r in rows if r[0] is not None)


_TABLE_PIECES = [
    "Degree", "Institution", "Year", "Qualification", "Board/University", "%", "M.Sc. in", "BSc (Hons)",
    "Information", "Technology", "University of", "Wexham", "Northumbria Vale", "University", "Kingsbridge",
    "College London", "High School", "Diploma", "2019", "7.4 CGPA", "\t", " | ", "\n", "\n", "and", "of",
    "d'Ingénieurs", "• ", "Class XII", "Licence in", "Economics", "Degree\tInstitution\n", "|",
]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_TABLE_PIECES), max_size=40).map("".join))
@example("Degree\tInstitution\nDegreeDegree\tDegree\n• and")  # a bulleted line was joined to a cell, its bullet lost
def test_rebuilt_lines_keep_every_word_and_index_the_text(text: str) -> None:
    """Joining wrapped lines and rebuilding table rows loses no word and keeps offsets in the text."""
    lines = split_lines(text)
    rebuilt = _section_lines(lines)
    for line in rebuilt:
        assert 0 <= line.start < line.end <= len(text)
    words_out = [w for line in rebuilt for w in line.text.replace("|", " ").split()]
    for line in lines:
        if _heading_cells(line.content) is None:  # heading rows of a table read by columns go
            for word in line.text.replace("|", " ").split():
                assert word in words_out
    for entry in find_education(text, 0, len(text)):
        assert 0 <= entry.span.start < entry.span.end <= len(text)


def test_honours_and_places_on_their_own_lines_are_not_joined_to_a_name() -> None:
    body = """
University of Michigan
cum laude
B.A. Political Science
Boston, MA
College of the Holy Cross
B.A. History
2009
"""
    rows = _education(body)
    assert [r[3] for r in rows] == ["University of Michigan", "College of the Holy Cross"]
