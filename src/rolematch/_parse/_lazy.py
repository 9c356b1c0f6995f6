"""Regular expressions compiled on first use, not at import.

The date grammar embeds one large alternation in a dozen patterns; compiling them all costs tens
of milliseconds at every start-up, and some (split and margin dates) serve only a few layouts.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

__all__ = ["lazy_pattern"]


def lazy_pattern(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function returning ``re.compile(pattern, flags)``, compiled on its first call only."""

    @functools.cache
    def compiled() -> re.Pattern[str]:
        return re.compile(pattern, flags)

    return compiled
