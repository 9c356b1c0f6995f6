"""Salary expectation: where in a level's pay band (from the role file) a job's location and industry place it.

Nothing a resume says moves the expectation: only the role file's band and placement rules and the
job's own location and industry. A band describes one country (``salary.region``); a job located
in another gets the band as a reference and no expected figure, with a note that says why. A level
without a band (too few survey rows) says so instead of inventing one.
"""

from __future__ import annotations

import re

from ._region import country_of
from ._report import SalaryExpectation, SalaryFactor
from ._roles import LevelSpec, Role, SalaryPlacement

__all__ = ["salary_expectation"]


def _placement_hit(rule: SalaryPlacement, value: str) -> str | None:
    """The first of the rule's values named, as a whole word, in the job's location or industry."""
    return next(
        (v for v in rule.values if value and re.search(rf"(?<![a-z]){re.escape(v.lower())}(?![a-z])", value)), None
    )


def _factors(role: Role, location: str | None, industry: str | None) -> tuple[float, list[SalaryFactor]]:
    """How far the job's location and industry move the expectation within the band, and why."""
    shift = 0.0
    factors = []
    given = {"location": (location or "").lower(), "industry": (industry or "").lower()}
    for rule in role.spec.salary.placement:
        hit = _placement_hit(rule, given[rule.factor])
        if hit:
            shift += rule.step if rule.direction == "up" else -rule.step
            factors.append(SalaryFactor(factor=rule.factor, value=hit, direction=rule.direction, because=rule.because))
    return shift, factors


def _region_notes(region: str | None, location: str | None, country: str | None) -> tuple[bool, list[str]]:
    """Whether the band applies to the job's location, and what to tell the reader about it."""
    if region is None or not location:
        return True, []
    if country is None:
        return True, [f"The band is a {region} figure; the location {location!r} names no country rolematch knows."]
    if country != region:
        return False, [
            f"The band is a {region} figure and {location!r} is in {country}, outside the region it covers: "
            "no expected pay is given, and no factor converts it."
        ]
    return True, []


def _stated(role: Role) -> SalaryExpectation | None:
    """The pay a job posting states, when the role was made from one that does."""
    stated = role.posting.salary if role.posting is not None else None
    if stated is None:
        return None
    low = stated.min if stated.min is not None else stated.max
    expected = (stated.min + stated.max) // 2 if stated.min is not None and stated.max is not None else low
    return SalaryExpectation(
        origin="posting",
        currency=stated.currency,
        period=stated.period,
        low=stated.min,
        high=stated.max,
        typical=None,
        expected=expected,
        factors=[],
        source=f"the job posting: {stated.text!r}",
        basis="stated in the posting" + ("; the midpoint is expected" if stated.min != stated.max else ""),
        caveat="",
    )


def salary_expectation(role: Role, level: LevelSpec, location: str | None, industry: str | None) -> SalaryExpectation:
    """What the job pays: the posting's figures when it states them, else the level's band and the
    expected pay within it for a job at ``location`` in ``industry``."""
    stated = _stated(role)
    if stated is not None:
        return stated
    spec = role.spec.salary
    band = level.salary
    source = f"{role.spec.source.salary_source} ({role.spec.source.document}); {role.source}, level {level.id}"
    country = country_of(location)
    if band is None:
        return SalaryExpectation(
            origin="none",
            currency=spec.currency,
            period=spec.period,
            low=None,
            high=None,
            typical=None,
            expected=None,
            region=spec.region,
            location_country=country,
            notes=[f"No band: {level.salary_note}"],
            factors=[],
            source=source,
            basis="no band",
            caveat=role.spec.source.caveat,
        )
    applies, notes = _region_notes(spec.region, location, country)
    expected: int | None = band.typical
    factors: list[SalaryFactor] = []
    if not applies:
        expected = None
    else:
        shift, factors = _factors(role, location, industry)
        if factors:
            position = (band.typical - band.low) / (band.high - band.low) if band.high > band.low else 0.0
            position = min(1.0, max(0.0, position + shift))
            expected = int(round((band.low + position * (band.high - band.low)) / 1000) * 1000)
    return SalaryExpectation(
        origin="role_band",
        currency=spec.currency,
        period=spec.period,
        low=band.low,
        high=band.high,
        typical=band.typical,
        expected=expected,
        n=band.n,
        region=spec.region,
        location_country=country,
        notes=notes,
        factors=factors,
        source=source,
        basis=band.basis if band.n is None else f"{band.basis} (n={band.n}, {band.years})",
        caveat=role.spec.source.caveat,
    )
