"""Tasks of one kind on a Dask cluster, and what the client does when they fail.

A bounded number of tasks is in flight, and results come back as they finish. A task that raised
(once its ``retries`` are spent) is split, each of its items tried alone. A task lost with its
workers too often may have died for another task on the same worker, so its items become
suspects, each run alone on an otherwise idle cluster: an item that still kills workers there is
to blame (its row says ``worker_lost``), and no other input is lost beside it.
"""

from __future__ import annotations

import dataclasses
import time
import uuid
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ..errors import ClusterError, SourceNotFoundError

if TYPE_CHECKING:
    from distributed import Client, Future

__all__ = ["IN_FLIGHT_PER_THREAD", "TASK_RETRIES", "Tasks", "WrongVersion", "lost_row_error"]

IN_FLIGHT_PER_THREAD = 2
"""Tasks in flight per worker thread: one running, one waiting, so no worker idles on a round trip."""
TASK_RETRIES = 2
"""Times the scheduler reruns a task that raised (a storage error, say) before it is split."""

_Item = TypeVar("_Item")


class WrongVersion(RuntimeError):
    """Raised on a worker whose rolematch is not the client's: its rows would differ."""


@dataclasses.dataclass
class _Flight(Generic[_Item]):
    """A task in flight: its items (kept to submit them again), what keeps its scattered bytes alive,
    how many times workers died under it, and whether it runs alone."""

    items: list[_Item]
    held: object = None
    deaths: int = 0
    alone: bool = False


class _WorkersDied(Exception):
    """An item's task was lost with its workers more times than the scheduler allows."""

    def __init__(self, deaths: int) -> None:
        super().__init__(deaths)
        self.deaths = deaths


class Tasks(Generic[_Item]):
    """Tasks of one kind on the cluster: a bounded number in flight, results as they finish.

    A task that raised (once the scheduler's ``retries`` are spent) is split, each of its items
    submitted alone; an item that raises alone is returned as failed. A task whose workers died
    too often (``KilledWorker``, or its scattered bytes lost with their worker more often than
    ``allowed-failures``) may have died for another task on the same worker, so its items become
    suspects, each then run alone on an idle cluster: one that kills workers there is guilty
    (returned as failed), and no innocent input is ever lost beside it.
    """

    def __init__(
        self,
        client: Client,
        function: Callable[..., list[Any]],
        fixed: tuple[Any, ...],
        label: str,
        pack: Callable[[list[_Item]], tuple[tuple[Any, ...], object]] | None = None,
    ) -> None:
        import dask
        from distributed import as_completed

        self.client = client
        self.function = function
        self.fixed = fixed
        self.pack = pack or (lambda items: ((items,), None))
        self.label = f"rolematch-{label}-{uuid.uuid4().hex[:8]}"
        self.pending: dict[Future[Any], _Flight[_Item]] = {}
        self.completed = as_completed(with_results=True, raise_errors=False)  # type: ignore[no-untyped-call]
        self.suspects: deque[_Item] = deque()
        self.solo = False  # a suspect runs with nothing beside it
        self.allowed = int(dask.config.get("distributed.scheduler.allowed-failures", 3))
        self.count = 0
        self.threads = 1  # the cluster's, counted by room()
        self.limit = 2
        self.checked = -1e9

    @property
    def busy(self) -> bool:
        """Whether tasks are in flight or suspects wait for their turn."""
        return bool(self.pending or self.suspects)

    def room(self) -> bool:
        """Whether another task may be submitted: never while suspects wait for an idle cluster. The
        cluster's threads are counted every few seconds (clusters grow and shrink)."""
        if self.suspects or self.solo:
            return False
        now = time.monotonic()
        if now - self.checked > 2.0:
            self.checked = now
            self.threads = sum(self.client.nthreads().values())  # type: ignore[no-untyped-call]
            self.limit = max(2, IN_FLIGHT_PER_THREAD * self.threads)
        return len(self.pending) < self.limit

    def submit(self, items: list[_Item], priority: int = 0, deaths: int = 0, alone: bool = False) -> None:
        """Run ``function(*fixed, *packed items)`` on the cluster."""
        self.count += 1
        args, held = self.pack(items)
        future = self.client.submit(
            self.function,
            *self.fixed,
            *args,
            key=f"{self.label}-{self.count}",
            retries=TASK_RETRIES,
            priority=priority,
            pure=False,
        )
        self.pending[future] = _Flight(items, held, deaths, alone)
        self.solo = self.solo or alone
        self.completed.add(future)  # type: ignore[no-untyped-call]

    def next(self) -> tuple[list[_Item], list[Any] | BaseException]:
        """The next finished task's items and results, or one item and what failed it."""
        from distributed import KilledWorker

        while True:
            if not self.pending and self.suspects:
                self.submit([self.suspects.popleft()], alone=True)
            future, result = next(self.completed)
            flight = self.pending.pop(future)
            self.solo = self.solo and not flight.alone
            if future.status == "finished":
                return flight.items, result
            error = self._error(future, result)
            if future.status == "cancelled":  # its scattered bytes died with their worker
                flight.deaths += 1
                if flight.deaths <= self.allowed:
                    self.submit(flight.items, priority=1, deaths=flight.deaths, alone=flight.alone)
                    continue
                error = _WorkersDied(flight.deaths)
            if isinstance(error, (KilledWorker, _WorkersDied)) and not flight.alone:
                self.suspects.extend(flight.items)
            elif len(flight.items) == 1:
                return flight.items, error
            else:
                for item in flight.items:  # alone, each fails or succeeds on its own: one bad file spares the rest
                    self.submit([item], priority=1)

    def _error(self, future: Future[Any], result: Any) -> BaseException:
        """What failed a task; a ClusterError when no input is to blame and the run cannot go on."""
        error = result[1] if isinstance(result, tuple) else result
        lost = future.status == "cancelled" and self.client.status != "running"
        if lost or not isinstance(error, BaseException):
            self.cancel()
            raise ClusterError(f"the cluster dropped the batch's tasks ({error!r}): the scheduler is gone")
        if isinstance(error, WrongVersion):
            self.cancel()
            raise ClusterError(f"a worker cannot make the same rows: {error}")
        return error

    def cancel(self) -> None:
        """Release every task still in flight."""
        if self.pending:
            self.client.cancel(list(self.pending))  # type: ignore[no-untyped-call]
            self.pending.clear()


def lost_row_error(name: str, error: BaseException) -> tuple[str, str]:
    """The error code and message of an input whose task failed alone."""
    from distributed import KilledWorker

    if isinstance(error, (KilledWorker, _WorkersDied)):
        deaths = error.deaths if isinstance(error, _WorkersDied) else error.allowed_failures + 1
        return "worker_lost", (
            f"the worker reading it died {deaths} {'time' if deaths == 1 else 'times'} with no other file beside it"
            " (a crash, or the worker's memory limit); not tried again"
        )
    if isinstance(error, OSError):
        return SourceNotFoundError.code, f"cannot read {name}: {type(error).__name__}: {error}"
    return "internal_error", f"{type(error).__name__}: {error}"
