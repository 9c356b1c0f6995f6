"""Batch fixes of issue 19: private files (1), clean interruption with one audit entry per input (2),
ZIP bundles (5) and incremental ``--resume`` after a finished run (6)."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import AS_OF, EXAMPLES, cli, read_jsonl
from rolematch import AuditLog
from rolematch._batch import BatchInterrupted, BatchProgress, run_batch
from variants import make_variants

AS_OF_TEXT = AS_OF.isoformat()
ROOT = Path(__file__).resolve().parent.parent


def _three(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("senior-ml-engineer.txt", "mid-ml-engineer.md", "junior-ml-engineer.json"):
        (folder / name).write_bytes((EXAMPLES / name).read_bytes())
    return folder


# ------------------------------------------------------------------ 1. private files, created private

_MODES_SCRIPT = textwrap.dedent(
    """
    import json, os, sys
    from datetime import date
    from pathlib import Path

    os.umask(0o022)  # permissive: a file made with the default mode would be 0644
    chmods = []
    sys.addaudithook(lambda event, args: chmods.append(repr(args)) if event == "os.chmod" else None)
    from rolematch._batch import run_batch

    folder, out = Path(sys.argv[1]), Path(sys.argv[2])
    journal = out.with_name(out.name + ".partial.jsonl")
    seen = []

    def progress(state):
        seen.append(journal.stat().st_mode & 0o777)

    run_batch([folder], out, as_of=date(2026, 11, 21), blind=True, audit_log=sys.argv[3], progress=progress)
    print(json.dumps({"journal": sorted(set(seen)), "chmods": chmods}))
    """
)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".html"])
def test_files_naming_people_are_created_0600(suffix: str, tmp_path: Path) -> None:
    """Item 1: the output, the blind key, the journal, the record and the audit log are 0600 from the start."""
    folder = _three(tmp_path / "in")
    out = tmp_path / f"x{suffix}"
    audit = tmp_path / "audit.jsonl"
    result = subprocess.run(
        [sys.executable, "-c", _MODES_SCRIPT, str(folder), str(out), str(audit)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.splitlines()[-1])
    assert found["journal"] == [0o600]
    # Never opened up and narrowed afterwards: nothing was chmod-ed.
    assert found["chmods"] == []
    for path in (out, Path(f"{out}.key.csv"), Path(f"{out}.rows.jsonl"), audit):
        assert oct(path.stat().st_mode & 0o777) == oct(0o600), path.name
    assert "candidate-" in Path(f"{out}.key.csv").read_text(encoding="utf-8")


def test_an_existing_audit_log_keeps_its_mode(tmp_path: Path) -> None:
    """Item 1: a file that exists and is appended to is not re-created or chmod-ed."""
    audit = tmp_path / "audit.jsonl"
    audit.write_bytes(b"")
    audit.chmod(0o640)
    run_batch([EXAMPLES / "senior-ml-engineer.txt"], tmp_path / "o.jsonl", as_of=AS_OF, audit_log=audit)
    assert audit.stat().st_mode & 0o777 == 0o640
    assert len(AuditLog.read(audit)) == 1


# ------------------------------------------------------------------ 2. interruption


def _run_until(command: list[str], journal: Path, rows: int) -> subprocess.Popen[str]:
    """Start ``command`` in its own process group; return once its journal holds ``rows`` rows."""
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # Ctrl-C as an interactive shell leaves it: a test run from a background job inherits SIGINT
        # ignored, which the batch (rightly) keeps ignoring.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and process.poll() is None:
        if journal.exists() and journal.read_bytes().count(b"\n") >= rows:
            break
        time.sleep(0.005)
    assert process.poll() is None, "the run ended before it could be interrupted"
    return process


def _assert_quiet(stderr: str) -> None:
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr
    assert len([line for line in stderr.splitlines() if not line.startswith("progress:")]) <= 2, stderr


def _assert_one_entry_per_input(out: Path, audit: Path, count: int) -> None:
    entries = AuditLog.read(audit)
    assert len(entries) == len({entry.input_sha256 for entry in entries}) == count
    rows = read_jsonl(out)
    assert len(rows) == count and {row["status"] for row in rows} == {"ok"}
    assert {entry.input_sha256 for entry in entries} == {row["sha256"] for row in rows}


@pytest.mark.parametrize(("sent", "group"), [("SIGTERM", False), ("SIGINT", True)])
def test_a_signalled_two_worker_run_is_quiet_and_logs_each_input_once(sent: str, group: bool, tmp_path: Path) -> None:
    """Item 2: SIGTERM to the batch (or Ctrl-C, which reaches the whole process group) mid-run: no
    traceback from the workers; after --resume the audit log has exactly one entry per input."""
    inputs = tmp_path / "inputs"
    make_variants(inputs, 300)
    out = tmp_path / "out.jsonl"
    audit = tmp_path / "audit.jsonl"
    command = [sys.executable, "-m", "rolematch", "batch", str(inputs), "--out", str(out), "--as-of", AS_OF_TEXT]
    command += ["--workers", "2", "--audit-log", str(audit), "--top", "0"]
    process = _run_until(command, Path(f"{out}.partial.jsonl"), 90)
    number = getattr(signal, sent)
    if group:
        os.killpg(process.pid, number)
    else:
        process.send_signal(number)
    _, stderr = process.communicate(timeout=120)  # returns once the workers, which share stderr, are gone too
    assert process.returncode != 0
    _assert_quiet(stderr)
    assert not out.exists()
    journalled = Path(f"{out}.partial.jsonl").read_bytes().count(b"\n")
    assert 90 <= journalled < 300 and len(AuditLog.read(audit)) == journalled

    resumed = subprocess.run([*command, "--resume"], capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{journalled} resumed" in resumed.stderr
    _assert_one_entry_per_input(out, audit, 300)


def test_workers_exit_quietly_when_the_parent_is_killed(tmp_path: Path) -> None:
    """Item 2: a parent killed with SIGKILL leaves workers that end without a BrokenPipeError traceback."""
    inputs = tmp_path / "inputs"
    make_variants(inputs, 200)
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "rolematch", "batch", str(inputs), "--out", str(out), "--as-of", AS_OF_TEXT]
    process = _run_until([*command, "--workers", "2"], Path(f"{out}.partial.jsonl"), 40)
    process.send_signal(signal.SIGKILL)
    _, stderr = process.communicate(timeout=120)
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr


def _stop_after(rows: int) -> Callable[[BatchProgress], None]:
    """A progress callback that sends this process SIGTERM once ``rows`` rows are done."""

    def progress(state: BatchProgress) -> None:
        if state.done == rows:
            os.kill(os.getpid(), signal.SIGTERM)

    return progress


@pytest.mark.parametrize("workers", [1, 2])
def test_run_batch_raises_batch_interrupted_and_resumes(workers: int, tmp_path: Path) -> None:
    """Item 2, library side: SIGTERM stops the pool and raises BatchInterrupted (a KeyboardInterrupt)
    with the counts; the handlers are restored; the journalled rows are reused by resume=True."""
    inputs = tmp_path / "inputs"
    make_variants(inputs, 24)
    out = tmp_path / "out.jsonl"
    audit = tmp_path / "audit.jsonl"
    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    progress = _stop_after(6)
    with pytest.raises(BatchInterrupted) as caught:
        run_batch([inputs], out, as_of=AS_OF, workers=workers, audit_log=audit, progress=progress)
    stop = caught.value
    assert isinstance(stop, KeyboardInterrupt)
    assert (stop.signal, stop.exit_code, stop.done, stop.total) == (signal.SIGTERM, 143, 6, 24)
    assert stop.journal == Path(f"{out}.partial.jsonl") and stop.out == out
    assert "SIGTERM" in str(stop) and "6 of 24" in str(stop)
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)) == before
    assert stop.journal.read_bytes().count(b"\n") == 6 and len(AuditLog.read(audit)) == 6
    assert not out.exists()

    summary = run_batch([inputs], out, as_of=AS_OF, workers=workers, audit_log=audit, resume=True)
    assert (summary.resumed, summary.matched) == (6, 24)
    _assert_one_entry_per_input(out, audit, 24)


def test_an_entry_lost_between_row_and_log_is_written_once_on_resume(tmp_path: Path) -> None:
    """Item 2: a run killed (SIGKILL) after journalling a row but before logging it gets that entry
    on resume, once; an entry that did get written is not repeated."""
    inputs = tmp_path / "inputs"
    make_variants(inputs, 10)
    out = tmp_path / "out.jsonl"
    audit = tmp_path / "audit.jsonl"
    progress = _stop_after(4)
    with pytest.raises(BatchInterrupted):
        run_batch([inputs], out, as_of=AS_OF, audit_log=audit, progress=progress)
    lines = audit.read_bytes().splitlines(keepends=True)
    audit.write_bytes(b"".join(lines[:-1]))  # what a kill between the two writes leaves
    summary = run_batch([inputs], out, as_of=AS_OF, audit_log=audit, resume=True)
    assert summary.resumed == 4
    _assert_one_entry_per_input(out, audit, 10)
    # Resuming again after a finished run logs nothing more.
    run_batch([inputs], out, as_of=AS_OF, audit_log=audit, resume=True)
    assert len(AuditLog.read(audit)) == 10


# ------------------------------------------------------------------ 5. ZIP bundles


def _zip(entries: dict[str, bytes], *, folders: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for folder in folders:
            archive.writestr(zipfile.ZipInfo(folder), b"")
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_bundle_is_read_member_by_member(tmp_path: Path) -> None:
    """Item 5: each file in the archive is an input named bundle.zip!/path; folders and hidden files
    are skipped; a nested archive is an error row; a DOCX (a zip too) inside is a resume."""
    senior = (EXAMPLES / "senior-ml-engineer.txt").read_bytes()
    bundle = tmp_path / "in" / "export.zip"
    bundle.parent.mkdir()
    bundle.write_bytes(
        _zip(
            {
                "cv/senior.txt": senior,
                "cv/copy-of-senior.txt": senior,
                "cv/junior.docx": (EXAMPLES / "junior-ml-engineer.docx").read_bytes(),
                "mid.md": (EXAMPLES / "mid-ml-engineer.md").read_bytes(),
                "more/inner.zip": _zip({"x.txt": senior}),
                "__MACOSX/cv/._senior.txt": b"\x00\x05\x16\x07 resource fork",
                ".DS_Store": b"\x00\x00\x00\x01Bud1",
            },
            folders=("cv/", "empty/"),
        )
    )
    (tmp_path / "in" / "loose.json").write_bytes((EXAMPLES / "junior-ml-engineer.json").read_bytes())
    out = tmp_path / "o.jsonl"
    result = cli("batch", str(tmp_path / "in"), "--out", str(out), "--as-of", AS_OF_TEXT, "--top", "0")
    assert result.returncode == 1, result.stderr  # the nested archive failed
    assert "Traceback" not in result.stderr
    rows = {str(row["file"]): row for row in read_jsonl(out)}
    prefix = f"{bundle}!/"
    assert sorted(rows) == sorted(
        [
            f"{prefix}cv/senior.txt",
            f"{prefix}cv/copy-of-senior.txt",
            f"{prefix}cv/junior.docx",
            f"{prefix}mid.md",
            f"{prefix}more/inner.zip",
            str(tmp_path / "in" / "loose.json"),
        ]
    )
    assert rows[f"{prefix}cv/junior.docx"]["status"] == "ok"  # a DOCX member is a resume, not an archive
    assert rows[f"{prefix}mid.md"]["status"] == "ok"
    nested = rows[f"{prefix}more/inner.zip"]
    assert nested["status"] == "error" and nested["error"]["code"] == "unsupported_format"
    assert "nested" in nested["error"]["message"]
    copies = {str(rows[f"{prefix}cv/senior.txt"]["status"]), str(rows[f"{prefix}cv/copy-of-senior.txt"]["status"])}
    assert copies == {"ok", "duplicate"}


def test_a_docx_input_is_a_resume_not_a_bundle(tmp_path: Path) -> None:
    """Item 5: told apart by content (word/document.xml), not by the name."""
    named_zip = tmp_path / "resume.zip"
    named_zip.write_bytes((EXAMPLES / "junior-ml-engineer.docx").read_bytes())
    summary = run_batch([EXAMPLES / "junior-ml-engineer.docx", named_zip], tmp_path / "o.jsonl", as_of=AS_OF)
    assert (summary.total, summary.matched, summary.duplicates) == (2, 1, 1)
    assert all("!/" not in str(row["file"]) for row in read_jsonl(tmp_path / "o.jsonl"))


def test_a_zip_bomb_bundle_is_one_error_row(tmp_path: Path) -> None:
    """Item 5: the DOCX zip-bomb limits (entry count, unpacked size, compression ratio) guard a bundle."""
    ratio = tmp_path / "ratio.zip"
    ratio.write_bytes(_zip({"a.txt": (EXAMPLES / "senior-ml-engineer.txt").read_bytes(), "b.txt": b"0" * 3_000_000}))
    many = tmp_path / "many.zip"
    many.write_bytes(_zip({f"cv-{n}.txt": f"Resume {n}".encode() for n in range(2_001)}))
    big = tmp_path / "big.zip"
    big.write_bytes(_zip({f"part-{n}.txt": b"x" * 900_000 for n in range(60)}))
    out = tmp_path / "o.jsonl"
    summary = run_batch([ratio, many, big], out, as_of=AS_OF)
    assert (summary.total, summary.failures) == (3, {"document_too_large": 3})
    rows = {str(row["file"]): row["error"]["message"] for row in read_jsonl(out)}
    assert set(rows) == {str(ratio), str(many), str(big)}
    assert "compressed" in rows[str(ratio)] and "2001 entries" in rows[str(many)]
    assert "max_uncompressed_bytes" in rows[str(big)]


def test_zip_members_are_resumed_by_content_hash(tmp_path: Path) -> None:
    """Item 5 with item 6: members are known by their bytes, so a resumed run reuses their rows."""
    bundle = tmp_path / "bundle.zip"
    names = ("senior-ml-engineer.txt", "mid-ml-engineer.md", "registered-nurse.txt")
    bundle.write_bytes(_zip({f"applicants/{name}": (EXAMPLES / name).read_bytes() for name in names}))
    out = tmp_path / "o.csv"
    first = run_batch([bundle], out, as_of=AS_OF, workers=2)
    assert (first.total, first.matched) == (3, 3)
    again = run_batch([bundle], out, as_of=AS_OF, resume=True)
    assert (again.total, again.matched, again.resumed) == (3, 3, 3)
    assert all(str(row["file"]).startswith(f"{bundle}!/applicants/") for row in again.top)


# ------------------------------------------------------------------ 6. --resume after a finished run


def test_resume_after_a_finished_run_only_does_new_inputs(tmp_path: Path) -> None:
    """Item 6: 3 files, then a 4th and --resume: 1 processed, 3 reused, 4 ranked rows; another
    --as-of redoes them all."""
    folder = _three(tmp_path / "in")
    out = tmp_path / "shortlist.jsonl"
    audit = tmp_path / "audit.jsonl"
    common = ("batch", str(folder), "--out", str(out), "--audit-log", str(audit), "--top", "0")
    first = cli(*common, "--as-of", AS_OF_TEXT)
    assert first.returncode == 0, first.stderr
    (folder / "registered-nurse.txt").write_bytes((EXAMPLES / "registered-nurse.txt").read_bytes())

    again = cli(*common, "--as-of", AS_OF_TEXT, "--resume")
    assert again.returncode == 0, again.stderr
    assert "4 inputs, 4 matched" in again.stderr and "3 resumed" in again.stderr
    rows = read_jsonl(out)
    assert [row["rank"] for row in rows] == [1, 2, 3, 4]
    scores = [row["report"]["score"] for row in rows]
    assert scores == sorted(scores, reverse=True)
    assert len(AuditLog.read(audit)) == 4  # the reused rows were not decided again

    redone = cli(*common, "--as-of", "2026-12-01", "--resume")
    assert redone.returncode == 0, redone.stderr
    assert "0 resumed" in redone.stderr
    assert {row["report"]["as_of"] for row in read_jsonl(out)} == {"2026-12-01"}
    assert len(AuditLog.read(audit)) == 8


def test_resume_after_a_finished_html_run_reuses_its_rows(tmp_path: Path) -> None:
    """Item 6: an HTML (or CSV) output cannot be read back; the record OUT.rows.jsonl is."""
    folder = _three(tmp_path / "in")
    out = tmp_path / "shortlist.html"
    run_batch([folder], out, as_of=AS_OF)
    assert Path(f"{out}.rows.jsonl").exists() and not Path(f"{out}.partial.jsonl").exists()
    (folder / "senior-ml-engineer.txt").write_bytes((EXAMPLES / "marketing-analyst.txt").read_bytes())  # changed
    summary = run_batch([folder], out, as_of=AS_OF, resume=True)
    assert (summary.total, summary.resumed) == (3, 2)
    html = out.read_text(encoding="utf-8")
    assert all(str(path) in html for path in folder.iterdir())
    # A run with other settings does not reuse them.
    assert run_batch([folder], out, as_of=AS_OF, level="senior", resume=True).resumed == 0
    assert len(read_jsonl(Path(f"{out}.rows.jsonl"))) == 3  # the inputs of the last run, each once
