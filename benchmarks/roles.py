"""Ranking by role: how well each library role's best score separates its own family from the others.

The 48 hand-written resumes of ``tests/fixtures/pool/`` (labelled by job family) are assessed
against every library role; a resume's score for a role is the highest score of any level. For
each role, AUC is the chance that a resume of its family scores above one of another family (all
others, and tech families only). The first lines are the ML-engineer figures of the scoring issue:
data-science resumes (data scientists and ML engineers) against all others, and against tech only.

    python benchmarks/roles.py
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from jobs import auc  # noqa: E402

import rolematch  # noqa: E402

AS_OF = date(2026, 11, 21)
POOL = ROOT / "tests" / "fixtures" / "pool"
FAMILY_OF_ROLE = {
    "data-scientist": "data_scientist",
    "ml-engineer": "ml_engineer",
    "data-engineer": "data_engineer",
    "data-analyst": "data_analyst",
    "mlops-engineer": "mlops_engineer",
    "backend-engineer": "backend_engineer",
    "ai-engineer": "ai_engineer",
}
TECH = set(FAMILY_OF_ROLE.values()) | {"frontend_engineer"}


def split_auc(scores: dict[str, float], families: dict[str, str], positive: set[str], tech_only: bool) -> float:
    pos = [scores[n] for n, f in families.items() if f in positive]
    neg = [scores[n] for n, f in families.items() if f not in positive and (f in TECH or not tech_only)]
    return auc(pos, neg)


def main() -> int:
    labels = json.loads((POOL / "labels.json").read_text(encoding="utf-8"))
    families = {name: label["family"] for name, label in labels.items()}
    resumes = {name: rolematch.parse_resume(POOL / name, as_of=AS_OF) for name in sorted(labels)}
    roles = [r for r in rolematch.list_roles() if r in FAMILY_OF_ROLE]
    best: dict[str, dict[str, float]] = {role: {} for role in roles}
    for name, resume in resumes.items():
        for role in roles:
            assessment = rolematch.assess(resume, role=role)
            best[role][name] = max(report.score for report in assessment.reports.values())
    data_science = {"data_scientist", "ml_engineer"}
    if "ml-engineer" in best:
        all_auc = split_auc(best["ml-engineer"], families, data_science, tech_only=False)
        tech_auc = split_auc(best["ml-engineer"], families, data_science, tech_only=True)
        print(f"ml-engineer best score, data-science resumes vs all others: AUC {all_auc:.3f}")
        print(f"  vs tech families only: {tech_auc:.3f}")
    print(f"{len(resumes)} resumes; per role, its own family against the others (best score of any level)")
    print(f"  {'role':17s} {'n+':>3s}  AUC all  AUC tech")
    for role in roles:
        family = {FAMILY_OF_ROLE[role]}
        count = sum(1 for f in families.values() if f in family)
        everyone = split_auc(best[role], families, family, tech_only=False)
        tech = split_auc(best[role], families, family, tech_only=True)
        print(f"  {role:17s} {count:3d}  {everyone:7.3f}  {tech:8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
