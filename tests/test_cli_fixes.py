"""Issue 19, the command line and the outputs recruiters read: items 2 (CLI side), 3, 7 and 8."""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import rolematch
from conftest import AS_OF, EXAMPLES, ROOT, cli
from rolematch._batch import run_batch, write_output
from rolematch._batch._outputs import BLIND_CSV_COLUMNS, CSV_COLUMNS, PERSONAL_CSV_COLUMNS, csv_rows
from rolematch._cli import app
from variants import make_variants

AS_OF_TEXT = AS_OF.isoformat()
POSTING = ROOT / "tests" / "fixtures" / "jobs" / "de-01_senior_de_freight.md"
RUNNER = CliRunner()
PERSONAL = set(PERSONAL_CSV_COLUMNS)


def invoke(*args: str) -> Any:
    return RUNNER.invoke(app, list(args), prog_name="rolematch")


# ---------------------------------------------------------------- item 3: a missing input path


def test_a_missing_batch_input_is_a_usage_error_and_writes_nothing(tmp_path: Path) -> None:
    cwd = tmp_path / "here"
    cwd.mkdir()
    result = cli("batch", "../nope", "--out", "x.csv", "--as-of", AS_OF_TEXT, cwd=cwd)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert "../nope" in result.stderr and "no such file" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(cwd.iterdir()) == []  # no output, no audit log, no journal


