"""Which country a job location names (``rolematch_data/locations.yaml``), so that a pay band of one
country is never quoted as the expected pay of a job in another."""

from __future__ import annotations

import functools
import re
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field

from .._data import empty_list, load_yaml_model

__all__ = ["country_of"]


# The schemas are built when first used (pydantic's defer_build): most reports name no place.


class _CountryNames(BaseModel):
    """How a location names one country: its names, its states or provinces, their codes, its cities."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    names: list[str] = Field(min_length=1)
    subdivisions: list[str] = Field(default_factory=empty_list)
    codes: list[str] = Field(
        default_factory=empty_list, description="Upper-case codes written after a comma ('Austin, TX')."
    )
    cities: list[str] = Field(default_factory=empty_list)


class _Locations(BaseModel):
    """Schema of ``locations.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    version: str
    countries: dict[str, _CountryNames]


@functools.cache
def _patterns() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str], dict[str, str]]:
    """One alternation of every lower-case name, one of every code, and what country each stands for."""
    text = resources.files("rolematch_data").joinpath("locations.yaml").read_text(encoding="utf-8")
    locations = load_yaml_model(text, _Locations, source="rolematch_data/locations.yaml")
    words: dict[str, str] = {}
    codes: dict[str, str] = {}
    for country, names in locations.countries.items():
        for word in (*names.names, *names.subdivisions, *names.cities):
            words.setdefault(word.lower(), country)
        for code in names.codes:
            codes.setdefault(code, country)
    by_length = sorted(words, key=lambda w: (-len(w), w))
    word_pattern = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(w) for w in by_length) + r")(?![\w])")
    code_pattern = re.compile(r",\s*(" + "|".join(sorted(codes)) + r")\b(?![.\w])")
    return word_pattern, words, code_pattern, codes


def country_of(location: str | None) -> str | None:
    """The ISO code of the country ``location`` names, or None when it names none this data knows.

    The match nearest the end wins: a location is written from the smallest place to the largest
    ("Paris, TX" is in the US; "London, Ontario" in Canada).
    """
    if not location:
        return None
    word_pattern, words, code_pattern, codes = _patterns()
    found: list[tuple[int, int, str]] = []
    for match in word_pattern.finditer(location.lower()):
        found.append((match.end(), match.end() - match.start(), words[match.group(0)]))
    for match in code_pattern.finditer(location):
        found.append((match.end(1), len(match.group(1)), codes[match.group(1)]))
    if not found:
        return None
    return max(found)[2]
