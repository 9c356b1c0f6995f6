"""What the match stage reads of one resume, kept as long as the resume object lives.

The evidence kinds of a resume's mentions, its weighted mentions and its role-relevant years depend
on the resume (and the taxonomy, role and ``as_of`` they are read with), never on the level: a
resume matched at another level, assessed at every level, or matched against another role or
posting is read once. Entries are keyed by the resume's identity (a frozen resume hashes all its
fields, which costs more than what is saved) and dropped when the resume is collected.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..resume import Resume

__all__ = ["forget_all", "memo_of"]

# id(resume) -> (a weak reference to it, its memo). The weak reference's callback drops the entry
# when the resume is collected, before its id can be given to another object.
_MEMOS: dict[int, tuple[weakref.ref[Resume], dict[Any, Any]]] = {}
_LOCK = threading.Lock()


def memo_of(resume: Resume) -> dict[Any, Any]:
    """The memo of ``resume``: a dict its readers fill, each under keys of its own."""
    key = id(resume)
    found = _MEMOS.get(key)
    if found is not None and found[0]() is resume:
        return found[1]
    with _LOCK:
        found = _MEMOS.get(key)
        if found is not None and found[0]() is resume:
            return found[1]
        memo: dict[Any, Any] = {}
        _MEMOS[key] = (weakref.ref(resume, _dropper(key)), memo)
        return memo


def _dropper(key: int) -> Callable[[weakref.ref[Resume]], None]:
    memos = _MEMOS  # held here: at interpreter exit the module's globals may be gone before the resumes

    def drop(ref: weakref.ref[Resume]) -> None:
        # No lock: a collection may run this in a thread that holds it. The id is not reused
        # before the callback returns, so the entry found is this resume's or none.
        found = memos.get(key)
        if found is not None and found[0] is ref:
            memos.pop(key, None)

    return drop


def forget_all() -> None:
    """Empty every resume's memo (benchmarks time the reading itself)."""
    with _LOCK:
        _MEMOS.clear()
