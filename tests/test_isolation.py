"""The reader children: garbage freed between requests, and the edges (timeouts, deaths, recycling,
memory retries, one child per thread), all with real forked processes."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import signal
import sys
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import AS_OF
from rolematch import _isolation
from rolematch._isolation import Isolation, ReaderProcess, close_readers, read_in_child
from rolematch._limits import DEFAULT_LIMITS
from rolematch._parse import parse_document
from rolematch._read import Document, read_text
from rolematch.errors import ParseTimeoutError, ResourceLimitExceededError, RolematchError
from rolematch.resume import Resume


class _Cycle:
    def __init__(self) -> None:
        self.me = self


_previous: list[weakref.ref[_Cycle]] = []


def _handler(request: bytes) -> str:
    """Makes one garbage cycle per request and reports what the child's collector saw before it."""
    answer = {
        # Whether the cycle made by the previous request was collected before this one.
        "previous_collected": bool(_previous) and _previous[-1]() is None,
        "frozen": gc.get_freeze_count(),
        # Objects the next collection would walk (gen 0): those made since the last one.
        "young": gc.get_count()[0],
    }
    cycle = _Cycle()
    _previous.append(weakref.ref(cycle))
    del cycle
    return json.dumps(answer)


def test_each_requests_garbage_is_freed_and_survivors_are_frozen() -> None:
    reader = ReaderProcess(_handler, Isolation())
    try:
        answers = [json.loads(reader.request(str(n).encode())) for n in range(4)]
    finally:
        reader.close()
    assert [a["previous_collected"] for a in answers] == [False, True, True, True]
    # What survives a request is frozen, so a collection between requests walks only that request's
    # objects, not everything the child made since its fork (that cost 1-5 ms a request).
    assert answers[1]["frozen"] > answers[0]["frozen"]
    assert all(a["young"] < 200 for a in answers[1:])


# ------------------------------------------------------------------ edges, with real child processes
# The handlers below run in the forked reader child: they can sleep, allocate or exit there
# without touching the test process. Each answers with its child's pid, so a test can tell
# which child served which request.

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="reader children are made with os.fork")
# The memory budget is measured from /proc/self/statm and enforced with RLIMIT_AS, both Linux's.
needs_linux = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="RLIMIT_AS and /proc/self are only enforced and present on Linux"
)
MEMORY_MB = 64
# Well past MEMORY_MB on top of what the child inherits: the allocation fails at once on RLIMIT_AS.
TOO_MUCH = 8 * MEMORY_MB * 1024 * 1024


def _pid(request: bytes) -> str:
    """Answers with the serving child's pid; ``sleep`` outlasts any test timeout."""
    if request == b"sleep":
        time.sleep(30)
    return str(os.getpid())


def _dies(request: bytes) -> str:
    """``exit`` ends the child with exit code 3, ``term`` kills it with SIGTERM; else its pid."""
    if request == b"exit":
        os._exit(3)
    if request == b"term":
        os.kill(os.getpid(), signal.SIGTERM)  # the child restores SIG_DFL for SIGTERM
        time.sleep(30)
    return str(os.getpid())


_served_in_this_child = 0  # stays 0 in the test process; each fork starts from that copy


def _grows(request: bytes) -> str:
    """Fits in a fresh child; in one that has served before, "earlier files" left it too big."""
    global _served_in_this_child
    _served_in_this_child += 1
    if _served_in_this_child > 1:
        bytearray(TOO_MUCH)
    return str(os.getpid())


def _always_too_big(request: bytes) -> str:
    """Notes its pid in the file named by the request, then needs more than the budget; ``pid``: its pid."""
    if request == b"pid":
        return str(os.getpid())
    with open(request.decode(), "a", encoding="ascii") as attempts:
        attempts.write(f"{os.getpid()}\n")
    bytearray(TOO_MUCH)
    return "unreachable"


