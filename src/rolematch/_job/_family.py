"""Which library role a posting's title belongs to ("Senior Data Engineer, Payments" -> data-engineer).

The role files are the vocabulary: first the title words whose jobs count in full toward a role
(``relevant_title_words``: the longest one the title holds wins, so "ML Platform Engineer" is
MLOps and "ML Engineer" is ML engineering); else the closest role name or level title, with the
posting's level words set aside ("Staff Machine Learning Engineer" compares as "Machine Learning
Engineer").
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


def _title_word(title: str, role_id: str) -> int:
    """The length of the longest of the role's in-role title words the title holds (0 for none)."""
    words = get_role(role_id).spec.relevant_title_words
    lower = f" {' '.join(re.findall(r'[a-z0-9+#]+', title.lower()))} "
    return max((len(w) for w in words if f" {' '.join(re.findall(r'[a-z0-9+#]+', w.lower()))} " in lower), default=0)


def family_of(title: str | None) -> tuple[str | None, float]:
    """The id of the installed role the title belongs to, and how sure (100 for an in-role title word,
    else the similarity to the closest role name or level title); None when no word matches and the
    similarity is below 85."""
    if not title or not _core(title):
        return None, 0.0
    roles = list_roles()
    lengths = {role_id: _title_word(title, role_id) for role_id in roles}
    longest = max(lengths.values(), default=0)
    core = _core(title)
    similarity = {
        role_id: max((fuzz.token_sort_ratio(core, n) for n in _names(role_id)), default=0.0) for role_id in roles
    }
    if longest:  # equal words ("mlops" in two roles' lists): the closer role name decides
        return max((r for r in roles if lengths[r] == longest), key=lambda r: similarity[r]), 100.0
    best = max(roles, key=lambda r: similarity[r], default=None)
    if best is None or similarity[best] < _MIN_SIMILARITY:
        return None, similarity[best] if best else 0.0
    return best, similarity[best]
