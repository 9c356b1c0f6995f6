"""The long-lived reader child: one request at a time, garbage freed between requests, cheaply."""

from __future__ import annotations

import gc
import json
import weakref

from rolematch._isolation import Isolation, ReaderProcess


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
