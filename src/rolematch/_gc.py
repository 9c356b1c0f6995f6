"""Pausing Python's cyclic garbage collector while a long-lived structure is built once per process.

Building the taxonomy, a role, the parsing vocabulary or the spaCy pipeline allocates tens of
thousands of container objects that live as long as the process. Python counts them as they are
made and, every so many, runs a full collection that walks every object of the process (spaCy's
and pydantic's included: 50-100 ms each on the benchmark machine) and frees nothing. With the
collector paused while such a structure is built, its objects are walked by fewer collections
(the technique of Mercurial's ``util.nogc``): at start-up, about 0.25 million fewer object visits,
one full collection before the first report instead of three. Not used around imports: spaCy's import under a
pause leaves one large young generation to walk, and measured no better. Reference counting frees
objects as usual; only the detection of reference cycles waits (a cycle made meanwhile is freed by
a later collection).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import threading
from collections.abc import Callable, Iterator
from typing import ParamSpec, TypeVar

__all__ = ["gc_paused", "paused_gc"]

_P = ParamSpec("_P")
_T = TypeVar("_T")

_lock = threading.Lock()
_depth = 0  # how many pauses are open, in every thread
_was_enabled = False  # whether the collector ran when the first of them opened


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """The collector off for the block, and back as it was when the outermost pause ends.

    Nested and concurrent pauses count: the state found by the first one is restored by the last.
    """
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()


def gc_paused(function: Callable[_P, _T]) -> Callable[_P, _T]:
    """``function`` with the collector paused while it runs (see :func:`paused_gc`)."""

    @functools.wraps(function)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        with paused_gc():
            return function(*args, **kwargs)

    return paused
