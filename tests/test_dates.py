"""Every date form the issue names, and the years arithmetic."""

from __future__ import annotations

from datetime import date

import pytest

from rolematch import ExperienceEntry, Span, YearMonth, parse_text
from rolematch._parse import total_experience_years
from rolematch._parse._dates import find_date_ranges

YM = YearMonth


@pytest.mark.parametrize(
    ("text", "start", "end", "current"),
    [
        ("Mar 2024 – Present", YM(year=2024, month=3), None, True),
        ("01/2021 – present", YM(year=2021, month=1), None, True),
        ("2019–present", YM(year=2019), None, True),
        ("June 2025 to August 2025", YM(year=2025, month=6), YM(year=2025, month=8), False),
        ("Sept 2015 - Jun 2020", YM(year=2015, month=9), YM(year=2020, month=6), False),
        ("2014-2018", YM(year=2014), YM(year=2018), False),
        ("(07/2013 – 05/2016)", YM(year=2013, month=7), YM(year=2016, month=5), False),
        ("2019", YM(year=2019), YM(year=2019), False),
        ("September 2019 — Current", YM(year=2019, month=9), None, True),
        ("Jan. 2020 - Dec. 2021", YM(year=2020, month=1), YM(year=2021, month=12), False),
        ("2020-03 to 2021-11", YM(year=2020, month=3), YM(year=2021, month=11), False),
        ("Summer 2012", YM(year=2012, month=6), YM(year=2012, month=6), False),
    ],
)
def test_date_forms(text: str, start: YearMonth, end: YearMonth | None, current: bool) -> None:
    found = find_date_ranges(f"Engineer, Acme\t{text}")
    assert len(found) == 1, found
    assert (found[0].start, found[0].end, found[0].is_current) == (start, end, current)


@pytest.mark.parametrize("text", ["99.5% to 99.99%", "50K+ users", "reduced latency by 60%", "$12M budget", "ISO 9001"])
def test_numbers_that_are_not_dates(text: str) -> None:
    assert find_date_ranges(text) == []


def _entry(start: YearMonth, end: YearMonth | None) -> ExperienceEntry:
    return ExperienceEntry(start=start, end=end, is_current=end is None, span=Span(start=0, end=0))


def test_overlapping_and_concurrent_ranges_are_merged_not_summed() -> None:
    entries = [
        _entry(YM(year=2018, month=1), YM(year=2020, month=12)),  # 36 months
        _entry(YM(year=2019, month=6), YM(year=2021, month=5)),  # overlaps: adds Jan-May 2021
        _entry(YM(year=2019, month=1), YM(year=2019, month=12)),  # concurrent: adds nothing
    ]
    assert total_experience_years(entries, date(2030, 1, 1)) == round(41 / 12, 2)


def test_open_ranges_end_at_as_of() -> None:
    entries = [_entry(YM(year=2020, month=1), None)]
    assert total_experience_years(entries, date(2022, 12, 15)) == 3.0
    assert total_experience_years(entries, date(2021, 6, 1)) == 1.5


def test_year_only_ranges_count_whole_years() -> None:
    assert total_experience_years([_entry(YM(year=2014), YM(year=2018))], date(2030, 1, 1)) == 4.0
    assert total_experience_years([_entry(YM(year=2018), YM(year=2018))], date(2030, 1, 1)) == 1.0


def test_as_of_makes_results_reproducible() -> None:
    text = "Jane Roe\n\nExperience\nData Engineer, Acme\tMar 2024 – Present\n• Built pipelines in Spark.\n"
    early = parse_text(text, as_of=date(2025, 2, 1))
    late = parse_text(text, as_of=date(2026, 2, 1))
    assert early.total_experience_years == 1.0
    assert late.total_experience_years == 2.0
    assert parse_text(text, as_of=date(2025, 2, 1)).model_dump_json() == early.model_dump_json()


def test_inverted_ranges_count_nothing_and_are_reported() -> None:
    text = "Jane Roe\n\nExperience\nData Engineer, Acme\tMar 2022 – Jan 2020\n• Built pipelines.\n"
    resume = parse_text(text, as_of=date(2026, 1, 1))
    assert resume.total_experience_years == 0.0
    assert "inverted_dates" in {w.code for w in resume.warnings}
