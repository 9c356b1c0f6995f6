"""Reading untrusted bytes in a child process with wall-clock, memory and CPU limits.

The model is Apache Tika's forked parser: the parent forks a child that inherits the loaded
pipeline (copy-on-write, a few milliseconds), the child lowers its own limits with
``setrlimit`` and parses, and sends back the result as JSON. A child that runs out of time is
killed; one that hits its memory or CPU limit dies or fails; either way the parent raises a
typed error and goes on. A hang or a memory blow-up in a reader (pdfminer.six has known ones)
costs one input, never the batch or the server.
"""

from __future__ import annotations

import contextlib
import faulthandler
import gc
import json
import os
import pickle
import resource
import select
import signal
import threading
import time
from collections.abc import Callable

from pydantic import BaseModel, ConfigDict, Field

from . import errors
from .errors import ParseTimeoutError, ResourceLimitExceededError, RolematchError

__all__ = ["Isolation", "ReaderProcess", "close_readers", "read_in_child", "run_isolated"]


class Isolation(BaseModel):
    """Limits for reading one input in a child process (defaults in docs/security.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    timeout: float = Field(10.0, gt=0, description="Wall-clock seconds before the child is killed.")
    memory_mb: int = Field(512, gt=0, description="Address space the child may add to what it inherits, in MB.")
    cpu_seconds: int = Field(10, gt=0, description="CPU seconds the child may use.")


def _address_space() -> int:
    """Bytes of address space this process maps now (Linux /proc; 0 where unknown)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _child(write_fd: int, work: Callable[[], str], isolation: Isolation) -> None:
    """In the forked child: lower the limits, do the work, send one tagged message, exit at once."""
    gc.disable()  # a short-lived child: collecting would touch (and copy) every inherited page
    faulthandler.disable()  # a child killed by its limits is expected; no crash dump on stderr
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, signal.SIG_DFL)  # not the parent's (a server's) handlers
    try:
        budget = _address_space() + isolation.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (budget, budget))
        resource.setrlimit(resource.RLIMIT_CPU, (isolation.cpu_seconds, isolation.cpu_seconds + 1))
        message = b"O" + work().encode("utf-8")
    except MemoryError:
        message = b"M"
    except RolematchError as error:
        message = b"E" + json.dumps([type(error).__name__, error.message]).encode("utf-8")
    except BaseException as error:  # a reader bug: report it, typed, rather than die silently
        message = b"B" + f"{type(error).__name__}: {error}".encode("utf-8", "replace")
    try:
        view = memoryview(message)
        while view:
            view = view[os.write(write_fd, view) :]
    finally:
        os._exit(0)  # no atexit handlers, no flushing of buffers copied from the parent


