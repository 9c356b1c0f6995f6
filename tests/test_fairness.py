"""Fairness and audit: blind to identity, blind mode, the audit trail, impact ratios, oversight."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import rolematch
from conftest import AS_OF, EXAMPLES
from rolematch import assess, match, parse_text
from rolematch._audit import AuditLog, identifying_strings, impact_ratios, verify

TEXT_EXAMPLES = ["senior-ml-engineer.txt", "mid-ml-engineer.md", "marketing-analyst.txt", "registered-nurse.txt"]
NAMES = [
    "John Smith", "Aisha Mohammed", "Wei Zhang", "María José González", "Dmitri Ivanov", "Kwame Mensah",
    "Yuki Tanaka", "Fatima Zahra El Amrani", "Oluwaseun Adeyemi", "Sven Lindqvist", "Hannah Cohen",
    "Nguyen Thi Lan", "Rahul Verma", "Emily O'Brien", "Jamal Washington",
]  # fmt: skip
PERSONAL_LINES = [
    "Pronouns: she/her",
    "Pronouns: he/him",
    "Pronouns: they/them",
    "Date of birth: 14 March 1961",
    "Age: 24",
    "Marital status: married, two children",
    "Nationality: Nigerian",
    "Nationality: German",
    "Photo: headshot.jpg",
    "Mother of three, returning to work after a career break",
    "Father, volunteer firefighter",
    "Address: 221B Baker Street, London NW1 6XE",
    "Address: 1600 Amphitheatre Parkway, Mountain View, CA 94043",
    "https://www.instagram.com/someone.else",
    "Email: another.person@mail.example | Phone: +44 20 7946 0958",
]


def _with_identity(text: str, name: str, personal: str) -> str:
    """Swap the name on the first line and add one personal line under it."""
    first, _, rest = text.partition("\n")
    named = f"# {name}" if first.startswith("# ") else name
    return f"{named}\n{personal}\n{rest}"


def _decision(text: str) -> object:
    assessment = assess(parse_text(text, as_of=AS_OF), role="ml-engineer")
    return (
        assessment.best_level,
        {
            level: (
                report.score,
                report.verdict,
                [(r.id, r.status) for r in [*report.requirements, *report.responsibilities]],
            )
            for level, report in assessment.reports.items()
        },
    )


VARIATIONS = [
    (example, NAMES[i % len(NAMES)], PERSONAL_LINES[(i * 7 + j) % len(PERSONAL_LINES)])
    for j, example in enumerate(TEXT_EXAMPLES)
    for i in range(15)
]


def test_there_are_at_least_50_variations() -> None:
    assert len(VARIATIONS) >= 50
    assert len({(name, line) for _, name, line in VARIATIONS}) >= 50


@pytest.mark.parametrize(("example", "name", "personal"), VARIATIONS)
def test_identity_and_personal_details_never_change_the_decision(example: str, name: str, personal: str) -> None:
    original = (EXAMPLES / example).read_text(encoding="utf-8")
    baseline = _decision(_with_identity(original, "Alex Doe", "Contact on request"))
    assert _decision(_with_identity(original, name, personal)) == baseline


def test_graduation_years_that_only_reveal_age_do_not_change_the_decision() -> None:
    """Graduation years are not scored; experience years are (they are job-relevant, see the model card)."""
    original = (EXAMPLES / "senior-ml-engineer.txt").read_text(encoding="utf-8")
    older = re.sub(r"\b(2014|2012)\b", lambda m: str(int(m.group(1)) - 15), original.split("EDUCATION")[1])
    changed = original.split("EDUCATION")[0] + "EDUCATION" + older
    assert changed != original
    assert _decision(changed) == _decision(original)


def test_the_matcher_never_reads_contact_fields() -> None:
    resume = parse_text((EXAMPLES / "senior-ml-engineer.txt").read_text(encoding="utf-8"), as_of=AS_OF)
    emptied = resume.model_copy(update={"contact": rolematch.Contact()})
    assert match(emptied, level="senior").model_dump_json() == match(resume, level="senior").model_dump_json()


# ---------------------------------------------------------------- blind mode


def test_blind_reports_carry_no_identifying_strings() -> None:
    for name in [
        *TEXT_EXAMPLES,
        "junior-ml-engineer.docx",
        "junior-ml-engineer.json",
        "lead-ml-engineer-two-column.pdf",
    ]:
        resume = rolematch.parse_resume(EXAMPLES / name, as_of=AS_OF)
        report = assess(resume, blind=True, role="ml-engineer")
        text = report.model_dump_json().lower()
        for value in identifying_strings(resume):
            assert value.lower() not in text, (name, value)
        assert all(r.blind for r in report.reports.values())


def test_blind_masks_the_candidates_name_inside_evidence() -> None:
    text = (
        "Priya Raman\npriya.raman@example.com | (206) 555-0199 | Seattle, WA\nEXPERIENCE\nML Engineer\n"
        "Acme | Jan 2022 - Present\n• Presented the Raman forecasting model to executives every quarter.\n"
    )
    resume = parse_text(text, as_of=AS_OF)
    plain = match(resume, level="junior")
    blind = match(resume, level="junior", blind=True)
    assert "Raman" in plain.model_dump_json()
    assert "Raman" not in blind.model_dump_json() and "[redacted]" in blind.model_dump_json()
    assert blind.score == plain.score and blind.blind


def test_batch_blind_names_candidates_by_id(tmp_path: Path) -> None:
    from rolematch._batch import run_batch

    out = tmp_path / "blind.csv"
    run_batch([EXAMPLES / "senior-ml-engineer.txt", EXAMPLES / "mid-ml-engineer.md"], out, as_of=AS_OF, blind=True)
    text = out.read_text(encoding="utf-8")
    assert "senior-ml-engineer" not in text and "candidate-" in text
    key = (tmp_path / "blind.csv.key.csv").read_text(encoding="utf-8")
    assert "senior-ml-engineer.txt" in key


# ---------------------------------------------------------------- audit log


def test_the_audit_log_round_trips_through_verify(tmp_path: Path) -> None:
    log = AuditLog(path=tmp_path / "audit.jsonl")
    source = EXAMPLES / "lead-ml-engineer-two-column.pdf"
    report = match(source, level="senior", as_of=AS_OF, location="Seattle", audit=log)
    (entry,) = AuditLog.read(tmp_path / "audit.jsonl")
    raw = (tmp_path / "audit.jsonl").read_text(encoding="utf-8")
    assert "Daniel" not in raw and "Meridian" not in raw  # hashes, never content
    assert entry.score == report.score and entry.parameters["location"] == "Seattle" and entry.reviewer is None
    assert verify(entry, source).identical
    assert not verify(entry.model_copy(update={"score": 1.0}), source).identical
    assert "another file" in verify(entry, EXAMPLES / "mid-ml-engineer.md").differences[0]
    result = subprocess.run(
        [sys.executable, "-m", "rolematch", "audit", "verify", str(tmp_path / "audit.jsonl"), "--input", str(source)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and "identical" in result.stdout


def test_batch_writes_an_audit_log_by_default(tmp_path: Path) -> None:
    out = tmp_path / "s.jsonl"
    subprocess.run(
        [sys.executable, "-m", "rolematch", "batch", str(EXAMPLES / "mid-ml-engineer.md"), "--out", str(out),
         "--as-of", AS_OF.isoformat(), "--top", "0"],
        check=True, capture_output=True,
    )  # fmt: skip
    (entry,) = AuditLog.read(tmp_path / "s.jsonl.audit.jsonl")
    assert verify(entry, EXAMPLES / "mid-ml-engineer.md").identical


# ---------------------------------------------------------------- impact ratios

# A worked example, computed by hand: ten candidates, threshold 70.
SCORES = {"a": 90, "b": 85, "c": 75, "d": 72, "e": 40, "f": 95, "g": 71, "h": 50, "i": 30, "j": 20}
GROUPS = {
    "a": {"sex": "male", "race": "A"}, "b": {"sex": "male", "race": "A"}, "c": {"sex": "male", "race": "B"},
    "d": {"sex": "male", "race": "B"}, "e": {"sex": "male", "race": "A"}, "f": {"sex": "female", "race": "A"},
    "g": {"sex": "female", "race": "B"}, "h": {"sex": "female", "race": "A"}, "i": {"sex": "female", "race": "A"},
    "j": {"sex": "female", "race": "B"},
}  # fmt: skip


def _row(table: object, dimension: str, category: str) -> rolematch._audit.ImpactRow:
    return next(r for r in table.rows if r.dimension == dimension and r.category == category)  # type: ignore[attr-defined]


def test_impact_ratios_match_the_hand_computed_example() -> None:
    table = impact_ratios(SCORES, GROUPS, threshold=70)
    # male: a b c d selected of 5 -> 0.8; female: f g of 5 -> 0.4; ratio 0.4 / 0.8 = 0.5.
    assert (_row(table, "sex", "male").rate, _row(table, "sex", "male").impact_ratio) == (0.8, 1.0)
    assert (_row(table, "sex", "female").rate, _row(table, "sex", "female").impact_ratio) == (0.4, 0.5)
    assert _row(table, "sex", "female").below_four_fifths and not _row(table, "sex", "male").below_four_fifths
    # race A: a b f of 6 -> 0.5; race B: c d g of 4 -> 0.75; A's ratio 0.5 / 0.75 = 0.6667.
    assert _row(table, "race", "A").rate == 0.5 and _row(table, "race", "A").impact_ratio == pytest.approx(0.6667)
    assert _row(table, "race", "B").impact_ratio == 1.0
    # Intersections: male/B: c d of 2 -> 1.0 (highest); female/A: f of 3 -> 0.3333.
    assert _row(table, "race x sex", "B / male").impact_ratio == 1.0
    assert _row(table, "race x sex", "A / female").impact_ratio == pytest.approx(0.3333)
    assert {f"{r.dimension}={r.category}" for r in table.flagged()} >= {"sex=female", "race=A", "race x sex=A / female"}


def test_scoring_rate_variant_uses_the_sample_median() -> None:
    table = impact_ratios(SCORES, GROUPS)
    # median of the ten scores = (71 + 72) / 2 = 71.5; above it: a b c d f.
    assert "71.5" in table.method
    assert _row(table, "sex", "male").selected == 4 and _row(table, "sex", "female").selected == 1
    assert _row(table, "sex", "female").impact_ratio == pytest.approx(0.25)


def test_small_categories_can_be_left_out_of_the_ratio() -> None:
    groups = {**GROUPS, "k": {"sex": "nonbinary", "race": "B"}}
    table = impact_ratios({**SCORES, "k": 10}, groups, threshold=70, min_share=0.1, intersections=False)
    row = _row(table, "sex", "nonbinary")
    assert row.excluded and row.impact_ratio is None and not row.below_four_fifths


def test_impact_cli_joins_results_and_the_employers_demographics(tmp_path: Path) -> None:
    results = tmp_path / "results.jsonl"
    results.write_text(
        "".join(
            json.dumps({"file": f"/x/{k}.pdf", "status": "ok", "report": {"score": v}}) + "\n"
            for k, v in SCORES.items()
        ),
        encoding="utf-8",
    )
    demographics = tmp_path / "demographics.csv"
    demographics.write_text(
        "file,sex,race\n" + "".join(f"{k}.pdf,{g['sex']},{g['race']}\n" for k, g in GROUPS.items()), encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "rolematch", "audit", "impact", str(results), str(demographics), "--threshold", "70"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "| sex | female | 5 | 2 | 0.400 | 0.500 | below 4/5 |" in result.stdout


# ---------------------------------------------------------------- human oversight


def test_reports_are_advisory_and_flag_low_confidence_reads() -> None:
    clear = match(EXAMPLES / "senior-ml-engineer.txt", level="senior", as_of=AS_OF)
    two_column = match(EXAMPLES / "lead-ml-engineer-two-column.pdf", level="senior", as_of=AS_OF)
    assert clear.advisory.startswith("Advisory only") and clear.not_considered
    assert not clear.needs_human_review
    assert two_column.needs_human_review and two_column.review_reasons[0].startswith("multi_column_layout")
    from rolematch._match import get_role

    assert not any("reject" in v.verdict for v in get_role("ml-engineer").spec.scoring.verdicts)
