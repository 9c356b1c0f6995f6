"""Stopping a batch cleanly on SIGINT (Ctrl-C) or SIGTERM, with worker processes that stay quiet.

The parent turns either signal into :class:`BatchInterrupted` once the pool is stopped; rows
already journalled stay, and ``resume=True`` continues from them. A signal never lands between
writing a row to the journal and its entry to the audit log: one that arrives then is held until
both are written (:meth:`SignalGuard.held`), so a stop by signal leaves no decided input with an
entry but no row, or a row but no entry.

Pool workers ignore SIGINT (Ctrl-C reaches the terminal's whole process group, and the parent
decides), end at once on SIGTERM (what stopping the pool sends), and exit without a traceback
when the parent is gone and the pipe to it is broken (a parent killed with SIGKILL).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.context
import multiprocessing.pool
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

__all__ = ["BatchInterrupted", "QuietPool", "SignalGuard", "Stopped", "quiet_worker_signals", "start_quiet_pool"]


class BatchInterrupted(KeyboardInterrupt):
    """A batch stopped by SIGINT (Ctrl-C) or SIGTERM; the rows already journalled are kept.

    A ``KeyboardInterrupt``, so that code which does not expect it stops as it does on Ctrl-C
    (``except Exception`` does not swallow it). ``done`` of ``total`` inputs had a row when it
    stopped (including duplicates and rows reused from an earlier run); ``journal`` holds them and
    ``run_batch(..., resume=True)`` with the same ``out`` continues. ``signal`` is the signal's
    number, and ``exit_code`` the status a command line conventionally exits with (128 + it).
    """

    def __init__(self, *, signal: int, done: int, total: int, out: Path, journal: Path) -> None:
        self.signal = signal
        self.done = done
        self.total = total
        self.out = out
        self.journal = journal
        super().__init__(self.message)

    @property
    def signal_name(self) -> str:
        """``SIGINT`` or ``SIGTERM``."""
        return signal.Signals(self.signal).name

    @property
    def exit_code(self) -> int:
        """128 + the signal number: 130 for SIGINT, 143 for SIGTERM."""
        return 128 + self.signal

    @property
    def message(self) -> str:
        """One line: what stopped the run and what was saved."""
        return f"interrupted by {self.signal_name}: {self.done} of {self.total} inputs saved in {self.journal}"

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        fields = {"signal": self.signal, "done": self.done, "total": self.total, "out": self.out}
        return (_rebuild, (fields, self.journal))


def _rebuild(fields: dict[str, Any], journal: Path) -> BatchInterrupted:
    return BatchInterrupted(journal=journal, **fields)


class Stopped(KeyboardInterrupt):
    """Raised by the signal handler inside the run; ``run_batch`` turns it into BatchInterrupted."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class SignalGuard:
    """While entered (in the main thread), SIGINT and SIGTERM raise :class:`Stopped`, except inside
    :meth:`held`, after which they do. Earlier handlers come back on exit. A SIGINT that was
    ignored (a background job) stays ignored. Outside the main thread it does nothing: signals are
    delivered to the main thread only.
    """

    def __init__(self) -> None:
        self.signum: int | None = None
        self._holding = False
        self._raised = False
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> SignalGuard:
        if threading.current_thread() is threading.main_thread():
            for number in (signal.SIGINT, signal.SIGTERM):
                previous = signal.getsignal(number)
                if previous is signal.SIG_IGN:
                    continue
                self._previous[number] = previous
                signal.signal(number, self._handle)
        return self

    def __exit__(self, *_: object) -> None:
        for number, previous in self._previous.items():
            signal.signal(number, previous)
        self._previous = {}

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.signum is None:
            self.signum = signum
        if not self._holding:
            self._stop()

    def _stop(self) -> None:
        # Once: a second signal while the pool is being stopped must not cut that short.
        if self.signum is not None and not self._raised:
            self._raised = True
            raise Stopped(self.signum)

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """A stretch no signal interrupts: one that arrives in it stops the run right after."""
        self._holding = True
        try:
            yield
        finally:
            self._holding = False
        self._stop()


_STOPPING = {signal.SIGINT, signal.SIGTERM}


def start_quiet_pool(workers: int, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> QuietPool:
    """A pool of forked workers that start with SIGINT and SIGTERM blocked.

    A forked worker inherits the parent's handlers, and the parent's SIGTERM handler would raise
    in it and print a traceback; blocked until ``initializer`` has called
    :func:`quiet_worker_signals`, no signal meets a worker in between. (Threads the pool starts
    meanwhile keep them blocked too: Python handles signals in the main thread only.)
    """
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        context = multiprocessing.get_context("fork")
        return QuietPool(workers, initializer=initializer, initargs=initargs, context=context)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def quiet_worker_signals() -> None:
    """In a pool worker: Ctrl-C is the parent's to handle, and SIGTERM ends the worker at once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)


class _QuietProcess(multiprocessing.context.ForkProcess):
    """A forked pool worker that exits in silence when the parent is gone.

    A worker whose parent was killed finds the pipe to it broken when it sends its next row; there
    is no one left to tell, so it ends without the traceback ``multiprocessing`` would print.
    """

    def run(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError, EOFError):
            super().run()


class QuietPool(multiprocessing.pool.Pool):
    """A fork-context pool of :class:`_QuietProcess` workers."""

    @staticmethod
    def Process(ctx: Any, *args: Any, **kwds: Any) -> Any:
        """A quiet worker process (multiprocessing calls this to start each worker)."""
        return _QuietProcess(*args, **kwds)