def run_isolated(work: Callable[[], str], isolation: Isolation) -> str:
    """Run ``work`` (which returns a JSON string) in a forked child under ``isolation``'s limits.

    A plain ``os.fork`` rather than multiprocessing, so that batch workers (daemonic pool
    processes) can isolate too. Raises the child's ``RolematchError`` as is,
    ``ParseTimeoutError`` when it runs out of time and ``ResourceLimitExceededError`` when it runs
    out of memory or CPU or dies.
    """
    gc.freeze()  # objects that exist now are shared with the child; keep the collector off them
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child process; its outcome is what the parent checks
        os.close(read_fd)
        _child(write_fd, work, isolation)
    os.close(write_fd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + isolation.timeout
    timed_out = False
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([read_fd], [], [], remaining)[0]:
                timed_out = True
                break
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        if timed_out:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    if timed_out:
        raise ParseTimeoutError(f"reading took longer than {isolation.timeout:g} s and was stopped (Isolation.timeout)")
    message = b"".join(chunks)
    tag, body = message[:1], message[1:]
    if tag == b"O":
        return body.decode("utf-8")
    if tag == b"M":
        raise ResourceLimitExceededError(
            f"reading needed more than {isolation.memory_mb} MB and was stopped (Isolation.memory_mb)"
        )
    if tag == b"E":
        name, text = json.loads(body)
        raise getattr(errors, name, errors.ReadError)(text)
    if tag == b"B":
        raise errors.CorruptDocumentError(f"the document broke the reader: {body.decode('utf-8', 'replace')}")
    signal_number = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    raise ResourceLimitExceededError(
        _death(-signal_number if signal_number else os.waitstatus_to_exitcode(status), isolation)
    )


def _death(exitcode: int | None, isolation: Isolation) -> str:
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        if -exitcode in (signal.SIGXCPU, signal.SIGKILL):
            return f"reading used more than {isolation.cpu_seconds} s of CPU and was stopped (Isolation.cpu_seconds)"
        return f"the reader died with {name} and was stopped"
    return f"the reader exited with code {exitcode} before answering"


# ---------------------------------------------------------------------------- a long-lived reader

_HEADER = 8  # bytes of length before each message


def _write_message(fd: int, payload: bytes) -> None:
    view = memoryview(len(payload).to_bytes(_HEADER, "big") + payload)
    while view:
        view = view[os.write(fd, view) :]


def _read_exactly(fd: int, size: int, deadline: float | None) -> bytes | None:
    """``size`` bytes from ``fd``; None at end of file; TimeoutError at ``deadline``."""
    chunks, missing = [], size
    while missing:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                raise TimeoutError
        chunk = os.read(fd, min(missing, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)


def _read_message(fd: int, deadline: float | None) -> bytes | None:
    header = _read_exactly(fd, _HEADER, deadline)
    if header is None:
        return None
    return _read_exactly(fd, int.from_bytes(header, "big"), deadline)


def _serve(requests: int, replies: int, handler: Callable[[bytes], str], isolation: Isolation) -> None:
    """The reader child's loop: one request in, one tagged reply out, until the parent closes the pipe."""
    gc.disable()
    faulthandler.disable()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, signal.SIG_DFL)
    try:
        budget = _address_space() + isolation.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (budget, budget))
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        while True:
            request = _read_message(requests, None)
            if request is None:
                break
            # CPU limit for this request: what the child used so far plus the budget.
            usage = resource.getrusage(resource.RUSAGE_SELF)
            soft = int(usage.ru_utime + usage.ru_stime) + isolation.cpu_seconds
            resource.setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))
            try:
                reply = b"O" + handler(request).encode("utf-8")
            except MemoryError:
                reply = b"M"
            except RolematchError as error:
                reply = b"E" + json.dumps([type(error).__name__, error.message]).encode("utf-8")
            except BaseException as error:  # a reader bug: report it, typed
                reply = b"B" + f"{type(error).__name__}: {error}".encode("utf-8", "replace")
            _write_message(replies, reply)
            # Between requests, so garbage from one file does not count against the next; then
            # freeze what survived, so the next collection walks only the next request's objects.
            # A full collection over everything the child made since its fork cost 1-5 ms a
            # request, and ran on the other core while the parent matched: free with one
            # worker, ~10% of the throughput with two.
            gc.collect()
            gc.freeze()
    finally:
        os._exit(0)