def _reaped(pid: int) -> bool:
    """Whether ``pid`` is no child of ours any more (collected, so no zombie is left)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@needs_fork
def test_a_timeout_raises_and_the_next_request_gets_a_new_child() -> None:
    reader = ReaderProcess(_pid, Isolation(timeout=1.0))
    try:
        first = reader.request(b"pid")
        start = time.monotonic()
        with pytest.raises(ParseTimeoutError, match=r"longer than 1 s .*Isolation\.timeout"):
            reader.request(b"sleep")
        assert time.monotonic() - start < 5
        assert _reaped(int(first))  # the hung child was killed and collected
        second = reader.request(b"pid")
    finally:
        reader.close()
    assert second != first
    assert int(first) != os.getpid() and int(second) != os.getpid()


@needs_fork
@pytest.mark.parametrize(
    ("how", "message"),
    [(b"exit", "the reader exited with code 3 before answering"), (b"term", "the reader died with SIGTERM")],
)
def test_a_dead_child_gives_a_typed_error_and_the_next_request_gets_a_new_child(how: bytes, message: str) -> None:
    reader = ReaderProcess(_dies, Isolation(timeout=10))
    try:
        first = reader.request(b"pid")
        with pytest.raises(ResourceLimitExceededError, match=message) as raised:
            reader.request(how)
        assert isinstance(raised.value, RolematchError)
        assert raised.value.code == "resource_limit_exceeded"
        assert _reaped(int(first))
        second = reader.request(b"pid")
        assert reader.request(b"pid") == second  # the new child stays, warm
    finally:
        reader.close()
    assert second != first


@needs_fork
def test_the_child_is_replaced_exactly_after_max_requests() -> None:
    reader = ReaderProcess(_pid, Isolation(timeout=10), max_requests=3)
    try:
        pids = [reader.request(b"pid") for _ in range(7)]
    finally:
        reader.close()
    assert pids[0] == pids[1] == pids[2]
    assert pids[3] == pids[4] == pids[5]
    assert len({pids[0], pids[3], pids[6]}) == 3
    assert all(_reaped(int(pid)) for pid in set(pids))


@needs_fork
@needs_linux
def test_a_memory_failure_in_a_used_child_succeeds_on_the_retry_in_a_fresh_one() -> None:
    reader = ReaderProcess(_grows, Isolation(timeout=10, memory_mb=MEMORY_MB))
    try:
        # Each answer comes from a fresh child: the first request in it fits; the second does not,
        # and is retried (once, successfully) in the next fresh child.
        pids = [reader.request(b"go") for _ in range(3)]
    finally:
        reader.close()
    assert len(set(pids)) == 3
    assert all(_reaped(int(pid)) for pid in pids)


@needs_fork
@needs_linux
def test_a_request_that_always_needs_too_much_memory_is_retried_exactly_once(tmp_path: Path) -> None:
    attempts = tmp_path / "attempts"
    reader = ReaderProcess(_always_too_big, Isolation(timeout=10, memory_mb=MEMORY_MB))
    try:
        before = reader.request(b"pid")
        with pytest.raises(ResourceLimitExceededError, match=rf"more than {MEMORY_MB} MB .*Isolation\.memory_mb"):
            reader.request(str(attempts).encode())
        after = reader.request(b"pid")  # the reader goes on, in yet another child
    finally:
        reader.close()
    tried_in = attempts.read_text(encoding="ascii").split()
    assert len(tried_in) == 2  # the first try and exactly one retry
    # The first try ran in the child that had served before; the retry in a fresh one.
    assert tried_in[0] == before
    assert len({*tried_in, after}) == 3


@needs_fork
@needs_linux
@pytest.mark.parametrize(
    ("handler", "timeout", "failing", "error"),
    [(_pid, 1.0, b"sleep", ParseTimeoutError), (_dies, 10.0, b"exit", ResourceLimitExceededError)],
    ids=["after a timeout", "after a death"],
)
def test_closing_releases_the_pipes(
    handler: Callable[[bytes], str], timeout: float, failing: bytes, error: type[Exception]
) -> None:
    """A collected dead child's two pipe ends used to stay open in the parent: 2 fds per crash."""
    before = _open_fds()
    reader = ReaderProcess(handler, Isolation(timeout=timeout))
    reader.request(b"pid")
    with pytest.raises(error):
        reader.request(failing)
    reader.request(b"pid")
    reader.close()
    assert _open_fds() == before


