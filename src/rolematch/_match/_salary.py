"""Salary expectation: where in a level's pay band (from the role file) a job's location and industry place it.

Nothing a resume says moves the expectation: only the role file's band and placement rules and the
job's own location and industry.
"""

from __future__ import annotations

import re

from ._report import SalaryExpectation, SalaryFactor
from ._roles import LevelSpec, Role, SalaryPlacement

__all__ = ["salary_expectation"]


def _placement_hit(rule: SalaryPlacement, value: str) -> str | None:
    """The first of the rule's values named, as a whole word, in the job's location or industry."""
    return next(
        (v for v in rule.values if value and re.search(rf"(?<![a-z]){re.escape(v.lower())}(?![a-z])", value)), None
    )


def salary_expectation(role: Role, level: LevelSpec, location: str | None, industry: str | None) -> SalaryExpectation:
    """The level's band and the expected pay within it for a job at ``location`` in ``industry``."""
    band = level.salary
    spec = role.spec.salary
    position = (band.typical - band.low) / (band.high - band.low) if band.high > band.low else 0.0
    factors = []
    given = {"location": (location or "").lower(), "industry": (industry or "").lower()}
    for rule in spec.placement:
        hit = _placement_hit(rule, given[rule.factor])
        if hit:
            position += rule.step if rule.direction == "up" else -rule.step
            factors.append(SalaryFactor(factor=rule.factor, value=hit, direction=rule.direction, because=rule.because))
    position = min(1.0, max(0.0, position))
    expected = band.typical if not factors else int(round((band.low + position * (band.high - band.low)) / 1000) * 1000)
    return SalaryExpectation(
        currency=spec.currency,
        period=spec.period,
        low=band.low,
        high=band.high,
        typical=band.typical,
        expected=expected,
        factors=factors,
        source=f"{role.spec.source.salary_source} ({role.spec.source.document}); {role.source}, level {level.id}",
        basis=band.basis,
        caveat=role.spec.source.caveat,
    )
