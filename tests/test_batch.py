"""Batch matching and the command line, through the real entry point (``python -m rolematch``)."""

from __future__ import annotations

import csv
import json
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import AS_OF, EXAMPLES, cli
from rolematch import FitReport
from rolematch._batch import run_batch
from variants import make_variants

AS_OF_TEXT = AS_OF.isoformat()


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples plus a corrupt PDF, an empty file, an unsupported file and a duplicate."""
    folder = tmp_path_factory.mktemp("messy")
    for path in EXAMPLES.iterdir():
        if path.suffix in {".txt", ".md", ".json", ".docx", ".pdf"}:
            shutil.copy(path, folder / path.name)
    shutil.copy(EXAMPLES / "senior-ml-engineer.txt", folder / "senior-copy.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\ngarbage")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    return folder


EXPECTED_ERRORS = {
    "sub/corrupt.pdf": "corrupt_document",
    "empty.txt": "empty_document",
    "photo.png": "unsupported_format",
}


def _name(path: str, folder: Path) -> str:
    return Path(path).relative_to(folder).as_posix()


def test_batch_csv_has_one_row_per_input_with_typed_errors(messy: Path, tmp_path: Path) -> None:
    out = tmp_path / "shortlist.csv"
    result = cli("batch", str(messy), "--out", str(out), "--as-of", AS_OF_TEXT)
    assert result.returncode == 1, result.stderr  # some inputs failed
    assert "done: 11 inputs, 7 matched, 3 failed" in result.stderr
    assert "1 duplicates" in result.stderr
    with out.open(encoding="utf-8") as handle:  # '#' lines first: what it was matched against, and when
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    files = sorted(p.relative_to(messy).as_posix() for p in messy.rglob("*") if p.is_file())
    assert sorted(_name(r["file"], messy) for r in rows) == files  # nothing lost, nothing twice
    errors = {_name(r["file"], messy): r["error"].split(":")[0] for r in rows if r["status"] == "error"}
    assert errors == EXPECTED_ERRORS
    duplicates = [r for r in rows if r["status"] == "duplicate"]
    assert len(duplicates) == 1 and {
        _name(duplicates[0]["file"], messy),
        _name(duplicates[0]["duplicate_of"], messy),
    } == {
        "senior-copy.txt",
        "senior-ml-engineer.txt",
    }
    ranked = [r for r in rows if r["status"] == "ok"]
    assert [int(r["rank"]) for r in ranked] == list(range(1, 8))
    assert [float(r["score"]) for r in ranked] == sorted((float(r["score"]) for r in ranked), reverse=True)
    assert {r["level"] for r in ranked} == {"junior", "mid", "senior"}
    assert all(r["salary_expected"] and r["currency"] == "USD" for r in ranked)


def test_batch_jsonl_reports_parse_back(messy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert cli("batch", str(messy), "--out", str(out), "--as-of", AS_OF_TEXT, "--workers", "2").returncode == 1
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 11
    for row in rows:
        if row["status"] == "ok":
            report = FitReport.model_validate(row["report"])
            assert report.level in row["level_scores"] and report.as_of == AS_OF


def test_batch_html_is_well_formed_and_lists_everyone(messy: Path, tmp_path: Path) -> None:
    out = tmp_path / "shortlist.html"
    cli("batch", str(messy), "--out", str(out), "--as-of", AS_OF_TEXT)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert "http://" not in text and "https://" not in text  # self-contained: nothing fetched
    root = ET.fromstring(text.split("\n", 1)[1])  # well-formed as XML, so as HTML
    cells = [td for tr in root.iter("tr") for td in tr.findall("td")[1:2]]
    listed = {_name(td.text or "", messy) for td in cells}
    assert listed == {p.relative_to(messy).as_posix() for p in messy.rglob("*") if p.is_file()}


def test_workers_do_not_change_the_output(messy: Path, tmp_path: Path) -> None:
    one = run_batch([messy], tmp_path / "one.jsonl", workers=1, as_of=AS_OF)
    two = run_batch([messy], tmp_path / "two.jsonl", workers=2, as_of=AS_OF)
    assert (one.matched, one.failed, one.duplicates) == (two.matched, two.failed, two.duplicates) == (7, 3, 1)
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()


def test_a_killed_run_resumes_to_the_same_rows(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    make_variants(inputs, 60)
    out = tmp_path / "killed.jsonl"
    journal = tmp_path / "killed.jsonl.partial.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "rolematch", "batch", str(inputs), "--out", str(out), "--as-of", AS_OF_TEXT],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not journal.exists() or journal.read_bytes().count(b"\n") < 8):
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert not out.exists(), "the ranked output appears only when every input has a row"
    done_before = [json.loads(line) for line in journal.read_bytes().splitlines() if line.endswith(b"}")]
    assert 8 <= len(done_before) < 60
    with journal.open("ab") as stream:  # the worst case too: a torn last line
        stream.write(b'{"file": "torn')
    renamed = Path(done_before[0]["file"])
    renamed.rename(renamed.with_name("renamed-" + renamed.name))  # same bytes: must not be matched twice

    result = cli("batch", str(inputs), "--out", str(out), "--as-of", AS_OF_TEXT, "--resume", "--top", "0")
    assert result.returncode == 0, result.stderr
    assert f"{len(done_before)} resumed" in result.stderr
    assert not journal.exists()

    clean = tmp_path / "clean.jsonl"
    assert cli("batch", str(inputs), "--out", str(clean), "--as-of", AS_OF_TEXT, "--top", "0").returncode == 0
    assert out.read_bytes() == clean.read_bytes()  # exactly the rows of an uninterrupted run
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len({r["sha256"] for r in rows}) == 60
    assert any(Path(r["file"]).name.startswith("renamed-") for r in rows)


def test_missing_input_paths_become_error_rows(tmp_path: Path) -> None:
    summary = run_batch([EXAMPLES / "senior-ml-engineer.txt", tmp_path / "gone.pdf"], tmp_path / "o.csv", as_of=AS_OF)
    assert (summary.matched, summary.failed, summary.failures) == (1, 1, {"source_not_found": 1})


# ---------------------------------------------------------------- other commands


def test_match_and_assess_commands() -> None:
    result = cli(
        "match", str(EXAMPLES / "mid-ml-engineer.md"), "--level", "mid", "--as-of", AS_OF_TEXT, "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    report = FitReport.model_validate_json(result.stdout)
    assert report.level == "mid" and report.score > 80
    text = cli("match", str(EXAMPLES / "junior-ml-engineer.docx"), "--as-of", AS_OF_TEXT, "--format", "markdown")
    assert text.stdout.startswith("# Machine Learning Engineer, Junior Machine Learning Engineer")
    assessed = cli("assess", str(EXAMPLES / "senior-ml-engineer.txt"), "--as-of", AS_OF_TEXT)
    assert assessed.returncode == 0 and assessed.stdout.startswith("Best level for ml-engineer: senior")


def test_roles_and_schema_commands() -> None:
    roles = cli("roles")
    lines = roles.stdout.splitlines()
    assert roles.returncode == 0 and any(line.startswith("ml-engineer: Machine Learning Engineer") for line in lines)
    assert lines[0].split(":")[0] == sorted(line.split(":")[0] for line in lines if not line.startswith(" "))[0]
    shown = cli("roles", "show", "ml-engineer")
    assert "125,000-208,000 USD" in shown.stdout and "must-haves: Programming in Python" in shown.stdout
    schema = json.loads(cli("schema").stdout)
    assert schema["title"] == "FitReport" and "requirements" in schema["properties"]


@pytest.mark.parametrize(
    "args",
    [
        ("match", str(EXAMPLES / "mid-ml-engineer.md"), "--role", "astronaut"),
        ("match", str(EXAMPLES / "mid-ml-engineer.md"), "--level", "principal"),
        ("batch", str(EXAMPLES), "--out", "x.txt"),
        ("batch", str(EXAMPLES)),
        ("match", str(EXAMPLES / "mid-ml-engineer.md"), "--as-of", "yesterday"),
        ("frobnicate",),
        ("roles", "show", "astronaut"),
    ],
)
def test_usage_errors_exit_2_with_a_message(args: tuple[str, ...], tmp_path: Path) -> None:
    result = cli(*args, cwd=tmp_path)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stderr.strip()
    assert "Traceback" not in result.stderr


def test_a_bad_resume_exits_1_with_its_reason(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = cli("match", str(tmp_path / "empty.txt"))
    assert result.returncode == 1 and "[empty_document]" in result.stderr


def test_help_everywhere() -> None:
    for args in [(), ("match",), ("assess",), ("batch",), ("roles",), ("roles", "show"), ("schema",), ("parse",)]:
        result = cli(*args, "--help")
        assert result.returncode == 0 and "Usage" in result.stdout, args


def test_repeated_random_kills_then_resume_equal_an_uninterrupted_run(tmp_path: Path) -> None:
    import random

    inputs = tmp_path / "inputs"
    make_variants(inputs, 50)
    out = tmp_path / "out.jsonl"
    journal = tmp_path / "out.jsonl.partial.jsonl"
    chooser = random.Random(20261121)
    command = [sys.executable, "-m", "rolematch", "batch", str(inputs), "--out", str(out), "--as-of", AS_OF_TEXT]
    for _ in range(3):
        target = chooser.randint(2, 45)
        process = subprocess.Popen(
            [*command, "--workers", "2", "--resume"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            if journal.exists() and journal.read_bytes().count(b"\n") >= target:
                break
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait()
        if journal.exists():  # every complete line in the journal is a whole row
            for line in journal.read_bytes().splitlines(keepends=True):
                if line.endswith(b"\n"):
                    json.loads(line)
    assert cli(*command[3:], "--resume", "--top", "0").returncode == 0
    clean = tmp_path / "clean.jsonl"
    assert cli("batch", str(inputs), "--out", str(clean), "--as-of", AS_OF_TEXT, "--top", "0").returncode == 0
    assert out.read_bytes() == clean.read_bytes()
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len({r["sha256"] for r in rows}) == 50


def test_resuming_with_other_settings_redoes_the_rows(tmp_path: Path) -> None:
    """A journal made for one level must not fill the output of a run for another."""
    inputs = [EXAMPLES / "senior-ml-engineer.txt", EXAMPLES / "mid-ml-engineer.md"]
    out = tmp_path / "o.jsonl"
    journal = tmp_path / "o.jsonl.partial.jsonl"
    run_batch(inputs[:1], tmp_path / "first.jsonl", as_of=AS_OF, level="junior")
    # Simulate an interrupted junior run: its journal holds one row.
    journal.write_bytes((tmp_path / "first.jsonl").read_bytes())
    summary = run_batch(inputs, out, as_of=AS_OF, level="senior", resume=True)
    assert summary.resumed == 0
    levels = {json.loads(line)["report"]["level"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert levels == {"senior"}
