"""Ranking and money: the one place that orders candidates and writes amounts.

The library's ``rank``, the batch outputs (JSONL, CSV, HTML), the CLI's shortlist and
``render_ranking`` all order and format through these functions, so a shortlist reads the same
wherever it is printed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .._match import FitReport, RankedResume

__all__ = ["expected_pay", "money", "must_haves", "pay_range", "rank_reports", "rank_rows"]


def money(value: int, currency: str) -> str:
    """An amount as a reader expects it: ``$185,000`` in dollars, ``90,000 EUR`` otherwise."""
    return f"${value:,}" if currency == "USD" else f"{value:,} {currency}"


def pay_range(salary: Mapping[str, Any]) -> str:
    """A salary block's (as JSON) range: ``$134,000-$215,000``, ``$120,000+``, or ``no band``."""
    low, high, currency = salary["low"], salary["high"], salary["currency"]
    if low is None:
        return "no band"
    per = "" if salary["period"] == "year" else f"/{salary['period']}"
    return (money(low, currency) + "+" if high is None else f"{money(low, currency)}-{money(high, currency)}") + per


def expected_pay(salary: Mapping[str, Any]) -> str:
    """A salary block's (as JSON) expected pay, or in a few words why there is none."""
    if salary["expected"] is not None:
        per = "" if salary["period"] == "year" else f"/{salary['period']}"
        return money(salary["expected"], salary["currency"]) + per
    if salary["low"] is None:
        return "no band"
    return f"none ({salary['region']} band, job in {salary['location_country']})"


def must_haves(report: Mapping[str, Any], *, met: bool, status: str | None = None) -> list[str]:
    """Names of a report's must-have requirements (as JSON) that are met, or not met (``met=False``);
    ``status`` narrows to one status (``missing``, ``partial``)."""
    return [
        r["name"]
        for r in report["requirements"]
        if r["kind"] == "must" and (r["status"] == status if status else (r["status"] == "met") == met)
    ]


def rank_reports(labelled: Iterable[tuple[str, FitReport]]) -> list[RankedResume]:
    """Reports best first by score, ties in label order, numbered from 1."""
    rows = sorted(labelled, key=lambda row: (-row[1].score, row[0]))
    return [
        RankedResume(
            rank=i, source=label, level=report.level, score=report.score, verdict=report.verdict, report=report
        )
        for i, (label, report) in enumerate(rows, start=1)
    ]


def _score(row: Mapping[str, Any]) -> float:
    return float(row["report"]["score"] if row.get("report") else row["score"])


def rank_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Batch rows: matched ones best first (ties by file name), numbered; then errors and duplicates by file name.

    Rows carry either a full ``report`` or just its ``score``.
    """
    matched = sorted((r for r in rows if r["status"] == "ok"), key=lambda r: (-_score(r), r["file"]))
    others = sorted((r for r in rows if r["status"] != "ok"), key=lambda r: (r["status"], r["file"]))
    ranked = [{**row, "rank": i} for i, row in enumerate(matched, start=1)]
    return ranked + [{**row, "rank": None} for row in others]
