"""Selection rates and impact ratios as NYC Local Law 144 bias audits define them.

Demographic data comes from the employer (for example, voluntary self-identification); rolematch
never infers it.

- **Selection rate** (a pass/fail threshold): the share of a category whose score is at or above
  the threshold. **Impact ratio**: a category's selection rate divided by the highest category's.
- **Scoring rate** (continuous scores, no threshold): the share of a category that scores above
  the median score of the whole sample; the impact ratio divides by the highest scoring rate.

Categories below ``min_share`` of the sample may be left out of the ratio, as the rules allow;
they are reported with ``excluded=True``. Ratios under four-fifths (0.8) are flagged.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence

from pydantic import BaseModel, Field

__all__ = ["ImpactRow", "ImpactTable", "impact_ratios"]


class ImpactRow(BaseModel):
    """One category (or intersection of categories)."""

    dimension: str = Field(description="The attribute, e.g. 'sex', or 'sex x race' for intersections.")
    category: str
    count: int
    selected: int
    rate: float
    impact_ratio: float | None = Field(description="None when the category is excluded from the ratio.")
    below_four_fifths: bool
    excluded: bool = False


class ImpactTable(BaseModel):
    """Every dimension's rows, and how selection was decided."""

    method: str = Field(description="'selection rate at threshold T' or 'scoring rate above median M'.")
    rows: list[ImpactRow]

    def flagged(self) -> list[ImpactRow]:
        """Rows under the four-fifths rule."""
        return [row for row in self.rows if row.below_four_fifths]

    def to_markdown(self) -> str:
        """The table as Markdown."""
        lines = [f"Method: {self.method}", "", "| dimension | category | n | selected | rate | impact ratio | flag |"]
        lines.append("|---|---|---|---|---|---|---|")
        for row in self.rows:
            ratio = "excluded" if row.excluded else f"{row.impact_ratio:.3f}"
            flag = "below 4/5" if row.below_four_fifths else ""
            cells = [row.dimension, row.category, str(row.count), str(row.selected), f"{row.rate:.3f}", ratio, flag]
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)


def impact_ratios(
    scores: Mapping[str, float],
    groups: Mapping[str, Mapping[str, str]],
    *,
    threshold: float | None = None,
    dimensions: Sequence[str] | None = None,
    intersections: bool = True,
    min_share: float = 0.0,
) -> ImpactTable:
    """Selection (or scoring) rates and impact ratios per category and intersection.

    ``scores`` maps a candidate id to a score; ``groups`` maps the same ids to their categories
    (``{"sex": "female", "race": "Asian"}``). Candidates without demographic data are left out.
    """
    ids = sorted(i for i in scores if i in groups)
    if not ids:
        raise ValueError("no candidate has both a score and demographic data")
    if threshold is None:
        median = statistics.median(scores[i] for i in ids)
        chosen = {i for i in ids if scores[i] > median}
        method = f"scoring rate: share scoring above the sample median {median:g}"
    else:
        chosen = {i for i in ids if scores[i] >= threshold}
        method = f"selection rate: share scoring at or above {threshold:g}"
    names = list(dimensions) if dimensions else sorted({d for i in ids for d in groups[i]})
    plans = [(name, [name]) for name in names]
    if intersections and len(names) > 1:
        plans.append((" x ".join(names), names))
    rows: list[ImpactRow] = []
    for label, keys in plans:
        members: dict[str, list[str]] = {}
        for i in ids:
            if all(key in groups[i] for key in keys):
                members.setdefault(" / ".join(str(groups[i][key]) for key in keys), []).append(i)
        total = sum(len(m) for m in members.values())
        rates = {category: sum(i in chosen for i in m) / len(m) for category, m in members.items()}
        excluded = {c for c, m in members.items() if total and len(m) / total < min_share}
        counted = [rates[c] for c in rates if c not in excluded]
        best = max(counted) if counted else 0.0
        for category in sorted(members):
            ratio = None if category in excluded else (rates[category] / best if best else 0.0)
            rows.append(
                ImpactRow(
                    dimension=label,
                    category=category,
                    count=len(members[category]),
                    selected=sum(i in chosen for i in members[category]),
                    rate=round(rates[category], 4),
                    impact_ratio=None if ratio is None else round(ratio, 4),
                    below_four_fifths=ratio is not None and ratio < 0.8,
                    excluded=category in excluded,
                )
            )
    return ImpactTable(method=method, rows=rows)
