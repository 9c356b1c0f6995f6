"""Which library role a posting's title belongs to ("Senior Data Engineer, Payments" -> data-engineer).

The role files' own names and level titles are the vocabulary; the posting's level words are set
aside first, so that "Staff Machine Learning Engineer" compares as "Machine Learning Engineer".
"""

from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz

from .._match import get_role, list_roles
from ._vocabulary import job_vocabulary, phrase_pattern

__all__ = ["family_of"]

_MIN_SIMILARITY = 85.0


@functools.cache
def _level_words() -> re.Pattern[str]:
    return phrase_pattern([w for words in job_vocabulary().level_words.values() for w in words if len(w) > 2])


def _core(title: str) -> str:
    """The title without level words, parentheses and what follows a dash or comma (a team name)."""
    title = re.split(r"\s[-–—|]\s|,|\(|:", title)[0]
    return " ".join(_level_words().sub(" ", title).split()).lower()


def _names(role_id: str) -> list[str]:
    role = get_role(role_id)
    names = [role.spec.name, *(t for level in role.spec.levels for t in level.titles)]
    return [_core(n) for n in names if _core(n)]


def family_of(title: str | None) -> tuple[str | None, float]:
    """The id of the installed role whose name or level titles the title matches best, and how well (0-100);
    None below 85."""
    if not title or not _core(title):
        return None, 0.0
    core = _core(title)
    best: tuple[float, str | None] = (0.0, None)
    for role_id in list_roles():
        score = max((fuzz.token_sort_ratio(core, name) for name in _names(role_id)), default=0.0)
        if score > best[0]:
            best = (score, role_id)
    return (best[1], best[0]) if best[0] >= _MIN_SIMILARITY else (None, best[0])
