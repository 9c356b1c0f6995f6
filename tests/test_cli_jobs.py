"""The command line with job postings and role files: ``rolematch job``, ``--job``, ``--role PATH``, ``roles``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml
from typer.testing import CliRunner

import rolematch
from conftest import AS_OF, EXAMPLES
from rolematch._cli import app

ROOT = Path(__file__).resolve().parents[1]
JOBS = ROOT / "tests" / "fixtures" / "jobs"
POSTING = JOBS / "de-01_senior_de_freight.md"
RUNNER = CliRunner()


def test_job_shows_what_the_posting_asks_for() -> None:
    result = RUNNER.invoke(app, ["job", str(POSTING)])
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.startswith("# Senior Data Engineer — Ironhorse Freight")
    assert "## Must-haves" in text and "## Nice-to-haves" in text and "## Responsibilities" in text
    assert "- level: senior (the title says 'Senior')" in text
    assert "$150,000-$180,000 per year" in text
    assert "→ Python" in text


def test_job_save_writes_a_role_file_that_loads_and_matches_as_the_posting(tmp_path: Path) -> None:
    saved = tmp_path / "role.yaml"
    result = RUNNER.invoke(app, ["job", str(POSTING), "--save", str(saved)])
    assert result.exit_code == 0, result.output
    role = rolematch.load_role(saved)
    data = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert data["levels"][0]["id"] == "senior" and role.level_ids == ["senior"]
    posting = rolematch.parse_job(POSTING, as_of=AS_OF)
    resume = rolematch.parse_resume(EXAMPLES / "mid-ml-engineer.md", as_of=AS_OF)
    from_file = rolematch.match(resume, role=role, level="senior")
    from_posting = rolematch.match(resume, job=posting)
    assert from_file.score == from_posting.score
    assert [r.quote for r in from_file.requirements] == [r.quote for r in from_posting.requirements]


def test_match_with_a_job_and_with_a_role_file_path(tmp_path: Path) -> None:
    cv = str(EXAMPLES / "mid-ml-engineer.md")
    result = RUNNER.invoke(app, ["match", cv, "--job", str(POSTING), "--as-of", AS_OF.isoformat(), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["job"]["title"] == "Senior Data Engineer" and report["level"] == "senior"
    assert report["salary"]["origin"] == "posting"
    role_file = ROOT / "rolematch_data" / "roles" / "ml-engineer.yaml"
    copy = tmp_path / "my-role.yaml"
    copy.write_text(
        role_file.read_text(encoding="utf-8").replace("id: ml-engineer", "id: my-ml-role", 1), encoding="utf-8"
    )
    result = RUNNER.invoke(app, ["match", cv, "--role", str(copy), "--level", "mid", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["role"] == "my-ml-role"


def test_a_broken_role_file_is_a_usage_error_with_its_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    text = (ROOT / "rolematch_data" / "roles" / "ml-engineer.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("    weight: 3\n", "    weight: -3\n", 1), encoding="utf-8")
    result = RUNNER.invoke(app, ["match", str(EXAMPLES / "mid-ml-engineer.md"), "--role", str(broken)])
    assert result.exit_code == 2
    assert "broken.yaml" in result.output and "(line " in result.output and "greater than 0" in result.output


def test_role_and_job_together_is_a_usage_error() -> None:
    result = RUNNER.invoke(
        app, ["match", str(EXAMPLES / "mid-ml-engineer.md"), "--job", str(POSTING), "--role", "data-engineer"]
    )
    assert result.exit_code == 2 and "not both" in result.output


def test_batch_against_a_posting_ranks_every_input(tmp_path: Path) -> None:
    out = tmp_path / "rows.jsonl"
    inputs = [str(EXAMPLES / name) for name in ("mid-ml-engineer.md", "registered-nurse.txt", "senior-ml-engineer.txt")]
    result = RUNNER.invoke(
        app,
        ["batch", *inputs, "--job", str(POSTING), "--out", str(out), "--as-of", AS_OF.isoformat(), "--no-audit",
         "--no-isolation", "--top", "0"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 3 and {row["report"]["job"]["sha256"] for row in rows} == {rolematch.parse_job(POSTING).digest}
    assert all(row["report"]["level"] == "senior" for row in rows)
    assert rows[-1]["file"].endswith("registered-nurse.txt")


def test_roles_lists_the_library_with_each_bands_rows() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rolematch", "roles"], capture_output=True, text=True, check=True, cwd=ROOT
    )
    lines = result.stdout.splitlines()
    assert any(line.startswith("ml-engineer: Machine Learning Engineer") for line in lines)
    assert any(line.startswith("data-engineer: ") for line in lines)
    assert any("n=" in line for line in lines), result.stdout  # survey-derived bands say how many rows