@needs_fork
@needs_linux
def test_a_child_that_died_while_idle_does_not_fail_the_next_request() -> None:
    """It used to fail the next request, blamed on CPU time; now a fresh child serves it."""
    reader = ReaderProcess(_pid, Isolation(timeout=10))
    try:
        first = int(reader.request(b"pid"))
        os.kill(first, signal.SIGKILL)
        deadline = time.monotonic() + 5
        # Wait until it is dead, without collecting it (the reader does that).
        while os.waitid(os.P_PID, first, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        second = int(reader.request(b"pid"))
    finally:
        reader.close()
    assert second != first


# -------------------------------------------------------------------------- the per-thread pool

_NAMES = ["Alice Moreau", "Bruno Keller", "Chen Wei", "Dana Okafor"]
_SKILLS = ["Python, SQL", "Kubernetes, Terraform", "Java, Spring", "React, TypeScript"]


def _document(name: str, skills: str) -> Document:
    """A tiny resume, built as parse_text builds its Document."""
    text = (
        f"{name}\n{name.split()[0].lower()}@example.com\n\n"
        f"Experience\nSoftware Engineer, Acme Corp, 2019 - Present\nBuilt services with {skills}.\n\n"
        f"Skills\n{skills}\n"
    )
    encoded = text.encode("utf-8")
    return Document(
        format="text",
        text=read_text(text, limits=DEFAULT_LIMITS),
        reader="text",
        bytes=len(encoded),
        sha256=hashlib.sha256(encoded).hexdigest(),
    )


# Python 3.12+ warns about fork() in a process with threads; forking from the caller's thread
# (the server's and the batch workers') is this pool's design, and what this test checks.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
@needs_fork
def test_concurrent_threads_each_get_their_own_child_and_their_own_answers() -> None:
    isolation = Isolation(timeout=30)
    threads = 3
    # Thread t asks for resumes t, t+1, ...: each answer must be its own request's, not a neighbour's.
    documents = {t: [_document(_NAMES[(t + i) % 4], _SKILLS[(t + i) % 4]) for i in range(3)] for t in range(threads)}
    # In this process, which also builds the default registry before any fork (as read_in_child does).
    expected = {t: [parse_document(d, as_of=AS_OF).model_dump_json() for d in docs] for t, docs in documents.items()}
    answers: dict[int, list[str]] = {}
    pids: dict[int, set[int]] = {}
    failures: list[BaseException] = []
    start = threading.Barrier(threads, timeout=30)

    def caller(t: int) -> None:
        try:
            start.wait()
            answers[t], pids[t] = [], set()
            for document in documents[t]:
                answers[t].append(read_in_child(("document", document, AS_OF), isolation))
                pids[t].add(_isolation._readers.by_isolation[isolation]._pid)
        except BaseException as error:  # re-raised in the test's thread
            failures.append(error)
        finally:
            close_readers()

    workers = [threading.Thread(target=caller, args=(t,)) for t in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert not any(worker.is_alive() for worker in workers)
    if failures:
        raise failures[0]
    assert answers == expected
    for t in range(threads):
        names = [Resume.model_validate_json(answer).contact.name for answer in answers[t]]
        assert names == [_NAMES[(t + i) % 4] for i in range(3)]
    # One warm child per thread, served all of that thread's requests; none shared; all collected.
    assert all(len(pids[t]) == 1 for t in range(threads))
    children = {pid for t in range(threads) for pid in pids[t]}
    assert len(children) == threads and os.getpid() not in children
    assert all(_reaped(pid) for pid in children)
