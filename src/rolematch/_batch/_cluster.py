"""Batches on a Dask cluster: the cluster's workers as another source of the engine's results.

``run_batch(..., client=distributed.Client(...))`` (``rolematch batch --scheduler``) plans, journals,
audits, ranks and writes as a local run does (``_engine``); only the rows are made elsewhere. Each
task carries a batch of inputs (:data:`BATCH_FILES` files, at most :data:`BATCH_BYTES` bytes),
not one file: one file a task cost 28% of the throughput, 32 files 2-4% (docs/scaling.md), and
a lost task redoes little.

* Local files are read by the client and their bytes shipped (the workers need no access to the
  client's disk), scattered beside each task rather than put in it: the scheduler relays them but
  neither holds them nor keeps them in the logs Dask keeps of each connection's last 1,000
  messages. With ``shared_filesystem=True``, and always for a ``LocalCluster`` (same machine), the
  tasks carry absolute paths the workers read. fsspec URLs are listed, hashed and read by the
  workers (``_urls``).
* Results stream back as tasks finish (``as_completed``), at most ``_tasks.IN_FLIGHT_PER_THREAD``
  tasks per worker thread in flight, so the client holds a bounded number of files and rows
  whatever the batch's size, and each worker has its next task waiting.
* A worker that dies mid-task (``kill -9``, the OOM killer) costs nothing: the scheduler runs its
  tasks elsewhere, up to ``distributed.scheduler.allowed-failures`` deaths of the same task (3);
  a task whose scattered bytes died with their worker is cancelled, counted against the same
  setting here, and sent again with its bytes. A task that still fails is split: after an error
  (once its ``retries`` are spent) each input is tried alone; after deaths each is tried alone on
  an otherwise idle cluster, so that a death can only be that input's. An input that fails alone
  ends as an error row (``worker_lost`` for deaths), and one file that kills workers takes no
  other down with it: a poisonous file costs 2 x (allowed-failures + 1) worker deaths, never a
  hung run (``_tasks``).
* Per-file isolation (time, memory) runs on the workers as locally: each worker thread keeps its
  own reader child (``_isolation``).
* The client killed mid-run leaves the journal, and ``resume=True`` continues as locally; its
  tasks are released by the scheduler when the client is gone.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import logging
import os
import pickle
import re
import signal
import sys
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._read import Source, read_source_bytes
from .._version import __version__
from ..errors import ClusterError, RolematchError, SourceNotFoundError
from ._engine import _encode, _encoded, _error_row, _Job, _Result, _Settings
from ._inputs import BatchInput, collect_inputs, expand_inputs, read_member
from ._interrupt import SignalGuard
from ._tasks import Tasks, WrongVersion, lost_row_error
from ._urls import hash_url, is_url, list_url, read_url, split_urls

if TYPE_CHECKING:
    from distributed import Client

__all__ = [
    "BATCH_BYTES",
    "BATCH_FILES",
    "ClusterRun",
    "connect",
    "dask_setup",
]

BATCH_FILES = 32
"""Files per task (measured in docs/scaling.md: 1 costs 28% of the throughput, 8 13%, 32 2-4%)."""
BATCH_BYTES = 8 << 20
"""Bytes shipped per task at most, under the 10 MB at which Dask warns of a large task."""
HASH_FILES = 128
"""URLs hashed per task: reading and hashing costs a fraction of parsing."""
TAIL_FILES = 4
"""Files per task at the least, for the last tasks of a run."""
SCATTER_ATTEMPTS = 8
"""Tries to hand a task's files to a worker (0.1 s, then twice as long each time: 25 s in all)."""

_Payload = tuple[_Job, bytes | None]  # bytes shipped by the client, or None: the worker reads job.path


# ------------------------------------------------------------------------------------ on workers

_SETTINGS: dict[str, _Settings] = {}


def _check_version(version: str) -> None:
    if version != __version__:
        raise WrongVersion(f"the worker has rolematch {__version__}, the client {version}")


def _prepare(version: str) -> str:
    """On every worker before a run: the version check, and the registry built once, before tasks."""
    _check_version(version)
    from .._skills import default_registry

    default_registry()
    return __version__


