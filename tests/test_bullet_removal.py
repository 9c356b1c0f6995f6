"""Metamorphic: removing the only line that shows a met must-have as work makes it partial or missing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import rolematch
from rolematch._skills import default_taxonomy

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
AS_OF = date(2026, 11, 21)
_TEXTS = sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".md"})


def _cases() -> list[tuple[str, str, str]]:
    """(example, level, must-have id) for every met must-have whose work evidence sits on one line."""
    taxonomy = default_taxonomy()
    cases = []
    for name in _TEXTS:
        resume = rolematch.parse_text((EXAMPLES / name).read_text(encoding="utf-8"), as_of=AS_OF)
        assessment = rolematch.assess(resume, role="ml-engineer")
        for level, report in assessment.reports.items():
            for requirement in report.requirements:
                if requirement.kind != "must" or requirement.status != "met":
                    continue
                wanted = set(requirement.skills)
                lines = {
                    resume.text.count("\n", 0, m.span.start)
                    for m in resume.skills
                    if m.experience_index is not None
                    and (m.skill_id in wanted or wanted & set(taxonomy.implied(m.skill_id)))
                }
                if len(lines) == 1:
                    cases.append((name, level, requirement.id))
    return cases


_CASES = _cases()


def test_there_are_cases_to_try() -> None:
    assert len(_CASES) >= 5, _CASES


@pytest.mark.parametrize(("name", "level", "requirement_id"), _CASES)
def test_removing_the_only_line_that_shows_a_must_have_unmeets_it(name: str, level: str, requirement_id: str) -> None:
    taxonomy = default_taxonomy()
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    resume = rolematch.parse_text(text, as_of=AS_OF)
    report = rolematch.match(resume, level=level)
    (requirement,) = [r for r in report.requirements if r.id == requirement_id]
    wanted = set(requirement.skills)
    (line,) = {
        resume.text.count("\n", 0, m.span.start)
        for m in resume.skills
        if m.experience_index is not None and (m.skill_id in wanted or wanted & set(taxonomy.implied(m.skill_id)))
    }
    kept = resume.text.split("\n")
    removed = "\n".join(kept[:line] + kept[line + 1 :])
    after = rolematch.match(rolematch.parse_text(removed, as_of=AS_OF), level=level)
    (again,) = [r for r in after.requirements if r.id == requirement_id]
    assert again.status in {"partial", "missing"}, (kept[line], again.evidence)
