"""Batches on a real Dask cluster (issue 21): a ``dask scheduler`` and two ``dask worker`` processes on
127.0.0.1, started from the virtualenv's entry points, and a ``LocalCluster`` (``--scheduler local:2``).

The rows must be those of a local run, byte for byte; a worker killed mid-run (``kill -9``) and a
client killed mid-run lose nothing and duplicate nothing; a file that kills every worker it runs
on ends as a ``worker_lost`` row; fsspec URLs (``memory://``) are listed, hashed and read by the
workers. Skipped, with the reason, when the ``dask`` extra is not installed.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

NO_EXTRA = "the dask extra is not installed: pip install 'rolematch[dask]'"
distributed = pytest.importorskip("distributed", reason=NO_EXTRA)
pytest.importorskip("fsspec", reason=NO_EXTRA)

import cloudpickle  # noqa: E402 - after the skip: it comes with distributed
import dask  # noqa: E402
from distributed.diagnostics.plugin import WorkerPlugin  # noqa: E402

from conftest import AS_OF, EXAMPLES, cli, read_jsonl  # noqa: E402
from rolematch._batch import run_batch  # noqa: E402
from rolematch._batch._cluster import ClusterRun, connect  # noqa: E402
from rolematch._cli import app  # noqa: E402
from variants import make_variants  # noqa: E402

# The workers run this module's helpers (a worker plugin, the memory:// filler) without importing it.
cloudpickle.register_pickle_by_value(sys.modules[__name__])

AS_OF_TEXT = AS_OF.isoformat()
DASK = Path(sys.executable).parent / "dask"
INPUTS = 205  # the resumes fixture: 200 generated, a duplicate, 2 broken files and a bundle of 2


def _audit_entries(path: Path) -> list[str]:
    """The audit log's entries without their time, sorted: comparable between two runs."""
    entries = []
    for entry in read_jsonl(path):
        entry.pop("timestamp", None)
        entries.append(json.dumps(entry, sort_keys=True))
    return sorted(entries)


@dataclass
class Cluster:
    """A scheduler and two workers started for these tests, and a client of them."""

    address: str
    client: Any


@pytest.fixture(scope="module")
def scheduler_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A ``dask scheduler`` and two ``dask worker`` processes (a nanny each) on 127.0.0.1, started;
    the workers boot while the reference run is made."""
    if not DASK.exists():
        pytest.skip(f"no dask entry point at {DASK}")
    folder = tmp_path_factory.mktemp("dask")
    path = folder / "scheduler.json"
    started: list[subprocess.Popen[bytes]] = []
    scheduler_args = ["--scheduler-file", str(path)]
    quiet = ["--no-dashboard", "--dashboard-address", "127.0.0.1:0"]  # HTTP routes on loopback, any free port
    worker_args = ["--nthreads", "1", "--nworkers", "1", "--host", "127.0.0.1", "--no-dashboard"]
    try:
        with (folder / "cluster.log").open("ab") as sink:
            command = [DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", *scheduler_args, *quiet]
            started.append(subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, cwd=folder))
            deadline = time.monotonic() + 60
            while not path.exists() and time.monotonic() < deadline and started[0].poll() is None:
                time.sleep(0.05)
            for name in ("w1", "w2"):
                command = [DASK, "worker", *scheduler_args, *worker_args, "--name", name]
                started.append(subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, cwd=folder))
        yield path
    finally:
        # Workers first: a worker whose scheduler is already gone waits 8 s before it gives up.
        for group in (started[1:], started[:1]):
            for process in group:
                process.terminate()
            for process in group:
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


@pytest.fixture(scope="module")
def resumes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 generated resumes, a duplicate, an empty file, a corrupt PDF and a ZIP bundle of two."""
    folder = tmp_path_factory.mktemp("resumes")
    made = make_variants(folder / "pool", 200)
    shutil.copy(made[0], folder / "pool" / "copy-of-first.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\ngarbage")
    with zipfile.ZipFile(folder / "export.zip", "w") as bundle:
        for name in ("senior-ml-engineer.txt", "mid-ml-engineer.md"):
            bundle.write(EXAMPLES / name, f"applicants/{name}")
    return folder