def _settings(version: str, blob: bytes, digest: str) -> _Settings:
    """The run's settings, unpickled once per worker (each task carries them: 25 kB, no state to lose)."""
    _check_version(version)
    settings = _SETTINGS.get(digest)
    if settings is None:
        _SETTINGS.clear()
        settings = _SETTINGS[digest] = pickle.loads(blob)  # from this run's client
    return settings


def _decide_batch(
    version: str, blob: bytes, digest: str, jobs: list[_Job], shipped: list[bytes | None] | None
) -> list[_Result]:
    """A task: each input of ``jobs`` to its row, as a local worker makes it; ``shipped`` holds the
    bytes the client sent (scattered beside the task), None where the worker reads them itself."""
    settings = _settings(version, blob, digest)
    datas = shipped if shipped is not None else [None] * len(jobs)
    return [_encoded(job, settings, _reader(job, data)) for job, data in zip(jobs, datas, strict=True)]


def _reader(job: _Job, data: bytes | None) -> Callable[[], Source] | None:
    """How a worker gets an input's bytes: shipped, read from a URL, or (None) read from its path."""
    if data is None and job.sha256 is not None and job.member is None and is_url(job.path):
        try:
            data = read_url(job.path)  # a storage error other than these fails the task: retried
        except RolematchError as error:
            return _raising(error)
    if data is None:
        return None
    shipped = data
    return lambda: shipped


def _raising(error: BaseException) -> Callable[[], Source]:
    def read() -> Source:
        raise error

    return read


