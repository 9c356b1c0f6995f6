"""CPU-bound work off the event loop: on the app's bounded thread pool, within the request time budget."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import anyio

from ._errors import Failure
from ._state import Service

__all__ = ["run_bounded"]

T = TypeVar("T")


async def run_bounded(state: Service, work: Callable[[], T]) -> T:
    """The result of ``work`` run on a worker thread; ``Failure("timeout")`` past the time budget.

    The thread pool is bounded (``settings.threads``), so the event loop keeps answering health
    checks however many uploads arrive; each call gets the whole budget.
    """
    timeout = state.settings.request_timeout
    try:
        with anyio.fail_after(timeout):
            return await anyio.to_thread.run_sync(work, limiter=state.limiter, abandon_on_cancel=True)
    except TimeoutError:
        raise Failure("timeout", f"the request took longer than {timeout:g} s") from None
