"""Pausing Python's cyclic garbage collector while a long-lived structure is built once per process.

Building the taxonomy, a role, the parsing vocabulary or the spaCy pipeline allocates tens of
thousands of container objects that live as long as the process. Python counts them as they are
made and, every so many, runs a full collection that walks every object of the process (spaCy's
and pydantic's included: 50-100 ms each on the benchmark machine) and frees nothing. With the
collector paused while such a structure is built (the technique of Mercurial's ``util.nogc``),
and what the pause made moved to the oldest generation at its end without a walk, its objects
are walked by no young collection and count toward no full one: `import rolematch` and the
first report (which imports spaCy) run without a full collection, where they ran with two
(~0.15 s). Reference counting frees objects as usual; only the detection of reference cycles
waits: a cycle made meanwhile is freed by the next full collection (at start-up, ~50,000 objects
of the imports' and pydantic's schema building wait so, or go at exit).
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
                _promote_young()
                gc.enable()


def _promote_young() -> None:
    """Move every tracked object to the oldest generation without walking it.

    What a pause leaves behind is long-lived (a taxonomy, a pipeline, the modules it imported): left
    young, the next collections would walk all of it twice on its way to the oldest generation (a
    gen-0 then a gen-1 collection, ~80 ms after spaCy's import), and its arrival there would count
    toward the next full collection. ``freeze`` then ``unfreeze`` moves the lists in constant time
    and counts nothing: cycles among these objects are still found, by the next full collection.
    Not done when something is frozen (a forked worker of ours, or the application's own
    ``gc.freeze``): ``unfreeze`` would thaw that too.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


def gc_paused(function: Callable[_P, _T]) -> Callable[_P, _T]:
    """``function`` with the collector paused while it runs (see :func:`paused_gc`)."""

    @functools.wraps(function)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        with paused_gc():
            return function(*args, **kwargs)

    return paused