def _settle() -> int:
    """On a worker of a cluster this process started, once warm: what it holds now (Dask's own state,
    the registry, the role) moved out of the cyclic collector's reach, as the local engine's reader
    children do. Each full collection otherwise walks all of it again and frees nothing; measured
    on ``local:2``, that cost about a sixth of the throughput. Only for workers this process owns:
    on a shared cluster, freezing would keep other work's cycles alive for good."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def dask_setup(worker: object) -> None:
    """Dask's preload hook, run as each worker of a ``local:N`` cluster starts (restarts too).

    Ctrl-C in a terminal signals its whole process group, the cluster's workers with it; the
    client decides (it stops the run and keeps the journal), and the workers stay quiet, as the
    local engine's do, instead of each printing a KeyboardInterrupt traceback.
    """
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _list_task(version: str, url: str) -> list[tuple[str, str | None]]:
    _check_version(version)
    return list_url(url)


def _hash_batch(version: str, urls: list[str]) -> list[tuple[str | None, tuple[str, str] | None]]:
    _check_version(version)
    return [hash_url(url) for url in urls]


# ------------------------------------------------------------------------------------ on the client


class ClusterRun:
    """A batch's inputs and rows through a Dask client (``run_batch(..., client=...)``)."""

    def __init__(self, client: Client, *, shared_filesystem: bool = False, batch_files: int = BATCH_FILES) -> None:
        from distributed import LocalCluster

        self.client = client
        # A LocalCluster's workers run on this machine: they read the paths, nothing is shipped.
        self.shared_filesystem = shared_filesystem or isinstance(getattr(client, "cluster", None), LocalCluster)
        self.batch_files = batch_files

    def prepare(self) -> None:
        """Check every worker runs this rolematch, and warm it (registry built) before tasks come."""
        try:
            self.client.run(_prepare, __version__)
        except WrongVersion as error:
            raise ClusterError(f"a worker cannot make the same rows: {error}") from None
        except (ImportError, AttributeError) as error:
            raise ClusterError(f"the workers cannot run rolematch ({error}); install it where they run") from None

    def inputs(self, inputs: Iterable[str | os.PathLike[str]]) -> list[BatchInput]:
        """Every input with its content hash, as ``_inputs`` finds them; URL inputs (listed and hashed
        by the workers) after the local ones."""
        self.prepare()
        local, urls = split_urls(os.fspath(item) for item in inputs)
        found = collect_inputs(expand_inputs(local))
        if urls:
            found.extend(self._url_inputs(urls))
        return found

    def _url_inputs(self, urls: list[str]) -> list[BatchInput]:
        futures = [
            self.client.submit(_list_task, __version__, url, key=f"rolematch-list-{uuid.uuid4().hex}", retries=2)
            for url in urls
        ]
        listed: dict[str, str | None] = {}
        for url, future in zip(urls, futures, strict=True):
            try:
                files = future.result()
            except Exception as error:
                raise ClusterError(f"listing {url} failed on the cluster: {error!r}") from None
            for name, error_text in files:
                listed.setdefault(name, error_text)
        names = sorted(listed)
        hashed: dict[str, tuple[str | None, tuple[str, str] | None]] = {}
        tasks: Tasks[str] = Tasks(self.client, _hash_batch, (__version__,), "hash")
        try:
            to_hash = iter(_chunks([n for n in names if listed[n] is None], HASH_FILES))
            for chunk in to_hash:
                tasks.submit(chunk)
                while tasks.busy and not tasks.room():
                    self._hashed(tasks, hashed)
            while tasks.busy:
                self._hashed(tasks, hashed)
        finally:
            tasks.cancel()
        found = []
        for name in names:
            text = listed[name]
            digest, known = hashed[name] if text is None else (None, (SourceNotFoundError.code, text))
            found.append(BatchInput(name=name, path=name, sha256=digest, error=known))
        return found

    @staticmethod
    def _hashed(tasks: Tasks[str], hashed: dict[str, tuple[str | None, tuple[str, str] | None]]) -> None:
        items, outcome = tasks.next()
        if isinstance(outcome, BaseException):
            hashed[items[0]] = (None, lost_row_error(items[0], outcome))
        else:
            hashed.update(zip(items, outcome, strict=True))

    @contextlib.contextmanager
    def results(self, jobs: Sequence[_Job], settings: _Settings, guard: SignalGuard) -> Iterator[Iterator[_Result]]:
        """The jobs' results as the cluster's tasks finish; leaving releases the tasks still in flight."""
        blob = pickle.dumps(settings)
        fixed = (__version__, blob, hashlib.sha256(blob).hexdigest())
        tasks: Tasks[_Payload] = Tasks(self.client, _decide_batch, fixed, "decide", self._pack)
        try:
            yield self._decided(tasks, jobs, settings)
        finally:
            with guard.held():  # a signal must not leave tasks running for nobody
                tasks.cancel()

    def _pack(self, items: list[_Payload]) -> tuple[tuple[Any, ...], object]:
        """A task's arguments: its jobs, and the bytes shipped with them scattered to the workers
        rather than put in the task, so the scheduler holds (and logs) no resume."""
        jobs = [job for job, _ in items]
        datas = [data for _, data in items]
        if all(data is None for data in datas):
            return (jobs, None), None
        for attempt in range(SCATTER_ATTEMPTS):
            try:
                [held] = self.client.scatter([datas], hash=False)  # type: ignore[no-untyped-call]
                return (jobs, held), held
            except OSError:  # the worker chosen died before the scheduler knew: another is chosen
                time.sleep(0.1 * 2**attempt)
        raise ClusterError(f"no worker took a task's files after {SCATTER_ATTEMPTS} tries; is any worker alive?")

    def _decided(self, tasks: Tasks[_Payload], jobs: Sequence[_Job], settings: _Settings) -> Iterator[_Result]:
        made_here: deque[_Result] = deque()  # rows the client makes: inputs it cannot read
        batches = self._batches(tasks, jobs, settings, made_here)
        exhausted = False
        while True:
            while not exhausted and len(made_here) < self.batch_files and tasks.room():
                batch = next(batches, None)
                exhausted = batch is None
                if batch:
                    tasks.submit(batch)
            while made_here:
                yield made_here.popleft()
            if not tasks.busy:
                if exhausted:
                    return
                continue
            items, outcome = tasks.next()
            if isinstance(outcome, BaseException):
                job = items[0][0]
                yield _encode(job.index, _error_row(job.name, job.sha256, *lost_row_error(job.name, outcome)), settings)
            else:
                jobs_of = {job.index: job for job, _ in items}
                yield from (_shared(result, jobs_of[result[0]]) for result in outcome)

    def _batches(
        self, tasks: Tasks[_Payload], jobs: Sequence[_Job], settings: _Settings, made_here: deque[_Result]
    ) -> Iterator[list[_Payload]]:
        """Tasks' payloads, read as they are submitted (the client holds only those in flight);
        an empty list after each row made here, so the caller hands those on."""
        batch: list[_Payload] = []
        size = 0
        for position, job in enumerate(jobs):
            payload = self._payload(job, settings)
            if len(payload) != 2:
                made_here.append(payload)
                yield []
                continue
            batch.append(payload)
            size += len(payload[1] or b"")
            if len(batch) >= self._batch_size(len(jobs) - position, tasks.threads) or size >= BATCH_BYTES:
                yield batch
                batch, size = [], 0
        if batch:
            yield batch

    def _batch_size(self, left: int, threads: int) -> int:
        """Files for the next task: :data:`BATCH_FILES`, and fewer as the run ends (under four tasks
        a thread left), so that the last tasks are small and no worker idles long while another
        finishes a whole batch."""
        return max(TAIL_FILES, min(self.batch_files, left // (4 * max(1, threads))))

    def _payload(self, job: _Job, settings: _Settings) -> _Payload | _Result:
        """What a task carries for ``job``, or its row when the client cannot read it (made as a
        local worker makes it: the same code, with a read that raises what reading raised)."""
        if job.sha256 is None:
            return _encoded(job, settings)  # an unreadable input: no read, an error row
        if is_url(job.path):
            return job, None
        if self.shared_filesystem:
            return dataclasses.replace(job, path=os.path.abspath(job.path)), None
        try:
            data = read_member(job.path, job.member) if job.member is not None else read_source_bytes(Path(job.path))
        except Exception as error:  # the row says why, exactly as reading on a worker would
            return _encoded(job, settings, _raising(error))
        return job, data


def _shared(result: _Result, job: _Job) -> _Result:
    """A result whose light row, kept for the whole run, holds no copy of what the client holds
    already: the file's name and hash are the job's strings, the settings key and status one
    string for every row (unpickled, each row would keep its own: 500 bytes a row)."""
    kept = result[1]
    if kept.get("file") == job.name:
        kept["file"] = job.name
    if kept.get("sha256") == job.sha256:
        kept["sha256"] = job.sha256
    for name in ("settings", "status"):
        if isinstance(kept.get(name), str):
            kept[name] = sys.intern(kept[name])
    return result


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


_LOCAL = re.compile(r"local(?::(\d+))?")


# Dask keeps its last 1,000 messages on each connection, for debugging (each task's arguments with
# them): memory that grows with a run's first 32,000 files. A run this process starts keeps a few.
# Its local workers do not sample their stacks for a dashboard nobody sees, and the event loops'
# health ticks (every 20 ms) and system monitors (500 ms) run rarely: together they cost an idle
# local:1 cluster 7% of a core, and a run's client a third of its CPU (measured, docs/scaling.md).
_QUIET = {
    "distributed.admin.low-level-log-length": 16,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "500ms",
}


@contextlib.contextmanager
def connect(address: str) -> Iterator[Client]:
    """A client of the scheduler at ``address`` (``tcp://host:8786``), or of a ``LocalCluster`` of N
    worker processes with one thread each for ``local:N`` (``local``: one per CPU), on loopback
    and without a dashboard; a local cluster's workers are warmed before it is returned."""
    import dask
    from distributed import Client, LocalCluster

    local = _LOCAL.fullmatch(address)
    count = int(local.group(1) or os.cpu_count() or 1) if local is not None else 0
    if local is not None and count < 1:
        raise ValueError(f"{address}: a local cluster needs at least one worker")
    with dask.config.set(_QUIET), contextlib.ExitStack() as stack:
        if local is None:
            yield stack.enter_context(Client(address))  # type: ignore[no-untyped-call]
            return
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=count,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            # No dashboard; the scheduler's HTTP routes (health, metrics) on a free loopback port.
            scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
            silence_logs=logging.ERROR,
            preload=[__name__],  # dask_setup: the workers leave Ctrl-C to the client
        )
        stack.enter_context(cluster)
        client = stack.enter_context(Client(cluster))  # type: ignore[no-untyped-call]
        ClusterRun(client).prepare()
        client.run(_settle)
        yield client
