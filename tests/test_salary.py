"""Salary expectations: bands describe one country, a level may have no band, nothing comes from the resume."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

import rolematch
from rolematch import load_role, match
from rolematch._match._region import country_of
from rolematch._present import render_report

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ROLE_FILE = Path(__file__).resolve().parents[1] / "rolematch_data" / "roles" / "ml-engineer.yaml"
AS_OF = date(2026, 11, 21)


@pytest.mark.parametrize(
    ("location", "country"),
    [
        ("London, UK", "GB"),
        ("Bangalore, India", "IN"),
        ("New York, NY", "US"),
        ("Paris, TX", "US"),  # the place named last decides
        ("Paris, France", "FR"),
        ("London, Ontario", "CA"),
        ("Chicago, IN", "US"),  # a state code after a comma
        ("Austin, Texas, USA", "US"),
        ("Remote", None),
        ("", None),
    ],
)
def test_the_country_a_location_names(location: str, country: str | None) -> None:
    assert country_of(location) == country


@pytest.mark.parametrize("location", ["London, UK", "Bangalore, India", "Berlin, Germany"])
def test_a_us_band_gives_no_expected_pay_outside_the_us(location: str) -> None:
    report = match(EXAMPLES / "mid-ml-engineer.md", level="mid", as_of=AS_OF, location=location)
    salary = report.salary
    assert salary.origin == "role_band" and salary.region == "US"
    assert salary.location_country not in (None, "US")
    assert salary.expected is None and salary.low is not None and salary.factors == []
    assert any("US figure" in note and "outside the region" in note for note in salary.notes)
    text = render_report(report)
    assert "No expected pay; band: $" in text and "outside the region it covers" in text


def test_a_us_location_gets_the_band_and_its_factors() -> None:
    report = match(EXAMPLES / "mid-ml-engineer.md", level="mid", as_of=AS_OF, location="New York, NY")
    salary = report.salary
    assert salary.location_country == "US" and salary.notes == []
    assert salary.expected is not None and salary.factors and salary.low is not None
    assert salary.low <= salary.expected <= (salary.high or 0)


def test_a_location_naming_no_known_country_keeps_the_figure_and_says_so() -> None:
    salary = match(EXAMPLES / "mid-ml-engineer.md", level="mid", as_of=AS_OF, location="Remote").salary
    assert salary.expected == salary.typical
    assert salary.notes == ["The band is a US figure; the location 'Remote' names no country rolematch knows."]


def test_a_level_without_a_band_says_so_and_invents_nothing(tmp_path: Path) -> None:
    data = yaml.safe_load(ROLE_FILE.read_text(encoding="utf-8"))
    data["id"] = "ml-engineer-no-band"
    junior = data["levels"][0]
    del junior["salary"]
    junior["salary_note"] = "6 US full-time survey rows at entry level, fewer than the 10 a band needs"
    path = tmp_path / "role.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    role = load_role(path)
    salary = match(EXAMPLES / "junior-ml-engineer.json", role=role, level="junior", as_of=AS_OF).salary
    assert salary.origin == "none" and salary.low is salary.high is salary.expected is None
    assert salary.notes == [f"No band: {junior['salary_note']}"]
    assert salary.hr_open()["ranges"] == []


def test_a_level_needs_a_band_or_a_note_saying_why_not(tmp_path: Path) -> None:
    data = yaml.safe_load(ROLE_FILE.read_text(encoding="utf-8"))
    del data["levels"][0]["salary"]
    path = tmp_path / "role.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(rolematch.DataFileError, match="salary band or a salary_note"):
        load_role(path)