@pytest.fixture(scope="module")
def local_run(resumes: Path, scheduler_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference: the same inputs through the local engine (2 processes), made while the
    cluster's workers boot (hence ``scheduler_file``)."""
    out = tmp_path_factory.mktemp("local") / "local.jsonl"
    run_batch([resumes], out, as_of=AS_OF, workers=2, audit_log=out.with_name("local.audit.jsonl"))
    return out


@pytest.fixture(scope="module")
def cluster(scheduler_file: Path, local_run: Path) -> Iterator[Cluster]:
    client = distributed.Client(scheduler_file=str(scheduler_file), timeout=60)
    try:
        client.wait_for_workers(2, timeout=90)
        ClusterRun(client).prepare()  # rolematch imported and its registry built on both workers
        yield Cluster(address=client.scheduler.address, client=client)
    finally:
        client.close()


def _cluster_batch(resumes: Path, out: Path, scheduler: str, *extra: str) -> subprocess.CompletedProcess[str]:
    audit = out.with_name(out.stem + ".audit.jsonl")
    args = ["batch", str(resumes), "--out", str(out), "--as-of", AS_OF_TEXT, "--top", "0", "--audit-log", str(audit)]
    return cli(*args, "--scheduler", scheduler, *extra)


def test_rows_on_a_cluster_equal_a_local_run(cluster: Cluster, resumes: Path, local_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "cluster.jsonl"
    result = _cluster_batch(resumes, out, cluster.address)
    assert result.returncode == 1, result.stderr  # the empty and broken files fail, as locally
    assert "cluster: tcp://127.0.0.1:" in result.stderr and "2 workers" in result.stderr
    assert out.read_bytes() == local_run.read_bytes()
    assert _audit_entries(tmp_path / "cluster.audit.jsonl") == _audit_entries(local_run.with_name("local.audit.jsonl"))
    rows = read_jsonl(out)
    assert len(rows) == INPUTS and {row["status"] for row in rows} == {"ok", "error", "duplicate"}


def test_paths_on_a_shared_filesystem_and_without_isolation(
    cluster: Cluster, resumes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--shared-fs sends paths (made absolute), which the workers read; --no-isolation reads in the
    worker itself: the same rows, under the names given."""
    monkeypatch.chdir(resumes)
    local = tmp_path / "local.jsonl"
    run_batch(["export.zip", "broken.pdf"], local, as_of=AS_OF, isolation=None)
    out = tmp_path / "shared.jsonl"
    args = ["batch", "export.zip", "broken.pdf", "--out", str(out), "--as-of", AS_OF_TEXT, "--top", "0"]
    result = CliRunner().invoke(
        app, [*args, "--scheduler", cluster.address, "--shared-fs", "--no-isolation"], prog_name="rolematch"
    )
    assert result.exit_code == 1, result.output  # broken.pdf
    assert out.read_bytes() == local.read_bytes()
    assert [row["status"] for row in read_jsonl(out)] == ["ok", "ok", "error"]
    assert {row["file"] for row in read_jsonl(out)} == {
        "export.zip!/applicants/mid-ml-engineer.md",
        "export.zip!/applicants/senior-ml-engineer.txt",
        "broken.pdf",
    }


def _worker_pids(cluster: Cluster) -> dict[str, int]:
    return dict(cluster.client.run(os.getpid))


def _wait_for_rows(journal: Path, count: int, running: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and running():
        if journal.exists() and journal.read_bytes().count(b"\n") >= count:
            return
        time.sleep(0.01)
    raise AssertionError(f"the run ended or stalled before {count} rows")


def test_a_worker_killed_mid_run_loses_nothing(
    cluster: Cluster, resumes: Path, local_run: Path, tmp_path: Path
) -> None:
    cluster.client.wait_for_workers(2, timeout=90)
    victim_address, victim = sorted(_worker_pids(cluster).items())[0]
    out = tmp_path / "killed.jsonl"
    audit = tmp_path / "killed.audit.jsonl"
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        run = pool.submit(run_batch, [resumes], out, as_of=AS_OF, audit_log=audit, client=cluster.client)
        _wait_for_rows(tmp_path / "killed.jsonl.partial.jsonl", 60, lambda: not run.done())
        os.kill(victim, signal.SIGKILL)  # mid-task: each worker is always running one
        summary = run.result(timeout=180)
    rows = read_jsonl(out)
    files = [row["file"] for row in rows]
    entries = _audit_entries(audit)
    print(f"\nfault test: killed worker {victim_address} (pid {victim}) with SIGKILL after 60 rows")
    print(f"fault test: {summary.total} inputs, {summary.matched} matched, {summary.failures} failed, ", end="")
    print(f"{summary.duplicates} duplicates in {summary.elapsed:.1f} s")
    print(f"fault test: {len(rows)} rows, {len(set(files))} distinct files, {len(entries)} audit entries")
    assert len(rows) == len(set(files)) == INPUTS  # nothing lost, nothing twice
    assert out.read_bytes() == local_run.read_bytes()
    assert entries == _audit_entries(local_run.with_name("local.audit.jsonl"))  # one entry per decided input
    assert not any(row["status"] == "error" and row["error"]["code"] == "worker_lost" for row in rows)


def test_a_client_killed_mid_run_resumes(cluster: Cluster, resumes: Path, local_run: Path, tmp_path: Path) -> None:
    cluster.client.wait_for_workers(2, timeout=90)
    out = tmp_path / "client.jsonl"
    journal = tmp_path / "client.jsonl.partial.jsonl"
    audit = tmp_path / "client.audit.jsonl"
    command = [sys.executable, "-m", "rolematch", "batch", str(resumes), "--out", str(out), "--as-of", AS_OF_TEXT]
    command += ["--top", "0", "--audit-log", str(audit), "--scheduler", cluster.address]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for_rows(journal, 60, lambda: process.poll() is None)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert not out.exists()
    saved = journal.read_bytes().count(b"\n")
    # What `--resume` does; the same engine, in this process.
    summary = run_batch([resumes], out, as_of=AS_OF, audit_log=audit, client=cluster.client, resume=True)
    assert summary.resumed == saved
    assert out.read_bytes() == local_run.read_bytes()
    assert _audit_entries(audit) == _audit_entries(local_run.with_name("local.audit.jsonl"))


def _fill_memory(files: dict[str, bytes]) -> int:
    """On a worker: the files of a memory:// filesystem (each process has its own)."""
    import fsspec

    fs = fsspec.filesystem("memory")
    for url, data in files.items():
        fs.pipe(url, data)
    return len(files)


def _comparable(row: dict[str, Any]) -> str:
    return json.dumps({k: v for k, v in row.items() if k not in ("file", "rank")}, sort_keys=True)


def test_fsspec_urls_are_listed_hashed_and_read_by_the_workers(cluster: Cluster, tmp_path: Path) -> None:
    local = make_variants(tmp_path / "local", 20)
    files = {f"memory://rolematch-test/pool/{path.name}": path.read_bytes() for path in local}
    files["memory://rolematch-test/pool/.hidden/skipped.txt"] = b"not an input"
    bundle = tmp_path / "bundle.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.write(EXAMPLES / "senior-ml-engineer.txt", "senior.txt")
    files["memory://rolematch-test/bundle.zip"] = bundle.read_bytes()
    assert set(cluster.client.run(_fill_memory, files).values()) == {len(files)}
    inputs = ["memory://rolematch-test/pool", "memory://rolematch-test/*.zip", "memory://rolematch-test/gone.txt"]
    out = tmp_path / "urls.jsonl"
    summary = run_batch(inputs, out, as_of=AS_OF, client=cluster.client)
    rows = read_jsonl(out)
    failures = {"source_not_found": 1, "unsupported_format": 1}
    assert (summary.total, summary.matched, summary.failures) == (22, 20, failures)
    names = {row["file"] for row in rows}
    assert not any(".hidden" in name for name in names) and all(name.startswith("memory://") for name in names)
    reference = tmp_path / "reference.jsonl"
    run_batch([tmp_path / "local"], reference, as_of=AS_OF)
    ok = sorted(_comparable(row) for row in rows if row["status"] == "ok")
    assert ok == sorted(_comparable(row) for row in read_jsonl(reference))  # content hashes and reports as locally
    again = run_batch(inputs, out, as_of=AS_OF, client=cluster.client, resume=True)
    assert (again.resumed, again.failures) == (20, failures)  # by content hash; errors known early are redone


class _Poison(WorkerPlugin):  # type: ignore[misc]
    """Makes every worker die (SIGKILL) when it reaches the input named ``poison.txt``."""

    name = "rolematch-test-poison"

    def setup(self, worker: Any) -> None:
        from rolematch._batch import _engine

        original = _engine._process

        def process(job: Any, settings: Any, read: Any = None) -> dict[str, Any]:
            if job.name.endswith("poison.txt"):
                os.kill(os.getpid(), signal.SIGKILL)
            return original(job, settings, read)

        _engine._process = process


def _poisoned(folder: Path) -> tuple[Path, dict[str, str]]:
    """40 resumes and ``poison.txt``, and the rows a local run makes of the 40."""
    inputs = folder / "inputs"
    make_variants(inputs, 40)
    (inputs / "poison.txt").write_bytes((EXAMPLES / "senior-ml-engineer.txt").read_bytes())
    reference = folder / "reference.jsonl"
    run_batch([inputs], reference, as_of=AS_OF, workers=2, isolation=None)
    expected = {row["file"]: _comparable(row) for row in read_jsonl(reference)}
    expected.pop(str(inputs / "poison.txt"))
    return inputs, expected


def _check_poisoned(inputs: Path, expected: dict[str, str], summary: Any, out: Path) -> None:
    assert (summary.total, summary.matched, summary.failures) == (41, 40, {"worker_lost": 1})
    rows = {row["file"]: row for row in read_jsonl(out)}
    lost = rows.pop(str(inputs / "poison.txt"))
    assert lost["error"]["code"] == "worker_lost" and "died" in lost["error"]["message"], lost
    assert {file: _comparable(row) for file, row in rows.items()} == expected  # no other file lost with it


def test_a_file_that_kills_workers_ends_as_worker_lost(cluster: Cluster, tmp_path: Path) -> None:
    """Bytes shipped to the workers (scattered): a file that kills each worker that reads it costs
    its bytes with the worker each time; after ``allowed-failures`` such deaths its batch's files
    run one by one on an otherwise idle cluster, and the one that still kills ends as ``worker_lost``."""
    inputs, expected = _poisoned(tmp_path)
    cluster.client.wait_for_workers(2, timeout=90)
    cluster.client.register_plugin(_Poison())
    try:
        # The client counts the deaths of scattered bytes against the same setting; 0 keeps this quick.
        with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
            out = tmp_path / "poisoned.jsonl"
            summary = run_batch([inputs], out, as_of=AS_OF, client=cluster.client, isolation=None)
    finally:
        cluster.client.unregister_worker_plugin(_Poison.name)
    _check_poisoned(inputs, expected, summary, out)
    cluster.client.wait_for_workers(2, timeout=90)  # the nannies restart the workers it killed


def test_local_cluster_and_a_file_that_kills_workers(tmp_path: Path) -> None:
    """``local:2`` (a LocalCluster: the workers read the paths), with a file that kills each worker
    that reads it: the scheduler gives up on its task (``KilledWorker``), the batch's files run one
    by one, and the poisonous one ends as ``worker_lost``; every other row is as locally."""
    inputs, expected = _poisoned(tmp_path)
    out = tmp_path / "poisoned.jsonl"
    # One death per task before the scheduler gives up (the default, 3, takes 4 deaths each time).
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), connect("local:2") as client:
        assert len(client.nthreads()) == 2
        client.register_plugin(_Poison())
        summary = run_batch([inputs], out, as_of=AS_OF, client=client, isolation=None)
    _check_poisoned(inputs, expected, summary, out)


def test_workers_of_another_version_stop_the_run_before_any_row(
    cluster: Cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers whose rolematch is not the client's would make other rows: a typed error, nothing run."""
    from rolematch import ClusterError
    from rolematch._batch import _cluster

    monkeypatch.setattr(_cluster, "__version__", "0.0.0+elsewhere")
    out = tmp_path / "mixed.jsonl"
    with pytest.raises(ClusterError) as raised:
        run_batch([EXAMPLES / "mid-ml-engineer.md"], out, as_of=AS_OF, client=cluster.client)
    assert raised.value.code == "cluster_error" and "0.0.0+elsewhere" in raised.value.message
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("memory://bucket/x.txt",), "add --scheduler"),
        ((str(EXAMPLES / "mid-ml-engineer.md"), "--scheduler", "local:1", "--workers", "2"), "--workers is for local"),
        ((str(EXAMPLES / "mid-ml-engineer.md"), "--shared-fs"), "--shared-fs goes with --scheduler"),
    ],
)
def test_cluster_usage_errors(args: tuple[str, ...], message: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["batch", *args, "--out", str(tmp_path / "o.jsonl")], prog_name="rolematch")
    assert result.exit_code == 2 and message in result.output, result.output
    assert not (tmp_path / "o.jsonl").exists()