def test_one_missing_input_among_good_ones_stops_the_run_before_it_starts(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    result = invoke("batch", str(EXAMPLES / "mid-ml-engineer.md"), str(tmp_path / "gone.pdf"), "--out", str(out))
    assert result.exit_code == 2
    assert "gone.pdf" in result.output and not out.exists()


# ---------------------------------------------------------------- item 7: usage lines and options


USAGE = {
    ("match",): "Usage: rolematch match [OPTIONS] RESUME",
    ("assess",): "Usage: rolematch assess [OPTIONS] RESUME",
    ("batch",): "Usage: rolematch batch [OPTIONS] INPUT...",
    ("parse",): "Usage: rolematch parse [OPTIONS] RESUME...",
    ("job",): "Usage: rolematch job [OPTIONS] POSTING",
    ("roles", "show"): "Usage: rolematch roles show [OPTIONS] ROLE",
    ("audit", "verify"): "Usage: rolematch audit verify [OPTIONS] LOG",
    ("audit", "impact"): "Usage: rolematch audit impact [OPTIONS] RESULTS DEMOGRAPHICS",
}


@pytest.mark.parametrize("command", list(USAGE))
def test_usage_lines_read_as_a_person_writes_them(command: tuple[str, ...]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == USAGE[command]
    for typer_metavar in ("{", "<list[", "<path>", "<str>", "<int", "<float"):
        assert typer_metavar not in result.output, (command, typer_metavar)


def test_match_assess_and_batch_take_the_same_options(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import rolematch._cli as cli_module

    readers: list[object] = []
    real = cli_module.parse_resume

    def spy(*args: Any, **kwargs: Any) -> rolematch.Resume:
        readers.append(kwargs.get("pdf_reader"))
        return real(*args, **kwargs)

    monkeypatch.setattr(cli_module, "parse_resume", spy)
    pdf = str(EXAMPLES / "lead-ml-engineer-two-column.pdf")
    result = invoke("match", pdf, "--reader", "pdfplumber", "--level", "senior", "--format", "json")
    assert result.exit_code == 0, result.output
    assert readers == ["pdfplumber"]  # passed through to parse_resume
    assert invoke("match", pdf, "--reader", "acrobat").exit_code == 2

    blind = invoke("assess", pdf, "--role", "ml-engineer", "--blind", "--as-of", AS_OF_TEXT, "--format", "json")
    assert blind.exit_code == 0, blind.output
    reports = json.loads(blind.output)["reports"].values()
    assert reports and all(report["blind"] for report in reports)

    out = tmp_path / "o.jsonl"
    batch = invoke(
        "batch", str(EXAMPLES / "mid-ml-engineer.md"), "--out", str(out), "--reader", "pdfium",
        "--as-of", AS_OF_TEXT, "--no-audit", "--no-isolation", "--top", "0",
    )  # fmt: skip
    assert batch.exit_code == 0, batch.output
    assert out.exists()


def test_roles_list_is_rolematch_roles() -> None:
    listed, bare = invoke("roles", "list"), invoke("roles")
    assert listed.exit_code == bare.exit_code == 0
    assert listed.output == bare.output and "ml-engineer: Machine Learning Engineer" in listed.output


MARKUP = re.compile(r"^#|\*\*|\|\s*-{3}|^\s*\|.*\|\s*$", re.MULTILINE)


@pytest.mark.parametrize(
    "command",
    [
        ("match", str(EXAMPLES / "mid-ml-engineer.md"), "--as-of", AS_OF_TEXT),
        ("assess", str(EXAMPLES / "senior-ml-engineer.txt"), "--role", "ml-engineer", "--as-of", AS_OF_TEXT),
        ("roles", "show", "ml-engineer"),
        ("job", str(POSTING)),
    ],
    ids=["match", "assess", "roles show", "job"],
)
def test_format_text_is_plain_text_when_piped(command: tuple[str, ...]) -> None:
    text = invoke(*command, "--format", "text")
    markdown = invoke(*command, "--format", "markdown")
    assert text.exit_code == markdown.exit_code == 0, (text.output, markdown.output)
    assert text.output != markdown.output
    assert not MARKUP.search(text.output), MARKUP.search(text.output)
    words = re.sub(r"[#*|_`\-\s=]+", " ", markdown.output).split()
    assert set(words) <= set(re.sub(r"[#*|_`\-\s=]+", " ", text.output).split())  # only the markup went
    if command[0] in ("match", "roles", "job"):
        assert markdown.output.startswith("# ")  # markdown stays Markdown


def test_plain_text_keeps_tables_as_aligned_columns() -> None:
    from rolematch._present._plain import plain_text

    table = "## Categories\n\n| category | score |\n|---|---|\n| skills | 0.73 |\n| experience_years | 1 |\n"
    assert plain_text(table) == (
        "Categories\n----------\n\ncategory          score\nskills            0.73\nexperience_years  1\n"
    )
    assert (
        plain_text("_as of 2026; skills_taxonomy 1_ and **bold** `code`")
        == "as of 2026; skills_taxonomy 1 and bold code"
    )


# ---------------------------------------------------------------- item 8: who and when


def _comment_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]


def _batch(out: Path, **options: Any) -> None:
    inputs = [EXAMPLES / n for n in ("mid-ml-engineer.md", "senior-ml-engineer.txt", "registered-nurse.txt")]
    run_batch([*inputs, out.parent / "gone.pdf"], out, as_of=AS_OF, isolation=None, **options)


def test_the_csv_names_and_describes_candidates_unless_blind(tmp_path: Path) -> None:
    out = tmp_path / "shortlist.csv"
    _batch(out)
    rows = csv_rows(out)
    assert list(rows[0]) == CSV_COLUMNS and set(rows[0]) >= PERSONAL
    ok = [row for row in rows if row["status"] == "ok"]
    assert len(ok) == 3
    for row in ok:
        skills = row["top_skills"].split("; ")
        assert float(row["relevant_years"]) >= 0
        assert len(skills) == len(set(skills)) <= 5
    senior = next(row for row in ok if row["file"].endswith("senior-ml-engineer.txt"))
    assert len(senior["top_skills"].split("; ")) == 5 and float(senior["relevant_years"]) > 5

    blind = tmp_path / "blind.csv"
    _batch(blind, blind=True)
    blind_rows = csv_rows(blind)
    assert list(blind_rows[0]) == BLIND_CSV_COLUMNS and not PERSONAL & set(blind_rows[0])
    assert "senior-ml-engineer" not in blind.read_text(encoding="utf-8")


def test_write_output_takes_name_email_and_phone_from_the_rows_contact(tmp_path: Path) -> None:
    """The engine keeps what the row needs; the output only reads it (never scoring)."""
    report = rolematch.match(EXAMPLES / "mid-ml-engineer.md", level="mid", as_of=AS_OF).model_dump(mode="json")
    rows = [
        {"rank": 1, "file": "a.pdf", "status": "ok", "report": report,
         "contact": {"name": "Ada Lovelace", "email": "ada@example.org", "phone": "+441234567890"}},
        {"rank": 2, "file": "b.pdf", "status": "ok", "report": report,
         "contact": {"name": "Alan Turing", "emails": ["alan@example.org"], "phones": []}},
        {"rank": 3, "file": "c.pdf", "status": "ok", "report": report,
         "contact": {"name": "=HYPERLINK(\"http://x\")", "email": "", "phone": "+1 (555) 010-0000"}},
    ]  # fmt: skip
    out = tmp_path / "o.csv"
    write_output(rows, out, "csv", role="Machine Learning Engineer", level="mid")
    first, second, third = csv_rows(out)
    assert (first["name"], first["email"], first["phone"]) == ("Ada Lovelace", "ada@example.org", "+441234567890")
    assert (second["name"], second["email"], second["phone"]) == ("Alan Turing", "alan@example.org", "")
    assert third["name"] == '\'=HYPERLINK("http://x")' and third["phone"] == "+1 (555) 010-0000"  # no formula runs
    html = tmp_path / "o.html"
    write_output(rows, html, "html", role="Machine Learning Engineer", level="mid")
    assert "Ada Lovelace" in html.read_text(encoding="utf-8")
    blind = tmp_path / "b.csv"
    write_output(rows, blind, "csv", role="Machine Learning Engineer", level="mid", blind=True)
    assert "Ada" not in blind.read_text(encoding="utf-8") and "name" not in csv_rows(blind)[0]


def test_batch_rows_carry_the_candidates_name_for_the_csv(tmp_path: Path) -> None:
    out = tmp_path / "shortlist.csv"
    _batch(out)
    names = {row["name"] for row in csv_rows(out) if row["status"] == "ok"}
    assert all(names) and len(names) == 3


@pytest.mark.parametrize("fmt", ["csv", "html"])
def test_outputs_say_what_they_were_matched_against_and_when(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outputs = []
    for epoch in ("1795000000", "1795003600"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        out = tmp_path / f"{epoch}.{fmt}"
        _batch(out, level="mid")
        outputs.append(out.read_text(encoding="utf-8").splitlines())
    first, second = outputs
    changed = [(a, b) for a, b in zip(first, second, strict=True) if a != b]
    assert len(changed) == 1 and "generated" in changed[0][0]  # the time generated is all that differs
    text = "\n".join(first)
    head = text.split("<table>")[0] if fmt == "html" else "\n".join(line for line in first if line.startswith("#"))
    for fact in ("Machine Learning Engineer", "ml-engineer@", "mid", AS_OF_TEXT, rolematch.__version__, "generated"):
        assert fact in head, fact
    assert "2026-11-18T11:06:40Z" in changed[0][0]  # SOURCE_DATE_EPOCH 1795000000, in UTC
    if fmt == "csv":
        comments = _comment_lines(tmp_path / f"1795000000.{fmt}")
        assert [line.split(":")[0] for line in comments] == [
            "# matched against", "# level", "# as_of", "# rolematch", "# generated"
        ]  # fmt: skip
        assert len(csv_rows(tmp_path / f"1795000000.{fmt}")) == 4  # csv readers skip the '#' lines


def test_outputs_against_a_posting_name_its_title_and_hash(tmp_path: Path) -> None:
    out = tmp_path / "posting.csv"
    run_batch([EXAMPLES / "mid-ml-engineer.md"], out, job=POSTING, as_of=AS_OF, isolation=None)
    header = "\n".join(_comment_lines(out))
    digest = rolematch.parse_job(POSTING).digest
    assert "Senior Data Engineer" in header and digest[:12] in header and "# level: senior" in header


def test_html_years_read_as_years_and_do_not_wrap(tmp_path: Path) -> None:
    out = tmp_path / "shortlist.html"
    _batch(out, level="mid")
    text = out.read_text(encoding="utf-8")
    cells = re.findall(r'<td class="num years" data-key="[^"]*">([^<]*)</td>', text)
    assert cells and all(re.fullmatch(r"\d+\.\d y \(4-6\)", cell) for cell in cells if cell), cells
    assert re.search(r"td\.years\s*\{\s*white-space:\s*nowrap", text)


def test_audit_impact_reads_a_batch_csv_with_its_header(tmp_path: Path) -> None:
    out = tmp_path / "shortlist.csv"
    _batch(out)
    demographics = tmp_path / "d.csv"
    demographics.write_text(
        "file,sex\nmid-ml-engineer.md,f\nsenior-ml-engineer.txt,m\nregistered-nurse.txt,f\n", encoding="utf-8"
    )
    result = invoke("audit", "impact", str(out), str(demographics), "--threshold", "50")
    assert result.exit_code == 0, result.output
    assert "| sex | f |" in result.output


# ---------------------------------------------------------------- item 2: interruption, CLI side


_INTERRUPTED_BATCH = 400  # inputs: several seconds of work left after the first rows are saved


def _interrupt(tmp_path: Path, number: int, workers: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    inputs = tmp_path / "inputs"
    make_variants(inputs, _INTERRUPTED_BATCH)
    out = tmp_path / "shortlist.csv"
    journal = tmp_path / "shortlist.csv.partial.jsonl"
    command = [sys.executable, "-m", "rolematch", "batch", str(inputs), "--out", str(out), "--workers", workers]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: Ctrl-C reaches the group, as from a terminal
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as an interactive shell leaves it
    )
    try:
        # Signal as soon as a few rows are saved: a fixed wait after the first row raced the batch
        # to its end once matching got faster.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            if journal.exists() and journal.read_bytes().count(b"\n") >= 4:
                break
            time.sleep(0.01)
        assert process.poll() is None, "the batch ended before it could be interrupted"
        if number == signal.SIGINT:
            os.killpg(process.pid, signal.SIGINT)
        else:
            process.send_signal(number)
        stdout, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert not out.exists()
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr), out


def _said(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if not line.startswith("progress: ")]


def test_sigterm_during_a_batch_prints_one_line_with_the_resume_command(tmp_path: Path) -> None:
    result, out = _interrupt(tmp_path, signal.SIGTERM, "2")
    assert result.returncode == 143, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    (line,) = _said(result.stderr)
    assert "SIGTERM" in line and "--resume" in line and "saved in" in line
    resume = shlex.split(line.split("Continue with: ", 1)[1])
    assert resume[:2] == ["rolematch", "batch"] and resume[-1] == "--resume" and "--as-of" in resume  # date pinned
    finished = cli(*resume[1:], "--top", "0")
    assert finished.returncode == 0, finished.stderr
    saved = int(re.search(rf"(\d+) of {_INTERRUPTED_BATCH} inputs", line).group(1))  # type: ignore[union-attr]
    assert f"{saved} resumed" in finished.stderr and len(csv_rows(out)) == _INTERRUPTED_BATCH


def test_ctrl_c_during_a_batch_prints_one_line_and_exits_130(tmp_path: Path) -> None:
    result, _ = _interrupt(tmp_path, signal.SIGINT, "1")
    assert result.returncode == 130, result.stderr
    assert "Traceback" not in result.stderr and "Aborted" not in result.stderr
    (line,) = _said(result.stderr)
    assert "SIGINT" in line and "--resume" in line