class ReaderProcess:
    """A forked child that reads one input at a time under the isolation limits (Tika's model).

    It keeps its caches warm from file to file (a fresh fork per file costs 5-10x the parse of a
    resume), is replaced after a timeout, a death or ``max_requests`` requests, and a request that
    fails on memory is retried once in a fresh child before it is reported, so growth left by
    earlier files is never blamed on this one.
    """

    def __init__(self, handler: Callable[[bytes], str], isolation: Isolation, *, max_requests: int = 200) -> None:
        self.handler = handler
        self.isolation = isolation
        self.max_requests = max_requests
        self._pid = 0
        self._owner = 0
        self._served = 0
        self._to_child = -1
        self._from_child = -1

    def _spawn(self) -> None:
        gc.freeze()
        child_in, parent_out = os.pipe()
        parent_in, child_out = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child; the parent checks what it sends
            os.close(parent_out)
            os.close(parent_in)
            _serve(child_in, child_out, self.handler, self.isolation)
        os.close(child_in)
        os.close(child_out)
        self._pid, self._owner, self._served = pid, os.getpid(), 0
        self._to_child, self._from_child = parent_out, parent_in

    def close(self) -> None:
        """Stop the child and collect it (its resource usage then counts as the parent's children's)."""
        if self._owner == os.getpid():
            # The pipes are closed even when the child is already collected (after a death).
            for fd in (self._to_child, self._from_child):
                if fd >= 0:
                    with contextlib.suppress(OSError):
                        os.close(fd)
            self._to_child = self._from_child = -1
            if self._pid:
                with contextlib.suppress(ProcessLookupError, ChildProcessError):
                    os.kill(self._pid, signal.SIGKILL)
                    os.waitpid(self._pid, 0)
        self._pid = 0

    def _died_while_idle(self) -> bool:
        """Whether the child is gone though it had nothing to do (the OOM killer, an operator's kill).

        Then the next request goes to a fresh child instead of failing for a death it did not cause.
        """
        try:
            pid, _ = os.waitpid(self._pid, os.WNOHANG)
        except ChildProcessError:
            return True
        if pid:
            self._pid = 0  # collected here; close() still closes its pipes
        return pid != 0

    def _status_of_death(self) -> str:
        try:
            _, status = os.waitpid(self._pid, 0)
        except ChildProcessError:
            return "the reader died"
        self._pid = 0
        if os.WIFSIGNALED(status):
            return _death(-os.WTERMSIG(status), self.isolation)
        return _death(os.waitstatus_to_exitcode(status), self.isolation)

    def request(self, payload: bytes, *, retried: bool = False) -> str:
        """Send one input; the child's JSON answer, or the typed error for what happened."""
        mine = bool(self._pid) and self._owner == os.getpid()
        if not mine or self._served >= self.max_requests or self._died_while_idle():
            if self._owner == os.getpid():
                self.close()
            self._spawn()
        self._served += 1
        try:
            _write_message(self._to_child, payload)
            reply = _read_message(self._from_child, time.monotonic() + self.isolation.timeout)
        except TimeoutError:
            self.close()
            raise ParseTimeoutError(
                f"reading took longer than {self.isolation.timeout:g} s and was stopped (Isolation.timeout)"
            ) from None
        except BrokenPipeError:
            reply = None
        if reply is None:
            message = self._status_of_death()
            self.close()
            raise ResourceLimitExceededError(message)
        tag, body = reply[:1], reply[1:]
        if tag == b"O":
            return body.decode("utf-8")
        if tag == b"M":
            self.close()
            if not retried:
                return self.request(payload, retried=True)
            raise ResourceLimitExceededError(
                f"reading needed more than {self.isolation.memory_mb} MB and was stopped (Isolation.memory_mb)"
            )
        if tag == b"E":
            name, text = json.loads(body)
            raise getattr(errors, name, errors.ReadError)(text)
        raise errors.CorruptDocumentError(f"the document broke the reader: {body.decode('utf-8', 'replace')}")


# ---------------------------------------------------------------------------- the reader pool
# One long-lived reader child per thread and Isolation: the library, the batch workers and the
# server's threads each get their own, with warm caches, started on first use.
_readers = threading.local()


def _parse_request(request: bytes) -> str:
    """In the reader child: one pickled request to a Resume's JSON."""
    # Imported here: the stages import nothing of this module, and the child inherits them loaded.
    from ._parse import parse_document
    from ._read import read_document

    kind, *fields = pickle.loads(request)  # from our own parent process only
    if kind == "bytes":
        data, as_of, limits, pdf_reader = fields
        document = read_document(data, limits=limits, pdf_reader=pdf_reader)
    else:
        document, as_of = fields
    return parse_document(document, as_of=as_of).model_dump_json()


def read_in_child(request: tuple[object, ...], isolation: Isolation) -> str:
    """A parse request (``("bytes", data, as_of, limits, pdf_reader)`` or ``("document", document,
    as_of)``) answered by this thread's reader child for ``isolation``: the Resume's JSON."""
    from ._skills import default_registry

    readers: dict[Isolation, ReaderProcess] = getattr(_readers, "by_isolation", None) or {}
    _readers.by_isolation = readers
    reader = readers.get(isolation)
    if reader is None:
        default_registry()  # built before the fork, so the child inherits it
        reader = readers[isolation] = ReaderProcess(_parse_request, isolation)
    return reader.request(pickle.dumps(request))


def close_readers() -> None:
    """Stop this thread's reader children (they also stop when the process exits)."""
    for reader in (getattr(_readers, "by_isolation", None) or {}).values():
        reader.close()
    _readers.by_isolation = {}
